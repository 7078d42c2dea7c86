"""Warnings for content that is possible but probably a slip of the pen.

Each passes validation on its own, and each is what a secretariat filing after a meeting writes
by mistake: 第5回 dated before 第4回, a year typed 2033 (the meeting would be published as 開催予定),
a 公表日 that has not come yet, the `new` template's placeholder left in, 「○○」 in a field. They
are warnings (the build goes on: the red-team corpora's valid trees hold such dates on purpose)
except the template's placeholder text, which would be published as the minutes: that is an
error unless the file is a draft.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..model.diagnostics import Diagnostics
from ..model.japanese import PartialDate
from ..model.values import text_fields

if TYPE_CHECKING:
    from .validate import ValidCase, ValidContent, ValidMeeting

# A meeting more than this far after the as-of day is more likely a typo than an announcement.
FAR_AHEAD = timedelta(days=366)

# The body text `python -m generator new` writes (scaffold.py), to be replaced by the document.
TEMPLATE_BODIES = ("（審議経過をここに記入します。", "（諮問書・諮問依頼書などの本文を、原資料の文言のまま記入します。）")

# Marks people type for "fill this in later".
_PLACEHOLDER = re.compile(r"[○〇◯]{2,}|[×✕]{2,}|[＊*]{3,}|(?<![A-Za-z])(?:TODO|TBD|FIXME|XXX+)(?![A-Za-z])"
                          r"|記入してください|ここに記入")


def check(valid: ValidContent, as_of: date, diagnostics: Diagnostics) -> None:
    _session_order(valid.meetings, diagnostics)
    for m in valid.meetings:
        if not m.model.draft:
            _meeting_dates(m, as_of, diagnostics)
    entries: list[ValidCase | ValidMeeting] = [*valid.cases, *valid.meetings]
    for v in entries:
        if not v.model.draft:
            _placeholders(v, diagnostics)
    _held_later(valid, as_of, diagnostics)
    _at_once(valid.meetings, diagnostics)
    _odd_hours_and_days(valid.meetings, diagnostics)
    _long_before(valid, diagnostics)
    _years_ahead(valid, as_of, diagnostics)
    _minutes_numbers(valid, diagnostics)
    _next_held_earlier(valid.meetings, diagnostics)
    _articles(valid, diagnostics)
    for m in valid.meetings:
        if not m.model.draft:
            _published_addresses(m, diagnostics)
    _corrections_to_other_numbers(valid, diagnostics)
    for c in valid.cases:
        if not c.model.draft:
            _done_in_future(c.record, [("request.date", c.model.request.date if c.model.request else None),
                                       ("decision.date", c.model.decision.date if c.model.decision else None),
                                       ("decision.published", c.model.decision.published if c.model.decision else None)],
                            as_of, diagnostics)


def _session_order(meetings: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    """Within a term (期), or within a 年度 where there is no term, a later 回 is not held earlier."""
    groups: dict[tuple[Any, ...], list[ValidMeeting]] = defaultdict(list)
    for m in meetings:
        model = m.model
        if model.draft or model.date is None:
            continue
        key = (model.term,) if model.term is not None else ("年度", model.fiscal_year or model.date.fiscal_year())
        groups[(m.council.id, *key)].append(m)
    for group in groups.values():
        group.sort(key=lambda m: m.model.session)
        for earlier, later in pairwise(group):
            a, b = earlier.model, later.model
            assert a.date is not None and b.date is not None
            if a.session < b.session and b.date.surely_before(a.date):
                diagnostics.warning(
                    later.record.path, later.record.front.line("date"), "date",
                    f"第{b.session}回の開催日（{b.date.wareki()}）が、第{a.session}回（"
                    f"{diagnostics.rel(earlier.record.path)}）の開催日（{a.date.wareki()}）より前です。"
                    "回（session）か開催日（date）の書き間違いではありませんか")


def _meeting_dates(m: ValidMeeting, as_of: date, diagnostics: Diagnostics) -> None:
    model = m.model
    if model.date is not None and model.date.earliest() > as_of + FAR_AHEAD:
        diagnostics.warning(
            m.record.path, m.record.front.line("date"), "date",
            f"開催日（{model.date.wareki()}）が1年以上先です。年の書き間違いではありませんか"
            "（このままでは「開催予定」の会議として公開されます）")
    done: list[tuple[str, Any]] = [("record_published", model.record_published)]
    if model.notice is not None and not isinstance(model.notice, str):
        done.append(("notice.published", model.notice.published))
    done += [(f"materials[{i}].published", x.published) for i, x in enumerate(model.materials)]
    _done_in_future(m.record, done, as_of, diagnostics)


def _held_later(valid: ValidContent, as_of: date, diagnostics: Diagnostics) -> None:
    """What only a meeting that was held can tell — who came, how many watched, what it decided or
    approved — written for a meeting dated after the as-of day; and more observers than seats."""
    today = PartialDate(as_of.year, as_of.month, as_of.day)
    ahead = {(m.council.id, m.id): m for m in valid.meetings
             if not m.model.draft and m.model.date is not None and today.surely_before(m.model.date)}
    for m in valid.meetings:
        model = m.model
        if (m.council.id, m.id) in ahead:
            said = [f for f in ("present", "absent", "observers") if getattr(model, f)]
            if said:
                diagnostics.warning(
                    m.record.path, m.record.front.line(said[0]), said[0],
                    f"開催日（{model.date.wareki() if model.date else ''}）が今日より後なのに、開かれた後でしか分からない"
                    "こと（出席者・欠席者・傍聴者数）が書かれています。開催日か、その項目を確かめてください")
        if model.observers and model.notice is not None and not isinstance(model.notice, str) \
                and model.notice.seats is not None and model.observers > model.notice.seats:
            diagnostics.warning(m.record.path, m.record.front.line("observers"), "observers",
                                f"傍聴者（{model.observers}人）が傍聴席の数（{model.notice.seats}席）より多くなっています。"
                                "席を増やしたのでなければ、どちらかの数を確かめてください")
        if model.record_approved_at and (later := ahead.get((m.council.id, model.record_approved_at))):
            diagnostics.warning(m.record.path, m.record.front.line("record_approved_at"), "record_approved_at",
                                f"会議録を承認した会議 {later.id} は今日より後の開催です。まだ承認されていなければ、"
                                "record_approved_at を消してください")
    for c in valid.cases:
        decision = c.model.decision
        if decision and decision.meeting and (later := ahead.get((c.council.id, decision.meeting))):
            diagnostics.warning(c.record.path, c.record.front.line("decision.meeting"), "decision.meeting",
                                f"答申した会議 {later.id} は今日より後の開催です。まだ答申されていなければ、"
                                "decision を消してください（審議中として公開されます）")


def _at_once(meetings: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    """One council holds one meeting at a time: two meetings on the same day whose hours
    overlap (or that start at the same time) are one meeting written twice, or a wrong date.
    A warning: the red-team corpora's valid trees hold many meetings at one hour on purpose."""
    by_day: dict[tuple[str, str], list[ValidMeeting]] = {}
    for m in meetings:
        d = m.model.date
        if d is not None and d.day is not None and m.model.start and not m.model.draft:
            by_day.setdefault((m.council.id, d.iso()), []).append(m)
    for same_day in by_day.values():
        same_day.sort(key=lambda m: (m.model.start or "", m.id))
        for i, later in enumerate(same_day):
            b_start = later.model.start or ""
            for earlier in same_day[:i]:
                a_start, a_end = earlier.model.start or "", earlier.model.end
                if b_start == a_start or (a_end is not None and b_start < a_end):
                    diagnostics.warning(
                        later.record.path, later.record.front.line("start"), "start",
                        f"同じ日の会議 {earlier.id}（{a_start}〜{a_end or ''}）と時間が重なっています。一つの審議会が"
                        "同時に二つの会議を開くことはありません。日付か時刻を確かめてください")
                    break


def _done_in_future(record: Any, dates: list[tuple[str, Any]], as_of: date, diagnostics: Diagnostics) -> None:
    """A date on which something was done (published, decided, requested) cannot be after today."""
    today = PartialDate(as_of.year, as_of.month, as_of.day)
    for path, value in dates:
        if isinstance(value, PartialDate) and today.surely_before(value):
            diagnostics.warning(
                record.path, record.front.line(path), path,
                f"{value.wareki()}は今日（{today.wareki()}）より後です。済んだことの日付を書く項目です。"
                "年か月の書き間違いではありませんか（まだなら項目ごと消してください）")


def _placeholders(v: Any, diagnostics: Diagnostics) -> None:
    record = v.record
    for marker in TEMPLATE_BODIES:
        if marker in record.body:
            line = record.body_line + record.body[: record.body.index(marker)].count("\n")
            diagnostics.error(
                record.path, line, "body",
                "本文に python -m generator new の雛形の文言が残っています（このままでは公開されます）。"
                "原資料の文言に書き換えるか、まだなければその行を消してください"
                "（公開しないでおくには draft: true）")
    for path, text in text_fields(record.front.data, ""):
        if found := _PLACEHOLDER.search(text):
            diagnostics.warning(
                record.path, record.front.line(path), path,
                f"「{found.group()}」は後で埋めるための仮の文字ではありませんか。原資料の文言にするか、"
                "分からなければ項目ごと消してください（「不明」と表示されます）")



# A meeting held at these hours, or on these days (the offices' 年末年始 closing, 12/29–1/3), is
# more likely a slip (午前 for 午後, a wrong month) than a fact: possible, so a warning.
EARLY, LATE = "06:00", "22:00"
_NEW_YEAR = {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
# A document of a meeting (its notice, a material) is not published more than this long before it;
# a 諮問 is not requested this long before it is first deliberated (an era slip: 平成6年 for 令和6年).
LONG_BEFORE = timedelta(days=366)
REQUEST_LONG_BEFORE = timedelta(days=366 * 5)


def _odd_hours_and_days(meetings: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    for m in meetings:
        model = m.model
        if model.draft:
            continue
        if model.start and (model.start < EARLY or model.start >= LATE):
            diagnostics.warning(m.record.path, m.record.front.line("start"), "start",
                                f"開始時刻が{model.start}（夜中）です。午前と午後の書き間違いではありませんか")
        if model.access == "一部非公開" and model.agenda and all(x.access == "非公開" for x in model.agenda):
            diagnostics.warning(m.record.path, m.record.front.line("access"), "access",
                                "一部非公開ですが、議事はすべて非公開です。会議全体が非公開なら access: 非公開 にして"
                                "ください（一部非公開では開催場所・出席者と審議経過の残りが公開されます）")
        d = model.date
        if d is not None and d.day is not None and (d.month, d.day) in _NEW_YEAR:
            diagnostics.warning(m.record.path, m.record.front.line("date"), "date",
                                f"開催日（{d.wareki()}）は年末年始の閉庁日です。日付の書き間違いではありませんか")


def _long_before(valid: ValidContent, diagnostics: Diagnostics) -> None:
    """A notice or a material published more than a year before its meeting; a request five years
    before the first meeting that deliberated it: both the usual era slip (平成6年 for 令和6年)."""
    held: dict[tuple[str, str], list[date]] = defaultdict(list)
    for m in valid.meetings:
        if m.model.draft or m.model.date is None:
            continue
        on = m.model.date.earliest()
        for item in m.model.agenda:
            if item.case:
                held[(m.council.id, item.case)].append(on)
        done: list[tuple[str, Any]] = []
        if m.model.notice is not None and not isinstance(m.model.notice, str):
            done.append(("notice.published", m.model.notice.published))
        done += [(f"materials[{i}].published", x.published) for i, x in enumerate(m.model.materials)]
        for path, value in done:
            if isinstance(value, PartialDate) and value.day is not None and on - value.earliest() > LONG_BEFORE:
                diagnostics.warning(m.record.path, m.record.front.line(path), path,
                                    f"公表日（{value.wareki()}）が会議（{m.model.date.wareki()}）の1年以上前です。"
                                    "元号か年の書き間違いではありませんか")
    for c in valid.cases:
        request = c.model.request.date if c.model.request else None
        first = min(held.get((c.council.id, c.id), []), default=None)
        if request is not None and first is not None and first - request.earliest() > REQUEST_LONG_BEFORE:
            diagnostics.warning(c.record.path, c.record.front.line("request.date"), "request.date",
                                f"依頼の日付（{request.wareki()}）が、最初に審議した会議（{first.isoformat()}）の5年以上"
                                "前です。元号か年の書き間違いではありませんか")


def _years_ahead(valid: ValidContent, as_of: date, diagnostics: Diagnostics) -> None:
    """A 年度 more than a year after the as-of day's, like a meeting dated more than a year ahead."""
    this_year = as_of.year if as_of.month >= 4 else as_of.year - 1
    entries: list[ValidCase | ValidMeeting] = [*valid.cases, *valid.meetings]
    for v in entries:
        fy = v.model.fiscal_year
        if fy is not None and not v.model.draft and fy > this_year + 1:
            diagnostics.warning(v.record.path, v.record.front.line("fiscal_year"), "fiscal_year",
                                f"年度（{fy}年度）が今年度（{this_year}年度）より2年以上先です。年の書き間違いでは"
                                "ありませんか")


_SECTION_NUMBER = re.compile(r"^ {0,3}#{1,6}[ \t]+.*?(諮問第[0-9０-９]+号)", re.M)


def _minutes_numbers(valid: ValidContent, diagnostics: Diagnostics) -> None:
    """A section of the minutes headed by a 諮問 number no agenda item of the meeting deals with."""
    from ..model.japanese import normalize_key
    numbers = {(c.council.id, c.id): normalize_key(c.model.number) for c in valid.cases if c.model.number}
    for m in valid.meetings:
        if m.model.draft:
            continue
        mine = {numbers.get((m.council.id, item.case or "")) for item in m.model.agenda}
        titles = normalize_key(" ".join(item.title or "" for item in m.model.agenda))
        for heading in _SECTION_NUMBER.finditer(m.record.body):
            said = normalize_key(heading.group(1))
            if said not in mine and said not in titles:
                line = m.record.body_line + m.record.body[: heading.start()].count("\n")
                diagnostics.warning(m.record.path, line, "body",
                                    f"審議経過の見出しの「{heading.group(1)}」は、この会議の議事（agenda）にありません。"
                                    "議事に加えるか、見出しを確かめてください")


def _next_held_earlier(meetings: list[ValidMeeting], diagnostics: Diagnostics) -> None:
    """The next meeting announced for a day after the one on which the next 回 was held."""
    by_session = {(m.council.id, m.model.term, m.model.session): m for m in meetings if not m.model.draft}
    for m in meetings:
        nxt = m.model.next_meeting
        if m.model.draft or nxt is None or isinstance(nxt, str) or nxt.date is None or nxt.date.day is None:
            continue
        held = by_session.get((m.council.id, m.model.term, m.model.session + 1))
        if held and held.model.date is not None and held.model.date.surely_before(nxt.date):
            diagnostics.warning(m.record.path, m.record.front.line("next_meeting.date"), "next_meeting.date",
                                f"次回を{nxt.date.wareki()}と書いていますが、第{held.model.session}回"
                                f"（{diagnostics.rel(held.record.path)}）はそれより前の{held.model.date.wareki()}に"
                                "開かれています。どちらかの日付を確かめてください")


def _articles(valid: ValidContent, diagnostics: Diagnostics) -> None:
    """An article of the council's own municipality's ordinance the settings do not list; one
    article given two categories in two cases of a council (a category is set by the article)."""
    from ..model.japanese import normalize_key
    first: dict[tuple[str, str], tuple[str, Any]] = {}
    for c in valid.cases:
        if c.model.draft:
            continue
        ordinances = [normalize_key(o) for o in c.council.ordinances]
        for i, basis in enumerate(c.model.bases):
            if not basis.article:
                continue
            article = normalize_key(basis.article)
            named = re.match(rf"{re.escape(normalize_key(c.council.municipality))}\S*?(?:条例|規則)", article)
            if ordinances and named and not any(article.startswith(o) for o in ordinances):
                diagnostics.warning(c.record.path, c.record.front.line(f"bases[{i}].article"), f"bases[{i}].article",
                                    f"「{named.group()}」は site_config.yml のこの審議会の条例（ordinances）にありません。"
                                    "条文の書き間違いでなければ、ordinances に加えてください")
            seen = first.setdefault((c.council.id, article), (c.id, basis.category))
            if seen[0] != c.id and seen[1] != basis.category:
                diagnostics.warning(c.record.path, c.record.front.line(f"bases[{i}].category"),
                                    f"bases[{i}].category",
                                    f"同じ条文「{basis.article}」が案件 {seen[0]} では{seen[1]}、ここでは{basis.category}"
                                    "です。分類は条文で決まります。条文か分類を確かめてください")


def _published_addresses(m: ValidMeeting, diagnostics: Diagnostics) -> None:
    """An address says the thing was published; `published` left out says it was not yet (公開状況
    counts it 未了 or overdue): the date, or 不明, goes with the address. A warning: corpus 5's
    canary tree gives addresses without dates."""
    notice = m.model.notice
    found: list[tuple[str, str]] = []
    if notice is not None and not isinstance(notice, str) and notice.url and notice.published is None:
        found.append(("notice", "事前公表"))
    found += [(f"materials[{i}]", f"配付資料「{x.title}」") for i, x in enumerate(m.model.materials)
              if x.url and x.published is None]
    for path, what in found:
        diagnostics.warning(m.record.path, m.record.front.line(f"{path}.url"), f"{path}.url",
                            f"{what}の掲載アドレスがあるのに公表日（published）がありません（書かないと「まだ公表して"
                            "いない」の意味になり、公開状況で未了と数えられます）。公表日を書くか、分からなければ "
                            "published: 不明 と書いてください")


def _corrections_to_other_numbers(valid: ValidContent, diagnostics: Diagnostics) -> None:
    """A correction that sends a citation by number (`cites: 諮問第480号`) to the case of another
    number: the text's own number is a slip the secretariat checked in the original (a warning,
    as tests/test_resolve.py holds), or the target is."""
    from .coherent import case_number_key
    cases = {(c.council.id, c.id): c for c in valid.cases}
    for c in valid.cases:
        for i, cite in enumerate(c.model.citations):
            target = cases.get((c.council.id, cite.target or ""))
            if not (cite.cites and target and target.model.number):
                continue
            said = case_number_key(cite.cites, c.council)
            if said and said != case_number_key(target.model.number, c.council):
                diagnostics.warning(c.record.path, c.record.front.line(f"citations[{i}].target"), f"citations[{i}].target",
                                    f"本文の「{cite.cites}」を案件 {target.id}（{target.model.number}）につなげていますが、"
                                    "番号が違います。本文の番号の誤りを原本で確かめた訂正でなければ、target か cites を"
                                    "直してください")
