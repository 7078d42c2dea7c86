"""The import report: what was written, what was left alone, and every field left unknown.

Honest by construction: each unknown field is listed with the file, the field and why, so a
person knows exactly what to fill in; nothing unknown is ever written as a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .draft import Draft


@dataclass
class ImportReport:
    source: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Path] = field(default_factory=list)      # exists and differs; no --force
    linked: list[tuple[str, Path]] = field(default_factory=list)  # number → existing case file
    drafts: list[tuple[Draft, Path]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def unknown_rows(self) -> list[tuple[str, str, str]]:
        """(file, field, why) for every field left unknown."""
        return self._rows("unknown")

    def note_rows(self) -> list[tuple[str, str, str]]:
        return self._rows("notes")

    def _rows(self, kind: str) -> list[tuple[str, str, str]]:
        """Rows of the files that exist as imported (written now or already the same): a file
        not written has no fields to fill in."""
        rows = []
        on_disk = set(self.written) | set(self.unchanged)
        for draft, path in self.drafts:
            if path not in on_disk:
                continue
            for u in getattr(draft, kind):
                where = f" (source line {u.line})" if u.line else ""
                rows.append((path.as_posix(), u.field, u.why + where))
        return rows

    def text(self) -> str:
        out = [f"import {self.source}:"]
        out += [f"  wrote      {p.as_posix()}" for p in self.written]
        out += [f"  unchanged  {p.as_posix()}" for p in self.unchanged]
        out += [f"  linked     {n} → {p.as_posix()} (exists; left as it is)" for n, p in self.linked]
        out += [f"  NOT WRITTEN {p.as_posix()}: it exists and differs (a person may have edited it); "
                f"--force overwrites it" for p in self.refused]
        rows = self.unknown_rows()
        out.append(f"unknown fields ({len(rows)}): left out, shown as 不明; fill them in from the source")
        out += [f"  {f}: {fld}: {why}" for f, fld, why in rows]
        notes = self.note_rows()
        if notes:
            out.append(f"kept as written, to check ({len(notes)}):")
            out += [f"  {f}: {fld}: {why}" for f, fld, why in notes]
        return "\n".join(out)
