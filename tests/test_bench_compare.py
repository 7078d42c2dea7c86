"""scripts/bench_search --compare on the seed site: Material's search (its worker run in Node) and
Pagefind (its JS API in Node) answer the same queries as our index, and what they really do on
Japanese text is what the comparison shows."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

from .test_site import site  # noqa: F401 — the seed site, built once

ROOT = Path(__file__).resolve().parent.parent
_loader = SourceFileLoader("bench_search", str(ROOT / "scripts" / "bench_search"))
bench = module_from_spec(spec_from_loader("bench_search", _loader))
_loader.exec_module(bench)

QUERIES = ["諮問第480号", "令和3年", "LGWAN", "ＬＧＷＡＮ", "平田善信", "個人情報 -委託", "存在しない語句"]


def _need(tool: str) -> str:
    path = shutil.which(tool) if "/" not in tool else (tool if Path(tool).exists() else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is required in CI (scripts/test installs it)")
    pytest.skip(f"{tool} not installed")


@pytest.fixture(scope="module")
def queries(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "queries.json"
    path.write_text(json.dumps(QUERIES, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def material(tmp_path_factory) -> Path:
    """The seed site built again with Material's search plugin (lang: ja)."""
    return bench.material_site(ROOT / "site_config.yml", tmp_path_factory.mktemp("material"))


@pytest.fixture(scope="module")
def pagefind(site, tmp_path_factory) -> Path:
    _need(str(ROOT / "node_modules" / ".bin" / "pagefind"))
    return bench.pagefind_bundle(site, tmp_path_factory.mktemp("pagefind"))


def _pages(site: Path) -> list[tuple[str, list[str]]]:
    """The indexed pages' normalised text, as bench_search scans them."""
    def units(url: str) -> list[str]:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        return [bench.normalize(u.text) for u in bench.units_of(html)]
    return [(url, units(url)) for url, *_ in bench.read(site / "search-index", "docs.json")["docs"]]


def _run(script: str, target: Path, queries: Path) -> dict[str, dict]:
    _need("node")
    return {r["query"]: r for r in bench.run_batch(ROOT / "scripts" / "bench" / script, target, queries)}


def test_material_indexes_only_the_markdown_body(material, queries):
    """Material's plugin indexes page.content: the facts our templates render (number, dates,
    council) never reach its index, and a case whose document has no body is not there at all."""
    index = json.loads((material / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert "edogawa/cases/r02-26/" in pages
    assert "adachi/cases/shimon-480/" not in pages
    got = _run("material.mjs", material, queries)
    assert got["諮問第480号"]["pages"] == []
    assert got["令和3年"]["pages"] == []
    assert got["LGWAN"]["pages"] == ["edogawa/cases/r02-26/"]
    assert got["ＬＧＷＡＮ"]["pages"] == []           # no NFKC: full width is another word
    assert got["平田善信"]["pages"]
    r = got["LGWAN"]
    assert r["first_gzip"] == r["all_gzip"] == 0       # everything came with the index
    raw = (material / "search" / "search_index.json").read_bytes()
    assert abs(r["once_gzip"] - len(gzip.compress(raw, compresslevel=9))) < 0.01 * len(raw)  # all of it
    assert r["code_gzip"] > 0 and r["load_ms"] > 0


def test_pagefind_finds_pages_by_words_not_substrings(site, pagefind, queries):
    assert not (site / "pagefind").exists()             # the site under test is only read
    got = _run("pagefind.mjs", pagefind, queries)
    assert sorted(got["諮問第480号"]["pages"]) == ["adachi/cases/shimon-480/", "adachi/meetings/13-04/"]
    assert got["LGWAN"]["pages"] == ["edogawa/cases/r02-26/"]
    assert got["ＬＧＷＡＮ"]["pages"] == []
    # No exclusion: "-委託" is searched as one more word, so every page returned contains 委託.
    returned = set(got["個人情報 -委託"]["pages"])
    assert returned and returned <= bench.brute(site, _pages(site), "委託")
    r = got["LGWAN"]
    bundle = pagefind / "pagefind"
    meta = sum(f.stat().st_size for f in bundle.glob("*.pf_meta"))
    entry = len(gzip.compress((bundle / "pagefind-entry.json").read_bytes(), compresslevel=9))
    assert abs(r["once_gzip"] - (meta + entry)) < 16     # pf_* files counted as stored (gzipped)
    assert 0 < r["first_gzip"] <= r["all_gzip"]
    assert r["first"] == ["edogawa/cases/r02-26/"]


def test_the_other_engines_misses_leave_the_exit_code_to_ours(site, material, tmp_path):
    _need("node")
    _need(str(ROOT / "node_modules" / ".bin" / "pagefind"))
    out = tmp_path / "bench.json"
    queries = tmp_path / "q.json"
    queries.write_text(json.dumps(QUERIES, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_search"), str(site), "--compare",
                           "--material-site", str(material), "--queries", str(queries), "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["engines"]) == {"ours", "material", "pagefind"}
    assert report["engines"]["ours"]["summary"]["worst_recall"] == 1.0
    assert report["engines"]["material"]["summary"]["worst_recall"] == 0.0
    assert report["engines"]["pagefind"]["summary"]["worst_recall"] == 0.0
    assert "== per query" in proc.stdout
    assert not (site / "pagefind").exists()
