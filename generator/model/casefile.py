"""The archive's model types: every stage speaks these.

They are also the case-file format. `python -m generator schema` writes the JSON Schema for
editors and the field reference (generator/schema/) from the docstrings and field
descriptions below, so what is written here is what the secretariat reads.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .japanese import (
    FISCAL_NUMBER_PATTERN,
    RUNNING_NUMBER_PATTERN,
    normalize_key,
    parse_fiscal_year,
    parse_number,
    squeeze,
)
from .values import (
    INVISIBLE,
    Date,
    DoneDate,
    FiscalYear,
    Id,
    Link,
    NotEmpty,
    Prose,
    Strict,
    Text,
    Time,
    WholeNumber,
)

# --- Council ------------------------------------------------------------------------------

DEFAULT_CLOSURE_REASONS = [
    "法令等の規定により非公開とされている事項を審議するため",
    "非開示情報（個人に関する情報等）が含まれる事項を審議するため",
    "公開することにより公正かつ円滑な審議が著しく阻害されるおそれがあるため",
]


# A deadline of the rules, in days: a year at most (the rules say 7, 14, 30 or 45).
MAX_DAYS = 365
# A count of people (observers, seats): a council's room holds tens, never ten thousand.
MAX_PEOPLE = 9999


class DisclosureRules(Strict):
    """会議の公開: what the council's rules oblige the secretariat to announce and publish.

    The numbers differ by municipality; the defaults are the typical ones. Each `*_source` is the
    rule's text or article, shown to readers beside the obligation.
    """

    source: Text | None = Field(None, description="The rules, e.g. 足立区附属機関等の会議の公開に関する要綱.")
    notice_days: WholeNumber = Field(7, ge=0, le=MAX_DAYS, description="事前公表: the notice (date, time, place, agenda, open "
                                                  "or closed, seats, how to attend) at least this many days before.")
    notice_source: Text | None = Field(None, description="e.g. 第5条.")
    closure_reasons: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_CLOSURE_REASONS),
        description="The only reasons for which a meeting or an item may be closed.")
    closure_source: Text | None = Field(None, description="e.g. 第3条.")
    materials_days: WholeNumber = Field(14, ge=0, le=MAX_DAYS, description="資料: published within this many days after the meeting.")
    materials_source: Text | None = None
    record_mode: Literal["after_meeting", "after_approval"] = Field(
        "after_meeting", description="会議録: due `record_days` after the meeting (`after_meeting`) or after "
                                     "its approval at a later meeting (`after_approval`).")
    record_days: WholeNumber = Field(30, ge=0, le=MAX_DAYS, description="会議録 / 要録 / 会議概要: published within this many days.")
    record_source: Text | None = None
    decision_days: WholeNumber = Field(30, ge=0, le=MAX_DAYS, description="答申: published within this many days after it is given.")
    decision_source: Text | None = None
    annual_report_source: Text | None = Field(
        None, description="The rule for the yearly report of the disclosure status (the dashboard's summary).")

    _once = field_validator("closure_reasons")(classmethod(lambda cls, v: listed_once(v)))

NumberingStyle = Literal["running", "fiscal_year"]


class Council(Strict):
    """審議会・審査会: one council whose work the archive holds. Set in site_config.yml."""

    id: Id = Field(description="Folder under content/ and first part of every URL, e.g. `adachi`.")
    name: Text = Field(description="正式名称, e.g. 足立区情報公開・個人情報保護審議会.")
    short_name: Text | None = Field(None, description="Short label for lists, e.g. 足立区.")
    municipality: Text = Field(description="自治体名, e.g. 足立区.")
    municipality_code: str = Field(
        pattern=r"^\d{6}$",
        description="全国地方公共団体コード, six digits with its check digit, e.g. 131211.")
    kind: Literal["審議会", "審査会"] = Field(description="審議会 or 審査会.")
    ordinances: list[Text] = Field(default_factory=list,
                                   description="Ordinances it works under (根拠条例).")
    disclosure: DisclosureRules = Field(default_factory=lambda: DisclosureRules(),
                                        description="会議の公開: the rules, as settings.")
    numbering: NumberingStyle | None = Field(
        None, description="How its 諮問 are numbered: `running` (諮問第480号) or "
                    "`fiscal_year` (令和2年度第26号議案); either is accepted when left out.")
    contact: Text | None = Field(
        None, description="お問い合わせ先: the council's secretariat as it publishes itself, e.g. "
                          "足立区 総務部 区政情報課（電話 03-XXXX-XXXX）. Shown on the about page and the "
                          "council's page only when set.")
    website: Link | None = Field(
        None, description="The council's page on the municipality's official website. Shown only when set.")
    documents_url: Link | None = Field(
        None, description="Where the municipality publishes the original documents (会議録・資料, PDF). "
                          "Shown only when set.")

    _once = field_validator("ordinances")(classmethod(lambda cls, v: listed_once(v)))

    @field_validator("municipality_code")
    @classmethod
    def _check_digit(cls, code: str) -> str:
        digits = [int(c) for c in code[:5]]
        check = (11 - sum(d * w for d, w in zip(digits, (6, 5, 4, 3, 2), strict=True)) % 11) % 10
        if int(code[5]) != check:
            raise ValueError(f"'{code}' has a wrong check digit (expected {code[:5]}{check})")
        return code

    @property
    def label(self) -> str:
        return self.short_name or self.municipality


# --- Consultation (諮問 / 報告) -------------------------------------------------------------

CaseKind = Literal["諮問", "報告"]

CATEGORIES: dict[str, str] = {
    # category (as the archive names it) → URL slug
    "外部委託": "outsourcing",
    "外部結合": "external-linkage",
    "外部提供": "external-provision",
    "目的外利用": "secondary-use",
    "本人外収集": "indirect-collection",
    "処理開発": "computer-processing",
    "特定個人情報保護評価": "pia",
    "重要事項": "important-matters",
    "その他": "other",
}
Category = Literal["外部委託", "外部結合", "外部提供", "目的外利用", "本人外収集", "処理開発",
                   "特定個人情報保護評価", "重要事項", "その他"]

Result = Literal["承認", "了承", "条件付き承認", "条件付き了承", "不承認", "その他"]


class Basis(Strict):
    """One legal basis of a case: the article as written and what kind of matter it makes it."""

    article: Text | None = Field(
        None, description="The article as written, e.g. 江戸川区個人情報保護条例第14条第3項; "
                          "leave out when the source names the category but not the article.")
    category: Category = Field(description="What the article makes the case about (外部委託, 外部結合, …).")
    procedure: CaseKind | None = Field(
        None, description="諮問 or 報告 under this article, when it differs from the case's kind "
                          "(the Shinjuku case is 諮問 under two articles and 報告 under a third).")
    note: Text | None = Field(None, description="The article's own label, e.g. 電子計算機による個人情報の処理開発.")


class Request(NotEmpty):
    """The request that brought the case (諮問書 / 諮問依頼書)."""

    date: Date | None = Field(None, description="Date on the request, e.g. 令和3年3月5日.")
    document_number: Text | None = Field(None, description="文書番号, e.g. 20経情送第342号.")
    by: Text | None = Field(None, description="Who asked, as written, e.g. 江戸川区長.")


class Decision(Strict):
    """答申 (or the council's 意見 on a 報告): what the council decided."""

    result: Result = Field(description="承認, 了承, 条件付き承認, 条件付き了承, 不承認 or その他.")
    number: Text | None = Field(None, description="The 答申's own number as written, e.g. 答申第516号, "
                                                   "大公審答申第152号 or 令和2年度答申第3号; leave out when "
                                                   "the source gives none.")
    date: Date | None = Field(None, description="Date of the 答申 when the source gives it.")
    meeting: Id | None = Field(None, description="The meeting (id) at which it was decided.")
    opinion: Prose | None = Field(None, description="The opinion text as written (審議会意見).")
    published: DoneDate | None = Field(None, description="When the 答申 was published; 不明 if the "
                                                         "source does not say; leave out while not published.")


class CitationOverride(Strict):
    """Correct or add a citation of a prior 答申 (the text's own citations are found automatically).

    With `cites`, it applies to what the text cites (平成28年1月, 諮問第151号): `target` says which
    case is meant, or `null` that it is not in the archive. Without `cites`, or with a `cites`
    the text does not make, it adds a citation.
    """

    cites: Text | None = Field(None, description="What the text cites, as written: 平成28年1月 or 諮問第151号.")
    target: Id | None = Field(description="The cited case (id under content/<council>/cases/), "
                                          "or null: not in the archive.")
    note: Text | None = Field(None, description="Why (shown to readers).")

    @model_validator(mode="after")
    def _something(self) -> CitationOverride:
        if self.cites is None and self.target is None:
            raise ValueError("a citation needs `cites` or `target`")
        return self


class NumberParts(BaseModel):
    """A case number split so that cases sort: 令和2年度第26号議案 → (2020, 26)."""

    fiscal_year: int | None
    seq: int


_RUNNING = re.compile(rf"^{RUNNING_NUMBER_PATTERN}$")
_FISCAL_NUMBER = re.compile(rf"^{FISCAL_NUMBER_PATTERN}$")


def parse_case_number(number: str, style: NumberingStyle | None) -> NumberParts:
    """Split a case number as written into sortable parts, in the council's numbering style."""
    s = re.sub(r"\s+", "", squeeze(number))
    if re.search(r"第0+号", s):
        raise ValueError(f"'{number}' is number 0: case numbers start at 1 (check the number)")
    if style is None:
        if m := _RUNNING.match(s):
            return NumberParts(fiscal_year=None, seq=int(m[1]))
        style = "fiscal_year"
    if style == "running":
        if m := _RUNNING.match(s):
            return NumberParts(fiscal_year=None, seq=int(m[1]))
        raise ValueError(f"'{number}' is not a number of the form 諮問第480号")
    if m := _FISCAL_NUMBER.match(s):
        return NumberParts(fiscal_year=parse_fiscal_year(m["fy"]), seq=int(m["seq"]))
    raise ValueError(f"'{number}' is not a number of the form 令和2年度第26号議案")


class Consultation(Strict):
    """A case: a 諮問 (the executive asks the council) or a 報告 (reported, no opinion needed).

    Front matter of `content/<council>/cases/<id>.md`; the Markdown body is the document
    itself (諮問書, 諮問依頼書, tables) in its own words.
    """

    kind: CaseKind = Field(description="諮問 or 報告.")
    number: Text | None = Field(None, description="The number as written: 諮問第480号 or "
                                                   "令和2年度第26号議案. Leave out when the source gives none.")
    title: Text = Field(description="件名, as written (joined across broken lines).")
    source: Link | None = Field(None, description="The original document as the council publishes it "
                                                  "(its PDF or web page), when it does: shown as 原本.")
    department: Text | Annotated[list[Text], Field(min_length=1)] | None = Field(
        None, description="主管課 / 担当課, e.g. 子ども家庭部保育課; a list when several present it jointly.")
    bases: list[Basis] = Field(default_factory=list, description="Legal bases (根拠条文), one or more.")
    request: Request | None = Field(None, description="The request (諮問書 / 諮問依頼書).")
    fiscal_year: FiscalYear | None = Field(
        None, description="年度, when neither the number nor a meeting says it.")
    meetings: list[Id] = Field(default_factory=list,
                               description="Meetings (ids under content/<council>/meetings/) "
                                           "that dealt with it.")
    decision: Decision | None = Field(None, description="答申; leave out while pending or unknown.")
    citations: list[CitationOverride] = Field(
        default_factory=list, description="Corrections and additions to the prior 答申 this case "
                                          "cites (the text's citations are found automatically).")
    draft: bool = Field(False, description="true: not published anywhere on the site.")

    @field_validator("number")
    @classmethod
    def _sane_number(cls, value: str | None) -> str | None:
        if value is not None and re.search(r"\d{7,}", value):
            raise ValueError(f"'{value}' holds a number of 7 or more digits (expected e.g. 諮問第480号)")
        return value

    @field_validator("meetings")
    @classmethod
    def _once(cls, value: list[str]) -> list[str]:
        if dup := sorted({m for m in value if value.count(m) > 1}):
            raise ValueError(f"lists {', '.join(dup)} more than once")
        return value

    @field_validator("citations")
    @classmethod
    def _one_override_each(cls, value: list[CitationOverride]) -> list[CitationOverride]:
        keys = [(c.cites, c.target) if c.cites is None else (c.cites, None) for c in value]
        if dup := [k for i, k in enumerate(keys) if k in keys[:i]]:
            what = dup[0][0] or dup[0][1]
            raise ValueError(f"'{what}' is corrected or added more than once: keep one entry")
        return value

    @model_validator(mode="after")
    def _kind_of_its_bases(self) -> Consultation:
        procedures = [b.procedure for b in self.bases]
        if procedures and all(p is not None and p != self.kind for p in procedures):
            raise ValueError(f"bases[0].procedure: どの根拠条文も{procedures[0]}の手続ですが、案件の種別（kind）は"
                             f"{self.kind}です。procedure は種別と違う条文にだけ書きます。種別か procedure を直してください")
        return self

    @property
    def departments(self) -> list[str]:
        if self.department is None:
            return []
        return [self.department] if isinstance(self.department, str) else list(self.department)

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(b.category for b in self.bases))


# --- Meeting ------------------------------------------------------------------------------

Access = Literal["公開", "非公開", "一部非公開"]
AgendaKind = Literal["確認事項", "諮問", "報告", "その他"]


class Member(Strict):
    """A council member (委員) as listed in the record."""

    name: Text = Field(description="Name as written, e.g. 川合 敏樹.")
    role: Text | None = Field(None, description="会長, 副会長, 委員 …")


class Speaker(Strict):
    """Who a speaker label in the minutes (`○川合会長`) is."""

    name: Text = Field(description="Name, e.g. 川合 敏樹 or 山根.")
    role: Text | None = Field(None, description="Role or post, e.g. 会長, 区政情報課長.")


class AgendaItem(Strict):
    """One item of the agenda (会議次第)."""

    kind: AgendaKind = Field(description="確認事項, 諮問, 報告 or その他.")
    case: Id | None = Field(None, description="The case (id under content/<council>/cases/) it deals with.")
    title: Text | None = Field(None, description="As written; defaults to the case's title. Required "
                                                 "when the item has no case (the agenda shows it).")
    outcome: Text | None = Field(None, description="What the meeting decided, e.g. 了承. A result (了承, 承認 …) "
                                                 "must be the case's decision.result, entered there.")
    access: Literal["公開", "非公開"] | None = Field(
        None, description="非公開: the item's minutes section and its case's documents are not "
                          "published anywhere; the closure and its reason are. Left out: the record "
                          "does not say of the item (it follows the meeting's access).")
    access_reason: Text | None = Field(None, description="Why the item was closed (one of the council's reasons).")
    minutes_section: Text | None = Field(
        None, description="Heading of the minutes section where it was discussed, when it "
                          "cannot be found by the case number or title.")

    @field_validator("access_reason")
    @classmethod
    def _reason_needs_closure(cls, value: str | None, info: ValidationInfo) -> str | None:
        # access is declared first, so it is already read: a reason for closing an item that is
        # not marked 非公開 (公開, or its access left unknown) is a contradiction, not a closure.
        if value and info.data.get("access") != "非公開":
            raise ValueError("a reason for closing the item, but its access is not 非公開 "
                             "(mark it access: 非公開, or remove the reason)")
        return value

    @model_validator(mode="after")
    def _case_or_title(self) -> AgendaItem:
        if self.case is None and self.title is None:
            raise ValueError("an agenda item needs a case or a title")
        if self.access == "非公開" and not self.access_reason:
            raise ValueError("access: 非公開 needs access_reason (why it was closed)")
        return self


class Material(Strict):
    """A document handed out at the meeting (配付資料)."""

    title: Text
    url: Link | None = Field(None, description="Where it is published, if it is.")
    published: DoneDate | None = Field(None, description="When it was published; 不明 if the source "
                                                         "does not say; leave out while not published.")


class NextMeeting(NotEmpty):
    """The next meeting as announced (次回開催)."""

    date: Date | None = None
    start: Time | None = None
    as_written: Prose | None = Field(None, description="The announcement in the source's words.")


class Notice(NotEmpty):
    """The advance notice of a meeting (開催の事前公表)."""

    published: DoneDate | None = Field(None, description="When the notice was published; 不明 if unknown.")
    seats: WholeNumber | None = Field(None, ge=0, le=MAX_PEOPLE, description="傍聴席の数.")
    how_to_attend: Text | None = Field(None, description="傍聴の手続 (how to attend), as announced.")
    url: Link | None = Field(None, description="Where the notice is published.")


class Meeting(Strict):
    """A meeting (会議) and its record (会議概要 / 会議録 / 要録).

    Front matter of `content/<council>/meetings/<id>.md`; the Markdown body is the minutes
    (審議経過), with each speaker turn starting `○ラベル ` as in the documents.
    """

    term: int | None = Field(None, description="期, e.g. 13 for 第十三期 (written as the record does, "
                                               "第十三期 or 13期, it is read as 13).")
    session: int = Field(description="回, e.g. 4 for 第4回 (第4回 and 第四回 are read as 4).")
    fiscal_year: FiscalYear | None = Field(None, description="年度; derived from the date if left out.")
    title: Text | None = Field(None, description="会議名 as written, if it differs from the usual.")
    date: Date | None = Field(None, description="開催日; a month alone (2021-03) when the day is unknown.")
    start: Time | None = Field(None, description="開始時刻.")
    end: Time | None = Field(None, description="終了時刻.")
    place: Text | None = Field(None, description="開催場所.")
    source: Link | None = Field(None, description="The original document as the council publishes it "
                                                  "(its PDF or web page), when it does: shown as 原本.")
    access: Access | None = Field(None, description="公開, 非公開 or 一部非公開; unknown if left out.")
    access_reason: Text | None = Field(None, description="Why it was (partly) closed.")
    present: list[Member] | None = Field(None, description="出席者; unknown if left out.")
    absent: list[Member] | None = Field(None, description="欠席者; unknown if left out.")
    secretariat: list[Text] | None = Field(None, description="事務局.")
    observers: WholeNumber | None = Field(None, ge=0, le=MAX_PEOPLE, description="傍聴者数; unknown if left out.")
    record: Literal["会議概要", "会議録", "要録"] | None = Field(
        None, description="What kind of record the minutes are.")
    record_state: Literal["案", "確定"] | None = Field(
        None, description="案 (draft) until a later meeting approves it, then 確定.")
    record_approved_at: Id | None = Field(None, description="The meeting (id) that approved the record.")
    record_published: DoneDate | None = Field(
        None, description="When the record was published; 不明 if the source does not say; "
                          "leave out while not published.")
    notice: Notice | Literal["不明"] | None = Field(
        None, description="The advance notice; 不明 if the source does not say; leave out while "
                          "not given.")
    agenda: list[AgendaItem] = Field(default_factory=list, description="会議次第.")
    materials: list[Material] = Field(default_factory=list, description="配付資料.")
    speakers: dict[Annotated[str, Field(min_length=1, pattern=r"\S")], Speaker] = Field(
        default_factory=dict, description="Speaker labels used in the minutes (`川合会長`) → who.")
    next_meeting: NextMeeting | None = Field(None, description="次回開催.")
    draft: bool = Field(False, description="true: not published anywhere on the site.")

    @field_validator("term", "session", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool | float):
            raise ValueError(f"{value} is not a whole number (expected e.g. 4 for 第4回)")
        return parse_number(re.sub(r"^第|[期回]$", "", value)) if isinstance(value, str) else value

    @field_validator("term", "session")
    @classmethod
    def _sane(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 999:
            raise ValueError(f"{value} is not a 期 or 回 (expected a number from 1 to 999)")
        return value

    @model_validator(mode="after")
    def _times(self) -> Meeting:
        if self.access in ("非公開", "一部非公開") and not self.access_reason:
            raise ValueError(f"access: {self.access} needs access_reason (why it was closed)")
        upcoming = self.next_meeting.date if self.next_meeting else None
        if upcoming and self.date and upcoming.surely_before(self.date):
            raise ValueError(f"next_meeting: {upcoming.iso()} is before this meeting ({self.date.iso()}): "
                             "the next meeting comes after it")
        nxt = self.next_meeting
        if (nxt and upcoming and self.date and upcoming == self.date and upcoming.precision == "day"
                and nxt.start and nxt.start < (self.end or self.start or "00:00")):
            raise ValueError(f"next_meeting: {upcoming.iso()} {nxt.start} is before this meeting ends: "
                             "the next meeting comes after it (check the date)")
        if self.record_state == "案" and self.record_approved_at:
            raise ValueError(f"record_state: 案 (a draft record), yet record_approved_at says "
                             f"'{self.record_approved_at}' approved it: an approved record is 確定")
        if self.present == []:
            raise ValueError("present: an empty list says nobody attended; leave the field out when "
                             "the record does not say who attended")
        for label in self.speakers:
            if re.search(r"\s", label) or label[:1] in "○◯〇" or INVISIBLE.sub("", label) != label \
                    or label[-1:] in ":：":  # 川合会長： — the colon of minutes written 川合会長：発言
                raise ValueError(f"speakers: '{label}' cannot be a speaker label: a label is what "
                                 "follows ○ up to the first space in the minutes (no ○, no space, no "
                                 "invisible character)")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end: {self.end} is before the start ({self.start}): a meeting ends "
                             "after it starts")
        for i, item in enumerate(self.agenda):
            first = next((j for j, other in enumerate(self.agenda[:i]) if item.case and other.case == item.case), None)
            if first is not None:
                raise ValueError(f"agenda[{i}].case: 「{item.case}」は議事の{first + 1}件目にもあります。"
                                 "同じ案件は議事に1回だけ書いてください（続けて審議したことは会議録に書かれています）")
        present = {_person(m.name) for m in self.present or []}
        for i, member in enumerate(self.absent or []):
            if _person(member.name) in present:
                raise ValueError(f"absent[{i}].name: 「{member.name}」は出席者（present）にも書かれています。"
                                 "会議録のとおり、出席か欠席のどちらか一方にしてください")
        seen: dict[str, str] = {}
        for label in self.speakers:
            key = unicodedata.normalize("NFKC", label)
            if key in seen:
                raise ValueError(f"speakers: '{label}' and '{seen[key]}' are the same label once "
                                 "written in one form (full/half width, combined marks): list each "
                                 "speaker once")
            seen[key] = label
        return self


def listed_once(values: list[str]) -> list[str]:
    """A list of texts in which each is written once (compared as normalize_key compares)."""
    keys = [normalize_key(v) for v in values]
    if dup := next((v for i, v in enumerate(values) if keys[i] in keys[:i]), None):
        raise ValueError(f"「{dup}」が2回書かれています。1回にしてください")
    return values


def _person(name: str) -> str:
    """A name as compared: 川合 敏樹, 川合　敏樹 and 川合敏樹 are one person."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", name))


# --- Hand-written pages (content/pages/*.md) ------------------------------------------------


class PageFields(Strict):
    """The front matter of a hand-written page (このアーカイブについて). Only these fields are
    read: a page cannot choose a template or set anything else of MkDocs' or Material's."""

    title: Text | None = Field(None, description="The page's title; its first heading if left out.")
    description: Text | None = Field(None, description="One sentence for search engines.")
    draft: bool = Field(False, description="true: not published anywhere on the site.")
    template: Literal["about.html"] | None = Field(
        None, description="about.html: the about page's template (contacts, licence, last updated).")


# --- Settings (the plugin's section of site_config.yml) -------------------------------------


class ArchiveSettings(Strict):
    """The archive's settings: the `council-archive` plugin's section of site_config.yml."""

    content_dir: str = Field("content", description="Folder of the case files, relative to site_config.yml.")
    councils: list[Council] = Field(min_length=1, description="The councils the archive holds.")

    @model_validator(mode="after")
    def _unique_ids(self) -> ArchiveSettings:
        ids = [c.id for c in self.councils]
        if dup := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"councils: duplicate id {', '.join(dup)}")
        names = [squeeze(c.name) for c in self.councils]
        if dup := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"councils: 正式名称「{dup[0]}」の審議会が2つあります。読む人が区別できないので、"
                             "正式名称を直すか、同じ審議会なら1つにまとめてください")
        for i, council in enumerate(self.councils):
            if problem := _council_problem(council, self.councils[:i], self.councils):
                raise ValueError(f"councils[{i}].{problem}")
        return self


def _municipality_named(name: str) -> str | None:
    """The municipality a council's name begins with: 中野区情報公開… → 中野区 (None if none)."""
    m = re.match(r"^(?:東京都|北海道|(?:京都|大阪)府|\S{2,3}県)?(\S{1,4}?[市区町村])(?=\S)", squeeze(name))
    return m.group(1) if m else None


def _council_problem(council: Council, before: list[Council], every: list[Council]) -> str | None:
    """What a council's settings say against themselves or another council's: `field: message`."""
    key = normalize_key
    for other in before:
        if other.municipality_code == council.municipality_code and key(other.municipality) != key(council.municipality):
            return (f"municipality_code: 全国地方公共団体コード {council.municipality_code} は{other.municipality}"
                    f"（{other.id}）のコードです。{council.municipality}のコードを書いてください")
        if council.short_name and other.label and key(other.label) == key(council.short_name):
            return (f"short_name: 略称「{council.short_name}」は {other.id} の略称と同じです。一覧で区別できないので、"
                    "別の略称にしてください")
    name = squeeze(council.name)
    says = "審査会" if name.endswith("審査会") else "審議会" if name.endswith("審議会") else None
    if says and says != council.kind:
        return f"kind: 種別が{council.kind}ですが、正式名称「{council.name}」は{says}です。どちらかを直してください"
    named = _municipality_named(council.name)
    if named and key(council.municipality) not in key(council.name):
        return (f"name: 正式名称「{council.name}」は{named}の名前ですが、自治体（municipality）は"
                f"{council.municipality}です。どちらかを直してください")
    for j, ordinance in enumerate(council.ordinances):
        owner = next((c.municipality for c in every if key(c.municipality) != key(council.municipality)
                      and key(ordinance).startswith(key(c.municipality))), None)
        if owner:
            return (f"ordinances[{j}]: 「{ordinance}」は{owner}の条例です。{council.name}が拠る"
                    f"{council.municipality}の条例を書いてください")
    return None
