"""The linter measured on a corpus: small policies of varied shapes, each with the findings a reviewer expects.

Each ``tests/data/lint/<name>.yml`` is a policy written for this corpus (a
French SME, an English-source shop, a newsletter-only blog, an app with US
processors, a broker with a DPO, a lender with automated decisions, one that
says everything, one whose plain words only look like gaps…). Beside it,
``<name>.expected`` lists what a reviewer tells its editor, one finding a
line: ``severity rule id-path`` then ``# why``. The expectations are written
from the law (GDPR-RULES.md), not from the linter's output: the test
measures precision (how many findings are right) and recall (how many gaps
are found) over the corpus, prints both with every disagreement, and holds
precision at 0.95 at least, since a rule that cries wolf teaches the editor
to waive everything.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policydocs.lint import RULES, lint
from policydocs.policy import agreement, v2

from .conftest import LINT_CORPUS, ROOT

CORPUS = ROOT / "tests" / "data" / "lint"
POLICIES = sorted(CORPUS.glob("*.yml"))
MIN_PRECISION = 0.95
MIN_RECALL = 0.9

Key = tuple[str, str, str]
"""A finding as the sidecar names it: (severity, rule id, id path)."""


def expected(policy: Path) -> Counter[Key]:
    """The findings ``<name>.expected`` lists (blank lines and ``#`` comments skipped)."""
    found: Counter[Key] = Counter()
    sidecar = policy.with_suffix(".expected")
    for number, line in enumerate(sidecar.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        assert len(words) == 3, f"{sidecar.name}:{number}: expected 'severity rule id-path', got {line!r}"
        severity, rule, path = words
        assert severity in ("error", "warning", "info"), f"{sidecar.name}:{number}: severity {severity!r}"
        assert rule in {r.id for r in RULES}, f"{sidecar.name}:{number}: no rule {rule!r}"
        found[(severity, rule, path)] += 1
    return found


def actual(policy: Path) -> Counter[Key]:
    return Counter((f.severity, f.rule, f.path) for f in lint(v2.load(policy, policy.name)))


def test_the_corpus_has_ten_policies_at_least_each_with_its_expected_findings() -> None:
    assert len(POLICIES) >= 10
    for policy in POLICIES:
        assert policy.with_suffix(".expected").is_file(), policy.name
    assert {p.stem for p in CORPUS.glob("*.expected")} == {p.stem for p in POLICIES}
    # Some policies must raise nothing, and the others together make every rule speak.
    assert any(not expected(p) for p in POLICIES)
    spoken = {rule for p in POLICIES for _, rule, _ in expected(p)}
    assert spoken == {r.id for r in RULES}, sorted({r.id for r in RULES} - spoken)


@pytest.mark.parametrize("policy", POLICIES, ids=[p.stem for p in POLICIES])
def test_each_corpus_policy_is_valid_and_holds_its_tie(policy: Path) -> None:
    """A finding must come from a gap of the text, never from a policy the build would refuse anyway."""
    assert agreement.check(v2.load(policy, policy.name)) == []


def test_precision_and_recall_over_the_corpus() -> None:
    true_positives = false_positives = false_negatives = 0
    report: list[str] = []
    for policy in POLICIES:
        want, got = expected(policy), actual(policy)
        true_positives += sum((want & got).values())
        for key in sorted((got - want).elements()):
            false_positives += 1
            report.append(f"  {policy.name}: false alarm: {' '.join(key)}")
        for key in sorted((want - got).elements()):
            false_negatives += 1
            report.append(f"  {policy.name}: missed: {' '.join(key)}")
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / ((true_positives + false_negatives) or 1)
    summary = (
        f"{len(POLICIES)} policies, {true_positives + false_negatives} expected findings: "
        f"precision {precision:.3f} ({true_positives}/{true_positives + false_positives}), "
        f"recall {recall:.3f} ({true_positives}/{true_positives + false_negatives})"
    )
    LINT_CORPUS[:] = [summary, *report]
    print("\n".join(LINT_CORPUS))
    assert precision >= MIN_PRECISION, "\n".join(LINT_CORPUS)
    assert recall >= MIN_RECALL, "\n".join(LINT_CORPUS)
