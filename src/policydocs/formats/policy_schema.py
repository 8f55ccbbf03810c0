"""``/schema/``: the JSON Schemas of policy.yml, of each version's ``policy.json`` and of ``versions.json``, for editors
and validators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..cache import key
from ..policy.schema import json_schema
from ..site import addresses
from ..site.edition import Edition
from ..site.publication import Publication
from ._json import dump
from .versions_index import index_schema

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def version_schema() -> dict[str, Any]:
    """The JSON Schema of ``/<lang>/versions/<date>/policy.json``: one published version in one language."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policydocs: one published version of the privacy policy, in one language (policy.json)",
        "type": "object",
        "additionalProperties": False,
        "required": ["effective_date", "published", "class", "locale", "binding", "digest", "policy"],
        "properties": {
            "$schema": {"type": "string", "description": "The address of this schema."},
            "effective_date": {**_DATE, "description": "The day this version took or takes effect."},
            "published": {**_DATE, "description": "The day this version was published."},
            "class": {
                "enum": ["initial", "material", "editorial"],
                "description": "The first version, or a material change (notice owed) or an editorial one.",
            },
            "forced": {
                "type": "string",
                "description": "Why the class or the published date overruled the tool's guard, when it did.",
            },
            "withdrawn": {
                "type": "object",
                "additionalProperties": False,
                "required": ["day", "reason"],
                "description": "The version was withdrawn before it took effect: it never did.",
                "properties": {
                    "day": {**_DATE, "description": "The day it was withdrawn."},
                    "reason": {"type": "string", "description": "Why, in the editor's words."},
                },
            },
            "locale": {"type": "string", "description": "The language of the text below (gettext code: pt_BR)."},
            "binding": {"type": "boolean", "description": "Whether this language's text is legally binding."},
            "digest": {
                "type": "string",
                "pattern": "^sha256:[0-9a-f]{64}$",
                "description": "The SHA-256 digest of the frozen release, as its file records it.",
            },
            "policy": {"$ref": "policy.json", "description": "The policy's data, its text in this language."},
        },
    }


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str]:
    site_url = publication.workspace.options.site_url
    found = {}
    # Derived from the code (its docstrings read with inspect: a tenth of a small build), so cached by the code.
    derived = publication.workspace.cache.remember(key("policy.yml's JSON Schema"), json_schema)
    schemas = (
        (addresses.SCHEMA, derived),
        (addresses.VERSION_SCHEMA, version_schema()),
        (addresses.VERSIONS_INDEX_SCHEMA, index_schema()),
    )
    for path, schema in schemas:
        # Named by its public address when the site has one: version.json's "$ref" to policy.json resolves there.
        named = {"$schema": schema.pop("$schema"), "$id": f"{site_url.rstrip('/')}/{path}"} if site_url else {}
        found[path] = dump({**named, **schema})
    return found
