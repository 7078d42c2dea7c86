"""The header of a meeting record: labelled fields, whatever the layout.

Records put the same facts in many shapes, and PDF extraction pads them with spaces, not tabs:

    日時<TAB>令和5年7月10日           label and value on one line (TAB, colon, spaces)
    日時 / (blank) / 令和4年11月8日 / 午後2時から   the value on the next line(s)
    1 日時：…  1.日時…  (1)日時…      numbered
    ◇日時 …  ■場所 …                 marked
    | 日時 | 令和6年1月23日 |            a pipe table

A label is one of a known set (日時, 開催日時, 場所, 出席委員, 傍聴者数 …), spaces inside it allowed
(「日　時」); a line continues the field above until the next label. The header ends where the
minutes begin (審議経過, 審議等の内容, 1 開会, the first speaker turn).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..japanese import parse_time
from . import fields

# field → the labels records use for it (longest first when matching).
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("会議名", "会議の名称", "名称", "審議会名"),
    "date": ("開催日時", "開催年月日", "開催日", "日時", "日程", "開催日程"),
    "time": ("開催時間", "時間"),
    "place": ("開催場所", "場所", "会場"),
    "present": ("出席者", "出席委員", "出席者名", "出席"),
    "absent": ("欠席者", "欠席委員", "欠席"),
    "secretariat": ("事務局",),
    "explainers": ("説明者", "出席職員", "説明員", "関係職員"),
    "observers": ("傍聴者の数", "傍聴者数", "傍聴人数", "傍聴人", "傍聴者"),
    "access": ("会議の公開・非公開", "公開・非公開", "会議の公開", "公開の可否", "公開・非公開の別",
               "会議の公開の可否"),
    "agenda": ("会議の議題", "議題", "議事", "会議次第", "次第", "案件", "議事日程"),
    "materials": ("配付資料", "配布資料", "会議資料", "資料"),
}
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_LABEL_RE = "|".join(r"[ \u3000]*".join(map(re.escape, label))
                     for label in sorted(_BY_LABEL, key=len, reverse=True))
# A list number or mark before a label: 1 / 1. / (1) / 一、 / ◇ / ■ / ・
_MARK = r"(?:[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．、)）]?|[一二三四五六七八九十]+\s*[、.．]|[◇◆■□●・○])?"
_LINE = re.compile(rf"^[ \t\u3000]*\|?[ \t\u3000]*{_MARK}[ \t\u3000]*[【\[〔<＜]?(?P<label>{_LABEL_RE})[】\]〕>＞]?"
                   rf"(?:[ \t\u3000]*[:：|\t][ \t\u3000]*|[ \u3000]+|$)(?P<value>.*?)[ \t\u3000|]*$")

# Where the minutes begin: a heading of their own, or the opening.
_MINUTES_HEADINGS = ("審議経過", "議事経過", "審議の経過", "会議経過", "議事の経過", "審議等の内容", "審議内容",
                     "議事内容", "会議内容", "会議の内容", "議事の内容", "審議の内容", "発言要旨", "議事要旨",
                     "審議の概要", "会議の概要", "議事録", "会議録本文", "発言内容", "会議の経過", "内容")
MINUTES_START = re.compile(
    r"^[(（【〈<＜■◇●]?\s*(?:" + "|".join(_MINUTES_HEADINGS) + r")\s*[)）】〉>＞]?$")
_OPENING = re.compile(r"^(?:[(（]?[0-9０-９]+[)）.．、]?\s*)?開\s*会(?:\s*[(（].*[)）])?$|^(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?\s*開会$")


_PEOPLE = {"present", "absent", "secretariat", "explainers"}


@dataclass
class Field:
    label: str
    line: int                      # 1-based line in the source
    values: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(v for v in self.values if v.strip())


@dataclass
class Header:
    fields: dict[str, Field]
    title_lines: list[str]         # lines before the first label (the record's title)
    end: int                       # index of the first line of the minutes

    def get(self, name: str) -> str:
        f = self.fields.get(name)
        return f.text if f else ""

    def line(self, name: str) -> int | None:
        f = self.fields.get(name)
        return f.line if f else None


def label_of(line: str) -> tuple[str, str] | None:
    """(field, value) when the line starts a labelled field."""
    if re.fullmatch(r"[\s|:\-]*", line):
        return None
    m = _LINE.match(line)
    if not m:
        return None
    label = re.sub(r"[ \u3000]+", "", m["label"])
    value = m["value"].strip()
    if value.startswith("|"):
        value = value.strip("| ")
    value = re.sub(r"[ \t\u3000]*\|[ \t\u3000]*", " ", value)
    return _BY_LABEL[label], value


def is_minutes_start(line: str) -> bool:
    s = fields.flat(line).strip("#*")
    return bool(MINUTES_START.match(s) or _OPENING.match(s))


def read(lines: list[str], is_turn) -> Header:
    """The header fields of a record (nothing is read past the start of the minutes)."""
    found: dict[str, Field] = {}
    title: list[str] = []
    current: Field | None = None
    end = len(lines)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        hit = label_of(line)
        # A name alone (「松本委員」) continues a list of people; elsewhere it opens a turn.
        lone = current is not None and current.label in _PEOPLE and not re.search(r"[○◯〇(（<＜〈]", line)
        if hit is None and ((is_turn(line) and not lone) or (found and is_minutes_start(line))) \
                and (found or i > 0):
            end = i
            break
        if hit is not None and not (current is not None and hit[0] == current.label and not hit[1]):
            name, value = hit
            if name in found:  # a label seen again: a later part of the document
                end = i
                break
            current = found.setdefault(name, Field(name, i + 1))
            if value:
                current.values.append(value)
            continue
        if current is None:
            title.append(line.strip())
        else:
            current.values.append(line.strip())
    return Header(found, title, end)


# --- Values ---------------------------------------------------------------------------------

_ERA = r"(?:令和|平成|昭和)"
_DATE = re.compile(rf"{_ERA}\s*(?:\d+|元)\s*年\s*\d+\s*月\s*\d+\s*日|\d{{4}}\s*年\s*\d+\s*月\s*\d+\s*日")
_TIME = re.compile(r"(?:午前|午後)?\s*\d{1,2}\s*時\s*(?:\d{1,2}\s*分|半)?|\d{1,2}:\d{2}")


def date_and_times(text: str) -> tuple[str | None, str | None, str | None]:
    """(date, start, end) as written: 「令和4年11月8日(火曜日) 午後2時00分から午後3時45分まで」."""
    s = fields.squeeze(text)
    d = _DATE.search(s)
    when = fields.flat(d[0]) if d else None
    rest = s[d.end():] if d else s
    times = [fields.flat(t[0]) for t in _TIME.finditer(rest)]
    ok = []
    for t in times[:2]:
        try:
            parse_time(t)
            ok.append(t)
        except ValueError:
            break
    start = ok[0] if ok else None
    end = ok[1] if len(ok) == 2 and re.search(r"から|～|〜|~|－|-|―|ー|より", rest) else None
    return when, start, end


def observers(text: str) -> int | None:
    """傍聴者数 0人 / 傍聴人 3人 / 傍聴者の数 0名 / なし → the number; None when not stated."""
    s = fields.flat(text)
    if m := re.search(r"(\d+)(?:人|名)", s):
        return int(m[1])
    if re.fullmatch(r"(?:傍聴者?|傍聴人)?(?:なし|無し|0)", s) or "傍聴者なし" in s or "傍聴人なし" in s:
        return 0
    return None


def access(text: str) -> tuple[str | None, str | None]:
    """(公開 / 非公開 / 一部非公開, reason): 「公開」, 「公開(傍聴者なし)」,
    「…のため、…により非公開」, 「一部非公開（理由）」. (None, None) when not stated."""
    s = fields.flat(text)
    if not s:
        return None, None
    for state in ("一部非公開", "非公開"):
        if state in s:
            before, _, after = s.partition(state)
            before = re.sub(r"(?:により|によって|のため)$", "", before.strip("（()）:：、,。 "))
            after = after.strip("（()）:：、,。 ")
            return state, (before or after or None)
    if s.startswith("公開"):
        return "公開", None
    return None, None
