"""Stage 2, validate: raw records → typed models, every error in one run.

Pydantic checks the fields; this module turns its errors into `file:line: field: message`
lines a secretariat can act on, and collects warnings such as dates written in the wrong era.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostics
from .japanese import PartialDate
from .load import Located, RawContent, RawRecord
from .models import Consultation, Council, Meeting, parse_case_number


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
        elif isinstance(part, str) and not re.fullmatch(r"[^\s\[\]()]+", part) or part in ("str", "list[str]") \
                or (isinstance(node, dict) and part[:1].isupper()):
            continue  # pydantic's name for a union member (Notice) or validator, not a field
        else:
            node = None
        out += f".{part}" if out else str(part)
    return out


def explain(error: dict[str, Any], model: type[BaseModel]) -> str:
    """A pydantic error in words: what was found and what was expected."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"unknown field (check the spelling; fields are listed in generator/schema/REFERENCE.md)"
    if kind == "literal_error":
        return f"{value!r} is not allowed (expected one of {ctx.get('expected')})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not match the expected form ({ctx.get('pattern')})"
    if kind in ("string_type", "int_type", "int_parsing", "bool_type", "bool_parsing",
                "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "int_type": "a whole number",
                    "int_parsing": "a whole number", "bool_type": "true or false",
                    "bool_parsing": "true or false", "list_type": "a list (lines starting '- ')",
                    "dict_type": "fields (name: value)", "model_type": "fields (name: value)",
                    "model_attributes_type": "fields (name: value)"}[kind]
        return f"{value!r} is not {expected}"
    if kind == "greater_than_equal":
        return f"{value!r} must be at least {ctx.get('ge')}"
    return error["msg"]


def validate_model(model: type[BaseModel], located: Located, diagnostics: Diagnostics,
                   file: Any, *, prefix: str = "") -> BaseModel | None:
    """Validate one mapping; report each error at the line of its field."""
    try:
        instance = model.model_validate(located.data)
    except ValidationError as exc:
        seen: set[str] = set()
        for err in exc.errors(include_url=False):
            path = field_path(err["loc"], located.data)
            if path in seen:  # a union reports once per member: the first says enough
                continue
            seen.add(path)
            if err["type"] == "value_error" and not path:
                # model-level validators say which field in their message ("field: …")
                head, _, rest = str(err["ctx"]["error"]).partition(": ")
                if rest and " " not in head:
                    path, err = head, {**err, "ctx": {"error": rest}}
            full = f"{prefix}{path}" if prefix else path
            diagnostics.error(file, located.line(full), full, explain(dict(err), model))
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


def validate_content(raw: RawContent, councils: list[Council], diagnostics: Diagnostics) -> ValidContent:
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
    return valid


def _check_number(case: Consultation, council: Council, record: RawRecord,
                  diagnostics: Diagnostics) -> bool:
    if case.number is None:
        return True
    try:
        parse_case_number(case.number, council.numbering)
    except ValueError as exc:
        diagnostics.error(record.path, record.front.line("number"), "number",
                          f"{exc} ({council.name} numbers its cases "
                          f"{'諮問第480号' if council.numbering == 'running' else '令和2年度第26号議案'})")
        return False
    return True
