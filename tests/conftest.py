"""A small archive in a temporary folder, written from strings, for validation and build tests."""

from __future__ import annotations

import gzip
import textwrap
from pathlib import Path

import pytest

from generator.outputs.search.index import file_bytes

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
site_name: テストアーカイブ
docs_dir: content/pages
site_dir: site
theme:
  name: material
  custom_dir: {theme}
  language: ja
  font: false
validation:
  nav:
    omitted_files: ignore
extra_css:
  - assets/archive.css
extra_javascript:
  - assets/archive.js
plugins:
  - council-archive:
      councils:
        - id: adachi
          name: 足立区情報公開・個人情報保護審議会
          municipality: 足立区
          municipality_code: "{code}"
          kind: 審議会
          numbering: running
"""

MEETING = """\
---
term: 13
session: 4
date: 令和4年12月27日
start: 午前10時00分
end: 午後0時19分
access: 公開
agenda:
  - kind: 諮問
    case: shimon-480
    outcome: 了承
speakers:
  川合会長: {name: 川合 敏樹, role: 会長}
---
## (4) 審議事項

### [諮問第 480 号]おたふくかぜワクチン

○川合会長 では、諮問事項に移ってまいりたいと思っております。

続けて説明します。

[「異議なし」と呼ぶ者あり]
"""

CASE = """\
---
kind: 諮問
number: 諮問第480号
title: おたふくかぜワクチン任意予防接種実施にかかる業務委託
department: 保健予防課
bases:
  - category: 外部委託
meetings: [13-04]
decision:
  result: 了承
  meeting: 13-04
---
本文。平成28年1月に諮問答申済み
"""


class Archive:
    def __init__(self, root: Path):
        self.root = root

    @property
    def config(self) -> Path:
        return self.root / "site_config.yml"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Archive:
    """A valid one-meeting, one-case archive; tests break it as they need."""
    a = Archive(tmp_path)
    a.write("site_config.yml", CONFIG.format(theme=ROOT / "theme", code="131211"))
    a.write("content/pages/about.md", "# このアーカイブについて\n")
    a.write("content/adachi/meetings/13-04.md", MEETING)
    a.write("content/adachi/cases/shimon-480.md", CASE)
    monkeypatch.chdir(tmp_path)
    return a


def site_bytes(path: Path) -> bytes:
    """A built file's bytes; compressed files (the search index, sitemap.xml.gz) decompressed."""
    if "search-index" in path.parts:
        return file_bytes(path)
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data
