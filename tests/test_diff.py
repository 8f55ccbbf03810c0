"""The word-level redline and the semantic summary, on synthetic policies."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from policydocs.policy import validate
from policydocs.policy.model import Paragraph, Policy, Processor
from policydocs.versions.redline import new_side, old_side, redline, word_diff
from policydocs.versions.summary import summarize

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


def exograd() -> Policy:
    return validate.load(ROOT / "data" / "policy.yml", "data/policy.yml")


def test_identical_policies_have_no_change() -> None:
    policy = exograd()
    assert summarize(policy, policy, "fr") == []
    assert not any(section.changed for section in redline(policy, policy))


def test_a_reworded_clause_is_changed_not_removed_and_added() -> None:
    old = exograd()
    processors = old.processors.processors
    reworded = dataclasses.replace(processors[2], text="Exograd utilise Mailchimp pour envoyer sa newsletter.")
    new = dataclasses.replace(
        old, processors=dataclasses.replace(old.processors, processors=(*processors[:2], reworded))
    )
    items = summarize(old, new, "fr")
    assert [(i.kind, i.material) for i in items] == [("reworded", False)]
    section = next(s for s in redline(old, new) if s.key == "processors")
    block = next(b for b in section.blocks if b.path.endswith("mailchimp.text"))
    assert block.status == "changed"
    assert ("delete", "gérer ") in block.ops and ("insert", "envoyer ") in block.ops


def test_entity_changes_are_named_with_old_and_new_values() -> None:
    old = exograd()
    brevo = Processor(id="brevo", name="Brevo", activity="newsletter", text="Exograd utilise Brevo.", country="FR")
    rules = old.retention.rules
    longer = dataclasses.replace(rules[0], duration=type(rules[0].duration)(years=2))
    new = dataclasses.replace(
        old,
        processors=dataclasses.replace(old.processors, processors=(*old.processors.processors, brevo)),
        retention=dataclasses.replace(old.retention, rules=(longer, *rules[1:])),
        rights=dataclasses.replace(old.rights, rights=(*old.rights.rights, "portability"), email="dpo@exograd.com"),
        contact=dataclasses.replace(old.contact, email="bonjour@exograd.com"),
    )
    items = {(i.kind, i.material): dict(i.values) for i in summarize(old, new, "en")}
    assert items[("processor-added", True)] == {"name": "Brevo", "details": "newsletter, France"}
    assert items[("retention-changed", True)] == {"rule": "Visiteurs", "old": "1 year", "new": "2 years"}
    assert items[("right-added", True)] == {"right": "portability"}
    assert items[("rights-email", True)] == {"old": "contact@exograd.com", "new": "dpo@exograd.com"}
    assert items[("contact-email", False)] == {"old": "contact@exograd.com", "new": "bonjour@exograd.com"}


def test_shorter_retention_is_not_material_and_a_removed_processor_is_not_either() -> None:
    old = exograd()
    rules = old.retention.rules
    shorter = dataclasses.replace(rules[1], duration=type(rules[1].duration)(years=2))
    new = dataclasses.replace(
        old,
        retention=dataclasses.replace(old.retention, rules=(rules[0], shorter, rules[2])),
        processors=dataclasses.replace(old.processors, processors=old.processors.processors[:2]),
    )
    kinds = {(i.kind, i.material) for i in summarize(old, new, "fr")}
    assert ("retention-changed", False) in kinds
    assert ("processor-removed", False) in kinds
    assert not any(material for _, material in kinds)


def test_moved_and_added_sections_and_blocks_are_said() -> None:
    old = exograd()
    processors = old.processors.processors
    extra = Paragraph(id="new-clause", text="Une nouvelle phrase.")
    new = dataclasses.replace(
        old,
        processors=dataclasses.replace(old.processors, processors=(processors[2], processors[0], processors[1])),
        changes=dataclasses.replace(old.changes, paragraphs=(*old.changes.paragraphs, extra)),
    )
    sections = {s.key: s for s in redline(old, new)}
    moved = [b.path for b in sections["processors"].blocks if b.moved]
    assert moved == ["processors.processors.mailchimp.text"]
    added = [b for b in sections["changes"].blocks if b.status == "added"]
    assert [b.ops for b in added] == [[("insert", "Une nouvelle phrase.")]]
    assert not sections["introduction"].changed
