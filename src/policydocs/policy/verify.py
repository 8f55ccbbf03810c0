"""Verification of the tie: every field of every fact is supported by the text that states it, in every locale.

A fact is stated by blocks (``states:``); its fields are then supported by
the words of those blocks and of the headings above them, read through the
phrasebook of the locale (``policy.phrasebook``): a duration with its unit (an
equal period counts: twelve months is one year), "up to", the event it runs
from, a legal basis, the rights listed, the identity check, places and
transfer mechanisms, roles, switches, the data a recipient gets, a cookie's
lifetime and consent, and the meaningful words of every label. A field no
stating text supports is an error at the fact, naming the blocks and the
wording expected. A field listed in ``facts.quoted`` is not verified: the
layers quote the binding words instead (``quoted_fields``).

The other direction, a block whose text states a duration, a legal basis, a
right, a default or a place that no fact it states declares, is a warning
(``untied``): the linter reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from . import agreement, document, facts
from . import phrasebook as phrases
from .agreement import Claim, disagreement
from .document import Section
from .phrasebook import Phrasebook, Wording
from .scalars import Duration

if TYPE_CHECKING:
    from ..cache import Cache
    from .model import Policy

KINDS: dict[str, str] = {
    "name": "name",
    "provider": "name",
    "email": "email",
    "privacy_email": "email",
    "url": "url",
    "list_url": "url",
    "postal_address": "address",
    "country": "place",
    "countries": "places",
    "duration": "duration",
    "response_time": "duration",
    "lifetime": "duration",
    "label": "words",
    "activity": "words",
    "legitimate_interest": "words",
    "statute": "words",
    "purpose": "words",
    "logic": "words",
    "description": "words",
    "law": "words",
    "legal_basis": "basis",
    "starts": "start",
    "up_to": "up_to",
    "exception": "flag",
    "list": "rights",
    "identity_check": "identity",
    "role": "role",
    "optional": "optional",
    "enabled_by_default": "default",
    "can_be_switched_at": "switched_at",
    "consent": "consent",
    "safeguard": "mechanism",
    "mechanism": "mechanism",
    "data": "categories",
    "audiences": "audiences",
    "other": "other_rights",
}
"""Every field of every fact class → how the text that states it is read. A test checks that every field of
every fact class is here or in UNVERIFIED."""
SINGLE_KINDS = {"recipient_categories": "recipient_categories", "change_channels": "channels", "partners": "words"}
"""Single facts that are a value rather than a record, and how their text is read."""
UNVERIFIED = {
    "id": "an identifier, never shown as a claim",
}
"""Fields no text has to support, and why."""
PHRASE_GROUPS = {
    "basis": "legal_bases",
    "start": "starts",
    "rights": "rights",
    "identity": "identity_check",
    "role": "roles",
    "optional": "optional",
    "default": "enabled_by_default",
    "switched_at": "switched_at",
    "consent": "consent",
    "mechanism": "safeguards",
    "recipient_categories": "recipient_categories",
    "channels": "change_channels",
}
NEAR = 30
"""How many characters "up to" may stand from the period it qualifies ("jusqu'à trois (3) ans", "3 years at most")."""


@dataclass(frozen=True)
class Statement:
    """The texts (msgctxts and source words) that state a fact or one of its fields, and the headings above them."""

    claims: tuple[str, ...]
    """The id paths of the stating blocks, list items or rows."""
    contexts: tuple[str, ...]
    sources: tuple[str, ...]
    headings: tuple[tuple[str, str], ...]
    """``(msgctxt or "", source text)`` of the titles of the sections around them."""


def quoted_fields(policy: Policy) -> set[str]:
    """``kind.id.field`` (or a whole fact) the editor marked as quoted: layers show the binding words."""
    return {str(ref) for ref in policy.facts.quoted}


def _section_titles(policy: Policy) -> dict[str, tuple[str, str]]:
    titles = {}
    for place in document.sections(policy.sections):
        section: Section = place.value
        # A heading made from a fact (title_from) shows the fact's own value: it proves nothing about it.
        if section.title is not None:
            titles[section.id] = (f"{section.id}.title", str(section.title))
    return titles


def _chain(yaml_path: str) -> list[str]:
    """The ids of the sections around a yaml path (``sections.a.sections.b.blocks.x`` → a, b)."""
    parts = yaml_path.split(".")
    return [parts[i + 1] for i, part in enumerate(parts[:-1]) if part == "sections"]


def statements(policy: Policy, claims: list[Claim]) -> dict[str, Statement]:
    """For every fact (``kind.id``) and field (``kind.id.field``) stated, what states it."""
    known = facts.index(policy.facts)
    titles = _section_titles(policy)
    gathered: dict[str, list[Claim]] = {}
    for claim in claims:
        if not claim.contexts:
            continue
        for ref in claim.states:
            target = facts.resolve(ref, known)
            if target is None:
                continue
            key = f"{target.fact}.{target.field}" if target.field else target.fact
            gathered.setdefault(key, []).append(claim)
    found = {}
    for key, stating in gathered.items():
        contexts, sources, headings = [], [], []
        for claim in stating:
            for context, source in zip(claim.contexts, claim.sources, strict=True):
                if context not in contexts:
                    contexts.append(context)
                    sources.append(source)
            for section in _chain(claim.yaml_path):
                if section in titles and titles[section] not in headings:
                    headings.append(titles[section])
        found[key] = Statement(tuple(c.context for c in stating), tuple(contexts), tuple(sources), tuple(headings))
    return found


class Names:
    """How a locale names data categories and audiences: their label, else the words that state them."""

    def __init__(self, policy: Policy, text: Callable[[str, str], str | None], said: Mapping[str, Statement]) -> None:
        self.policy = policy
        self.text = text
        self.said = said

    def _label(self, kind: str, item: Any) -> str | None:
        if getattr(item, "label", None):
            return self.text(f"facts.{kind}.{item.id}.label", str(item.label))
        return None

    def category(self, cid: str) -> str:
        item = next((c for c in self.policy.facts.data if c.id == cid), None)
        if item is None:
            return cid
        label = self._label("data", item)
        if label:
            return label
        statement = self.said.get(f"data.{cid}")
        if statement is None:
            return cid
        words = " ".join(
            filter(None, (self.text(c, s) for c, s in zip(statement.contexts, statement.sources, strict=True)))
        )
        head, colon, _ = document.plain(words).partition(":")
        return head if colon and head.strip() else words

    def audience(self, aid: str) -> str:
        item = next((a for a in self.policy.facts.audiences if a.id == aid), None)
        if item is None:
            return aid
        label = self._label("audiences", item)
        if label:
            return label
        statement = self.said.get(f"audiences.{aid}")
        if statement is None:
            return aid
        if statement.headings:
            context, source = statement.headings[-1]
            return (self.text(context, source) if context else source) or aid
        return aid


@dataclass
class Reader:
    """Reads one locale's text of a fact through its phrasebook, and says what it lacks."""

    book: Phrasebook
    names: Names
    locale: str

    def lacks(self, kind: str, value: Any, wording: Wording, plain: str) -> str | None:
        """Why the text does not support ``value`` (read as ``kind``), or None when it does."""
        method = getattr(self, f"_{kind}")
        return method(value, wording, plain)

    # Values written the same in every language.
    def _name(self, value: Any, wording: Wording, plain: str) -> str | None:
        return None if wording.has(str(value)) else f'the name "{value}" is missing'

    def _email(self, value: Any, wording: Wording, plain: str) -> str | None:
        if wording.has(str(value)) or Wording(self.book.deobfuscated(plain)).has(str(value)):
            return None
        return f'the email address "{value}" is missing'

    def _url(self, value: Any, wording: Wording, plain: str) -> str | None:
        return None if str(value) in plain else f'the address "{value}" is missing'

    def _address(self, value: Any, wording: Wording, plain: str) -> str | None:
        return disagreement(plain, "address", value, self.locale)

    def _place(self, value: Any, wording: Wording, plain: str) -> str | None:
        names = self.book.place_names(str(value))
        if any(wording.has(name) for name in names):
            return None
        spelled = " or ".join(f'"{n}"' for n in names[:3])
        return f"the place {value} is not named (write {spelled})"

    def _places(self, value: Any, wording: Wording, plain: str) -> str | None:
        for code in value:
            missing = self._place(code, wording, plain)
            if missing:
                return missing
        return None

    # Periods.
    def _duration(self, value: Any, wording: Wording, plain: str) -> str | None:
        if isinstance(value, Duration):
            given = [(unit, amount) for unit, amount, _, _ in self.book.durations(wording)]
            if _period_in(value, given):
                return None
            says = ", ".join(_unit(amount, unit) for unit, amount in given[:4]) or "no period"
            return f"the period {value} ({_spelled(value)}, or an equal period) is not given: the text gives {says}"
        if value == "session":
            return None if self._any(wording, self.book.phrases("session", "")) else self._expect("session", "session")
        phrases_ = self.book.phrases("open_durations", str(value))
        if not self.book.shipped and not phrases_:
            return self._no_book("duration")
        return None if self._any(wording, phrases_) else self._expect(str(value), *phrases_)

    def _up_to(self, value: Any, wording: Wording, plain: str) -> str | None:
        qualified = self.maximum(wording)
        if value and not qualified:
            return self._expect("a maximum", *self.book.phrases("up_to", ""))
        if not value and qualified:
            return f'the text says the period is a maximum ("{qualified}"): set up_to: true'
        return None

    def _flag(self, value: Any, wording: Wording, plain: str) -> str | None:
        said = self._any(wording, self.book.phrases("exception", ""))
        if value and not said:
            return self._expect("an exception", *self.book.phrases("exception", ""))
        return None

    def maximum(self, wording: Wording) -> str | None:
        """The words that make a period of the text a maximum ("jusqu'à trois (3) ans"), or None."""
        periods = [(start, end) for _, _, start, end in self.book.durations(wording)]
        for phrase in self.book.phrases("up_to", ""):
            for start, end in wording.spans(phrase):
                if any(0 <= p_start - end <= NEAR or 0 <= start - p_end <= NEAR for p_start, p_end in periods):
                    return wording.cased[start:end]
        return None

    def _start(self, value: Any, wording: Wording, plain: str) -> str | None:
        if not self.book.shipped:
            return None if value == "collection" else self._no_book("start")
        said = self.book.says(wording, "starts")
        # "until you withdraw your consent" is an open period, not the event a period runs from.
        periods = [span for spans in self.book.says(wording, "open_durations").values() for span in spans]
        said = {
            start: spans
            for start, spans in said.items()
            if any(not any(p0 <= s0 and s1 <= p1 for p0, p1 in periods) for s0, s1 in spans)
        }
        if value == "collection":
            if said:
                other = next(iter(said))
                return f"the text says the period runs from another event ({other}): set starts: {other}"
            return None
        if value in said:
            return None
        return self._expect(str(value), *self.book.phrases("starts", str(value)))

    # Closed sets read through the phrasebook.
    def _basis(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._one("basis", value, wording)

    def _rights(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._each("rights", value, wording)

    def _switched_at(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._each("switched_at", value, wording)

    def _recipient_categories(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._each("recipient_categories", value, wording)

    def _channels(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._each("channels", value, wording)

    def _identity(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._exclusive("identity", value, wording)

    def _optional(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._exclusive("optional", str(value).lower(), wording)

    def _default(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._exclusive("default", str(value).lower(), wording)

    def _consent(self, value: Any, wording: Wording, plain: str) -> str | None:
        return self._exclusive("consent", value, wording)

    def _role(self, value: Any, wording: Wording, plain: str) -> str | None:
        if value == "processor-and-controller":
            # Both at once: the text says it acts for us, and also as a controller for purposes of its own.
            return self._one("role", "processor", wording) or self._one("role", "controller", wording)
        return self._exclusive("role", value, wording)

    def _mechanism(self, value: Any, wording: Wording, plain: str) -> str | None:
        if value == "none":
            said = self.book.says(wording, "safeguards")
            return f"the text names a transfer mechanism ({next(iter(said))})" if said else None
        return self._one("mechanism", value, wording)

    # Words of labels and names of things.
    def _words(self, value: Any, wording: Wording, plain: str) -> str | None:
        ok, missing = phrases.carries(wording, str(value), self.book)
        if ok:
            return None
        return f'the words of "{value}" are not in the text (it lacks {", ".join(missing[:4])}…)'

    def _categories(self, value: Any, wording: Wording, plain: str) -> str | None:
        for cid in value:
            name = self.names.category(cid)
            if not phrases.carries(wording, name, self.book)[0]:
                return f'the data "{name}" ({cid}) is not named'
        return None

    def _audiences(self, value: Any, wording: Wording, plain: str) -> str | None:
        for aid in value:
            name = self.names.audience(aid)
            if not phrases.carries(wording, name, self.book)[0]:
                return f'the people "{name}" ({aid}) are not named'
        return None

    def _other_rights(self, value: Any, wording: Wording, plain: str) -> str | None:
        for right in value:
            label = self.names.text(f"facts.rights.other.{right.id}.label", str(right.label)) or str(right.label)
            missing = self._words(label, wording, plain)
            if missing:
                return missing
        return None

    # Helpers.
    def _any(self, wording: Wording, candidates: tuple[str, ...]) -> bool:
        return any(wording.has(p) for p in candidates)

    def _expect(self, value: str, *wordings: str) -> str:
        said = " or ".join(f'"{w.rstrip("*")}"' for w in wordings[:3])
        return f'"{value}" is not said (write {said})' if said else f'"{value}" is not said'

    def _no_book(self, what: str) -> str:
        return (
            f"no phrasebook says how {self.book.language} words a {what}: add data/phrasebook/"
            f"{self.book.language}.yml, or list the field in facts.quoted"
        )

    def _each(self, kind: str, values: Any, wording: Wording) -> str | None:
        """What the text lacks of a list of values of a closed set (the first one it does not say)."""
        return next((missing for value in values if (missing := self._one(kind, value, wording))), None)

    def _one(self, kind: str, value: Any, wording: Wording) -> str | None:
        group = PHRASE_GROUPS[kind]
        candidates = self.book.phrases(group, str(value))
        if not candidates:
            return self._no_book(kind) if not self.book.shipped else f"{value}: no wording known for it"
        return None if self._any(wording, candidates) else self._expect(str(value), *candidates)

    def _exclusive(self, kind: str, value: str, wording: Wording) -> str | None:
        """A value of a set whose members exclude each other: the text must say it, and no other one."""
        group = PHRASE_GROUPS[kind]
        if not self.book.phrases(group, value):
            return self._no_book(kind)
        said = self.book.says(wording, group)
        others = [v for v in said if v != value]
        if value in said and not (kind == "identity" and value == "always" and "reasonable-doubt" in said):
            return None
        if others:
            return f'the text says {others[0]} ("{_first(wording, said[others[0]])}"), not {value}'
        return self._expect(value, *self.book.phrases(group, value))


def _first(wording: Wording, spans: list[tuple[int, int]]) -> str:
    start, end = spans[0]
    return wording.cased[start:end]


def _period_in(value: Duration, given: list[tuple[str, int]]) -> bool:
    wanted = value.canonical()
    periods = [Duration(**{unit: amount}).canonical() for unit, amount in given]
    if wanted in periods:
        return True
    parts = [Duration(**{f.name: getattr(value, f.name)}) for f in fields(Duration) if getattr(value, f.name)]
    return len(parts) > 1 and all(part.canonical() in periods for part in parts)


def _unit(amount: int, unit: str) -> str:
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def _spelled(value: Duration) -> str:
    return ", ".join(_unit(getattr(value, f.name), f.name) for f in fields(Duration) if getattr(value, f.name))


def fields_of(fact: str, value: Any, field: str | None) -> Iterator[tuple[str, str, Any]]:
    """``(field, kind, value)`` of every field of a fact that its text must support."""
    kind_name = fact.split(".")[0]
    if not hasattr(value, "__dataclass_fields__"):
        if kind_name in SINGLE_KINDS and value not in (None, (), "none"):
            yield "", SINGLE_KINDS[kind_name], value
        return
    names = (field,) if field else tuple(f.name for f in fields(value))
    for name in names:
        if name in UNVERIFIED:
            continue
        kind = KINDS.get(name)
        current = getattr(value, name, None)
        if kind is None or current is None or current == ():
            continue
        if kind == "up_to" and not isinstance(getattr(value, "duration", None), Duration):
            continue
        if kind == "flag" and not current:
            continue
        yield name, kind, current


def check(
    policy: Policy,
    translations: Mapping[str, Mapping[str, str]] | None = None,
    site: Path | None = None,
    cache: Cache | None = None,
) -> list[Problem]:
    """Every problem of the tie, sorted by position: unseen facts, then fields the text does not support.

    ``translations`` maps a locale to its texts by msgctxt; a string it lacks
    is not checked in that locale (a missing translation is the catalog's
    problem, reported there). ``site`` is the folder holding the site's own
    phrasebooks (``phrasebook/<language>.yml``), usually ``data/``; ``cache`` keeps the phrasebooks.
    """
    locales: dict[str, Mapping[str, str] | None] = {policy.source_locale: None}
    locales.update({k: v for k, v in (translations or {}).items() if k != policy.source_locale})
    return sorted(agreement.unseen(policy) + problems(policy, list(agreement.claims(policy)), locales, site, cache))


def problems(
    policy: Policy,
    claims: list[Claim],
    locales: Mapping[str, Mapping[str, str] | None],
    site: Path | None = None,
    cache: Cache | None = None,
) -> list[Problem]:
    """Every field of every stated fact that the text stating it does not support, in every locale."""
    known = facts.index(policy.facts)
    said = statements(policy, claims)
    quoted = quoted_fields(policy)
    found: list[Problem] = []
    for ref_index, ref in enumerate(policy.facts.quoted):
        target = facts.resolve(str(ref), known)
        key = str(ref)
        if target is None or (key not in said and target.fact not in said):
            line, column = policy.at(f"facts.quoted.{ref_index}")
            found.append(
                Problem(
                    policy.source_file, line, column, "facts.quoted", f"{ref}: no block states it, nothing to quote"
                )
            )
    for locale, table in locales.items():
        book = phrases.load(locale, site, cache)

        def text(context: str, source: str, table: Mapping[str, str] | None = table) -> str | None:
            if not context:
                return source
            return source if table is None else table.get(context)

        names = Names(policy, text, said)
        reader = Reader(book, names, locale)
        for fact, stated_fields in _stated_facts(said, known).items():
            target = facts.resolve(fact, known)
            if target is None:
                continue
            whole = said.get(fact)
            for name, kind, value in fields_of(fact, target.value, None):
                if whole is None and name not in stated_fields:
                    continue
                full = f"{fact}.{name}" if name else fact
                if full in quoted or fact in quoted:
                    continue
                if name == "role" and value == "processor" and f"facts.{full}" not in policy.positions:
                    continue  # the default, not written: not a claim of the data (and shown as no claim)
                statement = _union(whole, said.get(full) if name else None)
                texts = [text(c, s) for c, s in zip(statement.contexts, statement.sources, strict=True)]
                if any(t is None for t in texts):
                    continue  # an untranslated string is the catalog's problem, reported there
                words = " ".join(_shown(t) for t in texts if t is not None)
                headings = " ".join(filter(None, (text(c, s) for c, s in statement.headings)))
                wording = Wording(f"{headings} . {words}")
                if kind == "words":
                    value = text(f"facts.{full}", str(value))
                    if value is None:
                        continue  # its translation is missing: the catalog's problem, reported there
                detail = reader.lacks(kind, value, wording, words)
                if detail:
                    line, column = policy.at(f"facts.{full}")
                    stated_by = ", ".join(statement.claims[:3])
                    found.append(
                        Problem(
                            policy.source_file,
                            line,
                            column,
                            full,
                            f"in {locale}, not what the text stating it says ({stated_by}): {detail}",
                        )
                    )
    return sorted(set(found))


def _stated_facts(said: Mapping[str, Statement], known: Mapping[str, Any]) -> dict[str, set[str]]:
    """Each fact stated in whole or in part → the fields stated on their own."""
    found: dict[str, set[str]] = {}
    for key in said:
        target = facts.resolve(key, known)
        if target is not None:
            found.setdefault(target.fact, set()).update({target.field} if target.field else set())
    return found


def _union(whole: Statement | None, part: Statement | None) -> Statement:
    stated = [s for s in (whole, part) if s is not None]
    claims, contexts, sources, headings = [], [], [], []
    for statement in stated:
        claims += [c for c in statement.claims if c not in claims]
        for context, source in zip(statement.contexts, statement.sources, strict=True):
            if context not in contexts:
                contexts.append(context)
                sources.append(source)
        headings += [h for h in statement.headings if h not in headings]
    return Statement(tuple(claims), tuple(contexts), tuple(sources), tuple(headings))


def _shown(text: str) -> str:
    """What a text shows: its words, and the address of each link (a link shows where it goes)."""
    return " ".join(f"{label} {target}" if kind == "link" else label for kind, label, target in document.spans(text))


_DESTINATIONS = (
    "US", "GB", "CH", "CA", "JP", "IN", "CN", "AU", "BR", "SG", "IL", "KR", "NZ", "UY", "AR", "RU", "EU", "EEA",
)  # fmt: skip
"""Places a sentence names when it says where data goes (the countries of the EEA are said as such)."""


def untied(policy: Policy, book: Phrasebook) -> Iterator[tuple[str, str, str]]:
    """``(id path, yaml path, message)`` for every text that states a fact-like value no fact it states declares:
    a period, a legal basis, a right, a default, a place. The source language only (translations agree with it),
    read with ``book``, its phrasebook."""
    known = facts.index(policy.facts)
    if not book.shipped:
        return
    stated: dict[str, tuple[str, ...]] = {}
    for claim in agreement.claims(policy):
        for context in claim.contexts:
            stated[context] = stated.get(context, ()) + claim.states
    for place in document.blocks(policy.preamble, policy.sections):
        for context, text, _ in document.block_texts(place.value, place.context, place.yaml_path):
            targets = [t for ref in stated.get(context, ()) if (t := facts.resolve(ref, known)) is not None]
            section = context.split(".")[0]
            nearby = [t for c, refs in stated.items() if c.split(".")[0] == section for ref in refs
                      if (t := facts.resolve(ref, known)) is not None]  # fmt: skip
            yield from _untied_text(context, place.yaml_path, Wording(_shown(text)), targets, nearby, book)


def _untied_text(
    context: str,
    yaml_path: str,
    wording: Wording,
    targets: list[facts.Target],
    nearby: list[facts.Target],
    book: Phrasebook,
) -> Iterator[tuple[str, str, str]]:
    kinds = {t.fact.split(".")[0] for t in targets}

    def declared(field: str) -> list[Any]:
        values = []
        for target in targets:
            if target.field in (None, field):
                value = getattr(target.value, field, None)
                if value is not None:
                    values.append(value)
        return values

    keeping = kinds & {"retention", "rights", "cookies"} or any(wording.has(p) for p in book.phrases("keeping", ""))
    if "change_channels" not in kinds and keeping:
        periods = {v.canonical() for f in ("duration", "response_time", "lifetime") for v in declared(f)
                   if isinstance(v, Duration)}  # fmt: skip
        for unit, amount, start, end in book.durations(wording):
            if Duration(**{unit: amount}).canonical() not in periods:
                said = wording.cased[start:end]
                yield (
                    context,
                    yaml_path,
                    (
                        f'states a period ("{said}") that no fact it states declares: tie it to the retention rule, '
                        "the response time or the cookie it belongs to (states: [...])"
                    ),
                )
                break
    if "purposes" in kinds:
        bases = set(declared("legal_basis"))
        for basis, spans in book.says(wording, "legal_bases").items():
            if basis not in bases:
                purpose = next(t.fact for t in targets if t.fact.startswith("purposes."))
                said = wording.cased[spans[0][0] : spans[0][1]]
                yield (
                    context,
                    yaml_path,
                    (f'states a legal basis ("{said}": {basis}) that {purpose}.legal_basis does not declare'),
                )
                break
    if "rights" in kinds:
        listed = {r for value in declared("list") for r in value}
        for right, spans in book.says(wording, "rights").items():
            if right not in listed:
                said = wording.cased[spans[0][0] : spans[0][1]]
                yield context, yaml_path, f'states a right ("{said}": {right}) that rights.list does not list'
                break
    defaults = book.says(wording, "enabled_by_default")
    if defaults and not declared("enabled_by_default"):
        value = next(iter(defaults))
        said = wording.cased[defaults[value][0][0] : defaults[value][0][1]]
        email = next((t.fact for t in nearby if t.fact.startswith("communications.")), "communications.<id>")
        yield (
            context,
            yaml_path,
            f'states a default ("{said}") that no fact it states declares: tie {email}.enabled_by_default',
        )
    if not kinds or kinds & {"recipients", "transfers"}:
        places = {str(v) for f in ("country",) for v in declared(f)} | {
            str(code) for f in ("countries",) for value in declared(f) for code in value
        }
        for code in _DESTINATIONS:
            if code in places:
                continue
            name = next((n for n in book.place_names(code) if wording.has(n)), None)
            if name:
                fact = next((t.fact for t in targets if t.fact.startswith(("recipients.", "transfers."))), None)
                tie = f"{fact}.country" if fact else "the recipient or transfer it concerns (states: [...])"
                yield context, yaml_path, f'names a place ("{name}": {code}) that no fact it states declares: tie {tie}'
                break
