// The search page (search/?q=…): every confirmed hit, each with the speaker turns and sections
// that hold the words; facets whose counts are those of the current selection; the selection
// as removable chips; sort by relevance or date; a date range (和暦 or 西暦); 根拠条文; and, when
// nothing matches, what was searched and how to widen it. The whole state is in the URL.
import { docTitle, el, engine, href, snippetNode } from "./browser.js";
import { parseDate, wareki } from "./dates.js";
import { META, NONE, TURN, UNIT_BUDGET, passes } from "./engine.js";

// Facets: a field of the document table (or the speakers of the matching turns), its name.
const FACETS = [
  ["council", "審議会"], ["fiscal_year", "年度"], ["kind", "種別"], ["category", "分類"],
  ["department", "担当課"], ["outcome", "結果"], ["speaker", "発言者"],
];
const PAGE = 20;        // hits per 「さらに表示」
const UNITS_SHOWN = 5;  // matching turns and sections shown under a hit before 「残り…件を表示」
const SORTS = [["", "関連度順"], ["new", "新しい順"], ["old", "古い順"]];


function fiscalYearLabel(value) {
  if (!value) return "年度不明";
  const y = Number(value);
  const [era, start] = y >= 2019 ? ["令和", 2018] : y >= 1989 ? ["平成", 1988] : ["昭和", 1925];
  const n = y - start;
  return `${era}${n === 1 ? "元" : n}年度（${y}年度）`;
}

function facetLabel(field, value) {
  if (value === NONE) value = "";
  if (field === "council") return engine.councilNames?.[value] || value;
  if (field === "fiscal_year") return fiscalYearLabel(value);
  if (field === "outcome") return value || "答申未登録";
  return value || "不明";
}

// The values a hit has for a facet. 結果 belongs to cases: a meeting has none (not 不明).
function valuesOf(hit, field) {
  if (field === "speaker") return hit.speakers;
  if (field === "outcome" && hit.doc.kind === "会議") return [];
  const v = hit.doc[field];
  return Array.isArray(v) ? v : [v];
}

// Whether a hit passes the filters, leaving one field out (a facet's own counts: choosing
// another value of it replaces the chosen one).
function keeps(hit, filters, except = null) {
  const rest = { ...filters };
  if (except) delete rest[except];
  if (rest.speaker && !hit.speakers.includes(rest.speaker)) return false;
  return passes(hit.doc, rest);
}

function sortHits(hits, sort) {
  if (!sort) return hits;
  const sign = sort === "new" ? -1 : 1;
  // Pages without a date last, whichever the order.
  return [...hits].sort((a, b) => (!a.doc.iso - !b.doc.iso) ||
    sign * (a.doc.iso < b.doc.iso ? -1 : a.doc.iso > b.doc.iso ? 1 : 0) || b.score - a.score);
}

function link(params, changes) {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") next.delete(k); else next.set(k, v);
  }
  return "?" + next.toString();
}

// One hit: its title (to its best turn or section), where it is from, and every matching turn
// and section (the first few, then a button for the rest).
function hitNode(hit, speaker) {
  const d = hit.doc;
  const units = speaker ? hit.units.filter((u) => u.kind === TURN && u.label === speaker) : hit.units;
  const meta = [engine.councilNames?.[d.council] || d.council, d.kind, d.date].filter(Boolean).join("・");
  const li = el("li", { class: "archive-hit", "data-doc": String(d.id) },
    el("a", { href: href(units[0]?.url || hit.url), class: "archive-hit__title" }, docTitle(d)),
    el("p", { class: "archive-hit__meta" }, meta));
  if (hit.browse) return li;
  // The page's metadata (title, 概要, 会議次第 …) is not quoted: a match there is said in words.
  const body = units.filter((u) => u.kind !== META);
  if (hit.metaOnly || !body.length) {
    li.append(el("p", { class: "archive-hit__note" },
      "本文・審議経過にはなく、ページの概要（審議会名・件名・日付・会議次第など）に一致しました。"));
    return li;
  }
  const turns = body.filter((u) => u.kind === TURN).length;
  const what = turns === body.length ? "発言" : turns ? "発言・箇所" : "箇所";
  li.append(el("p", { class: "archive-hit__count" }, `一致した${what}：${body.length}件${hit.more ? "以上" : ""}`));
  if (hit.more) {
    // Not read yet (UNIT_BUDGET; the 発言者 facet then waits for a narrower search): read this
    // page's other candidate chunks, then draw it again.
    const load = el("button", { type: "button", class: "md-button archive-hit__load" }, "この一致箇所をすべて表示");
    load.addEventListener("click", async () => {
      load.disabled = true;
      const whole = await engine.allUnits(hit, speaker);
      const node = hitNode(whole, speaker);
      li.replaceWith(node);
      node.querySelector(".archive-hit__all")?.click();
      node.querySelector(".archive-hit__unit")?.focus();
    });
    li.append(load);
  }
  const list = el("ul", { class: "archive-hit__units" });
  const item = (u) => el("li", {},
    el("a", { href: href(u.url), class: "archive-hit__unit" }, u.kind === TURN ? `${u.label}の発言` : (u.label || "ページの冒頭")),
    u.bySpeaker ? el("span", { class: "archive-hit__spoken" }, "（発言者に一致・会議録の表記：", el("mark", {}, u.speaker), "）") : null,
    snippetNode(u.snippet));
  for (const u of body.slice(0, UNITS_SHOWN)) list.append(item(u));
  li.append(list);
  if (body.length > UNITS_SHOWN) {
    const rest = body.length - UNITS_SHOWN;
    const button = el("button", { type: "button", class: "md-button archive-hit__all" },
      `残り${rest}件の${what}を表示`);
    button.addEventListener("click", () => {
      const first = list.children.length;
      for (const u of body.slice(UNITS_SHOWN)) list.append(item(u));
      button.remove();
      list.children[first]?.querySelector("a")?.focus();
    });
    li.append(button);
  }
  return li;
}

// The chosen filters, each a chip that removes it, and 「すべて解除」.
function chipsNode(params, chosen) {
  if (!chosen.length) return null;
  const list = el("ul", { class: "archive-chips__list" });
  for (const { keys, text } of chosen) {
    const off = Object.fromEntries(keys.map((k) => [k, null]));
    list.append(el("li", {}, el("a", { href: link(params, off), class: "archive-chip",
                                        "aria-label": `${text} の絞り込みを解除` },
      text, el("span", { "aria-hidden": "true", class: "archive-chip__x" }, "×"))));
  }
  const all = Object.fromEntries(chosen.flatMap(({ keys }) => keys.map((k) => [k, null])));
  list.append(el("li", {}, el("a", { href: link(params, all), class: "archive-chip archive-chip--clear" }, "すべて解除")));
  return el("div", { class: "archive-chips", role: "group", "aria-label": "絞り込み条件" },
    el("span", { class: "archive-chips__label" }, "絞り込み条件："), list);
}

// Nothing found: what was searched, and the ways to widen it that would change the result.
function emptyNode(q, terms, params, chosen, widen) {
  const box = el("div", { class: "archive-empty" });
  box.append(el("h2", {}, "一致するページはありません"));
  const searched = el("ul", {});
  if (terms.length) searched.append(el("li", {}, "検索語：", ...terms.flatMap((t, i) => [i ? "、" : "",
    el("code", {}, t.exclude ? `-${t.raw}` : t.raw), t.raw !== t.norm ? `（${t.norm} として照合）` : ""])));
  searched.append(el("li", {}, widen ? "同義語と年の表記違いも探しました" : "書かれたとおりの文字列だけを探しました"));
  for (const c of chosen) searched.append(el("li", {}, `絞り込み：${c.text}`));
  box.append(el("p", {}, "検索した条件："), searched);
  const ideas = el("ul", {});
  if (!widen) ideas.append(el("li", {}, el("a", { href: link(params, { widen: "1" }) },
    "同義語と年の表記違いも探す（例：漏洩と漏えい、2021年と令和3年）")));
  if (chosen.length) {
    const all = Object.fromEntries(chosen.flatMap(({ keys }) => keys.map((k) => [k, null])));
    ideas.append(el("li", {}, el("a", { href: link(params, all) }, "絞り込みをすべて解除して探す")));
  }
  const positive = terms.filter((t) => !t.exclude);
  if (terms.length > 1) {
    for (const t of terms) {
      const rest = terms.filter((x) => x !== t).map((x) => (x.exclude ? "-" : "") + (/\s/.test(x.raw) ? `"${x.raw}"` : x.raw));
      if (!rest.some((r) => !r.startsWith("-"))) continue;
      ideas.append(el("li", {}, el("a", { href: link(params, { q: rest.join(" ") }) }, `「${t.raw}」を外して探す`)));
    }
  }
  // A term that is a date (2021年3月, 令和3年3月5日): the pages of that date, by the date range.
  for (const t of positive) {
    const range = parseDate(t.raw);
    if (!range || !/[年\-/.]/.test(t.raw)) continue;
    const rest = terms.filter((x) => x !== t).map((x) => (x.exclude ? "-" : "") + x.raw).join(" ");
    ideas.append(el("li", {}, el("a", { href: link(params, { q: rest || null, from: t.raw, to: t.raw }) },
      `日付が「${t.raw}」のページを探す（期間で絞り込み）`)));
  }
  if (ideas.children.length) box.append(el("p", {}, "次の方法で広げて探せます："), ideas);
  return box;
}

export async function searchPage() {
  const input = document.getElementById("archive-search-q");
  const status = document.getElementById("archive-search-status");
  const list = document.getElementById("archive-search-results");
  const facets = document.getElementById("archive-search-facets");
  const more = document.getElementById("archive-search-more");
  const tools = document.getElementById("archive-search-tools");
  const form = input.form;
  const params = new URLSearchParams(location.search);
  const q = params.get("q") || "";
  const widen = params.get("widen") === "1";
  const sort = SORTS.some(([k]) => k && k === params.get("sort")) ? params.get("sort") : "";
  input.value = q;
  document.getElementById("archive-search-widen").checked = widen;
  for (const name of ["from", "to", "article"]) form.elements[name].value = params.get(name) || "";
  form.elements.sort.value = sort;
  // The chosen facets travel with the form (a new query keeps them; the chips remove them).
  for (const [f] of FACETS) {
    if (params.get(f)) form.append(el("input", { type: "hidden", name: f, value: params.get(f) }));
  }
  const filters = {};
  const chosen = [];
  for (const [f, name] of FACETS) {
    if (!params.get(f)) continue;
    filters[f] = params.get(f);
    chosen.push({ keys: [f], make: () => `${name}：${facetLabel(f, filters[f])}` });
  }
  const errors = [];
  const from = params.get("from") ? parseDate(params.get("from")) : null;
  const to = params.get("to") ? parseDate(params.get("to")) : null;
  for (const [name, raw, parsed] of [["開始", params.get("from"), from], ["終了", params.get("to"), to]]) {
    if (raw && !parsed) errors.push(`期間の${name}「${raw}」を日付として読めませんでした（例：令和3年4月、2021年4月1日、2021-04）。この条件は使っていません。`);
  }
  if (from) filters.from = from.start;
  if (to) filters.to = to.end;
  if (from || to) {
    chosen.push({ keys: ["from", "to"],
                  make: () => `期間：${from ? wareki(from.start) : ""}〜${to ? wareki(to.end) : ""}` });
  }
  if (params.get("article")) {
    filters.article = params.get("article");
    chosen.push({ keys: ["article"], make: () => `根拠条文：${filters.article}` });
  }
  const errorBox = document.getElementById("archive-search-errors");
  errorBox.replaceChildren(...errors.map((e) => el("p", {}, e)));
  errorBox.hidden = !errors.length;
  if (!q.trim() && !Object.keys(filters).length) return;

  const widened = widen ? "（同義語・年の表記違いを含む）" : "";
  status.textContent = "検索しています…";
  await engine.init();
  for (const c of chosen) c.text = c.make();
  const speaker = filters.speaker || "";
  // The first page at once (it reads little) when ranked by relevance; then the complete list
  // with every matching turn, for the count, the facets and the date order.
  let shownDocs = [];
  if (!sort && q.trim()) {
    const first = await engine.search(q, { limit: PAGE, filters, widen });
    if (!first.complete) {
      status.textContent = `「${q}」${widened}に一致するページ：${PAGE}件以上（すべてを数えています…）`;
      list.replaceChildren(...first.hits.map((h) => hitNode(h, speaker)));
      shownDocs = first.hits.map((h) => h.doc.id);
    }
  }
  // No words, only conditions (a date range, an article, a facet): every page that meets them,
  // newest first unless asked otherwise.
  const all = q.trim() ? await engine.search(q, { limit: Infinity, widen, unitBudget: UNIT_BUDGET,
                                                  units: speaker ? "all" : undefined })
    : { terms: [], hits: engine.docs.map((doc) => ({ doc, score: 0, units: [], speakers: [], url: doc.url, browse: true })) };
  const order = q.trim() ? sort : sort || "new";
  const byDoc = new Map(all.hits.map((h) => [h.doc.id, h]));
  // The hits already shown keep their places; the complete list continues after them.
  const shownSet = new Set(shownDocs);
  const matching = sortHits(all.hits.filter((h) => keeps(h, filters)), order);
  const hits = shownDocs.map((id) => byDoc.get(id)).filter((h) => h && keeps(h, filters))
    .concat(matching.filter((h) => !shownSet.has(h.doc.id)));
  const turns = hits.reduce((n, h) => n + h.units.filter((u) => u.kind === TURN && (!speaker || u.label === speaker)).length, 0);
  status.textContent = (q.trim() ? `「${q}」${widened}に一致するページ：${hits.length}件` : `条件に合うページ：${hits.length}件`) +
    (turns ? `（一致した発言 ${turns}件${all.unitsComplete === false ? "以上" : ""}）` : "") +
    (chosen.length && q.trim() ? `（絞り込み中・全体では${all.hits.length}件）` : "") +
    (order ? `・${SORTS.find(([k]) => k === order)[1]}` : "");

  // Tools: the sort order as links, the chosen filters as chips.
  const sorts = el("p", { class: "archive-sort" }, "並び順：");
  SORTS.filter(([k]) => k || q.trim()).forEach(([k, name], i) => {
    if (i) sorts.append(" ｜ ");
    sorts.append(k === order ? el("strong", { "aria-current": "true" }, name) : el("a", { href: link(params, { sort: k }) }, name));
  });
  tools.replaceChildren(...[sorts, chipsNode(params, chosen)].filter(Boolean));

  const focusedHref = list.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
  let shown = 0;
  list.replaceChildren();
  const showMore = () => {
    for (const h of hits.slice(shown, shown + PAGE)) list.append(hitNode(h, speaker));
    shown = Math.min(hits.length, shown + PAGE);
    more.hidden = shown >= hits.length;
  };
  more.onclick = () => { const at = shown; showMore(); list.children[at]?.querySelector("a")?.focus(); };
  showMore();
  while (shown < shownDocs.length) showMore();
  if (focusedHref) list.querySelector(`a[href="${CSS.escape(focusedHref)}"]`)?.focus();
  if (!hits.length) list.replaceChildren(el("li", { class: "archive-empty-item" }, emptyNode(q, all.terms, params, chosen, widen)));

  // Facets: each value's count is the number of pages the current selection would show with
  // it (the other fields' choices applied); choosing it again removes it.
  facets.replaceChildren();
  facets.parentElement.classList.toggle("archive-search__layout--nofacets", !all.hits.length);
  for (const [field, name] of FACETS) {
    if (field === "speaker" && !all.unitsComplete) {
      facets.append(el("section", { "aria-labelledby": "archive-facet-speaker" },
        el("h2", { id: "archive-facet-speaker" }, name),
        el("p", { class: "archive-search__help" },
          "一致する発言が多いため、発言者の一覧は語を加えるか他の条件で絞ると表示します。各ページの「この一致箇所をすべて表示」で発言を読み込めます。")));
      continue;
    }
    const counts = new Map();
    for (const h of all.hits) {
      if (!keeps(h, filters, field)) continue;
      for (const v of new Set(valuesOf(h, field))) counts.set(v, (counts.get(v) || 0) + 1);
    }
    const chosenValue = filters[field] === NONE ? "" : filters[field];
    if (filters[field] && !counts.has(chosenValue)) counts.set(chosenValue, 0);
    if (!counts.size) continue;
    const group = el("ul", {});
    // 年度 newest first (年度不明 last); the others by count.
    const values = [...counts].sort(field === "fiscal_year"
      ? (a, b) => (!a[0] - !b[0]) || String(b[0]).localeCompare(String(a[0]))
      : (a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]), "ja"));
    for (const [value, n] of values) {
      const key = value === "" || value === null || value === undefined ? NONE : String(value);
      const active = filters[field] === key;
      const a = el("a", { href: link(params, { [field]: active ? null : key }), "data-count": String(n),
                          "data-field": field }, `${facetLabel(field, value)}（${n}）`);
      if (active) {
        a.setAttribute("aria-current", "true");
        a.setAttribute("aria-label", `${facetLabel(field, value)}（${n}件、選択中：選ぶと解除）`);
      }
      group.append(el("li", {}, a));
    }
    facets.append(el("section", { "aria-labelledby": `archive-facet-${field}` },
      el("h2", { id: `archive-facet-${field}` }, name), group));
  }
}
