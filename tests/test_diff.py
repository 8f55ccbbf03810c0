"""The word-level redline and the semantic summary, on synthetic policies."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydocs.policy import document, facts, loading, model, translatable
from policydocs.policy.document import Block
from policydocs.policy.document import Paragraph as V2Paragraph
from policydocs.policy.document import Section as DocumentSection
from policydocs.policy.scalars import Duration
from policydocs.site.render import Renderer
from policydocs.versions.redline import new_side, old_side, redline_of, sections, word_diff
from policydocs.versions.summary import Change, summarize
from policydocs.workspace import Workspace

from .conftest import ROOT

words = st.lists(st.sampled_from(["les", "données", "sont", "conservées", "un", "(1)", "an", "3", "ans", "\n", "  "]))
texts = words.map(" ".join)


@given(texts)
def test_identical_texts_have_no_change(text: str) -> None:
    assert all(kind == "equal" for kind, _ in word_diff(text, text))
    assert old_side(word_diff(text, text)) == text


@given(texts, texts)
def test_each_side_of_the_redline_rebuilds_its_text(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new


@given(texts, texts)
def test_swapping_the_texts_swaps_deletions_and_insertions(old: str, new: str) -> None:
    forward = word_diff(old, new)
    swapped = [({"delete": "insert", "insert": "delete"}.get(k, k), t) for k, t in forward]
    # The forward redline read the other way is a redline of the swapped texts. (difflib's matching is a
    # heuristic, not a longest common subsequence: word_diff(new, old) may pick other words to mark.)
    assert old_side(swapped) == new  # type: ignore[arg-type]
    assert new_side(swapped) == old  # type: ignore[arg-type]


def test_words_not_characters_change() -> None:
    assert word_diff("dans un délai de 30 jours", "dans un délai de 90 jours") == [
        ("equal", "dans un délai de "),
        ("delete", "30 "),
        ("insert", "90 "),
        ("equal", "jours"),
    ]


def test_a_long_text_is_not_replaced_wholesale() -> None:
    # With difflib's autojunk, frequent words become junk and a long text diffs as one replacement.
    old = " ".join(["les données sont conservées un an"] * 400)
    new = old.replace("un an", "deux ans", 1)
    ops = word_diff(old, new)
    assert sum(len(t) for k, t in ops if k != "equal") < 30


def exograd() -> model.Policy:
    return loading.load(ROOT / "tests" / "data" / "v2" / "exograd.yml", "tests/data/v2/exograd.yml")


def with_facts(policy: model.Policy, **changed: object) -> model.Policy:
    return dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, **changed))


def with_block(policy: model.Policy, section_id: str, block: Block) -> model.Policy:
    """The policy with the block of the same id in section ``section_id`` replaced (or added at its end)."""

    def section(value: DocumentSection) -> DocumentSection:
        if value.id != section_id:
            return dataclasses.replace(value, sections=tuple(section(s) for s in value.sections))
        ids = [b.id for b in value.blocks]
        blocks = tuple(block if b.id == block.id else b for b in value.blocks)
        return dataclasses.replace(value, blocks=blocks if block.id in ids else (*blocks, block))

    return dataclasses.replace(policy, sections=tuple(section(s) for s in policy.sections))


def with_subsections(policy: model.Policy, section_id: str, sections: tuple[DocumentSection, ...]) -> model.Policy:
    """The policy with the subsections of section ``section_id`` replaced."""
    return dataclasses.replace(
        policy,
        sections=tuple(dataclasses.replace(s, sections=sections) if s.id == section_id else s for s in policy.sections),
    )


def subsections(policy: model.Policy, section_id: str) -> tuple[DocumentSection, ...]:
    return next(s for s in policy.sections if s.id == section_id).sections


def test_identical_policies_have_no_change() -> None:
    policy = exograd()
    assert summarize(policy, policy, "fr") == []
    assert not any(section.changed for section in redline_of(sections(policy), sections(policy)))


def test_a_reworded_block_is_changed_not_removed_and_added() -> None:
    old = exograd()
    text = V2Paragraph("text", "Exograd utilise Mailchimp pour envoyer sa newsletter.", ("recipients.mailchimp",))  # type: ignore[arg-type]
    new = with_block(old, "mailchimp", text)
    items = summarize(old, new, "fr")
    # The sentence states Mailchimp: what it says of it now, only a reader can tell, so it is never editorial.
    assert [(i.kind, i.material, i.anchor, i.block, dict(i.values)) for i in items] == [
        (
            "reworded-statement",
            True,
            "mailchimp",
            "mailchimp.text",
            {"fact": "Mailchimp", "about": "recipients", "languages": ()},
        )
    ]
    section = next(s for s in redline_of(sections(old), sections(new)) if s.key == "processors")
    block = next(b for b in section.blocks if b.path == "mailchimp.text")
    assert block.status == "changed"
    assert ("delete", "gérer ") in block.ops and ("insert", "envoyer ") in block.ops


def test_v2_fact_changes_are_named_with_old_and_new_values_and_anchored_where_stated() -> None:
    old = exograd()
    brevo = facts.Recipient("brevo", "Brevo", "newsletter", country="FR")  # type: ignore[arg-type]
    rules = old.facts.retention
    longer = dataclasses.replace(rules[0], duration=Duration(years=2))
    controller = dataclasses.replace(old.facts.controllers[0], privacy_email="bonjour@exograd.com")
    new = with_facts(
        old,
        recipients=(*old.facts.recipients, brevo),
        retention=(longer, *rules[1:]),
        rights=dataclasses.replace(
            old.facts.rights, list=(*old.facts.rights.list, "portability"), email="dpo@exograd.com"
        ),
        controllers=(controller,),
    )
    text = V2Paragraph("text", "Exograd utilise Brevo.", ("recipients.brevo",))  # type: ignore[arg-type]
    said = DocumentSection("brevo", title_from="recipients.brevo", blocks=(text,))  # type: ignore[arg-type]
    new = with_subsections(new, "processors", (*subsections(old, "processors"), said))
    # The sentences that state them say so too (facts changed under an unchanged sentence are only newly stated).
    visitors = "Les données collectées auprès des visiteurs sont conservées pendant deux (2) ans."
    new = with_block(new, "retention", V2Paragraph("visitor-data", visitors, ("retention.visitor-data",)))  # type: ignore[arg-type]
    rights = (
        "Vous pouvez accéder à vos données, les rectifier, les supprimer ou les emporter en écrivant à dpo@exograd.com."
    )
    states = ("rights.email", "rights.list", "rights.identity_check")
    new = with_block(new, "rights", V2Paragraph("how-to-exercise", rights, states))  # type: ignore[arg-type]
    items = {(i.kind, i.material): (i.anchor, dict(i.values)) for i in summarize(old, new, "en")}
    assert items[("processor-added", True)] == ("brevo", {"name": "Brevo", "details": "newsletter, France"})
    assert items[("retention-changed", True)] == (
        "retention",
        {"rule": "Visiteurs", "up_to_old": False, "up_to_new": False, "old": "1 year", "new": "2 years"},
    )
    assert items[("right-added", True)] == ("rights", {"right": "portability"})
    assert items[("rights-email", True)] == ("rights", {"old": "contact@exograd.com", "new": "dpo@exograd.com"})
    # The contact sentence was left as it was: the address is only newly stated, named by its controller.
    assert items[("contact-email", False)] == (
        "contact",
        {"old": "contact@exograd.com", "new": "bonjour@exograd.com", "fact": "Exograd"},
    )


def test_shorter_retention_is_not_material_and_a_removed_recipient_is_not_either() -> None:
    old = exograd()
    rules = old.facts.retention
    shorter = dataclasses.replace(rules[1], duration=Duration(years=2))
    new = with_facts(old, retention=(rules[0], shorter, rules[2]), recipients=old.facts.recipients[:2])
    new = with_subsections(new, "processors", subsections(old, "processors")[:2])
    kinds = {(i.kind, i.material, i.anchor) for i in summarize(old, new, "fr")}
    assert ("retention-changed", False, "retention") in kinds
    # Its section is gone with its fact: the item points at the section that held it.
    assert ("processor-removed", False, "processors") in kinds
    assert not any(material for _, material, _ in kinds)


def test_moved_and_added_sections_and_blocks_are_said() -> None:
    old = exograd()
    processors = next(s for s in old.sections if s.id == "processors")
    moved = dataclasses.replace(processors, sections=(processors.sections[2], *processors.sections[:2]))
    new = dataclasses.replace(old, sections=tuple(moved if s.id == "processors" else s for s in old.sections))
    new = with_block(new, "changes", V2Paragraph("new-clause", "Une nouvelle phrase."))  # type: ignore[arg-type]
    diffs = {s.key: s for s in redline_of(sections(old), sections(new))}
    assert [b.path for b in diffs["processors"].blocks if b.moved] == ["mailchimp.title", "mailchimp.text"]
    added = [b for b in diffs["changes"].blocks if b.status == "added"]
    assert [b.ops for b in added] == [[("insert", "Une nouvelle phrase.")]]
    assert not diffs["introduction"].changed


def shown(items: list[Change], locale: str = "fr") -> list[str]:
    """The items as the reader reads them."""
    workspace = Workspace.of(ROOT / "mkdocs.yml")
    renderer = Renderer(workspace.template_dirs, workspace.translator(locale), output="text")
    return [line[2:] for line in renderer.render("summary.md.j2", items=items).splitlines() if line]


def reworded(policy: model.Policy, section_id: str, block_id: str) -> model.Policy:
    """The policy with a paragraph's sentence said again in other words (a change of facts is said in the text too)."""
    section = next(p.value for p in document.sections(policy.sections) if p.value.id == section_id)
    block = next(b for b in section.blocks if b.id == block_id)
    return with_block(policy, section_id, dataclasses.replace(block, paragraph=f"{block.paragraph} Autrement dit."))


def facts_items(old: model.Policy, new: model.Policy, locale: str = "fr") -> list[Change]:
    """The items about facts (not the section reworded around them)."""
    return [item for item in summarize(old, new, locale) if item.kind != "reworded"]


def test_no_item_shows_an_unchanged_value_or_a_question_mark() -> None:
    """Format 1 said "? → États-Unis" for a processor with no country, "États-Unis → États-Unis" for a new
    safeguard, "1 an → 1 an" for a new start event and "CNIL → CNIL" for an authority's country."""
    old = exograd()
    vultr_v2 = old.facts.recipients[0]
    new = with_facts(old, recipients=(dataclasses.replace(vultr_v2, country="US"), *old.facts.recipients[1:]))
    new = reworded(new, "vultr", "text")
    newer = with_facts(
        new, recipients=(dataclasses.replace(vultr_v2, country="US", safeguard="scc"), *old.facts.recipients[1:])
    )
    newer = reworded(newer, "vultr", "text")
    assert shown(facts_items(old, new)) == [
        "Lieu où Vultr traite les données: information non précisée → États-Unis (modification substantielle)"
    ]
    assert shown(facts_items(new, newer)) == [
        "Encadrement du transfert vers le sous-traitant Vultr: information non précisée → clauses contractuelles types "
        "(modification substantielle)"
    ]
    assert shown(facts_items(new, newer, "en"), "en") == [
        "Transfer mechanism for the processor Vultr: not stated → standard contractual clauses (material change)"
    ]
    [item] = facts_items(new, newer)
    assert (item.kind, item.anchor, item.block) == ("recipient-safeguard", "vultr", "vultr.text")

    rules = old.facts.retention
    later = with_facts(old, retention=(dataclasses.replace(rules[0], starts="last-contact"), *rules[1:]))
    assert shown(facts_items(old, reworded(later, "retention", "visitor-data"))) == [
        "Point de départ de la durée de conservation (Visiteurs): la collecte → le dernier contact "
        "(modification substantielle)"
    ]
    cnil = old.facts.authorities[0]
    moved = with_facts(old, authorities=(dataclasses.replace(cnil, country="BE"),))
    assert shown(facts_items(old, reworded(moved, "rights", "complaint"))) == [
        "Autorité de contrôle: CNIL (France) → CNIL (Belgique) (modification substantielle)"
    ]
    # A country code changed to one that reads the same is no change to a reader.
    region = with_facts(new, recipients=(dataclasses.replace(vultr_v2, country="US"), *old.facts.recipients[1:]))
    assert summarize(new, region, "fr") == []


@given(
    st.sampled_from(["adequacy-decision", "eu-us-dpf", "scc", "bcr", "derogation", "none", None]),
    st.sampled_from(["FR", "US", "EEA", None]),
)
def test_a_recipient_change_never_reads_old_equal_to_new(safeguard: str | None, country: str | None) -> None:
    old = exograd()
    stripe = old.facts.recipients[1]
    new = with_facts(
        old,
        recipients=(
            old.facts.recipients[0],
            dataclasses.replace(stripe, safeguard=safeguard, country=country),
            *old.facts.recipients[2:],
        ),
    )
    for item in summarize(old, new, "fr") + summarize(new, old, "fr"):
        assert item.values.get("old") != item.values.get("new")
        assert "?" not in item.values.values()
    for line in shown(summarize(old, new, "fr") + summarize(new, old, "fr")):
        old_text, _, new_text = line.partition(": ")[2].partition(" → ")
        assert old_text != new_text.removesuffix(" (modification substantielle)")


@pytest.mark.parametrize("shape", sorted(p.stem for p in (ROOT / "tests" / "data" / "shapes").glob("*.yml")))
def test_sections_hold_every_string_of_a_shape_in_reading_order(shape: str) -> None:
    policy = loading.load(ROOT / "tests" / "data" / "shapes" / f"{shape}.yml", f"tests/data/shapes/{shape}.yml")
    found = sections(policy)
    h2 = [s.id for s in policy.sections]
    assert [s.key for s in found] == (["preamble"] if policy.preamble else []) + h2
    # The preamble, under the page's title, is named by it (a collapsed unchanged part says whose it is).
    assert [s.title for s in found] == ([policy.title] if policy.preamble else []) + [
        title for level, _, title in model.headings(policy) if level == 2
    ]
    texts = [(c, t) for c, t, *_ in translatable.messages(policy) if c not in ("title", "change_note")]
    made = {f"{s.value.id}.title" for s in document.sections(policy.sections) if s.value.title_from}
    expected = [(c, t) for c, t in texts if not c.startswith("facts.") and c not in {f"{i}.title" for i in h2}]
    blocks = [(b.path, b.text) for s in found for b in s.blocks]
    assert [b for b in blocks if b[0] not in made] == expected


def test_facts_declared_where_the_2022_text_already_said_them_are_newly_stated_not_new() -> None:
    """Mailchimp's newsletter and the data Vultr stores were in the 2022 text: declaring them is no new practice."""
    old = exograd()
    vultr, stripe, mailchimp = old.facts.recipients
    newsletter = facts.Purpose("newsletter", "newsletter", "consent")  # type: ignore[arg-type]
    new = with_facts(
        old,
        purposes=(*old.facts.purposes, newsletter),
        recipients=(dataclasses.replace(vultr, data=("account-identity", "service-usage")), stripe, mailchimp),
    )
    block = next(b for b in subsections(old, "processors")[2].blocks if b.id == "text")
    new = with_block(new, "mailchimp", dataclasses.replace(block, states=(*block.states, "purposes.newsletter")))
    items = summarize(old, new, "fr")
    assert [(i.kind, i.material, i.newly_stated, i.block, i.values["fact"]) for i in items] == [
        ("purpose-added", False, True, "mailchimp.text", "newsletter"),
        ("processor-data", False, True, "vultr.text", "Vultr"),
    ]
    assert shown(items) == [
        "Figure désormais dans les faits de la politique, comme son texte le disait déjà: newsletter",
        "Précisé dans les faits de la politique, comme son texte le disait déjà: Vultr",
    ]
