"""Read a case or meeting body: Markdown → structure (headings, speaker turns, citations, lines),
then HTML.

markdown-it-py is the one renderer of a case or meeting page's content. Its tokens keep
their source lines, so the parse that the HTML is rendered from also knows where each heading,
speaker turn and citation stands in the file; anchors that other pages (and later the search
index) point to are therefore the anchors the page has. A body is parsed once (`parse_body`:
the citation rule of model/citations.py marks the cited year-months and numbers in its tokens)
and rendered once (`render_body`), after the citations were resolved: the resolver is handed to
the renderer in `env`, as MkDocs rewrites links inside its tree, so the HTML is never read again.
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

from ..model.citations import Citation, CitedRef, citations_plugin
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
    rendered: str | None = None  # the sanitized HTML, once rendered (`render_body`)
    headings: list[Heading] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    # Minutes only: each block of text a reader sees, with its file line (text_blocks), taken
    # from the same parse, for the speaker turns of the open data (exports.turn_records); held
    # for every meeting until the exports are made, so packed (JSON, deflated): 22 MB as
    # tuples of strings on tier M, 6 MB packed.
    packed_blocks: bytes = b""
    # Citations of prior 答申 in the text, in source order (citations_plugin): only in what is
    # parsed, so never in what withhold.py took out before the body was parsed again.
    citations: list[Citation] = field(default_factory=list)
    key: tuple | None = None  # parse_body's arguments: what to parse again to render
    tokens: list[Token] | None = field(default=None, repr=False, compare=False)  # until rendered

    @property
    def html(self) -> str:
        """The HTML; rendered here without citation links if `render_body` has not rendered it."""
        return self.rendered if self.rendered is not None else render_body(self)

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
    md.use(citations_plugin)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("html_block", _render_html_block)
    return md


def _render_citation(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    tok = tokens[idx]
    return _cited(html.escape(tok.content, quote=False), tok.meta["citation"], tok.meta["ref"], env)


def _render_html_block(self, tokens: list[Token], idx: int, options, env: dict) -> str:
    """Raw HTML as written, each cited reference in its text wrapped (the sanitizer follows)."""
    tok = tokens[idx]
    out, last = [], 0
    for start, end, citation, ref in tok.meta.get("citations", ()):
        out += [tok.content[last:start], _cited(tok.content[start:end], citation, ref, env)]
        last = end
    out.append(tok.content[last:])
    return "".join(out)


def _cited(label: str, citation: Citation, ref: CitedRef, env: dict) -> str:
    """A cited reference (`label`, already HTML) as a link, or marked as not in the archive."""
    hrefs = env.get("cite_hrefs")
    if hrefs is None:  # not resolved (a hand-written page): the text as it is
        return label
    href = hrefs.get((citation, ref))
    if href is None:
        return (f'<span class="{_OWN}citation citation--missing">{label}'
                f'<small>（アーカイブ未収録）</small></span>')
    return f'<a class="{_OWN}citation" href="{html.escape(href)}">{label}</a>'


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
# A citation's classes only where the renderer wrote them (see _attribute).
ALLOWED_CLASSES = {
    "div": {"turn", "turn__body"}, "p": {"turn__speaker"},
    "a": {"turn__anchor", "footnote-backref", "citation"}, "span": {"citation", "citation--missing"},
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
    if attr == "class" and tag in ("a", "span"):  # a citation link only where one was found
        if _OWN in value:
            return value.replace(_OWN, "")
        return " ".join(c for c in value.split() if not c.startswith("citation")) or None
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
_RENDERED: Memo[str] = Memo()


def parse_body(text: str, first_line: int = 1, *, minutes: bool = False,
               speakers: Mapping[str, str] | None = None, top_level: int = 3,
               own_number: str | None = None) -> Body:
    """Parse a body; `first_line` is the file line the body starts on (after front matter).

    With `minutes`, paragraphs starting `○ラベル ` become speaker turns; `speakers` maps a label
    as written to what the page shows for it (`川合会長` → `川合 敏樹（会長）`).
    The body's highest heading becomes `top_level` (h3 under the page's own h2 sections),
    whether the author started at `#` or `##`. `own_number`, the case's own number, is never
    read as a citation.

    A pure function of its arguments: the live preview reuses the last build's result for an
    unchanged body (a copy, which holds the tokens for `render_body` when it was parsed now).
    """
    key = (text, first_line, minutes, tuple(sorted(speakers.items())) if speakers else None, top_level,
           own_number)
    made: list[list[Token]] = []

    def parse() -> Body:
        body, tokens = _parse_body(key)
        made.append(tokens)
        return body
    body = dataclasses.replace(_PARSED.get(key, parse))
    body.tokens = made[0] if made else None  # the memo keeps no tokens
    if not body.citations:
        render_body(body)  # nothing to link: rendered now, so its tokens are not held until resolve
    return body


def render_body(body: Body, cite_hrefs: Mapping[tuple[Citation, CitedRef], str | None] | None = None) -> str:
    """Render a parsed body once: its HTML, sanitized. `cite_hrefs` gives each cited reference
    (citation, ref) its link, None for 'not in the archive'; without it citations stay text."""
    hrefs = None if cite_hrefs is None else dict(cite_hrefs)
    if body.key is None:
        body.rendered = body.rendered or ""
        return body.rendered
    if body.rendered is not None and not body.citations:
        return body.rendered  # no citation to link: the HTML is the same whatever the links
    tokens, body.tokens = body.tokens, None
    memo_key = (body.key, None if hrefs is None else tuple(hrefs.get((c, r)) for c in body.citations for r in c.refs))

    def render() -> str:
        assert body.key is not None
        parsed = tokens if tokens is not None else _parse_body(body.key)[1]  # the memo had the parse
        env = {"docId": _OWN} if hrefs is None else {"docId": _OWN, "cite_hrefs": hrefs}
        return sanitize(_MD.renderer.render(parsed, _MD.options, env))
    body.rendered = _RENDERED.get(memo_key, render)
    return body.rendered


def _parse_body(key: tuple) -> tuple[Body, list[Token]]:
    text, first_line, minutes, speaker_items, top_level, own_number = key
    speakers = dict(speaker_items) if speaker_items else None
    env: dict = {"own_number": own_number, "first_line": first_line}
    tokens = _MD.parse(text, env)
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
    return Body(None, headings, turns, blocks, env.get("citations", []), key), tokens


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
            text = "".join(c.content if c.type in ("text", "code_inline", "citation") else "\n"
                           for c in tok.children or []
                           if c.type in ("text", "code_inline", "citation", "softbreak", "hardbreak"))
            if text.strip():
                out.append((_line(tok, first_line), text.strip()))
    return out
