"""The search UI in Chromium, keyboard only (tests/browser/search_check.mjs)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from generator.outputs.search.normalize import normalize

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


# --- search at the level of speech (issue 15) ----------------------------------------------

SPEECH = {"word": "委託", "chair": "川合会長", "facetWord": "個人情報", "council": "adachi",
          "zero": "2021年3月"}


@pytest.fixture(scope="module")
def speech(node, base_url):
    proc = subprocess.run([node, "tests/browser/search_speech_check.mjs"],
                          input=json.dumps({"base": base_url, **SPEECH}, ensure_ascii=False),
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(proc.stdout)
    assert not r["errors"], r["errors"]
    return r


def _turns(built_site, predicate):
    """(page url, turn id) of every speaker turn of every meeting page for which predicate holds."""
    out = set()
    for path in (built_site).glob("*/meetings/*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for turn in soup.select("div.turn"):
            if predicate(turn):
                out.add((path.parent.relative_to(built_site).as_posix() + "/", turn["id"]))
    return out


def _listed(links, base_url):
    return {(link["href"].removeprefix(base_url).split("#")[0], link["href"].split("#")[1])
            for link in links if "#" in link["href"]}


def test_every_turn_holding_the_word_is_listed(speech, built_site, base_url):
    word = normalize(SPEECH["word"])
    want = _turns(built_site, lambda t: word in normalize(t.get_text()))
    assert len(want) >= 3  # the word is said in several turns
    assert want <= _listed(speech["word"], base_url)


def test_the_chairs_label_finds_every_turn_of_the_chair(speech, built_site, base_url):
    want = _turns(built_site, lambda t: t.get("data-speaker") == SPEECH["chair"])
    assert len(want) > 20
    assert want <= _listed(speech["chair"], base_url)
    assert "発言" in speech["chairStatus"]


def test_after_choosing_a_council_every_facet_count_is_the_hits_it_shows(speech):
    assert 0 < speech["shown"] < speech["before"]
    active = [f for f in speech["facets"] if f["active"]]
    assert [f["field"] for f in active] == ["council"] and active[0]["count"] == speech["shown"]
    fields = {f["field"] for f in speech["facets"]}
    assert {"council", "kind", "speaker"} <= fields
    for f in speech["facets"]:
        if f["active"]:
            assert f["shownAfter"] == speech["before"], f  # choosing it again removes it
        else:
            assert f["count"] == f["shownAfter"], f
    # Another council's department is not listed once a council is chosen.
    assert all(f["count"] > 0 for f in speech["facets"] if not f["active"])


def test_the_selection_is_shown_as_chips_and_clears_at_once(speech):
    assert any("足立区" in c for c in speech["chips"]) and any("すべて解除" in c for c in speech["chips"])
    assert "council=" not in speech["cleared"]["url"] and speech["cleared"]["shown"] == speech["before"]


def test_the_speaker_facet_keeps_only_that_speakers_turns(speech):
    speakers = [f for f in speech["facets"] if f["field"] == "speaker" and not f["active"]]
    assert speakers
    for f in speakers:
        name = f["text"].rsplit("（", 1)[0]
        assert f["unitLabels"] and all(label == f"{name}の発言" for label in f["unitLabels"]), f


def test_zero_results_say_what_was_searched_and_how_to_widen(speech):
    z = speech["zero"]
    assert "0件" in z["status"] and "2021年3月" in z["box"] and "検索した条件" in z["box"]
    assert any("widen=1" in link["href"] for link in z["links"]) and z["widened"] > 0
    # The date itself, as a date range: pages of 令和3年（2021年）3月 only.
    assert z["byDate"] and all("2021年" in m and ("3月" in m) for m in z["byDate"])


def test_date_order_and_the_legal_basis(speech):
    years = [int(y[1]) for m in speech["oldFirst"] if (y := re.search(r"（(\d{4})年）", m))]
    assert years
    assert years == sorted(years)
    assert speech["article"] and all("/edogawa/cases/" in h or "/shinjuku/" in h for h in speech["article"])


def test_search_states_pass_axe_and_fit_a_phone(speech):
    for state in speech["axe"]:
        assert not state["violations"], state
        assert state["scrollWidth"] <= state["width"], state
