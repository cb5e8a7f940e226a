// Search page: Pagefind's JavaScript API behind our own accessible form and result list.
// The query lives in the URL (?q=...), so a search can be bookmarked, shared and reloaded.
const texts = document.getElementById("teks-cari").dataset;
const form = document.getElementById("form-cari");
const input = document.getElementById("kata-cari");
const status = document.getElementById("status-cari");
const list = document.getElementById("hasil-cari");
const basePath = new URL(form.action).pathname.replace(/cari\/$/, "");
let pagefind = null;
let latest = 0;

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(texts.pagefind);
    await pagefind.options({ baseUrl: basePath });
  }
  return pagefind;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
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

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "card-meta";
  const filters = data.filters || {};
  meta.textContent = [filters.opd, filters.tahun, filters.tahapan].filter(Boolean).map((v) => v.join(", ")).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

async function run(query) {
  const ticket = ++latest;
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = texts.memuat;
  try {
    const api = await loadPagefind();
    const search = await api.search(query);
    const data = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    if (ticket !== latest) return;
    list.replaceChildren(...data.map(resultItem));
    const count = search.results.length;
    const template = count === 0 ? texts.nihil : count === 1 ? texts.satu : texts.hasil;
    status.textContent = fill(template, { count: String(count), query });
  } catch (error) {
    if (ticket === latest) status.textContent = texts.gagal;
    throw error;
  }
}

function queryFromUrl() {
  return new URLSearchParams(window.location.search).get("q") || "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  window.history.pushState({}, "", url);
  run(input.value);
});

window.addEventListener("popstate", () => {
  input.value = queryFromUrl();
  run(input.value);
});

input.value = queryFromUrl();
run(input.value);
