"""Shared fixtures: the repository's root, a scratch copy of Exograd's project, golden files."""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import io
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
import types
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import settings

from policydocs.i18n.catalog import catalog_path, shipped_for
from policydocs.i18n.pofile import po_bytes

# No per-example time limit: a busy CI machine makes hypothesis' 200 ms deadline fail tests that are right.
settings.register_profile("policydocs", deadline=None)
settings.load_profile("policydocs")

ROOT = Path(__file__).resolve().parent.parent
# The policy as Exograd published it (a copy of ../shared/seed/), the reference the French page must match.
SEED = ROOT / "tests" / "data" / "seed" / "politique-de-confidentialite.txt"
PROJECT_FILES = ("mkdocs.yml", "babel.cfg", "data", "docs", "locales", "templates")

HANG = 10.0
"""Seconds a step on a megabyte of text may take before it is taken for a hang: at least 10 times its time on a
quiet machine (0.5 s at most, see the tests that use it), hours when quadratic. Its cost is measured in
benchmarks/long_text.py, not here: a busy machine runs it several times slower."""


def _finishes(function: Callable[[str], object], text: str) -> None:
    function(text)


def finishes_within(seconds: float, function: Callable[[str], object], text: str) -> bool:
    """Whether ``function(text)`` returns, without raising, within ``seconds``: in a child process, stopped past
    them, so that a quadratic regression fails the test instead of hanging the suite."""
    process = multiprocessing.get_context("fork").Process(target=_finishes, args=(function, text))
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return False
    return process.exitcode == 0


IN_PROCESS_NOT = frozenset({"build", "serve"})
"""Commands ``run`` starts as a process of their own: they start processes (a build's workers, Zensical, a server)."""


def run(
    cwd: Path,
    *args: str,
    env: dict[str, str] | None = None,
    clock: str | None = None,
    timeout: float | None = None,
    process: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run the `policydocs` command line in ``cwd``, as a user would; capture what it says.

    In this process, as ``policydocs.cli.main`` (what a test of a command's words needs, six times faster),
    except for a build or a preview, a run on another day, and ``process=True``: those start
    ``python -m policydocs`` (a build's workers fork; a server runs until stopped).

    ``clock`` (YYYY-MM-DD) is the day the command runs on, for the machine's clock itself (libfaketime): a
    recorded date is the clock's, and no environment variable of policydocs' own can change it. ``timeout``:
    seconds after which a hang fails the test (a process's).
    """
    if not (process or clock or (args and args[0] in IN_PROCESS_NOT)):
        return _in_process(cwd, args, env)
    command = [sys.executable, "-m", "policydocs", *args]
    if clock:
        command = ["faketime", f"{clock} 12:00:00", *command]
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"TZ": "UTC"} if clock else {}), **(env or {})},
        timeout=timeout,
    )


def _in_process(cwd: Path, args: tuple[str, ...], env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
    """``policydocs *args`` by its ``main``, in ``cwd`` with ``env`` added, its output captured; all restored after."""
    from policydocs.cli import main

    out, err = io.StringIO(), io.StringIO()
    environment, folder = dict(os.environ), os.getcwd()
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse: a usage error (2), --help or --version (0)
                code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
                if not isinstance(stop.code, int | None):
                    print(stop.code, file=sys.stderr)
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environment)
    return subprocess.CompletedProcess(["policydocs", *args], code, out.getvalue(), err.getvalue())


def benchmark(relative: str, name: str) -> types.ModuleType:
    """A script of benchmarks/ (not a package) loaded as a module, for the tests that share its reading."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, by its path from there, with its bytes (two builds compared byte for byte)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


STATS: Counter[str] = Counter()
"""What the browser tests counted (pages checked, axe violations, external requests, vnu errors)."""


LINT_CORPUS: list[str] = []
"""What the lint corpus measured (tests/test_lint_corpus.py): precision, recall, and every disagreement."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if STATS:
        terminalreporter.section("what a reader gets")
        for name, count in sorted(STATS.items()):
            terminalreporter.write_line(f"{name}: {count}")
    if LINT_CORPUS:
        terminalreporter.section("lint corpus")
        for line in LINT_CORPUS:
            terminalreporter.write_line(line)


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on a free local port, quietly; yield its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def read_catalog(project: Path, locale: str = "en", domain: str = "policy"):  # type: ignore[no-untyped-def]
    """A project's catalog of ``locale``, read by Babel."""
    with catalog_path(project / "locales", locale, domain).open("rb") as handle:
        return read_po(handle)


def write_catalog(project: Path, catalog, locale: str = "en", domain: str = "policy") -> None:  # type: ignore[no-untyped-def]
    """Write a catalog back as `policydocs i18n update` writes it."""
    catalog_path(project / "locales", locale, domain).write_bytes(po_bytes(catalog, include_previous=True))


def write_page_text(project: Path, context: str, msgid: str, msgstr: str) -> None:
    """The site's own English wording of one string of the package's page text (locales/en/…/policydocs.po)."""
    (project / "locales" / "en" / "LC_MESSAGES" / "policydocs.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        f'msgctxt "{context}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
        encoding="utf-8",
    )


def reword(project: Path, locale: str, context: str, old: str, new: str) -> str:
    """Edit one translation as a translator would: ``old`` is in the msgstr of ``context`` and becomes ``new``.
    Returns the msgstr as it was, to put it back."""
    former = str(next(message for message in read_catalog(project, locale) if message.context == context).string)
    assert old in former, (context, old)
    set_message(project, locale, context, former.replace(old, new))
    return former


def reworded(example: Path, effective: str) -> None:
    """A translated editorial change of the example, taking effect on ``effective``: a sentence reworded around
    the only fact it states (the controller's name, still there in both languages)."""
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", f"effective_date: {effective}")
    text = text.replace("change_note: Une lettre d’information", "change_note: Précision, une lettre d’information")
    data.write_text(text.replace("vend des livres en boutique", "vend des livres neufs en boutique"), encoding="utf-8")
    assert run(example, "i18n", "extract").returncode == 0
    assert run(example, "i18n", "update").returncode == 0
    catalog = read_catalog(example)
    for message in catalog:
        if message.context == "introduction.scope":
            message.string = message.string.replace("sells books", "sells new books")
            message.flags.discard("fuzzy")
        elif message.context == "change_note":
            message.string = "Clarification, " + message.string
            message.flags.discard("fuzzy")
    write_catalog(example, catalog)


def set_message(project: Path, locale: str, context: str, text: str) -> None:
    """Set the msgstr of ``context`` in a project's catalog of ``locale``."""
    catalog = read_catalog(project, locale)
    next(message for message in catalog if message.context == context).string = text
    write_catalog(project, catalog, locale)


def counted_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """``owner.name`` replaced for the test by the same function that also counts its calls: the list grows by
    one at each call."""
    calls: list[int] = []
    function = getattr(owner, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return function(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def edit_data(project: Path, *replacements: tuple[str, str]) -> None:
    """Edit a project's data/policy.yml as its editor would: each ``old`` is there, and becomes ``new``."""
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")


def translate(project: Path, english: Mapping[str, str]) -> None:
    """Extract and update the catalogs, then translate the given msgctxts into English (neither fuzzy nor stale)."""
    assert run(project, "i18n", "extract").returncode == 0
    assert run(project, "i18n", "update").returncode == 0
    catalog = read_catalog(project)
    for message in catalog:
        if message.context in english:
            message.string, message.flags, message.previous_id = english[message.context], set(), []
    write_catalog(project, catalog)


def new_note(project: Path, french: str = "Une nouvelle version.", english: str = "A new version.") -> None:
    """Give the data's next version a change note of its own (the previous version's is not reused), translated."""
    data = project / "data" / "policy.yml"
    lines = data.read_text(encoding="utf-8").split("\n")
    lines = [f"change_note: {french}" if line.startswith("change_note:") else line for line in lines]
    data.write_text("\n".join(lines), encoding="utf-8")
    translate(project, {"change_note": english})


def fill_page_text(project: Path, locale: str) -> None:
    """Translate a project's catalog of the package's page text (a language the package does not ship), as
    ``[locale] English``. A language the package ships needs none: nothing to do."""
    if shipped_for(locale) is not None:
        return
    catalog = read_catalog(project, locale, "policydocs")
    for message in catalog:
        if message.id:
            message.string = f"[{locale}] {message.id}"
    write_catalog(project, catalog, locale, "policydocs")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., tuple[Path, str]]:
    """A site built once per test run for every test that only reads it: ``built(project, date, engine, pdf)``
    gives the site's folder and what the build said on stderr (``project``: the repository, or the example)."""
    made: dict[tuple[Path, str | None, str, bool], tuple[Path, str]] = {}

    def build(
        project: Path = ROOT, date: str | None = None, engine: str = "mkdocs", pdf: bool = False
    ) -> tuple[Path, str]:
        wanted = (project, date, engine, pdf)
        if wanted not in made:
            target = tmp_path_factory.mktemp(f"{project.name}-{engine}") / "site"
            args = ["build", "--engine", engine, "--site-dir", str(target)]
            args += (["--date", date] if date else []) + (["--pdf"] if pdf else [])
            result = run(project, *args)
            assert result.returncode == 0, result.stderr
            made[wanted] = target, result.stderr
        return made[wanted]

    return build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of Exograd's site project, safe to edit and build."""
    root = tmp_path / "project"
    root.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


EXAMPLE = "examples/librairie-papillon"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small fictional policy (French only, effective 1 March 2024, not released yet), with the repository's
    templates."""
    root = tmp_path / "small"
    shutil.copytree(ROOT / "tests" / "data" / "small", root)
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example with a history (with the repository's templates, which it shares)."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    target = tmp_path / EXAMPLE
    shutil.copytree(ROOT / EXAMPLE, target, ignore=shutil.ignore_patterns("site", ".cache"))
    return target


def seed_paragraphs() -> list[str]:
    """The published policy's paragraphs and list items, as the seed writes them."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [line.removeprefix("• ").strip() for line in lines if line]
