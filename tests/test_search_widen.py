"""Search (#4): widening a query term with synonyms and era years (theme/assets/search/widen.js),
run in Node on a table of terms as a journalist would type them."""

from __future__ import annotations

import json
import subprocess

import pytest

from generator.outputs.search.normalize import normalize

from .test_search import ROOT, _node

# term as typed → alternatives that must be among widen(normalize(term)) (normalised).
WIDENS = [
    ("漏えい", ["漏洩"]),
    ("漏洩", ["漏えい"]),
    ("個人情報漏えい", ["個人情報漏洩"]),                    # a row's word inside the term
    ("マイナンバー", ["個人番号"]),
    ("個人番号カード", ["マイナンバーカード"]),
    ("Ｅメール", ["電子メール", "e-mail"]),                  # the table is normalised too
    ("業務委託", ["外部委託"]),
    ("外部結合", ["電子計算組織の結合", "通信回線による結合", "オンライン結合"]),
    ("取り扱い", ["取扱い"]),
    ("ＬＧＷＡＮ", ["総合行政ネットワーク"]),
    ("令和3年", ["2021年"]),
    ("令和 ３ 年", ["2021年"]),                              # as PDF extraction writes it
    ("2021年", ["令和3年"]),
    ("2019年", ["令和元年", "平成31年"]),                    # the year of a change is in both eras
    ("1989年", ["平成元年", "昭和64年"]),
    ("令和元年度", ["2019年度", "平成31年度"]),              # 年度 follows 年
    ("平成31年度", ["令和元年度", "2019年度"]),
    ("平成28年1月", ["2016年1月"]),
    ("平成28年1月に諮問答申済み", ["2016年1月に諮問答申済み"]),
    ("昭和60年", ["1985年"]),
    ("令和1年", ["令和元年", "2019年"]),
    ("令和三年", ["2021年", "令和3年"]),                     # kanji numerals, read only
    ("平成32年度", ["2020年度", "令和2年度"]),                # 平成 written past its end
    ("令和3年度第8回", ["2021年度第8回"]),
    ("令和3年から令和4年", ["2021年から令和4年", "令和3年から2022年", "2021年から2022年"]),
    ("外部委託による漏えい", ["業務委託による漏洩"]),
]

# terms with nothing to widen: widen() gives [term].
UNCHANGED = [
    "2021",            # a bare number may be a count, an amount or a 諮問 number, not a year
    "12021年",         # five digits: not a year
    "諮問第480号",
    "メール",          # already finds 電子メール and eメール
    "令和",
    "大正10年",        # before 昭和: not in these archives
    "第十三期",
    "",
]

# alternatives that must not appear.
NOT = [
    ("2021年", "平成33年"),          # a 西暦 year is written only in the eras it fell in
    ("2019年", "昭和94年"),
    ("1926年", "平成-61年"),
    ("令和3年", "令和三年"),          # kanji numerals are read, never written
    ("電子メール", "メール"),
]

CAPPED = ["2019年2019年2019年", "令和元年から令和2年まで令和3年と令和4年", "個人番号の漏えいと外部委託と取扱と2019年"]

TERMS = sorted({t for t, _ in WIDENS} | set(UNCHANGED) | {t for t, _ in NOT} | set(CAPPED))


@pytest.fixture(scope="module")
def widened() -> dict:
    """normalised term → {alts: widen(term), normalised: [normalize(alt) === alt], cap, table}."""
    script = ("import {widen, SYNONYMS, MAX_ALTERNATIVES} from './theme/assets/search/widen.js';"
              "import {normalize} from './theme/assets/search/normalize.js';"
              "import {readFileSync} from 'node:fs';"
              "const xs = JSON.parse(readFileSync(0, 'utf8'));"
              "const alts = Object.fromEntries(xs.map((x) => [x, widen(x)]));"
              "const renormalised = Object.values(alts).flat().filter((a) => normalize(a) !== a);"
              "process.stdout.write(JSON.stringify({alts, renormalised, cap: MAX_ALTERNATIVES,"
              " table: SYNONYMS}));")
    terms = [normalize(t) for t in TERMS]
    proc = subprocess.run([_node(), "--input-type=module", "-e", script], input=json.dumps(terms),
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("term,expected", WIDENS)
def test_widens(widened, term, expected):
    alts = widened["alts"][normalize(term)]
    for alt in expected:
        assert normalize(alt) in alts, (term, alt, alts)


@pytest.mark.parametrize("term", UNCHANGED)
def test_nothing_to_widen(widened, term):
    assert widened["alts"][normalize(term)] == [normalize(term)]


@pytest.mark.parametrize("term,alt", NOT)
def test_does_not_widen_to(widened, term, alt):
    assert normalize(alt) not in widened["alts"][normalize(term)]


def test_the_term_first_no_duplicates_every_alternative_normalised(widened):
    for term, alts in widened["alts"].items():
        assert alts[0] == term
        assert len(alts) == len(set(alts)), term
    assert widened["renormalised"] == []


def test_exact_alternatives_of_an_era_change_year(widened):
    assert sorted(widened["alts"]["2019年"]) == sorted(["2019年", "令和元年", "平成31年"])
    assert sorted(widened["alts"]["令和3年から令和4年"]) == sorted(
        ["令和3年から令和4年", "2021年から令和4年", "令和3年から2022年", "2021年から2022年"])


@pytest.mark.parametrize("term", CAPPED)
def test_combinations_are_capped_single_changes_first(widened, term):
    alts = widened["alts"][normalize(term)]
    assert widened["cap"] == 16
    assert len(alts) == widened["cap"]   # each of these has more than 16 combinations
    if term == "2019年2019年2019年":     # every one-part change comes before any two-part one
        assert set(alts[1:7]) == {"令和元年2019年2019年", "平成31年2019年2019年", "2019年令和元年2019年",
                                  "2019年平成31年2019年", "2019年2019年令和元年", "2019年2019年平成31年"}


def test_the_synonym_table_is_normalised_and_each_word_in_one_row(widened):
    words = [w for row in widened["table"] for w in row]
    assert len(words) == len(set(words))
    assert all(normalize(w) == w for w in words)
    assert ["電子メール", "eメール", "e-mail"] in widened["table"]
