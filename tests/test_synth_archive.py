"""scripts/synth_archive: a tiny synthetic archive is byte-for-byte reproducible and valid."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

from generator import pipeline
from generator.model.japanese import parse_date, parse_fiscal_year

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "synth_archive"
sys.path.insert(0, str(ROOT / "scripts"))  # the synth package behind the script

from synth.dates import fy_code, fy_label, wa  # noqa: E402
from synth.frontmatter import FlowList, Plain, Quoted, flow, front_matter  # noqa: E402
from synth.tiers import council_specs  # noqa: E402


def generate(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--tier", "M", "--scale", "0.02", "--out", str(out),
                    "--quiet", *args], check=True, cwd=ROOT)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_valid(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, "--jobs", "1")
    generate(b, "--jobs", "2", "--chunk-kb", "40")  # several jobs on two workers
    generate(c, "--seed", "2")
    ours = files(a)
    assert ours == files(b)                      # same seed: identical, whatever the workers
    assert ours != files(c)                      # another seed: another archive
    cases = [k for k in ours if k.startswith("content/adachi/cases/")]
    meetings = [k for k in ours if k.startswith("content/adachi/meetings/")]
    assert len(cases) >= 5 and len(meetings) >= 2
    assert "content/pages/about.md" in ours

    result = pipeline.run(a / "site_config.yml")
    assert not result.diagnostics.errors, result.diagnostics.report()
    assert result.ok
    archive = result.archive
    assert len(archive.cases) == len(cases) and len(archive.meetings) == len(meetings)
    # every meeting's agenda links its cases, and the cases link back
    for meeting in archive.meetings:
        assert meeting.cases
        for case in meeting.cases:
            assert meeting in case.meetings


def test_ward_codes_have_their_check_digits():
    specs = council_specs("L", 0.01, 1)
    assert len(specs) == 23 and len({s.id for s in specs}) == 23
    codes = {s.municipality: s.code for s in specs}
    assert codes["千代田区"] == "131016" and codes["足立区"] == "131211" and codes["江戸川区"] == "131237"
    for code in codes.values():
        weights = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True))
        assert int(code[5]) == (11 - weights % 11) % 10


def test_printed_dates_read_back_as_the_same_dates():
    """synth.dates prints with generator.model.japanese's era table; the generator reads each form back."""
    days = [date(1989, 1, 7), date(1989, 1, 8), date(1989, 1, 20), date(2019, 4, 30), date(2019, 5, 1)]
    days += [date(1996, 4, 1) + timedelta(days=n) for n in range(0, 12000, 97)]
    for day in days:
        for spaced in (False, True):
            assert parse_date(wa(day, "day", spaced)).iso() == day.isoformat()
            assert parse_date(wa(day, "month", spaced)).iso() == day.isoformat()[:7]
            assert parse_date(wa(day, "year", spaced)).iso() == str(day.year)
    assert wa(date(2019, 11, 5), "month", True) == "令和元年 11 月"
    assert wa(date(1989, 1, 20), "month") == "平成元年1月"   # the writer knows the day
    assert wa(date(2019, 3, 1), "year") == "令和元年"          # a year alone: the era at its end
    for fy in range(1990, 2031):
        assert parse_fiscal_year(fy_label(fy)) == fy == parse_fiscal_year(fy_label(fy, True))
    assert (fy_label(2019), fy_label(2020, True), fy_code(2020), fy_code(2016)) == \
        ("令和元年度", "令和 2 年度", "r02", "h28")


def test_front_matter_reads_back_as_written():
    """synth.frontmatter's style (plain where it can, double quotes where a plain string would be
    misread) loses nothing: PyYAML, which the generator reads front matter with, reads it back."""
    tricky = ["13-01", "10:00", "a: b", "#1", "a #1", "yes", "No", "null", "~", "- x", "[諮問第1号] 件名",
              "'q'", '"q"', "x ", " x", "", "*", "100", "1.5", "令和3年3月5日", "佐藤 一郎", "@", "%", "a\nb"]
    data = {"kind": "諮問", "tricky": tricky, "n": 13, "people": [flow(name="佐藤 一郎", role="会長", note=None)],
            "ids": FlowList([Plain("13-01"), Plain("r02-01")]), "code": Quoted("131211"),
            "next": {"date": date(2023, 1, 12), "start": Quoted("10:00")}, "empty": []}
    text = front_matter(data)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text[4:-4]) == {**data, "people": [{"name": "佐藤 一郎", "role": "会長"}]}
    lines = text.splitlines()
    assert "people:" in lines and "  - {name: 佐藤 一郎, role: 会長}" in lines
    assert 'code: "131211"' in lines and "ids: [13-01, r02-01]" in lines and "empty: []" in lines
    assert '  - "13-01"' in lines and "  - 令和3年3月5日" in lines and '  - "a: b"' in lines
