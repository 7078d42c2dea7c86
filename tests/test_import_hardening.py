"""The importer never does nothing silently (#11, #12): a document it cannot read is refused
with what was looked for; ids stay inside --content; the report lists only files written."""

from __future__ import annotations

import pytest

from generator.importer import EXIT_NOT_RECOGNISED, NotRecognised, fields, header, import_file, people


@pytest.mark.parametrize("data", [b"", b"\n \n", b"a\x00b", "これはただの文章です。意味はありません。\n".encode(),
                                  b"\xff\xfe\x00garbage", b"x7Gq lorem ipsum 12 34\n"])
def test_nothing_read_is_refused_and_nothing_written(tmp_path, data):
    source = tmp_path / "in.txt"
    source.write_bytes(data)
    content = tmp_path / "content"
    with pytest.raises(NotRecognised) as err:
        import_file(source, "adachi", content)
    assert err.value.exit_code == EXIT_NOT_RECOGNISED == 3
    assert not content.exists()


def test_the_message_says_what_was_looked_for(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("本日は晴天なり。\n", encoding="utf-8")
    with pytest.raises(NotRecognised, match=r"looked for a meeting record .* a bundle of 議案 .* one case"):
        import_file(source, "adachi", tmp_path / "content")


@pytest.mark.parametrize("bad", ["../../../x", "a/b", "X", "-a", "index", "", "a b", "ａ"])
def test_ids_are_confined(tmp_path, bad):
    source = tmp_path / "in.txt"
    source.write_text("件名：テスト事業の委託について\n\n主管課：総務部総務課\n", encoding="utf-8")
    with pytest.raises(ValueError, match="is not an id"):
        import_file(source, "adachi", tmp_path / "content", file_id=bad)
    with pytest.raises(ValueError, match="is not an id"):
        import_file(source, bad, tmp_path / "content")
    assert not any(tmp_path.rglob("*.md"))


def test_a_partly_read_case_is_written_and_its_unknowns_listed(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("件名：テスト事業の委託について\n\n主管課：総務部総務課\n\n本文。\n", encoding="utf-8")
    report = import_file(source, "adachi", tmp_path / "content", file_id="t1")
    [path] = report.written
    assert path == tmp_path / "content" / "adachi" / "cases" / "t1.md"
    assert "本文。" in path.read_text(encoding="utf-8")
    rows = report.unknown_rows()
    assert rows and all(f == path.as_posix() for f, _, _ in rows)
    assert "kind" in {fld for _, fld, _ in rows}


def test_refused_files_have_no_unknown_rows(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("件名：テスト事業の委託について\n", encoding="utf-8")
    import_file(source, "adachi", tmp_path, file_id="t1")
    (tmp_path / "adachi" / "cases" / "t1.md").write_text("edited\n", encoding="utf-8")
    report = import_file(source, "adachi", tmp_path, file_id="t1")
    assert report.refused and report.unknown_rows() == []


# --- Readers of structure -----------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("日時\t令和5年7月10日", ("date", "令和5年7月10日")),
    ("日　時　令和5年7月10日", ("date", "令和5年7月10日")),
    ("日時", ("date", "")),
    ("1 日時：令和5年7月10日", ("date", "令和5年7月10日")),
    ("1.日時 令和5年7月10日", ("date", "令和5年7月10日")),
    ("◇日時　令和5年7月10日", ("date", "令和5年7月10日")),
    ("■場所：区役所", ("place", "区役所")),
    ("| 日時 | 令和6年1月23日 |", ("date", "令和6年1月23日")),
    ("傍聴者の数 | 0名 |", ("observers", "0名")),
    ("資料について、もし不足があれば", None),
    ("場所柄、", None),
])
def test_header_labels_in_every_layout(line, expected):
    assert header.label_of(line) == expected


@pytest.mark.parametrize("text, members, secretariat, count", [
    ("【会長】山川 太郎\n【副会長】谷口 花子", [("山川 太郎", "会長"), ("谷口 花子", "副会長")], [], None),
    ("山川 太郎【会長】  谷口 花子【副会長】", [("山川 太郎", "会長"), ("谷口 花子", "副会長")], [], None),
    ("会長　山川 太郎\n委員　森田 一郎", [("山川 太郎", "会長"), ("森田 一郎", "委員")], [], None),
    ("山川会長、谷口副会長、森田委員及び石原委員",
     [("山川", "会長"), ("谷口", "副会長"), ("森田", "委員"), ("石原", "委員")], [], None),
    ("委員 (金子・河上・小松各委員)3名 (50音順) 事務局(林部長、平尾課長)2名",
     [("金子", "委員"), ("河上", "委員"), ("小松", "委員")], ["林部長", "平尾課長"], 3),
    ("審議会委員：山川会長、谷口委員", [("山川", "会長"), ("谷口", "委員")], [], None),
    ("(1) 委員\n山川 太郎（会長）\n(2) 事務局\n総務課長", [("山川 太郎", "会長")], ["総務課長"], None),
    ("委員5名", [], [], 5),
    ("佐 藤　花 子（会長）", [("佐藤 花子", "会長")], [], None),
])
def test_attendee_forms(text, members, secretariat, count):
    found = people.read(text)
    assert [(m["name"], m.get("role")) for m in found.members] == members
    assert (found.secretariat, found.count, found.unread) == (secretariat, count, [])


@pytest.mark.parametrize("text, expected", [("0人", 0), ("3 人", 3), ("0名", 0), ("公開(傍聴者なし)", 0),
                                            ("なし", 0), ("", None), ("可", None)])
def test_observers(text, expected):
    assert header.observers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("公開", ("公開", None)),
    ("公開(傍聴者なし)", ("公開", None)),
    ("個人情報を含む事項を審議するため、条例第7条第2号により非公開",
     ("非公開", "個人情報を含む事項を審議するため、条例第7条第2号")),
    ("一部非公開（審査請求に係る個人情報を含むため）", ("一部非公開", "審査請求に係る個人情報を含むため")),
    ("", (None, None)),
])
def test_access(text, expected):
    assert header.access(text) == expected


def test_several_departments_and_bases():
    assert fields.departments("経営企画部情報政策課及び総務部職員課") == ["経営企画部情報政策課", "総務部職員課"]
    assert fields.departments("健康部保健予防課、健康推進課") == ["健康部保健予防課", "健康部健康推進課"]
    assert fields.departments("総務部 法務課") == ["総務部法務課"]
    assert fields.articles_based_on("区個人情報保護条例第 14 条第 3 項及び第15条第1項の規定に基づき") == [
        "区個人情報保護条例第14条第3項", "区個人情報保護条例第15条第1項"]
    assert fields.articles_based_on("区審査会条例（以下「審査会条例」という。）第3条第1項第5号の規定に基づき") == [
        "区審査会条例第3条第1項第5号"]


@pytest.mark.parametrize("lines, expected", [
    (["（山川会長）", "開会します。"], ["○山川会長 開会します。"]),
    (["（委 員 A）　質問です。"], ["○委員A 質問です。"]),
    (["（委員）", "", "了解しました。"], ["○委員 了解しました。"]),
    (["<事務局>", "説明します。"], ["○事務局 説明します。"]),
    (["森会長", "", "それでは始めます。"], ["○森会長 それでは始めます。"]),
    (["• 堀部会長", "    おはようございます。"], ["○堀部会長 おはようございます。"]),
    (["○新井会長 開会します。○村上委員 質問です。"], ["○新井会長 開会します。", "", "○村上委員 質問です。"]),
    (["<審議会意見>", "本件は承認とする。"], ["<審議会意見>", "本件は承認とする。"]),
    (["(1) 開会"], ["(1) 開会"]),
])
def test_speaker_turns_in_every_marking(lines, expected):
    from generator.importer import turns
    assert [ln for ln in turns.normalise(lines)] == expected


def test_a_record_without_tabs_or_marks_is_recognised_and_a_running_session_accepted():
    from generator.importer import minutes
    text = ("第83回架空区情報公開・個人情報保護審議会\n\n令和7年1月22日(水曜日)11時00分~11時43分\n\n"
            "1 開会\n○新井会長 開会します。○高野課長 説明します。○新井会長 質問は。○村上委員 ありません。\n")
    assert minutes.is_minutes(text)
    [meeting] = minutes.read_minutes(text)
    assert (meeting.id, meeting.front["session"], meeting.front["date"]) == ("83", 83, "令和7年1月22日")
    text = "日時\n令和5年5月12日\n場所\n区役所\n\n○会長 開会します。\n"
    [meeting] = minutes.read_minutes(text)
    assert meeting.id == "2023-05-12" and "session" in {u.field for u in meeting.unknown}


def test_the_command_exits_3_and_writes_nothing_for_an_unrecognised_document(tmp_path, capsys) -> None:
    from generator.__main__ import main

    from .conftest import ROOT
    source = tmp_path / "noise.txt"
    source.write_text("これは会議録でも議案でもない、ただの文章です。\n" * 3, encoding="utf-8")
    content = tmp_path / "content"
    status = main(["-f", str(ROOT / "site_config.yml"), "import", str(source), "--council", "adachi",
                   "--content", str(content)])
    assert status == 3
    assert not content.exists() or not any(content.rglob("*.md"))
    assert "not a document the importer reads: looked for" in capsys.readouterr().err
