"""Locale codes and dates: pt_BR in files and folders, pt-BR on the web; "1er" in French, British English."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from material import templates as material_templates

from policydocs.engine.material import theme_language, with_html_lang
from policydocs.errors import ConfigError
from policydocs.i18n.tags import code, normalized, tag
from policydocs.words import long_date
from policydocs.workspace import Workspace

from .conftest import ROOT, fill_page_text, read_catalog, reword, run, set_message, write_catalog
from .test_i18n import ok
from .translations import add_small_languages, translate_small

MATERIAL = str(Path(material_templates.__file__).parent)


@pytest.mark.parametrize(
    ("day", "locale", "written"),
    [
        (datetime.date(2024, 3, 1), "fr", "1er mars 2024"),
        (datetime.date(2022, 12, 1), "fr", "1er décembre 2022"),
        (datetime.date(2024, 3, 2), "fr", "2 mars 2024"),
        (datetime.date(2022, 12, 26), "fr", "26 décembre 2022"),
        (datetime.date(2024, 3, 1), "fr_CA", "1er mars 2024"),
        (datetime.date(2024, 3, 1), "fr_BE", "1er mars 2024"),
        (datetime.date(2022, 12, 26), "en", "26 December 2022"),
        (datetime.date(2024, 3, 1), "en", "1 March 2024"),
        (datetime.date(2022, 12, 26), "en_GB", "26 December 2022"),
        (datetime.date(2022, 12, 26), "en_US", "December 26, 2022"),
        (datetime.date(2024, 3, 1), "en_US", "March 1, 2024"),
        (datetime.date(2024, 3, 1), "de", "1. März 2024"),
        (datetime.date(2022, 12, 26), "de", "26. Dezember 2022"),
        (datetime.date(2024, 3, 1), "pt_BR", "1 de março de 2024"),
        (datetime.date(2024, 3, 1), "nl", "1 maart 2024"),
    ],
)
def test_dates_are_written_as_a_legal_text_of_the_locale_writes_them(
    day: datetime.date, locale: str, written: str
) -> None:
    assert long_date(day, locale) == written


@pytest.mark.parametrize("spelled", ["pt_BR", "pt-BR", "pt-br", "PT_br", " pt-BR "])
def test_a_locale_code_is_written_with_an_underscore_and_its_tag_with_a_hyphen(spelled: str) -> None:
    assert code(spelled) == "pt_BR"
    assert tag(spelled) == "pt-BR"


def test_normalizing_changes_only_separators_and_case() -> None:
    # Babel would read zh_TW as zh_Hant_TW and iw as he_IL: the project keeps what it was given.
    assert [code(c) for c in ("fr", "zh-tw", "zh-hant-tw", "es-419", "iw")] == [
        "fr",
        "zh_TW",
        "zh_Hant_TW",
        "es_419",
        "iw",
    ]
    for wrong in ("xx-nope", "pt BR", "", "pt@x"):
        with pytest.raises(ValueError):
            code(wrong)
        assert normalized(wrong) == wrong


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("fr", "fr"),
        ("pt_BR", "pt-BR"),  # Material has this region
        ("zh_TW", "zh-TW"),
        ("fr_CA", "fr"),  # it has no fr-CA: the base language's words
        ("pt_PT", "pt"),
        ("en_US", "en"),
        ("br", "en"),  # no Breton at all: English, Material's own fallback
    ],
)
def test_material_gets_a_language_it_has_words_for(locale: str, language: str) -> None:
    assert theme_language(locale, [MATERIAL]) == language
    assert theme_language(locale, ["/nonexistent"]) == tag(locale)  # another theme: the tag as it is


def test_the_page_says_its_language_as_a_tag() -> None:
    page = '<!doctype html>\n<html lang="pt" class="no-js">\n<head><html lang="x">'
    assert with_html_lang(page, "pt_BR") == '<!doctype html>\n<html lang="pt-BR" class="no-js">\n<head><html lang="x">'


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The small fictional policy (French only), with the repository's templates and a site_url."""
    root = tmp_path / "small"
    shutil.copytree(ROOT / "tests" / "data" / "small", root)
    shutil.copytree(ROOT / "templates", root / "templates")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name:", "site_url: https://lune.example/\nsite_name:")
    )
    return root


def test_init_reads_a_tag_as_the_locale_code(small: Path) -> None:
    out = ok(small, "i18n", "init", "pt-BR")
    assert out == (
        "locales/pt_BR/LC_MESSAGES/policy.po: started, every string untranslated\n"
        'to publish it once complete, add "pt_BR" to plugins.policydocs.locales in mkdocs.yml\n'
    )
    assert read_catalog(small, "pt_BR").locale_identifier == "pt_BR"
    again = run(small, "i18n", "init", "pt_br")
    assert again.returncode == 1
    assert "locales/pt_BR/LC_MESSAGES/policy.po: already exists" in again.stderr


def add_brazilian_portuguese(small: Path) -> str:
    """The small French policy released on 1 February 2024, then Brazilian Portuguese added by the version of
    1 June 2024 (its catalog translated, each text stating its facts in Portuguese, the title a stand-in; released
    as an editorial change); what `i18n init` said."""
    ok(small, "release", "--published", "2024-02-01", today="2024-02-01")
    out = ok(small, "i18n", "init", "pt_BR")
    catalog = read_catalog(small, "pt_BR")
    translate_small(catalog, "pt_BR")
    write_catalog(small, catalog, "pt_BR")
    fill_page_text(small, "pt_BR")  # nothing to do: policydocs ships Brazilian Portuguese page text
    # Listed with a hyphen, as a web page would write it: read as pt_BR.
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", "locales: [fr, pt-BR]"))
    # A new language is a new version of the record: dated and released like any change.
    data = small / "data" / "policy.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("effective_date: 2024-03-01", "effective_date: 2024-06-01")
    )
    ok(small, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    return out


def test_brazilian_portuguese_is_published_beside_french(small: Path) -> None:
    out = add_brazilian_portuguese(small)
    assert out.startswith("locales/pt_BR/LC_MESSAGES/policy.po: started")
    ok(small, "build", "--date", "2024-06-01")

    site = small / "site"
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == ["fr", "pt_BR", "schema", "versions"]
    page = (site / "pt_BR" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR"' in page
    assert "[pt] Politique de confidentialité d’Atelier Lune" in page
    assert "Pular para conteúdo" in page  # Material's own words, from its pt-BR partial
    assert "1 de junho de 2024" in page
    assert '<html lang="pt-BR"' in (site / "pt_BR" / "404.html").read_text(encoding="utf-8")

    french = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french
    assert 'href="../pt_BR/" hreflang="pt-BR"' in french
    assert "Dernière modification: 1er juin 2024." in french
    history = (site / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    assert "1er juin 2024" in history and "1er mars 2024" in history

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '<xhtml:link rel="alternate" hreflang="pt-BR" href="https://lune.example/pt_BR/"/>' in sitemap
    assert "<loc>https://lune.example/pt_BR/history/</loc>" in sitemap
    assert "pt_BR" not in sitemap.replace("https://lune.example/pt_BR/", "")
    entry = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="pt-BR" href="https://lune.example/pt_BR/">' in entry
    assert '<a href="pt_BR/" hreflang="pt-BR" lang="pt-BR">' in entry
    feed = (site / "pt_BR" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="pt-BR"' in feed
    assert 'xml:lang="fr"' in (site / "fr" / "feed.xml").read_text(encoding="utf-8")
    jsonld = json.loads((site / "versions" / "2024-06-01.jsonld").read_text(encoding="utf-8"))
    languages = {label["@language"] for label in jsonld["dct:title"]}
    assert languages == {"fr", "pt-BR"}


def test_dutch_is_released_only_when_its_text_states_the_facts(small: Path) -> None:
    """The small French policy translated into Dutch: every tie is read through the Dutch phrasebook when the
    version that adds Dutch is released; a Dutch sentence that says another value is refused at its fact."""
    add_small_languages(small, "nl")
    right = reword(
        small, "nl", "order-emails.use", "is essentieel en kan niet worden uitgeschakeld", "kan worden uitgeschakeld"
    )
    env = {"SOURCE_DATE_EPOCH": str(int(datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC).timestamp()))}
    refused = run(small, "release", "--class", "editorial", "--published", "2024-06-01", env=env, clock="2024-06-01")
    assert refused.returncode == 1
    assert (
        "communications.order-emails.optional: in nl, not what the text stating it says (order-emails.use): the text "
        'says true ("worden uitgeschakeld"), not false'
    ) in refused.stderr

    set_message(small, "nl", "order-emails.use", right)
    ok(small, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    ok(small, "check")


@pytest.mark.parametrize(
    ("listed", "error"),
    [
        ("[fr, xx]", 'unknown locale "xx"'),
        ("[fr, pt-BR, pt_BR]", 'lists "pt_BR" twice'),
    ],
)
def test_listed_locales_are_read_as_codes_and_checked(small: Path, listed: str, error: str) -> None:
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", f"locales: {listed}"))
    workspace = Workspace.of(config)
    with pytest.raises(ConfigError, match=error):
        _ = workspace.locales  # read, and refused


def test_listed_tags_are_read_as_codes(small: Path) -> None:
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", "locales: [fr, pt-br, en-GB]"))
    workspace = Workspace.of(config)
    assert workspace.locales == ("fr", "pt_BR", "en_GB")
