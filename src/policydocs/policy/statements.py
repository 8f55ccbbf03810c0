"""Where the document of a v2 policy states each fact: the section's id and title, and the stating text.

The summary anchors its items there and names an audience or a kind of email
by the title of its section; the exports label a data category or a
retention rule with the words that state it. The first statement in reading
order wins: a heading made from a fact (``title_from``), then the blocks,
list items and table rows under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import document, facts
from .document import Block, ItemList, Section, TableBlock

if TYPE_CHECKING:
    from .model import Policy


@dataclass(frozen=True)
class Stated:
    """Where the document states a fact first: its section's id and title, and the stating text."""

    section: str
    title: str
    text: str
    block: str = ""
    """The id path of the stating block, list item or table row (its anchor when it has one); "" for a heading."""


class Statements:
    """Where a v2 policy states each of its facts first (by fact id, and by ``kind.id.field`` as written)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.known = facts.index(policy.facts)
        self.stated: dict[str, Stated] = {}
        self.parents: dict[str, str | None] = {}
        first = policy.sections[0].id if policy.sections else ""
        self.first = first

        def note(refs: tuple[str, ...], where: Stated) -> None:
            for ref in refs:
                target = facts.resolve(ref, self.known)
                if target is not None:
                    self.stated.setdefault(target.fact, where)
                    self.stated.setdefault(ref, where)  # ``kind.id.field``: a field's own place

        for block in policy.preamble:
            # The preamble has no heading: the block's own id is its anchor.
            for where, refs in _block_claims(block, block.id, "", block.id):
                note(refs, where)

        def walk(sections: tuple[Section, ...], parent: str | None) -> None:
            for section in sections:
                self.parents[section.id] = parent
                title = section.title or getattr(self.known.get(section.title_from or ""), "name", section.id)
                if section.title_from:
                    note((section.title_from,), Stated(section.id, title, title))
                for block in section.blocks:
                    for where, refs in _block_claims(block, section.id, title, f"{section.id}.{block.id}"):
                        note(refs, where)
                walk(section.sections, section.id)

        walk(policy.sections, None)

    def anchor(self, fact: str, other: Statements | None = None) -> str:
        """The id of the section stating ``fact`` (or ``kind.id.field``) here; for a fact stated only in
        ``other`` (removed), the nearest section around its old place that this version still has; else
        the first section."""
        if fact in self.stated:
            return self.stated[fact].section
        whole = fact.rpartition(".")[0]
        if fact not in self.known and whole in self.stated:
            return self.stated[whole].section
        if other is not None and fact in other.stated:
            section: str | None = other.stated[fact].section
            while section is not None:
                if section in self.parents:
                    return section
                section = other.parents.get(section)
        return self.first

    def section_title(self, fact: str, fallback: str) -> str:
        """The title of the section stating ``fact``: the name a reader knows it by (an audience, a kind of email)."""
        where = self.stated.get(fact)
        return where.title if where is not None and where.title else fallback

    def text(self, fact: str, fallback: str) -> str:
        """The text stating ``fact`` (a data category's list item, a retention rule's sentence)."""
        where = self.stated.get(fact)
        return where.text if where is not None and where.text else fallback

    def place(self, fact: str) -> Stated | None:
        """Where ``fact`` (or ``kind.id.field``) is stated first, or None when no block or heading states it."""
        return self.stated.get(fact)


def _block_claims(block: Block, section: str, title: str, path: str) -> Iterator[tuple[Stated, tuple[str, ...]]]:
    """``(where, fact ids)`` for a block and for each of its list items and table rows that states facts."""
    states = getattr(block, "states", ())
    if states:
        text = " ".join(text for _, text, _ in document.block_texts(block, "", ""))
        yield Stated(section, title, text, path), states
    if isinstance(block, ItemList):
        for context, _, item, _ in document.items(block, path, ""):
            if item.states:
                yield Stated(section, title, item.text, context), item.states
    if isinstance(block, TableBlock):
        for row in block.table.rows:
            if row.states:
                cells = " ".join(row.cells[c.id] for c in block.table.columns if c.id in row.cells)
                yield Stated(section, title, cells, f"{path}.{row.id}"), row.states
