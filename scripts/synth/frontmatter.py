"""YAML as the synth writes it: the front matter of case and meeting files, the councils of
site_config.yml.

PyYAML writes it (yaml.dump, with a Dumper of our own); what is ours is only the style, close to
what a secretariat types: block mappings, lists indented under their key, a string quoted (with
double quotes) only where a plain one would be misread, and one-line {…} maps for the short
records of a list (people, agenda items, materials).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.model import casefile

# The case-file format grows; write only the fields this checkout's models know.
HAS = {
    "disclosure": "disclosure" in casefile.Council.model_fields,
    "notice": "notice" in casefile.Meeting.model_fields,
    "record_state": "record_state" in casefile.Meeting.model_fields,
    "record_published": "record_published" in casefile.Meeting.model_fields,
    "material_published": "published" in casefile.Material.model_fields,
    "decision_published": "published" in casefile.Decision.model_fields,
    "item_access": "access" in casefile.AgendaItem.model_fields,
}


class Flow(dict):
    """A mapping written on one line: {name: 佐藤 一郎, role: 会長}."""


class FlowList(list):
    """A list written on one line: [13-01, 13-02]."""


class Quoted(str):
    """A string always in double quotes: "2022-03", "10:00", document numbers."""


class Plain(str):
    """A string never quoted (identifiers: 13-01)."""


# Where a plain string could be misread: a leading indicator or digit, ': ' or ' #', a quote, a
# line break, spaces at an end, or a YAML 1.1 boolean or null.
_PLAIN_BAD = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~]|[:#'\"\n]|\s$|^(?:yes|no|on|off|true|false|null|y|n)$",
                        re.I)
_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # a list under a key is indented: `bases:\n  - …`

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same string twice is written twice, never as an anchor and alias


def _str(dumper: yaml.SafeDumper, s: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, s, style='"' if not s or _PLAIN_BAD.search(s) else None)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Quoted, lambda d, s: d.represent_scalar(_STR, str(s), style='"'))
_Dumper.add_representer(Plain, lambda d, s: d.represent_scalar(_STR, str(s), style=None))
_Dumper.add_representer(Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m, flow_style=True))
_Dumper.add_representer(FlowList, lambda d, m: d.represent_sequence("tag:yaml.org,2002:seq", m, flow_style=True))


def dump(data: dict | list) -> str:
    """Block YAML in the synth's style, keys in the order given, lines never folded."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 30,
                     default_flow_style=False)


def front_matter(data: dict) -> str:
    return f"---\n{dump(data)}---\n"


def flow(**fields: Any) -> Flow:
    """A one-line map of the fields that are not None."""
    return Flow((k, v) for k, v in fields.items() if v is not None)
