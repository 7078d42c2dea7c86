#!/usr/bin/env node
// mkdocs-material's built-in search (plugin `search`, lang: ja) run in Node: its own web worker
// script, fed the site's search/search_index.json, answering the messages Material's page sends.
//   node scripts/bench/material.mjs SITE QUERIES.json   (SITE built with the search plugin)
// Prints the same JSON list as `scripts/search.mjs SITE QUERIES.json --batch`:
// [{query, pages, urls, first, once_gzip, first_gzip, all_gzip, ms}], plus code_gzip, load_ms
// and snippet.
//
// The worker runs in a vm context where `self`, `importScripts` (read from SITE, synchronously,
// as in a worker), `addEventListener` and `postMessage` are shimmed. Bytes are gzip -9 of the
// files, as a server would send them:
//   code_gzip   the worker and the lunr scripts it imports (stemmer support, tinyseg, lunr.ja);
//   once_gzip   search_index.json, the whole of it: Material downloads it before any result;
//   first_gzip, all_gzip  0: everything, snippets included, was in what was loaded once.
//   load_ms     building the lunr index from search_index.json in the worker (at every page load);
//   ms          one query message answered, index built (median of three).
// pages: the result groups' article paths (`adachi/cases/x/`), in Material's order; urls: the
// best-scoring location of each group (`…/#anchor`).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const [site, queriesFile] = process.argv.slice(2);
if (!site || !queriesFile) {
  console.error("usage: node scripts/bench/material.mjs SITE QUERIES.json");
  process.exit(2);
}
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
const root = resolve(site);
const workers = join(root, "assets", "javascripts", "workers");
const workerFile = readdirSync(workers).find((f) => /^search\.[0-9a-f]+\.min\.js$/.test(f));
if (!workerFile) throw new Error(`no search worker in ${workers}: was the site built with the search plugin?`);
const gz9 = (buf) => gzipSync(buf, { level: 9 }).length;

function startWorker() {
  const loaded = [];
  const warnings = [];
  let listener = null;
  let answer = null;
  const context = vm.createContext({
    // The worker warns (and answers no result) when lunr cannot parse a query: kept, not printed.
    console: { ...console, warn: (...a) => warnings.push(a.map(String).join(" ")) },
    setTimeout, clearTimeout, TextEncoder, TextDecoder,
    addEventListener: (type, fn) => { if (type === "message") listener = fn; },
    postMessage: (message) => { answer(message); },
    importScripts: (...urls) => {
      for (const url of urls) {
        const path = resolve(workers, url);
        const source = readFileSync(path);
        loaded.push({ path: relative(root, path), gzip: gz9(source) });
        vm.runInContext(source.toString("utf8"), context, { filename: path });
      }
    },
  });
  context.self = context;
  const source = readFileSync(join(workers, workerFile));
  loaded.push({ path: relative(root, join(workers, workerFile)), gzip: gz9(source) });
  vm.runInContext(source.toString("utf8"), context, { filename: workerFile });
  const send = (data) => new Promise((resolveAnswer) => {
    answer = resolveAnswer;
    listener({ data });
  });
  return { send, loaded, warnings };
}

const indexRaw = readFileSync(join(root, "search", "search_index.json"));
const index = JSON.parse(indexRaw.toString("utf8"));
const worker = startWorker();
const t0 = process.hrtime.bigint();
// What Material's page adds before sending the index (the search.suggest feature is off here).
const ready = await worker.send({ type: SETUP, data: { ...index, options: { suggest: false } } });
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
if (ready.type !== READY) throw new Error(`worker answered ${JSON.stringify(ready).slice(0, 200)}`);
const code = worker.loaded.reduce((n, f) => n + f.gzip, 0);
const once = gz9(indexRaw);

const pageOf = (location) => location.split("#")[0];
const out = [];
for (const q of JSON.parse(readFileSync(queriesFile, "utf8"))) {
  worker.warnings.length = 0;
  const result = await worker.send({ type: QUERY, data: q });
  const warning = worker.warnings[0]?.split(" – ")[0] ?? null;
  if (result.type !== RESULT) throw new Error(`worker answered ${result.type} to a query`);
  const groups = result.data.items;
  const times = [];
  for (let i = 0; i < 3; i++) {
    const s = process.hrtime.bigint();
    await worker.send({ type: QUERY, data: q });
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  const best = groups.map((g) => g.reduce((a, b) => (b.score > a.score ? b : a)));
  out.push({
    query: q, pages: groups.map((g) => pageOf(g[0].location)), urls: best.map((d) => d.location),
    first: best.slice(0, 10).map((d) => d.location), code_gzip: code, once_gzip: once,
    first_gzip: 0, all_gzip: 0, ms: times[1], load_ms: loadMs,
    warning, snippet: best[0] ? best[0].text.replace(/\s+/g, " ").slice(0, 300) : null,
  });
}
process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
await new Promise(() => {});
