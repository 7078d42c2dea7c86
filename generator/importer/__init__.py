"""`python -m generator import FILE --council ID`: documents the secretariat already has → case files.

The input is text extracted from the documents' PDFs. Which kind of document it is, is read
from its structure:

    minutes.py  a meeting record (会議概要 / 会議録): a header table, ○-prefixed speaker turns
    bundle.py   a bundle of 議案: lines that are only a case number (令和2年度第26号議案)
    single.py   one case (件名, 条例の根拠 with several bases)

clean.py and document.py mend what extraction breaks; fields.py reads the metadata; emit.py
writes the files; report.py lists what was written and every field left unknown.

Never overwrites a file that differs without `force`; importing the same file again writes the
same bytes, so it changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..load import load_yaml, split_front_matter
from .draft import Draft
from .report import ImportReport


def read(text: str, source_name: str) -> list[Draft]:
    """The drafts a document makes (nothing written)."""
    from . import bundle, minutes, single
    if minutes.is_minutes(text):
        return minutes.read_minutes(text)
    if bundle.is_bundle(text):
        return bundle.read_bundle(text)
    return single.read_single(text, source_name)


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
        except Exception:  # noqa: BLE001 — a broken file is `check`'s to report, not ours
            continue
        if isinstance(data, dict) and isinstance(data.get("number"), str):
            out[re.sub(r"\s+", "", data["number"])] = path
    return out


def import_file(source: Path, council: str, content_dir: Path, *, force: bool = False,
                file_id: str | None = None) -> ImportReport:
    text = source.read_text(encoding="utf-8")
    drafts = read(text, file_id or id_from_name(source.stem, council))
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
        if draft.kind == "case" and draft.front.get("kind") is None:
            report.drafts.append((draft, content_dir / council / draft.folder / f"{draft.id}.md"))
            continue
        path = content_dir / council / draft.folder / f"{draft.id}.md"
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
