"""A document's text → clean Markdown body: the rules of clean.py applied block by block.

Blocks are paragraphs separated by blank lines; consecutive tab-separated rows (even across
a page break's blank line or page number) form one table.
"""

from __future__ import annotations

import re

from . import clean
from .fields import TITLE_LABELS, labelled


def blocks(text: str) -> list[str]:
    """Paragraphs, with every tab-separated table gathered into one block of rows."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw = re.split(r"\n[ \t\u3000]*\n", text)
    out: list[str] = []
    pending: list[str] = []  # blocks seen after a table that may still continue it
    for block in raw:
        if not block.strip():
            continue
        is_rows = all("\t" in line for line in block.split("\n") if line.strip())
        if is_rows and out and out[-1].startswith("\t\t") and all(clean.is_page_number(p) for p in pending):
            out[-1] += "\n" + block.strip("\n")
            pending.clear()
            continue
        if is_rows:
            out.extend(pending)
            pending.clear()
            out.append("\t\t" + block.strip("\n"))  # marker: a table block
            continue
        if out and out[-1].startswith("\t\t") and clean.is_page_number(block):
            pending.append(block)
            continue
        out.extend(pending)
        pending.clear()
        out.append(block.strip("\n"))
    out.extend(pending)
    return out


def render_block(block: str) -> str | None:
    """One block as Markdown (None: drop it)."""
    if block.startswith("\t\t"):
        return clean.tab_table(block[2:].split("\n")).html()
    if clean.is_page_number(block):
        return None
    lines = block.split("\n")
    if len(lines) > 1 and labelled(block, TITLE_LABELS):
        # 件名：「…」 broken over lines is one title: its lines joined, its words as written.
        return "".join(line.strip() for line in lines)
    table = clean.pipe_table(lines)
    if table is not None:
        return table.html()
    return "\n".join(clean.squeeze_spaced(line) for line in lines)


def clean_body(text: str, *, min_join: int = 40) -> str:
    """The body as Markdown: tables rebuilt, page numbers dropped, cut paragraphs joined."""
    rendered = [r for r in (render_block(b) for b in blocks(text)) if r is not None]
    rendered = clean.drop_repeats(rendered)
    rendered = clean.join_page_breaks(rendered, min_length=min_join)
    return "\n\n".join(rendered).strip() + "\n"
