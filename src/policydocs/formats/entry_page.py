"""``/index.html``: the language entry page, which leads to the default locale and links to every one."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from ..i18n.tags import tag
from ..site import addresses
from ..site.edition import Edition
from ..site.publication import Publication
from ..site.render import native_name
from ..site.theme import theme_words

# The reader's first language the site has (navigator.languages, best first: "en-GB" matches "en"), else the
# default; nothing stored. Without scripts, the refresh in <noscript> leads to the default. It leaves once this
# page is read whole: leaving while it still loads cancels its own request, which the browser logs as failed.
CHOOSE = """<script>
  addEventListener("DOMContentLoaded", () => {{
    const sites = {sites};
    const has = (wanted) => sites.find(([code]) => code === wanted);
    const match = (wanted) => has(wanted) || has(wanted.split("-")[0]);
    const found = (navigator.languages || [navigator.language]).map((l) => match(l.toLowerCase())).find(Boolean);
    location.replace((found || sites[0])[1]);
  }});
  </script>"""


NOINDEX = '<meta name="robots" content="noindex">'
"""On every page of a draft or a preview, this entry page included: not the published policy, not for search
engines."""


def root_page(titles: dict[str, str], default: str, site_url: str | None = None, *, staging: bool = False) -> str:
    """``site/index.html``: leads to the reader's language if the site has it, else the default; links to every
    locale; loads nothing.

    Links go to each locale's folder (``pt_BR/``); ``lang`` and ``hreflang`` are BCP 47 tags (``pt-BR``). The
    head's canonical and hreflang links are absolute when the site has a ``site_url``.
    """
    root = html.escape(site_url.rstrip("/") + "/") if site_url else ""
    order = [default, *(code for code in titles if code != default)]
    sites = json.dumps([[tag(code).lower(), f"{code}/"] for code in order]).replace("</", "<\\/")
    links = "\n".join(
        f'    <li><a href="{code}/" hreflang="{tag(code)}" lang="{tag(code)}">'
        f"{html.escape(titles[code])} ({html.escape(native_name(code))})</a></li>"
        for code in titles
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{tag(code)}" href="{root}{code}/">' for code in titles)
    robots = f"\n  {NOINDEX}" if staging else ""
    return f"""<!doctype html>
<html lang="{tag(default)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{html.escape(titles[default])}</title>{robots}
  {CHOOSE.format(sites=sites)}
  <noscript><meta http-equiv="refresh" content="0; url={default}/"></noscript>
  <link rel="canonical" href="{root}{default}/">
{alternates}
</head>
<body>
<main>
  <ul>
{links}
  </ul>
</main>
</body>
</html>
"""


def not_found_page(titles: dict[str, str], words: dict[str, dict[str, str]], site_url: str | None) -> str:
    """``site/404.html``: what a host serves for an address it does not have, in every language, loading nothing.

    Served at any depth, so its links are absolute: from ``site_url``, else from the host's root. Its content is
    in a ``<main>`` landmark, where assistive technology goes to skip to it.
    """
    root = site_url.rstrip("/") + "/" if site_url else "/"
    default = next(iter(titles))
    sections = "\n".join(
        f'  <section lang="{tag(code)}">\n'
        f"    <h2>{html.escape(words[code].get('not-found', 'Page not found'))}</h2>\n"
        f"    <p>{html.escape(words[code].get('not-found-text', ''))} "
        f'<a href="{html.escape(root + code + "/")}" hreflang="{tag(code)}">{html.escape(titles[code])}</a></p>\n'
        "  </section>"
        for code in titles
    )
    heading = " / ".join(dict.fromkeys(html.escape(words[code].get("not-found", "Page not found")) for code in titles))
    return f"""<!doctype html>
<html lang="{tag(default)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  {NOINDEX}
  <title>{heading}</title>
  <style>body {{ font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }}</style>
</head>
<body>
<main>
  <h1>404</h1>
{sections}
</main>
</body>
</html>
"""


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str]:
    titles = {locale: made.title for locale, made in editions.items()}
    words = {locale: theme_words(publication, locale, strict=False) for locale in titles}
    site_url = publication.workspace.options.site_url
    return {
        addresses.ENTRY: root_page(titles, publication.locales[0], site_url, staging=publication.staging),
        addresses.NOT_FOUND: not_found_page(titles, words, site_url),
    }
