"""The exceptions policydocs raises, each carrying the located problems it is about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, at a 1-based line and column (0 when the whole file is meant)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    details: tuple[str, ...] = field(default=(), compare=False)
    """Lines that detail the problem (the strings a catalog lacks), printed indented under it."""

    def __str__(self) -> str:
        where = self.file + "".join(f":{n}" for n in (self.line, self.column) if n) + ":"
        return f"{where} {self.path}: {self.message}" if self.path else f"{where} {self.message}"

    def lines(self) -> list[str]:
        """The problem and its details, as the CLI prints them."""
        return [str(self), *(f"  {detail}" for detail in self.details)]


class PolicyError(Exception):
    """Base of every error policydocs raises on purpose: a message, or the problems it is made of."""

    def __init__(
        self,
        message: str | None = None,
        problems: Sequence[Problem] = (),
        *,
        file: str | None = None,
        line: int = 0,
        column: int = 0,
    ) -> None:
        """``message`` about ``file`` (at ``line`` and ``column``) is one located problem; else ``problems``."""
        if file is not None and message is not None:
            problems = [Problem(str(file), line, column, "", message), *problems]
            message = None
        self.problems = list(problems)
        if message is None:
            message = "\n".join(line for problem in self.problems for line in problem.lines())
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # As it is, whatever its class's constructor takes: an error crosses processes (a locale built in another).
        return _rebuilt, (type(self), str(self), self.__dict__)


def _rebuilt(kind: type[PolicyError], message: str, state: dict[str, Any]) -> PolicyError:
    """An error as ``__reduce__`` gave it: its class, its message, its attributes (its problems among them)."""
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class DataError(PolicyError):
    """The policy data is invalid: carries every problem found, sorted by position."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems=sorted(problems))
        self.args = (self.report(),)

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
    """The project configuration (mkdocs.yml and the plugin's options) is wrong."""


class ReleaseError(PolicyError):
    """The data cannot be published as it is against the releases (undated change, nothing released)."""


class ReleaseRefused(PolicyError):
    """The release cannot be made; nothing was written."""

    def __init__(
        self,
        message: str,
        changes: Sequence[Any] | None = None,
        advice: str = "",
        *,
        file: str | None = None,
        line: int = 0,
        column: int = 0,
    ) -> None:
        super().__init__(message, file=file, line=line, column=column)
        self.changes = list(changes or [])
        """The items that make a change material (``versions.summary.Change``), when that is why it was refused."""
        self.advice = advice
        """What to do, said after the items."""


class TemplateError(PolicyError):
    """A page template is missing or fails to render."""
