"""A locale's site as MkDocs built it is kept, and taken again while nothing it is made of changes (outputs.py).

Each test builds Exograd's site as its owner would (`policydocs build` in a process of its own), then again: the
second site must be the bytes a cold build gives, whether its locales were taken from the cache (their files are
then links to the kept ones) or built again.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from policydocs.engine import outputs
from policydocs.engine.base import SiteBuild
from policydocs.options import load_options

from .conftest import files_of, run, write_page_text

DAY = "2026-12-01"


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> str:
    result = run(project, "build", "--date", DAY, "--site-dir", str(site), env=env)
    assert result.returncode == 0, result.stderr
    return result.stderr


def taken(site: Path, locale: str, before: Path) -> bool:
    """Whether the locale's pages were taken from the cache that the build of ``before`` left: each is then the
    same file as there (a link to the kept one), not a file written anew."""
    pages = [p.relative_to(site) for p in (site / locale).rglob("*.html")]
    assert pages
    same = {(site / p).stat().st_ino == (before / p).stat().st_ino for p in pages}
    assert len(same) == 1, "a locale is taken whole, or built whole"
    return same.pop()


def cold(project: Path, site: Path) -> dict[str, bytes]:
    """The site a build with an empty cache gives (the cache kept aside, then put back)."""
    cache = project / ".cache"
    cache.rename(project / ".cache-aside")
    try:
        build(project, site)
    finally:
        if cache.exists():
            shutil.rmtree(cache)
        (project / ".cache-aside").rename(cache)
    return files_of(site)


def test_an_unchanged_site_is_taken_from_the_cache_byte_for_byte(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "first")
    assert sorted(p.name for p in (project / ".cache" / "policydocs" / "outputs").iterdir()) == ["en", "fr"]
    build(project, tmp_path / "second")
    assert taken(tmp_path / "second", "fr", tmp_path / "first")
    assert taken(tmp_path / "second", "en", tmp_path / "first")
    second = files_of(tmp_path / "second")
    assert second == files_of(tmp_path / "first")
    assert second == cold(project, tmp_path / "cold")
    # The sitemaps, written over MkDocs' own after the engine, are new files: the kept ones are MkDocs'.
    assert (tmp_path / "second" / "fr" / "sitemap.xml").stat().st_nlink == 1


def _asset(project: Path) -> str:
    stylesheet = project / "docs" / "assets" / "policy.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    return "fr/assets/policy.css"


def _site_name(project: Path) -> str:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name: Exograd", "site_name: Exograd SAS"), "utf-8"
    )
    return "fr/index.html"


def _page_text(project: Path) -> str:
    """The site's own English wording of a string of the package's page text."""
    current = "version.current"
    write_page_text(project, current, "Version in force since %(date)s.", "Version applicable since %(date)s.")
    return "en/index.html"


CHANGES = {"the site's own files (docs/)": _asset, "mkdocs.yml": _site_name, "a translation of page text": _page_text}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_builds_the_locales_it_touches_again(change: str, project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "first")
    first = files_of(tmp_path / "first")
    changed = CHANGES[change](project)
    build(project, tmp_path / "second")
    second = files_of(tmp_path / "second")
    assert second[changed] != first[changed]
    assert second == cold(project, tmp_path / "cold")
    locale = changed.split("/")[0]
    assert not taken(tmp_path / "second", locale, tmp_path / "first")
    if change == "a translation of page text":
        assert taken(tmp_path / "second", "fr", tmp_path / "first")  # the French edition is the same: taken


def test_a_published_file_changed_in_place_is_never_published_again_from_the_cache(
    project: Path, tmp_path: Path
) -> None:
    build(project, tmp_path / "first")
    page = tmp_path / "first" / "fr" / "index.html"
    whole = page.read_bytes()
    with page.open("r+b") as handle:  # written in place, as a tool that edits the published site might
        handle.write(b"<!-- changed -->")
    build(project, tmp_path / "second")
    assert (tmp_path / "second" / "fr" / "index.html").read_bytes() == whole
    assert not taken(tmp_path / "second", "fr", tmp_path / "first")
    assert taken(tmp_path / "second", "en", tmp_path / "first")
    assert files_of(tmp_path / "second") == cold(project, tmp_path / "cold")


CONFIGS = {
    "hooks": ("markdown_extensions:\n", "hooks:\n  - hooks.py\nmarkdown_extensions:\n"),
    "another plugin": ("  - search\n", "  - search\n  - tags\n"),
    "an extension that reads files": ("  - tables\n", "  - tables\n  - pymdownx.snippets\n"),
    "a tag": ("site_name: Exograd\n", "site_name: !ENV [SITE_NAME, Exograd]\n"),
}


@pytest.mark.parametrize("config", list(CONFIGS))
def test_a_configuration_whose_build_may_read_more_than_the_key_is_built_every_time(
    config: str, project: Path, tmp_path: Path
) -> None:
    (project / "hooks.py").write_text('"""A hook that does nothing."""\n', encoding="utf-8")
    path = project / "mkdocs.yml"
    old, new = CONFIGS[config]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    build(project, tmp_path / "first")
    build(project, tmp_path / "second")
    assert not (project / ".cache" / "policydocs" / "outputs").exists()
    assert not taken(tmp_path / "second", "fr", tmp_path / "first")


def test_a_build_that_warned_is_not_kept_and_warns_again(project: Path, tmp_path: Path) -> None:
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    said = build(project, tmp_path / "first")
    assert "missing.md" in said
    assert not (project / ".cache" / "policydocs" / "outputs").exists()
    assert "missing.md" in build(project, tmp_path / "second")


def test_nothing_is_kept_with_the_cache_off(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "first", env={"POLICYDOCS_CACHE": "off"})
    assert not (project / ".cache" / "policydocs" / "outputs").exists()


def test_a_build_with_pdfs_is_never_kept(project: Path) -> None:
    """The PDF printer writes into the pages' folders after the engine: such an output is not MkDocs' alone."""
    options = load_options(project / "mkdocs.yml")
    site = SiteBuild(project / "mkdocs.yml", options, ("fr",), {}, datetime.date(2026, 12, 1), pdf=True)
    assert outputs.slot(site, "fr") is None
