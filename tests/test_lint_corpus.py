"""The linter measured against lawyers' readings, on two corpora of small policies written for it.

- ``tests/data/lint/`` (14 policies): the first corpus, written with the
  rules. Its labels were rewritten by a reviewer acting as a data-protection
  lawyer who had not read the rules (the former ``.expected`` files graded
  the rules with their own terms).
- ``tests/data/lint-lawyer/`` (36 policies, French, English, German,
  Spanish; a SaaS, a shop, a public service, a health app, a children's app,
  an employer, an analytics service, an association, a lender or insurer per
  language): written before the rules were read, each labelled by such a
  reviewer, one language each.
- ``tests/data/lint-heldout/`` (8 policies, two per language, other
  sectors): written and labelled the same way after the rules were corrected
  on the second corpus, and measured once, untouched by any correction: how
  the rules read policies they were not tuned on.

Each ``NAME.labels`` lists every gap the reviewer saw and the correct points
that must not be flagged (``benchmarks/lint_corpus/measure.py`` says the
format and how a finding is matched to a gap). The test prints precision and
recall with every disagreement, and holds them above floors set at the
figures reached, so that a change that loses ground fails. The floors are
not the goal: GDPR-RULES.md asks for precision 0.95 and recall 0.90 on the
second corpus, and the README's table says how far each rule is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.policy import document, loading, verify

from .conftest import LINT_CORPUS, ROOT, benchmark

FIRST = ROOT / "tests" / "data" / "lint"
SECOND = ROOT / "tests" / "data" / "lint-lawyer"
HELD_OUT = ROOT / "tests" / "data" / "lint-heldout"
FLOORS = {FIRST: (0.95, 0.62), SECOND: (0.86, 0.56), HELD_OUT: (0.93, 0.47)}
"""(precision, recall) below which the test fails: the figures reached, less a little."""


MEASURE = benchmark("lint_corpus/measure.py", "lint_corpus_measure")
POLICIES = sorted(FIRST.glob("*.yml")) + sorted(SECOND.glob("*.yml")) + sorted(HELD_OUT.glob("*.yml"))


def test_the_second_corpus_has_thirty_policies_in_four_languages_each_labelled() -> None:
    policies = sorted(SECOND.glob("*.yml"))
    assert len(policies) >= 30
    assert {loading.load(p, p.name).source_locale for p in policies} >= {"fr", "en", "de", "es"}
    for corpus in (FIRST, SECOND, HELD_OUT):
        assert {p.stem for p in corpus.glob("*.labels")} == {p.stem for p in corpus.glob("*.yml")}


@pytest.mark.parametrize("policy", POLICIES, ids=[f"{p.parent.name}/{p.stem}" for p in POLICIES])
def test_each_corpus_policy_holds_its_tie_and_its_labels_point_at_its_blocks(policy: Path) -> None:
    """A finding must come from a gap of the text, never from a policy the build would refuse; a label names a
    provision the reviewers were given and a place of the page."""
    loaded = loading.load(policy, policy.name)
    assert verify.check(loaded) == []
    places = {p.context for p in document.blocks(loaded.preamble, loaded.sections)}
    places |= {s.context for s in document.sections(loaded.sections)}
    duties = set(MEASURE.DUTIES.values()) | {"13.1.b", "6", "7", "8", "9", "14", "26", "consistency", "changes"}
    for label in MEASURE.read_labels(policy.with_suffix(".labels")):
        assert label.duty in duties, f"{policy.name}:{label.line}: {label.duty}"
        head = label.anchor.split(".")[0]
        assert label.anchor == "-" or any(p == head or p.startswith(head) for p in places), label


@pytest.mark.parametrize("corpus", [FIRST, SECOND, HELD_OUT], ids=["first", "second", "held-out"])
def test_precision_and_recall_against_the_lawyers_labels(corpus: Path) -> None:
    precision, recall, tallies, report = MEASURE.measure(corpus, verbose=False)
    summary = f"{corpus.name}: precision {precision:.3f}, recall {recall:.3f}"
    LINT_CORPUS.extend([summary, *report])
    print(summary, *report, MEASURE.table(tallies), sep="\n")
    low_precision, low_recall = FLOORS[corpus]
    assert precision >= low_precision, summary
    assert recall >= low_recall, summary


def test_every_rule_maps_to_a_provision_the_reviewers_were_given() -> None:
    from policydocs.lint import RULES

    assert {r.id for r in RULES} == set(MEASURE.DUTIES) | set(MEASURE.TIE_RULES) | set(MEASURE.OWN_RULES)
