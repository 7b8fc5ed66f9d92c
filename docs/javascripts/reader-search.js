// The search page (sok/): reads q and revision from the URL, asks the Pagefind
// bundle served by this site, and lists one link per matching section, pointing
// at the paragraph the first hit is in. Loads nothing from other hosts.
const MAX_PAGES = 20;
const BLOCK_ELEMENTS = new Set(["p", "li"]);

const root = document.getElementById("search-page");
const ALL = root.dataset.all; // the `revision` value that searches every revision (set by the build)
const status = document.getElementById("search-status");
const output = document.getElementById("search-results");

function element(tag, attrs = {}, text = null) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  if (text !== null) el.textContent = text;
  return el;
}

// Sections with more and stronger hits (headings weigh more) come first.
function sectionScore(sub) {
  return (sub.weighted_locations || []).reduce((sum, w) => sum + w.balanced_score, 0);
}

// The paragraph or list item the section's first hit falls in, else the section.
function bestAnchor(page, sub) {
  const first = Math.min(...sub.locations);
  const start = sub.anchor ? sub.anchor.location : 0;
  let found = null;
  for (const anchor of page.anchors || []) {
    if (anchor.location > first) break;
    if (anchor.location >= start && BLOCK_ELEMENTS.has(anchor.element)) found = anchor;
  }
  return found ? found.id : sub.anchor ? sub.anchor.id : null;
}

function withAnchor(url, id) {
  return id ? `${url.split("#")[0]}#${id}` : url;
}

function sectionHits(page) {
  const subs = page.sub_results && page.sub_results.length ? page.sub_results : [
    { title: page.meta.title, url: page.url, locations: page.locations,
      weighted_locations: page.weighted_locations, excerpt: page.excerpt },
  ];
  return subs
    .filter((sub) => sub.locations && sub.locations.length)
    .map((sub) => ({ page, sub, score: sectionScore(sub), anchor: bestAnchor(page, sub) }))
    .sort((a, b) => b.score - a.score);
}

function renderHit({ page, sub, anchor }) {
  const item = element("li", { class: "search-result" });
  const heading = element("h2", { class: "search-result__title" });
  const link = element("a", { href: withAnchor(sub.url, anchor) });
  link.textContent = sub.title === page.meta.title ? page.meta.title : sub.title;
  heading.append(link);
  item.append(heading);
  item.append(element("p", { class: "search-result__source" }, page.meta.title));
  const excerpt = element("p", { class: "search-result__excerpt" });
  excerpt.innerHTML = sub.excerpt; // Pagefind escapes the text and adds only <mark>
  item.append(excerpt);
  return item;
}

function scopeLabel(revision) {
  if (revision === ALL) return "alla versioner";
  const option = root.querySelector(`#sok-revision option[value="${CSS.escape(revision)}"]`);
  return option ? option.textContent.trim() : revision;
}

async function run() {
  const params = new URLSearchParams(window.location.search);
  const query = (params.get("q") || "").trim();
  const revision = params.get("revision") || root.dataset.defaultRevision;
  document.getElementById("sok-q").value = query;
  const select = document.getElementById("sok-revision");
  if ([...select.options].some((o) => o.value === revision)) select.value = revision;
  if (!query) {
    status.textContent = "Skriv ett eller flera sökord och välj version.";
    return;
  }
  status.textContent = "Söker …";
  const bundle = new URL(root.dataset.bundle, window.location.href);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options({ baseUrl: new URL(root.dataset.siteRoot, window.location.href).pathname });
  const filters = revision === ALL ? {} : { revision };
  const search = await pagefind.search(query, { filters });
  const pages = await Promise.all(search.results.slice(0, MAX_PAGES).map((r) => r.data()));
  const hits = pages.flatMap(sectionHits);
  const list = element("ol", { class: "search-results__list" });
  hits.forEach((hit) => list.append(renderHit(hit)));
  output.replaceChildren(list);
  const count = hits.length === 1 ? "1 avsnitt" : `${hits.length} avsnitt`;
  status.textContent = hits.length
    ? `${count} i ${scopeLabel(revision)} matchar ”${query}”.`
    : `Inga träffar för ”${query}” i ${scopeLabel(revision)}.`;
  document.title = `${query} – ${document.title}`;
  root.dataset.state = "done";
}

run().catch((error) => {
  status.textContent = "Sökningen kunde inte köras. Försök igen eller läs texten under Alla versioner.";
  root.dataset.state = "error";
  console.error(error);
});
