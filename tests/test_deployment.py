"""Exograd's site as it is deployed at its site_url: sitemaps, canonical and hreflang links, feeds, 404 pages,
policy.json and its schema, search, the navigation, the draft's staging copy."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from referencing import Registry, Resource

from .conftest import EXAMPLE, ROOT, run

SITE_URL = "https://exograd.com/privacy/"
LOCALES = ["fr", "en"]
PAGES = ["", "history/", "versions/2022-12-26/"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(built: Callable[..., tuple[Path, str]]) -> Path:
    target, said = built(ROOT, "2026-11-27")
    assert "site_url" not in said  # no warning: mkdocs.yml says where the site lives
    return target


def _urls(path: Path) -> dict[str, dict[str, str]]:
    """A sitemap's entries: loc → {hreflang: href} (and "lastmod")."""
    found = {}
    for url in ElementTree.parse(path).getroot().iter(f"{SITEMAP}url"):
        links = {link.get("hreflang", ""): link.get("href", "") for link in url.iter(f"{XHTML}link")}
        lastmod = url.find(f"{SITEMAP}lastmod")
        found[url.findtext(f"{SITEMAP}loc", "")] = {**links, "lastmod": lastmod.text if lastmod is not None else ""}
    return found


def test_the_sitemap_lists_every_page_with_its_languages_and_the_day_it_last_changed(site: Path) -> None:
    urls = _urls(site / "sitemap.xml")
    assert len(urls) == len(LOCALES) * len(PAGES)
    for locale in LOCALES:
        for page in PAGES:
            entry = urls[f"{SITE_URL}{locale}/{page}"]
            assert {k: v for k, v in entry.items() if k != "lastmod"} == {
                "fr": f"{SITE_URL}fr/{page}",
                "en": f"{SITE_URL}en/{page}",
                "x-default": f"{SITE_URL}fr/{page}",
            }
    # The frozen version was published on 26 December 2022, and its facts corrected later (its text unchanged):
    # every page that shows them changed on the day of the last correction (the policy in force and the version's
    # page, their layers; the history, its line saying so), never on the build's day (27 November 2026).
    changed = last_correction(ROOT, "2022-12-26") or "2022-12-26"
    assert {(locale, page): urls[f"{SITE_URL}{locale}/{page}"]["lastmod"] for locale in LOCALES for page in PAGES} == {
        (locale, page): changed for locale in LOCALES for page in PAGES
    }


def last_correction(site: Path, version: str) -> str | None:
    """The day the facts of a version were last corrected, from its frozen corrections, if any."""
    days = [p.stem.split(".")[1] for p in (site / "data" / "releases" / "corrections").glob(f"{version}.*.yml")]
    return max(days, default=None)


def test_each_language_and_each_page_has_the_sitemap_the_language_switcher_asks_for(site: Path) -> None:
    for locale in LOCALES:
        assert set(_urls(site / locale / "sitemap.xml")) == {f"{SITE_URL}{locale}/{page}" for page in PAGES}
        for page in PAGES[1:]:
            # Material asks for sitemap.xml beside each of the page's language links.
            assert set(_urls(site / locale / page / "sitemap.xml")) == {
                f"{SITE_URL}{other}/{page}" for other in LOCALES
            }
    assert not (site / "fr" / "sitemap.xml.gz").exists()  # mkdocs' own, without languages, is not written


def test_a_frozen_version_keeps_its_published_date_in_the_sitemap(tmp_path: Path) -> None:
    """A version's pages change on the day it is published (not the day it takes effect, nor the build's), or
    later the day its facts are corrected."""
    small = tmp_path / "small"
    shutil.copytree(ROOT / "tests" / "data" / "small", small)
    config = small / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name:", "site_url: https://lune.example/\nsite_name:")
    )
    released = run(small, "release", clock="2024-01-20")
    assert released.returncode == 0, released.stderr
    assert "released (initial), published 2024-01-20" in released.stdout  # as the history says: the first
    built = run(small, "build", "--date", "2026-11-27")
    assert built.returncode == 0, built.stderr
    urls = _urls(small / "site" / "sitemap.xml")
    # Effective on 1 March 2024, published six weeks before; no correction.
    assert {loc: entry["lastmod"] for loc, entry in urls.items()} == {
        "https://lune.example/fr/": "2024-01-20",
        "https://lune.example/fr/history/": "2024-01-20",
        "https://lune.example/fr/versions/2024-03-01/": "2024-01-20",
    }

    target = tmp_path / "site"
    result = run(ROOT / EXAMPLE, "build", "--date", "2026-11-27", "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    urls = _urls(target / "sitemap.xml")
    base = "https://www.librairie-papillon.example/confidentialite/"
    example = ROOT / EXAMPLE
    published = {"2023-01-15": "2023-01-15", "2024-03-01": "2024-01-20", "2024-06-10": "2024-06-10"}
    for version, day in published.items():
        changed = max(day, last_correction(example, version) or day)
        assert urls[f"{base}fr/versions/{version}/"]["lastmod"] == changed, version
    assert urls[f"{base}fr/versions/2024-03-01/changes/"]["lastmod"] == max(
        "2024-01-20", last_correction(example, "2024-03-01") or ""
    )
    # The history lists every version and every correction: it changed on the latest of those days (the upcoming
    # version was published on 20 November 2026); so did the policy in force (its layers, its notice).
    latest = max(["2026-11-20", *(last_correction(example, v) or "" for v in [*published, "2027-03-01"])])
    assert urls[f"{base}fr/history/"]["lastmod"] == latest
    assert urls[f"{base}fr/"]["lastmod"] == max("2026-11-20", last_correction(example, "2024-06-10") or "")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_its_canonical_address_and_absolute_language_links(site: Path, page: str) -> None:
    for locale in LOCALES:
        html = (site / locale / page / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{SITE_URL}{locale}/{page}">' in html
        for other in LOCALES:
            assert f'<link rel="alternate" href="{SITE_URL}{other}/{page}" hreflang="{other}">' in html
        # The version's JSON-LD, linked from the pages that show that version.
        described = f'<link rel="describedby" type="application/ld+json" href="{SITE_URL}versions/2022-12-26.jsonld">'
        assert (described in html) == (page != "history/")


def test_each_page_is_described_in_its_own_language(site: Path) -> None:
    descriptions = {
        locale: re.search(r'<meta name="description" content="([^"]*)">', (site / locale / "index.html").read_text())
        for locale in LOCALES
    }
    assert descriptions["en"] is not None and descriptions["fr"] is not None
    assert (
        descriptions["en"][1]
        == "Exograd's privacy policy: the version in force, every earlier version and what changed."
    )
    assert descriptions["fr"][1] == (
        "Politique de confidentialité (Exograd): la version en vigueur, chacune des versions antérieures et ce qui a "
        "changé."
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_feed_links_are_absolute(site: Path, locale: str) -> None:
    feed = ElementTree.parse(site / locale / "feed.xml").getroot()
    links = [link.get("href", "") for link in feed.iter(f"{ATOM}link")]
    assert f"{SITE_URL}{locale}/feed.xml" in links and f"{SITE_URL}{locale}/history/" in links
    assert all(link.startswith(SITE_URL) for link in links), links


def test_the_404_pages_load_from_the_site_address_in_every_language(site: Path) -> None:
    for locale in LOCALES:
        html = (site / locale / "404.html").read_text(encoding="utf-8")
        references = re.findall(r'(?:href|src)="([^"]+)"', html)
        inside = [r for r in references if not r.startswith(("https://squidfunk", "#"))]
        assert inside and all(r.startswith((f"/privacy/{locale}/", SITE_URL)) for r in inside), inside
        assert f'<html lang="{locale}"' in html
    root = (site / "404.html").read_text(encoding="utf-8")
    assert f'<a href="{SITE_URL}fr/" hreflang="fr">' in root and f'<a href="{SITE_URL}en/" hreflang="en">' in root
    assert '<section lang="en">\n    <h2>Page not found</h2>' in root
    assert '<section lang="fr">\n    <h2>Page introuvable</h2>' in root
    assert root.count("<main>") == 1 and "<main>\n  <h1>404</h1>" in root  # a landmark, where a reader skips to
    assert "<h1>Page introuvable</h1>" in (site / "fr" / "404.html").read_text(encoding="utf-8")


def test_policy_json_is_valid_against_the_schema_it_names(site: Path) -> None:
    schemas = {
        f"{SITE_URL}{path.relative_to(site).as_posix()}": json.loads(path.read_text())
        for path in (site / "schema").glob("*.json")
    }
    registry = Registry().with_resources((url, Resource.from_contents(s)) for url, s in schemas.items())
    checked = 0
    for path in site.glob("*/versions/*/policy.json"):
        document = json.loads(path.read_text())
        address = f"{SITE_URL}{path.relative_to(site).as_posix()}"
        schema_url = urljoin(address, document["$schema"])
        assert schema_url == f"{SITE_URL}schema/version.json"
        validator = jsonschema.Draft202012Validator(schemas[schema_url], registry=registry)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], path
        assert document["class"] == "initial"
        checked += 1
    assert checked == 2


def test_search_finds_the_policy_in_force_not_the_archive(site: Path) -> None:
    for locale in LOCALES:
        index = json.loads((site / locale / "search" / "search_index.json").read_text())
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert "" in locations and "history/" in locations
        assert not [loc for loc in locations if loc.startswith("versions/")]


def test_the_navigation_names_the_history_in_the_page_language(site: Path) -> None:
    for locale, history in {"fr": "Historique des versions", "en": "Version history"}.items():
        html = (site / locale / "index.html").read_text(encoding="utf-8")
        link = re.search(
            r'<a href="history/" class="md-nav__link">.*?<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S
        )
        assert link is not None and link[1] == history
        assert "md-nav__item--nested" not in html  # no folder named after history/ ("History", in English)


def test_no_label_points_at_a_missing_control(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for target in set(re.findall(r'<label[^>]* for="([^"]+)"', html)):
            assert f'id="{target}"' in html, f"{page.relative_to(site)}: label for {target}"


def test_a_draft_builds_beside_the_site_with_its_changes_page_and_noindex(tmp_path: Path) -> None:
    project = tmp_path / "papillon"
    shutil.copytree(ROOT / EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\n\s*templates_dir:.*", "", config.read_text()))
    data = project / "data" / "policy.yml"
    text = data.read_text()
    text = text.replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    text = text.replace("trois (3) ans après la dernière commande", "cinq (5) ans après la dernière commande")
    data.write_text(text.replace("duration: P3Y", "duration: P5Y"))
    published = run(project, "build", "--date", "2026-11-27")
    assert published.returncode == 1  # unreleased: no published site
    draft = run(project, "build", "--draft", "--date", "2026-11-27")
    assert draft.returncode == 0, draft.stderr
    assert not (project / "site").exists()
    staging = project / "site-draft"
    history = (staging / "en" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Draft, not released" in history and 'href="../versions/draft/changes/"' in history
    # Staged anywhere, a draft's language links stay within it (Material fetches a sitemap beside each).
    assert '<link rel="alternate" href="../../en/history/" hreflang="en">' in history
    assert "Brouillon, non publié" in (staging / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    changes = (staging / "en" / "versions" / "draft" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "Draft, not published" in changes
    assert "five (5) years" in changes or "cinq (5) ans" in changes
    for page in (staging / "index.html", staging / "en" / "index.html", changes):
        html = page if isinstance(page, str) else page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
    refused = run(project, "build", "--draft", "--date", "2026-11-27", "--site-dir", "site")
    assert refused.returncode == 1
    assert "a draft never replaces the published site" in refused.stderr
