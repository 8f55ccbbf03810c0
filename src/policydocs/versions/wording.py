"""The sentences that state facts, compared across two versions in every language: what was reworded, what was not.

A fact declared anew whose sentence was already there, word for word, is a
practice the policy now states explicitly, not a new one; a sentence that
states a fact and was reworded, while the fact stayed the same, may say
something else than before: only its reader can tell, so it is never
passed over as editorial. The unit is a claim (``agreement.claims``): a
block, list item or table row with the facts it states.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..policy import agreement, facts
from ..policy.model import Policy
from .redline import SectionDiff

Translations = Mapping[str, Mapping[str, str]]
"""Per non-source locale: msgctxt → text (a release's ``text``)."""

LITERAL_FIELDS = frozenset({"name", "email", "privacy_email", "url", "list_url"})
"""Fields a sentence states by showing the value itself: while the value still stands in the sentence,
in every language, a rewording around it does not change what the sentence says of that field."""


@dataclass(frozen=True)
class Stating:
    """A claim of one version: the facts a piece of text states, and that text in every compared language."""

    context: str
    states: tuple[str, ...]
    contexts: tuple[str, ...]
    """The msgctxts of its text: the redline's block paths."""
    texts: tuple[tuple[str | None, ...], ...]
    """The claim's strings in the version's own language, then in each compared locale (None: not translated)."""


def stating(policy: Policy, tables: Translations | None, locales: tuple[str, ...]) -> dict[str, Stating]:
    """Every claim of ``policy`` with its text, by context (the id path of the stating block, item or row)."""
    found: dict[str, Stating] = {}
    for claim in agreement.claims(policy):
        if not claim.contexts:
            continue  # a heading made from the fact itself: no wording to compare
        texts: list[tuple[str | None, ...]] = [claim.sources]
        for locale in locales:
            table = (tables or {}).get(locale, {})
            texts.append(tuple(table.get(context) for context in claim.contexts))
        found[claim.context] = Stating(claim.context, claim.states, claim.contexts, tuple(texts))
    return found


def shared_locales(old: Translations | None, new: Translations | None) -> tuple[str, ...]:
    """The locales both versions have a translation in: where a rewording can be seen."""
    return tuple(sorted(set(old or {}) & set(new or {})))


def says(refs: Iterable[str], fact: str) -> bool:
    """Whether a claim stating ``refs`` states ``fact`` (``kind.id``, ``kind`` or ``kind.id.field``), or part of it."""
    return any(ref == fact or fact.startswith(f"{ref}.") or ref.startswith(f"{fact}.") for ref in refs)


class Wording:
    """The stating sentences of two versions side by side."""

    def __init__(
        self,
        old: Policy,
        new: Policy,
        translations: tuple[Translations | None, Translations | None] | None = None,
        redlined: list[SectionDiff] | None = None,
    ) -> None:
        old_tables, new_tables = translations or (None, None)
        locales = shared_locales(old_tables, new_tables)
        self.locales = locales
        self.old, self.new = old, new
        self.before = stating(old, old_tables, locales)
        self.after = stating(new, new_tables, locales)
        self.known_old, self.known_new = facts.index(old.facts), facts.index(new.facts)
        self.paths = [block.path for section in redlined or () for block in section.blocks]
        self.path_set = set(self.paths)

    def unchanged(self, claim: Stating, other: Mapping[str, Stating]) -> bool:
        there = other.get(claim.context)
        return there is not None and there.texts == claim.texts

    def newly_stated(self, fact: str, *, removed: bool = False) -> bool:
        """Whether every sentence stating ``fact`` (in the new version; the old one for a removal) is in the
        other version too, word for word in every language: the facts changed, not what the policy says."""
        side, other = (self.before, self.after) if removed else (self.after, self.before)
        claims = [claim for claim in side.values() if says(claim.states, fact)]
        return bool(claims) and all(self.unchanged(claim, other) for claim in claims)

    def reworded(self) -> list[tuple[str, str]]:
        """``(context, fact)`` for each fact stated by a sentence added, removed or reworded in any language,
        unless the rewording provably leaves it alone (a literal field still shown as it was)."""
        found: list[tuple[str, str]] = []
        for context in [*self.after, *(c for c in self.before if c not in self.after)]:
            new, old = self.after.get(context), self.before.get(context)
            if new is not None and old is not None and new.texts == old.texts:
                continue
            refs = [*(new.states if new else ()), *(old.states if old else ())]
            for ref in dict.fromkeys(refs):
                target = facts.resolve(ref, self.known_new) or facts.resolve(ref, self.known_old)
                if target is None or self._untouched(ref, old, new):
                    continue
                found.append((context, target.fact))
        return found

    def translations_only(self, context: str) -> tuple[str, ...]:
        """The translations (locales) in which the sentence at ``context`` was reworded, when its text in the
        version's own language is unchanged; empty when that text changed (or the sentence is new or gone)."""
        new, old = self.after.get(context), self.before.get(context)
        if new is None or old is None or new.texts[0] != old.texts[0]:
            return ()
        return tuple(
            locale for locale, now, was in zip(self.locales, new.texts[1:], old.texts[1:], strict=True) if now != was
        )

    def _untouched(self, ref: str, old: Stating | None, new: Stating | None) -> bool:
        if old is None or new is None:
            return False
        before, after = facts.resolve(ref, self.known_old), facts.resolve(ref, self.known_new)
        if before is None or after is None or before.field not in LITERAL_FIELDS or after.field != before.field:
            return False
        if before.fact.startswith("authorities."):
            return False  # a sentence naming the authority says how to complain: its rewording is the reader's

        value = getattr(after.value, after.field)
        if value is None or value != getattr(before.value, before.field):
            return False
        return all(_shows(texts, str(value)) for side in (old, new) for texts in side.texts)

    def block_of(self, fact: str, *, removed: bool = False) -> str:
        """The redline block of the first sentence stating ``fact`` (new version first; old first for a
        removal), or "" when no sentence states it (a generated table, a heading made from it)."""
        for side in (self.before, self.after) if removed else (self.after, self.before):
            for claim in side.values():
                if says(claim.states, fact) and self.link(claim.context):
                    return self.link(claim.context)
        return ""

    def link(self, path: str) -> str:
        """The redline block that ``path`` (a block, item or row) is shown as, or "" when it shows none."""
        if not path:
            return ""
        if path in self.path_set:
            return path
        return next((p for p in self.paths if p.startswith(f"{path}.")), "")

    def contexts_of(self, context: str) -> set[str]:
        """The msgctxts (redline block paths) of a claim's text, in either version."""
        return {c for side in (self.before, self.after) if context in side for c in side[context].contexts}


def _shows(texts: tuple[str | None, ...], value: str) -> bool:
    """Whether a claim's text (in one language) shows ``value``; an untranslated text shows nothing to compare."""
    present = [t for t in texts if t is not None]
    return not present or value in " ".join(present)


def fact_of(fact: str, known: Mapping[str, Any]) -> str:
    """The whole fact a fact id or field id belongs to (``rights.email`` → ``rights``)."""
    target = facts.resolve(fact, known)
    return target.fact if target is not None else fact
