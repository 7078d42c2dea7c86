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

from ..model.japanese import parse_number, parse_time
from . import fields

# field → the labels records use for it (longest first when matching).
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("会議名", "会議の名称", "名称", "審議会名", "審議会等名称"),
    "date": ("会議開催日時", "招集日時", "開催日時", "開催年月日", "開催日", "日時", "日程", "開催日程", "開催の日時"),
    "time": ("開催時間", "時間"),
    "place": ("会議開催場所", "招集場所", "開催場所", "場所", "会場"),
    "present": ("出席者", "出席委員", "出席者名", "出席委員氏名", "出席者氏名", "出席", "出 席 委 員"),
    "absent": ("欠席者", "欠席委員", "欠席"),
    "secretariat": ("事務局", "事務局等出席者", "事務局出席者", "事務局職員出席者", "議会事務局出席者", "会議主管課",
                    "議会事務局"),
    "explainers": ("説明者", "出席職員", "委員外出席者", "説明のため出席した者", "理事者側出席者", "説明員", "関係職員", "説明のために出席した職員",
                   "説明のため出席した職員", "諮問及び案件関係部署", "市執行部", "執行部", "関係者"),
    "observers": ("傍聴者の数", "傍聴人の数", "傍聴者数", "傍聴人数", "傍聴人", "傍聴者"),
    "access": ("会議の公開・非公開の別", "会議の公開・非公開", "公開・非公開", "会議の公開", "公開の可否", "公開・非公開の別",
               "会議の公開の可否", "公開または非公開の別", "公開又は非公開の別"),
    # 「非公開の理由」: a row of its own in a result table (empty when the meeting was open)
    "access_reason": ("非公開の理由", "非公開理由"),
    "agenda": ("会議の議題", "議題", "議事", "会議次第", "次第", "案件", "議事日程", "本日の会議に付した事件",
               "会議に付した事件", "付議事件", "本日審査した案件", "審査した案件"),
    "materials": ("配付資料", "配布資料", "会議資料", "資料", "会議資料一覧"),
    "next": ("次回開催予定日", "次回開催予定", "次回開催日"),
    # Page furniture of municipal sites: read so that it ends the field above, never a value.
    "furniture": ("所属名、担当者名", "所属名", "担当者名", "掲載形式", "議事概要とした理由", "問い合わせ先",
                  "情報発信元", "電話番号", "ファックス番号"),
}
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_LABEL_RE = "|".join(r"[ \u3000]*".join(map(re.escape, label))
                     for label in sorted(_BY_LABEL, key=len, reverse=True))
# A list number or mark before a label: 1 / 1. / (1) / 一、 / ◇ / ■ / ・
_MARK = r"(?:[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．、)）]?|[一二三四五六七八九十]+\s*[、.．]|[◇◆■□●・○◯〇※])?"
# A note after a label is not its value: 「出席者【会長・副会長等】」「出席者（敬称略）」.
_LABEL_NOTE = (r"(?:[【(（][^】)）\n]{0,12}(?:等|略|順|順不同)[】)）]|[(（][0-9０-９]+[人名][)）]"
               r"|[(（](?:担当課|事業課|所管課|主管課|関係課|担当部課)[)）])?")  # 「関係者(事業課):」
_LINE = re.compile(rf"^[ \t\u3000]*\|?[ \t\u3000]*{_MARK}[ \t\u3000]*[【\[〔<＜]?(?P<label>{_LABEL_RE})[】\]〕>＞]?"
                   rf"{_LABEL_NOTE}(?:[ \t\u3000]*[:：|\t][ \t\u3000]*|[ \u3000]+|$)(?P<value>.*?)[ \t\u3000|]*$")

# Where the minutes begin: a heading of their own, or the opening.
_MINUTES_HEADINGS = ("審議経過", "議事経過", "審議の経過", "会議経過", "議事の経過", "審議等の内容", "審議内容",
                     "議事内容", "会議内容", "会議の内容", "議事の内容", "審議の内容", "発言要旨", "議事要旨",
                     "審議の概要", "会議の概要", "議事録", "会議録本文", "発言内容", "会議の経過", "内容",
                     "会議の結果", "会議結果", "審議結果", "会議記録", "議事の概要", "議事概要",
                     "審議(会議)経過", "審議（会議）経過", "審議(会議)結果", "審議（会議）結果", "議事")
# A heading may carry a number and a note: 「6 議事(要旨)」「審議内容(以下、概略)」, and say what
# else it holds: 「5.議事経過と結果」「審議の経過及び結果」.
MINUTES_START = re.compile(
    r"^[(（【〈<＜■◇●\[]?\s*(?:[0-9０-９]+\s*[.．、]?\s*)?(?:" + "|".join(map(re.escape, _MINUTES_HEADINGS))
    + r")(?:(?:と|及び|および|並びに|・)(?:結果|概要|要旨|内容))?\s*[)）】〉>＞\]]?(?:\s*[(（][^()（）]{1,12}[)）])?$")
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
    if _BY_LABEL[label] in ("secretariat", "explainers") and re.match(r"^[ \t\u3000]*[○◯〇]", line) \
            and "。" in value:
        return None  # 「〇事務局 本日の進行について説明いたします。」: a speaker turn, not a header row
    if value.startswith("|"):
        value = value.strip("| ")
    value = re.sub(r"[ \t\u3000]*\|[ \t\u3000]*", " ", value)
    return _BY_LABEL[label], value


def is_minutes_start(line: str) -> bool:
    s = fields.flat(line).strip("#*|").strip()  # 「審議(会議)結果 |」: a pipe table's label cell
    return bool(MINUTES_START.match(s) or _OPENING.match(s))


def read(lines: list[str], is_turn) -> Header:
    """The header fields of a record (nothing is read past the start of the minutes)."""
    found: dict[str, Field] = {}
    title: list[str] = []
    current: Field | None = None
    end = len(lines)
    for i, line in enumerate(lines):
        if not line.strip() or re.fullmatch(r"[\s|:\-]*", line):
            continue  # blank, or a pipe table's rule (---|---|) or empty cell (|)
        hit = label_of(line)
        # A name alone (「松本委員」) continues a list of people; elsewhere it opens a turn. So does
        # a group of the list, its label in brackets (「(事務局)A局長、B次長」: names, no sentence).
        lone = current is not None and current.label in _PEOPLE and (
            not re.search(r"[○◯〇(（<＜〈)）]", line) or bool(_GROUP_IN_LIST.match(line)))
        if current is not None and current.label == "agenda" and _restarts(current.values, line) \
                and (found or i > 0):
            end = i  # 「(1)会長選出」 again after 「(6)その他」: the minutes' sections, without a heading
            break
        # 「【竹島審議室長】内閣内政審議室長の竹島でございます。…」: a turn, its label in 【】 (a label
        # 【会長】 before a name is not: no sentence follows it)
        spoken = (m := _SPOKEN.match(line)) is not None and (
            is_turn(f"({m[1]})") or bool(re.search(r"(?:官|長|委員|座長)$", m[1])))
        if hit is None and ((is_turn(line) and not lone) or spoken or (found and is_minutes_start(line))) \
                and (found or i > 0):
            end = i
            break
        # 「配布資料 / 1. 次第 / 2. …」: a numbered line in a list of materials is a material, even
        # when its words are a label's.
        if hit is not None and current is not None and current.label == "materials" \
                and re.match(r"^[ \t\u3000]*[0-9０-９]+[.．、)）]", line):
            hit = None
        if hit is not None and not (current is not None and hit[0] == current.label and not hit[1]):
            name, value = hit
            if name in found and found[name].values[:1] == [value]:
                continue  # a row printed again at the top of a page (a table's header row): the field above goes on
            if name == "agenda" and name in found and date_and_times(found[name].text)[0]:
                # 「○議事日程 / 平成17年11月21日議会運営委員会(検討会)」 was the page's heading;
                # the list comes under the label seen now (「〇本日審査した案件」)
                del found[name]
            if name in found and not found[name].values and next(iter(found)) == name:
                del found[name]  # 「次第」 over 「1. 日時 … 4. 議事」: a heading, the list is under 議事
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
            current.values.append(re.sub(r"[ \t\u3000]*\|$", "", line.strip()))  # a pipe table's cell end
    return Header(found, title, end)


_SPOKEN = re.compile(r"^[ \t\u3000]*【([^】]{1,20})】[ \u3000]*\S[^\n]*。")
_GROUP_IN_LIST = re.compile(r"^[ \t\u3000]*[(（][^()（）、。]{1,8}[)）][ \t\u3000]*[^\s。]+[、，,][^。]*$")
_NUMBERED = re.compile(r"^[ \t\u3000]*(?:(?P<paren>[(（]\s*[0-9０-９]+\s*[)）])|(?P<dot>[0-9０-９]+\s*[.．、]))")


def _number(line: str) -> tuple[str, int] | None:
    """(style, number) of a line numbered 「(3)」 or 「3.」."""
    if not (m := _NUMBERED.match(line)):
        return None
    style = "paren" if m["paren"] else "dot"
    return style, int(re.sub(r"\D", "", fields.flat(m[0])))


def _restarts(values: list[str], line: str) -> bool:
    """A list numbered (1)…(6) whose numbering starts again at (1), right after its last number:
    the same items as the minutes' section headings, not more items."""
    here = _number(line)
    if here is None or here[1] != 1:
        return False
    numbered = [n for v in values if (n := _number(v)) is not None]
    if not numbered or numbered[0][0] != here[0] or max(n for st, n in numbered if st == here[0]) < 2:
        return False
    last = _number(next((v for v in reversed(values) if v.strip()), ""))
    return last is not None and last[0] == here[0]


# --- Values ---------------------------------------------------------------------------------

_ERA = fields.ERA
_K = r"[〇一二三四五六七八九十]"  # kanji numerals: 「平成十五年十二月十七日」「午後三時十三分」
_DATE = re.compile(rf"{_ERA}\s*(?:\d+|元|{_K}{{1,3}})\s*年\s*(?:\d+|{_K}{{1,3}})\s*月\s*(?:\d+|{_K}{{1,3}})\s*日"
                   rf"|\d{{4}}\s*年\s*\d+\s*月\s*\d+\s*日")
_TIME = re.compile(rf"(?:午前|午後)?\s*(?:(?:\d{{1,2}}|{_K}{{1,3}})\s*時\s*(?:(?:\d{{1,2}}|{_K}{{1,3}})\s*分|半)?"
                   rf"|\d{{1,2}}:\d{{2}})|正午")
_DATE_NOTE = re.compile(r"(?:最終)?(?:更新|公開|掲載)日?\s*[:：]?\s*$")


def _clock(text: str, ampm: str | None) -> str | None:
    """One time as written, 午前/午後 carried from the start when the end omits it
    (「午後3時~5時」 ends at 17:00, 「午後3:30~4:25」 at 16:25); 正午 is 12:00."""
    t = re.sub(rf"{_K}+", lambda k: str(parse_number(k[0])), fields.flat(text))
    if t == "正午":
        return "12時00分"
    m = re.match(r"(午前|午後)?(\d{1,2}):(\d{2})$", t)
    if m:
        t = f"{m[1] or ''}{m[2]}時{m[3]}分"
    hour = re.match(r"\d+", t)
    if ampm and hour and int(hour[0]) < 12:
        t = ampm + t
    try:
        parse_time(t)
    except ValueError:
        return None
    return t


def date_and_times(text: str) -> tuple[str | None, str | None, str | None]:
    """(date, start, end) as written: 「令和4年11月8日(火曜日) 午後2時00分から午後3時45分まで」.
    A date after 更新日 / 公開日 / 掲載日 is the page's, not the meeting's."""
    s = fields.squeeze(text)
    d = next((m for m in _DATE.finditer(s) if not _DATE_NOTE.search(s[:m.start()].split("\n")[-1])), None)
    when = fields.flat(d[0]) if d else None
    rest = s[d.end():] if d else s
    if d is None and _DATE.search(s):
        return None, None, None  # only a page's date: no times either
    times = [t[0] for t in _TIME.finditer(rest)]
    ok: list[str] = []
    ampm = None
    for t in times[:2]:
        clock = _clock(t, ampm)
        if clock is None:
            break
        ampm = ampm or (m[0] if (m := re.match(r"午前|午後", clock)) else None)
        ok.append(clock)
    start = ok[0] if ok else None
    end = ok[1] if len(ok) == 2 and re.search(r"から|～|〜|~|－|-|―|ー|より|－|閉会|終了|散会", rest) else None
    if start and end and _minutes(end) <= _minutes(start):
        end = None  # an end before the start is not one the record states
    return when, start, end


def _minutes(t: str) -> int:
    h, m = parse_time(t).split(":")
    return int(h) * 60 + int(m)


def observers(text: str) -> int | None:
    """傍聴者数 0人 / 傍聴人 3人 / 傍聴者の数 0名 / なし → the number; None when not stated."""
    s = fields.flat(text)
    if m := re.search(r"(\d+)(?:人|名)", s):
        return int(m[1])
    if re.fullmatch(r"(?:傍聴者?|傍聴人)?(?:なし|無し|0)", s) or "傍聴者なし" in s or "傍聴人なし" in s:
        return 0
    return None


def closed_items(text: str) -> list[int]:
    """The agenda numbers a partly closed meeting closed: 「ただし議題(4)については非公開」 → [4]."""
    s = fields.flat(text)
    m = re.search(r"(?:議題|議事|案件)((?:[(（]?\d+[)）]?(?:[、・,及び]|および)?)+)(?:について|に係る部分)?は?非公開", s)
    return [int(n) for n in re.findall(r"\d+", m[1])] if m else []


def access(text: str) -> tuple[str | None, str | None]:
    """(公開 / 非公開 / 一部非公開, reason): 「公開」, 「公開(傍聴者なし)」,
    「…のため、…により非公開」, 「一部非公開（理由）」. (None, None) when not stated. A form's
    blank line (「(非公開の場合理由)」) is not a statement, and what follows 一部非公開 is a reason
    only when it reads as one (a closed item's title 「7 …について」 is not)."""
    s = fields.flat(text)
    s = re.sub(r"[(（]?非公開(?:の場合)?の?理由[)）]?[:：]?(?=\n|$)", "", s).strip()
    if not s:
        return None, None
    # 「公開 / ただし議題(4)については非公開 / (…条例第20条第1項第2号該当)」: partly closed.
    if m := re.match(r"^公開\s*(?:ただし|但し)?(?P<item>[^\n]*?)(?:は|を)?非公開\s*(?P<why>.*)$", s, re.S):
        why = m["why"].strip("（()）:：、,。 \n") or None
        return "一部非公開", why
    for state in ("一部非公開", "非公開"):
        if state in s:
            before, _, after = s.partition(state)
            before = re.sub(r"(?:により|によって|のため)$", "", before.strip("（()）:：、,。 "))
            after = after.strip("（()）:：、,。 ")
            if re.match(r"^[0-9]+|.*について(?:[(（].*[)）])?\|?$", after):
                after = ""
            if re.fullmatch(r"会議(?:は|を)?|", before):
                before = ""
            return state, (before or after or None)
    if s.startswith("公開"):
        return "公開", None
    return None, None
