"""Format 1 of data/policy.yml (fixed sections, facts beside the sentences), read for old files and releases.

Format 1 is converted to format 2 (``v2``, ``migrate``) as it is read; this module also keeps the
shared scalar types (``Id``, ``Text``, ``Duration``…) and ``Message``, the catalog entry of a string.

Every class is a frozen dataclass; the validator builds them from YAML by
reading the type hints, so a field's type here *is* its schema. Prose that is
shown to readers has the type ``Text`` (translated through gettext); short
labels used in summaries and exports have the type ``Label`` (translated
too); everything else is a fact that is the same in every language.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, Literal, NewType

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


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """A model class's resolved field types (``typing.get_type_hints`` is slow: this is asked often)."""
    from typing import get_type_hints

    return get_type_hints(cls)


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


def _kind(tp: Any) -> str | None:
    """The translatable kind (``Text``/``Label``) a declared type carries, if any."""
    import typing

    if tp in TRANSLATABLE:
        return tp.__name__
    for arg in typing.get_args(tp):
        if arg in TRANSLATABLE:
            return arg.__name__
    return None


def messages(policy: Policy) -> list[Message]:
    """Every translatable string of the policy, in file order, with its position and a note."""
    found: list[Message] = []
    for path, value, kind, owner, around in _texts(policy, "", (None, None)):
        line = policy.positions.get(path, (0, 0))[0]
        field_name = path.rsplit(".", 1)[-1]
        found.append(Message(path, value, line, kind, _comment(owner, field_name, around), policy.source_file))
    return found


Neighbours = tuple[str | None, str | None]
"""The ids of the items before and after one in its list."""


def _texts(obj: Any, path: str, around: Neighbours) -> Iterator[tuple[str, str, str, Any, Neighbours]]:
    hints = type_hints(type(obj))
    for f in fields(obj):
        if not f.compare:
            continue
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}" if path else f.name
        kind = _kind(hints[f.name])
        if kind is not None and isinstance(value, str):
            yield here, value, kind, obj, around
        elif is_dataclass(value):
            yield from _texts(value, here, (None, None))
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            ids = [id_segment(item, index) for index, item in enumerate(value)]
            for index, item in enumerate(value):
                before = ids[index - 1] if index > 0 else None
                after = ids[index + 1] if index + 1 < len(ids) else None
                yield from _texts(item, f"{here}.{ids[index]}", (before, after))


def _comment(owner: Any, field_name: str, around: Neighbours) -> str:
    """What the translator is looking at, in a sentence or two: the ``#.`` note of the catalog."""
    if isinstance(owner, Policy) and field_name == "change_note":
        what = "Change note of this version: shown in the revision history and the feed, not in the policy."
    elif isinstance(owner, Policy):
        what = "Page title."
    elif field_name == "title":
        what = "Heading of a subsection." if isinstance(owner, Audience | Processor | EmailKind) else "Section heading."
    elif isinstance(owner, Audience):
        what = "Sentence introducing the list of data categories that follows."
    elif isinstance(owner, DataCategory):
        what = "List item: a category of personal data."
    elif isinstance(owner, Use):
        what = f"Paragraph: what the data is used for (purposes {', '.join(owner.purposes)})."
    elif isinstance(owner, RetentionRule):
        duration = "a duration set by law" if owner.duration == "legal" else f"duration {owner.duration}"
        what = f"Legal clause: a retention rule ({duration}); keep every number."
    elif isinstance(owner, Processor) and field_name == "activity":
        what = f"Short label: what {owner.name} does; used in change summaries and exports, not in the page."
    elif isinstance(owner, Processor):
        what = f"Legal clause about the sub-processor {owner.name}."
    elif isinstance(owner, Purpose) and field_name == "label":
        what = "Short label of a purpose; used in change summaries and exports, not in the page."
    elif isinstance(owner, Paragraph) and owner.same_paragraph:
        what = "Legal clause, continuing the paragraph before it."
    else:
        what = "Legal clause."
    if around == (None, None):
        return what
    before, after = around
    places = [f'after "{before}"' if before else "first", f'before "{after}"' if after else "last"]
    return f"{what} In its list: {', '.join(places)}."
