"""A PDF as the importer's text, read with pdfplumber, which keeps each character's position.

Positions let this module know what text extraction can only guess:

- **page headers and footers**: a line in the top or bottom band of the page that recurs on most
  pages (the document's title, 「- 3 -」, 「3/10」) is dropped, and so is a page number alone;
- **page breaks**: a paragraph that runs on from one page to the next is joined without a break,
  so a word cut at the page end (「デ」 | 「ータ」) is whole again; a line that reaches the right
  margin continues on the next line (a wrapped line, not a line of its own);
- **tables**: the cells pdfplumber finds from the ruling lines are written as TAB-separated rows,
  the form documents.blocks() reads as a table; a table that goes on over the next page is one
  table (no paragraph break between its parts), so clean.tab_table sees its header row printed
  again at the top of the page (proof that it is a header; dropped there) and joins a row whose
  first cell is empty to the row above. A cell's lines are joined as they were wrapped: without
  a space where a line filled the cell, with one where it stopped short (a break at a space).

The text returned reads like the text export of the same PDF, so every reader of the importer
treats both alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_BAND = 0.08          # the top and bottom 8 % of a page: where headers and footers are printed
_PAGE_NUMBER = re.compile(r"^[-‐－―ー(（]?\s*\d{1,4}\s*[-‐－―ー)）]?$|^\d{1,4}\s*/\s*\d{1,4}$|^[-‐－]\s*\d+\s*[-‐－]$")
# A line ending a sentence at the right margin may end its paragraph: kept as a line. (A closing
# bracket does not end one: 「…」についてでございます.)
_SENTENCE_END = tuple("。．.！？!?:：")
# A line that starts with a list or heading mark starts a block of its own, wherever the line
# above ended.
_BLOCK_START = re.compile(r"^(?:[-*・○●◆■□◇]\s|#)")
# A space is a gap wider than this (points): an ASCII space of a Japanese font is about a quarter
# em (2.6 pt at 10.5 pt), under pdfplumber's default of 3, and 「川合 敏樹」 must keep its space.
_X_TOLERANCE = 1.5


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class _Page:
    width: float
    height: float
    # In reading order: ("line", _Line) or ("table", rows)
    items: list[tuple[str, Any]] = field(default_factory=list)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    """The character's centre is in a box. (Not the whole character: Japanese line breaking
    hangs 「、」「。」 past the line's end (ぶら下げ), into the cell's padding and over its border.)"""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _cell(page: Any, bbox: tuple[float, float, float, float] | None) -> str:
    """A cell's text on one line: a line that filled the cell wrapped (joined without a space),
    a line that stopped short of the cell's right edge broke at a space or on purpose (a space)."""
    if bbox is None:
        return ""
    cell = page.filter(lambda obj: obj.get("object_type") != "char" or _inside(obj, [bbox]))
    lines = cell.extract_text_lines(layout=False, strip=True, return_chars=False,
                                               x_tolerance=_X_TOLERANCE)
    text = ""
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None:
            em = max(float(prev["bottom"]) - float(prev["top"]), 1.0)
            text += "" if float(prev["x1"]) >= bbox[2] - em * 1.8 else " "
        text += line["text"].strip()
    return text.strip()


def _read_page(page: Any) -> _Page:
    out = _Page(float(page.width), float(page.height))
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    rest = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = [_Line(ln["text"], float(ln["top"]), float(ln["bottom"]), float(ln["x0"]), float(ln["x1"]))
             for ln in rest.extract_text_lines(layout=False, strip=True, return_chars=False,
                                               x_tolerance=_X_TOLERANCE)
             if ln["text"].strip()]
    placed: list[tuple[float, str, Any]] = [(ln.top, "line", ln) for ln in lines]
    for table in tables:
        rows = [[_cell(page, c) for c in row.cells] for row in table.rows]
        rows = [r for r in rows if any(r)]
        if rows:
            placed.append((float(table.bbox[1]), "table", rows))
    placed.sort(key=lambda p: p[0])
    out.items = [(kind, value) for _, kind, value in placed]
    return out


def _furniture(pages: list[_Page]) -> set[str]:
    """Lines printed in the top or bottom band of most pages: running heads and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        band = {re.sub(r"\d+", "#", ln.text.strip()) for kind, ln in page.items if kind == "line"
                and (ln.top < page.height * _BAND or ln.bottom > page.height * (1 - _BAND))}
        seen.update(band)
    return {text for text, n in seen.items() if n >= max(2, (len(pages) + 1) // 2)}


def _is_furniture(page: _Page, line: _Line, furniture: set[str]) -> bool:
    in_band = line.top < page.height * _BAND or line.bottom > page.height * (1 - _BAND)
    if not in_band:
        return False
    return bool(_PAGE_NUMBER.match(line.text.strip())) or re.sub(r"\d+", "#", line.text.strip()) in furniture


def to_text(source: Path | str) -> str:
    """The document's text: paragraphs separated by a blank line, tables as TAB rows."""
    import pdfplumber  # a runtime dependency only of PDF input

    with pdfplumber.open(str(source)) as pdf:
        pages = [_read_page(p) for p in pdf.pages]
    furniture = _furniture(pages)
    out: list[str] = []          # output lines; "" is a paragraph break
    last_line: _Line | None = None
    last_page: _Page | None = None
    last_header: list[str] | None = None  # the header row of the table being written
    # The right margin: where the longest lines of the whole document end (a page of short lines
    # alone says nothing about where a line wraps).
    ends = Counter(round(ln.x1) for page in pages for kind, ln in page.items
                   if kind == "line" and len(ln.text) > 10)
    right = float(ends.most_common(1)[0][0]) if ends else 0.0
    for page in pages:
        first_on_page = True
        for kind, value in page.items:
            if kind == "table":
                rows: list[list[str]] = value
                continues = first_on_page and last_header is not None and out and "\t" in out[-1]
                if not continues:
                    if out and out[-1] != "":
                        out.append("")
                    last_header = rows[0] if rows else None
                out.extend("\t".join(r) for r in rows)
                last_line, first_on_page = None, False
                continue
            line: _Line = value
            if _is_furniture(page, line, furniture):
                continue
            text = line.text.strip()
            if last_line is not None and last_page is not None and out and out[-1] != "":
                same_page = last_page is page
                gap = line.top - last_line.bottom
                height = max(last_line.bottom - last_line.top, 1.0)
                wrapped = (last_line.x1 >= right - height * 1.5
                           and not out[-1].endswith(_SENTENCE_END) and not _BLOCK_START.match(text))
                if wrapped and (not same_page or gap <= height * 0.9):
                    out[-1] += text  # a wrapped line, or a paragraph (a word) cut by the page break
                elif not same_page or gap > height * 0.9:
                    out += ["", text]
                else:
                    out.append(text)
            else:
                if out and out[-1] != "" and "\t" in out[-1]:
                    out.append("")  # a table ends; a paragraph begins
                    last_header = None
                out.append(text)
            last_line, last_page, first_on_page = line, page, False
        if last_line is not None and last_page is not page:
            last_line = None
    # The Adobe-Japan1 CMaps give the ASCII bar and tilde and the em dash of Japanese CID fonts
    # back as U+00A6, U+02DC and U+0336 (a combining stroke): they are a bar, a tilde, a dash.
    text = "\n".join(out).strip("\n").translate({0xA6: "|", 0x2DC: "~", 0x336: "\u2014"})
    return text + "\n"


def _right(page: _Page) -> float:
    return max((ln.x1 for kind, ln in page.items if kind == "line"), default=0.0)


def is_pdf(raw: bytes) -> bool:
    return raw[:5] == b"%PDF-"
