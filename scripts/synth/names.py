"""Random helpers and made-up names: people, places, vendors."""

from __future__ import annotations

import math
import random

from .vocabulary import (
    GIVEN,
    GIVEN_HEADS,
    GIVEN_TAILS,
    KATAKANA_PARTS,
    PLACE_HEADS,
    PLACE_TAILS,
    SURNAME_HEADS,
    SURNAME_TAILS,
    SURNAMES,
    VENDOR_KINDS,
)


def rng_for(*parts) -> random.Random:
    """An RNG per file: seeded by a string (hashed with SHA-512 by random), never by hash()."""
    return random.Random("/".join(str(p) for p in parts))


def weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights)[0]


def lognormal_size(rng: random.Random, mean: float, sigma: float = 0.35, lo: float = 0.3,
                   hi: float = 2.6) -> int:
    x = rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)
    return int(min(max(x, mean * lo), mean * hi))


def surname(rng: random.Random) -> str:
    if rng.random() < 0.62:
        return rng.choice(SURNAMES)
    return rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)


def given(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(GIVEN)
    return rng.choice(GIVEN_HEADS) + rng.choice(GIVEN_TAILS)


def place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)


def katakana_name(rng: random.Random) -> str:
    return "".join(rng.sample(KATAKANA_PARTS, rng.choice((2, 2, 3))))


def vendor_name(rng: random.Random, places: list[str]) -> str:
    r = rng.random()
    if r < 0.4:
        return f"株式会社{katakana_name(rng)}"
    if r < 0.75:
        return f"{rng.choice(places)[:2]}{rng.choice(VENDOR_KINDS)}株式会社"
    return f"{katakana_name(rng)}{rng.choice(('株式会社', '有限会社', '合同会社'))}"
