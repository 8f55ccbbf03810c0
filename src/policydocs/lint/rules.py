"""The transparency linter on model v2: the rules of GDPR-RULES.md, read from what the reader is shown.

A rule reads only the facts and fields in ``agreement.shown(policy)`` (stated
by a block or rendered by a generated block) and the text of the blocks. A
fact present in ``facts:`` that no reader sees counts as absent here (the tie
reports it as an error anyway): a field no page displays never satisfies a
rule. Two duties apply only "where applicable", and the data says whether
they do without a page showing it: a DPO designated (``dpo:``) and automated
decisions (``automated_decisions:``). There the data's word that the duty
applies makes the rule speak when the reader is not told, and ``none`` (a
statement in the data, not shown) keeps it quiet.

Precision comes first: a rule whose duty is "where applicable" says nothing
when the data says it does not apply, nor when it is absent; a rule that
looks at words looks for a few exact ones, in the blocks that state the
facts concerned or in their sections. Severities: ``error`` (the data
contradicts itself), ``warning`` (the company decides), ``info`` (worth a
word; never fails ``--strict``).

Decisions, rule by rule, where GDPR-RULES.md leaves room:

- ``cookies``: no cookie fact shown and no word on cookies or trackers
  ("cookie", "traceur", "tracker", "pixel") is a warning when the policy
  tells of marketing emails or a newsletter (newsletter tools track opens
  with pixels), and only an info when it tells of website visits alone (a
  site may set no cookie at all, and need not say so).
- ``consent-withdrawal`` and ``marketing-objection``: an optional email
  (``communications`` with ``optional: true``) is consent-based direct
  marketing, as is a purpose whose basis is consent. Withdrawal is said by
  ``withdraw-consent`` among the rights shown, or by a text with a word of
  withdrawing ("retirer", "retrait", "withdraw") and of consent. The right
  to object must be explicit: "s'opposer", "opposition", "object" in the
  section that tells of the emails (or of a purpose whose label speaks of
  marketing, prospection, a newsletter, advertising), or beside a word of
  marketing anywhere; switching emails off in the settings is not it.
- ``purpose-per-data``: a data category has a purpose when a shown purpose
  lists it, when a purpose is stated in the same section as the category
  (or its audience), or when purposes are stated in a section of their own
  (then they apply to all the data).
- ``retention``: when no retention rule names an audience or a category,
  the rules are not tied to data and only their existence is checked.
- ``statutory-contractual``: no fact holds it; satisfied by a few words
  anywhere in the text ("obligatoire", "facultatif", "mandatory",
  "optional", "contractual requirement", "without them", "sans eux"…).
- ``post-mortem``: only for a controller whose country is shown as FR.
- ``independent-controller`` (info): the role of a recipient is no duty of
  its own (the corrected reference removed ``recipient-role``), but a
  payment provider shown as a mere processor, with no word of it being a
  controller, is worth a word: such providers decide their own anti-fraud
  and legal processing.
- ``transfers``: a recipient whose country is not shown leaves the reader
  unable to tell whether data leaves the EEA: a warning, as one outside the
  EEA without a safeguard shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..policy import agreement, document, facts
from ..policy.document import Generated, ItemList, TableBlock
from ..policy.facts import AutomatedDecisions, Dpo
from ..policy.model import Duration
from ..versions.summary import format_duration
from .findings import EEA, RIGHTS, Finding, Severity

if TYPE_CHECKING:
    from ..policy.v2 import Policy

INSIDE_EEA = EEA | {"EU", "EEA"}


@dataclass(frozen=True)
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

    def words(self) -> list[str]:
        return _words(self.text)


@dataclass
class View:
    """What the reader is shown: facts and fields, and the texts of the page."""

    policy: Policy
    seen: set[str]
    known: dict[str, Any]
    texts: list[Text]
    generated_in: dict[str, list[str | None]]
    """Kind of facts rendered → the sections of the generated blocks that render them."""

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
        kind, _, rest = fact.partition(".")
        yaml_path = f"facts.{kind}.{rest}" if rest else f"facts.{kind}"
        if field:
            return f"{fact}.{field}", self.policy.at(f"{yaml_path}.{field}")
        return fact, self.policy.at(yaml_path)


def view(policy: Policy) -> View:
    known = facts.index(policy.facts)
    texts: list[Text] = []
    generated_in: dict[str, list[str | None]] = {}

    def refs(states: Iterable[str]) -> frozenset[str]:
        out = set()
        for ref in states:
            target = facts.resolve(ref, known)
            if target is not None:
                out.add(target.fact)
        return frozenset(out)

    for place in document.blocks(policy.preamble, policy.sections):
        block = place.value
        section = None if place.yaml_path.startswith("preamble.") else place.context.split(".")[0]
        if isinstance(block, Generated):
            generated_in.setdefault(facts.GENERATED_KINDS[block.generated], []).append(section)
            continue
        own = refs(getattr(block, "states", ()))
        if isinstance(block, ItemList):
            for context, yaml_path, item, _ in document.items(block, place.context, place.yaml_path):
                texts.append(Text(context, yaml_path, section, _normal(item.text), own | refs(item.states)))
        elif isinstance(block, TableBlock):
            for row in block.table.rows:
                cells = " ".join(row.cells.values())
                yaml_path = f"{place.yaml_path}.table.rows.{row.id}"
                texts.append(
                    Text(f"{place.context}.{row.id}", yaml_path, section, _normal(cells), own | refs(row.states))
                )
        else:
            for context, text, _ in document.block_texts(block, place.context, place.yaml_path):
                texts.append(Text(context, place.yaml_path, section, _normal(text), own))
    return View(policy, agreement.shown(policy), known, texts, generated_in)


def _normal(text: str) -> str:
    return document.plain(text).lower().replace("’", "'").replace("\u00a0", " ")


def _words(text: str) -> list[str]:
    """The words of a normalized text, split on anything that is not a letter or digit (linear)."""
    out: list[str] = []
    start = -1
    for index, char in enumerate(text):
        if char.isalnum():
            if start < 0:
                start = index
        elif start >= 0:
            out.append(text[start:index])
            start = -1
    if start >= 0:
        out.append(text[start:])
    return out


def _has_word(texts: Iterable[Text], prefixes: tuple[str, ...]) -> Text | None:
    """The first text with a word starting with one of ``prefixes``."""
    for text in texts:
        if any(word.startswith(prefixes) for word in text.words()):
            return text
    return None


def _has_phrase(texts: Iterable[Text], phrases: tuple[str, ...]) -> Text | None:
    """The first text holding one of ``phrases`` (words separated by single spaces)."""
    for text in texts:
        joined = f" {' '.join(text.words())} "
        if any(f" {' '.join(_words(phrase))} " in joined for phrase in phrases):
            return text
    return None


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
    """A warning rule may also yield info: a message that starts with ``INFO``."""
    fix: str | None = None
    """How to act on a finding, when it is not the policy data to complete (the reports' help says it)."""


INFO = "\x00info\x00"
"""Prefix of a message a warning rule yields as info (a shorter response time, a postal address)."""


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


def purpose_legal_basis(v: View) -> Iterator[tuple[Where, str]]:
    purposes = v.shown_items("purposes")
    for p in purposes:
        if not v.value(f"purposes.{p.id}", "legal_basis"):
            yield v.fact_at(f"purposes.{p.id}"), f'purpose "{p.label}" is shown with no legal basis (Art. 6(1)(a)-(f))'
    # Optional emails are marketing the reader opts into: some purpose must carry them, on consent (or on
    # legitimate interests, the "soft opt-in" to existing customers); which purpose does is not said in the data.
    bases = {v.value(f"purposes.{p.id}", "legal_basis") for p in purposes}
    if bases & {"consent", "legitimate-interests"}:
        return
    for e in v.shown_items("communications"):
        if v.value(f"communications.{e.id}", "optional"):
            yield (
                v.fact_at(f"communications.{e.id}"),
                f'the optional emails "{e.id}" are shown with no purpose on a legal basis for them '
                "(consent, when the reader opts in)",
            )


def legitimate_interest(v: View) -> Iterator[tuple[Where, str]]:
    for p in v.shown_items("purposes"):
        fact = f"purposes.{p.id}"
        if v.value(fact, "legal_basis") == "legitimate-interests" and not v.value(fact, "legitimate_interest"):
            yield v.fact_at(fact), f'purpose "{p.label}" rests on legitimate interests without naming them'


_WITHDRAW = ("retir", "retrait", "withdr")
_CONSENT = ("consent",)
_OBJECT = ("oppos", "object")
_MARKETING = ("marketing", "prospection", "commerc", "newsletter", "publicit", "advertis")


def _consent_processing(v: View) -> Iterator[tuple[str, str]]:
    """``(fact, what)`` for each consent-based processing the reader is shown."""
    for p in v.shown_items("purposes"):
        if v.value(f"purposes.{p.id}", "legal_basis") == "consent":
            yield f"purposes.{p.id}", f'purpose "{p.label}" rests'
    for e in v.shown_items("communications"):
        if v.value(f"communications.{e.id}", "optional"):
            yield f"communications.{e.id}", f'the optional emails "{e.id}" rest'


def _says_withdrawal(v: View) -> bool:
    """Whether some text tells that consent can be withdrawn: a withdrawal word beside a consent word."""
    for text in v.texts:
        words = text.words()
        if any(w.startswith(_WITHDRAW) for w in words) and any(w.startswith(_CONSENT) for w in words):
            return True
    return False


def consent_withdrawal(v: View) -> Iterator[tuple[Where, str]]:
    if "withdraw-consent" in (v.value("rights", "list") or ()) or _says_withdrawal(v):
        return
    for fact, what in _consent_processing(v):
        yield (
            v.fact_at(fact),
            f"{what} on consent, but the reader is not told that consent can be withdrawn at any time, nor how",
        )


_DIRECT_MARKETING = ("marketing", "prospection", "newsletter", "infolettre", "publicit", "advertis", "promotion")
"""Words of a purpose's label that make it direct marketing (narrower than _MARKETING: no "commercial")."""


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
        label = v.value(f"purposes.{p.id}", "label")
        if label and any(w.startswith(_DIRECT_MARKETING) for w in _words(_normal(str(label)))):
            yield f"purposes.{p.id}", f'the purpose "{p.label}" is direct marketing: the right to object to it'


def marketing_objection(v: View) -> Iterator[tuple[Where, str]]:
    anywhere = any(
        any(w.startswith(_OBJECT) for w in words) and any(w.startswith(_MARKETING) for w in words)
        for words in (t.words() for t in v.texts)
    )
    if anywhere:
        return
    for fact, what in _direct_marketing(v):
        if _has_word(v.in_sections(v.sections_of(fact)), _OBJECT):
            continue
        yield (
            v.fact_at(fact),
            f"{what} is not brought to attention explicitly and separately "
            "(switching emails off is not said to be a right)",
        )


def pre_ticked_consent(v: View) -> Iterator[tuple[Where, str]]:
    for e in v.shown_items("communications"):
        fact = f"communications.{e.id}"
        if v.value(fact, "optional") and v.value(fact, "enabled_by_default") is True:
            yield (
                v.fact_at(fact, "enabled_by_default"),
                f'the optional emails "{e.id}" are on by default: a pre-ticked box is not consent',
            )


_COOKIE = ("cookie", "traceur", "tracker", "tracking", "pixel")
_NEWSLETTER = ("newsletter", "infolettre", "lettre d'information")
_WEBSITE = ("site web", "sites web", "site internet", "sites internet", "website", "websites", "web site")


def cookies(v: View) -> Iterator[tuple[Where, str]]:
    if v.shown_items("cookies") or _has_word(v.texts, _COOKIE):
        return
    emails = _has_phrase(v.texts, _NEWSLETTER) or next(
        (
            t
            for e in v.shown_items("communications")
            if v.value(f"communications.{e.id}", "optional")
            for t in v.stating(f"communications.{e.id}")
        ),
        None,
    )
    if emails is not None:
        yield (
            (emails.context, v.policy.at(emails.yaml_path)),
            "the policy tells of a newsletter or marketing emails, but says no word on cookies or trackers "
            "(email tracking pixels included): say which are used and on what consent, or that there are none",
        )
        return
    site = _has_phrase(v.texts, _WEBSITE)
    if site is not None:
        yield (
            (site.context, v.policy.at(site.yaml_path)),
            f"{INFO}the policy tells of website visits but says no word on cookies or trackers: "
            "if the site sets any, say which and on what consent",
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
    if general:
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


_VAGUE = {"peut", "peuvent", "pourra", "pourront", "pourrait", "pourraient", "may", "might"}
_NOT_VAGUE_BEFORE = {"ne", "n", "you"}
"""Words that make a "may" no vagueness: a negation, or a permission given to the reader ("you may")."""
_PROCESSING = (
    "audiences",
    "data",
    "purposes",
    "retention",
    "recipients",
    "recipient_categories",
    "partners",
    "cookies",
    "communications",
    "automated_decisions",
)
"""Kinds of facts about the processing itself: a "may" stating them is vague (not one about changes or rights)."""


_SWITCHED = ("activ", "désactiv", "enabl", "disabl", "turned", "switched")


def _switch(words: list[str], index: int) -> bool:
    """Whether the "may" at ``index`` says the reader can switch something on or off ("peut être désactivée")."""
    after = words[index + 1 : index + 3]
    return len(after) == 2 and after[0] in ("être", "be") and after[1].startswith(_SWITCHED)


def vague_qualifiers(v: View) -> Iterator[tuple[Where, str]]:
    for text in v.texts:
        if not any(fact.split(".")[0] in _PROCESSING for fact in text.states):
            continue
        words = text.words()
        for index, word in enumerate(words):
            if _switch(words, index):
                continue  # "peut être activée": the reader's choice, not an uncertain processing
            if word in _VAGUE and (index == 0 or words[index - 1] not in _NOT_VAGUE_BEFORE):
                yield (
                    (text.context, v.policy.at(text.yaml_path)),
                    f'"{word}" where the processing it states is certain: say what is done',
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


_PAYMENT = ("paiement", "payment")
_CONTROLLER_WORDS = ("responsable de traitement", "responsable du traitement", "controller")


def independent_controller(v: View) -> Iterator[tuple[Where, str]]:
    for r in v.shown_items("recipients"):
        fact = f"recipients.{r.id}"
        if v.value(fact, "role") in ("controller", "joint-controller", "processor-and-controller"):
            continue
        activity = _normal(str(v.value(fact, "activity") or ""))
        said = _has_phrase(v.stating(fact), _CONTROLLER_WORDS)
        if said is None and any(word.startswith(_PAYMENT) for word in _words(activity)):
            yield (
                v.fact_at(fact),
                f"{r.name} is a payment provider: such a provider also acts as a controller of its own "
                "(fraud prevention, its own legal duties); if so, say it (role: controller, or "
                "processor-and-controller)",
            )


def transfers(v: View) -> Iterator[tuple[Where, str]]:
    mechanisms = "(adequacy decision such as the EU-US DPF, standard contractual clauses, BCR)"
    for r in v.shown_items("recipients"):
        fact = f"recipients.{r.id}"
        country = v.value(fact, "country")
        safeguard = v.value(fact, "safeguard")
        if country is None:
            yield (
                v.fact_at(fact),
                f"{r.name}: the reader is not told where the data goes, nor on what basis {mechanisms}",
            )
        elif country not in INSIDE_EEA and safeguard in (None, "none"):
            where = agreement.territory_names(country, "en")[0]
            yield v.fact_at(fact), f"{r.name} is in {where}, outside the EEA: no transfer mechanism shown {mechanisms}"


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
    audiences = {a.id: a for a in v.shown_items("audiences")}
    for d in v.shown_items("data"):
        if d.id in named_data or any(a in named_audiences for a in v.audiences_of(d)):
            continue
        yield v.fact_at(f"data.{d.id}"), f'no retention period is shown for the data "{_name(d)}"'
    categories = v.shown_items("data")
    for a in audiences.values():
        if a.id not in named_audiences and not any(a.id in v.audiences_of(d) for d in categories):
            yield v.fact_at(f"audiences.{a.id}"), f'no retention period is shown for the data of "{_name(a)}"'


def vague_retention(v: View) -> Iterator[tuple[Where, str]]:
    for r in v.shown_items("retention"):
        fact = f"retention.{r.id}"
        if v.value(fact, "duration") == "legal" and not v.value(fact, "statute"):
            yield v.fact_at(fact), 'a retention for "the legal duration" names no statute nor period'


def rights_complete(v: View) -> Iterator[tuple[Where, str]]:
    shown = v.value("rights", "list") or ()
    missing = [right for right in RIGHTS if right not in shown]
    if missing:
        yield v.fact_at("rights", "list"), f"rights not shown: {', '.join(missing)}"


_UNCONDITIONAL = (
    "whether or not",
    "whether you are",
    "regardless",
    "in any case",
    "in all cases",
    "même si",
    "dans tous les cas",
    "en tout état de cause",
    "quelle que soit",
)
"""Phrases that say the complaint does not depend on the answer, though they name satisfaction."""


def _conditional(text: Text) -> bool:
    words = text.words()
    if not any("satisf" in w for w in words) or _has_phrase([text], _UNCONDITIONAL):
        return False
    if any(w.startswith(("insatisf", "unsatisf", "dissatisf")) for w in words):
        return True
    return bool({"absence", "pas", "not", "non", "if", "si", "unless", "sauf"} & set(words))


def complaint(v: View) -> Iterator[tuple[Where, str]]:
    authorities = [a for a in v.shown_items("authorities") if v.shows(f"authorities.{a.id}", "name")]
    if not authorities:
        yield v.fact_at("rights"), "no supervisory authority to complain to is named"
        return
    names = tuple((a.name or "").lower() for a in authorities)
    for text in v.texts:
        about = any(f.startswith("authorities.") for f in text.states) or any(n in text.text for n in names)
        if about and _conditional(text):
            yield (
                (text.context, v.policy.at(text.yaml_path)),
                "the right to complain is made conditional on an unsatisfying answer: it is unconditional (Art. 77)",
            )


def response_time(v: View) -> Iterator[tuple[Where, str]]:
    value = v.value("rights", "response_time")
    if not isinstance(value, Duration):
        return
    months = value.years * 12 + value.months
    days = value.weeks * 7 + value.days
    said = format_duration(value, "en").replace("\u00a0", " ")
    where = v.fact_at("rights", "response_time")
    if (months == 0 and days > 31) or months > 1 or (months == 1 and days):
        yield (
            where,
            (
                f"requests are answered within {said}: longer than the one month of Art. 12(3) "
                "(extendable by two months only where needed, with reasons)"
            ),
        )
    elif months == 0 and days > 28:
        yield where, f"{INFO}requests are answered within {said}: about the one month of Art. 12(3), fine as it is"


def identity_check(v: View) -> Iterator[tuple[Where, str]]:
    if v.value("rights", "identity_check") == "always":
        yield v.fact_at("rights", "identity_check"), "identity is always required: only in case of reasonable doubt"


_PROVISION_WORDS = ("obligatoire", "facultati", "mandatory", "optional")
_PROVISION_PHRASES = (
    "exigence légale",
    "exigence contractuelle",
    "exigence réglementaire",
    "à défaut",
    "statutory requirement",
    "contractual requirement",
    "if you do not provide",
    "if you don't provide",
    "without them",
    "without it",
    "without this data",
    "sans elles",
    "sans eux",
    "sans ces données",
    "sans ces informations",
)


def statutory_contractual(v: View) -> Iterator[tuple[Where, str]]:
    if _has_word(v.texts, _PROVISION_WORDS) or _has_phrase(v.texts, _PROVISION_PHRASES):
        return
    audiences = v.shown_items("audiences")
    message = "not said whether giving the data is a legal or contractual requirement, nor what happens if not"
    for a in audiences:
        yield v.fact_at(f"audiences.{a.id}"), f'"{_name(a)}": {message}'
    if not audiences:
        first = next(iter(v.shown_items("data")), None)
        if first is not None:
            yield v.fact_at(f"data.{first.id}"), message


_AUTOMATIC = ("automati", "automated", "profilage", "profiling")


def automated_decisions(v: View) -> Iterator[tuple[Where, str]]:
    value = v.policy.facts.automated_decisions
    if isinstance(value, AutomatedDecisions):
        if not v.value("automated_decisions", "logic"):
            yield v.fact_at("automated_decisions"), "automated decisions exist, but the reader is not told of them"
        return
    if value is not None:
        return
    text = _has_word(v.texts, _AUTOMATIC)
    if text is not None:
        yield (
            (text.context, v.policy.at(text.yaml_path)),
            f"{INFO}the text says processing is or may be automatic: say whether any decision with legal or "
            'similarly significant effect is automated ("automated_decisions: none", or what it is)',
        )


_REGULARLY = ("régulièrement", "regularly", "periodically", "périodiquement")


def check_regularly_clause(v: View) -> Iterator[tuple[Where, str]]:
    channels = v.value("change_channels")
    clause = _has_word(v.texts, _REGULARLY)
    message = (
        'changes are announced only on this page ("consult it regularly"): notify the people concerned (email, banner)'
    )
    if channels is not None:
        if set(channels) <= {"this-page"}:
            yield v.fact_at("change_channels"), message
    elif clause is not None:
        yield (clause.context, v.policy.at(clause.yaml_path)), message


def post_mortem(v: View) -> Iterator[tuple[Where, str]]:
    french = any(v.value(f"controllers.{c.id}", "country") == "FR" for c in v.shown_items("controllers"))
    if french and "post-mortem-directives" not in (v.value("rights", "list") or ()):
        yield (
            v.fact_at("rights", "list"),
            "a French controller may mention directives on data after death (practice, not an established duty)",
        )


def orphans(v: View) -> Iterator[tuple[Where, str]]:
    categories = v.value("recipient_categories")
    processors = [
        r
        for r in v.shown_items("recipients")
        if v.value(f"recipients.{r.id}", "role") in ("processor", "processor-and-controller")
    ]
    if categories is not None:
        if "processors" in categories and not processors:
            yield v.fact_at("recipient_categories"), '"processors" are recipients, but no sub-processor is shown'
        if v.value("partners") and "partners" not in categories:
            yield v.fact_at("partners"), 'who the partners are is said, but "partners" is not among the recipients'


def untied_statement(v: View) -> Iterator[tuple[Where, str]]:
    from ..policy import verify

    for context, yaml_path, message in verify.untied(v.policy):
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
    Rule("consent-withdrawal", "warning", "GDPR Art. 13(2)(c), Art. 7(3)", "consent can be withdrawn, and how",
         consent_withdrawal),
    Rule("marketing-objection", "warning", "GDPR Art. 21(2)-(4)",
         "the right to object to direct marketing, explicitly and separately", marketing_objection),
    Rule("pre-ticked-consent", "warning", "GDPR Art. 4(11), Art. 7; CJEU C-673/17 Planet49",
         "an optional communication on by default is not consent", pre_ticked_consent),
    Rule("cookies", "warning", "ePrivacy Directive art. 5(3); CNIL guidelines 2020-091",
         "cookies and trackers described, with consent where required", cookies),
    Rule("purpose-per-data", "warning", "GDPR Art. 13(1)(c)", "each audience's data has a purpose",
         purpose_per_data),
    Rule("vague-qualifiers", "info", "WP260 paras. 12-13", "no \"may\" where the processing is certain",
         vague_qualifiers),
    Rule("recipients", "warning", "GDPR Art. 13(1)(e)", "recipients or categories of recipients", recipients),
    Rule("vague-recipients", "warning", "WP260 Annex", "no bare \"partners\"", vague_recipients),
    Rule("independent-controller", "info", "GDPR Art. 13(1)(e)",
         "a recipient that is a controller of its own is said to be one", independent_controller),
    Rule("transfers", "warning", "GDPR Art. 13(1)(f), Art. 44-49", "transfers outside the EEA and their basis",
         transfers),
    Rule("retention", "warning", "GDPR Art. 13(2)(a)", "a retention period for all data", retention),
    Rule("vague-retention", "warning", "GDPR Art. 13(2)(a); WP260 Annex", "legal durations name their statute",
         vague_retention),
    Rule("rights-complete", "warning", "GDPR Art. 13(2)(b)", "every right of Art. 15-21", rights_complete),
    Rule("complaint", "warning", "GDPR Art. 13(2)(d), Art. 77", "the authority to complain to, unconditionally",
         complaint),
    Rule("response-time", "warning", "GDPR Art. 12(3)", "one month to answer, extendable by two", response_time),
    Rule("identity-check", "warning", "GDPR Art. 12(6)", "identity checked on reasonable doubt only",
         identity_check),
    Rule("statutory-contractual", "warning", "GDPR Art. 13(2)(e)", "whether giving the data is required",
         statutory_contractual),
    Rule("automated-decisions", "warning", "GDPR Art. 13(2)(f), Art. 22", "automated decisions, where they exist",
         automated_decisions),
    Rule("check-regularly-clause", "warning", "WP260 para. 29", "changes notified, not \"consult regularly\"",
         check_regularly_clause),
    Rule("post-mortem", "info", "Loi Informatique et Libertés art. 85", "directives on data after death (France)",
         post_mortem),
    Rule("untied-statement", "warning", "consistency (the published text is the information given)",
         "a sentence states a period, legal basis, right, default or place that no fact ties", untied_statement),
    Rule("orphans", "error", "consistency", "no declared recipient category unused", orphans),
)  # fmt: skip


def lint(policy: Policy, waivers: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of every v2 rule, sorted by position; waived ones carry the config's reason."""
    from .waivers import waive

    seen = view(policy)
    findings = []
    for rule in RULES:
        for (path, (line, column)), message in rule.check(seen):
            severity: Severity = rule.severity
            if message.startswith(INFO):
                severity, message = "info", message[len(INFO) :]
            findings.append(Finding(rule.id, severity, message, path, policy.source_file, line, column, rule.citation))
    return sorted(waive(findings, waivers or {}), key=lambda f: (f.file, f.line, f.column, f.rule))


__all__ = ["RULES", "Rule", "lint", "view"]
