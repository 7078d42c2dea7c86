"""Errors and warnings that name the file, the line, the field and what to do — in Japanese.

Every stage adds to one `Diagnostics` list instead of raising, so one run reports every
broken file (the style guide: never stop at the first error, never swallow one).

A line reads `file:line: field: message`: the file and line stay machine-readable (editors and
tests jump to them), the field is named in Japanese terms with its key
(「議事の1件目の案件（case）」), the message says what is wrong and what to do (messages.py).
`Diagnostic.field` keeps the field's path as the data has it (`agenda[0].case`) for tools.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .messages import field_heading, file_kind, japanese_message


def printable_path(text: str) -> str:
    """A file name with its control characters shown as escapes (a newline in a name must not
    start a new line of the report)."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """`content/adachi/meetings/13-04.md:4: 開催日（date）: 「令和4年13月27日」は日付になっていません（13月は
    ありません）。月を直してください`."""

    file: str
    line: int
    field: str    # the path as the data has it: agenda[0].case
    message: str  # in Japanese: what is wrong, then what to do
    severity: Literal["error", "warning"] = "error"

    @property
    def label(self) -> str:
        """The field as the secretariat reads it: 議事の1件目の案件（case）."""
        return field_heading(self.field, file_kind(self.file))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = self.label
        what = f"{label}: {self.message}" if label else self.message
        prefix = "" if self.severity == "error" else "警告: "
        return f"{where}: {prefix}{what}"


@dataclass
class Diagnostics:
    root: Path = field(default_factory=Path.cwd)
    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def rel(self, file: Path | str) -> str:
        """The path as the secretariat knows it: relative to site_config.yml's folder, links
        not followed (a link's target is never printed), control characters escaped."""
        if not Path(file).is_absolute():  # already relative to the archive's folder
            return printable_path(Path(file).as_posix())
        path = Path(os.path.abspath(file))
        for root in (Path(os.path.abspath(self.root)), self.root.resolve()):
            try:
                text = path.relative_to(root).as_posix()
                break
            except ValueError:
                continue
        else:
            text = path.name
        return printable_path(text)

    _rel = rel

    def error(self, file: Path | str, line: int, field: str, message: str) -> None:
        self._add(Diagnostic(self._rel(file), line, field, japanese_message(message, self.root)))

    def warning(self, file: Path | str, line: int, field: str, message: str) -> None:
        self._add(Diagnostic(self._rel(file), line, field, japanese_message(message, self.root), "warning"))

    def _add(self, item: Diagnostic) -> None:
        # Once each: a stage that runs twice over the same file (a rebuild) must not say it twice.
        if item not in self._seen:
            self._seen.add(item)
            self.items.append(item)

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "warning")

    def report(self) -> str:
        lines = [str(d) for d in self.errors + self.warnings]
        lines.append(f"エラー {len(self.errors)} 件、警告 {len(self.warnings)} 件")
        return "\n".join(lines)


class ContentError(Exception):
    """Raised at the end of a stage when the content has errors; carries all of them."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(diagnostics.report())
