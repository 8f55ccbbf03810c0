"""The scalar types both formats of policy.yml share, and ``Message``, the catalog entry of a string.

The validator builds a policy from YAML by reading its classes' type hints, so a field's type *is* its
schema: prose shown to readers has the type ``Text`` (translated through gettext); short labels used in
summaries and exports have the type ``Label`` (translated too); everything else is a fact that is the same
in every language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, NewType

Id = NewType("Id", str)
"""A stable kebab-case identifier: an anchor on the pages and a msgctxt part."""

Text = NewType("Text", str)
"""Prose shown to readers, in the source locale; translated through gettext."""

Label = NewType("Label", str)
"""A short name for summaries and exports, not shown in the policy's body; translated."""

Name = NewType("Name", str)
"""A proper name, the same in every language (a company, an authority)."""

Email = NewType("Email", str)

LocaleCode = NewType("LocaleCode", str)

CountryCode = NewType("CountryCode", str)
"""An ISO 3166-1 alpha-2 country code such as "FR" or "US"."""

TRANSLATABLE = (Text, Label)


class FrozenMap(dict):  # type: ignore[type-arg]
    """A mapping that cannot be changed once made (and, unlike MappingProxyType, can be pickled)."""

    def _frozen(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a FrozenMap cannot be changed")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _frozen  # type: ignore[assignment]
    __ior__ = _frozen  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


_DURATION = re.compile(
    r"P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)


@dataclass(frozen=True, order=True)
class Duration:
    """An ISO 8601 duration of whole years, months, weeks, days, hours, minutes, seconds (``P1Y``, ``PT30M``)."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read ``P1Y``-style text; raise ValueError on anything else."""
        match = _DURATION.fullmatch(text)
        if not match or text == "P" or text.endswith("T"):
            raise ValueError(text)
        return cls(**{k: int(v) for k, v in match.groupdict().items() if v})

    def __str__(self) -> str:
        parts = [(self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D")]
        time = [(self.hours, "H"), (self.minutes, "M"), (self.seconds, "S")]
        clock = "".join(f"{n}{unit}" for n, unit in time if n)
        return "P" + "".join(f"{n}{unit}" for n, unit in parts if n) + (f"T{clock}" if clock else "")

    def approximate_days(self) -> float:
        """Length in days, months counted as 30 and years as 365: for comparing only."""
        return self.years * 365 + self.months * 30 + self.weeks * 7 + self.days + self.approximate_seconds() / 86400

    def approximate_seconds(self) -> int:
        """The part under a day, in seconds."""
        return self.hours * 3600 + self.minutes * 60 + self.seconds

    def canonical(self) -> tuple[int, int, int]:
        """(months, days, seconds): equal for equal periods (twelve months is one year, two weeks 14 days)."""
        return (self.years * 12 + self.months, self.weeks * 7 + self.days, self.approximate_seconds())


@dataclass(frozen=True)
class Message:
    """A translatable string of the policy with its msgctxt and where it is written."""

    context: str
    text: str
    line: int
    kind: str  # "Text", "Label" or "Template"
    comment: str
    file: str = "data/policy.yml"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """A model class's resolved field types (``typing.get_type_hints`` is slow: this is asked often)."""
    from typing import get_type_hints

    return get_type_hints(cls)
