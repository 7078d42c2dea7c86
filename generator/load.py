"""Stage 1, load: content/ → raw records (plain data with the line of every field).

PyYAML's nodes carry their position, so the loader keeps a map from field path
(`bases[0].category`) to line; the later stages report errors against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .diagnostics import Diagnostics

RecordKind = Literal["case", "meeting"]
FOLDERS: dict[str, RecordKind] = {"cases": "case", "meetings": "meeting"}


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the secretariat wrote.

    Dates go through one parser (japanese.parse_date) whether written 令和3年3月5日 or
    2021-03-05, so YAML's own timestamp resolution is switched off.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    """MkDocs' own tags (!ENV, !relative) in site_config.yml: read the value as plain data."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _any_tag)
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """Parsed YAML with the 1-based line of each field path ('' is the document itself)."""

    data: Any
    lines: dict[str, int]

    def line(self, path: str) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            parent = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
            path = "" if parent == path else parent
        return self.lines.get("", 1)


def load_yaml(text: str, *, first_line: int = 1) -> Located:
    """Parse one YAML document; raises yaml.YAMLError (with a problem_mark) when broken."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {"": first_line})
        lines: dict[str, int] = {}
        _walk(node, "", lines, first_line - 1)
        # Constructed from the same nodes: the text is parsed once.
        return Located(loader.construct_document(node), lines)
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: str, lines: dict[str, int], offset: int) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1 + offset
            _walk(value, child, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", lines, offset)


@dataclass
class RawRecord:
    """One case or meeting file, read but not yet validated."""

    path: Path
    kind: RecordKind
    council: str
    id: str
    front: Located  # data is None when the YAML is broken (already reported)
    body: str
    body_line: int  # line of the file on which the body starts


@dataclass
class RawContent:
    records: list[RawRecord] = field(default_factory=list)


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line the body starts on)."""
    m = _FRONT.match(text)
    if not m:
        return None, text, 1
    front = m.group(1)
    return front, text[m.end():], text[: m.end()].count("\n") + 1


def load_content(content_dir: Path, council_ids: list[str], diagnostics: Diagnostics) -> RawContent:
    """Read every case and meeting file under content/<council>/{cases,meetings}/."""
    raw = RawContent()
    for council in sorted(council_ids):
        for folder, kind in FOLDERS.items():
            for path in sorted((content_dir / council / folder).glob("*.md")):
                if record := _load_file(path, kind, council, diagnostics):
                    raw.records.append(record)
    _report_stray_files(content_dir, council_ids, diagnostics)
    return raw


def _load_file(path: Path, kind: RecordKind, council: str, diagnostics: Diagnostics) -> RawRecord | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error(path, 1, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    text = text.removeprefix("\ufeff")  # a BOM, as some Windows editors save it
    front, body, body_line = split_front_matter(text)
    if front is None:
        diagnostics.error(path, 1, "", "has no front matter (expected a first line '---', "
                                       "the fields, then a line '---')")
        return None
    try:
        located = load_yaml(front, first_line=2)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        diagnostics.error(path, line, "", f"broken YAML: {problem}" + (f" ({context})" if context else ""))
        # Kept (with no data) so that references to this file are not reported as unknown too.
        return RawRecord(path, kind, council, path.stem, Located(None, {"": 1}), body, body_line)
    if located.data is None:
        located = Located({}, {"": 2})
    if not isinstance(located.data, dict):
        diagnostics.error(path, 2, "", "front matter must be fields (name: value), "
                                       f"not a {type(located.data).__name__}")
        return None
    stem = path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", stem) or stem == "index":
        diagnostics.error(path, 1, "", f"file name '{path.name}' must be lower-case letters, "
                                       "digits, - and _, and not index (it becomes the page's URL)")
        return None
    return RawRecord(path, kind, council, stem, located, body, body_line)


def _report_stray_files(content_dir: Path, council_ids: list[str], diagnostics: Diagnostics) -> None:
    """A case file in a misspelt folder would silently vanish from the site: say so."""
    known = set(council_ids) | {"pages"}
    for child in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if child.is_dir() and child.name not in known and not child.name.startswith("."):
            diagnostics.error(child, 0, "", "is not the id of a council in site_config.yml "
                                            f"(expected one of: {', '.join(sorted(council_ids))})")
    for council in council_ids:
        base = content_dir / council
        for child in sorted(base.iterdir()) if base.is_dir() else []:
            if child.is_dir() and child.name not in FOLDERS:
                diagnostics.error(child, 0, "", "unknown folder (expected cases/ or meetings/)")
            elif child.is_file() and not child.name.startswith("."):
                diagnostics.error(child, 0, "", "belongs in cases/ or meetings/")
