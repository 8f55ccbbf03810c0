"""Read YAML into a tree of nodes that remember their line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataError, Problem
from . import syntax

# libyaml's parser when PyYAML has it (ten times faster on release files), else PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Node:
    """A YAML node: a scalar's raw text, a list of nodes or key/value pairs.

    Scalars keep their source text, never PyYAML's YAML 1.1 reading of it
    (``no`` is not ``False``, ``1.10`` is not ``1.1``): the validator decides
    what a scalar means from the type the model expects.
    """

    kind: str  # "scalar", "sequence" or "mapping"
    line: int  # 1-based
    column: int  # 1-based
    text: str = ""
    items: tuple[Node, ...] = ()
    pairs: tuple[tuple[Node, Node], ...] = ()
    tag: str = ""
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and not self.quoted and self.text in ("", "~", "null", "Null", "NULL")

    def describe(self) -> str:
        """Say what this node is, in the editor's terms, for error messages."""
        if self.kind == "mapping":
            return "a mapping"
        if self.kind == "sequence":
            return "a list"
        if self.is_null:
            return "nothing"
        return f'"{self.text}"'


def _convert(node: yaml.Node, file: str, problems: list[Problem]) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Node("scalar", line, column, text=node.value, tag=node.tag, quoted=node.style in ("'", '"', "|", ">"))
    if isinstance(node, yaml.SequenceNode):
        return Node(
            "sequence", line, column, items=tuple(_convert(n, file, problems) for n in node.value), tag=node.tag
        )
    assert isinstance(node, yaml.MappingNode)
    pairs: list[tuple[Node, Node]] = []
    seen: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, file, problems)
        value = _convert(value_node, file, problems)
        if key.kind != "scalar":
            problems.append(Problem(file, key.line, key.column, "", "a key must be plain text"))
            continue
        if key.text in seen:
            first = seen[key.text]
            problems.append(
                Problem(file, key.line, key.column, "", f'duplicate key "{key.text}" (first at line {first.line})')
            )
            continue
        seen[key.text] = key
        pairs.append((key, value))
    return Node("mapping", line, column, pairs=tuple(pairs), tag=node.tag)


def parse(text: str, file: str) -> tuple[Node, list[Problem]]:
    """Parse YAML text into a Node tree and the problems it has (duplicate keys).

    Malformed YAML, where no tree can be made, raises DataError naming ``file``.
    """
    try:
        try:
            root = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # Parse again with PyYAML's own parser: its messages are the same on every machine.
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        raise DataError([syntax.explain(text, err, file)]) from err
    except yaml.YAMLError as err:
        raise DataError([Problem(file, 1, 1, "", f"invalid YAML: {err}")]) from err
    if root is None:
        raise DataError([Problem(file, 1, 1, "", "the file is empty")])
    problems: list[Problem] = []
    return _convert(root, file, problems), problems


def read(path: Path, display: str | None = None) -> tuple[Node, list[Problem]]:
    """Read and parse a YAML file; ``display`` is the name errors give it."""
    file = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError([Problem(file, 1, 1, "", "no such file")]) from err
    except UnicodeDecodeError as err:
        raise DataError([Problem(file, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})")]) from err
    return parse(text, file)
