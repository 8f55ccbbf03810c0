"""Convert a format-1 policy into a format-2 one: the same words in the same order, the same anchors, the same facts.

``convert`` is pure: it returns the format-2 policy and the mapping from each format-1
msgctxt to its format-2 msgctxt, so that translations keyed by format-1 contexts (a
catalog, a release's frozen ``text``) can be re-keyed in memory with ``rekey``.

Where format 1 tied a sentence to a fact (a retention rule's text, a processor's
text, a use's purposes, a category's list item), the format-2 block states that
fact. Where format 1 kept a fact beside the sentences (the controller, the rights'
email and response time, the authority), the block of the matching section
whose source text shows it states it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import agreement, facts
from ..document import ItemList, ListItem, Paragraph, Section
from ..facts import Facts
from ..model import Policy
from . import model

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
