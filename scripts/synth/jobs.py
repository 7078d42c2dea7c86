"""Rendering the files in worker processes: the same files whatever the number of workers."""

from __future__ import annotations

from pathlib import Path

from .cases import CaseRenderer
from .corpus import corpus
from .lexicon import lexicon
from .meetings import meeting_file
from .model import OVERDUE_RATE, CouncilPlan
from .plan import plan_council
from .stats import bigrams_of
from .tiers import council_specs

_PLANS: dict = {}
_SEEN: set[str] = set()


def council_plan(tier: str, scale: float, seed: int, council: str,
                 overdue: float = OVERDUE_RATE) -> CouncilPlan:
    """Plans are deterministic: each worker makes (and keeps) the ones it needs."""
    key = (tier, scale, seed, council, overdue)
    if key not in _PLANS:
        spec = next(s for s in council_specs(tier, scale, seed, overdue) if s.id == council)
        _PLANS[key] = plan_council(spec, seed)
    return _PLANS[key]


def render_job(job: tuple) -> tuple[int, dict, set[str]]:
    tier, scale, seed, overdue, council, files, out = job
    cp = council_plan(tier, scale, seed, council, overdue)
    meetings = {m.id: m for m in cp.meetings}
    c = corpus()
    lex = lexicon(seed)
    sizes = {"case": 0, "meeting": 0}
    grams: set[str] = set()
    base = Path(out) / "content" / council
    for kind, fid, pos in files:
        if kind == "case":
            text = CaseRenderer(cp, cp.cases[fid], c, lex, pos).render()
            path = base / "cases" / f"{fid}.md"
        else:
            text = meeting_file(cp, meetings[fid], c, lex, pos)
            path = base / "meetings" / f"{fid}.md"
        data = text.encode("utf-8")
        path.write_bytes(data)
        sizes[kind] += len(data)
        grams |= bigrams_of(text)
    new = grams - _SEEN
    _SEEN.update(new)
    return len(files), sizes, new


def jobs_for(tier: str, scale: float, seed: int, overdue: float, plans: list[CouncilPlan], out: Path,
             chunk_chars: int = 700_000) -> list[tuple]:
    # every file's place in the archive (all councils, by date): the lexicon grows along it
    order = []
    for cp in plans:
        order += [(c.request, cp.spec.id, "case", c.id, c.body_chars + 400) for c in cp.cases.values()]
        order += [(m.date, cp.spec.id, "meeting", m.id, m.minutes_chars + 1500) for m in cp.meetings]
    order.sort()
    position, at = {}, 0.0
    for _, council, kind, fid, est in order:
        position[(council, kind, fid)] = (at, float(est))
        at += est
    jobs = []
    for cp in plans:
        files = [("case", c.id, c.body_chars + 400) for c in cp.cases.values()] + \
                [("meeting", m.id, m.minutes_chars + 1500) for m in cp.meetings]
        files.sort(key=lambda f: f[1])  # interleaves cases and meetings of the same period
        chunk, size = [], 0
        for kind, fid, est in files:
            chunk.append((kind, fid, position[(cp.spec.id, kind, fid)]))
            size += est
            if size >= chunk_chars:
                jobs.append((tier, scale, seed, overdue, cp.spec.id, chunk, str(out)))
                chunk, size = [], 0
        if chunk:
            jobs.append((tier, scale, seed, overdue, cp.spec.id, chunk, str(out)))
    return jobs
