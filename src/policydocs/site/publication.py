"""What a build publishes on its build date: the releases, checked against the data, placed in time."""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass, field

from ..cache import Cache
from ..errors import CatalogError, ConfigError, DataError, PolicyError, ReleaseError
from ..i18n.catalog import Translator, catalog_path
from ..policy.model import Policy
from ..versions import record
from ..versions.timeline import Version, timeline
from ..workspace import Workspace


def resolve_build_date(value: str | datetime.date | None = None) -> datetime.date:
    """The build date: the value given, else SOURCE_DATE_EPOCH (UTC), else today (UTC)."""
    if isinstance(value, datetime.date):
        return value
    if value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as err:
            raise PolicyError(f'build date: expected YYYY-MM-DD, got "{value}"') from err
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except ValueError as err:
            raise PolicyError(f'SOURCE_DATE_EPOCH: expected seconds since 1970, got "{epoch}"') from err
    return datetime.datetime.now(tz=datetime.UTC).date()


@dataclass
class Publication:
    """The versions a site shows on its build date, and the draft when previewing unreleased data."""

    workspace: Workspace
    locales: tuple[str, ...]
    build_date: datetime.date
    versions: list[Version]
    draft: Policy | None = None
    draft_reasons: tuple[str, ...] = ()
    """Why the draft could not be built for real, shown on its banner in the page's language: a
    record.Standing value (``first``, ``undated``, ``backdated``, ``new``, ``translated``), ``tie`` (a text
    disagrees with its fact) or ``unlisted`` (a language not yet published)."""
    translators: dict[str, Translator] = field(default_factory=dict)
    """Today's catalog per locale, read once (prepare reads them to compare the data with the releases)."""
    staging: bool = False
    """A draft build or a preview, not for publication: its pages ask search engines not to index them."""

    @property
    def cache(self) -> Cache:
        """The build cache: the workspace's."""
        return self.workspace.cache

    @property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.status == "current"), None)

    @property
    def upcoming(self) -> list[Version]:
        return [v for v in self.versions if v.status == "upcoming"]


def prepare(workspace: Workspace, build_date: datetime.date, *, draft: bool = False) -> Publication:
    """Check the data against the releases and place them in time.

    A build (``draft=False``) publishes releases only and stops on any
    unreleased or undated change; a preview shows the data as a draft.
    """
    policy = workspace.policy
    locales = workspace.locales
    releases = workspace.releases
    # Compared leniently: an edit of the French is first of all an undated change, whatever its translation.
    translators = workspace.translators(locales)
    text = workspace.resolved_text()
    catalog_problems = [p for t in translators.values() for p in t.problems]
    # The tie: every fact shown to the reader, every text agreeing with what it states, in every locale.
    tie = workspace.tie(text)
    if tie and not draft:
        raise DataError(tie)
    state, newest = record.standing_in_record(releases, policy, text, locales)
    problem = record.build_problem(state, newest, policy, workspace.options.data, workspace.options.releases_dir)
    if (problem or catalog_problems) and not draft:
        raise (ReleaseError if problem else CatalogError)(problems=([problem] if problem else []) + catalog_problems)
    versions = timeline(releases, build_date)
    publication = Publication(workspace, locales, build_date, versions, translators=translators, staging=draft)
    if problem or tie:
        publication.draft = policy
        publication.draft_reasons = ((state.value,) if problem else ()) + (("tie",) if tie else ())
    elif not versions:
        # Every release is published later: nothing is announced yet (a version in force is, or one upcoming).
        first = min(r.published for r in releases)
        raise PolicyError(
            f"nothing is published on {build_date}: the first version is published on {first} "
            f"(policydocs build --date {first} shows the site as it will be)"
        )
    return publication


def frame_translator(publication: Publication, locale: str, strict: bool) -> Translator:
    """Today's catalog, for the page frame (headings of the history, banners); the policy text is frozen."""
    if locale not in publication.translators:
        # The draft, or the newest release, which a build has checked to be the data itself.
        policy = publication.draft or publication.versions[-1].release.policy
        publication.translators[locale] = publication.workspace.translator(locale, strict=False, policy=policy)
    translator = publication.translators[locale]
    if strict and translator.problems:
        raise CatalogError(problems=translator.problems)
    return translator


def with_locale_in_translation(publication: Publication, locale: str) -> Publication:
    """The preview of a language being translated, not yet published: listed last, the data shown as a draft.

    Raises when ``locale`` is neither published nor has a catalog to preview.
    """
    if locale in publication.locales:
        return publication
    workspace = publication.workspace
    if not catalog_path(workspace.options.path(workspace.options.locales_dir), locale).is_file():
        raise ConfigError(
            f'locale "{locale}" is not published (locales: {", ".join(publication.locales)}), '
            "and has no catalog to preview"
        )
    return dataclasses.replace(
        publication,
        locales=(*publication.locales, locale),
        draft=publication.draft or workspace.policy,
        draft_reasons=(*publication.draft_reasons, "unlisted"),
    )


def prepared_facts(publication: Publication) -> tuple[bool, str | None]:
    """What a locale's pages need of the publication beyond its edition: staging (a draft: noindex, relative
    language links), and the slug of the version in force (whose JSON-LD the current page links; None in a draft)."""
    current = publication.current
    return publication.staging, None if publication.draft or current is None else current.slug
