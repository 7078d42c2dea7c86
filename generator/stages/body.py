"""Read a case or meeting body: Markdown → structure (headings, speaker turns, lines) and HTML.

markdown-it-py is the one renderer of a case or meeting page's content. Its tokens keep
their source lines, so the same pass that renders the HTML also knows where each heading and
speaker turn stands in the file; anchors that other pages (and later the search index and the
citation links) point to are therefore the anchors the page has.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import secrets
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..model.japanese import nfkc, normalize_key
from ..model.memo import Memo


@dataclass(frozen=True)
class Heading:
    level: int  # after shifting: the page title is the only h1
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Turn:
    """One speaker turn in the minutes: `○川合会長 では、…` and the paragraphs after it."""

    id: str
    label: str
    line: int
    section: str | None  # id of the heading it stands under


@dataclass
class Body:
    html: str
    headings: list[Heading] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    # Minutes only: each block of text a reader sees, with its file line (text_blocks), taken
    # from the same parse, for the speaker turns of the open data (exports.turn_records); held
    # for every meeting until the exports are made, so packed (JSON, deflated): 22 MB as
    # tuples of strings on tier M, 6 MB packed.
    packed_blocks: bytes = b""

    @property
    def blocks(self) -> list[tuple[int, str]]:
        if not self.packed_blocks:
            return []
        return [(line, text) for line, text in json.loads(zlib.decompress(self.packed_blocks))]

    def section_of_line(self, line: int) -> Heading | None:
        current = None
        for h in self.headings:
            if h.line > line:
                break
            current = h
        return current


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


_MD = _parser()

# What a body may contain. Everything else in raw HTML (scripts, styles, event handlers,
# iframes, forms) is removed by nh3, a maintained allowlist sanitizer (ammonia).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div",
    "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s",
    "section", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "div": {"data-speaker"},  # a turn's label as the minutes write it (川合会長), for search
    "a": {"href", "aria-label"},
    "th": {"scope", "colspan", "rowspan", "abbr"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "section": {"aria-label"},
}
# Classes are the renderer's own (speaker turns, footnotes): content cannot borrow the page's
# or Material's classes to dress itself up as part of the page.
ALLOWED_CLASSES = {
    "div": {"turn", "turn__body"}, "p": {"turn__speaker"}, "a": {"turn__anchor", "footnote-backref"},
    "sup": {"footnote-ref"}, "hr": {"footnotes-sep"}, "section": {"footnotes"},
    "ol": {"footnotes-list"}, "li": {"footnote-item"},
}

# The ids this renderer gives (headings, speaker turns, footnotes) carry this mark until the
# sanitizer strips it; every other id comes from the content and is prefixed `user-content-`
# (as GitHub does), so no element of a body can take an id that a page script reads
# (`__config`, a search box) — DOM clobbering. The mark is new in every process: content
# cannot guess it.
_OWN = "own" + secrets.token_hex(8)
USER_ID_PREFIX = "user-content-"


def _attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        if _OWN in value:
            return value.replace(f"-{_OWN}-", "").replace(_OWN, "")
        return USER_ID_PREFIX + value
    if attr == "href" and _OWN in value:
        return value.replace(f"-{_OWN}-", "").replace(_OWN, "")
    if attr == "data-speaker":  # only the renderer's own
        return value.removeprefix(_OWN) if value.startswith(_OWN) else None
    return value


def sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     allowed_classes=ALLOWED_CLASSES, attribute_filter=_attribute,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


_TURN = re.compile(r"^[○〇◯]\s*(?P<label>[^\s　]{1,40})[\s　]+")
_NOTE = re.compile(r"^[\[［〔＜<(（]")


def slugify(text: str) -> str:
    """A readable, stable anchor: `(1) 開 会` → `1-開会`, `[諮問第 480 号]…` → `諮問第480号…`.

    Not `t<n>`: those are the speaker turns' anchors.
    """
    s = normalize_key(text) if re.search(r"[^\x00-\x7f]", text) else nfkc(text).casefold()
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"[\s_]+", "-", s).strip("-")
    return s[:80] or "section"


_PARSED: Memo[Body] = Memo()


def parse_body(text: str, first_line: int = 1, *, minutes: bool = False,
               speakers: Mapping[str, str] | None = None, top_level: int = 3) -> Body:
    """Parse a body; `first_line` is the file line the body starts on (after front matter).

    With `minutes`, paragraphs starting `○ラベル ` become speaker turns; `speakers` maps a label
    as written to what the page shows for it (`川合会長` → `川合 敏樹（会長）`).
    The body's highest heading becomes `top_level` (h3 under the page's own h2 sections),
    whether the author started at `#` or `##`.

    A pure function of its arguments: the live preview reuses the last build's result for an
    unchanged body (a copy: later stages replace `html`, never the parts).
    """
    key = (text, first_line, minutes, tuple(sorted(speakers.items())) if speakers else None, top_level)
    body = _PARSED.get(key, lambda: _parse_body(text, first_line, minutes, speakers, top_level))
    return dataclasses.replace(body)


def _parse_body(text: str, first_line: int, minutes: bool, speakers: Mapping[str, str] | None,
                top_level: int) -> Body:
    tokens = _MD.parse(text)
    headings: list[Heading] = []
    used: set[str] = set()
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = top_level - min(levels) if levels else 0
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close"):
            level = max(2, min(int(tok.tag[1]) + shift, 6))
            tok.tag = f"h{level}"
            if tok.type == "heading_open":
                inline = tokens[i + 1]
                title = inline.content.strip()
                slug = base = slugify(title)
                n = 2
                while slug in used:
                    slug, n = f"{base}-{n}", n + 1
                used.add(slug)
                tok.attrSet("id", _OWN + slug)
                headings.append(Heading(level, title, slug, _line(tok, first_line)))
    turns: list[Turn] = []
    blocks = b""
    if minutes:  # the blocks before the turns' marks are taken off
        blocks = zlib.compress(json.dumps(_text_blocks(tokens, first_line), ensure_ascii=False).encode(), 1)
        tokens, turns = _mark_turns(tokens, first_line, speakers or {})
    rendered = _MD.renderer.render(tokens, _MD.options, {"docId": _OWN})
    return Body(sanitize(rendered), headings, turns, blocks)


def _line(tok: Token, first_line: int) -> int:
    return (tok.map[0] if tok.map else 0) + first_line


def _mark_turns(tokens: list[Token], first_line: int,
                speakers: Mapping[str, str]) -> tuple[list[Token], list[Turn]]:
    """Wrap each speaker turn in a <div class="turn" id="t…"> with the speaker as a label."""
    out: list[Token] = []
    turns: list[Turn] = []
    open_turn = False
    section: str | None = None

    def close() -> None:
        nonlocal open_turn
        if open_turn:
            out.append(_html("</div></div>\n"))
            open_turn = False

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            close()
            section = str(tok.attrGet("id")).removeprefix(_OWN)
        elif tok.type == "paragraph_open" and tok.level == 0:
            inline = tokens[i + 1]
            m = _TURN.match(inline.content)
            if m and inline.children and inline.children[0].type == "text":
                close()
                label = m["label"]
                turn = Turn(f"t{len(turns) + 1}", label, _line(tok, first_line), section)
                turns.append(turn)
                inline.children[0].content = _TURN.sub("", inline.children[0].content, count=1)
                out.append(_html(
                    f'<div class="turn" id="{_OWN}{turn.id}" data-speaker="{_OWN}{html.escape(label)}">'
                    f'<p class="turn__speaker">'
                    f'<a class="turn__anchor" href="#{turn.id}">'
                    f'{html.escape(speakers.get(label, label))}</a></p>'
                    f'<div class="turn__body">\n'))
                open_turn = True
            elif _NOTE.match(inline.content):
                close()
        out.append(tok)
        i += 1
    close()
    return out, turns


def _html(content: str) -> Token:
    tok = Token("html_block", "", 0)
    tok.content = content
    return tok


def text_blocks(source: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Each block of text a reader sees, as plain text with its file line: paragraphs, headings,
    list items and table cells, without raw HTML, footnote definitions or link definitions (a
    footnote whose only reference was withheld is not on the page, so not here either). For
    the open data: text taken from what the page shows, never from the source around it.
    A minutes' body has them already (`Body.blocks`), from the parse that rendered it."""
    return _text_blocks(_MD.parse(source), first_line)


def _text_blocks(tokens: list[Token], first_line: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    in_footnotes = 0
    for tok in tokens:
        if tok.type in ("footnote_block_open", "footnote_reference_open"):
            in_footnotes += 1
        elif tok.type in ("footnote_block_close", "footnote_reference_close"):
            in_footnotes -= 1
        elif tok.type == "inline" and not in_footnotes and tok.map:
            text = "".join(c.content if c.type in ("text", "code_inline") else "\n"
                           for c in tok.children or [] if c.type in ("text", "code_inline", "softbreak", "hardbreak"))
            if text.strip():
                out.append((_line(tok, first_line), text.strip()))
    return out
