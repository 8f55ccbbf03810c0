"""Convert a v1 policy into a v2 one: the same words in the same order, the same anchors, the same facts.

``convert`` is pure: it returns the v2 policy and the mapping from each v1
msgctxt to its v2 msgctxt, so that translations keyed by v1 contexts (a
catalog, a release's frozen ``text``) can be re-keyed in memory with ``rekey``.

Where v1 tied a sentence to a fact (a retention rule's text, a processor's
text, a use's purposes, a category's list item), the v2 block states that
fact. Where v1 kept a fact beside the sentences (the controller, the rights'
email and response time, the authority), the block of the matching section
whose source text shows it states it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, fields, is_dataclass
from typing import Any

import yaml

from . import agreement, document, facts, model
from .document import ItemList, ListItem, Paragraph, Section
from .facts import Facts
from .model import FrozenMap
from .v2 import Policy

RekeyMap = dict[str, str]
"""v1 msgctxt → v2 msgctxt."""


def slug(name: str) -> str:
    """A kebab-case id made from a name ("Librairie Papillon" → "librairie-papillon")."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "controller"


def convert(old: model.Policy) -> tuple[Policy, RekeyMap]:
    """The v2 policy saying what ``old`` says, and the v1 → v2 msgctxt mapping."""
    keys: RekeyMap = {"title": "title"}
    if old.change_note is not None:
        keys["change_note"] = "change_note"
    registry, data_ids = _facts(old, keys)
    controller = registry.controllers[0]
    authority = registry.authorities[0]

    def paragraphs(field: str, section_id: str, items: tuple[model.Paragraph, ...]) -> list[Paragraph]:
        out = []
        for item in items:
            keys[f"{field}.paragraphs.{item.id}.text"] = f"{section_id}.{item.id}"
            out.append(Paragraph(item.id, item.text, same_paragraph=item.same_paragraph))
        return out

    def titled(field: str, section: Any, blocks: list[Any], subsections: tuple[Section, ...] = ()) -> Section:
        keys[f"{field}.title"] = f"{section.id}.title"
        return Section(section.id, section.title, blocks=tuple(blocks), sections=subsections)

    introduction = paragraphs("introduction", old.introduction.id, old.introduction.paragraphs)
    audiences = tuple(_audience(a, data_ids, keys) for a in old.personal_data.audiences)
    retention = []
    for rule in old.retention.rules:
        keys[f"retention.rules.{rule.id}.text"] = f"{old.retention.id}.{rule.id}"
        states = (model.Id(f"retention.{rule.id}"),)
        retention.append(Paragraph(rule.id, rule.text, states, rule.same_paragraph))  # type: ignore[arg-type]
    access = paragraphs("access", old.access.id, old.access.paragraphs)
    _state(access, "recipient_categories")
    if old.access.partners is not None:
        _state(access, "partners")
    processors = []
    for processor in old.processors.processors:
        keys[f"processors.processors.{processor.id}.text"] = f"{processor.id}.text"
        text = Paragraph("text", processor.text, (f"recipients.{processor.id}",))  # type: ignore[arg-type]
        processors.append(Section(processor.id, title_from=f"recipients.{processor.id}", blocks=(text,)))  # type: ignore[arg-type]
    emails = []
    for email in old.communications.emails:
        field = f"communications.emails.{email.id}"
        blocks = paragraphs(field, email.id, email.paragraphs)
        _state(blocks, f"communications.{email.id}")
        emails.append(titled(field, email, blocks))
    rights = paragraphs("rights", old.rights.id, old.rights.paragraphs)
    _state_where(rights, "rights.email", old.source_locale, registry)
    _state_where(rights, "rights.response_time", old.source_locale, registry)
    _state(rights, "rights.list")
    _state(rights, "rights.identity_check")
    _state_where(rights, f"authorities.{authority.id}.name", old.source_locale, registry)
    contact = paragraphs("contact", old.contact.id, old.contact.paragraphs)
    email_field = "privacy_email" if controller.privacy_email else "email"
    _state_where(contact, f"controllers.{controller.id}.{email_field}", old.source_locale, registry)
    changes = paragraphs("changes", old.changes.id, old.changes.paragraphs)
    _state(changes, "change_channels")
    every = [introduction, retention, access, rights, contact, changes]
    _state_first(every, f"controllers.{controller.id}.name", old.source_locale, registry)
    if controller.postal_address:
        _state_first(every, f"controllers.{controller.id}.postal_address", old.source_locale, registry)
    if isinstance(old.dpo, model.Dpo):
        _state_first(every, "dpo", old.source_locale, registry)
    sections = (
        titled("introduction", old.introduction, introduction),
        titled("personal_data", old.personal_data, [], audiences),
        titled("retention", old.retention, retention),
        titled("access", old.access, access),
        titled("processors", old.processors, [], tuple(processors)),
        titled("communications", old.communications, [], tuple(emails)),
        titled("rights", old.rights, rights),
        titled("contact", old.contact, contact),
        titled("changes", old.changes, changes),
    )
    policy = Policy(
        format="2",
        effective_date=old.effective_date,
        source_locale=old.source_locale,
        binding_locales=old.binding_locales,
        title=old.title,
        sections=_frozen(sections),
        facts=registry,
        change_note=old.change_note,
    )
    return policy, keys


def _audience(audience: model.Audience, data_ids: dict[str, str], keys: RekeyMap) -> Section:
    base = f"personal_data.audiences.{audience.id}"
    keys[f"{base}.title"] = f"{audience.id}.title"
    keys[f"{base}.intro"] = f"{audience.id}.intro"
    items = []
    for category in audience.categories:
        new_id = data_ids[f"{audience.id}.{category.id}"]
        keys[f"{base}.categories.{category.id}.text"] = f"{audience.id}.categories.{category.id}"
        items.append(ListItem(category.id, category.text, (f"data.{new_id}",)))  # type: ignore[arg-type]
    blocks: list[Any] = [
        Paragraph("intro", audience.intro, (f"audiences.{audience.id}",)),  # type: ignore[arg-type]
        ItemList("categories", tuple(items)),  # type: ignore[arg-type]
    ]
    for use in audience.uses:
        keys[f"{base}.uses.{use.id}.text"] = f"{audience.id}.{use.id}"
        blocks.append(Paragraph(use.id, use.text, tuple(f"purposes.{p}" for p in use.purposes)))  # type: ignore[arg-type]
    if audience.provision is not None:
        keys[f"{base}.provision"] = f"{audience.id}.provision"
        blocks.append(Paragraph("provision", audience.provision))  # type: ignore[arg-type]
    return Section(audience.id, audience.title, blocks=tuple(blocks))  # type: ignore[arg-type]


def _facts(old: model.Policy, keys: RekeyMap) -> tuple[Facts, dict[str, str]]:
    """The v2 facts of a v1 policy, and each v1 category reference's new id."""
    controller = facts.Controller(
        id=slug(old.controller.name),  # type: ignore[arg-type]
        name=old.controller.name,
        email=old.controller.email,
        postal_address=old.controller.postal_address,  # type: ignore[arg-type]
        privacy_email=old.contact.email if old.contact.email != old.controller.email else None,
    )
    taken: set[str] = set()
    data_ids: dict[str, str] = {}
    categories = []
    for audience in old.personal_data.audiences:
        for category in audience.categories:
            new_id = category.id if category.id not in taken else f"{audience.id}-{category.id}"
            taken.add(new_id)
            data_ids[f"{audience.id}.{category.id}"] = new_id
            categories.append(facts.DataCategory(new_id, (audience.id,)))  # type: ignore[arg-type]
    for purpose in old.purposes:
        keys[f"purposes.{purpose.id}.label"] = f"facts.purposes.{purpose.id}.label"
        if purpose.legitimate_interest is not None:
            keys[f"purposes.{purpose.id}.legitimate_interest"] = f"facts.purposes.{purpose.id}.legitimate_interest"
    recipients = []
    for p in old.processors.processors:
        keys[f"processors.processors.{p.id}.activity"] = f"facts.recipients.{p.id}.activity"
        # v1 kept a country beside the text; a country the text does not say was never shown to a reader,
        # so it is not part of what the policy states (v2 checks every fact it keeps against the text).
        country = p.country
        if country is not None and agreement.disagreement(p.text, "territory", country, old.source_locale):
            country = None
        recipients.append(
            facts.Recipient(
                p.id,
                p.name,
                p.activity,
                p.role,
                tuple(data_ids[ref] for ref in p.data),  # type: ignore[misc]
                country,  # type: ignore[arg-type]
                safeguard=p.transfer,
            )
        )
    rules = []
    for rule in old.retention.rules:
        if rule.statute is not None:
            keys[f"retention.rules.{rule.id}.statute"] = f"facts.retention.{rule.id}.statute"
        rules.append(facts.RetentionRule(rule.id, rule.duration, rule.starts, rule.audiences, statute=rule.statute))
    authority = old.rights.authority
    automated: Any = old.automated_decisions
    if automated not in (None, "none"):
        keys["automated_decisions"] = "facts.automated_decisions.logic"
        automated = facts.AutomatedDecisions(automated)
    if old.access.partners is not None:
        keys["access.partners"] = "facts.partners"
    registry = Facts(
        controllers=(controller,),
        rights=facts.Rights(
            old.rights.rights,
            email=old.rights.email,
            identity_check=old.rights.identity_check,
            response_time=old.rights.response_time,
        ),
        dpo=facts.Dpo(old.dpo.email, old.dpo.name) if isinstance(old.dpo, model.Dpo) else old.dpo,
        audiences=tuple(facts.Audience(a.id) for a in old.personal_data.audiences),
        data=tuple(categories),
        purposes=tuple(facts.Purpose(p.id, p.label, p.legal_basis, p.legitimate_interest) for p in old.purposes),
        retention=tuple(rules),
        recipient_categories=old.access.recipients,
        partners=old.access.partners,  # type: ignore[arg-type]
        recipients=tuple(recipients),
        authorities=(facts.Authority(slug(authority.name), authority.name, authority.country),),  # type: ignore[arg-type]
        communications=tuple(
            facts.EmailKind(e.id, e.optional, e.enabled_by_default, e.can_be_switched_at)
            for e in old.communications.emails
        ),
        change_channels=old.changes.announced_by,
        automated_decisions=automated,
    )
    return registry, data_ids


def _state(blocks: list[Paragraph], ref: str) -> None:
    """Make the first paragraph of ``blocks`` state ``ref`` (a fact text cannot check)."""
    if blocks:
        blocks[0] = _with(blocks[0], ref)


def _state_where(blocks: list[Paragraph], ref: str, locale: str, registry: Facts) -> bool:
    """Make the first paragraph whose text shows the fact ``ref`` state it; none if no text shows it."""
    target = facts.resolve(ref, facts.index(registry))
    if target is None:
        return False
    for index, block in enumerate(blocks):
        if all(
            agreement.disagreement(block.paragraph, how, value, locale) is None
            for _, how, value in facts.checked_values(target)
        ):
            blocks[index] = _with(block, ref)
            return True
    return False


def _state_first(groups: list[list[Paragraph]], ref: str, locale: str, registry: Facts) -> None:
    """``_state_where`` over several sections' paragraphs, in reading order."""
    for blocks in groups:
        if _state_where(blocks, ref, locale, registry):
            return


def _with(block: Paragraph, ref: str) -> Paragraph:
    from dataclasses import replace

    return replace(block, states=(*block.states, ref))  # type: ignore[arg-type]


def _frozen(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Sections whose block lists are tuples, as the validator makes them."""
    from dataclasses import replace

    return tuple(replace(s, blocks=tuple(s.blocks), sections=_frozen(tuple(s.sections))) for s in sections)


def rekey(texts: Mapping[str, str], keys: RekeyMap) -> dict[str, str]:
    """Translations keyed by v1 msgctxt, keyed by v2 msgctxt (those v2 no longer has are left out)."""
    return {keys[context]: text for context, text in texts.items() if context in keys}


# Writing the v2 file --------------------------------------------------------------------------------------

_KIND_KEYS = ("paragraph", "list", "table", "address", "note", "generated", "text", "cells")
_CONTENT_LAST = (*document.BLOCK_KINDS, document.ListItem, document.Row)
_TOP_ORDER = ("format", "effective_date", "change_note", "source_locale", "binding_locales", "title")
_COMMENTS = {
    "format": "The file format: 2 (a document of any shape, and the facts it states).",
    "preamble": "Blocks before the first heading, if any.",
    "sections": (
        "The document, as the reader sees it. Sections nest as h2, h3, h4; each id is the section's\n"
        "anchor, the same in every language. A block's msgctxt is <section id>.<block id>."
    ),
    "facts": (
        "What the tools read. Every fact must be stated by a block (states: [kind.id]) or rendered\n"
        "by a generated block; a text that states a fact must show its numbers, names and emails."
    ),
}


def to_data(value: Any) -> Any:
    """A v2 policy (or part) as plain YAML data, fields at their default left out, a block's kind key last."""
    if is_dataclass(value) and not isinstance(value, model.Duration):
        data: dict[str, Any] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            optional = f.default is not MISSING or f.default_factory is not MISSING
            # An empty list is left out only where the loader takes its absence for empty: a required one stays.
            if not f.compare or item is None or (item == () and optional) or (optional and item == f.default):
                continue
            data[f.name] = to_data(item)
        if isinstance(value, _CONTENT_LAST):
            for key in [k for k in data if k in _KIND_KEYS] + [k for k in data if k == "items"]:
                data[key] = data.pop(key)
        return data
    if isinstance(value, tuple):
        return [to_data(v) for v in value]
    if isinstance(value, FrozenMap | dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, model.Duration):
        return str(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _short_lists(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, str) and len(v) < 40 and "\n" not in v for v in data) and 0 < len(data) <= 6
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _short_lists)


def dump(policy: Policy, header: str = "") -> str:
    """The v2 file's text: comments for the editor, then the policy as YAML."""
    data = to_data(policy)
    data["format"] = 2
    data["effective_date"] = policy.effective_date
    data = {**{k: data[k] for k in _TOP_ORDER if k in data}, **data}
    out = [header.rstrip() + "\n"] if header else []
    for key, value in data.items():
        chunk = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        if key in _COMMENTS:
            out.append("\n" + "".join(f"# {line}\n" for line in _COMMENTS[key].splitlines()))
        out.append(chunk)
    return "".join(out)


def contexts(policy: Policy) -> Iterator[str]:
    """Every msgctxt of a v2 policy (for checking that a mapping covers them)."""
    from .translatable import messages

    for context, *_ in messages(policy):
        yield context
