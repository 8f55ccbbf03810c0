"""What Material for MkDocs needs from us: the language switcher's links and the light/dark switch's words."""

from __future__ import annotations

from ..site import addresses
from ..site.render import native_name


def language_links(locales: tuple[str, ...], page_url: str = "") -> list[dict[str, str]]:
    """Material's ``extra.alternate``: the same page in each language, relative to this locale's root."""
    return [{"name": native_name(code), "link": addresses.alternate(code, page_url), "lang": code} for code in locales]


def name_toggles(palettes: object, words: dict[str, str]) -> None:
    """Name Material's light/dark switch in the page's language: each toggle leads to the other scheme."""
    if not words or not isinstance(palettes, list):
        return
    for palette in palettes:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict):
            key = "to-light" if palette.get("scheme") == "slate" else "to-dark"
            toggle["name"] = words.get(key, toggle.get("name", ""))
