"""Stage 4, withhold: what a council did not make public is removed before anything is rendered.

Closed stays closed by construction: this stage takes the linked archive and returns entries
whose sources and models hold nothing that was closed, so no later stage (pages, citations,
exports, feeds, the search index) can publish it, however it reads them.

- A meeting held closed (`access: 非公開`) keeps only its closure notice: who (council, 期・回),
  when, that it was closed and why, the items' kinds and the cases they dealt with, and the
  facts the disclosure obligations count (dates, the record's state). Its minutes, materials,
  place, attendees, speakers, notice texts, item titles and outcomes are dropped.
- A closed agenda item (`agenda[].access: 非公開`) withholds its minutes section: the subtree
  of the document under its heading, found in markdown-it's token tree. The section ends at the
  next heading *of the document's own outline* (a top-level block) of the same or a higher
  level, as written (`####` vs `#####`, before any shift); headings inside quotes, lists,
  footnotes or HTML are part of the section, never its end. The heading itself is replaced by
  one made from the agenda's public label (its text could say more than the agenda does), so
  no anchor or slug carries closed text. Lines are replaced one for one, so what follows keeps
  its source lines.
- The case deliberated in a closed item, or in a closed meeting (drafts included: a draft
  meeting that closes an item still withholds its case; a case that names a closed meeting in
  its own `meetings` or as its 答申's meeting was deliberated there too), keeps what a public agenda says of
  it: kind, number, title, department, the categories of its legal bases, 年度, meetings, the
  request's date and the 答申's result and dates. Its documents (the body), the articles' texts
  and notes, the opinion, the request's letter head (document number, sender) and its
  citations (found in the withheld text, or noted by the secretariat) are withheld.
- Drafts (`draft: true`) were already dropped by link; hand-written pages marked draft are
  left out by the plugin.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..model.archive import AgendaEntry, Archive, CaseEntry, Closure, MeetingEntry
from ..model.casefile import Basis, Decision, Request
from ..model.diagnostics import Diagnostics
from ..model.memo import Memo
from .body import parse_body
from .link import speaker_labels
from .validate import ValidContent

CLOSED_NOTE = "（この部分は非公開で審議されたため、掲載していません。）"


def _parser() -> MarkdownIt:
    # The same block grammar as body.py: what it calls a heading is what this stage sees.
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


_MD = _parser()
_PARSED: Memo[list[Token]] = Memo()  # the live preview parses again only the minutes a save changed


def withhold(archive: Archive, valid: ValidContent, diagnostics: Diagnostics) -> Archive:
    """Blank every closed part of the archive at its source and re-read what remains."""
    for meeting in archive.meetings:
        if meeting.model.access == "非公開":
            _close_meeting(meeting)
        elif any(a.item.access == "非公開" for a in meeting.agenda):
            _close_items(meeting, diagnostics)
    cases = {(c.council.id, c.id): c for c in archive.cases}
    published = {(m.council.id, m.id): m for m in archive.meetings}
    # Closures decided in any meeting file, drafts included.
    for v in valid.meetings:
        closed_all = v.model.access == "非公開"
        for item in v.model.agenda:
            case = cases.get((v.council.id, item.case)) if item.case else None
            if case is not None and (closed_all or item.access == "非公開") and case.closed is None:
                _close_case(case, Closure(published.get((v.council.id, v.id)),
                                          item.access_reason or v.model.access_reason or ""))
    # A case that names a wholly closed meeting itself (its `meetings`, the meeting that gave its
    # 答申) was deliberated there, whether or not that meeting's agenda lists it.
    closed_meetings = {(v.council.id, v.id): v for v in valid.meetings if v.model.access == "非公開"}
    for case in archive.cases:
        m = case.model
        named = [*m.meetings, *([m.decision.meeting] if m.decision and m.decision.meeting else [])]
        closer = next((closed_meetings[(case.council.id, ref)] for ref in named
                       if (case.council.id, ref) in closed_meetings), None)
        if closer is not None and case.closed is None:
            _close_case(case, Closure(published.get((case.council.id, closer.id)), closer.model.access_reason or ""))
    return archive


def _close_case(case: CaseEntry, closure: Closure) -> None:
    m = case.model
    decision = None
    if m.decision is not None:
        d = m.decision
        decision = Decision(result=d.result, number=d.number, date=d.date, meeting=d.meeting,
                            published=d.published)
    case.model = m.model_copy(update={
        "bases": [Basis(category=b.category, procedure=b.procedure) for b in m.bases],
        "request": Request(date=m.request.date) if m.request and m.request.date else None,
        "decision": decision,
        "citations": [],
        "source": None,  # the original holds the withheld documents
    })
    case.closed = closure
    case.published_source = ""
    case.body = parse_body("")


def _close_meeting(meeting: MeetingEntry) -> None:
    m = meeting.model
    notice = m.notice
    if notice is not None and not isinstance(notice, str):
        notice = notice.model_copy(update={"seats": None, "how_to_attend": None, "url": None})
    meeting.model = m.model_copy(update={
        "title": None, "place": None, "present": None, "absent": None, "secretariat": None,
        "observers": None, "materials": [], "speakers": {}, "next_meeting": None, "notice": notice,
        "source": None,
        "agenda": [item.model_copy(update={"title": None, "outcome": None, "minutes_section": None})
                   for item in m.agenda],
    })
    meeting.agenda = [AgendaEntry(item, entry.case, entry.section)
                      for item, entry in zip(meeting.model.agenda, meeting.agenda, strict=True)]
    meeting.published_source = ""
    meeting.body = parse_body("", meeting.body_line, minutes=True)
    _rebind_sections(meeting)  # its minutes' sections (their anchors carry heading words) are gone


def _close_items(meeting: MeetingEntry, diagnostics: Diagnostics) -> None:
    source = meeting.record.body
    lines = source.split("\n")
    tokens = _PARSED.get(source, lambda: _MD.parse(source))  # read here, never changed
    top = _top_level_headings(tokens)
    nested = {t.map[0] for t in _headings(tokens) if t.level > 0 and t.map}
    replaced: dict[int, str] = {}  # body line (0-based) → its new text
    for index, entry in enumerate(meeting.agenda):
        if entry.item.access != "非公開" or entry.section is None:
            continue
        at = entry.section.line - meeting.body_line
        if at in nested:
            diagnostics.error(meeting.path, meeting.front_line(f"agenda[{index}]"),
                              f"agenda[{index}].minutes_section",
                              "a closed item's section heading is inside a quote, a list or a "
                              "footnote; make it a heading of the minutes themselves")
            continue
        heading = next(t for t in _headings(tokens) if t.level == 0 and t.map and t.map[0] == at)
        start, end, level = _section(top, heading, len(lines))
        plain = next((t for t in _headings(tokens) if t.level == 0 and t.map and start < t.map[0] < end
                      and int(t.tag[1]) <= level), None)
        if plain is not None and plain.map:  # withheld further than the outline says: tell the clerk
            diagnostics.warning(meeting.path, meeting.body_line + plain.map[0], f"agenda[{index}]",
                                "the closed section goes on past this heading (underlined with --- "
                                "or inside raw HTML), to line "
                                f"{meeting.body_line + end}; if open minutes start here, write it "
                                "as a # heading")
        label = " ".join(p for p in (entry.case.model.number if entry.case else None, entry.title) if p)
        replaced[start] = "#" * level + " " + (label or "非公開の議事")
        for i in range(start + 1, end):
            replaced[i] = ""
        assert heading.map is not None  # found by its map above
        heading_end = heading.map[1]
        if heading_end < end:
            replaced[heading_end] = CLOSED_NOTE
    if not replaced:
        return
    source = "\n".join(replaced.get(i, line) for i, line in enumerate(lines))
    meeting.published_source = source
    meeting.body = parse_body(source, meeting.body_line, minutes=True,
                              speakers=speaker_labels(meeting.model))
    _rebind_sections(meeting)


def _rebind_sections(meeting: MeetingEntry) -> None:
    """After a meeting's body was re-read, every reference to a section of its minutes (the
    agenda's, and each case's 審議経過 link) points at the new heading on the same line, or
    at nothing when that heading is gone: no anchor of the old body survives."""
    new_by_line = {h.line: h for h in meeting.body.headings}
    meeting.agenda = [
        AgendaEntry(a.item, a.case, new_by_line.get(a.section.line) if a.section else None)
        for a in meeting.agenda]
    for case in meeting.cases:
        case.discussed = [(m, new_by_line[h.line]) if m is meeting else (m, h)
                          for m, h in case.discussed
                          if m is not meeting or h.line in new_by_line]


def _headings(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if t.type == "heading_open"]


# Elements that never hold anything (a <br> opens nothing).
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"])


class _OpenElements(HTMLParser):
    """Which raw HTML elements are open at a point of the minutes, however the HTML is written:
    any tag name (<dialog>, <font>, <x-memo> …), a tag split over lines, a '>' inside a quoted
    attribute, <div/> (HTML opens a div whatever the slash says), a closing tag inside a
    comment (not a tag). An end tag closes the innermost open element of its name, and those
    opened inside it; an end tag with nothing to close is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]


def _top_level_headings(tokens: list[Token]) -> list[Token]:
    """The document's own outline, as far as it can end a closed section: ATX headings (`###`)
    and `===`-underlined ones that are blocks of the document — not of a quote, a list item or
    a footnote, and not while any raw HTML element is open (`<div>`, `<dialog>`, `<p>`, … `## x`
    … `</…>` shows the heading inside the element; an element never closed holds the rest of
    the minutes). A line underlined `---` never ends a closed section: `---` under a paragraph
    is as often meant as a rule. When in doubt the section goes on: more is withheld, never
    less (and the build says so: see _close_items)."""
    out: list[Token] = []
    html = _OpenElements()
    for t in tokens:
        if t.type == "html_block":
            html.feed(t.content)
        elif t.type == "inline":
            for child in t.children or []:
                if child.type == "html_inline":
                    html.feed(child.content)
        elif (t.type == "heading_open" and t.level == 0 and t.map and not html.stack
              and t.markup[:1] in ("#", "=")):
            out.append(t)
    return out


def _section(top: list[Token], heading: Token, n_lines: int) -> tuple[int, int, int]:
    """(first line, line after the last, level as written) of the section a heading opens: it
    ends at the next boundary heading (see _top_level_headings) of the same or a higher level.
    The heading itself may be of any form (underlined, inside raw HTML): where withholding
    starts is safe either way; only where it ends must be certain."""
    assert heading.map is not None
    at, level = heading.map[0], int(heading.tag[1])
    end = next((t.map[0] for t in top if t.map and t.map[0] > at and int(t.tag[1]) <= level), n_lines)
    return at, end, level
