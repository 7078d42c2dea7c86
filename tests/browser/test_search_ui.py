"""The search UI in Chromium, keyboard only (tests/browser/search_check.mjs)."""

from __future__ import annotations

import json
import subprocess

from .test_accessibility import ROOT, base_url, built_site, node  # noqa: F401 — shared fixtures


def test_search_by_keyboard_typeahead_facet_and_click_through(node, base_url):
    proc = subprocess.run([node, "tests/browser/search_check.mjs"], input=json.dumps({"base": base_url}),
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(proc.stdout)
    assert r["focusedBox"] == "検索語"
    assert any("第十三期・第4回" in t for t in r["typeahead"])
    assert "/adachi/meetings/13-04/#t" in r["landed"] and "マイナンバー" in r["landedText"]
    assert "件" in r["status"] and r["count"] >= 10
    assert "kind=" in r["facetUrl"] and r["facetKinds"] and all("会議" in m for m in r["facetKinds"])
    assert r["inputKept"] == "個人情報"
    assert "/meetings/" in r["followed"]
    # The seeds write 漏えい, never 漏洩: found only when widening is asked for.
    assert "0件" in r["plainStatus"]
    assert r["widenFocused"] == "archive-search-widen"
    assert "同義語" in r["widenStatus"] and "0件" not in r["widenStatus"]
    assert r["widenMarks"] and set(r["widenMarks"]) == {"漏えい"}
