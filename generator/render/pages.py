"""Stage 4, render (plan): which pages the site has, at which address, with which template.

Pure: from the Archive to a list of `PageSpec`; the plugin turns each into a MkDocs page and
the templates in theme/ draw it. The addresses come from model/urls.py, the one place that names
them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import urls
from ..model.archive import KINDS, STATES, Archive, CaseEntry, MeetingEntry
from ..model.casefile import CATEGORIES
from ..model.japanese import fiscal_year_label
from ..stages.body import slugify
from ..stages.obligations import rules_registered, yearly_summary
from ..stages.resolve import lineage, missing


@dataclass
class PageSpec:
    url: str  # from model/urls.py, e.g. edogawa/cases/r02-26/
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        """The page file MkDocs is given (edogawa/cases/r02-26/index.md)."""
        return urls.source(self.url)


def year_title(year: int | None) -> str:
    return fiscal_year_label(year) if year is not None else "年度不明"


def plan(archive: Archive) -> list[PageSpec]:
    as_of = archive.as_of or date.today()
    upcoming = sorted((m for m in archive.meetings if m.is_upcoming(as_of)), key=_meeting_date)
    specs: list[PageSpec] = [PageSpec(urls.HOME, "ホーム", "home.html", {
        "upcoming": upcoming,
        "latest_meetings": sorted(archive.meetings, key=_meeting_date, reverse=True)[:10],
        "latest_cases": sorted(archive.cases, key=_case_date, reverse=True)[:10],
    })]
    for council in archive.councils:
        cases, meetings = archive.council_cases(council.id), archive.council_meetings(council.id)
        years = sorted({e.fiscal_year for e in cases + meetings}, key=lambda y: (y is None, -(y or 0)))
        specs.append(PageSpec(urls.council(council), council.name, "council.html", {
            "council": council,
            "years": [(y, year_title(y), [m for m in meetings if m.fiscal_year == y],
                       [c for c in cases if c.fiscal_year == y]) for y in years],
        }))
        specs.append(PageSpec(urls.council_departments(council), f"{council.label} 担当課別の諮問・報告",
                              "departments.html",
                              {"council": council, "departments": departments(cases)}))
        specs.append(PageSpec(urls.missing(council), f"{council.label} 引用されているが未収録の答申",
                              "missing.html", {"council": council, "missing": missing(archive, council.id)}))
        specs += [PageSpec(urls.case(c), c.full_title, "case.html",
                           {"case": c, "lineage": lineage(c)})
                  for c in cases]
        specs += [PageSpec(urls.meeting(m),
                           ("【開催予定】" if m.is_upcoming(as_of) else "") + m.title, "meeting.html",
                           {"meeting": m, "upcoming": m.is_upcoming(as_of)})
                  for m in meetings]
    specs += _years(archive) + _categories(archive)
    specs.append(PageSpec(urls.DEPARTMENTS, "担当課別", "departments_index.html", {
        "councils": [(c, len(departments(archive.council_cases(c.id)))) for c in archive.councils]}))
    specs.append(PageSpec(urls.DATA, "オープンデータ", "data.html"))
    specs.append(PageSpec(urls.SEARCH, "検索", "search.html"))
    specs += _disclosure(archive)
    return specs


def _disclosure(archive: Archive) -> list[PageSpec]:
    """公開状況一覧: the yearly summary, and every meeting × obligation per 年度."""
    summary = yearly_summary(archive)
    # Councils whose rules are not in the settings: their states are measured against a 目安.
    unregistered = {c.id for c in archive.councils if not rules_registered(c.disclosure)}
    specs = [PageSpec(urls.DISCLOSURE, "会議の公開状況一覧", "disclosure.html",
                      {"summary": summary, "states": STATES, "unregistered": unregistered})]
    for year, _ in summary:
        meetings = [m for m in archive.meetings if m.fiscal_year == year]
        by_council = [(c, [m for m in meetings if m.council.id == c.id]) for c in archive.councils]
        specs.append(PageSpec(urls.disclosure(year), f"{year_title(year)}の会議の公開状況",
                              "disclosure_year.html", {"year": year, "kinds": KINDS, "unregistered": unregistered,
                                                       "by_council": [(c, ms) for c, ms in by_council if ms]}))
    return specs


def _years(archive: Archive) -> list[PageSpec]:
    groups: dict[int | None, tuple[list, list]] = defaultdict(lambda: ([], []))
    for m in archive.meetings:
        groups[m.fiscal_year][0].append(m)
    for c in archive.cases:
        groups[c.fiscal_year][1].append(c)
    order = sorted(groups, key=lambda y: (y is None, -(y or 0)))
    specs = [PageSpec(urls.YEARS, "年度別", "years.html", {
        "years": [(y, year_title(y), len(groups[y][0]), len(groups[y][1])) for y in order]})]
    for y in order:
        meetings, cases = groups[y]
        specs.append(PageSpec(urls.year(y), f"{year_title(y)}の会議と諮問・報告",
                              "year.html", {"year_label": year_title(y),
                                            "by_council": _by_council(archive, meetings, cases)}))
    return specs


def _categories(archive: Archive) -> list[PageSpec]:
    groups: dict[str, list[CaseEntry]] = {name: [] for name in CATEGORIES}
    for c in archive.cases:
        for cat in c.model.categories:
            groups[cat].append(c)
    unknown = [c for c in archive.cases if not c.model.categories]
    specs = [PageSpec(urls.CATEGORIES, "分類別", "categories.html", {
        "categories": [(name, CATEGORIES[name], len(groups[name])) for name in CATEGORIES],
        "unknown_count": len(unknown)})]
    for name, slug in CATEGORIES.items():
        specs.append(PageSpec(urls.category(slug), f"分類：{name}", "category.html", {
            "category": name, "by_council": _by_council(archive, [], groups[name])}))
    specs.append(PageSpec(urls.category(None), "分類：記載なし", "category.html", {
        "category": None, "by_council": _by_council(archive, [], unknown)}))
    return specs


def _by_council(archive: Archive, meetings: list[MeetingEntry], cases: list[CaseEntry]):
    return [(c, [m for m in meetings if m.council.id == c.id], [k for k in cases if k.council.id == c.id])
            for c in archive.councils
            if any(m.council.id == c.id for m in meetings) or any(k.council.id == c.id for k in cases)]


def departments(cases: list[CaseEntry]) -> list[tuple[str, str, list[CaseEntry]]]:
    """(department, anchor, cases), by name; cases with no department last."""
    groups: dict[str, list[CaseEntry]] = defaultdict(list)
    for c in cases:
        for name in c.model.departments or [""]:
            groups[name].append(c)
    names = sorted(groups, key=lambda d: (d == "", d))
    return [(name or "担当課の記載なし", slugify(name) if name else "unknown", groups[name])
            for name in names]


def _meeting_date(m: MeetingEntry) -> tuple:
    return (m.model.date.earliest() if m.model.date else date.min, m.key)


def _case_date(c: CaseEntry) -> tuple:
    return (c.date.earliest() if c.date else date.min, c.key)

