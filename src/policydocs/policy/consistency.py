"""The checks of a v2 policy that span more than one value: ids, anchors, depths and references."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from . import document, facts
from .document import Generated, ItemList, Paragraph, TableBlock
from .source import Node
from .validate import _did_you_mean

if TYPE_CHECKING:
    from .model import Policy

MAX_LEVEL = 4
RESERVED_SECTION_IDS = ("facts",)
"""Section ids that would clash with the msgctxt of the facts' labels (``facts.purposes.billing.label``)."""
RESERVED_BLOCK_IDS = ("title", "header")


def cross_check(policy: Policy, anchor_links: list[tuple[str, Node, str]]) -> list[Problem]:
    """Every problem between parts of a structurally sound policy, located."""
    problems: list[Problem] = []

    def at(yaml_path: str, path: str, message: str) -> None:
        line, column = policy.at(yaml_path)
        problems.append(Problem(policy.source_file, line, column, path, message))

    known = facts.index(policy.facts)
    anchors: dict[str, str] = {}
    for place in document.sections(policy.sections):
        section = place.value
        if place.context in anchors:
            at(f"{place.yaml_path}.id", place.context, f'the id "{section.id}" is used twice in the document')
        anchors.setdefault(place.context, place.yaml_path)
        if section.id in RESERVED_SECTION_IDS:
            at(f"{place.yaml_path}.id", place.context, f'the section id "{section.id}" is reserved')
        if place.level > MAX_LEVEL:
            at(place.yaml_path, place.context, "sections nest three deep at most (h2, h3, h4)")
        if (section.title is None) == (section.title_from is None):
            at(place.yaml_path, place.context, 'a section needs "title" or "title_from", not both')
        if section.title_from is not None:
            target = facts.resolve(section.title_from, known)
            if target is None:
                message = f'no fact "{section.title_from}"{_suggest(section.title_from, known)}'
                at(f"{place.yaml_path}.title_from", place.context, message)
            elif target.field is not None or not hasattr(target.value, "name"):
                message = f'"{section.title_from}" has no name to be a heading'
                at(f"{place.yaml_path}.title_from", place.context, message)
        problems.extend(_runs(policy, section.blocks, place.context, f"{place.yaml_path}.blocks"))
    problems.extend(_runs(policy, policy.preamble, "preamble", "preamble"))
    for place in document.blocks(policy.preamble, policy.sections):
        block = place.value
        if place.context in anchors:
            at(place.yaml_path, place.context, f'the id path "{place.context}" is used twice in the document')
        anchors.setdefault(place.context, place.yaml_path)
        if block.id in RESERVED_BLOCK_IDS:
            at(f"{place.yaml_path}.id", place.context, f'the block id "{block.id}" is reserved')
        for ref, yaml_path in _claims(block, place.yaml_path):
            if facts.resolve(ref, known) is None:
                at(yaml_path, place.context, f'no fact "{ref}"{_suggest(ref, known)}')
        if isinstance(block, TableBlock):
            problems.extend(_table(policy, block, place.context, place.yaml_path))
        if isinstance(block, Generated) and not _renders(policy.facts, block.generated):
            message = f'generated "{block.generated}" renders nothing: there are no such facts'
            at(place.yaml_path, place.context, message)
    for target, node, path in anchor_links:
        if target not in anchors:
            hint = _did_you_mean(target, sorted(anchors))
            problems.append(
                Problem(policy.source_file, node.line, node.column, path, f'no section or block "#{target}"{hint}')
            )
    problems.extend(_fact_references(policy, known))
    if policy.source_locale not in policy.binding_locales:
        at("binding_locales", "binding_locales", f'the source locale "{policy.source_locale}" must be binding')
    if not policy.facts.rights.list:
        message = "lists no right: a policy tells its readers their rights (GDPR Art. 13(2)(b)); list those it states"
        at("facts.rights.list", "facts.rights.list", message)
    return problems


def _suggest(ref: str, known: dict[str, Any]) -> str:
    return _did_you_mean(ref, sorted(known))


def _claims(block: Any, yaml_path: str) -> Iterator[tuple[str, str]]:
    """``(fact id, yaml path)`` of every ``states:`` entry of a block, its items and rows."""
    for index, ref in enumerate(getattr(block, "states", ())):
        yield ref, f"{yaml_path}.states.{index}"
    if isinstance(block, ItemList):
        for _, path, item, _ in document.items(block, "", yaml_path):
            for index, ref in enumerate(item.states):
                yield ref, f"{path}.states.{index}"
    if isinstance(block, TableBlock):
        for row in block.table.rows:
            for index, ref in enumerate(row.states):
                yield ref, f"{yaml_path}.table.rows.{row.id}.states.{index}"


def _runs(policy: Policy, blocks: tuple[Any, ...], context: str, yaml_path: str) -> Iterator[Problem]:
    """A paragraph runs on only from a paragraph just before it."""
    for index, block in enumerate(blocks):
        first = index == 0 or not isinstance(blocks[index - 1], Paragraph)
        if isinstance(block, Paragraph) and block.same_paragraph and first:
            line, column = policy.at(f"{yaml_path}.{block.id}.same_paragraph")
            yield Problem(
                policy.source_file,
                line,
                column,
                f"{context}.{block.id}",
                "a paragraph can run on only from a paragraph just before it",
            )


def _table(policy: Policy, block: TableBlock, context: str, yaml_path: str) -> Iterator[Problem]:
    columns = [c.id for c in block.table.columns]
    for row in block.table.rows:
        where = f"{yaml_path}.table.rows.{row.id}.cells"
        line, column = policy.at(where)
        missing = [c for c in columns if c not in row.cells]
        unknown = [c for c in row.cells if c not in columns]
        if missing:
            names = ", ".join(f'"{c}"' for c in missing)
            yield Problem(policy.source_file, line, column, f"{context}.{row.id}", f"no cell for column {names}")
        for name in unknown:
            hint = _did_you_mean(name, columns)
            yield Problem(policy.source_file, line, column, f"{context}.{row.id}", f'no column "{name}"{hint}')


def _renders(registry: facts.Facts, kind: str) -> bool:
    value = getattr(registry, facts.GENERATED_KINDS[kind])
    return value is not None and value != ()


def _fact_references(policy: Policy, known: dict[str, Any]) -> Iterator[Problem]:
    """Facts that name other facts (audiences, data categories) name ones that exist."""
    registry = policy.facts
    kinds = {"audiences": {a.id for a in registry.audiences}, "data": {d.id for d in registry.data}}
    for kind in facts.LIST_KINDS:
        for item in getattr(registry, kind):
            for name, targets in kinds.items():
                for index, ref in enumerate(getattr(item, name, ()) if kind != name else ()):
                    if ref not in targets:
                        line, column = policy.at(f"facts.{kind}.{item.id}.{name}.{index}")
                        yield Problem(
                            policy.source_file,
                            line,
                            column,
                            f"{kind}.{item.id}",
                            f'no {name} "{ref}"{_did_you_mean(ref, sorted(targets))}',
                        )
    for email in registry.communications:
        if email.optional and email.enabled_by_default is None:
            line, column = policy.at(f"facts.communications.{email.id}")
            yield Problem(
                policy.source_file,
                line,
                column,
                f"communications.{email.id}",
                'an optional email needs "enabled_by_default: true" or "false"',
            )
    for purpose in registry.purposes:
        if purpose.legitimate_interest is not None and purpose.legal_basis != "legitimate-interests":
            line, column = policy.at(f"facts.purposes.{purpose.id}.legitimate_interest")
            yield Problem(
                policy.source_file,
                line,
                column,
                f"purposes.{purpose.id}",
                'a legitimate interest goes with "legal_basis: legitimate-interests"',
            )
