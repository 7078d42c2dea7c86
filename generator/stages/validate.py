"""Stage 2, validate: raw records → typed models, every error in one run.

Pydantic checks the fields; this module turns its errors into `file:line: field: message`
lines a secretariat can act on — in Japanese, with what to do and, for a misspelt field, the
field meant — and collects warnings such as dates written in the wrong era. Across files it
checks what one file cannot: an agenda item's result against its case's 答申 (plausible.py adds
the warnings of what is possible but probably a slip).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model.casefile import Consultation, Council, Meeting, parse_case_number
from ..model.diagnostics import Diagnostics
from ..model.japanese import PartialDate
from ..model.messages import file_kind, japanese_message, known_fields
from . import coherent, plausible
from .load import Located, RawContent, RawRecord


@dataclass
class ValidCase:
    council: Council
    id: str
    model: Consultation
    record: RawRecord


@dataclass
class ValidMeeting:
    council: Council
    id: str
    model: Meeting
    record: RawRecord


@dataclass
class ValidContent:
    cases: list[ValidCase] = field(default_factory=list)
    meetings: list[ValidMeeting] = field(default_factory=list)
    failed: list[RawRecord] = field(default_factory=list)  # read, but with errors


def field_path(loc: tuple[Any, ...], data: Any = None) -> str:
    """('bases', 0, 'category') → 'bases[0].category'.

    pydantic's loc also names union members and validators ('Notice', 'str'); with the data,
    a part is a field when the data holds it (so a speaker label with spaces stays in the
    path); without, parts that look like such names are left out."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            continue
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif (isinstance(part, str) and not re.fullmatch(r"[^\s\[\]()]+", part)) or part in ("str", "list[str]") \
                or (isinstance(node, dict) and part[:1].isupper()):
            continue  # pydantic's name for a union member (Notice) or validator, not a field
        else:
            node = None
        out += f".{part}" if out else str(part)
    return out


def _shown(value: Any) -> str:
    """A value as the file writes it: text as is, yes/no as true/false, nothing as 空欄."""
    if value is None:
        return "空欄"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_TYPES = {
    "string_type": "文字で書いてください（数や true/false と読まれる値は \"…\" で囲みます）",
    "int_type": "数字だけで書いてください（例：4）", "int_parsing": "数字だけで書いてください（例：4）",
    "int_from_float": "小数点のない数で書いてください（例：4）",
    "bool_type": "true（はい）か false（いいえ）を書いてください",
    "bool_parsing": "true（はい）か false（いいえ）を書いてください",
    "list_type": "リストで書いてください（行ごとに「- 」で始めるか、[a, b] のように書きます）",
    "dict_type": "「項目名: 値」の形で書いてください", "model_type": "「項目名: 値」の形で書いてください",
    "model_attributes_type": "「項目名: 値」の形で書いてください",
}


def did_you_mean(key: str, known: dict[str, str]) -> str | None:
    """The field meant by a misspelt or Japanese key: `plase` → place, `開催場所` → place."""
    for name, label in known.items():
        if key == label:
            return name
    close = difflib.get_close_matches(key.lower(), list(known), n=1, cutoff=0.6)
    if close:
        return close[0]
    by_label = difflib.get_close_matches(key, list(known.values()), n=1, cutoff=0.6)
    return next((n for n, label in known.items() if by_label and label == by_label[0]), None)


def explain(error: dict[str, Any], model: type[BaseModel], path: str = "", kind: str = "") -> str:
    """A pydantic error in the secretariat's words: what was found, then what to do."""
    err_type, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if err_type == "missing":
        key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        return f"必ず書く項目ですが、ありません。「{key}: 」の行を加えて値を書いてください"
    if err_type == "extra_forbidden":
        parent, _, key = path.rpartition(".")
        known = known_fields(kind, parent)
        meant = did_you_mean(key, known)
        if meant:
            return (f"そういう項目はありません。{meant}（{known[meant]}）の書き間違いではありませんか。"
                    f"項目名を {meant} に直してください")
        return ("そういう項目はありません。項目名を直すか、行を消してください"
                "（書ける項目は generator/schema/REFERENCE.md にあります）")
    if err_type == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        hint = f"「{close[0]}」ではありませんか。" if close and value is not None else ""
        return (f"「{_shown(value)}」は使えません。{hint}次のどれかを書いてください："
                + "、".join(allowed))
    if err_type == "value_error":
        return japanese_message(str(ctx.get("error", error["msg"])))
    if err_type == "string_too_short":
        return "空です。値を書くか、分からなければ項目ごと消してください"
    if err_type == "too_short" and isinstance(value, str):
        return "空です。値を書くか、分からなければ項目ごと消してください"
    if err_type == "too_short":
        return "空のリストです。1つ以上書くか、分からなければ項目ごと消してください"
    if err_type == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        if pattern.startswith("^[a-z0-9]"):
            return (f"「{_shown(value)}」はIDとして使えません。半角の小文字英字・数字・-・_ で書いてください"
                    "（例：shimon-480、13-04。ファイル名と同じです）")
        if pattern == r"^\d{6}$":
            return f"「{_shown(value)}」は6桁の数字ではありません。全国地方公共団体コードを6桁で書いてください"
        return f"「{_shown(value)}」は空です。値を書いてください"
    if err_type in _TYPES:
        return f"「{_shown(value)}」は使えません。{_TYPES[err_type]}"
    if err_type == "greater_than_equal":
        return f"「{_shown(value)}」は使えません。{ctx.get('ge')}以上の数を書いてください"
    if err_type == "less_than_equal":
        return (f"「{_shown(value)}」は大きすぎてありえない数です。{ctx.get('le')}以下の数を書いてください"
                "（桁の書き間違いではありませんか）")
    return (f"「{_shown(value)}」はこの項目に書けない値です。generator/schema/REFERENCE.md の説明どおりに"
            "書いてください")


def validate_model(model: type[BaseModel], located: Located, diagnostics: Diagnostics,
                   file: Any, *, prefix: str = "") -> BaseModel | None:
    """Validate one mapping; report each error at the line of its field."""
    try:
        instance = model.model_validate(located.data)
    except ValidationError as exc:
        seen: set[str] = set()
        errors = exc.errors(include_url=False)
        paths = [field_path(err["loc"], located.data) for err in errors]
        for err, path in zip(errors, paths, strict=True):
            if path in seen:  # a union reports once per member: the first says enough
                continue
            if err["type"] == "literal_error" and any(p.startswith((path + ".", path + "[")) for p in paths):
                # a union of a form and a word (notice: {…} | 不明): the form's own error says more
                continue
            seen.add(path)
            if err["type"] == "value_error" and not path:
                # model-level validators say which field in their message ("field: …")
                head, _, rest = str(err["ctx"]["error"]).partition(": ")
                if rest and " " not in head:
                    path, err = head, {**err, "ctx": {"error": rest}}
            full = f"{prefix}{path}" if prefix else path
            diagnostics.error(file, located.line(full), full,
                              explain(dict(err), model, full, file_kind(diagnostics.rel(file))))
        return None
    for path, pd in _dates(instance, prefix.rstrip(".")):
        if pd.note:
            diagnostics.warning(file, located.line(path), path, pd.note)
    return instance


def _dates(value: Any, path: str):
    """Every PartialDate inside a model, with its field path (for era warnings)."""
    if isinstance(value, PartialDate):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dates(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, f"{path}.{key}" if path else str(key))


def validate_content(raw: RawContent, councils: list[Council], diagnostics: Diagnostics,
                     as_of: date | None = None) -> ValidContent:
    """Every file against its model, then what only several files together can say. `as_of`:
    the day the archive describes (for dates that are implausibly far ahead); default today."""
    by_id = {c.id: c for c in councils}
    valid = ValidContent()
    for record in raw.records:
        council = by_id[record.council]
        if record.front.data is None:
            valid.failed.append(record)
            continue
        if record.kind == "case":
            model = validate_model(Consultation, record.front, diagnostics, record.path)
            if isinstance(model, Consultation) and _check_number(model, council, record, diagnostics):
                valid.cases.append(ValidCase(council, record.id, model, record))
            else:
                valid.failed.append(record)
        else:
            model = validate_model(Meeting, record.front, diagnostics, record.path)
            if isinstance(model, Meeting):
                valid.meetings.append(ValidMeeting(council, record.id, model, record))
            else:
                valid.failed.append(record)
    _check_outcomes(valid, diagnostics)
    coherent.check(valid, councils, diagnostics)
    plausible.check(valid, as_of or date.today(), diagnostics)
    return valid


# The results of a 答申 (models.Result without その他): an agenda outcome that is one of these
# says what the case's decision says, so the two must agree.
DECISION_RESULTS = ("承認", "了承", "条件付き承認", "条件付き了承", "不承認")


def _check_outcomes(valid: ValidContent, diagnostics: Diagnostics) -> None:
    """One source for an item's result: the case's `decision`. An agenda `outcome` that names a
    result (了承, 承認 …) contradicts the case when the case says otherwise: a different result
    (了承 against 承認), or no decision at all — the meeting page would say 了承 while the case
    page says 答申未登録 and 公開状況 counts the 答申's publication 対象外. Both are errors
    (README: one source for an item's result, or a contradiction error). A decision given at
    another meeting stays a warning: the result agrees, and which meeting gave it is the
    secretariat's to confirm (a 答申 given at a later meeting after a provisional 了承)."""
    cases = {(c.council.id, c.id): c for c in valid.cases}
    for m in valid.meetings:
        if m.model.draft:
            continue
        for i, item in enumerate(m.model.agenda):
            case = cases.get((m.council.id, item.case or ""))
            outcome = (item.outcome or "").strip()
            if case is None or case.model.draft or outcome not in DECISION_RESULTS:
                continue
            path = f"agenda[{i}].outcome"
            where = f"案件 {item.case}（{diagnostics.rel(case.record.path)}）"
            decision = case.model.decision
            if decision is None:
                diagnostics.error(
                    m.record.path, m.record.front.line(path), path,
                    f"結果が「{outcome}」ですが、{where}に答申（decision）がありません（このままでは案件の"
                    "ページに「答申未登録」、公開状況に答申の公表が「対象外」と出て、会議のページと食い違います）。"
                    f"答申は案件ファイルに書きます：decision: {{result: {outcome}, meeting: {m.id}}} を加えるか、"
                    "まだ答申していなければ outcome を消してください")
            elif decision.result != outcome:
                diagnostics.error(
                    m.record.path, m.record.front.line(path), path,
                    f"結果が「{outcome}」ですが、{where}の答申の結果（decision.result）は「{decision.result}」"
                    "です。原資料を確かめて、どちらかを直してください")
            elif decision.meeting is not None and decision.meeting != m.id:
                diagnostics.warning(
                    m.record.path, m.record.front.line(path), path,
                    f"結果が「{outcome}」ですが、{where}の答申は会議 {decision.meeting} でのものです"
                    "（decision.meeting）。この会議で答申したのでなければ outcome を「継続審議」などに直すか"
                    "消してください")


def _check_number(case: Consultation, council: Council, record: RawRecord,
                  diagnostics: Diagnostics) -> bool:
    if case.number is None:
        return True
    try:
        parse_case_number(case.number, council.numbering)
    except ValueError as exc:
        form = '諮問第480号' if council.numbering == 'running' else '令和2年度第26号議案'
        diagnostics.error(record.path, record.front.line("number"), "number",
                          f"{japanese_message(str(exc))}（{council.name}の番号は {form} の形です）")
        return False
    return True
