"""Write the generated site out as plain Markdown projects, one per locale, that build without our plugin.

Material for MkDocs reaches its end of life in May 2027: the export is the
way to any engine that reads mkdocs.yml, Markdown and Material's templates —
MkDocs itself, Zensical (``policydocs build --engine zensical`` builds one),
ProperDocs. Every page, feed, export and root file is written out, and the
theme override (``overrides/``, our template override with the site's own
``custom_dir`` over it) gives each page its language switcher and its feed
link, as the plugin's build does.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..formats import edition, root_files
from ..options import Options
from ..site import addresses
from ..site.edition import Edition, link_languages
from ..site.publication import Publication, prepare, prepared_facts, resolve_build_date
from ..workspace import Workspace
from .base import SiteBuild
from .converted import KEPT_TEMPLATE
from .material import (
    MATERIAL,
    OVERRIDES,
    Generator,
    name_toggles,
    override_data,
    theme_extra,
    theme_language,
    with_added_extensions,
)

OVERRIDES_DIR = "overrides"
"""The export's theme ``custom_dir``: our override, and the site's own custom_dir copied over it."""


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``{path: content}`` below ``folder``, each a new file: one that was there (an engine's sitemap) is
    replaced, never written through (it may be a link to a kept output: see outputs.py)."""
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target``; the old tree is removed only after the rename."""
    if target.exists():
        old = target.with_name(f".{target.name}-old-{staging.name.rsplit('-', 1)[-1]}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)


def _material_templates() -> list[str]:
    import material

    return [str(Path(material.__file__).parent / "templates")]


def _config(
    raw: dict[str, Any],
    made: Edition,
    locales: tuple[str, ...],
    generator: Generator = MATERIAL,
    own_pages: tuple[str, ...] = (),
) -> dict[str, Any]:
    locale = made.locale
    config = {k: v for k, v in raw.items() if k not in ("docs_dir", "site_dir", "plugins", "extra_css")}
    config["docs_dir"] = f"docs/{locale}"
    config["site_dir"] = f"site/{locale}"
    if raw.get("site_url"):
        config["site_url"] = str(raw["site_url"]).rstrip("/") + f"/{locale}/"
    theme = dict(raw.get("theme") or {"name": "material"})
    theme["language"] = theme_language(locale, _material_templates())
    theme["custom_dir"] = OVERRIDES_DIR
    if isinstance(theme.get("palette"), list):  # copies: the project's own config stays as it is
        theme["palette"] = [
            {**p, "toggle": dict(p["toggle"])} if isinstance(p, dict) and isinstance(p.get("toggle"), dict) else p
            for p in theme["palette"]
        ]
        name_toggles(theme["palette"], made.words)
    config["theme"] = theme
    config["markdown_extensions"] = with_added_extensions(raw.get("markdown_extensions"))
    if "description" in made.words:
        config["site_description"] = made.words["description"]
    site_url = str(raw["site_url"]) if raw.get("site_url") else None
    data = override_data(locales, made.title, made.languages, site_url, words=made.words, generator=generator)
    config["extra"] = theme_extra(raw.get("extra") or {}, data)
    config["extra_css"] = [*(raw.get("extra_css") or []), addresses.STYLESHEET]
    plugins = [p for p in raw.get("plugins") or [] if (p if isinstance(p, str) else next(iter(p))) != "policydocs"]
    config["plugins"] = plugins
    # Frozen versions and changes pages stay out of the navigation, as the plugin keeps them.
    config["not_in_nav"] = addresses.ARCHIVE_PREFIX + "\n"
    if "nav" not in raw:
        config["nav"] = _navigation(made, own_pages)
    return config


def _navigation(made: Edition, own_pages: tuple[str, ...]) -> list[Any]:
    """The navigation the plugin gives MkDocs, written out: the edition's pages in the navigation, the policy first,
    each folder holding only its index page (``history/``) as that page, titled by its heading in the page's
    language (an engine would otherwise name a section after the folder, "History", in English); the site's own
    pages (``own_pages``, from docs/) after them, titled by the engine."""
    pages = sorted((path for path, file in made.files.items() if file.in_nav and path.endswith(".md")),
                   key=lambda path: (path != addresses.CURRENT, path))  # fmt: skip
    return [{_heading(made.files[path].content) or path: path} for path in pages] + [
        path for path in own_pages if path not in made.files
    ]


_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
_ESCAPED = re.compile(r"\\(.)")


def _heading(content: str | bytes) -> str | None:
    """A page's first-level heading, as the navigation names it."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    for line in text.splitlines():
        if line.startswith("# "):
            return _ESCAPED.sub(r"\1", _ATTRIBUTES.sub("", line[2:])).strip()
    return None


def write_projects(
    target: Path,
    options: Options,
    raw: dict[str, Any],
    editions: Mapping[str, Edition],
    locales: tuple[str, ...],
    only: tuple[str, ...] = (),
    generator: Generator = MATERIAL,
) -> list[Path]:
    """Write ``target/mkdocs.<lang>.yml``, ``target/docs/<lang>/`` and ``target/overrides/``; the configs' paths.

    Every locale of ``editions``, or the ``only`` ones (each page still linked to its other languages,
    ``locales``).
    """
    overrides = target / OVERRIDES_DIR
    if overrides.exists():
        shutil.rmtree(overrides)
    # Not the template that writes out a page MkDocs kept (engine/converted.py): the export has no plugin.
    shutil.copytree(OVERRIDES, overrides, ignore=shutil.ignore_patterns(KEPT_TEMPLATE))
    own = (raw.get("theme") or {}).get("custom_dir") if isinstance(raw.get("theme"), dict) else None
    if own:
        shutil.copytree(options.path(str(own)), overrides, dirs_exist_ok=True)  # the site's templates win
    written = []
    for locale, made in editions.items():
        if only and locale not in only:
            continue
        docs = target / "docs" / locale
        if docs.exists():
            shutil.rmtree(docs)
        if options.path(options.docs_dir).is_dir():
            shutil.copytree(options.path(options.docs_dir), docs)
        own = tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))) if docs.exists() else ()
        write_files(docs, {path: file.content for path, file in made.files.items()})
        config_path = target / f"mkdocs.{locale}.yml"
        config_path.write_text(
            "# Written by `policydocs export`: builds without the policydocs plugin.\n"
            + yaml.safe_dump(_config(raw, made, locales, generator, own), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        written.append(config_path)
    return written


class Export:
    """The edition written out as plain Markdown projects, one per locale, that any MkDocs-like engine builds:
    ``into/mkdocs.<lang>.yml``, ``into/docs/<lang>/``, ``into/overrides/`` (pages, not HTML)."""

    name = "export"

    def build(self, site: SiteBuild, into: Path) -> None:
        self.write(site, into)

    def write(self, site: SiteBuild, into: Path) -> list[Path]:
        """Write the projects; the path of each locale's mkdocs.<lang>.yml."""
        return write_projects(into, site.options, read_raw(site.config_file), site.editions, site.locales)


def locale_files(files: Mapping[str, str | bytes], locale: str) -> dict[str, str | bytes]:
    """The root files that belong under ``locale``'s folder (its sitemaps), by their path in that folder."""
    prefix = f"{locale}/"
    return {path[len(prefix) :]: content for path, content in files.items() if path.startswith(prefix)}


def editions_of(publication: Publication, *, strict: bool = True, pdf: bool = False) -> dict[str, Edition]:
    """Every published locale's edition, each page told which locales have it."""
    editions = {locale: edition(publication, locale, strict=strict, pdf=pdf) for locale in publication.locales}
    link_languages(editions)
    return editions


def read_raw(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping, its tags (``!ENV``, ``!relative``) read as MkDocs reads them."""
    from mkdocs.utils.yaml import yaml_load  # without loading the rest of mkdocs

    return yaml_load(config_file.read_text(encoding="utf-8")) or {}


def export(
    config_file: Path,
    target: Path,
    *,
    build_date: datetime.date | None = None,
    draft: bool = False,
) -> list[Path]:
    """Write ``target/mkdocs.<lang>.yml`` and ``target/docs/<lang>/`` per locale, the root files in ``target/site/``.

    Build each locale with ``mkdocs build -f target/mkdocs.<lang>.yml`` or
    ``zensical build -f target/mkdocs.<lang>.yml``; they write into
    ``target/site/<lang>/``, beside the root files.
    """
    workspace = Workspace.of(config_file)
    day = resolve_build_date(build_date)
    publication = prepare(workspace, day, draft=draft)
    editions = editions_of(publication, strict=not draft)
    _, current = prepared_facts(publication)
    site = SiteBuild(config_file, workspace.options, publication.locales, editions, day, draft=draft, current=current)
    written = Export().write(site, target)
    files = root_files(publication, editions)
    # A locale's own files among them (its sitemaps) go with its pages: the engine empties site/<lang>/ first.
    for locale in publication.locales:
        write_files(target / "docs" / locale, locale_files(files, locale))
    write_files(target / "site", {p: c for p, c in files.items() if p.split("/")[0] not in publication.locales})
    return written
