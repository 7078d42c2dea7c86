"""The reader of a 答申 (the council's answer to a 諮問, above all on an appeal): synthetic
documents laid out as the 答申 of the development corpus were (tests/fixtures/import/toshin/),
each with the front matter a person reads from it, written before the reader existed. What the
document does not state stays out; what the case-file format has no field for is noted."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.importer import NotRecognised, import_file, read, toshin
from generator.model.casefile import Consultation
from generator.stages.load import split_front_matter

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "toshin"
DOCUMENTS = sorted(p.name for p in FIXTURES.glob("*.txt"))


def _imported(tmp_path: Path, document: str):
    council = document.split("-")[0]
    report = import_file(FIXTURES / document, council, tmp_path)
    files = sorted((tmp_path / council).rglob("*.md"))
    assert len(files) == 1 and files[0].parent.name == "cases", files
    front, body, _ = split_front_matter(files[0].read_text(encoding="utf-8"))
    return report, yaml.safe_load(front), body


def test_every_fixture_has_its_expected_file():
    assert len(DOCUMENTS) >= 4
    for name in DOCUMENTS:
        assert (FIXTURES / name.replace(".txt", ".expected.yml")).is_file(), name


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_toshin_is_read_as_written_and_nothing_else(tmp_path, document):
    expected = yaml.safe_load((FIXTURES / document.replace(".txt", ".expected.yml")).read_text(encoding="utf-8"))
    report, front, body = _imported(tmp_path, document)
    assert front == expected["front"]
    noted = {field for _, field, _ in report.note_rows()}
    assert set(expected["notes"]) <= noted, noted
    # The body keeps the document's words: the conclusion is there as written.
    assert "".join(front["decision"]["opinion"].split()) in "".join(body.split())
    if "title" in front:
        Consultation.model_validate(front)  # the case-file format reads it


def test_what_is_unknown_is_reported_not_guessed(tmp_path):
    report, front, _ = _imported(tmp_path, "nishiyama-toshin-plain.txt")
    unknown = {field: why for _, field, why in report.unknown_rows()}
    assert {"title", "decision.date"} <= unknown.keys(), unknown
    assert "department" not in front  # the 実施機関 (西山県知事) is not a 主管課
    notes = {field: why for _, field, why in report.note_rows()}
    assert "答申第61号" in notes["number"] and "西山県知事" in notes["implementing_body"]


def test_a_conclusion_that_states_a_result_gives_it():
    text = ("答申\n第1 審議会の結論\n本件諮問に係る個人情報の目的外利用については、承認する。\n"
            "第2 諮問の趣旨\n実施機関から目的外利用について意見を求められたものである。\n")
    [case] = read(text, "x")
    assert case.front["decision"]["result"] == "承認"
    text = text.replace("承認する。", "条件付きで承認する。")
    assert read(text, "x")[0].front["decision"]["result"] == "条件付き承認"


def test_dates_of_the_appeal_are_not_the_requests(tmp_path):
    """The 開示請求 and the 決定 are dated 付けで too: only a date that the 諮問 itself carries is
    the request's."""
    _, front, _ = _imported(tmp_path, "kitahama-toshin-page.txt")
    assert "date" not in front["request"]
    assert toshin.request_date("令和2年6月1日付けで行った開示請求に対し、令和2年7月10日付けで決定") is None
    assert toshin.request_date("令和2年9月17日付け南浦総第212号による下記の諮問について") == (
        "令和2年9月17日", "南浦総第212号")
    assert toshin.request_date("実施機関は、令和2年8月3日付けで、当審査会に諮問した。") == ("令和2年8月3日", None)


def test_not_a_toshin():
    # A conclusion heading alone, or 答申 words in a meeting's agenda, make no 答申.
    assert not toshin.is_toshin("第1 結論\n本件は以上である。\n")
    assert not toshin.is_toshin("会議録\n1 答申書の確認\n2 その他\n")
    with pytest.raises(NotRecognised):
        read("第1 結論\n本件は以上である。\n", "x")


def test_import_twice_changes_nothing(tmp_path):
    import_file(FIXTURES / "minamiura-toshin-letter.txt", "minamiura", tmp_path)
    report = import_file(FIXTURES / "minamiura-toshin-letter.txt", "minamiura", tmp_path)
    assert report.written == [] and len(report.unchanged) == 1


def test_the_letters_subject_is_the_title_when_nothing_else_names_it():
    text = ("東浜市情報公開審査会答申第12号\n令和3年3月1日\n\n東浜市長 様\n\n東浜市情報公開審査会\n会長 西田 一郎\n\n"
            "公園管理日誌の一部公開決定に係る審査請求について(答申)\n\n"
            "令和2年5月1日付け東公第123号で諮問のあった上記の件について、次のとおり答申します。\n\n"
            "第1 審査会の結論\n本件処分は妥当である。\n第2 審査請求の趣旨\n本件処分の取消しを求める。\n")
    [case] = read(text, "x")
    assert case.front["title"] == "公園管理日誌の一部公開決定に係る審査請求について"
    assert case.front["request"] == {"date": "令和2年5月1日", "document_number": "東公第123号"}
    assert case.front["decision"]["date"] == "令和3年3月1日"
    generic = text.replace("公園管理日誌の一部公開決定に係る審査請求について(答申)",
                           "東浜市情報公開条例第20条の規定に基づく諮問について(答申)")
    assert read(generic, "x")[0].front["title"] is None


def test_a_number_quoted_in_the_subject_is_not_the_cases():
    """A subject that names another 答申 and its 諮問 (「答申第74号(諮問第69号)…」) gives neither
    number to this case: only a number the document gives itself, outside quotations."""
    text = ("公文書開示審査会答申第102号\n\n"
            "「答申第74号(諮問第69号)に記載された事実を証明する文書」の部分開示決定に対する異議申立てに係る答申書\n\n"
            "東浜県公文書開示審査会\n\n第1 審査会の結論\n実施機関の決定は妥当である。\n"
            "第2 諮問事案の概要\n異議申立人は開示請求を行った。\n")
    [case] = read(text, "x")
    assert case.front["number"] is None
    notes = " ".join(n.why for n in case.notes if n.field == "number")
    assert "答申第102号" in notes and "答申第74号" not in notes


def test_the_number_in_the_sentence_that_answers_is_the_cases():
    text = ("答申第136号\n\n平成15年3月27日\n\n東浜県教育委員会 委員長 山田 一郎 殿\n\n東浜県情報公開審査会 会長 川上 二郎\n\n"
            "行政文書公開請求拒否処分に関する不服申立てについて(答申)\n\n"
            " 平成13年6月14日付けで諮問された県立高校の研修記録一部非公開の件(諮問第198号)について、次のとおり答\n"
            "申します。\n\n1 審査会の結論\n実施機関の決定は妥当である。\n2 不服申立ての趣旨\n処分の取消しを求める。\n")
    [case] = read(text, "x")
    assert case.front["number"] == "諮問第198号"
    assert case.front["request"] == {"date": "平成13年6月14日"}
    assert case.front["decision"]["date"] == "平成15年3月27日"
