"""The citation extractor against real phrases (tests/fixtures/citations.txt) and the real content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.citations import CitedRef, find_citations
from generator.stages.body import parse_body, render_body
from generator.stages.load import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "citations.txt"


def _ref(ref: CitedRef) -> str:
    return ref.key + (f"@{ref.date.iso()}" if ref.date else "")


def _cases():
    for number, line in enumerate(FIXTURES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or (line.startswith("#") and " → " not in line):
            continue
        phrase, sep, expected = line.rpartition(" → ")
        assert sep, f"citations.txt:{number}: no → in {line!r}"
        yield pytest.param(phrase.replace("⏎", "\n"), expected.strip(), id=f"citations.txt:{number}")


@pytest.mark.parametrize("phrase, expected", list(_cases()))
def test_citation_fixture(phrase: str, expected: str) -> None:
    refs = [_ref(r) for c in find_citations(phrase) for r in c.refs]
    assert (" ".join(refs) or "∅") == expected


def test_fixture_table_is_read() -> None:
    # `# 令和2年度第26号議案 → ∅` is a case (a heading), not a comment: the table must see it.
    phrases = [p.values[0] for p in _cases()]
    assert "# 令和2年度第26号議案" in phrases and len(phrases) > 50


# --- What a reference and a phrase hold -----------------------------------------------------

def test_ref_text_is_the_exact_source_substring() -> None:
    [c] = find_citations("※ 平成 13 年 1 月、平成 21 年 11 月及び平成 28 年 1 月に諮問答申済み")
    assert [r.text for r in c.refs] == ["平成 13 年 1 月", "平成 21 年 11 月", "平成 28 年 1 月"]
    assert c.phrase == "平成 13 年 1 月、平成 21 年 11 月及び平成 28 年 1 月に諮問答申済み"
    [c] = find_citations("平成２８年１月及び１１月に諮問答申済み")
    assert [r.text for r in c.refs] == ["平成２８年１月", "１１月"]
    assert [(r.year, r.month) for r in c.refs] == [(2016, 1), (2016, 11)]


def test_numbered_ref() -> None:
    [c] = find_citations("審議会 令和元年9月2日 諮問第 6 号")
    [r] = c.refs
    assert (r.text, r.number, r.key, r.year, r.month) == ("諮問第 6 号", "諮問第6号", "no:諮問第6号", 2019, 9)
    assert r.date is not None and r.date.iso() == "2019-09-02"
    [c] = find_citations("諮問第 151 号でご承認をいただいております。")
    assert (c.phrase, c.refs[0].text, c.refs[0].date, c.refs[0].year) == (
        "諮問第 151 号でご承認", "諮問第 151 号", None, None)
    # a 年度 before 諮問 is part of the number (the fiscal_year style), not a running 諮問第1号
    [c] = find_citations("平成 27 年度諮問第 1 号によりご承認をいただいております。")
    assert (c.phrase, c.refs[0].number, c.refs[0].key) == (
        "平成 27 年度諮問第 1 号によりご承認", "平成27年度諮問第1号", "no:平成27年度諮問第1号")
    assert find_citations("平成三十二年度諮問第1号によりご承認") == []  # no such 年度


def test_lines_count_from_first_line_and_phrase_may_span_a_soft_break() -> None:
    body = "# 見出し\n\n本件は、平成28年1月及び\n平成30年11月に諮問答申済みである。[^1]\n\n[^1]: 平成 28 年 3 月に諮問答申済み\n"
    found = find_citations(body, 17)
    assert [(c.line, [r.key for r in c.refs]) for c in found] == [
        (19, ["ym:2016-01", "ym:2018-11"]), (22, ["ym:2016-03"])]
    assert found[0].phrase == "平成28年1月及び\n平成30年11月に諮問答申済み"
    # a hard break (two spaces) ends the phrase: a schedule's next line is another entry
    assert find_citations("令和3年3月  \n諮問答申済み") == []
    # a footnote nothing refers to is not on the page, so it cites nothing
    assert find_citations(body.replace("。[^1]", "。"), 17) == found[:1]


def test_own_number_is_never_a_citation() -> None:
    text = "令和2年度第26号議案で承認を受けた範囲"
    assert [r.key for c in find_citations(text) for r in c.refs] == ["no:令和2年度第26号議案"]
    assert find_citations(text, own_number="令和 2 年度第 26 号議案") == []
    assert find_citations("諮問第151号によりご承認", own_number="諮問第１５１号") == []
    text = "令和2年度第26号議案で承認を受けた範囲"
    assert _linked(text, own="令和2年度第26号議案") == "<p>令和2年度第26号議案で承認を受けた範囲</p>\n"
    assert _links(_linked(text)) == [("a", "../no-令和2年度第26号議案/", "令和2年度第26号議案")]


# --- The real content: the acceptance test of the issue ---------------------------------------

EXPECTED = {
    "edogawa/cases/r02-26.md": [(102, ["ym:2003-08", "ym:2018-11"]), (142, ["ym:2018-11"])],
    "edogawa/cases/r02-27.md": [(93, ["ym:2001-01", "ym:2009-11", "ym:2016-01"])],
    "edogawa/cases/r02-29.md": [(92, ["ym:2016-03"])],
    "edogawa/cases/r02-30.md": [(113, ["ym:2016-11"])],  # inside an HTML table cell
    "adachi/meetings/13-04.md": [(600, ["no:諮問第151号"]), (606, ["no:諮問第151号"])],
}
CONTENT_FILES = sorted(p for p in (ROOT / "content").rglob("*") if p.is_file())


def _found(found) -> list[tuple[int, list[str]]]:
    return [(c.line, [r.key for r in c.refs]) for c in found]


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_citations_in_content(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    front, body, body_line = split_front_matter(text)
    own = (yaml.safe_load(front) or {}).get("number") if front else None
    expected = EXPECTED.get(path.relative_to(ROOT / "content").as_posix(), [])
    assert _found(find_citations(body, body_line)) == expected
    assert _found(find_citations(body, body_line, own_number=own)) == expected
    # the front matter (numbers, agenda titles) cites nothing either
    assert _found(find_citations(text)) == expected


def test_expected_files_exist() -> None:
    assert all((ROOT / "content" / name).is_file() for name in EXPECTED)


def test_content_phrases() -> None:
    text = (ROOT / "content/adachi/meetings/13-04.md").read_text(encoding="utf-8")
    assert [c.phrase for c in find_citations(text)] == ["諮問第151号によりご承認", "諮問第 151 号でご承認"]


# --- Links, made by the renderer -------------------------------------------------------------

def _href(ref: CitedRef) -> str | None:
    return None if ref.key == "ym:2003-08" else f"../{ref.key.replace(':', '-')}/"


def _linked(markdown: str, href=_href, *, own: str | None = None, minutes: bool = False) -> str:
    """The body rendered as resolve.py renders it: each cited reference given `href(ref)`."""
    body = parse_body(markdown, 1, own_number=own, minutes=minutes)
    return render_body(body, {(c, r): href(r) for c in body.citations for r in c.refs})


def _plain(markdown: str, *, minutes: bool = False) -> str:
    return parse_body(markdown, 1, minutes=minutes).html


def _unwrapped(html: str) -> str:
    html = re.sub(r'<a class="citation" href="[^"]*">(.*?)</a>', r"\1", html)
    return re.sub(r'<span class="citation citation--missing">(.*?)<small>（アーカイブ未収録）</small></span>',
                  r"\1", html)


def _links(html: str) -> list[tuple[str, str | None, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(el.name, el.get("href"), el.get_text()) for el in soup.select(".citation")]


def test_link_in_raw_html_table_cell() -> None:
    table = ('<table><tr><th scope="row">業務の内容</th><td><p>消込みを行う。</p> '
             '<p>平成 28 年 11 月諮問答申済み</p></td></tr></table>\n')
    out = _linked(table)
    assert _links(out) == [("a", "../ym-2016-11/", "平成 28 年 11 月")]
    assert '<p><a class="citation" href="../ym-2016-11/">平成 28 年 11 月</a>諮問答申済み</p>' in out
    assert _unwrapped(out) == _plain(table)


def test_raw_html_is_rewritten_only_in_its_text() -> None:
    # in an attribute, a comment, a script, a link, or split by a tag: never wrapped
    for html in ['<div title="平成28年1月に諮問答申済み">x</div>\n',
                 "<div><!-- 平成28年1月に諮問答申済み --></div>\n",
                 "<div><script>平成28年1月に諮問答申済み</script></div>\n",
                 '<div><a href="../x/">平成28年1月に諮問答申済み</a></div>\n',
                 "<div>平成28年<b>1月</b>に諮問答申済み</div>\n",
                 '<div title="a>平成28年1月に諮問答申済み"></div>\n']:
        assert "citation" not in _linked(html), html
    # entities stay as written inside the link
    out = _linked("<div>平成28年1&#26376;に諮問答申済み</div>\n")
    assert '<a class="citation" href="../ym-2016-01/">平成28年1月</a>' in out


def test_content_cannot_write_a_citation_link_itself() -> None:
    out = _linked('<a class="citation" href="../x/">平成28年1月</a> <span class="citation citation--missing">y</span>\n')
    assert "citation" not in out


def test_link_in_paragraph_with_footnote_marker() -> None:
    out = _linked("平成 15 年 8 月[^1]及び平成 30 年 11 月諮問答申済み\n\n[^1]: 注\n")
    assert _links(out) == [("span", None, "平成 15 年 8 月（アーカイブ未収録）"),
                           ("a", "../ym-2018-11/", "平成 30 年 11 月")]
    assert 'class="footnote-ref"' in out
    assert ('<span class="citation citation--missing">平成 15 年 8 月<small>（アーカイブ未収録）'
            '</small></span>') in out


def test_rendered_footnotes_are_linked() -> None:
    text = (ROOT / "content/edogawa/cases/r02-26.md").read_text(encoding="utf-8")
    _, body, _ = split_front_matter(text)
    out = _linked(body)
    assert _links(out) == [("span", None, "平成 15 年 8 月（アーカイブ未収録）"),
                           ("a", "../ym-2018-11/", "平成 30 年 11 月"),
                           ("a", "../ym-2018-11/", "平成30年11月")]
    # nothing else changed: the HTML outside the wrapped references is byte for byte the same
    assert _unwrapped(out) == _plain(body)


def test_phrase_already_in_a_link_is_left_alone() -> None:
    for text in ["[平成28年1月に諮問答申済み](../r02-27/)", "[平成28年1月](../x/)に諮問答申済み",
                 '<a href="../x/">平成28年1月に諮問答申済み</a>']:
        assert "citation" not in _linked(text), text


def test_escaping_is_preserved() -> None:
    text = "\\<script>alert(1)\\</script> A&amp;B&nbsp;C 平成28年1月に諮問答申済み \\<b>"
    out = _linked(text, lambda ref: '../x/?a=1&b="2"')
    assert out == ('<p>&lt;script&gt;alert(1)&lt;/script&gt; A&amp;B&nbsp;C '
                   '<a class="citation" href="../x/?a=1&amp;b=&quot;2&quot;">平成28年1月</a>'
                   'に諮問答申済み &lt;b&gt;</p>\n')
    # the 「」-less aside breaks the phrase: no link
    assert "citation" not in _linked("諮問第151号\\<x>によりご承認")


def test_not_linked() -> None:
    for text in ["<table><tr><td>令和3年 3月 審査会への諮問答申</td></tr></table>",
                 "<table><tr><td>平成28年1月</td><td>諮問答申済み</td></tr></table>",
                 "### [諮問第480号] おたふくかぜ",
                 "平成28年*1月*に諮問答申済み",  # a reference split over two text tokens
                 "`平成28年1月に諮問答申済み`", "    平成28年1月に諮問答申済み",  # code
                 "", "text only, 平成28年"]:
        assert _linked(text) == _plain(text), text


def test_link_across_inline_tags_and_in_minutes() -> None:
    out = _linked("**平成28年1月**に諮問答申済み")
    assert out == '<p><strong><a class="citation" href="../ym-2016-01/">平成28年1月</a></strong>に諮問答申済み</p>\n'
    text = (ROOT / "content/adachi/meetings/13-04.md").read_text(encoding="utf-8")
    _, body, _ = split_front_matter(text)
    assert _links(_linked(body, minutes=True)) == [("a", "../no-諮問第151号/", "諮問第151号"),
                                                   ("a", "../no-諮問第151号/", "諮問第 151 号")]


def test_a_hand_written_page_keeps_citations_as_text() -> None:
    assert _plain("平成28年1月に諮問答申済み") == "<p>平成28年1月に諮問答申済み</p>\n"


# --- Any text ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(["平成", "令和", "元", "28", "１", " ", "　", "年", "月", "日", "、", "及び", "に",
                           "諮問", "答申済み", "第", "号", "によりご承認", "\n", "<td>", "</p>", "&amp;",
                           "[^1]", "議案", "年度", "「", "」", "<", ">", "&", "*", "<a href=x>", "</a>"])


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text(text: str) -> None:
    for c in find_citations(text):
        # the phrase as written, but for the spaces Markdown drops around a line break
        assert _squeezed(c.phrase) in _squeezed(text) and c.refs and 1 <= c.line <= text.count("\n") + 1
        assert all(r.text in c.phrase for r in c.refs)
    assert _unwrapped(_linked(text, lambda ref: "x")) == _plain(text)
