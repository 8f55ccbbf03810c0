"""A v2 policy (``format: 2``): a document of any shape, and the facts it states, loaded and validated.

Design note
-----------
A v2 file has the page's document and the facts side by side::

    format: 2
    effective_date: 2022-12-26
    source_locale: fr
    binding_locales: [fr]
    title: Politique de confidentialité
    preamble: []                      # optional blocks before the first heading
    sections:                         # h2; their ``sections`` are h3, and theirs h4
      - id: retention                 # the anchor, the same in every language and version
        title: Conservation des données
        blocks:
          - id: customer-data         # msgctxt and anchor: "retention.customer-data"
            states: [retention.customer-data]
            paragraph: Les données … jusqu’à trois (3) ans après la clôture d’un compte client.
          - id: legal-requirements
            same_paragraph: true      # runs on from the paragraph before
            states: [retention.legal-requirements]
            paragraph: Une exception est prévue …
    facts:
      retention:
        - id: customer-data
          duration: P3Y
          starts: account-closure

Blocks are paragraphs, lists (items with ids, nested), tables (columns with
ids, rows with a cell per column), addresses, notes, and ``generated``
blocks that render facts (recipients, retention, purposes, cookies, rights).
A block's id path — the ids of its nearest section and its own, then list
items or table rows — is its msgctxt and anchor (``customers.categories.billing``).
Section ids are unique in the whole document, so a section moved under
another heading keeps its translations.

``states:`` lists fact ids (see ``facts``): ``kind.id`` or ``kind``, with an
optional ``.field`` (``retention.customer-data``, ``rights.response_time``,
``controllers.exograd.email``). The tie (``agreement``) then checks that every
fact is stated or generated somewhere and that each stating text shows the
numbers, names, emails and countries of what it states, in every locale.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Literal, get_args, get_origin

from babel import Locale

from ..errors import DataError, Problem
from . import document, facts, source
from .consistency import cross_check
from .document import Block, Generated, ItemList, Paragraph, Section, TableBlock
from .facts import FactRef, Facts, PostalAddress, Territory, Url
from .scalars import Duration, FrozenMap, Label, LocaleCode, Text
from .source import Node
from .validate import INVALID, Builder, _did_you_mean, _peek_id

FORMAT = "2"


@dataclass(frozen=True)
class Policy:
    """A whole v2 privacy policy, in its source locale: the document and its facts."""

    format: Literal["2"]
    """The file format: 2."""
    effective_date: datetime.date
    """The day this version takes effect."""
    source_locale: LocaleCode
    """The language the file is written in."""
    binding_locales: tuple[LocaleCode, ...]
    """The languages whose text is legally binding (the source's at least)."""
    title: Text
    """The page's title."""
    sections: tuple[Section, ...]
    """The sections, in order (h2)."""
    facts: Facts
    """What the tools read; the document states it."""
    preamble: tuple[Block, ...] = ()
    """Untitled blocks before the first heading."""
    change_note: Text | None = None
    """What this version changes, for the history page and the feed (not shown in the policy)."""
    last_modified: Literal["day", "month", "hidden"] = "day"
    """How the page's last line gives the effective date: the day, the month alone (a policy dated "May 2026"), or
    not at all (a policy whose text states its own date)."""
    positions: typing.Mapping[str, tuple[int, int]] = field(
        default_factory=lambda: FrozenMap(), compare=False, repr=False
    )
    """Line and column of every value, by path (not part of the policy's content)."""
    source_file: str = field(default="data/policy.yml", compare=False, repr=False)

    def at(self, yaml_path: str) -> tuple[int, int]:
        """The line and column of a value, or of its nearest recorded parent."""
        while yaml_path:
            if yaml_path in self.positions:
                return self.positions[yaml_path]
            yaml_path = yaml_path.rpartition(".")[0]
        return (1, 1)


_FACT_REF = re.compile(r"[a-z_]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)?(?:\.[a-z_]+)?")
_HTML = re.compile(r"<[A-Za-z/!?]")
_EXTRA_TERRITORIES = ("EEA",)


class DocumentBuilder(Builder):
    """The v1 Builder, taught blocks (a union of classes told apart by their key) and the v2 scalars."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.anchor_links: list[tuple[str, Node, str]] = []

    def build(self, node: Node, tp: Any, path: str, id_path: str) -> Any:
        if get_origin(tp) in (typing.Union, types.UnionType):
            classes = [o for o in get_args(tp) if is_dataclass(o) and o is not Duration]
            if len(classes) > 1:
                self.positions[id_path] = (node.line, node.column)
                return self._variant(node, classes, path, id_path)
        if tp is int:
            self.positions[id_path] = (node.line, node.column)
            if node.kind != "scalar" or node.quoted or not node.text.isdigit() or int(node.text) < 1:
                return self.problem(node, path, f"expected a whole number from 1, got {node.describe()}")
            return int(node.text)
        if tp in (Text, Label, FactRef, Territory, Url, PostalAddress):
            self.positions[id_path] = (node.line, node.column)
            if node.kind != "scalar" or node.is_null:
                return self.problem(node, path, f"expected {_EXPECTED[tp]}, got {node.describe()}")
            return self._v2_scalar(node, tp, path)
        return super().build(node, tp, path, id_path)

    def _sequence(self, node: Node, item_type: Any, path: str, id_path: str) -> Any:
        """A list; items of a union of classes (blocks) are named by their ids too, as dataclasses are."""
        if get_origin(item_type) not in (typing.Union, types.UnionType) or node.kind != "sequence":
            return super()._sequence(node, item_type, path, id_path)
        values = []
        seen: dict[str, Node] = {}
        for index, item in enumerate(node.items):
            segment = _peek_id(item)
            if segment is not None:
                if segment in seen:
                    first = seen[segment].line
                    self.problem(item, f"{path}[{index}].id", f'duplicate id "{segment}" (first at line {first})')
                seen.setdefault(segment, item)
            child = f"{id_path}.{segment if segment is not None else index}"
            values.append(self.build(item, item_type, f"{path}[{index}]", child))
        return INVALID if any(v is INVALID for v in values) else tuple(values)

    def _variant(self, node: Node, classes: list[Any], path: str, id_path: str) -> Any:
        """One of several classes, chosen by the key only it has (a block's ``paragraph``, ``list``…)."""
        own = {cls: _own_key(cls, classes) for cls in classes}
        if node.kind != "mapping":
            return self.problem(node, path, f"expected a mapping, got {node.describe()}")
        keys = [key.text for key, _ in node.pairs]
        chosen = [cls for cls, key in own.items() if key in keys]
        names = ", ".join(f'"{key}"' for key in own.values())
        if len(chosen) == 1:
            built = self._object(node, chosen[0], path, id_path)
            if isinstance(built, document.HorizontalRule) and not built.rule:
                return self.problem(node, f"{path}.rule", "a rule block is written rule: true (remove the block)")
            return built
        if chosen:
            given = " and ".join(f'"{own[cls]}"' for cls in chosen)
            return self.problem(node, path, f"a block has one kind, got {given}")
        hints = [_did_you_mean(k, list(own.values())) for k in keys if k not in ("id", "states")]
        hint = next((h for h in hints if h), "")
        return self.problem(node, path, f"expected a block with one of the keys {names}{hint}")

    def _v2_scalar(self, node: Node, tp: Any, path: str) -> Any:
        text = node.text
        if tp in (Text, Label):
            if not text.strip():
                return self.problem(node, path, "expected text, got an empty string")
            self._check_markup(node, path, text)
            return text
        if tp is FactRef:
            if not _FACT_REF.fullmatch(text):
                return self.problem(
                    node, path, f'expected a fact id such as "retention.customer-data", got {node.describe()}'
                )
            return text
        if tp is Territory:
            if text not in _EXTRA_TERRITORIES and text not in _territories():
                return self.problem(
                    node, path, f'expected a country code such as "FR" or a region such as "EU", got {node.describe()}'
                )
            return text
        if tp is Url:
            if not text.startswith("https://") or any(c.isspace() for c in text) or len(text) <= len("https://"):
                return self.problem(node, path, f"expected an https: address, got {node.describe()}")
            return text
        if not text.strip():
            return self.problem(node, path, "expected an address, got an empty string")
        return text

    def _check_markup(self, node: Node, path: str, text: str) -> None:
        """Refuse raw HTML, attribute lists, Markdown the format does not take (saying what to write instead),
        breaks where the text cannot have them, and links other than https:, http:, mailto:, #anchors and
        paths of the site."""
        html = _HTML.search(text)
        if html:
            self.problem(node, path, f'raw HTML is not allowed, got "{html.group()}": text is shown as written')
        if "{:" in text:
            self.problem(node, path, 'attribute lists ("{:") are not allowed: text is shown as written')
        for pattern, message in _UNTAKEN:
            found = pattern.search(text)
            if found:
                self._problem_at(node, path, text, found.start(), message.format(found.group().strip()))
        unclosed = _unclosed(text)
        if unclosed >= 0:
            self._problem_at(
                node,
                path,
                text,
                unclosed,
                '"**" opens strong text that is never closed: close it with "**" or remove it',
            )
        self._check_breaks(node, path, text)
        # Every "](" is looked at, not only well-formed links: "[x](javascript:a(1))" is refused too.
        start = text.find("](")
        while start >= 0:
            end = start + 2
            while end < len(text) and text[end] not in ")" and not text[end].isspace():
                end += 1
            target = text[start + 2 : end].lstrip("<")
            problem = document.link_problem(target)
            if target.startswith("#"):
                self.anchor_links.append((target[1:], node, path))
            elif problem:
                self._problem_at(node, path, text, start + 2, problem)
            start = text.find("](", end)

    def _check_breaks(self, node: Node, path: str, text: str) -> None:
        """A line break is kept where the text has one; a blank line starts a new paragraph, which only a list
        item or a note can hold. A title is one line."""
        inner = text.strip()
        field_name = path.rpartition(".")[2]
        if "\n" in inner and (field_name == "title" or path.startswith("title") or ".columns" in path):
            self._problem_at(
                node, path, text, text.index("\n"), "a title or a column heading is one line: remove the line break"
            )
        elif _BLANK_LINE.search(inner) and field_name not in ("text", "note"):
            where = "a table cell" if ".cells" in path else "a paragraph"
            advice = (
                "make each paragraph a paragraph block of its own"
                if where == "a paragraph"
                else "a cell holds one paragraph: remove the blank line (a single line break is kept)"
            )
            self._problem_at(
                node, path, text, _BLANK_LINE.search(text).start(), f"a blank line inside {where}: {advice}"
            )
        opening = _TEXT_START.match(inner)
        if opening and field_name in ("paragraph", "text", "note"):
            said = opening.group().strip()
            self._problem_at(
                node,
                path,
                text,
                text.find(said),
                f'"{said}" opens this text as Markdown would open a heading, a quotation or a list, but it is shown '
                "as written: a heading is a section, a quotation a note, a list a list block",
            )
        for found in _LINE_START.finditer(inner):
            self._problem_at(
                node,
                path,
                text,
                text.find(found.group().strip()),
                f'"{found.group().strip()}" starts a line of this text as Markdown syntax would, but it is shown '
                "as written: a list is a list block (or an item's items), a heading a section, a table a table block",
            )
            break

    def _problem_at(self, node: Node, path: str, text: str, offset: int, message: str) -> None:
        """A problem at a character of a scalar: its own column when the scalar is one plain line."""
        line, column = node.line, node.column
        if not node.quoted and "\n" not in text:
            column += offset
        self.problems.append(Problem(self.file, line, column, path, message))


_UNTAKEN = (
    (re.compile(r"(?<![\\\w])__(?=\S)[^_]+?(?<=\S)__(?!\w)"), 'write **strong** with asterisks, not "{}"'),
    (
        re.compile(r"(?<![\\\w])_(?=[^\s_])[^_]+?(?<=[^\s_])_(?!\w)"),
        'write *emphasis* with asterisks, not "{}"',
    ),
    (re.compile(r"`[^`]*`"), 'code marks ("{}") are not taken: write the words without backticks'),
    (re.compile(r"!\[[^\]]*\]\("), 'images ("{}") are not taken in the text: describe them in words'),
    (re.compile(r"~~(?=\S)"), 'strikethrough ("{}") is not taken: a change of wording is a new version'),
    (
        re.compile(r"\[[^\[\]]+\]\[[^\[\]]*\]"),
        'reference links ("{}") are not taken: write the address in the text, as [label](address)',
    ),
    (
        re.compile(r"(?:^|\n)\s*\|[^\n]*\|\s*(?:\n|$)"),
        'a Markdown table row ("{}") is shown as written: write a table block',
    ),
)
"""Markdown the format does not take: each would be shown as written, so it is refused with what to write."""


def _unclosed(text: str) -> int:
    """Where a "**" left as text (never closed) is, or -1."""
    offset = 0  # where the span being read starts, at the latest
    for kind, content, target in document.spans(text):
        if kind == "text" and "**" in content:
            return text.find("**", offset)
        if kind in ("strong", "em") and (inner := _unclosed(content)) >= 0:
            return text.find(content, offset) + inner
        piece = target or content
        if piece:
            offset = text.find(piece, offset) + len(piece)
    return -1


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TEXT_START = re.compile(r"(?:#{1,6} |> |[-+*] (?=\S))")
"""What opens a heading, a quotation or a bulleted list in Markdown, at the start of a paragraph, item or note (a
number, "1. ", is a legal text's own numbering: taken)."""
_LINE_START = re.compile(r"\n[ \t]*(?:#{1,6} |> |[-+*] (?=\S)|\d{1,9}[.)] (?=\S))")


_EXPECTED = {
    Text: "text",
    Label: "text",
    FactRef: "a fact id",
    Territory: "a country or region code",
    Url: "an https: address",
    PostalAddress: "a postal address",
}


def _own_key(cls: Any, classes: list[Any]) -> str:
    others = {f.name for other in classes if other is not cls for f in fields(other)}
    return next(f.name for f in fields(cls) if f.name not in others)


def _territories() -> frozenset[str]:
    return _TERRITORIES


_TERRITORIES = frozenset(Locale.parse("en").territories)


def build(tree: Node, file: str, duplicate_problems: list[Problem] = ()) -> Policy:  # type: ignore[assignment]
    """Validate a node tree into a v2 Policy; raise DataError listing every problem."""
    builder = DocumentBuilder(file)
    builder.problems.extend(duplicate_problems)
    policy = builder.build(tree, Policy, "", "")
    if policy is not INVALID and not builder.problems:
        policy = replace(policy, positions=FrozenMap(dict(builder.positions)), source_file=file)
        builder.problems.extend(cross_check(policy, builder.anchor_links))
    if builder.problems:
        raise DataError(builder.problems)
    return policy


def loads(text: str, file: str = "data/policy.yml") -> Policy:
    """Parse and validate v2 policy YAML given as text."""
    tree, problems = source.parse(text, file)
    return build(tree, file, problems)


def is_v2(tree: Node) -> bool:
    """Whether a parsed policy file says ``format: 2``."""
    return tree.kind == "mapping" and any(k.text == "format" and v.text == FORMAT for k, v in tree.pairs)


def headings(policy: Policy) -> list[tuple[int, str, str]]:
    """``(level, id, title)`` of every heading in reading order; a title from a fact gives its name."""
    known = facts.index(policy.facts)
    out = []
    for place in document.sections(policy.sections):
        section = place.value
        title = section.title
        if title is None and section.title_from:
            title = known[section.title_from].name
        out.append((place.level, section.id, title))
    return out


Reading = tuple[str, ...]
"""One thing the reader meets: ``("h2", id, title)``, ``("p", text)``, ``("li", depth, text)``, a table's
``("th", …cells)`` and ``("td", …cells)``, ``("address", text)``, ``("note", text)``, ``("generated", kind)``,
``("rule",)``."""


def reading(policy: Policy) -> list[Reading]:
    """What a reader meets, in order: headings, paragraphs (runs joined), items, cells — the page's words."""
    out: list[Reading] = []
    known = facts.index(policy.facts)

    def add_blocks(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                if block.same_paragraph and out and out[-1][0] == "p":
                    out[-1] = ("p", f"{out[-1][1]} {block.paragraph}")
                else:
                    out.append(("p", block.paragraph))
            elif isinstance(block, ItemList):
                for _, _, item, depth in document.items(block, "", ""):
                    out.append(("li", str(depth), item.text))
            elif isinstance(block, TableBlock):
                out.append(("th", *(c.title for c in block.table.columns)))
                for row in block.table.rows:
                    out.append(("td", *(row.cells[c.id] for c in block.table.columns)))
            elif isinstance(block, Generated):
                out.append(("generated", block.generated))
            elif isinstance(block, document.HorizontalRule):
                out.append(("rule",))
            else:
                out.append((document.BLOCK_KINDS[type(block)], getattr(block, document.BLOCK_KINDS[type(block)])))

    add_blocks(policy.preamble)
    for place in document.sections(policy.sections):
        section = place.value
        title = section.title if section.title is not None else known[section.title_from].name
        out.append((f"h{place.level}", section.id, title))
        add_blocks(section.blocks)
    return out


def block_kinds(policy: Policy) -> list[tuple[str, str]]:
    """``(id path, kind)`` of every block in reading order."""
    return [(p.context, document.BLOCK_KINDS[type(p.value)]) for p in document.blocks(policy.preamble, policy.sections)]


__all__ = [
    "Block",
    "Generated",
    "ItemList",
    "Paragraph",
    "Policy",
    "Section",
    "TableBlock",
    "block_kinds",
    "build",
    "headings",
    "is_v2",
    "loads",
    "reading",
]
