"""A municipal web page as the importer's text: its main content, tables kept as tables.

lxml alone (already pinned for the tests; now a runtime dependency) is enough here, and keeps the
result predictable: municipal pages put the record in one container (<main>, role="main", or a
div whose id or class says content / main / honbun), around it the site's navigation, breadcrumbs,
banners and footer. The container holding the most text among those named so is taken; without
one, the <body> less the elements every site uses for navigation. General article extractors
(trafilatura, readability) score paragraphs of prose and tend to drop exactly what a record is
made of: short label rows, lists of names, tables.

The page becomes the text a person would copy from it: a heading, a paragraph, a list item or
a definition term / description each on its own lines, paragraphs separated by a blank line, and
each table row a line of TAB-separated cells (the form document.blocks() and the header reader
read as a table), so a page of a record imports like the record's text.
"""

from __future__ import annotations

import re
from typing import Any

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
         "svg", "template", "select", "input")
_CHROME = re.compile(r"breadcrumb|pankuzu|topic-?path|global-?nav|g-?nav|side-?(?:bar|menu|nav)|footer|header|"
                     r"sns|share|page-?top|skip|banner|menu|lnavi|rnavi|related|print|font-?size|accessibility",
                     re.I)
_MAIN = re.compile(r"^(?:main|contents?|main-?contents?|tmp_contents|honbun|article|body-?content|page-?body|"
                   r"mainarea|main_area|container-?main)$|main-?content|contents?-?main|honbun", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
          "dl", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "hr", "caption"}


def is_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def _text(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _main(root: Any) -> Any:
    named = [el for el in root.iter("main")] + root.xpath('//*[@role="main"]')
    for el in root.iter("div", "section", "article"):
        names = f"{el.get('id') or ''} {el.get('class') or ''}".split()
        if any(_MAIN.search(n) for n in names):
            named.append(el)
    named = [el for el in named if len(_text(el)) > 0]
    if named:
        return max(named, key=lambda el: len(_text(el)))
    body = root.find("body")
    return body if body is not None else root


def _row(tr: Any) -> str:
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("th", "td")]
    return "\t".join(re.sub(r"\s+", " ", c.text_content()).strip() for c in cells)


def _walk(el: Any, out: list[str]) -> None:
    """Append the element's text to out: lines, and "" for a paragraph break."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table":
        rows = [_row(tr) for tr in el.iter("tr")]
        rows = [r for r in rows if r.strip("\t ")]
        if rows:
            out += ["", *rows, ""]
        _tail(el, out)
        return
    if tag == "br":
        out.append("\n")
        _tail(el, out)
        return
    block = tag in _BLOCK
    if block:
        out.append("")
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, out)
        elif child.tail:
            out.append(child.tail)
    if block:
        out.append("")
    _tail(el, out)


def _tail(el: Any, out: list[str]) -> None:
    if el.tail:
        out.append(el.tail)


def to_text(raw: bytes) -> str:
    """The page's main content as text."""
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(raw)
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    for el in list(root.iter("div", "ul", "p", "section", "span", "a")):
        names = f"{el.get('id') or ''} {el.get('class') or ''}"
        if _CHROME.search(names) and el.getparent() is not None:
            el.drop_tree()
    out: list[str] = []
    _walk(_main(root), out)
    # Join the pieces: "" breaks a paragraph, "\n" a line; collapse runs of spaces inside lines.
    text = ""
    for piece in out:
        if piece == "":
            text += "\n\n"
        elif piece == "\n":
            text += "\n"
        elif "\t" in piece:
            text += piece + "\n"
        else:
            text += re.sub(r"[ \t\r\n]+", " ", piece)
    lines = [line.strip(" ") if "\t" not in line else line for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
