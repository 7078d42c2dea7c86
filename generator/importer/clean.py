"""What PDF extraction breaks, mended by rules that read the text's shape, not its words.

Each rule is a small pure function with a test on an excerpt of the seeds
(tests/test_import.py). The words of the document are never changed: rules only remove what
extraction added (spaces inside names, page numbers, a paragraph cut at a page break,
repeated lines) and give tables back their structure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from ..model.japanese import nfkc

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
# A blank form's date or number (「年 月 日」「第 号」) is spaced on purpose: the blanks are the form.
_FORM_UNITS = set("年月日時分号第")
# Titles that stand before a name, and honorifics after it (「会長 平田善信 殿」).
_TITLE_BEFORE = re.compile(r"^(会長|副会長|委員長|副委員長|委員|議長|審査会長)(?=[" + _CJK + r"]{2,})")
_HONORIFIC_AFTER = re.compile(r"(?<=[" + _CJK + r"])(殿|様)$")


def squeeze_spaced(line: str) -> str:
    """Join characters PDF extraction spaced out: 「会 長 平 田 善 信 殿」 → 「会長 平田善信 殿」.

    A run of two or more one-character Japanese tokens is one word spaced out; tokens of two
    or more characters keep their spaces (「江戸川区長 齊 藤 猛」 → 「江戸川区長 齊藤猛」, and a
    name written 「川合 敏樹」 stays). Digits are left alone (「第 3 条」 is the document's own
    spacing), and so are blank form fields (「年 月 日」).
    """
    if "\t" in line or "|" in line or "<" in line:
        return line
    head = len(line) - len(line.lstrip(" "))
    tail_break = "  " if line.endswith("  ") else ""
    tokens = line.strip(" ").split(" ")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 and not all(t in _FORM_UNITS for t in run):
            word = "".join(run)
            word = _TITLE_BEFORE.sub(r"\1 ", word)
            word = _HONORIFIC_AFTER.sub(r" \1", word)
            out.append(word)
        else:
            out.extend(run)
        run.clear()

    for token in tokens:
        if len(token) == 1 and re.match(f"[{_CJK}]", token):
            run.append(token)
        else:
            flush()
            out.append(token)
    flush()
    return " " * head + " ".join(out) + tail_break


_PAGE_NUMBER = re.compile(r"^[-‐－―ー(（]?\s*\d{1,3}\s*[-‐－―ー)）]?$|^\d{1,3}\s*/\s*\d{1,3}$|^[pP]\.\s*\d{1,3}$")


def is_page_number(block: str) -> bool:
    """A paragraph that is only a page number (「10」「- 3 -」「3/10」) fell out of a page footer."""
    return bool(_PAGE_NUMBER.match(nfkc(block).strip()))


_SENTENCE_END = tuple("。．.？?！!」』）)】〕]>＞:：")


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def is_plain(block: str) -> bool:
    """Running text: not a heading, list, table, HTML, speaker turn or bracketed line."""
    s = block.lstrip()
    return bool(s) and not re.match(r"[#\-*+|<○◯〇◇◆■□●・※\[\(（〔【［<＜]|[\d０-９]+[.)．）]?[\s\u3000]|\t", s) \
        and "\t" not in block and "\n" not in block.strip()


def join_page_breaks(blocks: list[str], *, min_length: int) -> list[str]:
    """Join a paragraph cut by a page break: 「…各課の」 + 「業務ごとに都度審査をしている状況である。」.

    Both parts are running text, the first is at least `min_length` characters long (a full
    line, not a short label or schedule entry) and stops mid-sentence, and the second ends a
    sentence. Anything else is left as two paragraphs.
    """
    out: list[str] = []
    for block in blocks:
        if (out and is_plain(out[-1]) and is_plain(block) and len(out[-1].strip()) >= min_length
                and not ends_sentence(out[-1]) and not out[-1].rstrip().endswith("  ")
                and block.rstrip().endswith("。")):
            out[-1] = out[-1].rstrip() + block.strip()
        else:
            out.append(block)
    return out


def drop_repeats(blocks: list[str]) -> list[str]:
    """A paragraph repeated right after itself is extraction noise (the same line printed twice)."""
    out: list[str] = []
    for block in blocks:
        if out and block.strip() and block.strip() == out[-1].strip():
            continue
        out.append(block)
    return out


_EMPTY_MARK = re.compile(r"[（(][ \u3000]*[）)]")


def footnote_markers(text: str) -> list[int]:
    """Offsets of footnote markers left as empty brackets: 「承認（ ）を受けた範囲内」.

    The note itself is somewhere below, and which paragraph it is the text does not say: the
    markers are kept as written and listed in the report for a person to pair.
    """
    return [m.start() for m in _EMPTY_MARK.finditer(text)]


# --- Tables ---------------------------------------------------------------------------------

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
                 "strong", "em", "b", "i", "sup", "sub", "span"}
_ALLOWED_ATTRS = {"th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def sanitize(fragment: str) -> str:
    """An HTML fragment from extraction, reduced to structure: styles and unknown tags dropped."""
    return nh3.clean(fragment, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS,
                     link_rel=None, strip_comments=True).strip()


def cell(text: str) -> str:
    """One table cell: HTML kept (sanitized), plain text escaped and spaced-out words joined."""
    text = text.strip()
    if "<" in text and re.search(r"</?[a-zA-Z]", text):
        text = sanitize(text)
        # A cell that is one paragraph is that paragraph's text.
        if m := re.fullmatch(r"<p>((?:(?!</?p>).)*)</p>", text, re.S):
            text = m[1].strip()
        return text
    return html.escape(squeeze_spaced(text), quote=False)


@dataclass
class Table:
    """Rows of cells; `header` when the first row names the columns (「項 目」「内 容」)."""

    rows: list[list[str]]
    header: bool = False

    def html(self) -> str:
        lines = ["<table>"]
        body = self.rows
        if self.header:
            head = "".join(f'<th scope="col">{cell(c)}</th>' for c in self.rows[0])
            lines += ["<thead>", f"<tr>{head}</tr>", "</thead>"]
            body = self.rows[1:]
        lines.append("<tbody>")
        for row in body:
            first, rest = row[0], row[1:]
            cells = (f'<th scope="row">{cell(first)}</th>' if first.strip() and rest
                     else f"<td>{cell(first)}</td>")
            cells += "".join(f"<td>{cell(c)}</td>" for c in rest)
            lines.append(f"<tr>{cells}</tr>")
        lines += ["</tbody>", "</table>"]
        return "\n".join(lines)


def _short_label(text: str) -> bool:
    s = re.sub(r"\s+", "", nfkc(text))
    return 0 < len(s) <= 6 and "<" not in s and not re.search(r"\d", s)


def tab_table(lines: list[str]) -> Table:
    """Tab-separated rows (as extraction gives a PDF table) → a table.

    A row whose first cell is empty continues the row above across a page break; a row that
    repeats the column header at the top of a new page is dropped; trailing empty cells (the
    extraction pads rows to the widest) are trimmed.
    """
    rows: list[list[str]] = []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        if rows and not cells[0] and any(cells[1:]):
            prev = rows[-1]
            for i, c in enumerate(cells[1:], start=1):
                if not c:
                    continue
                if i < len(prev):
                    prev[i] = f"{prev[i]} {c}".strip()
                else:
                    prev.append(c)
            continue
        if not any(cells) or all(re.fullmatch(r"-*", c) for c in cells):
            continue  # an empty row, or a Markdown separator that came through as text
        rows.append(cells)
    key0 = [re.sub(r"\s+", "", c) for c in rows[0]] if rows else []
    repeated = any([re.sub(r"\s+", "", c) for c in r] == key0 for r in rows[1:])
    header = len(rows) > 1 and len(rows[0]) > 1 and (repeated or all(_short_label(c) for c in rows[0]))
    if header:
        key = [re.sub(r"\s+", "", c) for c in rows[0]]
        rows = [rows[0]] + [r for r in rows[1:] if [re.sub(r"\s+", "", c) for c in r] != key]
    return Table(rows, header)


def pipe_table(lines: list[str]) -> Table | None:
    """A Markdown table whose header row is empty (extraction of a borderless list) → a table
    without header, first column as row labels. None if the lines are not such a table."""
    cleaned = [re.sub(r"^[-*]\s+(?=\|)", "", line.strip()) for line in lines]
    if len(cleaned) < 3 or not all(c.startswith("|") for c in cleaned):
        return None
    if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", cleaned[1]):
        return None
    split = [[c.strip() for c in row.strip("|").split("|")] for row in cleaned]
    head, body = split[0], split[2:]
    if any(head):
        return Table([head, *body], header=True)
    return Table(body)
