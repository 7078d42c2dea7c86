"""The archive: what the stages make of the content, as one typed model.

`link` makes the entries (a case, a meeting, an agenda item) from validated files and joins
them; `withhold` marks what was closed (`Closure`); `resolve` adds the citations (`Cite`) in
both directions; `assess` adds the disclosure obligations (`Obligation`) on the as-of day.
Pages, feeds, exports, the search index and the report read these types and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..stages.body import Body, Heading
from ..stages.load import RawRecord
from . import urls
from .casefile import AgendaItem, Consultation, Council, Meeting, NumberParts
from .japanese import PartialDate, fiscal_year_era_text, kanji_number, normalize_key


class _Sourced:
    """What an entry keeps of its file: the Markdown source and the line of each field."""

    record: RawRecord
    published_source: str | None  # the body once withhold.py has removed closed parts

    @property
    def record_body(self) -> str:
        """The publishable Markdown: what remains after withholding (withhold.py), so that
        nothing downstream (pages, citations, exports, feeds) can see a closed part."""
        return self.record.body if self.published_source is None else self.published_source

    @property
    def body_line(self) -> int:
        return self.record.body_line

    def front_line(self, path: str) -> int:
        return self.record.front.line(path)


@dataclass(eq=False)
class CaseEntry(_Sourced):
    council: Council
    id: str
    model: Consultation
    path: str
    body: Body
    number_parts: NumberParts | None
    record: RawRecord
    fiscal_year: int | None = None
    meetings: list[MeetingEntry] = field(default_factory=list)
    discussed: list[tuple[MeetingEntry, Heading]] = field(default_factory=list)
    decision_meeting: MeetingEntry | None = None
    cites: list[Cite] = field(default_factory=list)     # what this case cites (resolve)
    cited_by: list[Cite] = field(default_factory=list)  # who cites this case (resolve)
    published_source: str | None = None
    closed: Closure | None = None  # deliberated closed (where, why): its documents withheld (withhold)

    @property
    def key(self) -> str:
        return f"{self.council.id}/{self.id}"

    @property
    def url(self) -> str:
        return urls.case(self)

    @property
    def label(self) -> str:
        return self.model.number or self.model.title

    @property
    def full_title(self) -> str:
        """諮問第480号 おたふくかぜ…: the page title, the feed entry's title."""
        return f"{self.model.number} {self.model.title}" if self.model.number else self.model.title

    @property
    def date(self) -> PartialDate | None:
        """The case's date for sorting and lists: request, else first meeting, else 答申."""
        if self.model.request and self.model.request.date:
            return self.model.request.date
        dated = [m.model.date for m in self.meetings if m.model.date]
        if dated:
            return min(dated)
        return self.model.decision.date if self.model.decision else None

    def sort_key(self) -> tuple:
        parts = self.number_parts
        return (self.council.id, self.fiscal_year or 0,
                parts.seq if parts else 10**9, self.id)


@dataclass(eq=False)
class AgendaEntry:
    item: AgendaItem
    case: CaseEntry | None
    section: Heading | None

    @property
    def title(self) -> str:
        return self.item.title or (self.case.model.title if self.case else "")


@dataclass(frozen=True)
class SpeakerLabel:
    """How the minutes name an attendee: 川合会長 for 川合 敏樹, with how often and where first."""

    label: str   # as the minutes write it, after ○
    turns: int   # the published turns under this label
    first: str   # the anchor of the first (t12)


@dataclass(eq=False)
class MeetingEntry(_Sourced):
    council: Council
    id: str
    model: Meeting
    path: str
    body: Body
    record: RawRecord
    fiscal_year: int | None = None
    cites_outside_items: list = field(default_factory=list)  # citations not under an agenda item
    published_source: str | None = None
    obligations: list[Obligation] = field(default_factory=list)  # on Archive.as_of (assess)

    def speaker_labels(self, name: str) -> list[SpeakerLabel]:
        """The labels under which the person `name` speaks in the published minutes, so a reader
        can tell whose turns are whose (出席者 川合 敏樹（委員） speaks as 川合会長).

        A label is the person's when its `speakers:` entry has the same name, spaces and width
        aside; a surname alone is not matched to a full name: in 13-04, 鈴木情報システム課長
        (鈴木) is not the member 鈴木 由美 (鈴木委員). Labels with no published turn are left out.
        """
        key = normalize_key(name)
        labels = [label for label, who in self.model.speakers.items() if normalize_key(who.name) == key]
        out = []
        for label in labels:
            turns = [t for t in self.body.turns if t.label == label]
            if turns:
                out.append(SpeakerLabel(label, len(turns), turns[0].id))
        return out

    def is_upcoming(self, as_of: date) -> bool:
        """Dated on or after the as-of day: published as its advance notice (開催予定)."""
        d = self.model.date
        return d is not None and d.precision == "day" and d.earliest() >= as_of
    agenda: list[AgendaEntry] = field(default_factory=list)
    cases: list[CaseEntry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.council.id}/{self.id}"

    @property
    def url(self) -> str:
        return urls.meeting(self)

    @property
    def label(self) -> str:
        """How councils name a meeting: by term (第十三期・第4回) or by 年度 (令和2年度第8回)."""
        if self.model.term:
            return f"第{kanji_number(self.model.term)}期・第{self.model.session}回"
        if self.fiscal_year:
            return f"{fiscal_year_era_text(self.fiscal_year)}第{self.model.session}回"
        return f"第{self.model.session}回"

    @property
    def title(self) -> str:
        return self.model.title or f"{self.council.name} {self.label}"

    def sort_key(self) -> tuple:
        d = self.model.date
        return (self.council.id, d.earliest().toordinal() if d else 0, self.model.term or 0,
                self.model.session, self.id)


@dataclass
class Archive:
    councils: list[Council]
    cases: list[CaseEntry]
    meetings: list[MeetingEntry]
    as_of: date | None = None  # the day obligation states refer to (set by obligations.assess)
    # (council, id) of the draft cases, left out above: a reference to one is told, not refused
    draft_cases: frozenset[tuple[str, str]] = frozenset()

    def council_cases(self, council_id: str) -> list[CaseEntry]:
        return [c for c in self.cases if c.council.id == council_id]

    def council_meetings(self, council_id: str) -> list[MeetingEntry]:
        return [m for m in self.meetings if m.council.id == council_id]


@dataclass(frozen=True)
class Closure:
    """Why a case's documents are withheld: the meeting (None when it is a draft) and reason."""

    meeting: MeetingEntry | None
    reason: str


@dataclass(eq=False)
class Cite:
    """One citation of a prior decision by a case, resolved against the archive."""

    citing: CaseEntry
    key: str                        # 'ym:2016-01', 'no:諮問第151号' or 'case:<id>' (added by hand)
    label: str                      # as the source writes it: 平成 28 年 1 月, 諮問第151号
    phrase: str | None              # the whole citing phrase; None when added in front matter
    file: str
    line: int | None
    source: Literal["本文", "審議経過", "手動"]
    target: CaseEntry | None = None
    alternates: list[CaseEntry] = field(default_factory=list)
    overridden: bool = False
    note: str | None = None
    meeting: MeetingEntry | None = None  # for a citation in minutes: where it was said
    anchor: str | None = None            # ... and the speaker turn that said it

    @property
    def display(self) -> str:
        """平成28年（2016年）1月の答申 / 諮問第151号 — how pages name what is cited."""
        return cite_label(self)

    @property
    def year_month(self) -> tuple[int, int] | None:
        if self.key.startswith("ym:"):
            y, m = self.key[3:].split("-")
            return int(y), int(m)
        return None


@dataclass
class Missing:
    """A cited decision the archive does not hold (yet): what to digitise next."""

    key: str
    label: str
    cites: list[Cite]


State = Literal["期限内", "期限後に実施", "未了（期限超過）", "期限前", "対象外", "不明"]
STATES: tuple[State, ...] = ("期限内", "期限後に実施", "未了（期限超過）", "期限前", "対象外", "不明")
# How a state reads when the deadline is only the typical one (目安), not the council's own.
TYPICAL_STATES: dict[str, str] = {
    "期限内": "目安までに実施", "期限後に実施": "目安より後に実施",
    "未了（期限超過）": "未実施（目安を経過）", "期限前": "未実施（目安より前）",
}
KINDS = {"notice": "事前公表", "materials": "資料の公表", "record": "会議録の公表", "decision": "答申の公表"}


@dataclass(frozen=True)
class Obligation:
    meeting: MeetingEntry
    kind: str                       # notice | materials | record | decision
    name: str                       # 事前公表, 答申の公表（諮問第480号）
    rule: str                       # 開催日の7日前まで（要綱第5条）
    due: date | None
    done: PartialDate | str | None  # the date, 不明, or None (not done)
    state: State
    note: str | None = None
    case: CaseEntry | None = None
    # The council's rule for this obligation is not registered: `rule` and `due` are the typical
    # ones (a 目安), not the council's 期限, and pages must say so.
    typical: bool = False

    def days_overdue(self, as_of: date) -> int | None:
        if self.state == "未了（期限超過）" and self.due is not None:
            return (as_of - self.due).days
        return None

    @property
    def shown_state(self) -> str:
        """The state in words as pages show it: measured against a 目安 when the rule is typical."""
        return TYPICAL_STATES.get(self.state, self.state) if self.typical else self.state


def cite_label(cite: Cite) -> str:
    """平成28年（2016年）1月の答申 / 諮問第151号 — how pages name what is cited."""
    if (ym := cite.year_month) is not None:
        return f"{PartialDate(ym[0], ym[1]).wareki()}の答申"
    return cite.label
