"""Dates and numbers as the documents print them.

Eras and 年度 come from generator/model/japanese.py (its single era table); this module adds only how a
synthetic file prints them: PDF-like spacing, lists of months, times of day.
"""

from __future__ import annotations

import re
from datetime import date

from generator.model.japanese import (
    ERAS,
    PartialDate,
    era_of,
    era_of_partial,
    era_year_label,
    fiscal_year_era,
    fiscal_year_era_text,
    parse_number,
)

# The oldest decision an archive's documents cite (the councils began about then).
OLDEST_CITED = date(1996, 4, 1)
# Dates of the councils' own documents: a template's dates in these eras move with the file's own
# date; older ones (laws: 昭和36年11月15日法律第223号) stay as written.
DOCUMENT_ERAS = "|".join(e.name for e in ERAS if e.end is None or e.end >= OLDEST_CITED)
ERA_BY_NAME = {e.name: e for e in ERAS}


def spaced(text: str) -> str:
    """PDF-extraction spacing: 第 13 条第 2 項, 20 福福送第 1778 号, 令和 3 年 3 月 5 日."""
    return re.sub(r"\s+", " ", re.sub(r"(\d[\d,]*)", r" \1 ", text)).strip()


def wa(d: date, precision: str = "day", spaced_: bool = False) -> str:
    """令和3年3月5日 / 令和 3 年 3 月 5 日 / 平成28年1月 / 令和元年 11 月 / 平成13年.

    The era is the one in force on `d`, also when only its month is printed: the writer knows the
    day, so 1989-01-20 is 平成元年1月 (PartialDate.wareki, knowing only the month, says 昭和64年1月).
    A year alone takes the era at its end, as in PartialDate.wareki.
    """
    if precision == "year":
        text = era_year_label(era_of_partial(PartialDate(d.year)), d.year)
    else:
        text = era_year_label(era_of(d), d.year) + f"{d.month}月" + (f"{d.day}日" if precision == "day" else "")
    return spaced(text) if spaced_ else text


def fy_label(fy: int, spaced_: bool = False) -> str:
    """令和2年度 (令和 2 年度 spaced); 2019年度 is 令和元年度."""
    text = fiscal_year_era_text(fy)
    return spaced(text) if spaced_ else text


def fy_code(fy: int) -> str:
    """The fiscal year in file names: r02, h28."""
    era = fiscal_year_era(fy)
    return f"{era.letter.lower()}{fy - era.start.year + 1:02d}"


def fiscal_year_of(d: date) -> int:
    """年度 of a day (April–March)."""
    fy = PartialDate(d.year, d.month).fiscal_year()
    assert fy is not None  # the month is known
    return fy


def era_year(era_name: str, n: str) -> int:
    """The Gregorian year of 令和3年 / 平成元年 as a document writes it (no check that it existed:
    documents printed in 2020 still say 平成32年)."""
    return ERA_BY_NAME[era_name].gregorian_year(parse_number(n))


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, 28))


def jtime(h: int, m: int) -> str:
    return f"{'午前' if h < 12 else '午後'}{h if h <= 12 else h - 12}時{m:02d}分"


def months_phrase(months: list[tuple[int, int]], spaced_: bool) -> str:
    labels = [wa(date(y, m, 1), "month", spaced_) for y, m in months]
    if len(labels) == 1:
        return labels[0]
    return "、".join(labels[:-1]) + "及び" + labels[-1]
