"""The seed site as a resident sees it on a phone (390 px) and a desktop (1280 px), in Chromium
(tests/browser/layout_check.mjs): on a phone no table cell reaches outside the screen and the
page never scrolls sideways; on both, no cell of the archive's tables is squeezed to a few
characters a line; the 公開状況 panel of a council without registered rules shows 目安, never
期限; and the footer speaks Japanese."""

from __future__ import annotations

import json
import subprocess

import pytest
from bs4 import BeautifulSoup

from .test_accessibility import (  # noqa: F401 — shared fixtures and the page list
    BROWSER_TIMEOUT_S,
    PAGES,
    ROOT,
    VIEWPORTS,
    base_url,
    built_site,
    node,
)

SCRIPT = ROOT / "tests" / "browser" / "layout_check.mjs"


@pytest.fixture(scope="session")
def layout(node: str, base_url: str) -> dict:
    plan = {"base": base_url, "pages": PAGES, "viewports": VIEWPORTS}
    proc = subprocess.run([node, str(SCRIPT)], input=json.dumps(plan), cwd=ROOT,
                          capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S)
    if proc.returncode != 0:
        pytest.fail(f"{SCRIPT.name} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}", pytrace=False)
    return json.loads(proc.stdout)


def measured(layout: dict, viewport: str, path: str) -> dict:
    (r,) = [p for p in layout["pages"] if p["viewport"] == viewport and p["path"] == path]
    assert r["error"] is None, f"/{path} ({viewport}) did not load:\n{r['error']}"
    assert r["status"] == 200, f"/{path} ({viewport}): HTTP {r['status']}"
    return r


def test_every_kind_of_page_is_measured() -> None:
    kinds = ["", "adachi/", "adachi/meetings/13-04/", "adachi/cases/shimon-480/", "adachi/departments/",
             "departments/", "years/", "years/2022/", "categories/", "categories/outsourcing/",
             "disclosure/", "disclosure/2022/", "data/", "edogawa/missing/", "about/"]
    assert set(kinds) <= set(PAGES) and any(p.startswith("search/") for p in PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_phone_shows_every_table_cell_on_screen(layout: dict, path: str) -> None:
    r = measured(layout, "phone", path)
    width = r["viewport_width"]
    assert r["scroll_width"] <= width, f"/{path}: the page scrolls sideways ({r['scroll_width']} px on a {width} px screen)"
    assert not r["outside"], f"/{path}: table cells outside the {width} px screen:\n" + "\n".join(
        f"  {o['cell']} ({o['left']}–{o['right']} px)" for o in r["outside"])
    if r["tables"]:
        assert r["cells"] > 0, f"/{path}: {r['tables']} table(s) but no cell measured"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES)
def test_no_archive_table_cell_is_squeezed(layout: dict, viewport: str, path: str) -> None:
    r = measured(layout, viewport, path)
    assert not r["narrow"], f"/{path} ({viewport}): cells squeezed to a few characters a line:\n" + "\n".join(
        f"  {n['cell']} ({n['width']} px wide)" for n in r["narrow"])


def test_measuring_sees_what_it_should(layout: dict) -> None:
    """The agenda and the 公開状況 panel of the seed meeting are measured on a phone."""
    r = measured(layout, "phone", "adachi/meetings/13-04/")
    assert r["tables"] >= 2 and r["cells"] >= 13 * 4


def test_unregistered_rules_read_as_a_guide_not_as_deadlines(built_site) -> None:
    """No council of the seeds has its disclosure rules in site_config.yml: the panel says so
    once and heads its dates 目安, never 期限."""
    html = (built_site / "adachi/meetings/13-04/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.find(id="disclosure")
    note = panel.find_next_sibling(class_="rules-note")
    assert note is not None and "登録されていません" in note.get_text() and "目安" in note.get_text()
    table = soup.find("table", attrs={"aria-labelledby": "disclosure"})
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["義務", "目安の日数", "目安の日", "実施日", "状況"]
    assert "既定値" not in html and html.count("登録されていません") == 1


def test_footer_is_japanese_and_links_to_about(built_site) -> None:
    for path in ("index.html", "adachi/meetings/13-04/index.html", "about/index.html"):
        footer = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser").select_one("footer")
        text = footer.get_text(" ", strip=True)
        assert "Made with" not in text and "Material for MkDocs" not in text, path
        assert "このアーカイブについて" in text, path


def test_about_page_says_where_facts_come_from(built_site) -> None:
    """The seeds' settings give no contact or official page: none is shown, and the page says
    so; the licence and the accessibility test are stated; 最終更新 is the content's latest date
    (the 足立区 meeting of 2022-12-27), not the build day."""
    soup = BeautifulSoup((built_site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    text = article.get_text(" ", strip=True)
    assert soup.find(id="contact") is not None and "site_config.yml" in text
    assert article.select_one("table[aria-labelledby=contact]") is None and "登録されていません" in text
    assert "CC BY 4.0" in text and "axe-core" in text and "wcag22aa" in text
    updated = soup.find(id="updated").find_next("time")
    assert updated["datetime"] == "2022-12-27"
    assert len(article.find_all("h1")) == 1
