"""Build every published locale with mkdocs into site/<lang>/, replacing the old site only on success."""

from __future__ import annotations

import contextlib
import datetime
import html
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..errors import ConfigError, PolicyError
from ..formats.exports import versions_json, write_site_exports
from ..project import Project
from ..site.publication import Publication, prepare, render_locale, resolve_build_date
from ..site.render import native_name
from .plugin import PolicyDocsPlugin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    locales: tuple[str, ...]


def _plugin(config: MkDocsConfig) -> PolicyDocsPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, PolicyDocsPlugin):
            return plugin
    raise ConfigError(f"{config.config_file_path}: the policydocs plugin is not in plugins")


def load_project(config_file: Path) -> Project:
    """The project described by a mkdocs.yml's policydocs plugin options."""
    config = load_mkdocs_config(config_file)
    options = _plugin(config).config
    return Project(
        root=config_file.resolve().parent,
        data=options.policy,
        locales_dir=options.locales_dir,
        templates_dir=options.templates_dir,
        locales=tuple(options.locales),
        releases_dir=options.releases_dir,
        notice_days=options.notice_days,
        waivers=_waivers(config_file, options.waive),
    )


def _waivers(config_file: Path, waive: dict[str, object]) -> tuple[tuple[str, str], ...]:
    from ..lint.rules import ALL_RULES

    known = {rule.id for rule in ALL_RULES}
    for key, reason in waive.items():
        if key.split(":", 1)[0] not in known:
            raise ConfigError(
                f'{config_file}: plugins.policydocs.waive: no rule "{key}" (rules: {", ".join(sorted(known))})'
            )
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f'{config_file}: plugins.policydocs.waive: "{key}" needs a reason')
    return tuple((str(k), str(v)) for k, v in waive.items())


def site_url(config_file: Path) -> str | None:
    """The site's public address from mkdocs.yml, if it says."""
    return load_mkdocs_config(config_file).site_url or None


def load_mkdocs_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    """mkdocs.yml, validated by mkdocs (its plugins loaded), with ``overrides``."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no such file")
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as err:
        raise ConfigError(f"{config_file}: {err}") from err


def check_all(project: Project, build_date: datetime.date | None = None) -> Publication:
    """Everything a build checks, without building: data, catalogs, releases; raise the first PolicyError."""
    publication = prepare(project, resolve_build_date(build_date))
    for locale in publication.locales:
        render_locale(publication, locale, strict=True)
    return publication


def root_page(titles: dict[str, str], default: str) -> str:
    """``site/index.html``: leads to the default locale, links to every locale, loads nothing."""
    links = "\n".join(
        f'    <li><a href="{code}/" hreflang="{code}" lang="{code}">'
        f"{html.escape(titles[code])} ({html.escape(native_name(code))})</a></li>"
        for code in titles
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{code}" href="{code}/">' for code in titles)
    return f"""<!doctype html>
<html lang="{default}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{html.escape(titles[default])}</title>
  <meta http-equiv="refresh" content="0; url={default}/">
  <link rel="canonical" href="{default}/">
{alternates}
</head>
<body>
  <ul>
{links}
  </ul>
</body>
</html>
"""


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    build_date: datetime.date | None = None,
    draft: bool = False,
    pdf: bool = False,
) -> BuildResult:
    """Build every published locale into ``site_dir`` (mkdocs.yml's site_dir by default).

    Everything is checked first, then built into a temporary folder beside
    the site; the old site is replaced only when every locale has built.
    ``draft`` builds unreleased data as a staging copy, marked as a draft.
    """
    project = load_project(config_file)
    day = resolve_build_date(build_date)
    publication = prepare(project, day, draft=draft)
    # Every locale rendered (and, for a build, checked) before anything is built.
    rendered = {locale: render_locale(publication, locale, strict=not draft, pdf=pdf) for locale in publication.locales}
    locales = publication.locales
    base = load_mkdocs_config(config_file)
    target = Path(site_dir) if site_dir else Path(base.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    try:
        titles: dict[str, str] = {}
        pages: dict[str, list[str]] = {}
        for locale in locales:
            config = load_mkdocs_config(config_file, site_dir=str(staging / locale))
            options = _plugin(config).config
            options.locale, options.build_date, options.draft, options.pdf = locale, day.isoformat(), draft, pdf
            _plugin(config).prepared = (publication, rendered[locale])
            try:
                with _source_date_epoch(day):
                    mkdocs_build(config)
            except MkDocsException as err:
                raise PolicyError(f"{locale}: {err}") from err
            result = _plugin(config).result
            assert result is not None
            titles[locale] = result.title
            pages[locale] = sorted(result.pages)
        write_root_files(staging, publication, titles, pages, base.site_url or None)
        if pdf:
            from .pdf import print_versions

            versions = [
                (locale, v.slug) for locale in locales for v in publication.versions if locale in v.release.locales
            ]
            if not base.site_url:
                log.warning("mkdocs.yml has no site_url: the PDFs' links lead to http://localhost/")
            print_versions(staging, versions, day, base.site_url or None)
        if not base.site_url:
            log.warning("mkdocs.yml has no site_url: the site has no sitemap and no canonical links")
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(target, locales)


def write_root_files(
    root: Path,
    publication: Publication,
    titles: dict[str, str],
    pages: dict[str, list[str]],
    site_url: str | None,
) -> None:
    """The files at the site's root: the language entry page, versions.json, the exports, the sitemap."""
    default = publication.locales[0]
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(root_page(titles, default), encoding="utf-8")
    (root / "versions.json").write_text(versions_json(publication, site_url), encoding="utf-8")
    write_site_exports(root, publication)
    if site_url:  # a sitemap needs absolute addresses
        (root / "sitemap.xml").write_text(sitemap(site_url, pages, default), encoding="utf-8")


def _page_url(source: str) -> str:
    """The address of a generated page, from its Markdown source path (directory URLs)."""
    return source.removesuffix("index.md")


def sitemap(site_url: str, pages: dict[str, list[str]], default: str) -> str:
    """``/sitemap.xml``: every page of every language, each with its other languages as hreflang alternates."""
    base = site_url.rstrip("/") + "/"
    everywhere = sorted({page for sources in pages.values() for page in sources})
    entries = []
    for page in everywhere:
        present = [locale for locale in pages if page in pages[locale]]

        def url(locale: str, page: str = page) -> str:
            return html.escape(base + locale + "/" + _page_url(page))

        links = [(locale, url(locale)) for locale in present]
        if default in present:
            links.append(("x-default", url(default)))
        alternates = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{u}"/>\n' for lang, u in links)
        for locale in present:
            entries.append(f"  <url>\n    <loc>{url(locale)}</loc>\n{alternates}  </url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


@contextlib.contextmanager
def _source_date_epoch(day: datetime.date) -> Iterator[None]:
    """Let mkdocs date the sitemap with the build date, so the same inputs give the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target``; the old tree is removed only after the rename."""
    if target.exists():
        old = target.with_name(f".{target.name}-old-{staging.name.rsplit('-', 1)[-1]}")
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)
