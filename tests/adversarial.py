"""The adversarial corpora: content written to break the promises by someone who had not read
the code (tests/fixtures/adversarial/README.md says how). ADVERSARIAL_CORPUS points the same
tests at another corpus of the same layout (a held-back one):

    xss/content/, xss/payloads.json, xss/risky_files.json   payloads that call __xss("ID")
    canary/content/, canary/canaries.json                    closed parts holding canaries
    malformed/<case>/files/, setup.sh, expect.json           one bad input each
    closure_reasons.txt (optional)                            reasons the councils allow
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Ten corpora, each by a helper who had not read the code; each was held back until the ones
# before it passed, and measured unseen first (README, Promises).
CORPORA = ([Path(os.environ["ADVERSARIAL_CORPUS"])] if os.environ.get("ADVERSARIAL_CORPUS")
           else [ROOT / "tests/fixtures/adversarial", ROOT / "tests/fixtures/adversarial-2",
                 ROOT / "tests/fixtures/adversarial-3", ROOT / "tests/fixtures/adversarial-4",
                 ROOT / "tests/fixtures/adversarial-5", ROOT / "tests/fixtures/adversarial-6",
                 ROOT / "tests/fixtures/adversarial-7", ROOT / "tests/fixtures/adversarial-8",
                 ROOT / "tests/fixtures/adversarial-9", ROOT / "tests/fixtures/adversarial-10"])
AS_OF = "2026-11-30"


def disputed(corpus: Path) -> dict:
    """The expectations of a corpus we judged wrong, each with why (held to our judgement)."""
    path = corpus / "disputed.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def closure_reasons(corpus: Path) -> list[str]:
    path = corpus / "closure_reasons.txt"
    return [r for r in path.read_text(encoding="utf-8").splitlines() if r.strip()] if path.exists() else []


@functools.cache
def _seed_config() -> str:
    """The repository's site_config.yml, read once per process (as JSON: each caller gets its own copy)."""
    return json.dumps(yaml.load((ROOT / "site_config.yml").read_text(encoding="utf-8"),
                                Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), ensure_ascii=False)


def make_archive(where: Path, content: Path | None, corpus: Path | None = None) -> Path:
    """The repository's site_config.yml (its three councils) over a copy of `content`
    (default: the seeds), in `where`; returns the config's path."""
    config = json.loads(_seed_config())
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config.pop("watch", None)
    extra = closure_reasons(corpus) if corpus else []
    if extra:
        from generator.model.casefile import DEFAULT_CLOSURE_REASONS
        from generator.model.japanese import normalize_key
        for entry in config["plugins"]:
            if isinstance(entry, dict) and "council-archive" in entry:
                for council in entry["council-archive"]["councils"]:
                    rules = council.setdefault("disclosure", {})
                    reasons = list(rules.get("closure_reasons") or DEFAULT_CLOSURE_REASONS)
                    # each once: a corpus's reason may be a default one written in other widths
                    known = {normalize_key(r) for r in reasons}
                    rules["closure_reasons"] = reasons + [r for r in extra if normalize_key(r) not in known]
    where.mkdir(parents=True, exist_ok=True)
    path = where / "site_config.yml"
    path.write_text(yaml.dump(config, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                              sort_keys=False), encoding="utf-8")
    shutil.copytree(content or ROOT / "content", where / "content", symlinks=True)
    return path


def malformed_cases() -> list[tuple[Path, Path]]:
    """(corpus, case) for every malformed case of every corpus."""
    return [(corpus, case) for corpus in CORPORA if (corpus / "malformed").is_dir()
            for case in sorted(p for p in (corpus / "malformed").iterdir() if p.is_dir())]


def apply_malformed(case: Path, content: Path) -> dict:
    """Lay one malformed case over a content tree; returns its expectation."""
    files = case / "files"
    if files.is_dir():
        shutil.copytree(files, content, dirs_exist_ok=True, symlinks=True)
    setup = case / "setup.sh"
    if setup.exists():
        subprocess.run(["bash", str(setup), str(content)], check=True, timeout=120,
                       capture_output=True)
    return json.loads((case / "expect.json").read_text(encoding="utf-8"))


LOCATED = re.compile(r"^(?P<file>content/[^\s:]+(?:[^:\n]*?))(?::(?P<line>\d+))?: (?P<rest>.+)$")
