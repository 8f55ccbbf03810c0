"""The preview: every locale built into a temporary folder, served with live reload, rebuilt as files change.

Each rebuild makes every locale's edition (cheap: frozen versions come from
the cache) and runs mkdocs only for the locales whose edition or site
files changed, in worker processes kept between rebuilds. Invalid data
gives an error page listing the problems instead of the pages; browsers
reload on their own when the preview changes, either way.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import html
import logging
import multiprocessing
import os
import posixpath
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..cache import fingerprint
from ..errors import ConfigError, DataError, PolicyError
from ..formats import edition, root_files
from ..options import EngineName, load_options
from ..site.edition import Edition, link_languages
from ..site.publication import prepare, prepared_facts, resolve_build_date, with_locale_in_translation
from ..workspace import Workspace
from .base import Engine, SiteBuild
from .build import MkDocs, default_jobs, engine_named, for_engine
from .export import swap, write_files

log = logging.getLogger(__name__)

RELOAD = "/.policydocs/reload"
"""Where a previewed page asks whether the preview has changed (a request held until it does)."""
POLL = 0.2
"""Seconds between two looks at the watched files."""
HELD = 20.0
"""Seconds a reload request is held before it is answered "unchanged" (the page then asks again)."""

_SCRIPT = """<script>
(function () {
  var seen = "%s";
  function ask() {
    fetch("%ssince=" + seen, {cache: "no-store"})
      .then(function (answer) { return answer.text(); })
      .then(function (now) { if (now !== seen) { location.reload(); } else { ask(); } })
      .catch(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
</script>"""


def _worker_start(preview_pid: int) -> None:
    """In a worker process: mkdocs' warnings on stderr, as the command shows its own; an end with the preview's."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    for name in ("mkdocs", "policydocs"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.WARNING)

    def orphaned() -> None:
        # A preview killed outright (SIGKILL) cannot stop its workers: they stop themselves.
        while True:
            time.sleep(1)
            try:
                os.kill(preview_pid, 0)
            except ProcessLookupError:
                os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes for the whole preview, started from a clean process with mkdocs already imported.

    (Forking this process itself would copy it with its server threads, and
    their locks, mid-request.)
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["policydocs.engine.build"])
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),))


@dataclass
class _Built:
    """What a locale was last built from: a rebuild runs mkdocs again only when this changes."""

    edition: Edition
    site_files: str

    def same(self, other: _Built) -> bool:
        mine, theirs = self.edition, other.edition
        return (
            self.site_files == other.site_files
            and mine.files == theirs.files
            and mine.languages == theirs.languages
            and mine.words == theirs.words
            and mine.title == theirs.title
        )


class Preview:
    """The previewed site: built into ``folder``, rebuilt by ``rebuild``, with its state for the server."""

    def __init__(
        self,
        config_file: Path,
        folder: Path,
        *,
        locale: str | None = None,
        jobs: int | None = None,
        say: Callable[[str], None] = lambda line: None,
        build_date: datetime.date | None = None,
        engine: str | Engine | None = None,
    ) -> None:
        self.config_file = config_file
        self.engine = engine
        """What builds the pages (by name, or any Engine); None: mkdocs.yml's engine."""
        self.build_date = build_date
        """The day previewed (``serve --date``); None: the build's day, as ``build`` takes it."""
        self.folder = folder
        self.site = folder / "site"
        self.locale = locale
        self.say = say
        self.jobs = jobs or default_jobs()
        self.locales: tuple[str, ...] = ()
        self.problems: list[str] = []
        """Why the preview cannot show the pages (each line as the command line prints it); empty when it can."""
        self.generation = 0
        """Counts the changes of what is served."""
        self.changed_at: dict[str, int] = {}
        """The generation at which each locale's pages last changed (the error page counts as every locale's): a
        page reloads when this differs from what it was served with, so an edit of German leaves French alone."""
        self.changed = threading.Condition()
        self._built: dict[str, _Built] = {}
        self._pool: ProcessPoolExecutor | None = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def watched(self) -> list[Path]:
        """The files an edit of which changes the preview."""
        try:
            options = load_options(self.config_file)
        except PolicyError:
            return [self.config_file]
        return [
            self.config_file,
            options.path(options.data).parent,  # editors often replace the file on save
            options.path(options.releases_dir),
            options.path(options.locales_dir),
            *options.template_dirs(),
            options.path(options.docs_dir),
        ]

    def rebuild(self) -> list[str]:
        """Build what changed since the last build (everything, the first time); the locales built.

        A problem in the data or the catalogs, or a failed mkdocs build,
        replaces the pages with the error page until the next rebuild.
        """
        start = time.perf_counter()
        try:
            built = self._rebuild()
        except Exception as err:
            if isinstance(err, PolicyError):
                lines = err.report().splitlines() if isinstance(err, DataError) else self._lines(err)
            else:
                log.debug("the rebuild failed", exc_info=True)
                lines = [f"the preview failed: {type(err).__name__}: {err}"]
            if lines != self.problems:
                self.say("\n".join(lines))
                self._changed(problems=lines, locales=None)
            return []
        if built or self.problems:
            unchanged = [locale for locale in self.locales if locale not in built]
            same = f" ({', '.join(unchanged)} unchanged)" if unchanged and built else ""
            what = f"built {', '.join(built)}" if built else "fixed"
            self.say(f"{what} in {time.perf_counter() - start:.2f} s{same}")
            self._changed(problems=[], locales=None if self.problems else built)
        return built

    @staticmethod
    def _lines(err: PolicyError) -> list[str]:
        return [line for problem in err.problems for line in problem.lines()] or str(err).splitlines()

    def _changed(self, *, problems: list[str], locales: list[str] | None) -> None:
        """Note a change of what is served: of these locales' pages (None: every page), or to or from problems."""
        with self.changed:
            self.problems = problems
            self.generation += 1
            for locale in self.locales if locales is None else locales:
                self.changed_at[locale] = self.generation
            self.changed_at[""] = self.generation  # the root's pages list every locale
            self.changed.notify_all()

    def _rebuild(self) -> list[str]:
        workspace = Workspace.of(self.config_file)
        day = resolve_build_date(self.build_date)
        publication = prepare(workspace, day, draft=True)
        if self.locale:
            publication = with_locale_in_translation(publication, self.locale)
        editions = {locale: edition(publication, locale, strict=False) for locale in publication.locales}
        link_languages(editions)
        site_files = fingerprint(self.config_file, workspace.options.path(workspace.options.docs_dir))
        made = {locale: _Built(editions[locale], site_files) for locale in publication.locales}
        stale = [
            locale
            for locale in publication.locales
            if locale not in self._built or not made[locale].same(self._built[locale])
        ]
        self.locales = publication.locales
        if stale:
            self.site.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".build-", dir=self.folder))
            try:
                _, current = prepared_facts(publication)
                changed = {locale: for_engine(editions[locale]) for locale in stale}
                site = SiteBuild(
                    self.config_file, workspace.options, self.locales, changed, day, draft=True, current=current
                )
                try:
                    self._engine(self.engine or workspace.options.engine, len(stale)).build(site, staging)
                except BaseException:
                    self.close()  # a process may have died with the build: start afresh next time
                    raise
                for locale in stale:
                    swap(staging / locale, self.site / locale)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        for gone in set(self._built) - set(publication.locales):
            shutil.rmtree(self.site / gone, ignore_errors=True)  # a locale no longer published nor previewed
        write_files(self.site, root_files(publication, editions))
        self._built = made
        return stale

    def _engine(self, chosen: str | Engine, locales: int) -> Engine:
        """The engine that builds the preview: MkDocs in worker processes kept between rebuilds, or any other."""
        if not isinstance(chosen, str):
            return chosen
        jobs = min(self.jobs, locales)
        if chosen != EngineName.MKDOCS:
            return engine_named(chosen, jobs)
        if jobs > 1 and self._pool is None:
            self._pool = _pool(self.jobs)
        return MkDocs(jobs, self._pool if jobs > 1 else None)

    def version(self, locale: str) -> str:
        """What a page of ``locale`` ("" above the locales) was served with; call holding ``changed``."""
        return str(self.changed_at.get(locale if locale in self.locales else "", 0))

    def stamps(self) -> dict[str, tuple[int, int]]:
        """The watched files as they are now."""
        return _stamps(self.watched())

    def watch(self, stop: threading.Event, seen: dict[str, tuple[int, int]]) -> None:
        """Rebuild whenever a watched file differs from ``seen``, until ``stop`` is set.

        ``seen`` is taken before the build it describes, so an edit saved
        during a build is found next time round, never lost.
        """
        while not stop.wait(POLL):
            now = self.stamps()
            if now != seen:
                seen = now
                self.rebuild()


def _stamps(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size: what changes when an editor saves."""
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            with contextlib.suppress(OSError):
                status = file.stat()
                found[str(file)] = (status.st_mtime_ns, status.st_size)
    return found


def error_page(problems: list[str], version: tuple[str, str]) -> str:
    """The page shown instead of the preview while the data has problems; it reloads once they are fixed."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>policydocs preview: problems</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}"
        "code{white-space:pre-wrap}li{margin:.4rem 0}</style>\n</head>\n<body>\n"
        "<h1>The preview cannot be built</h1>\n"
        "<p>Fix these problems and save: this page reloads by itself.</p>\n"
        f'<ul class="policydocs-problems">\n{items}\n</ul>\n'
        f"{_script(version)}\n</body>\n</html>\n"
    )


class _Handler(SimpleHTTPRequestHandler):
    """Serves the preview's folder, with the reload script in every page, or the error page."""

    server: _Server

    def __init__(self, request: Any, client_address: Any, server: _Server) -> None:
        super().__init__(request, client_address, server, directory=str(server.preview.site))

    def server_preview(self) -> Preview:
        return self.server.preview  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal tells of rebuilds and problems, not of every request

    def do_GET(self) -> None:
        preview = self.server_preview()
        address = urllib.parse.urlsplit(self.path)
        if address.path == RELOAD:
            query = urllib.parse.parse_qs(address.query)
            self._answer_reload(preview, query.get("locale", [""])[0], query.get("since", [""])[0])
            return
        with preview.changed:
            locale = address.path.strip("/").split("/", 1)[0]
            problems, version = list(preview.problems), (locale, preview.version(locale))
        if problems and self._is_page(address.path):
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(problems, version).encode("utf-8"))
            return
        file = Path(self.translate_path(address.path))
        if address.path.endswith("/") and (file / "index.html").is_file():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._send(HTTPStatus.OK, _with_script(file.read_bytes(), version))
            return
        if not file.exists() and self._is_page(address.path):
            missing = self._not_found(address.path)
            if missing is not None:
                self._send(HTTPStatus.NOT_FOUND, _with_script(missing.read_bytes(), version))
                return
        super().do_GET()

    def _is_page(self, path: str) -> bool:
        return path.endswith(("/", ".html")) or "." not in posixpath.basename(path)

    def _not_found(self, path: str) -> Path | None:
        """The locale's 404 page for an address below it."""
        locale = path.strip("/").split("/", 1)[0]
        page = self.server_preview().site / locale / "404.html"
        return page if locale and page.is_file() else None

    def _send(self, status: HTTPStatus, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _answer_reload(self, preview: Preview, locale: str, since: str) -> None:
        deadline = time.monotonic() + HELD
        with preview.changed:
            while preview.version(locale) == since and time.monotonic() < deadline:
                preview.changed.wait(deadline - time.monotonic())
            now = preview.version(locale)
        body = now.encode("ascii")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _script(version: tuple[str, str]) -> str:
    """The script that reloads a page of a locale when that locale's version differs from the page's."""
    locale, seen = version
    return _SCRIPT % (seen, f"{RELOAD}?locale={urllib.parse.quote(locale)}&")


def _with_script(page: bytes, version: tuple[str, str]) -> bytes:
    script = _script(version).encode("utf-8")
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        self.preview = preview
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that leaves while its page is being sent or its reload request held: nothing to say.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` as the command line takes it."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f'-a/--dev-addr: expected HOST:PORT such as 127.0.0.1:8000, got "{text}"')
    return host.strip("[]"), int(port)


@contextlib.contextmanager
def previewing(
    config_file: Path,
    address: str,
    *,
    locale: str | None = None,
    jobs: int | None = None,
    say: Callable[[str], None] = lambda line: None,
    build_date: datetime.date | None = None,
    engine: str | Engine | None = None,
) -> Iterator[tuple[_Server, Preview]]:
    """The preview's server, bound to ``address`` and its site built (or its problems known); stopped after.

    The caller runs ``server.serve_forever()``; files are watched meanwhile.
    """
    host, port = parse_address(address)
    # ignore_cleanup_errors: a rebuild still writing when the preview is stopped must not end it with a traceback
    with tempfile.TemporaryDirectory(prefix="policydocs-preview-", ignore_cleanup_errors=True) as folder:
        preview = Preview(
            config_file, Path(folder), locale=locale, jobs=jobs, say=say, build_date=build_date, engine=engine
        )
        try:
            server = _Server((host, port), preview)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"{host}:{port} is already in use (another preview?): stop it, or choose another port "
                    f"with -a {host}:{port + 1}"
                ) from err
            raise ConfigError(f"cannot serve on {host}:{port}: {os.strerror(err.errno or 0) or err}") from err
        stop = threading.Event()
        watcher: threading.Thread | None = None
        try:
            seen = preview.stamps()
            preview.rebuild()
            watcher = threading.Thread(target=preview.watch, args=(stop, seen), name="policydocs-watch", daemon=True)
            watcher.start()
            yield server, preview
        finally:
            stop.set()
            server.server_close()
            if watcher is not None:
                watcher.join(timeout=30)  # a rebuild under way finishes before its folder goes
            preview.close()
