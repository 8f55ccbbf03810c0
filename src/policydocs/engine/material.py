"""What Material for MkDocs and Zensical need from us: the data of our template override, the theme's language,
the light/dark switch's words.

Both themes read the same templates (Zensical's are Material's, rendered by
MiniJinja), so one override, ``policydocs/theme/overrides``, gives every page
its language switcher leading to the same page in the other languages, its
``hreflang`` links and its feed link, whichever engine builds it. Its data is
``config.extra.policydocs`` (:func:`override_data`); ``config.extra.alternate``
is ``true``, which shows the theme's switcher (our partial) without the
theme's own ``hreflang`` links to each language's home page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin

from ..formats.entry_page import NOINDEX
from ..i18n.tags import tag
from ..shipped import OVERRIDES
from ..site import addresses
from ..site.edition import EditionFile
from ..site.pages import PageKind
from ..site.render import native_name
from ..versions.verification import DIGEST_META

LANGUAGES = "partials/languages"
"""Where Material keeps the words of its interface, one template per language tag (``pt-BR.html``)."""
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


__all__ = [
    "ADDED_EXTENSIONS",
    "NEEDED_EXTENSIONS",
    "OVERRIDES",
    "name_toggles",
    "override_data",
    "theme_extra",
    "theme_language",
    "theme_problem",
    "with_added_extensions",
    "with_html_lang",
]

NEEDED_EXTENSIONS = ("attr_list", "admonition", "toc", "tables")
"""The Markdown extensions the generated pages are written for."""
ADDED_EXTENSIONS = ("sane_lists",)
"""Python-Markdown's own extensions every engine is given, whatever mkdocs.yml lists: ``sane_lists`` keeps a
numbered list's first number and a bulleted list after a numbered one apart."""


def with_added_extensions(extensions: object) -> list[Any]:
    """mkdocs.yml's ``markdown_extensions`` (a copy) with ``ADDED_EXTENSIONS`` after them when missing."""
    listed = list(extensions) if isinstance(extensions, list) else []
    names = {item if isinstance(item, str) else next(iter(item), "") for item in listed if isinstance(item, str | dict)}
    return listed + [name for name in ADDED_EXTENSIONS if name not in names]


def theme_problem(theme_name: str | None, font: object, extensions: Iterable[str]) -> str | None:
    """What mkdocs.yml lacks for the policy's pages, in either engine: Material's theme, no Google Fonts, extensions."""
    if theme_name != "material":
        return (
            f"mkdocs.yml: theme is {theme_name or 'custom_dir only'}: policydocs needs theme: material "
            "(its pages use Material's admonitions and language switcher)"
        )
    if font is not False:
        return (
            "mkdocs.yml: theme.font must be false: Material would load Google Fonts, "
            "a request to another host from a privacy policy page"
        )
    present = set(extensions)
    missing = [name for name in NEEDED_EXTENSIONS if name not in present]
    if missing:
        return (
            f"mkdocs.yml: markdown_extensions needs {', '.join(missing)} for the policy's pages "
            "(anchors, banners, tables): add them to markdown_extensions"
        )
    return None


class Generator(NamedTuple):
    """The engine a page credits in its footer: its name and its address."""

    name: str
    url: str


MATERIAL = Generator("Material for MkDocs", "https://squidfunk.github.io/mkdocs-material/")
ZENSICAL = Generator("Zensical", "https://zensical.org/")


def override_data(
    locales: tuple[str, ...],
    title: str,
    languages: Mapping[str, tuple[str, ...]],
    site_url: str | None = None,
    *,
    words: Mapping[str, str] | None = None,
    generator: Generator = MATERIAL,
) -> dict[str, Any]:
    """``config.extra.policydocs``: what the override needs to link a page to its languages and to the feed.

    ``languages`` gives, per Markdown source, the locales that have the page;
    only the pages missing from some locale are written out (``only``, by
    page URL), the others exist in every locale. A language's ``link`` is its
    root from this locale's root, the page's URL is added to it (``../pt_BR/``
    + ``history/``); ``lang``, the link's ``hreflang``, is its BCP 47 tag
    (``pt-BR``). Its ``home``, its root from anywhere, is what the 404 page
    links, served at any depth: absolute from the whole site's ``site_url``,
    else from the host's root (``/pt_BR/``). ``made_with``, the footer's credit in the page's language (from
    ``words``, the theme's words), names the ``generator``, the engine that builds the pages.
    """
    root = f"{site_url.rstrip('/')}/" if site_url else "/"
    return {
        "title": title,
        # Split around the tool's name here: Zensical's template engine has no str.split.
        "made_with": [*(words or {}).get("made-with", "Made with %(tool)s").split("%(tool)s", 1), ""][:2],
        "generator": {"name": generator.name, "url": generator.url},
        "feed": addresses.FEED,
        "languages": [
            {
                "code": code,
                "name": native_name(code),
                "link": addresses.alternate(code),
                "home": f"{root}{code}/",
                "lang": tag(code),
            }
            for code in locales
        ],
        "only": {
            addresses.url(source): list(present)
            for source, present in sorted(languages.items())
            if set(present) != set(locales)
        },
    }


def theme_extra(extra: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's ``extra`` with the override's data; ``alternate: true`` turns the theme's switcher on."""
    return {**extra, "alternate": True, "policydocs": data}


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
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
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


def without_dangling_toc_label(page: str) -> str:
    """A page out of the navigation has Material's table-of-contents title without its toggle: a plain title then."""
    if 'id="__toc"' in page:
        return page
    return _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', page, count=1)


def storage_after_action(page: str) -> str:
    """Nothing in the reader's browser storage before the reader acts (a click or a key on the page)."""
    return _STORAGE.sub(lambda m: m[1] + STORAGE_GUARD, page, count=1)


def not_found_words(page: str, words: Mapping[str, str], home: str, title: str) -> str:
    """The theme's 404 page ("404 - Not found") in the page's language, with a link to the policy at ``home``."""
    if "not-found" not in words:
        return page
    page = _TITLE.sub(lambda m: f"<title>{html.escape(words['not-found'])} - {m[1]}</title>", page, count=1)
    return page.replace(
        "<h1>404 - Not found</h1>",
        f"<h1>{html.escape(words['not-found'])}</h1>\n"
        f'<p>{html.escape(words["not-found-text"])} <a href="{html.escape(home)}">{html.escape(title)}</a></p>',
        1,
    )


def version_described(entry: EditionFile | None, source: str, current: str | None, site_root: str) -> str:
    """The address of the JSON-LD of the version a page shows, if it shows one: the page of the policy, the
    version in force (``current``); a version's page, that version. Relative from the page's Markdown ``source``,
    or absolute under ``site_root`` (the whole site's address, "" without one)."""
    slug = None
    if entry is not None and entry.kind is PageKind.POLICY:
        slug = current
    elif entry is not None and entry.kind is PageKind.VERSION:
        slug = entry.slug
    if slug is None or slug == "draft":
        return ""
    target = addresses.jsonld(slug)
    return site_root + target if site_root else addresses.from_root(target, source)


def finish_page(
    page: str,
    locale: str,
    *,
    address: str | None = None,
    described: str = "",
    digest: str | None = None,
    staging: bool = False,
    not_found: tuple[Mapping[str, str], str, str] | None = None,
) -> str:
    """A page as the engine wrote it, finished as policydocs publishes it, whichever engine built it (the plugin
    does it to MkDocs' pages, engine/zensical.py to Zensical's).

    The version's JSON-LD linked (``described``, see version_described); the ``digest`` of the version the page
    shows, for `policydocs verify` (``<meta name="policydocs:digest">``); ``noindex`` on a ``staging`` copy;
    the head's hreflang links absolute from the page's public ``address`` (none in a staging copy: wherever it is
    staged, the switcher would fetch from the public site); ``<html lang>`` with the locale's full tag; no
    dangling table-of-contents label; nothing stored in the browser before the reader acts. ``not_found``: the
    404 page's words, its link home and the policy's title (see not_found_words).
    """
    if not_found is not None:
        page = not_found_words(page, *not_found)
    head = ""
    if described:
        head += f'<link rel="describedby" type="application/ld+json" href="{html.escape(described)}">\n'
    if digest:
        head += f'<meta name="{DIGEST_META}" content="{html.escape(digest)}">\n'
    if staging:
        head += f"{NOINDEX}\n"
    if head:
        page = page.replace("</head>", f"{head}</head>", 1)
    if address is not None and not staging:
        page = absolute_alternates(page, address)
    return storage_after_action(without_dangling_toc_label(with_html_lang(page, locale)))
