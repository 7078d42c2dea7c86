"""The era-date parser against the fixture table of real phrases (tests/fixtures/dates.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.japanese import (
    fiscal_year_label,
    normalize_key,
    parse_date,
    parse_fiscal_year,
    parse_number,
    parse_time,
    squeeze,
)

FIXTURES = Path(__file__).parent / "fixtures" / "dates.txt"


def _cases():
    for number, line in enumerate(FIXTURES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        for mark in ("→", "⚠", "✗"):
            if f" {mark} " in line:
                phrase, expected = line.split(f" {mark} ", 1)
                yield pytest.param(phrase, mark, expected, id=f"dates.txt:{number}")
                break
        else:
            raise AssertionError(f"dates.txt:{number}: no → ⚠ or ✗ in {line!r}")


@pytest.mark.parametrize("phrase, mark, expected", list(_cases()))
def test_date_fixture(phrase: str, mark: str, expected: str) -> None:
    if mark == "✗":
        with pytest.raises(ValueError) as err:
            parse_date(phrase)
        assert expected in str(err.value)
        return
    iso, _, shown = expected.partition(" | ")
    result = parse_date(phrase)
    assert result.iso() == iso
    if mark == "→":
        assert result.note is None
        assert result.wareki() == shown
    else:
        assert result.note is not None and shown in result.note


@pytest.mark.parametrize("text, year", [
    ("令和2年度", 2020), ("令和 2 年度", 2020), ("令和元年度", 2019), ("平成31年度", 2019),
    ("平成30年度", 2018), ("2020", 2020), (2020, 2020), ("令和２年度", 2020),
])
def test_fiscal_year(text, year) -> None:
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["平成32年度", "令和0年度", "来年度"])
def test_fiscal_year_that_cannot_exist(text) -> None:
    with pytest.raises(ValueError):
        parse_fiscal_year(text)


def test_fiscal_year_belongs_to_april_to_march() -> None:
    # 令和2年度第8回 with requests dated 令和3年3月 fell in March 2021.
    assert parse_date("令和3年3月").fiscal_year() == 2020
    assert parse_date("令和3年4月1日").fiscal_year() == 2021
    assert parse_date("令和4年12月27日").fiscal_year() == 2022
    assert parse_date("令和元年").fiscal_year() is None  # month unknown: 年度 unknown


@pytest.mark.parametrize("year, label", [
    (2020, "令和2年度（2020年度）"), (2019, "令和元年度（2019年度）"), (2018, "平成30年度（2018年度）"),
    (1988, "昭和63年度（1988年度）"), (1989, "平成元年度（1989年度）"),
])
def test_fiscal_year_label(year, label) -> None:
    assert fiscal_year_label(year) == label


@pytest.mark.parametrize("text, hhmm", [
    ("午前10時00分", "10:00"), ("午後0時19分", "12:19"), ("10:00", "10:00"), ("午後2時半", "14:30"),
    ("１０：００", "10:00"), (600, "10:00"),  # YAML 1.1 reads an unquoted 10:00 as 600
])
def test_times(text, hhmm) -> None:
    assert parse_time(text) == hhmm


@pytest.mark.parametrize("text", ["25:00", "午前", "10時70分"])
def test_bad_times(text) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize("text, n", [("13", 13), ("１３", 13), ("十三", 13), ("元", 1), ("二十", 20), ("百二", 102)])
def test_numbers(text, n) -> None:
    assert parse_number(text) == n


@pytest.mark.parametrize("raw, squeezed", [
    ("会 長 平 田 善 信", "会長平田善信"),
    ("令和 3 年 3 月 5 日", "令和3年3月5日"),
    ("20 経情送第 342 号", "20経情送第342号"),
    ("ＬＧＷＡＮ－ＡＳＰ", "LGWAN-ASP"),
    ("LGWAN ASP の利用", "LGWAN ASPの利用"),
])
def test_squeeze_removes_pdf_spacing(raw, squeezed) -> None:
    assert squeeze(raw) == squeezed


def test_normalize_key_ignores_width_case_and_space() -> None:
    assert normalize_key("[諮問第 480 号]") == normalize_key("[諮問第480号]")
    assert normalize_key("ＬＧＷＡＮ") == normalize_key("lgwan")


def test_the_search_page_reads_eras_from_the_generators_one_table() -> None:
    from pathlib import Path

    from generator.model.japanese import ERAS_JS, eras_js
    committed = (Path(__file__).resolve().parent.parent / ERAS_JS).read_text(encoding="utf-8")
    assert committed == eras_js(), "run `python -m generator schema` to rewrite " + ERAS_JS


def test_an_hour_past_twelve_after_gozen_or_gogo_is_not_a_time() -> None:
    import pytest

    from generator.model.japanese import parse_time
    assert parse_time("午後0時19分") == "12:19" and parse_time("午後12時") == "12:00"
    for text in ("午後13時", "午前13時30分"):
        with pytest.raises(ValueError, match="12時"):
            parse_time(text)
