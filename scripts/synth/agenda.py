"""The cases on each meeting's agenda: subjects, titles, numbers, citations and outcomes."""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from datetime import date, timedelta

from .dates import OLDEST_CITED, fy_code, fy_label
from .lexicon import Lexicon, lexicon
from .model import CasePlan, CouncilPlan, roster_bucket
from .names import katakana_name, lognormal_size, weighted
from .vocabulary import (
    CATEGORY_NOTES,
    CATEGORY_WEIGHTS,
    DATA_ITEMS,
    ERA_TOPICS,
    PARTIES,
    RESULT_SETS,
    SERVICES,
    SYSTEM_HEADS,
    TARGETS,
    in_use,
)


def _subject(r: random.Random, places: list[str], lex: Lexicon | None = None, pos: float = 0.0) -> str:
    target = r.choice(TARGETS)
    if lex is not None and r.random() < 0.45:
        target = lex.draw(r, pos) if r.random() < 0.5 else target + lex.draw(r, pos)
    s = target + r.choice(("", "", "向け", "に対する")) + r.choice(SERVICES)
    if r.random() < 0.15:
        s += f"（{r.choice(places)}地区）"
    return s


def system_name(r: random.Random, fy: int = 2022, lex: Lexicon | None = None, pos: float = 0.0) -> str:
    while True:
        x = r.random()
        if lex is not None and x < 0.3:
            head, tail = lex.draw(r, pos), r.choice(("管理", "支援", "情報", "受付", ""))
            s = head + ("" if head.endswith(tail) else tail) + "システム"
        elif x < 0.7:
            s = r.choice(SYSTEM_HEADS) + "システム"
        elif x < 0.85:
            s = katakana_name(r) + r.choice(("クラウド", "サービス"))
        else:
            s = r.choice(TARGETS) + "向け" + r.choice(SYSTEM_HEADS) + "システム"
        if in_use(s, fy):
            return s


WORKS = ["封入封緘", "データ入力", "通知書印刷・発送", "コールセンター運営", "システム運用保守", "申請書受付・審査",
         "予約受付", "収納代行", "データ抽出と通知書印字・送付", "訪問調査", "集計・分析", "窓口案内"]
CONDITIONS = ["委託先における個人情報の取扱状況を定期的に確認し、その結果を審議会に報告すること。",
              "業務終了後、データの消去を証明する書面を提出させ、確認すること。",
              "運用開始後1年を経過した時点で、運用状況を報告すること。",
              "対象者への周知を十分に行い、本人からの求めに応じて提供を停止できるようにすること。",
              "提供先に対し、目的外利用の禁止と管理体制を書面で確認すること。",
              "アクセス権限を必要最小限の職員に限定し、操作記録を保存すること。"]


def _title(r: random.Random, cat: str, subject: str, system: str, system2: str, party: str,
           data: list[str], ward: str) -> str:
    d = "及び".join(data[:2]) if r.random() < 0.5 else data[0]
    w = r.choice(WORKS)
    options = {
        "外部委託": [f"{subject}に係る業務の外部委託について", f"{subject}における{w}業務委託",
                 f"{subject}の{w}業務の委託について", f"{subject}に伴う{w}の外部委託について"],
        "外部結合": [f"{system}の導入に伴う外部結合について", f"{subject}における{system}の導入",
                 f"{system}と{system2}の結合について", f"{subject}のオンライン化に伴う外部結合について"],
        "処理開発": [f"{system}の開発について", f"{subject}に係る電子計算組織への記録について",
                 f"{system}の改修について", f"{subject}における{system}の構築について"],
        "外部提供": [f"{party}への{subject}に係る情報の外部提供について", f"{subject}に係る{d}の{party}への提供について"],
        "目的外利用": [f"{subject}における{d}の目的外利用について", f"{subject}のための{d}の目的外利用について"],
        "本人外収集": [f"{subject}に係る個人情報の本人外収集について", f"{party}からの{d}の収集について"],
        "特定個人情報保護評価": [f"特定個人情報保護評価書（{subject}に関する事務）について"],
        "重要事項": [f"{ward}情報セキュリティポリシーの改定について", f"{ward}個人情報保護条例施行規則の改正について",
                 f"{subject}に係る個人情報の取扱いの基準について"],
        "その他": [f"{subject}に係る個人情報の取扱いについて"],
    }
    return r.choice(options[cat])


def plan_cases(cp: CouncilPlan, r: random.Random) -> None:
    spec, meetings = cp.spec, cp.meetings
    n = spec.n_cases
    # cases over meetings: some meetings carry many items, some few
    weights = [r.lognormvariate(0, 0.45) for _ in meetings]
    cum, acc = [], 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    slots: list[list[int]] = [[] for _ in meetings]
    for i in range(n):
        j = min(len(meetings) - 1, bisect_right(cum, (i + r.uniform(0.05, 0.95)) / n * acc))
        slots[j].append(i)
    for j, slot in enumerate(slots):  # every meeting has something on its agenda
        if not slot:
            donor = max(range(len(slots)), key=lambda k: (len(slots[k]), -abs(k - j)))
            if len(slots[donor]) > 1:
                slot.append(slots[donor].pop())
    running = cp.first_number
    fy_seq: dict[int, int] = {}
    decided: list[CasePlan] = []     # decided at an earlier meeting than the one being planned
    decided_at: dict[str, int] = {}  # case id → meeting index
    carry: list[CasePlan] = []       # continued to the next meeting
    hokoku = 0
    minutes_text = spec.minutes != "none"
    lex = lexicon(cp.seed)
    council_chars = (n * spec.body_kb + len(meetings) * spec.minutes_kb) * 1000 / 2.9
    planned = 0
    pre_archive = (OLDEST_CITED, date(spec.start_fy, 3, 1))
    for j, mp in enumerate(meetings):
        decided = [c for c in cp.cases.values() if decided_at.get(c.id, 10**9) < j]
        items = []
        for c in carry:  # 継続審議 from the previous meeting
            c.meetings.append(mp.id)
            items.append(c)
        carry = []
        for k, _ in enumerate(slots[j]):
            fy = mp.fy
            is_report = r.random() < 0.07 and k > 0
            cat = weighted(r, CATEGORY_WEIGHTS)
            if cat == "特定個人情報保護評価" and fy < 2014:
                cat = "処理開発"
            if is_report:
                cat = weighted(r, [("外部委託", 4), ("その他", 3)] + ([("特定個人情報保護評価", 3)] if fy >= 2014 else []))
            bu, ka = r.choice(cp.depts)
            planned += 1
            at = council_chars * planned / n
            subject = _subject(r, cp.places, lex, at)
            system, system2 = system_name(r, fy, lex, at), system_name(r, fy, lex, at)
            party = r.choice(PARTIES).format(place=r.choice(cp.places), ward=cp.ward)
            data = [x for x in r.sample(DATA_ITEMS, r.randint(5, 10)) if in_use(x, fy)]
            parent = None
            cites = r.random() < 0.34 and not is_report
            if cites and decided and r.random() < 0.85:
                same = [c for c in decided if c.ka == ka]
                pool = same if same and r.random() < 0.6 else decided
                parent = pool[-1 - min(len(pool) - 1, int(r.expovariate(1 / 12)))]
            title = None
            if parent is not None and r.random() < 0.55:  # a follow-up of the parent's subject
                bu, ka, subject, system = parent.bu, parent.ka, parent.subject, parent.system
                base = re.sub(r"について$", "", parent.title)
                title = r.choice([f"{base}の変更について", f"{subject}に係る外部委託の追加について",
                                  f"{base}の一部変更について", f"{subject}における{system}の更新について",
                                  f"{base}に伴う{r.choice(WORKS)}の追加について"])
                cat = r.choice((parent.bases[0]["category"], "外部委託", "外部結合"))
            era_topic = [t for a, b, t in ERA_TOPICS if a <= fy <= b]
            if title is None and era_topic and r.random() < 0.08:
                title = r.choice(era_topic)
            if title is None:
                title = _title(r, cat, subject, system, system2, party, data, cp.ward)
            if is_report:
                hokoku += 1
                cid, number, seq = f"hokoku-{mp.id}-{k + 1}", None, 0
            elif spec.numbering == "running":
                number, seq = f"諮問第{running}号", running
                cid = f"shimon-{running}"
                running += 1
            else:
                seq = fy_seq[fy] = fy_seq.get(fy, 0) + 1
                number, cid = f"{fy_label(fy)}第{seq}号議案", f"{fy_code(fy)}-{seq:02d}"
            bases = [{"category": cat}]
            if r.random() < 0.22 and cat in ("外部委託", "外部結合", "処理開発"):
                extra = r.choice([c for c in ("外部委託", "外部結合", "処理開発") if c != cat])
                bases.append({"category": extra, **({"procedure": "報告"} if r.random() < 0.3 else {})})
            for b in bases:
                ordinance, article = cp.articles[b["category"]]
                if spec.article_style == "full":
                    b["article"] = ordinance + article
                elif spec.article_style == "short":
                    b["article"] = article
                b["note"] = r.choice(CATEGORY_NOTES[b["category"]])
            lead = r.randint(4, 30) if spec.precision == "day" else 0
            request = mp.date - timedelta(days=lead) if lead else date(mp.date.year, mp.date.month, r.randint(1, 10))
            c = CasePlan(cid, "報告" if is_report else "諮問", number, seq, fy, title, subject, system, system2,
                         party, data, bu, ka, bases, request,
                         f"{fy % 100:02d}{bu[0]}{ka[0]}送第{r.randint(12, 1999)}号",
                         r.choice((f"{bu}長", f"{bu}長", f"{cp.ward}長")) if spec.dept_style == "full"
                         else f"{cp.ward}長",
                         meetings=[mp.id], meeting_label=mp.label, vendor=r.choice(cp.vendors),
                         parent=parent.id if parent else None, chair=cp.rosters[roster_bucket(cp, mp)][0][0])
            c.doc = weighted(r, list(spec.case_doc.items()))
            if c.doc != "none":
                c.body_chars = int(lognormal_size(r, spec.body_kb * 1000 * (0.5 if is_report else 1)) / 2.9)
            # citations of earlier decisions
            if cites:
                months: list[tuple[int, int]] = []
                if parent is not None:
                    months = [ym for g in parent.cites_body for ym in g] + \
                             [ym for kind, v in parent.cites_minutes if kind == "ym" for ym in v]
                    months = [*sorted(set(months))[-2:], decision_ym(parent)]
                if not months or r.random() < 0.15:
                    first, last = pre_archive
                    if first < last:
                        pd = first + timedelta(days=r.randint(0, (last - first).days))
                        months = sorted({*months, (pd.year, pd.month)})
                months = months[-3:]
                in_body = c.doc != "none"
                in_minutes = minutes_text and (not in_body or r.random() < 0.35)
                if in_body:
                    c.cites_body.append(months)
                    if decided and r.random() < 0.2:
                        other = r.choice(decided)
                        if decision_ym(other) not in months:
                            c.cites_body.append([decision_ym(other)])
                if in_minutes:
                    if spec.numbering == "running" and parent is not None and parent.number and r.random() < 0.8:
                        c.cites_minutes.append(("no", parent.number))
                    elif spec.numbering == "running" and cp.first_number > 1 and r.random() < 0.5:
                        c.cites_minutes.append(("no", f"諮問第{r.randint(1, cp.first_number - 1)}号"))
                    else:
                        c.cites_minutes.append(("ym", months))
            cp.cases[cid] = c
            items.append(c)
        for c in items:
            continued = c.kind == "諮問" and j + 1 < len(meetings) and len(c.meetings) == 1 and r.random() < 0.03
            if continued:
                carry.append(c)
                mp.items.append((c.id, "継続審議", True))
                continue
            if c.kind == "諮問" and r.random() > 0.04:
                base, cond = RESULT_SETS[spec.result]
                result = weighted(r, [(base, 90), (cond, 7), ("その他", 2), ("不承認", 1)])
                ordinance = next(o for o in spec.ordinances if o.endswith("個人情報保護条例"))
                opinion = None
                if spec.opinion:
                    if result == base:
                        opinion = f"{ordinance}の規定に照らし審議した結果、異議なしと認め、本件は{base}とする。"
                    elif result == cond:
                        opinion = (f"{ordinance}の規定に照らし審議した結果、次の条件を付して{base}とする。"
                                   + r.choice(CONDITIONS))
                    elif result == "不承認":
                        opinion = f"{ordinance}の規定に照らし審議した結果、本件は{base}できない。"
                    else:
                        opinion = "審議の結果、本件は報告事項として取り扱うこととする。"
                c.decision = {"result": result, "meeting": mp.id,
                              "date": mp.date if spec.precision == "day" else None, "opinion": opinion,
                              "ym": (mp.date.year, mp.date.month)}
                decided_at[c.id] = j
                mp.items.append((c.id, result, False))
            else:
                mp.items.append((c.id, None, False))


def decision_ym(c: CasePlan) -> tuple[int, int]:
    return c.decision["ym"] if c.decision else (c.request.year, c.request.month)
