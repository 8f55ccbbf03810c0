"""An edition: every file one locale publishes, each a typed entry (what it is, which version, in the navigation,
in search, when it last changed).

The core makes it; the engines (the MkDocs plugin, Zensical, the export, any later one) only write it out, the
way MkDocs' own ``Files`` collection works, and read what a file is from its entry, never from its path.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses
from .pages import LocalePages, PageKind, render_locale
from .publication import Publication
from .theme import stylesheet, theme_words


class FileKind(enum.StrEnum):
    """What a file of an edition that is not a page is."""

    STYLESHEET = "stylesheet"
    PDF = "pdf"
    """A version printed (a stand-in until `policydocs build --pdf` prints it)."""
    FORMAT = "format"
    """A file a format makes from the data (the feed, a version's policy.json)."""


@dataclass(frozen=True)
class EditionFile:
    """One file of an edition: Markdown pages go through the engine; anything else is copied as it is."""

    stored: str | bytes
    """The file's content as made (empty once set aside: see ``content``)."""
    in_nav: bool = False
    kind: PageKind | FileKind = FileKind.FORMAT
    slug: str | None = None
    """The version whose permanent address the file is under (``versions/<slug>/…``); None for the present's."""
    in_search: bool = False
    """Whether the site's search finds it: the present's pages, not a superseded version or a redline."""
    last_modified: datetime.date | None = None
    """When a page last changed, as the sitemap says it (pages only)."""
    digest: str | None = None
    """The digest of the version the page shows (a frozen version's page, the page of the version in force; not a
    draft's): the page carries it for `policydocs verify`."""
    spilled: tuple[str, int, int] | None = None
    """Where the page's Markdown waits on disk when it was set aside (see spill): the file, the offset and length
    of its UTF-8 bytes there; ``stored`` is then empty."""

    @property
    def is_page(self) -> bool:
        return isinstance(self.kind, PageKind)

    @property
    def content(self) -> str | bytes:
        """The file's content (a page's Markdown read back, byte for byte, from where it was set aside)."""
        if self.spilled is None:
            return self.stored
        path, offset, length = self.spilled
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read(length).decode("utf-8")


@dataclass
class Edition:
    """What one locale publishes."""

    locale: str
    title: str
    files: dict[str, EditionFile]
    words: dict[str, str]
    """The theme's own words in this locale (the light/dark switch)."""
    pages: LocalePages = field(repr=False)
    languages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """For each page, the locales it exists in (a version published before a translation was added has
    no page in that language); filled by ``link_languages`` once every locale's edition is made."""

    def searched(self, source: str) -> bool:
        """Whether the site's search finds the page of Markdown ``source``: not one of this edition kept out of it
        (a superseded version, a redline); a page of the site's own (docs/) is found."""
        entry = self.files.get(source)
        return entry is None or not entry.is_page or entry.in_search

    @property
    def page_sources(self) -> list[str]:
        """The Markdown pages, sorted."""
        return sorted(path for path, made in self.files.items() if made.is_page)


def pages_edition(publication: Publication, locale: str, *, strict: bool = True, pdf: bool = False) -> Edition:
    """The pages of ``locale`` (frozen versions out of the navigation: every nav page is in every sidebar)."""
    return edition_of(publication, render_locale(publication, locale, strict=strict, pdf=pdf), strict=strict, pdf=pdf)


def edition_of(publication: Publication, pages: LocalePages, *, strict: bool = True, pdf: bool = False) -> Edition:
    """The edition of a locale's rendered ``pages``: each a typed entry, with the stylesheet (and PDFs' places)."""
    locale = pages.locale
    digests = {addresses.version(v.slug): v.release.digest for v in publication.versions if locale in v.release.locales}
    if pages.shown is not None:  # the version the current page shows: in force, or announced standing in
        digests[addresses.CURRENT] = digests[addresses.version(pages.shown)]
    changed = _last_modified(publication, locale)
    files = {}
    for path, text in pages.pages.items():
        kind, slug = pages.kinds[path]
        files[path] = EditionFile(
            text,
            in_nav=path not in pages.hidden,
            kind=kind,
            slug=slug,
            in_search=kind in (PageKind.POLICY, PageKind.HISTORY),
            last_modified=changed(kind, slug),
            digest=digests.get(path),
        )
    files[addresses.STYLESHEET] = EditionFile(stylesheet(), kind=FileKind.STYLESHEET)
    if pdf:
        # Stand-ins, so links to them resolve; `policydocs build --pdf` prints the real ones over them.
        for slug in pages.policies:
            files[addresses.pdf(slug)] = EditionFile(b"", kind=FileKind.PDF, slug=slug)
    return Edition(locale, pages.title, files, theme_words(publication, locale, strict=strict), pages)


def _last_modified(publication: Publication, locale: str):  # type: ignore[no-untyped-def]
    """When each page of ``locale`` last changed, by its kind and version: a frozen version and its changes on the
    day they were published (or their translation added, or their facts corrected); the pages that follow the
    newest version (the policy in force, the history, the comparisons with it) on the newest published day; a
    withdrawn version's on the day it was withdrawn; a draft on the build date."""
    published = {v.slug: v.release.published for v in publication.versions}
    added = {v.slug: dict(v.release.added) for v in publication.versions}
    corrected = {v.slug: v.release.corrections[-1].corrected for v in publication.versions if v.release.corrections}
    # A withdrawn version's pages say so from the day it was withdrawn, as if corrected that day.
    for version in publication.versions:
        if version.status == "withdrawn" and version.release.withdrawn is not None:
            corrected[version.slug] = max(corrected.get(version.slug, version.release.published),
                                          version.release.withdrawn.withdrawn)  # fmt: skip
    # The pages that follow the record (the policy in force, the history) change with each of its days.
    days = [*published.values(), *corrected.values()]
    days += [added[slug][locale] for slug in added if locale in added[slug]]
    newest = max(days, default=publication.build_date)

    def changed(kind: PageKind, slug: str | None) -> datetime.date:
        if publication.draft is not None and slug is None:
            return publication.build_date
        if slug in published:
            day = max(published[slug], added[slug].get(locale, published[slug]))
            day = max(day, corrected.get(slug, day))
            return max(day, newest) if kind is PageKind.COMPARE else day
        return newest

    return changed


def spill(made: Edition, folder: Path) -> Edition:
    """``made`` as an engine reads it, its pages' Markdown written below ``folder`` and let go: a long history's
    pages in every language are held by no process at once, nor sent from one to another (EditionFile.content
    reads a page back, byte for byte)."""
    files = {}
    target = folder / f"{made.locale}.md"  # one file for the locale's pages, one after the other
    with target.open("ab") as out:
        for path, entry in made.files.items():
            if entry.is_page and isinstance(entry.stored, str) and entry.spilled is None:
                data = entry.stored.encode("utf-8")
                entry = dataclasses.replace(entry, stored="", spilled=(str(target), out.tell(), len(data)))
                out.write(data)
            files[path] = entry
    return dataclasses.replace(made, files=files, pages=LocalePages(made.locale, made.title, {}))


def link_languages(editions: dict[str, Edition]) -> None:
    """Tell each edition, page by page, which locales have that page, so language links lead somewhere."""
    for edition in editions.values():
        edition.languages = {
            path: tuple(locale for locale, other in editions.items() if path in other.files)
            for path in edition.page_sources
        }
