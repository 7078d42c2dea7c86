"""`python -m generator import FILE --council ID`: documents the secretariat already has → case files.

The input is text extracted from the documents' PDFs. Which kind of document it is, is read
from its structure:

    minutes.py  a meeting record (会議概要 / 会議録): a header table, ○-prefixed speaker turns
    bundle.py   a bundle of 議案: lines that are only a case number (令和2年度第26号議案)
    single.py   one case (件名, 条例の根拠 with several bases)
    toshin.py   a 答申 (「第1 審査会の結論」「第2 審査請求の趣旨」 …): one case and its decision

clean.py and document.py mend what extraction breaks; fields.py reads the metadata; emit.py
writes the files; report.py lists what was written and every field left unknown.

Never overwrites a file that differs without `force`; importing the same file again writes the
same bytes, so it changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..stages.load import load_yaml, split_front_matter
from .draft import Draft
from .report import ImportReport

# The exit status of `import` when the document is not one the importer can read (documented in
# the README); 2 is an invalid argument or input, 1 a file not written because it differs.
EXIT_NOT_RECOGNISED = 3
ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class NotRecognised(ValueError):
    """The text is not a document the importer reads: nothing is written, and the message says
    what was looked for."""

    exit_code = EXIT_NOT_RECOGNISED


LOOKED_FOR = (
    "a meeting record (a header with a date label — 日時 / 開催日時 / 開催年月日 — and one of "
    "場所, 出席者, 議題, 傍聴者; or a first date line and speaker turns), "
    "a 答申 (numbered sections, the first the conclusion: 「第1 審査会の結論」, and 答申 above it), "
    "a bundle of 議案 (lines that are only a case number: 令和2年度第26号議案, 諮問第12号), "
    "or one case (a 件名 / title line, a 主管課 / 担当課, a case number, or the sentence "
    "「…の規定に基づき…」 with its article)")


def read(text: str, source_name: str) -> list[Draft]:
    """The drafts a document makes (nothing written); NotRecognised when it is none of the kinds."""
    from . import bundle, minutes, single, toshin
    if "\x00" in text:
        raise NotRecognised("the file holds NUL bytes: not text extracted from a document")
    if not text.strip():
        raise NotRecognised("the file is empty")
    if minutes.is_minutes(text):
        return minutes.read_minutes(text)
    if toshin.is_toshin(text):
        return toshin.read_toshin(text, source_name)
    if bundle.is_bundle(text):
        return bundle.read_bundle(text)
    drafts = single.read_single(text, source_name)
    if not single.recognised(drafts[0]):
        raise NotRecognised(f"not a document the importer reads: looked for {LOOKED_FOR}; found none")
    return drafts


def id_from_name(stem: str, council: str) -> str:
    """A case without a number takes its id from the file's name, less the council and the
    kind: shinjuku-gakudo-nyutaishitsu-shimon.txt → gakudo-nyutaishitsu."""
    name = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-")
    name = re.sub(rf"^{re.escape(council)}[-_]", "", name)
    name = re.sub(r"[-_](?:shimon|hokoku|siryo|shiryo)$", "", name)
    return name or "case"


def existing_numbers(content_dir: Path, council: str) -> dict[str, Path]:
    """Case number → file, for the council's existing cases (to link, not duplicate)."""
    out: dict[str, Path] = {}
    for path in sorted((content_dir / council / "cases").glob("*.md")):
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
        try:
            data = load_yaml(front).data if front else None
        except Exception:
            continue
        if isinstance(data, dict) and isinstance(data.get("number"), str):
            out[re.sub(r"\s+", "", data["number"])] = path
    return out


def _checked_id(value: str, what: str) -> str:
    if not ID.fullmatch(value) or value == "index":
        raise ValueError(f"{what} '{value}' is not an id (lower-case letters, digits, - and _, "
                         f"starting with a letter or digit; not 'index')")
    return value


def _inside(path: Path, folder: Path) -> Path:
    """The path, refused when it would land outside the content folder."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"{path}: outside {folder}: not written")
    return path


def document_text(source: Path) -> str:
    """The text of a document as the secretariat has it: a PDF (read with positions, pdf.py), a
    web page (its main content, html.py) or text (UTF-8)."""
    from . import html, pdf
    raw = source.read_bytes()
    if pdf.is_pdf(raw):
        try:
            return pdf.to_text(source)
        except Exception as exc:
            raise NotRecognised(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if html.is_html(raw):
            return html.to_text(raw)
        raise NotRecognised(f"not UTF-8 text ({exc.reason} at byte {exc.start}): extract the "
                            f"document's text as UTF-8 first") from None
    if html.is_html(raw) or source.suffix.lower() in (".html", ".htm"):
        return html.to_text(raw)
    return text


def import_file(source: Path, council: str, content_dir: Path, *, force: bool = False,
                file_id: str | None = None) -> ImportReport:
    _checked_id(council, "--council")
    if file_id is not None:
        _checked_id(file_id, "--id")
    text = document_text(source)
    drafts = read(text, file_id or id_from_name(source.stem, council))
    for d in drafts:
        _checked_id(d.id, f"the {d.kind} id")
    if file_id is not None:
        for d in drafts:
            if d.kind == "case" and d.number is None:
                d.id = file_id
    report = ImportReport(source)
    numbers = existing_numbers(content_dir, council)
    renamed: dict[str, str] = {}
    for draft in drafts:
        if draft.kind == "case" and draft.number and draft.number in numbers:
            path = numbers[draft.number]
            if path.stem != draft.id and draft.link_only:
                renamed[draft.id] = path.stem
                report.linked.append((draft.number, path))
                continue
    for draft in drafts:
        if draft.kind == "meeting" and renamed:
            for item in draft.front.get("agenda", []):
                if item.get("case") in renamed:
                    item["case"] = renamed[item["case"]]
        if draft.kind == "case" and draft.id in renamed:
            continue
        path = _inside(content_dir / council / draft.folder / f"{draft.id}.md", content_dir)
        report.drafts.append((draft, path))
        new = draft.text()
        if path.exists():
            old = path.read_text(encoding="utf-8")
            if old == new:
                report.unchanged.append(path)
                continue
            if draft.link_only and draft.number and not force:
                report.linked.append((draft.number, path))
                continue
            if not force:
                report.refused.append(path)
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
        report.written.append(path)
    return report
