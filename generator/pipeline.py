"""The stages in order: settings → load → validate → link → withhold → resolve → assess. Used by the plugin and `check`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .model import memo, urls
from .model.archive import Archive
from .model.casefile import ArchiveSettings, PageFields
from .model.diagnostics import Diagnostics
from .stages.link import link
from .stages.load import Located, load_content, load_pages, load_yaml
from .stages.obligations import assess
from .stages.resolve import resolve
from .stages.validate import validate_content, validate_model
from .stages.withhold import withhold

PLUGIN_NAME = "council-archive"


@dataclass
class Result:
    settings: ArchiveSettings | None
    archive: Archive | None
    diagnostics: Diagnostics
    pages: dict[str, PageFields] = field(default_factory=dict)  # hand-written pages by src_uri

    @property
    def ok(self) -> bool:
        return self.archive is not None and not self.diagnostics.errors


def read_settings(config_file: Path, diagnostics: Diagnostics) -> ArchiveSettings | None:
    """The plugin's section of site_config.yml, validated with the line of every field."""
    try:
        # MkDocs' own tags (!ENV, !relative) are not ours to read: treat them as plain values.
        located = load_yaml(config_file.read_text(encoding="utf-8"))
    except yaml.constructor.ConstructorError:
        located = None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diagnostics.error(config_file, mark.line + 1 if mark else 1, "", f"broken YAML: {exc}")
        return None
    if located is None or not isinstance(located.data, dict):
        diagnostics.error(config_file, 1, "", "is not a MkDocs configuration")
        return None
    for i, entry in enumerate(located.data.get("plugins") or []):
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            prefix = f"plugins[{i}].{PLUGIN_NAME}."
            section = Located(entry[PLUGIN_NAME] or {}, {
                k[len(prefix):]: v for k, v in located.lines.items() if k.startswith(prefix)})
            section.lines[""] = located.line(prefix.rstrip("."))
            return validate_model(ArchiveSettings, section, diagnostics, config_file,
                                  prefix="")  # type: ignore[return-value]
    diagnostics.error(config_file, located.line("plugins"), "plugins",
                      f"the '{PLUGIN_NAME}' plugin and its councils are missing")
    return None


def as_of_default() -> date:
    """The day obligation states refer to: ARCHIVE_AS_OF (YYYY-MM-DD) if set, else today.
    The plugin reads it too, so `build --as-of` and a fixed date in tests reach it."""
    value = os.environ.get("ARCHIVE_AS_OF")
    return date.fromisoformat(value) if value else date.today()


def run(config_file: Path, as_of: date | None = None, *, new_build: bool = True) -> Result:
    """Read and check everything; never raises for bad content, reports it. `new_build=False`:
    the same build looks again (the preview's error page), and the memos keep their generation."""
    config_file = Path(config_file).resolve()
    if new_build:
        memo.next_build()
    diagnostics = Diagnostics(root=config_file.parent)
    settings = read_settings(config_file, diagnostics)
    if settings is None:
        return Result(None, None, diagnostics)
    content_dir = (config_file.parent / settings.content_dir).resolve()
    if not content_dir.is_dir():
        diagnostics.error(config_file, 0, "content_dir", f"folder '{settings.content_dir}' does not exist")
        return Result(settings, None, diagnostics)
    site = read_site(config_file)
    if not site.docs_dir.is_dir():
        diagnostics.error(site.docs_dir, 0, "folder", "does not exist: it is the folder of hand-written "
                          "pages (docs_dir in site_config.yml); create it (it may be empty) or correct docs_dir")
        return Result(settings, None, diagnostics)
    raw = load_content(content_dir, [c.id for c in settings.councils], diagnostics)
    pages = {}
    for page in load_pages(site.docs_dir, diagnostics):
        fields = validate_model(PageFields, page.front, diagnostics, page.path, prefix="")
        if isinstance(fields, PageFields):
            pages[page.src_uri] = fields
    valid = validate_content(raw, settings.councils, diagnostics, as_of or as_of_default())
    archive = withhold(link(valid, settings.councils, diagnostics), valid, diagnostics)
    archive = resolve(archive, diagnostics)
    archive = assess(archive, as_of or as_of_default(), diagnostics)
    _check_collisions(site, archive, diagnostics)
    return Result(settings, archive, diagnostics, pages)


@dataclass(frozen=True)
class Site:
    """What the pipeline needs of MkDocs' own settings in site_config.yml, read once."""
    docs_dir: Path            # the hand-written pages (docs_dir, default docs/)
    theme_dirs: list[Path]    # folders whose files MkDocs copies into the site: custom_dir, then Material's


def read_site(config_file: Path) -> Site:
    """MkDocs' docs_dir and theme folders as site_config.yml sets them (MkDocs' own tags such as
    !ENV are read as nothing: the defaults apply)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_PlainLoader)
    except yaml.YAMLError:
        data = None
    data = data if isinstance(data, dict) else {}
    docs = data.get("docs_dir")
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    import material
    return Site(
        docs_dir=(config_file.parent / (docs if isinstance(docs, str) else "docs")).resolve(),
        theme_dirs=[*([(config_file.parent / custom).resolve()] if isinstance(custom, str) else []),
                    Path(material.__file__).resolve().parent / "templates"])


class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass  # libyaml where PyYAML has it: the same values, read faster


_PlainLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _check_collisions(site: Site, archive: Archive, diagnostics: Diagnostics) -> None:
    """A hand-written page or a file in the pages folder must not take the place of a page or
    file the archive makes (a council's page, a case, the search page, an export, the feed,
    the search index) or of a file of the theme (its stylesheet, its scripts): it would
    silently replace it."""
    from .render.pages import plan
    generated = {spec.url for spec in plan(archive)}
    reserved = urls.reserved_files([c.id for c in archive.councils])
    docs_dir, theme_dirs = site.docs_dir, site.theme_dirs
    if not docs_dir.is_dir():
        return
    pages: dict[str, str] = {}  # address → the page file that has it
    for dirpath, dirnames, filenames in os.walk(docs_dir, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            rel = (Path(dirpath) / name).relative_to(docs_dir).as_posix()
            url = urls.of_source(rel) if rel.endswith(".md") else None
            if url is not None:
                pages.setdefault(url, rel)
            if url is not None and url in generated:
                diagnostics.error(Path(dirpath) / name, 0, "file",
                                  f"would take the address /{url} of a page the archive makes: rename it")
            elif url is not None and pages[url] != rel:
                other = pages[url]
                for this, that in ((other, rel), (rel, other)):  # either may be the one to rename
                    diagnostics.error(docs_dir / this, 0, "file",
                                      f"「{this}」と「{that}」は同じアドレス /{url} になり、"
                                      "一方しか公開されません。どちらかの名前を変えてください")
            elif any(rel == r or (r.endswith("/") and rel.startswith(r)) for r in reserved) or \
                    (rel.endswith("index.html") and rel[: -len("index.html")] in generated):
                # a static index.html is the page of its folder's address: /, /edogawa/ …
                diagnostics.error(Path(dirpath) / name, 0, "file",
                                  f"would replace /{rel}, which the archive makes: rename or remove it")
            elif not rel.endswith(".md") and any((d / rel).is_file() for d in theme_dirs):
                diagnostics.error(Path(dirpath) / name, 0, "file",
                                  f"would replace /{rel}, a file of the site's theme: rename or remove it")
