"""Japanese text normalisation, era dates (和暦), fiscal years (年度) and times.

One module so that the loader, the pages and (later) the search index agree on what a
string means. The fixture table in ``tests/fixtures/dates.txt`` lists the real phrases from
the seeds and what each must become.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# --- Text normalisation -------------------------------------------------------------------

_JA = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_SP = r"[ \t\u3000]+"
# PDF extraction spaces out Japanese text: 「会 長 平 田 善 信」「20 経情送第 342 号」「ICT の利活用」.
# A space is an artifact when it stands between a digit or a Latin word and a Japanese
# character, or next to a lone Japanese character; a space between two Japanese words of
# two or more characters is kept, as in a name: 川合 敏樹.
_ARTIFACT_SPACES = (
    re.compile(rf"(?<=[0-9A-Za-z]){_SP}(?=[{_JA}])|(?<=[{_JA}]){_SP}(?=[0-9A-Za-z])"),
    re.compile(rf"(?:(?<=^[{_JA}])|(?<=[ \t\u3000][{_JA}])){_SP}(?=[{_JA}])"),
    re.compile(rf"(?<=[{_JA}]){_SP}(?=[{_JA}](?:[ \t\u3000]|$))"),
)


def nfkc(text: str) -> str:
    """NFKC: full-width digits and Latin letters become half-width (ＬＧＷＡＮ → LGWAN)."""
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """NFKC, then drop the spaces PDF extraction puts into Japanese text.

    `令和 3 年 3 月 5 日` → `令和3年3月5日`, `平 田 善 信` → `平田善信`; `川合 敏樹` and
    `LGWAN ASP` keep their space.
    """
    text = re.sub(r"[ \t\u3000]+", " ", nfkc(text).strip())
    for _ in range(2):  # removing one space can make the next character a lone one
        for pattern in _ARTIFACT_SPACES:
            text = pattern.sub("", text)
    return text


def normalize_key(text: str) -> str:
    """A comparison key: squeezed, case-folded, with every remaining space removed."""
    return re.sub(r"\s+", "", squeeze(text)).casefold()


# --- Numbers ------------------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_number(text: str) -> int:
    """An integer written in ASCII, full-width or kanji digits: `13`, `１３`, `十三`, `元` (1)."""
    s = squeeze(text)
    if s == "元":
        return 1
    if re.fullmatch(r"[0-9]+", s):  # ٢ or २ are digits to Python, not to a Japanese record
        return int(s)
    if not s or any(ch not in _KANJI_DIGITS and ch not in _KANJI_UNITS for ch in s):
        raise ValueError(f"'{text}' is not a number")
    total, current = 0, 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            current = current * 10 + _KANJI_DIGITS[ch]
        else:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
    return total + current


def kanji_number(n: int) -> str:
    """13 → 十三: how councils write their term (第十三期)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"
    return str(n)


# --- Eras ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Era:
    name: str
    letter: str  # the abbreviation councils write: R3.3.5, H28.1
    start: date
    end: date | None  # last day, inclusive

    def gregorian_year(self, era_year: int) -> int:
        return self.start.year + era_year - 1


ERAS = (
    Era("令和", "R", date(2019, 5, 1), None),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
)
_ERA_BY_NAME = {era.name: era for era in ERAS}
_ERA_BY_LETTER = {era.letter: era.name for era in ERAS}
# The era names as a regular expression, for every pattern that reads 和暦 (citations, case
# numbers, the importer): `(?:令和|平成|昭和)`. The one place the names are written is ERAS.
ERA_PATTERN = "(?:" + "|".join(era.name for era in ERAS) + ")"
# A year of an era as written: 元, Arabic or kanji digits.
ERA_YEAR_PATTERN = r"(?:元|[0-9]+|[〇一二三四五六七八九十]+)"
# The two numbering styles of cases (on squeezed text): 諮問第480号, 令和2年度第26号議案 (also
# written with 諮問 after the 年度: 平成27年度諮問第1号).
RUNNING_NUMBER_PATTERN = r"諮問第(?P<run>[0-9]+)号"
FISCAL_NUMBER_PATTERN = rf"(?P<fy>{ERA_PATTERN}(?:元|[0-9]+)年度)(?:諮問)?第(?P<seq>[0-9]+)号(?:議案)?"


def era_of(day: date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError(f"{day.isoformat()} is before 昭和")


def era_year_label(era: Era, gregorian_year: int) -> str:
    n = gregorian_year - era.start.year + 1
    return f"{era.name}{'元' if n == 1 else n}年"


# --- Partial dates ------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose month or day may be unknown: the Edogawa seed gives 'March 2021' only.

    ``note`` carries a warning about how the source wrote it (e.g. 平成 used after 2019-04-30).
    """

    year: int
    month: int | None = None
    day: int | None = None
    note: str | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """ISO 8601 at the precision the source gives: 2021, 2021-03 or 2021-03-05."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def surely_before(self, other: PartialDate) -> bool:
        """True when this date is before `other` whatever the days or months left unknown."""
        a = (self.year, self.month, self.day)
        b = (other.year, other.month, other.day)
        for x, y in zip(a, b, strict=True):
            if x is None or y is None:
                return False
            if x != y:
                return x < y
        return False

    def fiscal_year(self) -> int | None:
        """年度 (April–March); None when the month is unknown."""
        if self.month is None:
            return None
        return self.year if self.month >= 4 else self.year - 1

    def wareki(self) -> str:
        """令和3年（2021年）3月5日 — era first, Gregorian year beside it, in full-width
        parentheses as Japanese text writes them.

        A month takes the era in force on its first day (昭和64年1月, 令和元年5月); a year alone
        the era at its end: 2019 is 令和元年.
        """
        era = era_of(self.earliest()) if self.month and self.earliest() >= ERAS[-1].start \
            else era_of(_latest(self))
        text = f"{era_year_label(era, self.year)}（{self.year}年）"
        if self.month:
            text += f"{self.month}月"
        if self.day:
            text += f"{self.day}日"
        return text

    def __str__(self) -> str:
        return self.iso()


_ISO = re.compile(r"^([0-9]{4})(?:[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?)?$")
_WAREKI = re.compile(
    rf"^(?P<era>{ERA_PATTERN}|[{''.join(_ERA_BY_LETTER)}])\.?(?P<year>{ERA_YEAR_PATTERN})(?:年|\.)"
    r"(?:(?P<month>[0-9]+|[〇一二三四五六七八九十]+)(?:月|\.|(?=$))"
    r"(?:(?P<day>[0-9]+|[〇一二三四五六七八九十]+)日?)?)?"
    r"(?:[(（](?P<weekday>月|火|水|木|金|土|日)(?:曜日?)?[)）])?$"
)
_WESTERN_JA = re.compile(r"^(?P<year>[0-9]{4})年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?$")


def parse_date(text: str | date) -> PartialDate:
    """A date as a secretariat writes it, at day, month or year precision.

    Accepts ISO (`2021-03-05`, `2021-03`), 和暦 as written in documents (`令和 3 年 3 月 5 日`,
    `令和元年`, full-width or kanji digits, a trailing weekday `(火)`), and `2021年3月5日`.
    Raises ValueError for dates that cannot exist (`平成32年5月`, `2月30日`); a 平成 date in
    the months just after the era ended is accepted with a ``note``, as documents printed then
    still say 平成.
    """
    if isinstance(text, date):
        return PartialDate(text.year, text.month, text.day)
    s = re.sub(r"\s+", "", squeeze(str(text)))
    if m := _ISO.match(s) or _WESTERN_JA.match(s):
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None  # both patterns require the year
        return _checked(PartialDate(year, month, day), text)
    m = _WAREKI.match(s)
    if not m:
        raise ValueError(f"'{text}' is not a date (expected 令和3年3月5日, 2021-03-05 or 2021-03)")
    era = _ERA_BY_NAME[_ERA_BY_LETTER.get(m["era"], m["era"])]
    era_year = parse_number(m["year"])
    month = parse_number(m["month"]) if m["month"] else None
    day = parse_number(m["day"]) if m["day"] else None
    result = _checked(PartialDate(era.gregorian_year(era_year), month, day), text)
    if m["weekday"] and result.precision != "day":
        raise ValueError(f"'{text}': a weekday is written, but no day (a weekday belongs to a date; write the day)")
    if m["weekday"] and result.precision == "day":
        actual = _WEEKDAYS[result.earliest().weekday()]
        if actual != m["weekday"]:
            raise ValueError(f"'{text}': {result.iso()} was a {actual}曜日, not a {m['weekday']}曜日 "
                             "(check the day)")
    return _checked_era(result, era, era_year, text)


_WEEKDAYS = "月火水木金土日"


def _checked(pd: PartialDate, text: object) -> PartialDate:
    if not 1926 <= pd.year <= 2100:
        raise ValueError(f"'{text}' is outside the years the archive can show (昭和 to 2100)")
    if pd.month is not None and not 1 <= pd.month <= 12:
        raise ValueError(f"'{text}' is not a date (month {pd.month})")
    if pd.day is not None:
        try:
            date(pd.year, pd.month or 1, pd.day)
        except ValueError:
            raise ValueError(f"'{text}' is not a date ({pd.month}月{pd.day}日 does not exist)") from None
    return pd


# How long after an era ended documents may still use its name (they were printed before).
_ERA_GRACE_YEARS = 1


def _checked_era(pd: PartialDate, era: Era, era_year: int, text: object) -> PartialDate:
    if era_year < 1:
        raise ValueError(f"'{text}' is not a date ({era.name}{era_year}年)")
    if pd.earliest() < ERAS[-1].start and _latest(pd) < ERAS[-1].start:
        raise ValueError(f"'{text}' is before 昭和 (1926-12-25)")
    first, last = pd.earliest(), _latest(pd)
    if last < era.start:
        raise ValueError(f"'{text}' cannot exist: {era.name} began on {era.start.isoformat()}")
    if era.end is not None and first > era.end:
        successor = era_of(first)
        right = _as_era(pd, successor)
        if first.year > era.end.year + _ERA_GRACE_YEARS - 1 or pd.month is None:
            raise ValueError(
                f"'{text}' cannot exist: {era.name} ended on {era.end.isoformat()} "
                f"(did you mean {right}?)")
        return PartialDate(pd.year, pd.month, pd.day,
                           note=f"'{text}' is written in the wrong era: {era.name} ended on "
                                f"{era.end.isoformat()}, so this is {right}")
    return pd


def _latest(pd: PartialDate) -> date:
    if pd.day:
        return pd.earliest()
    if pd.month:
        nxt = date(pd.year + (pd.month == 12), pd.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(pd.year, 12, 31)


def _as_era(pd: PartialDate, era: Era) -> str:
    text = era_year_label(era, pd.year)
    if pd.month:
        text += f"{pd.month}月"
    if pd.day:
        text += f"{pd.day}日"
    return text


# --- Fiscal years -------------------------------------------------------------------------

_FISCAL = re.compile(rf"^(?:(?P<era>{ERA_PATTERN})(?P<year>{ERA_YEAR_PATTERN})|(?P<greg>[0-9]{{4}}))(?:年度?)?$")


def parse_fiscal_year(text: str | int) -> int:
    """年度 as a Gregorian start year: `令和2年度` → 2020 (2020-04-01 to 2021-03-31)."""
    if isinstance(text, int):
        return text
    s = re.sub(r"\s+", "", squeeze(text))
    m = _FISCAL.match(s)
    if not m:
        raise ValueError(f"'{text}' is not a fiscal year (expected 令和2年度 or 2020)")
    if m["greg"]:
        return int(m["greg"])
    era = _ERA_BY_NAME[m["era"]]
    year = era.gregorian_year(parse_number(m["year"]))
    # A fiscal year belongs to an era if any of its days does.
    if era.end is not None and date(year, 4, 1) > era.end:
        raise ValueError(f"'{text}' cannot exist: {era.name} ended on {era.end.isoformat()}")
    if date(year + 1, 3, 31) < era.start:
        raise ValueError(f"'{text}' cannot exist: {era.name} began on {era.start.isoformat()}")
    return year


def fiscal_year_label(year: int) -> str:
    """令和2年度（2020年度）: the 和暦 first, the Gregorian year beside it (as PartialDate.wareki).

    The era is the one in force on 1 May: 2019年度 began under 平成 but is called 令和元年度,
    while 1988年度 (which ended under 平成) is 昭和63年度.
    """
    return f"{fiscal_year_era_text(year)}（{year}年度）"


# --- Times --------------------------------------------------------------------------------

_TIME_24 = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
_TIME_JA = re.compile(r"^(?P<ampm>午前|午後)?(?P<h>[0-9]{1,2})時(?:(?P<m>[0-9]{1,2})分|(?P<half>半))?$")


def parse_time(text: str | int) -> str:
    """`10:00`, `午前10時00分`, `午後0時19分` (= 12:19), `14時半` → `HH:MM`."""
    if isinstance(text, int):  # YAML 1.1 reads 10:00 unquoted as sexagesimal 600
        text = f"{text // 60}:{text % 60:02d}"
    s = re.sub(r"\s+", "", squeeze(text))
    if m := _TIME_24.match(s):
        h, mi = int(m[1]), int(m[2])
    elif m := _TIME_JA.match(s):
        h = int(m["h"])
        mi = 30 if m["half"] else int(m["m"] or 0)
        if m["ampm"] == "午前" and h == 12:
            raise ValueError(f"'{text}' is ambiguous ({m['ampm']}12時 is read as noon by some and as midnight "
                             "by others: write 12:30 or 0:30)")
        if m["ampm"] and h > 12:
            raise ValueError(f"'{text}' is not a time ({m['ampm']} goes up to 12時)")
        if m["ampm"] == "午後" and h < 12:
            h += 12
    else:
        raise ValueError(f"'{text}' is not a time (expected 10:00 or 午前10時00分)")
    if not (0 <= h <= 23 and 0 <= mi <= 59):
        raise ValueError(f"'{text}' is not a time")
    return f"{h:02d}:{mi:02d}"


# --- The era table for the search page ----------------------------------------------------

ERAS_JS = "theme/assets/search/eras.js"


def eras_js() -> str:
    """The era table as the search page's JavaScript module (ERAS_JS): the browser reads
    和暦 from the same table as the generator. tests/test_japanese.py checks the file is this."""
    rows = "\n".join(
        f'  {{ name: "{era.name}", letter: "{era.letter}", start: "{era.start.isoformat()}", '
        f'end: {f"{chr(34)}{era.end.isoformat()}{chr(34)}" if era.end else "null"} }},'
        for era in ERAS)
    return ("// Generated from generator/model/japanese.py (ERAS) by `python -m generator schema`;\n"
            "// do not edit: a test checks that this file is what the generator writes.\n"
            f"export const ERAS = [\n{rows}\n];\n")


# --- 和暦 as documents print it (scripts/synth writes dates the way secretariats do) ---------


def era_of_partial(pd: PartialDate) -> Era:
    """The era a date is written in at its precision, as PartialDate.wareki chooses it: a day's
    own, a month's on its first day, a year alone the one at its end (2019 is 令和元年)."""
    if pd.month and pd.earliest() >= ERAS[-1].start:
        return era_of(pd.earliest())
    return era_of(_latest(pd))


def fiscal_year_era(year: int) -> Era:
    """The era a 年度 is named in: the one in force on 1 May (as in fiscal_year_label)."""
    return era_of(date(year, 5, 1))


def fiscal_year_era_text(year: int) -> str:
    """令和2年度, 令和元年度: the 年度 in 和暦 alone, as documents print it (fiscal_year_label adds
    the Gregorian year)."""
    return f"{era_year_label(fiscal_year_era(year), year)[:-1]}年度"
