"""YAML front matter of the case and meeting files."""

from __future__ import annotations

import json
import re

from generator import models

# The case-file format grows; write only the fields this checkout's models know.
HAS = {
    "disclosure": "disclosure" in models.Council.model_fields,
    "notice": "notice" in models.Meeting.model_fields,
    "record_state": "record_state" in models.Meeting.model_fields,
    "record_published": "record_published" in models.Meeting.model_fields,
    "material_published": "published" in models.Material.model_fields,
    "decision_published": "published" in models.Decision.model_fields,
    "item_access": "access" in models.AgendaItem.model_fields,
}

# --- YAML front matter, written by hand (fast, and close to what a secretariat writes) ---------

_PLAIN_BAD = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~]|[:#]\s|\s$|^(?:yes|no|on|off|true|false|null|y|n)$",
                        re.I)


def ys(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if not s or _PLAIN_BAD.search(s) or ":" in s or "#" in s or "\n" in s or '"' in s or "'" in s:
        return json.dumps(s, ensure_ascii=False)
    return s


def flow_map(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {ys(v)}" for k, v in d.items() if v is not None) + "}"
