// Reading the index format (generator/outputs/search/index.py): the document table, the lexicon shards,
// postings lists and their heads, and the text chunks deflated against a shared dictionary.
// What to read for a query, and in which order, is engine.js's business; this module only
// knows where each thing is and how it is stored. `io` gives the stored bytes of a file under
// the index folder (search-index/): over HTTP in the browser (ui.js), from disk in Node
// (scripts/search.mjs).
import { normalize } from "./normalize.js";

// A token's lexicon entry as a shard stores it → {token, n: entries, flat (a short list) |
// q: its list's file, h: has a head}.
export function lexiconEntry(token, e) {
  if (!e) return { token, n: 0, flat: [] };
  return Array.isArray(e) ? { token, n: e.length / 2, flat: e } : { token, ...e };
}

// Code-point order, as Python sorts the tokens (JS compares UTF-16 units).
export function cmp(a, b) {
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// The tokens of a term (index.py): its bigrams, and each run of digits inside it with the
// characters on both sides (第120号 in 諮問第120号; not 480 in 480号, whose left is unknown).
export function tokensOf(norm) {
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

// Whether a token is a trigram (index format ≥ 3: three characters, no digit), not a bigram or
// a digit run with its neighbours.
export function isTrigram(token) {
  const c = Array.from(token);
  return c.length === 3 && !c.some((ch) => ch >= "0" && ch <= "9");
}

// The trigrams of a term the index holds (or marks as narrowing nothing): those without digits
// whose two bigrams are both in more than `from` chunks (docs.json "trigrams"; index.py).
export function trigramsOf(norm, entryOf, from) {
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

// Unit kinds in a chunk (extract.py): [anchor, label, text] is the document or the minutes,
// [anchor, label, text, META] the page's metadata, [anchor, speaker as shown, text, TURN,
// label as the minutes write it] a speaker turn.
export const TEXT = 0, META = 1, TURN = 2;

// A chunk's unit as an object: {anchor, label, text, kind, speaker}.
export function unitOf(row) {
  return { anchor: row[0], label: row[1], text: row[2], kind: row[3] ?? TEXT, speaker: row[4] ?? "" };
}

// The strings of a unit a query is matched against (index.py's searchable): its text, and a
// turn's speaker both as shown (川合 敏樹（会長）) and as the minutes write it (川合会長).
export function searchable(unit) {
  return unit.kind === TURN ? [unit.text, unit.label, unit.speaker] : [unit.text];
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

export class IndexReader {
  // io: {bytes(path) → Uint8Array as stored, gunzip(Uint8Array) → Uint8Array,
  //      inflateRaw(Uint8Array) → Uint8Array}; all may be async.
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

  // The document table and the shard directory (and the dictionary, for the first chunk).
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
      d.iso ??= "";
      d.bases ??= [];
      d.normBases = d.bases.map(normalize);
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

  // Text chunk k: its units as objects (unitOf).
  chunk(k) {
    return this.cached(`t/${k}`, async () => {
      const [prefix, body] = await Promise.all([this.dictionary(), this.io.bytes(`t/${k}.bin`)]);
      const both = new Uint8Array(prefix.length + body.length);
      both.set(prefix);
      both.set(body, prefix.length);
      const out = await this.io.inflateRaw(both);
      return JSON.parse(utf8.decode(out.subarray(prefix.length - 5))).map(unitOf);
    });
  }

  async entry(token) {
    return lexiconEntry(token, (await this.shard(this.shardOf(token)))[token]);
  }

  // chunk → count, the whole list.
  async postings(e) {
    return IndexReader.decode(e.flat ?? await this.json(`q/${e.q}.json`));
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

  // The lexicon entries of every token a single character starts (bigrams and digit runs;
  // trigrams add nothing to their first character's bigrams). `first`: stop at the first shard
  // that has any (the first results need one list only).
  async startingWith(ch, { first = false } = {}) {
    const entries = [];
    const from = this.shardOf(ch);
    for (let n = from; n < this.dir.length; n++) {
      if (n > from && cmp(Array.from(this.dir[n])[0], ch) > 0) break;
      const shard = await this.shard(n);
      for (const [token, e] of Object.entries(shard)) {
        if (Array.from(token)[0] !== ch || isTrigram(token)) continue;
        entries.push(lexiconEntry(token, e));
      }
      if (first && entries.length) break;
    }
    return entries;
  }
}
