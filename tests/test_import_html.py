"""HTML input: a municipal web page of a meeting record (site navigation, breadcrumbs, side menu
and footer around it; the header as headings and paragraphs, or as a <table>) imports like the
record's text (tests/fixtures/import/corpus/), and scores the same against its truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.importer import html, import_file
from generator.importer.score import score_document

from .test_import_pdf import _flat, _front

HTML = Path(__file__).parent / "fixtures" / "import" / "html"
CORPUS = Path(__file__).parent / "fixtures" / "import" / "corpus"
PAGES = sorted(p.name for p in HTML.glob("*.html"))


def test_main_content_only_and_tables_kept_as_tables():
    text = html.to_text((HTML / "kawabe-kaigiroku.html").read_bytes())
    assert "ホーム" not in text and "くらし" not in text and "川辺市役所" not in text  # nav, breadcrumbs, footer
    assert "日時\t令和6年2月20日(火曜日)午後6時00分から午後7時30分まで" in text.split("\n")
    page = html.to_text((HTML / "higashiyama-kaigiroku.html").read_bytes())
    assert "本文へ" not in page and "お問い合わせ" not in page and "令和1年1月1日" not in page  # skip link, aside, script


@pytest.mark.parametrize("page", PAGES)
def test_a_web_page_of_a_record_imports_like_its_text(tmp_path, page):
    council = page.split("-")[0]
    text = CORPUS / page.replace(".html", ".txt")
    import_file(text, council, tmp_path / "text")
    import_file(HTML / page, council, tmp_path / "html")
    a, b = _front(tmp_path / "text"), _front(tmp_path / "html")
    assert sorted(a) == sorted(b)
    differences = [f"{path}: {key}: text {_flat(a[path]).get(key)!r} / html {_flat(b[path]).get(key)!r}"
                   for path in a for key in sorted(_flat(a[path]).keys() | _flat(b[path]).keys())
                   if str(_flat(a[path]).get(key)) != str(_flat(b[path]).get(key))]
    # The page's title line is the site's <h1>, not the text export's: the only field that may differ.
    assert [d for d in differences if ": title:" not in d] == [], differences
    truth = json.loads((CORPUS / page.replace(".html", ".truth.json")).read_text(encoding="utf-8"))
    assert score_document(HTML / page, truth).wrong == []
