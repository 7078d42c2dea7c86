"""Errors and warnings that name the file, the line, the field and what was expected.

Every stage adds to one `Diagnostics` list instead of raising, so one run reports every
broken file (the style guide: never stop at the first error, never swallow one).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


def printable_path(text: str) -> str:
    """A file name with its control characters shown as escapes (a newline in a name must not
    start a new line of the report)."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """`content/adachi/meetings/13-04.md:7: date: '令和4年13月27日' is not a date (month 13)`."""

    file: str
    line: int
    field: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: {self.message}" if self.field else self.message
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{what}"


@dataclass
class Diagnostics:
    root: Path = field(default_factory=Path.cwd)
    items: list[Diagnostic] = field(default_factory=list)

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
        self.items.append(Diagnostic(self._rel(file), line, field, message))

    def warning(self, file: Path | str, line: int, field: str, message: str) -> None:
        self.items.append(Diagnostic(self._rel(file), line, field, message, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "warning")

    def report(self) -> str:
        lines = [str(d) for d in self.errors + self.warnings]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


class ContentError(Exception):
    """Raised at the end of a stage when the content has errors; carries all of them."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(diagnostics.report())
