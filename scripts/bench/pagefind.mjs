#!/usr/bin/env node
// Pagefind's own search API (the bundle's pagefind.js) run in Node over a bundle on disk:
//   node scripts/bench/pagefind.mjs DIR QUERIES.json      (the bundle is DIR/pagefind/)
// Prints the same JSON list as `scripts/search.mjs SITE QUERIES.json --batch`:
// [{query, pages, urls, first, once_gzip, first_gzip, all_gzip, ms}], plus code_gzip and snippet.
//
// fetch is replaced by a reader of DIR that counts what a browser would download: Pagefind's
// pf_* and .pagefind files are gzipped on disk and counted as they are; pagefind-entry.json and
// pagefind.js itself as gzip -9 would send them. Per query a fresh instance (nothing cached):
//   code_gzip   the engine's code: pagefind.js and the language's wasm;
//   once_gzip   the index read before a query can run: pagefind-entry.json, the language's
//               pf_meta (and the filter chunks, when a bundle has filters; ours has none);
//   first_gzip  search() (index chunks) + data() of the first ten results (fragments: url,
//               title, excerpt); a result carries only an id, so its URL needs data();
//   all_gzip    on top of that, data() of every other result: the complete list of pages.
//   ms          search() + data() of the first ten, everything loaded (median of three).
// The page language is "ja", as a browser would read it from <html lang="ja">: Pagefind then
// cuts the query into words with Intl.Segmenter, as it cut the pages when indexing.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [dir, queriesFile] = process.argv.slice(2);
if (!dir || !queriesFile) {
  console.error("usage: node scripts/bench/pagefind.mjs DIR QUERIES.json   (bundle in DIR/pagefind/)");
  process.exit(2);
}
const bundle = resolve(dir, "pagefind");
const BASE = "/pagefind/";
const gz9 = (buf) => gzipSync(buf, { level: 9 }).length;
const sent = new Map();  // path → bytes a server sends
const served = (path) => {
  if (!sent.has(path)) {
    const raw = readFileSync(join(bundle, path));
    sent.set(path, { raw, gzip: /\.(pf_\w+|pagefind)$/.test(path) ? raw.length : gz9(raw) });
  }
  return sent.get(path);
};

let bytes = 0;
let code = 0;
globalThis.fetch = async (input) => {
  const url = new URL(String(input), "http://bench.invalid");
  if (!url.pathname.startsWith(BASE)) throw new Error(`outside the bundle: ${input}`);
  const path = url.pathname.slice(BASE.length);
  const f = served(path);
  if (/^wasm\./.test(path)) code += f.gzip;
  else bytes += f.gzip;
  return new Response(f.raw, { status: 200 });
};
// Pagefind reads the page's language from <html lang>; a browser on this site sees "ja".
globalThis.document = {
  currentScript: null,
  querySelector: (sel) => (sel === "html" ? { getAttribute: () => "ja" } : null),
};

const moduleBytes = gz9(readFileSync(join(bundle, "pagefind.js")));
const { createInstance } = await import(pathToFileURL(join(bundle, "pagefind.js")).href);

const pageOf = (url) => url.replace(/^\//, "").replace(/index\.html$/, "").replace(/#.*$/, "");
const out = [];
for (const q of JSON.parse(readFileSync(queriesFile, "utf8"))) {
  bytes = 0;
  code = moduleBytes;
  const pf = createInstance({ basePath: BASE });
  await pf.init();
  // init() returns before the instance has its metadata and wasm; filters() waits for both (and
  // would load the filter index, which this bundle does not have), so they count as once.
  await pf.filters();
  const once = bytes;
  bytes = 0;
  const found = await pf.search(q);
  const results = found?.results ?? [];
  const firstData = await Promise.all(results.slice(0, 10).map((r) => r.data()));
  const firstBytes = bytes;
  const restData = await Promise.all(results.slice(10).map((r) => r.data()));
  const all = [...firstData, ...restData];
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = await pf.search(q);
    await Promise.all((r?.results ?? []).slice(0, 10).map((x) => x.data()));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  out.push({
    query: q, pages: all.map((d) => pageOf(d.url)), urls: all.map((d) => d.url.replace(/^\//, "")),
    first: firstData.map((d) => d.url.replace(/^\//, "")), code_gzip: code, once_gzip: once, first_gzip: firstBytes,
    all_gzip: bytes, ms: times[1],
    snippet: firstData[0]?.excerpt ?? null,
  });
  await pf.destroy();
}
process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
await new Promise(() => {});
