"""Write a case or meeting file: YAML front matter in a fixed order, then the body.

The same input always gives the same bytes (re-importing changes nothing), and the file reads
like the hand-written ones: block mappings, short records on one line
(`- {kind: 諮問, case: shimon-480, outcome: 了承}`), values quoted only where YAML needs it.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

_FLOW_MAX = 100  # a record shorter than this (as text) is written on one line
# Lists of small records written one record a line, as people write them by hand.
FLOW_KEYS = {"present", "absent", "agenda", "speakers"}


def scalar(value: Any) -> str:
    """A YAML scalar exactly as PyYAML would quote it, on one line."""
    if isinstance(value, str) and value and ((value[0].isdigit() and not value.isascii()) or ": " in value):
        # 20経情送第342号 reads as a string anyway; quoted, no reader has to wonder.
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if text.startswith("'"):  # one quoting style throughout: JSON strings are YAML
        text = json.dumps(value, ensure_ascii=False)
    return text


def _flow(mapping: dict[str, Any]) -> str | None:
    if not all(isinstance(v, (str, int)) and not (isinstance(v, str) and "\n" in v)
               for v in mapping.values()):
        return None
    text = "{" + ", ".join(f"{k}: {_flow_value(v)}" for k, v in mapping.items()) + "}"
    return text if len(text) <= _FLOW_MAX else None


def _flow_value(value: Any) -> str:
    s = scalar(value)
    # Inside {…}, a comma or a brace would end the value: quote it.
    if isinstance(value, str) and not s.startswith(('"', "'")) and any(c in value for c in ",{}[]"):
        s = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def _lines(value: Any, indent: int, flow: bool = False) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, v in value.items():
            if v is None:
                continue
            if isinstance(v, (dict, list)) and not v:
                continue
            if isinstance(v, str) and "\n" in v:
                out.append(f"{pad}{key}: |-")
                out.extend(f"{pad}  {line}" if line else "" for line in v.split("\n"))
            elif isinstance(v, list) and all(isinstance(x, str) for x in v) and key == "meetings":
                out.append(f"{pad}{key}: [{', '.join(_flow_value(x) for x in v)}]")
            elif isinstance(v, dict) and flow and (line := _flow(v)) is not None:
                out.append(f"{pad}{key}: {line}")
            elif isinstance(v, (dict, list)):
                out.append(f"{pad}{key}:")
                out.extend(_lines(v, indent + 2, key in FLOW_KEYS))
            else:
                out.append(f"{pad}{key}: {scalar(v)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                line = _flow(item) if flow else None
                if line is not None:
                    out.append(f"{pad}- {line}")
                    continue
                inner = _lines(item, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            else:
                out.append(f"{pad}- {scalar(item)}")
    return out


def render(front: dict[str, Any], body: str, comments: dict[str, str] | None = None) -> str:
    """The file's text. `comments` puts a `# …` line above a top-level field."""
    lines = ["---"]
    for key, value in front.items():
        part = _lines({key: value}, 0)
        if part and comments and key in comments:
            lines.append(f"# {comments[key]}")
        lines.extend(part)
    lines.append("---")
    text = "\n".join(lines) + "\n"
    body = body.strip("\n")
    return text + ("\n" + body + "\n" if body else "")
