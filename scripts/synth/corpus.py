"""Everything the generator draws from, cut from the project's content/ (built once per process)."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

from . import PROJECT
from .dates import DOCUMENT_ERAS, era_year
from .templates import (
    CITING_SENTENCE,
    DATE_PARTS,
    ENUMERATED,
    ROW,
    TITLE_MARK,
    Table,
    Turn,
    blocks_of,
    flat,
    row_group,
    sentences_of,
    since,
    split_front,
    split_sentences,
    strip_citing,
    templ,
    topical_compounds,
)


class Corpus:
    """Everything the generator draws from, cut from the project's content/."""

    def __init__(self, content: Path):
        self.purpose: list = []          # paragraphs of 実施目的 / 目的
        self.sentences: list = []        # sentences of the case documents' prose
        self.details: list = []          # (heading, blocks) sections of 諮問依頼書
        self.attachments: list = []      # (title, blocks): 別紙, 受領書, 法令, 事業実績 …
        self.rows: dict[str, list] = {}  # table rows by the kind of their header
        self.clauses: list = []          # (heading, [paragraph templates]) of 特記事項
        self.schedule: list[str] = []    # 実施時期 steps
        self.titles: list[str] = []      # real case titles
        self.chair_intro: list = []      # chair's opening of an agenda item
        self.explain: list = []          # the department's explanation
        self.explain_sents: list = []
        self.member: list = []           # members' questions
        self.member_sents: list = []
        self.answer: list = []           # the department's answers
        self.chair_mid: list = []
        self.opening: list[Turn] = []    # (1) 開会
        self.materials: list[Turn] = []  # (2) 配付資料の確認 …
        self.report: list[Turn] = []     # (5) 報告事項
        self.closing: list[Turn] = []    # (6) 閉会
        self.topical = topical_compounds(content)
        self.person_roles: dict[str, str] = {}  # the seed minutes' people: chair, sec, member, dept
        self._cases(content)
        self._minutes(content)
        self._fitting: dict[tuple[int, int], list] = {}

    def templ(self, text: str, ref: date, compounds: bool = True) -> tuple:
        """A template of the text; with `compounds`, its topical compounds become slots."""
        return templ(text, ref, self.topical if compounds else frozenset())

    def fitting(self, pool: list, fy: int) -> list:
        """The templates of a pool whose words existed in fiscal year `fy` (all, if none did)."""
        key = (id(pool), fy)
        if key not in self._fitting:
            self._fitting[key] = [t for t in pool if since(t) <= fy] or pool
        return self._fitting[key]

    def choice(self, pool: list, fy: int, r: random.Random):
        return r.choice(self.fitting(pool, fy))

    def sample(self, pool: list, k: int, fy: int, r: random.Random) -> list:
        fit = self.fitting(pool, fy)
        return r.sample(fit, min(k, len(fit)))

    # case documents -------------------------------------------------------------------------

    def _block(self, text: str, ref: date, compounds: bool = True):
        text = strip_citing(text)
        if not text.strip():
            return None
        if text.startswith("<table>"):
            lines = text.split("\n")
            first = next((i for i, line in enumerate(lines) if ROW.match(line)), None)
            if first is None:
                return self.templ(text, ref, compounds)
            last = max(i for i, line in enumerate(lines) if ROW.match(line))
            rows = []
            for line in lines[first:last + 1]:
                m = ROW.match(line)
                if m:
                    t = self.templ(line, ref, compounds)
                    rows.append((row_group(m["th"]), t))
                    self.rows.setdefault(row_group(m["th"]), []).append(t)
            return Table("\n".join(lines[:first]), rows, "\n".join(lines[last + 1:]))
        return self.templ(text, ref, compounds)

    def _prose(self, text: str, ref: date) -> None:
        """Sentences of running text (not lists, tables, law articles or headings)."""
        if text.startswith(("<", "#", "-", "|", "[")) or len(text) < 30:
            return
        for s in split_sentences(strip_citing(text))[0]:
            s = s.strip()
            if len(s) > 15 and s.endswith("。") and not ENUMERATED.match(s):
                self.sentences.append(self.templ(s, ref))

    def _cases(self, content: Path) -> None:
        for path in sorted(content.glob("*/cases/*.md")):
            front, body = split_front(path)
            if front.get("title"):
                self.titles.append(str(front["title"]))
            if not body.strip():
                continue
            req = (front.get("request") or {}).get("date")
            ref = date(2021, 3, 1)
            if isinstance(req, str) and (m := DATE_PARTS.match(req)):
                ref = date(era_year(m[1], m[2]), int(m[4] or 3), int(m[5] or 1))
            blocks = blocks_of(body)
            if any(b == "# 写" for b in blocks):
                self._edogawa(blocks, ref)
            else:
                self._sheet(blocks, ref)

    def _edogawa(self, blocks: list[str], ref: date) -> None:
        start = blocks.index("# 写")
        section: tuple | None = None   # (heading, blocks) being collected
        attachment: tuple | None = None
        skip = ("諮問事項", "諮問理由", "担当部課", "諮問関係資料")
        for b in blocks[start + 1:]:
            if b.startswith("# "):
                attachment = (self.templ(b[2:], ref), [])
                self.attachments.append(attachment)
                section = None
                continue
            if attachment is not None:
                if (x := self._block(b, ref, compounds=False)) is not None and not b.startswith("[^"):
                    attachment[1].append(x)
                continue
            if b.startswith("### "):
                title = re.sub(r"^\d+\s*", "", b[4:]).strip()
                if any(k in title for k in skip):
                    section = None
                elif "実施時期" in title:
                    section = ("schedule", [])
                elif "実施目的" in title:
                    section = ("purpose", [])
                else:
                    section = (self.templ(title, ref), [])
                    self.details.append(section)
                continue
            if section is None or b.startswith("[^") or b.startswith("## "):
                continue
            if section[0] == "schedule":
                for line in b.split("\n"):
                    line = re.sub(rf"^[-\s]*|(?:{DOCUMENT_ERAS})\s*\S+\s*年\s*|\d+\s*月\s*(?:末|中旬|上旬|下旬)?|\s+$", "", line)
                    if len(line) > 3:
                        self.schedule.append(line.strip())
            elif section[0] == "purpose":
                if not b.startswith("#"):
                    t = strip_citing(b)
                    self._prose(t, ref)
                    if len(t) > 20:
                        self.purpose.append(self.templ(t, ref))
            elif (x := self._block(b, ref)) is not None:
                self._prose(b, ref)
                section[1].append(x)

    def _sheet(self, blocks: list[str], ref: date) -> None:
        """The Shinjuku format: tables of 事業の概要 and one table per basis, then 特記事項."""
        clause_head = None
        in_clauses = False
        for b in blocks:
            if b.startswith("# 特記事項"):
                in_clauses = True
                continue
            if in_clauses:
                if re.fullmatch(r"\(.+\)", b):
                    clause_head = b
                    self.clauses.append((clause_head, []))
                elif self.clauses:
                    self.clauses[-1][1].append(self.templ(re.sub(r"^\d+\s+", "", b), ref, compounds=False))
                continue
            if b.startswith("<table>"):
                self._block(b, ref)  # collects its rows
                for m in re.finditer(r"<p>([^<]{30,})</p>", b):
                    self._prose(m[1], ref)
                for m in re.finditer(r"<th scope=\"row\">目的</th><td>(.*?)</td>", b):
                    self.purpose.append(self.templ(m[1], ref))

    # minutes --------------------------------------------------------------------------------

    def _minutes(self, content: Path) -> None:
        self.titles_by_length = sorted(set(self.titles), key=len, reverse=True)
        for path in sorted(content.glob("*/meetings/*.md")):
            front, body = split_front(path)
            if not body.strip() or not front.get("speakers"):
                continue
            roles = {}
            for label, who in front["speakers"].items():
                role = str(who.get("role") or "")
                roles[label] = ("chair" if role.endswith("会長") else "member" if role.endswith("委員")
                                else "sec" if label == next(iter(front["speakers"])) or "区政情報" in role
                                else "dept")
                self.person_roles.setdefault(str(who.get("name", "")).split(" ")[0], roles[label])
            ref = date(2022, 12, 27)
            h2 = h3 = ""
            sections: dict[str, list] = {}
            current: Turn | None = None
            for b in blocks_of(body):
                if b.startswith("## "):
                    h2, h3, current = b[3:], "", None
                    continue
                if b.startswith("### "):
                    h3, current = b[4:], None
                    continue
                if b.startswith("#"):
                    continue
                key = f"{h2}\n{h3}"
                if m := re.match(r"^[○〇◯]\s*(\S{1,40})[\s　]+(.*)$", b, re.S):
                    current = Turn(roles.get(m[1], "dept"), m[1], [])
                    sections.setdefault(key, []).append(current)
                    b = m[2]
                if current is None or re.match(r"^[<＜\[［]", b):
                    continue
                b = CITING_SENTENCE.sub("", b)
                for title in self.titles_by_length:
                    b = b.replace(title, TITLE_MARK)
                if b.strip():  # the matters discussed get new words; the ritual keeps its own
                    current.paras.append(self.templ(b, ref, compounds="審議" in h2 or "報告" in h2))
            for key, turns in sections.items():
                h2, h3 = key.split("\n")
                if "開会" in h2 and "閉会" not in h2:
                    self.opening += turns
                elif "配付資料" in h2:
                    self.materials += turns
                elif "報告" in h2:
                    self.report += turns
                elif "閉会" in h2:
                    self.closing += turns
                elif "審議" in h2 and h3:
                    self._item(turns)

    def _item(self, turns: list[Turn]) -> None:
        first_chair = next((i for i, t in enumerate(turns) if t.role == "chair"), None)
        first_dept = next((i for i, t in enumerate(turns) if t.role in ("dept", "sec")), None)
        if first_chair is not None:
            self.chair_intro.append(turns[first_chair].paras)
        last_chair = max((i for i, t in enumerate(turns) if t.role == "chair"), default=-1)
        for i, t in enumerate(turns):
            if i == first_dept:
                for p in t.paras[1:]:
                    self.explain.append(p)
                    self.explain_sents += sentences_of(p)
            elif t.role == "member":
                self.member += t.paras
                for p in t.paras:
                    self.member_sents += sentences_of(p)
            elif t.role in ("dept", "sec"):
                self.answer += t.paras
            elif t.role == "chair" and i not in (first_chair, last_chair):
                self.chair_mid += [p for p in t.paras if len(flat(p)) < 120]


_CORPUS: Corpus | None = None


def corpus() -> Corpus:
    global _CORPUS
    if _CORPUS is None:
        _CORPUS = Corpus(PROJECT / "content")
    return _CORPUS
