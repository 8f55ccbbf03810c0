"""Read YAML into a tree of nodes that remember their line and column: the one reader of the YAML a site writes.

Every such file (the policy, its releases, frozen translations and
corrections, a site's phrasebooks) is read here, so every one is refused
the same things before anything walks it: the characters ``characters``
refuses, and YAML anchors, aliases and merge keys. A policy file has no
use for them, and a 1 KB file of nested aliases is millions of nodes to
any code that walks the tree (PITFALLS, YAML): they are found in the
parser's events, before a tree is made. mkdocs.yml is mkdocs' to read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataError, Problem
from . import characters, syntax

# libyaml's parser when PyYAML has it (ten times faster on release files), else PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NODE_STARTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
DEEPEST = 64
"""Levels of nested lists and mappings a file may have (a policy has about ten): deeper, code that walks the
tree would run out of stack."""
PURE_PYTHON_MOST = 256 * 1024
"""Characters of a file with a syntax error that PyYAML's pure-Python parser reads again for its message (about
a second): Exograd's policy is 30 KB."""
MOST_VALUES = 50_000
"""Values (keys, texts, lists, mappings) a file may hold: Exograd's policy holds about 600, a long policy a few
thousand, a release file as many per language. Past it, the file is refused before a tree is made, so that no
input costs more than about a second."""


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

    def plain(self) -> object:
        """The node as plain values: each scalar as its text (None when null), lists, dicts by key text."""
        if self.kind == "mapping":
            return {key.text: value.plain() for key, value in self.pairs}
        if self.kind == "sequence":
            return [item.plain() for item in self.items]
        return None if self.is_null else self.text

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
        if node.style == '"':
            _escaped(node, file, problems)
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


def _escaped(node: yaml.ScalarNode, file: str, problems: list[Problem]) -> None:
    """Refuse the characters a double-quoted scalar writes as escapes ("\\u202E"), at the scalar's start.

    Characters written as themselves were refused at their own place in the
    file's text; those are not reported twice.
    """
    # One problem per kind of character: they would all be at the scalar's start.
    kinds = {message: None for _, message in characters.refused(node.value, whole_file=False)}
    if not kinds:
        return
    first, last = node.start_mark.line + 1, node.end_mark.line + 1
    told = {p.message for p in problems if first <= p.line <= last}
    for message in kinds:
        if message not in told:
            problems.append(Problem(file, first, node.start_mark.column + 1, "", f"{message} (written as an escape)"))


def _structure(text: str, file: str) -> tuple[list[Problem], bool]:
    """The anchors, aliases and merge keys of YAML text, and nesting past DEEPEST, each a located problem; and
    whether the whole text was read (False: a syntax error stopped the parser, which composing will explain).

    One pass over the parser's events, which never expands an alias.
    """
    found: list[Problem] = []
    more = 0
    # Per open collection: None for a list; for a mapping, whether its next node is a key.
    open_: list[bool | None] = []

    def at(event: yaml.Event, message: str) -> None:
        nonlocal more
        if len(found) == characters.MOST:
            more += 1  # a file of aliases is a line per alias: the rest are counted
        else:
            found.append(Problem(file, event.start_mark.line + 1, event.start_mark.column + 1, "", message))

    values = 0
    capped = False
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.CollectionEndEvent):
                open_.pop()
                continue
            if not isinstance(event, _NODE_STARTS):
                continue
            values += 1
            if values > MOST_VALUES:
                capped = True
                if not found:  # refused for what it holds already, else
                    line, column = event.start_mark.line + 1, event.start_mark.column + 1
                    message = (
                        f"more than {MOST_VALUES:,} values: a policy file holds a few thousand; is it the right one?"
                    )
                    found.append(Problem(file, line, column, "", message))
                break
            is_key = bool(open_ and open_[-1])
            if open_ and open_[-1] is not None:
                open_[-1] = not open_[-1]
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                at(event, "YAML anchors and aliases are not accepted in a policy file: write the value out")
            elif is_key and isinstance(event, yaml.ScalarEvent) and event.implicit[0] and event.value == "<<":
                at(event, "YAML merge keys (<<) are not accepted in a policy file: write the keys out")
            if isinstance(event, yaml.CollectionStartEvent):
                open_.append(True if isinstance(event, yaml.MappingStartEvent) else None)
                if len(open_) > DEEPEST:
                    line, column = event.start_mark.line + 1, event.start_mark.column + 1
                    found.append(Problem(file, line, column, "", f"lists and mappings nest {DEEPEST} deep at most"))
                    break
    except yaml.MarkedYAMLError as err:
        if "nesting depth" not in (err.problem or ""):
            return found, False
        # libyaml looks ahead past a thousand "[" before it gives an event: it stops there, PyYAML would recurse.
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        found.append(Problem(file, line, column, "", f"lists and mappings nest {DEEPEST} deep at most"))
    except yaml.YAMLError:
        return found, False
    if more:
        last = found[-1]
        what = "anchors, aliases or merge keys" if more != 1 else "anchor, alias or merge key"
        message = f"and {'at least ' if capped else ''}{more} more {what} after this one"
        found.append(Problem(file, last.line, last.column, "", message))
    return found, True


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        # Parse again with PyYAML's own parser, whose messages are the same on every machine: only as far as two
        # lines past where libyaml stopped (pure Python takes seconds over a megabyte), the whole text if that
        # part reads without error.
        mark = err.problem_mark or err.context_mark
        if mark is not None:
            end = -1
            for _ in range(mark.line + 3):
                end = text.find("\n", end + 1)
                if end == -1:
                    break
            part = text[: end + 1] if end != -1 else text
            if len(part) > PURE_PYTHON_MOST:
                raise  # libyaml's own words, located as well: no second parse of a large file
            yaml.compose(part, Loader=yaml.SafeLoader)
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def parse(text: str, file: str) -> tuple[Node, list[Problem]]:
    """Parse YAML text into a Node tree and the problems it has (duplicate keys, refused characters).

    Malformed YAML, where no tree can be made, and YAML anchors, aliases or
    merge keys raise DataError naming ``file``.
    """
    problems = characters.problems(text, file)
    structure, whole = _structure(text, file)
    if structure and whole:
        raise DataError([*problems, *structure])
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        raise DataError([*problems, *structure, syntax.explain(text, err, file)]) from err
    except yaml.YAMLError as err:
        # A character YAML cannot read (a NUL) was refused above at its place; anything else is said here.
        if problems and isinstance(err, yaml.reader.ReaderError):
            raise DataError(problems) from err
        raise DataError([*problems, Problem(file, 1, 1, "", f"invalid YAML: {err}")]) from err
    if structure:
        raise DataError([*problems, *structure])
    if root is None:
        raise DataError([*problems, Problem(file, 1, 1, "", "the file is empty")])
    tree = _convert(root, file, problems)
    duplicates = [p for p in problems if p.message.startswith("duplicate key ")]
    if len(duplicates) > characters.MOST:  # a line each for the first ones, the rest counted
        extra = {id(p) for p in duplicates[characters.MOST :]}
        problems = [p for p in problems if id(p) not in extra]
        last = duplicates[characters.MOST - 1]
        message = f"and {len(extra)} more duplicate keys after this one"
        problems.append(Problem(file, last.line, last.column, "", message))
    return tree, problems


def read(
    path: Path, display: str | None = None, reader: Callable[[Path], bytes] = Path.read_bytes
) -> tuple[Node, list[Problem]]:
    """Read and parse a YAML file; ``display`` is the name errors give it; ``reader`` reads its bytes."""
    file = display or str(path)
    try:
        text = reader(path).decode("utf-8")
    except FileNotFoundError as err:
        raise DataError([Problem(file, 1, 1, "", "no such file")]) from err
    except UnicodeDecodeError as err:
        raise DataError([Problem(file, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})")]) from err
    return parse(text, file)
