"""The tie of text and facts: every fact is shown to the reader, and every text agrees with what it states.

A block states facts with ``states:``; a ``generated`` block renders a kind of
facts; a section's ``title_from`` shows a fact's name. ``check`` reports, in
the source locale and every locale given, a fact no reader sees and a text
that lacks a number, name, email, address or country of a fact it states.
Every search runs in time linear in the text (see PITFALLS: no regular
expression that backtracks on a long word).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..words import territory_names
from . import document, facts
from .document import AddressBlock, Generated, ItemList, Note, Paragraph, TableBlock
from .scalars import Duration

if TYPE_CHECKING:
    from .model import Policy


@dataclass(frozen=True)
class Claim:
    """Facts stated by a piece of the document, and the strings whose text must agree with them."""

    context: str
    """The id path of what states them (a block, a list item, a table row, a section)."""
    yaml_path: str
    """Where it is written, for the problem's line and column."""
    states: tuple[str, ...]
    """The fact ids it states."""
    contexts: tuple[str, ...]
    """The msgctxts of its text; empty when the text is made from the fact itself (``title_from``)."""
    sources: tuple[str, ...]
    """The source text of each msgctxt."""


def claims(policy: Policy) -> Iterator[Claim]:
    """Every claim of the document, in reading order."""
    for place in document.sections(policy.sections):
        if place.value.title_from:
            # The heading shows the fact's name only, made from the fact: nothing to check in a text.
            name = f"{place.value.title_from}.name"
            yield Claim(place.context, f"{place.yaml_path}.title_from", (name,), (), ())
    for place in document.blocks(policy.preamble, policy.sections):
        block = place.value
        texts = list(document.block_texts(block, place.context, place.yaml_path))
        if isinstance(block, Paragraph | AddressBlock | Note | ItemList | TableBlock) and block.states:
            yield _claim(place.context, place.yaml_path, block.states, texts)
        if isinstance(block, ItemList):
            for context, yaml_path, item, _ in document.items(block, place.context, place.yaml_path):
                if item.states:
                    own = [t for t in texts if t[0] == context or t[0].startswith(f"{context}.")]
                    yield _claim(context, yaml_path, item.states, own)
        if isinstance(block, TableBlock):
            for row in block.table.rows:
                if row.states:
                    context = f"{place.context}.{row.id}"
                    own = [t for t in texts if t[0].startswith(f"{context}.")]
                    yield _claim(context, f"{place.yaml_path}.table.rows.{row.id}", row.states, own)


def _claim(context: str, yaml_path: str, states: tuple[str, ...], texts: list[tuple[str, str, str]]) -> Claim:
    return Claim(context, yaml_path, states, tuple(t[0] for t in texts), tuple(t[1] for t in texts))


def generated_facts(policy: Policy) -> set[str]:
    """The facts that generated blocks render."""
    kinds = {
        facts.GENERATED_KINDS[p.value.generated]
        for p in document.blocks(policy.preamble, policy.sections)
        if isinstance(p.value, Generated)
    }
    return {fact for fact in facts.index(policy.facts) if fact.split(".")[0] in kinds}


def shown(policy: Policy) -> set[str]:
    """``fact`` and ``fact.field`` for everything a reader sees, stated or generated: what rules may read."""
    known = facts.index(policy.facts)
    seen: set[str] = set()
    for fact in generated_facts(policy):
        seen.add(fact)
        rendered = facts.GENERATED_FIELDS[fact.split(".")[0]]
        seen.update(f"{fact}.{name}" for name in facts.field_names(type(known[fact])) if name in rendered)
    for claim in claims(policy):
        for ref in claim.states:
            target = facts.resolve(ref, known)
            if target is None:
                continue
            seen.add(target.fact)
            names = (target.field,) if target.field else facts.field_names(type(target.value))
            seen.update(f"{target.fact}.{name}" for name in names)
    return seen


def unseen(policy: Policy) -> list[Problem]:
    """Facts that no block states and no generated block renders: a fact no reader sees."""
    seen = shown(policy)
    problems = []
    for fact, value in facts.index(policy.facts).items():
        if fact in seen or facts.is_none(value):
            continue
        kind, _, rest = fact.partition(".")
        line, column = policy.at(f"facts.{kind}.{rest}" if rest else f"facts.{kind}")
        problems.append(
            Problem(
                policy.source_file,
                line,
                column,
                fact,
                "a fact no reader sees: no block states it and no generated block renders it",
            )
        )
    return problems


def _words(text: str) -> str:
    """What a text shows: its words, and the address of each link (a link shows where it goes)."""
    return " ".join(f"{label} {target}" if kind == "link" else label for kind, label, target in document.spans(text))


def disagreement(text: str, how: str, value: Any, locale: str) -> str | None:
    """Why ``text`` does not show ``value`` (looked for as ``how``), or None when it does."""
    if how == "duration":
        return _duration(text, value)
    if how in ("name", "email", "url"):
        return None if _has(text, str(value)) else f'the {how} "{value}" is missing'
    if how == "address":
        flat = " ".join(text.split())
        for part in str(value).replace("\n", ",").split(","):
            part = " ".join(part.split())
            if part and part not in flat:
                return f'the address line "{part}" is missing'
        return None
    names = territory_names(str(value), locale)
    if any(_has(text, name) for name in names):
        return None
    spelled = " or ".join(f'"{n}"' for n in names)
    return f"the country {value} is missing (write {spelled})"


def _duration(text: str, value: Duration) -> str | None:
    needed = [str(n) for n in (value.years, value.months, value.weeks, value.days) if n]
    given = numbers(text)
    missing = [n for n in needed if n not in given]
    if not missing:
        return None
    shown = sorted(set(given), key=lambda n: (len(n), n))
    says = ", ".join(n if len(n) <= 12 else f"{n[:12]}…" for n in shown[:5]) if given else "no number"
    return f'the duration {value} needs "{missing[0]}", the text gives {says}'


def numbers(text: str) -> list[str]:
    """The whole numbers written in digits in a text, in one pass, without leading zeros.

    Kept as strings: ``int()`` of a megabyte of digits is refused (and slow).
    """
    found: list[str] = []
    start = -1
    for index, char in enumerate(text):
        if "0" <= char <= "9":
            if start < 0:
                start = index
        elif start >= 0:
            found.append(text[start:index].lstrip("0") or "0")
            start = -1
    if start >= 0:
        found.append(text[start:].lstrip("0") or "0")
    return found


def _has(text: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``text`` as a whole word (not inside a longer name or address)."""
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        after_next = text[end + 1] if end + 1 < len(text) else " "
        if not _word(before) and not (_word(after) or (after in ".-@" and _word(after_next))):
            return True
        start = text.find(needle, start + 1)
    return False


def _word(char: str) -> bool:
    return char.isalnum() or char in "_@"
