// The engine in the browser, and what the header box and the search page both draw. Everything
// shown is built with textContent (escaped): nothing from the index is read as HTML.
import { SEARCH_INDEX } from "./addresses.js";
import { Engine } from "./engine.js";

// The site's root, from this module's own address (assets/search/browser.js): nothing a page
// holds can move it — not an element of a case body named like Material's settings (__config).
export const root = new URL("../../", import.meta.url);
// Index files are stored compressed (engine.js); a server may also have decoded a .gz file
// already (Content-Encoding), so gzip is undone only when the bytes are still gzip.
async function inflate(bytes, format) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
export const engine = new Engine({
  async bytes(path) {
    const response = await fetch(new URL(SEARCH_INDEX + path, root));
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  gunzip: (bytes) => (bytes[0] === 0x1f && bytes[1] === 0x8b ? inflate(bytes, "gzip") : bytes),
  inflateRaw: (bytes) => inflate(bytes, "deflate-raw"),
});

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function snippetNode(snippet, cls = "archive-hit__snippet") {
  const p = el("p", { class: cls });
  if (snippet.before) p.append("…");
  for (const part of snippet.parts) p.append(part.mark ? el("mark", {}, part.text) : part.text);
  if (snippet.after) p.append("…");
  return p;
}

// A page's title as a hit shows it: a meeting's number (第十三期・第4回) often begins its title,
// so it is not written twice.
export function docTitle(doc) {
  return doc.number && !doc.title.includes(doc.number) ? `${doc.number} ${doc.title}` : doc.title;
}

export function href(url) {
  return new URL(url, root).href;
}
