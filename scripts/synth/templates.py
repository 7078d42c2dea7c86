"""The real content cut into templates: literals and slots a file fills in."""

from __future__ import annotations

# The word pools are written as the sources list them, separated by spaces: """佐藤 鈴木 …""".split().
# ruff: noqa: SIM905
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .dates import DOCUMENT_ERAS, era_year
from .vocabulary import TEXT_SINCE

# --- The real content, cut into templates -----------------------------------------------------
#
# A template is a tuple of literal strings and slots (kind, payload). Slots are what a file
# substitutes: case numbers, dates (shifted with the file's own date, in the right era), the
# council, the ward, departments, systems, numbers and people. Citing phrases of the real
# documents are cut out: the plan decides which citations a file makes.

COUNCIL_NAMES = ["江戸川区情報公開及び個人情報保護審査会", "足立区情報公開・個人情報保護審議会",
                 "新宿区情報公開・個人情報保護審議会"]
SEED_WARDS = ["江戸川区", "足立区", "新宿区"]
SEED_PEOPLE = sorted({s for s in """川合 粉川 松井 面川 水町 安江 坂田 鈴木 宮崎 那須 山根 三品 榎本 大久保
江川 阿部 山岸 廣瀬 長谷川 小山 豊田 高橋 手島 栗木 神山 須藤 北澤 吉尾 町田 吉村 網野 田巻 馬場 平田
齊藤 斉藤 黒澤 堀越 いいくら にたない 石毛 ぬかが""".split()}, key=len, reverse=True)
DEPT_STOP = {"担当課", "主管課", "所管課", "関係課", "各所管課", "保有課", "担当部課", "各課", "当該課",
             "関係所管課", "所管の課", "部課"}
COUNTERS = r"件|名|人|所|か所|ヶ所|円|台|回|世帯|校|園|施設|ページ|万|千|％|%|日間|時間|枚|通|週|か月|ヶ月"
TITLE_MARK = "\x00T\x00"
TOKEN = re.compile(
    r"(?P<title>\x00T\x00)"
    rf"|(?P<caseno>諮問第\s*\d+\s*号|(?:{DOCUMENT_ERAS})\s*(?:元|\d{{1,2}})\s*年度\s*第\s*\d+\s*号\s*議案)"
    rf"|(?P<date>(?:{DOCUMENT_ERAS})\s*(?:元|\d{{1,2}})\s*年(?:\s*度)?(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?)"
    rf"|(?P<council>{'|'.join(map(re.escape, COUNCIL_NAMES))})"
    rf"|(?P<ward>{'|'.join(SEED_WARDS)})"
    r"|(?P<dept>(?:[\u4e00-\u9fff]{1,6}部)?[\u4e00-\u9fffァ-ヴー・]{2,10}課(?!題|税|程|金))"
    r"|(?P<sys>[ァ-ヴー・\u4e00-\u9fff]{2,14}システム(?!課))"
    rf"|(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?=\s*(?:{COUNTERS}))"
    rf"|(?P<person>{'|'.join(SEED_PEOPLE)})"
    r"|(?P<vendor>(?:(?<=事業者名</th><td>)|(?<=法人名 ))(?:特定非営利法人 |特定非営利活動法人 )?[^<\s]+"
    r"(?: [A-Za-z][^<\s]*)?"
    r"|(?:株式会社|有限会社|社会福祉法人|特定非営利活動法人)[ァ-ヴーA-Za-z0-9・\u4e00-\u9fff]{2,16}"
    r"|[ァ-ヴーA-Za-z0-9・]{2,16}株式会社|女性ネット Saya-Saya|アウェア)"
    r"|(?P<address>(?:東京都)?\S{1,4}区\S{1,6}?\s?\d+\s?(?:丁目\s?\d+\s?番\s?\d+\s?号|-\s?\d+\s?-\s?\d+)"
    r"(?: \S+ビル\S*)?)"
    r"|(?P<rep>(?:(?<=代表取締役社長 )|(?<=代表取締役 )|(?<=代表理事 )|(?<=代表者 ))\S{1,4} \S{1,4})"

)
KANJI_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def topical_compounds(content: Path) -> set[str]:
    counts: dict[str, int] = {}
    for path in sorted(content.glob("*/*/*.md")):
        for m in re.finditer(r"[\u4e00-\u9fff]{4,}", path.read_text(encoding="utf-8")):
            counts[m[0]] = counts.get(m[0], 0) + 1
    return {w for w, n in counts.items() if n <= 2}


KANJI_KEEP = re.compile(r"条例|法|条|項|号|審議会|審査会|個人情報|区長|委員|会長|課|部|年度|諮問|答申|承認|了承|"
                        r"[及並又等各全第以当]|公共団体|総務省|東京都|住民基本台帳|都道府県|市町村|電子計算|"
                        r"本日|次回|前回|今回|事務局")
DATE_PARTS = re.compile(rf"({DOCUMENT_ERAS})\s*(元|\d+)\s*年(\s*度)?(?:\s*(\d+)\s*月(?:\s*(\d+)\s*日)?)?")
CITING = [  # the real documents' own citing phrases: cut out, the plan adds its own
    re.compile(rf"<p>\s*(?:※\s*)?(?:(?:{DOCUMENT_ERAS})\s*(?:元|\d+)\s*年\s*\d+\s*月[、及びと]*)+に?諮問答申済み[^<]*</p>"),
    re.compile(rf"(?:※\s*)?(?:(?:{DOCUMENT_ERAS})\s*(?:元|\d+)\s*年\s*\d+\s*月[、及びと]*)+に?諮問答申済み。?"),
    re.compile(r"\[\^\d+\]"),
    re.compile(r"<p>\s*</p>\s*"),
]
CITING_SENTENCE = re.compile(r"[^。]*諮問第\s*\d+\s*号\s*(?:により|で)ご承認[^。]*。")
BRACKETS_OPEN, BRACKETS_CLOSE = "（「(『【", "）」)』】"


def split_sentences(text: str, depth: int = 0) -> tuple[list[str], int]:
    """Pieces ending at a 。 outside brackets (「…という。」 does not end a sentence); the last
    piece may be unfinished. Returns the pieces and the bracket depth at the end."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in BRACKETS_OPEN:
            depth += 1
        elif ch in BRACKETS_CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            out.append(text[start:i + 1])
            start = i + 1
    out.append(text[start:])
    return out, depth


ENUMERATED = re.compile(r"^(?:[0-9０-９]+\s|\(\d+\)|（\d+）|[ア-ン]\s|[一二三四五六七八九十]+\s|※|・)")


def templ(text: str, ref: date, topical: Collection[str] = frozenset()) -> tuple:
    """Cut a text into literals and slots; `ref` is the date the text was written.

    Compounds that are `topical` (rare in the real content: the matter of one case, not the
    vocabulary of every case) become slots that get a new head in each file; the others keep their
    words, and so do compounds that name institutions, laws and procedures. Boilerplate (laws,
    contract clauses, forms) is cut with no topical compounds: it keeps its own."""
    parts: list = []
    pos = 0
    for m in TOKEN.finditer(text):
        if m.start() < pos:
            continue
        kind, s = m.lastgroup, m.group()
        payload: object = s
        end = m.end()
        if kind == "dept" and (s in DEPT_STOP or s.endswith("部課")):
            continue
        if kind == "caseno":
            spaced = " " in s
            title = False
            j = end
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j] == "「":  # 諮問第480号「…」: the title goes with the number
                depth, k = 0, j
                while k < len(text):
                    depth += {"「": 1, "」": -1}.get(text[k], 0)
                    k += 1
                    if depth == 0:
                        break
                title, end = True, k
            payload = (spaced, title)
        elif kind == "date":
            d = DATE_PARTS.match(s)
            assert d is not None  # the date token is one
            y = era_year(d[1], d[2])
            month, day = (int(d[4]) if d[4] else None), (int(d[5]) if d[5] else None)
            precision = "day" if day else "month" if month else "year"
            if (month and not 1 <= month <= 12) or (day and not 1 <= day <= 28):
                continue
            delta = (y * 12 + (month or ref.month)) - (ref.year * 12 + ref.month)
            payload = (delta, precision, " " in s, bool(d[3]), y, month or 1, day or 1)
        parts.append(text[pos:m.start()])
        parts.append((kind, payload))
        pos = end
    parts.append(text[pos:])
    # then the topical compounds of what is left (names of wards, departments … came first)
    split: list = []
    for p in parts:
        if not isinstance(p, str):
            split.append(p)
            continue
        at = 0
        for m in KANJI_RUN.finditer(p) if topical else ():
            if m[0] in topical and not KANJI_KEEP.search(m[0]):
                split += [p[at:m.start()], ("kanji", m[0])]
                at = m.end()
        split.append(p[at:])
    out: list = []
    for p in split:
        if isinstance(p, str):
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += p
                continue
        out.append(p)
    return tuple(out)


def strip_citing(text: str) -> str:
    for rx in CITING:
        text = rx.sub("", text)
    return CITING_SENTENCE.sub("", text)


def split_front(path: Path) -> tuple[dict, str]:
    import yaml
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n?(.*)\Z", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m[1]) or {}, m[2]


def blocks_of(body: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", body) if b.strip()]


ROW = re.compile(r'^<tr><th scope="row">(?P<th>.*?)</th>(?P<rest>.*)</tr>$')
ROW_GROUPS = ["委託", "結合", "提供", "記録", "開発", "対策", "管理", "対象", "内容", "目的", "時期",
              "理由", "方法", "項目"]


def row_group(th: str) -> str:
    return next((g for g in ROW_GROUPS if g in th), "other")


@dataclass
class Table:
    head: str                     # <table>… up to the first row
    rows: list                    # (group, template)
    tail: str


@dataclass
class Turn:
    role: str                     # chair, member, sec (secretariat), dept
    label: str                    # as in the real minutes
    paras: list                   # templates


def since(x) -> int:
    """The first fiscal year a template fits (by the dated words it contains)."""
    if isinstance(x, list):
        return max((since(y) for y in x), default=0)
    text = flat(x)
    return max((v for k, v in TEXT_SINCE.items() if k in text), default=0)


def flat(tpl: tuple) -> str:
    return "".join(p if isinstance(p, str) else "" for p in tpl)


def sentences_of(tpl: tuple) -> list:
    """A template split at 。 (slots stay with their sentence)."""
    out, cur, depth = [], [], 0
    for p in tpl:
        if isinstance(p, str):
            pieces, depth = split_sentences(p, depth)
            for i, piece in enumerate(pieces):
                if piece:
                    cur.append(piece)
                if i < len(pieces) - 1 and cur:
                    out.append(tuple(cur))
                    cur = []
        else:
            cur.append(p)
    if cur:
        out.append(tuple(cur))
    return [s for s in out if len(flat(s)) > 10]
