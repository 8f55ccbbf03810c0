"""Machine-readable files of the whole site: versions.json."""

from __future__ import annotations

import json
from typing import Any

from .publication import Publication


def address(locale: str, slug: str, site_url: str | None = None) -> str:
    """A version's permanent address in one locale: relative to the site root, or absolute with site_url."""
    relative = f"{locale}/versions/{slug}/"
    return f"{site_url.rstrip('/')}/{relative}" if site_url else relative


def versions_document(publication: Publication, site_url: str | None = None) -> dict[str, Any]:
    """Every version, oldest first: when it applied, its class, its digest and its pages per locale.

    ``effective_to`` is the last day a version is in force (null while no
    later version is known): version V applied on day D when
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
            "class": release.change_class,
            "status": version.status,
            "digest": release.digest,
            "previous_digest": release.previous_digest,
            "addresses": {
                locale: address(locale, version.slug, site_url)
                for locale in publication.locales
                if locale in release.locales
            },
        }
        versions.append(entry)
    return {
        "build_date": publication.build_date.isoformat(),
        "current": current.slug if current else None,
        "versions": versions,
    }


def versions_json(publication: Publication, site_url: str | None = None) -> str:
    return json.dumps(versions_document(publication, site_url), indent=2, ensure_ascii=False) + "\n"
