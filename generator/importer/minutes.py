"""A meeting record (会議概要 / 会議録 / 要録; the Adachi seed) → a meeting file and its cases.

Read from the record's structure:
- the header table (tab-separated label/value rows; a row with an empty label continues the
  one above): 会議名 (期・回), 事務局, 開催年月日, 開催時間, 開催場所, 出席者, 欠席者, 資料;
- the minutes after 「(審議経過)」: numbered sections 「(1) 開 会」, agenda items (a line
  starting with a bracketed number 「【諮問第481号】…」, or the lines that open a 確認事項 /
  報告事項 section before anyone speaks), speaker turns 「○川合会長 …」, and each item's
  「<審議会意見>」 (the outcome, as written).
"""

from __future__ import annotations

import re
from datetime import date

from ..japanese import nfkc, parse_time, squeeze
from . import clean, fields
from .draft import UNSTATED, UNSTATED_COMMENT, Draft

_TURN = re.compile(r"^[○◯〇]([^\s○◯〇]{1,30}?)[ \u3000]")
_SECTION = re.compile(r"^[(（]\s*(\d+)\s*[)）]\s*(\S.{0,40})$")
_OPINION = re.compile(r"^\**\s*[<＜〈]\s*審議会意見\s*[>＞〉]\s*\**$")
_MINUTES_START = re.compile(r"^[(（【]?\s*(?:審議経過|議事経過|審議の経過|会議経過)\s*[)）】]?$")
_ROLES = ("会長", "副会長", "会長職務代理", "委員長", "副委員長", "委員")
_RESULT = re.compile(r"本件(?:は|を|については)、?(条件付き承認|条件付き了承|承認|了承|不承認)(?:と|する)")


def is_minutes(text: str) -> bool:
    """A record has a header table with a date row and speaker turns 「○…」."""
    has_turns = len(re.findall(r"^[○◯〇]\S", text, re.M)) >= 3
    has_header = bool(re.search(r"^(?:開\s*催\s*(?:年\s*月\s*)?日|日\s*時)[^\n]*\t", text, re.M))
    return has_turns and has_header


# --- Header ---------------------------------------------------------------------------------

def header_rows(lines: list[str]) -> dict[str, list[str]]:
    """Label → cells (continuation rows appended), for the tab-separated header table."""
    rows: dict[str, list[str]] = {}
    last = None
    for line in lines:
        if "\t" not in line:
            continue
        cells = [c.strip() for c in line.split("\t")]
        label = fields.flat(re.sub(r"<[^>]+>", "", cells[0]))
        values = [c for c in cells[1:] if c]
        if label:
            last = label
            rows.setdefault(label, []).extend(values)
        elif last is not None:
            rows[last].extend(values)
    return rows


def member(cell: str) -> dict[str, str] | None:
    """「川合 敏樹 委員」 → {name: 川合 敏樹, role: 委員}; a cell without a role is a name."""
    raw = cell.strip()
    if not raw:
        return None
    role = None
    m = re.match(rf"^(.+?)[ \u3000]*(?:[(（])?({'|'.join(sorted(_ROLES, key=len, reverse=True))})(?:[)）])?$", raw)
    if m and m[1].strip():
        raw, role = m[1], m[2]
    # A full-width (or double) space separates family and given name even when each is spaced out.
    parts = [clean.squeeze_spaced(re.sub(r" +", " ", nfkc(p)).strip()) for p in re.split(r"\u3000| {2,}", raw)]
    name = " ".join(p for p in parts if p)
    return {"name": name, "role": role} if role else {"name": name}


def _html_items(cells: list[str]) -> list[str]:
    text = " ".join(cells)
    items = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", text, re.S) if "<" in text else cells
    items = [re.sub(r"^\s*\d+[ \u3000.．、]\s*", "", re.sub(r"<[^>]+>", "", i)) for i in items]
    return [squeeze(i).strip() for i in items if i.strip()]


def materials(cells: list[str]) -> list[dict]:
    """The 資料 cell: items under ○ group headings, their list numbers dropped."""
    out = []
    for item in _html_items(cells):
        if re.match(r"^[○◯〇]", item):
            continue
        title = item.strip()
        if title:
            out.append({"title": title, "published": UNSTATED})
    return out


# --- Minutes --------------------------------------------------------------------------------

def _split_inline_turns(block: str) -> list[str]:
    """「…お願いいたします。○川合会長 では、…」: a turn run into the paragraph before it."""
    parts = re.split(r"(?<=[。」）)])(?=[○◯〇][^\s○◯〇]{1,30}[ \u3000])", block)
    return [p for p in parts if p.strip()]


def _is_turn(block: str) -> bool:
    return bool(_TURN.match(block))


def _speech_joinable(prev: str, block: str) -> bool:
    """A paragraph cut by a page break inside the minutes (「…前回と前々回の審」+「議会において、…。」)."""
    if prev.startswith("#") or _OPINION.match(prev) or not prev.strip():
        return False
    if clean.ends_sentence(prev) or prev.endswith("  "):
        return False
    first = block.lstrip()[:1]
    return (bool(first) and first not in "○◯〇#[［〔【(（<＜*-|" and block.rstrip().endswith("。")
            and "\t" not in block)


class _Item:
    def __init__(self, kind: str, title: str, number: str | None = None, line: int = 0):
        self.kind, self.title, self.number, self.line = kind, title, number, line
        self.opinion: list[str] = []


def _section_kind(title: str) -> str | None:
    t = fields.flat(title)
    if "確認" in t:
        return "確認事項"
    if "報告" in t:
        return "報告"
    if "審議" in t or "諮問" in t:
        return "諮問"
    return None


def parse_minutes(lines: list[str], first_line: int) -> tuple[str, list[_Item], list[str]]:
    """(Markdown body, agenda items in order, speaker labels in order of first turn)."""
    paras: list[tuple[int, str]] = []
    current: list[str] = []
    start = first_line
    for i, line in enumerate(lines + [""]):
        if line.strip():
            if not current:
                start = first_line + i
            current.append(line.rstrip())
        elif current:
            text = "\n".join(current)
            # 「**【諮問第485号】…\n＜審議会意見＞**」: an item line and the opinion label in one.
            if re.search(r"\n\**[<＜〈]\s*審議会意見", text):
                head, _, tail = text.partition("\n")
                paras += [(start, head.strip("*")), (start + 1, tail.strip("*"))]
            else:
                paras += [(start, p) for p in _split_inline_turns(text)]
            current = []
    out: list[str] = []
    items: list[_Item] = []
    labels: list[str] = []
    section_kind = None
    seen_turn = True
    in_opinion: _Item | None = None
    for line_no, p in paras:
        s = p.strip()
        if clean.is_page_number(s):
            continue
        if _MINUTES_START.match(fields.flat(s)):
            out.append(f"# {fields.flat(s)}")
            continue
        if (m := _SECTION.match(s)) and "。" not in s:
            title = fields.flat(m[2]) if len(m[2].replace(" ", "")) <= 6 else squeeze(m[2])
            out.append(f"## ({m[1]}) {title}")
            section_kind, seen_turn, in_opinion = _section_kind(title), False, None
            continue
        if lead := fields.leading_case_number(s):
            number, title = lead
            items.append(_Item("諮問", title, number, line_no))
            heading = re.sub(r"諮問[ \u3000]*第[ \u3000]*(\d+)[ \u3000]*号", r"諮問第\1号", s.strip("*").strip())
            out.append(f"### {heading}")
            seen_turn, in_opinion = False, None
            continue
        if _OPINION.match(s):
            out.append(s.strip("*").strip())
            in_opinion = items[-1] if items else None
            continue
        if _is_turn(s):
            label = _TURN.match(s)[1]
            if label not in labels:
                labels.append(label)
            seen_turn, in_opinion = True, None
            out.append(s)
            continue
        if not seen_turn and section_kind in ("確認事項", "報告") and "。" not in s and len(s) <= 80:
            items.append(_Item(section_kind, squeeze(s), None, line_no))
            out.append(f"### {squeeze(s)}")
            continue
        if in_opinion is not None:
            in_opinion.opinion.append(s)
        if out and _speech_joinable(out[-1], s):
            out[-1] = out[-1].rstrip() + s.lstrip()
            continue
        if out and out[-1] == s:
            continue  # the same paragraph printed twice
        out.append(s)
    return "\n\n".join(out) + "\n", items, labels


def speakers(labels: list[str], members: list[dict], text: str) -> tuple[dict, list[str]]:
    """Label → {name, role}. A member's label is their surname and a council role
    (川合会長 → 川合 敏樹, 会長); anyone else's is read only where the minutes introduce them
    (「保健予防課長の三品でございます」). Labels neither way are left out (and reported)."""
    out: dict[str, dict] = {}
    unknown: list[str] = []
    flat_text = fields.flat(text)
    for label in labels:
        found = None
        for role in sorted(_ROLES, key=len, reverse=True):
            if label.endswith(role) and len(label) > len(role):
                prefix = label[: -len(role)]
                matches = [m for m in members if fields.flat(m["name"]).startswith(prefix)]
                if len(matches) == 1:
                    found = {"name": matches[0]["name"], "role": role}
                break
        if found is None:
            splits = [(label[:k], label[k:]) for k in range(1, min(5, len(label) - 1))
                      if _introduced(label[:k], label[k:], flat_text)]
            if len(splits) == 1:
                found = {"name": splits[0][0], "role": splits[0][1]}
        if found is None:
            unknown.append(label)
        else:
            out[label] = found
    return out, unknown


def _introduced(surname: str, role: str, text: str) -> bool:
    """「…センター長の山岸でございます」「課長の網野と申します」: someone introduced by post."""
    return any(f"{role[-j:]}の{surname}{c}" in text
               for j in range(2, len(role) + 1) for c in "でとがも")


def next_meeting(body: str, held: date | None) -> dict | None:
    """「次回の開催でございます。…3月28日の10時から開催となります。」: the sentence that
    dates the next meeting, its time, and its date — the first such day after this meeting."""
    for para in body.split("\n\n"):
        if "次回" not in para:
            continue
        for sentence in re.findall(r"[^。]*。", para):
            m = re.search(r"(\d{1,2})月(\d{1,2})日", squeeze(sentence))
            if not m or "開催" not in sentence:
                continue
            out: dict = {}
            if held is not None:
                month, day = int(m[1]), int(m[2])
                year = held.year if (month, day) > (held.month, held.day) else held.year + 1
                try:
                    out["date"] = date(year, month, day).isoformat()
                except ValueError:
                    return None
            if t := re.search(r"((?:午前|午後)?\d{1,2}時(?:\d{1,2}分|半)?)", squeeze(sentence)):
                out["start"] = parse_time(t[1])
            out["as_written"] = _TURN.sub("", sentence.strip()).strip()
            return out
    return None


def read_minutes(text: str) -> list[Draft]:
    lines = text.replace("\r\n", "\n").split("\n")
    start = next((i for i, l in enumerate(lines) if _MINUTES_START.match(fields.flat(l))), None)
    if start is None:
        start = next(i for i, l in enumerate(lines) if _TURN.match(l.strip()))
    head, minutes_lines = lines[:start], lines[start:]
    rows = header_rows(head)
    title_row = " ".join(rows.get("会議名", []))
    ref = fields.meeting_ref(title_row) or fields.meeting_ref("\n".join(head))
    if ref is None:
        raise ValueError("the record names no 回 (「第N回」): cannot tell which meeting it is")
    meeting = Draft("meeting", ref.id, {})
    body, items, labels = parse_minutes(minutes_lines, start + 1)

    kind = next((k for k in ("会議概要", "会議録", "要録")
                 if any(fields.flat(l).endswith(k) for l in head if l.strip())), None)
    when = fields.flat(" ".join(rows.get("開催年月日", rows.get("開催日", rows.get("日時", [])))))
    hours = fields.flat(" ".join(rows.get("開催時間", [])))
    if not hours and (m := re.match(r"^(.+?日)(?:[(（][月火水木金土日](?:曜日?)?[)）])?(.+)$", when)):
        when, hours = m[1], m[2]  # 「日時 令和5年7月10日(月)午後2時00分～午後3時30分」
    when = re.sub(r"[(（][月火水木金土日](?:曜日?)?[)）]$", "", when)
    held = fields.partial(when) if when else None
    times = re.split(r"[～〜~\-－ー―]", hours)
    start_t = end_t = None
    if len(times) == 2:
        try:
            parse_time(times[0]), parse_time(times[1])
            start_t, end_t = times
        except ValueError:
            pass
    present = [m for c in rows.get("出席者", rows.get("出席委員", [])) if (m := member(c))]
    absent = [m for c in rows.get("欠席者", rows.get("欠席委員", [])) if (m := member(c))]
    cases: list[Draft] = []
    agenda: list[dict] = []
    reports = 0
    for item in items:
        if item.kind == "確認事項":
            agenda.append({"kind": "確認事項", "title": item.title})
            continue
        if item.number:
            case = Draft("case", fields.case_id(item.number), {}, number=item.number, link_only=True)
        else:
            reports += 1
            case = Draft("case", f"hokoku-{ref.id}-{reports}", {}, link_only=True)
        opinion = "\n\n".join(item.opinion) or None
        results = set(_RESULT.findall(fields.flat(opinion))) if opinion else set()
        result = results.pop() if len(results) == 1 else None
        decision = None
        if item.kind == "諮問":
            if result:
                decision = {"result": result, "meeting": ref.id, "published": UNSTATED, "opinion": opinion}
            else:
                case.miss("decision", "no 審議会意見 that says 承認 / 了承 / 不承認" if not opinion
                          else "the 審議会意見 does not state one result", item.line)
        case.front = {"kind": item.kind, "number": item.number, "title": item.title,
                      "meetings": [ref.id], "decision": decision}
        for name in ("department", "bases", "request"):
            case.miss(name, "a meeting record does not carry the case's documents", item.line)
        cases.append(case)
        entry = {"kind": item.kind, "case": case.id}
        if result:
            entry["outcome"] = result
        agenda.append(entry)
    speaker_map, unresolved = speakers(labels, present + absent, "\n".join(minutes_lines))
    for label in unresolved:
        meeting.miss(f"speakers.{label}", "the minutes do not say which part of the label is the name")
    nxt = next_meeting(body, held.earliest() if held and held.precision == "day" else None)
    observers = None
    if m := re.fullmatch(r"(\d+)(?:名|人)", fields.flat(" ".join(rows.get("傍聴者", rows.get("傍聴者数", []))))):
        observers = int(m[1])
    meeting.front = {
        "term": ref.term, "session": ref.session,
        "fiscal_year": None if held else ref.fiscal_year,
        "title": fields.flat(title_row) or None,
        "date": when if held else None,
        "start": start_t, "end": end_t,
        "place": fields.flat(" ".join(rows.get("開催場所", rows.get("場所", [])))) or None,
        "present": present or None, "absent": absent or None,
        "secretariat": [fields.flat(c) for c in rows.get("事務局", [])] or None,
        "observers": observers,
        "record": kind,
        "notice": UNSTATED, "record_published": UNSTATED,
        "agenda": agenda,
        "materials": materials(rows.get("資料", rows.get("配付資料", []))),
        "speakers": speaker_map,
        "next_meeting": nxt,
    }
    meeting.comments = {"notice": UNSTATED_COMMENT}
    meeting.body = body
    for name, value in (("date", held), ("start", start_t), ("place", meeting.front["place"]),
                        ("present", present), ("absent", absent), ("record", kind)):
        if not value:
            meeting.miss(name, "not in the record's header")
    for name in ("access", "observers"):
        if meeting.front.get(name) is None:
            meeting.miss(name, "the header table has no such row")
    return cases + [meeting]
