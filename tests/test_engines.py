"""Two engines, one site: MkDocs (with Material) and Zensical publish the same addresses and the same links.

The language switcher, the hreflang links and the feed link of every page
come from one template override (policydocs/theme/overrides) that both
engines read; these tests compare what each engine writes, file by file and
link by link. What a reader gets in a browser is in test_browser.py, for both.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, files_of, run
from .test_i18n import ok
from .test_locales import add_brazilian_portuguese

ENGINES = ("mkdocs", "zensical")
# What each engine adds of its own: the theme's scripts, styles and images, the search index (MkDocs writes
# search/search_index.json, Zensical search.json). Everything else is an address of the site, the same in both.
ENGINE_FILES = re.compile(r"[^/]+/(assets/(javascripts|stylesheets|images)/.*|search/.*|search\.json)")
LINK = re.compile(r'<link rel="(?:alternate|describedby)"[^>]*>|<a href="[^"]*" hreflang="[^"]*"[^>]*>')


def addresses(site: Path) -> list[str]:
    """Every file of a built site but the engine's own, as paths from the site's root."""
    paths = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(path for path in paths if not ENGINE_FILES.fullmatch(path))


def links(page: Path) -> list[str]:
    """A page's alternate links (languages, feed), the JSON-LD of the version it shows, and its switcher's links
    (``./feed.xml``, Zensical's, read as ``feed.xml``, MkDocs')."""
    return [link.replace('href="./', 'href="') for link in LINK.findall(page.read_text(encoding="utf-8"))]


def build(project: Path, engine: str, site: Path, *more: str) -> None:
    result = run(project, "build", "--date", "2026-11-27", "--engine", engine, "--site-dir", str(site), *more)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The example and Exograd's site, each built by both engines for 27 November 2026."""
    root = tmp_path_factory.mktemp("engines")
    sites = {}
    for name, project in (("example", ROOT / EXAMPLE), ("exograd", ROOT)):
        for engine in ENGINES:
            sites[(name, engine)] = root / f"{name}-{engine}"
            build(project, engine, sites[(name, engine)])
    return sites


@pytest.mark.parametrize("name", ["example", "exograd"])
def test_both_engines_publish_the_same_addresses(built: dict[tuple[str, str], Path], name: str) -> None:
    mkdocs, zensical = built[(name, "mkdocs")], built[(name, "zensical")]
    assert addresses(mkdocs) == addresses(zensical)
    published = addresses(mkdocs)
    for path in ("fr/index.html", "en/history/index.html", "fr/feed.xml", "en/sitemap.xml", "en/history/sitemap.xml"):
        assert path in published
    assert "versions.json" in published and "index.html" in published
    assert "fr/assets/policydocs.css" in published  # the tool's own styles are an address, not the engine's
    assert (zensical / "fr" / "search.json").is_file() and (mkdocs / "fr" / "search" / "search_index.json").is_file()
    generator = '<meta name="generator" content="zensical-'
    assert generator in (zensical / "fr" / "index.html").read_text(encoding="utf-8")
    assert generator not in (mkdocs / "fr" / "index.html").read_text(encoding="utf-8")
    # The files made from the data are the same bytes whichever engine built the pages.
    for path in ("versions.json", "index.html", "fr/feed.xml", "en/feed.xml"):
        assert (mkdocs / path).read_bytes() == (zensical / path).read_bytes(), path


@pytest.mark.parametrize("name", ["example", "exograd"])
def test_every_page_has_the_same_language_and_feed_links_in_both(built: dict[tuple[str, str], Path], name: str) -> None:
    mkdocs, zensical = built[(name, "mkdocs")], built[(name, "zensical")]
    pages = [path for path in addresses(mkdocs) if path.endswith("index.html") and "/" in path]
    assert len(pages) >= 4
    for path in pages:
        assert links(mkdocs / path) == links(zensical / path), path
    history = links(zensical / "en" / "history" / "index.html")
    title = "Privacy Policy" if name == "exograd" else "Librairie Papillon Privacy Policy"
    site = (
        "https://exograd.com/privacy/"
        if name == "exograd"
        else "https://www.librairie-papillon.example/confidentialite/"
    )
    assert history == [  # absolute for search engines in the head, relative in the switcher (a copy still works)
        f'<link rel="alternate" href="{site}fr/history/" hreflang="fr">',
        f'<link rel="alternate" href="{site}en/history/" hreflang="en">',
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="../feed.xml">',
        '<a href="../../fr/history/" hreflang="fr" target="_self" class="md-select__link">',
        '<a href="../../en/history/" hreflang="en" target="_self" class="md-select__link">',
    ]


@pytest.mark.parametrize("name", ["example", "exograd"])
def test_the_404_pages_link_each_language_from_anywhere_in_both(built: dict[tuple[str, str], Path], name: str) -> None:
    """A locale's 404 page is served at any depth: its language links are absolute, from site_url."""
    site = (
        "https://exograd.com/privacy/"
        if name == "exograd"
        else "https://www.librairie-papillon.example/confidentialite/"
    )
    for locale in ("fr", "en"):
        mkdocs, zensical = (links(built[(name, engine)] / locale / "404.html") for engine in ENGINES)
        assert mkdocs == zensical, locale
        assert zensical == [
            f'<link rel="alternate" href="{site}fr/" hreflang="fr">',
            f'<link rel="alternate" href="{site}en/" hreflang="en">',
            f'<a href="{site}fr/" hreflang="fr" target="_self" class="md-select__link">',
            f'<a href="{site}en/" hreflang="en" target="_self" class="md-select__link">',
        ]


@pytest.mark.parametrize("engine", ENGINES)
def test_without_a_site_url_the_404_pages_link_each_language_from_the_hosts_root(project: Path, engine: str) -> None:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.startswith("site_url:")), encoding="utf-8")
    build(project, engine, project / "site")
    assert [link for link in links(project / "site" / "en" / "404.html") if "hreflang" in link] == [
        '<link rel="alternate" href="/fr/" hreflang="fr">',
        '<link rel="alternate" href="/en/" hreflang="en">',
        '<a href="/fr/" hreflang="fr" target="_self" class="md-select__link">',
        '<a href="/en/" hreflang="en" target="_self" class="md-select__link">',
    ]


@pytest.mark.parametrize("name", ["example", "exograd"])
def test_the_version_shown_is_described_and_search_finds_the_policy_in_force_in_both(
    built: dict[tuple[str, str], Path], name: str
) -> None:
    mkdocs, zensical = built[(name, "mkdocs")], built[(name, "zensical")]
    locales = sorted(p.parent.name for p in zensical.glob("*/search.json"))
    assert len(locales) >= 2
    for locale in locales:
        described = [link for link in links(zensical / locale / "index.html") if "describedby" in link]
        assert len(described) == 1 and ".jsonld" in described[0]
        # Each engine's own index, the same pages in it: the policy in force and the history, no archived version.
        z = json.loads((zensical / locale / "search.json").read_text(encoding="utf-8"))["items"]
        m = json.loads((mkdocs / locale / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = sorted({item["location"].split("#")[0] for item in z})
        assert pages == sorted({doc["location"].split("#")[0] for doc in m})
        assert "" in pages and "history/" in pages
        assert not [page for page in pages if page.startswith("versions/")]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_is_a_setting_of_mkdocs_yml(project: Path, engine: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      locales: [fr, en]", f"      locales: [fr, en]\n      engine: {engine}"
        )
    )
    assert ok(project, "build", "--date", "2026-11-27") == "built fr, en into site/\n"
    page = (project / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="generator" content="zensical-' in page) == (engine == "zensical")
    other = "mkdocs" if engine == "zensical" else "zensical"
    ok(project, "build", "--date", "2026-11-27", "--engine", other)  # --engine chooses for one build
    page = (project / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="generator" content="zensical-' in page) == (other == "zensical")


def test_an_unknown_engine_is_refused_where_it_is_written(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      locales: [fr, en]", "      locales: [fr, en]\n      engine: hugo"
        )
    )
    refused = run(project, "build")
    assert refused.returncode == 1
    line = config.read_text(encoding="utf-8").splitlines().index("      engine: hugo") + 1
    assert refused.stderr == (
        f'error: mkdocs.yml:{line}:7: plugins.policydocs.engine: expected mkdocs or zensical, got "hugo"\n'
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sites_own_main_html_extends_policydocs_html_and_keeps_the_links(project: Path, engine: str) -> None:
    own = project / "overrides"
    own.mkdir()
    (own / "main.html").write_text(
        '{% extends "policydocs.html" %}\n'
        '{% block extrahead %}{{ super() }}<meta name="x-own" content="kept">{% endblock %}\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  font: false", "  font: false\n  custom_dir: overrides")
    )
    build(project, engine, project / "site")
    page = project / "site" / "en" / "history" / "index.html"
    assert '<meta name="x-own" content="kept">' in page.read_text(encoding="utf-8")
    assert '<link rel="alternate" href="https://exograd.com/privacy/fr/history/" hreflang="fr">' in links(page)
    assert any("application/atom+xml" in link for link in links(page))


@pytest.fixture
def later_language(tmp_path: Path) -> Path:
    """A French policy of 1 March 2024 to which Brazilian Portuguese is added by the version of 1 June 2024."""
    small = tmp_path / "small"
    shutil.copytree(ROOT / "tests" / "data" / "small", small)
    shutil.copytree(ROOT / "templates", small / "templates")
    add_brazilian_portuguese(small)
    return small


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_links_only_the_languages_that_have_it(later_language: Path, engine: str) -> None:
    site = later_language / "site"
    build(later_language, engine, site)
    older = links(site / "fr" / "versions" / "2024-03-01" / "index.html")
    assert [link for link in older if "hreflang" in link] == [
        '<link rel="alternate" href="../../../fr/versions/2024-03-01/" hreflang="fr">',
        '<a href="../../../fr/versions/2024-03-01/" hreflang="fr" target="_self" class="md-select__link">',
    ]
    newer = links(site / "fr" / "versions" / "2024-06-01" / "index.html")
    assert '<link rel="alternate" href="../../../pt_BR/versions/2024-06-01/" hreflang="pt-BR">' in newer
    assert not (site / "pt_BR" / "versions" / "2024-03-01").exists()
    # The theme's words come from its pt-BR partial, and the page says its full tag.
    page = (site / "pt_BR" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR"' in page and "Pular para conteúdo" in page
    assert '<html lang="pt-BR"' in (site / "pt_BR" / "404.html").read_text(encoding="utf-8")


def test_zensical_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1795000000"}
    for name in ("one", "two"):
        result = run(ROOT / EXAMPLE, "build", "--engine", "zensical", "--site-dir", str(tmp_path / name), env=env)
        assert result.returncode == 0, result.stderr

    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_failed_zensical_build_leaves_the_previous_site(example: Path) -> None:
    build(example, "zensical", example / "site")
    before = {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    broken = example / "overrides"
    broken.mkdir()
    (broken / "main.html").write_text('{% extends "policydocs.html" %}\n{% block extrahead %}{% if %}{% endblock %}\n')
    config = example / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  font: false", "  font: false\n  custom_dir: overrides")
    )
    failed = run(example, "build", "--date", "2026-11-27", "--engine", "zensical")
    assert failed.returncode == 1
    assert "fr: zensical build failed:" in failed.stderr
    assert {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()} == before
    assert not [p for p in example.iterdir() if p.name.startswith(".site-")]


def test_a_warm_zensical_build_gives_the_cold_ones_bytes_and_follows_a_template(example: Path, tmp_path: Path) -> None:
    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    build(example, "zensical", tmp_path / "cold")
    assert (example / ".cache" / "policydocs" / "zensical" / "fr" / ".cache").is_dir()  # Zensical's own, kept
    build(example, "zensical", tmp_path / "warm")
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm")
    template = example.parent.parent / "templates" / "changes.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("{% if items %}", "Édité.\n\n{% if items %}"))
    build(example, "zensical", tmp_path / "edited")
    page = tmp_path / "edited" / "fr" / "versions" / "2024-03-01" / "changes" / "index.html"
    assert "Édité." in page.read_text(encoding="utf-8")


def test_without_the_cache_zensical_builds_in_the_staging_folder(example: Path) -> None:
    result = run(example, "build", "--date", "2026-11-27", "--engine", "zensical", env={"POLICYDOCS_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert not (example / ".cache").exists()
    assert sorted(p.name for p in (example / "site").iterdir()) == [
        "404.html",
        "en",
        "fr",
        "index.html",
        "schema",
        "sitemap.xml",
        "versions",
        "versions.json",
    ]
