"""What an importer produces before anything is written: files as data, and what is unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from . import emit


@dataclass
class Unknown:
    """A field the importer could not read, and why: the report's line."""

    field: str
    why: str
    line: int | None = None  # in the source document


@dataclass
class Draft:
    """One case or meeting file to write: front matter (in order), body, what is unknown."""

    kind: Literal["case", "meeting"]
    id: str
    front: dict[str, Any]
    body: str = ""
    unknown: list[Unknown] = field(default_factory=list)
    notes: list[Unknown] = field(default_factory=list)  # kept as written, for a person to check
    comments: dict[str, str] = field(default_factory=dict)
    number: str | None = None  # a case's number, to link to an existing file
    link_only: bool = False    # a case named by a meeting record: created only when missing

    @property
    def folder(self) -> str:
        return "cases" if self.kind == "case" else "meetings"

    def text(self) -> str:
        return emit.render(self.front, self.body, self.comments)

    def miss(self, field_name: str, why: str, line: int | None = None) -> None:
        self.unknown.append(Unknown(field_name, why, line))


# The source does not say whether or when these were done: 不明, never "not done".
UNSTATED = "不明"
UNSTATED_COMMENT = "The source does not say when (or whether) these were published: 不明."
