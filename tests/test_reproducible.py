"""The same content and as-of day give the same bytes: from any working directory, with the
configuration named relatively or absolutely, on any day (MkDocs' sitemap dates come from
SOURCE_DATE_EPOCH, which the plugin sets from the as-of day), and no machine path in site/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT


def build(cwd: Path, config: str, out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHIVE_AS_OF")}
    proc = subprocess.run([sys.executable, "-m", "generator", "-f", config, "build", "-d", str(out),
                           "--as-of", "2026-11-30"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def config_with_site_url(where: Path) -> Path:
    """site_config.yml with a site_url (so that MkDocs writes a dated sitemap), its folders
    named absolutely."""
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config["site_url"] = "https://example.jp/archive/"
    config["docs_dir"] = str(ROOT / "content/pages")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config.pop("watch", None)
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "council-archive" in entry:
            entry["council-archive"]["content_dir"] = str(ROOT / "content")
    path = where / "site_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_two_builds_from_different_folders_are_identical(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = config_with_site_url(elsewhere)
    build(elsewhere, "site_config.yml", tmp_path / "a")
    build(ROOT, str(config), tmp_path / "b")
    assert (tmp_path / "a/sitemap.xml").exists()
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    for name, data in a.items():
        for path in (str(ROOT), str(tmp_path), "/work/", "/tmp/", "/home/"):
            assert path.encode() not in data, f"{name} holds the machine path {path}"
