// Opens pages of a built archive in Debian's Chromium and measures what a resident would see
// cut off or squeezed: every table cell's box against the viewport, whether the document
// itself scrolls sideways, and cells of the archive's tables squeezed to a few characters a line.
//
// Run by tests/browser/test_layout.py, which gives the plan as JSON on stdin:
//   {"base": "http://127.0.0.1:PORT/", "pages": ["", "adachi/", ...],
//    "viewports": {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}}
// and prints one JSON report on stdout (progress goes to stderr).
//
// By hand: echo '{"base": "http://127.0.0.1:8000/", "pages": [""]}' | node tests/browser/layout_check.mjs

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const PAGE_TIMEOUT_MS = 30_000;
const log = (...a) => console.error("[layout_check]", ...a);

// In the page: every cell of every table that is rendered (a cell clipped to nothing by an
// ancestor, like the visually hidden column headers of a stacked table, is not seen and is
// skipped), with its box; the ones that reach outside the viewport; the document's widths.
function measure() {
  const vw = window.innerWidth;
  const clippedAway = (el) => {
    // Intersect the cell's box with every ancestor that clips (overflow other than visible).
    let r = el.getBoundingClientRect();
    let left = r.left, right = r.right, top = r.top, bottom = r.bottom;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.display === "none" || cs.visibility === "hidden") return true;
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible" || cs.clipPath !== "none") {
        const b = a.getBoundingClientRect();
        left = Math.max(left, b.left); right = Math.min(right, b.right);
        top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom);
        if (cs.clipPath !== "none" && cs.clipPath.startsWith("inset(50%")) return true;
      }
    }
    return right - left <= 1 || bottom - top <= 1;
  };
  const describe = (cell) => {
    const table = cell.closest("table");
    const where = table.closest("[id]");
    const text = (cell.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${table.className || "table"} in #${where ? where.id : "?"}: <${cell.tagName.toLowerCase()}> "${text}"`;
  };
  let cells = 0;
  const outside = [];
  for (const cell of document.querySelectorAll("article table td, article table th")) {
    const cs = getComputedStyle(cell);
    if (cs.display === "none" || clippedAway(cell)) continue;
    cells += 1;
    const r = cell.getBoundingClientRect();
    if (r.left < -0.5 || r.right > vw + 0.5) {
      if (outside.length < 30) outside.push({ cell: describe(cell), left: Math.round(r.left), right: Math.round(r.right) });
    }
  }
  // Cells squeezed so narrow that a line holds only a few characters (the 「期限の定め」 complaint).
  const narrow = [];
  for (const cell of document.querySelectorAll("article table.archive-table td, article table.archive-table th")) {
    const r = cell.getBoundingClientRect();
    if (r.width > 0 && r.width < 48 && (cell.textContent || "").trim().length > 3 && !clippedAway(cell)) {
      if (narrow.length < 30) narrow.push({ cell: describe(cell), width: Math.round(r.width) });
    }
  }
  const doc = document.documentElement;
  return {
    viewport_width: vw, scroll_width: doc.scrollWidth, body_scroll_width: document.body.scrollWidth,
    tables: document.querySelectorAll("article table").length, cells, outside, narrow,
    lang: doc.getAttribute("lang"),
  };
}

async function main() {
  const plan = JSON.parse(readFileSync(0, "utf8"));
  const viewports = plan.viewports || { phone: { width: 390, height: 844 } };
  const report = { pages: [] };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    for (const [name, size] of Object.entries(viewports)) {
      const phone = size.width < 600;  // as a handset: meta viewport honoured, touch on
      const context = await browser.newContext({
        viewport: size, ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        locale: "ja-JP", serviceWorkers: "block",
      });
      const origin = new URL(plan.base).origin;
      await context.route("**/*", (route) => (route.request().url().startsWith(origin)
        ? route.continue() : route.abort("blockedbyclient")));
      for (const path of plan.pages) {
        const page = await context.newPage();
        const r = { path, viewport: name, status: null, error: null };
        try {
          const response = await page.goto(new URL(path, plan.base).href, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
          r.status = response ? response.status() : null;
          // The search page draws its results after load: wait for them when asked.
          if (path.startsWith("search/")) {
            await page.waitForFunction(() => document.querySelector("#archive-search-status")?.textContent, null,
                                       { timeout: PAGE_TIMEOUT_MS }).catch(() => {});
          }
          Object.assign(r, await page.evaluate(measure));
        } catch (e) {
          r.error = String(e && e.stack ? e.stack : e);
        } finally {
          await page.close();
        }
        log(`${name} /${path}: ${r.error ? "ERROR" : `${r.cells} cell(s), ${r.outside.length} outside, scroll ${r.scroll_width}/${r.viewport_width}`}`);
        report.pages.push(r);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
