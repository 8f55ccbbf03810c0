"""What a build publishes: the releases, checked against the data, placed in time, rendered per locale."""

from __future__ import annotations

import datetime
import os
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..cache import Cache, fingerprint, key
from ..errors import CatalogError, PolicyError
from ..i18n.catalog import Gap, Translator, catalog_path
from ..i18n.localize import localize
from ..policy import model
from ..policy.model import Policy
from ..project import Project
from ..versions.archive import Release, Version, timeline
from ..versions.redline import Section, redline_of, sections
from ..versions.summary import Change, summarize
from .markup import Markdown
from .render import Renderer, preview_banner

CURRENT_PAGE = "index.md"
HISTORY_PAGE = "history/index.md"


def version_page(slug: str) -> str:
    return f"versions/{slug}/index.md"


def changes_page(slug: str) -> str:
    """What changed in this version from the one before."""
    return f"versions/{slug}/changes/index.md"


def compare_page(slug: str) -> str:
    """An archived version against the one in force."""
    return f"versions/{slug}/compare/index.md"


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


def same_record(release: Release, policy: Policy, text: dict[str, dict[str, str]], locales: tuple[str, ...]) -> bool:
    """Whether the data and today's translations are exactly what ``release`` froze."""
    if model.as_data(release.policy) != model.as_data(policy) or tuple(release.locales) != tuple(locales):
        return False
    return {k: dict(v) for k, v in release.text.items()} == text


@dataclass
class Publication:
    """The versions a site shows on its build date, and the draft when previewing unreleased data."""

    project: Project
    locales: tuple[str, ...]
    build_date: datetime.date
    versions: list[Version]
    draft: Policy | None = None
    draft_warning: str = ""
    """Why the draft could not be built for real, shown on its banner."""
    cache: Cache = field(default_factory=lambda: Cache(None))
    translators: dict[str, Translator] = field(default_factory=dict)
    """Today's catalog per locale, read once (prepare reads them to compare the data with the releases)."""

    @property
    def current(self) -> Version | None:
        return next((v for v in self.versions if v.status == "current"), None)

    @property
    def upcoming(self) -> list[Version]:
        return [v for v in self.versions if v.status == "upcoming"]


def prepare(project: Project, build_date: datetime.date, *, draft: bool = False) -> Publication:
    """Check the data against the releases and place them in time.

    A build (``draft=False``) publishes releases only and stops on any
    unreleased or undated change; a preview shows the data as a draft.
    """
    policy = project.load_policy()
    locales = project.published(policy)
    cache = project.cache()
    releases = project.load_releases(cache)
    # Compared leniently: an edit of the French is first of all an undated change, whatever its translation.
    translators: dict[str, Translator] = {}
    text, catalog_problems = project.resolve(policy, locales, strict=False, translators=translators)
    newest = releases[-1] if releases else None
    data, where = project.data, project.releases_dir
    problem = ""
    if newest is None:
        problem = f"{where}/ has no release yet: run `policydocs release` to publish {data}"
    elif same_record(newest, policy, text, locales):
        pass
    elif policy.effective_date == newest.effective_date:
        problem = (
            f"{data} differs from release {newest.effective_date} but keeps its effective date: "
            "set a new effective_date and run policydocs release"
        )
    elif policy.effective_date < newest.effective_date:
        problem = (
            f"{data}: effective_date {policy.effective_date} is before the newest release's "
            f"({newest.effective_date}): a new version takes effect after the last one"
        )
    else:
        problem = (
            f"{data} has changes not yet released (effective {policy.effective_date}): "
            "run `policydocs release` to publish them, or `policydocs build --draft` for a staging copy"
        )
    if (problem or catalog_problems) and not draft:
        raise PolicyError("\n".join([problem, *catalog_problems] if problem else catalog_problems))
    versions = timeline(releases, build_date)
    publication = Publication(project, locales, build_date, versions, cache=cache, translators=translators)
    if problem:
        publication.draft, publication.draft_warning = policy, problem
    elif publication.current is None:
        first = versions[0].effective_from if versions else None
        raise PolicyError(f"no version is in force on {build_date}: the first takes effect on {first}")
    return publication


@dataclass
class LocalePages:
    """The generated pages of one locale: Markdown by source path, and which stay out of the navigation."""

    locale: str
    title: str
    pages: dict[str, str]
    hidden: set[str] = field(default_factory=set)
    gaps: list[Gap] = field(default_factory=list)
    views: list[VersionView] = field(default_factory=list)
    """The versions published in this locale, oldest first."""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """Each version's summary of changes from the one before, by slug."""
    policies: Mapping[str, Policy] = field(default_factory=dict)
    """Each version's policy in this locale, by slug."""


@dataclass(frozen=True)
class VersionView:
    """What a template shows of a version."""

    slug: str
    status: str  # current, archived, upcoming or draft
    effective_from: datetime.date
    effective_to: datetime.date | None
    published: datetime.date | None
    change_class: str | None
    note: str | None


def _link(target: str, page: str) -> Markdown:
    """A link from one generated page's source to another's, for mkdocs to resolve."""
    return Markdown(posixpath.relpath(target, posixpath.dirname(page) or "."))


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
    )


def render_locale(publication: Publication, locale: str, *, strict: bool = True, pdf: bool = False) -> LocalePages:
    """Every page of one locale: the policy in force, the history, each frozen version and what changed.

    Pages made from frozen releases only are taken from the build cache
    when everything they depend on is the same (release digests, status,
    templates, catalog); the others are rendered.
    """
    project = publication.project
    templates = project.path(project.templates_dir)
    cache = publication.cache
    frame = fingerprint(templates, catalog_path(project.path(project.locales_dir), locale))
    pages: dict[str, str] = {}
    hidden: set[str] = set()
    versions = {v.slug: v for v in publication.versions if locale in v.release.locales}
    localized: dict[str, Policy] = {}

    def policy_of(slug: str) -> Policy:
        if slug not in localized:
            release = versions[slug].release
            localized[slug] = localize(release.policy, release.translator(locale))
        return localized[slug]

    views = {slug: release_view(v.release, locale, v.status, v.effective_to) for slug, v in versions.items()}
    upcoming = [views[v.slug] for v in publication.upcoming if v.slug in versions]
    renderer = Renderer(templates, frame_translator(publication, locale, strict), strict=strict)
    summaries: dict[str, list[Change]] = {}

    order = list(versions)
    previous = {slug: order[i - 1] for i, slug in enumerate(order) if i > 0}
    current_slug = publication.current.slug if publication.current and publication.current.slug in versions else None

    def policy_page(page: str, policy: Policy, view: VersionView) -> str:
        has_changes = view.slug in previous
        compares = view.status == "archived" and current_slug is not None
        links = {
            "history": _link(HISTORY_PAGE, page),
            "current": _link(CURRENT_PAGE, page),
            "changes": _link(changes_page(view.slug), page) if has_changes else None,
            "compare": _link(compare_page(view.slug), page) if compares else None,
            # The current page links to its version's permanent address; that page is the address.
            "permanent": _link(version_page(view.slug), page)
            if page == CURRENT_PAGE and view.slug != "draft"
            else None,
        }
        return renderer.render(
            "policy.md.j2",
            policy=policy,
            version=view,
            upcoming=[(u, _link(version_page(u.slug), page)) for u in upcoming] if page == CURRENT_PAGE else [],
            links=links,
            locale=locale,
            binding=locale in policy.binding_locales,
            warning=publication.draft_warning,
            pdf=pdf and page != CURRENT_PAGE and view.status != "draft",
        )

    def frozen_page(page: str, slug: str) -> str:
        view = views[slug]
        upcoming_now = [(u.slug, u.effective_from) for u in upcoming] if page == CURRENT_PAGE else []
        name = key(
            "page", page, locale, frame, versions[slug].release.digest, view, slug in previous, current_slug, pdf,
            upcoming_now,
        )  # fmt: skip
        return cache.remember(name, lambda: policy_page(page, policy_of(slug), view))

    for slug in versions:
        pages[version_page(slug)] = frozen_page(version_page(slug), slug)
        hidden.add(version_page(slug))

    texts: dict[str, list[Section]] = {}

    def sections_of(slug: str) -> list[Section]:
        if slug not in texts:
            texts[slug] = sections(policy_of(slug))
        return texts[slug]

    def changes(page: str, mode: str, old_slug: str, new_slug: str) -> tuple[str, list[Change]]:
        old, new = policy_of(old_slug), policy_of(new_slug)
        redlined = redline_of(sections_of(old_slug), sections_of(new_slug))
        items = summarize(old, new, locale, redlined)
        markdown = renderer.render(
            "changes.md.j2",
            mode=mode,
            old=views[old_slug],
            new=views[new_slug],
            items=items,
            sections=redlined,
            links={
                "old": _link(version_page(old_slug), page),
                "new": _link(version_page(new_slug), page),
                "history": _link(HISTORY_PAGE, page),
            },
            locale=locale,
        )
        return markdown, items

    def frozen_changes(page: str, mode: str, old_slug: str, new_slug: str) -> tuple[str, list[Change]]:
        old, new = versions[old_slug].release, versions[new_slug].release
        name = key("changes", page, mode, locale, frame, old.digest, new.digest, views[old_slug], views[new_slug])
        return cache.remember(name, lambda: changes(page, mode, old_slug, new_slug))

    for slug, before in previous.items():
        pages[changes_page(slug)], summaries[slug] = frozen_changes(changes_page(slug), "changes", before, slug)
        hidden.add(changes_page(slug))
    for slug, version in versions.items():
        if version.status == "archived" and current_slug is not None:
            pages[compare_page(slug)], _ = frozen_changes(compare_page(slug), "compare", slug, current_slug)
            hidden.add(compare_page(slug))

    gaps: list[Gap] = []
    if publication.draft is not None:
        translator = project.translator(publication.draft, locale, strict=strict)
        gaps = translator.gaps
        draft = localize(publication.draft, translator)
        view = VersionView("draft", "draft", draft.effective_date, None, None, None, draft.change_note)
        pages[CURRENT_PAGE] = policy_page(CURRENT_PAGE, draft, view)
        title = draft.title
    else:
        current = publication.current
        assert current is not None
        if current.slug not in versions:
            raise PolicyError(f"the version in force ({current.slug}) was not released in {locale}")
        pages[CURRENT_PAGE] = frozen_page(CURRENT_PAGE, current.slug)
        title = _title(current.release, locale)

    newest_first = [views[slug] for slug in reversed(order)]
    pages[HISTORY_PAGE] = renderer.render(
        "history.md.j2",
        versions=[
            (
                v,
                _link(version_page(v.slug), HISTORY_PAGE),
                _link(changes_page(v.slug), HISTORY_PAGE) if v.slug in previous else None,
            )
            for v in newest_first
        ],
        links={"current": _link(CURRENT_PAGE, HISTORY_PAGE)},
        locale=locale,
    )
    if gaps:
        banner = preview_banner(gaps, locale)
        pages = {name: _after_title(text, banner) for name, text in pages.items()}
    return LocalePages(
        locale, title, pages, hidden, gaps, [views[slug] for slug in order], summaries, LazyPolicies(policy_of, order)
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


THEME_WORDS = "theme.yml.j2"


def theme_words(publication: Publication, locale: str, *, strict: bool = True) -> dict[str, str]:
    """The theme's own words (the light/dark switch) in ``locale``, from templates/theme.yml.j2 if there is one."""
    import yaml

    project = publication.project
    templates = project.path(project.templates_dir)
    if not (templates / THEME_WORDS).is_file():
        return {}
    renderer = Renderer(templates, frame_translator(publication, locale, strict), strict=strict, output="text")
    words = yaml.safe_load(renderer.render(THEME_WORDS))
    return {str(k): str(v) for k, v in (words or {}).items()}


def name_toggles(palettes: object, words: dict[str, str]) -> None:
    """Name Material's light/dark switch in the page's language: each toggle leads to the other scheme."""
    if not words or not isinstance(palettes, list):
        return
    for palette in palettes:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict):
            key = "to-light" if palette.get("scheme") == "slate" else "to-dark"
            toggle["name"] = words.get(key, toggle.get("name", ""))


def frame_translator(publication: Publication, locale: str, strict: bool) -> Translator:
    """Today's catalog, for the page frame (headings of the history, banners); the policy text is frozen."""
    if locale not in publication.translators:
        # The draft, or the newest release, which a build has checked to be the data itself.
        policy = publication.draft or publication.versions[-1].release.policy
        publication.translators[locale] = publication.project.translator(policy, locale, strict=False)
    translator = publication.translators[locale]
    if strict and translator.problems:
        raise CatalogError(translator.problems)
    return translator


def _after_title(page: str, block: str) -> str:
    """Insert a Markdown block after the page's first heading (mkdocs takes the title from it)."""
    title, separator, rest = page.partition("\n\n")
    if title.startswith("# ") and separator:
        return f"{title}\n\n{block}{rest}"
    return block + page
