"""v1 → v2: Exograd's policy keeps every word, heading, anchor, paragraph and fact, in French and English."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from policydocs.i18n.catalog import load_translator
from policydocs.policy import agreement, dump, facts, loading, model, translatable, verify
from policydocs.policy.format1 import convert, read
from policydocs.policy.format1 import model as format1
from policydocs.policy.scalars import TRANSLATABLE, Duration, Message, type_hints

from .conftest import EXAMPLE, ROOT, seed_paragraphs

V1 = ROOT / "tests" / "data" / "v1"
"""Exograd's and the example's data and English catalogs in format 1, as they were before the migration."""


def localize_v1(policy, translator):  # type: ignore[no-untyped-def]
    """A format-1 policy with every Text and Label translated (how format 1 was localized)."""
    from dataclasses import fields, is_dataclass, replace

    def walk(obj, path):  # type: ignore[no-untyped-def]
        hints = type_hints(type(obj))
        changes = {}
        for f in fields(obj):
            if not f.compare:
                continue
            value = getattr(obj, f.name)
            here = f"{path}.{f.name}" if path else f.name
            tp = hints[f.name]
            if isinstance(value, str) and (
                tp in TRANSLATABLE or any(a in TRANSLATABLE for a in getattr(tp, "__args__", ()))
            ):
                changes[f.name] = translator.pgettext(here, value)
            elif is_dataclass(value):
                changes[f.name] = walk(value, here)
            elif isinstance(value, tuple) and value and is_dataclass(value[0]):
                changes[f.name] = tuple(
                    walk(item, f"{here}.{format1.id_segment(item, i)}") for i, item in enumerate(value)
                )
        return replace(obj, **changes)

    return walk(policy, "")


def v1_reading(policy: format1.Policy) -> list[tuple[str, ...]]:
    """What a reader meets on today's page, in the order templates/policy.md.j2 writes it."""
    out: list[tuple[str, ...]] = []

    def paragraphs(items: tuple) -> None:  # type: ignore[type-arg]
        for item in items:
            if getattr(item, "same_paragraph", False) and out and out[-1][0] == "p":
                out[-1] = ("p", f"{out[-1][1]} {item.text}")
            else:
                out.append(("p", item.text))

    def section(part: object, level: str = "h2") -> None:
        out.append((level, part.id, part.title))  # type: ignore[attr-defined]

    section(policy.introduction)
    paragraphs(policy.introduction.paragraphs)
    section(policy.personal_data)
    for audience in policy.personal_data.audiences:
        section(audience, "h3")
        out.append(("p", audience.intro))
        out.extend(("li", "1", c.text) for c in audience.categories)
        paragraphs(audience.uses)
    section(policy.retention)
    paragraphs(policy.retention.rules)
    section(policy.access)
    paragraphs(policy.access.paragraphs)
    section(policy.processors)
    for processor in policy.processors.processors:
        out.append(("h3", processor.id, processor.name))
        out.append(("p", processor.text))
    section(policy.communications)
    for email in policy.communications.emails:
        section(email, "h3")
        paragraphs(email.paragraphs)
    for part in (policy.rights, policy.contact, policy.changes):
        section(part)
        paragraphs(part.paragraphs)
    return out


# How format 1 extracted its strings (gone from the package with format 1's catalogs): what conversion must cover.


def _kind(tp: Any) -> str | None:
    """The translatable kind (``Text``/``Label``) a declared type carries, if any."""
    import typing

    if tp in TRANSLATABLE:
        return tp.__name__
    for arg in typing.get_args(tp):
        if arg in TRANSLATABLE:
            return arg.__name__
    return None


def messages_v1(policy: format1.Policy) -> list[Message]:
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
            ids = [format1.id_segment(item, index) for index, item in enumerate(value)]
            for index, item in enumerate(value):
                before = ids[index - 1] if index > 0 else None
                after = ids[index + 1] if index + 1 < len(ids) else None
                yield from _texts(item, f"{here}.{ids[index]}", (before, after))


def _comment(owner: Any, field_name: str, around: Neighbours) -> str:
    """What the translator is looking at, in a sentence or two: the ``#.`` note of the catalog."""
    if isinstance(owner, format1.Policy) and field_name == "change_note":
        what = "Change note of this version: shown in the revision history and the feed, not in the policy."
    elif isinstance(owner, format1.Policy):
        what = "Page title."
    elif field_name == "title":
        what = (
            "Heading of a subsection."
            if isinstance(owner, format1.Audience | format1.Processor | format1.EmailKind)
            else "Section heading."
        )
    elif isinstance(owner, format1.Audience):
        what = "Sentence introducing the list of data categories that follows."
    elif isinstance(owner, format1.DataCategory):
        what = "List item: a category of personal data."
    elif isinstance(owner, format1.Use):
        what = f"Paragraph: what the data is used for (purposes {', '.join(owner.purposes)})."
    elif isinstance(owner, format1.RetentionRule):
        duration = "a duration set by law" if owner.duration == "legal" else f"duration {owner.duration}"
        what = f"Legal clause: a retention rule ({duration}); keep every number."
    elif isinstance(owner, format1.Processor) and field_name == "activity":
        what = f"Short label: what {owner.name} does; used in change summaries and exports, not in the page."
    elif isinstance(owner, format1.Processor):
        what = f"Legal clause about the sub-processor {owner.name}."
    elif isinstance(owner, format1.Purpose) and field_name == "label":
        what = "Short label of a purpose; used in change summaries and exports, not in the page."
    elif isinstance(owner, format1.Paragraph) and owner.same_paragraph:
        what = "Legal clause, continuing the paragraph before it."
    else:
        what = "Legal clause."
    if around == (None, None):
        return what
    before, after = around
    places = [f'after "{before}"' if before else "first", f'before "{after}"' if after else "last"]
    return f"{what} In its list: {', '.join(places)}."


def v1_texts(locales_dir: Path, locale: str = "en") -> dict[str, str]:
    """A catalog's translations by (v1) msgctxt."""
    with (locales_dir / locale / "LC_MESSAGES" / "policy.po").open("rb") as handle:
        catalog = read_po(handle)
    return {m.context: m.string for m in catalog if m.id and m.context and m.string and not m.fuzzy}


@pytest.fixture(scope="module")
def exograd() -> tuple[format1.Policy, model.Policy, convert.RekeyMap]:
    old = read.load(V1 / "exograd" / "policy.yml", "data/policy.yml")
    new, keys = convert.convert(old)
    return old, new, keys


# The correction of Exograd's facts of 26 December 2022 (data/releases/corrections/2022-12-26.2026-12-06.yml),
# as edits of the migration's output: its text unchanged, facts that say what the text says ("jusqu'à", the
# exception and its data, the commercial and newsletter purposes, the legal-obligation basis, Stripe's account
# data) and the sentences of the email switches tied. tests/data/v2/exograd.yml stays the migration's output.
EXOGRAD_CORRECTIONS: tuple[tuple[str, str], ...] = (
    (
        "            states: [recipients.mailchimp]\n",
        "            states: [recipients.mailchimp, purposes.newsletter]\n",
    ),
    (
        "          - id: cannot-be-disabled\n",
        "          - id: cannot-be-disabled\n            states: [communications.essential-emails.optional]\n",
    ),
    (
        "            states: [communications.optional-emails]\n",
        "            states: [communications.optional-emails, purposes.marketing]\n",
    ),
    (
        "          - id: opt-in\n",
        "          - id: opt-in\n"
        "            states:\n"
        "              - communications.optional-emails.optional\n"
        "              - communications.optional-emails.enabled_by_default\n"
        "              - communications.optional-emails.can_be_switched_at\n",
    ),
    (
        "      label: respect des obligations légales\n",
        "      label: respect des obligations légales\n"
        "    - id: marketing\n"
        "      label: communication d’informations commerciales\n"
        "    - id: newsletter\n"
        "      label: newsletter\n",
    ),
    ("      duration: P3Y\n", "      duration: P3Y\n      up_to: true\n"),
    (
        "      duration: legal\n",
        "      duration: legal\n"
        "      exception: true\n"
        "      label: données dont la conservation est mandatée par les autorités publiques et gouvernementales\n",
    ),
    (
        "      data: [organisation-identity, billing]\n",
        "      data: [organisation-identity, account-identity, billing]\n",
    ),
    (
        "  change_channels: [this-page]\n",
        "  change_channels: [this-page]\n  quoted: [recipients.stripe.data, authorities.cnil.name]\n",
    ),
    ("      - id: erasure-limits\n", "      - id: erasure-limits\n        states: [rights.list]\n"),
)
CORRECTED_FIELDS = {
    "communications.essential-emails.optional",
    "communications.optional-emails.enabled_by_default",
    "communications.optional-emails.can_be_switched_at",
    "retention.customer-data.up_to",
}
"""The fields of the migrated facts that the strict tie refuses, and the correction makes true. The rest of the
correction adds what the text states and the facts left out: the tie checks what facts say, the linter's
untied-statement some of what they leave out ("désactivée par défaut")."""


def corrected(text: str) -> str:
    """Exograd's v2 data (the migration's output, as YAML) with the correction of its facts applied."""
    for old, new in EXOGRAD_CORRECTIONS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def corrected_exograd() -> tuple[str, model.Policy]:
    """tests/data/v2/exograd.yml corrected: its text, and the policy loaded from it."""
    text = corrected((ROOT / "tests" / "data" / "v2" / "exograd.yml").read_text(encoding="utf-8"))
    return text, model.loads(text, "tests/data/v2/exograd.yml")


def test_the_v2_file_is_exograd_v1_converted(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, new, _ = exograd
    assert loading.load(ROOT / "tests" / "data" / "v2" / "exograd.yml", "tests/data/v2/exograd.yml") == new


def test_french_page_keeps_every_word_in_order_with_the_seed(exograd: tuple) -> None:  # type: ignore[type-arg]
    old, new, _ = exograd
    assert model.reading(new) == v1_reading(old)
    words = [new.title] + [entry[-1] for entry in model.reading(new)]
    # The seed's last line is page text ("Dernière modification: …"), not the policy's.
    assert words == seed_paragraphs()[:-1]


def test_headings_levels_and_anchors_are_today_s(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, new, _ = exograd
    assert [(level, anchor) for level, anchor, _ in model.headings(new)] == [
        (2, "introduction"),
        (2, "personal-data"),
        (3, "visitors"),
        (3, "customers"),
        (2, "retention"),
        (2, "access"),
        (2, "processors"),
        (3, "vultr"),
        (3, "stripe"),
        (3, "mailchimp"),
        (2, "communications"),
        (3, "essential-emails"),
        (3, "optional-emails"),
        (2, "rights"),
        (2, "contact"),
        (2, "changes"),
    ]


def test_retention_rule_running_on_joins_the_paragraph_before(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, new, _ = exograd
    paragraphs = [entry[1] for entry in model.reading(new) if entry[0] == "p"]
    assert any(p.startswith("Les données liées à la souscription") and p.endswith("durée légale.") for p in paragraphs)


def test_english_page_keeps_every_word_through_rekeyed_translations(exograd: tuple) -> None:  # type: ignore[type-arg]
    old, new, keys = exograd
    english = convert.rekey(v1_texts(V1 / "exograd" / "locales"), keys)
    translator = load_translator("en", "fr", V1 / "exograd" / "locales", messages_v1(old), root=ROOT)
    assert model.reading(translatable.localize(new, english)) == v1_reading(localize_v1(old, translator))
    assert {context for context, *_ in translatable.messages(new)} <= set(english)


def test_every_v1_message_has_a_v2_context_and_the_same_text(exograd: tuple) -> None:  # type: ignore[type-arg]
    old, new, keys = exograd
    new_messages = {context: text for context, text, *_ in translatable.messages(new)}
    for message in messages_v1(old):
        assert new_messages[keys[message.context]] == message.text
    assert len(new_messages) == len(messages_v1(old)) == len(keys)


def test_the_same_facts(exograd: tuple) -> None:  # type: ignore[type-arg]
    old, new, _ = exograd
    registry = new.facts
    assert [(c.name, c.email) for c in registry.controllers] == [("Exograd", "contact@exograd.com")]
    assert [(r.id, r.duration, r.starts) for r in registry.retention] == [
        (r.id, r.duration, r.starts) for r in old.retention.rules
    ]
    assert registry.rights.response_time == Duration(days=30)
    assert registry.rights.list == old.rights.rights
    assert [(a.name, a.country) for a in registry.authorities] == [("CNIL", "FR")]
    assert [(r.name, r.activity, r.data) for r in registry.recipients] == [
        ("Vultr", "hébergement de services informatiques", ()),
        ("Stripe", "prestataire de services de paiement", ("organisation-identity", "billing")),
        ("Mailchimp", "gestion de la newsletter", ()),
    ]
    assert [(p.id, p.label) for p in registry.purposes] == [(p.id, p.label) for p in old.purposes]
    assert registry.recipient_categories == old.access.recipients
    assert registry.change_channels == old.changes.announced_by
    assert [(e.id, e.optional, e.enabled_by_default) for e in registry.communications] == [
        (e.id, e.optional, e.enabled_by_default) for e in old.communications.emails
    ]
    assert len(facts.index(registry)) == 26


def test_exograd_tie_holds_in_french_and_english_once_its_facts_are_corrected(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, new, keys = exograd
    english = convert.rekey(v1_texts(V1 / "exograd" / "locales"), keys)
    # The facts format 1 kept are checked on every field now: "jusqu'à" with no up_to, the email switches stated
    # by sentences that do not say them, are errors at those fields (in French, and in English where it says so).
    refused = verify.check(new, {"en": english})
    assert (
        {"retention.customer-data.up_to", "communications.optional-emails.enabled_by_default"}
        <= {p.path for p in refused}
        <= CORRECTED_FIELDS
    )
    assert {p.message.split(",")[0] for p in refused if p.path == "retention.customer-data.up_to"} == {"in fr", "in en"}
    # Corrected as data/releases/corrections/ does, the tie holds in both languages, every fact shown.
    fixed = model.loads(corrected(dump.dump(new)), "data/policy.yml")
    assert verify.check(fixed, {"en": english}) == []
    assert set(facts.index(fixed.facts)) <= agreement.shown(fixed)


def test_the_corrected_v2_file_is_the_frozen_correction_of_2022_12_26() -> None:
    from policydocs.versions.archive import load_releases

    (release,) = load_releases(ROOT / "data" / "releases", "data/releases", notice_days=30)
    assert [c.corrected.isoformat() for c in release.corrections] == ["2026-12-06"]
    _, policy = corrected_exograd()
    assert policy.facts == release.policy.facts
    assert policy.sections == release.policy.sections


def test_exograd_blocks_state_the_facts_v1_kept_beside_them(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, new, _ = exograd
    stated = {claim.context: claim.states for claim in agreement.claims(new)}
    assert stated["introduction.scope"] == ("controllers.exograd.name",)
    assert stated["retention.customer-data"] == ("retention.customer-data",)
    assert stated["rights.how-to-exercise"] == ("rights.email", "rights.list", "rights.identity_check")
    assert stated["rights.response-time"] == ("rights.response_time",)
    assert stated["rights.complaint"] == ("authorities.cnil.name",)
    assert stated["contact.questions"] == ("controllers.exograd.email",)
    assert stated["stripe.text"] == ("recipients.stripe",)


def test_a_release_s_frozen_text_is_rekeyed_in_memory(exograd: tuple) -> None:  # type: ignore[type-arg]
    import yaml

    _, new, keys = exograd
    release = yaml.safe_load((ROOT / "data" / "releases" / "2022-12-26.yml").read_text(encoding="utf-8"))
    english = convert.rekey(release["text"]["en"], keys)
    fixed = model.loads(corrected(dump.dump(new)), "data/policy.yml")
    assert verify.check(fixed, {"en": english}) == []
    localized = translatable.localize(new, english)
    assert localized.sections[2].blocks[1].paragraph.startswith("Data relating to the subscription")


def test_example_converts_and_its_tie_reports_exactly_what_its_text_does_not_say() -> None:
    old = read.load(V1 / "librairie-papillon" / "policy.yml", f"{EXAMPLE}/data/policy.yml")
    converted, keys = convert.convert(old)
    assert model.reading(converted) == v1_reading(old)
    new = model.loads(dump.dump(converted), "policy.v2.yml")  # written out, for lines and columns
    assert new == converted
    english = convert.rekey(v1_texts(V1 / "librairie-papillon" / "locales"), keys)
    assert {context for context, *_ in translatable.messages(new)} <= set(english)
    # Two processors were "in France" (country: FR) by facts that their paragraphs never gave a reader:
    # not part of what the policy says, the migration leaves them out, and the tie holds.
    countries = {r.id: r.country for r in new.facts.recipients}
    assert countries == {
        "hebergeur-alpin": "FR",
        "paiement-facile": None,
        "transports-hirondelle": None,
        "courrier-bleu": "DE",
    }
    # What format 1 declared beside texts that never say it, refused at each field in French and English (read
    # with the example's own phrasebook, data/phrasebook/: its "libraires", "qui l'ont demandée"). The example's
    # data/policy.yml corrects each of them (the order emails' switch: quoted, facts.quoted).
    refused = verify.check(new, {"en": english}, ROOT / EXAMPLE / "data")
    assert sorted({(p.path, p.message.split(",")[0]) for p in refused}) == [
        (field, f"in {locale}")
        for field in (
            "change_channels",  # "par email", not this page
            "communications.newsletter.can_be_switched_at",  # no word of when it is switched on
            "communications.order-emails.optional",  # "Nous vous écrivons…" says no switch
            "purposes.invoicing.legal_basis",  # no basis said for any purpose but the newsletter
            "purposes.orders.legal_basis",
            "purposes.security.legal_basis",
            "recipients.paiement-facile.data",  # the payments, not "le détail de vos commandes"
            "retention.customer-data.starts",  # "après la dernière commande", not the last contact
            "rights.identity_check",  # no word of proving one's identity
        )
        for locale in ("en", "fr")
    ]
    assert len(refused) == 18
    assert set(facts.index(new.facts)) <= agreement.shown(new)


def test_exograd_retention_changed_to_ten_years_beside_P3Y_is_an_error_at_its_field(exograd: tuple) -> None:  # type: ignore[type-arg]
    _, _, keys = exograd
    text, _ = corrected_exograd()
    policy = model.loads(text.replace("jusqu’à trois (3) ans", "jusqu’à dix (10) ans"), "tests/data/v2/exograd.yml")
    english = convert.rekey(v1_texts(V1 / "exograd" / "locales"), keys)
    english["retention.customer-data"] = english["retention.customer-data"].replace("three (3)", "ten (10)")
    rule = text.splitlines().index("    - id: customer-data")
    line = 1 + next(n for n, row in enumerate(text.splitlines()) if n > rule and row == "      duration: P3Y")
    detail = "the period P3Y (3 years, or an equal period) is not given: the text gives 10 years"
    assert [str(p) for p in verify.check(policy, {"en": english})] == [
        f"tests/data/v2/exograd.yml:{line}:17: retention.customer-data.duration: in {locale}, "
        f"not what the text stating it says (retention.customer-data): {detail}"
        for locale in ("en", "fr")
    ]
