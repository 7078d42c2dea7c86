"""Meeting disclosure obligations: each obligation × state, boundary days, both record modes,
`check --as-of`, and closed parts that reach no file of the site."""

from __future__ import annotations

from datetime import date

import pytest

from generator import pipeline
from generator.__main__ import main
from generator.model.japanese import parse_date
from generator.stages.obligations import state_of

from .conftest import CONFIG, ROOT, site_bytes

D = date.fromisoformat


@pytest.mark.parametrize("due, done, as_of, state", [
    ("2023-02-09", "2023-02-09", "2023-03-01", "期限内"),          # on the last day
    ("2023-02-09", "2023-02-10", "2023-03-01", "期限後に実施"),    # one day late
    ("2023-02-09", None, "2023-02-09", "期限前"),                 # due today: not yet overdue
    ("2023-02-09", None, "2023-02-10", "未了（期限超過）"),        # the day after
    ("2023-02-09", "不明", "2023-03-01", "不明"),                  # the source does not say
    (None, None, "2023-03-01", "不明"),                            # no day to count from
    ("2023-02-09", "2023-02", "2023-03-01", "不明"),               # done in a month: cannot tell
])
def test_states_and_boundary_days(due, done, as_of, state) -> None:
    done_value = done if done in (None, "不明") else parse_date(done)
    assert state_of(D(due) if due else None, done_value, D(as_of)) == state


MEETING = """\
---
session: 1
date: 2023-01-10
notice:
  published: 2023-01-02
  seats: 10
  how_to_attend: 先着順
agenda:
  - kind: 諮問
    case: shimon-1
materials:
  - title: 諮問資料
    published: 2023-01-20
{extra}---
"""

CASE = """\
---
kind: 諮問
number: 諮問第1号
title: テスト案件
meetings: [m1]
decision:
  result: 了承
  meeting: m1
  published: 2023-01-31
---
"""


def setup(archive, extra: str = "", rules: str = "") -> None:
    for f in (archive.root / "content/adachi").rglob("*.md"):
        f.unlink()
    config = CONFIG.format(theme=ROOT / "theme", code="131211")
    if rules:
        config = config.replace("          numbering: running\n", "          numbering: running\n" + rules)
    archive.write("site_config.yml", config)
    archive.write("content/adachi/meetings/m1.md", MEETING.format(extra=extra))
    archive.write("content/adachi/cases/shimon-1.md", CASE)


def states(archive, as_of: str) -> dict[str, tuple]:
    result = pipeline.run(archive.config, D(as_of))
    assert result.ok, result.diagnostics.report()
    (m,) = result.archive.meetings
    return {o.name: (o.due.isoformat() if o.due else None, o.state) for o in m.obligations}


def test_every_obligation_of_a_meeting_without_a_record(archive) -> None:
    setup(archive)
    assert states(archive, "2023-03-01") == {
        "事前公表": ("2023-01-03", "期限内"),
        "資料の公表": ("2023-01-24", "期限内"),
        "会議録の公表": ("2023-02-09", "未了（期限超過）"),
        "答申の公表（諮問第1号）": ("2023-02-09", "期限内"),
    }


def test_late_notice_and_late_record(archive) -> None:
    setup(archive, "record_published: 2023-02-15\n")
    archive.write("content/adachi/meetings/m1.md",
                  MEETING.format(extra="record_published: 2023-02-15\n").replace("2023-01-02", "2023-01-05"))
    got = states(archive, "2023-03-01")
    assert got["事前公表"] == ("2023-01-03", "期限後に実施")
    assert got["会議録の公表"] == ("2023-02-09", "期限後に実施")


def test_record_after_approval_mode(archive) -> None:
    setup(archive, "record_approved_at: m2\n", rules="          disclosure:\n            record_mode: after_approval\n"
                                                       "            record_days: 10\n")
    archive.write("content/adachi/meetings/m2.md", "---\nsession: 2\ndate: 2023-03-20\nrecord_published: 不明\n---\n")
    result = pipeline.run(archive.config, D("2023-04-05"))
    m1 = next(m for m in result.archive.meetings if m.id == "m1")
    (record,) = [o for o in m1.obligations if o.kind == "record"]
    assert (record.due, record.state) == (D("2023-03-30"), "未了（期限超過）")
    assert "承認から10日以内" in record.rule


def test_record_not_yet_approved_is_not_overdue(archive) -> None:
    setup(archive, rules="          disclosure:\n            record_mode: after_approval\n")
    got = states(archive, "2023-12-01")
    assert got["会議録の公表"] == (None, "期限前")


def test_materials_published_late_and_missing(archive) -> None:
    setup(archive)
    archive.write("content/adachi/meetings/m1.md", MEETING.format(extra="").replace(
        "    published: 2023-01-20\n", "    published: 2023-01-30\n  - title: 追加資料\n"))
    assert states(archive, "2023-03-01")["資料の公表"] == ("2023-01-24", "未了（期限超過）")


def test_closed_meeting_has_no_record_or_materials_obligation(archive) -> None:
    setup(archive, "access: 非公開\naccess_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため\n")
    got = states(archive, "2023-03-01")
    assert got["会議録の公表"] == (None, "対象外") and got["資料の公表"] == (None, "対象外")


def test_closing_for_a_reason_outside_the_rules_is_an_error(archive) -> None:
    setup(archive, "access: 非公開\naccess_reason: 都合により\n")
    (err,) = [str(e) for e in pipeline.run(archive.config, D("2023-03-01")).diagnostics.errors]
    assert err.startswith("content/adachi/meetings/m1.md:15: 非公開の理由（access_reason）: 「都合により」は"
                          "足立区情報公開・個人情報保護審議会の定める非公開の理由ではありません。")


def test_check_as_of_names_the_overdue_record(archive, capsys) -> None:
    """The issue's scenario: held 2023-01-10, no record published, 30-day rule."""
    setup(archive)
    assert main(["-f", str(archive.config), "check", "--as-of", "2023-03-01"]) == 1
    out = capsys.readouterr().out
    assert "adachi/m1" in out and "会議録の公表 — 期限 2023-02-09、20日超過" in out
    assert main(["-f", str(archive.config), "check", "--as-of", "2023-02-01"]) == 0
    setup(archive, "date_broken: x\n")
    assert main(["-f", str(archive.config), "check", "--as-of", "2023-02-01"]) == 2


def test_upcoming_meeting_is_published_as_its_notice(archive) -> None:
    setup(archive)
    assert main(["-f", str(archive.config), "build", "--as-of", "2023-01-05"]) == 0
    html = (archive.root / "site/adachi/meetings/m1/index.html").read_text(encoding="utf-8")
    assert "開催予定" in html and "傍聴席 10席" in html and "先着順" in html
    home = (archive.root / "site/index.html").read_text(encoding="utf-8")
    assert 'id="upcoming"' in home and "meetings/m1/" in home
    assert "令和5年（2023年）1月5日時点" in html


def test_closed_item_reaches_no_file_of_the_site(archive) -> None:
    canary = "CANARY-非公開-4d1e"
    archive.write("content/adachi/meetings/13-04.md", (archive.root / "content/adachi/meetings/13-04.md")
                  .read_text(encoding="utf-8")
                  .replace("    outcome: 了承\n", "    outcome: 了承\n    access: 非公開\n"
                           "    access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため\n")
                  .replace("access: 公開", "access: 一部非公開\n"
                           "access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため")
                  .replace("続けて説明します。", f"続けて説明します。{canary}"))
    archive.write("content/adachi/cases/shimon-480.md", (archive.root / "content/adachi/cases/shimon-480.md")
                  .read_text(encoding="utf-8").replace("本文。", f"本文。{canary}"))
    assert main(["-f", str(archive.config), "build"]) == 0
    files = [p for p in (archive.root / "site").rglob("*") if p.is_file()]
    assert len(files) > 20
    for p in files:
        assert canary.encode() not in site_bytes(p), p
    meeting = (archive.root / "site/adachi/meetings/13-04/index.html").read_text(encoding="utf-8")
    assert "非公開で審議されたため" in meeting and "非開示情報" in meeting
    case = (archive.root / "site/adachi/cases/shimon-480/index.html").read_text(encoding="utf-8")
    assert "非公開で審議されたため、資料は掲載していません" in case


def test_seed_meetings_show_complete_panels_with_unknowns(tmp_path) -> None:
    result = pipeline.run(ROOT / "site_config.yml", D("2026-11-23"))
    for m in result.archive.meetings:
        kinds = {o.kind for o in m.obligations}
        assert kinds == {"notice", "materials", "record", "decision"}
        assert all(o.state in ("不明", "対象外") for o in m.obligations), m.key


def test_a_new_meeting_made_with_new_filled_in_and_built_appears_with_its_panel_and_cases(archive) -> None:
    """Issue #6's scaffold: every field explained; filled in, it builds like any other file."""
    assert main(["-f", str(archive.config), "new", "meeting", "--council", "adachi", "--id", "13-05",
                 "--session", "5"]) == 0
    assert main(["-f", str(archive.config), "new", "case", "--council", "adachi", "--id", "shimon-490"]) == 0
    assert main(["-f", str(archive.config), "new", "case", "--council", "adachi", "--id", "shimon-490"]) == 2
    assert main(["-f", str(archive.config), "check"]) == 2  # the case's title is still empty
    meeting = archive.root / "content/adachi/meetings/13-05.md"
    case = archive.root / "content/adachi/cases/shimon-490.md"
    text = meeting.read_text(encoding="utf-8")
    assert "# 開催日（例：令和5年1月10日）" in text
    meeting.write_text(text.replace("date: ~  ", "date: 令和5年3月28日")
                       .replace("agenda: []", "agenda:\n  - kind: 諮問\n    case: shimon-490\n    outcome: 了承")
                       .replace("○川合会長 （審議経過をここに記入します。", "○川合会長 開会します。（"),
                       encoding="utf-8")
    case.write_text(case.read_text(encoding="utf-8").replace('title: ""', "title: 新しい案件")
                    .replace("number: ~", "number: 諮問第490号")
                    .replace("decision: ~", "decision: {result: 了承, meeting: 13-05}")
                    .replace("（諮問書・諮問依頼書などの本文を、原資料の文言のまま記入します。）", "諮問書の本文。"),
                    encoding="utf-8")
    assert main(["-f", str(archive.config), "build", "--as-of", "2023-04-01"]) == 0
    page = (archive.root / "site/adachi/meetings/13-05/index.html").read_text(encoding="utf-8")
    assert "公開状況" in page and "新しい案件" in page and "shimon-490/" in page
