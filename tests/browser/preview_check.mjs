// The live preview in Debian's Chromium: on invalid content the page lists the errors; saving
// the fix reloads it into the site by itself. Reads {base, file, fixed} on stdin (the file to
// write the fixed text to), prints a JSON report.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const { base, file, fixed } = JSON.parse(readFileSync(0, "utf8"));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
                                        args: ["--no-sandbox"] });
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const started = Date.now();
  await page.goto(base + "adachi/meetings/13-04/", { timeout: 20000 });
  out.loadMs = Date.now() - started;
  out.title = await page.title();
  out.heading = await page.textContent("h1");
  out.items = await page.$$eval("#errors + ol.diagnostics li", (lis) => lis.map((li) => ({
    where: li.querySelector(".where")?.textContent, field: li.querySelector(".field")?.textContent,
    message: li.querySelector(".message")?.textContent, visible: li.getBoundingClientRect().width > 0 })));
  out.overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  writeFileSync(file, fixed);
  await page.waitForFunction(() => !document.title.includes("内容に誤り"), null, { timeout: 45000 });
  out.afterTitle = await page.title();
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
