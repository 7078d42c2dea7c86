"""PDF input: test PDFs made here with reportlab's built-in Japanese CID fonts (no font file
needed), read back with pdfplumber. A table that crosses a page break comes back as one table
(its repeated header row dropped), a paragraph cut by a page break as one paragraph (the cut word
whole), running heads and page numbers dropped; and a PDF made from a seed imports to the same
case files as the seed's text."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml

from generator.importer import clean, import_file, pdf
from generator.stages.load import split_front_matter

reportlab = pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from .test_import import SEEDS, needs_seeds  # noqa: E402

FONT = "HeiseiMin-W3"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
STYLE = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")


def make_pdf(text: str, path: Path, running_head: str = "審査会資料", repeat_header: bool | None = None) -> Path:
    """The text laid out as a document: each line a paragraph (wrapped at the margin), a blank
    line a gap, TAB-separated rows a ruled table whose header row repeats on each page, a running
    head and 「- N -」 on every page."""
    story: list = []
    for block in re.split(r"\n[ \t\u3000]*\n", text.strip("\n")):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if lines and all("\t" in ln for ln in lines):
            width = max(len(ln.split("\t")) for ln in lines)
            rows = [[Paragraph(escape(c.strip()), STYLE) for c in ln.split("\t")] + [""] * (width - len(ln.split("\t")))
                    for ln in lines]
            longest = [max(len(ln.split("\t")[i]) if i < len(ln.split("\t")) else 0 for ln in lines) + 2
                       for i in range(width)]
            usable = A4[0] - 2 * 72
            widths = [max(48, usable * n / sum(longest)) for n in longest]
            widths = [w * usable / sum(widths) for w in widths]
            # The header row is printed again on each page where the source shows it did (the
            # row recurs in the seed's table); a table of labels and values repeats nothing.
            repeat = 1 if (lines[0] in lines[1:] if repeat_header is None else repeat_header) else 0
            table = Table(rows, repeatRows=repeat, colWidths=widths)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
        else:
            story.extend(Paragraph(escape(ln.strip()), STYLE) for ln in lines)
        story.append(Spacer(1, 12))

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawString(72, A4[1] - 40, running_head)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def test_a_table_across_a_page_break_is_one_table_and_a_cut_paragraph_one_paragraph(tmp_path):
    long_para = "本件は、" + "区民の個人情報を取り扱う業務を事業者に委託するものであり、" * 30 + "以上である。"
    rows = "\n".join(f"{i}\t項目{i}の名称\t記録する内容{i}" for i in range(1, 61))
    text = f"件名：テスト文書\n\n{long_para}\n\n番号\t項目\t内容\n{rows}\n\n以上\n"
    out = pdf.to_text(make_pdf(text, tmp_path / "t.pdf", repeat_header=True))
    assert "審査会資料" not in out and not re.search(r"^- \d+ -$", out, re.M)  # head and page numbers dropped
    assert long_para in out.replace("\n", "")  # the paragraph whole …
    assert long_para in out  # … on one line: the page break and the wraps joined
    table = [ln for ln in out.split("\n") if "\t" in ln]
    assert table.count("番号\t項目\t内容") >= 2  # one table, its header printed again on the next page …
    read = clean.tab_table(table)  # … which makes it a header, and is dropped there
    assert read.header and read.rows[0] == ["番号", "項目", "内容"]
    assert [r[0] for r in read.rows[1:]] == [str(i) for i in range(1, 61)]
    assert "\n\n" in out[out.index(table[-1]):]  # the table ends before 以上


def _front(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.rglob("*.md")):
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
        out[str(path.relative_to(folder))] = yaml.safe_load(front)
    return out


def _flat(value, prefix=""):
    if isinstance(value, dict):
        return {k2: v2 for k, v in value.items() for k2, v2 in _flat(v, f"{prefix}.{k}" if prefix else k).items()}
    if isinstance(value, list):
        return {k2: v2 for i, v in enumerate(value) for k2, v2 in _flat(v, f"{prefix}[{i}]").items()}
    return {prefix: value}


def explained(text_value: object, pdf_value: object) -> str | None:
    """Why a value read from the PDF may differ from the text's, or None when it may not.

    A cell too narrow for 「宮崎 十三 委員」 wraps at its spaces; the PDF keeps the lines, not the
    spaces between them, so the joined cell reads 「宮崎十三委員」. The words are the same."""
    if text_value is not None and pdf_value is not None and \
            re.sub(r"\s", "", str(text_value)) == re.sub(r"\s", "", str(pdf_value)):
        return "a space lost where a narrow table cell wrapped"
    return None


@needs_seeds
@pytest.mark.parametrize("name, council", [("edogawa-r2-08-shinsakai-shiryo.txt", "edogawa"),
                                           ("shinjuku-gakudo-nyutaishitsu-shimon.txt", "shinjuku"),
                                           ("adachi-13ki-04-kaigi-gaiyo.txt", "adachi")])
def test_a_pdf_made_from_a_seed_imports_to_the_same_case_files(tmp_path, name, council):
    text = (SEEDS / name).read_text(encoding="utf-8")
    source = make_pdf(text, tmp_path / name.replace(".txt", ".pdf"))
    import_file(SEEDS / name, council, tmp_path / "from-text")
    import_file(source, council, tmp_path / "from-pdf", file_id=None)
    a, b = _front(tmp_path / "from-text"), _front(tmp_path / "from-pdf")
    assert sorted(a) == sorted(b)
    differences = []
    for path in a:
        fa, fb = _flat(a[path]), _flat(b[path])
        for key in sorted(fa.keys() | fb.keys()):
            if str(fa.get(key)) != str(fb.get(key)):
                why = explained(fa.get(key), fb.get(key))
                differences.append(f"{path}: {key}: text {fa.get(key)!r} / pdf {fb.get(key)!r}"
                                   + (f" ({why})" if why else ""))
    print("\n".join(differences) or "no differences")
    assert [d for d in differences if not d.endswith(")")] == []
    # The bodies: the same characters in the same order. What may differ is listed: where a line
    # breaks (a sentence that ends at the right margin cannot be told from one that ends its
    # paragraph), a Markdown hard break (two trailing spaces: a PDF has none), a space where a
    # line wrapped at it, and 「～」 (U+FF5E), which the font's CMap gives back as 「〜」 (U+301C).
    for path in a:
        body_a = _body(tmp_path / "from-text" / path)
        body_b = _body(tmp_path / "from-pdf" / path)
        lines = [f"{path}: {d}" for d in difflib.unified_diff(body_a.split("\n"), body_b.split("\n"), lineterm="", n=0)
                 if d[:1] in "+-" and not d.startswith(("+++", "---"))]
        print("\n".join(lines[:20]) + (f"\n… {len(lines) - 20} more" if len(lines) > 20 else ""))
        assert _chars(body_a) == _chars(body_b), path


def _body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def _chars(text: str) -> str:
    return re.sub(r"\s", "", text).replace("〜", "～")
