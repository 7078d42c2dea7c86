"""The councils of each tier: M is 足立区 alone, L the 23 special wards with their real codes."""

from __future__ import annotations

import random

from .model import OVERDUE_RATE, Spec
from .names import rng_for

# --- The 23 special wards -------------------------------------------------------------------

# (id, name, 全国地方公共団体コード without its check digit). The check digit is computed below
# and compared with the published codes, so a typo here cannot produce a wrong code.
WARDS = [
    ("chiyoda", "千代田区", "13101"), ("chuo", "中央区", "13102"), ("minato", "港区", "13103"),
    ("shinjuku", "新宿区", "13104"), ("bunkyo", "文京区", "13105"), ("taito", "台東区", "13106"),
    ("sumida", "墨田区", "13107"), ("koto", "江東区", "13108"), ("shinagawa", "品川区", "13109"),
    ("meguro", "目黒区", "13110"), ("ota", "大田区", "13111"), ("setagaya", "世田谷区", "13112"),
    ("shibuya", "渋谷区", "13113"), ("nakano", "中野区", "13114"), ("suginami", "杉並区", "13115"),
    ("toshima", "豊島区", "13116"), ("kita", "北区", "13117"), ("arakawa", "荒川区", "13118"),
    ("itabashi", "板橋区", "13119"), ("nerima", "練馬区", "13120"), ("adachi", "足立区", "13121"),
    ("katsushika", "葛飾区", "13122"), ("edogawa", "江戸川区", "13123"),
]
PUBLISHED_CODES = {
    "chiyoda": "131016", "chuo": "131024", "minato": "131032", "shinjuku": "131041",
    "bunkyo": "131059", "taito": "131067", "sumida": "131075", "koto": "131083",
    "shinagawa": "131091", "meguro": "131105", "ota": "131113", "setagaya": "131121",
    "shibuya": "131130", "nakano": "131148", "suginami": "131156", "toshima": "131164",
    "kita": "131172", "arakawa": "131181", "itabashi": "131199", "nerima": "131202",
    "adachi": "131211", "katsushika": "131229", "edogawa": "131237",
}
# Relative population (2020, in 10,000s): bigger wards bring more cases.
POPULATION = {
    "chiyoda": 7, "chuo": 17, "minato": 26, "shinjuku": 35, "bunkyo": 24, "taito": 21,
    "sumida": 27, "koto": 52, "shinagawa": 42, "meguro": 29, "ota": 75, "setagaya": 94,
    "shibuya": 24, "nakano": 34, "suginami": 59, "toshima": 30, "kita": 36, "arakawa": 22,
    "itabashi": 58, "nerima": 75, "adachi": 69, "katsushika": 46, "edogawa": 70,
}


def check_digit(code5: str) -> str:
    """全国地方公共団体コード: (11 - Σ d·w for w = 6,5,4,3,2 mod 11) mod 10."""
    return str((11 - sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True)) % 11) % 10)


def ward_code(code5: str) -> str:
    return code5 + check_digit(code5)


def council_specs(tier: str, scale: float, seed: int, overdue_rate: float = OVERDUE_RATE) -> list[Spec]:
    specs = _council_specs(tier, scale, seed)
    for s in specs:
        s.overdue_rate = overdue_rate
    return specs


def _council_specs(tier: str, scale: float, seed: int) -> list[Spec]:
    if tier == "M":
        return [Spec("adachi", "足立区情報公開・個人情報保護審議会", "足立区", ward_code("13121"), "審議会",
                     ["足立区個人情報保護条例"], "running", "term", "verbatim",
                     {"full": 0.55, "sheet": 0.45}, "day", "了承", "none", "ka", True,
                     n_cases=max(2, round(500 * scale)), n_meetings=max(1, round(150 * scale)),
                     rules=disclosure_rules(rng_for(seed, "rules", "adachi"), "足立区", "after_approval"))]
    weights = {w[0]: POPULATION[w[0]] ** 0.8 for w in WARDS}
    total = sum(weights.values())
    specs = []
    for wid, ward, code5 in WARDS:
        r = rng_for(seed, "council", wid)
        code = ward_code(code5)
        n_cases = max(2, round(10000 * scale * weights[wid] / total))
        n_meetings = max(1, round(3000 * scale * weights[wid] / total * r.uniform(0.8, 1.2)))
        start = r.choice((2003, 2003, 2003, 2004, 2005, 2006, 2008, 2010))
        if wid == "edogawa":
            s = Spec(wid, "江戸川区情報公開及び個人情報保護審査会", ward, code, "審査会",
                     ["江戸川区情報公開及び個人情報保護審査会条例", "江戸川区個人情報保護条例"],
                     "fiscal_year", "fy", "none", {"full": 1.0}, "month", "承認", "full", "full", True,
                     opinion=False)
        elif wid == "adachi":
            s = Spec(wid, "足立区情報公開・個人情報保護審議会", ward, code, "審議会", ["足立区個人情報保護条例"],
                     "running", "term", "verbatim", {"none": 0.7, "sheet": 0.3}, "day", "了承", "none", "ka",
                     True)
        elif wid == "shinjuku":
            s = Spec(wid, "新宿区情報公開・個人情報保護審議会", ward, code, "審議会", ["新宿区個人情報保護条例"],
                     "running", "term", "summary", {"sheet": 1.0}, "day", "承認", "short", "full", False)
        else:
            kind = r.choice(("審議会", "審議会", "審査会"))
            name = ward + r.choice(("情報公開・個人情報保護審議会", "個人情報保護審議会",
                                    "情報公開・個人情報保護運営審議会", "情報公開及び個人情報保護審議会")
                                   if kind == "審議会" else
                                   ("情報公開及び個人情報保護審査会", "情報公開・個人情報保護審査会"))
            ordinances = [f"{ward}個人情報保護条例"] + ([f"{name}条例"] if kind == "審査会" else []) \
                + ([f"{ward}情報公開条例"] if r.random() < 0.4 else [])
            numbering = r.choice(("running", "running", "fiscal_year"))
            minutes = r.choice(("verbatim", "verbatim", "summary", "summary", "summary", "none"))
            doc = r.choice(({"full": 1.0}, {"sheet": 1.0}, {"full": 0.5, "sheet": 0.5},
                            {"sheet": 0.6, "none": 0.4}, {"full": 0.7, "none": 0.3}))
            s = Spec(wid, name, ward, code, kind, ordinances, numbering,
                     "term" if numbering == "running" or r.random() < 0.3 else "fy", minutes, doc,
                     "month" if minutes == "none" and r.random() < 0.6 else "day",
                     r.choice(("了承", "承認")), r.choice(("full", "short", "none")),
                     r.choice(("full", "ka")), r.random() < 0.6, opinion=r.random() < 0.8)
        s.start_fy, s.n_cases, s.n_meetings = start, n_cases, n_meetings
        if r.random() < 0.7:
            s.rules = disclosure_rules(r, ward, "after_approval" if s.minutes == "verbatim" and r.random() < 0.6
                                       else "after_meeting")
        s.body_kb = 15.0 if "full" in s.case_doc else 11.0
        s.minutes_kb = {"verbatim": r.choice((90, 110, 130)), "summary": 26, "none": 0}[s.minutes]
        specs.append(s)
    return specs


def disclosure_rules(r: random.Random, ward: str, record_mode: str) -> dict:
    """A council's 会議の公開 rules: the numbers differ by municipality."""
    return {"source": ward + r.choice(("附属機関等の会議の公開に関する要綱", "審議会等の会議の公開に関する指針",
                                       "附属機関の会議の公開に関する規程")),
            "notice_days": r.choice((7, 7, 7, 10, 14)), "notice_source": f"第{r.randint(4, 6)}条",
            "closure_source": "第3条", "materials_days": r.choice((14, 14, 30)),
            "materials_source": f"第{r.randint(7, 9)}条", "record_mode": record_mode,
            "record_days": r.choice((30, 30, 45, 60)), "record_source": f"第{r.randint(7, 9)}条",
            "decision_days": r.choice((30, 30, 60))}
