"""The build report, printed after every `build` and `check`: what the archive holds and what
needs a person's attention, each warning with its file and line.

    counts      councils, cases, meetings, pages
    warnings    unresolved citations and other warnings of the stages (file:line)
    unknown     fields a case or meeting leaves unknown (shown as 不明 on the site)
    due soon    disclosure obligations not yet met that fall due within N days (default 14)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ..model.archive import Archive, CaseEntry, MeetingEntry
from ..model.diagnostics import Diagnostics
from ..model.messages import field_heading as _name
from ..model.values import UNKNOWN

DUE_WITHIN_DEFAULT = 14

# The fields a reader misses most when they are unknown, per kind of file.
_CASE_FIELDS = ("number", "department", "bases", "request")
_MEETING_FIELDS = ("date", "place", "present", "access")


@dataclass
class BuildReport:
    councils: int
    cases: int
    meetings: int
    pages: int | None
    warnings: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)
    due_within: int = DUE_WITHIN_DEFAULT

    def text(self) -> str:
        pages = f"、ページ {self.pages}" if self.pages is not None else ""
        out = [f"報告: 審議会 {self.councils}、案件 {self.cases}、会議 {self.meetings}{pages}"]
        out.append(f"警告（{len(self.warnings)} 件）:")
        out += [f"  {w}" for w in self.warnings]
        out.append(f"不明の項目（{len(self.unknown)} 件、サイトには「不明」と表示）:")
        out += [f"  {u}" for u in self.unknown]
        out.append(f"{self.due_within}日以内に期限が来る公開義務（{len(self.due)} 件）:")
        out += [f"  {d}" for d in self.due]
        return "\n".join(out)


def unknown_fields(archive: Archive) -> list[str]:
    """`file:line: field: unknown` for each case and meeting field left out or written 不明."""
    out: list[str] = []
    for case in sorted(archive.cases, key=lambda c: c.path):
        out += _unknown(case, _CASE_FIELDS)
    for meeting in sorted(archive.meetings, key=lambda m: m.path):
        out += _unknown(meeting, _MEETING_FIELDS)
        model = meeting.model
        if model.notice == UNKNOWN:
            out.append(f"{meeting.path}:{meeting.front_line('notice')}: {_name('notice', 'meeting')}: 不明")
        if model.record_published == UNKNOWN:
            out.append(f"{meeting.path}:{meeting.front_line('record_published')}: "
                       f"{_name('record_published', 'meeting')}: 不明")
    return out


def _unknown(entry: CaseEntry | MeetingEntry, names: tuple[str, ...]) -> list[str]:
    out = []
    for name in names:
        value = getattr(entry.model, name)
        if value in (None, [], UNKNOWN):
            kind = "case" if isinstance(entry, CaseEntry) else "meeting"
            out.append(f"{entry.path}:{entry.front_line('') or 1}: {_name(name, kind)}: 書かれていません")
    return out


def due_soon(archive: Archive, within: int) -> list[str]:
    """Obligations not yet met whose due date falls between the as-of day and N days after."""
    assert archive.as_of is not None
    horizon = archive.as_of + timedelta(days=within)
    out = []
    for meeting in sorted(archive.meetings, key=lambda m: m.path):
        for o in meeting.obligations:
            if o.done is None and o.due is not None and archive.as_of <= o.due <= horizon:
                left = (o.due - archive.as_of).days
                out.append(f"{meeting.path}:{meeting.front_line('') or 1}: {o.name}: 期限 "
                           f"{o.due.isoformat()}（あと{left}日）")
    return out


def build_report(archive: Archive, diagnostics: Diagnostics, *, due_within: int = DUE_WITHIN_DEFAULT,
                 pages: int | None = None) -> BuildReport:
    return BuildReport(
        councils=len(archive.councils), cases=len(archive.cases), meetings=len(archive.meetings),
        pages=pages, warnings=[str(w) for w in diagnostics.warnings],
        unknown=unknown_fields(archive), due=due_soon(archive, due_within), due_within=due_within)


def count_pages(archive: Archive, docs_dir_pages: int = 0) -> int:
    """Pages the site has: one per generated page (pages.plan) plus the hand-written ones."""
    from ..render.pages import plan
    return len(plan(archive)) + docs_dir_pages

