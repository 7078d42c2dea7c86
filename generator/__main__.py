"""`python -m generator build|serve|check|import|new|schema` — the secretariat's commands.

    check   report every error in every file (file:line: field: what was expected); exit 2;
            then every disclosure obligation overdue on --as-of (default today); exit 1.
            Ends with the build report: counts, warnings, unknown fields, obligations due soon
    build   check, then build the site into a fresh folder and swap it in: a failed build
            leaves the previous site/ exactly as it was
    import  turn a document the secretariat has (its PDF, web page or text: a bundle of
            議案, a meeting record, a single case) into case and meeting files; lists every
            field it could not read; never overwrites a differing file without --force
    serve   live preview (mkdocs serve) while editing
    new     write a new meeting or case file with every field (Japanese comments), ready to fill in
    schema  rewrite generator/schema/ (JSON Schema for editors, field reference) from the models
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from . import pipeline
from .outputs.report import DUE_WITHIN_DEFAULT, build_report, count_pages
from .stages.obligations import overdue

EXIT_OVERDUE = 1
EXIT_INVALID = 2


def check(config: Path, as_of: date | None = None, *, obligations: bool = True,
          due_within: int = DUE_WITHIN_DEFAULT) -> int:
    return report_check(config, pipeline.run(config, as_of), obligations=obligations,
                        due_within=due_within)


def report_check(config: Path, result: pipeline.Result, *, obligations: bool = True,
                 due_within: int = DUE_WITHIN_DEFAULT) -> int:
    """Print what `check` says of a pipeline result; its exit status."""
    if not result.ok:
        # Errors first, then the warnings, each once; the build report needs a valid archive.
        print(result.diagnostics.report(), file=sys.stderr)
        print("内容に誤りがあります。各行の「ファイル:行」を開いて直し、もう一度 check してください",
              file=sys.stderr)
        return EXIT_INVALID
    archive = result.archive
    assert archive is not None and archive.as_of is not None
    print(f"ok: エラーはありません（審議会 {len(archive.councils)}、案件 {len(archive.cases)}、"
          f"会議 {len(archive.meetings)}）", file=sys.stderr)
    # The report lists the warnings (once: they are not printed before it).
    report = build_report(archive, result.diagnostics, due_within=due_within,
                          pages=count_pages(archive, _hand_written_pages(config)))
    print(report.text(), file=sys.stderr)
    if not obligations:
        return 0
    late = overdue(archive)
    day = archive.as_of.isoformat()
    if not late:
        print(f"公開状況: {day} の時点で期限を過ぎた公開義務はありません", file=sys.stderr)
        return 0
    print(f"公開状況: {day} の時点で期限を過ぎた公開義務が {len(late)} 件あります:")
    for o in late:
        assert o.due is not None  # overdue means past a due day
        when = o.meeting.model.date.iso() if o.meeting.model.date else "開催日不明"
        print(f"  {o.meeting.key} {o.meeting.title}（{when}）: {o.name} — 期限 {o.due.isoformat()}、"
              f"{o.days_overdue(archive.as_of)}日超過  [{o.meeting.path}]")
    return EXIT_OVERDUE


def _hand_written_pages(config: Path) -> int:
    """The Markdown pages in MkDocs' docs_dir (このアーカイブについて …)."""
    from mkdocs.config import load_config
    cfg = load_config(str(config))
    return len(list(Path(cfg.docs_dir).rglob("*.md")))


def site_dir_of(config: Path) -> Path:
    """site_dir as MkDocs reads it (relative to the config file)."""
    from mkdocs.config import load_config
    cfg = load_config(str(config))
    return Path(cfg.site_dir)


def build(config: Path, site_dir: Path | None = None, as_of: date | None = None,
          due_within: int = DUE_WITHIN_DEFAULT) -> int:
    """Check, build into a temporary folder beside site/, then swap it in.

    The pipeline runs once: the checked archive is handed to the plugin, and MkDocs builds in
    this process. Overdue obligations do not stop a build: the site shows them."""
    result = pipeline.run(config, as_of)
    status = report_check(config, result, obligations=False, due_within=due_within)
    if status:
        print("何も公開していません。前回のサイトはそのままです", file=sys.stderr)
        return status
    target = (site_dir or site_dir_of(config)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        if not _mkdocs_build(config, staging, result):
            print("the build failed: nothing was published, the previous site is unchanged",
                  file=sys.stderr)
            return 1
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"built {target}", file=sys.stderr)
    return 0


def _mkdocs_build(config: Path, staging: Path, result: pipeline.Result) -> bool:
    """`mkdocs build` into staging, in this process, with the archive already read.

    MkDocs' own warnings (a hand-written page linking a missing file, say) are printed, not
    fatal: the content was checked by the pipeline. The process environment is left as it was
    (the plugin dates the sitemap through SOURCE_DATE_EPOCH)."""
    import logging

    # Material's end-of-life banner (May 2027) is for us, not for the secretariat: see README.
    saved = {k: os.environ.get(k) for k in ("NO_MKDOCS_2_WARNING", "SOURCE_DATE_EPOCH")}
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        from mkdocs.commands.build import build as run_mkdocs
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        cfg = load_config(str(config), site_dir=str(staging))
        plugin = cfg.plugins.get(f"{pipeline.PLUGIN_NAME}")
        if plugin is not None:
            plugin.preloaded = result
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            run_mkdocs(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        print(f"ERROR: {exc.format_message()}", file=sys.stderr)
        return False
    finally:
        mkdocs_log.removeHandler(handler)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return True


def _swap(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames, so readers never see half a site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _settings_with_council(config: Path, council: str):
    """The archive settings, or None (reported) when they are invalid or lack the council."""
    from .model.diagnostics import Diagnostics
    settings = pipeline.read_settings(config.resolve(), diagnostics := Diagnostics(root=config.resolve().parent))
    if settings is None:
        print(diagnostics.report(), file=sys.stderr)
        return None
    if council not in {c.id for c in settings.councils}:
        print(f"unknown council '{council}' (expected one of: "
              f"{', '.join(c.id for c in settings.councils)})", file=sys.stderr)
        return None
    return settings


def new(config: Path, kind: str, council: str, file_id: str, session: int | None) -> int:
    import re

    from .scaffold import scaffold
    settings = _settings_with_council(config, council)
    if settings is None:
        return EXIT_INVALID
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", file_id) or file_id == "index":
        print(f"'{file_id}' is not an id: lower-case letters, digits, - and _", file=sys.stderr)
        return EXIT_INVALID
    try:
        path = scaffold(config.resolve().parent / settings.content_dir, council, kind, file_id, session)
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {path}: fill it in, then run python -m generator check", file=sys.stderr)
    return 0


def import_document(config: Path, source: Path, council: str, force: bool,
                    content: Path | None, file_id: str | None) -> int:
    from .importer import NotRecognised, import_file
    settings = _settings_with_council(config, council)
    if settings is None:
        return EXIT_INVALID
    if not source.is_file():
        print(f"{source}: no such file", file=sys.stderr)
        return EXIT_INVALID
    content_dir = content if content is not None else config.resolve().parent / settings.content_dir
    try:
        report = import_file(source, council, content_dir, force=force, file_id=file_id)
    except NotRecognised as exc:  # nothing written: the message says what was looked for
        print(f"{source}: {exc}", file=sys.stderr)
        return exc.exit_code
    except ValueError as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(report.text(), file=sys.stderr)
    if not report.ok:
        return EXIT_OVERDUE  # 1: something was not written
    print("next: python -m generator check, fill in what is unknown, then build", file=sys.stderr)
    return 0


def serve(config: Path, address: str) -> int:
    """The live preview; on invalid content it shows the errors in the browser (preview.py)."""
    import logging

    from .preview import serve as live_preview
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    return live_preview(config, address)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config", type=Path, default=Path("site_config.yml"),
                        help="the MkDocs configuration (default: site_config.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check the content, then the disclosure obligations")
    c.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="the day obligations are judged on (default: today)")
    c.add_argument("--due-within", type=int, default=DUE_WITHIN_DEFAULT, metavar="DAYS",
                   help=f"report obligations due within DAYS days (default {DUE_WITHIN_DEFAULT})")
    b = sub.add_parser("build", help="check, then build site/ (atomically)")
    b.add_argument("-d", "--site-dir", type=Path, default=None)
    b.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                   help="the day the site's 公開状況 refers to (default: today)")
    b.add_argument("--due-within", type=int, default=DUE_WITHIN_DEFAULT, metavar="DAYS",
                   help=f"report obligations due within DAYS days (default {DUE_WITHIN_DEFAULT})")
    i = sub.add_parser("import", help="turn a document (PDF, web page or text) into case and meeting files")
    i.add_argument("file", type=Path, help="the document: its PDF, a saved web page (.html) or its text (UTF-8)")
    i.add_argument("--council", required=True, help="the council's id in site_config.yml")
    i.add_argument("--force", action="store_true", help="overwrite files that exist and differ")
    i.add_argument("--content", type=Path, default=None,
                   help="write under this folder instead of the configured content_dir")
    i.add_argument("--id", dest="file_id", default=None,
                   help="id of a case without a number (default: from the file name)")
    s = sub.add_parser("serve", help="live preview while editing")
    s.add_argument("-a", "--address", default="127.0.0.1:8000")
    n = sub.add_parser("new", help="write a new meeting or case file, every field explained")
    n.add_argument("kind", choices=["meeting", "case"])
    n.add_argument("--council", required=True, help="the council's id in site_config.yml")
    n.add_argument("--id", required=True, dest="file_id", help="the file's id, e.g. 13-05 or shimon-490")
    n.add_argument("--session", type=int, default=None, help="回 of a new meeting")
    sub.add_parser("schema", help="rewrite generator/schema/ from the models")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"{args.config}: no such file (run from the archive's folder or pass -f)")
    if args.command == "check":
        return check(args.config, args.as_of, due_within=args.due_within)
    if args.command == "build":
        return build(args.config, args.site_dir, args.as_of, args.due_within)
    if args.command == "import":
        return import_document(args.config, args.file, args.council, args.force, args.content,
                               args.file_id)
    if args.command == "serve":
        return serve(args.config, args.address)
    if args.command == "new":
        return new(args.config, args.kind, args.council, args.file_id, args.session)
    from .schema import write_schema
    for path in write_schema():
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
