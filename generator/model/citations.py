"""Citations of prior decisions (答申) in case documents and minutes.

A case often says that an earlier 答申 already covers part of it: 「平成 13 年 1 月、平成 21 年
11 月及び平成 28 年 1 月に諮問答申済み」, 「諮問第151号によりご承認」. `find_citations` finds
those phrases while markdown-it parses a body (`citations_plugin`, a core rule on the token
tree), and marks each cited year-month or number so that the renderer links it; resolving a
reference to a case is the caller's (stages/resolve.py), handed to the renderer in `env`.

Matching runs on a working copy of each block's text (NFKC, PDF-extraction spaces dropped, tags
and footnote markers left out) that remembers the source span of every character, so a
reference's text is exactly the text it is found in. The rules, each shown on real phrases in
tests/fixtures/citations.txt:

- A list of year-months (joined by 、 及び 並びに; the era written once or repeated, the year
  carried over: 「平成28年1月及び11月」 is 2016-01 and 2016-11) followed at once (に/で allowed)
  by a verb of completion: 答申済み, 諮問し、答申を受け…, 第三者点検を受け…. Plans are not
  citations: a schedule line (「令和3年 3月 審査会への諮問答申」) has words between the date and
  the verb and no 済; 受ける and 受け次第 are rejected.
- A number (諮問第151号, 令和2年度第26号議案) only with a citing verb beside it (「…によりご承認」,
  「…で承認を受けた」, 「答申済みの…」) or in the form field 「審議会 令和元年9月2日 諮問第 6 号」
  (council, full date, number). A bare number is a heading or agenda item; requests for approval
  (「…でご承認いただければ」, 「…で承認とする」) are the current case, not a prior one.
- Dates that cannot exist (平成32年5月) are not citations: the reference is dropped, and the
  phrase when nothing is left (it could not be linked anyway). 平成 just after the era ended
  (平成31年5月) is read as parse_date reads it: 2019-05.
- The council may be named between the date and the verb (「平成19年3月に本審査会に諮問し、答申を
  受けている」). A 年度 alone (「平成28年度に答申済み」) is a citation at year precision: key
  `fy:2016`, which no month matches (resolving it to a case is the resolver's to add).
- Limits: a phrase may run over a soft line break of a Markdown paragraph, emphasis, a footnote
  marker or an inline tag, not over a paragraph, table-cell, <br> or hard-break boundary, code or
  a link; a reference is linked when it lies in one run of text (not split by a tag, not inside
  a link); 議案 numbers without their 年度 are not read; number digits must
  be Arabic (full-width is fine).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .japanese import ERA_PATTERN, PartialDate, nfkc, parse_date, parse_fiscal_year, squeeze

T = TypeVar("T")


@dataclass(frozen=True)
class CitedRef:
    """One cited decision inside a phrase: a year-month or a number."""

    text: str                 # exact source substring: the link text
    year: int | None          # Gregorian; for a number, from its date when one is written
    month: int | None
    number: str | None        # squeezed, NFKC: 諮問第151号, 令和2年度第26号議案
    date: PartialDate | None  # only when a full date (with day) is written

    @property
    def key(self) -> str:
        """'ym:2016-01', 'fy:2016' (a 年度 alone) or 'no:諮問第151号': how missing decisions are grouped."""
        if self.number is not None:
            return f"no:{number_key(self.number)}"
        if self.month is None:
            return f"fy:{self.year:04d}"
        return f"ym:{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Citation:
    """A reference to a prior 答申, e.g. 「平成28年1月諮問答申済み」."""

    phrase: str               # the whole citing phrase as written
    refs: tuple[CitedRef, ...]
    line: int                 # 1-based line in the file


# --- Patterns (on the working copy: NFKC, no spaces between Japanese and digits) -------------

_ERA = ERA_PATTERN
_N = r"(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})"
_YEAR = rf"(?:元|{_N})"
_FIRST = rf"{_ERA}{_YEAR}年{_N}月(?:{_N}日)?"
_ITEM = rf"(?:{_ERA}?{_YEAR}年)?{_N}月(?:{_N}日)?"
_SEP = r"(?:、|,|及び|および|並びに|ならびに)"
_DONE = r"(?!る|次第)"  # 答申を受ける / 受け次第 are plans
# 「平成19年3月に本審査会に諮問し、答申を受けている」: the council named between date and verb.
_TO_COUNCIL = r"(?:(?:本|当|同|前記の?)?(?:審査会|審議会)(?:に|へ|で|において|から))?"
_VERB = rf"(?:(?:諮問・?)?答申済み?|諮問し、?答申を受け{_DONE}|第三者点検を受け{_DONE})"
_DATE_CITATION = re.compile(
    rf"(?P<list>{_FIRST}(?:{_SEP}{_ITEM})*)(?:に|で|において)?{_TO_COUNCIL}{_VERB}")
# 「平成28年度に答申済み」: a 年度 alone (year precision; the month is not known).
_FY_CITATION = re.compile(rf"(?P<fy>{_ERA}{_YEAR}年度)(?:に|で|において)?{_TO_COUNCIL}{_VERB}")
_ITEM_PARTS = re.compile(
    rf"(?:(?P<era>{_ERA})?(?P<year>{_YEAR})年)?(?P<month>{_N})月(?:(?P<day>{_N})日)?")

_NUMBER = rf"(?:(?P<fy>{_ERA}{_YEAR}年度)(?:第\d+号議案|諮問第\d+号)|諮問第\d+号)"
_ADV = r"、?(?:既に|すでに)?(?:ご|御)?"
# 「…でご承認いただければ」「…で承認とする」 ask for (or give) the current case's decision.
_NO_REQUEST = r"(?!を?(?:お願い|いただけ|いただきた|頂け|頂きた|ください|下さい|する|します|と))"
_PERFECT = r"(?:済み?|を受け[てた]|を?(?:いただ|頂)(?:い|きました)|され[てた]|を得[てた])"
_AFTER = (rf"(?:[「『][^「」『』\n]{{0,80}}[」』])?(?:"
          rf"(?:により|によって|にて|において|で){_ADV}(?:承認|了承){_NO_REQUEST}"
          rf"|(?:として|に)?{_ADV}(?:承認|了承){_PERFECT}"
          rf"|(?:により|で|に|として)?{_ADV}(?:諮問・?)?答申(?:済み?|を受け[てた]))")
_BEFORE = (r"(?:(?:諮問・?)?答申済みの|承認済みの|(?:ご|御)?承認を?(?:いただいた|頂いた|受けた|された)"
           r"|答申を受けた)")
_NUMBERED = re.compile(
    rf"(?P<before>{_BEFORE})?(?P<council>審議会|審査会)?"
    rf"(?:(?P<date>{_ERA}{_YEAR}年{_N}月(?:{_N}日)?)[に、,]?)?"
    rf"(?P<number>{_NUMBER})(?P<after>{_AFTER})?")


# --- The working copy -----------------------------------------------------------------------

class _Working:
    """Text normalised for matching, with the source span of each character."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.spans: list[tuple[int, int]] = []

    def add(self, text: str, start: int) -> None:
        for i, ch in enumerate(text):
            self.put(nfkc(ch), start + i, start + i + 1)

    def put(self, text: str, start: int, end: int) -> None:
        """Characters that all stand for source[start:end] (an entity, a boundary)."""
        for ch in text:
            self.chars.append(" " if ch.isspace() and ch != "\n" else ch)
            self.spans.append((start, end))

    def squeezed(self) -> tuple[str, list[tuple[int, int]]]:
        """Drop spaces unless they stand between two ASCII letters or digits (LGWAN ASP)."""
        keep = [k for k, ch in enumerate(self.chars)
                if ch != " " or (_ascii_word(self._next(k, -1)) and _ascii_word(self._next(k, 1)))]
        return "".join(self.chars[k] for k in keep), [self.spans[k] for k in keep]

    def _next(self, k: int, step: int) -> str:
        k += step
        while 0 <= k < len(self.chars) and self.chars[k] == " ":
            k += step
        return self.chars[k] if 0 <= k < len(self.chars) else ""


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# --- Scanning -----------------------------------------------------------------------------

Span = tuple[int, int]
Found = tuple[Span, list[tuple[Span, CitedRef]]]


def _scan(source: str, w: _Working, own: str | None) -> list[Found]:
    """Citing phrases in source order: (phrase span, [(ref span, ref)]), spans in `source`."""
    text, spans = w.squeezed()

    def span(start: int, end: int) -> Span:
        return spans[start][0], spans[end - 1][1]

    found: list[Found] = []
    for m in _DATE_CITATION.finditer(text):
        refs = []
        era = year = None
        for item in _ITEM_PARTS.finditer(text, m.start("list"), m.end("list")):
            era, year = item["era"] or era, item["year"] or year
            day = f"{item['day']}日" if item["day"] else ""
            pd = _valid(parse_date, f"{era}{year}年{item['month']}月{day}")
            if pd is not None:
                s = span(*item.span())
                refs.append((s, CitedRef(source[s[0]:s[1]], pd.year, pd.month, None,
                                         pd if pd.day else None)))
        if refs:
            found.append((span(*m.span()), refs))
    for m in _FY_CITATION.finditer(text):
        if (fy := _valid(parse_fiscal_year, m["fy"])) is not None:
            s = span(*m.span("fy"))
            found.append((span(*m.span()), [(s, CitedRef(source[s[0]:s[1]], fy, None, None, None))]))
    for m in _NUMBERED.finditer(text):
        if ref := _numbered(m, source, span, own):
            found.append((span(*m.span()), [ref]))
    return sorted(found, key=lambda f: f[0])


def _numbered(m: re.Match[str], source: str, span: Callable[[int, int], Span],
              own: str | None) -> tuple[Span, CitedRef] | None:
    """A numbered reference, when a verb or the council form makes it a citation."""
    pd = _valid(parse_date, m["date"]) if m["date"] else None
    form = m["council"] and pd is not None and pd.day is not None
    if not (m["before"] or m["after"] or form) or (m["date"] and pd is None):
        return None
    number = m["number"]
    if number_key(number) == own or (m["fy"] and _valid(parse_fiscal_year, m["fy"]) is None):
        return None
    s = span(*m.span("number"))
    return s, CitedRef(source[s[0]:s[1]], pd.year if pd else None, pd.month if pd else None, number,
                       pd if pd and pd.day else None)


def _valid(parse: Callable[[str], T], text: str) -> T | None:
    """What `parse` makes of text, or None: 平成32年5月 is not a date, so not a citation."""
    try:
        return parse(text)
    except ValueError:
        return None


def number_key(number: str) -> str:
    """A case number as a key: 諮問第 151 号, 諮問第151号 and 諮問第0151号 are one number.

    The one rule for comparing case numbers: the duplicate check (stages/link.py), a cited
    number's target (stages/resolve.py) and a body's own number all use it."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", re.sub(r"\s+", "", squeeze(number)))


# Every citation has one of these words (the verbs of _DATE_CITATION, _AFTER and _BEFORE) or
# is the council form (審議会 … 諮問第6号). Blocks without them are skipped before the
# character-by-character working copy is built: on a 27 MB archive that copy is most of the time.
_TRIGGERS = ("答申", "第三者点検", "承認", "了承")


def _may_cite(block: str) -> bool:
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", block))
    return any(t in flat for t in _TRIGGERS) or (("審議会" in flat or "審査会" in flat) and "号" in flat)


def find_citations(text: str, first_line: int = 1, *, own_number: str | None = None) -> list[Citation]:
    """Citations in a Markdown body, as the renderer finds them (`citations_plugin`).

    `first_line` is the file line the body starts on; `own_number` (the case's own number, as
    written) is never taken as a citation, wherever the text names it.
    """
    from ..stages.body import parse_body  # the one parser of bodies, which runs the plugin

    return parse_body(text, first_line, own_number=own_number).citations


# --- In markdown-it's token tree ------------------------------------------------------------
#
# The plugin's core rule reads each block of the parsed body as a reader does: the text tokens
# of a paragraph, heading, list item or table cell (across soft breaks, emphasis, footnote
# references and inline tags; not across a hard break, a <br> or another block), and the text
# of raw HTML blocks (the documents' tables), cut at their block tags. It records every
# citation in `env["citations"]` with its file line (from `token.map`) and marks the text of
# each cited year-month or number: an inline text token is split around it (a `citation` token
# holding the Citation and the CitedRef), a raw HTML block gets the spans in `meta["citations"]`.
# The renderer (stages/body.py) turns those into links through the resolver it is given in
# `env`: the HTML is never read again to find them.

# Tags that end a phrase: a paragraph, cell or line break is never inside one.
_BLOCK_TAGS = frozenset(["address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"])
# Elements whose content is not text a reader sees (the sanitizer drops most of them whole).
_RAW_TEXT = frozenset(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "template", "plaintext"])
# Raw HTML as a tokenizer reads it: comments, declarations, tags (quoted attribute values may
# hold '>'), character references; what is left is text. A '<' that starts none of these is
# read as a boundary and its text is never wrapped: it may be a tag HTML reads differently.
_HTML_PART = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))|(?P<decl><[!?][^>]*>?)"
    r"|<(?P<close>/)?(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|(?P<entity>&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)|(?P<lt><)", re.S)
# Footnote markers that did not become references and stray emphasis marks: read through.
_MARKS = re.compile(r"\[\^[^\]\s]+\]|\*+")


@dataclass
class _Piece:
    """A part of one block: its source text, what it adds to the working copy, whether a
    reference lying wholly in it (and its group) may be wrapped in a link."""

    source: str
    kind: str            # text | entity | soft (line break) | cut (a boundary) | skip (nothing)
    group: int = -1      # pieces of one group are one run of text; -1: never wrapped
    child: int = -1      # the inline child it is (text pieces of an inline token)


def citations_plugin(md: MarkdownIt) -> None:
    """Find citations at parse time; env: `own_number`, `first_line`; out: `env["citations"]`."""
    md.core.ruler.push("citations", _find_in_tokens)


def _find_in_tokens(state: StateCore) -> None:
    env = state.env if isinstance(state.env, dict) else {}
    own = number_key(env["own_number"]) if env.get("own_number") else None
    first = env.get("first_line", 1)
    found: list[Citation] = env.setdefault("citations", [])
    in_link = 0  # raw <a> elements open, in document order
    for tok in state.tokens:
        if tok.type == "html_block":
            pieces, in_link = _html_pieces(tok.content, in_link)
            if _may_cite(tok.content):
                wraps = _found(pieces, own, _line(tok, first), found)
                tok.meta["citations"] = [(s, e, c, ref) for (s, e, _, c, ref) in wraps]
        elif tok.type == "inline" and tok.children:
            pieces, in_link = _inline_pieces(tok.children, in_link)
            if _may_cite(tok.content):
                wraps = _found(pieces, own, _line(tok, first), found)
                if wraps:
                    tok.children = _split(tok.children, pieces, wraps)
    found.sort(key=lambda c: c.line)  # footnotes are moved to the end of the tokens


def _line(tok: Token, first: int) -> int:
    return first + (tok.map[0] if tok.map else 0)


def _inline_pieces(children: list[Token], in_link: int) -> tuple[list[_Piece], int]:
    pieces: list[_Piece] = []
    for k, child in enumerate(children):
        t = child.type
        if t == "text":
            pieces.append(_Piece(child.content, "text", -1 if in_link else k, k))
        elif t == "softbreak":
            pieces.append(_Piece("\n", "soft"))
        elif t in ("link_open", "link_close"):  # text inside a link is never wrapped in another
            in_link = in_link + 1 if t == "link_open" else max(in_link - 1, 0)
            pieces.append(_Piece("", "cut"))
        elif t == "footnote_ref":
            pieces.append(_Piece(f"[^{child.meta.get('label', '')}]", "skip"))
        elif t.endswith(("_open", "_close")) and t.split("_")[0] in ("em", "strong", "s"):
            pieces.append(_Piece(child.markup, "skip"))
        elif t == "html_inline":
            m = _HTML_PART.match(child.content)
            tag = (m["tag"] or "").lower() if m else ""
            if tag == "a":
                in_link = max(in_link - 1, 0) if m and m["close"] else in_link + 1
            pieces.append(_Piece(child.content, "cut" if tag in _BLOCK_TAGS else "skip"))
        else:  # a hard break, code, a link's ends, an image: a phrase does not run across them
            source = "\n" if t == "hardbreak" else child.content
            pieces.append(_Piece(source, "cut"))
    return pieces, in_link


def _html_pieces(content: str, in_link: int) -> tuple[list[_Piece], int]:
    pieces: list[_Piece] = []
    group, last, raw_text = 0, 0, ""

    def text(upto: int) -> None:
        if upto > last:
            pieces.append(_Piece(content[last:upto], "text" if not raw_text else "cut",
                                 -1 if in_link or raw_text else group))

    for m in _HTML_PART.finditer(content):
        tag = (m["tag"] or "").lower()
        if raw_text and not (m["close"] and tag == raw_text):
            continue  # inside <script>, <style> …: read as one boundary
        text(m.start())
        last = m.end()
        if m["entity"]:
            pieces.append(_Piece(m[0], "entity", -1 if in_link else group))
            continue
        if raw_text:
            raw_text = ""
        elif tag in _RAW_TEXT and not m["close"]:
            raw_text = tag
        elif tag == "a":
            in_link = max(in_link - 1, 0) if m["close"] else in_link + 1
        pieces.append(_Piece(m[0], "cut" if tag in _BLOCK_TAGS or m["lt"] else "skip"))
        group += 1
    text(len(content))
    return pieces, in_link


def _found(pieces: list[_Piece], own: str | None, line: int,
           out: list[Citation]) -> list[tuple[int, int, int, Citation, CitedRef]]:
    """Scan one block; add its citations to `out`; return the references that can be wrapped:
    (start, end in the block's source, the piece they lie in, the citation, the reference)."""
    w, starts, pos = _Working(), [], 0
    for p in pieces:
        starts.append(pos)
        if p.kind == "soft":
            w.put(" ", pos, pos + 1)
        elif p.kind == "cut":
            w.put("\n", pos, pos + len(p.source))
        elif p.kind == "entity":
            w.put(nfkc(html.unescape(p.source)), pos, pos + len(p.source))
        elif p.kind == "text":
            last = 0
            for m in _MARKS.finditer(p.source):
                w.add(p.source[last:m.start()], pos + last)
                last = m.end()
            w.add(p.source[last:], pos + last)
        pos += len(p.source)
    source = "".join(p.source for p in pieces)
    wraps = []
    for (s, e), refs in _scan(source, w, own):
        citation = Citation(source[s:e], tuple(ref for _, ref in refs), line + source.count("\n", 0, s))
        out.append(citation)
        for (rs, re_), ref in refs:
            first = max(k for k, start in enumerate(starts) if start <= rs)
            last = max(k for k, start in enumerate(starts) if start < re_)
            group = pieces[first].group
            if group >= 0 and all(pieces[k].group == group for k in range(first, last + 1)):
                wraps.append((rs, re_, first, citation, ref))
    return wraps


def _split(children: list[Token], pieces: list[_Piece],
           wraps: list[tuple[int, int, int, Citation, CitedRef]]) -> list[Token]:
    """The inline children with each wrapped reference in a `citation` token of its own."""
    starts, pos = [], 0
    for p in pieces:
        starts.append(pos)
        pos += len(p.source)
    by_child: dict[int, list[tuple[int, int, Citation, CitedRef]]] = {}
    for s, e, k, citation, ref in wraps:
        by_child.setdefault(pieces[k].child, []).append((s - starts[k], e - starts[k], citation, ref))
    out: list[Token] = []
    for k, child in enumerate(children):
        if k not in by_child:
            out.append(child)
            continue
        last = 0
        for s, e, citation, ref in sorted(by_child[k], key=lambda w: w[0]):
            out.append(_text(child.content[last:s]))
            cite = Token("citation", "", 0, content=child.content[s:e], meta={"citation": citation, "ref": ref})
            out.append(cite)
            last = e
        out.append(_text(child.content[last:]))
    return [t for t in out if t.type != "text" or t.content]


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)
