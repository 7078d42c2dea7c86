// Search at the level of speech, in Debian's Chromium (tests/browser/test_search_ui.py reads the
// JSON this prints). Reads {base, word, chair, council, zero} on stdin.
//   - word: every speaker turn and section link the search page lists for it (all of them:
//     each hit's 「残り…件を表示」 is pressed);
//   - chair: the same for the chair's label as the minutes write it (川合会長);
//   - council: after choosing that council's facet, every facet link's count, and the number of
//     hits its link then shows; the chips, and where 「すべて解除」 leads;
//   - speaker facet, date range, 根拠条文, sort, zero results and their widening;
//   - axe (WCAG 2.0/2.1/2.2 A and AA) on each state once drawn, at 1280 and 390 px, and
//     whether the page is wider than the phone's screen.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const plan = JSON.parse(readFileSync(0, "utf8"));
const { base } = plan;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
                                        args: ["--no-sandbox", "--disable-gpu"] });
const out = { errors: [], axe: [] };
const url = (params) => base + "search/?" + new URLSearchParams(params).toString();

async function open(page, address) {
  await page.goto(address);
  await page.waitForFunction(() => {
    const s = document.getElementById("archive-search-status")?.textContent || "";
    return /件/.test(s) && !s.includes("数えています");
  }, null, { timeout: 30000 });
}

// Every unit link under every hit, after pressing each 「残り…件を表示」.
async function allUnitLinks(page) {
  for (const button of await page.$$(".archive-hit__all")) await button.click();
  return page.$$eval(".archive-hit__unit", (as) => as.map((a) => ({ href: a.href, text: a.textContent })));
}

async function axe(page, name) {
  // Through the DevTools protocol, not a <script>: the page's Content-Security-Policy stays on.
  await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  }, AXE_TAGS);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  out.axe.push({ name, violations, scrollWidth: wide, width: page.viewportSize().width });
}

try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on("pageerror", (e) => out.errors.push(String(e)));
    const states = {
      word: url({ q: plan.word }), chair: url({ q: plan.chair }),
      council: url({ q: plan.facetWord, council: plan.council }),
      zero: url({ q: plan.zero }), range: url({ q: "", from: "令和3年3月", to: "2021-03" }),
    };
    for (const [name, address] of Object.entries(states)) {
      await open(page, address);
      await axe(page, `${name}@${width}`);
    }
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => out.errors.push(String(e)));
  await open(page, url({ q: plan.word }));
  out.word = await allUnitLinks(page);
  await open(page, url({ q: plan.chair }));
  out.chair = await allUnitLinks(page);
  out.chairStatus = await page.textContent("#archive-search-status");

  // Choose the council by its facet link, then follow every other facet link from there.
  await open(page, url({ q: plan.facetWord }));
  out.before = await page.$$eval("#archive-search-results > li.archive-hit", (l) => l.length);
  await page.click(`#archive-search-facets a[href*="council=${plan.council}"]`);
  await page.waitForURL(/council=/);
  await open(page, page.url());
  const chosenUrl = page.url();
  out.shown = await page.$$eval("#archive-search-results > li.archive-hit", (l) => l.length);
  out.chips = await page.$$eval(".archive-chip", (as) => as.map((a) => a.textContent));
  out.facets = await page.$$eval("#archive-search-facets a", (as) => as.map((a) => ({
    field: a.dataset.field, count: Number(a.dataset.count), href: a.href, active: a.hasAttribute("aria-current"),
    text: a.textContent })));
  for (const f of out.facets) {
    await open(page, f.href);
    f.shownAfter = await page.$$eval("#archive-search-results > li.archive-hit", (l) => l.length);
    if (f.field === "speaker" && !f.active) {
      f.unitLabels = (await allUnitLinks(page)).map((u) => u.text);
    }
  }
  await open(page, chosenUrl);
  await page.click(".archive-chip--clear");
  await page.waitForURL((u) => !u.search.includes("council="));
  await open(page, page.url());
  out.cleared = { url: page.url(), shown: await page.$$eval("#archive-search-results > li.archive-hit", (l) => l.length) };

  // Zero results: what was searched, and the widening link.
  await open(page, url({ q: plan.zero }));
  out.zero = { status: await page.textContent("#archive-search-status"),
               box: await page.textContent(".archive-empty"),
               links: await page.$$eval(".archive-empty a", (as) => as.map((a) => ({ text: a.textContent, href: a.href }))) };
  const widen = out.zero.links.find((l) => l.href.includes("widen=1"));
  if (widen) {
    await open(page, widen.href);
    out.zero.widened = await page.$$eval("#archive-search-results > li.archive-hit", (l) => l.length);
  }
  const byDate = out.zero.links.find((l) => l.href.includes("from="));
  if (byDate) {
    await open(page, byDate.href);
    out.zero.byDate = await page.$$eval(".archive-hit__meta", (ps) => ps.map((p) => p.textContent));
  }

  // Date order, and 根拠条文.
  await open(page, url({ q: plan.facetWord, sort: "old" }));
  out.oldFirst = await page.$$eval(".archive-hit__meta", (ps) => ps.map((p) => p.textContent));
  await open(page, url({ q: "", article: "第14条" }));
  out.article = await page.$$eval(".archive-hit__title", (as) => as.map((a) => a.href));
} catch (e) {
  out.errors.push(String(e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
