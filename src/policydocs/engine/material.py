"""What Material for MkDocs needs from us: the language switcher's links and the light/dark switch's words."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin

from ..i18n.tags import tag
from ..site import addresses
from ..site.render import native_name

LANGUAGES = "partials/languages"
"""Where Material keeps the words of its interface, one template per language tag (``pt-BR.html``)."""
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def language_links(locales: tuple[str, ...], page_url: str = "") -> list[dict[str, str]]:
    """Material's ``extra.alternate``: the same page in each language, relative to this locale's root.

    The link keeps the locale's folder (``../pt_BR/``); ``lang``, which
    Material writes as the link's ``hreflang``, is its BCP 47 tag (``pt-BR``).
    """
    return [
        {"name": native_name(code), "link": addresses.alternate(code, page_url), "lang": tag(code)} for code in locales
    ]


def theme_language(locale: str, theme_dirs: Iterable[str]) -> str:
    """Material's ``theme.language`` for a locale: its tag if Material has its words, else its base language, else en.

    Material has partials for a few regions only (``pt-BR``, ``zh-TW``, not
    ``de-CH`` or ``fr-CA``) and fails with TemplateNotFound on any other
    name. A theme without Material's partials gets the tag as it is.
    """
    known = {path.stem for folder in theme_dirs for path in Path(folder, LANGUAGES).glob("*.html")}
    full = tag(locale)
    if not known:
        return full
    parts = full.split("-")
    candidates = ["-".join(parts[:end]) for end in range(len(parts), 0, -1)]
    return next((name for name in candidates if name in known), "en")


def with_html_lang(page: str, locale: str) -> str:
    """A page whose ``<html lang>`` is the locale's tag.

    Material writes the ``language`` of the partial it used there: "pt" for
    ``pt-BR`` (its partial says so), "en" where it fell back to English.
    """
    return _HTML_LANG.sub(f'<html lang="{tag(locale)}"', page, count=1)


def name_toggles(palettes: object, words: dict[str, str]) -> None:
    """Name Material's light/dark switch in the page's language: each toggle leads to the other scheme."""
    if not words or not isinstance(palettes, list):
        return
    for palette in palettes:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict):
            key = "to-light" if palette.get("scheme") == "slate" else "to-dark"
            toggle["name"] = words.get(key, toggle.get("name", ""))


_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
_SWITCHER = re.compile(r'(<a href="[^"]*" hreflang="[^"]*" class="md-select__link")>')
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)
_STORAGE = re.compile(r"(<script>__md_scope=.*?</script>)")
STORAGE_GUARD = (
    "<script>(()=>{const set=__md_set;let acted=!1;"
    'for(const e of["pointerdown","keydown"])addEventListener(e,()=>{acted=!0},{capture:!0,once:!0});'
    "__md_set=(...a)=>{acted&&set(...a)}})()</script>"
)
"""Material writes the colour scheme to localStorage on every page load: store nothing until the reader acts."""


def absolute_alternates(page: str, address: str) -> str:
    """The head's hreflang links made absolute from the page's own ``address`` (as search engines want them).

    The language switcher's menu keeps its relative links, so a copy of the
    site served anywhere else still switches languages within itself.
    """
    return _ALTERNATE.sub(
        lambda m: f'<link rel="alternate" href="{urljoin(address, html.unescape(m[1]))}" hreflang="{m[2]}">', page
    )


def switcher_without_detour(page: str) -> str:
    """The language switcher's links followed as they are, to the same page in the other language.

    Material's script takes over a click on them when the page has
    ``<link rel="alternate">`` for that language, and, not finding the page
    in the language's sitemap the way it looks, leads to the address
    without its final slash: a redirect on every switch. It leaves alone a
    link that names its target.
    """
    return _SWITCHER.sub(r'\1 target="_self">', page)


def without_dangling_toc_label(page: str) -> str:
    """A page out of the navigation has Material's table-of-contents title without its toggle: a plain title then."""
    if 'id="__toc"' in page:
        return page
    return _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', page, count=1)


def storage_after_action(page: str) -> str:
    """Nothing in the reader's browser storage before the reader acts (a click or a key on the page)."""
    return _STORAGE.sub(lambda m: m[1] + STORAGE_GUARD, page, count=1)
