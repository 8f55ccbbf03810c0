"""Build every published locale with mkdocs into site/<lang>/, replacing the old site only on success."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import words
from ..errors import ConfigError, PolicyError
from ..formats import edition, root_files
from ..options import EngineName
from ..site import addresses
from ..site.edition import Edition, link_languages, spill
from ..site.pages import LocalePages
from ..site.publication import Publication, prepare, prepared_facts, resolve_build_date
from ..workspace import Workspace
from . import outputs
from .base import Engine, SiteBuild
from .export import swap, write_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin import PolicyDocsPlugin

# mkdocs is imported where it builds, so that a build with Zensical does not load it.

log = logging.getLogger(__name__)


DRAFT_SUFFIX = "-draft"
"""`policydocs build --draft` writes to site_dir with this suffix (site-draft/) unless told where."""


COLLECTED_FROM = 100
"""The files of a locale from which its process collects its garbage once it is made or built (see build_locale)."""


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    locales: tuple[str, ...]


def _plugin(config: MkDocsConfig) -> PolicyDocsPlugin:
    from .plugin import PolicyDocsPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, PolicyDocsPlugin):
            return plugin
    raise ConfigError("the policydocs plugin is not in plugins", file=config.config_file_path)


def load_mkdocs_config(config_file: Path, **overrides: object) -> MkDocsConfig:
    """mkdocs.yml, validated by mkdocs (its plugins loaded), with ``overrides``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise ConfigError("no such file", file=config_file)
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as err:
        raise ConfigError(f"{err}", file=config_file) from err


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    build_date: datetime.date | None = None,
    draft: bool = False,
    pdf: bool = False,
    engine: str | Engine | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build every published locale into ``site_dir`` (mkdocs.yml's site_dir by default).

    Everything is checked first, then built into a temporary folder beside
    the site; the old site is replaced only when every locale has built.
    ``draft`` builds unreleased data as a staging copy, marked as a draft,
    beside the published site (``site-draft/``), never over it.
    ``engine`` builds the pages with another engine than mkdocs.yml's: a
    shipped one by name, or any ``Engine``.
    The locales build ``jobs`` at a time, each in a process of its own
    (default: one per processor; 1 builds them one after the other here).
    """
    workspace = Workspace.of(config_file)
    options = workspace.options
    day = resolve_build_date(build_date)
    publication = prepare(workspace, day, draft=draft)
    locales = publication.locales
    published_site = options.path(options.site_dir)
    target = Path(site_dir) if site_dir else published_site
    if draft:
        # A draft is a staging copy: beside the published site, never over it.
        if site_dir is None:
            target = published_site.with_name(published_site.name + DRAFT_SUFFIX)
        elif target.resolve() == published_site.resolve():
            raise ConfigError("a draft never replaces the published site; build it elsewhere", file=site_dir)
    chosen = engine or options.engine
    # MkDocs is imported by the workers that build a locale: one whose output is kept (outputs.py) needs none.
    aside = Path(tempfile.mkdtemp(prefix="policydocs-pages-"))  # the pages' Markdown, until the engine reads it
    jobs = min(jobs, len(locales)) if jobs else balanced_jobs(len(locales))
    words.read_data(locales)  # once, before the workers fork
    with _forked_workers(jobs, publication, not draft, pdf, aside) as pool, _removed(aside):
        # Every locale's edition made (and, for a build, checked) before anything is built.
        editions = make_editions(publication, strict=not draft, pdf=pdf, pool=pool, aside=aside)
        link_languages(editions)
        builder = engine_named(chosen, 1 if pool is None else len(locales), pool) if isinstance(chosen, str) else chosen
        _, current = prepared_facts(publication)
        site = SiteBuild(config_file, options, locales, editions, day, draft=draft, pdf=pdf, current=current)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        try:
            files = root_files(publication, editions)
            builder.build(site, staging)
            write_files(staging, files)  # after the engine, which empties each locale's folder (its sitemaps)
            if pdf:
                from .pdf import Printed, print_versions

                # Each version, and its changes page where it has one (a version before it took effect).
                versions = [
                    Printed(locale, v.slug, v.release.digest, changes)
                    for locale in locales
                    for v in publication.versions
                    if locale in v.release.locales
                    for changes in (False, True)
                    if not changes or (staging / locale / addresses.changes(v.slug)).with_suffix(".html").is_file()
                ]
                if not options.site_url:
                    log.warning("mkdocs.yml has no site_url: the PDFs' links lead to http://localhost/")
                company = publication.versions[-1].release.policy.facts.controllers[0].name
                print_versions(staging, versions, day, options.site_url, company=company)
            if not options.site_url:
                log.warning(
                    "mkdocs.yml has no site_url: the site has no sitemap and no canonical links, "
                    "and its 404 pages take the host's root for the site's"
                )
            swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return BuildResult(target, locales)


_FORKED: tuple[Publication, bool, bool, Path | None] | None = None
"""What the forked workers make editions from: the publication, strict, pdf (inherited, never pickled), and where
they set the pages aside."""


@contextlib.contextmanager
def _removed(folder: Path) -> Iterator[Path]:
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _forked_workers(
    jobs: int, publication: Publication, strict: bool, pdf: bool, aside: Path | None = None
) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes forked now, so that they hold the publication as it is (None: one process does it all).

    Only where processes fork (not on Windows): a publication is not
    picklable, and making it again in each process would cost what it saves.
    """
    global _FORKED
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    _FORKED = (publication, strict, pdf, aside)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield pool
    finally:
        _FORKED = None


def _edition_of(locale: str) -> Edition | PolicyError:
    """In a forked worker: the edition of ``locale`` as an engine reads it, or its error (as a value)."""
    assert _FORKED is not None
    publication, strict, pdf, aside = _FORKED
    collect = False
    try:
        made = edition(publication, locale, strict=strict, pdf=pdf)
        collect = len(made.files) >= COLLECTED_FROM
        return spill(made, aside) if aside is not None else for_engine(made)
    except PolicyError as err:
        return err
    finally:
        if collect:
            gc.collect()  # see build_locale


def make_editions(
    publication: Publication,
    *,
    strict: bool,
    pdf: bool,
    pool: ProcessPoolExecutor | None = None,
    aside: Path | None = None,
) -> dict[str, Edition]:
    """Every locale's edition as an engine reads it, made in ``pool``'s processes (forked by ``_forked_workers``)
    or here; with its pages' Markdown set aside in ``aside`` when given (see spill)."""
    if pool is None:
        made = {}
        for locale in publication.locales:
            one = edition(publication, locale, strict=strict, pdf=pdf)
            made[locale] = spill(one, aside) if aside is not None else for_engine(one)
            if len(one.files) >= COLLECTED_FROM:
                del one
                gc.collect()  # see build_locale
        return made
    futures = {locale: pool.submit(_edition_of, locale) for locale in publication.locales}
    made: dict[str, Edition] = {}
    for locale, future in futures.items():
        try:
            result = future.result()
        except BrokenProcessPool as err:
            raise PolicyError(f"{locale}: a build process stopped (killed by the system, or out of memory?)") from err
        if isinstance(result, PolicyError):
            for other in futures.values():
                other.cancel()
            raise result
        made[locale] = result
    return made


def for_engine(made: Edition) -> Edition:
    """The edition as an engine reads it: its files and links, without the rendering state (which holds closures)."""
    return dataclasses.replace(made, pages=LocalePages(made.locale, made.title, {}))


class MkDocs:
    """MkDocs 1.x with Material for MkDocs: each locale a MkDocs build of mkdocs.yml, the plugin adding its edition.

    The locales build ``jobs`` at a time, in ``pool``'s processes when given (a build's forked workers, the
    preview's own), else in processes started for the build; one at a time, in this process, with ``jobs=1``.
    """

    name = EngineName.MKDOCS.value

    def __init__(self, jobs: int = 1, pool: ProcessPoolExecutor | None = None) -> None:
        self.jobs = jobs
        self.pool = pool

    def build(self, site: SiteBuild, into: Path) -> None:
        """Each locale of ``site`` whose output is kept from a build of the same inputs is taken from the cache
        (see outputs.py); the others are built, ``jobs`` at a time, and kept."""
        builds = []
        for locale, made in site.editions.items():
            one = dataclasses.replace(site, editions={locale: for_engine(made)})
            kept = outputs.slot(one, locale)
            if kept is not None and outputs.restore(*kept, into / locale):
                continue
            builds.append(LocaleBuild(one, into / locale, kept))
        if not builds:
            return
        with build_locales(builds, self.jobs, pool=self.pool if self.jobs > 1 else None) as done:
            done()


def _zensical(jobs: int, pool: ProcessPoolExecutor | None) -> Engine:
    from .zensical import Zensical  # not loaded by a build with MkDocs

    return Zensical()


ENGINES: dict[str, Callable[[int, ProcessPoolExecutor | None], Engine]] = {
    EngineName.MKDOCS.value: MkDocs,
    EngineName.ZENSICAL.value: _zensical,
}
"""The shipped engines by name, each made for a build from its jobs and worker processes."""


def engine_named(name: str, jobs: int = 1, pool: ProcessPoolExecutor | None = None) -> Engine:
    """The shipped engine called ``name`` (mkdocs.yml's ``engine`` option, ``--engine``)."""
    return ENGINES[name](jobs, pool)


@dataclass(frozen=True)
class LocaleBuild:
    """One locale's MkDocs build: its site (with its edition alone), and where it goes."""

    site: SiteBuild
    site_dir: Path
    kept: tuple[Path, str] | None = None
    """Where the output is kept once built, and its key (see outputs.py); None: not kept."""

    @property
    def locale(self) -> str:
        return next(iter(self.site.editions))


def build_locale(job: LocaleBuild) -> PolicyError | None:
    """Build one locale into ``job.site_dir``; its error, as a value that crosses processes, or None."""
    try:
        config = load_mkdocs_config(job.site.config_file, site_dir=str(job.site_dir))
        _plugin(config).site = job.site
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.exceptions import MkDocsException

        from .converted import warnings_counted

        try:
            with warnings_counted() as warnings, _source_date_epoch(job.site.day):
                mkdocs_build(config)
        except MkDocsException as err:
            raise PolicyError(f"{job.locale}: {err}") from err
        if job.kept is not None and not warnings.seen:  # a build that warned is not kept: the next says it again
            outputs.keep(*job.kept, job.site_dir)
    except PolicyError as err:
        return err
    finally:
        # A MkDocs build leaves its pages, files and navigation in reference cycles, which only the cycle
        # collector frees, and not before the next locale has built: collected now, a locale's build costs
        # the memory of one locale, not of every locale built so far in this process. A small site's build
        # holds little, and a collection costs it a tenth of its time: not collected.
        if sum(len(made.files) for made in job.site.editions.values()) >= COLLECTED_FROM:
            gc.collect()
    return None


def default_jobs() -> int:
    """How many locales to build at once: the processors this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def balanced_jobs(locales: int, processors: int | None = None) -> int:
    """How many locales a build makes at once by default: as few processes as keep every processor busy to the end.

    With one process per processor, five locales on two take three rounds, the last with one processor idle;
    three processes sharing the two end with both busy (2.5 rounds). Locales are taken as equal work, and
    processes running together as sharing the processors equally.
    """
    processors = processors or default_jobs()
    if locales <= processors:
        return max(locales, 1)

    def rounds(workers: int) -> float:
        left, elapsed = locales, 0.0
        while left:
            running = min(workers, left)
            elapsed += running / min(running, processors)
            left -= running
        return elapsed

    return min(range(processors, locales + 1), key=lambda workers: (rounds(workers), workers))


@contextlib.contextmanager
def build_locales(
    builds: list[LocaleBuild], jobs: int | None = None, *, pool: ProcessPoolExecutor | None = None
) -> Iterator[Callable[[], None]]:
    """Start building the locales, ``jobs`` at a time in processes (1: one after the other, in this one).

    The processes are ``pool``'s when given (the preview keeps its own), else started for these builds.

    Yields a function that waits for them all; it raises the error of the
    first locale (in the order given) that failed, as a build one after the
    other would, once every locale has stopped.
    """
    jobs = min(jobs or default_jobs(), len(builds))
    if jobs <= 1:

        def in_turn() -> None:
            for build in builds:
                failure = build_locale(build)
                if failure is not None:
                    raise failure

        yield in_turn
        return
    if pool is None:
        # fork: the workers start with what this process imported and made (it has no threads yet).
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        started = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method))
    with started if pool is None else contextlib.nullcontext(pool) as workers:
        futures = [workers.submit(build_locale, build) for build in builds]

        def waited() -> None:
            failures, stopped = [], []
            for build, future in zip(builds, futures, strict=True):
                try:
                    failure = future.result()
                except BrokenProcessPool:
                    # A process died (killed, out of memory): the pool stops every locale not yet built.
                    stopped.append(build.locale)
                    continue
                if failure is not None:
                    failures.append(failure)
                    for other in futures:
                        other.cancel()  # the site will not be swapped in: build no more
            if failures:
                raise failures[0]
            if stopped:
                raise PolicyError(
                    f"{', '.join(stopped)}: a build process stopped before this was built "
                    "(killed by the system, or out of memory?)"
                )

        try:
            yield waited
        except BaseException:
            for future in futures:
                future.cancel()
            raise


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
