// The search UI: a box in the header with type-ahead hits, and the search page (search/?q=…)
// with facets, its state in the URL. Everything shown is built with textContent (escaped).
import { Engine } from "./engine.js";

// The site's root, from this module's own address (assets/search/ui.js): nothing a page holds
// can move it — not an element of a case body named like Material's settings (__config).
const root = new URL("../../", import.meta.url);
// Index files are stored compressed (engine.js); a server may also have decoded a .gz file
// already (Content-Encoding), so gzip is undone only when the bytes are still gzip.
async function inflate(bytes, format) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const engine = new Engine({
  async bytes(path) {
    const response = await fetch(new URL("search-index/" + path, root));
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  gunzip: (bytes) => (bytes[0] === 0x1f && bytes[1] === 0x8b ? inflate(bytes, "gzip") : bytes),
  inflateRaw: (bytes) => inflate(bytes, "deflate-raw"),
});

const FACETS = [
  ["council", "審議会"], ["fiscal_year", "年度"], ["kind", "種別"], ["category", "分類"],
  ["department", "担当課"], ["outcome", "結果"],
];
const PAGE = 20;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function snippetNode(snippet) {
  const p = el("p", { class: "archive-hit__snippet" });
  if (snippet.before) p.append("…");
  for (const part of snippet.parts) p.append(part.mark ? el("mark", {}, part.text) : part.text);
  if (snippet.after) p.append("…");
  return p;
}

function facetLabel(field, value) {
  if (field === "council") return engine.councils?.[value] || value;
  if (field === "fiscal_year") {
    if (!value) return "年度不明";
    const y = Number(value);
    const [era, start] = y >= 2019 ? ["令和", 2018] : y >= 1989 ? ["平成", 1988] : ["昭和", 1925];
    const n = y - start;
    return `${era}${n === 1 ? "元" : n}年度(${y}年度)`;
  }
  return value || "不明";
}

function hitNode(hit) {
  const d = hit.doc;
  const title = [d.number, d.title].filter(Boolean).join(" ");
  const meta = [engine.councils?.[d.council] || d.council, d.kind, d.date, hit.section]
    .filter(Boolean).join("・");
  return el("li", { class: "archive-hit" },
    el("a", { href: new URL(hit.url, root).href, class: "archive-hit__title" }, title),
    el("p", { class: "archive-hit__meta" }, meta), snippetNode(hit.snippet));
}

// --- the search page ------------------------------------------------------------------------
async function searchPage() {
  const input = document.getElementById("archive-search-q");
  const status = document.getElementById("archive-search-status");
  const list = document.getElementById("archive-search-results");
  const facets = document.getElementById("archive-search-facets");
  const more = document.getElementById("archive-search-more");
  const params = new URLSearchParams(location.search);
  const q = params.get("q") || "";
  const widen = params.get("widen") === "1";
  input.value = q;
  document.getElementById("archive-search-widen").checked = widen;
  if (!q.trim()) return;
  const filters = {};
  for (const [f] of FACETS) if (params.get(f)) filters[f] = params.get(f);
  status.textContent = "検索しています…";
  await engine.init();
  engine.councils = engine.councilNames;
  // The first page at once (it reads little), then the complete list for the count and facets.
  const first = await engine.search(q, { limit: PAGE, filters, widen });
  let hits = first.hits;
  if (!first.complete) {
    status.textContent = `「${q}」${widen ? "（同義語・年の表記違いを含む）" : ""}に一致するページ：${PAGE}件以上（すべてを数えています…）`;
    for (const h of hits) list.append(hitNode(h));
  }
  const all = await engine.search(q, { limit: Infinity, widen });
  // The hits already shown keep their places; the complete list continues after them.
  const shownDocs = new Set(hits.map((h) => h.doc.id));
  hits = hits.concat(all.hits.filter((h) => engine.passes(h.doc, filters) && !shownDocs.has(h.doc.id)));
  const widened = widen ? "（同義語・年の表記違いを含む）" : "";
  status.textContent = `「${q}」${widened}に一致するページ：${hits.length}件` +
    (Object.keys(filters).length ? `（絞り込み中・全体では${all.hits.length}件）` : "");
  let shown = first.complete ? 0 : first.hits.length;
  const showMore = () => {
    for (const h of hits.slice(shown, shown + PAGE)) list.append(hitNode(h));
    shown = Math.min(hits.length, shown + PAGE);
    more.hidden = shown >= hits.length;
  };
  more.addEventListener("click", () => { const first = shown; showMore(); list.children[first]?.querySelector("a")?.focus(); });
  if (first.complete) showMore(); else more.hidden = shown >= hits.length;
  for (const [field, name] of FACETS) {
    const counts = new Map();
    for (const h of all.hits) {
      const values = Array.isArray(h.doc[field]) ? h.doc[field] : [h.doc[field]];
      for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    }
    if (counts.size < 1) continue;
    const group = el("ul", {});
    for (const [value, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      const next = new URLSearchParams(params);
      const active = filters[field] === String(value);
      if (active) next.delete(field); else next.set(field, value);
      const a = el("a", { href: "?" + next.toString() }, `${facetLabel(field, value)}（${n}）`);
      if (active) a.setAttribute("aria-current", "true");
      group.append(el("li", {}, a));
    }
    facets.append(el("section", { "aria-label": name }, el("h2", {}, name), group));
  }
}

// --- the header box: type-ahead -----------------------------------------------------------------
function headerBox() {
  const inner = document.querySelector(".md-header__inner");
  if (!inner || document.getElementById("archive-search-q")) return;
  const form = el("form", { class: "archive-typeahead", role: "search", action: new URL("search/", root).href,
                            method: "get", "aria-label": "アーカイブ内検索" });
  const input = el("input", { type: "search", name: "q", placeholder: "検索", "aria-label": "検索語",
                              autocomplete: "off", role: "combobox", "aria-expanded": "false",
                              "aria-controls": "archive-typeahead-list", "aria-autocomplete": "list" });
  const list = el("ul", { id: "archive-typeahead-list", role: "listbox", class: "archive-typeahead__list", hidden: "" });
  form.append(input, list);
  inner.append(form);
  let seq = 0, active = -1;
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
  input.addEventListener("input", async () => {
    const mine = ++seq;
    const q = input.value;
    if (!q.trim()) { close(); return; }
    await engine.init();
    engine.councils = engine.councilNames;
    const result = await engine.search(q, { limit: 5 });
    if (mine !== seq) return;
    list.replaceChildren(...result.hits.map((h, i) => {
      const li = el("li", { role: "option", id: `archive-typeahead-${i}` },
        el("a", { href: new URL(h.url, root).href, tabindex: "-1" }, [h.doc.number, h.doc.title].filter(Boolean).join(" ")),
        snippetNode(h.snippet));
      return li;
    }));
    const all = el("li", { role: "option", id: "archive-typeahead-all" },
      el("a", { href: new URL("search/?q=" + encodeURIComponent(q), root).href, tabindex: "-1" },
        result.hits.length ? "すべての結果を見る" : "一致するページはありません（検索ページへ）"));
    list.append(all);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  });
  input.addEventListener("keydown", (event) => {
    const options = [...list.querySelectorAll("[role=option]")];
    if (event.key === "Escape") { close(); return; }
    if (!options.length || list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length;
      options.forEach((o, i) => o.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", options[active].id);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = options[active].querySelector("a").href;
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 200));
}

headerBox();
if (document.getElementById("archive-search-results")) searchPage();
