// Opens pages of a built archive in Debian's Chromium (driven by playwright-core; no browser
// is ever downloaded), runs axe-core on each (WCAG 2.0 A and AA = JIS X 8341-3:2016 level AA,
// with the rules axe adds for WCAG 2.1 and 2.2 AA),
// reads <html lang>, and walks the keyboard from a meeting page to a case page.
//
// Run by tests/browser/test_accessibility.py, which reads the plan as JSON on stdin:
//   {"base": "http://127.0.0.1:PORT/", "pages": ["", "adachi/", ...],
//    "viewports": {"desktop": {"width": 1280, "height": 900}, "phone": {...}},
//    "keyboard": {"start": "adachi/meetings/13-04/", "target": "adachi/cases/shimon-480/",
//                 "row_text": "諮問第480号", "max_tabs": 200}}
// and prints one JSON report on stdout (progress and browser noise go to stderr).
//
// By hand: echo '{"base": "http://127.0.0.1:8000/", "pages": [""]}' | node tests/browser/axe_check.mjs

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_PATH = require.resolve("axe-core/axe.min.js");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps calling out to Google's hosts,
// which a closed network refuses; --no-sandbox because CI runs the tests as root.
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const DEFAULT_VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PAGE_TIMEOUT_MS = 30_000;

const log = (...a) => console.error("[axe_check]", ...a);

function contextOptions(name, size) {
  const phone = name === "phone" || size.width < 600;
  return {
    viewport: { width: size.width, height: size.height },
    // A phone: the meta viewport is honoured and touch is on, as in a real handset.
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: "ja-JP",
    serviceWorkers: "block",
  };
}

// Only the archive's own server is reached: anything else (a font CDN, analytics) is aborted
// and reported (see checkPage's requestfailed), so a page that would call out is seen rather than left to hang.
async function keepLocal(context, base) {
  const origin = new URL(base).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    return route.abort("blockedbyclient");
  });
}

async function checkPage(context, base, path) {
  const result = {
    path, status: null, url: null, lang: null, title: null,
    violations: [], incomplete: [], external_requests: [], console_errors: [], error: null,
  };
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") result.console_errors.push(m.text()); });
  page.on("pageerror", (e) => result.console_errors.push(String(e)));
  page.on("requestfailed", (r) => {
    if (r.failure()?.errorText?.includes("BLOCKED_BY_CLIENT")) result.external_requests.push(r.url());
  });
  try {
    const response = await page.goto(new URL(path, base).href, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    result.status = response ? response.status() : null;
    result.url = page.url();
    result.lang = await page.evaluate(() => document.documentElement.getAttribute("lang"));
    result.title = await page.title();
    // Through the DevTools protocol, not a <script>: the page's Content-Security-Policy stays on.
    await page.evaluate(readFileSync(AXE_PATH, "utf8"));
    const axe = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations", "incomplete"],
      });
      const nodes = (list) => list.map((n) => ({
        target: n.target.map(String).join(" "),
        html: n.html.slice(0, 300),
        summary: n.failureSummary || "",
      }));
      return {
        version: window.axe.version,
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
          nodes: nodes(v.nodes),
        })),
        // "Needs review": axe could not decide (text over an image, a hidden drawer). Not a failure.
        incomplete: r.incomplete.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, nodes: nodes(v.nodes).slice(0, 50),
        })),
      };
    }, AXE_TAGS);
    result.axe_version = axe.version;
    result.violations = axe.violations;
    result.incomplete = axe.incomplete;
  } catch (e) {
    result.error = String(e && e.stack ? e.stack : e);
  } finally {
    await page.close();
  }
  return result;
}

// Press Tab until the link in the agenda row that names the case has the focus, then Enter.
async function keyboardWalk(context, base, plan) {
  const maxTabs = plan.max_tabs ?? 200;
  const result = {
    start: plan.start, target: plan.target, reached: false, presses: 0,
    focused: null, url_after: null, trail: [], offscreen: [], error: null,
  };
  const page = await context.newPage();
  try {
    await page.goto(new URL(plan.start, base).href, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    const targetUrl = new URL(plan.target, base).href;
    for (let i = 1; i <= maxTabs; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(({ targetUrl, rowText }) => {
        const el = document.activeElement;
        if (!el || el === document.body) return { describe: "(body)", hit: false };
        const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ");
        const describe = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
          + `${el.getAttribute("href") ? ` href="${el.getAttribute("href")}"` : ""} "${text.slice(0, 40)}"`;
        // Focus that lands outside the viewport (an off-canvas drawer) cannot be seen: WCAG 2.4.7.
        const r = el.getBoundingClientRect();
        const offscreen = r.width === 0 || r.height === 0 || r.right <= 0 || r.bottom <= 0
          || r.left >= window.innerWidth || r.top >= window.innerHeight;
        const row = el.closest("tr");
        const hit = el.tagName === "A" && el.href === targetUrl && !!row && row.textContent.includes(rowText);
        return { describe: offscreen ? `${describe} (off-screen)` : describe, hit, offscreen };
      }, { targetUrl, rowText: plan.row_text ?? "" });
      result.trail.push(focus.describe);
      if (focus.offscreen && result.offscreen.length < 50) result.offscreen.push(focus.describe);
      if (result.trail.length > 15) result.trail.shift();
      result.presses = i;
      if (focus.hit) {
        result.reached = true;
        result.focused = focus.describe;
        break;
      }
    }
    if (result.reached) {
      await Promise.all([
        page.waitForURL((u) => u.href === targetUrl, { timeout: PAGE_TIMEOUT_MS, waitUntil: "load" }),
        page.keyboard.press("Enter"),
      ]);
    }
    result.url_after = page.url();
  } catch (e) {
    result.error = String(e && e.stack ? e.stack : e);
    result.url_after = page.url();
  } finally {
    await page.close();
  }
  return result;
}

async function main() {
  const plan = JSON.parse(readFileSync(0, "utf8"));
  const viewports = plan.viewports || DEFAULT_VIEWPORTS;
  const report = { chromium: null, axe_tags: AXE_TAGS, pages: [], keyboard: [] };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    report.chromium = browser.version();
    for (const [name, size] of Object.entries(viewports)) {
      const context = await browser.newContext(contextOptions(name, size));
      await keepLocal(context, plan.base);
      for (const path of plan.pages || []) {
        const started = Date.now();
        const r = await checkPage(context, plan.base, path);
        r.viewport = name;
        log(`${name} /${path}: ${r.error ? "ERROR" : `${r.violations.length} violation(s)`} in ${Date.now() - started} ms`);
        report.pages.push(r);
      }
      if (plan.keyboard) {
        const k = await keyboardWalk(context, plan.base, plan.keyboard);
        k.viewport = name;
        log(`${name} keyboard: ${k.reached ? `reached after ${k.presses} Tab(s)` : "not reached"}, now at ${k.url_after}`);
        report.keyboard.push(k);
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
