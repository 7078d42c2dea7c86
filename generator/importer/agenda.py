"""The agenda field of a record (議題 / 会議次第) → items with their kind, title, number, department.

    （1）諮問事項 / ア 諮問第21号 窓口予約… / イ …     a category heading, its items below
    1. 答申書の確認 / 「…」について / [担当課:…]      a category heading, its subject on the next line
    ・…について                                       bullets: one item each
    東野市個人情報保護条例の一部改正について           one line: one item

The kind comes from the category heading (諮問事項 / 審議事項 → 諮問, 報告事項 → 報告, 答申書の確認 /
確認事項 → 確認事項) or, for an item alone, from its own words; その他 otherwise. 「その他」 alone
is not an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import fields

_MARK = re.compile(r"^(?:[(（][0-9０-９]+[)）]|[0-9０-９]+[.．、)）]?|[ア-ン][.．、]?|[・●○◎◇■□-]|[①-⑳])[ \u3000]*")
_DEPARTMENT = re.compile(r"^[\[［(（【]\s*(?:担当課|担当部課|所管課|主管課|担当)\s*[:：]\s*(.+?)\s*[\]］)）】]$")
_NUMBER = re.compile(rf"(諮問第\d+号|{fields.ERA}(?:\d+|元)年度第\d+号議案?)")
_CATEGORIES = (("確認事項", r"確認事項|答申書?(?:案)?の確認|会議録の確認|要録の確認"),
               ("諮問", r"(?:新規)?諮問事項|審議事項|諮問案件"),
               ("報告", r"報告事項|報告案件"))


@dataclass
class Item:
    kind: str
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


def _category(text: str) -> str | None:
    s = fields.flat(text)
    for kind, pattern in _CATEGORIES:
        if re.fullmatch(pattern, s):
            return kind
    return None


def kind_of(text: str) -> str:
    """An item's kind from its own words: 確認事項 (a record to approve), 諮問, 報告 or その他."""
    return _own_kind(text)


def _own_kind(text: str) -> str:
    s = fields.flat(text)
    if _CONFIRM.search(s):
        return "確認事項"
    if _NUMBER.search(s) or "諮問" in s:
        return "諮問"
    if "報告" in s:
        return "報告"
    return "その他"


def read(text: str) -> list[Item]:
    items: list[Item] = []
    items_lines: list[str] = []  # the line each item starts on, as written
    category: str | None = None
    category_indent = -1
    waiting_subject = False  # a category heading whose subject is the next unmarked line
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" \u3000"))
        line = raw.strip()
        if m := _DEPARTMENT.match(fields.squeeze(line)):
            if items:
                items[-1].department = fields.flat(m[1])
            continue
        marked = bool(_MARK.match(line))
        body = _MARK.sub("", line).strip()
        if not body:
            continue
        kind = _category(body)
        if kind is not None:
            category, category_indent, waiting_subject = kind, indent, True
            continue
        if fields.flat(body) in ("その他", "閉会", "開会"):
            category, waiting_subject = None, False
            continue
        sub = category is not None and (indent > category_indent or re.match(r"^[ア-ン①-⑳]", line)
                                        or not marked)
        if not sub and marked:
            category = None
        number = (m[1] if (m := _NUMBER.search(fields.flat(body))) else None)
        title = fields.squeeze(body)
        if number:
            title = re.sub(r"^\s*(?:諮問\s*第\s*\d+\s*号|\S+年度\s*第\s*\d+\s*号議案?)[ \u3000]*", "", title).strip()
        title = re.sub(r"[ \u3000]+", "", title) if not re.search(r"[A-Za-z]", title) else title
        access = None
        if m := _ACCESS_NOTE.search(fields.flat(title)):
            access = "公開" if m[1] == "公開" else None
            title = _ACCESS_NOTE.sub("", fields.flat(title)).strip()
        if not marked and items and fields.flat(title) in fields.flat(items[-1].title) and not waiting_subject:
            continue
        if "。" in title and not marked and items:
            continue  # a sentence between the items (what was done): not a title, not an item  # a line printed again: 「…目的外利用に係る通知の要否について / に係る通知の要否について」
        if sub and category is not None:
            items.append(Item(category, title, number, access=access))
            items_lines.append(line)
        elif (not marked or (line.startswith("・") and not _COMPLETE.search(fields.flat(items[-1].title))
                             and re.match(r"^[0-9０-９(（]", items_lines[-1] if items_lines else ""))) \
                and items and not waiting_subject and category is None:
            if _COMPLETE.search(fields.flat(items[-1].title)):
                # After a whole title, an unmarked line is another item only when it reads as
                # one; else it is not the agenda's (a table's caption run into the field).
                if not _COMPLETE.search(fields.flat(title)):
                    continue
                items.append(Item(_own_kind(body), title, number, access=access))
                items_lines.append(line)
            else:
                # a title broken over lines; 「2 議第79号 …補正予算(第5号)中 / …・3款民生費 / ・4款…」:
                # a list of its parts run on, not a bullet of its own
                items[-1].title += title
        else:
            items.append(Item(_own_kind(body), title, number, access=access))
            items_lines.append(line)
        waiting_subject = False
    for item in items:
        # 「…の省略について【課税課、納税課】」 (perhaps broken over lines): the departments.
        if m := re.search(r"【([^】]*(?:課|部|室|局|所|センター)[^】]*)】$", item.title):
            item.department = item.department or m[1]
            item.title = item.title[:m.start()].rstrip()
    return items
