#!/usr/bin/env node
// Search a built site from the command line, with the browser's own engine:
//   node scripts/search.mjs SITE_DIR "query" [--json] [--all] [--limit N] [--widen] [--units]
//   node scripts/search.mjs SITE_DIR QUERIES.json --batch [--widen]
// Prints the ranked results (url, title, score, snippet) and the bytes it read (the index files
// are stored compressed: their size is what a browser downloads). --all: the complete, confirmed
// result list. --widen: also synonyms and era years (widen.js; off by default, as in the UI).
// --units: every matching speaker turn and section of each hit (as the search page lists them).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { Engine, UNIT_BUDGET } from "../theme/assets/search/engine.js";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const limitAt = args.indexOf("--limit");
const positional = args.filter((a, i) => !a.startsWith("--") && (limitAt < 0 || i !== limitAt + 1));
if (positional.length < 2) {
  console.error('usage: node scripts/search.mjs SITE_DIR "query" [--json] [--all] [--limit N]');
  process.exit(2);
}
const [site, query] = positional;
const widen = flags.has("--widen");
const io = { gunzip: (b) => gunzipSync(b), inflateRaw: (b) => inflateRawSync(b) };
// --batch: QUERY is a JSON file of queries; prints [{query, pages: [url without #…], …}] of the
// complete confirmed lists (tests and benchmarks).
if (flags.has("--batch")) {
  // Per query, a fresh engine (nothing cached but the document table): gzip bytes read for the
  // first ten hits with snippets, then for the complete confirmed list; then the compute time of
  // the same query with its data loaded (the median of three runs).
  const cache = new Map();
  const file = (path) => {
    if (!cache.has(path)) cache.set(path, readFileSync(join(site, "search-index", path)));
    return cache.get(path);
  };
  const out = [];
  for (const q of JSON.parse(readFileSync(query, "utf8"))) {
    let bytes = 0;
    const engine = new Engine({ ...io, bytes: (path) => { const b = file(path); bytes += b.length; return b; } });
    await engine.init();
    const once = bytes;
    bytes = 0;
    const first = await engine.search(q, { limit: 10, widen });
    const firstBytes = bytes;
    const r = await engine.search(q, { limit: Infinity, widen });
    const allBytes = bytes;
    // What the search page reads for its complete list: every matching unit of every hit when
    // that is at most UNIT_BUDGET more chunks (page.js); then, not counted, every unit of every
    // hit (each hit's 「この一致箇所をすべて表示」), whose addresses the tests and bench_search check.
    bytes = 0;
    const paged = await engine.search(q, { limit: Infinity, widen, unitBudget: UNIT_BUDGET });
    const unitsBytes = bytes;
    const u = await engine.search(q, { limit: Infinity, widen, units: "all" });
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      await engine.search(q, { limit: 10, widen });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    out.push({ query: q, pages: r.hits.map((h) => h.doc.url), urls: r.hits.map((h) => h.url),
               units: u.hits.flatMap((h) => h.units.map((x) => x.url)),
               first: first.hits.map((h) => h.url), first_partial: first.partial, once_gzip: once, first_gzip: firstBytes,
               all_gzip: allBytes, units_gzip: unitsBytes, units_complete: paged.unitsComplete, ms: times[1] });
  }
  // Exit only once the pipe has taken everything (process.exit would cut it at 64 KB).
  process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
  await new Promise(() => {});
}
const limit = flags.has("--all") ? Infinity : limitAt >= 0 ? Number(args[limitAt + 1]) : 10;
const read = { files: 0, gzip: 0 };
const engine = new Engine({ ...io, bytes: (path) => {
  const raw = readFileSync(join(site, "search-index", path));
  read.files += 1;
  read.gzip += raw.length;  // stored compressed: the bytes a browser downloads
  return raw;
} });
await engine.init();
const once = { ...read };
const started = process.hrtime.bigint();
const result = await engine.search(query, { limit, widen, units: flags.has("--units") ? "all" : undefined });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const text = (s) => s.parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join("");
// A meeting's number (第十三期・第4回) often begins its title: once.
const title = (d) => (d.number && !d.title.startsWith(d.number) ? `${d.number} ${d.title}` : d.title);
const out = {
  query, terms: result.terms.map((t) => ({ norm: t.norm, exclude: t.exclude })),
  complete: result.complete, total: result.total, candidates: result.candidates,
  results: result.hits.map((h) => ({ url: h.url, title: title(h.doc),
    score: Number(h.score.toFixed(3)), section: h.section, snippet: text(h.snippet),
    units: h.units.map((x) => ({ url: x.url, label: x.label, speaker: x.speaker, snippet: text(x.snippet) })),
    more: h.more })),
  bytes: { once_gzip: once.gzip, query_gzip: read.gzip - once.gzip, query_files: read.files - once.files },
  ms: Number(ms.toFixed(2)),
};
if (flags.has("--json")) console.log(JSON.stringify(out, null, 1));
else {
  for (const r of out.results) {
    console.log(`${r.score}\t${r.url}\t${r.title}\n\t${r.snippet}`);
    if (flags.has("--units")) for (const x of r.units) console.log(`\t\t${x.url}\t${x.label}\t${x.snippet}`);
  }
  console.log(`${out.results.length} shown${out.complete ? ` of ${out.total}` : ""}; read ${out.bytes.query_gzip} B gzip in ${out.bytes.query_files} files for the query (+${out.bytes.once_gzip} B loaded once); ${out.ms} ms`);
}
