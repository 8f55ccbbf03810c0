"""Waivers: linter findings a project accepts in mkdocs.yml, each with its reason."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ConfigError, Problem
from ..project import Project
from . import ALL_RULES
from .findings import Described


def check_waivers(project: Project, rules: Iterable[Described] = ALL_RULES) -> None:
    """Every waiver names a rule that exists (among ``rules``); raise a ConfigError listing those that do not."""
    known = {rule.id for rule in rules}
    where = {name: (line, column) for name, line, column in project.waiver_lines}
    problems = [
        Problem(
            project.config_file,
            *where.get(name, (0, 0)),
            "plugins.policydocs.waive",
            f'no rule "{name}" (rules: {", ".join(sorted(known))})',
        )
        for name, _ in project.waivers
        if name.split(":", 1)[0] not in known
    ]
    if problems:
        raise ConfigError(problems=problems)
