"""The normaliser's fast path (`normalize`, whole-string operations, what the index uses) gives
exactly what its definition (`normalize_map`, one cluster at a time, with source positions) gives."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.search.normalize import SPACES, VARIANTS, _piece, normalize, normalize_map

BMP = [chr(c) for c in range(0x20, 0x10000) if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]


def test_every_bmp_character_alone_between_kanji_and_between_latin_words():
    strings = BMP + [f"漢{c}字" for c in BMP] + [f"a {c} b" for c in BMP] + [f"{c}\u3099 x" for c in BMP]
    assert [s for s in strings if normalize(s) != normalize_map(s)[0]] == []


def test_soft_whitespace_stays_soft_whitespace_after_nfkc():
    # The fast path maps every soft space to " " before the space rules, its piece included.
    assert all(ch in SPACES for s in SPACES for ch in _piece(s))


def test_marks_outside_the_bmp_are_only_in_planes_1_and_14():
    # normalize takes text holding anything from planes 1 and 14 by the slow path; that covers
    # every astral mark only if Unicode has none elsewhere.
    elsewhere = [hex(c) for c in range(0x10000, sys.maxunicode + 1)
                 if not (c < 0x20000 or 0xE0000 <= c < 0xE1000)
                 and unicodedata.category(chr(c)).startswith("M")]
    assert elsewhere == []


# Characters where the two paths could part: combining marks (alone, stacked, out of order, after
# a space), half-width kana and their voiced marks, the spacing voiced marks (NFKC gives a space
# and a mark), variant kanji, Greek capital sigma (str.lower depends on context), Hangul jamo
# (NFKC composes them across clusters), compatibility characters, astral kanji and marks,
# every kind of soft space and the hard break, Latin letters and digits on both sides of spaces.
TRICKY = (list("aZz09 \t\r\n\f\v\x85\xa0\u3000\u2002\u2028\u202f\ufeff")
          + list("\u0301\u0308\u0323\u3099\u309a\u309b\u309c\uff9e\uff9f")
          + list("かカはハｶﾊｳﾞｰ") + list(VARIANTS) + list("ΣΑσςΪ") + list("\u1100\u1161\u11a8가")
          + list("①㈱㍻ＬＧＷＡＮ－ｱﾟé") + ["\U00020bb7", "\U0001d165", "\U000e0100", "平", "田", "の"])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=24))
def test_fast_path_equals_the_definition_on_tricky_text(text):
    assert normalize(text) == normalize_map(text)[0]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_fast_path_equals_the_definition_on_any_text(text):
    assert normalize(text) == normalize_map(text)[0]
