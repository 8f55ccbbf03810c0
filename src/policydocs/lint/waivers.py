"""Waivers: linter findings a project accepts in mkdocs.yml, each with its reason; and those that accept nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..errors import ConfigError, Problem
from ..options import Options
from .findings import Described, Finding, matches
from .rules import RULES, Rule, View
from .translation import TRANSLATION_PARITY


def _no_data_check(view: View) -> Iterator[tuple[tuple[str, tuple[int, int]], str]]:
    """The data alone cannot hold a waiver: mkdocs.yml's are checked against the findings, by ``unused``."""
    return iter(())


UNUSED_WAIVER = Rule(
    "unused-waiver",
    "warning",
    "consistency",
    "every waiver accepts a finding (one that accepts nothing would silently accept a later one)",
    _no_data_check,
    "Remove the waiver from mkdocs.yml (plugins.policydocs.waive), or correct its rule id or its id path "
    "(`rule-id:kind.id`, as the finding it means names it).",
)
"""A waiver that matches no finding: stale, or misspelt in its path; the company removes or corrects it."""

ALL_RULES = (*RULES, TRANSLATION_PARITY, UNUSED_WAIVER)
"""Every rule, for reports and waivers."""


def check_waivers(options: Options, rules: Iterable[Described] | None = None) -> None:
    """Every waiver names a rule that exists (among ``rules``); raise a ConfigError listing those that do not."""
    if rules is None:
        rules = ALL_RULES
    known = {rule.id for rule in rules}
    where = {name: (line, column) for name, line, column in options.waiver_lines}
    problems = [
        Problem(
            options.config_file,
            *where.get(name, (0, 0)),
            "plugins.policydocs.waive",
            f'no rule "{name}" (rules: {", ".join(sorted(known))})',
        )
        for name, _ in options.waivers
        if name.split(":", 1)[0] not in known
    ]
    if problems:
        raise ConfigError(problems=problems)


def unused(options: Options, findings: Sequence[Finding]) -> list[Finding]:
    """The waivers of a rule that exists which accept none of ``findings``, each at its line in mkdocs.yml.

    A waiver of a rule that does not exist is ``check_waivers``' error, not said twice.
    """
    known = {rule.id for rule in ALL_RULES}
    where = {name: (line, column) for name, line, column in options.waiver_lines}
    return [
        Finding(
            UNUSED_WAIVER.id,
            UNUSED_WAIVER.severity,
            f'the waiver "{name}" accepts no finding: remove it, or correct its rule or id path',
            f"plugins.policydocs.waive.{name}",
            options.config_file,
            *where.get(name, (0, 0)),
            UNUSED_WAIVER.citation,
        )
        for name, _ in options.waivers
        if name.partition(":")[0] in known and not any(matches(name, f) for f in findings)
    ]
