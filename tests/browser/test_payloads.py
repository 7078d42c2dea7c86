"""No payload of the adversarial corpus runs in a browser: the xss/ tree is built with the
real command and every page, the feeds and searches for the payloads' words are opened in
Chromium (tests/browser/payloads_check.mjs), where __xss is bound to a recorder.

A control page with two known payloads is added to the built site first: the check must see
them, so a silent harness cannot pass.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from generator import pipeline
from generator.model.values import HIDDEN

from ..adversarial import AS_OF, CORPORA, make_archive
from ..test_adversarial import run
from .test_accessibility import BROWSER_TIMEOUT_S, ROOT, _QuietHandler, node  # noqa: F401

SCRIPT = Path(__file__).with_name("payloads_check.mjs")
# 「x」という案件のファイル（…）がありません: a reference to a file the tree lacks.
UNKNOWN_CASE = re.compile(r"「([^」]*)」という案件のファイル|案件「([^」]*)」のファイル（[^）]*）に誤りがある")
NOT_CITED = re.compile(r"本文は「(.+?)」を引用していません")
UNKNOWN_FILE = re.compile(r"「[^」]*」という(?:案件|会議)のファイル|(?:案件|会議)「[^」]*」のファイル（[^）]*）に誤りがある")
SEARCHES = ["onerror", "xss", "script", "javascript", "__config", "資料", "検証", "alert", "img"]
CONTROL = ('<!doctype html><title>control</title><img src="x" onerror="__xss(\'CONTROL-1\')">'
           '<a href="javascript:__xss(\'CONTROL-2\')">x</a>')

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
CSP_CONTROL = ('<img src="x" onerror="__xss(\'CSPCONTROL-1\')"><script>__xss(\'CSPCONTROL-2\')</script>'
               '<a href="javascript:__xss(\'CSPCONTROL-3\')" id="csp-link">x</a>')


@pytest.fixture(scope="module", params=CORPORA, ids=[c.name for c in CORPORA])
def xss_site(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    CORPUS = request.param
    where = tmp_path_factory.mktemp("xss")
    config = make_archive(where, CORPUS / "xss/content", CORPUS)
    risky = set(json.loads((CORPUS / "xss/risky_files.json").read_text(encoding="utf-8"))
                if (CORPUS / "xss/risky_files.json").exists() else [])
    risky = {r if isinstance(r, str) else r.get("file", "") for r in risky}
    removed: set[str] = set()
    for _ in range(8):
        status, output = run(config, "build", "--as-of", AS_OF)
        if status == 0:
            break
        # Payloads in fields the product checks (an address, a one-line field, a number, a
        # closure reason) are refused at their line: refused is safe. Refused fields are made
        # harmless (an address replaced, line breaks made spaces) so that the other payloads of
        # their file are still tried; a file refused for anything else is left out, with the
        # files that refer to it; risky_files.json's files go together, as their author says.
        # The errors as data (file, field path, message): the printed lines name fields in
        # Japanese terms, for people; the harness reads the paths.
        errors = [(d.file, d.field, d.message) for d in pipeline.run(config, date.fromisoformat(AS_OF)).diagnostics.errors
                  if d.file.startswith("content/")]
        assert errors, output[-4000:]
        risky_names = {r.removeprefix("content/").removeprefix("xss/content/") for r in risky}
        if any(f.removeprefix("content/") in risky_names for f, _, _ in errors):
            for name in risky_names - removed:
                (where / "content" / name).unlink(missing_ok=True)
                removed.add(name)
            continue
        by_file: dict[str, list[tuple[str, str]]] = {}
        for file, field, message in errors:
            by_file.setdefault(file, []).append((re.sub(r"\.[A-Z][A-Za-z]*", "", field), message))
        changed, waiting = False, []
        for file, items in by_file.items():
            fixes: dict[str, Callable[[Any], Any]] = {}
            others = []
            for field, message in items:
                repair = _repair(field, message)
                if repair is None:
                    others.append((field, message))
                    continue
                key, fix = repair
                previous = fixes.get(key, lambda v: v)
                fixes[key] = lambda v, f=fix, p=previous: f(p(v))  # two repairs of one field: both
            others = [(f, m) for f, m in others if not any(k.startswith(f) for k in fixes)]
            if any(not UNKNOWN_FILE.match(m) for _, m in others):
                (where / file).unlink()
                removed.add(file.removeprefix("content/"))
                changed = True
            elif fixes:
                if not _replace_fields(where / file, fixes):  # the field could not be found
                    (where / file).unlink()
                    removed.add(file.removeprefix("content/"))
                changed = True
            elif others:
                waiting.append(file)  # refers to a file left out: wait for the others' repairs
        if not changed:
            for file in waiting:  # only references to left-out files remain
                (where / file).unlink()
                removed.add(file.removeprefix("content/"))
    assert status == 0, output[-4000:]
    payloads = json.loads((CORPUS / "xss/payloads.json").read_text(encoding="utf-8"))
    kept = [p for p in payloads if p["file"].removeprefix("content/").removeprefix("xss/content/") not in removed]
    print(f"payloads in files built: {len(kept)} of {len(payloads)}; files left out: {sorted(removed)}")
    assert len(kept) >= 0.5 * len(payloads), f"too few payloads tried: {len(kept)} of {len(payloads)}"
    site = where / "site"
    # The Content-Security-Policy is the second wall; the payloads are tried against the first
    # (the sanitizer) alone, so every page loses its policy here. One page keeps it, with
    # payloads written into its article as if the sanitizer had let them through: none may run.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert CSP_META.search(home), "the built page has no Content-Security-Policy"
    (site / "csp-control").mkdir()
    (site / "csp-control/index.html").write_text(
        re.sub(r"(<article\b[^>]*>)", lambda m: m.group(1) + CSP_CONTROL, home, count=1),
        encoding="utf-8")
    for page in site.rglob("*.html"):
        if page.parent.name != "csp-control":
            page.write_text(CSP_META.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "control-page").mkdir()
    (site / "control-page/index.html").write_text(CONTROL, encoding="utf-8")
    return site



def _without(attr: str, gone: str) -> Callable[[Any], Any]:
    return lambda v: [c for c in v if c.get(attr) != gone]


# How a refused field is made harmless, so that the other payloads of its file are still tried:
# (the field path, in full; the message, searched; what to change: (field, fix)). The first row
# that matches is used; an error no row matches leaves its file out.
REPAIRS: list[tuple[str, str, Callable[[str, re.Match[str]], tuple[str, Callable[[Any], Any]]]]] = [
    # an address: replaced
    (r".*url", "", lambda f, m: (f, lambda v: "https://example.jp/refused-address")),
    # cites a case the tree lacks (a seed): that citation goes, the rest stays
    (r"citations\[\d+\]\.target", "^" + UNKNOWN_CASE.pattern,
     lambda f, m: ("citations", _without("target", m.group(1) or m.group(2)))),
    # corrects a citation the text does not make: that correction goes, the rest stays
    (r"citations\[\d+\]\.cites", "^" + NOT_CITED.pattern,
     lambda f, m: ("citations", _without("cites", m.group(1)))),
    # one line, no control character
    (r".*", "改行が入っています|制御文字",
     lambda f, m: (f, lambda v: re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\r\n]+", " ", v))),
    # a request dated after its meeting: no payload there
    (r"request\.date", "依頼の日付", lambda f, m: (f, lambda v: None)),
    # a TAB in a one-line field
    (r".*", "タブ文字", lambda f, m: (f, lambda v: v.replace("\t", " "))),
    # no bidi control, no zero width
    (r".*", "見えない書式文字|文字化けの印", lambda f, m: (f, lambda v: HIDDEN.sub("", v))),
]


def _repair(field: str, message: str) -> tuple[str, Callable[[Any], Any]] | None:
    """The first repair of REPAIRS for one error: (the field to change, how), or None."""
    for field_pattern, message_pattern, make in REPAIRS:
        if re.fullmatch(field_pattern, field) and (found := re.search(message_pattern, message)):
            return make(field, found)
    return None


def _replace_fields(path: Path, fields: dict) -> bool:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    for field, fix in fields.items():
        parts = [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"[^.\[\]]+|\[\d+\]", field)]
        node = data
        try:
            for part in parts[:-1]:
                node = node[part]
            node[parts[-1]] = fix(node[parts[-1]])
        except (KeyError, IndexError, TypeError):
            return False
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")
    return True


def test_no_payload_runs_in_chromium(node: str, xss_site: Path) -> None:
    pages = sorted(p.parent.relative_to(xss_site).as_posix() + "/" for p in xss_site.rglob("index.html"))
    pages = [("" if p == "./" else p) for p in pages] + ["feed.xml"]
    pages += [f"search/?q={quote(q)}" for q in SEARCHES]
    handler = functools.partial(_QuietHandler, directory=str(xss_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        proc = subprocess.run([node, str(SCRIPT)], input=json.dumps({"base": base, "pages": pages}),
                              cwd=ROOT, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S)
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert not report["errors"], report["errors"][:5]
    assert report["visited"] == len(pages)
    assert not [h for h in report["hits"] if h["id"].startswith("CSPCONTROL")], \
        "script written into an article ran despite the page's Content-Security-Policy"
    control = [h for h in report["hits"] if h["id"].startswith("CONTROL")]
    assert [h["id"] for h in control] == ["CONTROL-1"], "the check did not see the control payload"
    assert any(link["href"].startswith("javascript:") and link["page"] == "control-page/"
               for link in report["links"]), "the check did not see the control link"
    hits = [h for h in report["hits"] if not h["id"].startswith("CONTROL")]
    links = [link for link in report["links"] if link["page"] not in ("control-page/", "csp-control/")]
    assert not hits, f"{len(hits)} payloads ran: {hits[:20]}"
    assert not report["dialogs"], report["dialogs"][:10]
    assert not report["outside"], f"requests left the site: {report['outside'][:20]}"
    assert not links, f"links or frames a payload controls: {links[:20]}"
