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

from ..model.japanese import nfkc, parse_time, squeeze
from . import agenda as agenda_reader
from . import clean, fields, header, people, turns
from .draft import UNSTATED, UNSTATED_COMMENT, Draft, Unknown

_TURN = re.compile(r"^[○◯〇]([^\s○◯〇]{1,30}?)[ \u3000]")
_SECTION = re.compile(r"^[(（]\s*(\d+)\s*[)）]\s*(\S.{0,40})$")
_NUMBERED_SECTION = re.compile(r"^(\d+)[ \u3000.．、]\s*(\S.{0,40})$")
_OPINION = re.compile(r"^\**\s*[<＜〈]\s*審議会意見\s*[>＞〉]\s*\**$")
_MINUTES_START = re.compile(r"^[(（【]?\s*(?:審議経過|議事経過|審議の経過|会議経過)\s*[)）】]?$")
_ROLES = ("会長", "副会長", "会長職務代理", "委員長", "副委員長", "委員")
_RESULT = re.compile(r"本件(?:は|を|については)、?(条件付き承認|条件付き了承|承認|了承|不承認)(?:と|する)")


def is_minutes(text: str) -> bool:
    """A record by its structure: a header with a date label and one of 場所 / 出席者 / 議題 /
    傍聴者 …; or, without labels, a date line at the top and speaker turns."""
    lines = _lines(text)
    head = header.read(lines, turns.is_turn)
    if "date" in head.fields and head.fields.keys() & _OTHER_HEADER_FIELDS:
        return True
    top = [ln for ln in lines[:head.end] if ln.strip()][:8]
    dated = any(header.date_and_times(ln)[0] for ln in top)
    spoken = sum(1 for ln in turns.normalise(lines[head.end:]) if ln.startswith("○"))
    # 「第3回委員会 (1月12日) / 出席委員 … / 勝村委員長)ただ今から…」: a 回, the people present and
    # speaker turns, though the date has no year.
    named = "present" in head.fields and fields.running_meeting_ref("\n".join(head.title_lines)) is not None
    return (dated and spoken >= 3) or (named and spoken >= 2)


_OTHER_HEADER_FIELDS = {"place", "present", "absent", "agenda", "observers", "secretariat", "access"}


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").split("\n")
    return [piece for line in lines for piece in _unfold(line)]


# A record flattened to one line (a web page's text export): its labels, marks and turns
# follow runs of spaces. Split there, and nowhere else, so a spaced-out name stays whole.
_FOLD = re.compile(r"[ \u3000]{2,}(?=(?:[●◆■◇]|(?:日\s?時|会\s?場|場\s?所|出席者|議\s?事)[ \u3000(（]))"
                   r"|[ \u3000]+(?=[●◆■◇][ \u3000]?\S)"
                   r"|(?<=[)）\d時分])[ \u3000](?=(?:会\s?場|場\s?所)[ \u3000])"
                   r"|[ \u3000]+(?=[○◯〇]\S{1,20}[ \u3000])")


# 「議事次第 日時 : 平成 29 年 7 月 7 日 ( 金 )17:00~18:00 場所 : …会議室 1 開会 2 …について 3 …」:
# a 次第 flattened to one line — labels with a colon, then the numbered order of business.
_INLINE_LABEL = re.compile(r"[ \u3000]+(?=(?:日[ \u3000]?時|場[ \u3000]?所|会[ \u3000]?場)[ \u3000]*[:：])")


def _numbered_run(text: str) -> list[str]:
    """「… 1 開会 2 A について 3 B 4 C」 → the text before, then each numbered piece (1, 2, 3 … in turn)."""
    m = re.search(r"[ \u3000]1[ \u3000]*開[ \u3000]*会(?=[ \u3000])", text)
    if not m:
        return [text]
    out, rest, k = [text[:m.start()]], text[m.start():].strip(), 2
    while (n := re.search(rf"[ \u3000]{k}[ \u3000]+(?=\S)", rest)):
        out.append(rest[:n.start()])
        rest, k = rest[n.start():].strip(), k + 1
    return [p.strip() for p in [*out, rest] if p.strip()]


def _unfold(line: str) -> list[str]:
    if len(_INLINE_LABEL.findall(line)) >= 2:
        return [q for p in _INLINE_LABEL.split(line) for q in _numbered_run(p) if q.strip()]
    if len(line) < 300 or len(_FOLD.findall(line)) < 3:
        return [line]
    return [p.strip() for p in _FOLD.split(line) if p.strip()]


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
    def __init__(self, kind: str | None, title: str, number: str | None = None, line: int = 0):
        self.kind, self.title, self.number, self.line = kind, title, number, line
        self.opinion: list[str] = []


def _section_kind(title: str) -> str | None:
    """The kind of the items a section heading collects (「(2) 報告事項」); a longer heading is an
    item itself (「1. …の一部改正について(報告)」), not a category."""
    t = fields.flat(title)
    if len(t) > 10:
        return None
    if re.search(r"確認事項|(?:答申|会議録|議事録|要録|会議概要|議事概要)\S{0,3}の確認", t):
        return "確認事項"  # not 「定足数の確認」「出席者の確認」: the order of the meeting, no items
    if "報告" in t:
        return "報告"
    if re.fullmatch(r"(?:新規)?(?:諮問|諮問事項|諮問案件|審議事項)", t):
        return "諮問"
    return None  # 「(2)審議」「議事」: a heading that does not say what its items are


def parse_minutes(lines: list[str], first_line: int) -> tuple[str, list[_Item], list[str]]:
    """(Markdown body, agenda items in order, speaker labels in order of first turn)."""
    bracketed = any(_SECTION.match(ln.strip()) for ln in lines)
    section = _SECTION if bracketed else _NUMBERED_SECTION
    paras: list[tuple[int, str]] = []
    current: list[str] = []
    start = first_line
    for i, line in enumerate([*lines, ""]):
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
        if _MINUTES_START.match(fields.flat(s)) or header.MINUTES_START.match(fields.flat(s)):
            out.append(f"# {fields.flat(s)}")
            continue
        if not (m := section.match(s)) and "。" not in s and "\n" not in s:
            # A long numbered item line: 「1 個人情報保護制度に係る検討について【…関係】」.
            m = re.match(r"^(\d+)[ \u3000.．、]\s*(\S.{0,120}について(?:【[^】]*】|[(（][^)）]*[)）])?)$", s)
        if m and "。" not in s and "\n" not in s:
            title = fields.flat(m[2]) if len(m[2].replace(" ", "")) <= 6 else squeeze(m[2])
            out.append(f"## ({m[1]}) {title}" if bracketed else f"## {m[1]} {title}")
            section_kind, seen_turn, in_opinion = _section_kind(title), False, None
            if section_kind is None and re.search(r"について(?:[(（](?:報告|諮問)[)）]|【[^】]*】)?$", title):
                kind = agenda_reader.kind_of(title)
                plain = re.sub(r"[(（](?:報告|諮問)[)）]$", "", title)
                if not any(fields.flat(i.title) == fields.flat(plain) for i in items):
                    items.append(_Item(kind, plain, None, line_no))
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
        if turn := _TURN.match(s):
            label = turn[1]
            if label not in labels:
                labels.append(label)
            seen_turn, in_opinion = True, None
            out.append(s)
            continue
        if not seen_turn and section_kind in ("確認事項", "報告") and "。" not in s and len(s) <= 80 \
                and not agenda_reader.is_attendance(s):
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


_BUSINESS = re.compile(r"^[0-9０-９]+[ \u3000.．、]*(?:議事|議題|審議事項)[ \u3000]+(?=[(（][0-9０-９]+[)）])")
_TOP_NUMBER = re.compile(r"^[0-9０-９]+[ \u3000.．、]")


def _business_in_minutes(lines: list[str]) -> str:
    """「2 議事 (1)会長の選任 委員の互選により… / (2)… / (3)…について ア …」: the order of business
    written in the minutes of a record whose header lists none — from the 議事 line to the first
    speaker turn or the next numbered section."""
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if not out:
            if m := _BUSINESS.match(s):
                out.append(s[m.end():])
            continue
        if not s:
            continue
        if s.startswith("○") or _TOP_NUMBER.match(s):
            break
        out.append(s)
    return "\n".join(out)


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


# A line of the minutes that closes the rest of the meeting, with the rule that closes it.
# (A line of its own, or set off by a run of spaces where a page's text was flattened.)
_CLOSED_FROM_HERE = re.compile(r"(?:^|\n|[ \u3000]{2,})([^\s。、]{2,40}?(?:条例|規則|要綱|規程)第\d+条(?:第\d+項)?(?:第\d+号)?)"
                               r"により非公開(?=\s|$)")


def _label_role(lines: list[str], head: header.Header, name: str) -> str | None:
    """委員 when the field's own label says so (出席委員): each name in it is a member."""
    line = head.line(name)
    if line is None:
        return None
    hit = re.sub(r"[ \u3000]", "", lines[line - 1])
    return "委員" if re.search(r"出席委員", hit) else None


_TITLE = re.compile(r"^(.*第\S{1,6}回.*?(?:審議会|審査会|委員会))(?:会議録|会議概要|要録|議事録)?$")
_RECORD_KINDS = {"会議概要": "会議概要", "会議録": "会議録", "要録": "要録", "議事録": "会議録"}
_PLACE_WORDS = re.compile(r"(?:室|庁舎|会館|ホール|センター|会場|館)(?:[(（].*[)）])?$")


def _title(name: str, title_lines: list[str]) -> str | None:
    """会議名 as written, or the record's title line when it is 「第N回…審議会」."""
    if name:
        return fields.flat(name)
    for line in title_lines:
        if m := _TITLE.match(fields.flat(line)):
            return m[1]
    return None


def _record_kind(lines: list[str]) -> str | None:
    for line in lines:
        s = fields.flat(line)
        for word, kind in _RECORD_KINDS.items():
            if s.endswith(word) or re.search(rf"{word}[(（].*[)）]$", s):
                return kind
    return None


def read_minutes(text: str) -> list[Draft]:
    lines = _lines(text)
    head = header.read(lines, turns.is_turn)
    minutes_lines = turns.normalise(lines[head.end:])
    name = head.get("name")
    ref = (fields.running_meeting_ref(name) if name else None) or \
        fields.running_meeting_ref("\n".join(head.title_lines))
    body, items, labels = parse_minutes(minutes_lines, head.end + 1)

    when, start_t, end_t = header.date_and_times(head.get("date") + "\n" + head.get("time"))
    # An address and a room on two lines are one place.
    place = " ".join(fields.flat(p) for p in head.get("place").split("\n") if p.strip()) or None
    if when is None and place and (swapped := header.date_and_times(head.get("place")))[0]:
        # 「日時 / 高槻市役所…会議室 / 場所 / 令和5年3月13日」: the two values under each other's label.
        when, start_t, end_t = swapped
        place = fields.flat(head.get("date")) or None
    if place and header.date_and_times(place)[0]:
        place = None  # a date is never a place
    if "date" not in head.fields:  # no labels: the title block's date line, and the line after it
        for k, line in enumerate(head.title_lines):
            if (found := header.date_and_times(line))[0]:
                when, start_t, end_t = found
                after = head.title_lines[k + 1] if k + 1 < len(head.title_lines) else ""
                if place is None and _PLACE_WORDS.search(fields.flat(after)):
                    place = fields.flat(after)
                break
    if when and start_t is None:  # 「午前十時五分開議」「午前10時00分 開会」 on a line of its own
        for line in head.title_lines:
            if re.fullmatch(r"(.{2,12}?)\s*(?:開議|開会)", fields.flat(line)):
                start_t = header.date_and_times(line)[1]
                if start_t:
                    break
    held = fields.partial(when) if when else None
    if ref is None and held is None:
        from . import NotRecognised
        raise NotRecognised("a meeting record that names no 回 (「第N回」) and no date (with its year): "
                            "cannot tell which meeting it is; nothing written")
    meeting_id = ref.id if ref is not None else held.iso() if held is not None else ""
    meeting = Draft("meeting", meeting_id, {})
    if ref is None:
        meeting.miss("session", "the record names no 回 (「第N回」); the id is its date")

    attending = people.read(head.get("present"), _label_role(lines, head, "present"))
    present = attending.members
    absent = people.read(head.get("absent")).members + attending.absent
    secretariat = [fields.flat(c) for c in head.get("secretariat").split("\n") if c.strip()] \
        + attending.secretariat
    access_text = "\n".join(t for t in (head.get("access"), head.get("access_reason")) if t)
    access, access_reason = header.access(access_text)
    if access is None and (closed := _CLOSED_FROM_HERE.search(body)):
        # 「…条例第26条第1項により非公開」 standing alone after the open part of the minutes.
        access, access_reason = "一部非公開", closed[1]
    observers = header.observers(head.get("observers"))
    if observers is None and "傍聴" in head.get("access"):
        observers = header.observers(head.get("access"))
    if observers is None:
        observers = attending.observers  # 「出席者 委員5名、事務局、傍聴者1名」

    cases: list[Draft] = []
    agenda: list[dict] = []
    # 「議題 別紙のとおり」 lists nothing; and numbered items of the minutes (【諮問第481号】) say
    # more than a header list without numbers.
    agenda_text = head.get("agenda")
    if not agenda_text and not items:
        agenda_text = _business_in_minutes(minutes_lines)
    as_record = bool(agenda_text) and agenda_reader.is_record(agenda_text)
    if as_record:
        meeting.miss("agenda", "the 議事 field gives the record (its sections, opinions as sentences), "
                     "not a list of items", head.line("agenda"))
    listed = [] if as_record else [
        i for i in agenda_reader.read(agenda_text)
        if not re.fullmatch(r"(?:別紙|別添|次第|資料).*(?:のとおり|参照)", fields.flat(i.title))]
    if any(i.number for i in items) and not any(i.number for i in listed):
        listed = []
    if listed:
        # The header's agenda is the list of items; the minutes' sections only add each one's
        # opinion (a section the header does not list is part of an item, not another item).
        sections = items
        items = [_Item(i.kind, i.title, i.number, head.line("agenda") or 0) for i in listed]
        for item in items:
            for section in sections:
                if (item.number and section.number == item.number) or (
                        not item.number and fields.flat(section.title) == fields.flat(item.title)):
                    item.opinion = section.opinion
        departments = [i.department for i in listed]
        accesses = [i.access for i in listed]
    else:
        departments = [None] * len(items)
        accesses = [None] * len(items)
    counters = {"諮問": 0, "報告": 0}
    for item, department, item_access in zip(items, departments, accesses, strict=True):
        if item.kind is None:
            # The record does not state the item's kind: left out (the archive then asks for it at
            # this item), never その他 by default.
            agenda.append({"title": item.title, "access": item_access})
            meeting.miss(f"agenda[{len(agenda) - 1}].kind",
                         "the record does not state the item's kind (確認事項, 諮問, 報告 or その他)", item.line)
            continue
        if item.kind in ("確認事項", "その他"):
            agenda.append({"kind": item.kind, "title": item.title, "access": item_access})
            continue
        if item.number:
            case = Draft("case", fields.case_id(item.number), {}, number=item.number, link_only=True)
        else:
            counters[item.kind] += 1
            prefix = "shimon" if item.kind == "諮問" else "hokoku"
            case = Draft("case", f"{prefix}-{meeting_id}-{counters[item.kind]}", {}, link_only=True)
        opinion = "\n\n".join(item.opinion) or None
        results = set(_RESULT.findall(fields.flat(opinion))) if opinion else set()
        result = results.pop() if len(results) == 1 else None
        decision = None
        if item.kind == "諮問":
            if result:
                decision = {"result": result, "meeting": meeting_id, "published": UNSTATED, "opinion": opinion}
            else:
                case.miss("decision", "no 審議会意見 that says 承認 / 了承 / 不承認" if not opinion
                          else "the 審議会意見 does not state one result", item.line)
        dept = None
        if department:
            units = fields.departments(department)
            dept = units[0] if len(units) == 1 else units
        case.front = {"kind": item.kind, "number": item.number, "title": item.title,
                      "department": dept, "meetings": [meeting_id], "decision": decision}
        for field_name in (("bases", "request") if dept else ("department", "bases", "request")):
            case.miss(field_name, "a meeting record does not carry the case's documents", item.line)
        cases.append(case)
        entry = {"kind": item.kind, "case": case.id}
        if result and decision:  # one source, the case's decision: outcome only repeats it
            entry["outcome"] = result
        if item_access:
            entry["access"] = item_access
        agenda.append(entry)
    speaker_map, unresolved = speakers(labels, present + absent, "\n".join(minutes_lines))
    for label in unresolved:
        meeting.miss(f"speakers.{label}", "the minutes do not say which part of the label is the name")
    nxt = next_meeting(body, held.earliest() if held and held.precision == "day" else None)
    kind = _record_kind([*head.title_lines, name])
    title = _title(name, head.title_lines)
    meeting.front = {
        "term": ref.term if ref else None, "session": ref.session if ref else None,
        "fiscal_year": None if held or ref is None else ref.fiscal_year,
        "title": title,
        "date": when if held else None,
        "start": start_t, "end": end_t,
        "place": place,
        "access": access if access and (access == "公開" or access_reason) else None,
        "access_reason": access_reason if access in ("非公開", "一部非公開") else None,
        "present": present or None, "absent": absent or None,
        "secretariat": secretariat or None,
        "observers": observers,
        "record": kind,
        "notice": UNSTATED, "record_published": UNSTATED,
        "agenda": agenda,
        "materials": materials(head.fields["materials"].values if "materials" in head.fields else []),
        "speakers": speaker_map,
        "next_meeting": nxt,
    }
    meeting.comments = {"notice": UNSTATED_COMMENT}
    if any("kind" not in entry for entry in agenda):
        meeting.comments["agenda"] = ("An item without kind: the record does not state it; write 確認事項, 諮問, "
                                      "報告 or その他 from the source.")
    meeting.body = body
    if not present and attending.count is not None:
        meeting.miss("present", f"the record gives only a head count ({attending.count}名), no names",
                     head.line("present"))
    for token in attending.unread:
        meeting.notes.append(Unknown("present", f"「{token}」 not read as a name", head.line("present")))
    for field_name, value in (("date", held), ("start", start_t), ("place", place),
                              ("present", present or attending.count is not None), ("absent", absent),
                              ("record", kind)):
        if not value:
            meeting.miss(field_name, "not in the record's header")
    if access == "一部非公開":
        numbers = header.closed_items(head.get("access"))
        for n in numbers:
            if 0 < n <= len(agenda) and access_reason:
                agenda[n - 1]["access"], agenda[n - 1]["access_reason"] = "非公開", access_reason
        if not any(item.get("access") == "非公開" for item in agenda):
            meeting.miss("agenda", "一部非公開: the record does not say (in a form read) which items were closed",
                         head.line("access"))
    if access in ("非公開", "一部非公開") and not access_reason:
        meeting.miss("access", f"{access} is stated without its reason", head.line("access"))
    for field_name in ("access", "observers"):
        if meeting.front.get(field_name) is None and not any(u.field == field_name for u in meeting.unknown):
            meeting.miss(field_name, "the record does not state it")
    return [*cases, meeting]
