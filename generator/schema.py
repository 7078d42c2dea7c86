"""The case-file format, documented from the models themselves.

`python -m generator schema` writes generator/schema/:
    case.schema.json, meeting.schema.json, settings.schema.json — JSON Schema for editors
    REFERENCE.md — every field of every file, with its type and description
A test fails when these files differ from what the models say.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from .model.casefile import (
    AgendaItem,
    ArchiveSettings,
    Basis,
    CitationOverride,
    Consultation,
    Council,
    Decision,
    Material,
    Meeting,
    Member,
    NextMeeting,
    Request,
    Speaker,
)
from .model.japanese import ERAS_JS, eras_js
from .model.urls import ADDRESSES_JS, addresses_js
from .stages.coherent import RULES

SCHEMA_DIR = Path(__file__).parent / "schema"
FILES: dict[str, type[BaseModel]] = {
    "case.schema.json": Consultation,
    "meeting.schema.json": Meeting,
    "settings.schema.json": ArchiveSettings,
}
REFERENCE_ORDER: list[tuple[str, type[BaseModel]]] = [
    ("content/<council>/cases/<id>.md (front matter)", Consultation),
    ("bases[]", Basis), ("request", Request), ("decision", Decision), ("citations[]", CitationOverride),
    ("content/<council>/meetings/<id>.md (front matter)", Meeting),
    ("present[] / absent[]", Member), ("speakers.<label>", Speaker), ("agenda[]", AgendaItem),
    ("materials[]", Material), ("next_meeting", NextMeeting),
    ("site_config.yml: plugins → council-archive", ArchiveSettings), ("councils[]", Council),
]


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        name = getattr(base, "__name__", str(base))
        return {"PartialDate": "date", "str": "text", "int": "integer"}.get(name, name)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[0])} → {_type_name(args[1])}"
    if isinstance(annotation, type):
        return {"str": "text", "int": "integer", "bool": "true/false"}.get(annotation.__name__,
                                                                          annotation.__name__)
    return str(annotation)


def reference() -> str:
    lines = ["# Case-file reference", "",
             "Generated from `generator/model/casefile.py` by `python -m generator schema`; do not edit.",
             "Dates are 和暦 as written (`令和3年3月5日`, `令和 3 年 3 月 5 日`, `令和元年`) or ISO "
             "(`2021-03-05`); a month alone (`2021-03`) when the day is unknown. Fields left out "
             "are shown as 不明 (unknown) — never guessed.", ""]
    for title, model in REFERENCE_ORDER:
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        lines += [f"## {title}", "", doc, "", "| field | type | required | meaning |",
                  "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            required = "yes" if info.is_required() else ""
            desc = (info.description or "").replace("|", "\\|")
            kind = _type_name(info.annotation).replace("|", "\\|")
            lines.append(f"| `{name}` | {kind} | {required} | {desc} |")
        lines.append("")
    lines += ["## Checks across fields and files", "",
              "Each field can be right on its own and still contradict another; these are errors too "
              "(each at the line of the field that contradicts):", ""]
    lines += [f"- {rule}" for rule in RULES] + [""]
    return "\n".join(lines)


def generated() -> dict[str, str]:
    out = {name: json.dumps(model.model_json_schema(mode="validation"), ensure_ascii=False, indent=2) + "\n"
           for name, model in FILES.items()}
    out["REFERENCE.md"] = reference()
    return out


def write_schema() -> list[Path]:
    SCHEMA_DIR.mkdir(exist_ok=True)
    paths = []
    for name, text in generated().items():
        path = SCHEMA_DIR / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    # The era table for the search page's JavaScript, from the same one table (japanese.ERAS).
    eras = Path(__file__).resolve().parent.parent / ERAS_JS
    eras.write_text(eras_js(), encoding="utf-8")
    # The index's folder for the search client, from the one URL scheme (urls.SEARCH_INDEX).
    addresses = Path(__file__).resolve().parent.parent / ADDRESSES_JS
    addresses.write_text(addresses_js(), encoding="utf-8")
    return [*paths, eras, addresses]
