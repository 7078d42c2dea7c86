"""scripts/synth_archive: a tiny synthetic archive is byte-for-byte reproducible and valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator import pipeline

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "synth_archive"
sys.path.insert(0, str(ROOT / "scripts"))  # the synth package behind the script

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
        weights = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2)))
        assert int(code[5]) == (11 - weights % 11) % 10
