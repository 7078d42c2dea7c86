"""The output folder and its site_config.yml."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generator.model.casefile import Council

from . import PROJECT
from .frontmatter import HAS, dump
from .model import Spec
from .tiers import PUBLISHED_CODES

MARKER = ".synth_archive"


def write_config(out: Path, specs: list[Spec] | None) -> None:
    """The project's site_config.yml: councils replaced, paths made to work from <out>."""
    text = (PROJECT / "site_config.yml").read_text(encoding="utf-8")
    theme = str(PROJECT / "theme")
    text, n = re.subn(r"(?m)^(\s*)custom_dir:.*$", lambda m: f"{m[1]}custom_dir: {json.dumps(theme)}", text)
    if n != 1:
        raise SystemExit("site_config.yml: no theme.custom_dir to point at the project's theme/")
    text = re.sub(r"(?m)^(\s*)- theme\s*$", lambda m: f"{m[1]}- {json.dumps(theme)}", text)
    if not re.search(r"(?m)^docs_dir:\s*content/pages\s*$", text):
        text = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: content/pages", text)
    if specs is not None:
        lines = text.split("\n")
        i = next((i for i, line in enumerate(lines) if re.match(r"^\s*councils:\s*$", line)), None)
        if i is None:
            raise SystemExit("site_config.yml: no councils: list in the council-archive section")
        indent = len(lines[i]) - len(lines[i].lstrip())
        j = i + 1

        def inside(line: str) -> bool:  # the old list: deeper lines, or its items at the same indent
            depth = len(line) - len(line.lstrip())
            return not line.strip() or depth > indent or (depth == indent and line.lstrip().startswith("- "))
        while j < len(lines) and inside(lines[j]):
            j += 1
        pad = " " * (indent + 2)
        block = [pad + line for line in dump([s.council_entry() for s in specs]).splitlines()]
        lines[i + 1:j] = block
        text = "\n".join(lines)
        if not text.endswith("\n"):
            text += "\n"
    (out / "site_config.yml").write_text(text, encoding="utf-8")


def verify_councils(specs: list[Spec]) -> None:
    """Real codes with correct check digits, and councils the project's own model accepts."""
    for s in specs:
        if s.id in PUBLISHED_CODES and s.code != PUBLISHED_CODES[s.id]:
            raise SystemExit(f"{s.id}: computed code {s.code} differs from the published {PUBLISHED_CODES[s.id]}")
        extra = {"disclosure": s.rules} if s.rules and HAS["disclosure"] else {}
        Council.model_validate(dict(id=s.id, name=s.name, short_name=s.municipality, municipality=s.municipality,
                                    municipality_code=s.code, kind=s.kind, ordinances=s.ordinances,
                                    numbering=s.numbering, **extra))


def prepare_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not written by synth_archive: "
                             "give a new or empty folder")
        shutil.rmtree(out / "content", ignore_errors=True)
        (out / "site_config.yml").unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
