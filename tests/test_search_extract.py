"""The extractor's own tokenizer (extract._events) cuts pages as html.parser does: the same
_Article state machine, driven by the standard library's parser, gives the same units."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs.search.extract import _Article, units_of

from .test_site import site  # noqa: F401 — the seed site, built once


class _Reference(HTMLParser):
    def __init__(self, sink: _Article) -> None:
        super().__init__(convert_charrefs=True)
        self.sink = sink

    def handle_starttag(self, tag, attrs):
        self.sink.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.sink.handle_endtag(tag)

    def handle_data(self, data):
        self.sink.handle_data(data)


def reference_units(page_html: str):
    article = _Article()
    parser = _Reference(article)
    parser.feed(page_html)
    parser.close()
    article._flush()
    return [u for u in article.units if u.text]


def test_every_page_of_the_seed_site_gives_the_same_units(site):
    pages = sorted(Path(site).glob("**/index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert units_of(html) == reference_units(html), page


# Well-formed pieces in any order (unbalanced, nested, outside the article): the HTML our templates
# and nh3 write, where a "<" in text is always escaped. (On broken markup such as "</<p>" the two
# tokenizers may differ; no page of the site holds any.)
PIECES = [
    "<article>", "</article>", '<article class="md-content">', "<p>", "</p>", "<div>", "</div>",
    '<h2 id="s1">', "</h2>", "<h3 id='s2'>", "</h3>", '<div class="turn" id="t1">',
    '<p class="turn__speaker">', '<span class="turn__speaker">', "</span>", "<a href='#x'>", "</a>",
    "<br>", "<br/>", "<hr />", "<td>", "</td>", "<TR>", "</TR>", "<nav>", "</nav>", "<button>",
    "</button>", "<script>var s = '<p>x</p>';</script>", "<style>p{}</style>", "<!-- <p>c</p> -->",
    "<!DOCTYPE html>", "<time datetime='2021'>", "</time>", "<img alt=x>",
    '<div title="a > b" class="turn" id="t2">', "<p id=bare>",
    "令和3年", "平 田", "text", " ", "\n", "\r\n", "&amp;", "&lt;p&gt;", "&#12354;", "&nbsp;", "a&b", "<3", "会長",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_random_fragments_give_the_same_units(pieces):
    html = "".join(pieces)
    assert units_of(html) == reference_units(html)
