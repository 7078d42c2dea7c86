// The search engine, shared by the browser client and scripts/search.mjs (Node).
// `load(path)` returns the parsed JSON of a file under the index folder (search/): over HTTP
// in the browser, from disk in Node. See generator/search/index.py for the files.
import { normalize, normalizeMap } from "./normalize.js";

const HARD = "\n";
const SKIP = 64;

// A token's lexicon entry as a shard stores it → {token, n: entries, flat (a short list) |
// q: its list's file, h: has a head}.
function lexiconEntry(token, e) {
  if (!e) return { token, n: 0, flat: [] };
  return Array.isArray(e) ? { token, n: e.length / 2, flat: e } : { token, ...e };
}

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

// Code-point order, as Python sorts the tokens (JS compares UTF-16 units).
function cmp(a, b) {
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
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

// The tokens of a term (index.py): its bigrams, and each run of digits inside it with the
// characters on both sides (第120号 in 諮問第120号; not 480 in 480号, whose left is unknown).
function tokensOf(norm) {
  const c = Array.from(norm);
  const out = [];
  for (let i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
  const digit = (ch) => ch >= "0" && ch <= "9";
  for (let i = 1; i < c.length; i++) {
    if (!digit(c[i]) || digit(c[i - 1])) continue;
    let j = i;
    while (j < c.length && digit(c[j])) j++;
    if (j < c.length) out.push(c.slice(i - 1, j + 1).join(""));
    i = j;
  }
  return out;
}

// Whether a token is a trigram (index format 3: three characters, no digit), not a bigram or a
// digit run with its neighbours.
function isTrigram(token) {
  const c = Array.from(token);
  return c.length === 3 && !c.some((ch) => ch >= "0" && ch <= "9");
}

// The trigrams of a term the index holds (or marks as narrowing nothing): those without digits
// whose two bigrams are both in more than `from` chunks (docs.json "trigrams"; index.py).
function trigramsOf(norm, entryOf, from) {
  const c = Array.from(norm);
  const out = [];
  for (let i = 0; i + 2 < c.length; i++) {
    const t = c[i] + c[i + 1] + c[i + 2];
    if (!isTrigram(t)) continue;
    const a = entryOf.get(c[i] + c[i + 1]), b = entryOf.get(c[i + 1] + c[i + 2]);
    if (a && b && a.n > from && b.n > from) out.push(t);
  }
  return out;
}

// A stored deflate block (uncompressed) holding the dictionary, not final: inflating it and then
// a chunk deflated against that dictionary yields dictionary + chunk (index.py).
function storedBlock(dict) {
  const out = new Uint8Array(5 + dict.length);
  out[0] = 0;  // BFINAL 0, BTYPE 00
  out[1] = dict.length & 255; out[2] = dict.length >> 8;
  out[3] = ~dict.length & 255; out[4] = (~dict.length >> 8) & 255;
  out.set(dict, 5);
  return out;
}

const utf8 = new TextDecoder();

export class Engine {
  // io: {bytes(path) → Uint8Array as stored, gunzip(Uint8Array) → Uint8Array,
  //      inflateRaw(Uint8Array) → Uint8Array}; all may be async. The browser's and Node's are in
  // ui.js and scripts/search.mjs.
  constructor(io) {
    this.io = io;
    this.files = new Map();
  }

  // Each file is fetched once; the promise is kept so concurrent readers share it.
  cached(key, make) {
    if (!this.files.has(key)) this.files.set(key, make());
    return this.files.get(key);
  }

  json(path) {
    return this.cached(path, async () =>
      JSON.parse(utf8.decode(await this.io.gunzip(await this.io.bytes(path + ".gz")))));
  }

  async init() {
    if (this.docs) return;
    const [docs, dir] = await Promise.all([this.json("docs.json"), this.json("dir.json"), this.dictionary()]);
    if (this.docs) return;
    this.fields = docs.fields;
    this.councilNames = docs.councils || {};
    this.docs = docs.docs.map((row, id) => {
      const d = { id };
      docs.fields.forEach((f, i) => { d[f] = row[i]; });
      d.normTitle = normalize(d.title);
      d.normNumber = normalize(d.number);
      return d;
    });
    this.trigramsFrom = docs.v >= 3 ? docs.trigrams : Infinity;
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

  shard(n) { return this.json(`p/${n}.json`); }

  dictionary() {
    return this.cached("dict", async () => storedBlock(await this.io.gunzip(await this.io.bytes("dict.txt.gz"))));
  }

  // Text chunk k: [[anchor, label, text], …].
  chunk(k) {
    return this.cached(`t/${k}`, async () => {
      const [prefix, body] = await Promise.all([this.dictionary(), this.io.bytes(`t/${k}.bin`)]);
      const both = new Uint8Array(prefix.length + body.length);
      both.set(prefix);
      both.set(body, prefix.length);
      const out = await this.io.inflateRaw(both);
      return JSON.parse(utf8.decode(out.subarray(prefix.length - 5)));
    });
  }

  async entry(token) {
    return lexiconEntry(token, (await this.shard(this.shardOf(token)))[token]);
  }

  // chunk → count, the whole list.
  async postings(e) {
    return Engine.decode(e.flat ?? await this.json(`q/${e.q}.json`));
  }

  // A long list's head: chunk → count of the page, for the pages where the token weighs most.
  async head(e) {
    const flat = await this.json(`q/${e.q}h.json`);
    const m = new Map();
    for (let i = 0; i < flat.length; i += 2) m.set(flat[i], flat[i + 1]);
    return m;
  }

  static decode(flat) {
    const m = new Map();
    let c = 0;
    for (let i = 0; i < flat.length; i += 2) { c += flat[i]; m.set(c, flat[i + 1]); }
    return m;
  }

  // Chunks that may contain one normalised term, chunk → estimated count: a superset of the
  // chunks containing it (every match is confirmed on the text). Which lists are read:
  // - one character: the lists of the tokens it starts (every chunk they list contains it);
  // - longer: its tokens (bigrams, digit runs and, index format 3, the trigrams of two common
  //   bigrams: one missing from the lexicon means no chunk has the term) — their lists from
  //   the shortest up, each intersected with the candidates so
  //   far: the shortest, those that came with the lexicon (short), then `extra` more (the
  //   caller asks for more when confirming finds too many candidates false), never one more
  //   than SKIP times longer than the candidates (it would hardly narrow them);
  // - head (the first results of one word whose tokens are all common): the head of its
  //   rarest token, the pages where that token weighs most — `partial: true`, or null when
  //   it does not apply.
  // `exhausted`: no list is left that `extra` could add.
  async candidates(norm, { head = false, extra = Infinity } = {}) {
    const chars = Array.from(norm);
    if (chars.length === 1) {
      const entries = [];
      const first = this.shardOf(norm);
      for (let n = first; n < this.dir.length; n++) {
        if (n > first && cmp(Array.from(this.dir[n])[0], norm) > 0) break;
        const shard = await this.shard(n);
        for (const [token, e] of Object.entries(shard)) {
          // Trigrams add nothing to their first character's bigrams (the same chunks, or fewer).
          if (Array.from(token)[0] !== norm || isTrigram(token)) continue;
          entries.push(lexiconEntry(token, e));
        }
        if (head && entries.length) break;  // any token it starts will do for the first results
      }
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

  // Search. options: {limit: how many confirmed hits to return (Infinity: all), filters:
  // {field: value}, widen: also find each term's synonyms and era years (widen.js)}.
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
    if (!Number.isFinite(limit)) return this.run(terms, positive, limit, options, {});
    // The first results: from the head of one common word, else from the shortest lists,
    // reading one more list each time confirming meets more than `limit` false candidates.
    if (positive.length === 1 && positive[0].alts.length === 1 && !this.filtered(options.filters)) {
      const quick = await this.run(terms, positive, limit, options, { head: true });
      if (quick) return quick;
    }
    for (let extra = 0; ; extra++) {
      const result = await this.run(terms, positive, limit, options, { extra });
      if (result) return result;
    }
  }

  filtered(filters) {
    return filters && Object.values(filters).some((v) => v !== undefined && v !== null && v !== "");
  }

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
      if (!this.passes(doc, options.filters)) continue;
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
    const hits = [];
    let next = 0, missed = 0;
    for (; next < scored.length && hits.length < limit; next++) {
      const hit = await this.confirm(scored[next], positive, terms, excluded);
      if (hit) hits.push(hit);
      // A candidate that fails cost a read for nothing: past `limit` of them, read more lists
      // (or, from heads, the whole lists) rather than more text.
      else if (!patient && ++missed > limit) return null;
    }
    if (partial && hits.length < limit) return null;
    const complete = !partial && next >= scored.length;
    // partial: the hits came from heads (the first results of a common word).
    return { terms, hits, total: complete ? hits.length : null, complete, partial,
             candidates: partial ? null : scored.length };
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
      if (excluded[i] && terms[i].alts.every((a) => Array.from(a).length <= 2) &&
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
          if (!has(norm, positive[ti])) continue;
          found[ti] = true;
          const others = positive.filter((t) => has(norm, t)).length;
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
          if (has(normalize(text), terms[i])) return null;
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
