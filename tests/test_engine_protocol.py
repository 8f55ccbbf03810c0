"""The engine protocol: a fourth engine is one class, which `build` and the preview both drive."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

from policydocs.cli import main
from policydocs.engine.base import SiteBuild
from policydocs.engine.build import build_site
from policydocs.engine.preview import Preview
from policydocs.errors import CatalogError, DataError, PolicyError, Problem, ReleaseRefused
from policydocs.site import addresses
from policydocs.site.edition import Edition

from .conftest import files_of

DAY = datetime.date(2026, 12, 1)


class PlainFiles:
    """A fourth engine, in a dozen lines: each locale's edition written out as it is (Markdown, no HTML)."""

    name = "plain"

    def __init__(self) -> None:
        self.built: list[tuple[str, ...]] = []

    def build(self, site: SiteBuild, into: Path) -> None:
        self.built.append(tuple(site.editions))
        for locale, made in site.editions.items():
            for path, file in made.files.items():
                target = into / locale / path
                target.parent.mkdir(parents=True, exist_ok=True)
                content = file.content
                target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


class Failing:
    name = "failing"

    def build(self, site: SiteBuild, into: Path) -> None:
        (into / "fr").mkdir()
        raise PolicyError("fr: the engine failed")


class Holding:
    """An engine that notes what its editions hold in memory, page by page."""

    name = "holding"

    def __init__(self) -> None:
        self.held: dict[str, tuple[int, int]] = {}

    def build(self, site: SiteBuild, into: Path) -> None:
        for locale, made in site.editions.items():
            pages = [file for file in made.files.values() if file.is_page]
            self.held[locale] = (sum(len(file.stored) for file in pages), sum(len(file.content) for file in pages))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_engine_is_given_editions_whose_pages_wait_on_disk(project: Path, jobs: int) -> None:
    """No process holds every locale's pages at once, nor sends them to another: an engine reads each page from
    where it was set aside, as it was made."""
    engine = Holding()
    build_site(project / "mkdocs.yml", build_date=DAY, engine=engine, jobs=jobs)
    assert set(engine.held) == {"fr", "en"}
    for held, read in engine.held.values():
        assert (held, read > 10_000) == (0, True)


def test_build_drives_any_engine(project: Path) -> None:
    engine = PlainFiles()
    result = build_site(project / "mkdocs.yml", build_date=DAY, engine=engine, jobs=1)
    assert engine.built == [("fr", "en")]
    site = files_of(result.site_dir)
    # Each locale's pages as the edition made them, its formats beside them, the site's root files around them.
    assert "Politique de confidentialité" in site["fr/index.md"].decode("utf-8")
    assert b"Privacy Policy" in site["en/index.md"]
    frozen = f"fr/{addresses.policy_json('2022-12-26')}"
    assert {"fr/feed.xml", "en/feed.xml", frozen, "versions.json", "index.html"} <= set(site)
    assert {"sitemap.xml", "fr/sitemap.xml"} <= set(site)  # Exograd's mkdocs.yml has a site_url
    assert not [path for path in site if path.endswith(".html") and path.startswith(("fr/", "en/"))]


def test_a_failing_engine_leaves_the_previous_site(project: Path) -> None:
    before = build_site(project / "mkdocs.yml", build_date=DAY, engine=PlainFiles(), jobs=1)
    kept = files_of(before.site_dir)
    with pytest.raises(PolicyError, match="the engine failed"):
        build_site(project / "mkdocs.yml", build_date=DAY, engine=Failing(), jobs=1)
    assert files_of(before.site_dir) == kept
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_the_preview_serves_any_engine(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert main(["i18n", "init", "de"]) == 0  # a language being translated, previewed beside the published ones
    engine = PlainFiles()
    preview = Preview(project / "mkdocs.yml", tmp_path / "preview", locale="de", engine=engine, jobs=1, build_date=DAY)
    try:
        assert preview.rebuild() == ["fr", "en", "de"]
        assert (tmp_path / "preview" / "site" / "de" / "index.md").is_file()
        assert preview.rebuild() == []  # nothing changed: nothing built
        catalog = project / "locales" / "de" / "LC_MESSAGES" / "policy.po"
        untranslated = 'msgid "Sous-traitants"\nmsgstr ""'
        text = catalog.read_text(encoding="utf-8")
        assert untranslated in text
        catalog.write_text(text.replace(untranslated, 'msgid "Sous-traitants"\nmsgstr "Auftragsverarbeiter"'))
        assert preview.rebuild() == ["de"]  # only the locale an edit touches
        assert engine.built == [("fr", "en", "de"), ("de",)]
        assert "Auftragsverarbeiter" in (tmp_path / "preview" / "site" / "de" / "index.md").read_text("utf-8")
    finally:
        preview.close()


def test_a_site_build_crosses_processes(project: Path) -> None:
    """What an engine gets pickles: the MkDocs engine hands each locale's build to a process of its own."""
    seen: list[SiteBuild] = []

    class Keeping(PlainFiles):
        def build(self, site: SiteBuild, into: Path) -> None:
            seen.append(site)
            super().build(site, into)

    build_site(project / "mkdocs.yml", build_date=DAY, engine=Keeping(), jobs=1)
    (site,) = seen
    again = pickle.loads(pickle.dumps(site))
    assert again.locales == ("fr", "en") and again.day == DAY and not again.draft
    assert isinstance(again.editions["fr"], Edition)
    assert again.editions["fr"].files.keys() == site.editions["fr"].files.keys()


@pytest.mark.parametrize(
    "error",
    [
        DataError([Problem("data/policy.yml", 3, 5, "facts.x", "wrong"), Problem("data/policy.yml", 1, 1, "", "a")]),
        CatalogError("locales/en/LC_MESSAGES/policy.po: 2 strings untranslated"),
        ReleaseRefused("data/releases/2027-01-01.yml already exists", changes=["item"], advice="release later"),
        PolicyError(problems=[Problem("mkdocs.yml", 2, 3, "plugins.policydocs.locales", "unknown")]),
    ],
)
def test_errors_are_values_that_cross_processes(error: PolicyError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.problems == error.problems
    assert vars(again) == vars(error)
