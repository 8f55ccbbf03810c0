"""The linter measured against a lawyer's reading: precision and recall, over all rules and per rule.

    python benchmarks/lint_corpus/measure.py [--corpus tests/data/lint-lawyer] [--verbose]

Each ``NAME.yml`` of the corpus has beside it ``NAME.labels``, written by a
reviewer acting as a data-protection lawyer who had not read the rules: one
point a line, ``gap DUTY ANCHOR SEVERITY # why`` (what the notice fails to say
or says wrongly) or ``ok DUTY ANCHOR - # why`` (what is right and must not be
flagged). DUTY is the provision (``13.1.f``, ``21``, ``eprivacy``…), ANCHOR
the id of the block, item or row where the reader reads it, ``-`` for a plain
absence.

A finding of the linter is mapped to the provision its rule enforces
(``DUTIES`` below) and its place (the id path it points at). It is right when
a gap of the same provision is at a compatible place: the same block, one
holding the other (``droits`` holds ``droits.delai``), or either one the
whole notice (``-``, or a finding located in ``facts:``). Several findings
matching one gap count once (a rule may say one gap fact by fact). Precision
is right findings over findings; recall is gaps found over gaps. Severity is
compared but not counted in either: its agreement is printed apart.

Prints the per-rule table (Markdown, for the README) and the totals.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from policydocs.lint import lint
from policydocs.policy import loading

DUTIES: dict[str, str] = {
    "controller-identity": "13.1.a",
    "dpo-contact": "13.1.b",
    "purpose-legal-basis": "13.1.c",
    "purpose-per-data": "13.1.c",
    "legitimate-interest": "13.1.d",
    "consent-withdrawal": "13.2.c",
    "marketing-objection": "21",
    "legitimate-interest-objection": "21",
    "pre-ticked-consent": "7",
    "consent-for-contract": "6",
    "cookies": "eprivacy",
    "vague-qualifiers": "12.1",
    "special-categories": "9",
    "children": "8",
    "sources": "14",
    "recipients": "13.1.e",
    "vague-recipients": "13.1.e",
    "joint-controllers": "26",
    "transfers": "13.1.f",
    "scc-copy": "13.1.f",
    "retention": "13.2.a",
    "vague-retention": "13.2.a",
    "rights-complete": "13.2.b",
    "complaint": "13.2.d",
    "response-time": "12.3",
    "identity-check": "12.6",
    "statutory-contractual": "13.2.e",
    "automated-decisions": "13.2.f",
    "check-regularly-clause": "changes",
    "post-mortem": "lil85",
}
"""The provision each rule enforces, in the reviewers' codes."""
TIE_RULES = ("untied-statement", "orphans")
"""Rules that compare the data file with itself (a sentence no fact ties, a category no recipient fills): no
reader of the page can see them, so they are not measured against a reader's labels."""
OWN_RULES = ("insecure-link",)
"""Rules of the tool's own (an http: link), not a provision the reviewers were given: not measured."""


@dataclass(frozen=True)
class Label:
    kind: str  # gap or ok
    duty: str
    anchor: str
    severity: str
    why: str
    line: int


@dataclass(frozen=True)
class Hit:
    rule: str
    duty: str
    anchor: str
    severity: str
    message: str


def read_labels(path: Path) -> list[Label]:
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        body, _, why = line.partition("#")
        words = body.split()
        if not words:
            continue
        if len(words) != 4 or words[0] not in ("gap", "ok"):
            raise SystemExit(f"{path}:{number}: expected 'gap|ok DUTY ANCHOR SEVERITY', got {line!r}")
        labels.append(Label(words[0], words[1], words[2], words[3], why.strip(), number))
    return labels


def anchor_of(path: str, policy_sections: set[str]) -> str:
    """A finding's place as a reviewer names it: its id path, or ``-`` when it points into ``facts:``."""
    head = path.split(".")[0]
    return path if head in policy_sections else "-"


def compatible(a: str, b: str) -> bool:
    """The same place, or places in one section (a sentence and the table beside it), or the whole notice."""
    if a == "-" or b == "-":
        return True
    return a.split(".")[0] == b.split(".")[0]


def exact(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def hits(policy_path: Path) -> list[Hit]:
    policy = loading.load(policy_path, policy_path.name)
    sections = {s.id for s in policy.sections} | {b.id for b in policy.preamble}
    found = []
    for f in lint(policy):
        if f.rule in TIE_RULES or f.rule in OWN_RULES:
            continue
        found.append(Hit(f.rule, DUTIES[f.rule], anchor_of(f.path, sections), f.severity, f.message))
    return list(dict.fromkeys(found))


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    found: int = 0
    missed: int = 0


def measure(corpus: Path, verbose: bool) -> tuple[float, float, dict[str, Tally], list[str]]:
    per_rule: dict[str, Tally] = defaultdict(Tally)
    per_duty: dict[str, Tally] = defaultdict(Tally)
    report: list[str] = []
    right = wrong = found = missed = 0
    severity_same = severity_compared = 0
    for labels_path in sorted(corpus.glob("*.labels")):
        policy_path = labels_path.with_suffix(".yml")
        labels = read_labels(labels_path)
        gaps = [label for label in labels if label.kind == "gap"]
        oks = [label for label in labels if label.kind == "ok"]
        got = hits(policy_path)
        matched_gaps: set[int] = set()
        for hit in got:
            candidates = [i for i, g in enumerate(gaps) if g.duty == hit.duty and exact(g.anchor, hit.anchor)]
            candidates = candidates or [
                i for i, g in enumerate(gaps) if g.duty == hit.duty and compatible(g.anchor, hit.anchor)
            ]
            # A gap of absence has no one place: the reviewer may put it where the rights are listed, the rule
            # where the processing is stated. The same provision in the same notice, not yet matched, is it.
            candidates = candidates or [i for i, g in enumerate(gaps) if g.duty == hit.duty and i not in matched_gaps]
            if candidates:
                # A gap not matched yet first: two findings of one rule are two gaps when the reviewer saw two.
                chosen = next((i for i in candidates if i not in matched_gaps), candidates[0])
                right += 1
                per_rule[hit.rule].right += 1
                per_duty[hit.duty].right += 1
                matched_gaps.add(chosen)
                severity_compared += 1
                severity_same += gaps[chosen].severity == hit.severity
            else:
                wrong += 1
                per_rule[hit.rule].wrong += 1
                per_duty[hit.duty].wrong += 1
                against = next((o for o in oks if o.duty == hit.duty and compatible(o.anchor, hit.anchor)), None)
                note = f" (a correct point: {against.why})" if against else ""
                report.append(
                    f"  FALSE {policy_path.stem}: {hit.severity} {hit.rule} {hit.anchor}: {hit.message}{note}"
                )
        for i, gap in enumerate(gaps):
            if i in matched_gaps:
                found += 1
                per_duty[gap.duty].found += 1
            else:
                missed += 1
                per_duty[gap.duty].missed += 1
                report.append(f"  MISSED {policy_path.stem}: {gap.severity} {gap.duty} {gap.anchor}: {gap.why}")
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = found / (found + missed) if found + missed else 1.0
    report.append(f"severity agreement on right findings: {severity_same}/{severity_compared}")
    if verbose:
        print("\n".join(report))
    return (
        precision,
        recall,
        {**{f"rule {k}": v for k, v in per_rule.items()}, **{f"duty {k}": v for k, v in per_duty.items()}},
        report,
    )


def table(tallies: dict[str, Tally]) -> str:
    lines = ["| rule | findings | right | precision |", "|---|---|---|---|"]
    for name in sorted(k for k in tallies if k.startswith("rule ")):
        t = tallies[name]
        total = t.right + t.wrong
        lines.append(f"| `{name[5:]}` | {total} | {t.right} | {t.right / total:.2f} |")
    lines += ["", "| provision | gaps | found | recall |", "|---|---|---|---|"]
    for name in sorted(k for k in tallies if k.startswith("duty ")):
        t = tallies[name]
        total = t.found + t.missed
        if total:
            lines.append(f"| {name[5:]} | {total} | {t.found} | {t.found / total:.2f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("tests/data/lint-lawyer"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    precision, recall, tallies, _ = measure(args.corpus, args.verbose)
    print(table(tallies))
    print(f"\nprecision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
