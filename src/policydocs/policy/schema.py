"""The JSON Schema of policy.yml, derived from the model's type hints (so it cannot drift from the loader)."""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Literal, get_args, get_origin, get_type_hints

from . import model

_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"
_STRINGS: dict[Any, dict[str, Any]] = {
    model.Id: {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
    model.Text: {"type": "string", "minLength": 1},
    model.Label: {"type": "string", "minLength": 1},
    model.Name: {"type": "string", "minLength": 1},
    model.Email: {"type": "string", "pattern": r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"},
    model.LocaleCode: {"type": "string", "pattern": r"^[a-z]{2,3}([_-][A-Za-z0-9]+)*$"},
    model.CountryCode: {"type": "string", "pattern": r"^[A-Z]{2}$"},
    str: {"type": "string"},
}


def _type(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        schemas = [_type(a, definitions) for a in options]
        if type(None) in get_args(tp):
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(tp)[0], definitions)}
    if origin in (dict, Mapping):
        return {"type": "object", "additionalProperties": _type(get_args(tp)[1], definitions)}
    if tp is model.Duration:
        return {"type": "string", "pattern": _DURATION, "description": 'An ISO 8601 duration such as "P1Y".'}
    if tp is datetime.date:
        return {"type": "string", "format": "date", "pattern": _DATE}
    if tp is bool:
        return {"type": "boolean"}
    if is_dataclass(tp):
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _object(tp, definitions)
        return {"$ref": f"#/$defs/{name}"}
    return dict(_STRINGS.get(tp, {"type": "string"}))


def _object(cls: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    properties = {}
    required = []
    for f in fields(cls):
        if not f.compare:
            continue
        properties[f.name] = _type(hints[f.name], definitions)
        if f.default is MISSING and f.default_factory is MISSING:
            required.append(f.name)
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/policy.yml, for editors and validators."""
    definitions: dict[str, Any] = {}
    root = _object(model.Policy, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policydocs privacy policy (data/policy.yml)",
        **root,
        "$defs": definitions,
    }
