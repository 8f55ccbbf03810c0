"""The Atom feed of a locale's versions, so readers can follow changes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..i18n.tags import tag
from ..site import addresses
from ..site.pages import LocalePages, VersionView
from ..site.publication import Publication, frame_translator
from ..site.render import renderer_for
from ..versions.summary import Change


@dataclass(frozen=True)
class FeedEntry:
    id: str
    updated: str
    link: str
    version: VersionView
    changes: list[Change]
    published: str = ""
    """When the entry was first published (``updated`` when it was not updated since)."""
    withdrawal: bool = False
    """The entry of the version's withdrawal, beside the version's own."""


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def authority(publication: Publication, site_url: str | None) -> str:
    """The tag: URI authority of ids: the site's host, else the domain of the controller's email."""
    if site_url:
        host = urlsplit(site_url).hostname
        if host:
            return host
    policy = publication.versions[-1].release.policy if publication.versions else publication.draft
    assert policy is not None
    return policy.facts.controllers[0].email.rsplit("@", 1)[-1].lower()


def atom(publication: Publication, pages: LocalePages, site_url: str | None, *, strict: bool = True) -> str:
    """The feed of ``pages.locale``: one entry per version, newest first.

    Ids are ``tag:`` URIs made of stable parts (the authority, the day the
    first version was published, the locale and the version's date), so
    they stay the same across builds. Links are relative to the feed unless
    the site has a site_url.
    """
    locale = pages.locale
    base = addresses.locale_base(locale, site_url)
    host = authority(publication, site_url)
    versions = [v for v in pages.views if v.status != "draft"]
    first = min((v.published for v in versions if v.published), default=publication.build_date)
    entries = []
    for view in sorted(versions, key=lambda v: v.effective_from, reverse=True):
        entry = f"tag:{host},{first.isoformat()}:privacy-policy/{locale}/{view.slug}"
        published = _timestamp(view.published or view.effective_from)
        if view.withdrawn is not None:
            # Its own entry, so that a reader who was told of the version is told it will not take effect; the
            # version's entry says so too, updated that day.
            withdrawn = _timestamp(view.withdrawn[0])
            link = base + addresses.url(addresses.version(view.slug))
            entries.append(FeedEntry(f"{entry}/withdrawn", withdrawn, link, view, [], withdrawn, withdrawal=True))
        target = addresses.changes(view.slug) if pages.changes.get(view.slug) else addresses.version(view.slug)
        updated = _timestamp(view.withdrawn[0]) if view.withdrawn is not None else published
        entries.append(
            FeedEntry(entry, updated, base + addresses.url(target), view, pages.changes.get(view.slug) or [], published)
        )
    feed = {
        "id": f"tag:{host},{first.isoformat()}:privacy-policy/{locale}",
        "title": pages.title,
        "updated": max((e.updated for e in entries), default=_timestamp(first)),
        "self": base + addresses.FEED,
        "history": base + addresses.url(addresses.HISTORY),
        "author": publication.versions[-1].release.policy.facts.controllers[0].name
        if publication.versions
        else pages.title,
    }
    workspace = publication.workspace
    translator = frame_translator(publication, locale, strict)
    renderer = renderer_for(workspace, translator, output="xml", strict=strict)
    return renderer.render("feed.xml.j2", feed=feed, entries=entries, locale=locale, language=tag(locale))


def files(publication: Publication, pages: LocalePages, strict: bool) -> dict[str, str]:
    return {addresses.FEED: atom(publication, pages, publication.workspace.options.site_url, strict=strict)}
