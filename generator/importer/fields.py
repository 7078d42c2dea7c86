"""Metadata read from the documents' structure: numbers, labelled fields, articles, letters.

Each reader returns a value or None; it never fills a gap with a likely value. What the
reader could not find, the caller lists in the report with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model.casefile import parse_case_number
from ..model.japanese import (
    ERA_PATTERN,
    ERAS,
    PartialDate,
    era_of,
    parse_date,
    parse_fiscal_year,
    parse_number,
    squeeze,
)

# The era names, from the one era table (generator.model.japanese.ERAS): every reader of the importer
# matches eras through ERA, so a new era is one line there.
ERA = ERA_PATTERN
_ERA = ERA
_N = r"(?:\d+|[〇一二三四五六七八九十]+|元)"


def flat(text: str) -> str:
    """Squeezed, with every space removed: for matching structure, never for output."""
    return re.sub(r"[ \t\u3000]+", "", squeeze(text))


# --- Case numbers and meetings -----------------------------------------------------------

_NUMBER = re.compile(rf"{_ERA}{_N}年度第\d+号議案|(?:{_ERA}{_N}年度)?諮問第\d+号")


def case_number(text: str) -> str | None:
    """The case number a line consists of (「令和2年度第26号議案」「[諮問第 480 号]」), as the
    archive writes it; None when the line is not just a number or the form is not one the
    archive reads (e.g. 議案第5号: reported, not rewritten)."""
    s = flat(re.sub(r"^#+\s*", "", text.strip()))
    s = re.sub(r"^[\[〔【［(（]|[\]〕】］)）]$", "", s)
    if not _NUMBER.fullmatch(s):
        return None
    try:
        parse_case_number(s, None)
    except ValueError:
        return None
    return s


def leading_case_number(text: str) -> tuple[str, str] | None:
    """A bracketed number at the start of a line and the rest: 「【諮問第481号】図書館…」."""
    s = squeeze(text.strip().strip("*"))
    m = re.match(r"^[\[〔【［(（]\s*(諮問\s*第\s*\d+\s*号)\s*[\]〕】］)）]\s*(.*)$", s)
    if not m:
        return None
    return flat(m[1]), m[2].strip()


def case_id(number: str) -> str:
    """令和2年度第26号議案 → r02-26; 諮問第480号 → shimon-480."""
    if m := re.fullmatch(r"諮問第(\d+)号", number):
        return f"shimon-{int(m[1])}"
    parts = parse_case_number(number, "fiscal_year")
    return f"{fiscal_prefix(parts.fiscal_year)}-{parts.seq:02d}"


def fiscal_prefix(year: int | None) -> str:
    """2020 → r02 (令和2年度): the fiscal year as it starts a file id."""
    if year is None:
        raise ValueError("no fiscal year")
    era = era_of(date(year, 5, 1))
    return f"{_ERA_LETTER[era.name]}{year - era.start.year + 1:02d}"




# The letter of a file id (r02-26, h28-3): each era's abbreviation in japanese.ERAS.
_ERA_LETTER = {era.name: era.letter.lower() for era in ERAS}


@dataclass(frozen=True)
class MeetingRef:
    """「令和2年度第8回」 or 「第十三期・第4回」: which meeting a document belongs to."""

    session: int
    fiscal_year: int | None = None
    term: int | None = None

    @property
    def id(self) -> str:
        if self.term is not None:
            return f"{self.term:02d}-{self.session:02d}"
        if self.fiscal_year is None:
            return str(self.session)  # a running 第83回: the number alone names it
        return f"{fiscal_prefix(self.fiscal_year)}-{self.session:02d}"


_MEETING_FY = re.compile(rf"({_ERA}{_N}年度)第({_N})回")
_MEETING_TERM = re.compile(rf"第({_N})期[・･]?第({_N})回")


_MEETING_RUNNING = re.compile(rf"第({_N})回")


def running_meeting_ref(text: str) -> MeetingRef | None:
    """「第83回東京都…審議会」: a running 回 with no 期 or 年度 (accepted for meeting records)."""
    ref = meeting_ref(text)
    if ref is not None:
        return ref
    m = _MEETING_RUNNING.search(flat(text))
    return MeetingRef(session=parse_number(m[1])) if m else None


def meeting_ref(text: str) -> MeetingRef | None:
    s = flat(text)
    if m := _MEETING_TERM.search(s):
        return MeetingRef(session=parse_number(m[2]), term=parse_number(m[1]))
    if m := _MEETING_FY.search(s):
        return MeetingRef(session=parse_number(m[2]), fiscal_year=parse_fiscal_year(m[1]))
    return None


# --- Labelled fields ------------------------------------------------------------------------

TITLE_LABELS = ("件名", "件 名", "案件名", "議題")
DEPARTMENT_LABELS = ("主管課", "担当課", "担当部課", "所管課", "主管部課", "担当部署", "所管部課")


def labelled(paragraph: str, labels: tuple[str, ...]) -> str | None:
    """The value of 「件名：「…」」 / 「主管課：…」 / 「（担当部課：…）」 / 「件名<TAB>…」, its
    broken lines joined; None when the paragraph is not such a field."""
    text = paragraph.strip().strip("（()）[]［］【】").strip()
    for label in labels:
        key = r"[ \u3000]*".join(map(re.escape, flat(label)))
        m = re.match(rf"^{key}(?:[ \u3000]*[：:\t]|[ \u3000]+)[ \t\u3000]*(.+)$", text, re.S)
        if m:
            kept = [line for line in m[1].split("\n") if not re.fullmatch(r"[-|:\s]+", line)]
            value = " ".join(line.strip() for line in kept).split("\t")[0]
            value = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", value.strip())
            return unquote(squeeze(value)) or None
    return None


def unquote(text: str) -> str:
    """Drop 「」 around a whole title, but not quotes inside it (「児童手当」支給事業の…)."""
    if text.startswith("「") and text.endswith("」"):
        inner = text[1:-1]
        depth = 0
        for ch in inner:
            depth += {"「": 1, "」": -1}.get(ch, 0)
            if depth < 0:
                return text
        if depth == 0:
            return inner
    return text


# --- Legal bases ----------------------------------------------------------------------------

_ARTICLE = r"第\d+条(?:の\d+)?(?:第\d+項)?(?:第\d+号)?(?:本文|ただし書)?"
_LAW = r"[一-龥ぁ-んァ-ヶー・]*?(?:条例|規則|法律|法)"
_AND = r"(?:及び|並びに|、|,|，)"
_BASED_ON = re.compile(rf"((?:{_LAW})?{_ARTICLE}(?:{_AND}(?:{_LAW})?{_ARTICLE})*)の規定に(?:基づ|よ)")
_ONE_ARTICLE = re.compile(rf"({_LAW})?({_ARTICLE})")
_DEFINED = re.compile(rf"({_ARTICLE})に規定する((?:(?!第\d+条).)+?)"
                      rf"(?:に該当|{_AND}(?=(?:{_LAW})?{_ARTICLE}に規定する))")
# 「江戸川区個人情報保護条例（以下「条例」という。）第15条」: the aside is not part of the article.
_ASIDE = re.compile(r"[（(]以下[^（()）]*?という。?[）)]")

# What an article makes a case about, from the article's own words. Order matters only in
# that a match of 外部結合 makes 電子計算 part of the same phrase (「…電子計算組織との結合」).
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"特定個人情報保護評価", "特定個人情報保護評価"),
    (r"重要事項", "重要事項"),
    (r"外部提供|外部への提供", "外部提供"),
    (r"目的外", "目的外利用"),
    (r"本人以外|本人外", "本人外収集"),
    (r"結合", "外部結合"),
    (r"委託", "外部委託"),
    (r"処理開発|電子計算(?:機|組織)(?:による|への|に)(?:個人情報の)?(?:処理|記録|登録)", "処理開発"),
)


def category_of(label: str) -> str | None:
    """The category an article's label names, or None if it names none or more than one."""
    found = {cat for pattern, cat in _CATEGORY_WORDS if re.search(pattern, label)}
    if "外部結合" in found:
        found.discard("処理開発")
    return found.pop() if len(found) == 1 else None


def articles_based_on(text: str) -> list[str]:
    """Articles cited as 「…第14条第3項の規定に基づき」, in order, without repeats. A list
    (「条例第14条第3項及び第15条第1項の規定に基づき」) gives each article, the law carried
    over to the ones that do not repeat it."""
    s = _ASIDE.sub("", flat(text))
    out: list[str] = []
    for m in _BASED_ON.finditer(s):
        law = ""
        for part in _ONE_ARTICLE.finditer(m[1]):
            law = part[1] or law
            out.append(law + part[2])
    return list(dict.fromkeys(out))


def article_labels(text: str) -> dict[str, str]:
    """「第14条第3項に規定する(個人情報ファイルの処理の外部委託)に該当する」: article → label;
    two articles in one sentence (「第14条第3項に規定する…及び第15条第1項に規定する…に該当」) each."""
    s = _ASIDE.sub("", flat(text))
    return {m[1]: m[2] for m in _DEFINED.finditer(s)}


# --- Departments ----------------------------------------------------------------------------

_UNIT = r"(?:部|局|室|課|係|所|センター|チーム|館|事務所)"


def departments(value: str) -> list[str]:
    """「経営企画部情報政策課及び総務部職員課」 → two; 「健康部保健予防課、健康推進課」 → the second
    inherits 健康部. A value that is not a list of units (a sentence) stays one."""
    s = flat(value)
    parts = [p for p in re.split(r"及び|並びに|、|，|,", s) if p]
    if len(parts) < 2 or not all(re.search(rf"{_UNIT}$", p) for p in parts):
        return [s] if s else []
    out: list[str] = []
    for part in parts:
        head = re.match(r"^(.+?[部局])(?=.)", out[-1]) if out else None
        if head and not re.search(r"[部局]", part):
            part = head[1] + part
        out.append(part)
    return out


# --- Letters (諮問書 / 諮問依頼書) ------------------------------------------------------------

_DOC_NUMBER = re.compile(r"^(?:\d{1,4}|[RＲHＨ]\d{1,2}|[令平]\d{1,2})?[一-龥ぁ-んァ-ヶ]{1,10}第\d+号$")


def document_number(line: str) -> str | None:
    """「20 経情送第 342 号」 → 20経情送第342号; a blank form's 「福福送第 号」 is not one."""
    s = flat(line)
    return s if _DOC_NUMBER.match(s) else None


def letter_date(line: str) -> str | None:
    """A line that is only a date (「令和 3 年 3 月 5 日」) → 令和3年3月5日, checked."""
    s = flat(line)
    if not re.fullmatch(rf"{_ERA}{_N}年\d+月\d+日", s):
        return None
    try:
        parse_date(s)
    except ValueError:
        return None
    return s


@dataclass
class Letter:
    number: str | None
    date: str | None
    by: str | None
    line: int


def letters(paragraphs: list[tuple[int, str]]) -> list[Letter]:
    """Official letters: a number and a date at the top, then the addressee (…殿), then the
    sender. Reads each letter whose number or date is filled in."""
    out: list[Letter] = []
    for i, (line_no, para) in enumerate(paragraphs):
        lines = [ln for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        number = next((n for ln in lines if not case_number(ln) and (n := document_number(ln))), None)
        when = next((d for d in map(letter_date, lines) if d), None)
        if when is None or len(lines) > 3:
            continue  # a letter head is dated; a number alone may be the case's own
        by = None
        rest = paragraphs[i + 1:i + 4]
        for j, (_, p) in enumerate(rest):
            if flat(p).endswith(("殿", "様")):
                if j + 1 < len(rest):
                    sender = [flat(ln) for ln in rest[j + 1][1].split("\n") if ln.strip()]
                    if sender and all(len(s) <= 20 and not s.endswith(("殿", "様", "。")) for s in sender):
                        by = "、".join(sender)
                break
        out.append(Letter(number, when, by, line_no))
    return out


def meeting_month(fiscal_year: int | None, request_dates: list[str]) -> str | None:
    """The month of a meeting known only by 年度 and 回, when its requests pin it.

    The meeting deliberated requests dated up to D, so it fell between D and the end of its
    年度 (31 March): when both lie in the same month, that month is certain."""
    if fiscal_year is None or not request_dates:
        return None
    latest = max(parse_date(d).earliest() for d in request_dates)
    if latest.year == fiscal_year + 1 and latest.month == 3:
        return f"{latest.year}-03"
    return None


def partial(text: str) -> PartialDate | None:
    try:
        return parse_date(text)
    except ValueError:
        return None
