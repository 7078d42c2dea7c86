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
    assert front["decision"]["number"] == "答申第61号"
    notes = {field: why for _, field, why in report.note_rows()}
    assert "西山県知事" in notes["implementing_body"]


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
    assert case.front["decision"]["number"] == "答申第102号"


def test_the_number_in_the_sentence_that_answers_is_the_cases():
    text = ("答申第136号\n\n平成15年3月27日\n\n東浜県教育委員会 委員長 山田 一郎 殿\n\n東浜県情報公開審査会 会長 川上 二郎\n\n"
            "行政文書公開請求拒否処分に関する不服申立てについて(答申)\n\n"
            " 平成13年6月14日付けで諮問された県立高校の研修記録一部非公開の件(諮問第198号)について、次のとおり答\n"
            "申します。\n\n1 審査会の結論\n実施機関の決定は妥当である。\n2 不服申立ての趣旨\n処分の取消しを求める。\n")
    [case] = read(text, "x")
    assert case.front["number"] == "諮問第198号"
    assert case.front["request"] == {"date": "平成13年6月14日"}
    assert case.front["decision"]["date"] == "平成15年3月27日"


def test_the_toshins_own_number_is_the_decisions_as_written():
    """答申第N号 above the conclusion is the decision's number, in its fullest form (with the
    council's abbreviation, or the 年度 and the kind of case before it); two different ones, or a
    number only quoted or cited, leave it unknown."""
    text = ("北浜県情報公開審査会答申(北公審答申第152号)\n\n特定文書公開請求拒否決定審査請求事案\n\n"
            "(答申日 令和3年2月16日 答申第152号)\n\n第一 審査会の結論\n実施機関の判断は妥当である。\n"
            "第二 審査請求の趣旨\n処分の取消しを求める。\n")
    [case] = read(text, "x")
    assert case.front["decision"]["number"] == "北公審答申第152号"
    assert "decision.number" not in {u.field for u in case.unknown}
    dated = text.replace("(答申日 令和3年2月16日 答申第152号)", "答申日 令和3年2月16日(令和2年度(行情)答申第152号)")
    assert read(dated, "x")[0].front["decision"]["number"] == "令和2年度(行情)答申第152号"
    two = text.replace("答申第152号)\n\n特定", "答申第153号)\n\n特定")
    [case] = read(two, "x")
    assert "number" not in case.front["decision"]
    assert {u.field: u.why for u in case.unknown}["decision.number"] == "two different 答申 numbers above the conclusion"
    none = text.replace("(北公審答申第152号)", "").replace(" 答申第152号)", ")").replace("事案\n", "事案\n本件は答申第9号と同旨である。\n")
    [case] = read(none, "x")
    assert "number" not in case.front["decision"]
    assert "decision.number" in {u.field for u in case.unknown}


def test_a_shimon_number_with_its_fiscal_year_is_the_cases(tmp_path):
    document = tmp_path / "toshin.txt"
    document.write_text("平成27年度諮問第1号\n\n東浜市個人情報保護条例の改正について(答申)\n\n第1 審議会の結論\n"
                        "本件諮問については、承認する。\n第2 諮問の趣旨\n条例の改正について意見を求められた。\n",
                        encoding="utf-8")
    import_file(document, "higashihama", tmp_path / "content")
    [written] = (tmp_path / "content" / "higashihama" / "cases").glob("*.md")
    front = yaml.safe_load(split_front_matter(written.read_text(encoding="utf-8"))[0])
    assert front["number"] == "平成27年度諮問第1号"
    assert "number" not in front["decision"]  # a 諮問's number is not the 答申's
    Consultation.model_validate(front)
