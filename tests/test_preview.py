"""The live preview on invalid content answers at once with the errors, in Japanese, at every
address; a saved fix brings the site back (issue 15: the browser spun for ten minutes)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from generator.render import plugin

from .preview_server import ERROR_TITLE, fetch, preview, wait_for


def test_the_preview_shows_the_errors_then_the_site_once_fixed(archive) -> None:
    meeting = archive.root / "content/adachi/meetings/13-04.md"
    good = meeting.read_text(encoding="utf-8")
    meeting.write_text(good.replace("access: 公開", "access: 公開\nplase: 足立区役所"), encoding="utf-8")
    with preview(archive.config) as base:
        page = wait_for(base, lambda text: ERROR_TITLE in text)
        assert "content/adachi/meetings/13-04.md:8" in page
        assert "「plase」" in page and "place（開催場所）の書き間違いではありませんか" in page
        # Any page of the site answers at once with the same list, never a hung request.
        started = time.monotonic()
        assert ERROR_TITLE in fetch(base + "adachi/meetings/13-04/", timeout=10)
        assert time.monotonic() - started < 10
        meeting.write_text(good, encoding="utf-8")
        page = wait_for(base + "adachi/meetings/13-04/", lambda text: ERROR_TITLE not in text and "第4回" in text)
        assert "plase" not in page
        # The open data follows the pages (written by a child process after them).
        data = wait_for(base + "data/meetings.json", lambda text: "adachi/13-04" in text)
        assert any(m["id"] == "adachi/13-04" for m in json.loads(data))
        # And broken again: the page the browser is on turns into the list.
        meeting.write_text(good.replace("令和4年12月27日", "令和4年2月30日"), encoding="utf-8")
        page = wait_for(base + "adachi/meetings/13-04/", lambda text: ERROR_TITLE in text)
        assert "開催日（date）" in page and "2月30日はありません" in page


def test_outputs_stopped_by_a_save_are_written_again_when_the_last_site_comes_back(tmp_path: Path) -> None:
    """The preview's exports and index are written by a forked child; a save stops it. If that
    save's build fails, the last site comes back, and what was stopped is written again."""
    out = tmp_path / "done.txt"

    def slow_job() -> None:
        time.sleep(30)
        out.write_text("written", encoding="utf-8")

    plugin._in_background(slow_job)
    plugin.stop_later()  # a save: the job is stopped unfinished
    assert not out.exists()
    plugin.discard_later()  # the save's build failed before writing anything of its own
    plugin.resume_later()  # the last site came back: the stopped job runs again
    started = time.monotonic()
    plugin.stop_later()  # stopped again at once: still unfinished, remembered
    assert time.monotonic() - started < 5 and not out.exists()

    def quick_job() -> None:
        out.write_text("written", encoding="utf-8")

    plugin._in_background(quick_job)  # the next save's build succeeds, and its job finishes
    plugin.build_succeeded()
    assert plugin.wait_for_index() and out.read_text(encoding="utf-8") == "written"
    plugin.stop_later()  # nothing left unfinished: nothing to write again
    plugin.resume_later()
    assert plugin._later is None
