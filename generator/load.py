"""Stage 1, load: content/ → raw records (plain data with the line of every field).

PyYAML's nodes carry their position, so the loader keeps a map from field path
(`bases[0].category`) to line; the later stages report errors against it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .diagnostics import Diagnostics

RecordKind = Literal["case", "meeting"]
FOLDERS: dict[str, RecordKind] = {"cases": "case", "meetings": "meeting"}


MAX_DEPTH = 20        # fields inside fields: a case file needs 4
MAX_ALIASES = 20     # *anchor references: a case file needs none
MAX_NODES = 20_000   # values, aliases expanded: the seeds' largest file has about 300
MAX_FILE_BYTES = 10_000_000  # a year of verbatim minutes is about 1 MB


class YamlLimit(yaml.YAMLError):
    """Well-formed YAML that a case file has no business holding (too deep, too many aliases,
    a field twice). Carries the line and the field path."""

    def __init__(self, line: int, path: str, message: str):
        super().__init__(message)
        self.line, self.path, self.message = line, path, message


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the secretariat wrote, and refuses what could
    exhaust memory or the stack before anything is constructed (aliases, depth).

    Dates go through one parser (japanese.parse_date) whether written 令和3年3月5日 or
    2021-03-05, so YAML's own timestamp resolution is switched off.
    """

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._offset = first_line - 1

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlLimit(event.start_mark.line + 1 + self._offset, "",
                                f"more than {MAX_ALIASES} aliases (*name): write the values out")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimit(event.start_mark.line + 1 + self._offset, "",
                            f"fields nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _ContentLoader(_Loader):
    """Case and meeting files: no tags at all (`!ENV` is MkDocs' business, not a case's)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    """MkDocs' own tags (!ENV, !relative) in site_config.yml: read the value as plain data."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


def _no_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag '!{suffix}' is not allowed in content files: write the value itself",
        node.start_mark)


_Loader.add_multi_constructor("!", _any_tag)
_ContentLoader.add_multi_constructor("!", _no_tag)
for _tag in ("binary", "timestamp", "set", "omap", "pairs"):
    # Only text, numbers, yes/no, lists and fields: `!!binary` would make a title bytes.
    _ContentLoader.add_constructor(f"tag:yaml.org,2002:{_tag}",
                                   functools.partial(lambda t, loader, node: _no_tag(loader, f"!{t}", node), _tag))
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads `start: 10:00` as the number 600 (base 60): in content it stays the text 10:00.
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_ContentLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers]
    for ch, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def _no_sexagesimal(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    value = loader.construct_scalar(node)
    if isinstance(value, str) and _SEXAGESIMAL.match(value.replace("_", "")):
        return value
    if node.tag.endswith(":int") and isinstance(value, str) and not _DECIMAL.match(value):
        # YAML 1.1 reads 010 as 8, 0x9 as 9 and 1_0 as 10: never silently a different number
        raise yaml.constructor.ConstructorError(
            None, None, f"'{value}' is a number in a form YAML reads differently (010 is 8 to it): "
            "write the number with digits only, without leading zeros", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node) if node.tag.endswith(":int") \
        else yaml.SafeLoader.construct_yaml_float(loader, node)


_ContentLoader.add_constructor("tag:yaml.org,2002:int", _no_sexagesimal)
_ContentLoader.add_constructor("tag:yaml.org,2002:float", _no_sexagesimal)


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


def load_yaml(text: str, *, first_line: int = 1, content: bool = False) -> Located:
    """Parse one YAML document; raises yaml.YAMLError (with a problem_mark) when broken, and
    YamlLimit (line, field) when it is too deep, aliases too much or repeats a field.
    `content`: a case or meeting file, where no tag is allowed."""
    loader = (_ContentLoader if content else _Loader)(text, first_line)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {"": first_line})
        lines: dict[str, int] = {}
        _walk(node, "", lines, first_line - 1, [0])
        # Constructed from the same nodes: the text is parsed once.
        return Located(loader.construct_document(node), lines)
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: str, lines: dict[str, int], offset: int, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlLimit(node.start_mark.line + 1 + offset, path,
                        f"more than {MAX_NODES:,} values (aliases count each time they are used)")
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and \
            (bad := re.search(r"[\x00\ud800-\udfff]", node.value)):
        raise YamlLimit(node.start_mark.line + 1 + offset, path,
                        f"holds a NUL or a broken character (U+{ord(bad.group()):04X}): delete it")
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            child = f"{path}.{name}" if path else name
            line = key.start_mark.line + 1 + offset
            if name == "<<":
                raise YamlLimit(line, child, "'<<' (a YAML merge key) is not a field: write the fields out")
            if name in seen:
                raise YamlLimit(line, child, f"written twice (also on line {seen[name]}); keep one")
            seen[name] = line
            lines[child] = line
            _walk(value, child, lines, offset, count)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", lines, offset, count)


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
    """Read every case and meeting file under content/<council>/{cases,meetings}/.

    Only regular files named `*.md` are read; anything else in those folders (a link, a
    folder named x.md, a named pipe, x.markdown, x.MD) is an error naming it, never skipped
    in silence and never followed."""
    raw = RawContent()
    for council in sorted(council_ids):
        base = content_dir / council
        if base.is_symlink():
            diagnostics.error(base, 0, "file", _LINK)
            continue
        for folder, kind in FOLDERS.items():
            where = base / folder
            if where.is_symlink():
                diagnostics.error(where, 0, "file", _LINK)
                continue
            for path in _entries(where, diagnostics):
                if record := _load_file(path, kind, council, diagnostics):
                    raw.records.append(record)
    _report_stray_files(content_dir, council_ids, diagnostics)
    return raw


_LINK = "is a symbolic link; links are not followed (put the file itself here)"


def _entries(folder: Path, diagnostics: Diagnostics) -> list[Path]:
    """The `*.md` regular files of a folder; everything else there is reported."""
    if not folder.is_dir():
        return []
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        diagnostics.error(folder, 0, "folder", f"cannot be read ({exc.strerror})")
        return []
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") and not entry.name.lower().endswith(".md"):
            continue  # .gitkeep, .DS_Store: not content
        if entry.is_symlink():
            diagnostics.error(path, 0, "file", _LINK)
        elif entry.is_dir(follow_symlinks=False):
            diagnostics.error(path, 0, "file", "is a folder; case and meeting files are files "
                                               f"directly in {folder.name}/")
        elif not entry.is_file(follow_symlinks=False):
            diagnostics.error(path, 0, "file", "is not a regular file (a pipe or device?); "
                                               "only .md text files are read")
        elif not entry.name.endswith(".md"):
            diagnostics.error(path, 0, "file", f"is not read: only files ending in .md are "
                                               f"(rename it to {Path(entry.name).stem.lower()}.md, "
                                               "or move it out of content/)")
        else:
            found.append(path)
    return found


def read_text(path: Path, diagnostics: Diagnostics) -> str | None:
    """A content file's text, or None with the reason reported: too large, not UTF-8 (with
    the encoding it seems to be in), NUL characters. Line ends become \n."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.error(path, 0, "file", f"is {size:,} bytes; a content file may be at most "
                                               f"{MAX_FILE_BYTES:,} (split it)")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(path, 0, "file", f"cannot be read ({exc.strerror})")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diagnostics.error(path, 1, "file", "is UTF-16, not UTF-8: save it as UTF-8")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.error(path, line, "file", f"is not UTF-8{_guess_encoding(data)}: save it as "
                                              f"UTF-8 (first bad byte at line {line})")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        diagnostics.error(path, line, "file", "holds a NUL character (is it a binary file?)")
        return None
    text = text.removeprefix("\ufeff")  # a BOM, as some Windows editors save it
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(data: bytes) -> str:
    for name, label in (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP"), ("iso2022_jp", "JIS")):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return f" (it looks like {label})"
    return ""


def _yaml_error(path: Path, exc: yaml.YAMLError, diagnostics: Diagnostics) -> None:
    if isinstance(exc, YamlLimit):
        diagnostics.error(path, exc.line, exc.path or "front matter", exc.message)
        return
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 2 if mark else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    diagnostics.error(path, line, "front matter",
                      f"broken YAML: {problem}" + (f" ({context})" if context else ""))


def _front_fields(path: Path, front: str, diagnostics: Diagnostics) -> Located | None:
    """A content file's front matter (it starts on line 2), or None with the reason reported."""
    try:
        located = load_yaml(front, first_line=2, content=True)
    except RecursionError:
        diagnostics.error(path, 2, "front matter", "nested too deeply")
        return None
    except yaml.YAMLError as exc:
        _yaml_error(path, exc, diagnostics)
        return None
    return Located({}, {"": 2}) if located.data is None else located


def _load_file(path: Path, kind: RecordKind, council: str, diagnostics: Diagnostics) -> RawRecord | None:
    text = read_text(path, diagnostics)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        diagnostics.error(path, 1, "front matter", "missing (expected a first line '---', "
                                                   "the fields, then a line '---')")
        return None
    if re.search(r"^\.\.\.[ \t]*$", text[: len(text) - len(body)], re.M):
        diagnostics.error(path, body_line - 1, "front matter", "ends with '...': end the fields with "
                                                               "a line '---'")
        return None
    if "\ufeff" in front:
        line = front[: front.index("\ufeff")].count("\n") + 2
        diagnostics.error(path, line, "front matter", "holds an invisible character U+FEFF "
                                                      "(a byte-order mark) inside the fields: delete it")
        return None
    if re.match(r"\s*(---|\.\.\.)[ \t]*\n", body):
        line = body_line + len(body[:len(body) - len(body.lstrip())].split("\n")) - 1
        diagnostics.error(path, line, "front matter", "a second block of fields after the first: "
                                                      "fields go in the one block at the top")
        return None
    stem = path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", stem) or stem == "index":
        diagnostics.error(path, 1, "file name", f"'{path.name}' must be lower-case letters, "
                                           "digits, - and _, and not index (it becomes the page's URL)")
        return None
    located = _front_fields(path, front, diagnostics)
    if located is None:
        # Kept (with no data) so that references to this file are not reported as unknown too.
        return RawRecord(path, kind, council, path.stem, Located(None, {"": 1}), body, body_line)
    if not isinstance(located.data, dict):
        diagnostics.error(path, 2, "front matter", "must be fields (name: value), "
                                                   f"not a {type(located.data).__name__}")
        return None
    return RawRecord(path, kind, council, stem, located, body, body_line)


# --- Hand-written pages (content/pages/) ----------------------------------------------------

# What MkDocs reads as a page (its Markdown extensions); every one is checked before MkDocs
# reads it, so that a page MkDocs would crash on (not UTF-8, broken front matter) is an error.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


@dataclass
class RawPage:
    """A hand-written page: its path under the pages folder (as MkDocs names it) and fields."""

    path: Path
    src_uri: str
    front: Located


def load_pages(pages_dir: Path, diagnostics: Diagnostics) -> list[RawPage]:
    """Check every file of the hand-written pages' folder: regular files only (no links, no
    loops, no pipes); each page UTF-8 with readable front matter."""
    pages: list[RawPage] = []
    if not pages_dir.is_dir():
        return pages
    if pages_dir.is_symlink():
        diagnostics.error(pages_dir, 0, "file", _LINK)
        return pages
    for dirpath, dirnames, filenames in os.walk(pages_dir, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                diagnostics.error(here / name, 0, "file", _LINK)
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
        seen: dict[str, str] = {}
        for name in sorted(filenames):
            path = here / name
            # Two names that look the same (NFC and NFD, as macOS and Windows save them, or
            # full and half width) would be two pages a reader cannot tell apart.
            key = unicodedata.normalize("NFKC", name).casefold()
            if key in seen:
                diagnostics.error(path, 0, "file", f"looks the same as {seen[key]}, another file here, but is written with other "
                                                   "characters (composed or decomposed marks, full or half width, "
                                                   "upper/lower case): keep one of them")
                continue
            seen[key] = name
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                diagnostics.error(path, 0, "file", _LINK)
                continue
            if not stat.S_ISREG(st.st_mode):
                diagnostics.error(path, 0, "file", "is not a regular file (a pipe or device?)")
                continue
            if name.startswith(".") or not name.lower().endswith(PAGE_SUFFIXES):
                continue  # images, PDFs: copied as they are
            if not name.endswith(".md"):
                diagnostics.error(path, 0, "file", f"pages are read from .md files: rename it to "
                                                   f"{Path(name).stem}.md")
                continue
            text = read_text(path, diagnostics)
            if text is None:
                continue
            front, _, _ = split_front_matter(text)
            located = Located({}, {"": 1})
            if front is not None:
                found = _front_fields(path, front, diagnostics)
                if found is None:
                    continue
                located = found
                if not isinstance(located.data, dict):
                    diagnostics.error(path, 2, "front matter", "must be fields (name: value)")
                    continue
            elif text.startswith("---"):
                diagnostics.error(path, 1, "front matter", "starts with '---' but has no closing "
                                                           "'---' line")
                continue
            pages.append(RawPage(path, path.relative_to(pages_dir).as_posix(), located))
    return pages


def _report_stray_files(content_dir: Path, council_ids: list[str], diagnostics: Diagnostics) -> None:
    """A case file in a misspelt folder would silently vanish from the site: say so."""
    known = set(council_ids) | {"pages"}
    for child in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        if child.is_symlink() and child.name not in known:
            diagnostics.error(child, 0, "file", _LINK)
        elif child.is_dir() and child.name not in known and not child.name.startswith("."):
            diagnostics.error(child, 0, "folder", "is not the id of a council in site_config.yml "
                                            f"(expected one of: {', '.join(sorted(council_ids))})")
        elif not child.is_dir() and not child.name.startswith("."):
            diagnostics.error(child, 0, "file", "is not read here: case and meeting files go in "
                                                "content/<council>/cases/ or meetings/")
    for council in council_ids:
        base = content_dir / council
        for child in sorted(base.iterdir()) if base.is_dir() else []:
            if child.is_symlink():
                if child.name not in FOLDERS:
                    diagnostics.error(child, 0, "file", _LINK)
            elif child.is_dir() and child.name not in FOLDERS:
                diagnostics.error(child, 0, "file", "unknown folder (expected cases/ or meetings/)")
            elif not child.is_dir() and not child.name.startswith("."):
                diagnostics.error(child, 0, "file", "belongs in cases/ or meetings/")
