"""The searchable units of a built page: its article, cut at every heading and speaker turn
that has an id, so a hit links to the exact section (#id) or turn (#t12).

Text is what a reader sees in the article: blocks (paragraphs, cells, list items, headings)
are separated by a hard break ("\\n", which a match never crosses); the breadcrumb is left out.

Each unit has a kind. TEXT: the document or the minutes themselves (inside the template's
`div.document` / `div.minutes`, classes content cannot write); TURN: a speaker turn, whose
speaker is its label (川合 敏樹（会長）, as the page shows it) and `speaker` (川合会長, the label
the minutes write, from the turn's data-speaker), not a line of its text; META: what the
template says around them (title, 概要, 会議次第, 公開状況 …). In META, the template's words
for itself are left out: table column headings (`thead`) and in-page links (「審議経過へ」).

The page is cut into tags and text by one regular expression (`_events`), as html.parser cuts it
(tag names lower case, character references decoded in text and attribute values, comments and
declarations skipped, script and style raw text) but several times faster: every page of the
site goes through it. tests/test_search_extract.py drives the same `_Article` from html.parser
and requires the same units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

_BLOCK = {"p", "div", "li", "td", "th", "dt", "dd", "tr", "table", "caption", "h1", "h2", "h3",
          "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "section", "br", "hr"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "nav", "template", "button"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}


TEXT, META, TURN = 0, 1, 2


@dataclass
class Unit:
    anchor: str  # "" = the top of the page
    label: str   # the heading's text, or the speaker as the page shows them
    text: str    # blocks joined by "\n"
    kind: int = META
    speaker: str = ""  # a turn's label as the minutes write it: 川合会長

    def searchable(self) -> list[str]:
        """What a query is matched against: the text, and a turn's speaker both ways."""
        return [self.text, self.label, self.speaker] if self.kind == TURN else [self.text]


@dataclass
class _Open:
    tag: str
    unit_start: bool = False


class _Article:
    """The units of an article, from the events of a page: handle_starttag(tag, attrs),
    handle_endtag(tag), handle_data(text) (html.parser.HTMLParser's names and arguments)."""

    def __init__(self) -> None:
        self.depth = 0           # > 0 inside <article>
        self.skip = 0
        self.stack: list[str] = []
        self.units: list[Unit] = [Unit("", "", "")]
        self.buf: list[str] = []
        self.label_tag: str | None = None
        self.label: list[str] = []
        self.in_speaker = False   # inside a turn's speaker line: its label, not its text
        self.content = 0          # div depth inside div.minutes / div.document
        self.skips: list[bool] = []  # per open <thead> / <a href="#…">: is its text left out

    def _flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        unit = self.units[-1]
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text:
            unit.text = f"{unit.text}\n{text}" if unit.text else text

    def _break(self) -> None:
        self.buf.append("\n")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in _SKIP:
            self.skip += 1 if tag not in _VOID else 0
            return
        if self.skip:
            return
        if tag in _UI:
            ui = not self.content and (tag == "thead" or (a.get("href") or "").startswith("#"))
            self.skips.append(ui)
            return
        ident = a.get("id")
        classes = (a.get("class") or "").split()
        if tag == "div":
            if self.content:
                self.content += 1
            elif "minutes" in classes or "document" in classes:
                self.content = 1
                self._flush()  # what follows is the body, under the section's heading
                last = self.units[-1]
                self.units.append(Unit(last.anchor, last.label, "", TEXT))
        if ident and (tag in _HEADING or "turn" in classes):
            self._flush()
            turn = "turn" in classes
            kind = TURN if turn else TEXT if self.content else META
            self.units.append(Unit(ident, "", "", kind, (a.get("data-speaker") or "") if turn else ""))
            if tag in _HEADING:
                self.label_tag, self.label = tag, []
        if "turn__speaker" in classes:
            self.label_tag, self.label = tag, []
            self.in_speaker = True
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag == "article":
            self._flush()
            self.depth -= 1
            return
        if not self.depth:
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _UI:
            if self.skips:
                self.skips.pop()
            return
        if tag == "div" and self.content:
            self.content -= 1
        if tag == self.label_tag:
            self.units[-1].label = " ".join("".join(self.label).split())
            self.label_tag = None
            self.in_speaker = False
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        # Inside a block, a line break is a space (markdown soft breaks); blocks make the breaks.
        data = data.replace("\r", " ").replace("\n", " ")
        if self.label_tag is not None:
            self.label.append(data)
        if not self.in_speaker and not any(self.skips):
            self.buf.append(data)


# A tag (start, end or self-closing), a comment, a declaration or a processing instruction; the
# text between two of them is data. As html.parser reads them, for the HTML our templates write.
_TAG = re.compile(r"""<(?:(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"""
                  r"|!--.*?--\s*>|![^>]*>|\?[^>]*>)", re.S)
_ATTR = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_RAW_TEXT = ("script", "style")


def _attrs(source: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(" " + source):
        value = m.group(2)
        if value is not None:
            if value[:1] in ("'", '"') and value[:1] == value[-1:]:
                value = value[1:-1]
            value = unescape(value)
        out.append((m.group(1).lower(), value))
    return out


def _events(page_html: str, sink: _Article) -> None:
    """Feed sink the page's tags and text as html.parser.HTMLParser(convert_charrefs=True) would,
    leaving out the events sink would ignore: everything before the first <article>, and the
    tags that are neither blocks, skipped, the article nor a label's end, nor carry an id or class
    (<a>, <span>, <time> …; their text runs on)."""
    at, n = _article_start(page_html), len(page_html)
    data: list[str] = []
    search = _TAG.search
    while at < n:
        m = search(page_html, at)
        stop = m.start() if m else n
        if stop > at:
            data.append(unescape(page_html[at:stop]))
        if m is None:
            break
        at = m.end()
        name = m.group(2)
        if name is None:
            continue  # comment, declaration, processing instruction
        tag = name.lower()
        closing, rest = m.group(1), m.group(3)
        if tag not in _EVENTFUL and (tag != sink.label_tag if closing else
                                     ("id=" not in rest and "class=" not in rest)):
            continue
        if data:
            sink.handle_data("".join(data))
            data = []
        if closing:
            sink.handle_endtag(tag)
            continue
        sink.handle_starttag(tag, _attrs(rest) if "id=" in rest or "class=" in rest or "href=" in rest else [])
        if rest.endswith("/"):
            sink.handle_endtag(tag)
        elif tag in _RAW_TEXT:
            end = re.compile(rf"</{tag}\s*>", re.I).search(page_html, at)
            stop = end.start() if end else n
            if stop > at:
                sink.handle_data(page_html[at:stop])
            if end is None:
                return
            sink.handle_endtag(tag)
            at = end.end()
    if data:
        sink.handle_data("".join(data))


_UI = {"thead", "a"}  # the template's words for itself, outside the body (see the module's doc)
_EVENTFUL = _BLOCK | _SKIP | _UI | {"article"}
_BEFORE_ARTICLE = re.compile(r"<(?:(script|style)\b|!--|(/?article)\b)", re.I)


def _article_start(page_html: str) -> int:
    """Where the first <article> (or stray </article>) outside comments, scripts and styles
    starts; the end of the page when there is none."""
    at = 0
    while (m := _BEFORE_ARTICLE.search(page_html, at)) is not None:
        if m.group(2):
            return m.start()
        end = re.compile(rf"</{m.group(1)}\s*>" if m.group(1) else r"--\s*>", re.I).search(page_html, m.end())
        if end is None:
            break
        at = end.end()
    return len(page_html)


def units_of(page_html: str) -> list[Unit]:
    article = _Article()
    _events(page_html, article)
    article._flush()
    return [u for u in article.units if u.text]


@dataclass
class Document:
    """One indexed page with what ranking, facets and display need."""
    url: str
    title: str
    number: str
    council: str
    fiscal_year: str
    kind: str
    category: list[str] = field(default_factory=list)
    department: list[str] = field(default_factory=list)
    outcome: str = ""
    date: str = ""       # 和暦(西暦) as the site shows it
    iso: str = ""        # the same in ISO 8601 at its precision (2021, 2021-03, 2021-03-05): date ranges
    bases: list[str] = field(default_factory=list)  # the 根拠条文 as written (published ones only)
    units: list[Unit] = field(default_factory=list)
