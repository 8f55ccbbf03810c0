"""``/index.html``: the language entry page, which leads to the default locale and links to every one."""

from __future__ import annotations

import html

from ..i18n.tags import tag
from ..site import addresses
from ..site.publication import Publication
from ..site.render import native_name


def root_page(titles: dict[str, str], default: str) -> str:
    """``site/index.html``: leads to the default locale, links to every locale, loads nothing.

    Links go to each locale's folder (``pt_BR/``); ``lang`` and ``hreflang`` are BCP 47 tags (``pt-BR``).
    """
    links = "\n".join(
        f'    <li><a href="{code}/" hreflang="{tag(code)}" lang="{tag(code)}">'
        f"{html.escape(titles[code])} ({html.escape(native_name(code))})</a></li>"
        for code in titles
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{tag(code)}" href="{code}/">' for code in titles)
    return f"""<!doctype html>
<html lang="{tag(default)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{html.escape(titles[default])}</title>
  <meta http-equiv="refresh" content="0; url={default}/">
  <link rel="canonical" href="{default}/">
{alternates}
</head>
<body>
  <ul>
{links}
  </ul>
</body>
</html>
"""


def files(publication: Publication, titles: dict[str, str], pages: dict[str, list[str]]) -> dict[str, str]:
    return {addresses.ENTRY: root_page(titles, publication.locales[0])}
