"""Each class of bad input gets an error naming file, line, field and what was expected."""

from __future__ import annotations

import subprocess
import sys

from generator import pipeline
from generator.__main__ import main

from .conftest import CASE, CONFIG, MEETING, ROOT


def errors(archive) -> list[str]:
    return [str(d) for d in pipeline.run(archive.config).diagnostics.errors]


def test_the_valid_archive_has_no_errors(archive) -> None:
    result = pipeline.run(archive.config)
    assert result.ok, result.diagnostics.report()
    assert [c.key for c in result.archive.cases] == ["adachi/shimon-480"]


def test_broken_yaml(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("kind: 諮問", "kind: [諮問"))
    (err,) = errors(archive)
    assert err.startswith("content/adachi/cases/shimon-480.md:")
    assert "冒頭の項目欄: YAMLとして読めません。[ に対応する ] がありません" in err


def test_broken_yaml_names_its_line(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("department: 保健予防課", "department: 保健予防課\n  bad: : indent"))
    (err,) = errors(archive)
    assert err.startswith("content/adachi/cases/shimon-480.md:6: 冒頭の項目欄: YAMLとして読めません。")


def test_missing_title(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("title: おたふくかぜワクチン任意予防接種実施にかかる業務委託\n", ""))
    assert errors(archive) == ["content/adachi/cases/shimon-480.md:2: 件名（title）: 必ず書く項目ですが、"
                               "ありません。「title: 」の行を加えて値を書いてください"]


def test_wrong_date(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("令和4年12月27日", "令和4年13月27日"))
    assert errors(archive) == ["content/adachi/meetings/13-04.md:4: 開催日（date）: 「令和4年13月27日」は日付に"
                               "なっていません（13月はありません）。月を直してください"]


def test_date_that_cannot_exist(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("令和4年12月27日", "平成32年5月"))
    (err,) = errors(archive)
    assert err == ("content/adachi/meetings/13-04.md:4: 開催日（date）: 「平成32年5月」はありえない日付です"
                   "（平成は2019-04-30に終わりました）。令和2年5月のことではありませんか。元号か年を直してください")


def test_wrong_era_is_a_warning_not_an_error(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("bases:", "request:\n  date: 平成31年5月10日\nbases:"))
    result = pipeline.run(archive.config)
    assert result.ok
    (warning,) = [w for w in result.diagnostics.warnings if w.field == "request.date"]
    assert str(warning).startswith("content/adachi/cases/shimon-480.md:7: 警告: 諮問の依頼の日付（date）: "
                                   "「平成31年5月10日」は改元後の日付を旧元号で書いています")


def test_unknown_meeting(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("meetings: [13-04]", "meetings: [13-05]"))
    assert errors(archive) == ["content/adachi/cases/shimon-480.md:8: 審議した会議の1件目（meetings）: 「13-05」という"
                               "会議のファイル（content/adachi/meetings/13-05.md）がありません。13-04 ではありませんか。"
                               "IDの書き間違いを直すか、そのファイルを作ってください"]


def test_unknown_case_in_agenda(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("case: shimon-480", "case: shimon-999"))
    assert errors(archive) == ["content/adachi/meetings/13-04.md:10: 議事の1件目の案件（case）: 「shimon-999」という"
                               "案件のファイル（content/adachi/cases/shimon-999.md）がありません。IDの書き間違いを"
                               "直すか、そのファイルを作ってください"]


def test_unknown_field(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("department:", "departmant:"))
    (err,) = errors(archive)
    assert err == ("content/adachi/cases/shimon-480.md:5: 「departmant」: そういう項目はありません。"
                   "department（主管課・担当課）の書き間違いではありませんか。項目名を department に直してください")


def test_value_not_in_the_list(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("category: 外部委託", "category: 委託"))
    (err,) = errors(archive)
    assert err.startswith("content/adachi/cases/shimon-480.md:7: 根拠条文の1件目の分類（category）: 「委託」は"
                          "使えません。「外部委託」ではありませんか。次のどれかを書いてください：外部委託、外部結合、")


def test_number_in_the_wrong_style(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("諮問第480号", "令和4年度第480号議案"))
    (err,) = errors(archive)
    assert err.startswith("content/adachi/cases/shimon-480.md:3: 番号（number）: 「令和4年度第480号議案」は "
                          "諮問第480号 の形の番号ではありません。")


def test_closed_meeting_needs_a_reason(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("access: 公開", "access: 非公開"))
    assert errors(archive) == ["content/adachi/meetings/13-04.md:7: 公開・非公開の別（access）: 非公開の理由"
                               "（access_reason）がありません。審議会の定める非公開の理由を書いてください"]


def test_fiscal_year_that_contradicts_the_date(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("session: 4", "session: 4\nfiscal_year: 令和3年度"))
    assert errors(archive) == ["content/adachi/meetings/13-04.md:4: 年度（fiscal_year）: 年度 令和3年度（2021年度） が"
                               "開催日 令和4年（2022年）12月27日 の年度（令和4年度（2022年度））と合いません。年度は開催日"
                               "から決まるので、消すか直してください"]


def test_no_front_matter(archive) -> None:
    archive.write("content/adachi/cases/shimon-481.md", "本文だけ\n")
    assert errors(archive)[0].startswith("content/adachi/cases/shimon-481.md:1: 冒頭の項目欄: ありません。")


def test_misspelt_council_folder(archive) -> None:
    archive.write("content/adachii/cases/x.md", CASE)
    assert errors(archive) == ["content/adachii: folder: site_config.yml にある審議会のIDではありません"
                               "（adachi のどれかです）。フォルダ名を直してください"]


def test_settings_errors_name_site_config_lines(archive) -> None:
    archive.write("site_config.yml", CONFIG.format(theme=ROOT / "theme", code="131212"))
    assert errors(archive) == ["site_config.yml:22: 審議会の1件目の全国地方公共団体コード（municipality_code）: "
                               "「131212」は最後の桁（検査数字）が合いません。131211 ではありませんか。"
                               "総務省の一覧で確かめてください"]


def test_one_run_reports_every_error_in_every_file(archive) -> None:
    archive.write("content/adachi/meetings/13-04.md", MEETING.replace("令和4年12月27日", "令和4年2月30日"))
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("title: おたふく", "titel: おたふく")
                  .replace("meetings: [13-04]", "meetings: [13-04, 12-01]"))
    archive.write("content/adachi/cases/shimon-481.md", "---\nkind: 諮問\ntitle: [壊れた\n---\n")
    found = errors(archive)
    assert len(found) >= 4
    assert any(e.startswith("content/adachi/meetings/13-04.md:4: 開催日（date）:") for e in found)
    assert any(e.startswith("content/adachi/cases/shimon-480.md:2: 件名（title）: 必ず書く項目") for e in found)
    assert any(e.startswith("content/adachi/cases/shimon-480.md:4: 「titel」: そういう項目はありません。"
                            "title（件名）の書き間違い") for e in found)
    assert any(e.startswith("content/adachi/cases/shimon-481.md:") and "YAMLとして読めません" in e for e in found)


def test_check_command_exits_2_and_build_leaves_the_site_as_it_was(archive, capsys) -> None:
    """The issue's scenario: wrong date, missing title, unknown meeting, broken YAML."""
    assert main(["-f", str(archive.config), "build"]) == 0
    site = archive.root / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert any(str(p).startswith("adachi/cases/shimon-480") for p in before)

    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("title: おたふくかぜワクチン任意予防接種実施にかかる業務委託\n", "")
                  .replace("meetings: [13-04]", "meetings: [13-09]")
                  .replace("department: 保健予防課", "department: 保健予防課\nrequest:\n  date: 令和4年2月30日"))
    archive.write("content/adachi/meetings/13-05.md", "---\nsession: 5\ndate: [令和5年\n---\n")
    capsys.readouterr()
    assert main(["-f", str(archive.config), "check"]) == 2
    report = capsys.readouterr().err
    lines = [line for line in report.splitlines() if line.startswith("content/")]
    assert len(lines) == 4, report
    assert all(":" in line.split(" ")[0] for line in lines)  # file:line on each

    assert main(["-f", str(archive.config), "build"]) == 2
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_plain_mkdocs_build_also_refuses_bad_content_before_cleaning_the_site(archive) -> None:
    assert main(["-f", str(archive.config), "build"]) == 0
    index = (archive.root / "site" / "index.html").read_bytes()
    archive.write("content/adachi/cases/shimon-480.md", CASE.replace("kind: 諮問", "kind: 答申"))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(archive.config)],
                          capture_output=True, text=True, cwd=archive.root)
    assert proc.returncode != 0
    assert "shimon-480.md:2: 種別（kind）: 「答申」は使えません。次のどれかを書いてください：諮問、報告" in proc.stderr
    assert (archive.root / "site" / "index.html").read_bytes() == index


def test_schema_files_match_the_models() -> None:
    from generator.schema import SCHEMA_DIR, generated
    for name, text in generated().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"generator/schema/{name} is stale: run python -m generator schema")


def test_every_model_field_is_in_the_reference() -> None:
    from generator.schema import REFERENCE_ORDER, reference
    text = reference()
    for _, model in REFERENCE_ORDER:
        for name in model.model_fields:
            assert f"| `{name}` |" in text


def test_new_file_templates_list_every_field() -> None:
    from generator.model.casefile import Consultation, Meeting
    from generator.scaffold import CASE, MEETING
    for template, model in ((MEETING, Meeting), (CASE, Consultation)):
        front = template.split("---")[1]
        for name in model.model_fields:
            assert f"\n{name}:" in front, name


def test_decision_number_is_one_line_text(archive) -> None:
    archive.write("content/adachi/cases/shimon-480.md",
                  CASE.replace("  result: 了承\n", "  result: 了承\n  number: \"答申第516号\\n答申第517号\"\n"))
    (err,) = errors(archive)
    assert err.startswith("content/adachi/cases/shimon-480.md:11: 答申の答申番号（number）: ")


def test_two_cases_with_one_decision_number(archive) -> None:
    with_number = CASE.replace("  result: 了承\n", "  result: 了承\n  number: 答申第516号\n")
    archive.write("content/adachi/cases/shimon-480.md", with_number)
    archive.write("content/adachi/cases/shimon-481.md",
                  with_number.replace("諮問第480号", "諮問第481号").replace("答申第516号", "答申第 ５１６ 号"))
    assert sorted(errors(archive)) == [
        "content/adachi/cases/shimon-480.md:11: 答申の答申番号（number）: 答申番号 答申第516号 は "
        "content/adachi/cases/shimon-481.md の答申にも付いています。どちらかの答申番号を直してください"
        "（同じ答申ならファイルを1つにします）",
        "content/adachi/cases/shimon-481.md:11: 答申の答申番号（number）: 答申番号 答申第516号 は "
        "content/adachi/cases/shimon-480.md の答申にも付いています。どちらかの答申番号を直してください"
        "（同じ答申ならファイルを1つにします）"]
    # another council may give the same number
    archive.write("content/adachi/cases/shimon-481.md", CASE.replace("諮問第480号", "諮問第481号"))
    assert errors(archive) == []
