"""Every word of the frame in the page's language: a German and a Polish site of the small policy, read page by
page (under MkDocs, and the German one under Zensical too), hold no English sentence of the package's page text
and no English word of the theme's interface; the terms of art of each shipped language are the Regulation's."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from policydocs.i18n.catalog import TOOL_DOMAIN, catalog_path, shipped_locales
from policydocs.shipped import LOCALES

from .conftest import ROOT
from .test_i18n import ok
from .translations import add_small_languages

PLACEHOLDER = re.compile(r"%\([a-z_]+\)s")


class _Visible(HTMLParser):
    """The text a reader sees or hears: text nodes outside scripts and styles, titles, labels, alternatives."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "content")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg"):
            self.skip += tag != "svg"  # an SVG's words are text nodes too: read them
        values = dict(attrs)
        if tag == "meta" and values.get("name") not in ("description",):
            return
        for name in self.ATTRIBUTES:
            if values.get(name):
                self.parts.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def shipped_catalog(locale: str) -> Catalog:
    """The package's catalog of its page text in ``locale``."""
    with catalog_path(LOCALES, locale, TOOL_DOMAIN).open("rb") as handle:
        return read_po(handle)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def package_english(locale: str) -> set[str]:
    """The English pieces of the package's page text (two words or more between placeholders) that the
    translation into ``locale`` does not keep as they are."""
    catalog = shipped_catalog(locale)
    pieces = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        for piece in PLACEHOLDER.split(message.id):
            piece = " ".join(piece.strip(" :;,.()—–-“”").split())
            if len(piece.split()) >= 2 and len(piece) >= 8 and piece not in str(message.string):
                pieces.add(piece)
    return pieces


def material_english(locale: str) -> set[str]:
    """Material for MkDocs' interface words in English that its partial for ``locale`` says otherwise."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pair = re.compile(r'"([a-z.]+)": "([^"]*)"')
    english = dict(pair.findall((folder / "en.html").read_text(encoding="utf-8")))
    local = dict(pair.findall((folder / f"{locale}.html").read_text(encoding="utf-8")))
    return {text for key, text in english.items() if key in local and local[key] != text and len(text) > 3}


# Words of the frame no page in another language may show, whatever the engine: the credit, the navigation.
FRAME_WORDS = ("Made with", "History", "Version history", "Privacy policy", "Page not found", "At a glance")


@pytest.fixture(scope="module")
def german_and_polish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small French policy, with German and Polish added by the version of 1 June 2024 (each text stating its
    facts in its language, the title a stand-in), built for that day."""
    root = tmp_path_factory.mktemp("frame") / "small"
    shutil.copytree(ROOT / "tests" / "data" / "small", root)
    shutil.copytree(ROOT / "templates", root / "templates")
    add_small_languages(root, "de", "pl")
    ok(root, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    ok(root, "build", "--date", "2024-06-01")
    ok(root, "build", "--date", "2024-06-01", "--engine", "zensical", "--site-dir", "zensical-site", "--jobs", "1")
    return root


def english_on(site: Path, locale: str) -> dict[str, list[str]]:
    """Each page of ``site/<locale>/`` (and its feed) with the English of the frame it shows."""
    english = package_english(locale) | material_english(locale) | set(FRAME_WORDS)
    assert len(english) > 300  # what is looked for: the frame's English, not a handful of words
    found: dict[str, list[str]] = {}
    pages = [*sorted(site.joinpath(locale).rglob("*.html")), site / locale / "feed.xml"]
    # The policy in force, its permanent page, the history, the 404 page, the feed.
    assert len(pages) >= 5, pages
    for page in pages:
        content = page.read_text(encoding="utf-8")
        text = visible_text(content) if page.suffix == ".html" else re.sub(r"<[^>]+>", " ", content)
        shown = sorted(piece for piece in english if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text))
        if shown:
            found[page.relative_to(site).as_posix()] = shown
    return found


@pytest.mark.parametrize("locale", ["de", "pl"])
def test_every_page_of_a_german_and_a_polish_site_speaks_its_language(german_and_polish: Path, locale: str) -> None:
    assert english_on(german_and_polish / "site", locale) == {}
    page = (german_and_polish / "site" / locale / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{locale}"' in page
    catalog = shipped_catalog(locale)
    made_with = str(catalog.get("Made with %(tool)s", context="theme.made-with").string)
    assert made_with.replace("%(tool)s", "Material for MkDocs") in visible_text(page)  # the footer's credit
    # The title: the policy's (a stand-in in this fixture) and the site's name.
    assert re.search(r"<title>\[(de|pl)\] Politique de confidentialité d’Atelier Lune - [^<]+</title>", page)


def test_the_german_site_speaks_german_under_zensical_too(german_and_polish: Path) -> None:
    site = german_and_polish / "zensical-site"
    assert english_on(site, "de") == {}
    page = (site / "de" / "index.html").read_text(encoding="utf-8")
    assert ">Zensical</a>" in page and "Erstellt mit" in visible_text(page)
    assert "Versionsverlauf" in visible_text(page)  # the navigation names the history in German


# For each shipped language, the terms of art of the Regulation's official text that its page text must use, and
# the known mistakes it must not make again (a safeguard for an adequacy decision, "the" supervisory authority, a
# prohibition for a discretion). Keys are msgctxt; each value: (words that must be there, words that must not).
TERMS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "en": {
        "glance.outside-eea": (("transfer mechanism",), ("safeguard",)),
        "generated.column.safeguard": (("Transfer mechanism",), ("safeguard",)),
        "summary.recipient-safeguard": (("Transfer mechanism",), ("safeguard",)),
        "notice.item.recipient-safeguard": (("Transfer mechanism",), ("protected by", "safeguard")),
        "glance.complaint": (("lodge a complaint with a supervisory authority",), ("the supervisory authority",)),
        "identity-check.reasonable-doubt": (("where there is reasonable doubt",), ("in case of",)),
        "notice.item.retention-added": (("your data",), ()),
        "summary.right-removed": (("no longer mentioned",), ("Right removed",)),
        "right.not-subject-to-automated-decisions": (("based solely on automated processing",), ()),
        "notice.item.transfer-changed": (("transfer mechanism:",), ()),
    },
    "fr": {
        "glance.outside-eea": (("encadrement du transfert",), ("garantie",)),
        "generated.column.safeguard": (("Encadrement du transfert",), ("Garantie",)),
        "summary.recipient-safeguard": (("Encadrement du transfert",), ("Garantie",)),
        "notice.item.recipient-safeguard": (("Encadrement",), ("protégées par", "garantie")),
        "glance.complaint": (("introduire une réclamation auprès d’une autorité de contrôle",), ("l’autorité",)),
        "glance.retention-from": ((), ("à compter de %(start)s",)),
        "summary.right-removed": (("n’est plus mentionné",), ("Droit retiré",)),
        "right.not-subject-to-automated-decisions": (("fondée exclusivement sur un traitement automatisé",), ()),
        "safeguard.none": (("aucun encadrement",), ()),
        "notice.item.transfer-changed": (("encadrement du transfert:",), ()),
    },
    "de": {
        "glance.outside-eea": (("Grundlage der Übermittlung",), ("Garantie",)),
        "generated.column.safeguard": (("Grundlage der Übermittlung",), ("Garantie",)),
        "glance.complaint": (("Beschwerde bei einer Aufsichtsbehörde",), ("der Aufsichtsbehörde",)),
        "safeguard.adequacy-decision": (("Angemessenheitsbeschluss",), ()),
        "safeguard.scc": (("Standarddatenschutzklauseln",), ()),
        "right.erasure": (("Recht auf Löschung",), ()),
        "recipient.processors": (("Auftragsverarbeiter",), ()),
    },
    "es": {
        "generated.column.safeguard": (("mecanismo de transferencia",), ("garantía",)),
        "glance.complaint": (("ante una autoridad de control",), ("la autoridad de control",)),
        "safeguard.adequacy-decision": (("decisión de adecuación",), ()),
        "safeguard.bcr": (("normas corporativas vinculantes",), ()),
        "right.erasure": (("derecho de supresión",), ()),
        "recipient.processors": (("encargados del tratamiento",), ()),
    },
    "it": {
        "generated.column.safeguard": (("eccanismo di trasferimento",), ("garanzia",)),
        "glance.complaint": (("un’autorità di controllo",), ("all’autorità di controllo",)),
        "safeguard.adequacy-decision": (("decisione di adeguatezza",), ()),
        "safeguard.bcr": (("norme vincolanti d’impresa",), ()),
        "right.erasure": (("diritto alla cancellazione",), ()),
    },
    "nl": {
        "generated.column.safeguard": (("oorgiftemechanisme",), ("waarborg",)),
        "glance.complaint": (("een toezichthoudende autoriteit",), ("de toezichthoudende autoriteit",)),
        "safeguard.adequacy-decision": (("adequaatheidsbesluit",), ()),
        "safeguard.bcr": (("bindende bedrijfsvoorschriften",), ()),
        "right.erasure": (("gegevenswissing",), ()),
    },
    "pl": {
        "generated.column.safeguard": (("odstawa przekazania",), ("zabezpieczeni",)),
        "glance.complaint": (("organu nadzorczego",), ()),
        "safeguard.adequacy-decision": (("decyzja stwierdzająca odpowiedni stopień ochrony",), ()),
        "safeguard.bcr": (("wiążące reguły korporacyjne",), ()),
        "right.erasure": (("prawo do usunięcia danych",), ()),
    },
    "pt_PT": {
        "generated.column.safeguard": (("ecanismo de transferência",), ("garantia", "salvaguarda")),
        "glance.complaint": (("a uma autoridade de controlo",), ("à autoridade de controlo",)),
        "safeguard.adequacy-decision": (("decisão de adequação",), ()),
        "right.erasure": (("direito ao apagamento",), ()),
        "recipient.processors": (("subcontratantes",), ()),
    },
    "pt_BR": {
        "generated.column.safeguard": (("ecanismo de transferência",), ("garantia", "salvaguarda")),
        "glance.complaint": (("a uma autoridade de controle",), ("à autoridade de controle", "controlo")),
        "safeguard.adequacy-decision": (("decisão de adequação",), ()),
    },
}


def test_every_shipped_language_has_its_terms_of_art() -> None:
    assert sorted(TERMS) == shipped_locales()


@pytest.mark.parametrize("locale", sorted(TERMS))
def test_page_text_uses_the_regulations_terms_and_not_the_known_mistakes(locale: str) -> None:
    catalog = shipped_catalog(locale)
    texts = {m.context: PLACEHOLDER.sub("", str(m.string or m.id)) for m in catalog if m.id}
    # No page text calls the umbrella of transfer tools a safeguard, in any entry, in English or French.
    if locale in ("en", "fr"):
        umbrella = {"en": "safeguard", "fr": "garantie"}[locale]
        assert [c for c, t in texts.items() if umbrella in t.lower()] == []
    wrong = []
    for context, (must, must_not) in TERMS[locale].items():
        text = texts[context].replace("'", "’")
        wrong += [f"{context}: lacks {word!r}" for word in must if word.lower() not in text.lower()]
        wrong += [f"{context}: says {word!r}" for word in must_not if word.lower() in text.lower()]
    assert wrong == []
