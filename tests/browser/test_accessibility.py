"""The seed site in a real browser: axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation
(JIS X 8341-3:2016 level AA, and the WCAG 2.2 AA it is moving to) on every kind of page, at
desktop and phone sizes, every page says it is Japanese, and a keyboard alone
gets from a meeting's agenda to a case.

The browser is Debian's Chromium (/usr/bin/chromium) driven by playwright-core through
tests/browser/axe_check.mjs; scripts/test installs both (apt-get, npm ci). Without Chromium,
node or node_modules these tests skip with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("axe_check.mjs")
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
NODE_PACKAGES = ("playwright-core", "axe-core")

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# One page of each kind the site has; every meeting page, as content/ has them.
MEETINGS = sorted(f"{f.parts[-3]}/meetings/{f.stem}/" for f in ROOT.glob("content/*/meetings/*.md"))
PAGES = [
    "search/?q=%E5%80%8B%E4%BA%BA%E6%83%85%E5%A0%B1",  # the search page with hits and facets
    "",                                        # home
    "adachi/",                                 # a council
    *MEETINGS,
    "edogawa/cases/r02-27/",                   # cases: one of each council
    "shinjuku/cases/gakudo-nyutaishitsu/",     # (the widest of the documents' own tables)
    "adachi/cases/shimon-480/",
    "adachi/departments/",                     # a council's cases by 担当課
    "departments/",
    "edogawa/missing/",                        # 答申 cited but not in the archive
    "years/",
    "years/2022/",
    "categories/",
    "categories/outsourcing/",
    "disclosure/",
    "disclosure/2022/",
    "data/",
    "about/",
]

KEYBOARD = {
    "start": "adachi/meetings/13-04/",
    "target": "adachi/cases/shimon-480/",
    "row_text": "諮問第480号",                  # the agenda row whose link is wanted
    "max_tabs": 200,
}

BROWSER_TIMEOUT_S = 600


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail loudly in CI, where a skipped check is a lie."""
    message = f"browser tests cannot run: {reason}. Run ./scripts/test (as root it installs them)."
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def node() -> str:
    node = shutil.which("node")
    if node is None:
        unavailable("node is not on PATH (Node.js 20 or newer is needed)")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"{CHROMIUM} is missing (Debian: apt-get install chromium)")
    missing = [p for p in NODE_PACKAGES if not (ROOT / "node_modules" / p / "package.json").is_file()]
    if missing:
        unavailable(f"node_modules lacks {', '.join(missing)} (npm ci)")
    return node


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "-f", str(ROOT / "site_config.yml"), "build", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, f"the seed site did not build:\n{proc.stdout}\n{proc.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site. Every file but a page may be kept by the browser for the run: a
    site does not change while one browser reads it, and without this every page load asks
    again for the same stylesheets, scripts and index files (most of a browser test's time)."""

    def end_headers(self) -> None:
        if not self.path.split("?", 1)[0].endswith(("/", ".html")):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def report(node: str, base_url: str) -> dict:
    """One Chromium run over every page and viewport; the tests below read its JSON report."""
    plan = {"base": base_url, "pages": PAGES, "viewports": VIEWPORTS, "keyboard": KEYBOARD}
    proc = subprocess.run(
        [node, str(SCRIPT)], input=json.dumps(plan, ensure_ascii=False), cwd=ROOT,
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S,
    )
    if proc.returncode != 0:
        pytest.fail(f"{SCRIPT.name} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}", pytrace=False)
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{SCRIPT.name} printed no JSON report:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}",
                    pytrace=False)
    if os.environ.get("A11Y_REPORT"):  # keep the whole report (incomplete checks too) to read later
        Path(os.environ["A11Y_REPORT"]).write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                                   encoding="utf-8")
    return result


def result_for(report: dict, viewport: str, path: str) -> dict:
    (r,) = [p for p in report["pages"] if p["viewport"] == viewport and p["path"] == path]
    assert r["error"] is None, f"/{path} ({viewport}) did not load or axe did not run:\n{r['error']}"
    assert r["status"] == 200, f"/{path} ({viewport}): HTTP {r['status']}"
    return r


def describe(violations: list[dict], where: str) -> str:
    lines = [f"{len(violations)} axe rule(s) violated on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
        for n in v["nodes"]:
            lines.append(f"    at {n['target']}")
            lines.append(f"       {' '.join(n['html'].split())[:160]}")
            for s in n["summary"].splitlines():
                if s.strip():
                    lines.append(f"       {s.strip()}")
    return "\n".join(lines)


CASES = [pytest.param(v, p, id=f"{v}-/{p}") for v in VIEWPORTS for p in PAGES]


@pytest.mark.parametrize(("viewport", "path"), CASES)
def test_axe_finds_no_wcag2aa_violation(report: dict, viewport: str, path: str) -> None:
    r = result_for(report, viewport, path)
    where = f"/{path} at {viewport} {VIEWPORTS[viewport]['width']}x{VIEWPORTS[viewport]['height']}"
    if r["violations"]:
        pytest.fail(describe(r["violations"], where), pytrace=False)


@pytest.mark.parametrize(("viewport", "path"), CASES)
def test_page_says_it_is_japanese(report: dict, viewport: str, path: str) -> None:
    r = result_for(report, viewport, path)
    assert r["lang"] == "ja", f'/{path}: <html lang="{r["lang"]}">, expected "ja"'
    assert r["title"], f"/{path}: empty <title>"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_keyboard_reaches_a_case_from_the_agenda(report: dict, base_url: str, viewport: str) -> None:
    (k,) = [k for k in report["keyboard"] if k["viewport"] == viewport]
    trail = "\n  ".join(k["trail"])
    assert k["error"] is None, f"keyboard walk failed: {k['error']}\nlast focus:\n  {trail}"
    assert k["reached"], (f"{KEYBOARD['max_tabs']} Tab presses from /{KEYBOARD['start']} never focused the "
                          f"agenda link of {KEYBOARD['row_text']}; last focus:\n  {trail}")
    assert k["url_after"] == base_url + KEYBOARD["target"], f"Enter on {k['focused']} led to {k['url_after']}"
