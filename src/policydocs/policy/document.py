"""The document of a v2 policy: sections of any depth holding typed blocks, and its inline text.

Each block is a mapping with an ``id`` and one key that says its kind and
holds its content: ``paragraph``, ``list``, ``table``, ``address``, ``note``
``generated`` or ``rule``. Text is plain text with a few marks: ``**strong**``,
``*emphasis*``, ``[label](target)`` links (``https:``, ``http:``, ``mailto:``,
``#anchor`` for a section id or a block's id path, or a path of the site such
as ``/cookies``), a line break where the text has one, and, in a list item or
a note, a new paragraph where it has a blank line. Nothing else is markup:
the renderer escapes every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .facts import FactRef
from .scalars import Id, Text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose."""

    id: Id
    """Stable id of the block: its anchor and msgctxt are ``<section id>.<block id>``."""
    paragraph: Text
    """The paragraph's text, in the source language."""
    states: tuple[FactRef, ...] = ()
    """The facts this paragraph states; its text must agree with them in every language."""
    same_paragraph: bool = False
    """Run on from the paragraph before, as one paragraph on the page (its own msgctxt still)."""


@dataclass(frozen=True)
class ListItem:
    """An item of a list, possibly holding a list of its own."""

    id: Id
    """Stable id of the item, unique in its list: its msgctxt is ``<list path>.<item id>``."""
    text: Text
    """The item's text."""
    states: tuple[FactRef, ...] = ()
    """The facts this item states."""
    items: tuple[ListItem, ...] = ()
    """A nested list under this item."""
    ordered: bool | None = None
    """Whether the nested list is numbered (default: as the list this item is in)."""


@dataclass(frozen=True)
class ItemList:
    """A bulleted or numbered list."""

    id: Id
    """Stable id of the block."""
    list: tuple[ListItem, ...]
    """The items, in order."""
    ordered: bool = False
    """Numbered (true) or bulleted (false)."""
    start: int | None = None
    """The number of a numbered list's first item, when it is not 1."""
    states: tuple[FactRef, ...] = ()
    """The facts the list as a whole states (its items' texts together must agree with them)."""


@dataclass(frozen=True)
class Column:
    """A column of a table, with its header cell."""

    id: Id
    """Stable id of the column: the key of its cell in each row."""
    title: Text
    """The header cell's text."""


@dataclass(frozen=True)
class Row:
    """A row of a table: a cell per column, by column id."""

    id: Id
    """Stable id of the row, unique in its table."""
    cells: Mapping[str, Text]
    """The row's cells, by column id."""
    states: tuple[FactRef, ...] = ()
    """The facts this row states (its cells together must agree with them)."""


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    columns: tuple[Column, ...]
    """The columns, in order; their titles make the header row."""
    rows: tuple[Row, ...]
    """The rows, in order."""


@dataclass(frozen=True)
class TableBlock:
    """A table block."""

    id: Id
    """Stable id of the block."""
    table: Table
    """The table."""
    states: tuple[FactRef, ...] = ()
    """The facts the table as a whole states."""


@dataclass(frozen=True)
class AddressBlock:
    """A postal address, its lines kept as written."""

    id: Id
    """Stable id of the block."""
    address: Text
    """The address, one line per line."""
    states: tuple[FactRef, ...] = ()
    """The facts it states (usually ``controllers.<id>.postal_address``)."""


@dataclass(frozen=True)
class Note:
    """A note set apart from the text (an aside, a reminder)."""

    id: Id
    """Stable id of the block."""
    note: Text
    """The note's text."""
    states: tuple[FactRef, ...] = ()
    """The facts it states."""


@dataclass(frozen=True)
class HorizontalRule:
    """A thematic break: a line across the page between two blocks."""

    id: Id
    """Stable id of the block."""
    rule: bool
    """Always ``true``."""


GeneratedKind = Literal["recipients", "retention", "purposes", "cookies", "rights"]


@dataclass(frozen=True)
class Generated:
    """A table or list made from the facts, in every language: it cannot drift from them."""

    id: Id
    """Stable id of the block."""
    generated: GeneratedKind
    """Which facts it renders: recipients, retention, purposes, cookies or rights."""


Block = Paragraph | ItemList | TableBlock | AddressBlock | Note | Generated | HorizontalRule
BLOCK_KINDS = {
    Paragraph: "paragraph",
    ItemList: "list",
    TableBlock: "table",
    AddressBlock: "address",
    Note: "note",
    Generated: "generated",
    HorizontalRule: "rule",
}


@dataclass(frozen=True)
class Section:
    """A section: a heading (h2, h3 or h4 by its depth), its blocks, then its subsections."""

    id: Id
    """Stable kebab-case id: the section's anchor, the same in every language and version."""
    title: Text | None = None
    """The heading's text (or give ``title_from``)."""
    title_from: FactRef | None = None
    """A fact whose name is the heading, the same in every language (e.g. ``recipients.stripe``)."""
    blocks: tuple[Block, ...] = ()
    """The blocks under the heading, before any subsection."""
    sections: tuple[Section, ...] = ()
    """Subsections, one level deeper."""


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

Span = tuple[str, str, str]
"""A piece of inline text: ``("text", text, "")``, ``("strong", text, "")``, ``("em", text, "")``,
``("link", label, target)``, ``("break", "\\n", "")`` (a line break) or ``("paragraph", "\\n\\n", "")``.
The text of a strong or emphasised span is inline text itself (``**a [link](…)**``)."""


def spans(text: str) -> list[Span]:
    """Split inline text into plain text, strong, emphasis, links and breaks, in one pass (linear in the text)."""
    out: list[Span] = []
    plain: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "[":
            link = _link_at(text, i)
            if link is not None:
                label, target, i = link
                _flush(plain, out)
                out.append(("link", label, target))
                continue
        elif char == "*":
            if text.startswith("***", i):  # strong emphasis: ***both***
                close = text.find("***", i + 3)
                inner = text[i + 3 : close] if close != -1 else ""
                if inner and not inner[0].isspace() and not inner[-1].isspace():
                    _flush(plain, out)
                    out.append(("strong", f"*{inner}*", ""))
                    i = close + 3
                    continue
            strong = text.startswith("**", i)
            mark = "**" if strong else "*"
            close = _closing(text, i + len(mark), mark)
            if close == -1:
                plain.append(text[i:])
                break
            inner = text[i + len(mark) : close]
            if inner and not inner[0].isspace() and not inner[-1].isspace():
                _flush(plain, out)
                out.append(("strong" if strong else "em", inner, ""))
                i = close + len(mark)
                continue
        elif char == "\n":
            _flush(plain, out)
            end = i
            while end < n and text[end] in " \t\n":
                end += 1
            blank = text.count("\n", i, end) > 1
            out.append(("paragraph", "\n\n", "") if blank else ("break", "\n", ""))
            i = end
            continue
        else:
            # Plain text up to the next character that may open something, in one piece.
            following = _SPECIAL.search(text, i + 1)
            end = following.start() if following else n
            plain.append(text[i:end])
            i = end
            continue
        plain.append(char)
        i += 1
    _flush(plain, out)
    return out


_SPECIAL = re.compile(r"[\[*\n]")
"""The characters that may open a span in inline text (see spans)."""


def _closing(text: str, start: int, mark: str) -> int:
    """Where emphasis opened before ``start`` closes: the next ``mark`` (for ``*``, one not part of ``**``)."""
    position = text.find(mark, start)
    if mark == "*":
        while position != -1 and text.startswith("**", position):
            after = _closing(text, position + 2, "**")  # a strong span inside emphasis: ***a** b*
            if after == -1:
                return -1
            position = text.find("*", after + 2)
    return position


def _flush(plain: list[str], out: list[Span]) -> None:
    if plain:
        out.append(("text", "".join(plain), ""))
        plain.clear()


def _link_at(text: str, start: int) -> tuple[str, str, int] | None:
    """``[label](target)`` at ``start``: label, target and the index after it; scans only up to a stop."""
    i = start + 1
    n = len(text)
    while i < n and text[i] not in "[]":
        i += 1
    if i >= n or text[i] != "]" or i == start + 1 or i + 1 >= n or text[i + 1] != "(":
        return None
    label = text[start + 1 : i]
    j = i + 2
    while j < n and text[j] not in "()" and not text[j].isspace():
        j += 1
    if j >= n or text[j] != ")" or j == i + 2:
        return None
    return label, text[i + 2 : j], j + 1


def plain(text: str) -> str:
    """The words a reader sees: the text without its marks (a line or paragraph break is a space)."""
    out = []
    for kind, content, _ in spans(text):
        if kind in ("strong", "em"):
            out.append(plain(content))
        elif kind in ("break", "paragraph"):
            out.append(" ")
        else:
            out.append(content)
    return "".join(out)


def link_problem(target: str) -> str | None:
    """What is wrong with a link's target, or None: https:, http:, mailto:, #anchors and paths of the site
    (``/cookies``, ``../terms``, ``cookies/``, resolved against the site's address) are taken."""
    if not target:
        return 'a link\'s address follows "](" directly, with no space'
    if target.startswith("#"):
        return None
    scheme = _SCHEME.match(target)
    if scheme:
        if scheme.group().lower() in ("https:", "http:", "mailto:"):
            return None
        return f'links must be https:, http:, mailto:, #anchors or paths of the site, got a "{scheme.group()}" link'
    if target.startswith("//"):
        return f'a link to another host names its scheme: write "https:{target}"'
    if "\\" in target:
        return f'a path of the site is written with "/", got "{target}"'
    return None


def link_targets(text: str) -> Iterator[str]:
    """The target of every link of an inline text, those in strong or emphasised words too."""
    if "[" not in text:
        return
    for kind, inner, target in spans(text):
        if kind == "link":
            yield target
        elif kind in ("strong", "em"):
            yield from link_targets(inner)


def site_path(target: str) -> bool:
    """Whether a link's target is a path of the site (``/cookies``, ``../terms``), to resolve against its address."""
    return not target.startswith("#") and not _SCHEME.match(target) and link_problem(target) is None


@dataclass(frozen=True)
class Place:
    """A block or section in the document, with what names it."""

    context: str
    """Its id path: anchor and msgctxt prefix (``retention.customer-data``)."""
    yaml_path: str
    """Where the validator recorded its position."""
    level: int
    """Heading level of its section (2–4), or 1 in the preamble."""
    value: Any
    """The Section or block."""


def sections(document_sections: tuple[Section, ...], level: int = 2, yaml_path: str = "sections") -> Iterator[Place]:
    """Every section, depth first in reading order, with its heading level."""
    for section in document_sections:
        here = f"{yaml_path}.{section.id}"
        yield Place(section.id, here, level, section)
        yield from sections(section.sections, level + 1, f"{here}.sections")


def blocks(preamble: tuple[Block, ...], document_sections: tuple[Section, ...]) -> Iterator[Place]:
    """Every block in reading order (the preamble's first), with its id path."""
    for block in preamble:
        yield Place(block.id, f"preamble.{block.id}", 1, block)
    for place in sections(document_sections):
        for block in place.value.blocks:
            yield Place(f"{place.context}.{block.id}", f"{place.yaml_path}.blocks.{block.id}", place.level, block)


def items(block: ItemList, context: str, yaml_path: str) -> Iterator[tuple[str, str, ListItem, int]]:
    """``(context, yaml path, item, depth)`` of every item of a list, nested ones after their parent."""

    def walk(list_items: tuple[ListItem, ...], ctx: str, path: str, depth: int) -> Iterator[Any]:
        for item in list_items:
            here_ctx, here_path = f"{ctx}.{item.id}", f"{path}.{item.id}"
            yield here_ctx, here_path, item, depth
            yield from walk(item.items, here_ctx, f"{here_path}.items", depth + 1)

    yield from walk(block.list, context, f"{yaml_path}.list", 1)


def block_texts(block: Block, context: str, yaml_path: str) -> Iterator[tuple[str, str, str]]:
    """``(msgctxt, text, yaml path)`` of every translatable string of a block, in reading order."""
    if isinstance(block, Paragraph):
        yield context, block.paragraph, f"{yaml_path}.paragraph"
    elif isinstance(block, ItemList):
        for ctx, path, item, _ in items(block, context, yaml_path):
            yield ctx, item.text, f"{path}.text"
    elif isinstance(block, TableBlock):
        for column in block.table.columns:
            yield f"{context}.header.{column.id}", column.title, f"{yaml_path}.table.columns.{column.id}.title"
        for row in block.table.rows:
            for column_id, cell in row.cells.items():
                yield f"{context}.{row.id}.{column_id}", cell, f"{yaml_path}.table.rows.{row.id}.cells.{column_id}"
    elif isinstance(block, AddressBlock):
        yield context, block.address, f"{yaml_path}.address"
    elif isinstance(block, Note):
        yield context, block.note, f"{yaml_path}.note"
