"""The plan of a council: its meetings, rosters and what it announced and published (cheap, in the
main process)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from generator.model import casefile
from generator.model.japanese import kanji_number

from .agenda import plan_cases
from .dates import fy_code, fy_label
from .frontmatter import HAS
from .model import CouncilPlan, MeetingPlan, Spec, roster_bucket
from .names import given, lognormal_size, place_name, rng_for, surname, vendor_name
from .vocabulary import ARTICLE_BASE, BU_KA, KA_HEADS, KA_TAILS

CLOSURE_REASONS = list(getattr(casefile, "DEFAULT_CLOSURE_REASONS", None) or [
    "法令等の規定により非公開とされている事項を審議するため",
    "非開示情報（個人に関する情報等）が含まれる事項を審議するため",
    "公開することにより公正かつ円滑な審議が著しく阻害されるおそれがあるため"])


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _articles(spec: Spec, r: random.Random) -> dict[str, tuple[str, str]]:
    """category → (ordinance, article): 江戸川区個人情報保護条例, 第14条第3項."""
    ordinance = next(o for o in spec.ordinances if o.endswith("個人情報保護条例"))
    off = r.randint(-2, 3)
    out = {}
    for cat, (art, rest) in ARTICLE_BASE.items():
        out[cat] = (ordinance, f"第{art + off}条" + rest.format(n=r.randint(2, 9), p=r.randint(1, 3)))
    council_ordinance = next((o for o in spec.ordinances if o.endswith("会条例")), ordinance)
    out["重要事項"] = (council_ordinance, "第3条第1項第5号")
    out["特定個人情報保護評価"] = (ordinance, f"第{r.randint(20, 30)}条の2")
    out["その他"] = (council_ordinance, f"第{r.randint(2, 4)}条第2項")
    return out


def _roster(r: random.Random) -> list[tuple[str, str]]:
    seen: set[str] = set()
    people = []
    for i in range(r.randint(12, 16)):
        while (s := surname(r)) in seen:
            pass
        seen.add(s)
        people.append((f"{s} {given(r)}", "会長" if i == 0 else "副会長" if i == 1 else "委員"))
    return people


def plan_council(spec: Spec, seed: int) -> CouncilPlan:
    r = rng_for(seed, "plan", spec.id)
    bus = r.sample(sorted(BU_KA), k=min(len(BU_KA), r.randint(10, 15)))
    depts = sorted({(bu, ka) for bu in bus for ka in r.sample(BU_KA[bu], k=min(3, len(BU_KA[bu])))})
    for _ in range(3):  # every ward has a few 課 of its own
        depts.append((r.choice(bus), r.choice(KA_HEADS) + r.choice(KA_TAILS) + "課"))
    secretariat = r.choice([("総務部", "総務課"), ("政策経営部", "区政情報課"), ("総務部", "情報公開課"),
                            ("総務部", "文書課"), ("経営企画部", "情報政策課")])
    places = [place_name(r) for _ in range(14)]
    vendors = [vendor_name(r, places) for _ in range(18)]
    first_number = r.randint(30, 120) if spec.numbering == "running" else 1
    cp = CouncilPlan(spec, seed, {}, [], depts, secretariat, places, vendors, _articles(spec, r), {},
                     first_number)

    # meetings: spread over the fiscal years, a few a year, on weekdays
    years = list(range(spec.start_fy, spec.end_fy + 1))
    per_year: dict[int, int] = {fy: 0 for fy in years}
    for i in range(spec.n_meetings):
        per_year[years[min(len(years) - 1, int((i + r.uniform(0.1, 0.9)) / spec.n_meetings * len(years)))]] += 1
    term_base = (13 if spec.id == "adachi" else r.randint(3, 10)) - (spec.end_fy - spec.start_fy) // 2
    term_base = max(1, term_base)
    session, last_bucket = 0, None
    for fy in years:
        k = per_year[fy]
        months = sorted(int((j + r.uniform(0.05, 0.95)) * 12 / k) for j in range(k)) if k else []
        last = date(fy, 4, 1)
        for mi in months:
            y, m = (fy, 4 + mi) if mi < 9 else (fy + 1, mi - 8)
            d = _weekday(date(y, m, r.randint(1, 24)))
            d = max(d, last + timedelta(days=1))
            if d > date(fy + 1, 3, 31):
                d = date(fy + 1, 3, 31)
            last = d
            term = term_base + (fy - spec.start_fy) // 2 if spec.meeting_style == "term" else None
            bucket = term if term is not None else fy
            session = session + 1 if bucket == last_bucket else 1
            last_bucket = bucket
            if term is not None:
                mid = f"{term:02d}-{session:02d}"
                label = f"第{kanji_number(term)}期・第{session}回"
            else:
                mid = f"{fy_code(fy)}-{session:02d}"
                label = f"{fy_label(fy)}第{session}回"
            if mid in {x.id for x in cp.meetings[-40:]}:
                mid += f"-{d.month:02d}"
            mp = MeetingPlan(mid, fy, term, session, d, label,
                             start=r.choice(((10, 0), (10, 0), (14, 0), (13, 30), (18, 30), (9, 30))))
            mp.minutes_chars = int(lognormal_size(r, spec.minutes_kb * 1000, 0.3) / 2.9) if spec.minutes_kb else 0
            if session > 1 and spec.minutes != "none" and r.random() < 0.8:
                prev = cp.meetings[-1]
                mp.confirm.append(f"{prev.label}{spec.name}{'要録' if spec.minutes == 'summary' else '会議録'}(案)")
                prev.approved_at = mp.id
            cp.meetings.append(mp)
    for a, b in zip(cp.meetings, cp.meetings[1:], strict=False):
        a.next = (b.date, *b.start)
    for mp in cp.meetings:
        bucket = roster_bucket(cp, mp)
        if bucket not in cp.rosters:
            cp.rosters[bucket] = _roster(rng_for(seed, spec.id, "roster", bucket))

    plan_cases(cp, r)
    _plan_disclosure(cp, rng_for(seed, "disclosure", spec.id))
    return cp


HOW_TO_ATTEND = ["開催日当日、会場にて先着順で受け付けます。", "開催日の前日までに事務局へ電話でお申し込みください。",
                 "傍聴を希望する方は、開始時刻の15分前までに会場受付にお越しください。"]


def _plan_disclosure(cp: CouncilPlan, r: random.Random) -> None:
    """What was announced and published, and when (会議の公開): mostly in time, sometimes late,
    older years often 不明 (the sources do not say), a very few never done."""
    K = cp.spec
    day = K.precision == "day"
    by_id = {m.id: m for m in cp.meetings}
    for mp in cp.meetings:
        unknown = 0.45 if mp.fy <= 2008 else 0.15 if mp.fy <= 2014 else 0.04
        if not day or K.minutes == "none":
            unknown = 1.0  # like the seeds: the record does not say
        x = r.random()
        if x < 0.01:
            mp.access, mp.access_reason = "非公開", r.choice(CLOSURE_REASONS)
        elif x < 0.07:  # partly closed: the items deliberated in camera are marked (when the format can)
            consult = [cid for cid, _, _ in mp.items if cp.cases[cid].kind == "諮問"]
            if consult:
                if HAS["item_access"]:
                    mp.closed_items = set(r.sample(consult, 1 if len(consult) < 4 or r.random() < 0.8 else 2))
                mp.access, mp.access_reason = "一部非公開", r.choice(CLOSURE_REASONS)
        if r.random() < unknown:
            mp.notice = "不明"
        else:
            days = K.rule("notice_days")
            early = r.randint(1, days - 1) if r.random() < 0.04 else days + r.randint(0, 10)
            mp.notice = (mp.date - timedelta(days=early), r.choice((5, 8, 10, 10, 15, 20)), r.choice(HOW_TO_ATTEND))
        if r.random() < unknown:
            mp.materials_published = "不明"
        else:
            days = K.rule("materials_days")
            mp.materials_published = mp.date + timedelta(days=r.randint(1, days) if r.random() > 0.04
                                                         else days + r.randint(1, 20))
        if K.minutes != "none":
            mp.record_state = "確定" if mp.approved_at else ("確定" if K.rule("record_mode") == "after_meeting" else "案")
        if r.random() < unknown:
            mp.record_published = "不明"
        elif r.random() < K.overdue_rate and mp.access != "非公開":
            mp.record_published = None   # never published: overdue
        else:
            days = K.rule("record_days")
            late = r.random() < 0.05
            if K.rule("record_mode") == "after_approval":
                approver = by_id.get(mp.approved_at or "")
                start = approver.date if approver else None
            else:
                start = mp.date
            if start is not None:
                after = r.randint(3, days) if not late else days + r.randint(1, 40)
                mp.record_published = start + timedelta(days=after)
    for c in cp.cases.values():
        d = c.decision
        if not d:
            continue
        mp = by_id[d["meeting"]]
        unknown = 0.45 if mp.fy <= 2008 else 0.15 if mp.fy <= 2014 else 0.04
        if not day or r.random() < unknown:
            d["published"] = "不明"
        else:
            days = K.rule("decision_days")
            after = r.randint(1, days) if r.random() > 0.03 else days + r.randint(1, 30)
            d["published"] = mp.date + timedelta(days=after)
