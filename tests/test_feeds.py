"""The feeds: a council's upcoming meetings (iCalendar) and what was published (Atom).

A small archive is written around the conftest one, with meetings after a fixed as-of day, a
closed agenda item whose minutes and documents carry canary strings, and a draft case. The
.ics is read back with icalendar; the Atom feed is validated against RFC 4287's RELAX NG schema
(tests/fixtures/atom.rng, converted from the RFC's Appendix B) and the two Schematron rules the
schema states in annotations.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from lxml import etree

from generator import pipeline
from generator.model.archive import Archive
from generator.outputs.feeds import atom_feed, ics_for_council

from .conftest import CONFIG, ROOT

AS_OF = date(2023, 1, 5)
SITE_URL = "https://example.jp/archive/"
TOKYO = ZoneInfo("Asia/Tokyo")
A = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "fixtures" / "atom.rng")))

MINUTES_CANARY = "CANARY-CLOSED-MINUTES-7f3a"
CASE_CANARY = "CANARY-CLOSED-CASE-91c2"
OPEN_BODY = "OPEN-CASE-BODY-5d0e"
DRAFT_CANARY = "CANARY-DRAFT-CASE-2b8f"

SECOND_COUNCIL = """\
        - id: shinjuku
          name: 新宿区情報公開・個人情報保護審議会
          municipality: 新宿区
          municipality_code: "131041"
          kind: 審議会
"""

FILES = {
    # Past, partly closed: 諮問第481号 was deliberated in a closed item. Its record was published
    # on 2023-01-04 and approved at 13-05, a meeting after the as-of day.
    "content/adachi/meetings/13-04.md": f"""\
        ---
        term: 13
        session: 4
        date: 令和4年12月27日
        start: 午前10時00分
        end: 午後0時19分
        access: 一部非公開
        access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため
        record: 会議録
        record_state: 確定
        record_approved_at: 13-05
        record_published: 2023-01-04
        agenda:
          - kind: 諮問
            case: shimon-480
          - kind: 諮問
            case: shimon-481
            access: 非公開
            access_reason: 非開示情報（個人に関する情報等）が含まれる事項を審議するため
        ---
        ## (4) 審議事項

        ### [諮問第 480 号]おたふくかぜワクチン

        公開の審議。

        ### [諮問第 481 号]生活保護システムの改修

        {MINUTES_CANARY} 非公開の審議の内容。
        """,
    # Past: its 要録 was published and approved at 13-04 (2022-12-27).
    "content/adachi/meetings/13-03.md": """\
        ---
        term: 13
        session: 3
        date: 2022-11-10
        start: "14:00"
        access: 公開
        record: 要録
        record_state: 確定
        record_approved_at: 13-04
        record_published: 2022-11-30
        ---
        審議経過。
        """,
    # Upcoming: timed, with its notice. The place needs escaping in iCalendar.
    "content/adachi/meetings/13-05.md": """\
        ---
        term: 13
        session: 5
        date: 令和5年1月20日
        start: "10:00"
        end: "12:00"
        place: 足立区役所 中央館8階; 特別会議室, 南側
        access: 公開
        notice:
          published: 2023-01-06
          seats: 10
          how_to_attend: 当日先着順（午前9時30分から受付）
        agenda:
          - kind: その他
            title: 第十三期・第4回会議録の確認
          - kind: 報告
            title: マンション管理計画の認定制度について
        ---
        """,
    # Upcoming: the end is not known (no DTEND is guessed); the notice is unknown.
    "content/adachi/meetings/13-06.md": """\
        ---
        term: 13
        session: 6
        date: 2023-02-10
        start: "14:00"
        notice: 不明
        ---
        """,
    # Upcoming, the time not known: an all-day event.
    "content/adachi/meetings/13-07.md": """\
        ---
        term: 13
        session: 7
        date: 2023-03-15
        ---
        """,
    # A month alone: not a calendar event.
    "content/adachi/meetings/13-08.md": """\
        ---
        term: 13
        session: 8
        date: 2023-04
        ---
        """,
    # A draft meeting: on no file of the site.
    "content/adachi/meetings/13-09.md": """\
        ---
        term: 13
        session: 9
        date: 2023-01-25
        start: "10:00"
        draft: true
        ---
        """,
    "content/adachi/cases/shimon-480.md": f"""\
        ---
        kind: 諮問
        number: 諮問第480号
        title: おたふくかぜワクチン任意予防接種実施にかかる業務委託
        department: 保健予防課
        bases:
          - category: 外部委託
        meetings: [13-04]
        ---
        {OPEN_BODY} 諮問書の本文。
        """,
    "content/adachi/cases/shimon-481.md": f"""\
        ---
        kind: 諮問
        number: 諮問第481号
        title: 生活保護システムの改修 <A&B> "試行"
        department: [福祉部, 情報システム課]
        bases:
          - category: 処理開発
        request:
          date: 令和4年12月1日
        meetings: [13-04]
        ---
        {CASE_CANARY} 非公開で審議された諮問書。
        """,
    # No date at all: not in the feed.
    "content/adachi/cases/hokoku-undated.md": """\
        ---
        kind: 報告
        title: 日付の分からない報告
        ---
        """,
    # Dated after the as-of day: not yet.
    "content/adachi/cases/shimon-482.md": """\
        ---
        kind: 諮問
        number: 諮問第482号
        title: 学童メールシステムの導入
        request:
          date: 2023-01-10
        ---
        """,
    "content/adachi/cases/shimon-499.md": f"""\
        ---
        kind: 諮問
        number: 諮問第499号
        title: {DRAFT_CANARY} 下書きの諮問
        request:
          date: 2022-12-02
        draft: true
        ---
        {DRAFT_CANARY}
        """,
}


def build(fixture, files: dict[str, str] = FILES, as_of: date = AS_OF) -> Archive:
    fixture.write("site_config.yml", CONFIG.format(theme=ROOT / "theme", code="131211") + SECOND_COUNCIL)
    for rel, text in files.items():
        fixture.write(rel, text)
    result = pipeline.run(fixture.config, as_of=as_of)
    assert result.ok, [str(d) for d in result.diagnostics.errors]
    return result.archive


@pytest.fixture
def feeds_archive(archive) -> Archive:
    return build(archive)


def events(ics: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def uid(meeting: str) -> str:
    return f"131211-adachi-{meeting}@council-archive"


def atom(feeds_archive: Archive, as_of: date = AS_OF, site_url: str | None = None, **kw) -> etree._Element:
    data = atom_feed(feeds_archive, as_of, site_url, **kw)
    root = etree.fromstring(data)
    assert SCHEMA.validate(root), SCHEMA.error_log
    return root


# --- iCalendar ------------------------------------------------------------------------------


def test_ics_has_exactly_the_upcoming_meetings_in_tokyo_time(feeds_archive: Archive) -> None:
    ics = ics_for_council(feeds_archive, "adachi", AS_OF, SITE_URL)
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["X-WR-CALNAME"]) == "足立区情報公開・個人情報保護審議会"
    assert "council-archive" in str(cal["PRODID"])
    assert str(cal["VERSION"]) == "2.0"
    found = events(ics)
    # Not the past meetings (13-03, 13-04), the month-only one (13-08) or the draft (13-09).
    assert set(found) == {uid("13-05"), uid("13-06"), uid("13-07")}
    # Every TZID used has its VTIMEZONE.
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]

    timed = found[uid("13-05")]
    start, end = timed["DTSTART"], timed["DTEND"]
    assert start.dt == datetime(2023, 1, 20, 10, 0, tzinfo=TOKYO)
    assert end.dt == datetime(2023, 1, 20, 12, 0, tzinfo=TOKYO)
    assert start.params["TZID"] == "Asia/Tokyo" and str(start.dt.tzinfo) == "Asia/Tokyo"
    assert str(timed["SUMMARY"]) == "足立区情報公開・個人情報保護審議会 第十三期・第5回"
    assert str(timed["LOCATION"]) == "足立区役所 中央館8階; 特別会議室, 南側"
    assert str(timed["URL"]) == "https://example.jp/archive/adachi/meetings/13-05/"
    description = str(timed["DESCRIPTION"])
    for text in ("第十三期・第4回会議録の確認", "マンション管理計画の認定制度について",
                 "公開・非公開：公開", "傍聴席：10席", "当日先着順(午前9時30分から受付)"):
        assert text in description
    assert "DTSTAMP" in timed

    no_end = found[uid("13-06")]
    assert no_end["DTSTART"].dt == datetime(2023, 2, 10, 14, 0, tzinfo=TOKYO)
    assert "DTEND" not in no_end and "DURATION" not in no_end  # no guessed duration
    assert "傍聴席" not in str(no_end["DESCRIPTION"])           # notice: 不明

    all_day = found[uid("13-07")]
    assert all_day["DTSTART"].dt == date(2023, 3, 15)  # a date, not a datetime: all day
    assert "DTEND" not in all_day and "LOCATION" not in all_day


def test_ics_includes_a_meeting_on_the_as_of_day_and_stays_stable(feeds_archive: Archive) -> None:
    ics = ics_for_council(feeds_archive, "adachi", date(2023, 1, 20), None)
    assert uid("13-05") in events(ics)
    assert all("URL" not in e for e in events(ics).values())  # no site URL: no URL
    assert ics == ics_for_council(feeds_archive, "adachi", date(2023, 1, 20), None)


def test_ics_of_a_council_without_upcoming_meetings_is_a_valid_empty_calendar(feeds_archive: Archive) -> None:
    ics = ics_for_council(feeds_archive, "shinjuku", AS_OF, SITE_URL)
    cal = icalendar.Calendar.from_ical(ics)
    assert cal.name == "VCALENDAR" and "PRODID" in cal and "VERSION" in cal
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == "新宿区情報公開・個人情報保護審議会"
    with pytest.raises(ValueError):
        ics_for_council(feeds_archive, "nowhere", AS_OF, SITE_URL)


# --- Atom -----------------------------------------------------------------------------------


def entries(root: etree._Element) -> list[dict[str, str]]:
    return [{"id": e.findtext(f"{A}id"), "title": e.findtext(f"{A}title"),
             "updated": e.findtext(f"{A}updated"), "href": e.find(f"{A}link").get("href"),
             "rel": e.find(f"{A}link").get("rel")}
            for e in root.iter(f"{A}entry")]


def test_atom_is_valid_newest_first_and_only_up_to_the_as_of_day(feeds_archive: Archive) -> None:
    root = atom(feeds_archive)
    # The schema's Schematron annotations, which RELAX NG does not check: the feed has an
    # author, and every entry a link to its page.
    assert root.find(f"{A}author/{A}name") is not None
    got = entries(root)
    assert all(e["rel"] == "alternate" for e in got)
    assert [(e["updated"][:10], e["title"]) for e in got] == [
        ("2023-01-04", "足立区情報公開・個人情報保護審議会 第十三期・第4回の会議録を公開"),
        ("2022-12-27", "諮問第480号 おたふくかぜワクチン任意予防接種実施にかかる業務委託"),
        ("2022-12-27", "足立区情報公開・個人情報保護審議会 第十三期・第3回の要録が確定"),
        ("2022-12-01", '諮問第481号 生活保護システムの改修 <A&B> "試行"'),
        ("2022-11-30", "足立区情報公開・個人情報保護審議会 第十三期・第3回の要録を公開"),
    ]
    assert got[0]["updated"] == "2023-01-04T00:00:00+09:00"
    assert root.findtext(f"{A}updated") == got[0]["updated"]  # the newest entry's
    summary = next(e for e in root.iter(f"{A}entry")
                   if e.findtext(f"{A}title").startswith("諮問第481号")).findtext(f"{A}summary")
    assert summary == "足立区情報公開・個人情報保護審議会／諮問／福祉部、情報システム課"


def test_atom_later_the_record_approved_after_the_as_of_day_appears(feeds_archive: Archive) -> None:
    got = entries(atom(feeds_archive, as_of=date(2023, 2, 1)))
    titles = [e["title"] for e in got]
    final = "足立区情報公開・個人情報保護審議会 第十三期・第4回の会議録が確定"
    assert titles[0] == final and got[0]["updated"] == "2023-01-20T00:00:00+09:00"
    assert "諮問第482号 学童メールシステムの導入" in titles  # requested 2023-01-10
    updated = [e["updated"] for e in got]
    assert updated == sorted(updated, reverse=True)


def test_atom_ids_are_absolute_stable_and_unique(feeds_archive: Archive) -> None:
    root = atom(feeds_archive)
    ids = [root.findtext(f"{A}id")] + [e["id"] for e in entries(root)]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)
    # uuid5 of a fixed namespace and 'case:adachi/shimon-480': the same in every build, and
    # the same as the seed site's (changing the namespace would re-announce every entry).
    case_480 = next(e for e in entries(root) if e["title"].startswith("諮問第480号"))
    assert case_480["id"] == "urn:uuid:e7b9c6f3-8935-5a83-b070-d5744c64630b"
    assert atom_feed(feeds_archive, AS_OF, None) == atom_feed(feeds_archive, AS_OF, None)


def test_atom_links_relative_without_site_url_absolute_with(feeds_archive: Archive) -> None:
    for path, prefix in (("feed.xml", ""), ("feeds/atom.xml", "../")):
        root = atom(feeds_archive, path=path)
        assert not any(k.endswith("}base") for el in root.iter() for k in el.attrib)  # no xml:base
        hrefs = {e["title"]: e["href"] for e in entries(root)}
        assert hrefs["諮問第480号 おたふくかぜワクチン任意予防接種実施にかかる業務委託"] == \
            prefix + "adachi/cases/shimon-480/"
        assert root.find(f"{A}link[@rel='self']") is None
    root = atom(feeds_archive, site_url=SITE_URL)
    assert {e["href"] for e in entries(root)} >= {
        "https://example.jp/archive/adachi/cases/shimon-480/",
        "https://example.jp/archive/adachi/meetings/13-04/"}
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://example.jp/archive/feed.xml"


def test_closed_minutes_case_bodies_and_drafts_never_reach_a_feed(feeds_archive: Archive) -> None:
    meeting = next(m for m in feeds_archive.meetings if m.id == "13-04")
    assert MINUTES_CANARY in meeting.record.body  # the canaries are really in the sources
    assert all(c.id != "shimon-499" for c in feeds_archive.cases)  # the link stage dropped it
    feeds = [atom_feed(feeds_archive, date(2030, 1, 1), site_url) for site_url in (None, SITE_URL)]
    feeds += [ics_for_council(feeds_archive, "adachi", date(2022, 1, 1), SITE_URL)]
    for data in feeds:
        text = data.decode("utf-8")
        for canary in (MINUTES_CANARY, CASE_CANARY, OPEN_BODY, DRAFT_CANARY, "下書きの諮問"):
            assert canary not in text
    # The closed item itself is public: its title and the reason, as on the meeting page.
    assert "生活保護システムの改修" in feeds[2].decode("utf-8").replace("\r\n ", "")


def test_atom_without_entries_is_valid_and_dated_by_the_as_of_day(feeds_archive: Archive) -> None:
    root = atom(feeds_archive, as_of=date(2000, 1, 1))
    assert entries(root) == []
    assert root.findtext(f"{A}updated") == "2000-01-01T00:00:00+09:00"
    assert root.find(f"{A}author/{A}name") is not None  # the feed's author covers entries


def test_atom_escapes_markup_in_titles(archive) -> None:
    """Markup in a title stays text. (What XML cannot carry at all — control characters — is
    refused in every one-line field before any feed is written: tests/test_adversarial.py.)"""
    files = {"content/adachi/cases/shimon-481.md": """\
        ---
        kind: 諮問
        number: 諮問第481号
        title: "</title><script>x</script> & 制御文字"
        request:
          date: 2022-12-01
        ---
        """}
    root = atom(build(archive, files))
    titles = [e["title"] for e in entries(root)]
    assert "諮問第481号 </title><script>x</script> & 制御文字" in titles
    assert root.find(f".//{A}script") is None


def test_atom_holds_at_most_100_entries(archive) -> None:
    files = {f"content/adachi/cases/c{i:03d}.md": f"""\
        ---
        kind: 報告
        title: 報告{i}
        request:
          date: {date.fromordinal(date(2023, 1, 1).toordinal() + i).isoformat()}
        ---
        """ for i in range(120)}
    got = entries(atom(build(archive, files), as_of=date(2030, 1, 1)))
    assert len(got) == 100
    assert got[0]["title"] == "報告119" and got[-1]["title"] == "報告20"  # the newest 100
