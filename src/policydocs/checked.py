"""`policydocs check`'s report, kept by everything it read: the same inputs give the same report, without the work.

An editor's tools run `check` far more often than its inputs change (on
every save of any file, before every commit, in CI). The report is kept in
the build cache under a digest of all that can change it: mkdocs.yml, the
data folder (the policy, the releases and their corrections, the site's
phrasebooks), the catalogs, the templates, the docs, every file of this
policydocs, the libraries it reads with, the options of the command, the
folder it runs in, the day and the environment variables that change it.
Any change to any of these is a new key, and the check runs whole. A report
whose run logged anything is not kept (a log line would not be said again).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache, Read, fingerprint, libraries, package_digest, stamps
from .options import Options

LIBRARIES = ("babel", "jinja2", "yaml", "markupsafe")
"""The libraries a check reads with (dates and languages, templates, YAML): their installed files, by their time."""

ENVIRONMENT = ("SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL", "POLICYDOCS_CACHE")


@dataclass(frozen=True)
class Report:
    """What a check said, and its status."""

    out: str
    err: str
    code: int


def _folders(options: Options, config_file: Path) -> list[Path] | None:
    """The files and folders a check reads; None when one of them holds the project itself (its site, its cache)."""
    root = options.root.resolve()
    data = options.path(options.data)
    paths = [
        config_file,
        data,
        options.path(options.releases_dir),
        options.phrasebooks / "phrasebook",
        options.path(options.locales_dir),
        options.path(options.templates_dir),
        options.path(options.docs_dir),
    ]
    for path in paths[2:]:
        if path.is_dir() and root.is_relative_to(path.resolve()):
            return None
    return paths


def _digest_of(paths: list[Path], read: Read, stamped: Path) -> list[str]:
    """The digests of the files below ``paths`` by their bytes (read by ``read``, the workspace's, so that the
    check reads each once), and of ``stamped`` by its files' times and sizes (the site's phrasebooks, which the
    check reads itself, remembering each by these: not read twice)."""
    return [stamps(path) if path == stamped else fingerprint(path, read=read) for path in paths]


def report_key(options: Options, config_file: Path, command: list[object], read: Read) -> str | None:
    """The key of a check's report: its inputs' digest with ``command`` (its options); None: not kept. The files
    are read by ``read`` (the workspace's, which keeps them for the check)."""
    paths = _folders(options, config_file)
    if paths is None:
        return None
    from .cache import key

    environment = [[name, os.environ.get(name)] for name in ENVIRONMENT]
    today = datetime.date.today().isoformat()
    inputs = _digest_of(paths, read, options.phrasebooks / "phrasebook")
    return key("check report", inputs, package_digest(read), libraries(LIBRARIES), environment, today, command)


def kept(options: Options, name: str) -> Report | None:
    found = Cache(options.cache_folder).get(name)
    return found if isinstance(found, Report) else None


def keep(options: Options, name: str, report: Report) -> None:
    Cache(options.cache_folder).put(name, report)


class _Tee(io.TextIOBase):
    """A stream written through to another, and kept."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.stream = stream
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


@dataclass
class Said:
    """What a run wrote on stdout and stderr, and whether it logged anything."""

    out: _Tee
    err: _Tee
    logged: _Logged


@contextlib.contextmanager
def recorded() -> Iterator[Said]:
    """Everything written on stdout and stderr while inside, as it is written."""
    out, err, logged = _Tee(sys.stdout), _Tee(sys.stderr), _Logged()  # type: ignore[arg-type]
    loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("policydocs")]
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    for logger in loggers:
        logger.addHandler(logged)
    try:
        yield Said(out, err, logged)
    finally:
        sys.stdout, sys.stderr = saved
        for logger in loggers:
            logger.removeHandler(logged)
