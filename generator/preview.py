"""`python -m generator serve`: the live preview, which shows content errors in the browser.

MkDocs' own `serve` keeps serving the last good site and holds every request until a build
succeeds: on invalid content the browser spins (issue 15: one request hung ten minutes). Here a
failed build is a finished build too. Its result is a page that lists every error and warning
in Japanese — file, line, field, what to do — served at every address of the preview; saving a
fix rebuilds, and the page reloads into the site by itself.

Only MkDocs' public pieces are used: `load_config`, `commands.build.build`, and
`livereload.LiveReloadServer` (what `mkdocs serve` is made of).
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from . import pipeline
from .model import memo
from .model.diagnostics import Diagnostic, Diagnostics
from .render import reuse
from .render.plugin import build_succeeded, discard_later, resume_later, stop_later

log = logging.getLogger("mkdocs.plugins.council_archive")

ERROR_TITLE = "内容に誤りがあります（プレビュー）"


def serve(config_file: Path, address: str) -> int:
    config_file = config_file.resolve()
    host, _, port_text = address.rpartition(":")
    host, port = host or "127.0.0.1", int(port_text)
    reuse.ENABLED = True  # a save renders again only the pages it changed
    preview_dir = tempfile.mkdtemp(prefix="archive-preview-")  # the site, and the last one set aside
    site_dir = os.path.join(preview_dir, "site")
    mount_path = "/"

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.site_url = f"http://{host}:{port}{mount_path}"
        plugin = config.plugins.get(pipeline.PLUGIN_NAME)
        if plugin is not None:
            plugin.index_later = True  # pages first, search after
        return config

    def builder() -> None:
        log.info("プレビューを作っています…")
        stop_later()  # the last build's exports and index, being written into site_dir
        last = _set_aside(Path(site_dir))
        try:
            config = get_config()
            build(config, serve_url=config.site_url, dirty=False)
            build_succeeded()
        except Exception as exc:  # shown on the page and in the terminal, never swallowed
            if not isinstance(exc, SystemExit):
                log.debug("the build failed", exc_info=True)
            memo.failed()
            discard_later()  # the failed build's own exports and index, if it got that far
            if last is not None:  # the last good site comes back, under the error page
                shutil.rmtree(site_dir, ignore_errors=True)
                os.replace(last, site_dir)
                last = None
                resume_later()  # its exports and index, if the save stopped them
            count = write_error_page(Path(site_dir), config_file, mount_path, exc)
            log.error(f"内容に誤りがあります（エラー {count} 件）。ブラウザに一覧を表示しています")
        finally:
            if last is not None:
                _delete_later(last)

    config = None
    try:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        mount_path = urlsplit(config.site_url or "/").path or "/"  # site_url's base path, as MkDocs does
        config.plugins.on_startup(command="serve", dirty=False)
    except Exception:  # site_config.yml itself is broken: the page says so
        log.debug("the configuration cannot be read", exc_info=True)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=mount_path)
    server.error_handler = lambda code: _error_file(Path(site_dir), code)
    try:
        builder()
        server.watch(str(config_file))
        watched = [_content_dir(config_file), *([Path(config.docs_dir), *map(Path, config.watch)] if config else [])]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("プレビューを終了します")
        finally:
            server.shutdown()
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        stop_later()
        shutil.rmtree(preview_dir, ignore_errors=True)
    return 0


def _set_aside(site_dir: Path) -> Path | None:
    """Move the last site out of the way (a rename: instant) and leave an empty folder, so that
    MkDocs has nothing to clean. Deleting the last site's files one by one — thousands, most of
    them the search index's — took 18 of a warm rebuild's 38 seconds on tier M."""
    if not site_dir.is_dir() or not any(site_dir.iterdir()):
        site_dir.mkdir(parents=True, exist_ok=True)
        return None
    aside = Path(tempfile.mkdtemp(prefix=site_dir.name + "-last-", dir=site_dir.parent))
    aside.rmdir()
    os.replace(site_dir, aside)
    site_dir.mkdir()
    return aside


def _delete_later(path: Path) -> None:
    """Delete a set-aside site in the background: the preview does not wait for it."""
    threading.Thread(target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True},
                     name="delete-last-site", daemon=True).start()


def _content_dir(config_file: Path) -> Path:
    """The case files' folder: watched whether or not site_config.yml's `watch:` lists it."""
    settings = pipeline.read_settings(config_file, Diagnostics(root=config_file.parent))
    return config_file.parent / (settings.content_dir if settings else "content")


def _error_file(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if page.is_file() else None


def write_error_page(site_dir: Path, config_file: Path, mount_path: str, exc: BaseException) -> int:
    """Put the error page at every page address of the preview (and as its 404 page), so that
    whichever page the browser shows, it shows the errors. Returns the number of errors."""
    result = pipeline.run(config_file, new_build=False)
    errors, warnings = result.diagnostics.errors, result.diagnostics.warnings
    detail = "" if errors else str(exc)
    page = error_page(errors, warnings, detail)
    site_dir.mkdir(parents=True, exist_ok=True)
    for old in site_dir.rglob("*.html"):
        old.write_text(page, encoding="utf-8")
    (site_dir / "index.html").write_text(page, encoding="utf-8")
    # A 404 answer gets no live-reload script: it looks again every few seconds instead.
    (site_dir / "404.html").write_text(page.replace("<head>", '<head>\n<meta http-equiv="refresh" content="3">', 1),
                                       encoding="utf-8")
    return len(errors) or 1


def error_page(errors: list[Diagnostic], warnings: list[Diagnostic], detail: str = "") -> str:
    """The page the preview shows while the content has errors. Self-contained (no theme: the
    theme's build is what failed)."""
    def rows(items: list[Diagnostic]) -> str:
        out = []
        for d in items:
            where = f"{d.file}:{d.line}" if d.line else d.file
            field = f'<span class="field">{html.escape(d.label)}</span>' if d.label else ""
            out.append(f'<li><code class="where">{html.escape(where)}</code>{field}'
                       f'<p class="message">{html.escape(d.message)}</p></li>')
        return "\n".join(out)

    body = [f"<h1>{ERROR_TITLE}</h1>",
            "<p>下の一覧のファイルを開き、行番号の箇所を直して保存してください。保存すると、このページは自動で"
            "更新されます。誤りがなくなるとサイトのプレビューに戻ります。公開中のサイトは変わっていません。</p>"]
    if errors:
        body += [f'<h2 id="errors">エラー（{len(errors)} 件）</h2>', f'<ol class="diagnostics">{rows(errors)}</ol>']
    if detail:
        body += ["<h2 id=\"errors\">エラー</h2>",
                 "<p>内容の誤りではなく、サイトを作る途中で止まりました。次の表示を担当者に伝えてください。</p>",
                 f"<pre>{html.escape(detail)}</pre>"]
    if warnings:
        body += [f'<h2 id="warnings">警告（{len(warnings)} 件）</h2>',
                 "<p>公開はできますが、確かめてください。</p>",
                 f'<ol class="diagnostics">{rows(warnings)}</ol>']
    body.append('<p>読み方は docs/guide-ja.md（事務局のための手引き）にあります。</p>')
    return f"""<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{ERROR_TITLE}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.7; color: #1a1a1a; }}
h1 {{ color: #a30000; font-size: 1.6rem; }}
ol.diagnostics {{ padding-left: 1.5rem; }}
ol.diagnostics li {{ margin: 0 0 1rem; padding: .5rem .75rem; border-left: 4px solid #a30000; background: #fff5f5; }}
#warnings + p + ol li {{ border-color: #8a5a00; background: #fffaf0; }}
.where {{ font-size: 1rem; overflow-wrap: anywhere; }}
.field {{ display: block; font-weight: bold; }}
.message {{ margin: .25rem 0 0; }}
pre {{ white-space: pre-wrap; }}
</style>
</head>
<body>
<main>
{chr(10).join(body)}
</main>
</body>
</html>
"""
