"""A bundle of 議案 (the Edogawa seed): one case per 議案, and the meeting they were put to.

Each 議案 starts at a line that is only its number (「令和2年度第26号議案」). Inside it:
the meeting (「令和2年度第8回」), the labelled fields (件名, 主管課), the 諮問書's request for an
opinion with its legal basis (「…第14条第3項の規定に基づき、…意見を求めます」), the article's
label in the reason (「…に規定する…の外部委託に該当するため」), and the 依頼書's letter head
(number, date, addressee, sender).
"""

from __future__ import annotations

import re

from . import fields
from .document import clean_body
from .draft import UNSTATED, UNSTATED_COMMENT, Draft


def paragraphs(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """(source line, text) of each paragraph."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = first_line
    for i, line in enumerate(lines):
        if line.strip():
            if not current:
                start = first_line + i
            current.append(line)
        elif current:
            out.append((start, "\n".join(current)))
            current = []
    if current:
        out.append((start, "\n".join(current)))
    return out


def sections(text: str) -> list[tuple[int, str, list[str]]]:
    """(first line, number, lines) of each 議案."""
    lines = text.replace("\r\n", "\n").split("\n")
    starts = [(i, n) for i, line in enumerate(lines)
              if (n := fields.case_number(line)) and (i == 0 or not lines[i - 1].strip()
                                                         or line.lstrip().startswith("#"))]
    out = []
    for k, (i, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        out.append((i + 1, number, lines[i:end]))
    return out


def is_bundle(text: str) -> bool:
    return bool(sections(text))


_ASKS = re.compile(r"意見を求め|諮問(?:願|いた|します|する)|諮問について")
_REPORTS = re.compile(r"報告(?:します|いたします|願)")


def asked_bases(paras: list[tuple[int, str]], case: Draft, first: int) -> tuple[str | None, list[dict]]:
    """The kind and bases from the sentence that asks for an opinion or reports
    (「…第14条第3項の規定に基づき、…意見を求めます」), each article's category from the reason
    (「…に規定する…に該当するため」); unknown ones are listed on the case."""
    asking = [(ln, p) for ln, p in paras if "規定に" in fields.flat(p)
              and (_ASKS.search(fields.flat(p)) or _REPORTS.search(fields.flat(p)))]
    kind = None
    if asking:
        kinds = {"諮問" if _ASKS.search(fields.flat(p)) else "報告" for _, p in asking}
        kind = kinds.pop() if len(kinds) == 1 else None
    articles = list(dict.fromkeys(a for _, p in asking for a in fields.articles_based_on(p)))
    labels = fields.article_labels("\n".join(p for _, p in paras))
    bases = []
    for k, article in enumerate(articles):
        note = next((v for key, v in labels.items() if article.endswith(key)), None)
        category = fields.category_of(note) if note else None
        if category is None:
            case.miss(f"bases[{k}]", f"{article}: the text does not say what the article is about"
                      if note is None else f"{article}: 「{note}」 names no single category")
            continue
        bases.append({"article": article, "category": category, "note": note})
    if not articles:
        case.miss("bases", "no 「…の規定に基づき」 sentence asking for an opinion", first)
    return kind, bases


def department_value(paras: list[tuple[int, str]]) -> str | list[str] | None:
    """The 主管課 field; several departments (「A課及びB課」) are a list."""
    value = next((v for _, p in paras if (v := fields.labelled(p, fields.DEPARTMENT_LABELS))), None)
    if value is None:
        return None
    found = fields.departments(value)
    return found[0] if len(found) == 1 else found


def read_case(first: int, number: str, lines: list[str]) -> tuple[Draft, fields.MeetingRef | None, list[str]]:
    paras = paragraphs(lines, first)
    case = Draft("case", fields.case_id(number), {}, number=number)
    meeting = next((ref for _, p in paras[:6] if len(fields.flat(p)) <= 20
                    and (ref := fields.meeting_ref(p))), None)
    title = next((v for _, p in paras if (v := fields.labelled(p, fields.TITLE_LABELS))), None)
    department = department_value(paras)
    kind, bases = asked_bases(paras, case, first)
    letters = fields.letters(paras)
    request = None
    if letters:
        letter = letters[0]
        request = {"date": letter.date, "document_number": letter.number, "by": letter.by}
        for key, value in request.items():
            if value is None:
                case.miss(f"request.{key}", "not on the letter head", letter.line)
    else:
        case.miss("request", "no letter head (number, date) in the documents", first)
    read: tuple[tuple[str, object], ...] = (("kind", kind), ("title", title), ("department", department))
    for name, found in read:
        if found is None:
            case.miss(name, "not found in the documents", first)
    if meeting is None:
        case.miss("meetings", "no 「…年度第N回」 line", first)
    case.front = {"kind": kind, "number": number, "title": title, "department": department,
                  "bases": bases, "request": request,
                  "meetings": [meeting.id] if meeting else []}
    case.body = clean_body("\n".join(lines))
    attachments = []
    for i, line in enumerate(lines):
        if fields.flat(line) in ("添付資料", "資料"):
            for row in lines[i + 1:i + 12]:
                if m := re.match(r"^\s*\|\s*\(\d+\)\s*([^|]+?)\s*\|", row):
                    attachments.append(fields.flat(m[1]))
            break
    return case, meeting, attachments


def read_bundle(text: str) -> list[Draft]:
    """Cases, then the meeting file (when every 議案 names the same meeting)."""
    cases: list[Draft] = []
    refs: list[fields.MeetingRef | None] = []
    materials: list[dict] = []
    for first, number, lines in sections(text):
        case, ref, attachments = read_case(first, number, lines)
        cases.append(case)
        refs.append(ref)
        if attachments:
            materials.append({"title": f"{number} {'・'.join(attachments)}", "published": UNSTATED})
    drafts = list(cases)
    known = {r for r in refs if r is not None}
    if len(known) == 1 and None not in refs:
        ref = known.pop()
        dates = [c.front["request"]["date"] for c in cases
                 if c.front.get("request") and c.front["request"].get("date")]
        meeting = Draft("meeting", ref.id, {})
        month = fields.meeting_month(ref.fiscal_year, dates) if len(dates) == len(cases) else None
        if month is None:
            meeting.miss("date", "the bundle gives no date, and its requests do not pin the month")
        meeting.front = {
            "session": ref.session,
            "fiscal_year": _fy_label(text, ref),
            "date": month,
            "notice": UNSTATED,
            "record_published": UNSTATED,
            "agenda": [{"kind": c.front["kind"], "case": c.id} for c in cases if c.front["kind"]],
            "materials": materials,
        }
        meeting.comments = {"notice": UNSTATED_COMMENT}
        for name in ("start", "end", "place", "present", "absent", "access"):
            meeting.miss(name, "a bundle of 議案 does not record the meeting itself")
        drafts.append(meeting)
    elif cases:
        cases[0].miss("meetings", "the 議案 do not all name one meeting: no meeting file written")
    return drafts


def _fy_label(text: str, ref: fields.MeetingRef) -> str | None:
    """The 年度 as the bundle writes it (令和2年度)."""
    m = re.search(rf"({fields.ERA}\s*(?:\d+|元)\s*年度)\s*第\s*\d+\s*回", fields.squeeze(text))
    return fields.flat(m[1]) if m else None
