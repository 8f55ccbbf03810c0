"""What Material for MkDocs needs from us: the language switcher's links and the light/dark switch's words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

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
