"""`python -m generator import`: each extraction rule on excerpts of the seeds, the round trip
of every seed (import → check → build), idempotence, no overwrite without --force, and
documents in other wards' formats scored field by field (right / unknown / wrong)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.__main__ import main
from generator.importer import clean, fields, import_file, minutes
from generator.importer.document import clean_body
from generator.stages.load import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
# ../shared/seeds beside the repository, or beside the folder of worktrees holding it.
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds")
              if p.is_dir()), ROOT.parent / "shared" / "seeds")
FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED_FILES = [("edogawa-r2-08-shinsakai-shiryo.txt", "edogawa"),
              ("adachi-13ki-04-kaigi-gaiyo.txt", "adachi"),
              ("shinjuku-gakudo-nyutaishitsu-shimon.txt", "shinjuku")]

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


# --- Rules, on excerpts of the seeds ----------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("会 長 平 田 善 信 殿", "会長 平田善信 殿"),
    ("江戸川区長 齊 藤 猛", "江戸川区長 齊藤猛"),
    ("川合 敏樹 委員", "川合 敏樹 委員"),           # a real space between names stays
    ("年 月 日", "年 月 日"),                       # a blank form's date is the form
    ("令和 3 年 3 月 5 日", "令和 3 年 3 月 5 日"),  # digits: the document's own spacing
    ("江戸川区情報公開及び個人情報保護審査会  ", "江戸川区情報公開及び個人情報保護審査会  "),  # hard break kept
])
def test_spaced_out_names_are_joined(line, expected):
    assert clean.squeeze_spaced(line) == expected


@pytest.mark.parametrize("block, is_page", [("10", True), ("- 3 -", True), ("3/10", True),
                                            ("10月", False), ("1 諮問事項", False)])
def test_page_numbers(block, is_page):
    assert clean.is_page_number(block) is is_page


def test_paragraph_cut_by_a_page_break_is_joined():
    blocks = ["現在、運用審査会では、保護審査会から承認（ ）を受けた範囲内において審査を行っているが、各課の",
              "業務ごとに都度審査をしている状況である。",
              "令和3年3月 保護審査会への諮問", "4月 改定した区情報セキュリティポリシーの運用開始"]
    out = clean.join_page_breaks(blocks, min_length=40)
    assert out[0].endswith("各課の業務ごとに都度審査をしている状況である。")
    assert out[1:] == blocks[2:]  # short schedule lines are not a cut paragraph


def test_repeated_paragraph_dropped_and_footnote_markers_found():
    assert clean.drop_repeats(["先ほど、", "先ほど、", "次。"]) == ["先ほど、", "次。"]
    assert len(clean.footnote_markers("承認（ ）を受けた範囲内、要配慮者名簿（ ）では")) == 2


def test_tab_rows_become_a_table_with_row_headers_and_page_break_continuations():
    rows = ["項 目\t内 容", "委託先\t未定", "\t（次年度以降も同様）", "項 目\t内 容", "委託期間\t令和5年8月1日から"]
    table = clean.tab_table(rows)
    assert table.header and [r[0] for r in table.rows] == ["項 目", "委託先", "委託期間"]
    html = table.html()
    assert '<th scope="col">項目</th>' in html
    assert '<tr><th scope="row">委託先</th><td>未定 （次年度以降も同様）</td></tr>' in html


def test_html_cells_are_sanitized():
    out = clean.cell('<ol style="list-style-type: none"> <li>1 氏名</li> </ol><script>x</script>')
    assert out == "<ol> <li>1 氏名</li> </ol>"


def test_headerless_markdown_table():
    lines = ["- |           |             |", "|-----------|-------------|",
             "| (1) 諮問書   | p. 1        |", "| (2) 諮問依頼書 | p. 2 ~ p. 4 |"]
    html = clean.pipe_table(lines).html()
    assert '<tr><th scope="row">(1) 諮問書</th><td>p. 1</td></tr>' in html and "<thead>" not in html


def test_title_joined_across_broken_lines_and_unquoted():
    para = "件名：「江戸川区情報セキュリティポリシーの  \n改定及び江戸川区インターネット等運用  \n審査会の審査方法の変更について」"
    assert fields.labelled(para, fields.TITLE_LABELS) == (
        "江戸川区情報セキュリティポリシーの改定及び江戸川区インターネット等運用審査会の審査方法の変更について")
    assert fields.unquote("「児童手当」支給事業の封入封緘委託") == "「児童手当」支給事業の封入封緘委託"
    assert fields.labelled("（担当部課：子ども家庭部子ども家庭支援課）", fields.DEPARTMENT_LABELS) == "子ども家庭部子ども家庭支援課"


def test_letter_head():
    paras = [(1, "20 経情送第 342 号  \n令和 3 年 3 月 5 日"), (4, "総務部長 殿"), (6, "福祉部長  \n健康部長"),
             (9, "福福送第 号  \n年 月 日")]
    letters = fields.letters(paras)
    assert [(ln.number, ln.date, ln.by) for ln in letters] == [("20経情送第342号", "令和3年3月5日", "福祉部長、健康部長")]


def test_article_and_category():
    text = "江戸川区個人情報保護条例第 14 条第 3 項の規定に基づき、下記の事項について意見を求めます。"
    assert fields.articles_based_on(text) == ["江戸川区個人情報保護条例第14条第3項"]
    reason = "…ことが江戸川区個人情報保護条例（以下「条例」という。）第 15 条第 1 項に規定する区の機関以外の電子計算組織との通信回線による結合に該当するため"
    assert fields.article_labels(reason) == {"第15条第1項": "区の機関以外の電子計算組織との通信回線による結合"}
    assert fields.category_of("区の機関以外の電子計算組織との通信回線による結合") == "外部結合"
    assert fields.category_of("電子計算機による個人情報の処理開発") == "処理開発"
    assert fields.category_of("個人情報保護制度の運営に関する重要事項") == "重要事項"
    assert fields.category_of("その他") is None  # names none: unknown, never a guess


def test_numbers_meetings_and_ids():
    assert fields.case_number("# 令和2年度第26号議案") == "令和2年度第26号議案"
    assert fields.case_number("議案第5号") is None  # a form the archive does not read: reported
    assert fields.leading_case_number("**【諮問第485号】電子契約サービスの導入") == ("諮問第485号", "電子契約サービスの導入")
    assert fields.meeting_ref("第十三期・第4回足立区情報公開・個人情報保護審議会").id == "13-04"
    assert fields.meeting_ref("令和2年度第8回").id == "r02-08"
    assert fields.case_id("令和2年度第26号議案") == "r02-26" and fields.case_id("諮問第480号") == "shimon-480"


def test_meeting_month_only_when_the_requests_pin_it():
    assert fields.meeting_month(2020, ["令和3年3月5日", "令和3年3月1日"]) == "2021-03"
    assert fields.meeting_month(2023, ["令和5年6月1日"]) is None


def test_minutes_rules():
    assert minutes.member("川合 敏樹 委員") == {"name": "川合 敏樹", "role": "委員"}
    assert minutes.member("佐 藤　花 子（会長）") == {"name": "佐藤 花子", "role": "会長"}
    assert minutes._split_inline_turns("よろしくお願いいたします。○川合会長 では、開催いたします。") == [
        "よろしくお願いいたします。", "○川合会長 では、開催いたします。"]
    found, unknown = minutes.speakers(
        ["川合会長", "三品保健予防課長", "大久保中央図書館長"], [{"name": "川合 敏樹", "role": "委員"}],
        "○三品保健予防課長 保健予防課長の三品でございます。")
    assert found == {"川合会長": {"name": "川合 敏樹", "role": "会長"},
                     "三品保健予防課長": {"name": "三品", "role": "保健予防課長"}}
    assert unknown == ["大久保中央図書館長"]  # nothing says where the name ends


def test_body_keeps_the_words():
    text = "件名：「保育園の  \n連絡システムについて」\n\n10\n\n会 長 平 田 善 信 殿\n"
    assert clean_body(text) == "件名：「保育園の連絡システムについて」\n\n会長 平田善信 殿\n"


# --- Round trip, idempotence, no overwrite --------------------------------------------------

def _site(tmp_path: Path) -> Path:
    site = tmp_path / "archive"
    site.mkdir()
    shutil.copy(ROOT / "site_config.yml", site)
    shutil.copytree(ROOT / "theme", site / "theme")
    shutil.copytree(ROOT / "content" / "pages", site / "content" / "pages")
    return site


@needs_seeds
def test_round_trip_every_seed_imports_checks_and_builds(tmp_path):
    site = _site(tmp_path)
    config = site / "site_config.yml"
    for name, council in SEED_FILES:
        assert main(["-f", str(config), "import", str(SEEDS / name), "--council", council]) == 0
    result = pipeline.run(config)
    assert result.ok, result.diagnostics.report()
    assert len(result.archive.cases) == 18 and len(result.archive.meetings) == 2
    assert main(["-f", str(config), "build", "-d", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "adachi" / "meetings" / "13-04" / "index.html").is_file()


@needs_seeds
@pytest.mark.parametrize("name, council", SEED_FILES)
def test_import_twice_changes_nothing(tmp_path, name, council):
    first = import_file(SEEDS / name, council, tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.md")}
    second = import_file(SEEDS / name, council, tmp_path)
    assert first.written and not second.written and not second.refused
    assert sorted(second.unchanged) == sorted(first.written)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.md")} == before


@needs_seeds
def test_never_overwrites_without_force(tmp_path):
    name, council = SEED_FILES[0]
    import_file(SEEDS / name, council, tmp_path)
    edited = tmp_path / "edogawa" / "cases" / "r02-26.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n人が加えた注記\n", encoding="utf-8")
    kept = edited.read_bytes()
    report = import_file(SEEDS / name, council, tmp_path)
    assert report.refused == [edited] and edited.read_bytes() == kept and not report.ok
    assert "NOT WRITTEN" in report.text()
    forced = import_file(SEEDS / name, council, tmp_path, force=True)
    assert edited in forced.written and "人が加えた注記" not in edited.read_text(encoding="utf-8")


@needs_seeds
def test_minutes_link_existing_cases_instead_of_duplicating(tmp_path):
    cases = tmp_path / "adachi" / "cases"
    cases.mkdir(parents=True)
    (cases / "kakunin-480.md").write_text("---\nkind: 諮問\nnumber: 諮問第480号\ntitle: 既存\n---\n", encoding="utf-8")
    report = import_file(SEEDS / "adachi-13ki-04-kaigi-gaiyo.txt", "adachi", tmp_path)
    assert ("諮問第480号", cases / "kakunin-480.md") in report.linked
    assert not (cases / "shimon-480.md").exists()
    meeting = (tmp_path / "adachi" / "meetings" / "13-04.md").read_text(encoding="utf-8")
    assert "case: kakunin-480" in meeting


# --- Other wards' formats: scored field by field --------------------------------------------

def _flatten(value, prefix=""):
    out = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(_flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = value
    return out


def score(content_dir: Path, expected_file: Path) -> tuple[dict[str, int], list[str]]:
    """right / unknown / wrong over every field a person reads from the document; a value the
    importer wrote that the person did not read is wrong too (an invented value)."""
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    counts = {"right": 0, "unknown": 0, "wrong": 0}
    wrong: list[str] = []
    for key, fields_ in expected.items():
        path = content_dir / f"{key}.md"
        got = {}
        if path.exists():
            front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
            got = _flatten(yaml.safe_load(front))
        want = {k: str(v) for k, v in fields_.items()}
        for name, value in want.items():
            if name not in got:
                counts["unknown"] += 1
            elif str(got[name]) == value:
                counts["right"] += 1
            else:
                counts["wrong"] += 1
                wrong.append(f"{key}: {name}: {got[name]!r} (expected {value!r})")
        for name in got.keys() - want.keys():
            counts["wrong"] += 1
            wrong.append(f"{key}: {name}: {got[name]!r} was not read from the document")
    return counts, wrong


# Each fixture's truth (.expected.yml) was written before the importer read the fixture; the
# council is the file name's first part. The structures each one stands for are in its truth.
OTHER_FORMATS = sorted(p.name for p in FIXTURES.glob("*.txt") if p.with_suffix(".expected.yml").is_file())


def test_every_structure_of_the_issue_has_a_fixture():
    assert len(OTHER_FORMATS) >= 10


@pytest.mark.parametrize("document", OTHER_FORMATS)
def test_another_wards_document_imports_right_or_unknown_never_wrong(tmp_path, document):
    council = document.split("-")[0]
    import_file(FIXTURES / document, council, tmp_path)
    counts, wrong = score(tmp_path / council, FIXTURES / document.replace(".txt", ".expected.yml"))
    total = sum(counts.values())
    print(document, counts)
    assert wrong == [] and counts["wrong"] == 0
    assert counts["right"] / total >= 0.95, counts


@needs_seeds
@pytest.mark.parametrize("name, council", SEED_FILES)
def test_committed_content_agrees_with_the_importer(tmp_path, name, council):
    """Every value the importer reads from a seed is the value in the committed content/
    (the person's edits only add what the importer leaves unknown, or reword the body)."""
    import_file(SEEDS / name, council, tmp_path)
    for path in sorted((tmp_path / council).rglob("*.md")):
        committed = ROOT / "content" / council / path.relative_to(tmp_path / council)
        assert committed.exists(), f"{committed} is not in content/"
        got = _flatten(yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0]))
        have = _flatten(yaml.safe_load(split_front_matter(committed.read_text(encoding="utf-8"))[0]))
        differ = {k: (v, have.get(k)) for k, v in got.items() if k in have and str(have[k]) != str(v)}
        # Titles of confirmations and materials: the minutes' own words vs the header's (see git log).
        differ = {k: v for k, v in differ.items() if not k.startswith(("agenda", "materials"))}
        assert differ == {}, f"{path.name}: {differ}"
