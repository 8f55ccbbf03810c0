"""The pages of one locale: the policy in force, the history, each frozen version and what changed."""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from babel import UnknownLocaleError

from ..cache import Cache, fingerprint, key
from ..errors import PolicyError
from ..i18n.catalog import TOOL_DOMAIN, Gap, Translator, catalog_path
from ..i18n.localize import localize
from ..policy.model import Policy
from ..shipped import LOCALES
from ..versions.archive import Release
from ..versions.comparison import Comparison, compare
from ..versions.redline import Section, sections
from ..versions.summary import Change, suggestion
from ..words import language_name
from . import addresses
from .markup import Markdown
from .publication import Publication, frame_translator
from .render import Renderer, preview_banner, renderer_for

T = TypeVar("T")


class PageKind(enum.StrEnum):
    """What a generated page is."""

    POLICY = "policy"
    """The policy as it stands: the version in force, the announced one standing in for it, or a draft."""
    HISTORY = "history"
    """The revision history."""
    VERSION = "version"
    """A version at its permanent address."""
    CHANGES = "changes"
    """What a version (or the draft) changes from the version before it."""
    COMPARE = "compare"
    """A superseded version against the one in force."""


@dataclass
class LocalePages:
    """The generated pages of one locale: Markdown by source path, and which stay out of the navigation."""

    locale: str
    title: str
    pages: dict[str, str]
    hidden: set[str] = field(default_factory=set)
    kinds: dict[str, tuple[PageKind, str | None]] = field(default_factory=dict)
    """What each page is, and the version whose permanent address it is under (None: the present's pages)."""
    gaps: list[Gap] = field(default_factory=list)
    views: list[VersionView] = field(default_factory=list)
    """The versions published in this locale, oldest first."""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """Each version's summary of changes from the one before, by slug."""
    policies: Mapping[str, Policy] = field(default_factory=dict)
    """Each version's policy in this locale, by slug."""
    shown: str | None = None
    """The slug of the version the current page shows (the one in force, or the announced one standing in for
    it); None for a draft."""


@dataclass(frozen=True)
class VersionView:
    """What a template shows of a version."""

    slug: str
    status: str  # current, archived, upcoming, withdrawn or draft
    effective_from: datetime.date
    effective_to: datetime.date | None
    published: datetime.date | None
    change_class: str | None
    note: str | None
    added: tuple[tuple[str, datetime.date], ...] = ()
    """Translations added to this version after it was released: ``(locale, day)``."""
    first: bool = False
    """The first version of the record: neither a material nor an editorial change, the first."""
    forced: str | None = None
    """Why its class or published date overruled the tool's guard, as recorded in the release."""
    corrections: tuple[tuple[datetime.date, str | None], ...] = ()
    """Corrections of its facts frozen after it was released, oldest first: ``(day, reason)``."""
    withdrawn: tuple[datetime.date, str] | None = None
    """Its withdrawal before it took effect, when its status is withdrawn: ``(day, reason)``."""


@dataclass(frozen=True)
class Instead:
    """Why a locale's current page shows an announced version: none is in force yet (``since`` is None), or the
    version in force since ``since`` is not in the page's language, but in ``languages`` (name, link)."""

    since: datetime.date | None
    languages: list[tuple[str, Markdown]]


def _link(target: str, page: str) -> Markdown:
    """A link from one generated page's source to another's, for the engine to resolve."""
    return Markdown(addresses.link(target, page))


def _note(release: Release, locale: str) -> str | None:
    """A version's change note in ``locale``, as frozen (without localizing the whole policy)."""
    note = release.policy.change_note
    if note is None or locale == release.policy.source_locale:
        return note
    return release.text.get(locale, {}).get("change_note", note)


def release_view(
    release: Release, locale: str, status: str = "archived", effective_to: datetime.date | None = None
) -> VersionView:
    """What templates show of a release, in ``locale``."""
    return VersionView(
        release.effective_date.isoformat(),
        status,
        release.effective_date,
        effective_to,
        release.published,
        release.change_class,
        _note(release, locale),
        tuple(sorted(release.added.items())),
        release.previous_digest is None,
        release.forced,
        tuple((c.corrected, c.reason) for c in release.corrections),
        (release.withdrawn.withdrawn, release.withdrawn.reason)
        if release.withdrawn is not None and status == "withdrawn"
        else None,
    )


class _LookedUp:
    """A translator as a page's rendering sees it, each string it asked for written down with its answer."""

    def __init__(self, translator: Translator) -> None:
        self._translator = translator
        self.answers: dict[tuple[str, str, str], object] = {}

    def lookup(self, context: str, text: str) -> str | None:
        found = self._translator.lookup(context, text)
        self.answers["lookup", context, text] = found
        return found

    def is_page_text(self, context: str, text: str) -> bool:
        found = self._translator.is_page_text(context, text)
        self.answers["is_page_text", context, text] = found
        return found

    def __getattr__(self, name: str) -> object:
        return getattr(self._translator, name)


class _WatchedView(VersionView):
    """A version as a page's rendering sees it, each field it reads written down with its value (see _Kept)."""

    def __getattribute__(self, attr: str) -> Any:
        value = object.__getattribute__(self, attr)
        if attr in _VIEW_FIELDS:
            name, answers = object.__getattribute__(self, "_policydocs_reads")
            answers["view", name, attr] = value
        return value


_VIEW_FIELDS = frozenset(f.name for f in dataclasses.fields(VersionView))


def _watched(view: VersionView, name: str, answers: dict[tuple[str, str, str], object]) -> VersionView:
    copy = object.__new__(_WatchedView)
    copy.__dict__.update(view.__dict__)
    object.__setattr__(copy, "_policydocs_reads", (name, answers))
    return copy


@dataclass
class _Kept:
    """Pages from the build cache, each kept with what its rendering read that its key does not hold: the page
    text it looked up in the catalogs, and the fields of the versions it showed (``views``).

    A kept page is taken while every string it looked up and every field it read reads the same today: a
    release, which changes the site's catalog for its own text and gives the version in force an end date,
    leaves the frozen versions' pages and their comparisons with the version in force as they were.
    """

    cache: Cache
    renderer: Renderer

    def __call__(self, name: str, produce: Callable[..., T], views: Mapping[str, VersionView] | None = None) -> T:
        translator = self.renderer.translator
        found = self.cache.get(name)
        if isinstance(found, tuple) and len(found) == 2:
            value, answers = found
            if all(self._reads(how, first, second, views) == was for (how, first, second), was in answers):
                return value  # type: ignore[no-any-return]
        looked_up = _LookedUp(translator)
        self.renderer.translator = looked_up  # type: ignore[assignment]
        try:
            if views is None:
                value = produce()
            else:
                value = produce(**{n: _watched(view, n, looked_up.answers) for n, view in views.items()})
        finally:
            self.renderer.translator = translator
        self.cache.put(name, (value, tuple(looked_up.answers.items())))
        return value

    def _reads(self, how: str, first: str, second: str, views: Mapping[str, VersionView] | None) -> object:
        if how == "view":
            return getattr(views[first], second) if views is not None and first in views else _UNSEEN
        return getattr(self.renderer.translator, how)(first, second)


_UNSEEN = object()
"""What a field of a version no longer given reads as: nothing that was recorded."""


def render_locale(publication: Publication, locale: str, *, strict: bool = True, pdf: bool = False) -> LocalePages:
    """Every page of one locale: the policy in force, the history, each frozen version and what changed.

    Pages made from frozen releases only are taken from the build cache
    when everything they depend on is the same (release digests, status,
    templates, catalog); the others are rendered.
    """
    workspace = publication.workspace
    templates = workspace.template_dirs
    cache = publication.cache
    # The page text: the templates, and the package's catalog (a new translation there is a new page too). The
    # site's catalogs change with every release, for the newest version's text: a kept page holds the page text
    # it looked up in them, and is made again only when one of those reads otherwise (see _Kept).
    frame = fingerprint(*templates, catalog_path(LOCALES, locale, TOOL_DOMAIN), read=workspace.read)
    pages: dict[str, str] = {}
    hidden: set[str] = set()
    kinds: dict[str, tuple[PageKind, str | None]] = {}
    versions = {v.slug: v for v in publication.versions if locale in v.release.locales}
    localized: dict[str, Policy] = {}

    def policy_of(slug: str) -> Policy:
        if slug not in localized:
            release = versions[slug].release
            localized[slug] = localize(release.policy, release.translator(locale))
        return localized[slug]

    views = {slug: release_view(v.release, locale, v.status, v.effective_to) for slug, v in versions.items()}
    upcoming = [views[v.slug] for v in publication.upcoming if v.slug in versions]
    renderer = renderer_for(workspace, frame_translator(publication, locale, strict), strict=strict)
    kept = _Kept(cache, renderer)
    summaries: dict[str, list[Change]] = {}

    order = list(versions)
    # A version's changes are from the version before it that took effect: a withdrawn one never did.
    in_force_slugs = [slug for slug in order if views[slug].status != "withdrawn"]
    previous: dict[str, str] = {}
    previous_in_force: str | None = None
    for slug in order:
        if previous_in_force is not None:
            previous[slug] = previous_in_force
        if views[slug].status != "withdrawn":
            previous_in_force = slug
    current_slug = publication.current.slug if publication.current and publication.current.slug in versions else None

    def policy_page(page: str, policy: Policy, view: VersionView, instead: Instead | None = None) -> str:
        has_changes = view.slug in previous
        compares = view.status == "archived" and current_slug is not None
        links = {
            "history": _link(addresses.HISTORY, page),
            # No version in force yet: nothing to point to as "the version in force".
            "current": _link(addresses.CURRENT, page) if publication.current is not None else None,
            "changes": _link(addresses.changes(view.slug), page) if has_changes else None,
            "compare": _link(addresses.compare(view.slug), page) if compares else None,
            # The current page links to its version's permanent address; that page is the address.
            "permanent": _link(addresses.version(view.slug), page)
            if page == addresses.CURRENT and view.slug != "draft"
            else None,
        }
        return renderer.render(
            "policy.md.j2",
            policy=policy,
            version=view,
            upcoming=[(u, _link(addresses.version(u.slug), page)) for u in upcoming if u.slug != view.slug]
            if page == addresses.CURRENT
            else [],
            instead=instead,
            links=links,
            locale=locale,
            binding=locale in policy.binding_locales,
            binding_languages=_languages(policy.binding_locales, locale)
            if locale not in policy.binding_locales
            else "",
            reasons=publication.draft_reasons,
            pdf=pdf and page != addresses.CURRENT and view.status != "draft",
            permanent=page != addresses.CURRENT and view.status != "draft",
        )

    def frozen_page(page: str, slug: str) -> str:
        view = views[slug]
        upcoming_now = [(u.slug, u.effective_from) for u in upcoming] if page == addresses.CURRENT else []
        # Which version is in force shows on a frozen version's page only as whether one is (its "compare" link),
        # so that a release leaves the older versions' pages as they were; the current page is its version's.
        name = key(
            "page", page, locale, frame, versions[slug].release.digest, view, slug in previous,
            current_slug is not None, publication.current is not None, pdf, upcoming_now,
        )  # fmt: skip
        return kept(name, lambda: policy_page(page, policy_of(slug), view))

    for slug in versions:
        pages[addresses.version(slug)] = frozen_page(addresses.version(slug), slug)
        hidden.add(addresses.version(slug))
        kinds[addresses.version(slug)] = PageKind.VERSION, slug

    texts: dict[str, list[Section]] = {}

    def sections_of(slug: str) -> list[Section]:
        if slug not in texts:
            texts[slug] = sections(policy_of(slug))
        return texts[slug]

    def changes(
        page: str, mode: str, old_slug: str, new_slug: str, old_view: VersionView, new_view: VersionView
    ) -> tuple[str, list[Change]]:
        old, new = versions[old_slug].release, versions[new_slug].release
        comparison = compare(
            old,
            new,
            locale,
            policies=(policy_of(old_slug), policy_of(new_slug)),
            texts=(sections_of(old_slug), sections_of(new_slug)),
        )
        links = {
            "old": _link(addresses.version(old_slug), page),
            "new": _link(addresses.version(new_slug), page),
            "history": _link(addresses.HISTORY, page),
        }
        printed = pdf and mode == "changes" and new_view.status != "draft"
        markdown = changes_markdown(renderer, comparison, mode, old_view, new_view, links, pdf=printed)
        return markdown, comparison.items

    def frozen_changes(page: str, mode: str, old_slug: str, new_slug: str) -> tuple[str, list[Change]]:
        old, new = versions[old_slug].release, versions[new_slug].release
        # The two versions' views are not in the key: the fields the page read of them are kept with it, and
        # checked (a comparison with the version in force does not show its end date, which a release sets).
        name = key("changes", page, mode, locale, frame, old.digest, new.digest, old_slug, new_slug, pdf)
        views_now = {"old_view": views[old_slug], "new_view": views[new_slug]}
        return kept(name, lambda **seen: changes(page, mode, old_slug, new_slug, **seen), views_now)

    for slug, before in previous.items():
        pages[addresses.changes(slug)], summaries[slug] = frozen_changes(
            addresses.changes(slug), "changes", before, slug
        )
        hidden.add(addresses.changes(slug))
        kinds[addresses.changes(slug)] = PageKind.CHANGES, slug
    for slug, version in versions.items():
        if version.status == "archived" and current_slug is not None:
            pages[addresses.compare(slug)], _ = frozen_changes(addresses.compare(slug), "compare", slug, current_slug)
            hidden.add(addresses.compare(slug))
            kinds[addresses.compare(slug)] = PageKind.COMPARE, slug

    gaps: list[Gap] = []
    draft_view: VersionView | None = None
    shown: str | None = None
    if publication.draft is not None:
        translator = workspace.translator(locale, strict=strict, policy=publication.draft)
        gaps = translator.gaps
        draft = localize(publication.draft, translator)
        last = in_force_slugs[-1] if in_force_slugs else ""
        newest = versions[last].release if last else None
        draft_view = VersionView(
            "draft",
            "draft",
            draft.effective_date,
            None,
            None,
            suggestion(newest, publication.draft)[1],
            draft.change_note,
        )
        pages[addresses.CURRENT] = policy_page(addresses.CURRENT, draft, draft_view)
        if newest is not None:
            # What releasing the draft would change, for review before anything is frozen.
            page = addresses.changes(draft_view.slug)
            release = Release(
                draft.effective_date, publication.build_date, draft_view.change_class or "material",
                (*publication.locales, locale), newest.digest, draft_view.slug, publication.draft, {},
            )  # fmt: skip
            comparison = compare(
                newest,
                release,
                locale,
                policies=(policy_of(last), draft),
                texts=(sections_of(last), sections(draft)),
            )
            links = {
                "old": _link(addresses.version(last), page),
                "new": _link(addresses.CURRENT, page),
                "history": _link(addresses.HISTORY, page),
            }
            pages[page] = changes_markdown(renderer, comparison, "changes", views[last], draft_view, links)
            hidden.add(page)
            kinds[page] = PageKind.CHANGES, draft_view.slug
            summaries[draft_view.slug] = comparison.items
        title = draft.title
    elif current_slug is not None:
        shown = current_slug
        pages[addresses.CURRENT] = frozen_page(addresses.CURRENT, current_slug)
        title = _title(versions[current_slug].release, locale)
    else:
        # No version in force in this language, none yet or not translated: the first announced in it stands in,
        # said so at its top. A language a version lacks never stops the site.
        ahead = next((v for v in publication.upcoming if v.slug in versions), None)
        if ahead is None:
            day = publication.build_date
            raise PolicyError(f"no version of the policy in {locale} is in force or announced on {day}")
        current = publication.current
        instead = Instead(
            current.effective_from if current else None,
            [
                (_languages([other], locale), Markdown(f"../{addresses.in_locale(other, addresses.CURRENT)}"))
                for other in publication.locales
                if current is not None and other in current.release.locales
            ],
        )
        shown = ahead.slug
        pages[addresses.CURRENT] = policy_page(addresses.CURRENT, policy_of(ahead.slug), views[ahead.slug], instead)
        title = _title(ahead.release, locale)

    newest_first = [views[slug] for slug in reversed(order)]
    history = [
        (
            v,
            _link(addresses.version(v.slug), addresses.HISTORY),
            _link(addresses.changes(v.slug), addresses.HISTORY) if v.slug in previous else None,
        )
        for v in newest_first
    ]
    if draft_view is not None:
        # The draft's place in the history, marked: where it would go once released.
        changes_page = addresses.changes(draft_view.slug)
        history.insert(
            0,
            (
                draft_view,
                _link(addresses.CURRENT, addresses.HISTORY),
                _link(changes_page, addresses.HISTORY) if changes_page in pages else None,
            ),
        )
    kinds[addresses.CURRENT] = PageKind.POLICY, None
    kinds[addresses.HISTORY] = PageKind.HISTORY, None
    pages[addresses.HISTORY] = renderer.render(
        "history.md.j2",
        versions=history,
        links={"current": _link(addresses.CURRENT, addresses.HISTORY) if publication.current is not None else None},
        locale=locale,
    )
    if gaps:
        banner = preview_banner(gaps, locale)
        pages = {name: _after_title(text, banner) for name, text in pages.items()}
    return LocalePages(
        locale,
        title,
        pages,
        hidden,
        kinds,
        gaps,
        [views[slug] for slug in order],
        summaries,
        LazyPolicies(policy_of, order),
        shown,
    )


def _title(release: Release, locale: str) -> str:
    if locale == release.policy.source_locale:
        return release.policy.title
    return release.text.get(locale, {}).get("title", release.policy.title)


class LazyPolicies(Mapping[str, Policy]):
    """Each version's localized policy, made only when asked for (most builds take pages from the cache)."""

    def __init__(self, make: Callable[[str], Policy], slugs: list[str]) -> None:
        self._make, self._slugs = make, slugs

    def __getitem__(self, slug: str) -> Policy:
        if slug not in self._slugs:
            raise KeyError(slug)
        return self._make(slug)

    def __contains__(self, slug: object) -> bool:
        return slug in self._slugs  # Mapping's own would make the policy to find out

    def __iter__(self) -> Iterator[str]:
        return iter(self._slugs)

    def __len__(self) -> int:
        return len(self._slugs)


def _after_title(page: str, block: str) -> str:
    """Insert a Markdown block after the page's first heading (mkdocs takes the title from it)."""
    title, separator, rest = page.partition("\n\n")
    if title.startswith("# ") and separator:
        return f"{title}\n\n{block}{rest}"
    return block + page


def changes_markdown(
    renderer: Renderer,
    comparison: Comparison,
    mode: str,
    old: VersionView,
    new: VersionView,
    links: Mapping[str, str],
    *,
    pdf: bool = False,
) -> str:
    """The changes page of a comparison ("changes" from the version before, or "compare" with the one in force);
    ``pdf``: it links its PDF (changes.pdf, printed by `policydocs build --pdf`)."""
    return renderer.render(
        "changes.md.j2",
        pdf=pdf,
        mode=mode,
        old=old,
        new=new,
        items=comparison.items,
        sections=comparison.sections,
        new_policy=comparison.new_policy,
        old_policy=comparison.old_policy,
        links=links,
        locale=comparison.locale,
        binding_languages=""
        if comparison.locale in comparison.new_policy.binding_locales
        else _languages(comparison.new_policy.binding_locales, comparison.locale),
    )


def _languages(codes: Iterable[str], locale: str) -> str:
    """The binding languages' names in the page's language ("French", "français")."""
    names = []
    for code in codes:
        try:
            names.append(language_name(str(code), locale))
        except (ValueError, UnknownLocaleError):
            names.append(str(code))
    return " / ".join(names)
