"""An edition: every file one locale publishes, as path → content, and which pages are in the navigation.

The core makes it; the engines (the MkDocs plugin, the export, any later
one) only write it out, the way MkDocs' own ``Files`` collection works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import addresses
from .pages import LocalePages, render_locale
from .publication import Publication
from .theme import stylesheet, theme_words


@dataclass(frozen=True)
class EditionFile:
    """One file of an edition: Markdown pages go through the engine; anything else is copied as it is."""

    content: str | bytes
    in_nav: bool = False


@dataclass
class Edition:
    """What one locale publishes."""

    locale: str
    title: str
    files: dict[str, EditionFile]
    words: dict[str, str]
    """The theme's own words in this locale (the light/dark switch)."""
    pages: LocalePages = field(repr=False)
    digests: dict[str, str] = field(default_factory=dict)
    """The digest of the version each page shows, by its Markdown source (the frozen versions' pages and the page of
    the version in force; not a draft's): the pages carry it for `policydocs verify`."""
    languages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For each page, the locales it exists in (a version published before a translation was added has
    no page in that language); filled by ``link_languages`` once every locale's edition is made."""

    @property
    def page_sources(self) -> list[str]:
        """The Markdown pages, sorted."""
        return sorted(path for path in self.files if path.endswith(".md"))


def pages_edition(publication: Publication, locale: str, *, strict: bool = True, pdf: bool = False) -> Edition:
    """The pages of ``locale`` (frozen versions out of the navigation: every nav page is in every sidebar)."""
    pages = render_locale(publication, locale, strict=strict, pdf=pdf)
    files = {path: EditionFile(text, in_nav=path not in pages.hidden) for path, text in pages.pages.items()}
    files[addresses.STYLESHEET] = EditionFile(stylesheet())
    if pdf:
        # Stand-ins, so links to them resolve; `policydocs build --pdf` prints the real ones over them.
        for slug in pages.policies:
            files[addresses.pdf(slug)] = EditionFile(b"")
    digests = {addresses.version(v.slug): v.release.digest for v in publication.versions if locale in v.release.locales}
    if pages.shown is not None:  # the version the current page shows: in force, or announced standing in
        digests[addresses.CURRENT] = digests[addresses.version(pages.shown)]
    return Edition(locale, pages.title, files, theme_words(publication, locale, strict=strict), pages, digests)


def link_languages(editions: dict[str, Edition]) -> None:
    """Tell each edition, page by page, which locales have that page, so language links lead somewhere."""
    for edition in editions.values():
        edition.languages = {
            path: tuple(locale for locale, other in editions.items() if path in other.files)
            for path in edition.page_sources
        }
