"""A meeting file: the minutes and the front matter that describes the meeting."""

from __future__ import annotations

from .corpus import Corpus
from .dates import fy_label, jtime, wa
from .frontmatter import HAS, Quoted, flow, front_matter
from .lexicon import Lexicon
from .minutes import MATERIALS, MeetingRenderer
from .model import CouncilPlan, MeetingPlan
from .vocabulary import ROOMS


def meeting_file(cp: CouncilPlan, mp: MeetingPlan, corpus: Corpus, lex: Lexicon | None = None,
                 pos: tuple[float, float] = (0.0, 0.0)) -> str:
    """The meeting's file: front matter, then the minutes (written first: the front matter lists
    who spoke, and the meeting ends when they have)."""
    mr = MeetingRenderer(cp, mp, corpus, lex, pos)
    K, r = mr.K, mr.r
    body = mr.minutes() if K.minutes != "none" else ""
    front: dict = {}
    if mp.term is not None:
        front["term"] = mp.term
    front["session"] = mp.session
    if mp.term is None:
        front["fiscal_year"] = fy_label(mp.fy)
    if mp.term is not None and K.minutes != "none":
        front["title"] = mp.label + K.name
    front["date"] = Quoted(f"{mp.date.year:04d}-{mp.date.month:02d}") if K.precision == "month" else wa(mp.date)
    if K.minutes != "none":
        h, m = mp.start
        minutes = len(body) / 320 + r.randint(5, 25) if K.minutes == "verbatim" else r.randint(40, 120)
        end = h * 60 + m + int(minutes)
        japanese = r.random() < 0.6
        fmt = (lambda h_, m_: jtime(h_, m_)) if japanese else (lambda h_, m_: f"{h_:02d}:{m_:02d}")
        front["start"], front["end"] = fmt(h, m), fmt(min(end // 60, 23), end % 60)
        front["place"] = r.choice(ROOMS).format(n=r.randint(2, 12), m=r.randint(1, 6), place=r.choice(mr.cp.places))
        front["access"] = mp.access
        if mp.access != "公開":
            front["access_reason"] = mp.access_reason
        front["present"] = [flow(name=n, role=role) for n, role in mr.present]
        front["absent"] = [flow(name=n, role=role) for n, role in mr.absent]
        front["secretariat"] = ["".join(mr.cp.secretariat)]
        if r.random() < 0.8:
            front["observers"] = r.choice((0, 0, 0, 1, 1, 2, 3, 5))
        front["record"] = "要録" if K.minutes == "summary" else r.choice(("会議概要", "会議録"))
        if HAS["record_state"] and mp.record_state:
            front["record_state"] = mp.record_state
            if mp.approved_at:
                front["record_approved_at"] = mp.approved_at
    if HAS["notice"] and mp.notice is not None:
        if isinstance(mp.notice, tuple):
            published, seats, how = mp.notice
            front["notice"] = {"published": wa(published), "seats": seats, "how_to_attend": how}
        else:
            front["notice"] = mp.notice  # 不明
    if HAS["record_published"] and mp.record_published is not None:
        p = mp.record_published
        front["record_published"] = p if isinstance(p, str) else wa(p)
    agenda: list = [{"kind": "確認事項", "title": t} for t in mp.confirm]
    for cid, outcome, _ in mp.items:
        c = mr.cp.cases[cid]
        closed = cid in mp.closed_items
        agenda.append(flow(kind=c.kind, case=cid, outcome=outcome, access="非公開" if closed else None,
                           access_reason=mp.access_reason if closed else None))
    front["agenda"] = agenda
    titles = list(mp.confirm) + [f"[{c.number}] {c.title}" if c.number else c.title for c in mr.cases]
    if K.minutes != "none":
        titles += r.sample(MATERIALS, r.randint(2, 5))
    shown = mp.materials_published if HAS["material_published"] else None
    when = shown if shown is None or isinstance(shown, str) else wa(shown)
    front["materials"] = [{"title": t} if when is None else flow(title=t, published=when) for t in titles]
    if K.minutes != "none":
        front["speakers"] = {label: flow(name=name, role=role) for label, (name, role) in mr.speakers.items()}
        if mp.next:
            d, h, m = mp.next
            front["next_meeting"] = {"date": d, "start": Quoted(f"{h:02d}:{m:02d}"), "as_written": mr.next_sentence()}
    return front_matter(front) + ("\n" + body if body else "")
