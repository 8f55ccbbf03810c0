"""Build the typed Policy from a YAML node tree, reporting every problem in one run."""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Literal, get_args, get_origin

from babel import Locale, UnknownLocaleError

from ..errors import Problem
from . import scalars
from .source import Node
from .textscan import is_email

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


_COUNTRY = re.compile(r"[A-Z]{2}")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_BOOLEANS = {"true": True, "false": False}


_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No"}


# A Markdown-style link whose target is not https: or mailto: must not reach a page. The label
# stops at "[" too: the last "[" before "](" finds the same target, and a text of many "[" without
# "]" is not rescanned from each of them.
_LINK = re.compile(r"\[[^\[\]]*\]\(\s*<?([^)\s>]*)")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class _Invalid:
    """Marks a value that could not be built; the problem is already recorded."""


INVALID: Any = _Invalid()


class Builder:
    """Turns nodes into model objects, collecting problems and positions."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.positions: dict[str, tuple[int, int]] = {}

    def problem(self, node: Node, path: str, message: str) -> Any:
        self.problems.append(Problem(self.file, node.line, node.column, path, message))
        return INVALID

    def build(self, node: Node, tp: Any, path: str, id_path: str) -> Any:
        """Build a value of declared type ``tp`` from ``node``."""
        self.positions[id_path] = (node.line, node.column)
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, get_args(tp), path, id_path)
        if origin is Literal:
            return self._literal(node, get_args(tp), path)
        if origin is tuple:
            return self._sequence(node, get_args(tp)[0], path, id_path)
        if origin in (dict, Mapping):
            return self._dict(node, get_args(tp)[1], path, id_path)
        if is_dataclass(tp) and tp is not scalars.Duration:
            return self._object(node, tp, path, id_path)
        return self._scalar(node, tp, path)

    def _union(self, node: Node, options: tuple[Any, ...], path: str, id_path: str) -> Any:
        if type(None) in options and node.is_null:
            return None
        options = tuple(o for o in options if o is not type(None))
        literals = [v for o in options if get_origin(o) is Literal for v in get_args(o)]
        if node.kind == "scalar" and node.text in literals:
            return node.text
        rest = [o for o in options if get_origin(o) is not Literal]
        if len(rest) == 1:
            value = self.build(node, rest[0], path, id_path)
            if value is INVALID and literals and self.problems:
                # Say the literal choices too: "legal" is as valid as "P1Y".
                last = self.problems.pop()
                alternatives = " or ".join(f'"{v}"' for v in literals)
                self.problems.append(
                    Problem(last.file, last.line, last.column, last.path, f"{last.message} (or {alternatives})")
                )
            return value
        return self._literal(node, tuple(literals), path)

    def _literal(self, node: Node, allowed: tuple[Any, ...], path: str) -> Any:
        if node.kind == "scalar" and node.text in allowed:
            return node.text
        choices = ", ".join(f'"{a}"' for a in allowed)
        hint = _did_you_mean(node.text, [str(a) for a in allowed]) if node.kind == "scalar" else ""
        return self.problem(node, path, f"expected one of {choices}, got {node.describe()}{hint}")

    def _sequence(self, node: Node, item_type: Any, path: str, id_path: str) -> Any:
        if node.kind != "sequence":
            return self.problem(node, path, f"expected a list, got {node.describe()}")
        values = []
        seen: dict[str, Node] = {}
        for index, item in enumerate(node.items):
            segment = _peek_id(item) if is_dataclass(item_type) else None
            if segment is not None:
                if segment in seen:
                    self.problem(
                        item, f"{path}[{index}].id", f'duplicate id "{segment}" (first at line {seen[segment].line})'
                    )
                seen.setdefault(segment, item)
            child_id_path = f"{id_path}.{segment if segment is not None else index}"
            values.append(self.build(item, item_type, f"{path}[{index}]", child_id_path))
        if any(v is INVALID for v in values):
            return INVALID
        if item_type in (scalars.Id, str) or get_origin(item_type) is Literal:
            for index, (value, item) in enumerate(zip(values, node.items, strict=True)):
                if values.index(value) != index:
                    self.problem(item, f"{path}[{index}]", f'"{value}" is listed twice')
        return tuple(values)

    def _dict(self, node: Node, value_type: Any, path: str, id_path: str) -> Any:
        """A mapping whose keys are data (locales, msgctxts), not field names."""
        if node.kind != "mapping":
            return self.problem(node, path, f"expected a mapping, got {node.describe()}")
        values = {}
        for key, value in node.pairs:
            values[key.text] = self.build(value, value_type, f"{path}.{key.text}", f"{id_path}.{key.text}")
        if any(v is INVALID for v in values.values()):
            return INVALID
        return scalars.FrozenMap(values)

    def _object(self, node: Node, cls: Any, path: str, id_path: str) -> Any:
        if node.kind != "mapping":
            return self.problem(node, path, f"expected a mapping, got {node.describe()}")
        hints = scalars.type_hints(cls)
        known = {f.name: f for f in fields(cls) if f.compare}
        given: dict[str, Node] = {}
        for key, value in node.pairs:
            if key.text not in known:
                hint = _did_you_mean(key.text, list(known))
                self.problem(key, path, f'unknown key "{key.text}"{hint}')
                continue
            given[key.text] = value
        kwargs: dict[str, Any] = {}
        broken = False
        for name, f in known.items():
            child_path = f"{path}.{name}" if path else name
            child_id_path = f"{id_path}.{name}" if id_path else name
            if name not in given:
                if f.default is MISSING and f.default_factory is MISSING:
                    self.problem(node, path, f'missing required key "{name}"')
                    broken = True
                continue
            value = self.build(given[name], hints[name], child_path, child_id_path)
            broken = broken or value is INVALID
            kwargs[name] = value
        return INVALID if broken else cls(**kwargs)

    def _scalar(self, node: Node, tp: Any, path: str) -> Any:
        if node.kind != "scalar":
            return self.problem(node, path, f"expected {_expected(tp)}, got {node.describe()}")
        text = node.text
        if tp is bool:
            if not node.quoted and text in _BOOLEANS:
                return _BOOLEANS[text]
            hint = " (YAML 1.1 spellings such as yes/no/on/off are not accepted)" if text in _YAML11_BOOLEANS else ""
            return self.problem(node, path, f"expected true or false, got {node.describe()}{hint}")
        if tp is datetime.date:
            try:
                if not _DATE.fullmatch(text):
                    raise ValueError(text)
                return datetime.date.fromisoformat(text)
            except ValueError:
                return self.problem(node, path, f"expected a date as YYYY-MM-DD, got {node.describe()}")
        if tp is scalars.Duration:
            try:
                return scalars.Duration.parse(text)
            except ValueError:
                return self.problem(
                    node, path, f'expected an ISO 8601 duration such as "P1Y" or "P30D", got {node.describe()}'
                )
        if node.is_null:
            return self.problem(node, path, f"expected {_expected(tp)}, got nothing")
        if tp in (scalars.Text, scalars.Label, scalars.Name):
            if not text.strip():
                return self.problem(node, path, "expected text, got an empty string")
            if tp is not scalars.Name:
                for target in _LINK.findall(text):
                    scheme = _SCHEME.match(target)
                    if not scheme or scheme.group().lower() not in ("https:", "mailto:"):
                        shown = scheme.group() if scheme else target
                        self.problem(node, path, f'links must be https: or mailto:, got a "{shown}" link')
            return text
        if tp is scalars.Id:
            if not _ID.fullmatch(text):
                return self.problem(node, path, f'expected a kebab-case id such as "source-ip", got {node.describe()}')
            return text
        if tp is scalars.Email:
            if not is_email(text):
                return self.problem(node, path, f"expected an email address, got {node.describe()}")
            return text
        if tp is scalars.CountryCode:
            if not _COUNTRY.fullmatch(text):
                return self.problem(
                    node, path, f'expected an ISO 3166-1 country code such as "FR", got {node.describe()}'
                )
            return text
        if tp is str:
            return text
        if tp is scalars.LocaleCode:
            try:
                Locale.parse(text)
            except (ValueError, UnknownLocaleError):
                return self.problem(node, path, f'expected a locale code such as "fr" or "en", got {node.describe()}')
            return text
        return text


def _expected(tp: Any) -> str:
    names = {
        scalars.Text: "text",
        scalars.Label: "text",
        scalars.Name: "a name",
        scalars.Id: "an id",
        scalars.Email: "an email address",
        scalars.LocaleCode: "a locale code",
        scalars.CountryCode: "a country code",
        bool: "true or false",
        datetime.date: "a date as YYYY-MM-DD",
        scalars.Duration: "an ISO 8601 duration",
    }
    return names.get(tp, "text")


def _peek_id(node: Node) -> str | None:
    if node.kind != "mapping":
        return None
    for key, value in node.pairs:
        if key.text == "id" and value.kind == "scalar" and _ID.fullmatch(value.text):
            return value.text
    return None


def _did_you_mean(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
