"""Format 1 of data/policy.yml (fixed sections, facts beside the sentences), read for old files and releases.

Format 1 is converted to format 2 (``format1.convert``) as it is read. Every class is a frozen dataclass
built by the validator from its type hints, as format 2's are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, Literal

from ..scalars import (
    CountryCode,
    Duration,
    Email,
    FrozenMap,
    Id,
    Label,
    LocaleCode,
    Name,
    Text,
    type_hints,
)

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
]


RetentionStart = Literal["collection", "account-closure", "end-of-contract", "last-contact"]


RecipientCategory = Literal["staff", "processors", "partners", "authorities"]


TransferMechanism = Literal["adequacy-decision", "eu-us-dpf", "scc", "bcr", "derogation"]


ChangeChannel = Literal["this-page", "email", "banner"]


OptInMoment = Literal["sign-up", "account-settings"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose; ``same_paragraph`` runs it on from the one before."""

    id: Id
    text: Text
    same_paragraph: bool = False


@dataclass(frozen=True)
class Section:
    """A plain section: a heading and paragraphs."""

    id: Id
    title: Text
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Controller:
    """The data controller: who decides why and how the data is processed."""

    name: Name
    email: Email
    postal_address: Text | None = None


@dataclass(frozen=True)
class Dpo:
    """The data protection officer and how to reach them."""

    email: Email
    name: Name | None = None


@dataclass(frozen=True)
class DataCategory:
    """A category of personal data collected from an audience, as one list item."""

    id: Id
    text: Text


@dataclass(frozen=True)
class Use:
    """A paragraph saying what an audience's data is used for, naming the purposes it states."""

    id: Id
    text: Text
    purposes: tuple[Id, ...]


@dataclass(frozen=True)
class Audience:
    """People whose data is collected (website visitors, customers) and what is collected."""

    id: Id
    title: Text
    intro: Text
    categories: tuple[DataCategory, ...]
    uses: tuple[Use, ...] = ()
    provision: Text | None = None
    """Whether giving the data is required (by law, by contract, to sign up) and what happens if not."""


@dataclass(frozen=True)
class PersonalData:
    """The section listing the audiences and their data."""

    id: Id
    title: Text
    audiences: tuple[Audience, ...]


@dataclass(frozen=True)
class Purpose:
    """Why data is processed; a fact stated by the audiences' ``uses``."""

    id: Id
    label: Label
    legal_basis: LegalBasis | None = None
    legitimate_interest: Text | None = None


@dataclass(frozen=True)
class RetentionRule:
    """How long some data is kept, from which event, and the sentence that says so.

    ``duration`` is an ISO 8601 duration, or ``legal`` where the policy refers
    to a duration set by law without giving it.
    """

    id: Id
    text: Text
    duration: Duration | Literal["legal"]
    audiences: tuple[Id, ...] = ()
    starts: RetentionStart = "collection"
    same_paragraph: bool = False
    statute: Label | None = None
    """The law that sets a duration given as ``legal`` (e.g. "Code de commerce, art. L123-22")."""


@dataclass(frozen=True)
class Retention:
    """The retention section."""

    id: Id
    title: Text
    rules: tuple[RetentionRule, ...]


@dataclass(frozen=True)
class Access:
    """Who inside and around the company accesses the data."""

    id: Id
    title: Text
    recipients: tuple[RecipientCategory, ...]
    paragraphs: tuple[Paragraph, ...]
    partners: Text | None = None
    """Who the "partners" among the recipients are: their type and where they are."""


@dataclass(frozen=True)
class Processor:
    """A sub-processor: a company processing personal data on the controller's behalf."""

    id: Id
    name: Name
    activity: Label
    text: Text
    data: tuple[str, ...] = ()
    """Data categories it receives, as ``audience-id.category-id``."""
    country: CountryCode | None = None
    transfer: TransferMechanism | None = None
    role: Literal["processor", "controller", "joint-controller"] = "processor"
    """Processor (acts on the controller's instructions) or a controller of its own."""


@dataclass(frozen=True)
class Processors:
    """The sub-processors section, one subsection per processor."""

    id: Id
    title: Text
    processors: tuple[Processor, ...]


@dataclass(frozen=True)
class EmailKind:
    """A kind of email sent to customers: essential, or optional with its default."""

    id: Id
    title: Text
    optional: bool
    paragraphs: tuple[Paragraph, ...]
    enabled_by_default: bool | None = None
    can_be_switched_at: tuple[OptInMoment, ...] = ()


@dataclass(frozen=True)
class Communications:
    """The section on emails sent to customers."""

    id: Id
    title: Text
    emails: tuple[EmailKind, ...]


@dataclass(frozen=True)
class Authority:
    """The supervisory authority people can complain to."""

    name: Name
    country: CountryCode


@dataclass(frozen=True)
class Rights:
    """Data-subject rights and how to exercise them."""

    id: Id
    title: Text
    rights: tuple[Right, ...]
    email: Email
    identity_check: Literal["always", "reasonable-doubt"]
    response_time: Duration
    authority: Authority
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Contact:
    """Where to ask questions about the policy."""

    id: Id
    title: Text
    email: Email
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Changes:
    """How the policy changes and how people learn of it."""

    id: Id
    title: Text
    announced_by: tuple[ChangeChannel, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Policy:
    """A whole privacy policy, in its source locale."""

    effective_date: datetime.date
    source_locale: LocaleCode
    binding_locales: tuple[LocaleCode, ...]
    title: Text
    controller: Controller
    introduction: Section
    personal_data: PersonalData
    purposes: tuple[Purpose, ...]
    retention: Retention
    access: Access
    processors: Processors
    communications: Communications
    rights: Rights
    contact: Contact
    changes: Changes
    change_note: Text | None = None
    """What this version changes, for the history page and the feed (not shown in the policy)."""
    dpo: Dpo | Literal["none"] | None = None
    """The data protection officer, or "none" when none is designated."""
    automated_decisions: Literal["none"] | Text | None = None
    """Automated decisions or profiling with legal or similarly significant effects: "none", or what they are."""
    positions: Mapping[str, tuple[int, int]] = field(default_factory=lambda: FrozenMap(), compare=False, repr=False)
    """Line and column of every value, by id path (not part of the policy's content)."""
    source_file: str = field(default="data/policy.yml", compare=False, repr=False)


def as_data(obj: Any) -> Any:
    """The policy (or any part of it) as plain YAML/JSON data.

    A field left at its default is left out: a release's digest, computed
    from this, then stays the same when a later version of the model adds
    an optional field.
    """
    if is_dataclass(obj) and not isinstance(obj, Duration):
        data = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.compare and (f.default is MISSING or value != f.default):
                data[f.name] = as_data(value)
        return data
    if isinstance(obj, tuple):
        return [as_data(item) for item in obj]
    if isinstance(obj, Duration | datetime.date):
        return obj.isoformat() if isinstance(obj, datetime.date) else str(obj)
    if isinstance(obj, str):
        return str(obj)  # drop str subclasses (untranslated marks)
    return obj


def id_segment(value: Any, index: int) -> str:
    """The path segment of a list item: its id when it has one, else its index."""
    item_id = getattr(value, "id", None)
    return str(item_id) if isinstance(item_id, str) else str(index)


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """Yield ``(id path, value, declared type)`` for every field, depth first, in file order."""
    hints = type_hints(type(obj))
    for f in fields(obj):
        if not f.compare:
            continue
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}" if path else f.name
        yield here, value, hints[f.name]
        if is_dataclass(value):
            yield from walk(value, here)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if is_dataclass(item):
                    yield from walk(item, f"{here}.{id_segment(item, index)}")
