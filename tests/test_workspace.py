"""The workspace: a site's inputs read once each, lazily; and a package whose modules and rooms form no cycle."""

from __future__ import annotations

import collections
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from policydocs.cli import main
from policydocs.options import Options
from policydocs.shipped import TEMPLATES
from policydocs.workspace import Workspace

from .conftest import EXAMPLE, ROOT, benchmark

_WATCHED: list[tuple[Path, collections.Counter[Path]]] = []
"""The folders whose files are being counted, and the count: an audit hook cannot be removed, so it is added once."""


def _count_opens(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not _WATCHED or not isinstance(args[0], str | bytes | os.PathLike):
        return
    mode = args[1] if len(args) > 1 else "r"
    if isinstance(mode, str) and any(flag in mode for flag in "wax+"):
        return  # written, not read (the build cache's entries)
    path = Path(os.fsdecode(args[0])).resolve()
    for folder, counts in _WATCHED:
        if path.is_relative_to(folder) and ".cache" not in path.relative_to(folder).parts:
            counts[path] += 1


sys.addaudithook(_count_opens)


@contextmanager
def opens(*folders: Path) -> Iterator[collections.Counter[Path]]:
    """Count every opening for reading of a file below ``folders`` (the build cache's own files left out)."""
    counts: collections.Counter[Path] = collections.Counter()
    watched = [(folder.resolve(), counts) for folder in folders]
    _WATCHED.extend(watched)
    try:
        yield counts
    finally:
        for item in watched:
            _WATCHED.remove(item)


@pytest.mark.parametrize("cache", ["on", "off"])
@pytest.mark.parametrize("site", ["exograd", "example"])
def test_check_reads_each_input_once(
    site: str,
    cache: str,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check` validates the data, lints it, checks the catalogs and the record, and renders every file `build`
    publishes: each input (mkdocs.yml, the data, each release, translation and correction, each catalog, each
    template) is opened once."""
    base = root = project
    if site == "example":  # its templates are the repository's (templates_dir: ../../templates)
        base = tmp_path / "repository"
        root = base / EXAMPLE
        shutil.copytree(ROOT / EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
        shutil.copytree(ROOT / "templates", base / "templates")
    monkeypatch.chdir(root)
    monkeypatch.setenv("POLICYDOCS_CACHE", cache)
    with opens(base, TEMPLATES) as counts:
        assert main(["check"]) == 0, capsys.readouterr()
    root = root.resolve()
    read = {p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p): n for p, n in counts.items()}
    inputs = [
        "mkdocs.yml",
        "data/policy.yml",
        *(p.relative_to(root).as_posix() for p in (root / "data" / "releases").rglob("*.yml")),
        *(p.relative_to(root).as_posix() for p in (root / "locales").rglob("*.po")),
    ]
    assert set(inputs) <= set(read), sorted(set(inputs) - set(read))  # every input is read: the count sees them
    assert any(name.endswith(".j2") for name in read)
    assert {name: n for name, n in read.items() if n > 1} == {}


def test_a_workspace_reads_nothing_until_asked(project: Path) -> None:
    with opens(project) as counts:
        workspace = Workspace.of(project / "mkdocs.yml")
    assert list(counts) == [(project / "mkdocs.yml").resolve()]  # the options alone
    with opens(project) as counts:
        assert workspace.policy.source_locale == "fr"
        assert workspace.policy is workspace.policy
        assert workspace.translator("en") is workspace.translator("en", strict=False)
        assert workspace.releases is workspace.releases
    assert {path.relative_to(project.resolve()).as_posix(): n for path, n in counts.items()} == {
        "data/policy.yml": 1,
        "locales/en/LC_MESSAGES/policy.po": 1,
        "data/releases/2022-12-26.yml": 1,
        "data/releases/corrections/2022-12-26.2026-12-06.yml": 1,
        **{f"templates/{p.name}": 1 for p in (project / "templates").glob("*.j2")},
    }


def test_a_strict_translator_raises_what_the_lenient_one_holds(project: Path) -> None:
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Privacy Policy"', 'msgstr ""', 1), encoding="utf-8")
    workspace = Workspace(Options(project.resolve(), locales=("fr", "en")))
    lenient = workspace.translator("en", strict=False)
    assert lenient.problems
    from policydocs.errors import CatalogError

    with pytest.raises(CatalogError) as raised:
        workspace.translator("en")
    assert raised.value.problems == lenient.problems


def test_no_cycle_between_modules_or_rooms() -> None:
    """Dependencies point one way: no module, and no room (a folder of the package), imports one that imports it."""
    graph = benchmark("import_graph.py", "import_graph")
    modules = graph.graph()
    assert len(modules) > 80  # the whole package is read
    assert graph.cycles(modules) == []
    rooms = graph.rooms(modules)
    assert graph.cycles(rooms) == []
    # mkdocs.yml's options read nothing of the data; the workspace is below every room that renders.
    assert rooms["policydocs.options"] <= {"policydocs.errors", "policydocs.i18n", "policydocs.shipped"}
    assert "policydocs.workspace" in rooms["policydocs.site"]
    assert not {"policydocs.site", "policydocs.formats", "policydocs.engine"} & rooms["policydocs.workspace"]


def test_the_import_graph_sees_a_cycle(tmp_path: Path) -> None:
    """The script that draws the graph finds a cycle where there is one (deferred imports count; type-only do not)."""
    graph = benchmark("import_graph.py", "import_graph")
    package = tmp_path / "policydocs"
    (package / "a").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a" / "__init__.py").write_text("", encoding="utf-8")
    (package / "a" / "one.py").write_text("def f():\n    from ..b import two\n", encoding="utf-8")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nfrom .a import one\nif TYPE_CHECKING:\n    from .c import x\n",
        encoding="utf-8",
    )
    (package / "c.py").write_text("from .b import one\n", encoding="utf-8")
    modules = graph.graph(package)
    assert modules["policydocs.b"] == {"policydocs.a.one"}
    assert graph.cycles(modules) == [["policydocs.a.one", "policydocs.b"]]
    assert graph.cycles(graph.rooms(modules)) == [["policydocs.a", "policydocs.b"]]
