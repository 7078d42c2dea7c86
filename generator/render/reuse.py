"""Case and meeting pages a build can take from the previous build of the same process (`serve`).

A page is the template's rendering of what the plugin hands it. This module digests all of
that into one key — the page's fingerprint — and a page whose fingerprint the last build also
rendered is not rendered again: its HTML is taken from the memo (model/memo.py), so a save in
the live preview renders only the pages whose inputs changed.

The fingerprint holds:
- the build's *salt*: the configuration file's text, the site's address, the nav, the
  templates (every file of the theme folder, and the versions of MkDocs and Material), the
  as-of day;
- the page's own values as MkDocs draws them: address, title, meta, table of contents, body;
- the digest of every value the page's template is given (`PageSpec.context`), taken field by
  field, every field of every object (pydantic models and dataclasses alike: nothing is
  chosen by hand, so a field added later is in it). An entry that a value refers to (a case's
  meetings, the cases citing it, an agenda item's case) enters with all its own fields, and so
  do the entries *those* refer to, to `HOPS` steps from the page's own entry — templates read
  an entry's neighbours (a meeting's cases' titles) and what their properties compute from
  theirs (a case's date is its first meeting's), never further.

Only the live preview keeps pages (`ENABLED`), and only case and meeting pages are reused: a listing page reads the whole archive, and there are
few of them. The digest of a type it does not know is an error, never a silent skip.
`tests/test_incremental.py` checks that a build after random edits (bodies, titles, closures,
cases added and removed, settings) gives the bytes of a clean build.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

from ..model.archive import CaseEntry, MeetingEntry
from ..model.memo import Memo

HOPS = 2  # entries reached through references from the page's own values, and theirs
# Set by the live preview (preview.py): a one-off `build` keeps nothing (its memory is the page
# being rendered, not every page).
ENABLED = False
REUSABLE = ("case.html", "meeting.html")

Entry = CaseEntry | MeetingEntry

# fingerprint → the template's output (before on_post_page), kept from one build to the next
PAGES: Memo[str] = Memo()


def _ref(entry: Entry) -> str:
    return f"{type(entry).__name__}:{entry.council.id}/{entry.id}"


class Digester:
    """Digests of values; an entry inside a value is written as a reference (`_ref`) and
    collected, and its own fields are digested once per build (`entry`)."""

    def __init__(self) -> None:
        self._entries: dict[int, tuple[bytes, tuple[Entry, ...]]] = {}

    def value(self, obj: Any) -> tuple[bytes, list[Entry]]:
        refs: list[Entry] = []
        h = hashlib.sha256()
        self._feed(obj, h, refs)
        return h.digest(), refs

    def entry(self, entry: Entry) -> tuple[bytes, tuple[Entry, ...]]:
        """The digest of an entry's own fields, and the entries they refer to."""
        key = id(entry)
        if key not in self._entries:
            refs: list[Entry] = []
            h = hashlib.sha256()
            self._fields(entry, h, refs)  # its own fields; a reference back to it is a reference
            self._entries[key] = (h.digest(), tuple(refs))
        return self._entries[key]

    def _feed(self, obj: Any, h: Any, refs: list[Entry]) -> None:
        w = h.update
        t = type(obj)
        if t is str:
            data = obj.encode("utf-8", "surrogatepass")
            w(b"s%d:" % len(data) + data)
        elif t is list or t is tuple:
            w(b"[%d" % len(obj))
            for item in obj:
                self._feed(item, h, refs)
            w(b"]")
        elif obj is None or t is bool or t is int or t is float:
            w(f"{t.__name__}:{obj!r};".encode())
        elif t is dict:
            w(b"(%d" % len(obj))
            for k, v in obj.items():
                self._feed(k, h, refs)
                self._feed(v, h, refs)
            w(b")")
        elif t is CaseEntry or t is MeetingEntry:
            refs.append(obj)
            w(b"@" + _ref(obj).encode() + b";")
        elif t in _FIELDS or (dataclasses.is_dataclass(obj) and not isinstance(obj, type)):
            self._fields(obj, h, refs)
        elif isinstance(obj, BaseModel):
            w(t.__name__.encode() + b"<")
            self._feed(obj.__dict__, h, refs)
            self._feed(obj.__pydantic_extra__, h, refs)
            w(b">")
        elif isinstance(obj, bytes):
            w(b"b%d:" % len(obj) + obj)
        elif isinstance(obj, (date, datetime, PurePath, enum.Enum)):
            w(f"{t.__name__}:{obj!s};".encode())
        elif isinstance(obj, (set, frozenset)):
            parts = []
            for item in obj:
                sub = hashlib.sha256()
                self._feed(item, sub, refs)
                parts.append(sub.digest())
            w(b"{%d" % len(parts) + b"".join(sorted(parts)) + b"}")
        elif isinstance(obj, (str, int, float, list, tuple, dict)):  # a subclass: its name, its value
            w(t.__name__.encode())
            base: Any = next(b for b in (str, int, float, list, tuple, dict) if isinstance(obj, b))
            self._feed(base(obj), h, refs)
        else:
            raise TypeError(f"reuse: no digest for a {t.__name__} (add it to Digester._feed)")

    def _fields(self, obj: Any, h: Any, refs: list[Entry]) -> None:
        t = type(obj)
        names = _FIELDS.get(t)
        if names is None:
            # A Body's `tokens` is its parse, kept only until it is rendered: `rendered` is in.
            names = _FIELDS[t] = tuple(f.name for f in dataclasses.fields(obj) if f.name != "tokens")
        h.update(t.__name__.encode() + b"<")
        for name in names:
            h.update(name.encode() + b"=")
            self._feed(getattr(obj, name), h, refs)
        h.update(b">")


_FIELDS: dict[type, tuple[str, ...]] = {}


def fingerprint(digester: Digester, salt: bytes, page_values: Iterable[Any], context: dict[str, Any]) -> bytes:
    """The key of one page: the salt, the page's values, its template's context, and the own
    fields of every entry within HOPS references of them."""
    h = hashlib.sha256(salt)
    d, refs = digester.value([*page_values, context])
    h.update(d)
    seen: dict[int, Entry] = {}
    frontier = refs
    for _ in range(HOPS + 1):
        nxt: list[Entry] = []
        for entry in frontier:
            if id(entry) not in seen:
                seen[id(entry)] = entry
                nxt.extend(digester.entry(entry)[1])
        frontier = nxt
    for ref, own in sorted((_ref(e), digester.entry(e)[0]) for e in seen.values()):
        h.update(ref.encode() + b"=" + own)
    return h.digest()


def theme_digest(folders: Iterable[Path], versions: Iterable[str]) -> bytes:
    """Every file of the template folders (names and bytes), and the engines' versions."""
    h = hashlib.sha256("|".join(versions).encode())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            h.update(path.relative_to(folder).as_posix().encode() + b"%d:" % len(data) + data)
    return h.digest()
