// The search UI: a box in the header with type-ahead hits on every page; on the search page
// (search/?q=…) the results, facets and options (page.js, loaded only there).
import { docTitle, el, engine, href, snippetNode } from "./browser.js";

// --- the header box: type-ahead -----------------------------------------------------------------
function headerBox() {
  const inner = document.querySelector(".md-header__inner");
  if (!inner || document.getElementById("archive-search-q")) return;
  const form = el("form", { class: "archive-typeahead", role: "search", action: href("search/"),
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
    const result = await engine.search(q, { limit: 5 });
    if (mine !== seq) return;
    list.replaceChildren(...result.hits.map((h, i) => {
      const li = el("li", { role: "option", id: `archive-typeahead-${i}` },
        el("a", { href: href(h.url), tabindex: "-1" }, docTitle(h.doc)),
        // The page's metadata is not quoted (page.js says where a match there is).
        h.metaOnly ? el("p", {}, "ページの概要に一致") : snippetNode(h.snippet));
      return li;
    }));
    const all = el("li", { role: "option", id: "archive-typeahead-all" },
      el("a", { href: href("search/?q=" + encodeURIComponent(q)), tabindex: "-1" },
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
if (document.getElementById("archive-search-results")) {
  import("./page.js").then(({ searchPage }) => searchPage());
}
