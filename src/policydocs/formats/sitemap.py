"""``/sitemap.xml``: every page of every language, each with its other languages as hreflang alternates."""

from __future__ import annotations

import html

from ..i18n.tags import tag
from ..site import addresses
from ..site.publication import Publication


def sitemap(site_url: str, pages: dict[str, list[str]], default: str) -> str:
    """``/sitemap.xml``: every page of every language, each with its other languages as hreflang alternates.

    ``pages`` lists each locale's pages by its code, the folder of its site
    (``pt_BR/``); hreflang is the locale's BCP 47 tag (``pt-BR``).
    """
    base = site_url.rstrip("/") + "/"
    everywhere = sorted({page for sources in pages.values() for page in sources})
    entries = []
    for page in everywhere:
        present = [locale for locale in pages if page in pages[locale]]

        def url(locale: str, page: str = page) -> str:
            return html.escape(base + locale + "/" + addresses.url(page))

        links = [(tag(locale), url(locale)) for locale in present]
        if default in present:
            links.append(("x-default", url(default)))
        alternates = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{u}"/>\n' for lang, u in links)
        for locale in present:
            entries.append(f"  <url>\n    <loc>{url(locale)}</loc>\n{alternates}  </url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def files(publication: Publication, titles: dict[str, str], pages: dict[str, list[str]]) -> dict[str, str]:
    site_url = publication.project.site_url
    if not site_url:  # a sitemap needs absolute addresses
        return {}
    return {addresses.SITEMAP: sitemap(site_url, pages, publication.locales[0])}
