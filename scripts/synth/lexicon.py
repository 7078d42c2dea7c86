"""Vocabulary that grows with the text (Heaps' law)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from . import PROJECT
from .names import rng_for
from .templates import SEED_PEOPLE
from .vocabulary import ADMIN_NOUNS

# --- Vocabulary that grows with the text (Heaps' law) ----------------------------------------
#
# Real archives do not repeat one vocabulary: every new matter brings its own words (facilities,
# programmes, forms, places), so the number of distinct words grows like size^β. The lexicon is an
# endless sequence of compounds made from the seeds' two-kanji morphemes; a file at position x (in
# characters, all files of the archive in date order) draws from its first K(x) = A·(x/10⁶)^β
# entries, skewed to the early (common) ones. Each entry comes from its own RNG, so any worker can
# make any entry: the output does not depend on the order of the work.

LEX_A, LEX_BETA, LEX_GAMMA = 20000, 0.8, 1.2
KANJI_REPLACE = 0.85        # share of the topical compounds given a new head


class Lexicon:
    def __init__(self, morphemes: list[str], seed: int):
        self.morphemes, self.seed = morphemes, seed
        self.entries: dict[int, str] = {}

    def entry(self, k: int) -> str:
        word = self.entries.get(k)
        if word is None:
            r = rng_for(self.seed, "lex", k)
            word = "".join(r.choice(ADMIN_NOUNS) if r.random() < 0.7 else r.choice(self.morphemes)
                           for _ in range(r.choice((1, 2, 2, 2, 3))))
            self.entries[k] = word
        return word

    def draw(self, r: random.Random, pos: float) -> str:
        size = 40 + LEX_A * (max(pos, 0.0) / 1e6) ** LEX_BETA
        return self.entry(int(size * r.random() ** LEX_GAMMA))


def morphemes_of(content: Path) -> list[str]:
    """Two-kanji words of the real content: the runs of two, and runs of four cut in half."""
    people = set(SEED_PEOPLE)
    found: set[str] = set()
    for path in sorted(content.glob("*/*/*.md")):
        for m in re.finditer(r"[\u4e00-\u9fff]+", path.read_text(encoding="utf-8")):
            run = m[0]
            if len(run) in (2, 4):
                found.update(run[i:i + 2] for i in range(0, len(run), 2))
    for m in re.finditer(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,3} [\u4e00-\u9fff\u3040-\u309f]{1,3}"
                         r"(?![\u4e00-\u9fff\u3040-\u309f])", "\n".join(
            p.read_text(encoding="utf-8") for p in sorted(content.glob("*/*/*.md")))):
        people.update(m[0].split(" "))  # names written 姓 名
    return sorted(m for m in found - people if not re.search(r"[及並又等各全第以当的性化者]", m))


_LEXICON: Lexicon | None = None


def lexicon(seed: int) -> Lexicon:
    global _LEXICON
    if _LEXICON is None or _LEXICON.seed != seed:
        _LEXICON = Lexicon(morphemes_of(PROJECT / "content"), seed)
    return _LEXICON
