"""The transparency linter on model v2: the rules of GDPR-RULES.md, read from what the reader is shown.

A rule reads only the facts and fields in ``agreement.shown(policy)`` (stated
by a block, or rendered by a generated table: only the fields that table
shows, ``facts.GENERATED_FIELDS``) and the text of the blocks. A fact present
in ``facts:`` that no reader sees counts as absent here: a field no page
displays never satisfies a rule. Two duties apply only "where applicable",
and the data says whether they do without a page showing it: a DPO
designated (``dpo:``) and automated decisions (``automated_decisions:``);
likewise a controller's country keys the French post-mortem duty.

What a rule looks for in the text, where no fact says it (a withdrawal, an
objection, a complaint made conditional, a child, health data, a transfer
said in words…), is a *cue* of the phrasebook of the policy's language
(``cues:`` in ``phrasebooks/<language>.yml``): the rules hold no word of any
language. A cue found in a negated sentence ("we collect no health data")
does not count.

Each finding is at the sentence the reader sees (``View.fact_at``): the
block, item or row that states the fact or field, else the generated table
that renders its kind, and only for what no sentence shows, the fact in
``facts:``.

Precision comes first (the corpora of ``tests/data/lint*``, labelled by
reviewers acting as data-protection lawyers, measure it): a rule whose duty
is "where applicable" says nothing when the data says it does not apply, nor
when it is absent; where the reviewers did not agree (a right to object only
listed among the rights), a rule follows the common reading. Severities:
``error`` (the information is wrong or unlawful on its face: consent that is
not consent, a basis that cannot be, a time to answer over a month),
``warning`` (an item of Art. 13/14 missing), ``info`` (good practice; never
fails ``--strict``); no finding reports compliance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PolicyError
from ..policy import agreement, document, facts, phrasebook
from ..policy.document import Generated, ItemList, TableBlock
from ..policy.facts import AutomatedDecisions, Dpo
from ..policy.phrasebook import Phrasebook, Wording
from ..policy.scalars import Duration
from ..words import format_duration, territory_names
from .findings import EEA, Finding, Severity, waive

if TYPE_CHECKING:
    from ..cache import Cache
    from ..policy.model import Policy

INSIDE_EEA = EEA | {"EU", "EEA"}
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(eq=False)
class Text:
    """One string the reader is shown, with what it states and where it is."""

    context: str
    """Id path of the block, list item or table row."""
    yaml_path: str
    """Where it is written."""
    section: str | None
    """Id of the nearest section (None in the preamble)."""
    text: str
    """The words shown (marks removed), lower-cased, apostrophes made plain."""
    states: frozenset[str]
    """The facts (``kind.id`` or ``kind``) it or its block states."""
    raw: str
    """The words shown, marks removed, case kept (what the phrasebook reads)."""
    exact: frozenset[str]
    """What its ``states:`` name as written: whole facts (``rights``) and fields (``rights.response_time``)."""

    @cached_property
    def wording(self) -> Wording:
        return Wording(self.raw)

    @cached_property
    def sentences(self) -> list[Wording]:
        """The text's sentences, each as the phrasebook reads it."""
        return [Wording(s) for s in _SENTENCE_END.split(self.raw) if s.strip()]


@dataclass
class View:
    """What the reader is shown: facts and fields, and the texts of the page."""

    policy: Policy
    seen: set[str]
    known: dict[str, Any]
    texts: list[Text]
    generated_in: dict[str, list[str | None]]
    """Kind of facts rendered → the sections of the generated blocks that render them."""
    generated_at: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Kind of facts rendered → ``(id path, yaml path)`` of the generated blocks that render them."""
    book: Phrasebook | None = None
    """The phrasebook of the policy's source language: the cues rules read in the text."""

    def shows(self, fact: str, field: str | None = None) -> bool:
        return (f"{fact}.{field}" if field else fact) in self.seen

    def value(self, fact: str, field: str | None = None) -> Any:
        """A fact's (or field's) value if the reader is shown it, else None."""
        if not self.shows(fact, field) or fact not in self.known:
            return None
        value = self.known[fact]
        return getattr(value, field, None) if field else value

    def shown_items(self, kind: str) -> list[Any]:
        """The facts of a list kind that the reader is shown, in file order."""
        return [item for item in getattr(self.policy.facts, kind) if self.shows(f"{kind}.{item.id}")]

    def audiences_of(self, category: Any) -> tuple[str, ...]:
        """The audiences a data category is shown to come from."""
        return tuple(self.value(f"data.{category.id}", "audiences") or ())

    def stating(self, fact: str) -> list[Text]:
        """The texts that state a fact (or one of its fields)."""
        return [t for t in self.texts if fact in t.states]

    def sections_of(self, fact: str) -> set[str | None]:
        """Where a fact is shown: the sections of the texts stating it and of generated blocks rendering it."""
        found = {t.section for t in self.stating(fact)}
        kind = fact.split(".")[0]
        found.update(self.generated_in.get(kind, ()))
        return found

    def in_sections(self, sections: set[str | None]) -> list[Text]:
        return [t for t in self.texts if t.section in sections]

    def fact_at(self, fact: str, field: str | None = None) -> tuple[str, tuple[int, int]]:
        """Where the reader reads a fact (or one field of it): the first sentence that states that field, else
        one that states the whole fact, else the generated table that renders its kind, else (for a whole fact)
        a sentence that states one of its fields, else the fact itself in ``facts:``."""
        kind = fact.split(".")[0]
        first = [f"{fact}.{field}"] if field else []
        for wanted in [*first, fact]:
            for text in self.texts:
                if wanted in text.exact:
                    return self.at_text(text)
        for context, yaml_path in self.generated_at.get(kind, ()):
            return context, self.policy.at(yaml_path)
        if field is None:
            for text in self.stating(fact):
                return self.at_text(text)
        return self.in_facts(fact, field)

    def in_facts(self, fact: str, field: str | None = None) -> tuple[str, tuple[int, int]]:
        """A fact's place in ``facts:`` (for what no sentence shows)."""
        kind, _, rest = fact.partition(".")
        yaml_path = f"facts.{kind}.{rest}" if rest else f"facts.{kind}"
        if field:
            return f"{fact}.{field}", self.policy.at(f"{yaml_path}.{field}")
        return fact, self.policy.at(yaml_path)

    def at_text(self, text: Text) -> tuple[str, tuple[int, int]]:
        return text.context, self.policy.at(text.yaml_path)

    def cue(self, text: Text | Wording | str, name: str) -> bool:
        """Whether a text, a sentence or a label of the data holds one of the phrasebook's cues ``name``."""
        if isinstance(text, str):
            text = Wording(text)
        wording = text.wording if isinstance(text, Text) else text
        return any(wording.has(p) for p in self.cues(name))

    def cue_word(self, text: Text | Wording, name: str) -> bool:
        """Whether one of the words of a text (or sentence) is a one-word cue ``name`` (negations, modals)."""
        wording = text.wording if isinstance(text, Text) else text
        words = {w for w in self.cues(name) if " " not in w}
        return any(token in words for _, _, token in wording.tokens)

    def cues(self, name: str) -> tuple[str, ...]:
        return self.book.phrases("cues", name) if self.book is not None else ()

    def cued(self, texts: Iterable[Text], name: str) -> Text | None:
        """The first of ``texts`` with a cue ``name``."""
        return next((t for t in texts if self.cue(t, name)), None)

    @cached_property
    def eea_place_names(self) -> tuple[str, ...]:
        """How the policy's language names the places of the EEA (longer than an acronym)."""
        if self.book is None:
            return ()
        return tuple(n for code in sorted(INSIDE_EEA) for n in self.book.place_names(code) if len(n) > 3)

    def sentences_with(self, name: str, texts: Iterable[Text] | None = None) -> Iterator[tuple[Text, Wording]]:
        """Each sentence holding a cue ``name``, not negated, with its text."""
        for text in self.texts if texts is None else texts:
            for sentence in text.sentences:
                if self.cue(sentence, name) and not self.cue_word(sentence, "negation"):
                    yield text, sentence


def view(policy: Policy, site: Path | None = None, cache: Cache | None = None) -> View:
    known = facts.index(policy.facts)
    texts: list[Text] = []
    generated_in: dict[str, list[str | None]] = {}
    generated_at: dict[str, list[tuple[str, str]]] = {}

    def refs(states: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The facts stated (a field counts for its fact), and the facts and fields as named."""
        facts_stated, named = set(), set()
        for ref in states:
            target = facts.resolve(ref, known)
            if target is not None:
                facts_stated.add(target.fact)
                named.add(f"{target.fact}.{target.field}" if target.field else target.fact)
        return frozenset(facts_stated), frozenset(named)

    for place in document.blocks(policy.preamble, policy.sections):
        block = place.value
        section = None if place.yaml_path.startswith("preamble.") else place.context.split(".")[0]
        if isinstance(block, Generated):
            kind = facts.GENERATED_KINDS[block.generated]
            generated_in.setdefault(kind, []).append(section)
            generated_at.setdefault(kind, []).append((place.context, place.yaml_path))
            continue
        states = tuple(getattr(block, "states", ()))
        if isinstance(block, ItemList):
            for context, yaml_path, item, _ in document.items(block, place.context, place.yaml_path):
                stated, named = refs(states + tuple(item.states))
                plain = document.plain(item.text)
                texts.append(Text(context, yaml_path, section, _normal(item.text), stated, plain, named))
        elif isinstance(block, TableBlock):
            for row in block.table.rows:
                cells = " ; ".join(document.plain(c) for c in row.cells.values())
                stated, named = refs(states + tuple(row.states))
                yaml_path = f"{place.yaml_path}.table.rows.{row.id}"
                texts.append(
                    Text(f"{place.context}.{row.id}", yaml_path, section, _normal(cells), stated, cells, named)
                )
        else:
            stated, named = refs(states)
            for context, text, _ in document.block_texts(block, place.context, place.yaml_path):
                texts.append(
                    Text(context, place.yaml_path, section, _normal(text), stated, document.plain(text), named)
                )
    try:
        book = phrasebook.load(policy.source_locale, site, cache)
    except PolicyError:  # a site phrasebook's own error is reported by the tie; the package's cues still read
        book = phrasebook.load(policy.source_locale, cache=cache)
    return View(policy, agreement.shown(policy), known, texts, generated_in, generated_at, book)


def _normal(text: str) -> str:
    return document.plain(text).lower().replace("’", "'").replace("\u00a0", " ")


def _name(item: Any) -> str:
    return str(getattr(item, "label", None) or getattr(item, "name", None) or item.id)


Where = tuple[str, tuple[int, int]]
"""A finding's id path and its line and column."""
Check = Callable[[View], Iterator[tuple[Where, str]]]
"""A rule's check: yields ``((id path, (line, column)), message)`` for each finding."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    citation: str
    summary: str
    check: Check
    """A rule may also yield a finding of another severity: a message that starts with ``INFO`` or ``ERROR``."""
    fix: str | None = None
    """How to act on a finding, when it is not the policy data to complete (the reports' help says it)."""


INFO = "\x00info\x00"
"""Prefix of a message a rule yields as info (good practice, never a duty)."""
ERROR = "\x00error\x00"
"""Prefix of a message a rule yields as an error (what the text says is wrong or unlawful on its face)."""


# --- the rules ---------------------------------------------------------------------------------------------


def controller_identity(v: View) -> Iterator[tuple[Where, str]]:
    controllers = v.shown_items("controllers")
    if not controllers:
        yield ("controllers", v.policy.at("facts.controllers")), "the reader is not told who the controller is"
    for c in controllers:
        fact = f"controllers.{c.id}"
        if not v.shows(fact, "name"):
            yield v.fact_at(fact), f"{c.name}: the controller's name is not shown"
        if not any(v.value(fact, f) for f in ("email", "privacy_email", "postal_address")):
            yield v.fact_at(fact), f"{c.name}: no contact detail of the controller is shown (an email suffices)"
        elif not v.value(fact, "postal_address"):
            yield (
                v.fact_at(fact),
                f"{INFO}{c.name}: no postal address is shown; an email suffices, an address is good practice",
            )


def dpo_contact(v: View) -> Iterator[tuple[Where, str]]:
    dpo = v.policy.facts.dpo
    if isinstance(dpo, Dpo) and not v.value("dpo", "email"):
        yield v.fact_at("dpo"), "a DPO is designated, but the reader is not shown how to reach them"


def _basis(v: View, purpose: Any) -> str | None:
    return v.value(f"purposes.{purpose.id}", "legal_basis")


def _is_marketing(v: View, label: object) -> bool:
    return bool(label) and v.cue(str(label), "marketing")


def _email_basis(v: View, email: Any) -> str | None:
    """The legal basis of optional emails: consent for an opt-in (or where the text says consent), legitimate
    interests for an opt-out that a marketing purpose on legitimate interests carries (the "soft opt-in" to
    existing customers), else None (not said)."""
    fact = f"communications.{email.id}"
    marketing = {_basis(v, p) for p in v.shown_items("purposes") if _is_marketing(v, p.label)}
    on_by_default = v.value(fact, "enabled_by_default") is True
    if "consent" in marketing:
        return "consent"
    if on_by_default and "legitimate-interests" in marketing:
        return "legitimate-interests"
    if v.cued(v.in_sections(v.sections_of(fact)), "consent-word"):
        return "consent"
    return None if on_by_default else "consent"


def purpose_legal_basis(v: View) -> Iterator[tuple[Where, str]]:
    purposes = v.shown_items("purposes")
    for p in purposes:
        if not _basis(v, p):
            yield v.fact_at(f"purposes.{p.id}"), f'purpose "{p.label}" is shown with no legal basis (Art. 6(1)(a)-(f))'
    # Optional emails are marketing the reader opts into (consent) or may refuse (legitimate interests, the soft
    # opt-in): some purpose must carry them; which one does is not said in the data.
    bases = {_basis(v, p) for p in purposes}
    if bases & {"consent", "legitimate-interests"}:
        return
    for e in v.shown_items("communications"):
        if v.value(f"communications.{e.id}", "optional"):
            yield (
                v.fact_at(f"communications.{e.id}"),
                f'the optional emails "{e.id}" are shown with no purpose on a legal basis for them '
                "(consent for an opt-in, legitimate interests for a soft opt-in to existing customers)",
            )


def legitimate_interest(v: View) -> Iterator[tuple[Where, str]]:
    for p in v.shown_items("purposes"):
        fact = f"purposes.{p.id}"
        # "Fraud prevention" names its interest; so does direct marketing (recital 47: it may be one).
        named = v.cue(str(p.label), "interest-named") or _is_marketing(v, p.label)
        if _basis(v, p) == "legitimate-interests" and not v.value(fact, "legitimate_interest") and not named:
            yield v.fact_at(fact), f'purpose "{p.label}" rests on legitimate interests without naming them'


def _consent_processing(v: View) -> Iterator[tuple[str, str]]:
    """``(fact, what)`` for each consent-based processing the reader is shown (a soft opt-in is not one)."""
    for p in v.shown_items("purposes"):
        if _basis(v, p) == "consent":
            yield f"purposes.{p.id}", f'purpose "{p.label}" rests'
    for e in v.shown_items("communications"):
        if v.value(f"communications.{e.id}", "optional") and _email_basis(v, e) == "consent":
            yield f"communications.{e.id}", f'the optional emails "{e.id}" rest'


_NOT_WITHDRAWN = (
    "on consent, but the reader is not told that consent can be withdrawn (at any time, as easily as it was "
    "given, without affecting the lawfulness of processing before it)"
)


def consent_withdrawal(v: View) -> Iterator[tuple[Where, str]]:
    listed = "withdraw-consent" in (v.value("rights", "list") or ())
    about = [t for t in v.texts if v.cue(t, "withdraw")]
    if listed:
        return
    processing = [(f, w) for f, w in _consent_processing(v) if not _needed_for_contract(v, f)]
    if not processing:
        # Consent said only in words ("avec votre consentement", "mit Ihrer Einwilligung"), withdrawal nowhere.
        said = next((t for t, _ in v.sentences_with("consent-given")), None)
        if said is not None and not about:
            yield v.at_text(said), f"processing rests {_NOT_WITHDRAWN}"
        return
    if not about:
        fact, what = processing[0]
        yield v.fact_at(fact), f"{what} {_NOT_WITHDRAWN}"
    elif not any(v.cue(t, "at-any-time") for t in about):
        yield v.at_text(about[0]), 'withdrawal is mentioned, but not "at any time" (Art. 7(3))'


def _direct_marketing(v: View) -> Iterator[tuple[str, str]]:
    """``(fact, what)`` for each direct marketing the reader is shown: optional emails, else marketing purposes.

    A marketing purpose and the optional emails that carry it are one
    processing: said once, at the emails.
    """
    emails = [e for e in v.shown_items("communications") if v.value(f"communications.{e.id}", "optional")]
    for e in emails:
        yield (
            f"communications.{e.id}",
            f'the optional emails "{e.id}" are direct marketing: the right to object to them',
        )
    if emails:
        return
    for p in v.shown_items("purposes"):
        if _is_marketing(v, v.value(f"purposes.{p.id}", "label")):
            yield f"purposes.{p.id}", f'the purpose "{p.label}" is direct marketing: the right to object to it'


def marketing_objection(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 21(2)-(4): direct marketing not on consent (a soft opt-in, or a basis not said) comes with the right
    to object, said as a right beside the marketing, not only in a list of rights (Art. 21(4): "explicitly…
    clearly and separately"); marketing on consent is withdrawn (consent-withdrawal says it)."""
    if any(v.cue(t, "object") and v.cue(t, "marketing") for t in v.texts):
        return
    for fact, what in _direct_marketing(v):
        kind = fact.split(".")[0]
        basis = _email_basis(v, v.known[fact]) if kind == "communications" else v.value(fact, "legal_basis")
        near = v.in_sections(v.sections_of(fact))
        if basis == "consent" or v.cued(near, "object") or v.cued(near, "opt-out"):
            continue  # "unsubscribe with the link in every email" is the objection, made as easy as it can be
        yield (
            v.fact_at(fact),
            f"{what} is not brought to attention explicitly and separately "
            "(switching emails off is not said to be a right)",
        )


def legitimate_interest_objection(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 21(1), (4): processing on legitimate interests or a public task can be objected to; the right is
    brought to attention explicitly and apart from the other rights, not only as a line of their list."""
    # Whether a line in the list of rights is "explicit and separate" enough, the reviewers of the corpora did not
    # agree (half asked for a sentence of its own): the rule asks that the right be stated, as all of them did.
    if "objection" in (v.value("rights", "list") or ()) or v.cued(v.texts, "object"):
        return
    for p in v.shown_items("purposes"):
        if _basis(v, p) in ("legitimate-interests", "public-task") and not _is_marketing(v, p.label):
            yield (
                v.fact_at(f"purposes.{p.id}"),
                f'purpose "{p.label}" rests on {_basis(v, p)}, but the right to object to it on grounds relating to '
                "the person's situation is not stated (Art. 21(1), (4))",
            )
            return


def pre_ticked_consent(v: View) -> Iterator[tuple[Where, str]]:
    # "By joining, you accept that photos of you are published": not "if you accept" (a choice), nor accepting the
    # contract itself ("the contract you accept when you sign up").
    contract = v.book.phrases("legal_bases", "contract") if v.book is not None else ()
    bundled = [
        (t, s)
        for t, s in v.sentences_with("joining-act")
        if v.cue(s, "accept-word") and not v.cue(s, "condition") and not any(s.has(p) for p in contract)
    ]
    for text, _ in [*v.sentences_with("bundled-consent"), *bundled]:
        yield (
            v.at_text(text),
            f"{ERROR}consent is taken as given by another act (joining, signing up, using the site): consent is a "
            "separate, specific and unambiguous choice, freely given (Art. 4(11), 7(2), 7(4))",
        )
        break
    for e in v.shown_items("communications"):
        fact = f"communications.{e.id}"
        # Marketing, or any emails the text itself puts on consent ("based on your explicit consent").
        marketing = (
            _is_marketing(v, e.id)
            or v.cued(v.stating(fact), "marketing") is not None
            or v.cued(v.stating(fact), "consent-word") is not None
        )
        if (
            marketing
            and v.value(fact, "optional")
            and v.value(fact, "enabled_by_default") is True
            and _email_basis(v, e) == "consent"
        ):
            yield (
                v.fact_at(fact, "enabled_by_default"),
                f'{ERROR}the optional emails "{e.id}" rest on consent but are on by default: a pre-ticked box is '
                "not consent (a soft opt-in to existing customers rests on legitimate interests: say so)",
            )


def cookies(v: View) -> Iterator[tuple[Where, str]]:
    """A tool that tracks (an analytics or advertising SDK, a pixel) is named, and cookies and trackers are not
    described: ePrivacy art. 5(3) covers any reading of the device, with consent unless strictly necessary."""
    implied = next((t for t, _ in v.sentences_with("implied-cookie-consent")), None)
    if implied is not None:
        yield (
            v.at_text(implied),
            f"{ERROR}consent to cookies is inferred from using or browsing the site: it is not consent "
            "(ePrivacy art. 5(3), GDPR Art. 4(11); CJEU C-673/17 Planet49): ask, with a way to refuse",
        )
    tool = v.cued(v.texts, "tracking-tool")
    if tool is not None:
        # An analytics or advertising SDK reads the device: ePrivacy art. 5(3) asks consent, whatever the GDPR
        # basis of what follows; legitimate interests do not cover the reading (EDPB Guidelines 2/2023).
        for p in v.shown_items("purposes"):
            if _basis(v, p) == "legitimate-interests" and v.cue(str(p.label), "analytics-purpose"):
                yield (
                    v.fact_at(f"purposes.{p.id}"),
                    f'purpose "{p.label}" rests on legitimate interests, but the tools named for it read the '
                    "reader's device (an analytics or advertising SDK): that reading needs consent "
                    "(ePrivacy art. 5(3))",
                )
                break
    if v.shown_items("cookies") or v.cued(v.texts, "cookie"):
        return
    if tool is not None:
        yield (
            v.at_text(tool),
            "a tool that reads or stores information on the reader's device (analytics, advertising, a pixel) is "
            "named, but cookies and trackers are not described: which, what for, and on what consent",
        )


def purpose_per_data(v: View) -> Iterator[tuple[Where, str]]:
    purposes = v.shown_items("purposes")
    categories = v.shown_items("data")
    audiences = {a.id: a for a in v.shown_items("audiences")}
    listed = {d for p in purposes for d in (v.value(f"purposes.{p.id}", "data") or ())}
    purpose_sections: set[str | None] = set()
    for p in purposes:
        purpose_sections |= v.sections_of(f"purposes.{p.id}")
    data_facts = [f"data.{d.id}" for d in categories] + [f"audiences.{a}" for a in audiences]
    data_sections: set[str | None] = set()
    for fact in data_facts:
        data_sections |= v.sections_of(fact)
    # A section that states purposes and nothing else (a "what we use your data for" section) speaks of all the
    # data; a section that states a purpose beside other facts (a recipient, a kind of email) speaks of its own.
    stated_kinds: dict[str | None, set[str]] = {}
    for text in v.texts:
        stated_kinds.setdefault(text.section, set()).update(fact.split(".")[0] for fact in text.states)
    general = any(stated_kinds.get(s, set()) <= {"purposes"} for s in purpose_sections - data_sections)
    if general and not listed:
        return
    if listed and all(v.value(f"purposes.{p.id}", "data") for p in purposes):
        # Every purpose says which data it uses: a category none of them uses has no purpose, wherever it is said.
        for d in categories:
            if d.id not in listed:
                yield v.fact_at(f"data.{d.id}"), f'the data "{_name(d)}" is used for no purpose shown (nor legal basis)'
        return

    def covered(fact: str) -> bool:
        return bool(v.sections_of(fact) & purpose_sections)

    missing: dict[str | None, list[Any]] = {}
    for d in categories:
        who = [a for a in v.audiences_of(d) if a in audiences]
        if d.id in listed or covered(f"data.{d.id}") or any(covered(f"audiences.{a}") for a in who):
            continue
        for key in who or [None]:
            missing.setdefault(key, []).append(d)
    for key, items in missing.items():
        names = ", ".join(_name(d) for d in items)
        if key is None:
            for d in items:
                yield v.fact_at(f"data.{d.id}"), f'the data "{_name(d)}" is given no purpose (nor legal basis)'
        else:
            yield (
                v.fact_at(f"audiences.{key}"),
                f'the data of "{_name(audiences[key])}" ({names}) is given no purpose (nor legal basis)',
            )
    for a in audiences.values():
        has_data = any(a.id in v.audiences_of(d) for d in categories)
        if not has_data and not covered(f"audiences.{a.id}") and not listed:
            yield v.fact_at(f"audiences.{a.id}"), f'the data of "{_name(a)}" is given no purpose (nor legal basis)'


_PROCESSING = (
    "audiences",
    "data",
    "purposes",
    "retention",
    "recipients",
    "recipient_categories",
    "partners",
    "communications",
    "automated_decisions",
)
"""Kinds of facts about the processing itself: a "may" stating them is vague (not one about changes or rights)."""


def _chosen(v: View, text: Text) -> bool:
    """Whether the processing a text states depends on the reader's choice (consent, an opt-in, a cookie they
    accept): then "may" is accurate."""
    for fact in text.states:
        kind = fact.split(".")[0]
        if kind == "purposes" and v.value(fact, "legal_basis") == "consent":
            return True
        if kind == "communications" and v.value(fact, "optional"):
            return True
    return v.cued([text], "consent-word") is not None


@dataclass(frozen=True)
class _Modals:
    """The words of the policy's language that ``vague_qualifiers`` reads, gathered once per policy."""

    modals: frozenset[str]
    before: frozenset[str]
    """Words that make the modal no uncertainty when just before it: the reader as subject, a negation."""
    aux: frozenset[str]
    """Auxiliaries of the passive ("be", "être", "werden")."""
    verbs: tuple[str, ...]
    """Starts of the verbs of processing ("shar", "transmet")."""
    ours: frozenset[str]
    """The words of the controllers' names: "Exograd peut" is "we may"."""

    @classmethod
    def of(cls, v: View) -> _Modals:
        def words(name: str) -> frozenset[str]:
            return frozenset(w for w in v.cues(name) if " " not in w)

        return cls(
            words("modal"),
            words("reader-subject") | words("negation"),
            words("passive-aux"),
            v.cues("processing-verb"),
            frozenset(w.lower() for c in v.policy.facts.controllers for w in c.name.split()),
        )

    def vague_at(self, tokens: list[str], i: int, ours: bool) -> bool:
        """Whether the modal at ``i`` states the processing as uncertain: "we may share", "nous pouvons
        transmettre" (the controller's own), or "may be shared", "peuvent vous être envoyés" (the data's); not
        "Google may process" (another's), nor "you may" (a permission), nor "ne peut" (a negation)."""
        if tokens[i] not in self.modals or (i and tokens[i - 1] in self.before):
            return False
        ours = ours or (i > 0 and tokens[i - 1] in self.ours)
        after = tokens[i + 1 : i + 5]
        passive = any(t in self.aux for t in after[:3])
        return (ours or passive) and any(t.startswith(self.verbs) for t in after)


def vague_qualifiers(v: View) -> Iterator[tuple[Where, str]]:
    words = _Modals.of(v)
    for text in v.texts:
        if not any(fact.split(".")[0] in _PROCESSING for fact in text.states) or _chosen(v, text):
            continue
        for sentence in text.sentences:
            if v.cue(sentence, "switch") or v.cue(sentence, "condition"):
                continue  # "peut être désactivée": the reader's choice; "if you…": an event, not an uncertainty
            # Words as written ("rendez-vous" is one word, not "vous"), their punctuation cut.
            tokens = [w.strip(".,;:!?()«»\"'") for w in sentence.lower.split()]
            ours = v.cue(sentence, "we-modal")
            found = next((w for i, w in enumerate(tokens) if words.vague_at(tokens, i, ours)), None)
            if found is not None:
                yield (
                    v.at_text(text),
                    f'{INFO}"{found}" where the processing it states is certain: say what is done',
                )
                break


def recipients(v: View) -> Iterator[tuple[Where, str]]:
    if not v.shown_items("recipients") and not v.value("recipient_categories"):
        yield ("recipients", v.policy.at("facts")), "no recipient, nor category of recipients, is shown"


def vague_recipients(v: View) -> Iterator[tuple[Where, str]]:
    if "partners" in (v.value("recipient_categories") or ()) and not v.value("partners"):
        yield (
            v.fact_at("recipient_categories"),
            '"partners" receive data, but who they are (type, location) is not said',
        )


def transfers(v: View) -> Iterator[tuple[Where, str]]:
    mechanisms = "(adequacy decision such as the EU-US DPF, standard contractual clauses, BCR)"
    for r in v.shown_items("recipients"):
        fact = f"recipients.{r.id}"
        country = v.value(fact, "country")
        safeguard = v.value(fact, "safeguard")
        if country is None and not v.value(fact, "countries"):
            if not _looks_abroad(v, r, fact):
                continue  # "Paie Services Normandie", "our accountant in Leipzig": nothing suggests data leaves the EEA
            yield (
                v.fact_at(fact),
                f"{r.name}: the reader is not told where the data goes, nor on what basis {mechanisms}",
            )
        elif country is not None and country not in INSIDE_EEA and safeguard in (None, "none"):
            where = territory_names(country, "en")[0]
            yield v.fact_at(fact), f"{r.name} is in {where}, outside the EEA: no transfer mechanism shown {mechanisms}"
    yield from _text_transfers(v)


def _text_transfers(v: View) -> Iterator[tuple[Where, str]]:
    """A sentence says data goes outside the EEA and names no mechanism (nor does any sentence of its section)."""
    said: set[str | None] = set()
    for text, _ in v.sentences_with("third-country"):
        # The mechanism is said of that transfer: in the same sentence, list item or row (another recipient's
        # "Data Privacy Framework" in the same section covers nothing else).
        if text.section in said or v.cue(text, "transfer-mechanism") or _states_safeguard(v, text):
            continue
        if any(v.value(f, "safeguard") not in (None, "none") for f in text.states if f.startswith("recipients.")):
            continue
        said.add(text.section)
        yield (
            v.at_text(text),
            "data goes outside the EEA, but no transfer mechanism is said (adequacy decision such as the EU-US DPF, "
            "standard contractual clauses, BCR) nor how to obtain a copy",
        )


def _looks_abroad(v: View, recipient: Any, fact: str) -> bool:
    """Whether a recipient whose country is no fact may take data out of the EEA: a generated table shows its
    country as not stated, or it is a provider known to process data outside the EEA (Stripe, Mailchimp…), and
    nothing on the page places it in the EEA."""
    if _placed_in_eea(v, recipient, v.stating(fact)):
        return False
    in_table = not v.stating(fact) and "recipients" in v.generated_at
    return in_table or v.cue(str(recipient.name), "non-eea-provider")


def _placed_in_eea(v: View, recipient: Any, texts: list[Text]) -> bool:
    """Whether the page places a recipient whose country is no fact: a sentence about it names a country of the
    EEA, or its name carries a legal form of one ("GmbH", "S.L.", "SAS")."""
    if v.cue(str(recipient.name), "eea-legal-form"):
        return True
    return any(t.wording.has(n) for t in texts for n in v.eea_place_names)


_MECHANISMS = {"scc": "standard contractual clauses", "bcr": "binding corporate rules"}


def scc_copy(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 13(1)(f): on SCCs or BCR, the means to obtain a copy of them, or where they are available."""
    if any(v.cue(t, "copy") and (v.cue(t, "scc") or _states_safeguard(v, t)) for t in v.texts):
        return
    for kind in ("recipients", "transfers"):
        for item in v.shown_items(kind):
            fact = f"{kind}.{item.id}"
            mechanism = v.value(fact, "safeguard" if kind == "recipients" else "mechanism")
            if mechanism in ("scc", "bcr"):
                yield (
                    v.fact_at(fact),
                    f"{_name(item)}: the transfer rests on {_MECHANISMS[mechanism]}, "
                    "but the reader is not told how to obtain a copy of them or where they are available",
                )
                return
    for text, _ in v.sentences_with("scc"):
        yield (
            v.at_text(text),
            "the transfer rests on standard contractual clauses or binding corporate rules, but the reader is not "
            "told how to obtain a copy of them or where they are available",
        )
        return


def _states_safeguard(v: View, text: Text) -> bool:
    return any(
        v.value(f, "safeguard") in ("scc", "bcr") or v.value(f, "mechanism") in ("scc", "bcr")
        for f in text.states
        if f.startswith(("recipients.", "transfers.")) and f.count(".") == 1
    )


def retention(v: View) -> Iterator[tuple[Where, str]]:
    rules = v.shown_items("retention")
    if not rules:
        if v.shown_items("data") or v.shown_items("audiences"):
            yield ("retention", v.policy.at("facts")), "no retention period is shown for any data"
        return
    named_audiences = {a for r in rules for a in (v.value(f"retention.{r.id}", "audiences") or ())}
    named_data = {d for r in rules for d in (v.value(f"retention.{r.id}", "data") or ())}
    if not named_audiences and not named_data:
        return
    # An audience none of whose data any rule covers has no period: said once (the first such audience), since a
    # broader sentence often covers the rest ("everything else while the account exists"). A category left out of
    # rules that cover its neighbours is not counted: the reviewers of the corpora did not count it a gap.
    categories = v.shown_items("data")
    for a in v.shown_items("audiences"):
        own = [d for d in categories if a.id in v.audiences_of(d)]
        if a.id in named_audiences or any(d.id in named_data for d in own):
            continue
        yield v.fact_at(f"audiences.{a.id}"), f'no retention period is shown for the data of "{_name(a)}"'
        break


def vague_retention(v: View) -> Iterator[tuple[Where, str]]:
    for text, _ in v.sentences_with("vague-period"):
        yield (
            v.at_text(text),
            'data is kept "as long as necessary": give the period, or the criteria that set it (Art. 13(2)(a))',
        )
        break
    for r in v.shown_items("retention"):
        fact = f"retention.{r.id}"
        if v.value(fact, "duration") == "legal" and not v.value(fact, "statute"):
            yield v.fact_at(fact), 'a retention for "the legal duration" names no statute nor period'


ALWAYS = ("access", "rectification", "erasure", "restriction")
"""The rights of Art. 15-18, which apply to any processing."""


def rights_complete(v: View) -> Iterator[tuple[Where, str]]:
    """The rights that apply: Art. 15-18 always; portability where a purpose rests on consent or a contract
    (Art. 20(1)). Objection is the Art. 21 rules' (legitimate-interest-objection, marketing-objection)."""
    shown = v.value("rights", "list") or ()
    bases = {_basis(v, p) for p in v.shown_items("purposes")}
    # Erasure does not apply to processing a legal obligation or a public task requires (Art. 17(3)(b)).
    wanted = [r for r in ALWAYS if not (r == "erasure" and bases and bases <= {"legal-obligation", "public-task"})]
    if "contract" in bases or bases == {None}:
        wanted.append("portability")  # a purpose whose basis is not shown may rest on either
    missing = [right for right in wanted if right not in shown]
    if missing:
        why = " (portability: Art. 20(1), for processing on consent or a contract)" if "portability" in missing else ""
        yield v.fact_at("rights", "list"), f"rights not shown: {', '.join(missing)}{why}"


def _conditional(v: View, sentence: Wording) -> bool:
    return v.cue(sentence, "complaint-condition") and not v.cue(sentence, "unconditional")


def complaint(v: View) -> Iterator[tuple[Where, str]]:
    authorities = [a for a in v.shown_items("authorities") if v.shows(f"authorities.{a.id}", "name")]
    names = tuple((a.name or "").lower() for a in authorities)
    about = [
        t for t in v.texts
        if any(f.startswith("authorities.") for f in t.states) or any(n and n in t.text for n in names)
        or v.cue(t, "authority")
    ]  # fmt: skip
    for text in about:
        if any(_conditional(v, s) for s in text.sentences if v.cue(s, "complaint") or v.cue(s, "authority")):
            yield (
                v.at_text(text),
                "the right to complain is made conditional (on an unsatisfying answer, on contacting the "
                "controller first, on a delay): it is unconditional (Art. 77)",
            )
            return
    if not authorities and not any(v.cue(t, "complaint") for t in about):
        yield v.fact_at("rights"), "the right to lodge a complaint with a supervisory authority is not stated"


def response_time(v: View) -> Iterator[tuple[Where, str]]:
    value = v.value("rights", "response_time")
    if not isinstance(value, Duration):
        return
    months = value.years * 12 + value.months
    days = value.weeks * 7 + value.days
    said = format_duration(value, "en").replace("\u00a0", " ")
    if (months == 0 and days > 31) or months > 1 or (months == 1 and days):
        yield (
            v.fact_at("rights", "response_time"),
            (
                f"{ERROR}requests are answered within {said}: longer than the one month of Art. 12(3) "
                "(extendable by two months only where needed, with reasons)"
            ),
        )


def identity_check(v: View) -> Iterator[tuple[Where, str]]:
    stating = v.stating("rights")
    if v.value("rights", "identity_check") == "always" and not v.cued(stating, "identity-reason"):
        yield (
            v.fact_at("rights", "identity_check"),
            "identity is always required: only in case of reasonable doubt (Art. 12(6))",
        )


def statutory_contractual(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 13(2)(e): whether giving the data is required, and what happens if it is not given."""
    # Said of the data the person gives: not of marketing emails ("optional and off by default"), cookies, or
    # consent ("a child cannot consent alone").
    for text in v.texts:
        for sentence in text.sentences:
            if not (v.cue(sentence, "provision") or v.cue(sentence, "if-not-given")):
                continue
            if not any(v.cue(sentence, other) for other in ("marketing", "newsletter", "cookie", "consent-word")):
                return
    # Visitors' connection data is not "provided" by them: Art. 13(2)(e) says nothing useful of it.
    audiences = [a for a in v.shown_items("audiences") if not v.cue(_name(a), "visitor")]
    message = "not said whether giving the data is a legal or contractual requirement, nor what happens if not"
    for a in audiences[:1]:  # one gap of the whole notice, said where its first audience is
        yield v.fact_at(f"audiences.{a.id}"), f'"{_name(a)}": {message}'
    if not v.shown_items("audiences"):
        first = next(iter(v.shown_items("data")), None)
        if first is not None:
            yield v.fact_at(f"data.{first.id}"), message


def automated_decisions(v: View) -> Iterator[tuple[Where, str]]:
    value = v.policy.facts.automated_decisions
    if isinstance(value, AutomatedDecisions) and not v.value("automated_decisions", "logic"):
        yield v.fact_at("automated_decisions"), "automated decisions exist, but the reader is not told of them"
        return
    stated = list(v.sentences_with("automated-decision"))
    if stated:
        texts = [t for t, _ in stated] + v.stating("automated_decisions")
        sections = {t.section for t in texts}
        near = v.in_sections(sections)
        missing = [
            what for cue, what in (("logic", "the logic involved"), ("consequence", "its significance and "
                                   "consequences"), ("human", "the right to human intervention and to contest it"))
            if not v.cued(near, cue)
        ]  # fmt: skip
        if missing:
            yield (
                v.at_text(stated[0][0]),
                f"an automated decision is stated, but not {', nor '.join(missing)} (Art. 13(2)(f), 22(3))",
            )
        return
    if value is not None:
        return
    # "Ces traitements peuvent être automatiques" deserves a word; "ces envois sont automatiques" does not.
    text = next((t for t, sentence in v.sentences_with("automatic") if v.cue_word(sentence, "modal")), None)
    if text is not None:
        yield (
            v.at_text(text),
            f"{INFO}the text says processing is or may be automatic: say whether any decision with legal or "
            'similarly significant effect is automated ("automated_decisions: none", or what it is)',
        )


def check_regularly_clause(v: View) -> Iterator[tuple[Where, str]]:
    channels = v.value("change_channels")
    clause = v.cued(v.texts, "regularly")
    message = (
        'changes are announced only on this page ("consult it regularly"): notify the people concerned (email, banner)'
    )
    if channels is not None:
        if set(channels) <= {"this-page"}:
            yield v.fact_at("change_channels"), message
    elif clause is not None:
        yield v.at_text(clause), message
    elif not v.cued(v.texts, "changes"):
        yield (
            ("change_channels", v.policy.at("facts")),
            f"{INFO}the policy does not say how changes to it are announced: say it (email, a banner), "
            "and that its versions are kept",
        )


def post_mortem(v: View) -> Iterator[tuple[Where, str]]:
    """Loi Informatique et Libertés art. 85 II: a French online service says what becomes of data at death."""
    french = any(c.country == "FR" for c in v.policy.facts.controllers)
    if not french or "post-mortem-directives" in (v.value("rights", "list") or ()) or v.cued(v.texts, "death"):
        return
    yield (
        v.fact_at("rights", "list"),
        "a French online service tells its users what becomes of their data when they die, and may mention "
        "the right to set directives (Loi Informatique et Libertés art. 85)",
    )


def _needed_for_contract(v: View, fact: str) -> bool:
    """Whether a consent-based purpose is what the service or contract needs (consent-for-contract says it)."""
    if not fact.startswith("purposes."):
        return False
    return v.cue(str(v.known[fact].label), "service") or any(
        v.cue(s, "refusal") or (v.cue(s, "mandatory") and v.cue(s, "consent-word"))
        for t in v.stating(fact)
        for s in t.sentences
    )


def consent_for_contract(v: View) -> Iterator[tuple[Where, str]]:
    """Consent as the basis of what the contract needs (Art. 6(1)(b), 7(4)): the data is mandatory, or the
    purpose is providing the service."""
    for p in v.shown_items("purposes"):
        if _basis(v, p) != "consent":
            continue
        fact = f"purposes.{p.id}"
        if _needed_for_contract(v, fact):
            yield (
                v.fact_at(fact),
                f'{ERROR}purpose "{p.label}" rests on consent, but it is what the service or contract needs: consent '
                "to it is not freely given; its basis is the contract (Art. 6(1)(b), 7(4))",
            )


def joint_controllers(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 26(2): the essence of a joint arrangement is made available; a host or tool provider acting on
    instructions is a processor (Art. 28), not a joint controller."""
    joint = [r for r in v.shown_items("recipients") if r.role == "joint-controller"]
    for r in joint:
        if v.cue(str(v.value(f"recipients.{r.id}", "activity") or ""), "host"):
            yield (
                v.fact_at(f"recipients.{r.id}"),
                f"{ERROR}{r.name} is called a joint controller, but it provides "
                f"{v.value(f'recipients.{r.id}', 'activity')}"
                " on the controller's instructions: that is a processor (Art. 28)",
            )
    # A Facebook page or the Meta pixel makes the site its operator and Meta joint controllers (CJEU C-210/16
    # Wirtschaftsakademie, C-40/17 Fashion ID), whether the text says so or not.
    tools = [(v.at_text(t), t.section) for t, _ in v.sentences_with("joint-tool")]
    for c in v.shown_items("cookies"):
        if v.cue(f"{c.name} {c.provider}", "joint-tool"):
            where = v.fact_at(f"cookies.{c.id}")  # its sentence, else the cookies table
            tools.append((where, where[0].split(".")[0]))
    for where, section in tools:
        near = v.in_sections({section})
        if not (v.cued(near, "joint") and v.cued(near, "arrangement")):
            yield (
                where,
                "a Facebook page or the Meta pixel makes the site's operator and Meta joint controllers (CJEU "
                "C-210/16, C-40/17): say so, and make the essence of the arrangement available (Art. 26(2))",
            )
            break
    said = [t for t, _ in v.sentences_with("joint")]
    where = v.fact_at(f"recipients.{joint[0].id}") if joint else (v.at_text(said[0]) if said else None)
    if where is None:
        return
    if not v.cued(said + [t for r in joint for t in v.stating(f"recipients.{r.id}")], "arrangement"):
        yield (
            where,
            "a joint controller is named, but the essence of the arrangement is not made available (Art. 26(2))",
        )


_AGE = re.compile(r"\b(1[0-8])\b")


def children(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 8: a service directed at children says the age of digital consent and who consents below it."""
    directed = [t for t, _ in v.sentences_with("for-children")]
    labels = [a for a in v.shown_items("audiences") if v.cue(_name(a), "child")]
    if not directed and not labels:
        return
    # Art. 8 governs a child's consent: a service that rests on a contract with the parent owes it nothing.
    consent = any(_basis(v, p) == "consent" for p in v.shown_items("purposes")) or v.cued(v.texts, "consent-given")
    if not consent:
        return
    near = [t for t in v.texts if v.cue(t, "child")]
    missing = []
    # Parental consent is the duty; the age matters where a child may consent alone (a service that asks the
    # parent for every child owes no age).
    if not v.cued(v.texts, "parental"):
        missing.append("the consent of the holder of parental responsibility")
        if not any(_AGE.search(t.raw) and v.cue(t, "years-word") for t in near):
            missing.append("the age below which it is needed (16, or down to 13 by national law: 15 in France)")
    if missing:
        where = v.at_text(directed[0]) if directed else v.fact_at(f"audiences.{labels[0].id}")
        yield (
            where,
            f"the service is directed at children, but the policy does not say {' nor '.join(missing)} (Art. 8)",
        )


def special_categories(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 9: health, biometric and other special data need an Art. 9(2) condition, stated."""
    # The data processed is what a sentence states as data, an audience or a purpose ("Tipps für Ihre Gesundheit"
    # in a newsletter's blurb is no health data).
    about = [t for t in v.texts if any(f.split(".")[0] in ("data", "audiences", "purposes") for f in t.states)]
    stated = [(t, s) for t, s in v.sentences_with("special", about or v.texts) if not v.cue(s, "marketing")]
    # The condition is said where the data is: in its section (a condition stated for one processing does not
    # cover another's health data).
    purposes = [t for t in v.texts if any(f.startswith("purposes.") for f in t.states)]
    stated = [
        (t, s)
        for t, s in stated
        if not v.cued(v.in_sections({t.section}), "special-condition") and not v.cued(purposes, "special-condition")
    ]
    said: set[str | None] = set()
    for text, _ in stated:
        if text.section in said:
            continue
        said.add(text.section)  # one finding a section: each processing of such data owes its own condition
        yield (
            v.at_text(text),
            "special categories of data (health, biometrics, beliefs…) are processed, but no condition of Art. 9(2) "
            "is stated for them (explicit consent, medical care under professional secrecy, employment law…)",
        )


def sources(v: View) -> Iterator[tuple[Where, str]]:
    """Art. 14(2)(f): data not obtained from the person says where it comes from."""
    for text, sentence in v.sentences_with("indirect"):
        if v.cue(sentence, "vague-source") and not _names_someone(sentence):
            yield (
                v.at_text(text),
                "data is obtained from others than the person, but its source is not named (Art. 14(2)(f), "
                "14(1)(d): the source and the categories of data)",
            )
            return


def _names_someone(sentence: Wording) -> bool:
    """Whether a sentence names someone: a capitalised word after its first (a company, a register)."""
    words = sentence.cased.split()
    return any(w[:1].isupper() and w.rstrip(".,;:").isalpha() for w in words[1:])


def orphans(v: View) -> Iterator[tuple[Where, str]]:
    categories = v.value("recipient_categories")
    processors = [r for r in v.shown_items("recipients") if r.role in ("processor", "processor-and-controller")]
    if categories is not None:
        if "processors" in categories and not processors:
            yield v.fact_at("recipient_categories"), '"processors" are recipients, but no sub-processor is shown'
        if v.value("partners") and "partners" not in categories:
            yield v.fact_at("partners"), 'who the partners are is said, but "partners" is not among the recipients'


def insecure_link(v: View) -> Iterator[tuple[Where, str]]:
    """An http: link is taken as written, but the page it opens can be read and altered on the way."""
    for place in document.blocks(v.policy.preamble, v.policy.sections):
        for context, content, yaml_path in document.block_texts(place.value, place.context, place.yaml_path):
            for target in document.link_targets(content):
                if target.lower().startswith("http:"):
                    yield (
                        (context, v.policy.at(yaml_path)),
                        f"the link to {target} is not encrypted: write https://{target[len('http://') :]} "
                        "where the host has it",
                    )


def untied_statement(v: View) -> Iterator[tuple[Where, str]]:
    from ..policy import verify

    if v.book is None:
        return
    for context, yaml_path, message in verify.untied(v.policy, v.book):
        yield (context, v.policy.at(yaml_path)), message


RULES: tuple[Rule, ...] = (
    Rule("controller-identity", "warning", "GDPR Art. 13(1)(a)", "controller's name and contact details",
         controller_identity),
    Rule("dpo-contact", "warning", "GDPR Art. 13(1)(b)", "the DPO's contact details, where one is designated",
         dpo_contact),
    Rule("purpose-legal-basis", "warning", "GDPR Art. 13(1)(c)", "a legal basis for every purpose",
         purpose_legal_basis),
    Rule("legitimate-interest", "warning", "GDPR Art. 13(1)(d)", "the legitimate interests pursued",
         legitimate_interest),
    Rule("consent-withdrawal", "warning", "GDPR Art. 13(2)(c), Art. 7(3)",
         "consent can be withdrawn at any time, and how", consent_withdrawal),
    Rule("marketing-objection", "warning", "GDPR Art. 21(2)-(4)",
         "the right to object to direct marketing, explicitly and separately", marketing_objection),
    Rule("legitimate-interest-objection", "warning", "GDPR Art. 21(1), 21(4)",
         "the right to object to processing on legitimate interests or a public task", legitimate_interest_objection),
    Rule("pre-ticked-consent", "error", "GDPR Art. 4(11), Art. 7; CJEU C-673/17 Planet49",
         "an optional communication on consent is not on by default", pre_ticked_consent),
    Rule("consent-for-contract", "error", "GDPR Art. 6(1)(b), 7(4); EDPB Guidelines 2/2019, 05/2020",
         "no consent as the basis of what the contract needs", consent_for_contract),
    Rule("cookies", "warning", "ePrivacy Directive art. 5(3); CNIL guidelines 2020-091",
         "cookies and trackers described, with consent where required", cookies),
    Rule("purpose-per-data", "warning", "GDPR Art. 13(1)(c)", "each audience's data has a purpose",
         purpose_per_data),
    Rule("vague-qualifiers", "info", "WP260 paras. 12-13", "no \"may\" where the processing is certain",
         vague_qualifiers),
    Rule("special-categories", "warning", "GDPR Art. 9, 13(1)(c)",
         "special categories of data with their Art. 9(2) condition", special_categories),
    Rule("children", "warning", "GDPR Art. 8, 12(1), recital 58; Loi Informatique et Libertés art. 45",
         "a service for children: the age of consent and the parents' consent", children),
    Rule("sources", "warning", "GDPR Art. 14(1)(d), 14(2)(f)", "where data not obtained from the person comes from",
         sources),
    Rule("recipients", "warning", "GDPR Art. 13(1)(e)", "recipients or categories of recipients", recipients),
    Rule("vague-recipients", "warning", "WP260 Annex", "no bare \"partners\"", vague_recipients),
    Rule("joint-controllers", "warning", "GDPR Art. 26(2), 28; EDPB Guidelines 07/2020",
         "joint controllers with the essence of their arrangement; a processor is not one", joint_controllers),
    Rule("transfers", "warning", "GDPR Art. 13(1)(f), Art. 44-49", "transfers outside the EEA and their basis",
         transfers),
    Rule("scc-copy", "warning", "GDPR Art. 13(1)(f)", "how to obtain a copy of the SCCs or BCR", scc_copy),
    Rule("retention", "warning", "GDPR Art. 13(2)(a)", "a retention period for all data", retention),
    Rule("vague-retention", "warning", "GDPR Art. 13(2)(a); WP260 Annex", "legal durations name their statute",
         vague_retention),
    Rule("rights-complete", "warning", "GDPR Art. 13(2)(b), 15-20", "the rights of Art. 15-20 that apply",
         rights_complete),
    Rule("complaint", "warning", "GDPR Art. 13(2)(d), Art. 77", "the right to complain, unconditionally",
         complaint),
    Rule("response-time", "error", "GDPR Art. 12(3)", "one month to answer, extendable by two", response_time),
    Rule("identity-check", "warning", "GDPR Art. 12(6)", "identity checked on reasonable doubt only",
         identity_check),
    Rule("statutory-contractual", "warning", "GDPR Art. 13(2)(e)", "whether giving the data is required",
         statutory_contractual),
    Rule("automated-decisions", "warning", "GDPR Art. 13(2)(f), Art. 22(3)",
         "automated decisions, where they exist: logic, consequences, safeguards", automated_decisions),
    Rule("check-regularly-clause", "warning", "WP260 para. 29", "changes notified, not \"consult regularly\"",
         check_regularly_clause),
    Rule("post-mortem", "warning", "Loi Informatique et Libertés art. 85 II",
         "what becomes of data at death (a French online service)", post_mortem),
    Rule("insecure-link", "warning", "good practice: a link opens over an encrypted connection",
         "links are https: where the host has it", insecure_link),
    Rule("untied-statement", "warning", "consistency (the published text is the information given)",
         "a sentence states a period, legal basis, right, default or place that no fact ties", untied_statement),
    Rule("orphans", "error", "consistency", "no declared recipient category unused", orphans),
)  # fmt: skip


def lint(
    policy: Policy, waivers: Mapping[str, str] | None = None, site: Path | None = None, cache: Cache | None = None
) -> list[Finding]:
    """Every finding of every v2 rule, sorted by position; waived ones carry the config's reason. ``site`` holds
    the site's phrasebooks (usually ``data/``), which ``cache`` keeps with the package's."""
    seen = view(policy, site, cache)
    findings = []
    for rule in RULES:
        for (path, (line, column)), message in rule.check(seen):
            severity: Severity = rule.severity
            for prefix, other in ((INFO, "info"), (ERROR, "error")):
                if message.startswith(prefix):
                    severity, message = other, message[len(prefix) :]  # type: ignore[assignment]
            findings.append(Finding(rule.id, severity, message, path, policy.source_file, line, column, rule.citation))
    return sorted(waive(findings, waivers or {}), key=lambda f: (f.file, f.line, f.column, f.rule))


__all__ = ["RULES", "Rule", "lint", "view"]
