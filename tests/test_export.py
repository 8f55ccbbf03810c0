"""`policydocs export`: the pages as plain Markdown projects that Zensical and MkDocs build without our plugin
(with the same language and feed links, from the theme override the export carries);
and the build cache that lets rebuilds skip what frozen releases give."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, run


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export")
    result = run(ROOT / EXAMPLE, "export", str(target), "--date", "2026-11-27")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{target}/mkdocs.fr.yml", f"{target}/mkdocs.en.yml"]
    return target


def build_with(engine: list[str], exported: Path) -> None:
    for locale in ("fr", "en"):
        result = subprocess.run(
            [*engine, "build", "-f", f"mkdocs.{locale}.yml"],
            cwd=exported,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stdout + result.stderr


def assert_whole_site(site: Path) -> None:
    for locale, title, changes in (
        (
            "fr",
            "Politique de confidentialité de la Librairie Papillon",
            "Modifications applicables à compter du 1er mars 2024",
        ),
        ("en", "Librairie Papillon Privacy Policy", "Changes effective 1 March 2024"),
    ):
        assert title in (site / locale / "index.html").read_text(encoding="utf-8")
        history = (site / locale / "history" / "index.html").read_text(encoding="utf-8")
        assert "2027" in history and "2023" in history
        page = (site / locale / "versions" / "2024-03-01" / "changes" / "index.html").read_text(encoding="utf-8")
        assert changes in page and '<ins class="policydocs-ins">' in page
        assert f'<html lang="{locale}"' in page
        assert (site / locale / "feed.xml").is_file()
        # The export's theme override: the switcher and hreflang lead to the same page, the head links the feed.
        other = "en" if locale == "fr" else "fr"
        assert f'<a href="../../{other}/history/" hreflang="{other}" target="_self"' in history
        assert f'<link rel="alternate" href="../../{other}/history/" hreflang="{other}">' in history
        assert '<link rel="alternate" type="application/atom+xml" title=' in history
        assert (site / locale / "versions" / "2024-03-01" / "policy.json").is_file()
    for name in ("index.html", "versions.json", "sitemap.xml", "schema/policy.json", "versions/2027-03-01.jsonld"):
        assert (site / name).is_file(), name


def test_zensical_builds_the_export(exported: Path) -> None:
    build_with([str(Path(sys.executable).parent / "zensical")], exported)
    assert_whole_site(exported / "site")


def test_mkdocs_builds_the_export_without_the_plugin(exported: Path, tmp_path: Path) -> None:
    assert "policydocs" not in (exported / "mkdocs.fr.yml").read_text(encoding="utf-8").split("plugins:")[1]
    build_with([sys.executable, "-m", "mkdocs"], exported)
    assert_whole_site(exported / "site")


def test_a_warm_rebuild_reads_frozen_pages_from_the_cache_and_gives_the_same_site(
    example: Path, tmp_path: Path
) -> None:
    cold = run(example, "build", "--date", "2026-11-27", "--site-dir", str(tmp_path / "cold"))
    assert cold.returncode == 0, cold.stderr
    entries = sorted((example / ".cache" / "policydocs").rglob("*.pickle"))
    assert len(entries) > 20
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    warm = run(example, "build", "--date", "2026-11-27", "--site-dir", str(tmp_path / "warm"))
    assert warm.returncode == 0, warm.stderr
    assert {p: p.stat().st_mtime_ns for p in entries} == stamps  # read, not written again
    assert sorted((example / ".cache" / "policydocs").rglob("*.pickle")) == entries

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(tmp_path / "cold") == tree(tmp_path / "warm")


def test_the_cache_follows_templates_and_catalogs(example: Path, tmp_path: Path) -> None:
    assert run(example, "build", "--date", "2026-11-27").returncode == 0
    template = example.parent.parent / "templates" / "changes.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("{% if items %}", "Édité.\n\n{% if items %}"))
    assert run(example, "build", "--date", "2026-11-27").returncode == 0
    page = example / "site" / "fr" / "versions" / "2024-03-01" / "changes" / "index.html"
    assert "Édité." in page.read_text(encoding="utf-8")


def test_the_cache_can_be_turned_off(example: Path) -> None:
    result = run(example, "build", "--date", "2026-11-27", env={"POLICYDOCS_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert not (example / ".cache").exists()
