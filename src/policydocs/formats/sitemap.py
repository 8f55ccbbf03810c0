"""The sitemaps: every page of every language, each with its other languages as hreflang alternates.

``/sitemap.xml`` lists the whole site; ``/<lang>/sitemap.xml`` a language's
pages (where Material for MkDocs and crawlers of that language look). Each
page's own folder also holds the sitemap of that page alone: Material's
language switcher asks for ``sitemap.xml`` beside every alternate link of
the page (``/en/history/sitemap.xml``), and a request that fails is an error
in every reader's console.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable, Mapping

from ..i18n.tags import tag
from ..site import addresses
from ..site.edition import Edition
from ..site.publication import Publication

LastModified = dict[tuple[str, str], datetime.date]
"""The day a page last changed, by ``(locale, page source)``."""


def entries(
    site_url: str, pages: dict[str, list[str]], default: str, lastmod: LastModified | None = None
) -> dict[tuple[str, str], str]:
    """Each page's ``<url>`` entry, with its languages, by ``(locale, page)``: pages in order, then languages.

    ``pages`` lists each locale's pages by its code, the folder of its site
    (``pt_BR/``); hreflang is the locale's BCP 47 tag (``pt-BR``). Made once
    for all the sitemaps that list a page (the whole site's, its language's, its own).
    """
    base = site_url.rstrip("/") + "/"
    listed = {locale: set(sources) for locale, sources in pages.items()}
    tags = {locale: tag(locale) for locale in pages}
    found: dict[tuple[str, str], str] = {}
    for page in sorted(set().union(*listed.values())):
        present = [locale for locale in pages if page in listed[locale]]
        address = addresses.url(page)
        urls = {locale: html.escape(f"{base}{locale}/{address}") for locale in present}
        links = [(tags[locale], urls[locale]) for locale in present]
        if default in urls:
            links.append(("x-default", urls[default]))
        alternates = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{u}"/>\n' for lang, u in links)
        for locale in present:
            day = (lastmod or {}).get((locale, page))
            modified = f"    <lastmod>{day.isoformat()}</lastmod>\n" if day else ""
            found[(locale, page)] = f"  <url>\n    <loc>{urls[locale]}</loc>\n{modified}{alternates}  </url>"
    return found


def sitemap(entries: Iterable[str]) -> str:
    """A sitemap of these ``<url>`` entries (see entries)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "".join(entry + "\n" for entry in entries)
        + "</urlset>\n"
    )


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str]:
    site_url = publication.workspace.options.site_url
    if not site_url:  # a sitemap needs absolute addresses
        return {}
    pages = {locale: made.page_sources for locale, made in editions.items()}
    lastmod = {
        (locale, path): entry.last_modified
        for locale, made in editions.items()
        for path, entry in made.files.items()
        if entry.last_modified is not None
    }
    return sitemaps(site_url, pages, publication.locales[0], lastmod)


def sitemaps(
    site_url: str, pages: dict[str, list[str]], default: str, lastmod: LastModified | None = None
) -> dict[str, str]:
    """Every sitemap of the site, by its path: the whole site's, each language's, and each page's own (see the
    module's note); each page's entry made once, so the work grows with the pages, not with their square."""
    made = entries(site_url, pages, default, lastmod)
    found = {addresses.SITEMAP: sitemap(made.values())}
    for locale, sources in pages.items():
        found[f"{locale}/{addresses.SITEMAP}"] = sitemap(entry for (where, _), entry in made.items() if where == locale)
        for page in sources:
            if page != addresses.CURRENT:
                own = (made[(other, page)] for other in pages if (other, page) in made)
                found[f"{locale}/{addresses.url(page)}{addresses.SITEMAP}"] = sitemap(own)
    return found
