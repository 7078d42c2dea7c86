"""The secretariat's commonest mistakes (tests/fixtures/mistakes/mistakes.yml) each get a
Japanese message with the file, the line, the field in Japanese terms and what to do, in no
validator's words. (That no message the adversarial corpora's malformed files get is English is
checked on the build each of them runs anyway: tests/test_adversarial.py.)"""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from generator import pipeline
from generator.model.casefile import (
    AgendaItem,
    Basis,
    CitationOverride,
    Consultation,
    Decision,
    Material,
    Meeting,
    Member,
    NextMeeting,
    Notice,
    Request,
)
from generator.model.diagnostics import Diagnostic
from generator.model.messages import CASE, MEETING, has_japanese

from .adversarial import AS_OF
from .conftest import ROOT

TABLE = yaml.safe_load((ROOT / "tests/fixtures/mistakes/mistakes.yml").read_text(encoding="utf-8"))

# What a programmer's library says; a secretariat must never read it.
LEAKS = re.compile(r"Value should|Input should|validation|Field required|is not allowed|unknown field|"
                   r"Traceback|Error\b|expected|must be|\bNone\b|\[\d+\]")


def apply(archive, row: dict) -> None:
    for rel, pairs in (row.get("edit") or {}).items():
        path = archive.root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{row['mistake']}: {old!r} is not in {rel}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    for rel, text in (row.get("write") or {}).items():
        archive.write(rel, text)


def diagnostics_of(archive) -> list[Diagnostic]:
    return pipeline.run(archive.config, date.fromisoformat(AS_OF)).diagnostics.items


def test_the_table_holds_the_ten_commonest() -> None:
    assert [row["rank"] for row in TABLE if "rank" in row] == list(range(1, 11))


@pytest.mark.parametrize("row", TABLE, ids=[r["mistake"] for r in TABLE])
def test_each_mistake_gets_a_japanese_message_with_file_line_field_and_a_fix(archive, row: dict) -> None:
    apply(archive, row)
    want = row["expect"]
    found = [d for d in diagnostics_of(archive) if d.file == want["file"] and d.field == want["field"]]
    assert found, f"{row['mistake']}: nothing said about {want['file']} {want['field']}:\n" + \
        "\n".join(str(d) for d in diagnostics_of(archive))
    (d,) = found
    assert d.severity == want.get("severity", "error")
    assert d.line == want["line"]
    prefix = "" if d.severity == "error" else "警告: "
    assert str(d).startswith(f"{want['file']}:{want['line']}: {prefix}{want['label']}: ")
    for part in want["message"]:
        assert part in d.message, f"{row['mistake']}: {part!r} not in {d.message!r}"
    assert has_japanese(d.message) and not LEAKS.search(d.message), d.message
    assert re.search(r"(ください|ませんか)[^。]*$", d.message), f"no fix said: {d.message}"


def test_an_untouched_new_meeting_does_not_pass_check(archive) -> None:
    from generator.scaffold import scaffold
    scaffold(archive.root / "content", "adachi", "meeting", "13-05", 5)
    errors = [d for d in diagnostics_of(archive) if d.severity == "error"]
    assert [(d.file, d.field) for d in errors] == [("content/adachi/meetings/13-05.md", "body")]


def test_a_draft_keeps_its_placeholder_without_an_error(archive) -> None:
    from generator.scaffold import scaffold
    path = scaffold(archive.root / "content", "adachi", "meeting", "13-05", 5)
    path.write_text(path.read_text(encoding="utf-8").replace("draft: false", "draft: true"), encoding="utf-8")
    assert not [d for d in diagnostics_of(archive) if d.severity == "error"]


def test_an_outcome_that_agrees_with_the_decision_or_is_not_a_result_is_fine(archive) -> None:
    assert not [d for d in diagnostics_of(archive) if d.severity == "error"]
    meeting = archive.root / "content/adachi/meetings/13-04.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("outcome: 了承", "outcome: 継続審議"),
                       encoding="utf-8")
    case = archive.root / "content/adachi/cases/shimon-480.md"
    case.write_text(case.read_text(encoding="utf-8").replace("decision:\n  result: 了承\n  meeting: 13-04\n", ""),
                    encoding="utf-8")
    assert not [d for d in diagnostics_of(archive) if d.severity == "error"]


def test_sessions_in_order_and_a_new_term_are_not_warned(archive) -> None:
    archive.write("content/adachi/meetings/13-05.md", "---\nterm: 13\nsession: 5\ndate: 令和5年1月10日\naccess: 公開\n---\n")
    archive.write("content/adachi/meetings/14-01.md", "---\nterm: 14\nsession: 1\ndate: 令和4年1月10日\naccess: 公開\n---\n")
    assert not [d for d in diagnostics_of(archive) if d.field == "date"]


def test_a_date_of_publication_after_the_as_of_day_is_warned(archive) -> None:
    meeting = archive.root / "content/adachi/meetings/13-04.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("access: 公開", "access: 公開\nrecord_published: 2027-12-01"),
                       encoding="utf-8")
    (d,) = [d for d in diagnostics_of(archive) if d.field == "record_published"]
    assert d.severity == "warning" and "今日" in d.message and d.line == 8


def test_warnings_are_printed_once(archive, capsys) -> None:
    from generator.__main__ import main
    assert main(["-f", str(archive.config), "check", "--as-of", AS_OF]) in (0, 1)  # 1: a record overdue
    err = capsys.readouterr().err
    warning = "「平成28年1月」の答申はアーカイブにありません"
    assert err.count(warning) == 1, err


def test_every_field_has_a_japanese_name() -> None:
    tables = [(Meeting, MEETING), (Consultation, CASE), (AgendaItem, MEETING["agenda"][1]),
              (Member, MEETING["present"][1]), (Material, MEETING["materials"][1]),
              (Notice, MEETING["notice"][1]), (NextMeeting, MEETING["next_meeting"][1]),
              (Basis, CASE["bases"][1]), (Request, CASE["request"][1]), (Decision, CASE["decision"][1]),
              (CitationOverride, CASE["citations"][1])]
    for model, table in tables:
        assert table is not None and set(model.model_fields) <= set(table), model.__name__
        assert all(has_japanese(name) or name == "ID" for name, _, _ in table.values())


def test_field_labels_count_from_one() -> None:
    from generator.model.messages import field_heading
    assert field_heading("agenda[0].case", "meeting") == "議事の1件目の案件（case）"
    assert field_heading("present[2].name", "meeting") == "出席者の3人目の氏名（name）"
    assert field_heading("speakers.川合会長.name", "meeting") == "発言者「川合会長」の氏名（name）"
    assert field_heading("bases[1].category", "case") == "根拠条文の2件目の分類（category）"
    assert field_heading("councils[0].disclosure.notice_days", "settings") == \
        "審議会の1件目の会議の公開の定めの事前公表の日数（notice_days）"
    assert field_heading("agenda[0].outcom", "meeting") == "議事の1件目の「outcom」"


def test_the_guide_explains_each_of_the_ten() -> None:
    guide = (ROOT / "docs/guide-ja.md").read_text(encoding="utf-8")
    for row in TABLE:
        if "rank" in row:
            assert row["mistake"].split("（")[0] in guide, row["mistake"]
            assert row["expect"]["label"] in guide, row["expect"]["label"]
