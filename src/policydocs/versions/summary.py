"""The semantic summary of a change: which entities were added, removed or changed, and which is material.

Entities are matched by their stable ids, so a reworded clause is a change,
never a removal and an addition. The items carry display values in the
reader's language (from the two localized versions); the sentences around
them are in templates/summary.md.j2, translated like every page string.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..policy import document, facts, model
from ..policy.scalars import Duration
from ..policy.statements import Statements
from ..words import format_duration, territory_name
from .redline import SectionDiff, redline_of
from .redline import sections as texts_of
from .wording import Translations, Wording, fact_of

if TYPE_CHECKING:
    from .archive import Release


class ChangeKind(enum.StrEnum):
    """What a summary item says changed: a closed set; templates/summary.md.j2 has one sentence for each."""

    CONTROLLER_CHANGED = "controller-changed"
    AUDIENCE_ADDED = "audience-added"
    AUDIENCE_REMOVED = "audience-removed"
    CATEGORY_ADDED = "category-added"
    CATEGORY_CHANGED = "category-changed"
    CATEGORY_REMOVED = "category-removed"
    PURPOSE_ADDED = "purpose-added"
    PURPOSE_REMOVED = "purpose-removed"
    PURPOSE_BASIS = "purpose-basis"
    PURPOSE_INTEREST = "purpose-interest"
    RETENTION_ADDED = "retention-added"
    RETENTION_CHANGED = "retention-changed"
    RETENTION_REMOVED = "retention-removed"
    RETENTION_START = "retention-start"
    RETENTION_UP_TO = "retention-up-to"
    RETENTION_STATUTE = "retention-statute"
    RETENTION_EXCEPTION = "retention-exception"
    RECIPIENTS_ADDED = "recipients-added"
    PROCESSOR_ADDED = "processor-added"
    PROCESSOR_REMOVED = "processor-removed"
    PROCESSOR_ACTIVITY = "processor-activity"
    PROCESSOR_COUNTRY = "processor-country"
    PROCESSOR_DATA = "processor-data"
    RECIPIENT_SAFEGUARD = "recipient-safeguard"
    RECIPIENT_ROLE = "recipient-role"
    PROCESSOR_LIST = "processor-list"
    TRANSFER_ADDED = "transfer-added"
    TRANSFER_REMOVED = "transfer-removed"
    TRANSFER_CHANGED = "transfer-changed"
    EMAIL_ADDED = "email-added"
    EMAIL_REMOVED = "email-removed"
    EMAIL_DEFAULT = "email-default"
    EMAIL_SWITCH = "email-switch"
    RIGHT_ADDED = "right-added"
    RIGHT_REMOVED = "right-removed"
    RIGHTS_EMAIL = "rights-email"
    RIGHTS_URL = "rights-url"
    OTHER_RIGHT_ADDED = "other-right-added"
    OTHER_RIGHT_REMOVED = "other-right-removed"
    RESPONSE_TIME = "response-time"
    IDENTITY_CHECK = "identity-check"
    AUTHORITY = "authority"
    AUTOMATED_DECISIONS = "automated-decisions"
    CONTACT_EMAIL = "contact-email"
    COOKIE_ADDED = "cookie-added"
    COOKIE_REMOVED = "cookie-removed"
    COOKIE_LIFETIME = "cookie-lifetime"
    COOKIE_CONSENT = "cookie-consent"
    COOKIE_PROVIDER = "cookie-provider"
    COOKIE_PURPOSE = "cookie-purpose"
    REWORDED_STATEMENT = "reworded-statement"
    REWORDED = "reworded"

    @property
    def removal(self) -> bool:
        """Whether the item says something is gone (its sentence is looked for in the old version)."""
        return self.value.endswith("-removed")


@dataclass(frozen=True)
class Change:
    """One item of the summary: its kind picks the sentence, values fill it, material says if it needs notice."""

    kind: ChangeKind
    material: bool
    anchor: str
    """The id of the section that states it (the redline's ``changes-<anchor>``)."""
    values: Mapping[str, Any] = field(default_factory=dict)
    block: str = ""
    """The id path of the redline block that states it (the redline's ``redline-<block>``); "" when none does."""
    newly_stated: bool = False
    """Declared (or made precise) in the facts while the sentence stating it stayed word for word the same,
    in every language compared: the policy states explicitly what it already said, no new practice."""


def _longer(old: Duration | str, new: Duration | str) -> bool:
    if isinstance(old, Duration) and isinstance(new, Duration):
        return new.approximate_days() > old.approximate_days()
    return old != new  # to or from "the legal duration": treat as material, it says less


def _longer_lifetime(old: Duration | str, new: Duration | str) -> bool:
    """Whether a cookie now lasts longer: a duration outlasts the session, the session outlasts nothing."""
    if new == "session":
        return False
    return old == "session" or _longer(old, new)


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def is_material(changes: Iterable[Change]) -> bool:
    return any(change.material for change in changes)


INSIDE_EEA = facts.INSIDE_EEA


def _codes(recipient: facts.Recipient) -> list[str]:
    return ([str(recipient.country)] if recipient.country else []) + [str(c) for c in recipient.countries]


def _places(recipient: facts.Recipient, locale: str) -> str | None:
    """Where a recipient processes the data, named in ``locale``; None when the policy does not say."""
    codes = ([recipient.country] if recipient.country else []) + list(recipient.countries)
    return ", ".join(territory_name(str(code), locale) for code in codes) or None


def _territory(code: str | None, locale: str) -> str | None:
    """A country or region's name in ``locale``; None when the policy does not say."""
    return None if code is None else territory_name(code, locale)


def summarize(
    old: model.Policy,
    new: model.Policy,
    locale: str,
    sections: list[SectionDiff] | None = None,
    translations: tuple[Translations | None, Translations | None] | None = None,
) -> list[Change]:
    """What changed from ``old`` to ``new`` (v2 policies, both localized to ``locale``), matched by fact id.

    The same kinds and values as ``summarize``; anchors are the ids of the sections stating each fact.
    No item shows an unchanged value as a change: values are compared as the reader sees them.
    An unknown value is None, which the template words ("non précisé"). ``sections`` is the two
    versions' redline (of ``redline.sections``), when the caller has it already. ``translations`` (the
    two versions' texts in their other locales, as releases keep them) makes a rewording in any of them count.

    An item whose stating sentences are word for word as before is ``newly_stated`` and not material; a
    sentence stating a fact that was reworded while the fact stayed the same gives a material
    ``reworded-statement`` item, unless it provably still says the same (see ``wording``).
    """
    changes: list[Change] = []
    before, after = Statements(old), Statements(new)
    was, now = old.facts, new.facts
    redlined = redline_of(texts_of(old), texts_of(new)) if sections is None else sections
    wording = Wording(old, new, translations, redlined)
    known = facts.index(was) | facts.index(now)
    covered: set[str] = set()

    def name_of(fact: str) -> str:
        """What a reader knows a fact by, in their language."""
        whole = fact_of(fact, known)
        value = known.get(whole)
        kind = whole.partition(".")[0]
        reading = after if whole in after.stated or whole in facts.index(now) else before
        if kind == "audiences":
            return audiences.get(value.id, value.id)
        if kind == "data":
            return reading.text(whole, value.id)
        if kind == "retention":
            return rule_name(value)
        if kind == "communications":
            return email_title(reading, value)
        for attribute in ("name", "label"):
            if isinstance(getattr(value, attribute, None), str):
                return str(getattr(value, attribute))
        return reading.section_title(whole, whole)

    def add(kind: ChangeKind, material: bool, fact: str, **values: Any) -> None:
        covered.add(fact_of(fact, known))
        newly = wording.newly_stated(fact, removed=kind.removal)
        if newly:
            values["fact"] = name_of(fact)
        block = wording.block_of(fact, removed=kind.removal)
        changes.append(Change(kind, material and not newly, after.anchor(fact, before), values, block, newly))

    def changed(kind: ChangeKind, material: bool, fact: str, old_value: Any, new_value: Any, **values: Any) -> None:
        if old_value != new_value:
            add(kind, material, fact, **values, old=old_value, new=new_value)

    # The controllers.
    def controllers(registry: facts.Facts) -> str:
        return "; ".join(
            f"{c.name} ({c.email}" + (f", {' '.join(str(c.postal_address).split())}" if c.postal_address else "") + ")"
            for c in registry.controllers
        )

    if controllers(was) != controllers(now):
        fact = f"controllers.{now.controllers[0].id}" if now.controllers else "controllers"
        add(ChangeKind.CONTROLLER_CHANGED, True, fact, old=controllers(was), new=controllers(now))

    # Audiences and the data collected from them.
    def audience_name(reading: Statements, audience: facts.Audience) -> str:
        return audience.label or reading.section_title(f"audiences.{audience.id}", audience.id)

    audiences = {a.id: audience_name(before, a) for a in was.audiences} | {
        a.id: audience_name(after, a) for a in now.audiences
    }
    old_audiences, new_audiences = _by_id(was.audiences), _by_id(now.audiences)

    def categories(reading: Statements) -> dict[str, dict[str, str]]:
        """Audience id ("" for none) → category id → what the reader sees of it, in file order."""
        found: dict[str, dict[str, str]] = {}
        for category in reading.policy.facts.data:
            text = category.label or reading.text(f"data.{category.id}", category.id)
            for audience in category.audiences or ("",):
                found.setdefault(audience, {})[category.id] = text
        return found

    old_categories, new_categories = categories(before), categories(after)
    for aid in [*new_audiences, ""]:
        if aid and aid not in old_audiences:
            add(ChangeKind.AUDIENCE_ADDED, True, f"audiences.{aid}", title=audiences[aid])
            continue  # its data is said by its own section
        was_collected, collected = old_categories.get(aid, {}), new_categories.get(aid, {})
        for cid, text in collected.items():
            fact = f"data.{cid}"
            audience = audiences.get(aid) or after.section_title(fact, "")
            if cid not in was_collected:
                add(ChangeKind.CATEGORY_ADDED, True, fact, audience=audience, text=text)
            elif was_collected[cid] != text:
                # A reworded category may collect more: material until a person says otherwise.
                add(ChangeKind.CATEGORY_CHANGED, True, fact, audience=audience, old=was_collected[cid], new=text)
        for cid, text in was_collected.items():
            if cid not in collected:
                audience = audiences.get(aid) or before.section_title(f"data.{cid}", "")
                add(ChangeKind.CATEGORY_REMOVED, False, f"data.{cid}", audience=audience, text=text)
    for aid in old_audiences:
        if aid not in new_audiences:
            add(ChangeKind.AUDIENCE_REMOVED, False, f"audiences.{aid}", title=audiences[aid])

    # Purposes.
    old_purposes, new_purposes = _by_id(was.purposes), _by_id(now.purposes)
    for pid, purpose in new_purposes.items():
        fact = f"purposes.{pid}"
        previous = old_purposes.get(pid)
        if previous is None:
            add(ChangeKind.PURPOSE_ADDED, True, fact, label=purpose.label, basis=purpose.legal_basis)
        else:
            changed(
                ChangeKind.PURPOSE_BASIS, True, fact, previous.legal_basis, purpose.legal_basis, label=purpose.label
            )
            changed(ChangeKind.PURPOSE_INTEREST, True, fact, previous.legitimate_interest, purpose.legitimate_interest,
                    label=purpose.label)  # fmt: skip
    for pid, purpose in old_purposes.items():
        if pid not in new_purposes:
            add(ChangeKind.PURPOSE_REMOVED, False, f"purposes.{pid}", label=purpose.label)

    # Retention.
    def rule_name(rule: facts.RetentionRule) -> str:
        return rule.label or ", ".join(audiences.get(a, a) for a in rule.audiences) or rule.id

    old_rules, new_rules = _by_id(was.retention), _by_id(now.retention)
    for rid, rule in new_rules.items():
        fact = f"retention.{rid}"
        previous = old_rules.get(rid)
        duration = format_duration(rule.duration, locale)
        if previous is None:
            add(ChangeKind.RETENTION_ADDED, True, fact, rule=rule_name(rule), new=duration, up_to_new=rule.up_to)
            continue
        material = _longer(previous.duration, rule.duration)
        # "up to" stays with each period it qualifies (a maximum of 3 years is not 3 years).
        changed(ChangeKind.RETENTION_CHANGED, material, fact, format_duration(previous.duration, locale), duration,
                rule=rule_name(rule), up_to_old=previous.up_to, up_to_new=rule.up_to)  # fmt: skip
        changed(ChangeKind.RETENTION_START, True, fact, previous.starts, rule.starts, rule=rule_name(rule))
        # A maximum that becomes a fixed period may keep data longer; the other way keeps it no longer.
        changed(ChangeKind.RETENTION_UP_TO, previous.up_to, fact, previous.up_to, rule.up_to, rule=rule_name(rule),
                duration=duration)  # fmt: skip
        changed(ChangeKind.RETENTION_STATUTE, True, fact, previous.statute, rule.statute, rule=rule_name(rule))
        changed(ChangeKind.RETENTION_EXCEPTION, False, fact, previous.exception, rule.exception, rule=rule_name(rule))
    for rid, rule in old_rules.items():
        if rid not in new_rules:
            add(ChangeKind.RETENTION_REMOVED, False, f"retention.{rid}", rule=rule_name(rule))

    # Recipients.
    added_categories = [r for r in now.recipient_categories if r not in was.recipient_categories]
    if added_categories:
        add(ChangeKind.RECIPIENTS_ADDED, True, "recipient_categories", recipients=added_categories)
    old_recipients, new_recipients = _by_id(was.recipients), _by_id(now.recipients)
    category_texts = {cid: text for by_audience in new_categories.values() for cid, text in by_audience.items()}
    for rid, recipient in new_recipients.items():
        fact = f"recipients.{rid}"
        previous = old_recipients.get(rid)
        country = _places(recipient, locale)
        if previous is None:
            details = ", ".join(x for x in (recipient.activity, country) if x)
            add(ChangeKind.PROCESSOR_ADDED, True, fact, name=recipient.name, details=details)
            continue
        name = recipient.name
        changed(ChangeKind.PROCESSOR_ACTIVITY, True, fact, previous.activity, recipient.activity, name=name)
        # A place stated for the first time, inside the EEA, sends no data anywhere new: said, not material.
        stated_inside = not _codes(previous) and all(str(code) in INSIDE_EEA for code in _codes(recipient))
        changed(ChangeKind.PROCESSOR_COUNTRY, not stated_inside, fact, _places(previous, locale), country, name=name)
        # A role is worded by the page; the sentence that gives it says for what, and is quoted with it.
        changed(ChangeKind.RECIPIENT_ROLE, True, fact, previous.role, recipient.role, name=name,
                said=document.plain(after.text(fact, "")))  # fmt: skip
        changed(ChangeKind.RECIPIENT_SAFEGUARD, True, fact, previous.safeguard, recipient.safeguard, name=name)
        newly_sent = [c for c in recipient.data if c not in previous.data]
        if newly_sent:
            # Named, not counted: a reader needs to know which data goes to the recipient now (WP260 para. 29-30).
            data = "; ".join(category_texts.get(c, c) for c in newly_sent)
            add(ChangeKind.PROCESSOR_DATA, True, fact, name=name, data=data)
        changed(ChangeKind.PROCESSOR_LIST, False, fact, previous.list_url, recipient.list_url, name=name)
    for rid, recipient in old_recipients.items():
        if rid not in new_recipients:
            add(ChangeKind.PROCESSOR_REMOVED, False, f"recipients.{rid}", name=recipient.name)

    # Transfers made by the controller itself.
    def transfer_details(transfer: facts.Transfer) -> str:
        return ", ".join(territory_name(str(code), locale) for code in transfer.countries)

    old_transfers, new_transfers = _by_id(was.transfers), _by_id(now.transfers)
    for tid, transfer in new_transfers.items():
        fact = f"transfers.{tid}"
        previous = old_transfers.get(tid)
        if previous is None:
            add(ChangeKind.TRANSFER_ADDED, True, fact, places=transfer_details(transfer), mechanism=transfer.mechanism)
        elif (previous.countries, previous.mechanism, previous.data) != (
            transfer.countries,
            transfer.mechanism,
            transfer.data,
        ):
            add(ChangeKind.TRANSFER_CHANGED, True, fact, old=transfer_details(previous),
                new=transfer_details(transfer), mechanism=transfer.mechanism)  # fmt: skip
    for tid, transfer in old_transfers.items():
        if tid not in new_transfers:
            add(ChangeKind.TRANSFER_REMOVED, False, f"transfers.{tid}", places=transfer_details(transfer))

    # Cookies and trackers.
    old_cookies, new_cookies = _by_id(was.cookies), _by_id(now.cookies)
    for cid, cookie in new_cookies.items():
        fact = f"cookies.{cid}"
        previous = old_cookies.get(cid)
        name = cookie.name
        if previous is None:
            add(ChangeKind.COOKIE_ADDED, True, fact, name=name, provider=cookie.provider, purpose=cookie.purpose,
                consent=cookie.consent)  # fmt: skip
            continue
        lifetimes = format_duration(previous.lifetime, locale), format_duration(cookie.lifetime, locale)
        longer = _longer_lifetime(previous.lifetime, cookie.lifetime)
        changed(ChangeKind.COOKIE_LIFETIME, longer, fact, *lifetimes, name=name)
        # Consent asked where none was: the reader's choice changes, so they are told.
        consent = previous.consent == "exempt" and cookie.consent == "required"
        changed(ChangeKind.COOKIE_CONSENT, consent, fact, previous.consent, cookie.consent, name=name)
        changed(ChangeKind.COOKIE_PROVIDER, True, fact, previous.provider, cookie.provider, name=name)
        changed(ChangeKind.COOKIE_PURPOSE, True, fact, previous.purpose, cookie.purpose, name=name)
    for cid, cookie in old_cookies.items():
        if cid not in new_cookies:
            add(ChangeKind.COOKIE_REMOVED, False, f"cookies.{cid}", name=cookie.name)

    # Communications.
    def email_title(reading: Statements, kind: facts.EmailKind) -> str:
        return reading.section_title(f"communications.{kind.id}", kind.id)

    old_emails, new_emails = _by_id(was.communications), _by_id(now.communications)
    for eid, email in new_emails.items():
        fact = f"communications.{eid}"
        previous = old_emails.get(eid)
        if previous is None:
            add(ChangeKind.EMAIL_ADDED, True, fact, title=email_title(after, email))
        elif (previous.optional, previous.enabled_by_default) != (email.optional, email.enabled_by_default):
            add(ChangeKind.EMAIL_DEFAULT, True, fact, title=email_title(after, email),
                enabled=bool(email.enabled_by_default))  # fmt: skip
        elif previous.can_be_switched_at != email.can_be_switched_at:
            add(ChangeKind.EMAIL_SWITCH, False, fact, title=email_title(after, email),
                where=list(email.can_be_switched_at))  # fmt: skip
    for eid, email in old_emails.items():
        if eid not in new_emails:
            add(ChangeKind.EMAIL_REMOVED, False, f"communications.{eid}", title=email_title(before, email))

    # Rights and how to exercise them.
    old_rights, new_rights = was.rights, now.rights
    for right in new_rights.list:
        if right not in old_rights.list:
            add(ChangeKind.RIGHT_ADDED, True, "rights.list", right=right)
    for right in old_rights.list:
        if right not in new_rights.list:
            add(ChangeKind.RIGHT_REMOVED, True, "rights.list", right=right)
    changed(ChangeKind.RIGHTS_EMAIL, True, "rights.email", old_rights.email, new_rights.email)
    changed(ChangeKind.RIGHTS_URL, True, "rights.url", old_rights.url, new_rights.url)
    old_other, new_other = _by_id(old_rights.other), _by_id(new_rights.other)
    for rid, other in new_other.items():
        if rid not in old_other:
            add(ChangeKind.OTHER_RIGHT_ADDED, True, "rights.other", label=other.label, law=other.law)
    for rid, other in old_other.items():
        if rid not in new_other:
            add(ChangeKind.OTHER_RIGHT_REMOVED, True, "rights.other", label=other.label, law=other.law)
    if old_rights.response_time != new_rights.response_time:
        add(
            ChangeKind.RESPONSE_TIME,
            _longer(old_rights.response_time, new_rights.response_time),
            "rights.response_time",
            old=_maybe_duration(old_rights.response_time, locale),
            new=_maybe_duration(new_rights.response_time, locale),
        )
    changed(
        ChangeKind.IDENTITY_CHECK, True, "rights.identity_check", old_rights.identity_check, new_rights.identity_check
    )

    def authorities(registry: facts.Facts, others: facts.Facts) -> str | None:
        """The authorities' names; with their countries when only a country tells two versions apart."""
        names = [str(a.name or a.description) for a in registry.authorities]
        if names == [str(a.name or a.description) for a in others.authorities]:
            names = [f"{a.name or a.description} ({_territory(a.country, locale)})" for a in registry.authorities]
        return ", ".join(names) or None

    if was.authorities != now.authorities:
        fact = f"authorities.{now.authorities[0].id}" if now.authorities else "rights"
        changed(ChangeKind.AUTHORITY, True, fact, authorities(was, now), authorities(now, was))

    def decisions(registry: facts.Facts) -> str | None:
        value = registry.automated_decisions
        return value.logic if isinstance(value, facts.AutomatedDecisions) else value

    if decisions(was) != decisions(now):
        changed(ChangeKind.AUTOMATED_DECISIONS, True, "automated_decisions", decisions(was), decisions(now))

    def contact(registry: facts.Facts) -> tuple[str, str | None]:
        """Where to write about the policy, and the fact id of that field."""
        if not registry.controllers:
            return "controllers", None
        controller = registry.controllers[0]
        name = "privacy_email" if controller.privacy_email else "email"
        return f"controllers.{controller.id}.{name}", getattr(controller, name)

    (fact, old_contact), (_, new_contact) = contact(was), contact(now)
    changed(ChangeKind.CONTACT_EMAIL, False, fact, old_contact, new_contact)

    # Sentences that state a fact, reworded while the fact stayed the same: what they say now, a person reads.
    said: set[str] = set()
    restated: set[str] = set()
    for context, fact in wording.reworded():
        if fact in covered or fact in restated:
            continue
        restated.add(fact)
        said |= wording.contexts_of(context)
        anchor = after.anchor(fact, before)
        changes.append(
            Change(
                ChangeKind.REWORDED_STATEMENT,
                True,
                anchor,
                # Reworded only in translations: said so, the binding text being unchanged.
                {
                    "fact": name_of(fact),
                    "about": fact.partition(".")[0],
                    "languages": wording.translations_only(context),
                },
                wording.link(context),
            )
        )

    # The sentences of the facts already told as changed are not "reworded" on top of it.
    said |= {wording.block_of(fact) for fact in covered} | {wording.block_of(fact, removed=True) for fact in covered}
    # Whatever else was reworded, section by section.
    for section in redlined:
        if section.status != "changed":
            continue
        others = [b for b in section.blocks if b.status == "changed" and b.path not in said]
        if others:
            changes.append(Change(ChangeKind.REWORDED, False, section.anchor, {"section": section.title},
                                  wording.link(others[0].path)))  # fmt: skip
    return changes


def _maybe_duration(value: Duration | None, locale: str) -> str | None:
    return None if value is None else format_duration(value, locale)


def suggestion(
    newest: Release | None, policy: model.Policy, text: Mapping[str, Mapping[str, str]] | None = None
) -> tuple[list[Change], str]:
    """What changed since the newest release, in the source language, and the class that suggests.

    ``text`` is the policy's text in its other locales: a sentence stating a fact that was reworded in any
    language makes the change material (the summary's ``reworded-statement``), never silently editorial.
    """
    if newest is None:
        return [], "material"
    changes = summarize(newest.policy, policy, policy.source_locale, translations=(newest.text, text or {}))
    # The first version is all news to its readers; later ones are material when an item says so.
    return changes, "material" if is_material(changes) else "editorial"
