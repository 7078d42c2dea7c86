"""Dates and numbers as the documents print them."""

from __future__ import annotations

import re
from datetime import date

# --- Era dates ------------------------------------------------------------------------------

REIWA, HEISEI = date(2019, 5, 1), date(1989, 1, 8)


def era(d: date) -> tuple[str, int]:
    if d >= REIWA:
        return "令和", d.year - 2018
    if d >= HEISEI:
        return "平成", d.year - 1988
    return "昭和", d.year - 1925


def nen(n: int) -> str:
    return "元" if n == 1 else str(n)


def wa(d: date, precision: str = "day", spaced: bool = False) -> str:
    """令和3年3月5日 / 令和 3 年 3 月 5 日 / 平成28年1月 / 令和元年 11 月 / 平成13年, era right for the date."""
    e, n = era(d if precision != "year" else date(d.year, 7, 1))
    if spaced:
        text = f"{e}元年" if n == 1 else f"{e} {n} 年"
        if precision in ("month", "day"):
            text += f" {d.month} 月"
        if precision == "day":
            text += f" {d.day} 日"
        return text
    text = f"{e}{nen(n)}年"
    if precision in ("month", "day"):
        text += f"{d.month}月"
    if precision == "day":
        text += f"{d.day}日"
    return text


def fy_label(fy: int, spaced: bool = False) -> str:
    """令和2年度: the era in force on 1 May (2019年度 is 令和元年度)."""
    e, n = era(date(fy, 5, 1))
    return (f"{e} {n} 年度" if n != 1 else f"{e}元年度") if spaced else f"{e}{nen(n)}年度"


def fy_code(fy: int) -> str:
    e, n = era(date(fy, 5, 1))
    return f"{'r' if e == '令和' else 'h'}{n:02d}"


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, 28))


def jtime(h: int, m: int) -> str:
    return f"{'午前' if h < 12 else '午後'}{h if h <= 12 else h - 12}時{m:02d}分"

def spaced(text: str) -> str:
    """PDF-extraction spacing: 第 13 条第 2 項, 20 福福送第 1778 号, 令和 3 年 3 月 5 日."""
    return re.sub(r"\s+", " ", re.sub(r"(\d[\d,]*)", r" \1 ", text)).strip()


def months_phrase(months: list[tuple[int, int]], spaced_: bool) -> str:
    labels = [wa(date(y, m, 1), "month", spaced_) for y, m in months]
    if len(labels) == 1:
        return labels[0]
    return "、".join(labels[:-1]) + "及び" + labels[-1]
