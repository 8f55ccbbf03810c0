"""Machine-readable files: versions.json, each version's policy.json and JSON-LD, the schema of policy.yml."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..cache import key
from ..i18n.localize import localize
from ..policy import model
from ..policy.model import Policy
from ..policy.schema import json_schema
from ..site.publication import LocalePages, Publication
from ..versions.archive import Release
from . import jsonld
from .feed import FEED_FILE, atom


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
    return _dump(versions_document(publication, site_url))


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def policy_json(release: Release, locale: str, policy: Policy) -> str:
    """``/<lang>/versions/<date>/policy.json``: the version's data with its text in ``locale``."""
    return _dump(
        {
            "$schema": "../../../schema/policy.json",
            "effective_date": release.effective_date.isoformat(),
            "published": release.published.isoformat(),
            "class": release.change_class,
            "locale": locale,
            "binding": locale in policy.binding_locales,
            "digest": release.digest,
            "policy": model.as_data(policy),
        }
    )


def write_locale_exports(
    folder: Path, publication: Publication, pages: LocalePages, site_url: str | None, *, strict: bool = True
) -> None:
    """A locale's own files: its feed, and each version's ``policy.json`` (from the cache when it has them)."""
    (folder / FEED_FILE).write_text(atom(publication, pages, site_url, strict=strict), encoding="utf-8")
    for version in publication.versions:
        if version.slug not in pages.policies:
            continue
        name = key("policy.json", version.release.digest, pages.locale)
        text = publication.cache.remember(
            name, lambda v=version: policy_json(v.release, pages.locale, pages.policies[v.slug])
        )
        path = folder / "versions" / version.slug / "policy.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_site_exports(root: Path, publication: Publication) -> list[Path]:
    """The language-independent files at the site's root: the schema, and each version as JSON-LD."""
    written = []
    schema = root / "schema" / "policy.json"
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(_dump(json_schema()), encoding="utf-8")
    written.append(schema)
    for version in publication.versions:
        release = version.release
        locales = [locale for locale in publication.locales if locale in release.locales]

        def document(release: Release = release, locales: list[str] = locales) -> str:
            localized = {locale: localize(release.policy, release.translator(locale)) for locale in locales}
            return _dump(jsonld.document(release, localized))

        path = root / "versions" / f"{version.slug}.jsonld"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(publication.cache.remember(key("jsonld", release.digest, locales), document), encoding="utf-8")
        written.append(path)
    return written
