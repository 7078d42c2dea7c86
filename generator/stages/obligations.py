"""Stage 3c, assess: the meeting disclosure obligations (会議の公開) and their state on a date.

Each council's rules are settings (models.DisclosureRules); each meeting file records what
was done and when. For every meeting and obligation this says when it was due, when it was
met, and its state — in words, for the meeting's 公開状況 panel, the dashboard and
`check --as-of`. A fact the source does not give (不明) stays 不明: it is never counted as done,
nor as overdue.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from ..model.archive import (
    KINDS,
    Archive,
    MeetingEntry,
    Obligation,
    State,
)
from ..model.casefile import DisclosureRules, Notice
from ..model.diagnostics import Diagnostics
from ..model.japanese import PartialDate, normalize_key
from ..model.values import UNKNOWN


def day_of(d: PartialDate | None) -> date | None:
    return d.earliest() if d is not None and d.precision == "day" else None


def state_of(due: date | None, done: PartialDate | str | None, as_of: date) -> State:
    if done == UNKNOWN:
        return "不明"
    if done is not None:
        when = day_of(done)  # type: ignore[arg-type]
        if due is None or when is None:
            return "不明"
        return "期限内" if when <= due else "期限後に実施"
    if due is None:
        return "不明"
    return "未了（期限超過）" if as_of > due else "期限前"


def _rule(text: str, source: str | None, rules: DisclosureRules) -> str:
    """The rule in words, with where it is written (要綱第5条) when the settings say."""
    where = source or ""
    if rules.source and source:
        where = f"{rules.source} {source}"
    elif rules.source:
        where = rules.source
    return f"{text}（{where}）" if where else text


def is_typical(rules: DisclosureRules, *fields: str) -> bool:
    """True when none of the settings behind a rule was written (the rules, its days, its
    article): its deadline is then the typical default, not a rule of the council's."""
    return rules.source is None and not (set(fields) & rules.model_fields_set)


def rules_registered(rules: DisclosureRules) -> bool:
    """Whether the council's disclosure rules are in the settings at all."""
    return not all(is_typical(rules, f"{k}_days", f"{k}_source") for k in ("notice", "materials", "record", "decision"))


def assess_meeting(meeting: MeetingEntry, archive_meetings: dict[str, MeetingEntry],
                   as_of: date) -> list[Obligation]:
    rules = meeting.council.disclosure
    m = meeting.model
    held = day_of(m.date)
    closed = m.access == "非公開"
    undated = "開催日が日まで記録されていないため期限を判定できません" if held is None else None
    out: list[Obligation] = []

    # 事前公表: the notice, N days before.
    notice = m.notice
    done = UNKNOWN if notice == UNKNOWN else (notice.published or UNKNOWN) if isinstance(notice, Notice) else None
    due = held - timedelta(days=rules.notice_days) if held else None
    out.append(Obligation(meeting, "notice", KINDS["notice"],
                          _rule(f"開催日の{rules.notice_days}日前まで", rules.notice_source, rules),
                          due, done, state_of(due, done, as_of), undated,
                          typical=is_typical(rules, "notice_days", "notice_source")))

    # 資料の公表: every material, N days after.
    rule = _rule(f"開催日から{rules.materials_days}日以内", rules.materials_source, rules)
    typical = is_typical(rules, "materials_days", "materials_source")
    if closed or not m.materials:
        reason = "非公開の会議" if closed else "配付資料の記録なし"
        out.append(Obligation(meeting, "materials", KINDS["materials"], rule, None, None, "対象外", reason,
                              typical=typical))
    else:
        published = [x.published for x in m.materials]
        dated = [p for p in published if isinstance(p, PartialDate)]
        done = (None if any(p is None for p in published) else UNKNOWN if UNKNOWN in published
                else max(dated, key=lambda p: p.earliest()))
        due = held + timedelta(days=rules.materials_days) if held else None
        out.append(Obligation(meeting, "materials", KINDS["materials"], rule, due, done,
                              state_of(due, done, as_of), undated, typical=typical))

    # 会議録の公表: N days after the meeting, or after the record's approval.
    if rules.record_mode == "after_meeting":
        rule = _rule(f"開催日から{rules.record_days}日以内", rules.record_source, rules)
        due, note = (held + timedelta(days=rules.record_days) if held else None), undated
    else:
        rule = _rule(f"会議録の承認から{rules.record_days}日以内", rules.record_source, rules)
        approver = archive_meetings.get(m.record_approved_at or "")
        approved = day_of(approver.model.date) if approver else None
        due = approved + timedelta(days=rules.record_days) if approved else None
        note = None if approved else "会議録の承認待ち"
    done = m.record_published
    typical = is_typical(rules, "record_days", "record_source", "record_mode")
    if closed:
        out.append(Obligation(meeting, "record", KINDS["record"], rule, None, None, "対象外", "非公開の会議",
                              typical=typical))
    else:
        state = state_of(due, done, as_of)
        if rules.record_mode == "after_approval" and due is None and done is None:
            state = "期限前"  # the clock starts at approval
        out.append(Obligation(meeting, "record", KINDS["record"], rule, due, done, state, note, typical=typical))

    # 答申の公表: each 答申 given at this meeting, N days after.
    rule = _rule(f"答申から{rules.decision_days}日以内", rules.decision_source, rules)
    typical = is_typical(rules, "decision_days", "decision_source")
    decided = [c for c in meeting.cases if c.decision_meeting is meeting]
    for case in decided:
        d = case.model.decision
        assert d is not None  # decision_meeting comes from the decision
        given = day_of(d.date) or held
        due = given + timedelta(days=rules.decision_days) if given else None
        out.append(Obligation(meeting, "decision", f"{KINDS['decision']}（{case.label}）", rule, due,
                              d.published, state_of(due, d.published, as_of), case=case, typical=typical))
    if not decided:
        out.append(Obligation(meeting, "decision", KINDS["decision"], rule, None, None, "対象外",
                              "この会議で答申した案件の記録なし", typical=typical))
    return out


def assess(archive: Archive, as_of: date, diagnostics: Diagnostics) -> Archive:
    """Fill MeetingEntry.obligations; a closure for a reason outside the rules is an error."""
    archive.as_of = as_of
    by_council: dict[str, dict[str, MeetingEntry]] = {}
    for m in archive.meetings:
        by_council.setdefault(m.council.id, {})[m.id] = m
    for meeting in archive.meetings:
        meeting.obligations = assess_meeting(meeting, by_council[meeting.council.id], as_of)
        _check_closures(meeting, diagnostics)
    return archive


def _check_closures(meeting: MeetingEntry, diagnostics: Diagnostics) -> None:
    reasons = meeting.council.disclosure.closure_reasons
    checks = [("access_reason", meeting.model.access_reason)] if meeting.model.access != "公開" else []
    checks += [(f"agenda[{i}].access_reason", a.access_reason) for i, a in enumerate(meeting.model.agenda)
               if a.access == "非公開"]
    allowed = {normalize_key(r) for r in reasons}
    for path, reason in checks:
        if reason is not None and normalize_key(reason) not in allowed:
            diagnostics.error(meeting.path, meeting.front_line(path), path,
                              f"'{reason}' is not one of {meeting.council.name}'s reasons for closing "
                              f"a meeting (expected one of: {'; '.join(reasons)})")


def overdue(archive: Archive) -> list[Obligation]:
    return [o for m in archive.meetings for o in m.obligations if o.state == "未了（期限超過）"]


def yearly_summary(archive: Archive) -> list[tuple[int | None, Counter]]:
    """Per 年度, how many obligations are in each state: the annual report's table."""
    years: dict[int | None, Counter] = {}
    for m in archive.meetings:
        counts = years.setdefault(m.fiscal_year, Counter())
        counts.update(o.state for o in m.obligations)
    return sorted(years.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))
