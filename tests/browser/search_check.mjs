// The search UI in Debian's Chromium, keyboard only: type in the header box, see type-ahead
// hits, open one with the arrow keys and Enter (it lands on the speaker turn); on the search
// page, use a facet and follow a hit. Reads {base} on stdin, prints a JSON report.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const { base } = JSON.parse(readFileSync(0, "utf8"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
                                        args: ["--no-sandbox"] });
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base);
  // Keyboard only: Tab until the header search box has focus.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.closest(".archive-typeahead") !== null)) break;
  }
  out.focusedBox = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
  await page.keyboard.type("マイナンバー");
  await page.waitForSelector("#archive-typeahead-list:not([hidden]) li");
  out.typeahead = await page.$$eval("#archive-typeahead-list li a", (as) => as.map((a) => a.textContent));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#t\d+$/);
  out.landed = page.url();
  out.landedText = await page.evaluate(() => document.getElementById(location.hash.slice(1))?.textContent || "");

  await page.goto(base + "search/?q=" + encodeURIComponent("個人情報"));
  await page.waitForSelector("#archive-search-results li");
  out.status = await page.textContent("#archive-search-status");
  out.count = await page.$$eval("#archive-search-results > li", (l) => l.length);
  const facet = page.locator("#archive-search-facets a", { hasText: "会議" }).first();
  await facet.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/kind=/);
  await page.waitForSelector("#archive-search-results li");
  out.facetUrl = page.url();
  out.facetKinds = await page.$$eval("#archive-search-results .archive-hit__meta", (ps) => ps.map((p) => p.textContent));
  out.inputKept = await page.inputValue("#archive-search-q");
  await page.focus("#archive-search-results li a");
  await page.keyboard.press("Enter");
  await page.waitForURL(/meetings/);
  out.followed = page.url();

  // Widening, by keyboard: type 漏洩 in the page's box, Tab to the checkbox, Space, Enter.
  await page.goto(base + "search/");
  await page.focus("#archive-search-q");
  await page.keyboard.type("漏洩");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#archive-search-status:has-text('件')");
  out.plainStatus = await page.textContent("#archive-search-status");
  await page.focus("#archive-search-q");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  out.widenFocused = await page.evaluate(() => document.activeElement?.id);
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await page.waitForURL(/widen=1/);
  await page.waitForSelector("#archive-search-results li");
  out.widenStatus = await page.textContent("#archive-search-status");
  out.widenMarks = await page.$$eval("#archive-search-results mark", (ms) => ms.map((m) => m.textContent));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
