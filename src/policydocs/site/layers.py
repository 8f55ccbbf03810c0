"""The layers before the full text (WP260's first layer): the facts a reader is shown, named and placed.

The at-a-glance summary (``glance``) and the picture of where the data goes
(``flow``) read a localized policy through ``Reading``: only the facts a
block states or a generated block renders (``agreement.shown``), each named
the way the page names it (a label, else the heading or the words that state
it) and placed at the anchor of the block that states it (or of its section
when that block has no anchor of its own: the full text's Markdown is never
changed to make one).
"""

from __future__ import annotations

import collections
import html
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..lint.findings import EEA
from ..policy import agreement, document, facts, verify
from ..policy.document import Generated
from ..policy.model import Policy
from ..policy.scalars import Duration
from ..policy.statements import Statements
from ..words import format_duration, territory_name
from .document import link_targets
from .markup import Markdown

INSIDE_EEA = EEA | {"EU", "EEA"}
"""Codes of places inside the European Economic Area: its countries, the EU and the EEA itself."""

LONGEST_NAME = 60
"""Longer words than this, before a list item's colon, are a sentence rather than a name."""
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def plain(word: object) -> str:
    """A page word as plain text: the renderer gives Markdown (backslashes, entities); the layers write HTML."""
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", str(word)))


def words_of(words: Mapping[str, Any]) -> dict[str, Any]:
    """The template's words as plain text, nested mappings included (keys kept: None stays None)."""
    return {key: words_of(value) if isinstance(value, Mapping) else plain(value) for key, value in words.items()}


def fill(pattern: str, **values: str) -> str:
    """Put plain values into a plain pattern's ``%(name)s`` placeholders (no %-formatting: "100 %" is safe)."""
    for name, value in values.items():
        pattern = pattern.replace(f"%({name})s", value)
    return pattern


def lead(text: str) -> str:
    """What a list item names before its details: "Billing data: means of payment…" → "Billing data"."""
    words = document.plain(text).strip()
    head, colon, _ = words.partition(":")
    name = head.strip() if colon and head.strip() else words
    return name.rstrip(" .;…")


@dataclass(frozen=True)
class Quote:
    """The binding words of a block that states a fact, in the page's language, and the anchor to link to."""

    anchor: str
    words: str


@dataclass(frozen=True)
class Place:
    """Where the page says something: an anchor of the page and the heading a reader knows it by."""

    anchor: str
    title: str


class Reading:
    """A localized policy as its reader is shown it: which facts, by which names, said where."""

    def __init__(self, policy: Policy, locale: str) -> None:
        self.policy = policy
        self.locale = locale
        self.facts = policy.facts
        self.shown = agreement.shown(policy)
        self.statements = Statements(policy)
        self.anchored = link_targets(policy)
        self.quoted = verify.quoted_fields(policy)
        self._stating: dict[str, list[Quote]] | None = None
        self._sharing = collections.Counter(
            stated.block for c in policy.facts.data if (stated := self.statements.place(f"data.{c.id}")) is not None
        )
        """How many data categories each block states: a text stating several names none of them alone."""
        self.generated: dict[str, Place] = {}
        titles = {p.context: self._title(p.value) for p in document.sections(policy.sections)}
        for place in document.blocks(policy.preamble, policy.sections):
            if isinstance(place.value, Generated):
                section = place.context.rpartition(".")[0]
                kind = facts.GENERATED_KINDS[place.value.generated]
                anchor = section or place.context
                self.generated.setdefault(kind, Place(anchor, titles.get(section, policy.title)))

    def _title(self, section: Any) -> str:
        if section.title is not None:
            return document.plain(str(section.title))
        target = facts.resolve(str(section.title_from), self.statements.known)
        return str(getattr(target.value, "name", section.id)) if target else section.id

    def sees(self, fact: str) -> bool:
        """Whether the reader is shown ``fact`` (``kind.id``, ``kind`` or ``kind.id.field``)."""
        return fact in self.shown

    def place(self, fact: str) -> Place | None:
        """Where the page states ``fact``: its block's anchor when it has one, else its section's."""
        stated = self.statements.place(fact) or self.statements.place(fact.rpartition(".")[0])
        if stated is not None:
            anchor = stated.block if stated.block in self.anchored else stated.section
            title = stated.title or document.plain(str(self.policy.title))
            return Place(anchor, title)
        return self.generated.get(fact.split(".")[0])

    def is_quoted(self, fact: str, *fields: str) -> bool:
        """Whether the layers must quote ``fact`` (the whole fact, or one of ``fields``) instead of wording it."""
        return fact in self.quoted or any(f"{fact}.{name}" in self.quoted for name in fields)

    def quotes(self, fact: str, *fields: str) -> list[Quote]:
        """The binding words stating the quoted ``fields`` of ``fact`` (the blocks stating a field on its own,
        else those stating the whole fact), once each, in reading order."""
        stating = self._stating_blocks()
        found: list[Quote] = []
        for name in fields:
            field = f"{fact}.{name}"
            if fact in self.quoted or field in self.quoted:
                found += stating.get(field) or stating.get(fact, [])
        if not fields and fact in self.quoted:
            found += stating.get(fact, [])
        return list(dict.fromkeys(found))

    def stating(self, fact: str) -> list[Quote]:
        """The binding words of every block stating ``fact`` as a whole."""
        return self._stating_blocks().get(fact, [])

    def _stating_blocks(self) -> dict[str, list[Quote]]:
        """Every block, list item or row that states facts, by the fact or field it states (as written)."""
        if self._stating is None:
            self._stating = {}
            for claim in agreement.claims(self.policy):
                if not claim.contexts:
                    continue  # a heading made from the fact: no words of the text
                section = _section_of(claim.yaml_path)
                anchor = claim.context if claim.context in self.anchored or not section else section
                words = " ".join(" ".join(document.plain(text).split()) for text in claim.sources if text.strip())
                for ref in claim.states:
                    target = facts.resolve(ref, self.statements.known)
                    if target is not None:
                        key = f"{target.fact}.{target.field}" if target.field else target.fact
                        self._stating.setdefault(key, []).append(Quote(anchor, words))
        return self._stating

    def audience(self, audience: facts.Audience) -> str:
        """An audience's name: its label, else the heading of the section that states it."""
        if audience.label and self.sees(f"audiences.{audience.id}.label"):
            return str(audience.label)
        return document.plain(self.statements.section_title(f"audiences.{audience.id}", audience.id))

    def category(self, category: facts.DataCategory) -> str:
        """A data category's name: its label, else the words the item stating it alone opens with, else (a
        sentence says it, or says several) the heading of the section that says it."""
        if category.label and self.sees(f"data.{category.id}.label"):
            return str(category.label)
        fact = f"data.{category.id}"
        stated = self.statements.place(fact)
        name = lead(stated.text if stated is not None else category.id)
        if stated is not None and (len(name) > LONGEST_NAME or self._sharing.get(stated.block, 0) > 1):
            return document.plain(stated.title) or name
        return name

    def categories(self) -> list[facts.DataCategory]:
        """The data categories the reader is shown, in file order."""
        return [c for c in self.facts.data if self.sees(f"data.{c.id}")]

    def audiences(self) -> list[tuple[str, list[facts.DataCategory]]]:
        """Each audience shown (by name) with its categories shown; categories of no audience last, unnamed."""
        by_audience: dict[str, list[facts.DataCategory]] = {}
        loose = []
        for category in self.categories():
            for audience in category.audiences:
                by_audience.setdefault(audience, []).append(category)
            if not category.audiences:
                loose.append(category)
        groups = [
            (self.audience(a), by_audience.get(a.id, []))
            for a in self.facts.audiences
            if self.sees(f"audiences.{a.id}")
        ]
        return [(name, cats) for name, cats in groups if cats] + ([("", loose)] if loose else [])

    def purposes(self) -> list[facts.Purpose]:
        return [p for p in self.facts.purposes if self.sees(f"purposes.{p.id}")]

    def recipients(self) -> list[facts.Recipient]:
        return [r for r in self.facts.recipients if self.sees(f"recipients.{r.id}")]

    def places(self, recipient: facts.Recipient) -> list[str]:
        """The codes of where a recipient processes the data (one or several), as far as the reader is shown."""
        fact = f"recipients.{recipient.id}"
        codes = [str(recipient.country)] if recipient.country and self.sees(f"{fact}.country") else []
        if self.sees(f"{fact}.countries"):
            codes += [str(code) for code in recipient.countries if str(code) not in codes]
        return codes

    def transfers(self) -> list[facts.Transfer]:
        return [t for t in self.facts.transfers if self.sees(f"transfers.{t.id}")]

    def controller(self) -> str:
        """The name of the controller (the first, when joint) as the reader is shown it, else ""."""
        for c in self.facts.controllers:
            if self.sees(f"controllers.{c.id}.name"):
                return str(c.name)
        return ""

    def data_names(self, ids: tuple[str, ...]) -> list[str]:
        """The names of the data categories ``ids`` the reader is shown, each once."""
        shown = {c.id: c for c in self.categories()}
        return list(dict.fromkeys(self.category(shown[d]) for d in ids if d in shown))

    def territory(self, code: str) -> str:
        return territory_name(code, self.locale)

    def duration(self, value: Duration | str, words: Mapping[str, Any]) -> str:
        """A duration in words ("3 ans"), or an open one worded by the page ("durée légale")."""
        if isinstance(value, Duration):
            return format_duration(value, self.locale)
        return str(words.get("durations", {}).get(value, value))


READINGS_KEPT = 4
"""How many policies' readings stay made (the version in force is read again for every compare page)."""

_readings: collections.OrderedDict[tuple[int, str], tuple[Policy, Reading]] = collections.OrderedDict()
_readings_lock = threading.Lock()


def reading(policy: Policy, locale: str) -> Reading:
    """``Reading(policy, locale)``, made once while the policy is among the last few read. A policy is found by
    identity (its object is held with its reading, so no other takes its id meanwhile): one localized version is
    one object through a language's pages."""
    key = (id(policy), locale)
    with _readings_lock:
        found = _readings.get(key)
        if found is not None and found[0] is policy:
            _readings.move_to_end(key)
            return found[1]
    made = Reading(policy, locale)
    with _readings_lock:
        _readings[key] = (policy, made)
        while len(_readings) > READINGS_KEPT:
            _readings.popitem(last=False)
    return made


def _section_of(yaml_path: str) -> str:
    """The id of the innermost section around a yaml path (``sections.a.sections.b.blocks.x`` → b), or ""."""
    parts = yaml_path.split(".")
    ids = [parts[i + 1] for i, part in enumerate(parts[:-1]) if part == "sections"]
    return ids[-1] if ids else ""


def inside_eea(code: str) -> bool:
    return code in INSIDE_EEA


def quoted_text(quotes: list[Quote], w: Mapping[str, Any]) -> str:
    """The binding words as plain text in the page's quotation marks (for the picture's boxes)."""
    return " ".join(fill(w["quote"], words=q.words) for q in quotes)


def quoted_html(quotes: list[Quote], w: Mapping[str, Any]) -> Markdown:
    """The binding words in the page's quotation marks, each a link to the block that says them (HTML)."""
    if not quotes:
        return Markdown(html.escape(w["unquotable"]))
    return Markdown(
        " ".join(
            f'<a class="policydocs-quote" href="#{html.escape(q.anchor)}">'
            f"{html.escape(fill(w['quote'], words=q.words))}</a>"
            for q in quotes
        )
    )
