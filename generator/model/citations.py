"""Citations of prior decisions (答申) in case documents and minutes.

A case often says that an earlier 答申 already covers part of it: 「平成 13 年 1 月、平成 21 年
11 月及び平成 28 年 1 月に諮問答申済み」, 「諮問第151号によりご承認」. `find_citations` finds
those phrases for the link stage; `link_citations` turns each cited year-month or number in a
rendered page into a link. The module is pure: resolving a reference to a case is the caller's.

Matching runs on a working copy (NFKC, PDF-extraction spaces dropped, tags and footnote markers
left out) that remembers the source span of every character, so a reference's text is the exact
substring of the source. The rules, each shown on real phrases in tests/fixtures/citations.txt:

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
- Limits: a phrase may run over a soft line break of a Markdown paragraph, not over a paragraph,
  table-cell or <br> boundary; 議案 numbers without their 年度 are not read; number digits must
  be Arabic (full-width is fine).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TypeVar

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
            return f"no:{self.number}"
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


# Tags that end a phrase: a paragraph, cell or line break is never inside one.
_BLOCK_TAGS = set(["address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"])
_INLINE = re.compile(r"<!--.*?-->|</?(?P<tag>[A-Za-z][A-Za-z0-9]*)\b[^<>]*>"
                     r"|(?P<entity>&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)"
                     r"|\[\^[^\]\s]+\]|\*+")
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+]\s|>|\||<|\[\^[^\]]+\]:|\d+[.)]\s|[○〇◯])")


def _markdown_working(text: str) -> _Working:
    """A Markdown body as text: tags, footnote markers and emphasis out; soft breaks joined."""
    w, pos, prev = _Working(), 0, ""
    for line in text.split("\n"):
        if pos:
            soft = _continues(prev) and line.strip() and not _BLOCK_START.match(line)
            w.put(" " if soft else "\n", pos - 1, pos)
        last = 0
        for m in _INLINE.finditer(line):
            w.add(line[last:m.start()], pos + last)
            if m["tag"] and m["tag"].lower() in _BLOCK_TAGS:
                w.put("\n", pos + m.start(), pos + m.end())
            elif m["entity"]:
                w.put(nfkc(html.unescape(m["entity"])), pos + m.start(), pos + m.end())
            last = m.end()
        w.add(line[last:], pos + last)
        pos, prev = pos + len(line) + 1, line
    return w


def _continues(line: str) -> bool:
    """Whether the next line can continue this one's paragraph (no heading, row or hard break)."""
    s = line.strip()
    return bool(s) and not s.startswith(("#", "|", "<")) and not line.endswith(("  ", "\\"))


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
    if number == own or (m["fy"] and _valid(parse_fiscal_year, m["fy"]) is None):
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
    """A case number as a key: 諮問第 151 号 and 諮問第151号 are one number."""
    return re.sub(r"\s+", "", squeeze(number))


# A phrase never crosses a blank line, and every citation has one of these words (the verbs
# of _DATE_CITATION, _AFTER and _BEFORE) or is the council form (審議会 … 諮問第6号). Blocks
# without them are skipped before the character-by-character working copy is built: on a
# 27 MB archive that copy is most of the time.
_BLANK = re.compile(r"\n[ \t\u3000]*\n")
_TRIGGERS = ("答申", "第三者点検", "承認", "了承")


def _may_cite(block: str) -> bool:
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", block))
    return any(t in flat for t in _TRIGGERS) or (("審議会" in flat or "審査会" in flat) and "号" in flat)


def find_citations(text: str, first_line: int = 1, *, own_number: str | None = None) -> list[Citation]:
    """Citations in a Markdown body (which may contain raw HTML tables: tags are skipped).

    `first_line` is the file line the body starts on; `own_number` (the case's own number, as
    written) is never taken as a citation, wherever the text names it.
    """
    own = number_key(own_number) if own_number else None
    out: list[Citation] = []
    start = 0
    for gap in [*_BLANK.finditer(text), None]:
        end = gap.start() if gap else len(text)
        block = text[start:end]
        if _may_cite(block):
            for (s, e), refs in _scan(block, _markdown_working(block), own):
                out.append(Citation(block[s:e], tuple(ref for _, ref in refs),
                                    first_line + text.count("\n", 0, start + s)))
        start = gap.end() if gap else end
    return out


# --- Linking in rendered HTML ---------------------------------------------------------------

@dataclass
class _Event:
    offset: int
    kind: str  # start, end, text, other
    tag: str = ""
    attrs: dict[str, str | None] | None = None
    data: str = ""


class _Events(HTMLParser):
    """The HTML as a flat list of tags and text nodes, each with its offset in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[_Event] = []
        self._lines = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self.feed(source)
        self.close()

    def _at(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(_Event(self._at(), "start", tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.events.append(_Event(self._at(), "end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(_Event(self._at(), "text", data=data))

    def _other(self) -> None:
        self.events.append(_Event(self._at(), "other"))

    def handle_comment(self, data: str) -> None:
        self._other()

    def handle_decl(self, decl: str) -> None:
        self._other()

    def handle_pi(self, data: str) -> None:
        self._other()

    def unknown_decl(self, data: str) -> None:
        self._other()


# Where rendered HTML may be cut into parts that are parsed alone: after a block's closing tag
# and a newline (markdown-it ends every block so). No phrase and no <a> crosses such a cut.
_HTML_CUT = re.compile(r"(?<=</p>\n)|(?<=</tr>\n)|(?<=</table>\n)|(?<=</li>\n)|(?<=</div>\n)"
                       r"|(?<=</h[1-6]>\n)|(?<=</ul>\n)|(?<=</ol>\n)|(?<=</blockquote>\n)")


def link_citations(html_text: str, href_for: Callable[[CitedRef], str | None], *,
                   own_number: str | None = None) -> str:
    """As _link_citations, parsing only the blocks that may cite (most minutes do not)."""
    parts = _HTML_CUT.split(html_text)
    return "".join(_link_citations(part, href_for, own_number=own_number) if _may_cite(part) else part
                   for part in parts)


def _link_citations(html_text: str, href_for: Callable[[CitedRef], str | None], *,
                    own_number: str | None = None) -> str:
    """Rewrite sanitized HTML: each cited year-month or number in a citing phrase becomes a link,
    or a 'not in the archive' mark when `href_for` returns None (`own_number` as in find_citations).

    Phrases are read across inline tags within one block (p, td, li…); footnote markers
    (<sup class="footnote-ref">) are skipped. Only text nodes change, and only text outside <a>;
    a reference split over two text nodes (by <em>, say) is left as it is.
    """
    events = _Events(html_text).events
    ends = [e.offset for e in events[1:]] + [len(html_text)]
    replaced: dict[int, str] = {}
    block: list[tuple[int, str, bool]] = []  # (event index, text, may be wrapped)
    in_link = skip = 0
    own = number_key(own_number) if own_number else None
    for i, ev in enumerate(events):
        if ev.kind == "text":
            if not skip:
                block.append((i, ev.data, not in_link))
            continue
        if ev.tag in _BLOCK_TAGS:
            replaced.update(_link_block(block, href_for, own))
            block = []
        opening = ev.kind == "start"
        if ev.tag == "a":
            in_link = in_link + 1 if opening else max(in_link - 1, 0)
        elif ev.tag == "sup" and opening and (skip or _is_footnote_ref(ev)):
            skip += 1
        elif ev.tag == "sup" and ev.kind == "end" and skip:
            skip -= 1
    replaced.update(_link_block(block, href_for, own))
    return "".join(replaced.get(i, html_text[ev.offset:ends[i]]) for i, ev in enumerate(events))


def _is_footnote_ref(ev: _Event) -> bool:
    """markdown-it's footnote marker: not prose, so a phrase reads through it."""
    return "footnote-ref" in ((ev.attrs or {}).get("class") or "").split()


def _link_block(nodes: list[tuple[int, str, bool]], href_for: Callable[[CitedRef], str | None],
                own: str | None) -> dict[int, str]:
    """The new HTML of each text node of one block in which a reference is wrapped."""
    w, starts, pos = _Working(), [], 0
    for _, text, _ in nodes:
        starts.append(pos)
        w.add(text, pos)
        pos += len(text)
    source = "".join(text for _, text, _ in nodes)
    wraps: dict[int, list[tuple[int, int, CitedRef]]] = {}
    for _, refs in _scan(source, w, own):
        for (s, e), ref in refs:
            k = max(j for j, start in enumerate(starts) if start <= s)
            if e <= starts[k] + len(nodes[k][1]) and nodes[k][2]:
                wraps.setdefault(k, []).append((s - starts[k], e - starts[k], ref))
    return {nodes[k][0]: _wrapped(nodes[k][1], found, href_for) for k, found in wraps.items()}


def _wrapped(text: str, found: list[tuple[int, int, CitedRef]],
             href_for: Callable[[CitedRef], str | None]) -> str:
    out, last = [], 0
    for s, e, ref in sorted(found, key=lambda f: f[0]):
        label = _escape(text[s:e])
        href = href_for(ref)
        out.append(_escape(text[last:s]))
        out.append(f'<a class="citation" href="{html.escape(href)}">{label}</a>' if href is not None
                   else f'<span class="citation citation--missing">{label}'
                        f'<small>（アーカイブ未収録）</small></span>')
        last = e
    out.append(_escape(text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    """Text as the sanitizer writes it (ammonia also spells out no-break spaces)."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")
