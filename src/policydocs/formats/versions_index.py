"""``/versions.json``: every version, its dates, class, digests, addresses per locale and its frozen files."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..site import addresses
from ..site.edition import Edition
from ..site.publication import Publication
from ._json import dump
from .record import published_files

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DIGEST = {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}
_ADDRESS = {"type": "string", "description": "Relative to versions.json, or absolute under site_url."}
REQUIRED = ["effective_from", "effective_to", "published", "class", "status", "digest", "previous_digest"]
REQUIRED += ["addresses", "record", "translations", "corrections"]


def versions_document(publication: Publication, site_url: str | None = None) -> dict[str, Any]:
    """Every version, oldest first: when it applied, its class, its digest, its pages per locale, its frozen files.

    ``effective_to`` is the last day a version is in force (null while no
    later version is known, and for a withdrawn one, never in force):
    version V applied on day D when ``effective_from <= D <= effective_to``.
    """
    current = publication.current
    versions = []
    for version in publication.versions:
        release = version.release
        files = {name: kind for kind, name in published_files(version)}
        record = {kind: addresses.at_root(addresses.record(name), site_url) for name, kind in files.items()}
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
            "record": record["release"],
            "translations": [
                {
                    "locale": t.locale,
                    "added": t.added.isoformat(),
                    "digest": t.digest,
                    "record": addresses.at_root(addresses.record(name), site_url),
                }
                for t, name in zip(release.translations, _named(files, "translation"), strict=True)
            ],
            "corrections": [
                {
                    "corrected": c.corrected.isoformat(),
                    "reason": c.reason,
                    "digest": c.digest,
                    "record": addresses.at_root(addresses.record(name), site_url),
                }
                for c, name in zip(release.corrections, _named(files, "correction"), strict=True)
            ],
        }
        if version.status == "withdrawn" and release.withdrawn is not None:
            entry["withdrawn"] = {
                "day": release.withdrawn.withdrawn.isoformat(),
                "reason": release.withdrawn.reason,
                "digest": release.withdrawn.digest,
                "record": record["withdrawal"],
            }
        versions.append(entry)
    return {
        "$schema": addresses.VERSIONS_INDEX_SCHEMA,
        "build_date": publication.build_date.isoformat(),
        # What absolute addresses start with: a copy of the site served elsewhere maps them to itself.
        "site_url": site_url.rstrip("/") + "/" if site_url else None,
        "current": current.slug if current else None,
        "versions": versions,
    }


def _named(files: dict[str, str], kind: str) -> list[str]:
    return [name for name, found in files.items() if found == kind]


def index_schema() -> dict[str, Any]:
    """The JSON Schema of ``/versions.json``."""
    record = {**_ADDRESS, "description": "Its frozen file, byte for byte as data/releases/ holds it."}
    added = {
        "type": "object",
        "additionalProperties": False,
        "required": ["locale", "added", "digest", "record"],
        "properties": {
            "locale": {"type": "string", "description": "The language added (gettext code: pt_BR)."},
            "added": {**_DATE, "description": "The day the translation was frozen."},
            "digest": {**_DIGEST, "description": "The digest of the translation's frozen file."},
            "record": record,
        },
    }
    corrected = {
        "type": "object",
        "additionalProperties": False,
        "required": ["corrected", "reason", "digest", "record"],
        "properties": {
            "corrected": {**_DATE, "description": "The day the correction of the version's facts was frozen."},
            "reason": {"type": ["string", "null"], "description": "Why, in the editor's words."},
            "digest": {**_DIGEST, "description": "The digest of the correction's frozen file."},
            "record": record,
        },
    }
    withdrawn = {
        "type": "object",
        "additionalProperties": False,
        "required": ["day", "reason", "digest", "record"],
        "description": "The version was withdrawn before it took effect: it never did.",
        "properties": {
            "day": {**_DATE, "description": "The day it was withdrawn."},
            "reason": {"type": "string", "description": "Why, in the editor's words."},
            "digest": {**_DIGEST, "description": "The digest of the withdrawal's frozen file."},
            "record": record,
        },
    }
    version = {
        "type": "object",
        "additionalProperties": False,
        "required": REQUIRED,
        "properties": {
            "effective_from": {**_DATE, "description": "The day it took or takes effect."},
            "effective_to": {
                "anyOf": [_DATE, {"type": "null"}],
                "description": "The last day in force: null while no later version is known, and when withdrawn.",
            },
            "published": {**_DATE, "description": "The day it was published."},
            "class": {
                "enum": ["initial", "material", "editorial"],
                "description": "The first version, or a material change (notice owed) or an editorial one.",
            },
            "status": {
                "enum": ["current", "archived", "upcoming", "withdrawn"],
                "description": "On the build date.",
            },
            "forced": {
                "type": "string",
                "description": "Why the class or the published date overruled the tool's guard, when it did.",
            },
            "digest": {**_DIGEST, "description": "The SHA-256 digest of the release's canonical content."},
            "previous_digest": {
                "anyOf": [_DIGEST, {"type": "null"}],
                "description": "The digest of the release before it (null for the first): the chain.",
            },
            "addresses": {
                "type": "object",
                "additionalProperties": _ADDRESS,
                "description": "Its frozen page per language (gettext code).",
            },
            "record": record,
            "translations": {"type": "array", "items": added, "description": "Languages added after its release."},
            "corrections": {"type": "array", "items": corrected, "description": "Its facts corrected, oldest first."},
            "withdrawn": withdrawn,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policydocs: every published version of the privacy policy (versions.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["build_date", "site_url", "current", "versions"],
        "properties": {
            "$schema": {"type": "string", "description": "The address of this schema."},
            "build_date": {**_DATE, "description": "The day the site was built for."},
            "site_url": {
                "type": ["string", "null"],
                "description": "The site's public address, which absolute addresses start with (null: relative).",
            },
            "current": {"type": ["string", "null"], "description": "The effective date of the version in force."},
            "versions": {"type": "array", "items": version, "description": "Oldest first."},
        },
    }


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str]:
    return {addresses.VERSIONS_INDEX: dump(versions_document(publication, publication.workspace.options.site_url))}
