"""The index writer's token counting and postings encoding against their plain definitions."""

from __future__ import annotations

import re
from array import array
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.search.index import _gaps, chunk_tokens, chunk_trigrams, indexed_trigrams

from .conftest import ROOT

_NUMBER = re.compile(r"(?<=[^0-9\n])[0-9]+(?=[^0-9\n])")


def reference_tokens(norm: str) -> Counter:
    """Every pair of consecutive characters of a text and a break after it, except pairs that
    start with a break; every run of digits with its two neighbours."""
    text = norm + "\n"
    out = Counter(text[i:i + 2] for i in range(len(text) - 1) if text[i] != "\n")
    out.update(norm[m.start() - 1:m.end() + 1] for m in _NUMBER.finditer(norm))
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("第12号0\n 令和年a")), max_size=15), max_size=5))
def test_a_chunks_tokens_are_the_sum_of_its_texts_tokens(norms):
    expected: Counter = Counter()
    for norm in norms:
        expected += reference_tokens(norm)
    assert chunk_tokens(norms) == expected


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 50)), max_size=20))
def test_postings_are_stored_as_gaps_between_chunks(pairs):
    chunks = sorted({c for c, _ in pairs})
    pairs = [(c, n) for c, (_, n) in zip(chunks, pairs, strict=False)]
    flat = array("I", [v for pair in pairs for v in pair])
    expected, previous = [], 0
    for c, n in pairs:
        expected += [c - previous, n]
        previous = c
    assert _gaps(flat) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("あいう1\n")), max_size=30),
       st.sets(st.sampled_from(["あい", "いう", "うあ", "いい", "あ1", "1い", "う\n"])))
def test_trigrams_are_those_without_digits_whose_two_bigrams_are_common(norm, common):
    text = norm + "\n"
    expected = Counter(t for t in (text[i:i + 3] for i in range(len(text) - 2))
                       if t[:2] in common and t[1:] in common and not any(c in "0123456789\n" for c in t))
    assert chunk_trigrams(norm, indexed_trigrams(common)) == expected


def test_the_search_client_reads_the_index_where_urls_py_puts_it() -> None:
    from generator.model.urls import ADDRESSES_JS, addresses_js
    committed = (ROOT / ADDRESSES_JS).read_text(encoding="utf-8")
    assert committed == addresses_js(), "run `python -m generator schema` to rewrite " + ADDRESSES_JS
    assert "search-index/" not in (ROOT / "theme/assets/search/browser.js").read_text(encoding="utf-8")
