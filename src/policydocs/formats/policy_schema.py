"""``/schema/policy.json``: the JSON Schema of policy.yml, for editors and validators."""

from __future__ import annotations

from ..policy.schema import json_schema
from ..site import addresses
from ..site.publication import Publication
from ._json import dump


def files(publication: Publication, titles: dict[str, str], pages: dict[str, list[str]]) -> dict[str, str]:
    return {addresses.SCHEMA: dump(json_schema())}
