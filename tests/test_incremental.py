"""A build that reuses what the previous build of the same process computed (the live preview
keeps parsed bodies between saves: generator/model/memo.py) gives the same bytes as a clean
build in a new process — after random edits of bodies, titles and closures (hypothesis). Each
example's build is warm from the one before it (the seeds, then the previous example's edits)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.__main__ import main

from .adversarial import AS_OF, make_archive
from .conftest import ROOT

PIECES = ["委託", "平成28年1月諮問答申済み", "諮問第480号", "\n\n## 補足\n\n", "\n\n○川合会長 ", "個人情報",
          "[^1]", "\n\n[^1]: 注記\n\n", "<div>", "</div>", " ", "\n\n> 引用\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"]
CASES = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*/cases/*.md"))
MEETINGS = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*/meetings/*.md"))

edit = st.one_of(
    st.tuples(st.just("body"), st.sampled_from(CASES + MEETINGS), st.lists(st.sampled_from(PIECES), max_size=8)),
    st.tuples(st.just("title"), st.sampled_from(CASES), st.text(alphabet="審議会委託答申ab1", min_size=1, max_size=12)),
    st.tuples(st.just("close"), st.sampled_from(MEETINGS), st.integers(0, 20)),
)


def apply(content: Path, change: tuple) -> None:
    kind, name, arg = change
    path = content / name
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    if kind == "body":
        body = body + "\n\n" + "".join(arg) + "\n"
    elif kind == "title":
        data["title"] = arg
    elif kind == "close" and data.get("agenda"):
        item = data["agenda"][arg % len(data["agenda"])]
        if data.get("access") in (None, "公開", "一部非公開") and item.get("access") != "非公開":
            item["access"] = "非公開"
            item["access_reason"] = "非開示情報（個人に関する情報等）が含まれる事項を審議するため"
            data["access"] = "一部非公開"
            data["access_reason"] = item["access_reason"]
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def in_process(config: Path, out: Path) -> tuple[int, str]:
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "ARCHIVE_AS_OF")}
    try:
        try:
            status = main(["-f", str(config), "build", "-d", str(out), "--as-of", AS_OF])
        except SystemExit as exc:
            status = int(exc.code or 0)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return status, ""


def clean(config: Path, out: Path) -> int:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHIVE_AS_OF")}
    proc = subprocess.run([sys.executable, "-m", "generator", "-f", str(config), "build", "-d", str(out),
                           "--as-of", AS_OF], env=env, capture_output=True, text=True, timeout=600)
    return proc.returncode


WARMED: list[bool] = []


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_archive(tmp_path_factory.mktemp("incremental"), None)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(edit, min_size=1, max_size=4))
def test_a_build_after_edits_equals_a_clean_build(archive: Path, changes: list[tuple]) -> None:
    where = archive.parent
    shutil.rmtree(where / "content")
    shutil.copytree(ROOT / "content", where / "content")
    for out in ("warm", "again", "clean"):
        shutil.rmtree(where / out, ignore_errors=True)
    if not WARMED:  # the memos hold the seeds' results, then each example's: every build is warm
        assert in_process(archive, where / "warm")[0] == 0
        WARMED.append(True)
    for change in changes:
        apply(where / "content", change)
    status, _ = in_process(archive, where / "again")
    assert status == clean(archive, where / "clean")
    if status == 0:
        again, fresh = files(where / "again"), files(where / "clean")
        assert again.keys() == fresh.keys()
        assert [k for k in again if again[k] != fresh[k]] == []
