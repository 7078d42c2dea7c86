"""A case file: its document (full 諮問依頼書 or a Shinjuku-style sheet) and its front matter."""

from __future__ import annotations

import re
from datetime import date

from .agenda import WORKS
from .corpus import Corpus
from .dates import add_months, months_phrase, spaced, wa
from .fill import Ctx, Writer, case_words, table
from .frontmatter import HAS, FlowList, Plain, Quoted, front_matter
from .lexicon import Lexicon
from .model import CasePlan, CouncilPlan
from .names import given, rng_for, surname
from .templates import Table
from .vocabulary import TARGETS

LINK_SENTENCES = [
    "{place}{facility}をはじめ、区内{k}か所の施設で{subject}を実施している。",
    "{place}{facility}における試行の結果を踏まえ、{system}を全区に導入する。",
    "{subject}では、{data}等の個人情報を取り扱っている。",
    "{subject}の実施に当たっては、{system}を活用し、事務の効率化と区民サービスの向上を図る。",
    "{dept}では、{subject}について、{party}と連携しながら事業を進めてきた。",
    "今回、{system}の導入により、{data}を正確かつ迅速に処理することが可能となる。",
    "{subject}の対象者は約{n}人であり、年々増加傾向にある。",
    "{vendor}は、同種の業務について他の自治体においても受託実績がある。",
    "{subject}の見直しに伴い、{data}の取扱いについて改めて整理を行った。",
    "このため、{system}により{data}を一元的に管理し、確実な対応を図るものである。",
]

PURPOSE_HEADS = ["業務の内容", "個人情報の保護対策", "処理の概要", "記録項目", "委託先の選定方法", "安全管理措置",
                 "システムの概要", "提供の方法", "導入の効果", "今後の予定", "委託の内容", "結合の内容"]
ROW_GROUPS_BY_CATEGORY = {"外部委託": ["委託", "対策", "内容"], "外部結合": ["結合", "対策", "方法"],
                          "処理開発": ["記録", "開発", "対策"], "外部提供": ["提供", "対策", "方法", "対象"],
                          "目的外利用": ["内容", "目的", "対象"], "本人外収集": ["内容", "対象", "方法"]}


class CaseRenderer:
    def __init__(self, cp: CouncilPlan, c: CasePlan, corpus: Corpus, lex: Lexicon | None = None,
                 pos: tuple[float, float] = (0.0, 0.0)):
        self.cp, self.c, self.K, self.corpus = cp, c, cp.spec, corpus
        self.r = rng_for(cp.seed, cp.spec.id, "case", c.id)
        self.ctx = Ctx(self.r, cp, c.request, c, lex, pos, corpus.person_roles)
        self.S = spaced if self.K.spaced else (lambda s: s)
        self.footnotes = 0

    # pieces --------------------------------------------------------------------------------

    def dept_full(self) -> str:
        return self.c.dept if self.K.dept_style == "full" else self.c.ka

    def article(self, basis: dict) -> tuple[str, str]:
        return self.cp.articles[basis["category"]]

    def words(self) -> dict:
        c, r = self.c, self.r
        return case_words(self.cp, c, r, self.dept_full())

    def link_sentence(self) -> str:
        return self.r.choice(LINK_SENTENCES).format(**self.words())

    def paragraph(self, pool: list, sentences: list, p_recombine: float = 0.5) -> str:
        r, fy = self.r, self.c.fy
        if pool and r.random() > p_recombine:
            return self.ctx.fill(self.corpus.choice(pool, fy, r))
        text = "".join(self.ctx.fill(s) for s in self.corpus.sample(sentences, r.randint(2, 4), fy, r))
        if r.random() < 0.4:
            text = self.link_sentence() + text
        return text

    def citation_phrase(self, months: list[tuple[int, int]], form: str) -> str:
        phrase = months_phrase(months, self.K.spaced and self.r.random() < 0.8)
        if form == "footnote":
            return f"{phrase}{self.r.choice(('に', '', 'に'))}諮問答申済み"
        if form == "note":
            return f"※ {phrase}諮問答申済み"
        return f"{phrase}に諮問答申済み" if self.r.random() < 0.5 else f"{phrase}諮問答申済み"

    def render_table(self, t: Table) -> str:
        r, rows = self.r, []
        for g, tpl in t.rows:
            if r.random() < 0.1 and len(t.rows) > 1:
                continue
            if r.random() < 0.35 and self.corpus.rows.get(g):
                tpl = self.corpus.choice(self.corpus.rows[g], self.c.fy, r)
            rows.append(self.ctx.fill(tpl))
        if not rows:
            rows.append(self.ctx.fill(t.rows[0][1]))
        return "\n".join(x for x in (t.head, *rows, t.tail) if x)

    def block(self, b) -> str:
        return self.render_table(b) if isinstance(b, Table) else self.ctx.fill(b)

    def schedule(self) -> list[str]:
        r, c = self.r, self.c
        steps = [f"{self.K.kind}への諮問", *r.sample(self.corpus.schedule, r.randint(2, 4))]
        d = date(c.request.year, c.request.month, 1)
        lines = []
        for i, step in enumerate(steps):
            if i:
                d = add_months(d, r.randint(1, 3))
            lines.append(f"{wa(d, 'month', self.K.spaced)} {step}")
        if r.random() < 0.5:
            return ["\n".join(f"- {x}" for x in lines)]
        return lines

    def generated_section(self) -> list[str]:
        r = self.r
        out = [self.paragraph([], self.corpus.sentences, 1.0) for _ in range(r.randint(1, 3))]
        groups = ROW_GROUPS_BY_CATEGORY.get(self.c.bases[0]["category"], ["内容", "対策", "other"])
        rows = [self.ctx.fill(self.corpus.choice(self.corpus.rows[g], self.c.fy, r))
                for g in r.sample(groups, len(groups)) if self.corpus.rows.get(g)]
        if rows:
            out.append("\n".join(["<table>", "<tbody>", *rows, "</tbody>", "</table>"]))
        return out

    def citation(self, w: Writer, index: int, form: str) -> list[str]:
        """Place the case's `index`-th citing phrase; returns a footnote definition to add."""
        months = self.c.cites_body[index]
        defs = []
        if form == "footnote":
            self.footnotes += 1
            defs.append(f"[^{self.footnotes}]: {self.citation_phrase(months, 'footnote')}")
        else:
            w.add(self.citation_phrase(months, form))
        return defs

    # documents -----------------------------------------------------------------------------

    def full(self) -> str:
        c, K, r, S = self.c, self.K, self.r, self.S
        w = Writer()
        chair = c.chair.replace(" ", "")
        basis = c.bases[0]
        ordinance, article = self.article(basis)
        note = basis["note"]
        kind_word = "諮問" if c.kind == "諮問" else "報告"
        w.add(f"# {c.number or c.title}", c.meeting_label, f"{K.name}資料", f"件名：「{c.title}」",
              f"主管課：{self.dept_full()}", "添付資料",
              table([(f"(1) {kind_word}書", "p. 1"), (f"(2) {kind_word}依頼書", f"p. 2 ~ p. {r.randint(3, 14)}")]),
              f"{K.name}  \n会長 {chair} 殿", f"{self.cp.ward}長 {self.mayor()}")
        w.add(f"# {ordinance}の規定による{kind_word}について（{kind_word}）",
              f"{S(ordinance + article)}の規定に基づき、下記の事項について意見を求めます。", "記",
              "## 1 諮問事項", c.title, "## 2 諮問理由", self.reason(ordinance + article, note),
              "## 3 諮問関係資料", "別紙諮問依頼書（写）のとおり", "## 4 担当部課", self.dept_full())
        w.add("# 写", f"{S(c.doc_number)}  \n{wa(c.request, 'day', K.spaced)}", "総務部長 殿",
              c.by.replace("、", "  \n"), f"## {K.name}への諮問について（依頼）",
              f"{S(ordinance + article)}の規定に基づき、下記の事項について{K.name}（以下「{K.kind}」という。）に諮問願います。",
              "記", "### 1 諮問事項", c.title, "### 2 諮問理由", self.reason(ordinance + article, note),
              "### 3 実施目的")
        forms = [r.choice(("footnote", "footnote", "note", "inline")) for _ in c.cites_body]
        purpose = [self.link_sentence() + self.paragraph(self.corpus.purpose, self.corpus.sentences)]
        purpose += [self.paragraph(self.corpus.purpose, self.corpus.sentences) for _ in range(r.randint(1, 3))]
        if forms and forms[0] == "footnote":
            purpose[0] += "[^1]"
        w.add(*purpose)
        if forms:
            w.add(*self.citation(w, 0, forms[0]))
        n = 4
        w.add(f"### {n} 実施時期（予定）", *self.schedule())
        w.add(f"### {n + 1} 担当部課", self.dept_full() + (f"（以下「{c.ka}」という。）"
                                                           if self.dept_full() != c.ka else ""))
        n += 2
        details = r.sample(self.corpus.details, len(self.corpus.details))
        rest_forms = ["note" if f == "footnote" else f for f in forms[1:]]  # one footnote: [^1]
        target = c.body_chars
        while w.size < target * 0.72:
            if details and r.random() < 0.75:
                heading, blocks = details.pop()
                kept = [self.block(b) for b in blocks if r.random() > 0.08] or self.generated_section()
                w.add(f"### {n} {self.ctx.fill(heading)}", *kept)
            else:
                w.add(f"### {n} {r.choice(PURPOSE_HEADS)}", *self.generated_section())
            if rest_forms:
                w.add(*self.citation(w, len(forms) - len(rest_forms), rest_forms.pop(0)))
            n += 1
        while rest_forms:
            w.add(*self.citation(w, len(forms) - len(rest_forms), rest_forms.pop(0)))
        self.attachments(w, target)
        return w.text()

    def attachments(self, w: Writer, target: int) -> None:
        r = self.r
        atts = r.sample(self.corpus.attachments, len(self.corpus.attachments))
        k = 1
        while w.size < target:
            if (self.c.bases[0]["category"] == "外部委託" and k == 1) or not atts:
                self.clauses(w)
                if not atts:
                    break
            else:
                title, blocks = atts.pop()
                title = self.ctx.fill(title)
                w.add(f"# {title if not title.startswith('別紙') else f'別紙 {k}'}",
                      *(self.block(b) for b in blocks if r.random() > 0.1))
            k += 1

    def clauses(self, w: Writer) -> None:
        r = self.r
        chosen = [cl for cl in self.corpus.clauses if r.random() < 0.75]
        w.add("# 特記事項" if r.random() < 0.7 else "# 個人情報の取扱いに関する特記事項")
        for i, (head, paras) in enumerate(chosen, 1):
            w.add(head)
            for j, p in enumerate(paras):
                text = self.ctx.fill(p)
                w.add(f"{i} {text}" if j == 0 and not text.startswith("-") else text)

    def mayor(self) -> str:
        """区長: one per four years (an electoral term)."""
        term = self.c.fy // 4
        return surname(rng_for(self.cp.seed, self.K.id, "mayor", term)) + \
            given(rng_for(self.cp.seed, self.K.id, "mayor-given", term))

    def reason(self, article: str, note: str) -> str:
        c, r = self.c, self.r
        cat = c.bases[0]["category"]
        base = re.sub(r"について$", "", c.title)
        clause = {
            "外部委託": f"{c.subject}に係る{r.choice(WORKS)}業務を事業者に委託すること",
            "外部結合": f"{c.system}を導入し、区の電子計算組織と事業者の電子計算組織を通信回線で結合すること",
            "処理開発": f"{c.system}を開発し、{'、'.join(c.data[:3])}等を電子計算組織に記録すること",
            "外部提供": f"区が保有する{c.subject}の対象者の個人情報を{c.party}に提供すること",
            "目的外利用": f"{c.subject}のため、{'、'.join(c.data[:3])}を収集目的以外に利用すること",
            "本人外収集": f"{c.subject}に当たり、{c.party}から{'、'.join(c.data[:3])}を収集すること",
        }.get(cat, f"{base}を行うこと")
        return f"{clause}が、{self.S(article)}に規定する{note}に該当するため"

    def sheet(self) -> str:
        c, K, r = self.c, self.K, self.r
        w = Writer()
        w.add(f"# {K.name[len(self.cp.ward):]} 諮問・報告事項",
              table([("件名", c.title)]), "内容は別紙のとおり", "## 条例の根拠")
        by_proc: dict[str, list[str]] = {}
        for b in c.bases:
            _, article = self.article(b)
            by_proc.setdefault(b.get("procedure", c.kind), []).append(f"- ◇{article}（{b['note']}）")
        for proc in ("諮問", "報告"):
            if proc in by_proc:
                w.add(f"【{proc}】", "\n".join(by_proc[proc]))
        w.add(f"（担当部課：{self.dept_full()}）")
        content = "".join(f"<p>{self.paragraph([], self.corpus.sentences, 1.0)}</p> " for _ in range(r.randint(2, 4)))
        w.add("# 事業の概要", table([
            ("事業名", c.subject), ("担当課", c.ka),
            ("目的", self.paragraph(self.corpus.purpose, self.corpus.sentences)),
            ("対象者", f"{r.choice(TARGETS)}及び{r.choice(TARGETS)}"), ("事業内容", content.strip())]))
        forms = ["inline" if r.random() < 0.6 else "note" for _ in c.cites_body]
        if forms:
            w.add(*self.citation(w, 0, forms[0]))
        target = c.body_chars
        for b in c.bases:
            cat = b["category"]
            groups = ROW_GROUPS_BY_CATEGORY.get(cat, ["内容", "対策", "other"])
            rows = [("保有課 (担当課)", c.ka), ("登録業務の名称", c.subject),
                    ("記録される情報項目", "、".join(c.data))]
            if cat == "外部委託":
                rows.append(("委託先", c.vendor if r.random() < 0.7 else
                             "未定(第三者認証(ISMS認証またはプライバシーマークなど)を取得している事業者をプロポーザルにより決定する。)"))
            if cat == "外部結合":
                rows.append(("結合の相手方", c.vendor))
            if cat in ("外部提供", "本人外収集"):
                rows.append(("提供先" if cat == "外部提供" else "収集先", c.party))
            table_rows = [f'<tr><th scope="row">{th}</th><td>{td}</td></tr>' for th, td in rows]
            for g in [*groups, "other"]:
                pool = self.corpus.rows.get(g) or []
                for tpl in self.corpus.sample(pool, r.randint(1, 3), c.fy, r) if pool else []:
                    table_rows.append(self.ctx.fill(tpl))
            start = date(c.request.year, c.request.month, 1)
            table_rows.append(f'<tr><th scope="row">開始時期</th><td>{wa(add_months(start, r.randint(1, 4)), "month")}'
                              f'から{r.choice(("", "(次年度以降も同様に実施する。)"))}</td></tr>')
            w.add(f"# 件名 {re.sub(r'について$', '', c.title)}{'について' if r.random() < 0.5 else ''}"
                  if b is c.bases[0] else f"# ◇{b['note']}({self.article(b)[1]})",
                  "\n".join(["<table>", "<tbody>", *table_rows, "</tbody>", "</table>"]))
        for i, f in enumerate(forms[1:], 1):
            w.add(*self.citation(w, i, f))
        while w.size < target * 0.8:
            w.add(f"## {r.choice(PURPOSE_HEADS)}", *self.generated_section())
        if any(b["category"] == "外部委託" for b in c.bases) or r.random() < 0.3:
            self.clauses(w)
        return w.text()

    def render(self) -> str:
        c = self.c
        body = ""
        if c.doc == "full":
            body = self.full()
        elif c.doc == "sheet":
            body = self.sheet()
        return case_front(self.cp, c) + (("\n" + body) if body else "")


def case_front(cp: CouncilPlan, c: CasePlan) -> str:
    K = cp.spec
    front: dict = {"kind": c.kind}
    if c.number:
        front["number"] = c.number
    front["title"] = c.title
    front["department"] = c.dept if K.dept_style == "full" else c.ka
    front["bases"] = [{k: b[k] for k in ("article", "category", "procedure", "note") if k in b} for b in c.bases]
    if c.doc != "none":
        front["request"] = {"date": wa(c.request), "document_number": Quoted(c.doc_number), "by": c.by}
    front["meetings"] = FlowList(map(Plain, c.meetings))
    if c.decision:
        d = c.decision
        decision = front["decision"] = {"result": d["result"], "meeting": d["meeting"]}
        if d["date"]:
            decision["date"] = wa(d["date"])
        if HAS["decision_published"] and d.get("published") is not None:
            p = d["published"]
            decision["published"] = p if isinstance(p, str) else wa(p)
        if d["opinion"]:
            decision["opinion"] = d["opinion"]
    return front_matter(front)
