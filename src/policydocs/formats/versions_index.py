"""``/versions.json``: every version, its dates, class, digests and addresses per locale."""

from __future__ import annotations

from typing import Any

from ..site import addresses
from ..site.publication import Publication
from ._json import dump


def versions_document(publication: Publication, site_url: str | None = None) -> dict[str, Any]:
    """Every version, oldest first: when it applied, its class, its digest and its pages per locale.

    ``effective_to`` is the last day a version is in force (null while no
    later version is known, and for a withdrawn one, never in force):
    version V applied on day D when
    ``effective_from <= D <= effective_to``.
    """
    current = publication.current
    versions = []
    for version in publication.versions:
        release = version.release
        entry: dict[str, Any] = {
            "effective_from": version.effective_from.isoformat(),
            "effective_to": version.effective_to.isoformat() if version.effective_to else None,
            "published": release.published.isoformat(),
            # The first version is neither material nor editorial: it is the first.
            "class": "initial" if release.previous_digest is None else release.change_class,
            "status": version.status,
            # Why the class or the published date overruled the tool's guard, when it did.
            **({"forced": release.forced} if release.forced else {}),
            "digest": release.digest,
            "previous_digest": release.previous_digest,
            "addresses": {
                locale: addresses.in_locale(locale, addresses.version(version.slug), site_url)
                for locale in publication.locales
                if locale in release.locales
            },
        }
        if version.status == "withdrawn" and release.withdrawn is not None:
            entry["withdrawn"] = {
                "day": release.withdrawn.withdrawn.isoformat(),
                "reason": release.withdrawn.reason,
                "digest": release.withdrawn.digest,
            }
        versions.append(entry)
    return {
        "build_date": publication.build_date.isoformat(),
        "current": current.slug if current else None,
        "versions": versions,
    }


def files(publication: Publication, titles: dict[str, str], pages: dict[str, list[str]]) -> dict[str, str]:
    return {addresses.VERSIONS_INDEX: dump(versions_document(publication, publication.project.site_url))}
