"""The translatable text of a v2 policy: its messages for the catalog, and the policy in another locale."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from . import document, facts
from .document import AddressBlock, Block, ItemList, ListItem, Note, Paragraph, Row, Section, TableBlock
from .scalars import FrozenMap, Label, type_hints

if TYPE_CHECKING:
    from .model import Policy

V2Message = tuple[str, str, int, str]
"""``(msgctxt, msgid, line, translator comment)``, the shape a Babel extractor yields."""
Translate = Callable[[str, str], str]
"""``(msgctxt, source text) → text in the target locale``."""


def messages(policy: Policy) -> Iterator[V2Message]:
    """Every translatable string of the policy in reading order, then the facts' labels."""

    def line(yaml_path: str) -> int:
        return policy.at(yaml_path)[0]

    yield "title", policy.title, line("title"), "Page title."
    if policy.change_note is not None:
        note = "Change note of this version: shown in the revision history and the feed, not in the policy."
        yield "change_note", policy.change_note, line("change_note"), note
    for place in document.blocks(policy.preamble, ()):
        yield from _block_messages(policy, place)
    for place in document.sections(policy.sections):
        section: Section = place.value
        if section.title is not None:
            yield f"{section.id}.title", section.title, line(f"{place.yaml_path}.title"), f"Heading (h{place.level})."
        for block in section.blocks:
            inner = document.Place(
                f"{place.context}.{block.id}", f"{place.yaml_path}.blocks.{block.id}", place.level, block
            )
            yield from _block_messages(policy, inner)
    for context, text, yaml_path in _labels(policy.facts):
        comment = "Short label of a fact: used in summaries, exports and generated tables, not in the text."
        yield context, text, line(yaml_path), comment


def _block_messages(policy: Policy, place: document.Place) -> Iterator[V2Message]:
    block = place.value
    stated = _stated_note(getattr(block, "states", ()))
    for context, text, yaml_path in document.block_texts(block, place.context, place.yaml_path):
        if isinstance(block, Paragraph):
            what = "Paragraph, continuing the one before it." if block.same_paragraph else "Paragraph."
        elif isinstance(block, ItemList):
            what = "List item."
        elif isinstance(block, TableBlock):
            what = "Table header cell." if context.startswith(f"{place.context}.header.") else "Table cell."
        elif isinstance(block, AddressBlock):
            what = "Postal address: keep its lines."
        else:
            what = "Note."
        yield context, text, policy.at(yaml_path)[0], f"{what}{stated}"


def _stated_note(states: tuple[str, ...]) -> str:
    if not states:
        return ""
    return (
        f" It states {', '.join(states)}: keep every period, name, email and place, and what it says of them"
        " (a basis, a right, a default): each is checked in every language."
    )


def _labels(registry: facts.Facts) -> Iterator[tuple[str, str, str]]:
    """``(msgctxt, text, yaml path)`` of every Label among the facts."""
    for kind in (f.name for f in fields(registry)):
        value = getattr(registry, kind)
        entries = [(f"{kind}.{item.id}", item) for item in value] if kind in facts.LIST_KINDS else [(kind, value)]
        for name, item in entries:
            if not is_dataclass(item):
                continue
            hints = type_hints(type(item))
            for f in fields(item):
                text = getattr(item, f.name)
                if isinstance(text, str) and _is_label(hints[f.name]):
                    yield f"facts.{name}.{f.name}", text, f"facts.{name}.{f.name}"


def _is_label(tp: Any) -> bool:
    from typing import get_args

    return tp is Label or Label in get_args(tp)


def localize(policy: Policy, translations: Mapping[str, str] | Translate) -> Policy:
    """The same policy with every text in another locale; a string with no translation stays as it is."""
    if isinstance(translations, Mapping):
        table = translations

        def translate(context: str, text: str) -> str:
            return table.get(context, text)
    else:
        translate = translations

    def section(value: Section) -> Section:
        title = translate(f"{value.id}.title", value.title) if value.title is not None else None
        blocks = tuple(_localize_block(b, f"{value.id}.{b.id}", translate) for b in value.blocks)
        return replace(value, title=title, blocks=blocks, sections=tuple(section(s) for s in value.sections))

    return replace(
        policy,
        title=translate("title", policy.title),
        change_note=translate("change_note", policy.change_note) if policy.change_note is not None else None,
        preamble=tuple(_localize_block(b, b.id, translate) for b in policy.preamble),
        sections=tuple(section(s) for s in policy.sections),
        facts=_localize_facts(policy.facts, translate),
    )


def _localize_block(block: Block, context: str, translate: Translate) -> Block:
    if isinstance(block, Paragraph):
        return replace(block, paragraph=translate(context, block.paragraph))
    if isinstance(block, ItemList):

        def item(value: ListItem, ctx: str) -> ListItem:
            here = f"{ctx}.{value.id}"
            return replace(value, text=translate(here, value.text), items=tuple(item(i, here) for i in value.items))

        return replace(block, list=tuple(item(i, context) for i in block.list))
    if isinstance(block, TableBlock):
        table = block.table
        columns = tuple(replace(c, title=translate(f"{context}.header.{c.id}", c.title)) for c in table.columns)

        def row(value: Row) -> Row:
            cells = {k: translate(f"{context}.{value.id}.{k}", v) for k, v in value.cells.items()}
            return replace(value, cells=FrozenMap(cells))

        return replace(block, table=replace(table, columns=columns, rows=tuple(row(r) for r in table.rows)))
    if isinstance(block, AddressBlock):
        return replace(block, address=translate(context, block.address))
    if isinstance(block, Note):
        return replace(block, note=translate(context, block.note))
    return block


def _localize_facts(registry: facts.Facts, translate: Translate) -> facts.Facts:
    changed: dict[str, Any] = {}
    for f in fields(registry):
        value = getattr(registry, f.name)
        if f.name in facts.LIST_KINDS:
            changed[f.name] = tuple(_localize_fact(item, f"facts.{f.name}.{item.id}", translate) for item in value)
        elif is_dataclass(value):
            changed[f.name] = _localize_fact(value, f"facts.{f.name}", translate)
    return replace(registry, **changed)


def _localize_fact(item: Any, context: str, translate: Translate) -> Any:
    hints = type_hints(type(item))
    changed = {
        f.name: translate(f"{context}.{f.name}", getattr(item, f.name))
        for f in fields(item)
        if isinstance(getattr(item, f.name), str) and _is_label(hints[f.name])
    }
    return replace(item, **changed) if changed else item
