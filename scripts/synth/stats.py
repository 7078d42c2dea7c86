"""The summary: citations, and distinct character bigrams of the tier, a sample and the seeds."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .model import CouncilPlan


def bigrams_of(text: str) -> set[str]:
    t = unicodedata.normalize("NFKC", text)
    return set(map(str.__add__, t, t[1:]))


def citation_stats(plans: list[CouncilPlan]) -> tuple[int, int, int, int]:
    citing = refs = resolvable = cases = 0
    for cp in plans:
        months = {c.decision["ym"] for c in cp.cases.values() if c.decision}
        numbers = {c.number for c in cp.cases.values() if c.number}
        for c in cp.cases.values():
            cases += 1
            if c.cites_body or c.cites_minutes:
                citing += 1
            for group in c.cites_body:
                refs += len(group)
                resolvable += sum(1 for ym in group if ym in months)
            for kind, v in c.cites_minutes:
                if kind == "no":
                    refs += 1
                    resolvable += v in numbers
                else:
                    refs += len(v)
                    resolvable += sum(1 for ym in v if ym in months)
    return cases, citing, refs, resolvable


def seed_bigrams(seeds: Path) -> tuple[int, int] | None:
    files = sorted(seeds.glob("*.txt"))
    if not files:
        return None
    grams: set[str] = set()
    size = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        grams |= bigrams_of(text)
    return size, len(visible(grams))


def visible(grams: set[str]) -> set[str]:
    return {g for g in grams if not g[0].isspace() and not g[1].isspace()}


def sample_bigrams(out: Path, limit: int) -> tuple[int, int]:
    """Distinct bigrams of a sample of the tier as big as the seeds (every n-th file): distinct
    bigrams grow slower than text, so the tiers compare with the seeds at the same size too."""
    paths = [p for p in sorted((out / "content").rglob("*.md")) if p.parent.name in ("cases", "meetings")]
    total = sum(p.stat().st_size for p in paths)
    stride = max(1, int(total / max(limit, 1)))
    grams: set[str] = set()
    size = 0
    for path in paths[::stride] + paths:
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        grams |= bigrams_of(text)
        if size >= limit:
            break
    return size, len(visible(grams))
