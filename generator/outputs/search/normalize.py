"""The one normalisation the search index and the search query share.

theme/assets/search/normalize.js is the same function in JavaScript (tests/test_search.py runs
both over every character of the corpus and over the whole Basic Multilingual Plane and
requires them to agree). Applied in this order, one *cluster* at a time (a character with the
combining marks that follow it, so that ｶﾞ and か+゛ compose as NFKC composes them):

    step                      example                              why
    NFKC                      ＬＧＷＡＮ → LGWAN, ｶﾞ → ガ, ① → 1, ㈱ → (株)   width and compatibility forms
    lower case                LGWAN → lgwan                       case does not matter
    variant kanji (VARIANTS)  齊 → 斉, 髙 → 高, 﨑 → 崎, 邊/邉 → 辺       names written both ways
    soft whitespace           平 田 善 信 → 平田善信, 令和 3 年 → 令和3年    PDF extraction spaces
                              (removed next to a Japanese character; between two Latin letters
                              or digits one space is kept: "section 3")
    hard break                "\\n" between blocks (cells, paragraphs) is kept: a match never
                              runs from one block into the next

Every character of the normalised text remembers where it came from in the original text, so
a match found in normalised text is highlighted in the original words (`normalize_map`, which walks
the text cluster by cluster and is the definition). The index needs no map: `normalize` gets the
same string with whole-string operations (a translation table of each character's own NFKC,
lower case and variant; regular expressions for the spaces), clusters of a character and its
marks taken one by one as `normalize_map` takes them. tests/test_search_normalize.py requires
`normalize(t) == normalize_map(t)[0]` on every BMP character and on random text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Variant forms folded to the form in common use (both directions must find each other).
VARIANTS: dict[str, str] = {
    "齊": "斉", "齋": "斎", "亝": "斉", "髙": "高", "﨑": "崎", "嵜": "崎", "碕": "崎",
    "邊": "辺", "邉": "辺", "濵": "浜", "濱": "浜", "澤": "沢", "廣": "広", "國": "国",
    "櫻": "桜", "德": "徳", "惠": "恵", "眞": "真", "冨": "富", "槇": "槙", "曾": "曽",
    "藏": "蔵", "龍": "竜", "瀨": "瀬", "栁": "柳", "﨟": "臈", "淸": "清",
    "驒": "騨", "桒": "桑", "舘": "館", "條": "条", "峯": "峰", "嶋": "島", "嶌": "島",
}

HARD_BREAK = "\n"
# Soft whitespace, listed (not str.isspace, which JavaScript's \s does not match exactly).
SPACES = " \t\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@cache
def _is_marks(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M") or ch in ("\uff9e", "\uff9f")


@cache
def _piece(cluster: str) -> str:
    """NFKC, lower case and variant kanji of one cluster (cached: archives reuse few characters)."""
    piece = unicodedata.normalize("NFKC", cluster).lower()
    return "".join(VARIANTS.get(ch, ch) for ch in piece)


def _is_word(ch: str) -> bool:
    """Latin letters and digits (after NFKC): the only characters a kept space separates."""
    return ch.isascii() and ch.isalnum()


def normalize_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text` it came from."""
    out: list[str] = []
    src: list[int] = []
    pending_space = -1  # index of a soft space waiting to see its right-hand neighbour
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _is_marks(text[j]):
            j += 1
        cluster = text[i:j]
        if len(cluster) == 1 and cluster in SPACES:
            if out and out[-1] != HARD_BREAK and pending_space < 0:
                pending_space = i
            i = j
            continue
        piece = _piece(cluster)
        # NFKC can itself produce spaces (e.g. U+2002): treat them as soft spaces too.
        for ch in piece:
            if ch in SPACES:
                if out and out[-1] != HARD_BREAK and pending_space < 0:
                    pending_space = i
                continue
            if ch == HARD_BREAK:
                pending_space = -1
                if out and out[-1] != HARD_BREAK:
                    out.append(ch)
                    src.append(i)
                continue
            if pending_space >= 0:
                if _is_word(out[-1]) and _is_word(ch):
                    out.append(" ")
                    src.append(pending_space)
                pending_space = -1
            out.append(ch)
            src.append(i)
        i = j
    while out and out[-1] == HARD_BREAK:
        out.pop()
        src.pop()
    return "".join(out), src


def normalize(text: str) -> str:
    """normalize_map(text)[0], about forty times faster (the index normalises every page)."""
    if _ASTRAL_MARKS.search(text):
        return normalize_map(text)[0]  # planes 1 and 14 hold marks too: rare, take the slow path
    table = _PIECES
    marks = _bmp_marks()
    if marks.search(text):
        # A character and the marks after it are one cluster (ｶﾞ → ガ): NFKC them together.
        parts: list[str] = []
        previous = 0
        for m in marks.finditer(text):
            parts.append(text[previous:m.start()].translate(table))
            parts.append(_piece(m.group()).translate(_SOFT_TO_SPACE))
            previous = m.end()
        parts.append(text[previous:].translate(table))
        out = "".join(parts)
    else:
        out = text.translate(table)
    # Every soft space is now " ". A run of spaces and breaks with a break in it is one break;
    # none at either end; a run of spaces is one space, kept only between two Latin words.
    if "\n " in out or " \n" in out or "\n\n" in out:
        out = _BREAK_RUN.sub(HARD_BREAK, out)
    out = out.strip(" \n")
    if " " in out:
        if "  " in out:
            out = _SPACE_RUN.sub(" ", out)
        out = _LONE_SPACE.sub("", out)
    return out


class _Pieces(dict):
    """Code point → the piece of that character alone, soft whitespace as " " (str.translate's
    table, filled with each character the first time it is met)."""

    def __missing__(self, code: int) -> str:
        piece = self[code] = _piece(chr(code)).translate(_SOFT_TO_SPACE)
        return piece


_SOFT_TO_SPACE = str.maketrans(dict.fromkeys(SPACES, " "))
_PIECES = _Pieces()
_BREAK_RUN = re.compile(" *\n[ \n]*")
_SPACE_RUN = re.compile("  +")
_LONE_SPACE = re.compile(" (?:(?<![A-Za-z0-9] )|(?![A-Za-z0-9]))")
# Marks outside the Basic Multilingual Plane (Unicode assigns them in planes 1 and 14 only; a
# test checks that against unicodedata).
_ASTRAL_MARKS = re.compile("[\U00010000-\U0001ffff\U000e0000-\U000e0fff]")


@cache
def _bmp_marks() -> re.Pattern:
    """A cluster of the BMP: a character and the marks after it (as normalize_map cuts them)."""
    marks = "".join(re.escape(chr(c)) for c in range(0x300, 0x10000)
                    if unicodedata.category(chr(c)).startswith("M") or c in (0xFF9E, 0xFF9F))
    return re.compile(f"(?s).[{marks}]+")
