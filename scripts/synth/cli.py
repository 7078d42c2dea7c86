"""Synthetic council archives for benchmarks and scale tests: deterministic and seeded.

    .venv/bin/python scripts/synth_archive --tier M --out /tmp/m [--seed 1] [--scale 1.0] [--jobs N]

Tiers:
  S  the real content: content/ and site_config.yml as they are (custom_dir made absolute)
  M  one council (足立区) over FY2003–FY2022: ≈500 cases of ≈15 KB and ≈150 meetings with
     ≈130 KB of minutes each (≈27 MB of text)
  L  the 23 special wards, one council each (real names, 全国地方公共団体コード with check
     digits): ≈10,000 cases and ≈3,000 meetings; each council has its own habits (numbering,
     kind of record, document format, precision of dates)

Output: <out>/site_config.yml (the project's, with the councils replaced and custom_dir pointing
to the project's theme/), <out>/content/<council>/{cases,meetings}/*.md, <out>/content/pages/.
Check it with `python -m generator -f <out>/site_config.yml check`.

Nothing is copied whole. Case documents are built from the paragraphs, sentences and table rows
of the real case documents in content/, minutes from the real minutes' speaker turns; names,
departments, systems, vendors, data items, numbers and dates are substituted (dates are shifted
with the case, in the right era) and everything is shuffled per file with an RNG seeded by
(--seed, council, file), so the output does not depend on --jobs and the same seed gives
byte-identical files. About a third of the cases cite earlier decisions of their council in
the real forms (「平成 28 年 1 月に諮問答申済み」, 「※ 令和元年 11 月諮問答申済み」, in
minutes 「諮問第151号によりご承認」), mostly decisions the archive holds, some older ones.

Vocabulary grows with size as in real text (Heaps' law): topical compounds of the real texts,
subjects, systems and the committee's questions draw new compounds of the seeds' two-kanji words
from a lexicon that grows along the archive (see Lexicon). Meetings carry the disclosure facts
the project's models know (notice, materials and record publication, closed items, 答申
publication): mostly in time, some late, older years often 不明, and with --overdue-rate a few
never done, which `check` lists as overdue (exit 1, with 0 errors).

Ends with a summary: files, MB of text, distinct character bigrams per MB (NFKC, pairs of
adjacent non-space characters) for the tier, for a sample of the tier as big as the seeds, and for
the real seeds (/work/shared/seeds, or --seeds).
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import PROJECT
from .corpus import corpus
from .jobs import council_plan, jobs_for, render_job
from .lexicon import lexicon
from .model import OVERDUE_RATE, CouncilPlan
from .output import MARKER, prepare_out, verify_councils, write_config
from .stats import bigrams_of, citation_stats, sample_bigrams, seed_bigrams, visible
from .tiers import council_specs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="synth_archive", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tier", choices=("S", "M", "L"), required=True)
    ap.add_argument("--out", type=Path, required=True, help="output folder (new, empty, or an earlier output)")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1): same seed, same bytes")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the tier's numbers of cases and meetings (e.g. 0.02 for a tiny M)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--overdue-rate", type=float, default=OVERDUE_RATE,
                    help="share of meetings whose record was never published, so that `check` lists "
                         f"them as overdue and exits 1 (default {OVERDUE_RATE}; 0 for none)")
    ap.add_argument("--chunk-kb", type=int, default=2000, help="text per job (the output does not depend on it)")
    ap.add_argument("--seeds", type=Path, default=PROJECT.parent / "shared" / "seeds",
                    help="the real seed texts, for the bigram comparison")
    ap.add_argument("--quiet", action="store_true", help="no summary")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be positive")
    t0 = time.perf_counter()
    out = args.out.resolve()
    prepare_out(out)
    (out / MARKER).write_text(f"tier {args.tier} seed {args.seed} scale {args.scale} "
                              f"overdue-rate {args.overdue_rate}\n", encoding="utf-8")
    plans: list[CouncilPlan] = []
    sizes = {"case": 0, "meeting": 0}
    if args.tier == "S":
        shutil.copytree(PROJECT / "content", out / "content")
        write_config(out, None)
        grams: set[str] = set()
        for path in sorted((out / "content").rglob("*.md")):
            if path.parent.name in ("cases", "meetings"):
                text = path.read_text(encoding="utf-8")
                sizes["case" if path.parent.name == "cases" else "meeting"] += len(text.encode("utf-8"))
                grams |= bigrams_of(text)
        n_files = sum(1 for p in (out / "content").rglob("*.md") if p.parent.name in ("cases", "meetings"))
        n_councils = sum(1 for p in (out / "content").iterdir() if p.is_dir() and p.name != "pages")
    else:
        specs = council_specs(args.tier, args.scale, args.seed, args.overdue_rate)
        verify_councils(specs)
        plans = [council_plan(args.tier, args.scale, args.seed, s.id, args.overdue_rate) for s in specs]
        for cp in plans:
            for folder in ("cases", "meetings"):
                (out / "content" / cp.spec.id / folder).mkdir(parents=True, exist_ok=True)
        shutil.copytree(PROJECT / "content" / "pages", out / "content" / "pages")
        write_config(out, specs)
        jobs = jobs_for(args.tier, args.scale, args.seed, args.overdue_rate, plans, out,
                        max(1, args.chunk_kb) * 1000 // 3)
        grams = set()
        n_files = 0
        corpus()  # built once, before the workers fork
        lexicon(args.seed)
        if args.jobs > 1 and len(jobs) > 1:
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                results = list(pool.map(render_job, jobs, chunksize=1))
        else:
            results = [render_job(j) for j in jobs]
        for n, sz, new in results:
            n_files += n
            sizes["case"] += sz["case"]
            sizes["meeting"] += sz["meeting"]
            grams |= new
        n_councils = len(plans)
    elapsed = time.perf_counter() - t0
    if args.quiet:
        return 0
    total = sizes["case"] + sizes["meeting"]
    distinct = len(visible(grams))
    mb = total / 1e6
    print(f"synth_archive: tier {args.tier}, seed {args.seed}, scale {args.scale:g} → {out}")
    if plans:
        n_cases = sum(len(cp.cases) for cp in plans)
        n_meetings = sum(len(cp.meetings) for cp in plans)
        print(f"  {n_councils} council(s), {n_cases} cases, {n_meetings} meetings: {n_files} files "
              f"(+ site_config.yml, content/pages/)")
        cases, citing, refs, resolvable = citation_stats(plans)
        print(f"  citations: {citing} of {cases} cases ({citing / max(1, cases):.0%}) cite earlier decisions; "
              f"{refs} references, {resolvable / max(1, refs):.0%} to decisions in the archive")
    else:
        print(f"  {n_councils} council(s): {n_files} files (+ site_config.yml, content/pages/)")
    print(f"  text: {mb:.2f} MB (cases {sizes['case'] / 1e6:.2f} MB, meetings {sizes['meeting'] / 1e6:.2f} MB)")
    print(f"  distinct character bigrams: {distinct:,} = {distinct / max(mb, 1e-9):,.0f} per MB")
    seeds = seed_bigrams(args.seeds)
    if seeds:
        s_size, s_distinct = seeds
        print(f"  real seeds ({args.seeds}): {s_size / 1e6:.2f} MB, {s_distinct:,} bigrams = "
              f"{s_distinct / (s_size / 1e6):,.0f} per MB")
        if total > s_size * 1.5:
            p_size, p_distinct = sample_bigrams(out, s_size)
            print(f"  a {p_size / 1e6:.2f} MB sample of the tier (every n-th file, the seeds' size): "
                  f"{p_distinct:,} bigrams = {p_distinct / (p_size / 1e6):,.0f} per MB")
    else:
        print(f"  (no seeds at {args.seeds}: bigram comparison skipped)")
    print(f"  generated in {elapsed:.1f} s with {args.jobs} worker(s); check with:\n"
          f"  python -m generator -f {out / 'site_config.yml'} check")
    return 0
