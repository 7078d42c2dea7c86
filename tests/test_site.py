"""The seed site, built once, checked by parsing its HTML for the data it shows."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup

from generator.__main__ import main

from .conftest import CASE, MEETING, ROOT

WAREKI = re.compile(r"(令和|平成|昭和)(元|\d+)年（\d{4}年）")  # full-width, as Japanese text writes them


AS_OF = "2026-11-23"  # the golden digest shows obligation states, which depend on the day


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "site"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert main(["-f", str(ROOT / "site_config.yml"), "build", "-d", str(out), "--as-of", AS_OF]) == 0
    finally:
        os.chdir(cwd)
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def facts(soup: BeautifulSoup) -> dict[str, str]:
    dl = soup.select_one("dl.facts")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in dl.find_all("dt")}


def case_files() -> list[Path]:
    return sorted((ROOT / "content").glob("*/cases/*.md"))


def test_every_case_and_meeting_of_the_seeds_has_a_page(site: Path) -> None:
    cases = case_files()
    meetings = sorted((ROOT / "content").glob("*/meetings/*.md"))
    assert len(cases) >= 18 and len(meetings) >= 2
    for f in cases + meetings:
        council, folder = f.parts[-3], f.parts[-2]
        assert (site / council / folder / f.stem / "index.html").is_file(), f


def test_every_page_is_japanese(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    for p in pages:
        html = BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").html
        assert html.get("lang") == "ja", p


def test_exports_list_every_record_with_a_url_whose_page_exists(site: Path) -> None:
    consultations = json.loads((site / "data/consultations.json").read_text(encoding="utf-8"))
    meetings = json.loads((site / "data/meetings.json").read_text(encoding="utf-8"))
    assert len(consultations) == len(case_files())
    assert len(meetings) == len(list((ROOT / "content").glob("*/meetings/*.md")))
    for record in consultations + meetings:
        assert not record["url"].startswith("/")
        assert (site / record["url"] / "index.html").is_file(), record["url"]
    by_id = {r["id"]: r for r in consultations}
    r27 = by_id["edogawa/r02-27"]
    assert r27["council"] == {"id": "edogawa", "name": "江戸川区情報公開及び個人情報保護審査会",
                              "municipality": "江戸川区", "municipality_code": "131237"}
    assert (r27["number"], r27["number_fiscal_year"], r27["number_seq"]) == ("令和2年度第27号議案", 2020, 27)
    assert r27["categories"] == ["外部提供"]
    assert r27["request_date"] == "2021-03-04" and r27["document_number"] == "20福福送第1778号"
    assert r27["meetings"] == ["edogawa/r02-08"] and r27["outcome"] is None
    r485 = by_id["adachi/shimon-485"]
    assert r485["outcome"]["result"] == "了承" and r485["outcome"]["meeting"] == "adachi/13-04"
    assert r485["outcome"]["date"] is None  # the seed gives no 答申 date: not invented
    m = {r["id"]: r for r in meetings}
    assert m["adachi/13-04"]["date"] == "2022-12-27" and m["adachi/13-04"]["start"] == "10:00"
    assert m["edogawa/r02-08"]["date"] == "2021-03" and m["edogawa/r02-08"]["date_precision"] == "month"


def test_csv_exports_have_the_same_records(site: Path) -> None:
    for name in ("consultations", "meetings", "turns"):
        records = json.loads((site / f"data/{name}.json").read_text(encoding="utf-8"))
        with open(site / f"data/{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [r["id"] for r in rows] == [r["id"] for r in records]


def test_every_exported_field_is_documented(site: Path) -> None:
    from generator.outputs.exports import CONSULTATION_FIELDS, MEETING_FIELDS, TURN_FIELDS
    for name, fields in (("consultations", CONSULTATION_FIELDS), ("meetings", MEETING_FIELDS),
                         ("turns", TURN_FIELDS)):
        record = json.loads((site / f"data/{name}.json").read_text(encoding="utf-8"))[0]
        assert list(record) == list(fields)
        data_page = page(site, "data").get_text()
        assert all(key in data_page for key in fields)


def test_every_speaker_turn_is_in_the_open_data_with_its_words_and_anchor(site: Path) -> None:
    turns = json.loads((site / "data/turns.json").read_text(encoding="utf-8"))
    minutes = page(site, "adachi/meetings/13-04")
    on_page = minutes.select("[id^=t]")
    ids = {t["id"] for t in on_page if re.fullmatch(r"t\d+", t["id"])}
    mine = [t for t in turns if t["meeting"] == "adachi/13-04"]
    assert {t["url"].split("#")[1] for t in mine} == ids and len(mine) == len(ids) > 100
    for turn in mine:
        assert turn["text"] and not turn["text"].startswith(("○", turn["speaker"]))
        said = minutes.find(id=turn["url"].split("#")[1]).get_text(" ", strip=True)
        first_words = turn["text"].split("\n")[0][:15]
        assert first_words in said.replace(" ", "") or first_words in said, (turn["id"], first_words, said[:80])
    chair = [t for t in mine if t["speaker"] == "川合会長"]
    assert chair and all(t["name"] == "川合 敏樹" and t["role"] == "会長" for t in chair)
    assert any(t["case"] == "adachi/shimon-480" for t in mine)


def test_meetings_are_exported_as_open_civic_data_events(site: Path) -> None:
    events = json.loads((site / "data/events.ocd.json").read_text(encoding="utf-8"))
    meetings = json.loads((site / "data/meetings.json").read_text(encoding="utf-8"))
    assert [e["extras"]["id"] for e in events] == [m["id"] for m in meetings]
    e = next(e for e in events if e["extras"]["id"] == "adachi/13-04")
    assert (e["start_date"], e["end_date"], e["timezone"], e["status"]) == (
        "2022-12-27T10:00:00+09:00", "2022-12-27T12:19:00+09:00", "Asia/Tokyo", "passed")
    assert e["classification"] == "committee-meeting" and e["location"]["name"] == "中央館8階特別会議室"
    assert e["participants"][0]["entity_type"] == "organization"
    assert [a["order"] for a in e["agenda"]] == [str(i) for i in range(1, len(e["agenda"]) + 1)]
    month_only = next(e for e in events if e["extras"]["id"] == "edogawa/r02-08")
    assert month_only["start_date"] == "2021-03"  # the day is not known: not invented


def test_case_page_shows_its_facts_in_wareki_with_seireki(site: Path) -> None:
    soup = page(site, "edogawa/cases/r02-27")
    assert soup.h1.get_text(" ", strip=True) == ("令和2年度第27号議案 区内管轄警察署及び消防署への災害時における"
                                                "避難行動要支援者名簿の外部提供について")
    f = facts(soup)
    assert f["担当課"] == "福祉部福祉推進課"
    assert "江戸川区個人情報保護条例第13条第2項第4号" in f["根拠条文と分類"] and "外部提供" in f["根拠条文と分類"]
    assert f["依頼"].startswith("令和3年（2021年）3月4日 20福福送第1778号")
    assert f["年度"] == "令和2年度（2020年度）"
    assert "令和2年度第8回" in f["審議した会議"] and "令和3年（2021年）3月" in f["審議した会議"]
    assert f["答申"].startswith("答申未登録")


def test_case_document_tables_have_header_cells(site: Path) -> None:
    soup = page(site, "edogawa/cases/r02-27")
    tables = soup.select(".document table")
    assert tables and all(t.find("th") for t in tables)
    phrase = soup.select_one(".document").get_text()
    assert "平成 13 年 1 月（アーカイブ未収録）、平成 21 年 11 月（アーカイブ未収録）及び平成 28 年 1 月（アーカイブ未収録）に諮問答申済み" in phrase


def test_shinjuku_case_keeps_two_consultation_bases_and_one_report_basis(site: Path) -> None:
    items = [li.get_text(" ", strip=True) for li in page(site, "shinjuku/cases/gakudo-nyutaishitsu").select("ul.bases li")]
    assert len(items) == 3
    assert [("（報告）" in i) for i in items] == [False, False, True]


def test_decided_case_shows_its_outcome_and_where_it_was_discussed(site: Path) -> None:
    soup = page(site, "adachi/cases/shimon-485")
    f = facts(soup)
    assert f["答申"].startswith("了承") and "立会人型電子署名" in f["答申"]
    link = soup.find("a", string="審議経過")
    meeting_url, anchor = urldefrag(urljoin("adachi/cases/shimon-485/", link["href"]))
    target = page(site, meeting_url.rstrip("/"))
    heading = target.find(id=unquote(anchor))
    assert heading is not None and "諮問第485号" in heading.get_text()


def test_meeting_page_header_agenda_and_minutes(site: Path) -> None:
    soup = page(site, "adachi/meetings/13-04")
    f = facts(soup)
    assert f["開催日"] == "令和4年（2022年）12月27日"
    assert f["時間"] == "10:00〜12:19"
    assert f["場所"] == "中央館8階特別会議室"
    assert f["公開・非公開"] == "公開"
    assert f["傍聴者数"] == "不明"  # not in the seed
    assert len(soup.select("dl.facts dd ul.members")[0].find_all("li")) == 12
    rows = soup.select("#agenda + .table-wrap tbody tr")
    assert len(rows) == 13
    linked = [r.select_one("th a")["href"] for r in rows if r.select_one("th a")]
    assert len(linked) == 11 and all((site / "adachi/meetings/13-04" / h / "index.html").resolve().is_file()
                                     for h in linked)
    turns = soup.select(".minutes .turn")
    assert len(turns) == 217
    first = turns[0]
    assert first["id"] == "t1" and first.select_one(".turn__anchor")["href"] == "#t1"
    assert first.select_one(".turn__speaker").get_text(strip=True) == "山根（区政情報課長）"
    chair = [t for t in turns if "川合 敏樹（会長）" in t.select_one(".turn__speaker").get_text()]
    assert len(chair) > 30


def test_each_attendee_shows_the_label_the_minutes_give_them(site: Path) -> None:
    """出席者 lists 川合 敏樹（委員）; the minutes call him ○川合会長: the page says so, with his
    turns counted and a link to the first. A surname alone is no match: 鈴木情報システム課長
    (speakers: 鈴木) is not the member 鈴木 由美, who speaks as 鈴木委員."""
    soup = page(site, "adachi/meetings/13-04")
    members = {li.contents[0].strip(): li for li in soup.select("dl.facts dd ul.members")[0].find_all("li")}
    turns = soup.select(".minutes .turn")
    chair = members["川合 敏樹（委員）"]
    assert chair.select_one(".members__speaker").get_text(strip=True) == (
        f"審議経過では「川合会長」（発言{sum(t['data-speaker'] == '川合会長' for t in turns)}回）")
    first = soup.find(id=chair.select_one("a")["href"][1:])
    assert first is turns[[t["data-speaker"] for t in turns].index("川合会長")]
    assert "鈴木情報システム課長" not in members["鈴木 由美（委員）"].get_text()
    assert "「鈴木委員」" in members["鈴木 由美（委員）"].get_text()
    assert members["粉川 一郎（委員）"].select_one(".members__speaker") is None  # no turn of theirs
    absent = soup.select("dl.facts dd ul.members")[1]
    assert absent.select_one(".members__speaker") is None


def test_meeting_with_month_only_says_the_day_is_unknown(site: Path) -> None:
    f = facts(page(site, "edogawa/meetings/r02-08"))
    assert f["開催日"].replace(" ", "") == "令和3年（2021年）3月（日は記録なし）"
    assert f["場所"] == "不明" and f["出席者"] == "不明"


def test_listing_pages(site: Path) -> None:
    year = page(site, "years/2020").get_text()
    assert "令和2年度第26号議案" in year and "令和2年度第31号議案" in year and "諮問第480号" not in year
    cat = page(site, "categories/outsourcing").get_text()
    assert "令和2年度第29号議案" in cat and "令和2年度第27号議案" not in cat
    deps = page(site, "adachi/departments")
    assert deps.find(id="契約課") is not None
    home = page(site, "")
    assert len(home.select("#councils + .table-wrap tbody tr")) == 3


def test_dates_are_shown_in_wareki_with_seireki(site: Path) -> None:
    for url in ("", "adachi", "edogawa/meetings/r02-08", "years/2022"):
        times = page(site, url).select("article time")
        assert times and all(WAREKI.match(t.get_text()) for t in times), url


def test_every_internal_link_resolves_relatively(site: Path) -> None:
    """Relative links only, so the site works under any base path."""
    pages = {p.resolve(): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml") for p in site.rglob("*.html")}
    ids = {p: {tag["id"] for tag in soup.find_all(id=True)} for p, soup in pages.items()}
    checked = 0
    for p, soup in pages.items():
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            assert not href.startswith("/"), (p, href)
            path, frag = urldefrag(href)
            target = (p.parent / unquote(path)).resolve() if path else p
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (p, href)
            if frag and target.suffix == ".html":
                assert unquote(frag) in ids[target], (p, href)
            checked += 1
    assert checked > 100


def test_raw_html_in_bodies_is_sanitised(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace(
        "本文。", '本文。<script>alert("x")</script><img src=x onerror="alert(1)">'
                  '<a href="javascript:alert(2)">link</a><table style="width:1px"><tr><th scope="col">項目</th></tr></table>\n\n'))
    assert main(["-f", str(archive.config), "build"]) == 0
    html = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    body = html[html.index('id="document"'):]
    assert "<script>alert" not in body and "onerror" not in body and "javascript:" not in body
    assert "style=" not in body.split("</article>")[0]
    assert '<th scope="col">項目</th>' in body


def test_the_original_is_linked_where_the_content_gives_it_and_not_when_withheld(archive) -> None:
    original = "https://www.city.adachi.tokyo.jp/documents/shimon-480.pdf"
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("department: 保健予防課",
                                                                     f"department: 保健予防課\nsource: {original}"))
    assert main(["-f", str(archive.config), "build"]) == 0
    soup = BeautifulSoup((archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find("a", href=original).get_text() == "足立区が公開している原本"
    data = json.loads((archive.root / "site/data/consultations.json").read_text(encoding="utf-8"))
    assert data[0]["source"] == original
    # deliberated in a closed item: the original holds the withheld documents
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("access: 公開", "access: 一部非公開\naccess_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため")
                  .replace("    outcome: 了承", "    outcome: 了承\n    access: 非公開\n    access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため"))
    status = main(["-f", str(archive.config), "build"])
    assert status == 0
    assert not [p for p in (archive.root / "site").rglob("*") if p.is_file() and original.encode() in p.read_bytes()]
    closed = BeautifulSoup((archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    h2, toc = sections_and_toc(closed)
    assert "document" in h2 and h2 == toc  # its 資料 notice is in the TOC too


def sections_and_toc(soup: BeautifulSoup) -> tuple[list[str], list[str]]:
    """The page's own sections (<h2> directly in the article), and its table of contents' top level."""
    article = soup.select_one("article")
    h2 = [h["id"] for h in article.find_all("h2", recursive=False) if h.get("id")]
    toc = soup.select_one("nav.md-nav--secondary > ul")
    return h2, [a["href"].lstrip("#") for a in toc.select(":scope > li > a")] if toc else []


def test_every_section_of_a_case_or_meeting_page_is_in_its_table_of_contents(site: Path) -> None:
    pages = [*site.glob("*/cases/*/index.html"), *site.glob("*/meetings/*/index.html")]
    assert len(pages) > 10
    for p in pages:
        h2, toc = sections_and_toc(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"))
        assert h2 and h2 == toc, (p, h2, toc)


def test_metadata_is_escaped(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("department: 保健予防課", 'department: "<b onmouseover=x>課</b>"'))
    assert main(["-f", str(archive.config), "build"]) == 0
    html = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;課&lt;/b&gt;" in html


def test_drafts_reach_no_file_of_the_site(archive) -> None:
    canary = "CANARY-下書き-7f3a"
    archive.write("content/adachi/cases/shimon-481.md",
                  f"---\nkind: 諮問\nnumber: 諮問第481号\ntitle: {canary}\ndraft: true\n---\n{canary} の本文\n")
    assert main(["-f", str(archive.config), "build"]) == 0
    for p in (archive.root / "site").rglob("*"):
        if p.is_file():
            assert canary.encode() not in p.read_bytes(), p


GOLDEN = Path(__file__).parent / "golden" / "seed-site.txt"


def digest(site: Path) -> str:
    """The text each page shows in its article, page by page: the seed site in review form."""
    out = []
    for p in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is None:
            continue
        lines = [re.sub(r"\s+", " ", s).strip() for s in article.get_text("\n").splitlines()]
        out.append(f"=== {p.parent.relative_to(site).as_posix() or '.'}/")
        out += [line for line in lines if line]
    return "\n".join(out) + "\n"


def test_golden_seed_site(site: Path) -> None:
    """Every rendering change to the seed site shows up in review as a diff of this file.

    After an intended change: UPDATE_GOLDEN=1 ./scripts/test tests/test_site.py
    """
    text = digest(site)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == text, "the seed site changed: see UPDATE_GOLDEN above"


def test_built_feeds_validate(site: Path) -> None:
    import icalendar
    from lxml import etree
    schema = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "fixtures" / "atom.rng")))
    feed = etree.parse(str(site / "feed.xml"))
    assert schema.validate(feed), schema.error_log
    # every dated case (the Shinjuku case has no date in its source, so no entry date)
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 17
    for council in ("adachi", "edogawa", "shinjuku"):
        cal = icalendar.Calendar.from_ical((site / council / "meetings.ics").read_bytes())
        assert cal.walk("VEVENT") == []  # no seed meeting is upcoming on AS_OF


def test_the_decision_number_is_shown_exported_and_searchable(archive) -> None:
    from generator.outputs.search.extract import units_of
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("  result: 了承\n", "  result: 了承\n  number: 答申第５１６号\n"))
    assert main(["-f", str(archive.config), "build"]) == 0
    html = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    shown = facts(BeautifulSoup(html, "html.parser"))
    assert shown["答申番号"] == "答申第516号"  # stored NFKC, as every one-line text
    assert list(shown).index("答申番号") == list(shown).index("答申") - 1
    assert any("答申第516号" in u.text for u in units_of(html))  # in the article: indexed
    data = json.loads((archive.root / "site/data/consultations.json").read_text(encoding="utf-8"))
    assert data[0]["decision_number"] == "答申第516号"
    rows = list(csv.DictReader((archive.root / "site/data/consultations.csv").read_text(encoding="utf-8-sig")
                               .splitlines()))
    assert rows[0]["decision_number"] == "答申第516号"
    # deliberated in a closed item: the 答申's number, like the case's, is what an agenda says
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace(
        "access: 公開", "access: 一部非公開\naccess_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため")
        .replace("    outcome: 了承", "    outcome: 了承\n    access: 非公開\n"
                 "    access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため"))
    assert main(["-f", str(archive.config), "build"]) == 0
    html = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    assert facts(BeautifulSoup(html, "html.parser"))["答申番号"] == "答申第516号"
    archive.write("content/adachi/meetings/13-04.md", MEETING)
    # a case without one: no row on the page, null in the data
    archive.write("content/adachi/cases/shimon-480.md", CASE)
    assert main(["-f", str(archive.config), "build"]) == 0
    html = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    assert "答申番号" not in facts(BeautifulSoup(html, "html.parser"))
    data = json.loads((archive.root / "site/data/consultations.json").read_text(encoding="utf-8"))
    assert data[0]["decision_number"] is None
