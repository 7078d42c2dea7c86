"""Filling templates for one file, and the Markdown blocks it is written in."""

from __future__ import annotations

import math
import random
from datetime import date

from .agenda import system_name
from .dates import add_months, fiscal_year_of, fy_label, spaced, wa
from .lexicon import KANJI_REPLACE, Lexicon
from .model import CasePlan, CouncilPlan
from .names import given, surname


def role_of(ka: str) -> str:
    return ka + ("所長" if ka.endswith("センター") else "長")


class Ctx:
    """Fills templates for one file: its case, its date, and a consistent choice per name."""

    def __init__(self, r: random.Random, cp: CouncilPlan, ref: date, case: CasePlan | None = None,
                 lex: Lexicon | None = None, pos: tuple[float, float] = (0.0, 0.0),
                 roles: dict[str, str] | None = None):
        self.r, self.cp, self.ref, self.case = r, cp, ref, case
        self.roles = roles or {}          # the seed minutes' people by role (Corpus.person_roles)
        self.lex, self.pos = lex, pos     # pos: (start, length) of the file in the archive
        self.cache: dict = {}
        self.people: dict = {}            # chair / sec / member / dept → the name to say

    def compound(self) -> str:
        start, length = self.pos
        return self.lex.draw(self.r, start + self.r.random() * length) if self.lex else ""

    def _kanji(self, original: str) -> str:
        key = ("kanji", original)
        if key not in self.cache:
            self.cache[key] = self.compound() + original[-2:] if self.r.random() < KANJI_REPLACE else original
        return self.cache[key]

    def set_case(self, case: CasePlan | None) -> None:
        self.case = case
        self.cache = {k: v for k, v in self.cache.items() if k[0] == "person"}

    def fill(self, tpl: tuple) -> str:
        out = []
        for p in tpl:
            if p.__class__ is str:
                out.append(p)
            else:
                out.append(getattr(self, "_" + p[0])(p[1]))
        return "".join(out)

    def _caseno(self, payload) -> str:
        sp, title = payload
        c = self.case
        number = (c.number if c and c.number else "本件")
        if sp:
            number = spaced(number)
        if title and c:
            return f"{number}「{c.title}」" if c.number else f"「{c.title}」"
        return number

    def _date(self, payload) -> str:
        delta, precision, sp, fiscal, oy, om, od = payload
        ref = self.ref
        orig = date(oy, om, od)
        if delta < -36 and orig < ref:       # a date from history (平成13年より…): kept
            d = orig
        else:
            d = add_months(ref, delta)
            if precision == "day":
                d = date(d.year, d.month, min(od, 28))
        if fiscal:
            return fy_label(fiscal_year_of(d), sp)
        return wa(d, precision, sp)

    def _council(self, _) -> str:
        return self.cp.spec.name

    def _ward(self, _) -> str:
        return self.cp.ward

    def _dept(self, original: str) -> str:
        key = ("dept", original.split("部")[-1])
        if key not in self.cache:
            used = sum(1 for k in self.cache if k[0] == "dept")
            c = self.case
            self.cache[key] = (c.bu, c.ka) if c and used == 0 else self.r.choice(self.cp.depts)
        bu, ka = self.cache[key]
        return bu + ka if "部" in original and self.cp.spec.dept_style == "full" else ka

    def _sys(self, original: str) -> str:
        key = ("sys", original)
        if key not in self.cache:
            used = sum(1 for k in self.cache if k[0] == "sys")
            c = self.case
            self.cache[key] = (c.system if used == 0 else c.system2 if used == 1 else system_name(self.r, c.fy)) \
                if c else system_name(self.r)
        return self.cache[key]

    def _num(self, original: str) -> str:
        n = int(original.replace(",", ""))
        r = self.r
        if n <= 31:
            v = r.randint(1, max(3, n * 2))
        else:
            v = max(2, int(n * math.exp(r.uniform(-1.3, 1.3))))
            if v >= 1000:
                digits = len(str(v)) - 2
                v = round(v, -digits)
        return f"{v:,}" if "," in original or v >= 10000 else str(v)

    def _title(self, _) -> str:
        return self.case.title if self.case else "本件"

    def _vendor(self, original: str) -> str:
        key = ("vendor", original)
        if key not in self.cache:
            used = sum(1 for k in self.cache if k[0] == "vendor")
            self.cache[key] = self.case.vendor if self.case and not used else self.r.choice(self.cp.vendors)
        return self.cache[key]

    def _address(self, _) -> str:
        r = self.r
        return f"東京都{self.cp.ward}{r.choice(self.cp.places)}{r.randint(1, 8)}丁目{r.randint(1, 30)}番{r.randint(1, 20)}号"

    def _rep(self, _) -> str:
        return f"{surname(self.r)} {given(self.r)}"

    def _person(self, original: str) -> str:
        role = self.roles.get(original)
        if role in self.people:
            who = self.people[role]
            return who() if callable(who) else who
        key = ("person", original)
        if key not in self.cache:
            self.cache[key] = surname(self.r)
        return self.cache[key]


def case_words(cp: CouncilPlan, c: CasePlan, r: random.Random, dept: str) -> dict:
    return {"subject": c.subject, "data": "、".join(c.data[:r.randint(2, 5)]), "system": c.system,
            "dept": dept, "party": c.party, "vendor": c.vendor, "n": f"{r.randint(2, 90) * 100:,}",
            "place": r.choice(cp.places), "facility": r.choice(FACILITIES), "k": r.randint(2, 60)}


def table(rows: list[tuple[str, str]], head: tuple[str, str] | None = None) -> str:
    lines = ["<table>"]
    if head:
        lines += ["<thead>", f'<tr><th scope="col">{head[0]}</th><th scope="col">{head[1]}</th></tr>', "</thead>"]
    lines.append("<tbody>")
    lines += [f'<tr><th scope="row">{th}</th><td>{td}</td></tr>' for th, td in rows]
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


class Writer:
    """Blocks of Markdown and their running size (in characters)."""

    def __init__(self):
        self.blocks: list[str] = []
        self.size = 0

    def add(self, *blocks: str) -> None:
        for b in blocks:
            if b:
                self.blocks.append(b)
                self.size += len(b) + 2

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""


FACILITIES = ["保育園", "小学校", "中学校", "図書館", "区民事務所", "地域学習センター", "児童館", "保健センター",
              "福祉事務所", "地域包括支援センター", "住区センター", "区民館", "学童クラブ", "清掃事務所", "障害者福祉センター"]
