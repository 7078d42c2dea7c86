"""A meeting file: the minutes and the front matter that describes the meeting."""

from __future__ import annotations

from .corpus import Corpus
from .dates import fy_label, jtime, wa
from .frontmatter import HAS, flow_map, ys
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
    lines = ["---"]
    if mp.term is not None:
        lines.append(f"term: {mp.term}")
    lines.append(f"session: {mp.session}")
    if mp.term is None:
        lines.append(f"fiscal_year: {fy_label(mp.fy)}")
    if mp.term is not None and K.minutes != "none":
        lines.append(f"title: {ys(mp.label + K.name)}")
    if K.precision == "month":
        lines.append(f'date: "{mp.date.year:04d}-{mp.date.month:02d}"')
    else:
        lines.append(f"date: {wa(mp.date)}")
    if K.minutes != "none":
        h, m = mp.start
        minutes = len(body) / 320 + r.randint(5, 25) if K.minutes == "verbatim" else r.randint(40, 120)
        end = h * 60 + m + int(minutes)
        japanese = r.random() < 0.6
        fmt = (lambda h_, m_: jtime(h_, m_)) if japanese else (lambda h_, m_: f"{h_:02d}:{m_:02d}")
        lines += [f"start: {ys(fmt(h, m))}", f"end: {ys(fmt(min(end // 60, 23), end % 60))}"]
        place = r.choice(ROOMS).format(n=r.randint(2, 12), m=r.randint(1, 6), place=r.choice(mr.cp.places))
        lines.append(f"place: {ys(place)}")
        lines.append(f"access: {mp.access}")
        if mp.access != "公開":
            lines.append(f"access_reason: {ys(mp.access_reason)}")
        lines.append("present:")
        lines += [f"  - {flow_map({'name': n, 'role': role})}" for n, role in mr.present]
        lines.append("absent:" + ("" if mr.absent else " []"))
        lines += [f"  - {flow_map({'name': n, 'role': role})}" for n, role in mr.absent]
        lines += ["secretariat:", f"  - {ys(''.join(mr.cp.secretariat))}"]
        if r.random() < 0.8:
            lines.append(f"observers: {r.choice((0, 0, 0, 1, 1, 2, 3, 5))}")
        lines.append(f"record: {'要録' if K.minutes == 'summary' else r.choice(('会議概要', '会議録'))}")
        if HAS["record_state"] and mp.record_state:
            lines.append(f"record_state: {mp.record_state}")
            if mp.approved_at:
                lines.append(f"record_approved_at: {ys(mp.approved_at)}")
    if HAS["notice"] and mp.notice is not None:
        if mp.notice == "不明":
            lines.append("notice: 不明")
        else:
            published, seats, how = mp.notice
            lines += ["notice:", f"  published: {wa(published)}", f"  seats: {seats}",
                      f"  how_to_attend: {ys(how)}"]
    if HAS["record_published"] and mp.record_published is not None:
        p = mp.record_published
        lines.append(f"record_published: {p if isinstance(p, str) else wa(p)}")
    lines.append("agenda:" + ("" if mp.confirm or mp.items else " []"))
    for t in mp.confirm:
        lines += ["  - kind: 確認事項", f"    title: {ys(t)}"]
    for cid, outcome, continued in mp.items:
        c = mr.cp.cases[cid]
        item = {"kind": c.kind, "case": cid, "outcome": outcome}
        if cid in mp.closed_items:
            item.update(access="非公開", access_reason=mp.access_reason)
        lines.append(f"  - {flow_map(item)}")
    titles = list(mp.confirm) + [f"[{c.number}] {c.title}" if c.number else c.title for c in mr.cases]
    if K.minutes != "none":
        titles += r.sample(MATERIALS, r.randint(2, 5))
    published = mp.materials_published if HAS["material_published"] else None
    lines.append("materials:" + ("" if titles else " []"))
    when = published if published is None or isinstance(published, str) else wa(published)
    for t in titles:
        lines.append(f"  - title: {ys(t)}" if when is None else f"  - {flow_map({'title': t, 'published': when})}")
    if K.minutes != "none":
        lines.append("speakers:")
        for label, (name, role) in mr.speakers.items():
            lines.append(f"  {ys(label)}: {flow_map({'name': name, 'role': role})}")
        if mp.next:
            d, h, m = mp.next
            lines += ["next_meeting:", f"  date: {d.isoformat()}", f'  start: "{h:02d}:{m:02d}"',
                      f"  as_written: {ys(mr.next_sentence())}"]
    lines.append("---")
    front = "\n".join(lines) + "\n"
    return front + ("\n" + body if body else "")
