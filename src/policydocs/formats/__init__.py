"""Files made from the data, beside the pages: each format is one module, listed once here.

A locale's formats take the publication, that locale's pages and whether
the build is strict; the site's root formats take the publication, each
locale's title and page sources. Each returns ``{path: content}``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from ..site.edition import Edition, EditionFile, pages_edition
from ..site.pages import LocalePages
from ..site.publication import Publication, prepare, resolve_build_date
from ..workspace import Workspace
from . import entry_page, feed, jsonld, policy_json, policy_schema, record, sitemap, versions_index

LocaleFormat = Callable[[Publication, LocalePages, bool], dict[str, str]]
RootFormat = Callable[[Publication, Mapping[str, Edition]], Mapping[str, str | bytes]]

LOCALE_FORMATS: tuple[LocaleFormat, ...] = (
    feed.files,
    policy_json.files,
)
ROOT_FORMATS: tuple[RootFormat, ...] = (
    entry_page.files,
    versions_index.files,
    record.files,
    policy_schema.files,
    jsonld.files,
    sitemap.files,
)


def edition(publication: Publication, locale: str, *, strict: bool = True, pdf: bool = False) -> Edition:
    """Every file ``locale`` publishes: its pages, then each format's files."""
    made = pages_edition(publication, locale, strict=strict, pdf=pdf)
    for produce in LOCALE_FORMATS:
        for path, content in produce(publication, made.pages, strict).items():
            made.files[path] = EditionFile(content)
    return made


def root_files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str | bytes]:
    """The files at the site's root, above the locales: the entry page, versions.json, the record's frozen files,
    schema, JSON-LD, sitemap."""
    found: dict[str, str | bytes] = {}
    for produce in ROOT_FORMATS:
        found.update(produce(publication, editions))
    return found


def check_all(workspace: Workspace, build_date: datetime.date | None = None) -> Publication:
    """Everything a build checks, without writing anything: data, catalogs, releases, and every file the build
    publishes (each locale's pages and formats, the site's root files), rendered as the build renders them, so a
    template that fails (a feed's, a page's) fails here at its line; raise the first error."""
    publication = prepare(workspace, resolve_build_date(build_date))
    editions = {locale: edition(publication, locale, strict=True) for locale in publication.locales}
    root_files(publication, editions)
    return publication
