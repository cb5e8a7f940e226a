// Search page: Pagefind's JavaScript API behind our own accessible form, facets and result list.
// The query, the chosen filters and the sort live in the URL (?q=sampah&opd=...&tahun=2024), so a
// search can be bookmarked and shared, and the back button and a reload restore it.
const data = JSON.parse(document.getElementById("data-cari").textContent);
const form = document.getElementById("form-cari");
const input = document.getElementById("kata-cari");
const sortSelect = document.getElementById("urutan-cari");
const facetsBox = document.getElementById("saring-cari");
const status = document.getElementById("status-cari");
const list = document.getElementById("hasil-cari");
const FILTERS = data.filters.map(([key]) => key);
const FILTER_LABELS = Object.fromEntries(data.filters);
const PAGE_SIZE = 20;
let pagefind = null;
let latest = 0;

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(data.bundle);
    await pagefind.options({ baseUrl: data.base });
    // Load every filter's index up front: otherwise a search only reports counts for filters in use.
    await pagefind.filters();
  }
  return pagefind;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of FILTERS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return { query: params.get("q") || "", filters, sort: params.get("urut") || "" };
}

function urlFromState(state) {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const [key, values] of Object.entries(state.filters)) values.forEach((v) => params.append(key, v));
  if (state.sort) params.set("urut", state.sort);
  const query = params.toString();
  return window.location.pathname + (query ? "?" + query : "");
}

function currentState() {
  const filters = {};
  for (const box of facetsBox.querySelectorAll("input[type=checkbox]:checked")) {
    (filters[box.name] ||= []).push(box.value);
  }
  return { query: input.value.trim(), filters, sort: sortSelect.value };
}

function label(key, value) {
  return key === "opd" ? data.opd_names[value] || value : value;
}

// Pagefind's excerpt marks matches with <mark>; copy only text and marks, never markup.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  return Array.from(parsed.body.childNodes, (node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(result) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "card-meta";
  meta.textContent = [result.meta.opd, result.meta.tahun, result.meta.tahapan].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

function renderFacets(counts, state) {
  const focused = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : "";
  const groups = FILTERS.map((key) => {
    const values = Object.entries(counts[key] || {})
      .filter(([value, count]) => count > 0 || (state.filters[key] || []).includes(value))
      .sort((a, b) => (key === "tahun" ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
    if (!values.length) return null;
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = FILTER_LABELS[key];
    fieldset.append(legend);
    for (const [value, count] of values) {
      const row = document.createElement("div");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = key;
      box.value = value;
      box.id = `saring-${key}-${value}`.replace(/[^\w-]/g, "-");
      box.checked = (state.filters[key] || []).includes(value);
      const text = document.createElement("label");
      text.htmlFor = box.id;
      text.textContent = `${label(key, value)} (${count})`;
      row.append(box, text);
      fieldset.append(row);
    }
    return fieldset;
  }).filter(Boolean);
  facetsBox.replaceChildren(...groups);
  if (focused) document.getElementById(focused)?.focus();  // keep keyboard users where they were
}

async function run(state) {
  const ticket = ++latest;
  const hasFilters = Object.keys(state.filters).length > 0;
  status.textContent = data.texts.memuat;
  list.setAttribute("aria-busy", "true");
  try {
    const api = await loadPagefind();
    const filters = Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [k, { any: v }]));
    const options = { filters };
    if (state.sort) options.sort = { [state.sort]: state.sort === "tahun" ? "desc" : "asc" };
    if (!state.query && !hasFilters) {
      if (ticket !== latest) return;
      renderFacets(await api.filters(), state);
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const search = await api.search(state.query || null, options);
    const results = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (ticket !== latest) return;
    renderFacets(search.filters, state);
    list.replaceChildren(...results.map(resultItem));
    const count = search.results.length;
    const shown = state.query || data.texts.saringan;
    const template = count === 0 ? data.texts.nihil : count === 1 ? data.texts.satu : data.texts.hasil;
    status.textContent = fill(template, { count: String(count), query: shown })
      + (count > PAGE_SIZE ? " " + fill(data.texts.ditampilkan, { shown: String(PAGE_SIZE) }) : "");
  } catch (error) {
    if (ticket === latest) status.textContent = data.texts.gagal;
    throw error;
  } finally {
    if (ticket === latest) list.removeAttribute("aria-busy");
  }
}

function apply(push) {
  const state = currentState();
  const url = urlFromState(state);
  if (push) window.history.pushState({}, "", url);
  else window.history.replaceState({}, "", url);
  run(state);
}

function restore() {
  const state = stateFromUrl();
  input.value = state.query;
  sortSelect.value = state.sort;
  run(state);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply(true);
});
facetsBox.addEventListener("change", () => apply(true));
sortSelect.addEventListener("change", () => apply(false));
window.addEventListener("popstate", restore);
restore();
