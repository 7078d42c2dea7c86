"""Feeds: a council's upcoming meetings as iCalendar, and what was published as Atom.

Pure functions of the linked `Archive`, returning the file's bytes; the plugin writes them.
Like every other output, feeds see only what the link stage publishes: drafts are gone, and a
feed carries titles, dates, places and the public closure reasons, never a case's documents or
a meeting's minutes, so that a closed part cannot leak through a feed.

- `ics_for_council`: iCalendar (RFC 5545), built with the `icalendar` library, which folds
  lines, escapes TEXT values and writes the VTIMEZONE for Asia/Tokyo.
- `atom_feed`: Atom 1.0 (RFC 4287), built with the standard library's ElementTree. The feed
  uses a handful of elements; feedgen 1.0 would add lxml and dateutil to the site's runtime
  dependencies, prepends each added entry by default and puts the current time into any date
  left unset. ElementTree escapes text and attribute values itself and gives the same bytes
  for the same archive and as-of day, as the rest of the site (checked by a golden digest).

Control characters, which neither XML 1.0 nor iCalendar TEXT can carry and which a YAML
"\\x01" escape can put into a title, are dropped from both feeds' text.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

from ..model import urls
from ..model.archive import Archive, MeetingEntry
from ..model.casefile import Notice
from ..model.japanese import PartialDate

TOKYO = ZoneInfo("Asia/Tokyo")
JST = timezone(timedelta(hours=9))  # Japan has kept +09:00 without DST since 1951
PRODID = "-//council-archive//情報公開・個人情報保護審議会アーカイブ//JA"
UID_DOMAIN = "council-archive"
SITE_NAME = "情報公開・個人情報保護審議会アーカイブ"
MAX_ENTRIES = 100

# Atom entry ids are urn:uuid:<uuid5(ATOM_NAMESPACE, key)>. Never change this value: readers
# recognise entries they have already shown by their ids.
ATOM_NAMESPACE = uuid.UUID("6f1d3c1e-5a0b-4d36-9b7e-2c0b8e5f4a21")
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# --- iCalendar ------------------------------------------------------------------------------


def ics_for_council(archive: Archive, council_id: str, as_of: date, site_url: str | None) -> bytes:
    """The council's meetings on or after `as_of` (dated to the day) as an iCalendar feed.

    One VEVENT a meeting, in Asia/Tokyo: timed when the start is known, else all-day. DTEND
    only when the end is known (no duration is guessed). A calendar with no upcoming meeting
    is still a valid calendar, without VEVENTs.
    """
    council = next((c for c in archive.councils if c.id == council_id), None)
    if council is None:
        raise ValueError(f"unknown council '{council_id}'")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", council.name)
    cal.add("name", council.name)  # RFC 7986's name for what X-WR-CALNAME says
    cal.add("x-wr-timezone", "Asia/Tokyo")
    # DTSTAMP is required; the as-of day (not the clock) keeps the output reproducible.
    stamp = datetime.combine(as_of, time(0, 0), TOKYO).astimezone(UTC)
    for meeting in archive.council_meetings(council_id):
        d = meeting.model.date
        if d is None or d.precision != "day" or d.earliest() < as_of:
            continue
        cal.add_component(_event(meeting, d.earliest(), stamp, site_url))
    cal.add_missing_timezones()  # a VTIMEZONE for every TZID used (RFC 5545 §3.2.19)
    return cal.to_ical()


def _event(meeting: MeetingEntry, day: date, stamp: datetime, site_url: str | None) -> icalendar.Event:
    m = meeting.model
    council = meeting.council
    event = icalendar.Event()
    event.add("uid", f"{council.municipality_code}-{council.id}-{meeting.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    if m.start:
        start = datetime.combine(day, time.fromisoformat(m.start), TOKYO)
        event.add("dtstart", start)
        if m.end:
            end = datetime.combine(day, time.fromisoformat(m.end), TOKYO)
            if end > start:
                event.add("dtend", end)
    else:
        event.add("dtstart", day)  # VALUE=DATE: all day (RFC 5545: one day when no DTEND)
    event.add("summary", _printable(meeting.title))
    if m.place:
        event.add("location", _printable(m.place))
    event.add("description", _printable(_description(meeting)))
    if site_url:
        event.add("url", _absolute(site_url, meeting.url))
    return event


def _description(meeting: MeetingEntry) -> str:
    """Agenda titles, open or closed (with the reasons), and how to attend: as the page says."""
    m = meeting.model
    lines = []
    if meeting.agenda:
        lines.append("議題：")
        lines += [f"・{a.title}" for a in meeting.agenda if a.title]
    access: str = m.access or "不明"
    if m.access_reason:
        access += f"（理由：{m.access_reason}）"
    lines.append(f"公開・非公開：{access}")
    for a in meeting.agenda:
        if a.item.access == "非公開":
            lines.append(f"{a.title}：非公開（理由：{a.item.access_reason}）")
    if isinstance(m.notice, Notice):
        if m.notice.seats is not None:
            lines.append(f"傍聴席：{m.notice.seats}席")
        if m.notice.how_to_attend:
            lines.append(f"傍聴の手続：{m.notice.how_to_attend}")
    return "\n".join(lines)


# --- Atom -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    key: str        # stable: the entry's id is derived from it
    updated: date
    title: str
    summary: str
    url: str        # relative to the site root


def atom_feed(archive: Archive, as_of: date, site_url: str | None, *,
              site_name: str = SITE_NAME, path: str = urls.FEED) -> bytes:
    """What the archive published, newest first, at most 100 entries dated on or before `as_of`.

    Entries: each case (dated by `CaseEntry.date` at its earliest day; undated cases are left
    out), each meeting record published (`record_published`), each record finalised (dated by
    the meeting that approved it). `path` is where the feed lies relative to the site root:
    the feed's self link and, without `site_url`, the relative hrefs (no xml:base) are
    computed from it.
    """
    entries = sorted((e for e in _entries(archive) if e.updated <= as_of),
                     key=lambda e: (-e.updated.toordinal(), e.key))[:MAX_ENTRIES]

    def href(url: str) -> str:
        if site_url:
            return _absolute(site_url, url)
        # Site URLs are relative to the root; the feed lies `depth` folders below it.
        return "../" * path.strip("/").count("/") + url or "./"

    # Unqualified tags under a literal xmlns: ElementTree's default_namespace option refuses
    # the (rightly) unqualified attributes, and register_namespace would be process-wide.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "ja"})
    _sub(feed, "id", _urn("feed"))
    _sub(feed, "title", f"{site_name} 更新情報")
    _sub(feed, "updated", _timestamp(entries[0].updated if entries else as_of))
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    _sub(feed, "link", rel="alternate", type="text/html", href=href(""))
    if site_url:
        _sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, path))
    _sub(feed, "generator", "council-archive")
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _urn(e.key))
        _sub(entry, "title", e.title)
        _sub(entry, "updated", _timestamp(e.updated))
        _sub(entry, "link", rel="alternate", type="text/html", href=href(e.url))
        if e.summary:
            _sub(entry, "summary", e.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entries(archive: Archive):
    """Every dated publication in the archive, unfiltered and unsorted."""
    for case in archive.cases:
        if case.date is None:
            continue
        consultation = case.model
        title = case.full_title
        summary = "／".join([case.council.name, consultation.kind]
                           + (["、".join(consultation.departments)] if consultation.departments else []))
        yield _Entry(f"case:{case.key}", case.date.earliest(), title, summary, case.url)
    meetings = {(mt.council.id, mt.id): mt for mt in archive.meetings}
    for meeting in archive.meetings:
        m = meeting.model
        record = m.record or "会議録"
        summary = meeting.council.name + (f"　{m.date.wareki()}開催" if m.date else "")
        if isinstance(m.record_published, PartialDate):
            yield _Entry(f"record:{meeting.key}", m.record_published.earliest(),
                         f"{meeting.title}の{record}を公開", summary, meeting.url)
        approver = meetings.get((meeting.council.id, m.record_approved_at or ""))
        if m.record_state == "確定" and approver is not None and approver.model.date is not None:
            yield _Entry(f"record-final:{meeting.key}", approver.model.date.earliest(),
                         f"{meeting.title}の{record}が確定", summary, meeting.url)


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, name, {k: _printable(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _printable(text)
    return el


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _printable(text: str) -> str:
    """Text without the characters XML 1.0 and iCalendar TEXT forbid (tab and newline stay):
    ElementTree escapes & < > and quotes but writes those as they are."""
    return _CONTROLS.sub("", text)


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ATOM_NAMESPACE, key)}"


def _timestamp(day: date) -> str:
    """RFC 3339, as Atom requires: the day's start in Japan."""
    return datetime.combine(day, time(0, 0), JST).isoformat()


def _absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def files(archive: Archive, site_url: str | None, site_name: str) -> list[tuple[str, bytes]]:
    """The feeds as (path under the site, bytes): the Atom feed of publications and each
    council's iCalendar of upcoming meetings."""
    assert archive.as_of is not None  # assess sets it
    out = [(urls.FEED, atom_feed(archive, archive.as_of, site_url, site_name=site_name))]
    out += [(urls.calendar(council), ics_for_council(archive, council.id, archive.as_of, site_url))
            for council in archive.councils]
    return out
