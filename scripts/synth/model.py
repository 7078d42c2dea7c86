"""The plans: one council and its habits (Spec), its cases, meetings, and the council's plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .frontmatter import HAS, Quoted

OVERDUE_RATE = 0.004   # meetings whose record was never published (未了（期限超過）): --overdue-rate

# --- Plan: councils, meetings, cases (cheap, in the main process) ------------------------------


@dataclass
class Spec:
    """One council and its habits."""

    id: str
    name: str
    municipality: str
    code: str
    kind: str                      # 審議会 / 審査会
    ordinances: list[str]
    numbering: str                 # running / fiscal_year
    meeting_style: str             # term (第十三期・第4回) / fy (令和2年度第8回)
    minutes: str                   # verbatim / summary / none
    case_doc: dict                 # full / sheet / none → weight
    precision: str                 # day / month: what the record says of the meeting date
    result: str                    # 了承 / 承認
    article_style: str             # full / short / none
    dept_style: str                # full (子ども家庭部保育課) / ka (保育課)
    spaced: bool                   # PDF-like spacing in dates and numbers
    start_fy: int = 2003
    end_fy: int = 2022
    n_cases: int = 0
    n_meetings: int = 0
    body_kb: float = 15.0
    minutes_kb: float = 130.0
    opinion: bool = True
    rules: dict | None = None      # 会議の公開: the council's disclosure rules (None: the defaults)
    overdue_rate: float = OVERDUE_RATE

    def rule(self, key: str):
        defaults = {"notice_days": 7, "materials_days": 14, "record_mode": "after_meeting",
                    "record_days": 30, "decision_days": 30}
        return (self.rules or {}).get(key, defaults[key])

    def council_entry(self) -> dict:
        """The council as site_config.yml lists it."""
        entry: dict = {"id": self.id, "name": self.name, "short_name": self.municipality,
                       "municipality": self.municipality, "municipality_code": Quoted(self.code),
                       "kind": self.kind, "ordinances": list(self.ordinances)}
        if self.rules and HAS["disclosure"]:
            entry["disclosure"] = dict(self.rules)
        entry["numbering"] = self.numbering
        return entry


@dataclass
class CasePlan:
    id: str
    kind: str                      # 諮問 / 報告
    number: str | None
    seq: int
    fy: int
    title: str
    subject: str
    system: str
    system2: str
    party: str
    data: list[str]
    bu: str
    ka: str
    bases: list[dict]
    request: dt.date
    doc_number: str
    by: str
    meetings: list[str] = field(default_factory=list)
    meeting_label: str = ""
    decision: dict | None = None   # result, meeting, date (date|None), opinion
    cites_body: list = field(default_factory=list)     # groups of (year, month)
    cites_minutes: list = field(default_factory=list)  # ("no", number) or ("ym", [(y, m)…])
    doc: str = "none"              # full / sheet / none
    body_chars: int = 0
    vendor: str = ""
    parent: str | None = None
    chair: str = ""

    @property
    def dept(self) -> str:
        return self.bu + self.ka


@dataclass
class MeetingPlan:
    id: str
    fy: int
    term: int | None
    session: int
    date: dt.date
    label: str
    items: list = field(default_factory=list)        # (case id, outcome or None, continued?)
    confirm: list[str] = field(default_factory=list)  # titles of minutes to approve
    next: tuple[dt.date, int, int] | None = None         # (date, h, m)
    start: tuple = (10, 0)
    minutes_chars: int = 0
    access: str = "公開"
    access_reason: str | None = None
    closed_items: set = field(default_factory=set)    # case ids of items deliberated in camera
    notice: str | tuple[dt.date, int, str] | None = None  # None (not given) / 不明 / (date, seats, how to attend)
    materials_published: str | dt.date | None = None
    record_state: str | None = None
    approved_at: str | None = None
    record_published: str | dt.date | None = None


@dataclass
class CouncilPlan:
    spec: Spec
    seed: int
    cases: dict[str, CasePlan]
    meetings: list[MeetingPlan]
    depts: list[tuple[str, str]]
    secretariat: tuple[str, str]  # (bu, ka)
    places: list[str]
    vendors: list[str]
    articles: dict[str, tuple[str, str]]
    rosters: dict                 # term/bucket → [(name, role)]
    first_number: int

    @property
    def ward(self) -> str:
        return self.spec.municipality


def roster_bucket(cp: CouncilPlan, mp: MeetingPlan) -> int:
    """Members serve two-year terms: the roster of a meeting."""
    return mp.term if mp.term is not None else (mp.fy - cp.spec.start_fy) // 2
