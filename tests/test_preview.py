"""The live preview on invalid content answers at once with the errors, in Japanese, at every
address; a saved fix brings the site back (issue 15: the browser spun for ten minutes)."""

from __future__ import annotations

import time

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
        # And broken again: the page the browser is on turns into the list.
        meeting.write_text(good.replace("令和4年12月27日", "令和4年2月30日"), encoding="utf-8")
        page = wait_for(base + "adachi/meetings/13-04/", lambda text: ERROR_TITLE in text)
        assert "開催日（date）" in page and "2月30日はありません" in page
