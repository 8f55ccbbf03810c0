"""Read a format-1 policy file: validated by its own model (``format1.model``), its references checked."""

from __future__ import annotations

from pathlib import Path

from ...errors import DataError, Problem
from .. import source
from ..source import Node
from ..validate import INVALID, Builder, _did_you_mean
from . import model


def _cross_check(policy: model.Policy, builder: Builder) -> None:
    """References between entities point at something that exists."""

    def at(id_path: str, path: str, message: str) -> None:
        line, column = builder.positions.get(id_path, (1, 1))
        builder.problems.append(Problem(builder.file, line, column, path, message))

    audiences = {a.id: a for a in policy.personal_data.audiences}
    purposes = {p.id for p in policy.purposes}
    stated: set[str] = set()
    for ai, audience in enumerate(policy.personal_data.audiences):
        for ui, use in enumerate(audience.uses):
            for pi, ref in enumerate(use.purposes):
                stated.add(ref)
                if ref not in purposes:
                    at(
                        f"personal_data.audiences.{audience.id}.uses.{use.id}.purposes.{pi}",
                        f"personal_data.audiences[{ai}].uses[{ui}].purposes[{pi}]",
                        f'no purpose has the id "{ref}"{_did_you_mean(ref, sorted(purposes))}',
                    )
    for index, purpose in enumerate(policy.purposes):
        if purpose.id not in stated:
            at(f"purposes.{purpose.id}", f"purposes[{index}]", f'purpose "{purpose.id}" is stated by no use')
    for ri, rule in enumerate(policy.retention.rules):
        for ai, ref in enumerate(rule.audiences):
            if ref not in audiences:
                at(
                    f"retention.rules.{rule.id}.audiences.{ai}",
                    f"retention.rules[{ri}].audiences[{ai}]",
                    f'no audience has the id "{ref}"{_did_you_mean(ref, sorted(audiences))}',
                )
    categories = {f"{a.id}.{c.id}" for a in audiences.values() for c in a.categories}
    for pi, processor in enumerate(policy.processors.processors):
        for di, ref in enumerate(processor.data):
            if ref not in categories:
                at(
                    f"processors.processors.{processor.id}.data.{di}",
                    f"processors.processors[{pi}].data[{di}]",
                    f'no data category "{ref}" (write it as audience-id.category-id)'
                    f"{_did_you_mean(ref, sorted(categories))}",
                )
    for ei, email in enumerate(policy.communications.emails):
        if email.optional and email.enabled_by_default is None:
            at(
                f"communications.emails.{email.id}",
                f"communications.emails[{ei}]",
                'an optional email needs "enabled_by_default: true" or "false"',
            )
    for path, value, _ in model.walk(policy):
        if isinstance(value, tuple) and value and getattr(value[0], "same_paragraph", False):
            at(f"{path}.{value[0].id}.same_paragraph", path, "the first paragraph cannot run on from a previous one")
    if policy.source_locale not in policy.binding_locales:
        at("binding_locales", "binding_locales", f'the source locale "{policy.source_locale}" must be binding')


def build(tree: Node, file: str, duplicate_problems: list[Problem] = ()) -> model.Policy:  # type: ignore[assignment]
    """Validate a node tree into a Policy; raise DataError listing every problem."""
    builder = Builder(file)
    builder.problems.extend(duplicate_problems)
    policy = builder.build(tree, model.Policy, "", "")
    # References are checked on a sound structure only, so one typo gives one message.
    if policy is not INVALID and not builder.problems:
        _cross_check(policy, builder)
    if builder.problems:
        raise DataError(builder.problems)
    return _with_positions(policy, builder.positions, file)


def _with_positions(policy: model.Policy, positions: dict[str, tuple[int, int]], file: str) -> model.Policy:
    from dataclasses import replace

    return replace(policy, positions=model.FrozenMap(dict(positions)), source_file=file)


def load(path: Path, display: str | None = None) -> model.Policy:
    """Read, parse and validate a policy file."""
    file = display or str(path)
    tree, problems = source.read(path, file)
    return build(tree, file, problems)


def loads(text: str, file: str = "data/policy.yml") -> model.Policy:
    """Parse and validate policy YAML given as text."""
    tree, problems = source.parse(text, file)
    return build(tree, file, problems)
