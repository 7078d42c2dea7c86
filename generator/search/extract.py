"""The searchable units of a built page: its article, cut at every heading and speaker turn
that has an id, so a hit links to the exact section (#id) or turn (#t12).

Text is what a reader sees in the article: blocks (paragraphs, cells, list items, headings)
are separated by a hard break ("\\n", which a match never crosses); the breadcrumb is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK = {"p", "div", "li", "td", "th", "dt", "dd", "tr", "table", "caption", "h1", "h2", "h3",
          "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "section", "br", "hr"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "nav", "template", "button"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}


@dataclass
class Unit:
    anchor: str  # "" = the top of the page
    label: str   # the heading's text, or the speaker
    text: str    # blocks joined by "\n"


@dataclass
class _Open:
    tag: str
    unit_start: bool = False


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0           # > 0 inside <article>
        self.skip = 0
        self.stack: list[str] = []
        self.units: list[Unit] = [Unit("", "", "")]
        self.buf: list[str] = []
        self.label_tag: str | None = None
        self.label: list[str] = []
        self.turn_depth: int | None = None

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
        ident = a.get("id")
        classes = (a.get("class") or "").split()
        if ident and (tag in _HEADING or "turn" in classes):
            self._flush()
            self.units.append(Unit(ident, "", ""))
            if tag in _HEADING:
                self.label_tag, self.label = tag, []
        if "turn__speaker" in classes:
            self.label_tag, self.label = tag, []
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
        if tag == self.label_tag:
            self.units[-1].label = " ".join("".join(self.label).split())
            self.label_tag = None
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        # Inside a block, a line break is a space (markdown soft breaks); blocks make the breaks.
        data = data.replace("\r", " ").replace("\n", " ")
        self.buf.append(data)
        if self.label_tag is not None:
            self.label.append(data)


def units_of(page_html: str) -> list[Unit]:
    parser = _Article()
    parser.feed(page_html)
    parser.close()
    parser._flush()
    return [u for u in parser.units if u.text]


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
    units: list[Unit] = field(default_factory=list)
