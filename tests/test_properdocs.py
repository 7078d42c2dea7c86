"""The archive does not depend on which MkDocs renders it: ProperDocs, the maintained fork that
loads MkDocs plugins unchanged (MkDocs 2.0 drops plugins), builds the seed site to the same
pages as MkDocs 1.6 (the golden digest of tests/test_site.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .test_site import AS_OF, GOLDEN, ROOT, digest


def test_the_seed_site_builds_with_properdocs_to_the_golden_pages(tmp_path: Path) -> None:
    env = {**os.environ, "ARCHIVE_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "-f", str(ROOT / "site_config.yml"),
                           "-d", str(tmp_path / "site")], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert digest(tmp_path / "site") == GOLDEN.read_text(encoding="utf-8")
    assert (tmp_path / "site/search-index").is_dir() and (tmp_path / "site/data/turns.json").is_file()
