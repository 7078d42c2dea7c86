"""The agenda field of a record (議題 / 会議次第) → items with their kind, title, number, department.

    （1）諮問事項 / ア 諮問第21号 窓口予約… / イ …     a category heading, its items below
    1. 答申書の確認 / 「…」について / [担当課:…]      a category heading, its subject on the next line
    ・…について                                       bullets: one item each
    東野市個人情報保護条例の一部改正について           one line: one item

    - (1)意見聴取 / - 宮崎県…について / - (2)議事 / - 諮問第75号の審議について
                                                      group headings between bulleted items
    (1)会長の選任 委員の互選により…。                  an item with what was done run on
    (4)…の運営について / ア … / イ …                   ア/イ under an item: its parts

The kind comes from the category heading (諮問事項 / 審議事項 → 諮問, 報告事項 → 報告, 答申書の確認 /
確認事項 → 確認事項) or, for an item alone, from its own words (a case number or 諮問 → 諮問,
報告 → 報告, approving a record → 確認事項). Otherwise it is not stated, and stays unknown (None):
never その他 by default. A heading that only groups (議事, 意見聴取, 協議事項, その他 …) is not
an item, and gives its items no kind. 「その他」 alone is not an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import fields

_MARK = re.compile(r"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、)）]?|[ア-ン][.．、)）]?|[・●○◎◇■□-]|[①-⑳])[ \u3000]*")
_DEPARTMENT = re.compile(r"^[\[［(（【]\s*(?:担当課|担当部課|所管課|主管課|担当)\s*[:：]\s*(.+?)\s*[\]］)）】]$")
_NUMBER = re.compile(rf"((?:{fields.ERA}(?:\d+|元)年度)?諮問第\d+号|{fields.ERA}(?:\d+|元)年度第\d+号議案?)")
_CATEGORIES = (("確認事項", r"確認事項|答申書?(?:案)?の確認|会議録の確認|要録の確認"),
               ("諮問", r"(?:新規)?諮問事項|審議事項|諮問案件"),
               ("報告", r"報告事項|報告案件"))


@dataclass
class Item:
    kind: str | None  # None: the document does not state it
    title: str
    number: str | None = None
    department: str | None = None
    access: str | None = None  # 公開 only where the item says so (「(公開審議)」)


# 「(公開審議)」「(非公開)」 after an item: its access, not part of its title. 非公開 needs a reason
# the item does not give, so only 公開 is kept (the closure stays for a person to complete).
_ACCESS_NOTE = re.compile(r"[(（](公開|非公開)(?:審議|審理|で審議)?[)）]$")
# A title that is whole: the next unmarked line is another item, not its continuation
# (「本日の会議に付した事件 / 学識経験者の選任について / 公文書開示等の実施状況について」).
_COMPLETE = re.compile(r"(?:について|の件|に関する件)(?:[(（][^()（）]*[)）]|【[^】]*】)?$")
_CONFIRM = re.compile(r"(?:会議録|議事録|要録|会議概要)(?:について|の確認|の承認)")


# A heading that groups items without giving them a kind: a generic word of the order of business,
# or any short 「…事項」 (協議事項, 連絡事項 …). Never a title (no について / の件).
_GROUPS = re.compile(r"議事|議題|審議|協議|意見聴取|その他|案件|報告等|議事等|(?:[^\s]{1,6})?事項")
_NO_KIND = "none"  # a group heading's kind: its items take only what their own words state


def _category(text: str) -> str | None:
    s = fields.flat(text)
    for kind, pattern in _CATEGORIES:
        if re.fullmatch(pattern, s):
            return kind
    if len(s) <= 8 and _GROUPS.fullmatch(s):
        return _NO_KIND
    return None


def is_group_heading(text: str) -> bool:
    """「議事」「(2)議事」「意見聴取」「協議事項」: a heading that groups items, not an item."""
    return _category(_strip_marks(text)) is not None


def _strip_marks(line: str) -> str:
    """「- (3)その他」 → 「その他」: every list mark before the words (a bullet, then a number)."""
    body = _MARK.sub("", line.strip(), count=1).strip()
    # A second mark only when it is a number (「- (3)」「・1.」): a katakana after a mark is a word
    # (「イ アンケート…」).
    while (m := _INNER_MARK.match(body)) and body[m.end():].strip():
        body = body[m.end():].strip()
    return body or line.strip()


_INNER_MARK = re.compile(r"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、)）]|[①-⑳])[ \u3000]*")


# 「委員全員(5名)出席(定足数3名)」「出席委員6名で会議は成立」: who attends, never an item of the agenda.
_ATTENDANCE = re.compile(r"定足数|会議(?:は|が)?成立|(?:全員|[0-9０-９]+\s*[名人])\s*(?:[(（][^()（）]*[)）])?\s*(?:が|の)?出席"
                         r"|出席(?:者|委員)?(?:数)?\s*[:：]?\s*[0-9０-９]+\s*[名人]|欠席(?:者|委員)?(?:は)?(?:なし|[0-9０-９]+\s*[名人])")


def is_attendance(text: str) -> bool:
    """A statement of who attends (a quorum, a head count): never an agenda item."""
    return bool(_ATTENDANCE.search(fields.flat(text)))


# The sections of a record, which a 審議結果 page may put under its 「議事」 label: 「(1)審議結果」
# 「(2)主な検討事項」「(1)提言案に関する意見等」「質疑応答」. Never the title of an item.
_RECORD_SECTION = re.compile(
    r"(?:審議|検討|協議|会議|議事)の?(?:結果|経過|概要)(?:等|及び\S{1,4})?"
    r"|主な(?:検討事項|意見|質疑|発言|論点|議論)等?"
    r"|(?:\S{1,40}(?:に関する|に対する|についての))?(?:委員の)?(?:意見|質疑|質問|発言)(?:等|・要望)?(?:の(?:概要|要旨))?"
    r"|質疑応答|意見交換の(?:概要|要旨)")
# A numbered entry that is a sentence (an opinion, what was done): 「1. …聞くべき。(必要によっては…。)」
# 「1文中、…精査が必要である。」.
_NUMBERED_ENTRY = re.compile(r"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、)）]?|[①-⑳])[ \u3000]*")
_SENTENCE = re.compile(r"。(?:[(（][^()（）]*[)）])?$|。(?=\S)")


def is_record(text: str) -> bool:
    """A 「議事」 value that gives the record, not the agenda: a line that is a section of the
    record (審議結果, 主な検討事項, …に関する意見等), or numbered entries that are sentences. The
    topics under such sections (「…について」) were discussed, not listed as items: no agenda is
    read from it (the agenda stays unknown rather than invented)."""
    for raw in text.split("\n"):
        line = raw.strip()
        words = _strip_marks(line)
        body = fields.flat(words)
        if not body:
            continue
        if _RECORD_SECTION.fullmatch(body):
            return True
        # (「(1)会長の選任 委員の互選により…。」 is an item, what was done run on after it)
        if _NUMBERED_ENTRY.match(line) and _SENTENCE.search(body) and not _RUN_ON.match(words):
            return True
    return False


def kind_of(text: str) -> str | None:
    """An item's kind from its own words: 確認事項 (a record to approve), 諮問, 報告; None when
    its words do not say (never その他 by default)."""
    return _own_kind(text)


def _own_kind(text: str) -> str | None:
    s = fields.flat(text)
    if _CONFIRM.search(s):
        return "確認事項"
    if _NUMBER.search(s) or re.search(r"[(（]諮問[)）]$|^諮問(?:事項)?[:：]", s):
        return "諮問"
    if re.search(r"[(（]報告[)）]$|^報告(?:事項)?[:：]|の報告(?:について|の件)?$", s):
        return "報告"
    return None


# 「(1)会長の選任 委員の互選により岡本委員が会長に選出され、…。」: the item, then what was done
# run on after a space. The title is what comes before.
_RUN_ON = re.compile(r"^(\S{2,60}?)[ \u3000]+(\S.*。)$")
_PART_MARK = re.compile(r"^[ア-ン①-⑳][.．、)）]?[ \u3000]")


# 「審議事項 「特定個人情報保護評価書の第三者点検について」」: a category heading and its one
# subject on one line.
_HEADING_AND_SUBJECT = re.compile(r"^([ \u3000]*)(\S{2,8})[ \u3000]+(「[^「」]+」|\S.*(?:について|の件))$")
_QUOTED = re.compile(r"^「([^「」]+)」$")


def _split_headings(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        if (m := _HEADING_AND_SUBJECT.match(raw)) and _category(m[2]) not in (None, _NO_KIND):
            out += [m[1] + m[2], m[1] + "  " + m[3]]
        else:
            out.append(raw)
    return out


def read(text: str) -> list[Item]:
    items: list[Item] = []
    items_lines: list[str] = []  # the line each item starts on, as written
    category: str | None = None
    category_indent = -1
    waiting_subject = False  # a category heading whose subject is the next unmarked line
    category_numbered = False  # the heading has a number: bulleted lines below are its items
    numbered_item = False    # the last numbered line was an item (not a heading): ア/イ are its parts
    for raw in _split_headings(text):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" \u3000"))
        line = raw.strip()
        if m := _DEPARTMENT.match(fields.squeeze(line)):
            if items:
                items[-1].department = fields.flat(m[1])
            continue
        if re.match(r"^[※*＊]", line):
            continue  # a note under the list (「*上記事案の調査審議は…」), not a title's continuation
        marked = bool(_MARK.match(line))
        body = _strip_marks(line)
        if not body or not re.search(r"[^\s\-・●○◎◇■□]", body):
            continue
        if (b := re.match(r"^[-・●][ \u3000]*", line)) and re.match(r"[(（]?[0-9０-９]+[)）.．、]", line[b.end():]):
            line = line[b.end():]  # 「- (2)議事」: a bullet before the number; the number is the mark
        if (m := _RUN_ON.match(body)) and not _COMPLETE.search(fields.flat(body)):
            body = m[1]  # the title; the sentence run on after it is the minutes'
        kind = _category(body)
        if kind is not None:
            category, category_indent, waiting_subject = kind, indent, True
            category_numbered, numbered_item = not line.startswith(("-", "・")), False
            if fields.flat(body) == "その他":
                category, waiting_subject = None, False
            continue
        if fields.flat(body) in ("閉会", "開会"):
            category, waiting_subject, numbered_item = None, False, False
            continue
        if numbered_item and _PART_MARK.match(line) and category is None:
            continue  # 「(4)…の運営について / ア … / イ …」: a part of the item, not another item
        sub = category is not None and (indent > category_indent or re.match(r"^[ア-ン①-⑳]", line)
                                        or not marked or (line.startswith(("-", "・")) and category_numbered))
        if not sub and marked:
            category = None
        number = (m[1] if (m := _NUMBER.search(fields.flat(body))) else None)
        title = fields.squeeze(body)
        if number:
            rest = re.sub(rf"^\s*(?:(?:{fields.ERA}\s*(?:\d+|元)\s*年度\s*)?諮問\s*第\s*\d+\s*号"
                          r"|\S+年度\s*第\s*\d+\s*号議案?)[ \u3000]*", "", title).strip()
            # 「諮問第75号の審議について」: the number is part of the title's words, kept
            title = rest if rest and not re.match(r"^(?:の|に|を|・|、|及び)", rest) else title
        title = re.sub(r"[ \u3000]+", "", title) if not re.search(r"[A-Za-z]", title) else title
        if m := _QUOTED.match(title):
            title = m[1]  # 「「…について」」 quoted whole under its heading: the quote marks are not the title's
        access = None
        if m := _ACCESS_NOTE.search(fields.flat(title)):
            access = "公開" if m[1] == "公開" else None
            title = _ACCESS_NOTE.sub("", fields.flat(title)).strip()
        if not marked and items and fields.flat(title) in fields.flat(items[-1].title) and not waiting_subject:
            continue
        if is_attendance(title):
            continue  # 「委員全員(5名)出席(定足数3名)」: who attends, not an item
        if "。" in title and not marked:
            continue  # a sentence before or between the items (what was done): not a title, not an item
        own = _own_kind(body)
        if sub and category is not None:
            kind = own if category == _NO_KIND else category
            items.append(Item(kind, title, number, access=access))
            items_lines.append(line)
        elif (not marked or (line.startswith("・") and not _COMPLETE.search(fields.flat(items[-1].title))
                             and re.match(r"^[0-9０-９(（]", items_lines[-1] if items_lines else ""))) \
                and items and not waiting_subject and category is None:
            if _COMPLETE.search(fields.flat(items[-1].title)):
                # After a whole title, an unmarked line is another item only when it reads as
                # one; else it is not the agenda's (a table's caption run into the field).
                if not _COMPLETE.search(fields.flat(title)):
                    continue
                items.append(Item(own, title, number, access=access))
                items_lines.append(line)
            else:
                # a title broken over lines; 「2 議第79号 …補正予算(第5号)中 / …・3款民生費 / ・4款…」:
                # a list of its parts run on, not a bullet of its own
                items[-1].title += title
        else:
            items.append(Item(own, title, number, access=access))
            items_lines.append(line)
            numbered_item = bool(re.match(r"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、)）]?)", line))
        waiting_subject = False
    for item in items:
        if item.kind is None:  # a title broken over lines: its words, whole
            item.kind = _own_kind(item.title)
        # 「…の省略について【課税課、納税課】」 (perhaps broken over lines): the departments.
        if m := re.search(r"【([^】]*(?:課|部|室|局|所|センター)[^】]*)】$", item.title):
            item.department = item.department or m[1]
            item.title = item.title[:m.start()].rstrip()
    return items
