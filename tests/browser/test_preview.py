"""The live preview in Chromium: a mistake shows as a Japanese message with file, line, field
and what to do, in the page (not a spinning browser); the saved fix reloads the site."""

from __future__ import annotations

import json
import subprocess

from ..preview_server import ERROR_TITLE, preview, wait_for
from .test_accessibility import ROOT, node  # noqa: F401 — shared fixture


def test_the_preview_shows_a_mistake_in_the_browser_and_reloads_when_fixed(node, archive) -> None:
    meeting = archive.root / "content/adachi/meetings/13-04.md"
    good = meeting.read_text(encoding="utf-8")
    meeting.write_text(good.replace("access: 公開", "access: 公開\nplase: 足立区役所"), encoding="utf-8")
    with preview(archive.config) as base:
        wait_for(base, lambda text: ERROR_TITLE in text)
        proc = subprocess.run([node, "tests/browser/preview_check.mjs"], cwd=ROOT, capture_output=True, text=True,
                              input=json.dumps({"base": base, "file": str(meeting), "fixed": good}), timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(proc.stdout)
    assert r["loadMs"] < 10000
    assert r["title"] == ERROR_TITLE and r["heading"] == ERROR_TITLE
    (item,) = r["items"]
    assert item["where"] == "content/adachi/meetings/13-04.md:8" and item["field"] == "「plase」"
    assert "place（開催場所）の書き間違いではありませんか" in item["message"] and item["visible"]
    assert not r["overflows"]  # readable on a phone
    assert "第4回" in r["afterTitle"]
