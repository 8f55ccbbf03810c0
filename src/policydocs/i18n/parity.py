"""Translation parity: every number, date, address and link of a source string is in its translation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from ..policy.scalars import Message
from ..policy.textscan import EMAIL, URL_AFTER_SCHEME, Tokens

_TOKEN = Tokens(
    r"%\(\w+\)[sd]",  # a placeholder
    EMAIL,
    f"https?:{URL_AFTER_SCHEME}",  # a URL, bare or a Markdown link's target
    r"\d{4}-\d{2}-\d{2}",  # an ISO date
    r"\d+(?:[.,]\d+)*",  # a number
)


def tokens(text: str) -> Counter[str]:
    """The facts of a string that a translation must keep: numbers, dates, emails, URLs, placeholders."""
    found = Counter()
    for token in _TOKEN.findall(text):
        # "1,5" in French is "1.5" in English: compare numbers without their decimal mark.
        found[token.replace(",", ".") if token[0].isdigit() else token] += 1
    return found


@dataclass(frozen=True)
class Mismatch:
    """A translation that lacks facts of its source."""

    message: Message
    po_line: int
    missing: tuple[str, ...]

    def describe(self, display: str) -> str:
        lacking = ", ".join(f'"{t}"' for t in self.missing)
        return f'{display}:{self.po_line}: msgctxt "{self.message.context}" ({self.message.where}): lacks {lacking}'


def mismatches(catalog: Catalog, needed: list[Message]) -> list[Mismatch]:
    """The translated, non-fuzzy entries of ``needed`` lacking a fact of their source, in catalog order."""
    found: list[Mismatch] = []
    for message in needed:
        entry = catalog.get(message.text, context=message.context)
        if entry is None or not entry.string or entry.fuzzy or not isinstance(entry.string, str):
            continue
        missing = tokens(message.text) - tokens(entry.string)
        if missing:
            found.append(Mismatch(message, entry.lineno or 0, tuple(sorted(missing.elements()))))
    return sorted(found, key=lambda m: (m.po_line, m.message.context))
