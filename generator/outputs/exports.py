"""The open data files: consultations, meetings and speaker turns (JSON and CSV), and the
meetings again as Open Civic Data events (`data/events.ocd.json`).

Each record has its page's URL (relative to the site root) and ISO dates. The field tables
below are the documentation: the オープンデータ page and README render them, and a test checks
that every exported field is in them. `files(archive)` gives every file as (path, bytes): the
plugin writes them, like every other output.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_left, bisect_right
from datetime import date
from typing import Any

from ..model import urls
from ..model.archive import Archive, CaseEntry, MeetingEntry
from ..model.casefile import Council
from ..model.japanese import PartialDate

CONSULTATION_FIELDS: dict[str, str] = {
    "id": "識別子（審議会ID/案件ID）",
    "url": "案件ページのURL（サイトのルートからの相対パス）",
    "council": "審議会・審査会（id, name, municipality, municipality_code＝全国地方公共団体コード）",
    "number": "番号（原文の表記。例：諮問第480号、令和2年度第26号議案）。不明はnull",
    "number_fiscal_year": "番号に含まれる年度（西暦の開始年）。なければnull",
    "number_seq": "番号の数字部分（並べ替え用）",
    "kind": "種別（諮問／報告）",
    "title": "件名",
    "source": "原本（自治体が公開している文書のURL）。登録がなければnull",
    "department": "主管課・担当課（複数の場合は「、」区切り）",
    "bases": "根拠条文の一覧（article＝条文、category＝分類、procedure＝諮問／報告）",
    "categories": "分類の一覧（外部委託、外部結合、外部提供など）",
    "fiscal_year": "年度（西暦の開始年。令和2年度＝2020）。不明はnull",
    "request_date": "依頼日（ISO 8601。日が不明なら年月のみ）",
    "document_number": "文書番号（例：20経情送第342号）",
    "meetings": "審議した会議のIDの一覧",
    "outcome": "答申（result＝結果、date＝日付、meeting＝会議ID、opinion＝意見）。記録がなければnull",
    "decision_number": "答申番号（原文の表記。例：答申第516号）。記載がなければnull",
    "cites": "引用している過去の答申（text＝原文の表記、phrase＝引用している文、source＝本文／審議経過／手動、"
             "file・line＝記載箇所、year_month または number＝引用先、target＝案件ID（未収録はnull））",
    "cited_by": "この案件を引用している案件のIDの一覧",
}

MEETING_FIELDS: dict[str, str] = {
    "id": "識別子（審議会ID/会議ID）",
    "url": "会議ページのURL（サイトのルートからの相対パス）",
    "council": "審議会・審査会（id, name, municipality, municipality_code）",
    "title": "会議名",
    "source": "原本（自治体が公開している会議録などのURL）。登録がなければnull",
    "term": "期（例：13）",
    "session": "回（例：4）",
    "fiscal_year": "年度（西暦の開始年）",
    "date": "開催日（ISO 8601。日が不明なら年月のみ）",
    "date_precision": "開催日の精度（day／month／year）",
    "start": "開始時刻（HH:MM）",
    "end": "終了時刻（HH:MM）",
    "place": "開催場所",
    "access": "公開／非公開／一部非公開。不明はnull",
    "access_reason": "非公開の理由",
    "present": "出席者（name, role）。不明はnull",
    "absent": "欠席者（name, role）。不明はnull",
    "secretariat": "事務局",
    "observers": "傍聴者数。不明はnull",
    "agenda": "議題（kind, title, case＝案件ID, outcome, access＝公開／非公開, access_reason）",
    "next_meeting": "次回開催（date, start）",
    "disclosure": "公開状況（obligation＝義務、due＝期限、done＝実施日（不明の場合は「不明」）、state＝状況）。"
                  "as_of の日付時点",
    "as_of": "公開状況の判定日（ISO 8601）",
}

TURN_FIELDS: dict[str, str] = {
    "id": "識別子（審議会ID/会議ID#発言ID）",
    "url": "発言の位置のURL（会議ページ＋アンカー）",
    "meeting": "会議のID",
    "order": "会議の中での順番（1から）",
    "speaker": "会議録での発言者の表記（例：川合会長）",
    "name": "発言者の氏名（会議ファイルの speakers に登録がある場合）。なければnull",
    "role": "発言者の役職（登録がある場合）。なければnull",
    "case": "その発言がある議事の案件ID。議事の外ならnull",
    "section": "その発言がある見出し",
    "text": "発言の本文（ページに表示される文字。非公開の部分は含みません）",
}

OCD_FIELDS: dict[str, str] = {
    "events.ocd.json": "会議を Open Civic Data の Event の形（name, start_date, end_date, timezone, status, "
                       "location, participants, agenda, documents, sources）で並べたもの。status は"
                       "判定日（as_of）より前の会議が passed、以後が confirmed",
}


def council_record(c: Council) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "municipality": c.municipality,
            "municipality_code": c.municipality_code}


def consultation_record(case: CaseEntry) -> dict[str, Any]:
    m = case.model
    d = m.decision
    return {
        "id": case.key,
        "url": case.url,
        "council": council_record(case.council),
        "number": m.number,
        "number_fiscal_year": case.number_parts.fiscal_year if case.number_parts else None,
        "number_seq": case.number_parts.seq if case.number_parts else None,
        "kind": m.kind,
        "title": m.title,
        "source": m.source,
        "department": "、".join(m.departments) or None,
        "bases": [{"article": b.article, "category": b.category, "procedure": b.procedure or m.kind}
                  for b in m.bases],
        "categories": m.categories,
        "fiscal_year": case.fiscal_year,
        "request_date": m.request.date.iso() if m.request and m.request.date else None,
        "document_number": m.request.document_number if m.request else None,
        "meetings": [mt.key for mt in case.meetings],
        "outcome": None if d is None else {
            "result": d.result, "date": d.date.iso() if d.date else None,
            "meeting": case.decision_meeting.key if case.decision_meeting else None,
            "opinion": None if case.closed else d.opinion},  # closed stays closed
        "decision_number": d.number if d else None,
        "cites": [cite_record(c) for c in case.cites],
        "cited_by": list(dict.fromkeys(c.citing.key for c in case.cited_by)),
    }


def cite_record(cite) -> dict[str, Any]:
    ref: dict[str, Any] = {}
    if (ym := cite.year_month) is not None:
        ref["year_month"] = f"{ym[0]:04d}-{ym[1]:02d}"
    elif cite.key.startswith("no:"):
        ref["number"] = cite.key[3:]
    return {"text": cite.label, "phrase": cite.phrase, "source": cite.source, "file": cite.file,
            "line": cite.line, **ref, "target": cite.target.key if cite.target else None}


def meeting_record(meeting: MeetingEntry, as_of: date | None = None) -> dict[str, Any]:
    m = meeting.model

    def members(lst):
        return None if lst is None else [{"name": x.name, "role": x.role} for x in lst]

    return {
        "id": meeting.key,
        "url": meeting.url,
        "council": council_record(meeting.council),
        "title": meeting.title,
        "source": m.source,
        "term": m.term,
        "session": m.session,
        "fiscal_year": meeting.fiscal_year,
        "date": m.date.iso() if m.date else None,
        "date_precision": m.date.precision if m.date else None,
        "start": m.start,
        "end": m.end,
        "place": m.place,
        "access": m.access,
        "access_reason": m.access_reason,
        "present": members(m.present),
        "absent": members(m.absent),
        "secretariat": m.secretariat,
        "observers": m.observers,
        "agenda": [{"kind": a.item.kind, "title": a.title,
                    "case": a.case.key if a.case else None, "outcome": a.item.outcome,
                    "access": a.item.access, "access_reason": a.item.access_reason}
                   for a in meeting.agenda],
        "next_meeting": None if m.next_meeting is None else {
            "date": m.next_meeting.date.iso() if m.next_meeting.date else None,
            "start": m.next_meeting.start},
        "disclosure": [{"obligation": o.name, "due": o.due.isoformat() if o.due else None,
                        "done": None if o.done is None else o.done if isinstance(o.done, str) else o.done.iso(),
                        "state": o.state} for o in meeting.obligations],
        "as_of": as_of.isoformat() if as_of else None,
    }


def _csv(records: list[dict[str, Any]], fields: list[str]) -> str:
    """One row a record; nested values as compact JSON, lists of ids joined by ';'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for r in records:
        row = []
        for f in fields:
            v = r[f]
            if f == "council":
                v = v["id"]
            elif isinstance(v, list) and all(isinstance(x, str) for x in v):
                v = ";".join(v)
            elif isinstance(v, (dict, list)):
                v = json.dumps(v, ensure_ascii=False)
            row.append("" if v is None else _cell(v))
        writer.writerow(row)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @) is kept as text with a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def turn_records(meeting: MeetingEntry) -> list[dict[str, Any]]:
    """Each speaker turn of the published minutes, with its text (the plain text of its
    paragraphs as the page shows them, the speaker mark taken off). Built from what
    withholding left: a closed section has no turns."""
    blocks = meeting.body.blocks  # text_blocks(meeting.record_body), from the parse that rendered it
    lines = [line for line, _text in blocks]
    ends = sorted({t.line for t in meeting.body.turns} | {h.line for h in meeting.body.headings})
    cases = {a.section.id: a.case.key for a in meeting.agenda if a.section and a.case}
    titles = {h.id: h.text for h in meeting.body.headings}
    speakers = meeting.model.speakers
    out = []
    for order, turn in enumerate(meeting.body.turns, 1):
        after = bisect_right(ends, turn.line)
        stop = bisect_left(lines, ends[after]) if after < len(ends) else len(blocks)
        text = "\n\n".join(t for _line, t in blocks[bisect_left(lines, turn.line):stop])
        text = text.lstrip("○◯〇").removeprefix(turn.label).strip()
        who = speakers.get(turn.label)
        out.append({
            "id": f"{meeting.key}#{turn.id}", "url": f"{meeting.url}#{turn.id}", "meeting": meeting.key,
            "order": order, "speaker": turn.label, "name": who.name if who else None,
            "role": who.role if who else None,
            "case": cases.get(turn.section) if turn.section else None,
            "section": titles.get(turn.section) if turn.section else None, "text": text})
    return out


def ocd_event(meeting: MeetingEntry, as_of: date | None) -> dict[str, Any]:
    """A meeting in the Open Civic Data Event shape, so that civic-tech tools read it as is."""
    m = meeting.model

    def when(t: str | None) -> str | None:
        if m.date is None:
            return None
        if t is None or m.date.precision != "day":
            return m.date.iso()
        return f"{m.date.iso()}T{t}:00+09:00"

    passed = m.date is not None and as_of is not None and m.date.earliest() < as_of
    participants = [{"name": meeting.council.name, "entity_type": "organization", "note": "host"}]
    participants += [{"name": x.name, "entity_type": "person", "note": x.role or "出席"}
                     for x in m.present or []]
    return {
        "name": meeting.title,
        "description": meeting.label,
        "classification": "committee-meeting",
        "start_date": when(m.start),
        "end_date": when(m.end) if m.end else None,
        "timezone": "Asia/Tokyo",
        "all_day": False,
        "status": "passed" if passed else "confirmed",
        "location": {"name": m.place, "note": "", "coordinates": None} if m.place else None,
        "participants": participants,
        "documents": [{"note": x.title, "date": x.published.iso() if isinstance(x.published, PartialDate) else "",
                       "links": [{"url": x.url, "media_type": ""}] if x.url else []}
                      for x in m.materials],
        "agenda": [{"description": a.title, "order": str(i), "classification": [a.item.kind],
                    "subjects": [], "notes": [n for n in (a.item.outcome, a.item.access) if n],
                    "related_entities": ([{"entity_type": "bill", "name": a.case.label,
                                           "note": a.case.url}] if a.case else [])}
                   for i, a in enumerate(meeting.agenda, 1)],
        "sources": [{"url": meeting.url, "note": "会議ページ（サイトのルートからの相対パス）"},
                    *([{"url": m.source, "note": "原本"}] if m.source else [])],
        "extras": {"id": meeting.key, "access": m.access, "access_reason": m.access_reason,
                   "fiscal_year": meeting.fiscal_year, "term": m.term, "session": m.session},
    }


def files(archive: Archive) -> list[tuple[str, bytes]]:
    """Every open-data file as (path under the site, bytes)."""
    out: list[tuple[str, bytes]] = []
    for name, records, fields in (
            ("consultations", [consultation_record(c) for c in archive.cases], CONSULTATION_FIELDS),
            ("meetings", [meeting_record(m, archive.as_of) for m in archive.meetings], MEETING_FIELDS),
            ("turns", [t for m in archive.meetings for t in turn_records(m)], TURN_FIELDS)):
        out.append((urls.data(f"{name}.json"), _json(records)))
        # UTF-8 with BOM so that Excel, which most secretariats open CSV in, reads Japanese.
        out.append((urls.data(f"{name}.csv"), ("\ufeff" + _csv(records, list(fields))).encode("utf-8")))
    out.append((urls.data("events.ocd.json"), _json([ocd_event(m, archive.as_of) for m in archive.meetings])))
    return out


def _json(records: list[dict[str, Any]]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
