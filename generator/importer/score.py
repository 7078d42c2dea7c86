"""Score the importer against documents whose truth a person wrote first: right / unknown / wrong.

A folder holds `<id>.txt` (or `.pdf`, `.html`) documents, each with `<id>.truth.json`: what a
person reads from it, written before the importer ran (`null` where the document does not say).
The council id is the file name's first part. Each document is imported into a fresh folder and
every fact of its truth is compared with the files written, structure by structure:

    identity     the meeting's 期 / 年度 / 回
    date         date, start, end
    place        開催場所
    attendees    出席者 and 欠席者, each name with its role
    observers    傍聴者数
    access       公開 / 非公開 / 一部非公開, the reason, each agenda item's closure
    agenda       each item: found by its title (or case number), its kind
    cases        each numbered case: its number, title, dates. A truth names a case by one number,
                 the 諮問's or the 答申's (答申第516号): a case is found by its `number` or by
                 its `decision.number`
    departments  主管課 / 担当課 named anywhere in the document
    citations    prior 答申 cited

A fact the truth gives and the files lack is *unknown*; a different value, or a value written where
the truth says the document does not state it (null), is *wrong*: wrong is worse than unknown.
A document refused (NotRecognised) leaves all its facts unknown and is listed as refused.

Used by `scripts/score_import` and by tests/test_import_corpus.py on the committed synthetic corpus.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.citations import find_citations
from ..model.japanese import parse_date, parse_fiscal_year, parse_time
from ..stages.load import split_front_matter

STRUCTURES = ("identity", "date", "place", "attendees", "observers", "access", "agenda", "cases",
              "departments", "citations")
SUFFIXES = (".txt", ".pdf", ".html", ".htm")


@dataclass
class Tally:
    right: int = 0
    unknown: int = 0
    wrong: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.unknown += other.unknown
        self.wrong += other.wrong

    @property
    def total(self) -> int:
        return self.right + self.unknown + self.wrong

    def __str__(self) -> str:
        return f"{self.right:4d} right {self.unknown:4d} unknown {self.wrong:3d} wrong"


@dataclass
class DocumentScore:
    id: str
    status: str  # written / refused: … / crashed: …
    by_structure: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in STRUCTURES})
    wrong: list[str] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        t = Tally()
        for v in self.by_structure.values():
            t.add(v)
        return t

    def right(self, structure: str) -> None:
        self.by_structure[structure].right += 1

    def unknown(self, structure: str) -> None:
        self.by_structure[structure].unknown += 1

    def bad(self, structure: str, what: str) -> None:
        self.by_structure[structure].wrong += 1
        self.wrong.append(f"{structure}: {what}")


def norm(text: object) -> str:
    """Compare text as a reader does: NFKC, no spaces, no quotes around a title."""
    s = unicodedata.normalize("NFKC", str(text))
    s = re.sub(r"\s+", "", s)
    return s.strip("「」『』\"'")


def _title(text: object) -> str:
    s = norm(text)
    s = re.sub(r"[((](?:報告|諮問|新規|公開審議|非公開)[))]$", "", s)
    return s.strip("「」『』")


def _date(value: object) -> str | None:
    try:
        return parse_date(str(value)).iso()
    except ValueError:
        return None


def _time(value: object) -> str | None:
    try:
        return parse_time(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


class _Written:
    """The files one import wrote: the meeting (at most one) and the cases."""

    def __init__(self, folder: Path) -> None:
        self.meeting: dict[str, Any] | None = None
        self.cases: dict[str, dict[str, Any]] = {}
        self.bodies: list[str] = []
        for path in sorted(folder.rglob("*.md")):
            front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
            data = yaml.safe_load(front) if front else {}
            self.bodies.append(body or "")
            if path.parent.name == "meetings":
                self.meeting = data or {}
            else:
                self.cases[path.stem] = data or {}

    def case_by_number(self, number: str) -> dict[str, Any] | None:
        """The case whose 諮問 number, or whose 答申's own number, is this one."""
        for case in self.cases.values():
            if norm(number) in _numbers(case):
                return case
        return None


def _numbers(case: dict[str, Any]) -> set[str]:
    """The numbers a case is known by: its own (the 諮問's) and its 答申's."""
    decision = case.get("decision") or {}
    return {norm(n) for n in (case.get("number"), decision.get("number")) if n}


def _compare(score: DocumentScore, structure: str, name: str, want: Any, got: Any,
             same: bool | None = None) -> None:
    if want is None:
        if got not in (None, "", [], {}):
            score.bad(structure, f"{name}: {got!r} written, the document does not say")
        return
    if got in (None, ""):
        score.unknown(structure)
    elif same if same is not None else str(want) == str(got):
        score.right(structure)
    else:
        score.bad(structure, f"{name}: {got!r} (truth {want!r})")


def _people(score: DocumentScore, name: str, want: list[dict[str, str]] | None,
            got: list[dict[str, Any]] | None) -> None:
    got = got or []
    if want is None:
        for p in got:
            score.bad("attendees", f"{name}: {p} written, the document names nobody")
        return
    by_name = {norm(p.get("name", "")): p for p in got}
    for person in want:
        found = by_name.pop(norm(person["name"]), None)
        if found is None:
            score.unknown("attendees")
            continue
        if "role" in person and person["role"] is None and found.get("role"):
            score.bad("attendees", f"{name}: {person['name']}: role {found['role']!r} written, the document gives none")
        elif person.get("role") and found.get("role") and found["role"] != person["role"]:
            score.bad("attendees", f"{name}: {person['name']}: role {found['role']!r} (truth {person['role']!r})")
        elif person.get("role") and not found.get("role"):
            score.unknown("attendees")
        else:
            score.right("attendees")
    for extra in by_name.values():
        score.bad("attendees", f"{name}: {extra} is not in the document's list")


def _agenda(score: DocumentScore, want: list[dict[str, Any]] | None, meeting: dict[str, Any],
            written: _Written) -> None:
    got = list(meeting.get("agenda") or [])
    if want is None:
        for item in got:
            score.bad("agenda", f"{item} written, the document lists no agenda")
        return

    def item_title(item: dict[str, Any]) -> str:
        if item.get("title"):
            return _title(item["title"])
        case = written.cases.get(str(item.get("case")), {})
        return _title(case.get("title", ""))

    def item_number(item: dict[str, Any]) -> str | None:
        case = written.cases.get(str(item.get("case")), {})
        return norm(case["number"]) if case.get("number") else None

    for w in want:
        match = None
        for item in got:
            t = item_title(item)
            if (w.get("number") and item_number(item) == norm(w["number"])) or (
                    w.get("title") and t and (t == _title(w["title"]) or _title(w["title"]) in t)):
                match = item
                break
        if match is None:
            score.unknown("agenda")
            for key in ("kind",):
                if w.get(key):
                    score.unknown("agenda")
            if "access" in w:
                score.unknown("access")
            continue
        got.remove(match)
        score.right("agenda")
        if w.get("kind"):
            _compare(score, "agenda", f"{w.get('title') or w.get('number')}: kind", w["kind"], match.get("kind"))
        if "access" in w:
            _compare(score, "access", f"item {w.get('title')}: access", w["access"], match.get("access"))
        elif match.get("access"):
            score.bad("access", f"item {w.get('title')}: access {match['access']!r} written, not stated")
    for item in got:
        if _title(item.get("title", "")) in ("その他", "閉会", "開会"):
            continue
        score.bad("agenda", f"{item} is not an item of the document")


def _meeting(score: DocumentScore, want: dict[str, Any], written: _Written) -> None:
    m = written.meeting or {}
    for key in ("session", "term"):
        _compare(score, "identity", key, want.get(key), m.get(key))
    # The archive derives 年度 from the date when the file leaves it out: that is what it shows.
    fiscal = m.get("fiscal_year")
    if fiscal is None and m.get("date") and want.get("fiscal_year") is not None:
        fiscal = parse_date(str(m["date"])).fiscal_year()
    elif fiscal is not None:
        fiscal = parse_fiscal_year(fiscal)
    _compare(score, "identity", "fiscal_year", want.get("fiscal_year"), fiscal)
    _compare(score, "date", "date", want.get("date"), _date(m["date"]) if m.get("date") else None)
    for key in ("start", "end"):
        _compare(score, "date", key, want.get(key), _time(m[key]) if m.get(key) is not None else None)
    place = m.get("place")
    _compare(score, "place", "place", want.get("place"), place,
             same=place is not None and want.get("place") is not None
             and norm(want["place"]) in norm(place) and len(norm(place)) - len(norm(want["place"])) <= 20)
    _people(score, "present", want.get("present"), m.get("present"))
    _people(score, "absent", want.get("absent"), m.get("absent"))
    _compare(score, "observers", "observers", want.get("observers"), m.get("observers"))
    _compare(score, "access", "access", want.get("access"), m.get("access"))
    reason = m.get("access_reason")
    _compare(score, "access", "access_reason", want.get("access_reason"), reason,
             same=reason is not None and want.get("access_reason") is not None
             and (norm(want["access_reason"]) in norm(reason) or norm(reason) in norm(want["access_reason"])))
    _agenda(score, want.get("agenda"), m, written)


def _departments(case: dict[str, Any]) -> list[str]:
    d = case.get("department")
    return [d] if isinstance(d, str) else list(d or [])


def _cases(score: DocumentScore, truth: dict[str, Any], written: _Written) -> None:
    for want in truth.get("cases") or []:
        if not want.get("number"):
            continue
        case = written.case_by_number(want["number"])
        if case is None:
            score.unknown("cases")
            for key in ("title", "decision_date", "request_date"):
                if want.get(key):
                    score.unknown("cases")
            continue
        score.right("cases")
        if want.get("title"):
            _compare(score, "cases", f"{want['number']}: title", want["title"], case.get("title"),
                     same=_title(want["title"]) == _title(case.get("title", "")))
        decision = case.get("decision") or {}
        request = case.get("request") or {}
        for key, got in (("decision_date", decision.get("date")), ("request_date", request.get("date"))):
            if key in want:
                _compare(score, "cases", f"{want['number']}: {key}", want[key], _date(got) if got else None)
    numbers = {norm(c["number"]) for c in truth.get("cases") or [] if c.get("number")}
    found = {norm(n) for case in written.cases.values() for n in _numbers(case)}
    # A 答申 number the truth gives and no case carries: a different one written is wrong.
    missed_toshin = [n for n in numbers if "答申" in n and n not in found]
    for case in written.cases.values():
        if _numbers(case) & numbers:
            continue
        if case.get("number"):
            score.bad("cases", f"case {case['number']!r} is not in the document")
        elif (case.get("decision") or {}).get("number") and missed_toshin:
            score.bad("cases", f"答申 {case['decision']['number']!r} (truth {'、'.join(sorted(missed_toshin))})")
    want_depts = [norm(d) for d in truth.get("departments") or []]
    got_depts = {norm(d) for case in written.cases.values() for d in _departments(case)}
    for d in want_depts:
        if d in got_depts:
            score.right("departments")
            got_depts.discard(d)
        else:
            score.unknown("departments")
    for d in got_depts:
        score.bad("departments", f"{d!r} is not a department the document names")


def _citations(score: DocumentScore, truth: dict[str, Any], written: _Written) -> None:
    found = {norm(c.phrase) for body in written.bodies for c in find_citations(body)}
    for phrase in truth.get("citations") or []:
        if any(norm(phrase) in f or f in norm(phrase) for f in found):
            score.right("citations")
            found = {f for f in found if not (norm(phrase) in f or f in norm(phrase))}
        else:
            score.unknown("citations")
    for f in found:
        score.bad("citations", f"{f!r} is not a citation of the document")


def score_document(document: Path, truth: dict[str, Any]) -> DocumentScore:
    from . import NotRecognised, import_file
    council = document.stem.split("-")[0]
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp)
        try:
            report = import_file(document, council, content)
            status = "written" if report.written else "nothing written"
        except NotRecognised as exc:
            status = f"refused: {str(exc)[:70]}"
        except Exception as exc:
            status = f"crashed: {type(exc).__name__}: {str(exc)[:60]}"
        score = DocumentScore(document.stem, status)
        written = _Written(content / council)
        if truth.get("meeting") is not None:
            _meeting(score, truth["meeting"], written)
        elif written.meeting:
            score.bad("identity", "a meeting file was written for a document that records no meeting")
        _cases(score, truth, written)
        _citations(score, truth, written)
    return score


def documents(folder: Path) -> Iterable[tuple[Path, Path]]:
    for truth in sorted(folder.glob("*.truth.json")):
        stem = truth.name.removesuffix(".truth.json")
        for suffix in SUFFIXES:
            doc = folder / f"{stem}{suffix}"
            if doc.is_file():
                yield doc, truth


def score_folder(folder: Path) -> list[DocumentScore]:
    return [score_document(doc, json.loads(truth.read_text(encoding="utf-8")))
            for doc, truth in documents(folder)]


def report(scores: list[DocumentScore], *, details: bool = True) -> str:
    lines = []
    totals = {s: Tally() for s in STRUCTURES}
    for sc in scores:
        lines.append(f"{sc.id:28s} {sc.total}   {sc.status}")
        if details:
            lines.extend(f"    wrong: {w}" for w in sc.wrong)
        for s, t in sc.by_structure.items():
            totals[s].add(t)
    lines.append("")
    lines.append("per structure:")
    grand = Tally()
    for s, t in totals.items():
        lines.append(f"  {s:12s} {t}")
        grand.add(t)
    share = f"{100 * grand.right / grand.total:.1f} % right" if grand.total else "no facts"
    lines.append(f"  {'all':12s} {grand}   ({share}; {len(scores)} documents, "
                 f"{sum(1 for s in scores if s.status == 'written')} written)")
    return "\n".join(lines)
