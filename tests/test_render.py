"""Rendering: golden Markdown per locale, escaping of data, Babel dates."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import markdown
import pytest

from policydocs.i18n.catalog import Translator
from policydocs.options import Options
from policydocs.policy import loading
from policydocs.policy.document import Paragraph
from policydocs.policy.model import Policy
from policydocs.site.markup import escape, inline
from policydocs.site.pages import render_locale
from policydocs.site.publication import Publication, prepare
from policydocs.site.render import Renderer
from policydocs.workspace import Workspace

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
NASTY = '<script>alert(1)</script> [clic](javascript:alert(1)) {{ 7*7 }} {: onclick="x()" } ![i](https://x.test/i.png)'


def exograd() -> Policy:
    return loading.load(ROOT / "data" / "policy.yml", "data/policy.yml")


BUILD_DATE = datetime.date(2026, 11, 27)


def exograd_pages(locale: str) -> dict[str, str]:
    publication = prepare(Workspace(Options(ROOT, locales=("fr", "en"))), BUILD_DATE)
    return render_locale(publication, locale).pages


def draft_page(policy: Policy) -> str:
    """The current page of a preview showing ``policy`` as a draft, in French."""
    publication = Publication(Workspace(Options(ROOT, locales=("fr",))), ("fr",), BUILD_DATE, [], draft=policy)
    return render_locale(publication, "fr", strict=False).pages["index.md"]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_pages_match_golden_markdown(locale: str, update_golden: bool) -> None:
    pages = exograd_pages(locale)
    assert sorted(pages) == ["history/index.md", "index.md", "versions/2022-12-26/index.md"]
    for name, text in pages.items():
        golden = GOLDEN / locale / name
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{golden} differs (refresh with --update-golden)"


def to_html(text: str) -> str:
    # The extensions of the site's mkdocs.yml.
    return markdown.markdown(text, extensions=["attr_list", "admonition", "toc", "tables"])


def test_data_is_never_markup_html_a_link_or_a_template() -> None:
    policy = exograd()
    nasty = dataclasses.replace(policy.sections[0], title=NASTY, blocks=(Paragraph(id="scope", paragraph=NASTY),))
    html = to_html(draft_page(dataclasses.replace(policy, sections=(nasty, *policy.sections[1:]))))
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html.replace("[clic](javascript:alert(1))", "")
    assert 'href="javascript' not in html
    # The picture's coordinates are numbers of their own: look for "49" in the words only.
    assert "{{ 7*7 }}" in html and "49" not in re.sub(r"<svg .*?</svg>", "", html, flags=re.S)
    assert "onclick" not in html.replace('{: onclick="x()" }', "").replace("{: onclick=&quot;x()&quot; }", "")
    assert "<img" not in html


def test_email_addresses_become_mailto_links_and_https_links_stay() -> None:
    html = to_html(inline("Écrivez à contact@exograd.com ou voyez [la CNIL](https://www.cnil.fr/fr)."))
    assert '<a href="mailto:contact@exograd.com">contact@exograd.com</a>' in html
    assert '<a href="https://www.cnil.fr/fr">la CNIL</a>' in html


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x", "http://example.com", "ftp://x"])
def test_other_link_schemes_stay_literal_text(target: str) -> None:
    html = to_html(inline(f"[clic]({target})"))
    assert "<a " not in html


@pytest.mark.parametrize("text", ["# titre", "- item", "+ item", "1. item", "> cité", "===", "a_b_c *x* `c`", "x | y"])
def test_block_and_inline_syntax_is_escaped(text: str) -> None:
    html = to_html(escape(text))
    assert html.startswith("<p>"), html
    assert "<em>" not in html and "<code>" not in html and "<h1" not in html


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fr", "26 décembre 2022"),
        ("en", "26 December 2022"),
        ("en_US", "December 26, 2022"),
        ("de", "26. Dezember 2022"),
    ],
)
def test_dates_are_written_the_locale_way(locale: str, expected: str) -> None:
    renderer = Renderer(ROOT / "templates", Translator(locale, locale))
    assert renderer.date(datetime.date(2022, 12, 26)) == expected


def test_a_missing_field_in_a_template_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "policy.md.j2").write_text("# {{ policy.no_such_field }}\n", encoding="utf-8")
    from policydocs.errors import TemplateError

    with pytest.raises(TemplateError, match="no_such_field"):
        Renderer(tmp_path, Translator("fr", "fr")).render("policy.md.j2", policy=exograd())


def test_english_page_carries_the_binding_language_note_and_french_does_not() -> None:
    english = exograd_pages("en")["index.md"]
    french = exograd_pages("fr")["index.md"]
    assert "only the French version is legally binding" in english
    assert "fait foi" not in french.replace("seul le texte intégral fait foi", "")  # the layers' own note
