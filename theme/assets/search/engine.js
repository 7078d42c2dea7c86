// Planning and running a query on the index (reader.js reads it): which postings lists to read
// and in which order, confirming every candidate on the text, ranking, filters, and each hit's
// matching units — every speaker turn and section of the page that contains a term. Shared by
// the browser client (ui.js, page.js) and scripts/search.mjs (Node).
import { normalize, normalizeMap } from "./normalize.js";
import { IndexReader, META, TURN, searchable, tokensOf, trigramsOf } from "./reader.js";

export { META, TURN } from "./reader.js";

const HARD = "\n";
const SKIP = 64;
// A page whose terms are found only in its metadata (title, 概要, 会議次第 …: a council's name
// holds 個人情報) still matches — every page that contains the words is listed — but ranks
// after the pages that say them in their documents or minutes.
const META_ONLY = 0.25;
// The search page reads every matching turn of every hit with its complete list when that is at
// most this many more text chunks (≈1.3 KB each); past it (a common word on a large archive)
// each hit reads its own when asked (allUnits).
export const UNIT_BUDGET = 150;

// chunk → the smallest count, for the chunks in every list.
function intersect(first, others) {
  const out = new Map();
  for (const [c, f] of first) {
    let min = f, ok = true;
    for (let i = 0; i < others.length && ok; i++) {
      const g = others[i].get(c);
      if (g === undefined) ok = false; else min = Math.min(min, g);
    }
    if (ok) out.set(c, min);
  }
  return out;
}

// A unit's searchable strings normalised, and its text's map back to the original (snippets):
// kept on the unit, which the reader caches with its chunk, so a unit is normalised once.
function normsOf(unit) {
  if (!unit.norms) {
    unit.textMap = normalizeMap(unit.text);
    unit.norms = [unit.textMap[0], ...searchable(unit).slice(1).map(normalize)];
  }
  return unit.norms;
}

// Whether normalised text contains a term (any of its alternatives).
function has(norm, term) {
  return term.alts.some((a) => norm.includes(a));
}

// Split a query: space-separated terms are ANDed, "…" is a phrase, -word excludes.
export function parseQuery(query) {
  const terms = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let m;
  const q = query.replace(/[\u201c\u201d\uff02]/g, '"').replace(/\u3000/g, " ");
  while ((m = re.exec(q))) {
    let raw, exclude = false;
    if (m[2] !== undefined) { raw = m[2]; exclude = m[1] === "-"; }
    else { raw = m[3]; if (raw.startsWith("-") && raw.length > 1) { exclude = true; raw = raw.slice(1); } }
    const norm = normalize(raw);
    if (norm && !norm.includes(HARD)) terms.push({ raw, norm, exclude, alts: [norm] });
  }
  return terms;
}

// Whether a document's date (ISO at its precision: 2021, 2021-03, 2021-03-05) can fall within
// [from, to] (ISO days, either may be ""): a month overlapping the range is in it.
export function inRange(iso, from, to) {
  if (!from && !to) return true;
  if (!iso) return false;
  const start = iso.length === 4 ? iso + "-01-01" : iso.length === 7 ? iso + "-01" : iso;
  const end = iso.length === 4 ? iso + "-12-31" : iso.length === 7 ? iso + "-31" : iso;
  return (!from || end >= from) && (!to || start <= to);
}

// A filter's value for "this field is empty" (a URL cannot say "" and still be there).
export const NONE = "-";

// The filters a page is held to: a field of the document table (council, fiscal_year, kind,
// category, department, outcome) equal to a value; `from` / `to` a date range (ISO days);
// `article` part of one of its 根拠条文 (normalised). `speaker` applies to turns (confirm).
export function passes(doc, filters) {
  if (!filters) return true;
  for (const [f, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === "" || f === "speaker" || f === "to") continue;
    if (f === "from") { if (!inRange(doc.iso, filters.from, filters.to)) return false; continue; }
    if (f === "article") {
      const want = normalize(String(v));
      if (!doc.normBases.some((b) => b.includes(want))) return false;
      continue;
    }
    const have = doc[f];
    if (f === "outcome" && doc.kind === "会議") return false;  // 結果 (答申) belongs to cases
    if (v === NONE) {  // the field is empty: 年度不明, 答申未登録
      if (Array.isArray(have) ? have.length : have) return false;
      continue;
    }
    if (Array.isArray(have) ? !have.includes(v) : String(have) !== String(v)) return false;
  }
  if (filters.to && !filters.from && !inRange(doc.iso, "", filters.to)) return false;
  return true;
}

function filtered(filters) {
  return filters && Object.values(filters).some((v) => v !== undefined && v !== null && v !== "");
}

export class Engine extends IndexReader {
  // Chunks that may contain one normalised term, chunk → estimated count: a superset of the
  // chunks containing it (every match is confirmed on the text). Which lists are read:
  // - one character: the lists of the tokens it starts (every chunk they list contains it);
  // - longer: its tokens (bigrams, digit runs and, index format ≥ 3, the trigrams of two common
  //   bigrams: one missing from the lexicon means no chunk has the term) — their lists from
  //   the shortest up, each intersected with the candidates so far: the shortest, those that
  //   came with the lexicon (short), then `extra` more (the caller asks for more when
  //   confirming finds too many candidates false), never one more than SKIP times longer than
  //   the candidates (it would hardly narrow them);
  // - head (the first results of one word whose tokens are all common): the head of its
  //   rarest token, the pages where that token weighs most — `partial: true`, or null when
  //   it does not apply.
  // `exhausted`: no list is left that `extra` could add.
  async candidates(norm, { head = false, extra = Infinity } = {}) {
    if (Array.from(norm).length === 1) {
      const entries = await this.startingWith(norm, { first: head });
      if (head) {
        // Every chunk a token's list names contains the character: one list will do.
        const big = entries.reduce((a, b) => (b.n > a.n ? b : a), { n: 0 });
        if (!big.n) return null;
        return { map: await (big.h ? this.head(big) : this.postings(big)), partial: true, exhausted: true };
      }
      const out = new Map();
      for (const list of await Promise.all(entries.map((e) => this.postings(e)))) {
        for (const [c, f] of list) out.set(c, (out.get(c) || 0) + f);
      }
      return { map: out, partial: false, exhausted: true };
    }
    const entries = await Promise.all([...new Set(tokensOf(norm))].map((t) => this.entry(t)));
    if (Number.isFinite(this.trigramsFrom) && entries.every((e) => e.n > 0)) {
      // Two common bigrams are often in the same chunks but apart: the trigram tells. One the
      // index should hold and does not is nowhere; one kept without a list narrows nothing.
      const trigrams = trigramsOf(norm, new Map(entries.map((e) => [e.token, e])), this.trigramsFrom);
      for (const e of await Promise.all([...new Set(trigrams)].map((t) => this.entry(t)))) {
        if (e.n === 0) return { map: new Map(), partial: false, exhausted: true };
        if (e.flat || e.q !== undefined) entries.push(e);
      }
    }
    entries.sort((a, b) => a.n - b.n);
    if (entries[0].n === 0) return { map: new Map(), partial: false, exhausted: true };
    if (head) {
      if (!entries[0].h) return null;
      return { map: await this.head(entries[0]), partial: true, exhausted: true };
    }
    let out = await this.postings(entries[0]);
    let added = 0, exhausted = true;
    for (const e of entries.slice(1)) {
      if (!out.size || e.n > SKIP * out.size) break;
      if (!e.flat && added++ >= extra) { exhausted = false; break; }
      out = intersect(out, [await this.postings(e)]);
    }
    return { map: out, partial: false, exhausted };
  }

  // A term's candidates: the union of its alternatives' (one, unless widened).
  async termCandidates(term, mode) {
    if (term.alts.length === 1) return this.candidates(term.norm, mode);
    const out = new Map();
    let exhausted = true;
    for (const c of await Promise.all(term.alts.map((a) => this.candidates(a, { extra: mode.extra })))) {
      for (const [k, f] of c.map) out.set(k, Math.max(out.get(k) || 0, f));
      exhausted &&= c.exhausted;
    }
    return { map: out, partial: false, exhausted };
  }

  // Search. options: {limit: how many confirmed hits to return (Infinity: all), filters
  // (passes(); `speaker`: only pages with a matching turn of that speaker, as shown), widen:
  // also find each term's synonyms and era years (widen.js), units: "all" to read every
  // candidate chunk of each hit, so that hit.units lists every matching unit (else reading
  // stops once each term is found in the page's documents or minutes; hit.more says whether
  // some were left unread: allUnits(hit) reads them), unitBudget: with limit Infinity, read
  // every hit's other candidate chunks when they are at most this many}.
  // Returns {terms, hits, total (when complete), complete, partial (the hits came from a head),
  // candidates}. Every hit is confirmed on the text, whichever lists were read.
  async search(query, options = {}) {
    await this.init();
    const limit = options.limit ?? 10;
    const terms = parseQuery(query);
    if (options.widen) {
      const { widen } = await import("./widen.js");  // loaded only when the option is used
      for (const t of terms) t.alts = widen(t.norm);
    }
    const positive = terms.filter((t) => !t.exclude);
    if (!positive.length) return { terms, hits: [], total: 0, complete: true, candidates: 0 };
    if (!Number.isFinite(limit)) {
      const result = await this.run(terms, positive, limit, options, {});
      // Every matching unit of every hit, when that reads at most `unitBudget` more chunks (a
      // common word on a large archive would read most of it; each hit's allUnits() then).
      const unread = result.hits.reduce((n, h) => n + h.unread, 0);
      if (options.unitBudget !== undefined && unread && unread <= options.unitBudget) {
        result.hits = await Promise.all(result.hits.map((h) => this.allUnits(h, options.filters?.speaker)));
      }
      result.unitsComplete = result.hits.every((h) => !h.more);
      return result;
    }
    // The first results: from the head of one common word, else from the shortest lists,
    // reading one more list each time confirming meets more than `limit` false candidates.
    if (positive.length === 1 && positive[0].alts.length === 1 && !filtered(options.filters)) {
      const quick = await this.run(terms, positive, limit, options, { head: true });
      if (quick) return quick;
    }
    for (let extra = 0; ; extra++) {
      const result = await this.run(terms, positive, limit, options, { extra });
      if (result) return result;
    }
  }

  passes(doc, filters) { return passes(doc, filters); }

  // One pass. mode: {head} or {extra} (candidates); returns null when it gives up: heads that
  // do not give `limit` hits, or too many false candidates while lists are left to read.
  async run(terms, positive, limit, options, mode) {
    const cands = await Promise.all(terms.map((t) => this.termCandidates(t, t.exclude ? {} : mode)));
    if (cands.some((c) => c === null)) return null;
    const partial = cands.some((c) => c.partial);
    const patient = !partial && cands.every((c) => c.exhausted);
    if (partial) {
      // Pages with the term in their title or number rank first: add them (the title is in the
      // page's first chunk).
      const t = positive[0], m = cands[terms.indexOf(t)].map;
      for (const doc of this.docs) {
        if ((has(doc.normTitle, t) || has(doc.normNumber, t)) && !m.has(doc.first_chunk)) {
          m.set(doc.first_chunk, 1);
        }
      }
    }
    // Per document: chunks of each positive term.
    const perDoc = new Map();
    positive.forEach((t, ti) => {
      for (const [c, f] of cands[terms.indexOf(t)].map) {
        const d = this.chunkDoc[c];
        if (!perDoc.has(d)) perDoc.set(d, positive.map(() => []));
        perDoc.get(d)[ti].push([c, f]);
      }
    });
    const N = this.docs.length;
    const docFreq = positive.map((_, ti) => {
      let n = 0;
      for (const lists of perDoc.values()) if (lists[ti].length) n++;
      return n;
    });
    const scored = [];
    for (const [d, lists] of perDoc) {
      if (lists.some((l) => !l.length)) continue;
      const doc = this.docs[d];
      if (!passes(doc, options.filters)) continue;
      let score = 0;
      positive.forEach((t, ti) => {
        const tf = lists[ti].reduce((s, [, f]) => s + f, 0);
        const idf = Math.log(1 + (N - docFreq[ti] + 0.5) / (docFreq[ti] + 0.5));
        const k1 = 1.2, b = 0.75;
        let s = idf * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * doc.length / this.avgLength));
        if (has(doc.normTitle, t)) s += 2 * idf;
        if (doc.normNumber && has(doc.normNumber, t)) s += 3 * idf;
        score += s;
      });
      lists.forEach((l) => l.sort((a, b) => a[0] - b[0]));  // page order
      scored.push({ d, lists, score });
    }
    scored.sort((a, b) => b.score - a.score || a.d - b.d);
    const excluded = terms.map((t, i) => (t.exclude ? cands[i].map : null));
    const all = options.units === "all" || Boolean(options.filters?.speaker);
    const hits = [];
    let next = 0, missed = 0;
    for (; next < scored.length && hits.length < limit; next++) {
      const hit = await this.confirm(scored[next], positive, terms, excluded, all, options.filters?.speaker);
      if (hit) hits.push(hit);
      // A candidate that fails cost a read for nothing: past `limit` of them, read more lists
      // (or, from heads, the whole lists) rather than more text.
      else if (!patient && ++missed > limit) return null;
    }
    if (partial && hits.length < limit) return null;
    const complete = !partial && next >= scored.length;
    hits.sort((a, b) => b.score - a.score || a.doc.id - b.doc.id);
    // partial: the hits came from heads (the first results of a common word).
    return { terms, hits, total: complete ? hits.length : null, complete, partial,
             candidates: partial ? null : scored.length };
  }

  // Read the candidate chunks of one document: every positive term must occur in the page's
  // text, no excluded term may. Returns the hit or null: {doc, score, url (its best unit),
  // section, snippet, units (the matching units read, page order), more (candidate chunks left
  // unread), speakers (of the matching turns read)}.
  async confirm({ d, lists, score }, positive, terms, excluded, all = false, speaker = "") {
    const doc = this.docs[d];
    for (let i = 0; i < terms.length; i++) {
      // An excluded term of one or two characters is its own token: its postings are exact, so
      // the page is ruled out without reading it.
      if (excluded[i] && terms[i].alts.every((a) => Array.from(a).length <= 2) &&
          [...excluded[i].keys()].some((c) => this.chunkDoc[c] === d)) return null;
    }
    // Every candidate chunk of any term, in page order; read until each term is found in the
    // documents or minutes (a match in the metadata alone reads on), or all of them.
    const chunks = [...new Set(lists.flat().map(([c]) => c))].sort((a, b) => a - b);
    const found = positive.map(() => 0);  // 0 not found, 1 in metadata, 2 in the body
    const units = [];
    let read = 0;
    for (const c of chunks) {
      if (!all && found.every((f) => f === 2)) break;
      read++;
      for (const unit of await this.chunk(c)) {
        const norms = normsOf(unit);
        const matched = positive.map((t) => norms.some((n) => has(n, t)));
        if (!matched.some(Boolean)) continue;
        matched.forEach((m, ti) => { if (m) found[ti] = Math.max(found[ti], unit.kind === META ? 1 : 2); });
        const count = matched.filter(Boolean).length;
        const same = units.find((u) => u.anchor === unit.anchor && u.kind === unit.kind);
        if (same) {
          // A long unit cut across chunks: one match, its first piece's snippet.
          same.terms = Math.max(same.terms, count);
          continue;
        }
        // A turn found by its speaker alone (川合会長): its text does not hold the words.
        const bySpeaker = unit.kind === TURN && !positive.some((t) => has(norms[0], t));
        units.push({ unit, anchor: unit.anchor, kind: unit.kind, label: unit.label, terms: count, bySpeaker });
      }
    }
    if (found.some((f) => !f)) return null;
    for (let i = 0; i < terms.length; i++) {
      if (!excluded[i]) continue;
      const chunkIds = [...excluded[i].keys()].filter((c) => this.chunkDoc[c] === d);
      for (const c of chunkIds) {
        for (const unit of await this.chunk(c)) {
          if (normsOf(unit).some((n) => has(n, terms[i]))) return null;
        }
      }
    }
    const shown = speaker ? units.filter((u) => u.kind === TURN && u.label === speaker) : units;
    if (speaker && !shown.length) return null;
    // The best unit: most terms, then the body before the metadata, then page order.
    const best = shown.reduce((a, u) => (!a || u.terms > a.terms || (u.terms === a.terms &&
      a.kind === META && u.kind !== META) ? u : a), null);
    const metaOnly = found.every((f) => f === 1);
    return {
      doc, score: metaOnly ? score * META_ONLY : score, metaOnly,
      url: doc.url + (best.anchor ? "#" + encodeURIComponent(best.anchor) : ""),
      section: best.label, snippet: snippet(best.unit, positive),
      units: shown.map((u) => ({ anchor: u.anchor, label: u.label, kind: u.kind, speaker: u.unit.speaker,
                                 bySpeaker: u.bySpeaker,
                                 url: doc.url + (u.anchor ? "#" + encodeURIComponent(u.anchor) : ""),
                                 snippet: snippet(u.unit, positive) })),
      speakers: [...new Set(units.filter((u) => u.kind === TURN).map((u) => u.label))],
      more: read < chunks.length, unread: chunks.length - read, lists, positive, terms, excluded,
    };
  }

  // Every matching unit of a hit whose reading stopped early (hit.more).
  async allUnits(hit, speaker = "") {
    if (!hit.more) return hit;
    return (await this.confirm({ d: hit.doc.id, lists: hit.lists, score: hit.score }, hit.positive,
                               hit.terms, hit.excluded, true, speaker)) || hit;
  }
}

// A window of the original text around the first match, as parts [{text, mark}] (the UI
// escapes them; nothing here is HTML). A unit whose text does not hold a term (a turn found
// by its speaker) shows its beginning.
export function snippet(unit, positive, width = 40) {
  const text = unit.text;
  normsOf(unit);
  const [norm, map] = unit.textMap;
  const marks = [];
  for (const alt of positive.flatMap((t) => t.alts)) {
    let at = norm.indexOf(alt);
    while (at >= 0) {
      const end = at + alt.length - 1;
      marks.push([map[at], map[end] + (text.codePointAt(map[end]) > 0xffff ? 2 : 1)]);
      at = norm.indexOf(alt, at + 1);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const first = marks.length ? marks[0][0] : 0;
  const start = Math.max(0, first - width), end = Math.min(text.length, first + width * 2);
  const parts = [];
  let pos = start;
  for (const [s, e] of marks) {
    if (e <= pos || s >= end) continue;
    if (s > pos) parts.push({ text: text.slice(pos, s), mark: false });
    parts.push({ text: text.slice(Math.max(s, pos), e), mark: true });
    pos = e;
  }
  if (pos < end) parts.push({ text: text.slice(pos, end), mark: false });
  for (const p of parts) p.text = p.text.replace(/\n/g, " ");
  return { parts, before: start > 0, after: end < text.length };
}
