"""The built site: real mkdocs builds of every locale, compared with the published policy."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, seed_paragraphs
from .conftest import run as policydocs


@pytest.fixture(scope="module")
def site(built: Callable[..., tuple[Path, str]]) -> Path:
    """Exograd's site, built once for the test run from the repository's own files."""
    return built(ROOT)[0]


class _Text(HTMLParser):
    """The text of an HTML page's article, block by block, without the page frame.

    Admonitions (version banners, the translation note), heading anchors and
    the layers before the full text (the summary at a glance and the picture
    of where the data goes, made from the facts) are the frame, not policy text.
    """

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "div"})
    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.in_article = False
        self.open: list[str] = []  # tags open inside the article
        self.skip_at: int | None = None  # depth of the element being skipped
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
            return
        if not self.in_article or tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.open.append(tag)
        if self.skip_at is None and (
            {"headerlink", "admonition", "policydocs-layer"} & set(classes) or tag in ("script", "style")
        ):
            self.skip_at = len(self.open)
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
            self._flush()
            return
        if not self.in_article or tag in self.VOID or not self.open:
            return
        if tag in self.BLOCKS:
            self._flush()
        if self.skip_at == len(self.open):
            self.skip_at = None
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.in_article and self.skip_at is None:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text and self.skip_at is None:
            self.blocks.append(text)
        self.current = []


def article_blocks(page: Path) -> list[str]:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks


def test_both_locales_are_built_with_the_whole_policy(site: Path) -> None:
    assert (site / "fr" / "index.html").is_file()
    assert (site / "en" / "index.html").is_file()
    assert len(article_blocks(site / "fr" / "index.html")) >= len(seed_paragraphs())


def test_french_page_reproduces_every_seed_paragraph_in_order(site: Path) -> None:
    blocks = article_blocks(site / "fr" / "index.html")
    position = 0
    for paragraph in seed_paragraphs():
        found = [i for i, block in enumerate(blocks) if i >= position and paragraph in block]
        assert found, f"not on the French page, in order: {paragraph!r}"
        position = found[0]


def test_french_page_adds_nothing_to_the_seed(site: Path) -> None:
    seed = " ".join(seed_paragraphs())
    for block in article_blocks(site / "fr" / "index.html"):
        assert block in seed, f"on the French page but not in the published policy: {block!r}"


def test_no_french_sentence_is_left_on_the_english_page(site: Path) -> None:
    english = " ".join(article_blocks(site / "en" / "index.html"))
    # Proper names are the same in both languages; everything else must be translated.
    proper_names = {"Introduction", "Communication", "Vultr", "Stripe", "Mailchimp"}
    for paragraph in seed_paragraphs():
        if paragraph not in proper_names:
            assert paragraph not in english, f"French left on the English page: {paragraph!r}"
    assert "Last modified: 26 December 2022." in english
    assert "only the French version is legally binding" in (site / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_page_has_its_language_and_a_switcher_to_the_same_page(site: Path, locale: str) -> None:
    pages = sorted((site / locale).rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{locale}"' in text, page
        if page.name == "404.html":
            continue
        relative = page.parent.relative_to(site / locale).as_posix()
        here = "" if relative == "." else relative + "/"
        depth = "../" * (here.count("/") + 1)
        for other in ("fr", "en"):
            assert f'href="{depth}{other}/{here}" hreflang="{other}"' in text, (page, other)


def test_site_root_leads_to_the_default_locale(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=fr/">' in text
    assert 'href="en/" hreflang="en"' in text and 'href="fr/" hreflang="fr"' in text


def test_dates_are_localized(site: Path) -> None:
    assert "Dernière modification: 26 décembre 2022." in (site / "fr" / "index.html").read_text(encoding="utf-8")


class _References(HTMLParser):
    """Every URL an HTML page makes the browser fetch (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        fetched = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
        if tag in fetched and values.get(fetched[tag]):
            self.urls.append(values[fetched[tag]] or "")
        if tag == "link" and values.get("href") and values.get("rel") not in ("alternate", "canonical", "describedby"):
            self.urls.append(values["href"] or "")
        for attribute in ("srcset", "poster", "data"):
            if values.get(attribute):
                self.urls.append(values[attribute] or "")
        if values.get("style"):
            self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", values["style"] or ""))


def _external(url: str) -> bool:
    parts = urlsplit(html.unescape(url.strip()))
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_or_stylesheet_loads_anything_from_another_host(site: Path) -> None:
    checked = 0
    for page in site.rglob("*.html"):
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.urls if _external(u)]
        assert not external, (page, external)
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")
        checked += 1
    for sheet in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8"))
        assert not [u for u in urls if _external(u)], sheet
        assert "@import" not in sheet.read_text(encoding="utf-8"), sheet
        checked += 1
    assert checked >= 6


def test_no_cookie_or_analytics_code_is_shipped(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "googletagmanager" not in text and "gtag(" not in text, page
        assert "document.cookie" not in text, page


def test_failed_build_on_bad_data_leaves_the_previous_site_untouched(project: Path) -> None:
    first = policydocs(project, "build")
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    data = project / "data" / "policy.yml"
    good = data.read_text(encoding="utf-8")
    line = good.splitlines().index("      duration: P1Y") + 1
    data.write_text(good.replace("duration: P1Y", "duration: un an"), encoding="utf-8")
    second = policydocs(project, "build")
    assert second.returncode == 1
    assert f"data/policy.yml:{line}:17: facts.retention[0].duration: expected an ISO 8601 duration" in second.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_failed_build_in_the_second_locale_leaves_the_previous_site_untouched(project: Path) -> None:
    assert policydocs(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    # A template error that only English meets: mkdocs fails halfway through the build.
    template = project / "templates" / "policy.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% if not binding %}", "{% if not binding %}{{ policy.nope }}"), encoding="utf-8")
    result = policydocs(project, "build")
    assert result.returncode == 1
    assert "nope" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_generated_pages_are_never_written_into_docs(project: Path) -> None:
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    assert policydocs(project, "build").returncode == 0
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before


def test_plain_mkdocs_build_builds_one_locale_with_the_plugin(project: Path, tmp_path: Path) -> None:
    import os

    target = tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "POLICYDOCS_LOCALE": "en", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    page = (target / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page and "Privacy Policy" in page


@pytest.mark.parametrize(
    ("locale", "title"), [("fr", "Lien permanent vers cette section"), ("en", "Permanent link to this section")]
)
def test_headings_permalinks_are_titled_in_the_page_language(site: Path, locale: str, title: str) -> None:
    page = (site / locale / "index.html").read_text(encoding="utf-8")
    titles = set(re.findall(r'class="headerlink" href="#[^"]+" title="([^"]+)"', page))
    assert titles == {title}


@pytest.mark.parametrize("page", ["fr/index.html", "en/index.html", "fr/versions/2022-12-26/index.html"])
def test_pages_open_with_the_policy_at_a_glance_and_where_the_data_goes(site: Path, page: str) -> None:
    text = (site / page).read_text(encoding="utf-8")
    glance, picture, full_text = (
        text.index(f'id="{anchor}"') for anchor in ("at-a-glance", "data-flow", "introduction")
    )
    assert glance < picture < full_text
    table = text[glance:picture]
    assert '<table><tbody><tr><th scope="row">' in table
    assert '<a href="mailto:contact@exograd.com">contact@exograd.com</a>' in table
    assert '<a href="#retention">' in table and '<a href="#rights">' in table
    figure = text[picture:full_text]
    assert (
        '<svg class="policydocs-flow-picture"' in figure
        and 'role="img" aria-labelledby="policydocs-flow-caption"' in figure
    )
    assert '<p id="policydocs-flow-caption">' in figure and '<details class="policydocs-flow-words">' in figure
    for name in ("Vultr", "Stripe", "Mailchimp"):
        assert f">{name}</text>" in figure and f"<li>{name} — " in figure


def test_english_layers_speak_english(site: Path) -> None:
    text = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert ">At a glance<" in text and ">Controller</th>" in text
    assert "<li>Visitors: Source IP address, Date and time of connection</li>" in text
    # The maximum the binding text gives ("jusqu'à trois (3) ans") is kept, in English.
    assert "<li>Customers: up to 3 years from the closure of the account</li>" in text
    assert ">Where your data goes<" in text and ">Place not stated</text>" in text


def test_french_layers_speak_french(site: Path) -> None:
    text = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert ">En bref<" in text and ">Responsable du traitement</th>" in text
    assert "<li>Visiteurs: Adresse IP source, Date et heure de connexion</li>" in text
    assert "<li>Clients: jusqu’à 3 ans (point de départ: la clôture du compte)</li>" in text
    assert 'Texte intégral: <a href="#rights">Exercice des droits</a>' in text
    assert ">Où vont vos données<" in text and ">Lieu non précisé</text>" in text
    assert "<li>Lieu non précisé: Vultr — hébergement de services informatiques — données non précisées" in text
    assert "La politique n’y situe aucun destinataire" not in text  # no empty box for the EEA: nobody is placed there
