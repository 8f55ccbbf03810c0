"""Every address of the site, in one place: where each generated file lives, and the links between them.

A locale's files are named by their source path inside that locale's site
(``versions/2022-12-26/index.md``); pages are served as directories
(``versions/2022-12-26/``) under ``/<lang>/``. The same path in every
language, so the language switcher lands on the same page.
"""

from __future__ import annotations

import posixpath

# The pages of a locale, by Markdown source path.
CURRENT = "index.md"
HISTORY = "history/index.md"


def version(slug: str) -> str:
    """A frozen version's page."""
    return f"versions/{slug}/index.md"


def changes(slug: str) -> str:
    """What changed in this version from the one before."""
    return f"versions/{slug}/changes/index.md"


def compare(slug: str) -> str:
    """An archived version against the one in force."""
    return f"versions/{slug}/compare/index.md"


# A locale's other files.
FEED = "feed.xml"
STYLESHEET = "assets/policydocs.css"
"""The tool's own styles (redline, hidden labels), added to every site."""


def policy_json(slug: str) -> str:
    return f"versions/{slug}/policy.json"


def pdf(slug: str) -> str:
    return f"versions/{slug}/policy.pdf"


def changes_pdf(slug: str) -> str:
    """What changed in this version, word for word, as a PDF beside its changes page."""
    return f"versions/{slug}/changes/changes.pdf"


# The files at the root of the whole site.
ENTRY = "index.html"
NOT_FOUND = "404.html"
VERSIONS_INDEX = "versions.json"
VERSIONS_INDEX_SCHEMA = "schema/versions.json"
"""The JSON Schema of versions.json."""
SCHEMA = "schema/policy.json"
"""The JSON Schema of data/policy.yml."""
VERSION_SCHEMA = "schema/version.json"
"""The JSON Schema of each version's policy.json (that version's data, with its dates, class and digest)."""
SITEMAP = "sitemap.xml"
ARCHIVE_PREFIX = "/versions/"
"""Below this, in a locale, pages stay out of the navigation (frozen versions and their changes)."""


def archived(path: str) -> bool:
    """Whether a page of a locale (its source, ``versions/x/index.md``, or its address, ``versions/x/#part``) is
    below ARCHIVE_PREFIX: out of the navigation, and left out of search, which finds the policy in force."""
    return path.startswith(ARCHIVE_PREFIX.lstrip("/"))


def jsonld(slug: str) -> str:
    return f"versions/{slug}.jsonld"


def record(name: str) -> str:
    """A frozen file of the record, published byte for byte, from its name inside the releases folder
    (``2022-12-26.yml``, ``corrections/2022-12-26.2026-12-06.yml``): ``versions/`` and that name."""
    return f"versions/{name}"


def at_root(path: str, site_url: str | None = None) -> str:
    """A file at the site's root from there: relative (``versions.json``), or absolute with ``site_url``."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def url(source: str) -> str:
    """A page's address in its locale from its Markdown source path (directory URLs); other files as they are."""
    return source.removesuffix("index.md") if source.endswith(".md") else source


def in_locale(locale: str, source: str, site_url: str | None = None) -> str:
    """A file's address from the site's root: relative (``fr/history/``), or absolute with ``site_url``."""
    relative = f"{locale}/{url(source)}"
    return f"{site_url.rstrip('/')}/{relative}" if site_url else relative


def locale_base(locale: str, site_url: str | None) -> str:
    """The prefix of a locale's absolute addresses (``https://…/fr/``), or "" to stay relative."""
    return f"{site_url.rstrip('/')}/{locale}/" if site_url else ""


def link(target: str, page: str) -> str:
    """A link from one generated page's source to another's, for the engine to resolve."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def from_root(path: str, file: str) -> str:
    """A link from a file of a locale (``versions/x/policy.json``) to a file at the site's root."""
    return "../" * (file.count("/") + 1) + path


def alternate(locale: str, page_url: str = "") -> str:
    """The same page in another locale, from a page of this one (relative to this locale's root).

    The theme override (policydocs/theme/overrides) adds the page's URL to ``alternate(locale)`` itself."""
    return f"../{locale}/{page_url}"
