"""The tie of text and facts, and the catalogs as read, are kept in the build cache by what they read: taken again
while it reads the same, worked out anew when any of it changes, and always what working it out afresh gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.cache import Cache
from policydocs.errors import CatalogError, DataError
from policydocs.i18n import catalog
from policydocs.policy import phrasebook, verify
from policydocs.workspace import Workspace

from .conftest import counted_calls, edit_data

UNSTATED = (
    "      label: fourniture des services souscrits\n",
    "      label: fourniture des services souscrits\n      legal_basis: contract\n",
)
"""A legal basis added to the facts with no sentence stating it: a problem of the tie."""


def tie(project: Path) -> list[tuple[int, int, str, str]]:
    workspace = Workspace.of(project / "mkdocs.yml")
    return [(p.line, p.column, p.path, p.message) for p in workspace.tie(workspace.resolved_text())]


def test_the_tie_is_kept_by_the_data_s_bytes_the_text_and_the_phrasebooks(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_data(project, UNSTATED)
    checks = counted_calls(monkeypatch, verify, "check")
    first = tie(project)
    assert any(path == "purposes.service-delivery.legal_basis" for _, _, path, _ in first)
    assert tie(project) == first
    assert len(checks) == 1

    # A comment above moves every line: checked again, each problem at its new line, as a fresh check says.
    data = project / "data" / "policy.yml"
    data.write_text("# moved\n" + data.read_text(encoding="utf-8"), encoding="utf-8")
    moved = tie(project)
    assert len(checks) == 2
    assert [(line - 1, column, path, message) for line, column, path, message in moved] == first
    monkeypatch.setenv("POLICYDOCS_CACHE", "off")
    assert tie(project) == moved
    assert len(checks) == 3
    monkeypatch.delenv("POLICYDOCS_CACHE")

    # The site's phrasebook: checked again.
    (project / "data" / "phrasebook").mkdir()
    (project / "data" / "phrasebook" / "fr.yml").write_text("stopwords: [voici]\n", encoding="utf-8")
    assert tie(project) == moved
    assert len(checks) == 4


def test_a_catalog_is_kept_by_its_bytes_and_a_refused_one_is_never_kept(tmp_path: Path) -> None:
    po = tmp_path / "policy.po"
    po.write_text('msgctxt "a"\nmsgid "One"\nmsgstr "Un"\n', encoding="utf-8")
    cache = Cache(tmp_path / "cache")

    def entries(found: object) -> list[tuple[object, ...]]:
        return [(m.context, m.id, m.string, m.fuzzy) for m in found if m.id]  # type: ignore[attr-defined]

    fresh = entries(catalog.read_catalog(po, "policy.po"))
    assert entries(catalog.read_catalog(po, "policy.po", cache=cache)) == fresh
    hits = cache.hits
    assert entries(catalog.read_catalog(po, "policy.po", cache=cache)) == fresh
    assert cache.hits == hits + 1

    po.write_text('msgctxt "a"\nmsgid "One"\nmsgstr "Une"\n', encoding="utf-8")
    assert entries(catalog.read_catalog(po, "policy.po", cache=cache)) == [("a", "One", "Une", False)]

    kept = set((tmp_path / "cache").rglob("*.pickle"))
    po.write_text('msgctxt "a"\nmsgid "One"\nmsgstr "U\u202ene"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogError, match="U\\+202E"):
            catalog.read_catalog(po, "policy.po", cache=cache)
    assert set((tmp_path / "cache").rglob("*.pickle")) == kept


def test_a_phrasebook_is_kept_by_its_files_and_a_refused_one_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "data"
    (site / "phrasebook").mkdir(parents=True)
    own = site / "phrasebook" / "fr.yml"
    own.write_text("cues:\n  unconditional: [vous pouvez adresser]\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    made = counted_calls(monkeypatch, phrasebook, "_load")

    fresh = phrasebook.load("fr", site)
    assert phrasebook.load("fr", site, cache) == fresh
    assert phrasebook.load("fr_FR", site, cache) == fresh  # one phrasebook for each language
    assert fresh.phrases("cues", "unconditional")[-1] == "vous pouvez adresser"
    hits, calls = cache.hits, len(made)
    assert phrasebook.load("fr", site, cache) == fresh
    assert (cache.hits, len(made)) == (hits + 1, calls)

    # The site's phrasebook changed (its size, its time): made again, as a fresh load makes it.
    own.write_text("cues:\n  unconditional: [vous pouvez toujours adresser]\n", encoding="utf-8")
    changed = phrasebook.load("fr", site, cache)
    assert changed.phrases("cues", "unconditional")[-1] == "vous pouvez toujours adresser"
    assert changed == phrasebook.load("fr", site)
    # Another language, and the package's alone, are other entries.
    assert phrasebook.load("en", site, cache) == phrasebook.load("en", site)
    assert phrasebook.load("fr", None, cache) == phrasebook.load("fr")

    # A phrasebook refused (an unknown key) raises every time, and nothing of it is kept.
    kept = set((tmp_path / "cache").rglob("*.pickle"))
    own.write_text("cue:\n  unconditional: [vous pouvez]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match='unknown key "cue"'):
            phrasebook.load("fr", site, cache)
    assert set((tmp_path / "cache").rglob("*.pickle")) == kept
