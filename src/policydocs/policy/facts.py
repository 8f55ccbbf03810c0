"""The facts of a v2 policy: a typed registry that tools read and the document states.

Every fact has an address, its *fact id*, used by a block's ``states:``:

- ``kind.id`` for a fact of a list (``retention.customer-data``,
  ``recipients.stripe``, ``authorities.cnil``);
- ``kind`` for a single fact (``rights``, ``dpo``, ``change_channels``);
- either followed by ``.field`` to state one field only
  (``controllers.exograd.email``, ``rights.response_time``).

Stating a fact as a whole claims all its fields, and the tie then checks every
field that text can show (names, emails, numbers of durations, countries).
Keyword values (``none``, the members of a closed set) are never translated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal, NewType

from .scalars import Duration, Email, Id, Label, Name

FactRef = NewType("FactRef", str)
"""A fact id: ``kind.id`` or ``kind`` (a single fact), optionally followed by ``.field``."""
Territory = NewType("Territory", str)
"""A country (ISO 3166-1 alpha-2 such as "FR"), or a region: "EU", "EEA", or a UN M.49 code such as "150"."""
Url = NewType("Url", str)
"""An https: address."""
PostalAddress = NewType("PostalAddress", str)
"""A postal address as written on an envelope, lines separated by newlines or commas; never translated."""

LegalBasis = Literal[
    "consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests"
]
Right = Literal[
    "access",
    "rectification",
    "erasure",
    "restriction",
    "objection",
    "portability",
    "withdraw-consent",
    "post-mortem-directives",
    "not-subject-to-automated-decisions",
]
RetentionStart = Literal[
    "collection",
    "account-creation",
    "account-closure",
    "account-deletion",
    "end-of-contract",
    "last-contact",
    "last-order",
    "last-activity",
    "consent-withdrawal",
    "end-of-financial-year",
]
OpenDuration = Literal[
    "legal",
    "while-account-active",
    "while-contract-active",
    "until-consent-withdrawn",
    "until-erasure-requested",
    "indefinite",
]
"""A retention with no fixed length: set by law, lasting as long as a relationship, until the person asks, or
with no end."""
RecipientRole = Literal["processor", "controller", "joint-controller", "processor-and-controller"]
RecipientCategory = Literal["staff", "processors", "partners", "authorities"]
Safeguard = Literal["adequacy-decision", "eu-us-dpf", "scc", "bcr", "derogation", "none"]
ChangeChannel = Literal["this-page", "email", "banner"]
OptInMoment = Literal["sign-up", "account-settings"]


@dataclass(frozen=True)
class Controller:
    """A data controller: who decides why and how personal data is processed, and how to reach them."""

    id: Id
    """Stable id of the controller, used in fact ids (``controllers.<id>``)."""
    name: Name
    """The controller's name as the policy gives it, the same in every language."""
    email: Email
    """Where people write to the controller."""
    postal_address: PostalAddress | None = None
    """The controller's postal address, when the policy gives it."""
    country: Territory | None = None
    """The country where the controller is established."""
    privacy_email: Email | None = None
    """Where to write about this policy, when it is not ``email``."""


@dataclass(frozen=True)
class Dpo:
    """The data protection officer and how to reach them."""

    email: Email
    """Where to write to the data protection officer."""
    name: Name | None = None
    """The officer's name or office, when the policy gives it."""


@dataclass(frozen=True)
class Audience:
    """People whose data is processed (website visitors, customers, job applicants)."""

    id: Id
    """Stable id of the audience (``audiences.<id>``)."""
    label: Label | None = None
    """A short name for summaries and exports (not shown in the policy's body)."""


@dataclass(frozen=True)
class DataCategory:
    """A category of personal data, collected from one or more audiences."""

    id: Id
    """Stable id of the category (``data.<id>``), unique across audiences."""
    audiences: tuple[Id, ...] = ()
    """The audiences it is collected from."""
    label: Label | None = None
    """A short name for summaries, exports and generated tables."""


@dataclass(frozen=True)
class Purpose:
    """Why data is processed, on which legal basis."""

    id: Id
    """Stable id of the purpose (``purposes.<id>``)."""
    label: Label
    """A short name for summaries, exports and generated tables."""
    legal_basis: LegalBasis | None = None
    """The GDPR article 6 basis of the processing."""
    legitimate_interest: Label | None = None
    """The interest pursued, when the basis is legitimate interests."""
    data: tuple[Id, ...] = ()
    """The data categories processed for this purpose."""


@dataclass(frozen=True)
class RetentionRule:
    """How long some data is kept, and from which event."""

    id: Id
    """Stable id of the rule (``retention.<id>``)."""
    duration: Duration | OpenDuration
    """An ISO 8601 duration (``P3Y``, ``P30D``), or an open one: ``legal``, ``while-account-active``…"""
    starts: RetentionStart = "collection"
    """The event the duration runs from."""
    audiences: tuple[Id, ...] = ()
    """The audiences whose data the rule covers."""
    data: tuple[Id, ...] = ()
    """The data categories the rule covers."""
    statute: Label | None = None
    """The law that sets a ``legal`` duration (e.g. "Code de commerce, art. L123-22")."""
    label: Label | None = None
    """A short name of what is kept, for summaries and generated tables."""
    up_to: bool = False
    """Whether the duration is a maximum ("up to three years"), not a fixed period."""
    exception: bool = False
    """Whether the text sets the rule as an exception to the others ("an exception is made for…")."""


@dataclass(frozen=True)
class Recipient:
    """Someone outside the controller who receives personal data: a sub-processor or another controller."""

    id: Id
    """Stable id of the recipient (``recipients.<id>``)."""
    name: Name
    """The recipient's name, the same in every language."""
    activity: Label
    """What it does for the controller, for summaries, exports and generated tables."""
    role: RecipientRole = "processor"
    """Processor (acts on the controller's instructions), a controller of its own, a joint one, or a processor that
    is also a controller for purposes of its own (``processor-and-controller``)."""
    data: tuple[Id, ...] = ()
    """The data categories it receives."""
    country: Territory | None = None
    """Where it processes the data: a country or a region."""
    countries: tuple[Territory, ...] = ()
    """Where it processes the data, when that is several places (instead of ``country``)."""
    safeguard: Safeguard | None = None
    """What protects a transfer outside the EEA, or ``none``."""
    list_url: Url | None = None
    """A list of its own sub-processors, published elsewhere."""


@dataclass(frozen=True)
class Transfer:
    """Personal data the controller itself sends outside the EEA (not through a named recipient)."""

    id: Id
    """Stable id of the transfer (``transfers.<id>``)."""
    countries: tuple[Territory, ...]
    """Where the data goes."""
    mechanism: Safeguard | None = None
    """What makes the transfer lawful: an adequacy decision, SCCs, BCR, a derogation, or ``none``."""
    data: tuple[Id, ...] = ()
    """The data categories transferred."""


@dataclass(frozen=True)
class OtherRight:
    """A right the policy grants under another law than the GDPR (a state privacy law, a sector law)."""

    id: Id
    """Stable id of the right (``rights.other``)."""
    label: Label
    """The right as the policy names it."""
    law: Label | None = None
    """The law that grants it."""


@dataclass(frozen=True)
class Cookie:
    """A cookie or tracker placed on a reader's device."""

    id: Id
    """Stable id of the cookie (``cookies.<id>``)."""
    name: Name
    """The cookie's name as the browser stores it."""
    provider: Name
    """Who places it (the controller or a third party)."""
    purpose: Label
    """What it is for, for generated tables."""
    lifetime: Duration | Literal["session"]
    """How long it lasts: an ISO 8601 duration, or ``session``."""
    consent: Literal["required", "exempt"]
    """Whether it needs consent, or is exempt (strictly necessary)."""


@dataclass(frozen=True)
class Rights:
    """The data subjects' rights and how to exercise them."""

    list: tuple[Right, ...]
    """The rights the policy grants."""
    email: Email | None = None
    """Where to send a request."""
    url: Url | None = None
    """A form or page where to make a request."""
    identity_check: Literal["always", "reasonable-doubt", "none"] | None = None
    """Whether a request needs proof of identity: always, in case of reasonable doubt, or not."""
    response_time: Duration | None = None
    """How long the controller takes to answer, when the policy says."""
    other: tuple[OtherRight, ...] = ()
    """Rights granted under other laws, with their own names."""


@dataclass(frozen=True)
class Authority:
    """A supervisory authority people can complain to."""

    id: Id
    """Stable id of the authority (``authorities.<id>``)."""
    name: Name | None = None
    """Its name, as the policy writes it (e.g. "CNIL"); none when the policy names no one body."""
    country: Territory | None = None
    """The country whose authority it is."""
    description: Label | None = None
    """Who it is when no one body is named ("the authority of the country where you live")."""


@dataclass(frozen=True)
class EmailKind:
    """A kind of email sent to customers: essential, or optional with its default."""

    id: Id
    """Stable id of the kind of email (``communications.<id>``)."""
    optional: bool
    """Whether the reader can turn these emails off (or on)."""
    enabled_by_default: bool | None = None
    """For optional emails: whether they are on until the reader changes it."""
    can_be_switched_at: tuple[OptInMoment, ...] = ()
    """Where the reader can turn them on or off."""


@dataclass(frozen=True)
class AutomatedDecisions:
    """Automated decisions or profiling with legal or similarly significant effects."""

    logic: Label
    """What the decision is and the logic involved, in short."""


@dataclass(frozen=True)
class Facts:
    """What the tools read: the controller, the data, its uses, its recipients, the rights."""

    controllers: tuple[Controller, ...]
    """The controller, or the joint controllers."""
    rights: Rights
    """The data subjects' rights and how to exercise them."""
    dpo: Dpo | Literal["none"] | None = None
    """The data protection officer, or ``none`` when none is designated."""
    audiences: tuple[Audience, ...] = ()
    """The people whose data is processed."""
    data: tuple[DataCategory, ...] = ()
    """The categories of personal data."""
    purposes: tuple[Purpose, ...] = ()
    """Why the data is processed."""
    retention: tuple[RetentionRule, ...] = ()
    """How long the data is kept."""
    recipient_categories: tuple[RecipientCategory, ...] = ()
    """Who, in general terms, accesses the data."""
    partners: Label | None = None
    """Who the "partners" among the recipient categories are: their kind and where they are."""
    recipients: tuple[Recipient, ...] = ()
    """Named recipients: sub-processors and other controllers."""
    transfers: tuple[Transfer, ...] = ()
    """Transfers outside the EEA made by the controller itself."""
    cookies: tuple[Cookie, ...] = ()
    """Cookies and trackers."""
    authorities: tuple[Authority, ...] = ()
    """Supervisory authorities people can complain to."""
    communications: tuple[EmailKind, ...] = ()
    """Kinds of email sent to customers."""
    change_channels: tuple[ChangeChannel, ...] = ()
    """How readers learn that the policy changed."""
    automated_decisions: AutomatedDecisions | Literal["none"] | None = None
    """Automated decisions with significant effects: ``none``, or what they are."""
    quoted: tuple[FactRef, ...] = ()
    """Fields (``kind.id.field``) whose wording the phrasebook cannot verify: every layer quotes the binding
    words that state them instead of a paraphrase."""


# The EU's 27 members, Iceland, Liechtenstein and Norway.
EEA = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    }
)  # fmt: skip
"""The EU's members, Iceland, Liechtenstein and Norway: the countries of the European Economic Area."""
INSIDE_EEA = EEA | {"EU", "EEA"}
"""Codes of places inside the European Economic Area: its countries, the EU and the EEA itself."""


LIST_KINDS = (
    "controllers",
    "audiences",
    "data",
    "purposes",
    "retention",
    "recipients",
    "transfers",
    "cookies",
    "authorities",
    "communications",
)
"""Kinds whose facts are addressed as ``kind.id``; every other field of Facts is a single fact."""
NOT_FACTS = ("quoted",)
"""Fields of Facts that say how facts are shown, not facts themselves."""
GENERATED_KINDS = {
    "recipients": "recipients",
    "retention": "retention",
    "purposes": "purposes",
    "cookies": "cookies",
    "rights": "rights",
}
"""What a ``generated:`` block renders: its value → the kind of facts it shows."""
GENERATED_FIELDS = {
    "recipients": ("name", "activity", "data", "country", "safeguard"),
    "retention": ("label", "data", "duration", "statute", "starts"),
    "purposes": ("label", "legal_basis", "legitimate_interest", "data"),
    "cookies": ("name", "provider", "purpose", "lifetime", "consent"),
    "rights": ("list",),
}
"""The fields of each kind a generated table shows (``site/document.py`` renders these and no other): a field it
leaves out (a recipient's role, the time to answer beside the rights) is shown only by a sentence that states it."""

CHECKED_FIELDS = {
    "name": "name",
    "email": "email",
    "privacy_email": "email",
    "url": "url",
    "list_url": "url",
    "postal_address": "address",
    "country": "territory",
    "duration": "duration",
    "response_time": "duration",
    "lifetime": "duration",
    "provider": "name",
}
"""Fields whose value a text that states them must show, and how it is looked for."""


@dataclass(frozen=True)
class Target:
    """What a fact id points at: a fact, and one of its fields or all of them."""

    fact: str
    """The fact's id without the field (``recipients.stripe``, ``rights``)."""
    value: Any
    """The fact (a dataclass, a tuple of keywords, or a keyword)."""
    field: str | None = None
    """The field stated, or None for the whole fact."""


def index(facts: Facts) -> dict[str, Any]:
    """Every fact by its id (``kind.id`` or ``kind``), in file order; unset single facts are left out."""
    found: dict[str, Any] = {}
    for f in fields(Facts):
        if f.name in NOT_FACTS:
            continue
        value = getattr(facts, f.name)
        if f.name in LIST_KINDS:
            for item in value:
                found[f"{f.name}.{item.id}"] = item
        elif value is not None and value != ():
            found[f.name] = value
    return found


def resolve(ref: str, known: dict[str, Any]) -> Target | None:
    """The target of a fact id, or None when it names no fact or no field of it."""
    parts = ref.split(".")
    width = 2 if parts[0] in LIST_KINDS else 1
    fact = ".".join(parts[:width])
    if fact not in known or len(parts) > width + 1:
        return None
    value = known[fact]
    if len(parts) == width:
        return Target(fact, value)
    name = parts[width]
    if name == "id" or name not in field_names(type(value)):
        return None
    return Target(fact, value, name)


@functools.cache
def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a fact class (none for keywords and tuples of keywords)."""
    try:
        return tuple(f.name for f in fields(cls))
    except TypeError:
        return ()


def checked_values(target: Target) -> Iterator[tuple[str, str, Any]]:
    """``(field, how, value)`` for each field of the target that a text stating it must show."""
    names = (target.field,) if target.field else field_names(type(target.value))
    for name in names:
        how = CHECKED_FIELDS.get(name)
        value = getattr(target.value, name, None)
        if how is not None and value is not None and not (how == "duration" and not isinstance(value, Duration)):
            yield name, how, value


def is_none(value: Any) -> bool:
    """Whether a fact says explicitly that something does not apply (nothing for a reader to see)."""
    return value == "none"
