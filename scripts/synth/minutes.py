"""The minutes of a meeting: speaker turns from the real minutes, around the meeting's agenda."""

from __future__ import annotations

import re

from .corpus import Corpus
from .dates import months_phrase, spaced
from .fill import Ctx, Writer, case_words, role_of
from .lexicon import Lexicon
from .model import CasePlan, CouncilPlan, MeetingPlan, roster_bucket
from .names import rng_for, surname
from .vocabulary import KAKARI, RESULT_SETS

SPOKEN_LINKS = [
    "今回の案件は、{subject}に関するものでございます。",
    "{system}につきましては、{vendor}が提供するサービスを利用する予定でございます。",
    "対象となる方は、現在約{n}人でございます。",
    "{place}{facility}をはじめ、区内{k}か所で実施する予定でございます。",
    "取り扱う個人情報は、{data}でございます。",
    "{place}{facility}での試行の結果を踏まえまして、全区に拡大するものでございます。",
    "委託先につきましては、{vendor}を予定しております。",
    "{party}とは、これまでも{subject}で連携してまいりました。",
]
QUESTION_LINKS = [
    "{system}で扱う{data}について、アクセスできる職員の範囲を教えてください。",
    "{vendor}以外の事業者も検討されたのでしょうか。",
    "{place}{facility}では、どのように周知するのでしょうか。",
    "{compound}の取扱いについて、もう少し詳しくご説明いただけますか。",
    "{compound}に関するデータは、いつ、どのように消去されるのでしょうか。",
    "対象者が約{n}人ということですが、{compound}の件数も同程度でしょうか。",
    "{compound}を紙で保管する場合の管理方法はどうなっていますか。",
]
ANSWER_LINKS = [
    "{compound}につきましては、{dept}の職員に限定して取り扱うこととしております。",
    "{place}{facility}には、個別に通知を送付する予定でございます。",
    "{compound}のデータは、契約終了後、速やかに消去させ、消去証明書を提出させます。",
    "{vendor}はプライバシーマークを取得しておりまして、{compound}についても同様の管理を行います。",
    "{compound}は施錠できる書庫で保管し、持ち出しは禁止しております。",
]
COMPOUND_TAILS = ["台帳", "データ", "記録", "情報", "一覧", "帳票", "申請書", "通知書", "名簿", "調査票"]

MATERIALS = ["審議会の議事次第", "区長からの諮問文", "委員名簿", "席次", "次回の審議会開催のご案内",
             "委員からの質問に対する回答", "個人情報保護制度の運用状況について", "諮問事項一覧"]
WEEKDAYS = "月火水木金土日"
DROP_TEMPLATE = re.compile(r"\d+\s*月\s*\d+\s*日|名のうち|第十三期|件、諮問事項|件となっております|件でございます|委員でございます")
CHAIR_OPEN = ["では、ただいまから{council}を開催いたします。",
              "まず、本{kind}の審議についてですが、基本的にこれを公開により行うとしたいと思います。よろしいでしょうか。"]
CLOSE = {
    "base": ["特にご意見等ないということでしたら、本件については{result}するというところでよろしいでしょうか。",
             "[「異議なし」と呼ぶ者あり]",
             "ありがとうございます。異議なしということですので、{result}することとしたいと思います。"],
    "cond": ["ただいまの委員の皆様のご意見を踏まえまして、本件については条件を付して{base}することとしたいと思いますが、よろしいでしょうか。",
             "[「異議なし」と呼ぶ者あり]",
             "ありがとうございます。それでは、本件は条件付きで{base}することといたします。所管課におかれましては、条件について対応をお願いいたします。"],
    "no": ["これまでの議論を踏まえますと、本件についてはこのままでは{base}することは難しいと考えますが、よろしいでしょうか。",
           "[「異議なし」と呼ぶ者あり]",
           "それでは、本件は{base}しないことといたします。"],
    "other": ["本件については、報告事項として取り扱うこととしたいと思いますが、よろしいでしょうか。",
              "[「異議なし」と呼ぶ者あり]", "ありがとうございます。そのように取り扱います。"],
    "continued": ["本日の議論を踏まえまして、所管課において資料を整理していただき、次回引き続き審議することとしたいと思います。よろしいでしょうか。",
                  "[「異議なし」と呼ぶ者あり]", "ありがとうございます。それでは、本件は継続審議といたします。"],
    "pending": ["本件については、いただいたご意見を所管課で整理の上、改めてご報告いただくこととしたいと思います。"],
}


class MeetingRenderer:
    def __init__(self, cp: CouncilPlan, mp: MeetingPlan, corpus: Corpus, lex: Lexicon | None = None,
                 pos: tuple[float, float] = (0.0, 0.0)):
        self.cp, self.mp, self.K, self.corpus = cp, mp, cp.spec, corpus
        r = self.r = rng_for(cp.seed, cp.spec.id, "meeting", mp.id)
        self.ctx = Ctx(r, cp, mp.date, None, lex, pos, corpus.person_roles)
        bucket = roster_bucket(cp, mp)
        roster = cp.rosters[bucket]
        absent = set(r.sample(range(1, len(roster)), r.choice((0, 0, 1, 1, 2, 3, 4))))
        self.present = [p for i, p in enumerate(roster) if i not in absent]
        self.absent = [p for i, p in enumerate(roster) if i in absent]
        self.speakers: dict[str, tuple[str, str]] = {}
        self.people: dict[str, tuple[str, str]] = {}
        self._next: str | None = None
        chair = roster[0][0]
        self.chair = self.speaker(chair.split(" ")[0] + "会長", chair, "会長")
        _, sec_ka = cp.secretariat
        sec_name = surname(rng_for(cp.seed, cp.spec.id, "secretariat", bucket))
        self.sec = self.speaker(sec_name + role_of(sec_ka), sec_name, role_of(sec_ka))
        self.sec_name, self.sec_role = sec_name, role_of(sec_ka)
        self.members = [self.member_label(p) for p in self.present[1:]]
        self.cases = [cp.cases[cid] for cid, _, _ in mp.items]
        self.ctx.people = {"chair": chair.split(" ")[0], "sec": sec_name,
                           "member": lambda: r.choice(self.present[1:] or self.present)[0].split(" ")[0]}

    def speaker(self, label: str, name: str, role: str) -> str:
        """A possible speaker; listed in `speakers` once they speak."""
        self.people.setdefault(label, (name, role))
        return label

    def member_label(self, person: tuple[str, str]) -> str:
        name, role = person
        role = "副会長" if role == "副会長" else "委員"
        return self.speaker(name.split(" ")[0] + role, name, role)

    def head(self, c: CasePlan) -> tuple[str, str]:
        name = surname(rng_for(self.cp.seed, self.K.id, "head", c.ka, roster_bucket(self.cp, self.mp)))
        return self.speaker(name + role_of(c.ka), name, role_of(c.ka)), name

    def turn(self, w: Writer, label: str, paras: list[str]) -> None:
        paras = [p for i, p in enumerate(paras) if p and (i == 0 or p != paras[i - 1])]
        if paras:
            self.speakers.setdefault(label, self.people[label])
            w.add(f"○{label} {paras[0]}", *paras[1:])

    def fill_all(self, paras: list, drop: float = 0.0) -> list[str]:
        out: list[str] = []
        for p in paras:
            text = self.ctx.fill(p)
            if DROP_TEMPLATE.search(text) or (self.mp.fy < 2020 and re.search(r"Web|ウェブ|オンライン", text)):
                continue
            if out and self.r.random() < drop:
                continue
            out.append(text)
        return out

    def para(self, pool: list, sentences: list, p_recombine: float = 0.45) -> str:
        r, fy = self.r, self.mp.fy
        if pool and r.random() > p_recombine:
            return self.ctx.fill(self.corpus.choice(pool, fy, r))
        return "".join(self.ctx.fill(s) for s in self.corpus.sample(sentences, r.randint(2, 4), fy, r))

    # sections ------------------------------------------------------------------------------

    def minutes(self) -> str:
        K, mp, r = self.K, self.mp, self.r
        w = Writer()
        w.add(r.choice(("# (審議経過)", "# 審議経過")))
        section = iter(range(1, 10))
        w.add(f"## ({next(section)}) 開会")
        opening = next((t for t in self.corpus.opening if t.role == "sec"), None)
        if opening:
            self.turn(w, self.sec, self.fill_all(opening.paras, 0.3))
        w.add(f"## ({next(section)}) 配付資料の確認・事務局説明・定足数の確認")
        consult = [c for c in self.cases if c.kind == "諮問"]
        reports = [c for c in self.cases if c.kind == "報告"]
        paras: list[str] = []
        for t in self.corpus.materials:
            if t.role == "sec" and not paras:
                paras = self.fill_all(t.paras, 0.35)
        n_all, n_present = len(self.present) + len(self.absent), len(self.present)
        paras += [f"それでは、本日の{K.kind}の定足数についてお知らせいたします。本日は委員{n_all}名のうち{n_present}名の"
                  f"ご出席を頂いております。定足数の過半数を超えておりますので、本{K.kind}は成立していることをお伝え申し上げます。",
                  f"それでは、{mp.label}{K.name}を開会いたします。",
                  "本日の審議項目は、お手元の次第のとおり、" + "、".join(
                      x for x in (f"確認事項が{len(mp.confirm)}件" if mp.confirm else "",
                                  f"諮問事項が{len(consult)}件", f"報告事項が{len(reports)}件" if reports else "") if x)
                  + "となっております。"]
        self.turn(w, self.sec, paras)
        if K.minutes == "verbatim" and r.random() < 0.3:
            extra = [t for t in self.corpus.materials if t.role == "dept"]
            if extra:
                t = r.choice(extra)
                self.turn(w, self.speaker(self.sec_name + self.sec_role, self.sec_name, self.sec_role)
                          if r.random() < 0.5 else self.sec, self.fill_all(t.paras, 0.4))
        self.turn(w, self.chair, [x.format(council=K.name, kind=K.kind) for x in CHAIR_OPEN])
        w.add("[「はい」と呼ぶ者あり]")
        if mp.confirm:
            w.add(f"## ({next(section)}) 確認事項", *(f"### {t}の確認" for t in mp.confirm))
            self.turn(w, self.chair, [f"初めに、{'及び'.join(mp.confirm)}の確認を行いたいと思います。",
                                      "事前に郵送させていただいております。ご質問、ご意見等ございましたらお願いいたします。",
                                      "特にご意見、ご質問等ないということでしたら、こちらの案のとおり決定することで異議ございませんでしょうか。"])
            w.add("[「異議なし」と呼ぶ者あり]")
            self.turn(w, self.chair, ["ありがとうございます。異議なしということですので、そのように決定いたします。"])
        fixed = w.size + 1500
        budget = max(1500, mp.minutes_chars - fixed)
        weights = {c.id: (1.0 if c.kind == "諮問" else 0.35) for c in self.cases}
        total_w = sum(weights.values()) or 1
        if consult:
            w.add(f"## ({next(section)}) 審議事項")
            for (cid, outcome, continued) in mp.items:
                c = self.cp.cases[cid]
                if c.kind == "諮問":
                    self.item(w, c, outcome, continued, int(budget * weights[cid] / total_w))
        if reports:
            w.add(f"## ({next(section)}) 報告事項")
            for c in reports:
                self.report(w, c, int(budget * weights[c.id] / total_w))
        w.add(f"## ({next(section)}) 閉会")
        self.closing(w)
        return w.text()

    def item(self, w: Writer, c: CasePlan, outcome: str | None, continued: bool, budget: int) -> None:
        K, r, ctx, corpus = self.K, self.r, self.ctx, self.corpus
        ctx.set_case(c)
        verbatim = K.minutes == "verbatim"
        bracket = r.choice(("[{}] ", "【{}】", "〔{}〕"))
        w.add(f"### {bracket.format(c.number)}{c.title}")
        if c.decision and c.decision["meeting"] == self.mp.id and c.decision["opinion"] and r.random() < 0.9:
            w.add(r.choice(("<審議会意見>", "＜審議会意見＞")), c.decision["opinion"])
        start = w.size
        intro = self.fill_all(corpus.choice(corpus.chair_intro, self.mp.fy, r)) if verbatim else []
        if not intro:
            intro = [f"では、次の諮問事項に移ります。{c.number}「{c.title}」について、所管課から説明をお願いいたします。"]
        self.turn(w, self.chair, intro)
        head, head_name = self.head(c)
        ctx.people["dept"] = head_name
        paras = [f"{role_of(c.ka)}の{head_name}でございます。よろしくお願いいたします。"]
        staff = []
        if verbatim:
            for _ in range(r.choice((0, 1, 1, 2))):
                s, kakari = surname(r), r.choice(KAKARI)
                staff.append(self.speaker(s + kakari + "長", s, kakari + "長"))
                paras.append(f"{kakari}長の{s}でございます。")
            paras.append(r.choice(("それでは着座にてご説明させていただきます。", "座って説明させていただきます。", "")))
        share = budget * (0.42 if verbatim else 0.35)
        size = 0
        expl = []
        while size < share:
            p = self.para(corpus.explain, corpus.explain_sents) if verbatim else \
                self.para([], corpus.explain_sents, 1.0)
            expl.append(p)
            size += len(p)
            if not verbatim and len(expl) >= 3:
                break
        for _ in range(r.randint(1, 3)):
            words = case_words(self.cp, c, r, c.ka)
            expl.insert(r.randint(0, len(expl)), r.choice(SPOKEN_LINKS).format(**words))
        for cite in c.cites_minutes:
            expl.insert(min(1, len(expl)), self.cite_sentence(c, cite))
        paras += expl
        paras.append(r.choice(("説明は以上でございます。ご審議のほど、よろしくお願いいたします。",
                               "以上で説明を終わらせていただきます。よろしくお願いいたします。",
                               "私からの説明は以上です。よろしくお願いいたします。")))
        self.turn(w, head, paras)
        self.turn(w, self.chair, ["ありがとうございます。",
                                  "ただいまのご説明につきまして何かご質問等ありましたら、お願いいたします。"])
        rounds = 0
        while w.size - start < budget and self.members:
            member = r.choice(self.members)
            k = r.randint(1, 3) if verbatim else 1
            question = [self.para(corpus.member, corpus.member_sents) for _ in range(k)]
            answer = [self.para(corpus.answer, corpus.explain_sents, 0.3)
                      for _ in range(r.randint(1, 3) if verbatim else 1)]
            if r.random() < 0.7:  # about this case's own things
                words = case_words(self.cp, c, r, c.ka)
                words["compound"] = ctx.compound() + r.choice(COMPOUND_TAILS)
                question.insert(0, r.choice(QUESTION_LINKS).format(**words))
                answer.insert(0, r.choice(ANSWER_LINKS).format(**words))
            self.turn(w, member, question)
            answerer = r.choice(staff) if staff and r.random() < 0.3 else head
            self.turn(w, answerer, answer)
            if r.random() < 0.3:
                self.turn(w, member, [r.choice(("分かりました。ありがとうございます。", "ありがとうございます。",
                                                "よろしくお願いします。", "了解しました。"))])
            if verbatim and r.random() < 0.3 and corpus.chair_mid:
                self.turn(w, self.chair, [ctx.fill(corpus.choice(corpus.chair_mid, self.mp.fy, r))])
            rounds += 1
            if not verbatim and rounds >= 3:
                break
        if continued:
            close = CLOSE["continued"]
        elif outcome is None:
            close = CLOSE["pending"]
        else:
            base, cond = RESULT_SETS[K.result]
            close = CLOSE["base" if outcome == base else "cond" if outcome == cond else
                          "no" if outcome == "不承認" else "other"]
        texts = [x.format(result=outcome or "", base=RESULT_SETS[K.result][0]) for x in close]
        self.turn(w, self.chair, texts[:1])
        if len(texts) > 1:
            w.add(texts[1])
            self.turn(w, self.chair, texts[2:])

    def cite_sentence(self, c: CasePlan, cite: tuple) -> str:
        r, K = self.r, self.K
        kind, value = cite
        topic = r.choice(("手当の支給に伴う業務委託及び電子計算組織への記録", f"{c.subject}に係る業務委託",
                          f"{c.system}による処理", "本事業の実施に伴う個人情報の取扱い", f"{c.subject}の基本的な内容"))
        if kind == "no":
            number = spaced(value) if K.spaced and r.random() < 0.5 else value
            return r.choice((f"{topic}につきましては、{number}によりご承認をいただいているところでございます。",
                             f"{topic}の内容については、{number}によりご承認をいただいております。",
                             f"{topic}については、先ほど申し上げましたとおり、{number}でご承認をいただいております。"))
        phrase = months_phrase(value, K.spaced and r.random() < 0.5)
        return r.choice((f"{topic}につきましては、{phrase}に諮問答申済みでございます。",
                         f"なお、{topic}については{phrase}に諮問答申済みであり、その内容から変更はございません。"))

    def report(self, w: Writer, c: CasePlan, budget: int) -> None:
        r, ctx, corpus = self.r, self.ctx, self.corpus
        ctx.set_case(c)
        w.add(f"### {c.title}")
        start = w.size
        self.turn(w, self.chair, [f"では、報告事項になります。「{c.title}」について、ご報告をお願いいたします。"])
        head, head_name = self.head(c)
        paras = [f"{role_of(c.ka)}の{head_name}でございます。"]
        while sum(map(len, paras)) < budget * 0.6:
            paras.append(self.para(corpus.explain, corpus.explain_sents))
            if self.K.minutes != "verbatim" and len(paras) >= 3:
                break
        paras.append("私からの報告は以上になります。")
        self.turn(w, head, paras)
        self.turn(w, self.chair, ["ありがとうございます。",
                                  "ただいまのご説明につきまして何かご質問等ございますでしょうか。"])
        if w.size - start < budget and self.members:
            self.turn(w, r.choice(self.members), [self.para(corpus.member, corpus.member_sents)])
            self.turn(w, head, [self.para(corpus.answer, corpus.explain_sents, 0.3)])
        self.turn(w, self.chair, ["特にご意見ないということですので、ご報告として承りました。ありがとうございました。"])

    def closing(self, w: Writer) -> None:
        mp = self.mp
        self.ctx.set_case(None)
        chair_turns = [t for t in self.corpus.closing if t.role == "chair"]
        sec_turns = [t for t in self.corpus.closing if t.role == "sec"]
        if chair_turns:
            self.turn(w, self.chair, self.fill_all(chair_turns[0].paras, 0.3))
        paras = self.fill_all(sec_turns[0].paras, 0.4) if sec_turns else []
        if mp.next:
            paras.insert(min(2, len(paras)), self.next_sentence())
        self.turn(w, self.sec, paras or ["事務局からは以上でございます。"])
        if len(chair_turns) > 1:
            self.turn(w, self.chair, self.fill_all(chair_turns[-1].paras))
        else:
            self.turn(w, self.chair, [f"本日の{self.K.kind}はこれにて閉会とさせていただきます。"])

    def next_sentence(self) -> str:
        if self._next is None:
            self._next = self._next_sentence()
        return self._next

    def _next_sentence(self) -> str:
        assert self.mp.next is not None  # asked only of a meeting with a next one
        d, h, m = self.mp.next
        when = f"{d.month}月{d.day}日({WEEKDAYS[d.weekday()]})の{h}時{'' if m == 0 else f'{m}分'}"
        return self.r.choice((f"1点目は次回の開催でございます。お席にも資料をお渡ししておりますが、{when}から開催となります。",
                              f"次回の{self.K.kind}は、{when}からの開催を予定しております。"))
