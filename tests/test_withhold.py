"""Closed stays closed, as a property: minutes made of agenda sections, some closed, each
closed section holding canaries in arbitrary structures (headings of every deeper level,
headings inside quotes and lists, footnotes, tables, raw HTML, speaker turns, code), every open
section holding a marker. Whatever hypothesis draws, no canary reaches the archive that the
pages are made from, nor any file of a built site; every open marker does.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.__main__ import main

from .conftest import CONFIG, ROOT, site_bytes

REASON = "非開示情報（個人に関する情報等）が含まれる事項を審議するため"


def _blocks(canary: str, level: int) -> list[st.SearchStrategy[str]]:
    deeper = st.integers(min_value=min(level + 1, 6), max_value=6)
    return [
        st.just(f"{canary} 本文の段落。"),
        deeper.map(lambda n: f"{'#' * n} 小見出し {canary}\n\n{canary} 小見出しの下。"),
        st.integers(1, 6).map(lambda n: f"> {'#' * n} 引用内の見出し {canary}\n>\n> {canary}"),
        st.integers(1, 6).map(lambda n: f"- {'#' * n} 箇条内の見出し {canary}\n- {canary}"),
        st.just(f"脚注つき[^{canary}]。\n\n[^{canary}]: {canary} 脚注の本文"),
        st.just(f"| 項目 | 内容 |\n|---|---|\n| {canary} | {canary} |"),
        st.just(f"<div><h2>{canary}</h2><p id=\"{canary}\">{canary}</p></div>"),
        st.just(f"○川合会長 {canary} 発言です。"),
        st.just(f"```\n# {canary}\n```"),
        st.just(f"[参照][{canary}]\n\n[{canary}]: https://example.jp/{canary}"),
        st.just(f"{canary}\n---"),  # a setext h2: never ends a closed section
        st.integers(1, 6).map(lambda n: f"<div>\n\n{'#' * n} 枠内の見出し {canary}\n\n{canary}\n</div>"),
    ]


@st.composite
def minutes(draw) -> tuple[str, list[tuple[bool, str]], list[str], list[str]]:
    """(body, agenda [(closed, heading)], canaries, open markers)."""
    level = draw(st.integers(1, 5))
    n = draw(st.integers(2, 5))
    closed = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(lambda c: any(c) and not all(c)))
    parts, agenda, canaries, markers = [], [], [], []
    for i, is_closed in enumerate(closed):
        if is_closed:
            canary = f"kanaria{i:02d}x{draw(st.integers(1000, 9999))}"
            canaries.append(canary)
            heading = f"議題{i + 1} {canary}"
            options = _blocks(canary, level)
            body = draw(st.lists(st.one_of(*options), min_size=1, max_size=6))
        else:
            marker = f"openmark{i:02d}x{draw(st.integers(1000, 9999))}"
            markers.append(marker)
            heading = f"議題{i + 1}"
            body = [f"{marker} 公開の審議。"]
        agenda.append((is_closed, heading))
        parts.append(f"{'#' * level} {heading}\n\n" + "\n\n".join(body))
    return "\n\n".join(parts) + "\n", agenda, canaries, markers


def _write(root: Path, body: str, agenda: list[tuple[bool, str]]) -> Path:
    (root / "content/pages").mkdir(parents=True, exist_ok=True)
    (root / "content/pages/about.md").write_text("# このアーカイブについて\n", encoding="utf-8")
    (root / "site_config.yml").write_text(CONFIG.format(theme=ROOT / "theme", code="131211"), encoding="utf-8")
    items = "".join(
        f"  - kind: その他\n    title: 議題{i + 1}\n    minutes_section: \"{heading}\"\n"
        + (f"    access: 非公開\n    access_reason: {REASON}\n" if closed else "")
        for i, (closed, heading) in enumerate(agenda))
    meeting = root / "content/adachi/meetings/13-04.md"
    meeting.parent.mkdir(parents=True, exist_ok=True)
    meeting.write_text(textwrap.dedent(f"""\
        ---
        term: 13
        session: 4
        date: 令和4年12月27日
        access: 一部非公開
        access_reason: {REASON}
        agenda:
        """) + items + "speakers:\n  川合会長: {name: 川合 敏樹, role: 会長}\n---\n" + body, encoding="utf-8")
    return root / "site_config.yml"


def _published(result: pipeline.Result) -> str:
    """Everything the archive hands to the pages, exports, feeds and index."""
    assert result.archive is not None, [str(e) for e in result.diagnostics.errors]
    out = []
    for m in result.archive.meetings:
        out += [m.record_body, m.body.html, repr(m.body.headings), repr(m.body.turns),
                repr([(a.title, a.section) for a in m.agenda])]
    return "\n".join(out).lower()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=minutes())
def test_no_closed_text_reaches_the_archive(tmp_path_factory, doc) -> None:
    body, agenda, canaries, markers = doc
    config = _write(tmp_path_factory.mktemp("w"), body, agenda)
    result = pipeline.run(config)
    assert not result.diagnostics.errors, [str(e) for e in result.diagnostics.errors]
    text = _published(result)
    assert [c for c in canaries if c in text] == []
    assert [m for m in markers if m not in text] == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=minutes())
def test_no_closed_text_reaches_any_file_of_the_site(tmp_path_factory, doc) -> None:
    body, agenda, canaries, markers = doc
    root = tmp_path_factory.mktemp("site")
    config = _write(root, body, agenda)
    assert main(["-f", str(config), "build", "--as-of", "2026-11-30"]) == 0
    everything = b"\n".join(site_bytes(p) for p in (root / "site").rglob("*") if p.is_file()).lower()
    assert [c for c in canaries if c.encode() in everything] == []
    assert [m for m in markers if m.encode() not in everything] == []
