"""The site's addresses: every page and file the archive makes is named here, and only here.

Each function returns an address relative to the site's root, the form MkDocs's `url` filter
takes (`{{ urls.case(c) | url }}` in a template makes it relative to the page it is on). The
templates reach this module as the Jinja global `urls` (render/plugin.py registers it, as
Datasette's `url_builder` is registered); the page plan, the exports, the feeds, the nav and the
check that hand-written pages take no generated address read it as Python.

    /                                   home: councils, latest meetings and cases
    /<council>/                         a council: its meetings and cases by 年度
    /<council>/cases/<case>/            a case (諮問・報告)
    /<council>/meetings/<meeting>/      a meeting and its minutes
    /<council>/departments/             the council's cases by 担当課
    /<council>/missing/                 答申 its cases cite that the archive does not hold
    /<council>/meetings.ics             its meetings to come (iCalendar)
    /years/  /years/<yyyy>/             all councils by 年度 (/years/unknown/ for 年度不明)
    /categories/  /categories/<slug>/   all councils by 分類 (/categories/unknown/ for none)
    /disclosure/  /disclosure/<yyyy>/   公開状況: yearly summary; meetings × obligations per 年度
    /departments/                       担当課 lists, per council
    /search/  /data/  /about/           search, open data, the hand-written page about the archive
    /data/<name>.json|csv  /feed.xml  /search-index/   the exports, the Atom feed, the index
"""

from __future__ import annotations

from typing import Protocol

HOME = ""
YEARS = "years/"
CATEGORIES = "categories/"
DISCLOSURE = "disclosure/"
DEPARTMENTS = "departments/"
SEARCH = "search/"
DATA = "data/"
ABOUT = "about/"
FEED = "feed.xml"
SEARCH_INDEX = "search-index/"
SEARCH_ASSETS = "assets/search/"
SITEMAP = "sitemap.xml"


class _Entry(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def council(self) -> _Council: ...


class _Council(Protocol):
    @property
    def id(self) -> str: ...


def council(c: _Council | str) -> str:
    return f"{c if isinstance(c, str) else c.id}/"


def case(c: _Entry) -> str:
    return f"{c.council.id}/cases/{c.id}/"


def meeting(m: _Entry) -> str:
    return f"{m.council.id}/meetings/{m.id}/"


def council_departments(c: _Council | str) -> str:
    return council(c) + "departments/"


def missing(c: _Council | str) -> str:
    return council(c) + "missing/"


def calendar(c: _Council | str) -> str:
    return council(c) + "meetings.ics"


def year_slug(year: int | None) -> str:
    """A 年度's part of an address: 2020, or `unknown` for 年度不明."""
    return str(year) if year is not None else "unknown"


def year(y: int | None) -> str:
    return f"{YEARS}{year_slug(y)}/"


def category(slug: str | None) -> str:
    return f"{CATEGORIES}{slug or 'unknown'}/"


def disclosure(y: int | None) -> str:
    return f"{DISCLOSURE}{year_slug(y)}/"


def data(name: str = "") -> str:
    return DATA + name


def reserved_files(council_ids: list[str]) -> tuple[str, ...]:
    """Files (and folders, ending in /) the build writes beside the pages."""
    return (DATA, SEARCH_INDEX, FEED, SITEMAP, SITEMAP + ".gz", SEARCH_ASSETS,
            *(calendar(c) for c in council_ids))


def source(url: str) -> str:
    """The page file MkDocs is given for an address (its folder's index.md, so that the address
    is the one asked for whatever the page's name)."""
    return "index.md" if url == HOME else f"{url}index.md"


def of_source(src_uri: str) -> str:
    """The address MkDocs gives a page file (README.md is its folder's index.md, as in MkDocs)."""
    stem = src_uri.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    if name == "README":
        stem = f"{folder}/index" if folder else "index"
    if stem == "index":
        return HOME
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


# --- The addresses the search client needs --------------------------------------------------

ADDRESSES_JS = "theme/assets/search/addresses.js"


def addresses_js() -> str:
    """The index's folder as the search client's JavaScript module (ADDRESSES_JS): the browser
    fetches the index where the generator wrote it, from this one scheme. A module beside the
    client rather than an attribute of the page, so that nothing a page holds can move it.
    tests/test_search_index.py checks the file is this."""
    return ("// Generated from generator/model/urls.py by `python -m generator schema`;\n"
            "// do not edit: a test checks that this file is what the generator writes.\n"
            f"export const SEARCH_INDEX = {SEARCH_INDEX!r};\n".replace("'", '"'))
