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
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ..model.diagnostics import Diagnostics
from ..model.memo import Memo
from ..model.messages import yaml_problem
from ..model.values import id_problem

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


class _Limits:
    """Refuses what could exhaust memory or the stack before anything is constructed (aliases,
    depth), counted on the parser's events as the composer reads them."""

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)  # type: ignore[call-arg]  # the reader of the class it is mixed into
        self._depth = 0
        self._aliases = 0
        self._offset = first_line - 1

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlLimit(event.start_mark.line + 1 + self._offset, "",
                                f"別名（*名前）が{MAX_ALIASES}個を超えています。値をそのまま書いてください")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimit(event.start_mark.line + 1 + self._offset, "",
                            f"項目の入れ子が{MAX_DEPTH}段を超えています。字下げを見直してください")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the secretariat wrote, within `_Limits`; the
    reference reader (pure Python), and the rules `_on_libyaml` gives the fast one.

    Dates go through one parser (japanese.parse_date) whether written 令和3年3月5日 or
    2021-03-05, so YAML's own timestamp resolution is switched off.
    """


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
        None, None, f"「!{suffix}」（YAMLのタグ）は案件・会議ファイルでは使えません。値そのものを書いてください",
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
    if node.tag.endswith(":int") and isinstance(value, str) and value.startswith("+"):
        raise yaml.constructor.ConstructorError(
            None, None, f"「{value}」の「+」は要りません。数字だけで書いてください", node.start_mark)
    if node.tag.endswith(":int") and isinstance(value, str) and not _DECIMAL.match(value):
        # YAML 1.1 reads 010 as 8, 0x9 as 9 and 1_0 as 10: never silently a different number
        raise yaml.constructor.ConstructorError(
            None, None, f"「{value}」は別の数に読まれる書き方です（YAMLは 010 を 8 と読みます）。"
            "数字だけで、先頭に0を付けずに書いてください", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node) if node.tag.endswith(":int") \
        else yaml.SafeLoader.construct_yaml_float(loader, node)


_ContentLoader.add_constructor("tag:yaml.org,2002:int", _no_sexagesimal)
_ContentLoader.add_constructor("tag:yaml.org,2002:float", _no_sexagesimal)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _LibyamlEvents(Composer, CParser, SafeConstructor, Resolver):
        """yaml.CSafeLoader with PyYAML's own composer: libyaml (C) scans and parses, ten times
        faster than the pure-Python reader, while the nodes are composed in Python, so that
        `_Limits` sees every event (an alias, one more level) before it is composed."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


def _on_libyaml(loader: type[_Loader]) -> type | None:
    """`loader` reading its events from libyaml: the same limits, constructors and resolvers."""
    if not yaml.__with_libyaml__:
        return None
    return type(f"{loader.__name__}OnLibyaml", (_Limits, _LibyamlEvents), {
        name: getattr(loader, name) for name in ("yaml_constructors", "yaml_multi_constructors",
                                                 "yaml_implicit_resolvers", "yaml_path_resolvers")})


# Where libyaml and PyYAML read the same text differently, the text goes to the reference
# reader: libyaml reads a tab between tokens as a space (`title: \tvalue`, refused by PyYAML),
# takes `?` into a plain scalar in […] and {…} (PyYAML ends it there), reads a lone `!` tag as
# text (PyYAML: resolved as if untagged), a comment right after `|` or `>` (PyYAML: an error),
# skips a BOM (U+FEFF) at the start of a line (PyYAML reads it as text), and finds a control
# character only when it reaches it (PyYAML refuses the text before reading anything). So: the
# characters PyYAML's reader accepts (yaml.reader.Reader.NON_PRINTABLE), less the tab, `?`, `!`
# and U+FEFF, and no `|#`.
_LIBYAML_DIFFERS = re.compile("[^\n\r\x20\x22-\x3e\x40-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                              "\U00010000-\U0010ffff]|[|>][-+0-9]*#")
_FAST: dict[type[_Loader], type | None] = {loader: _on_libyaml(loader) for loader in (_Loader, _ContentLoader)}


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


# A parse is a pure function of the text: the live preview parses again only the files a save
# changed. What it returns is read, never changed, by the stages after it.
_PARSED: Memo[Located] = Memo()


def load_yaml(text: str, *, first_line: int = 1, content: bool = False) -> Located:
    """Parse one YAML document; raises yaml.YAMLError (with a problem_mark) when broken, and
    YamlLimit (line, field) when it is too deep, aliases too much or repeats a field.
    `content`: a case or meeting file, where no tag is allowed."""
    return _PARSED.get((text, first_line, content), lambda: _parse_yaml(text, first_line, content))


def _parse_yaml(text: str, first_line: int, content: bool) -> Located:
    reference = _ContentLoader if content else _Loader
    if (fast := _FAST[reference]) is not None and not _LIBYAML_DIFFERS.search(text):
        try:
            located: Located | None = _load(fast, text, first_line, content)
        except YamlLimit:
            raise
        except (yaml.YAMLError, ValueError):
            located = None
        if located is not None and located.data is not None:
            return located
        # libyaml refused it (or could not take the text: a lone surrogate), or it is empty
        # (libyaml puts an empty document a line lower when the text ends without a line break):
        # the reference reader reads it again, so that an error says what, and where, it always has.
    return _load(reference, text, first_line, content)


def _load(loader_class: type, text: str, first_line: int, content: bool = False) -> Located:
    loader = loader_class(text, first_line)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {"": first_line})
        lines: dict[str, int] = {}
        _walk(node, "", lines, first_line - 1, [0], loader if content else None)
        # Constructed from the same nodes: the text is parsed once.
        return Located(loader.construct_document(node), lines)
    finally:
        loader.dispose()


def _explicit_tag(loader: yaml.SafeLoader, node: yaml.Node) -> str | None:
    """The tag written on a node (`!!str 1`, `!ENV x`), or None: a node's tag differs from the one
    its text alone would be given."""
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # None from PyYAML's parser, "" from libyaml's
        implicit = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
        return None if node.tag == implicit else node.tag
    default = "tag:yaml.org,2002:map" if isinstance(node, yaml.MappingNode) else "tag:yaml.org,2002:seq"
    return None if node.tag == default else node.tag


def _walk(node: yaml.Node, path: str, lines: dict[str, int], offset: int, count: list[int],
          content: yaml.SafeLoader | None = None) -> None:
    """Record the line of every field; `content` (the loader of a case or meeting file): a
    written tag is an error at its field, even one that changes nothing."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlLimit(node.start_mark.line + 1 + offset, path,
                        f"値が{MAX_NODES:,}個を超えています（別名は使うたびに数えます）。ファイルを分けてください")
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if content is not None and (tag := _explicit_tag(content, node)):
        written = tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlLimit(node.start_mark.line + 1 + offset, path,
                        f"「{written}」（YAMLのタグ）は案件・会議ファイルでは使えません。値そのものを書いてください")
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and \
            (bad := re.search(r"[\x00\ud800-\udfff]", node.value)):
        raise YamlLimit(node.start_mark.line + 1 + offset, path,
                        f"NUL か壊れた文字（U+{ord(bad.group()):04X}）が入っています。その文字を消してください")
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            child = f"{path}.{name}" if path else name
            line = key.start_mark.line + 1 + offset
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:null":
                raise YamlLimit(line, path, f"「{name if isinstance(key, yaml.ScalarNode) else '…'}: 」は"
                                "項目名として読めません（~ や空欄、[ ] や { } は項目名になりません）。"
                                "generator/schema/REFERENCE.md の項目名を書いてください")
            if name == "<<":
                raise YamlLimit(line, child, "「<<」（YAMLの結合キー）は項目ではありません。項目を1つずつ書いてください")
            if name in seen:
                raise YamlLimit(line, child, f"同じ項目が2回書かれています（{seen[name]}行目にもあります）。1つにしてください")
            seen[name] = line
            lines[child] = line
            _walk(value, child, lines, offset, count, content)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", lines, offset, count, content)


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
    front_text: str = ""  # the front matter as written (from the file's line 2), for what YAML drops


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


_LINK = "シンボリックリンクです。リンク先は読みません。ファイルそのものを置いてください"


def _entries(folder: Path, diagnostics: Diagnostics) -> list[Path]:
    """The `*.md` regular files of a folder; everything else there is reported."""
    if not folder.is_dir():
        return []
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        diagnostics.error(folder, 0, "folder", f"読めません（{exc.strerror}）。フォルダの権限を確かめてください")
        return []
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") and not entry.name.lower().endswith(".md"):
            continue  # .gitkeep, .DS_Store: not content
        if entry.is_symlink():
            diagnostics.error(path, 0, "file", _LINK)
        elif entry.is_dir(follow_symlinks=False):
            diagnostics.error(path, 0, "file", "フォルダです。案件・会議のファイルは "
                                               f"{folder.name}/ の直下に置いてください")
        elif not entry.is_file(follow_symlinks=False):
            diagnostics.error(path, 0, "file", "普通のファイルではありません（パイプや装置？）。"
                                               ".md のテキストファイルだけを置いてください")
        elif not entry.name.endswith(".md"):
            diagnostics.error(path, 0, "file", f"読まれません（読むのは .md で終わるファイルだけです）。"
                                               f"{Path(entry.name).stem.lower()}.md に名前を変えるか、"
                                               "content/ の外に移してください")
        else:
            found.append(path)
    return found


def read_text(path: Path, diagnostics: Diagnostics) -> str | None:
    """A content file's text, or None with the reason reported: too large, not UTF-8 (with
    the encoding it seems to be in), NUL characters. Line ends become \n."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.error(path, 0, "file", f"{size:,} バイトあります。1ファイルは "
                                               f"{MAX_FILE_BYTES:,} バイトまでです。ファイルを分けてください")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(path, 0, "file", f"読めません（{exc.strerror}）。ファイルの権限を確かめてください")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diagnostics.error(path, 1, "file", "文字コードが UTF-16 です。UTF-8 で保存し直してください")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.error(path, line, "file", f"文字コードが UTF-8 ではありません{_guess_encoding(data)}。"
                                              f"UTF-8 で保存し直してください（{line}行目から読めません）")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        diagnostics.error(path, line, "file", "NUL 文字が入っています（テキストではないファイル？）。テキストの .md ファイルにしてください")
        return None
    text = text.removeprefix("\ufeff")  # a BOM, as some Windows editors save it
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(data: bytes) -> str:
    for name, label in (("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP"), ("iso2022_jp", "JIS")):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return f"（{label} のようです）"
    return ""


# A key followed by a full-width colon, as a Japanese input method types it: `place：区役所`.
_WIDE_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*：", re.M)


def _yaml_error(path: Path, exc: yaml.YAMLError, diagnostics: Diagnostics, front: str = "") -> None:
    if isinstance(exc, YamlLimit):
        diagnostics.error(path, exc.line, exc.path or "front matter", exc.message)
        return
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 2 if mark else 1
    if wide := _WIDE_COLON.search(front):
        # The parser stumbles a line or two later; the cause is this line.
        diagnostics.error(path, front[: wide.start()].count("\n") + 2, "front matter",
                          "YAMLとして読めません。項目名の後が全角の「：」になっています。"
                          "半角の「:」と空白（「place: 区役所」のように）に直してください")
        return
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    diagnostics.error(path, line, "front matter", yaml_problem(problem, context))


def _front_fields(path: Path, front: str, diagnostics: Diagnostics) -> Located | None:
    """A content file's front matter (it starts on line 2), or None with the reason reported."""
    try:
        located = load_yaml(front, first_line=2, content=True)
    except RecursionError:
        diagnostics.error(path, 2, "front matter", "項目の入れ子が深すぎます。字下げを見直してください")
        return None
    except yaml.YAMLError as exc:
        _yaml_error(path, exc, diagnostics, front)
        return None
    return Located({}, {"": 2}) if located.data is None else located


def _load_file(path: Path, kind: RecordKind, council: str, diagnostics: Diagnostics) -> RawRecord | None:
    text = read_text(path, diagnostics)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        diagnostics.error(path, 1, "front matter", "ありません。1行目を ---、続けて「項目名: 値」の行、"
                                                   "最後に --- だけの行で閉じてください")
        return None
    if re.search(r"^\.\.\.[ \t]*$", text[: len(text) - len(body)], re.M):
        diagnostics.error(path, body_line - 1, "front matter", "「...」で終わっています。--- だけの行で "
                                                               "閉じてください")
        return None
    if "\ufeff" in front:
        line = front[: front.index("\ufeff")].count("\n") + 2
        diagnostics.error(path, line, "front matter", "項目の中に見えない文字 U+FEFF（BOM）が "
                                                      "あります。その文字を消してください")
        return None
    if re.match(r"\s*(---|\.\.\.)[ \t]*\n", body):
        line = body_line + len(body[:len(body) - len(body.lstrip())].split("\n")) - 1
        diagnostics.error(path, line, "front matter", "--- で囲んだ項目欄が2つあります。項目は "
                                                      "冒頭の1つにまとめてください")
        return None
    stem = path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", stem) or stem == "index" or id_problem(stem):
        diagnostics.error(path, 1, "file name", id_problem(stem) or f"「{path.name}」は使えません。半角の小文字英字・"
                                           "数字・-・_ で、index 以外の名前にしてください（ページのアドレスになります）")
        return None
    located = _front_fields(path, front, diagnostics)
    if located is None:
        # Kept (with no data) so that references to this file are not reported as unknown too.
        return RawRecord(path, kind, council, path.stem, Located(None, {"": 1}), body, body_line)
    if not isinstance(located.data, dict):
        diagnostics.error(path, 2, "front matter", "「項目名: 値」の行で書いてください"
                                                   "（いまは項目になっていません）")
        return None
    return RawRecord(path, kind, council, stem, located, body, body_line, front)


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
                diagnostics.error(path, 0, "file", f"同じフォルダの {seen[key]} と見た目が同じ名前です（濁点の"
                                                   "表し方、全角・半角、大文字・小文字だけが違います）。どちらか1つにしてください")
                continue
            seen[key] = name
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                diagnostics.error(path, 0, "file", _LINK)
                continue
            if not stat.S_ISREG(st.st_mode):
                diagnostics.error(path, 0, "file", "普通のファイルではありません（パイプや装置？）。取り除いてください")
                continue
            if name.startswith(".") or not name.lower().endswith(PAGE_SUFFIXES):
                continue  # images, PDFs: copied as they are
            if not name.endswith(".md"):
                diagnostics.error(path, 0, "file", f"ページは .md ファイルから読みます。"
                                                   f"{Path(name).stem}.md に名前を変えてください")
                continue
            text = read_text(path, diagnostics)
            if text is None:
                continue
            front, body, body_line = split_front_matter(text)
            if not text.strip():
                diagnostics.error(path, 1, "file", "空のファイルです（中身のないページが公開されます）。"
                                                   "本文を書くか、ファイルを取り除いてください")
                continue
            if front is not None and re.match(r"\s*(---|\.\.\.)[ \t]*\n", body):
                line = body_line + len(body[:len(body) - len(body.lstrip())].split("\n")) - 1
                diagnostics.error(path, line, "front matter", "--- で囲んだ項目欄が2つあります。項目は "
                                                              "冒頭の1つにまとめてください")
                continue
            located = Located({}, {"": 1})
            if front is not None:
                found = _front_fields(path, front, diagnostics)
                if found is None:
                    continue
                located = found
                if not isinstance(located.data, dict):
                    diagnostics.error(path, 2, "front matter", "「項目名: 値」の行で書いてください")
                    continue
            elif text.startswith("---"):
                diagnostics.error(path, 1, "front matter", "--- で始まっていますが、閉じる "
                                                           "--- の行がありません。項目の後に --- だけの行を加えてください")
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
            diagnostics.error(child, 0, "folder", "site_config.yml にある審議会のIDではありません"
                                            f"（{'、'.join(sorted(council_ids))} のどれかです）。フォルダ名を直してください")
        elif not child.is_dir() and not child.name.startswith("."):
            diagnostics.error(child, 0, "file", "ここに置いたファイルは読まれません。案件・会議のファイルは "
                                                "content/<審議会ID>/cases/ か meetings/ に置いてください")
    for council in council_ids:
        base = content_dir / council
        for child in sorted(base.iterdir()) if base.is_dir() else []:
            if child.is_symlink():
                if child.name not in FOLDERS:
                    diagnostics.error(child, 0, "file", _LINK)
            elif child.is_dir() and child.name not in FOLDERS:
                diagnostics.error(child, 0, "file", "知らないフォルダです。cases/ か meetings/ にしてください")
            elif not child.is_dir() and not child.name.startswith("."):
                diagnostics.error(child, 0, "file", "ここには置けません。cases/ か meetings/ に移してください")
