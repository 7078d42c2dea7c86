"""A build that reuses what the previous build of the same process computed (the live preview
keeps parsed files and bodies and the rendered case and meeting pages between saves:
generator/model/memo.py, generator/render/reuse.py) gives the same bytes as a clean build in a
new process — after random edits (hypothesis) of bodies, titles and closures, cases added (and
cited) and removed, a council's settings, and the as-of day. Each example's build is warm from
the one before it (the seeds, then the previous example's edits)."""

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
from generator.render import reuse

from .adversarial import AS_OF, make_archive
from .conftest import ROOT

PIECES = ["委託", "諮問第9001号", "諮問第9002号について", "平成28年1月諮問答申済み", "諮問第480号", "\n\n## 補足\n\n", "\n\n○川合会長 ", "個人情報",
          "[^1]", "\n\n[^1]: 注記\n\n", "<div>", "</div>", " ", "\n\n> 引用\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"]
CASES = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*/cases/*.md"))
MEETINGS = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").glob("*/meetings/*.md"))

edit = st.one_of(
    st.tuples(st.just("body"), st.sampled_from(CASES + MEETINGS), st.lists(st.sampled_from(PIECES), max_size=8)),
    st.tuples(st.just("title"), st.sampled_from(CASES), st.text(alphabet="審議会委託答申ab1", min_size=1, max_size=12)),
    st.tuples(st.just("close"), st.sampled_from(MEETINGS), st.integers(0, 20)),
    st.tuples(st.just("add"), st.sampled_from(CASES), st.integers(9001, 9003)),
    st.tuples(st.just("delete"), st.sampled_from(CASES), st.none()),
    st.tuples(st.just("council"), st.integers(0, 2), st.sampled_from(["name", "short_name", "notice_days"])),
    st.tuples(st.just("as-of"), st.just(""), st.sampled_from(["2021-03-31", "2026-11-30", "2027-06-01"])),
)


def apply(content: Path, change: tuple) -> None:
    kind, name, arg = change
    if kind == "as-of":
        return  # the test builds both sites as of that day
    if kind == "council":
        config = content.parent / "site_config.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        section = next(e for e in data["plugins"] if isinstance(e, dict) and "council-archive" in e)
        council = section["council-archive"]["councils"][name]
        if arg == "notice_days":
            council.setdefault("disclosure", {})["notice_days"] = 3
        else:
            council[arg] = council[arg] + "（改）"
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
    path = content / name
    if kind == "delete" or not path.exists():  # an edit after a delete edits nothing
        path.unlink(missing_ok=True)
        return
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    if kind == "body":
        body = body + "\n\n" + "".join(arg) + "\n"
    elif kind == "title":
        data["title"] = arg
    elif kind == "add":  # a copy under a new id and number, which bodies may cite (PIECES)
        data["number"] = f"諮問第{arg}号"
        data.pop("decision", None)
        path = path.with_name(f"added-{arg}.md")
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


def in_process(config: Path, out: Path, as_of: str = AS_OF) -> tuple[int, str]:
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "ARCHIVE_AS_OF")}
    try:
        try:
            status = main(["-f", str(config), "build", "-d", str(out), "--as-of", as_of])
        except SystemExit as exc:
            status = int(exc.code or 0)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return status, ""


def clean(config: Path, out: Path, as_of: str = AS_OF) -> int:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHIVE_AS_OF")}
    proc = subprocess.run([sys.executable, "-m", "generator", "-f", str(config), "build", "-d", str(out),
                           "--as-of", as_of], env=env, capture_output=True, text=True, timeout=600)
    return proc.returncode


WARMED: list[bool] = []
SETTINGS: dict[str, str] = {}  # the archive's settings as made, put back before each example


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    reuse.ENABLED = True  # as in the live preview: pages are kept from one build to the next
    try:
        yield make_archive(tmp_path_factory.mktemp("incremental"), None)
    finally:
        reuse.ENABLED = False


@settings(max_examples=14, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(edit, min_size=1, max_size=4))
def test_a_build_after_edits_equals_a_clean_build(archive: Path, changes: list[tuple]) -> None:
    where = archive.parent
    shutil.rmtree(where / "content")
    shutil.copytree(ROOT / "content", where / "content")
    archive.write_text(SETTINGS.setdefault("seed", archive.read_text(encoding="utf-8")), encoding="utf-8")
    for out in ("warm", "again", "clean"):
        shutil.rmtree(where / out, ignore_errors=True)
    if not WARMED:  # the memos hold the seeds' results, then each example's: every build is warm
        assert in_process(archive, where / "warm")[0] == 0
        WARMED.append(True)
    as_of = AS_OF
    for change in changes:
        apply(where / "content", change)
        as_of = change[2] if change[0] == "as-of" else as_of
    status, _ = in_process(archive, where / "again", as_of)
    assert status == clean(archive, where / "clean", as_of)
    if status == 0:
        again, fresh = files(where / "again"), files(where / "clean")
        assert again.keys() == fresh.keys()
        assert [k for k in again if again[k] != fresh[k]] == []
