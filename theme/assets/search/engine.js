// The search engine, shared by the browser client and scripts/search.mjs (Node).
// `load(path)` returns the parsed JSON of a file under the index folder (search/): over HTTP
// in the browser, from disk in Node. See generator/search/index.py for the files.
import { normalize, normalizeMap } from "./normalize.js";

const HARD = "\n";

// Code-point order, as Python sorts the tokens (JS compares UTF-16 units).
function cmp(a, b) {
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
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
    if (norm && !norm.includes(HARD)) terms.push({ raw, norm, exclude });
  }
  return terms;
}

function bigrams(norm) {
  const c = Array.from(norm);
  const out = [];
  for (let i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
  return out;
}

export class Engine {
  constructor(load) {
    this.load = load;
    this.shards = new Map();
    this.chunks = new Map();
  }

  async init() {
    if (this.docs) return;
    const [docs, dir] = await Promise.all([this.load("docs.json"), this.load("dir.json")]);
    this.fields = docs.fields;
    this.councilNames = docs.councils || {};
    this.docs = docs.docs.map((row, id) => {
      const d = { id };
      docs.fields.forEach((f, i) => { d[f] = row[i]; });
      d.normTitle = normalize(d.title);
      d.normNumber = normalize(d.number);
      return d;
    });
    this.totalChunks = docs.chunks;
    this.chunkDoc = new Int32Array(docs.chunks);
    this.docs.forEach((d, i) => {
      const end = i + 1 < this.docs.length ? this.docs[i + 1].first_chunk : docs.chunks;
      for (let c = d.first_chunk; c < end; c++) this.chunkDoc[c] = i;
    });
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
    this.dir = dir.shards;
  }

  shardOf(token) {
    let lo = 0, hi = this.dir.length - 1, at = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(this.dir[mid], token) <= 0) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at;
  }

  async shard(n) {
    if (!this.shards.has(n)) this.shards.set(n, this.load(`p/${n}.json`));
    return this.shards.get(n);
  }

  async chunk(k) {
    if (!this.chunks.has(k)) this.chunks.set(k, this.load(`t/${k}.json`));
    return this.chunks.get(k);
  }

  static decode(flat) {
    const m = new Map();
    let c = 0;
    for (let i = 0; i < flat.length; i += 2) { c += flat[i]; m.set(c, flat[i + 1]); }
    return m;
  }

  // chunk → estimated count for one normalised term (a superset of the chunks containing it).
  async candidates(norm) {
    const chars = Array.from(norm);
    if (chars.length === 1) {
      // Every token that starts with the character: contiguous in code-point order.
      const first = this.shardOf(norm);
      const out = new Map();
      for (let n = first; n < this.dir.length; n++) {
        if (n > first && cmp(Array.from(this.dir[n])[0], norm) > 0) break;
        const shard = await this.shard(n);
        for (const [tok, flat] of Object.entries(shard)) {
          if (Array.from(tok)[0] !== norm) continue;
          for (const [c, f] of Engine.decode(flat)) out.set(c, (out.get(c) || 0) + f);
        }
      }
      return out;
    }
    const toks = [...new Set(bigrams(norm))];
    const lists = await Promise.all(toks.map(async (t) => {
      const shard = await this.shard(this.shardOf(t));
      return Engine.decode(shard[t] || []);
    }));
    lists.sort((a, b) => a.size - b.size);
    const out = new Map();
    for (const [c, f] of lists[0]) {
      let min = f, ok = true;
      for (let i = 1; i < lists.length && ok; i++) {
        const g = lists[i].get(c);
        if (g === undefined) ok = false; else min = Math.min(min, g);
      }
      if (ok) out.set(c, min);
    }
    return out;
  }

  // Search. options: {limit: how many confirmed hits to return (Infinity: all), filters:
  // {field: value}}. Returns {hits, total (confirmed, when complete), complete, candidates}.
  async search(query, options = {}) {
    await this.init();
    const limit = options.limit ?? 10;
    const terms = parseQuery(query);
    const positive = terms.filter((t) => !t.exclude);
    if (!positive.length) return { terms, hits: [], total: 0, complete: true, candidates: 0 };
    const cands = await Promise.all(terms.map((t) => this.candidates(t.norm)));
    // Per document: chunks of each positive term.
    const perDoc = new Map();
    positive.forEach((t, ti) => {
      const idx = terms.indexOf(t);
      for (const [c, f] of cands[idx]) {
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
      if (!this.passes(doc, options.filters)) continue;
      let score = 0;
      positive.forEach((t, ti) => {
        const tf = lists[ti].reduce((s, [, f]) => s + f, 0);
        const idf = Math.log(1 + (N - docFreq[ti] + 0.5) / (docFreq[ti] + 0.5));
        const k1 = 1.2, b = 0.75;
        let s = idf * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * doc.length / this.avgLength));
        if (doc.normTitle.includes(t.norm)) s += 2 * idf;
        if (doc.normNumber && doc.normNumber.includes(t.norm)) s += 3 * idf;
        score += s;
      });
      scored.push({ d, lists, score });
    }
    scored.sort((a, b) => b.score - a.score || a.d - b.d);
    const excluded = terms.map((t, i) => (t.exclude ? cands[i] : null));
    const hits = [];
    let next = 0;
    for (; next < scored.length && hits.length < limit; next++) {
      const hit = await this.confirm(scored[next], positive, terms, excluded);
      if (hit) hits.push(hit);
    }
    const complete = next >= scored.length;
    return { terms, hits, total: complete ? hits.length : null, complete, candidates: scored.length };
  }

  passes(doc, filters) {
    if (!filters) return true;
    for (const [f, v] of Object.entries(filters)) {
      if (v === undefined || v === null || v === "") continue;
      const have = doc[f];
      if (Array.isArray(have) ? !have.includes(v) : String(have) !== String(v)) return false;
    }
    return true;
  }

  // Read the candidate chunks of one document: every positive term must occur in the page's
  // text, no excluded term may. Returns the hit (best unit, snippet) or null.
  async confirm({ d, lists, score }, positive, terms, excluded) {
    const doc = this.docs[d];
    for (let i = 0; i < terms.length; i++) {
      // An excluded term of one or two characters is its own token: its postings are exact, so
      // the page is ruled out without reading it.
      if (excluded[i] && Array.from(terms[i].norm).length <= 2 &&
          [...excluded[i].keys()].some((c) => this.chunkDoc[c] === d)) return null;
    }
    const found = positive.map(() => false);
    let best = null;
    for (let ti = 0; ti < positive.length; ti++) {
      for (const [c] of lists[ti]) {
        if (found[ti]) break;
        const units = await this.chunk(c);
        for (const [anchor, label, text] of units) {
          const [norm, map] = normalizeMap(text);
          const at = norm.indexOf(positive[ti].norm);
          if (at < 0) continue;
          found[ti] = true;
          const others = positive.filter((t) => norm.includes(t.norm)).length;
          if (!best || others > best.others) best = { anchor, label, text, norm, map, others };
          break;
        }
      }
      if (!found[ti]) return null;
    }
    for (let i = 0; i < terms.length; i++) {
      if (!excluded[i]) continue;
      const chunkIds = [...excluded[i].keys()].filter((c) => this.chunkDoc[c] === d);
      for (const c of chunkIds) {
        for (const [, , text] of await this.chunk(c)) {
          if (normalize(text).includes(terms[i].norm)) return null;
        }
      }
    }
    return {
      doc, score, url: doc.url + (best.anchor ? "#" + encodeURIComponent(best.anchor) : ""),
      section: best.label, snippet: snippet(best, positive),
    };
  }
}

// A window of the original text around the first match, as parts [{text, mark}] (the UI
// escapes them; nothing here is HTML).
export function snippet({ text, norm, map }, positive, width = 40) {
  const marks = [];
  for (const t of positive) {
    let at = norm.indexOf(t.norm);
    while (at >= 0) {
      const end = at + t.norm.length - 1;
      marks.push([map[at], map[end] + (text.codePointAt(map[end]) > 0xffff ? 2 : 1)]);
      at = norm.indexOf(t.norm, at + 1);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const first = marks.length ? marks[0][0] : 0;
  let start = Math.max(0, first - width), end = Math.min(text.length, first + width * 2);
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
