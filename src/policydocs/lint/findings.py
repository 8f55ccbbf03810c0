"""The linter's shared types: a finding, a rule, its severity; the EEA and the rights every notice lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from ..policy.facts import EEA as EEA  # the countries of the EEA, where the rules read them

Severity = Literal["error", "warning", "info"]
"""Info is shown, never fails ``--strict``."""
RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability")


@dataclass(frozen=True)
class Finding:
    """One thing the policy fails to say, where, and why it matters."""

    rule: str
    severity: Severity
    message: str
    path: str
    file: str
    line: int
    column: int
    citation: str
    waived: str | None = None
    """The reason given in the config for accepting it, if it is waived."""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Described(Protocol):
    """What reports and waivers read of a rule."""

    @property
    def id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def citation(self) -> str: ...
    @property
    def summary(self) -> str: ...


def matches(name: str, finding: Finding) -> bool:
    """Whether a waiver (``rule-id`` or ``rule-id:id.path``) accepts a finding."""
    rule, _, path = name.partition(":")
    return finding.rule == rule and (not path or finding.path == path)


def waive(findings: Iterable[Finding], waivers: Mapping[str, str]) -> list[Finding]:
    """``findings`` with the reason of the waiver that accepts each (by rule and path first, then by rule)."""
    out = []
    for f in findings:
        reason = waivers.get(f"{f.rule}:{f.path}") or waivers.get(f.rule)
        out.append(replace(f, waived=reason) if reason else f)
    return out
