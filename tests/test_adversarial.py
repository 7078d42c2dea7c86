"""Closed stays closed and bad input is refused where it is: the adversarial corpus
(tests/adversarial.py) run through the real commands.

- canary/: the tree builds; no canary of a closed part is in any file of site/ (compressed
  files decompressed, case-insensitive: anchors and the index lower-case text), while every
  open marker is — so the scan can see text.
- malformed/: each case makes `build` exit 2 within its time, with no traceback, an error
  naming the file (and a line where the case has one, and a field), and site/ untouched; and
  every message the build gives is Japanese, in no validator's words (the corpora were written
  to break the checks, so they reach most messages there are).
The payloads of xss/ are run in Chromium by tests/browser/test_payloads.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import posixpath
import re
import signal
from pathlib import Path

import pytest

from generator import pipeline
from generator.__main__ import main
from generator.model.diagnostics import Diagnostic, printable_path
from generator.model.messages import has_japanese

from .adversarial import AS_OF, CORPORA, apply_malformed, disputed, make_archive, malformed_cases
from .conftest import site_bytes

TIME_LIMIT_S = 60


@contextlib.contextmanager
def time_limit(seconds: int):
    """A hang is a failure, not a stuck suite (the alarm interrupts even a blocking open())."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a hang")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(config: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), time_limit(TIME_LIMIT_S):
        status = main(["-f", str(config), *args])
    return status, out.getvalue() + err.getvalue()




@pytest.fixture(scope="module", params=CORPORA, ids=[c.name for c in CORPORA])
def canary_site(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = request.param
    where = tmp_path_factory.mktemp("canary")
    config = make_archive(where, corpus / "canary/content", corpus)
    status, output = run(config, "build", "--as-of", AS_OF)
    assert status == 0, f"the canary tree did not build:\n{output[-6000:]}"
    return corpus, where / "site"


def test_no_closed_canary_reaches_any_file_of_the_site(canary_site: tuple[Path, Path]) -> None:
    corpus, canary_site = canary_site
    DISPUTED = disputed(corpus)
    expected = json.loads((corpus / "canary/canaries.json").read_text(encoding="utf-8"))
    canaries = [c["canary"].lower().encode() for c in expected["canaries"]]
    withheld = {m.lower().encode() for m in DISPUTED.get("withheld_markers", {})}
    published = {c.lower().encode() for c in DISPUTED.get("open_canaries", {})}
    markers = ({m["marker"].lower().encode() for m in expected["open"]} - withheld) | published
    canaries = [c for c in canaries if c not in published]
    canaries += sorted(withheld)  # open markers we judged closed (disputed.json): held to that
    # and canaries we judged open (disputed.json "open_canaries"): held to be published
    assert len(canaries) >= 40
    leaks: dict[str, list[str]] = {}
    seen_markers: set[bytes] = set()
    for path in sorted(p for p in canary_site.rglob("*") if p.is_file()):
        data = site_bytes(path).lower()
        for c in canaries:
            if c in data:
                leaks.setdefault(c.decode(), []).append(path.relative_to(canary_site).as_posix())
        seen_markers |= {m for m in markers if m in data}
    assert not leaks, f"{len(leaks)} canaries published: " + json.dumps(leaks, ensure_ascii=False, indent=1)[:6000]
    assert seen_markers == markers, f"open markers missing: {sorted(markers - seen_markers)}"


CASES = malformed_cases()




def names(error: str, want: str) -> bool:
    """The error names the file, or a folder that holds it (a stray folder is refused whole)."""
    head = error.split(": ", 1)[0].split(":", 1)[0]
    return head == want or want.startswith(head.rstrip("/") + "/") or head.startswith(want.rstrip("/") + "/")


def recorded(monkeypatch: pytest.MonkeyPatch) -> list[Diagnostic]:
    """The diagnostics of every pipeline run from here on, as data (the build prints them)."""
    seen: list[Diagnostic] = []
    real = pipeline.run

    def run_and_record(*args, **kwargs):
        result = real(*args, **kwargs)
        seen.extend(result.diagnostics.items)
        return result
    monkeypatch.setattr(pipeline, "run", run_and_record)
    return seen


def assert_told_in_japanese(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert has_japanese(d.message), str(d)
        assert not re.search(r"Value should|Input should|after validation|Field required", d.message), str(d)
        assert not re.search(r"\b(is|are|not|the|must|expected)\b", d.message), str(d)


@pytest.mark.parametrize(("corpus", "case"), CASES, ids=[f"{c.name}/{k.name}" for c, k in CASES])
def test_malformed_input_is_refused_where_it_is(corpus: Path, case: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case is refused — except those in disputed.json, where we judged the expectation
    wrong and say why; those are held to our judgement instead."""
    DISPUTED = disputed(corpus)
    dispute = DISPUTED.get(case.name, {}).get("expect") if isinstance(DISPUTED.get(case.name), dict) else None
    if dispute == "skip-as-root" and os.geteuid() == 0:
        pytest.skip(DISPUTED[case.name]["why"])
    config = make_archive(tmp_path, None)
    expect = apply_malformed(case, tmp_path / "content")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    diagnostics = recorded(monkeypatch)
    status, output = run(config, "build", "--as-of", AS_OF)
    assert "Traceback" not in output
    assert diagnostics or status == 0, "the build ran no pipeline"
    unreadable = (case / "setup.sh").exists() and "chmod" in (case / "setup.sh").read_text(encoding="utf-8")
    if not unreadable:  # an unreadable file's message carries the system's own reason
        assert_told_in_japanese(diagnostics)
    if dispute == "accepted":
        assert status == 0, output[-3000:]
        return
    assert status == 2, f"{case.name}: exit {status}, expected 2 ({expect['why']}):\n{output[-3000:]}"
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    if dispute == "refused-at":  # refused, with the error in the other file of a contradiction
        expect = {**expect, "file": DISPUTED[case.name]["file"]}
    # A settings case names ../site_config.yml: its error is located in the settings file.
    want = printable_path(posixpath.normpath(f"content/{expect['file']}"))
    errors = [line for line in output.splitlines()
              if line.startswith(("content/", "site_config.yml")) and names(line, want)]
    assert errors, f"{case.name}: no error names {want} ({expect['why']}):\n{output[-3000:]}"
    located = [e for e in errors if re.match(r"[^:]+(:\d+)?: [^:]+: ", e)]
    assert located, f"{case.name}: the error names no field: {errors}"
    whole_file = any(re.match(r"[^:]+: (file|folder): ", e) for e in errors)
    if expect.get("line") and not whole_file:
        assert any(re.match(r"[^:]+:\d+: ", e) for e in errors), \
            f"{case.name}: the error gives no line (expected near {expect['line']}): {errors}"
    assert "/work/" not in output and str(tmp_path) not in output, f"a machine path is printed: {output[-2000:]}"


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_the_corpus_is_the_size_the_issue_asks_for(corpus: Path) -> None:
    payloads = json.loads((corpus / "xss/payloads.json").read_text(encoding="utf-8"))
    canaries = json.loads((corpus / "canary/canaries.json").read_text(encoding="utf-8"))["canaries"]
    cases = [k for c, k in CASES if c == corpus]
    assert len(payloads) >= 400 and len(canaries) >= 40 and len(cases) >= 80
