"""Stage 3, link: cases ↔ meetings, agenda items → cases → minutes sections.

Pure: takes validated models, returns an `Archive` whose entries know their URLs, fiscal
years and every page that points to them. A reference to something that does not exist is an
error at the line that makes it; drafts are left out here, so no later stage can publish them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..model.archive import AgendaEntry, Archive, CaseEntry, MeetingEntry
from ..model.casefile import (
    AgendaItem,
    Council,
    Meeting,
    parse_case_number,
)
from ..model.citations import number_key
from ..model.diagnostics import Diagnostics
from ..model.japanese import PartialDate, fiscal_year_label, normalize_key
from .body import Heading, parse_body
from .validate import ValidContent


def link(valid: ValidContent, councils: list[Council], diagnostics: Diagnostics) -> Archive:
    cases = {(v.council.id, v.id): _case_entry(v, diagnostics.root) for v in valid.cases if not v.model.draft}
    drafts = {(v.council.id, v.id) for v in valid.cases if v.model.draft}
    meetings: dict[tuple[str, str], MeetingEntry] = {}
    draft_meetings = {(v.council.id, v.id) for v in valid.meetings if v.model.draft}
    for v in valid.meetings:
        if v.model.draft:
            continue
        entry = _meeting_entry(v, diagnostics)
        meetings[(v.council.id, v.id)] = entry

    # Files that exist but failed validation: their own errors are reported; references to
    # them are not errors too, and their own references are still checked.
    failed = {(r.council, r.kind, r.id) for r in valid.failed}

    def meeting_ref(council: str, ref: str, file: str, line: int, path: str) -> MeetingEntry | None:
        if (council, ref) in meetings:
            return meetings[(council, ref)]
        if (council, "meeting", ref) in failed:
            return None
        if (council, ref) in draft_meetings:
            diagnostics.warning(file, line, path, f"meeting '{ref}' is a draft: not linked")
        else:
            diagnostics.error(file, line, path, f"unknown meeting '{ref}' (expected a file "
                                                f"content/{council}/meetings/{ref}.md)")
        return None

    for (council, _), case in cases.items():
        record = case.record
        for i, ref in enumerate(case.model.meetings):
            held = meeting_ref(council, ref, case.path, record.front.line(f"meetings[{i}]"),
                               f"meetings[{i}]")
            if held and held not in case.meetings:
                case.meetings.append(held)
        if case.model.decision and case.model.decision.meeting:
            case.decision_meeting = meeting_ref(council, case.model.decision.meeting, case.path,
                                                record.front.line("decision.meeting"), "decision.meeting")
            if case.decision_meeting and case.decision_meeting not in case.meetings:
                case.meetings.append(case.decision_meeting)

    for case in cases.values():
        d, r = case.model.decision, case.model.request
        decided_on = case.decision_meeting.model.date if case.decision_meeting else None
        if decided_on and d and d.date and d.date.surely_before(decided_on):
            diagnostics.error(case.path, case.front_line("decision.date"), "decision.date",
                              f"{d.date.iso()} is before the meeting that gave the 答申 ({decided_on.iso()}): "
                              "check the date or decision.meeting")
        if decided_on and r and r.date and decided_on.surely_before(r.date):
            diagnostics.error(case.path, case.front_line("request.date"), "request.date",
                              f"{r.date.iso()} is after the meeting that gave the 答申 ({decided_on.iso()}): "
                              "a request comes before its 答申")
        given = d.date if d and d.date else decided_on
        published = d.published if d else None
        if given and isinstance(published, PartialDate) and published.surely_before(given):
            diagnostics.error(case.path, case.front_line("decision.published"), "decision.published",
                              f"{published.iso()} は答申の日（{given.iso()}）より前です。答申は出された後に"
                              "公表されます。公表日か答申の日を確かめてください")
        if d and d.date and r and r.date and d.date.surely_before(r.date):
            diagnostics.error(case.path, case.front_line("decision.date"), "decision.date",
                              f"{d.date.iso()} is before the request ({r.date.iso()}): a 答申 answers "
                              "a request made earlier")

    numbers: dict[tuple[str, str], CaseEntry] = {}
    for case in cases.values():
        if case.model.number:
            written = number_key(case.model.number).casefold()  # 諮問第0951号 is number 951
            if case.number_parts and case.number_parts.fiscal_year and "年度" in written:
                # 平成31年度第1号議案 and 令和元年度第1号議案 are one number: 年度 2019's first
                written = f"{case.number_parts.fiscal_year}年度" + written.split("年度", 1)[1]
            key = (case.council.id, written)
            if case.number_parts:  # compared as numbers: 令和2年度第26号 is 令和2年度第26号議案, 2020年度 令和2年度
                key = (case.council.id, f"{case.number_parts.fiscal_year}:{case.number_parts.seq}")
            if key in numbers:
                other = numbers[key]
                diagnostics.error(case.path, case.front_line("number"), "number",
                                  f"{case.model.number} is also the number of {other.path}")
                diagnostics.error(other.path, other.front_line("number"), "number",
                                  f"{other.model.number} is also the number of {case.path}")
            numbers.setdefault(key, case)

    # The 答申's own number (答申第516号) names one 答申 of the council, as the case number one case.
    decided: dict[tuple[str, str], tuple[CaseEntry, str]] = {}
    for case in cases.values():
        if case.model.decision and case.model.decision.number:
            mine = (case, case.model.decision.number)
            key = (case.council.id, normalize_key(mine[1]))
            if key in decided:
                for (one, number), (other, _) in ((mine, decided[key]), (decided[key], mine)):
                    diagnostics.error(one.path, one.front_line("decision.number"), "decision.number",
                                      f"{number} is also the 答申 number of {other.path}")
            decided.setdefault(key, mine)

    sessions: dict[tuple[str, int | None, int, int | None], MeetingEntry] = {}
    for meeting in meetings.values():
        held_as = meeting.model
        session = (meeting.council.id, held_as.term, held_as.session,
                   None if held_as.term else meeting.fiscal_year)
        if session in sessions:
            earlier = sessions[session]
            for a, b in ((meeting, earlier), (earlier, meeting)):
                diagnostics.error(a.path, a.front_line("session"), "session",
                                  f"{a.label} is also the meeting of {b.path}")
        sessions.setdefault(session, meeting)

    for (council, _), meeting in meetings.items():
        record = meeting.record
        if meeting.model.record_approved_at:
            meeting_ref(council, meeting.model.record_approved_at, meeting.path,
                        record.front.line("record_approved_at"), "record_approved_at")
        for i, item in enumerate(meeting.model.agenda):
            dealt: CaseEntry | None = None
            if item.case is not None:
                path = f"agenda[{i}].case"
                dealt = cases.get((council, item.case))
                if dealt is None and (council, "case", item.case) in failed:
                    pass
                elif dealt is None and (council, item.case) not in drafts:
                    diagnostics.error(meeting.path, record.front.line(path), path,
                                      f"unknown case '{item.case}' (expected a file "
                                      f"content/{council}/cases/{item.case}.md)")
                elif dealt is None:
                    diagnostics.warning(meeting.path, record.front.line(path), path,
                                        f"case '{item.case}' is a draft: not linked")
            section = _minutes_section(item, dealt, meeting, diagnostics,
                                       record.front.line(f"agenda[{i}]"), i,
                                       closed=item.access == "非公開" or meeting.model.access == "非公開")
            claimed = next((j for j, other in enumerate(meeting.agenda)
                            if section is not None and other.section is section
                            and (other.item.access == "非公開") != (item.access == "非公開")), None)
            if claimed is not None and section is not None:
                diagnostics.error(meeting.path, record.front.line(f"agenda[{i}]"), f"agenda[{i}].minutes_section",
                                  f"審議経過の見出し「{section.text}」は議事の{claimed + 1}件目も指していますが、"
                                  "一方は非公開、もう一方は公開です。同じ部分を公開と非公開の両方にはできません。"
                                  "見出しを分けるか、公開・非公開（access）を直してください")
            meeting.agenda.append(AgendaEntry(item, dealt, section))
            if dealt is not None:
                if meeting not in dealt.meetings:
                    dealt.meetings.append(meeting)
                if section is not None:
                    dealt.discussed.append((meeting, section))

    _check_failed_references(valid.failed, cases, drafts, meetings, draft_meetings, failed, diagnostics)
    for v in valid.meetings:
        _check_access(v, diagnostics)
        m: Meeting = v.model
        if m.record_approved_at == v.id:
            diagnostics.error(v.record.path, v.record.front.line("record_approved_at"), "record_approved_at",
                              "a record is approved at a later meeting, not at its own")
        approver = meetings.get((v.council.id, m.record_approved_at or ""))
        if approver is not None and approver.model.date and m.date and \
                approver.model.date.precision == m.date.precision == "day" and \
                (approver.model.date.earliest() < m.date.earliest() or
                 (approver.model.date.earliest() == m.date.earliest() and approver.model.start and m.start
                  and approver.model.start < m.start)):
            diagnostics.error(v.record.path, v.record.front.line("record_approved_at"), "record_approved_at",
                              f"'{m.record_approved_at}' was held before this meeting: it cannot approve its record")
        published = m.record_published
        if m.date and published is not None and not isinstance(published, str) and published.surely_before(m.date):
            diagnostics.error(v.record.path, v.record.front.line("record_published"), "record_published",
                              f"{published.iso()} is before the meeting ({m.date.iso()}): a record is "
                              "published after the meeting")
        for i, item in enumerate(m.agenda):
            named = cases.get((v.council.id, item.case or ""))
            if named is not None and item.kind in ("諮問", "報告") and named.model.kind != item.kind:
                diagnostics.error(v.record.path, v.record.front.line(f"agenda[{i}].kind"), f"agenda[{i}].kind",
                                  f"{item.kind}, but {named.path} is a {named.model.kind}")

    for case in cases.values():
        for held in case.meetings:
            if case not in held.cases:
                held.cases.append(case)
        case.meetings.sort(key=MeetingEntry.sort_key)
        case.fiscal_year = _case_fiscal_year(case, diagnostics)
        by_number = case.number_parts.fiscal_year if case.number_parts else None
        if case.model.fiscal_year is not None and by_number is not None and case.model.fiscal_year != by_number:
            diagnostics.error(case.path, case.front_line("fiscal_year"), "fiscal_year",
                              f"{fiscal_year_label(case.model.fiscal_year)} contradicts the number "
                              f"{case.model.number} ({fiscal_year_label(by_number)})")
        elif case.model.fiscal_year is not None and by_number is None:
            request = case.model.request.date if case.model.request and case.model.request.date else None
            said: set[int] = {m.fiscal_year for m in case.meetings if m.fiscal_year is not None}
            if request is not None and (from_request := request.fiscal_year()) is not None:
                said.add(from_request)
            if said and case.model.fiscal_year not in said:
                diagnostics.error(case.path, case.front_line("fiscal_year"), "fiscal_year",
                                  f"{fiscal_year_label(case.model.fiscal_year)}ですが、審議した会議と諮問の日は"
                                  f"{'・'.join(fiscal_year_label(y) for y in sorted(said))}です。年度（fiscal_year）は"
                                  "番号にも会議にも年度がないときだけ書きます。消すか直してください")
    ordered_meetings = sorted(meetings.values(), key=MeetingEntry.sort_key)
    for entry in ordered_meetings:
        entry.cases.sort(key=CaseEntry.sort_key)
    return Archive(councils, sorted(cases.values(), key=CaseEntry.sort_key), ordered_meetings,
                   draft_cases=frozenset(drafts))


def _check_access(v, diagnostics: Diagnostics) -> None:
    """公開 / 非公開 / 一部非公開 of a meeting and of its items must agree."""
    m, front = v.model, v.record.front
    raw_items = front.data.get("agenda") if isinstance(front.data, dict) else None
    if m.access == "一部非公開" and not any(a.access == "非公開" for a in m.agenda):
        diagnostics.error(v.record.path, front.line("access"), "access",
                          "一部非公開 needs the closed items marked (agenda[].access: 非公開)")
    if m.access == "公開" and m.access_reason:
        diagnostics.error(v.record.path, front.line("access_reason"), "access_reason",
                          "the meeting is 公開: a reason for closing it contradicts that")
    for i, item in enumerate(m.agenda):
        written = isinstance(raw_items, list) and i < len(raw_items) and isinstance(raw_items[i], dict) \
            and "access" in raw_items[i]
        path = f"agenda[{i}].access"
        if item.access == "公開" and item.access_reason:
            diagnostics.error(v.record.path, front.line(f"agenda[{i}].access_reason"), f"agenda[{i}].access_reason",
                              "the item is open (公開): a reason for closing it contradicts that")
        if item.access == "非公開" and m.access == "公開":
            diagnostics.error(v.record.path, front.line(path), path,
                              "a closed item in a meeting marked 公開: mark the meeting 一部非公開")
        if written and item.access == "公開" and m.access == "非公開":
            diagnostics.error(v.record.path, front.line(path), path,
                              "an open item in a meeting marked 非公開: mark the meeting 一部非公開")


def _check_failed_references(records, cases, drafts, meetings, draft_meetings, failed,
                             diagnostics: Diagnostics) -> None:
    """The references of a file that failed validation, read from its raw data."""
    for r in records:
        data = r.front.data
        if data is None:
            continue
        refs: list[tuple[str, str, str]] = []  # (kind, id, field path)
        if r.kind == "case":
            if isinstance(data.get("meetings"), list):
                refs += [("meeting", m, f"meetings[{i}]") for i, m in enumerate(data["meetings"])
                         if isinstance(m, str)]
            decision = data.get("decision")
            if isinstance(decision, dict) and isinstance(decision.get("meeting"), str):
                refs.append(("meeting", decision["meeting"], "decision.meeting"))
        elif isinstance(data.get("agenda"), list):
            refs += [("case", item["case"], f"agenda[{i}].case") for i, item in enumerate(data["agenda"])
                     if isinstance(item, dict) and isinstance(item.get("case"), str)]
        for kind, ref, path in refs:
            known = (cases, drafts) if kind == "case" else (meetings, draft_meetings)
            if (r.council, ref) in known[0] or (r.council, ref) in known[1] or (r.council, kind, ref) in failed:
                continue
            folder = "cases" if kind == "case" else "meetings"
            diagnostics.error(r.path, r.front.line(path), path,
                              f"unknown {kind} '{ref}' (expected a file content/{r.council}/{folder}/{ref}.md)")


def _case_entry(v, root: Path) -> CaseEntry:
    parts = parse_case_number(v.model.number, v.council.numbering) if v.model.number else None
    body = parse_body(v.record.body, v.record.body_line, own_number=v.model.number)
    return CaseEntry(v.council, v.id, v.model, _rel(v.record.path, root), body, parts, v.record)


def speaker_labels(model: Meeting) -> dict[str, str]:
    """What a turn shows for each label as written: 川合会長 → 川合 敏樹（会長）."""
    return {label: f"{s.name}（{s.role}）" if s.role else s.name for label, s in model.speakers.items()}


def _meeting_entry(v, diagnostics: Diagnostics) -> MeetingEntry:
    model: Meeting = v.model
    body = parse_body(v.record.body, v.record.body_line, minutes=True, speakers=speaker_labels(model))
    for turn in body.turns:
        if model.speakers and turn.label not in model.speakers:
            diagnostics.warning(v.record.path, turn.line, "speakers",
                                f"speaker '{turn.label}' is not in the speakers list")
    entry = MeetingEntry(v.council, v.id, model, _rel(v.record.path, diagnostics.root), body, v.record)
    fy = model.date.fiscal_year() if model.date else None
    if model.fiscal_year is not None and model.date is not None and fy is not None and model.fiscal_year != fy:
        diagnostics.error(v.record.path, v.record.front.line("fiscal_year"), "fiscal_year",
                          f"{fiscal_year_label(model.fiscal_year)} does not match the date "
                          f"{model.date.wareki()} ({fiscal_year_label(fy)})")
    entry.fiscal_year = model.fiscal_year if model.fiscal_year is not None else fy
    return entry


def _minutes_section(item: AgendaItem, case: CaseEntry | None, meeting: MeetingEntry,
                     diagnostics: Diagnostics, line: int, index: int, *, closed: bool = False) -> Heading | None:
    """The minutes heading under which an agenda item was discussed.

    For a closed item the section must be found, and found once: what is withheld is decided
    by it, so a guess could publish the closed part and hide an open one."""
    headings = meeting.body.headings
    found, candidates = _find_section(item, case, headings)
    if item.minutes_section and found is None:
        diagnostics.error(meeting.path, line, f"agenda[{index}].minutes_section",
                          f"no single heading '{item.minutes_section}' in the minutes")
    elif closed and meeting.model.access != "非公開" and meeting.record.body.strip() and found is None:
        listed = "; ".join(h.text for h in candidates) or "none"
        diagnostics.error(meeting.path, line, f"agenda[{index}].minutes_section",
                          "a closed item's minutes section must be named exactly (set "
                          f"minutes_section to its heading); headings that match: {listed}")
    return found


def _find_section(item: AgendaItem, case: CaseEntry | None,
                  headings: list[Heading]) -> tuple[Heading | None, list[Heading]]:
    """(the one heading meant, or None; the headings that matched when it is ambiguous)."""
    if item.minutes_section:
        want = normalize_key(item.minutes_section)
        exact = [h for h in headings if normalize_key(h.text) == want]
        return (exact[0], []) if len(exact) == 1 else (None, exact)
    keys = []
    if case and case.model.number:
        keys.append(normalize_key(case.model.number))
    for title in (item.title, case.model.title if case else None):
        if title:
            keys.append(normalize_key(title))
    for key in keys:
        matches = [h for h in headings if key in normalize_key(h.text)]
        if len(matches) > 1:  # prefer the heading that starts with it: [諮問第480号]…
            matches = [h for h in matches if normalize_key(h.text).lstrip("[【〔(（").startswith(key)]
        if len(matches) == 1:
            return matches[0], []
        if matches:
            return None, matches
    return None, []


def _case_fiscal_year(case: CaseEntry, diagnostics: Diagnostics) -> int | None:
    """年度: as set, else from the number, the first meeting, or the request date."""
    candidates = [case.model.fiscal_year,
                  case.number_parts.fiscal_year if case.number_parts else None,
                  next((m.fiscal_year for m in case.meetings if m.fiscal_year), None),
                  case.model.request.date.fiscal_year() if case.model.request and case.model.request.date else None]
    return next((c for c in candidates if c is not None), None)


def _rel(path: Path, root: Path) -> str:
    """A content file's path relative to the archive's folder (site_config.yml's): the same
    from any working directory, and no machine path in the exports."""
    return Diagnostics(root=root).rel(path)


def by_fiscal_year(entries) -> dict[int | None, list]:
    groups: dict[int | None, list] = defaultdict(list)
    for e in entries:
        groups[e.fiscal_year].append(e)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0))))
