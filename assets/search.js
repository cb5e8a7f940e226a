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
const PAGE_SIZE = 10;  // results fetched at a time: each costs a download of its page's fragment
// A large catalogue has one index per year (data.shards: year -> folder); a search covers the years
// ticked under "Tahun", or data.scope (the newest year) when none is, and merges their indexes.
const SPLIT = Object.keys(data.shards).length > 0;
const YEARS = Object.keys(data.shards).sort().reverse();
const allYearsButton = document.getElementById("semua-tahun");
const moreButton = document.getElementById("lebih-banyak");
let shownResults = [];  // the current search's results not yet shown are fetched on request
const instances = new Map();
let bundle = null;
let latest = 0;

function scopeOf(state) {
  return SPLIT ? (state.filters.tahun || data.scope).filter((year) => year in data.shards).sort().reverse() : [];
}

// One Pagefind instance per scope, kept for the visit; filters are loaded up front so every facet gets counts.
function instanceFor(scope) {
  const key = scope.join(",");
  if (!instances.has(key)) {
    instances.set(key, (async () => {
      bundle ||= await import(data.bundle);
      const instance = SPLIT ? bundle.createInstance({ basePath: data.shards[scope[0]] }) : bundle.createInstance({});
      await instance.options({ baseUrl: data.base });
      for (const year of scope.slice(1)) await instance.mergeIndex(data.shards[year], { baseUrl: data.base });
      await instance.filters();
      return instance;
    })());
  }
  return instances.get(key);
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

function renderFacets(counts, state, scope) {
  if (SPLIT) {
    // Every year can be ticked to widen the search; only searched years have counts.
    const searched = counts.tahun || {};
    counts = { ...counts, tahun: Object.fromEntries(YEARS.map((year) => [year, scope.includes(year) ? searched[year] ?? 0 : null])) };
  }
  const focused = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement.id : "";
  const groups = FILTERS.map((key) => {
    const values = Object.entries(counts[key] || {})
      .filter(([value, count]) => count === null || count > 0 || (state.filters[key] || []).includes(value))
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
      text.textContent = count === null ? label(key, value) : `${label(key, value)} (${count})`;
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
  let scope = scopeOf(state);
  status.textContent = data.texts.memuat;
  list.setAttribute("aria-busy", "true");
  allYearsButton.hidden = !SPLIT || scope.length === YEARS.length;
  try {
    const api = await instanceFor(scope);
    const filters = Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [k, { any: v }]));
    const options = { filters };
    if (state.sort) options.sort = { [state.sort]: state.sort === "tahun" ? "desc" : "asc" };
    const scopeNote = SPLIT ? " " + fill(data.texts.cakupan, { years: scope.join(", ") }) : "";
    moreButton.hidden = true;
    if (!state.query && !hasFilters) {
      const counts = await api.filters();
      if (ticket !== latest) return;
      renderFacets(counts, state, scope);
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let search = await api.search(state.query || null, options);
    let note = scopeNote;
    if (SPLIT && !search.results.length && !state.filters.tahun && scope.length < YEARS.length) {
      // Nothing in the newest year and the visitor chose no year: look in every year before saying "nothing".
      search = await (await instanceFor(YEARS)).search(state.query || null, options);
      note = " " + fill(data.texts.diperluas, { years: scope.join(", ") });
      scope = YEARS;
      allYearsButton.hidden = true;
    }
    const results = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (ticket !== latest) return;
    renderFacets(search.filters, state, scope);
    list.replaceChildren(...results.map(resultItem));
    shownResults = search.results;
    moreButton.hidden = shownResults.length <= PAGE_SIZE;
    const count = search.results.length;
    const shown = state.query || data.texts.saringan;
    const template = count === 0 ? data.texts.nihil : count === 1 ? data.texts.satu : data.texts.hasil;
    status.textContent = fill(template, { count: String(count), query: shown })
      + (count > PAGE_SIZE ? " " + fill(data.texts.ditampilkan, { shown: String(PAGE_SIZE) }) : "") + note;
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
// The next results, appended; focus moves to the first new one so keyboard users continue from there.
moreButton.addEventListener("click", async () => {
  const start = list.children.length;
  const next = await Promise.all(shownResults.slice(start, start + PAGE_SIZE).map((r) => r.data()));
  list.append(...next.map(resultItem));
  moreButton.hidden = list.children.length >= shownResults.length;
  status.textContent = fill(data.texts.ditampilkan, { shown: String(list.children.length) });
  list.children[start]?.querySelector("a")?.focus();
});
allYearsButton.addEventListener("click", () => {
  for (const box of facetsBox.querySelectorAll("input[name=tahun]")) box.checked = true;
  apply(true);
  input.focus();
});
sortSelect.addEventListener("change", () => apply(false));
window.addEventListener("popstate", restore);
restore();
