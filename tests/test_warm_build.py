"""A warm build (the build cache kept from the build before) gives the bytes of a cold one after every kind of change.

Each test builds the example with a history once, changes one input as its owner would, then builds it again with
the cache (warm) and without (cold), and compares the two sites file by file. The change must show in the site,
and the warm build must have taken pages from the cache (it writes fewer entries than a cold build does).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, files_of, reworded, run, write_page_text

DAY = "2027-03-20"
"""The day the example is built for: its newest version (1 March 2027) in force."""


def entries(project: Path) -> set[Path]:
    return set((project / ".cache" / "policydocs").rglob("*.pickle"))


def build(project: Path, site: Path, *args: str, env: dict[str, str] | None = None) -> None:
    result = run(project, "build", "--date", DAY, "--site-dir", str(site), *args, env=env)
    assert result.returncode == 0, result.stderr


def warm_and_cold(project: Path, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """Build warm, then cold (an empty cache); assert they are the same bytes, and that the warm build took pages
    from the cache: it wrote fewer entries than the cold one. The warm site's files."""
    before = entries(project)
    build(project, tmp_path / "warm", *args, env=env)
    written_warm = len(entries(project) - before)
    (project / ".cache").rename(tmp_path / "warm-cache")
    build(project, tmp_path / "cold", *args, env=env)
    written_cold = len(entries(project))
    warm, cold = files_of(tmp_path / "warm"), files_of(tmp_path / "cold")
    assert sorted(warm) == sorted(cold)
    assert [name for name in warm if warm[name] != cold[name]] == []
    assert written_warm < written_cold, f"the warm build wrote {written_warm} cache entries, a cold one {written_cold}"
    return warm


def page(site: dict[str, bytes], name: str) -> str:
    return site[name].decode("utf-8")


def _release(example: Path) -> str:
    """A new version: one sentence reworded in French and English, released, in force from 15 March 2027."""
    reworded(example, "2027-03-15")
    result = run(example, "release", "--class", "editorial", "--published", "2027-03-10")
    assert result.returncode == 0, result.stderr
    return "sells new books"


def _site_page_text(example: Path) -> str:
    """The site's own wording of a string of the package's page text (locales/en/…/policydocs.po)."""
    write_page_text(
        example,
        "version.archived",
        "Archived version, in force from %(start)s to %(end)s.",
        "Archived version, applicable from %(start)s to %(end)s.",
    )
    return "Archived version, applicable from"


def _template(example: Path) -> str:
    """The site's template of the changes pages, with a sentence more."""
    template = example.parent.parent / "templates" / "changes.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% if items %}", "Modèle modifié.\n\n{% if items %}", 1), encoding="utf-8")
    return "Modèle modifié."


def _theme_option(example: Path) -> str:
    """The theme's colours: a primary colour for both palettes."""
    config = example / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      scheme: default\n", "      scheme: default\n      primary: teal\n"
    )
    config.write_text(text, encoding="utf-8")
    return 'data-md-color-primary="teal"'


CHANGES: dict[str, Callable[[Path], str]] = {
    "data (a new version released)": _release,
    "translation (the site's wording of page text)": _site_page_text,
    "template": _template,
    "theme option": _theme_option,
}
"""Each kind of change, made to the example; what the site then shows that it did not."""


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_warm_build_after_a_change_is_the_cold_build_byte_for_byte(
    change: str, example: Path, tmp_path: Path
) -> None:
    build(example, tmp_path / "before")
    before = files_of(tmp_path / "before")
    shown = CHANGES[change](example)
    assert not any(shown in page(before, name) for name in before if name.endswith(".html"))
    warm = warm_and_cold(example, tmp_path)
    assert any(shown in page(warm, name) for name in warm if name.endswith(".html"))


def test_a_warm_build_after_the_package_s_page_text_changed_is_the_cold_build(example: Path, tmp_path: Path) -> None:
    """A new release of policydocs with another translation of its page text: its catalog, not the site's."""
    build(example, tmp_path / "before")
    package = tmp_path / "package"
    shutil.copytree(ROOT / "src" / "policydocs", package / "policydocs", ignore=shutil.ignore_patterns("__pycache__"))
    catalog = package / "policydocs" / "locales" / "fr" / "LC_MESSAGES" / "policydocs.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Version archivée, en vigueur du %(start)s au %(end)s."' in text
    catalog.write_text(text.replace("Version archivée, en vigueur du", "Version archivée, applicable du"), "utf-8")
    path = os.pathsep.join([str(package), *sys.path])
    warm = warm_and_cold(example, tmp_path, env={"PYTHONPATH": path})
    assert any("Version archivée, applicable du" in page(warm, name) for name in warm if name.endswith(".html"))


def test_a_warm_build_on_the_day_a_version_takes_effect_is_the_cold_build(example: Path, tmp_path: Path) -> None:
    """The day moves past an announced version's date: every older version now compares with another one."""
    result = run(example, "build", "--date", "2027-02-20", "--site-dir", str(tmp_path / "before"))
    assert result.returncode == 0, result.stderr
    warm = warm_and_cold(example, tmp_path)
    assert "fr/versions/2024-06-10/compare/index.html" in warm


def test_a_warm_draft_after_an_edit_is_the_cold_draft(example: Path, tmp_path: Path) -> None:
    """A draft (what the preview shows): the edited data is on its pages, the rest from the cache."""
    build(example, tmp_path / "before", "--draft")
    data = example / "data" / "policy.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("six (6) mois", "sept (7) mois"), encoding="utf-8")
    warm = warm_and_cold(example, tmp_path, "--draft")
    assert re.search("sept \\(7\\) mois", page(warm, "fr/index.html"))


def test_a_warm_build_keeps_each_page_once_converted_and_once_written(example: Path, tmp_path: Path) -> None:
    """Nothing changed: the warm build writes no cache entry at all (every page's Markdown, conversion and HTML
    was kept), and gives the same site."""
    build(example, tmp_path / "cold")
    before = {path: path.stat().st_mtime_ns for path in entries(example)}
    build(example, tmp_path / "warm")
    assert {path: path.stat().st_mtime_ns for path in entries(example)} == before
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")


def test_a_build_whose_cache_entries_are_all_cut_short_is_the_cold_build(example: Path, tmp_path: Path) -> None:
    """Every entry unreadable (cut short, as a full disk leaves a file written in place): each is a miss, a kept
    page's HTML among them (its own template renders it then), and the site is the cold one's."""
    build(example, tmp_path / "cold")
    for entry in entries(example):
        whole = entry.read_bytes()
        entry.write_bytes(whole[: len(whole) // 2])
    build(example, tmp_path / "warm")
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")


def test_a_comparison_that_shows_what_the_day_changes_of_a_version_is_made_again(example: Path, tmp_path: Path) -> None:
    """A site's template that shows a version's status on its changes page: the day the version takes effect,
    the page says so, though neither version's record changed (the fields a page read are kept with it)."""
    template = example.parent.parent / "templates" / "changes.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% if pdf %}", "Statut : {{ new.status }}.\n\n{% if pdf %}", 1), "utf-8")
    result = run(example, "build", "--date", "2027-02-20", "--site-dir", str(tmp_path / "before"))
    assert result.returncode == 0, result.stderr
    changes = "fr/versions/2027-03-01/changes/index.html"
    assert "Statut : upcoming." in page(files_of(tmp_path / "before"), changes)
    warm = warm_and_cold(example, tmp_path)
    assert "Statut : current." in page(warm, changes)
