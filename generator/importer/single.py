"""One case, possibly with several legal bases (the Shinjuku seed).

Read from the structure: the 件名 row, the department in 「（担当部課：…）」 or a 主管課 field,
and the list under 条例の根拠, where group markers (【諮問】【報告】) say the procedure of the
bases listed after them: 「◇第16条第1項本文（電子計算機による個人情報の処理開発）」.
"""

from __future__ import annotations

import re

from . import fields
from .bundle import asked_bases, department_value, paragraphs
from .document import clean_body
from .draft import Draft

_GROUP = re.compile(r"^[【\[［〔]\s*(諮問|報告)(?:事項)?\s*[】\]］〕]$")
_BASIS_LINE = re.compile(r"^(?:[-*+]\s*)?[◇◆・○●□■※]?\s*(第\s*\d+\s*条[^（(]*?)\s*(?:[（(]([^）)]+)[）)])?\s*$")
_BASES_HEADING = re.compile(r"^#*\s*(?:条例の)?根拠(?:条文|規定)?$")


def bases(lines: list[str]) -> tuple[list[dict], list[str]]:
    """The bases listed under 条例の根拠, with the procedure their group gives them."""
    out: list[dict] = []
    problems: list[str] = []
    in_list, group = False, None
    for line in lines:
        s = fields.flat(line)
        if not s:
            continue
        if _BASES_HEADING.match(s):
            in_list = True
            continue
        if not in_list:
            continue
        if m := _GROUP.match(s):
            group = m[1]
            continue
        m = _BASIS_LINE.match(fields.squeeze(line.strip()))
        if m:
            article, note = fields.flat(m[1]), (fields.flat(m[2]) if m[2] else None)
            category = fields.category_of(note) if note else None
            if category is None:
                problems.append(f"{article}: {'no label' if note is None else f'「{note}」 names no single category'}")
                continue
            basis = {"article": article, "category": category, "procedure": group, "note": note}
            out.append(basis)
            continue
        if out or group:
            break  # the list has ended
    return out, problems


# A document's own heading: 「…システムと…との電子計算組織の結合について（諮問）」.
_TITLE_KIND = re.compile(r"^(.{4,120}?(?:について|に関する(?:件|こと)|の件))[（(](諮問|報告)[）)]$")


def heading(paras: list[tuple[int, str]]) -> tuple[str, str] | None:
    """(title, kind) from a heading line near the top that names the kind in brackets."""
    for _, p in paras[:8]:
        for line in p.split("\n"):
            if m := _TITLE_KIND.match(fields.flat(line)):
                return fields.unquote(m[1]), m[2]
    return None


def recognised(case: Draft) -> bool:
    """Whether anything of a case was read: a title, a department, a number or a basis."""
    f = case.front
    return any(f.get(k) for k in ("title", "department", "number", "bases", "kind"))


def read_single(text: str, name: str) -> list[Draft]:
    lines = text.replace("\r\n", "\n").split("\n")
    paras = paragraphs(lines, 1)
    case = Draft("case", name, {})
    head = heading(paras)
    title = next((v for _, p in paras if (v := fields.labelled(p, fields.TITLE_LABELS))), None)
    title = title or (head[0] if head else None)
    department = department_value(paras)
    found, problems = bases(lines)
    for k, why in enumerate(problems):
        case.miss(f"bases[{len(found) + k}]", why)
    procedures = {b["procedure"] for b in found}
    kind = "諮問" if "諮問" in procedures else ("報告" if procedures == {"報告"} else None)
    if not found and not problems:
        # No 条例の根拠 list: the sentence that asks or reports names the articles.
        probe = Draft("case", name, {})
        asked_kind, found = asked_bases(paras, probe, 1)
        kind = kind or asked_kind
        case.unknown += [u for u in probe.unknown if u.field != "bases"]
    if head and kind is None:
        kind = head[1]
    if len(procedures) <= 1:
        for b in found:
            b["procedure"] = None  # the case's own kind: nothing to add
    for label, value in (("kind", kind), ("title", title), ("department", department)):
        if value is None:
            case.miss(label, "not found in the document")
    if not found:
        case.miss("bases", "no list of articles under 条例の根拠")
    numbers = [n for ln in lines if (n := fields.case_number(ln))]
    case.number = numbers[0] if len(numbers) == 1 else None
    if case.number is None:
        case.miss("number", "the document gives no case number")
    lt = fields.letters(paras)
    request = None
    if lt:
        request = {"date": lt[0].date, "document_number": lt[0].number, "by": lt[0].by}
    else:
        case.miss("request", "no letter head (number, date) in the document")
    meeting = next((ref for _, p in paras if len(fields.flat(p)) <= 24 and (ref := fields.meeting_ref(p))), None)
    if meeting is None:
        case.miss("meetings", "the document names no meeting")
    case.front = {"kind": kind, "number": case.number, "title": title, "department": department,
                  "bases": found, "request": request, "meetings": [meeting.id] if meeting else []}
    case.body = clean_body(text)
    return [case]
