"""Build every published locale with mkdocs into site/<lang>/, replacing the old site only on success."""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, PolicyError
from ..formats import edition, root_files
from ..project import Engine, load_project
from ..site.edition import Edition, link_languages
from ..site.publication import prepare, resolve_build_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin import PolicyDocsPlugin

# mkdocs is imported where it builds, so that a build with Zensical does not load it.

log = logging.getLogger(__name__)


DRAFT_SUFFIX = "-draft"
"""`policydocs build --draft` writes to site_dir with this suffix (site-draft/) unless told where."""


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    locales: tuple[str, ...]


def _plugin(config: MkDocsConfig) -> PolicyDocsPlugin:
    from .plugin import PolicyDocsPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PolicyDocsPlugin):
            return plugin
    raise ConfigError(f"{config.config_file_path}: the policydocs plugin is not in plugins")


def load_mkdocs_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    """mkdocs.yml, validated by mkdocs (its plugins loaded), with ``overrides``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no such file")
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as err:
        raise ConfigError(f"{config_file}: {err}") from err


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``{path: content}`` below ``folder``."""
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    build_date: datetime.date | None = None,
    draft: bool = False,
    pdf: bool = False,
    engine: Engine | None = None,
) -> BuildResult:
    """Build every published locale into ``site_dir`` (mkdocs.yml's site_dir by default).

    Everything is checked first, then built into a temporary folder beside
    the site; the old site is replaced only when every locale has built.
    ``draft`` builds unreleased data as a staging copy, marked as a draft.
    ``engine`` builds the pages with another engine than mkdocs.yml's.
    """
    project = load_project(config_file)
    day = resolve_build_date(build_date)
    publication = prepare(project, day, draft=draft)
    # Every locale's edition made (and, for a build, checked) before anything is built.
    editions: dict[str, Edition] = {
        locale: edition(publication, locale, strict=not draft, pdf=pdf) for locale in publication.locales
    }
    link_languages(editions)
    locales = publication.locales
    published_site = project.path(project.site_dir)
    target = Path(site_dir) if site_dir else published_site
    if draft:
        # A draft is a staging copy: beside the published site, never over it.
        if site_dir is None:
            target = published_site.with_name(published_site.name + DRAFT_SUFFIX)
        elif target.resolve() == published_site.resolve():
            raise ConfigError(f"{site_dir}: a draft never replaces the published site; build it elsewhere")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    try:
        chosen = engine or project.engine
        if chosen is Engine.ZENSICAL:  # each locale's export, built by Zensical
            from .zensical import build_locales

            build_locales(project, config_file, editions, staging, day)
        for locale in locales if chosen is Engine.MKDOCS else ():
            from mkdocs.commands.build import build as mkdocs_build
            from mkdocs.exceptions import MkDocsException

            config = load_mkdocs_config(config_file, site_dir=str(staging / locale))
            options = _plugin(config).config
            options.locale, options.build_date, options.draft, options.pdf = locale, day.isoformat(), draft, pdf
            _plugin(config).prepared = (publication, editions[locale])
            try:
                with _source_date_epoch(day):
                    mkdocs_build(config)
            except MkDocsException as err:
                raise PolicyError(f"{locale}: {err}") from err
        write_files(staging, root_files(publication, editions))
        if pdf:
            from .pdf import Printed, print_versions

            versions = [
                Printed(locale, v.slug, v.release.digest)
                for locale in locales
                for v in publication.versions
                if locale in v.release.locales
            ]
            if not project.site_url:
                log.warning("mkdocs.yml has no site_url: the PDFs' links lead to http://localhost/")
            company = publication.versions[-1].release.policy.facts.controllers[0].name
            print_versions(staging, versions, day, project.site_url, company=company)
        if not project.site_url:
            log.warning(
                "mkdocs.yml has no site_url: the site has no sitemap and no canonical links, "
                "and its 404 pages take the host's root for the site's"
            )
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(target, locales)


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
