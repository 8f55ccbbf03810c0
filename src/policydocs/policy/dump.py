"""A format-2 policy written out: as plain data (what a release's digest covers, the JSON exports), and as the
text of data/policy.yml, with comments for its editor."""

from __future__ import annotations

import datetime
from dataclasses import MISSING, fields, is_dataclass
from typing import Any

import yaml

from . import document
from .model import Policy
from .scalars import Duration, FrozenMap

_KIND_KEYS = ("paragraph", "list", "table", "address", "note", "generated", "text", "cells")


_CONTENT_LAST = (*document.BLOCK_KINDS, document.ListItem, document.Row)


_TOP_ORDER = ("format", "effective_date", "change_note", "source_locale", "binding_locales", "title")


_COMMENTS = {
    "format": "The file format: 2 (a document of any shape, and the facts it states).",
    "preamble": "Blocks before the first heading, if any.",
    "sections": (
        "The document, as the reader sees it. Sections nest as h2, h3, h4; each id is the section's\n"
        "anchor, the same in every language. A block's msgctxt is <section id>.<block id>."
    ),
    "facts": (
        "What the tools read. Every fact must be stated by a block (states: [kind.id]) or rendered\n"
        "by a generated block; a text that states a fact must show its numbers, names and emails."
    ),
}


def to_data(value: Any) -> Any:
    """A v2 policy (or part) as plain YAML data, fields at their default left out, a block's kind key last."""
    if is_dataclass(value) and not isinstance(value, Duration):
        data: dict[str, Any] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            optional = f.default is not MISSING or f.default_factory is not MISSING
            # An empty list is left out only where the loader takes its absence for empty: a required one stays.
            if not f.compare or item is None or (item == () and optional) or (optional and item == f.default):
                continue
            data[f.name] = to_data(item)
        if isinstance(value, _CONTENT_LAST):
            for key in [k for k in data if k in _KIND_KEYS] + [k for k in data if k == "items"]:
                data[key] = data.pop(key)
        return data
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    if isinstance(value, FrozenMap | dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _short_lists(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, str) and len(v) < 40 and "\n" not in v for v in data) and 0 < len(data) <= 6
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _short_lists)


def dump(policy: Policy, header: str = "") -> str:
    """The v2 file's text: comments for the editor, then the policy as YAML."""
    data = to_data(policy)
    data["format"] = 2
    data["effective_date"] = policy.effective_date
    data = {**{k: data[k] for k in _TOP_ORDER if k in data}, **data}
    out = [header.rstrip() + "\n"] if header else []
    for key, value in data.items():
        chunk = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        if key in _COMMENTS:
            out.append("\n" + "".join(f"# {line}\n" for line in _COMMENTS[key].splitlines()))
        out.append(chunk)
    return "".join(out)
