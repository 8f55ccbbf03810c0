"""The JSON Schema of policy.yml, derived from the model's type hints (so it cannot drift from the loader)."""

from __future__ import annotations

import ast
import datetime
import functools
import inspect
import textwrap
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Literal, get_args, get_origin, get_type_hints

from . import scalars

_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"
_STRINGS: dict[Any, dict[str, Any]] = {
    scalars.Id: {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
    scalars.Text: {"type": "string", "minLength": 1},
    scalars.Label: {"type": "string", "minLength": 1},
    scalars.Name: {"type": "string", "minLength": 1},
    scalars.Email: {"type": "string", "pattern": r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"},
    scalars.LocaleCode: {"type": "string", "pattern": r"^[a-z]{2,3}([_-][A-Za-z0-9]+)*$"},
    scalars.CountryCode: {"type": "string", "pattern": r"^[A-Z]{2}$"},
    str: {"type": "string"},
}


# --- Format 2 -------------------------------------------------------------------------------------

_FACT_ID = r"^[a-z_]+(\.[a-z0-9]+(-[a-z0-9]+)*)?(\.[a-z_]+)?$"
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]*:"


def _markup() -> dict[str, Any]:
    """What the loader refuses in any text (model.DocumentBuilder._check_markup), from its own patterns: raw HTML,
    attribute lists, Markdown the format does not take, a line that opens as Markdown would, and a link whose
    target is another scheme than https:, http:, mailto: (in any case, as the loader reads them), a host without
    its scheme (//host) or nothing. What depends on the field (a blank line, a text's opening) stays the loader's."""
    from . import model

    refused = [
        model._HTML.pattern,
        r"\{:",
        *(pattern.pattern for pattern, _ in model._UNTAKEN),
        model._LINE_START.pattern,
    ]
    link = r"\]\(<*(?:(?![Hh][Tt][Tt][Pp][Ss]?:|[Mm][Aa][Ii][Ll][Tt][Oo]:)" + _SCHEME + "|//|[\\s)])"
    return {"not": {"anyOf": [{"pattern": pattern} for pattern in [*refused, link]]}}


def _v2_strings() -> dict[Any, dict[str, Any]]:
    from . import facts, model

    territories = sorted(model._territories() | set(model._EXTRA_TERRITORIES))
    return {
        **_STRINGS,
        scalars.Text: {**_TEXT, **_markup()},
        scalars.Label: {**_TEXT, **_markup()},
        scalars.Name: dict(_TEXT),
        facts.PostalAddress: dict(_TEXT),
        facts.FactRef: {"type": "string", "pattern": _FACT_ID},
        facts.Url: {"type": "string", "pattern": r"^https://\S+$"},
        facts.Territory: {"type": "string", "enum": territories},
    }


@functools.cache
def field_docs(cls: type) -> dict[str, str]:
    """The docstring of each field of a dataclass: the string literal written right after its annotation."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs = {}
    for statement, following in zip(body, [*body[1:], None], strict=True):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _plain(doc: str) -> str:
    """A docstring as an editor shows it: one paragraph, ``code`` written `code`."""
    return " ".join(doc.replace("``", "`").split())


def _class_doc(cls: type) -> str:
    return _plain(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0])


class _V2Schema:
    """Builds the definitions of the v2 schema, one per dataclass, with a description on every property."""

    def __init__(self) -> None:
        from .document import Block

        self.strings = _v2_strings()
        self.definitions: dict[str, Any] = {}
        self.block_classes = set(get_args(Block))

    def type(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return self.union(get_args(tp))
        if origin is Literal:
            return {"enum": _literal_values(get_args(tp))}
        if origin is tuple:
            item = get_args(tp)[0]
            schema = {"type": "array", "items": self.type(item)}
            if item in (scalars.Id, str) or get_origin(item) is Literal:
                schema["uniqueItems"] = True  # the loader refuses a value listed twice
            return schema
        if origin in (dict, Mapping):
            return {
                "type": "object",
                "propertyNames": dict(_STRINGS[scalars.Id]),
                "additionalProperties": self.type(get_args(tp)[1]),
            }
        if tp is scalars.Duration:
            return {"type": "string", "pattern": _DURATION}
        if tp is datetime.date:
            return {"type": "string", "format": "date", "pattern": _DATE}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer", "minimum": 1}
        if is_dataclass(tp):
            return self.ref(tp)
        return dict(self.strings.get(tp, {"type": "string"}))

    def union(self, options: tuple[Any, ...]) -> dict[str, Any]:
        classes = [o for o in options if is_dataclass(o) and o is not scalars.Duration]
        if len(classes) > 1:
            if set(classes) != self.block_classes:
                raise TypeError(f"a union of classes other than blocks: {classes}")
            return self.blocks(classes)
        literals = [v for o in options if get_origin(o) is Literal for v in get_args(o)]
        schemas = [self.type(o) for o in options if o is not type(None) and get_origin(o) is not Literal]
        if literals:
            schemas.append({"enum": _literal_values(tuple(literals))})
        if type(None) in options:
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}

    def blocks(self, classes: list[Any]) -> dict[str, Any]:
        """A block: one of the classes, told apart by the key only it has (as the loader does)."""
        from .model import _own_key

        if "Block" not in self.definitions:
            keys = ", ".join(f"`{_own_key(cls, classes)}`" for cls in classes)
            self.definitions["Block"] = {
                "description": f"A block of the document: exactly one of the keys {keys} says its kind.",
                "oneOf": [self.ref(cls) for cls in classes],
            }
        return {"$ref": "#/$defs/Block"}

    def ref(self, cls: Any) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # placeholder against recursion
            self.definitions[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: Any) -> dict[str, Any]:
        hints = get_type_hints(cls)
        docs = field_docs(cls)
        properties = {}
        required = []
        for f in fields(cls):
            if not f.compare:
                continue
            if not docs.get(f.name, "").strip():
                raise ValueError(f"{cls.__name__}.{f.name} has no docstring: the schema would not describe it")
            schema = {"description": _plain(docs[f.name]), **self.type(hints[f.name])}
            if f.default is MISSING and f.default_factory is MISSING:
                required.append(f.name)
            elif f.default is not MISSING and isinstance(f.default, bool | str | tuple):
                schema["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
            properties[f.name] = schema
        schema = {
            "type": "object",
            "description": _class_doc(cls),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        schema.update(_V2_RULES.get(cls.__name__, {}))
        return schema


def _literal_values(values: tuple[Any, ...]) -> list[Any]:
    """A Literal's values, and the number a digit string is read as in YAML (``format: 2``): the loader takes both."""
    out: list[Any] = []
    for value in values:
        out.append(value)
        if isinstance(value, str) and value.isdigit():
            out.append(int(value))
    return out


_V2_RULES: dict[str, dict[str, Any]] = {
    # Rules of the loader that span two keys, said where an editor can show them.
    "Section": {"oneOf": [{"required": ["title"]}, {"required": ["title_from"]}]},
    "HorizontalRule": {"if": {"properties": {"rule": {"const": False}}, "required": ["rule"]}, "then": False},
    "EmailKind": {
        "if": {"properties": {"optional": {"const": True}}, "required": ["optional"]},
        "then": {"required": ["enabled_by_default"]},
    },
    "Purpose": {
        "if": {"properties": {"legitimate_interest": {"type": "string"}}, "required": ["legitimate_interest"]},
        "then": {"properties": {"legal_basis": {"const": "legitimate-interests"}}, "required": ["legal_basis"]},
    },
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a v2 data/policy.yml (``format: 2``), every property described.

    Derived from the v2 dataclasses' type hints, and their field docstrings
    for the descriptions, so it cannot drift from the loader.
    """
    from . import model

    builder = _V2Schema()
    root = builder.object(model.Policy)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "policydocs privacy policy, format 2 (data/policy.yml)",
        **root,
        "$defs": builder.definitions,
    }
