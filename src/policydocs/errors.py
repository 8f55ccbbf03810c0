"""The exceptions policydocs raises, each able to print where the problem is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        return f"{where} {self.path}: {self.message}" if self.path else f"{where} {self.message}"


class PolicyError(Exception):
    """Base of every error policydocs raises on purpose."""


class DataError(PolicyError):
    """The policy data is invalid: carries every problem found, sorted by position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        files = sorted({p.file for p in self.problems})
        noun = "problem" if count == 1 else "problems"
        lines.append(f"{count} {noun} in {', '.join(files)}")
        return "\n".join(lines)


class CatalogError(PolicyError):
    """A translation catalog is missing, unreadable or incomplete for a published locale."""


class ConfigError(PolicyError):
    """The project configuration (mkdocs.yml plugin options) is wrong."""


class TemplateError(PolicyError):
    """A page template is missing or fails to render."""
