"""The importer on documents laid out as councils publish them: the synthetic corpus of
tests/fixtures/import/corpus/ (one document for each structure met in the development corpus of
real records, which is kept outside the repository), scored field by field against truths
written before the importer read them. Wrong is worse than unknown: no value may be wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.importer.score import STRUCTURES, report, score_document, score_folder

CORPUS = Path(__file__).parent / "fixtures" / "import" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.txt"))


def test_every_document_has_its_truth_and_is_listed_in_the_readme():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert len(DOCUMENTS) >= 14
    for name in DOCUMENTS:
        assert (CORPUS / name.replace(".txt", ".truth.json")).is_file(), name
        assert name in readme, f"{name}: say in README.md which structures it stands for"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_councils_record_imports_right_or_unknown_never_wrong(document):
    truth = json.loads((CORPUS / document.replace(".txt", ".truth.json")).read_text(encoding="utf-8"))
    score = score_document(CORPUS / document, truth)
    print(report([score]))
    assert score.status == "written", score.status
    assert score.wrong == []
    assert score.total.right / score.total.total >= 0.5, score.total


def test_the_corpus_as_a_whole():
    scores = score_folder(CORPUS)
    print(report(scores))
    totals = {s: sum(sc.by_structure[s].right for sc in scores) for s in STRUCTURES}
    right = sum(sc.total.right for sc in scores)
    total = sum(sc.total.total for sc in scores)
    assert sum(sc.total.wrong for sc in scores) == 0
    assert right / total >= 0.85, (right, total)
    for structure in ("identity", "date", "place", "attendees", "observers", "agenda"):
        assert totals[structure] > 0, structure


def test_a_record_that_names_no_meeting_is_refused_not_a_crash(tmp_path):
    """「第3回委員会 (1月12日)」 has no year, and no 回 in a form read: which meeting it is cannot
    be told, so nothing is written and the refusal says why (exit 3, never a traceback)."""
    from generator.importer import NotRecognised, import_file
    doc = tmp_path / "x.txt"
    doc.write_text("〇日時\n1月12日(火) 10時開会\n〇場所\n第1委員会室\n〇出席委員\n山田委員長、川口委員\n",
                   encoding="utf-8")
    with pytest.raises(NotRecognised, match="cannot tell which meeting"):
        import_file(doc, "x", tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_an_item_whose_kind_the_record_does_not_state_has_no_kind(tmp_path):
    """Wrong is worse than unknown: an item under a heading that only groups (意見聴取, 議事) and
    whose words name no kind is written without `kind` (never その他), with a comment over the
    agenda and the report's line that asks for it; the group headings are not items."""
    from generator.importer import import_file
    report_ = import_file(CORPUS / "hyuga-gijiroku.txt", "hyuga", tmp_path)
    meeting = (tmp_path / "hyuga" / "meetings" / "21.md").read_text(encoding="utf-8")
    assert "  - title: 日向台県情報公開条例の改正(手数料の見直し)について\n" in meeting
    assert "# An item without kind" in meeting
    assert "kind: その他" not in meeting
    assert "議事" not in meeting.split("agenda:")[1].split("\n---")[0]
    rows = [(field, why) for _, field, why in report_.unknown_rows()]
    assert any(field == "agenda[0].kind" for field, _ in rows), rows
    cases = sorted(p.name for p in (tmp_path / "hyuga" / "cases").glob("*.md"))
    assert cases == ["hokoku-21-1.md", "hokoku-21-2.md", "shimon-31.md", "shimon-32.md"]
    assert "title: 諮問第31号の審議について" in (tmp_path / "hyuga" / "cases" / "shimon-31.md").read_text(encoding="utf-8")


def test_the_agenda_reader_reads_group_headings_parts_and_run_on_sentences():
    from generator.importer import agenda
    items = agenda.read("- (1)報告事項\n- Aについて\n- (2)議事\n-\n- 諮問第5号の審議について\n- (3)その他\n")
    assert [(i.kind, i.title) for i in items] == [("報告", "Aについて"), ("諮問", "諮問第5号の審議について")]
    items = agenda.read("(1)会長の選任 互選によりB委員が選出された。\n(2)運営について ア 流れ 資料で説明した。\n"
                        "イ 諮問を要しない案件 資料で説明した。\n")
    assert [(i.kind, i.title) for i in items] == [(None, "会長の選任"), (None, "運営について")]
    assert agenda.kind_of("今後の進め方について") is None
    assert agenda.kind_of("第3回部会の会議録の承認") == "確認事項"


def test_a_turn_closed_by_a_bracket_that_never_opened():
    from generator.importer import turns
    assert turns.turn_start("大野委員長)ただ今から開会いたします。") == ("大野委員長", "ただ今から開会いたします。")
    assert turns.turn_start("議会報告会について)を議題とします。") is None  # not a speaker's label


def test_a_case_is_found_by_its_toshin_number_too(tmp_path):
    """Truths name a 答申's case by the 答申's number (答申第516号) or by the 諮問's: either finds
    the case written; a different 答申 number written where the truth gives one is wrong."""
    doc = tmp_path / "kitahama-toshin.txt"
    doc.write_text("北浜県情報公開審査会答申(北公審答申第152号)\n\n特定文書公開請求拒否決定審査請求事案(諮問第75号)\n\n"
                   "(答申日 令和3年2月16日)\n\n第一 審査会の結論\n実施機関の判断は妥当である。\n"
                   "第二 審査請求の趣旨\n処分の取消しを求める。\n", encoding="utf-8")

    def scored(number: str):
        truth = {"meeting": None, "cases": [{"number": number, "decision_date": "2021-02-16"}]}
        score = score_document(doc, truth)
        return score.by_structure["cases"], score.wrong

    by_toshin, wrong = scored("北公審答申第152号")
    assert (by_toshin.right, by_toshin.unknown, wrong) == (2, 0, [])  # the case, its 答申's date
    by_shimon, wrong = scored("諮問第75号")
    assert (by_shimon.right, by_shimon.unknown, wrong) == (2, 0, [])
    other, wrong = scored("北公審答申第153号")
    assert other.unknown == 2 and len(wrong) == 1 and "諮問第75号" in wrong[0]
    doc.write_text(doc.read_text(encoding="utf-8").replace("(諮問第75号)", ""), encoding="utf-8")
    other, wrong = scored("北公審答申第153号")
    assert other.unknown == 2 and wrong == ["cases: 答申 '北公審答申第152号' (truth 北公審答申第153号)"]


def test_role_words_are_matched_longest_first():
    """「大塚部会長代理」 is 大塚, 部会長代理 — never 大塚部, 会長代理 (aoba-shingigaiyo)."""
    from generator.importer import people
    got = people.read("森山部会長、大塚四郎部会長代理、谷口副部会長、早川委員長代理、西田副委員長").members
    assert got == [{"name": "森山", "role": "部会長"}, {"name": "大塚四郎", "role": "部会長代理"},
                   {"name": "谷口", "role": "副部会長"}, {"name": "早川", "role": "委員長代理"},
                   {"name": "西田", "role": "副委員長"}]


def test_a_list_ending_in_each_role_gives_that_role_to_every_name_without_one():
    """「A、B及びCの各委員」「AとBの各専門委員」, a list broken over lines: each name takes the role;
    a name with a role of its own keeps it. 「…の各」 is never part of a name."""
    from generator.importer import people
    assert people.read("山田、川口及び森の各専門委員").members == [
        {"name": n, "role": "専門委員"} for n in ("山田", "川口", "森")]
    assert people.read("山田一郎と川口二郎の各委員").members == [
        {"name": "山田一郎", "role": "委員"}, {"name": "川口二郎", "role": "委員"}]
    assert people.read("森山部会長、秋山、\n  今井、堀田の各専門委員").members == [
        {"name": "森山", "role": "部会長"}, {"name": "秋山", "role": "専門委員"},
        {"name": "今井", "role": "専門委員"}, {"name": "堀田", "role": "専門委員"}]
    # one name before 「の各」: not a list, so not read (left unknown), never 「堀田の各」
    assert people.read("堀田の各専門委員").members == []
    # と inside a name written in kana: not a list
    assert people.read("山田さとみ、川口の各委員").members[0]["name"] == "山田さとみ"


def test_words_that_are_not_names_never_become_names():
    """傍聴者, 委員全員, 関係者, 事務局 and officials' posts are not members; 「傍聴者2名」 among
    those present is the number of observers (kawaguchi-gijigaiyo)."""
    from generator.importer import people
    got = people.read("公文書公開審議会委員6名、事務局、傍聴者2名")
    assert (got.members, got.count, got.observers) == ([], 6, 2)
    for text in ("委員全員", "傍聴者", "関係者", "報道関係者", "吉田総務事務次官", "高橋総務庁長官", "岡本参事官"):
        assert people.read(text).members == [], text


def test_a_bracketed_group_heads_its_names_and_officials_are_not_members():
    """「(委員会)…」「(部 会)…」 are members; 「(政 府)…」 (its continuation line too) are not;
    「(事務局)…」 is the secretariat — and in the header such a line is not a speaker's turn."""
    from generator.importer import header, minutes, people, turns
    text = ("(委員会)松井一郎委員長\n(部 会)森山三郎部会長、早川五郎、\n  北村六郎の各専門委員\n"
            "(政 府)高橋総務庁長官、中野内閣官房副長官、\n  吉田次郎、岡本三郎\n(事務局)石井事務局長、内田次長")
    got = people.read(text)
    assert [m["name"] for m in got.members] == ["松井一郎", "森山三郎", "早川五郎", "北村六郎"]
    assert got.secretariat == ["石井事務局長", "内田次長"]
    lines = minutes._lines("1 日時 平成9年4月11日(金) 10:00~10:50\n2 出席者\n" + text + "\n3 議題\n(1) 部会の運営について\n")
    head = header.read(lines, turns.is_turn)
    assert head.get("agenda") == "(1) 部会の運営について"


def test_an_attendance_or_quorum_statement_is_never_an_agenda_item():
    """「(2)定足数の確認 / 委員全員(6名)出席(定足数4名)」: the order of the meeting, not a 確認事項
    item (kawaguchi-gijigaiyo); nor is such a line in an agenda field."""
    from generator.importer import agenda, minutes
    assert agenda.is_attendance("委員全員(6名)出席(定足数4名)")
    assert agenda.is_attendance("出席委員5名で会議は成立")
    assert not agenda.is_attendance("出席者の旅費の見直しについて")
    assert [i.title for i in agenda.read("(1)委員全員(5名)出席\n(2)手数料の見直しについて\n")] == ["手数料の見直しについて"]
    _, items, _ = minutes.parse_minutes(["(2)定足数の確認", "", "委員全員(6名)出席(定足数4名)", "",
                                         "(3)確認事項", "", "第8回会議録の確認"], 1)
    assert [(i.kind, i.title) for i in items] == [("確認事項", "第8回会議録の確認")]


def test_an_agenda_list_numbered_again_from_1_is_where_the_minutes_begin():
    """A 議事 list (1)…(6) then, without a heading, the minutes' sections (1)…: the header ends at
    the second (1), so the items are not read twice (nishiura-gijigaiyo); a list whose (1) starts
    again under a category heading is one list."""
    from generator.importer import header, turns
    lines = ["1. 日時 令和5年1月19日 14時00分", "4. 議事", "(1)会長選出", "(2)運営について", "ア 要領",
             "(3)その他", "(1)会長選出", "規則第2条により原田委員が会長に選出された。"]
    head = header.read(lines, turns.is_turn)
    assert head.get("agenda") == "(1)会長選出\n(2)運営について\nア 要領\n(3)その他"
    lines = ["1. 日時 令和5年1月19日 14時00分", "4. 議事", "諮問事項", "(1)Aについて", "(2)Bについて",
             "報告事項", "(1)Cについて"]
    assert header.read(lines, turns.is_turn).get("agenda").endswith("報告事項\n(1)Cについて")
