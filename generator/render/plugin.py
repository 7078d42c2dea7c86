"""The MkDocs plugin: runs the pipeline inside `mkdocs build` / `mkdocs serve`.

Only MkDocs' public plugin events and Material's `custom_dir` templates are used:
    on_config      read site_config.yml's archive section; build the nav (no case in it)
    on_pre_build   load → validate → link; invalid content stops here, before MkDocs
                   cleans site/, so a failed build leaves the previous site as it was
    on_files       add one generated page per case, meeting and listing (pages.plan)
    on_env         Jinja filters for 和暦 dates and fiscal years; which case and meeting pages
                   the last build of this process already rendered (reuse.py)
    on_page_content  the page body, rendered by markdown-it-py (body.py), and its TOC
    on_page_context  the archive objects each template draws
    on_post_page   the text of each case and meeting page, for the search index
    on_post_build  the open data exports, the feeds (Atom, iCalendar) and the search index
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import os
import signal
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .. import pipeline
from ..model import urls
from ..model.casefile import CATEGORIES
from ..model.japanese import PartialDate, fiscal_year_label
from ..model.memo import Memo
from ..outputs import exports, feeds
from ..outputs.exports import CONSULTATION_FIELDS, MEETING_FIELDS, OCD_FIELDS, TURN_FIELDS
from ..outputs.search.extract import Document, Unit, units_of
from ..outputs.search.index import write_index
from ..stages.body import Body, parse_body
from . import csp, reuse
from .pages import PageSpec, plan

log = logging.getLogger("mkdocs.plugins.council_archive")


class ArchiveConfig(base.Config):
    """Declared so MkDocs accepts the section; the fields are checked, with their lines, by
    models.ArchiveSettings (pipeline.read_settings)."""

    content_dir = c.Type(str, default="content")
    councils = c.Type(list, default=[])


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    # Set by the live preview (preview.py): the search index is written after the pages, in the
    # background, so that a saved file's page is served first.
    index_later = False

    def __init__(self) -> None:
        self.result: pipeline.Result | None = None
        # `generator build` has already run the pipeline to check the content: it hands the
        # result over here, so the pipeline runs once per build.
        self.preloaded: pipeline.Result | None = None
        self.specs: dict[str, PageSpec] = {}
        self.bodies: dict[str, Body] = {}
        # Hand-written pages' Markdown, kept from MkDocs' own Markdown (it is rendered by
        # body.py only, like every other page: untrusted text never reaches Python-Markdown).
        self.hand_written: dict[str, str] = {}
        self.search_docs: list[Document] = []
        self.nav: Navigation | None = None
        # src_uri → fingerprint of each reusable page (reuse.py), and the pages taken from the memo
        self.fingerprints: dict[str, bytes] = {}
        self.reused: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.preloaded is not None:
            self.result, self.preloaded = self.preloaded, None
        else:
            self.result = pipeline.run(Path(config.config_file_path))
        if self.result.archive is not None and self.result.archive.as_of is not None:
            # Reproducible: MkDocs dates the sitemap (and its .gz header) by SOURCE_DATE_EPOCH
            # when set, else by the clock. The as-of day is the day the site describes, so the
            # same content and as-of give the same bytes on any day.
            as_of = self.result.archive.as_of
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(
                datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp())))
        if self.result.settings and not config.nav:
            config.nav = _nav(self.result.settings.councils)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        stop_later()  # the last preview build's, before MkDocs cleans the folder it is in
        result = self.result
        assert result is not None
        # Content warnings (e.g. a cited 答申 not in the archive) are a report, not a failure:
        # at WARNING level `mkdocs build --strict` would refuse the site. `check` lists them.
        for warning in result.diagnostics.warnings:
            log.info(str(warning))
        if not result.ok:
            raise PluginError("The content has errors; nothing was published.\n"
                              + "\n".join(str(e) for e in result.diagnostics.errors))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result and self.result.archive
        self.specs = {}
        self.search_docs = []
        # Hand-written pages marked draft are left out like every other draft.
        for src_uri, fields in self.result.pages.items():
            if fields.draft and (file := files.get_file_from_path(src_uri)) is not None:
                files.remove(file)
        for spec in plan(self.result.archive):
            if files.get_file_from_path(spec.src_uri) is not None:
                continue  # unreachable: pipeline reports a hand-written page at a generated address
            self.specs[spec.src_uri] = spec
            front = f"---\ntemplate: {spec.template}\n---\n"
            files.append(File.generated(config, spec.src_uri, content=front))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # MkDocs' Jinja environment does not escape; case text is untrusted. Escape in every
        # template of ours (theme/), leave Material's templates as they are.
        theme_dir = Path(config.theme.custom_dir or "")
        ours = {p.relative_to(theme_dir).as_posix() for p in theme_dir.rglob("*.html")}
        previous = env.autoescape
        env.autoescape = lambda name: name in ours or (previous(name) if callable(previous) else previous)
        env.filters["wareki"] = lambda d: d.wareki() if isinstance(d, PartialDate) else "不明"
        env.filters["fiscal_year"] = lambda y: fiscal_year_label(y) if y is not None else "年度不明"
        env.filters["year_slug"] = urls.year_slug
        env.globals["urls"] = urls
        env.globals["section_names"] = {sid: name for sections in SECTIONS.values() for sid, name in sections}
        env.globals["wareki_day"] = lambda d: PartialDate(d.year, d.month, d.day).wareki()
        env.filters["category_slug"] = lambda name: CATEGORIES.get(name, "unknown")
        # Every page is populated (titles, TOCs, bodies): each case and meeting page's
        # fingerprint is known, and a page the last build rendered is drawn from its output.
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({_REUSED: "{{ reused }}"}), env.loader])
        env.bytecode_cache = _COMPILED
        self.fingerprints, self.reused = {}, {}
        # Another plugin may change a page in ways no fingerprint holds: then every page is drawn.
        if reuse.ENABLED and list(config.plugins) == [pipeline.PLUGIN_NAME]:
            self._find_reusable(config, files, theme_dir)
        return env

    def _find_reusable(self, config: MkDocsConfig, files: Files, theme_dir: Path) -> None:
        assert self.result and self.result.archive
        import material
        import mkdocs
        salt = hashlib.sha256()
        for part in (Path(config.config_file_path).read_bytes(), str(config.site_url).encode(),
                     repr(_nav_items(self.nav.items if self.nav else [])).encode(),
                     str(self.result.archive.as_of).encode(),
                     reuse.theme_digest([theme_dir], [mkdocs.__version__, material.__version__])):
            salt.update(b"%d:" % len(part) + part)
        digester = reuse.Digester()
        for src_uri, spec in self.specs.items():
            file = files.get_file_from_path(src_uri)
            if spec.template not in reuse.REUSABLE or file is None or file.page is None:
                continue
            page = file.page
            key = reuse.fingerprint(digester, salt.digest(), [
                spec.template, spec.url, page.url, page.title, page.meta, _toc_items(page.toc),
                page.content], spec.context)
            self.fingerprints[src_uri] = key
            output = reuse.PAGES.take(key)
            if output is not None:
                self.reused[src_uri] = output
                page.meta["template"] = _REUSED

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Material prints a page's title and description unescaped (in <title>, the header, the
        # nav, <meta>), and `title|striptags` would turn entities back into tags: every page's
        # meta is replaced by escaped values of the fields this archive reads, and the title is
        # always set, so that `meta.title` is what every template prints.
        spec = self.specs.get(page.file.src_uri)
        fields = None
        if spec is not None:
            title, description = spec.title, None
        else:
            assert self.result is not None
            fields = self.result.pages.get(page.file.src_uri)
            headings = parse_body(markdown, 1, top_level=2).headings
            # Its own title, else its first heading, else the nav's (site_config.yml), else its name.
            title = (fields.title if fields and fields.title else
                     headings[0].text if headings else page.title or Path(page.file.src_uri).stem)
            description = fields.description if fields else None
        page.meta = {"title": html.escape(title)}
        if spec is not None:
            page.meta["template"] = spec.template
        elif fields is not None and fields.template:
            page.meta["template"] = fields.template
        if description:
            page.meta["description"] = html.escape(description)
        page.title = page.meta["title"]
        if spec is None:
            self.hand_written[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            entry = spec.context.get("case") or spec.context.get("meeting")
            body = entry.body if entry is not None else Body("")
        else:  # a hand-written page: the same renderer as every other page
            body = parse_body(self.hand_written.get(page.file.src_uri, ""), 1, top_level=2)
        closed = spec is not None and getattr(spec.context.get("case"), "closed", None) is not None
        page.toc = get_toc(_toc_tokens(body, spec.template if spec else None, closed))
        return body.html

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        spec = self.specs.get(page.file.src_uri)
        assert self.result and self.result.archive
        ours = cast("dict[str, Any]", context)  # the archive's names beside MkDocs' own
        ours["archive"] = self.result.archive
        as_of = self.result.archive.as_of
        assert as_of is not None  # assess sets it
        ours["as_of_label"] = PartialDate(as_of.year, as_of.month, as_of.day).wareki()
        ours["export_fields"] = {"consultations": CONSULTATION_FIELDS, "meetings": MEETING_FIELDS,
                                 "turns": TURN_FIELDS}
        ours["ocd_fields"] = OCD_FIELDS
        if spec is not None:
            ours.update(spec.context)
        if spec is not None and spec.template in reuse.REUSABLE:
            # These pages' fingerprints hold the as-of day, not the archive: they may read no more.
            ours["archive"] = _AsOfOnly(as_of)
        if page.file.src_uri in self.reused:
            ours["reused"] = self.reused[page.file.src_uri]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # Only what the page shows is indexed: closed parts and drafts never reach a page.
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.template in ("case.html", "meeting.html"):
            self.search_docs.append(_search_document(spec, output))
        key = self.fingerprints.get(page.file.src_uri)
        if key is not None and page.file.src_uri not in self.reused:
            reuse.PAGES.put(key, output)
        return csp.with_policy(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        archive = self.result.archive if self.result else None
        assert archive is not None and archive.as_of is not None
        site = Path(config.site_dir)
        self.search_docs.sort(key=lambda d: d.url)
        docs, councils = self.search_docs, {c.id: c.name for c in archive.councils}

        def outputs() -> None:
            # Every other output is data, (path, bytes), written here and only here.
            for path, data in [*exports.files(archive), *feeds.files(archive, config.site_url, config.site_name)]:
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            write_index(docs, site / urls.SEARCH_INDEX, councils=councils)

        if self.index_later:
            _in_background(outputs)
        else:
            outputs()


# The live preview's exports, feeds and search index, written after its pages by a child process
# (forked: it shares the build's memory, takes none of the server's time, and can be stopped):
# the preview answers first, the data and search follow a moment later. A save made before
# they are written stops them — they describe content that is no longer there — and the next
# build writes its own; if that build fails and the last site comes back, they are written
# again for it. Only one is ever running.
_later: int | threading.Thread | None = None
_job: Callable[[], None] | None = None          # what _later is doing
_interrupted: Callable[[], None] | None = None  # the job of the site set aside, stopped unfinished


def _in_background(job: Callable[[], None]) -> None:
    global _later, _job
    _stop()
    _job = job
    if not hasattr(os, "fork"):
        _later = threading.Thread(target=job, name="exports-and-search-index", daemon=True)
        _later.start()
        return
    pid = os.fork()
    if pid == 0:  # the child: write, and leave without running any of the parent's clean-up
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops it, never unwinds into serve's code
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        status = 1
        try:
            job()
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)
    _later = pid


def wait_for_index() -> bool:
    """Until the preview's exports and index are written; False if writing them failed."""
    global _later, _job
    later, _later, _job = _later, None, None
    if isinstance(later, threading.Thread):
        later.join()
    elif later is not None:
        _, status = os.waitpid(later, 0)
        if status != 0 and not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            log.error("プレビューのオープンデータと検索索引を書き出せませんでした（上の Traceback を"
                      "開発者に伝えてください）。ページはそのまま確認できます")
        return status == 0
    return True


def _stop() -> Callable[[], None] | None:
    """Stop the job being written; returns it if it had not finished."""
    if isinstance(_later, int):
        with contextlib.suppress(ProcessLookupError):  # it has just finished
            os.kill(_later, signal.SIGKILL)
    job = _job
    return None if wait_for_index() else job


def stop_later() -> None:
    """A new build starts and the site is set aside: stop what is being written into it, and
    remember it if it had not finished (the build may fail and the site come back)."""
    global _interrupted
    if _later is not None:
        _interrupted = _stop()


def build_succeeded() -> None:
    """The new site stands: the set-aside one, and what it left unwritten, are gone for good."""
    global _interrupted
    _interrupted = None


def discard_later() -> None:
    """The build failed: what it started writing goes with its site."""
    _stop()


def resume_later() -> None:
    """The last good site has come back (the build after it failed): write again what a save stopped."""
    global _interrupted
    job, _interrupted = _interrupted, None
    if job is not None:
        _in_background(job)


# A page's search units are a pure function of its HTML: the live preview reuses them for every
# page a save did not change (keyed by the page's digest, not the page, to hold less).
_UNITS: Memo[list[Unit]] = Memo()


def _units(output: str) -> list[Unit]:
    key = hashlib.sha256(output.encode("utf-8")).digest()
    return list(_UNITS.get(key, lambda: units_of(output)))


def _search_document(spec: PageSpec, output: str) -> Document:
    case, meeting = spec.context.get("case"), spec.context.get("meeting")
    if case is not None:
        m = case.model
        return Document(
            url=spec.url, title=m.title, number=m.number or "", council=case.council.id,
            fiscal_year=str(case.fiscal_year or ""), kind=m.kind, category=m.categories,
            department=m.departments, outcome=m.decision.result if m.decision else "",
            date=case.date.wareki() if case.date else "", iso=case.date.iso() if case.date else "",
            bases=[b.article for b in m.bases if b.article], units=_units(output))
    assert meeting is not None  # only case and meeting pages are indexed
    m = meeting.model
    return Document(
        url=spec.url, title=meeting.title, number=meeting.label, council=meeting.council.id,
        fiscal_year=str(meeting.fiscal_year or ""), kind="会議", date=m.date.wareki() if m.date else "",
        iso=m.date.iso() if m.date else "", units=_units(output))


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled by an earlier build of this process (`serve`): Jinja checks each
    against its source's checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()
_REUSED = "_reused_page.html"  # the template of a page taken from the last build: its output


class _AsOfOnly:
    """The `archive` a case or meeting page is given: its as-of day, and an error for anything
    else (Jinja would print nothing for a missing attribute; a page reading more of the archive
    than its fingerprint holds must fail the build, not be reused stale)."""

    def __init__(self, as_of) -> None:
        self.as_of = as_of

    def __getattr__(self, name: str):
        raise RuntimeError(f"case and meeting templates read only archive.as_of (reuse.py), not archive.{name}")


def _nav_items(items) -> list:
    return [(type(i).__name__, str(i.title), getattr(i, "url", None), _nav_items(getattr(i, "children", None) or []))
            for i in items]


def _toc_items(toc) -> list:
    return [(link.title, link.id, link.level, _toc_items(link.children)) for link in toc]


def _nav(councils) -> list:
    return [
        {"ホーム": urls.source(urls.HOME)},
        {"審議会・審査会": [{cl.name: urls.source(urls.council(cl))} for cl in councils]},
        {"年度別": urls.source(urls.YEARS)},
        {"分類別": urls.source(urls.CATEGORIES)},
        {"担当課別": urls.source(urls.DEPARTMENTS)},
        {"公開状況一覧": urls.source(urls.DISCLOSURE)},
        {"検索": urls.source(urls.SEARCH)},
        {"オープンデータ": urls.source(urls.DATA)},
        {"このアーカイブについて": "about.md"},  # the hand-written content/pages/about.md
    ]


# The h2 sections each template draws around the body (ids as in theme/*.html).
# The sections of the case and meeting pages, in order: their <h2> (templates call a.h2(id))
# and their table of contents are made from this one table.
SECTIONS = {
    "case.html": [("summary", "概要"), ("citations", "引用している答申"), ("cited-by", "被引用"),
                  ("document", "資料")],
    "meeting.html": [("summary", "概要"), ("agenda", "会議次第"), ("disclosure", "公開状況"),
                     ("materials", "配付資料"),
                     ("minutes", "審議経過"), ("next", "次回開催")],
}
_BODY_SECTION = {"case.html": "document", "meeting.html": "minutes"}


def _toc_tokens(body: Body, template: str | None, closed: bool = False) -> list[Any]:
    """The page's table of contents: the template's sections, the body's top two levels."""
    nested: list[dict] = []
    if body.headings:
        top = min(h.level for h in body.headings)
        for h in body.headings:
            # Material prints TOC names unescaped; a heading's text is untrusted.
            token = {"level": h.level, "id": h.id, "name": html.escape(h.text), "children": []}
            if h.level == top or not nested:
                nested.append(token)
            elif h.level == top + 1:
                nested[-1]["children"].append(token)
    sections = SECTIONS.get(template or "")
    if sections is None:
        return nested if template is None else []
    tokens = []
    for sid, name in sections:
        children = nested if _BODY_SECTION.get(template or "") == sid else []
        if sid == "document" and not closed and not body.headings and not body.html.strip():
            continue
        tokens.append({"level": 2, "id": sid, "name": name, "children": children})
    return tokens
