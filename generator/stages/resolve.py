"""Stage 3b, resolve: citations of prior 答申 → the cases they mean, in both directions; then
every body is rendered, once, its citing phrases linked.

A year-month citation (「平成28年1月諮問答申済み」) matches the council's cases whose 答申 —
or, failing that, meeting — fell in that month; several are ranked by closeness of subject
(title bigrams, department) and the best is linked, the others shown beside it. A number
(「諮問第151号」) matches exactly. The citing case's front matter may correct a match or add
one. Everything is looked up in indexes by council and month or number: no case is compared
with every other.

The citations are those the renderer's citation rule found while each body was parsed
(`Body.citations`, model/citations.py): only in what withhold.py left of it. Their links are
made by the renderer, from the hrefs handed to it here (`render_body`): no HTML is read again.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass

from ..model.archive import Archive, CaseEntry, Cite, MeetingEntry, Missing, cite_label
from ..model.citations import Citation, CitedRef, number_key
from ..model.diagnostics import Diagnostics
from ..model.japanese import (
    FISCAL_NUMBER_PATTERN,
    RUNNING_NUMBER_PATTERN,
    normalize_key,
    parse_date,
)
from .body import render_body


def ref_key(text: str) -> str:
    """The key of a citation as the secretariat writes it in front matter."""
    try:
        d = parse_date(text)
    except ValueError:
        key = number_key(text)
        if not re.fullmatch(rf"{RUNNING_NUMBER_PATTERN}|{FISCAL_NUMBER_PATTERN}", key):
            raise ValueError(f"'{text}' is neither a year and month (平成28年1月) nor a case number "
                             "(諮問第151号, 令和2年度第26号議案)") from None
        return "no:" + key
    if d.month is None:
        raise ValueError(f"'{text}' needs a month (e.g. 平成28年1月)")
    return f"ym:{d.year:04d}-{d.month:02d}"


def decision_month(case: CaseEntry) -> tuple[int, int] | None:
    """When the case was decided: its 答申's date, else its meeting's, else any meeting's."""
    decision = case.model.decision
    dates = []
    if decision and decision.date:
        dates.append(decision.date)
    if case.decision_meeting and case.decision_meeting.model.date:
        dates.append(case.decision_meeting.model.date)
    dates += [m.model.date for m in reversed(case.meetings) if m.model.date]
    for d in dates:
        if d.month:
            return d.year, d.month
    return None


def _bigrams(text: str) -> set[str]:
    s = normalize_key(text)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _closeness(citing: CaseEntry, candidate: CaseEntry) -> float:
    a, b = _bigrams(citing.model.title), _bigrams(candidate.model.title)
    score = len(a & b) / len(a | b) if a and b else 0.0
    if set(citing.model.departments) & set(candidate.model.departments):
        score += 0.3
    return score


# Each citation found in a body, as (the page's URL, the citation, the reference) → its Cite.
Made = dict[tuple[str, Citation, CitedRef], Cite]


def resolve(archive: Archive, diagnostics: Diagnostics) -> Archive:
    """Resolve every citation (CaseEntry.cites and .cited_by) and render every body with its
    citations linked."""
    by_month: dict[tuple[str, tuple[int, int]], list[CaseEntry]] = defaultdict(list)
    by_number: dict[tuple[str, str], CaseEntry] = {}
    by_id: dict[tuple[str, str], CaseEntry] = {}
    for case in archive.cases:
        by_id[(case.council.id, case.id)] = case
        if (ym := decision_month(case)) is not None:
            by_month[(case.council.id, ym)].append(case)
        if case.model.number:
            by_number[(case.council.id, number_key(case.model.number))] = case

    def candidates(citing: CaseEntry, key: str) -> list[CaseEntry]:
        council = citing.council.id
        if key.startswith("ym:"):
            y, m = key[3:].split("-")
            found = [c for c in by_month.get((council, (int(y), int(m))), []) if c is not citing]
            return sorted(found, key=lambda c: (-_closeness(citing, c), c.sort_key()))
        if key.startswith("no:"):
            numbered = by_number.get((council, key[3:]))
            return [numbered] if numbered is not None and numbered is not citing else []
        return []

    made: Made = {}
    for case in archive.cases:
        case.cites = []
        for c in case.body.citations:
            for r in c.refs:
                made[(case.url, c, r)] = _cite(case, r, c.phrase, case.path, c.line, "本文")
                case.cites.append(made[(case.url, c, r)])
    for meeting in archive.meetings:
        _attribute_minutes(meeting, made)
    for case in archive.cases:
        for cite in case.cites:
            ranked = candidates(case, cite.key)
            cite.target, cite.alternates = (ranked[0], ranked[1:]) if ranked else (None, [])
        _apply_overrides(case, by_id, candidates, diagnostics, archive.draft_cases)
        for cite in case.cites:
            if cite.target is not None:
                cite.target.cited_by.append(cite)
    for case in archive.cases:
        for cite in case.cites:
            if cite.target is None and cite.source != "手動":
                diagnostics.warning(cite.file, cite.line or 0, "",
                                    f"「{cite.label}」: cited 答申 not in the archive (アーカイブ未収録)")
    for case in archive.cases:
        case.cited_by.sort(key=lambda c: c.citing.sort_key())
        render_body(case.body, _hrefs(case.url, case.body.citations, made))
    for meeting in archive.meetings:
        render_body(meeting.body, _hrefs(meeting.url, meeting.body.citations, made, _by_key(meeting)))
    return archive


def _cite(case: CaseEntry, ref: CitedRef, phrase: str, file: str, line: int, source) -> Cite:
    return Cite(case, ref.key, ref.text, phrase, file, line, source)


def _attribute_minutes(meeting: MeetingEntry, made: Made) -> None:
    """A citation in minutes belongs to the case being deliberated at that point."""
    by_section = {a.section.id: a.case for a in meeting.agenda if a.section and a.case}
    meeting.cites_outside_items = []
    for citation in meeting.body.citations:
        heading = meeting.body.section_of_line(citation.line)
        case = by_section.get(heading.id) if heading else None
        for ref in citation.refs:
            if case is None:
                meeting.cites_outside_items.append((citation, ref))
            else:
                cite = _cite(case, ref, citation.phrase, meeting.path, citation.line, "審議経過")
                cite.meeting = meeting
                turns = [t for t in meeting.body.turns if t.line <= citation.line]
                cite.anchor = turns[-1].id if turns else (heading.id if heading else None)
                case.cites.append(cite)
                made[(meeting.url, citation, ref)] = cite


def _decided_later(target: CaseEntry, case: CaseEntry) -> str | None:
    """Why `case` cannot cite `target`'s 答申: it was given after the citing case's own 答申."""
    mine = case.model.decision.date if case.model.decision else None
    theirs = target.model.decision.date if target.model.decision else None
    if mine and theirs and mine.surely_before(theirs):
        return (f"「{target.id}」の答申（{theirs.wareki()}）は、この案件の答申（{mine.wareki()}）より後です。"
                "引用できるのはそれより前の答申だけです。引用先（target）か日付を確かめて直してください")
    return None


def _apply_overrides(case: CaseEntry, by_id, candidates, diagnostics: Diagnostics,
                     drafts: frozenset[tuple[str, str]] = frozenset()) -> None:
    for i, override in enumerate(case.model.citations):
        line = case.front_line(f"citations[{i}]")
        target = None
        if override.target is not None:
            target = by_id.get((case.council.id, override.target))
            if target is case:
                diagnostics.error(case.path, case.front_line(f"citations[{i}].target"), f"citations[{i}].target",
                                  f"'{override.target}' is this case itself: a case cannot cite its own 答申")
                continue
            if target is None and (case.council.id, override.target) in drafts:
                # a draft is not broken: told, like every other reference to a draft
                diagnostics.warning(case.path, case.front_line(f"citations[{i}].target"), f"citations[{i}].target",
                                    f"case '{override.target}' is a draft: not linked")
                continue
            if target is None:
                diagnostics.error(case.path, case.front_line(f"citations[{i}].target"), f"citations[{i}].target",
                                  f"unknown case '{override.target}' (expected a file "
                                  f"content/{case.council.id}/cases/{override.target}.md)")
                continue
            if later := _decided_later(target, case):  # told, not refused: one of the two dates may be the slip
                diagnostics.warning(case.path, case.front_line(f"citations[{i}].target"), f"citations[{i}].target",
                                    later)
        if override.cites is None:
            assert target is not None  # the model asks for cites, target or both
            case.cites.append(Cite(case, f"case:{target.id}", target.label, None, case.path, line, "手動",
                                   target, [], True, override.note))
            continue
        try:
            key = ref_key(override.cites)
        except ValueError as exc:
            diagnostics.error(case.path, case.front_line(f"citations[{i}].cites"), f"citations[{i}].cites", str(exc))
            continue
        matching = [c for c in case.cites if c.key == key]
        if not matching:  # a correction of nothing would leave the citation it meant uncorrected
            found = "、".join(dict.fromkeys(c.label for c in case.cites if c.source != "手動")) or "none"
            diagnostics.error(case.path, case.front_line(f"citations[{i}].cites"), f"citations[{i}].cites",
                              f"the text cites no {override.cites} (it cites: {found}): correct "
                              "`cites`, or leave it out and give `target` alone to add a citation "
                              "the text does not make")
            continue
        for cite in matching:
            cite.target, cite.overridden, cite.note = target, True, override.note
            cite.alternates = [] if target is None else [c for c in candidates(case, key) if c is not target]


def _relative(from_url: str, to_url: str) -> str:
    return posixpath.relpath(to_url, from_url) + "/"


def _hrefs(page_url: str, citations: list[Citation], made: Made,
           by_key: dict[str, CaseEntry | None] | None = None) -> dict[tuple[Citation, CitedRef], str | None]:
    """The link of each cited reference of a page's body: to the case its Cite was resolved to
    (None: not in the archive). A citation in minutes outside every agenda item has no Cite:
    it links where the same reference links for the items (`by_key`)."""
    out: dict[tuple[Citation, CitedRef], str | None] = {}
    for c in citations:
        for r in c.refs:
            cite = made.get((page_url, c, r))
            target = cite.target if cite is not None else (by_key or {}).get(r.key)
            out[(c, r)] = _relative(page_url, target.url) if target is not None else None
    return out


def _by_key(meeting: MeetingEntry) -> dict[str, CaseEntry | None]:
    """What each reference cited in the minutes was resolved to, for the first case citing it."""
    resolved: dict[str, CaseEntry | None] = {}
    for case in meeting.cases:
        for c in case.cites:
            if c.source == "審議経過" and c.file == meeting.path:
                resolved.setdefault(c.key, c.target)
    return resolved


def missing(archive: Archive, council_id: str) -> list[Missing]:
    """Cited but not in the archive, per council: month or number, and who cites it."""
    groups: dict[str, Missing] = {}
    for case in archive.council_cases(council_id):
        for cite in case.cites:
            if cite.target is None and not cite.key.startswith("case:"):
                groups.setdefault(cite.key, Missing(cite.key, cite.label, [])).cites.append(cite)
    # The most cited first: what to digitise next.
    return sorted(groups.values(), key=lambda m: (-len({c.citing.key for c in m.cites}), m.key))


@dataclass
class LineageNode:
    case: CaseEntry | None
    label: str
    sort: tuple


def lineage(case: CaseEntry) -> list[LineageNode]:
    """The matter's chain of decisions, oldest first: every case reached through citations in
    either direction (and the cited decisions the archive lacks), this case included."""

    def when(c: CaseEntry) -> tuple:
        ym = decision_month(c) or ((c.date.year, c.date.month or 0) if c.date else (9999, 0))
        return (*ym, c.key)

    nodes: dict[str, LineageNode] = {}
    todo, seen = [case], {case.key}
    while todo:
        current = todo.pop()
        nodes[current.key] = LineageNode(current, current.label, when(current))
        for cite in current.cites:
            if cite.target is None:
                ym = cite.year_month
                nodes.setdefault(cite.key, LineageNode(None, cite_label(cite), (ym or (0, 0)) + (cite.key,)))
        neighbours = [c.target for c in current.cites if c.target] + [c.citing for c in current.cited_by]
        for other in neighbours:
            if other.key not in seen:
                seen.add(other.key)
                todo.append(other)
    return sorted(nodes.values(), key=lambda n: n.sort) if len(nodes) > 1 else []
