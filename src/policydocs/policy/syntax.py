"""Explain the commonest YAML mistakes in the editor's terms, with the fix.

PyYAML reports where its parser gave up, in its own words ("mapping values
are not allowed here"); the mistake is often a line or more before. This
module reads the source lines around PyYAML's marks and names the mistake:
a tab, a ": " inside a sentence, a bad indent, a quote left open, a missing
space after "-" or ":". Anything else keeps PyYAML's message, located.
Every step is one pass over the lines: linear in the size of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..errors import Problem

# PyYAML's line breaks (yaml.reader), so line numbers agree with its marks.
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@dataclass(frozen=True)
class _Level:
    """An open block at a column: a key ("title:") or a list item ("-")."""

    indent: int  # 0-based column
    kind: str  # "key" or "item"
    label: str  # as the editor wrote it: 'title:' or '- id:'
    line: int  # 0-based


@dataclass(frozen=True)
class _Quote:
    """A quoted text left open at the end of its line."""

    line: int  # 0-based
    column: int  # 0-based
    char: str
    key_indent: int
    swallowed: int | None = None  # first line below that looks like a key or item: read as text


def explain(text: str, err: yaml.MarkedYAMLError, file: str) -> Problem:
    """One located problem for a YAML syntax error: the mistake and its fix when known."""
    lines = _BREAKS.split(text)
    found = _diagnose(lines, err)
    if found is not None:
        line, column, message = found
        return Problem(file, line + 1, column + 1, "", message)
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = err.problem or err.context or "invalid YAML"
    if err.context and err.problem:
        message = f"{err.context}, {err.problem}"
    return Problem(file, line, column, "", f"invalid YAML: {message}")


def _diagnose(lines: list[str], err: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    problem, mark, context = err.problem or "", err.problem_mark, err.context_mark
    if mark is None or mark.line >= len(lines):
        return None
    if problem.startswith("found character '\\t'"):
        return _tab(lines[mark.line], mark.line, mark.column)
    quoted = err.context == "while scanning a quoted scalar"
    if problem == "found unexpected end of stream" and quoted and context is not None:
        char = lines[context.line][context.column]
        return (
            context.line,
            context.column,
            f"the quote opened here is never closed: add the closing {char} at the end of the text",
        )
    levels, quote = _scan(lines, mark.line)
    if quote is not None and quote.swallowed is not None:
        return (
            quote.line,
            quote.column,
            "the quote opened here is not closed on its line, so the lines below are read as part of the text:"
            f" add the closing {quote.char} at the end of the text",
        )
    if problem == "mapping values are not allowed here":
        return _colon(lines, mark.line, mark.column, levels)
    if problem == "could not find expected ':'" and context is not None:
        return _no_colon(lines[context.line], context.line, context.column)
    if problem.startswith("expected <block end>, but found"):
        return _block_end(lines, mark.line, mark.column, levels)
    return None


def _tab(line: str, number: int, column: int) -> tuple[int, int, str]:
    before = line[:column].rstrip(" \t")
    if not before:
        return number, column, "a tab is used for indentation: YAML needs spaces (replace the tab with spaces)"
    if before[-1] in ":-":
        return number, column, f'a tab follows "{before[-1]}": YAML needs a space there (replace the tab with a space)'
    return number, column, "a tab is not allowed here: YAML needs spaces (replace the tab with spaces)"


def _colon(lines: list[str], number: int, column: int, levels: list[_Level]) -> tuple[int, int, str] | None:
    line = lines[number]
    start = _after_dashes(line, _indent(line))
    head = line[start:column]
    if " " in head or "\t" in head or start == column:
        return (
            number,
            column,
            'a colon followed by a space starts a new key, so this sentence cannot contain ": " unquoted:'
            ' put the whole text in quotes ("…") or use a "|" block',
        )
    # A one-word key here was read as the continuation of the line above: the mistake is on that line,
    # or this line is indented further than its siblings.
    previous = _previous_content(lines, number)
    if previous is not None:
        glued = _glued_dash(lines[previous], previous) or _glued_colon(lines[previous], previous, strict=True)
        if glued is not None:
            return glued
    return _bad_indent(lines, number, levels)


def _no_colon(line: str, number: int, column: int) -> tuple[int, int, str]:
    glued = _glued_colon(line, number, strict=False)
    if glued is not None:
        return glued
    return (
        number,
        column,
        'this line is not a key with its value: write a key, a colon and a space ("title: …"),'
        " or, if it continues the text above, indent it further than that text's key",
    )


def _block_end(lines: list[str], number: int, column: int, levels: list[_Level]) -> tuple[int, int, str] | None:
    line = lines[number]
    indent = _indent(line)
    glued = _glued_dash(line, number)
    if glued is not None:
        return glued
    if column > indent:
        return _after_quote(line, number, column)
    if all(level.indent != indent for level in levels):
        return _bad_indent(lines, number, levels)
    sibling = next(level for level in reversed(levels) if level.indent == indent)
    if line[indent] == "-" and sibling.kind == "key":
        return (
            number,
            column,
            f'a list item where keys are expected (like "{sibling.label}" above): a list goes under its own key,'
            ' indented further; or remove the "-"',
        )
    if line[indent] != "-" and sibling.kind == "item":
        inner = next((level for level in levels if level.indent > sibling.indent), None)
        where = f', or indent it to line up with "{inner.label}" ({_spaces(inner.indent)})' if inner else ""
        return (
            number,
            column,
            f'this key is at the level of the list items above ("{sibling.label}"): start a new item with "- "{where}',
        )
    return None


def _after_quote(line: str, number: int, column: int) -> tuple[int, int, str] | None:
    close = column - 1
    while close > 0 and line[close] in " \t":
        close -= 1
    char = line[close]
    if char not in "\"'":
        return None
    if char == "'" and close + 1 == column:
        return (
            number,
            close,
            "this apostrophe ends the text opened with a single quote: inside '…' write it twice (''),"
            ' or put the text in double quotes ("…")',
        )
    return (
        number,
        close,
        "the text goes on after its closing quote: put the whole text in quotes,"
        ' and write a " inside it as \\" (or use a "|" block)',
    )


def _bad_indent(lines: list[str], number: int, levels: list[_Level]) -> tuple[int, int, str] | None:
    line = lines[number]
    indent = _indent(line)
    kind = "item" if line.startswith("-", indent) else "key"
    lower = next((level for level in reversed(levels) if level.indent < indent), None)
    higher = next((level for level in levels if level.indent > indent), None)
    candidates = [level for level in (lower, higher) if level is not None]
    if not candidates:
        return None
    same_kind = [level for level in candidates if level.kind == kind]
    pool = same_kind if len(same_kind) == 1 else candidates
    pool.sort(key=lambda level: abs(level.indent - indent))
    label = _label(line, indent)
    message = "this line is indented differently from the lines before it at the same level: "
    if len(pool) == 2 and abs(pool[0].indent - indent) == abs(pool[1].indent - indent):
        # As far from both: the block the line above belongs to is the likelier one.
        previous = _previous_content(lines, number)
        above = _indent(lines[previous]) if previous is not None else -1
        pool = [level for level in pool if level.indent == above] or pool
    if len(pool) == 2 and abs(pool[0].indent - indent) == abs(pool[1].indent - indent):
        first, second = sorted(pool, key=lambda level: level.indent)
        message += (
            f'align "{label}" with "{first.label}" ({_spaces(first.indent)})'
            f' or with "{second.label}" ({_spaces(second.indent)}) above'
        )
    else:
        message += f'align "{label}" with "{pool[0].label}" above ({_spaces(pool[0].indent)})'
    return number, indent, message


def _glued_dash(line: str, number: int) -> tuple[int, int, str] | None:
    """A list item written "-id:" instead of "- id:"."""
    indent = _indent(line)
    if not line.startswith("-", indent) or indent + 1 >= len(line) or line[indent + 1] in " \t-":
        return None
    word = _key_at(line, indent + 1)
    if word is None or word[1] == -1:
        return None
    key = line[indent + 1 : word[1] + 1]
    return number, indent, f'a "-" that starts a list item needs a space after it: write "- {key}" instead of "-{key}"'


def _glued_colon(line: str, number: int, *, strict: bool) -> tuple[int, int, str] | None:
    """A key written "title:Introduction" instead of "title: Introduction".

    ``strict`` when the line was read as text: then a ": " elsewhere on it means it is not a glued key.
    """
    start = _after_dashes(line, _indent(line))
    word = _key_at(line, start)
    if word is None or word[1] == -1:
        return None
    colon = word[1]
    rest = line[colon + 1 :]
    if not rest or rest[0] in " \t/" or (strict and ": " in rest):
        return None
    key = line[start:colon]
    return number, colon, f'a colon after a key needs a space: write "{key}: " instead of "{key}:"'


def _key_at(line: str, start: int) -> tuple[int, int] | None:
    """The one-word key starting at ``start``: (start, index of its colon, or -1 when none follows)."""
    end = start
    while end < len(line) and line[end] in _KEY_CHARS:
        end += 1
    if end == start:
        return None
    return start, end if line.startswith(":", end) else -1


def _scan(lines: list[str], stop: int) -> tuple[list[_Level], _Quote | None]:
    """The blocks open before line ``stop`` and a quote still open there, in one pass over the lines."""
    levels: list[_Level] = []
    quote: _Quote | None = None
    block_indent: int | None = None  # lines deeper than this belong to a "|" or ">" text
    for number in range(stop):
        line = lines[number]
        indent = _indent(line)
        if quote is not None:
            if quote.swallowed is None and _looks_structural(line, indent) and indent <= quote.key_indent:
                quote = _Quote(quote.line, quote.column, quote.char, quote.key_indent, number)
            if _closes(line, 0, quote.char) >= 0:
                quote = None
            continue
        stripped = line.strip()
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        position = indent
        opened: list[_Level] = []
        while line.startswith("-", position) and (position + 1 == len(line) or line[position + 1] in " \t"):
            opened.append(_Level(position, "item", "-", number))
            position = _skip_spaces(line, position + 1)
        key = _key_at(line, position)
        value_at = position
        if key is not None and key[1] != -1 and (key[1] + 1 == len(line) or line[key[1] + 1] in " \t"):
            label = line[position : key[1] + 1]
            opened.append(_Level(position, "key", label, number))
            value_at = _skip_spaces(line, key[1] + 1)
        if not opened:
            continue  # the continuation of a text over several lines
        if len(opened) > 1 and opened[0].kind == "item" and opened[-1].kind == "key":
            opened[0] = _Level(opened[0].indent, "item", _label(line, opened[0].indent), number)
        while levels and levels[-1].indent >= opened[0].indent:
            levels.pop()
        levels.extend(opened)
        if value_at < len(line) and line[value_at] in "\"'":
            if _closes(line, value_at + 1, line[value_at]) < 0:
                quote = _Quote(number, value_at, line[value_at], opened[-1].indent)
        elif value_at < len(line) and line[value_at] in "|>":
            block_indent = opened[-1].indent
    return levels, quote


def _closes(line: str, start: int, char: str) -> int:
    """Where the quoted text going on at ``start`` closes on this line, or -1."""
    position = start
    while True:
        position = line.find(char, position)
        if position < 0:
            return -1
        if char == '"' and _escaped(line, position):
            position += 1
            continue
        if char == "'" and line.startswith("'", position + 1):
            position += 2
            continue
        return position


def _escaped(line: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes - 1 >= 0 and line[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _looks_structural(line: str, indent: int) -> bool:
    if line.startswith("- ", indent) or line[indent:] == "-":
        return True
    key = _key_at(line, indent)
    return key is not None and key[1] != -1 and (key[1] + 1 == len(line) or line[key[1] + 1] == " ")


def _previous_content(lines: list[str], number: int) -> int | None:
    for previous in range(number - 1, -1, -1):
        stripped = lines[previous].strip()
        if stripped and not stripped.startswith("#"):
            return previous
    return None


def _label(line: str, indent: int) -> str:
    """How the editor would name the line: 'title:', or '- id: source-ip' for a list item."""
    position = _after_dashes(line, indent)
    key = _key_at(line, position)
    if key is None or key[1] == -1:
        return line[position : position + 20].rstrip()
    name = line[position : key[1] + 1]
    if position == indent:
        return name
    value = line[key[1] + 1 :].strip() if len(line) - key[1] <= 40 else ""
    return f"- {name} {value}" if value and len(value) <= 30 and value[0] not in "\"'|>[{#" else f"- {name}"


def _after_dashes(line: str, position: int) -> int:
    while line.startswith("-", position) and (position + 1 == len(line) or line[position + 1] in " \t"):
        position = _skip_spaces(line, position + 1)
    return position


def _skip_spaces(line: str, position: int) -> int:
    while position < len(line) and line[position] in " \t":
        position += 1
    return position


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return "at the start of the line" if count == 0 else f"{count} space{'s' if count != 1 else ''}"
