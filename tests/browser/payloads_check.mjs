// Does any payload run? Every payload of the adversarial corpus calls __xss("ID") when it
// runs; this opens every page of a built site in Debian's Chromium with __xss bound to a
// recorder (in every frame), records every dialog, every request that leaves the site
// (a payload that loads code from elsewhere) and every link or frame whose address the
// browser itself parses to a scheme other than http(s)/mailto (javascript: runs on click).
// Reads {base, pages} on stdin, prints {hits, dialogs, outside, links, errors} as JSON.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const { base, pages } = JSON.parse(readFileSync(0, "utf8"));
const TABS = Number(process.env.PAYLOAD_TABS || 4);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
                                        args: ["--no-sandbox"] });
const out = { hits: [], dialogs: [], outside: [], links: [], errors: [], visited: 0 };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.exposeBinding("__xss", (source, id) => { out.hits.push({ id: String(id), url: source.frame.url() }); });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("about:") || url.startsWith("blob:")) return route.continue();
    out.outside.push({ url, from: route.request().frame()?.url() });
    return route.abort();
  });
  // Several tabs at once, each taking the next page from one queue: the waits below overlap.
  const queue = [...pages];
  const visit = async () => {
    const page = await context.newPage();
    page.on("dialog", async (d) => { out.dialogs.push({ message: d.message(), url: page.url() }); await d.dismiss(); });
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      try {
        await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
        // The search page draws its hits after load: wait until its status gives the final
        // count (the first page's says it is still counting, with "…"), then as for any page.
        if (path.startsWith("search/")) {
          await page.waitForFunction(() => {
            const s = document.getElementById("archive-search-status")?.textContent || "";
            return s.includes("件") && !s.includes("…");
          }, null, { timeout: 5000 }).catch(() => {});
        }
        await page.waitForTimeout(150);
        const bad = await page.evaluate(() => {
          const found = [];
          const ok = new Set(["http:", "https:", "mailto:"]);
          for (const el of document.querySelectorAll("a[href], area[href]")) {
            if (!ok.has(el.protocol)) found.push({ tag: el.tagName, href: el.getAttribute("href") });
          }
          for (const el of document.querySelectorAll("iframe, frame, embed, object, form, base, meta[http-equiv]")) {
            if (el.tagName === "FORM" && el.action.startsWith(location.origin + "/")) continue;  // the site's own search box
            found.push({ tag: el.tagName, href: el.getAttribute("src") || el.getAttribute("action") || el.getAttribute("href") || el.getAttribute("content") || "" });
          }
          for (const el of document.querySelectorAll("[formaction], [srcdoc], [onerror], [onload], [onclick], [onmouseover], [onfocus]")) {
            found.push({ tag: el.tagName, href: el.outerHTML.slice(0, 200) });
          }
          return found;
        });
        for (const b of bad) out.links.push({ page: path, ...b });
        out.visited++;
      } catch (e) {
        out.errors.push({ page: path, error: String(e).slice(0, 300) });
      }
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(TABS, pages.length) }, visit));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
