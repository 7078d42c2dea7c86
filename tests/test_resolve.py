"""Citations resolved against small fixture archives: exact, ambiguous month, number, override,
a cited case added later — and the seed content's citations, found and nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bs4 import BeautifulSoup

from generator import pipeline
from generator.__main__ import main

from .conftest import ROOT


def meeting(archive, mid: str, date: str, session: int) -> None:
    archive.write(f"content/adachi/meetings/{mid}.md", f"---\nsession: {session}\ndate: {date}\n---\n")


def case(archive, cid: str, number: int | str, title: str, body: str = "", *, decided_at: str | None = None,
         department: str = "保健予防課", extra: str = "") -> None:
    decision = f"decision:\n  result: 了承\n  meeting: {decided_at}\nmeetings: [{decided_at}]\n" if decided_at else ""
    archive.write(f"content/adachi/cases/{cid}.md",
                  f"---\nkind: 諮問\nnumber: 諮問第{number}号\ntitle: {title}\ndepartment: {department}\n"
                  f"{decision}{extra}---\n{body}\n")


def resolved(archive) -> dict[str, list[tuple[str, str | None]]]:
    result = pipeline.run(archive.config)
    assert result.ok, result.diagnostics.report()
    return {c.id: [(x.key, x.target.id if x.target else None) for x in c.cites] for c in result.archive.cases}


def base(archive) -> None:
    for f in (archive.root / "content/adachi").rglob("*.md"):
        f.unlink()
    meeting(archive, "h28-01", "平成28年1月20日", 1)
    meeting(archive, "h28-03", "平成28年3月15日", 2)
    meeting(archive, "r02-08", "令和3年3月", 8)


def test_exact_month_match(archive) -> None:
    base(archive)
    case(archive, "shimon-100", 100, "避難行動要支援者名簿の外部提供について", decided_at="h28-01")
    case(archive, "shimon-200", 200, "避難行動要支援者名簿の警察署への外部提供について",
         "平成 28 年 1 月に諮問答申済み", decided_at="r02-08")
    assert resolved(archive)["shimon-200"] == [("ym:2016-01", "shimon-100")]


def test_ambiguous_month_ranks_by_subject_and_shows_the_others(archive) -> None:
    base(archive)
    case(archive, "shimon-101", 101, "図書館システムの外部委託について", decided_at="h28-01", department="中央図書館")
    case(archive, "shimon-102", 102, "避難行動要支援者名簿の外部提供について", decided_at="h28-01", department="福祉推進課")
    case(archive, "shimon-103", 103, "児童手当の封入封緘委託", decided_at="h28-01", department="親子支援課")
    case(archive, "shimon-200", 200, "避難行動要支援者名簿の更新に伴う外部提供について",
         "平成28年1月に諮問答申済み", decided_at="r02-08", department="福祉推進課")
    result = pipeline.run(archive.config)
    (cite,) = next(c for c in result.archive.cases if c.id == "shimon-200").cites
    assert cite.target.id == "shimon-102"
    assert {a.id for a in cite.alternates} == {"shimon-101", "shimon-103"}


def test_number_matches_exactly(archive) -> None:
    base(archive)
    case(archive, "shimon-151", 151, "児童手当支給事業の業務委託", decided_at="h28-03")
    case(archive, "shimon-484", 484, "「児童手当」支給事業の封入封緘委託",
         "手当の支給に伴う業務委託については、諮問第151号によりご承認をいただいているところでございます。",
         decided_at="r02-08")
    assert resolved(archive)["shimon-484"] == [("no:諮問第151号", "shimon-151")]


def test_a_number_written_with_leading_zeros_is_the_same_number(archive) -> None:
    """number_key's one rule: 諮問第0151号 is number 151, whether the case or the citation pads it;
    and a body naming its own number, padded, does not cite itself."""
    base(archive)
    case(archive, "shimon-151", "0151", "児童手当支給事業の業務委託", "諮問第151号により承認を得た", decided_at="h28-03")
    case(archive, "shimon-484", 484, "「児童手当」支給事業の封入封緘委託",
         "手当の支給に伴う業務委託については、諮問第０１５１号によりご承認をいただいているところでございます。",
         decided_at="r02-08")
    found = resolved(archive)
    assert found["shimon-484"] == [("no:諮問第151号", "shimon-151")]
    assert found["shimon-151"] == []


def test_override_corrects_a_match_and_adds_one(archive) -> None:
    base(archive)
    case(archive, "shimon-101", 101, "避難行動要支援者名簿の外部提供について", decided_at="h28-01")
    case(archive, "shimon-102", 102, "図書館システムの外部委託", decided_at="h28-01")
    case(archive, "shimon-103", 103, "名簿の更新", decided_at="h28-03")
    case(archive, "shimon-200", 200, "避難行動要支援者名簿の外部提供について", "平成28年1月に諮問答申済み",
         decided_at="r02-08",
         extra="citations:\n  - cites: 平成28年1月\n    target: shimon-102\n    note: 原本で確認\n"
               "  - target: shimon-103\n")
    assert resolved(archive)["shimon-200"] == [("ym:2016-01", "shimon-102"), ("case:shimon-103", "shimon-103")]


def test_override_to_unknown_case_is_an_error_at_its_line(archive) -> None:
    base(archive)
    case(archive, "shimon-200", 200, "名簿", decided_at="r02-08", extra="citations:\n  - target: shimon-999\n")
    errors = [str(e) for e in pipeline.run(archive.config).diagnostics.errors]
    assert errors == ["content/adachi/cases/shimon-200.md:11: 引用の訂正・追加の1件目の引用先の案件（target）: "
                      "「shimon-999」という案件のファイル（content/adachi/cases/shimon-999.md）がありません。"
                      "IDの書き間違いを直すか、そのファイルを作ってください"]


def test_a_cited_case_added_later_is_linked_without_editing_the_citing_case(archive) -> None:
    base(archive)
    case(archive, "shimon-200", 200, "避難行動要支援者名簿の外部提供について",
         "平成 13 年 1 月、平成 21 年 11 月及び平成 28 年 1 月に諮問答申済み", decided_at="r02-08")
    assert resolved(archive)["shimon-200"] == [("ym:2001-01", None), ("ym:2009-11", None), ("ym:2016-01", None)]
    case(archive, "shimon-100", 100, "避難行動要支援者名簿の外部提供について", decided_at="h28-01")
    after = resolved(archive)
    assert after["shimon-200"] == [("ym:2001-01", None), ("ym:2009-11", None), ("ym:2016-01", "shimon-100")]


def test_unresolved_citation_is_a_warning_with_its_line(archive) -> None:
    base(archive)
    case(archive, "shimon-200", 200, "名簿", "\n平成28年3月に諮問答申済み", decided_at="r02-08")
    result = pipeline.run(archive.config)
    assert result.ok
    assert [str(w) for w in result.diagnostics.warnings] == [
        "content/adachi/cases/shimon-200.md:12: 警告: 本文が引用する「平成28年3月」の答申はアーカイブにありません"
        "（ページには「アーカイブ未収録」と出ます）。その案件を収録すると自動でリンクされます"]


# --- The seed content -----------------------------------------------------------------------


def seed() -> pipeline.Result:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return pipeline.run(ROOT / "site_config.yml")
    finally:
        os.chdir(cwd)


def test_seed_citations_are_all_found_and_nothing_else() -> None:
    result = seed()
    found = {c.key: [x.key for x in c.cites] for c in result.archive.cases if c.cites}
    assert found == {
        "edogawa/r02-26": ["ym:2003-08", "ym:2018-11", "ym:2018-11"],
        "edogawa/r02-27": ["ym:2001-01", "ym:2009-11", "ym:2016-01"],
        "edogawa/r02-29": ["ym:2016-03"],
        "edogawa/r02-30": ["ym:2016-11"],
        "adachi/shimon-484": ["no:諮問第151号", "no:諮問第151号"],
    }
    (m,) = [m for m in result.archive.meetings if m.key == "adachi/13-04"]
    assert m.cites_outside_items == []


def test_adding_the_older_decision_links_it_and_lists_the_citing_case(tmp_path: Path) -> None:
    """The issue's scenario: add Edogawa's 平成28年1月 答申 on the 避難行動要支援者名簿."""
    import shutil
    shutil.copytree(ROOT / "content", tmp_path / "content")
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8").replace(
        "custom_dir: theme", f"custom_dir: {ROOT / 'theme'}").replace("  - theme\n", "")
    (tmp_path / "site_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "content/edogawa/meetings/h27-10.md").write_text(
        "---\nsession: 10\nfiscal_year: 平成27年度\ndate: 平成28年1月\n---\n", encoding="utf-8")
    (tmp_path / "content/edogawa/cases/h27-40.md").write_text(
        "---\nkind: 諮問\nnumber: 平成27年度第40号議案\ntitle: 避難行動要支援者名簿の外部提供について\n"
        "department: 福祉部福祉推進課\nmeetings: [h27-10]\n---\n", encoding="utf-8")
    before = (ROOT / "content/edogawa/cases/r02-27.md").read_bytes()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["-f", str(tmp_path / "site_config.yml"), "build"]) == 0
    finally:
        os.chdir(cwd)
    assert (tmp_path / "content/edogawa/cases/r02-27.md").read_bytes() == before
    site = tmp_path / "site"
    citing = BeautifulSoup((site / "edogawa/cases/r02-27/index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a for a in citing.select(".document a.citation")]
    assert [a.get_text() for a in links] == ["平成 28 年 1 月"]
    assert links[0]["href"] == "../h27-40/"
    missing = [s.get_text() for s in citing.select(".document .citation--missing")]
    assert len(missing) == 2 and all("アーカイブ未収録" in s for s in missing)
    older = BeautifulSoup((site / "edogawa/cases/h27-40/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "令和2年度第27号議案" in older.select_one("#cited-by + ul").get_text()
    lineage = [li.get_text(" ", strip=True) for li in older.select("ol.lineage li")]
    assert len(lineage) == 4 and "平成13年（2001年）1月" in lineage[0] and "令和2年度第27号議案" in lineage[-1]
    data = {r["id"]: r for r in json.loads((site / "data/consultations.json").read_text(encoding="utf-8"))}
    assert data["edogawa/h27-40"]["cited_by"] == ["edogawa/r02-27"]
    assert [c["target"] for c in data["edogawa/r02-27"]["cites"]] == [None, None, "edogawa/h27-40"]
    assert data["edogawa/r02-27"]["cites"][2]["year_month"] == "2016-01"
    missing_page = (site / "edogawa/missing/index.html").read_text(encoding="utf-8")
    assert "平成13年（2001年）1月の答申" in missing_page and "平成28年（2016年）1月の答申" not in missing_page


def test_a_number_with_its_fiscal_year_before_shimon_resolves_exactly(archive) -> None:
    """平成27年度諮問第1号 is the fiscal_year style's number (2015, 1), cited and overridden as
    written; it is not the running number 諮問第1号."""
    base(archive)
    archive.write("site_config.yml", (archive.root / "site_config.yml").read_text(encoding="utf-8")
                  .replace("numbering: running", "numbering: fiscal_year"))

    def fy_case(cid: str, number: str, body: str = "", extra: str = "") -> None:
        archive.write(f"content/adachi/cases/{cid}.md",
                      f"---\nkind: 諮問\nnumber: {number}\ntitle: 名簿の外部提供について\nmeetings: [r02-08]\n"
                      f"{extra}---\n{body}\n")
    fy_case("h27-01", "平成27年度諮問第1号")
    fy_case("h27-02", "平成27年度諮問第２号")
    cites = "名簿の提供は、平成27年度諮問第1号によりご承認をいただいております。"
    fy_case("r02-01", "令和2年度第1号議案", cites)
    fy_case("r02-02", "令和2年度第2号議案", cites,
            extra="citations:\n  - cites: 平成27年度諮問第１号\n    target: h27-02\n    note: 原本で確認\n")
    result = pipeline.run(archive.config)
    assert result.ok, result.diagnostics.report()
    cases = {c.id: c for c in result.archive.cases}
    assert (cases["h27-01"].number_parts.fiscal_year, cases["h27-01"].number_parts.seq) == (2015, 1)
    assert [(x.key, x.target.id if x.target else None) for x in cases["r02-01"].cites] == [
        ("no:平成27年度諮問第1号", "h27-01")]
    assert [(x.key, x.target.id if x.target else None) for x in cases["r02-02"].cites] == [
        ("no:平成27年度諮問第1号", "h27-02")]
    # in a council numbered 諮問第480号, the same citation is not the running 諮問第1号
    base(archive)
    archive.write("site_config.yml", (archive.root / "site_config.yml").read_text(encoding="utf-8")
                  .replace("numbering: fiscal_year", "numbering: running"))
    case(archive, "shimon-1", 1, "名簿の外部提供について", decided_at="h28-01")
    case(archive, "shimon-200", 200, "名簿の外部提供について", cites, decided_at="r02-08")
    assert resolved(archive)["shimon-200"] == [("no:平成27年度諮問第1号", None)]
