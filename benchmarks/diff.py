"""Benchmark: the changes between two 10,000-word versions with 5% of the words changed.

Run:  .venv/bin/python benchmarks/diff.py [--words 10000] [--changed 0.05] [--runs 20]

Builds two synthetic policies from Exograd's (its sections padded with
sub-processors whose clauses hold the words), changes a share of the
words at random (fixed seed), then times, for one locale, what a changes
page needs: the semantic summary, the word-level redline section by
section, and the redline's HTML. Prints the median and the worst run.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from policydocs.policy import loading  # noqa: E402
from policydocs.policy.scalars import Policy, Processor  # noqa: E402
from policydocs.site.render import redline_html  # noqa: E402
from policydocs.versions.redline import redline  # noqa: E402
from policydocs.versions.summary import summarize  # noqa: E402

WORDS = (
    "données personnelles traitement conservation durée client visiteur adresse email service facturation "
    "sous-traitant hébergement paiement droit accès rectification effacement opposition limitation portabilité "
    "consentement finalité contrat obligation légale intérêt légitime sécurité compte connexion navigateur "
    "statistiques newsletter information commerciale réclamation autorité contrôle délai mois jours ans "
    "la le les de des du un une et ou pour par avec dans sur à au aux est sont peut peuvent nous vous"
)
VOCABULARY = tuple(WORDS.split())
LABELS = {"deleted": "supprimé:", "inserted": "ajouté:", "unchanged": "inchangé", "added": "ajouté",
          "removed": "supprimé", "moved": "déplacé"}  # fmt: skip


def synthetic(words: int, rng: random.Random) -> Policy:
    """Exograd's policy with enough sub-processor clauses of ~100 words to reach ``words`` words."""
    base = loading.load(ROOT / "data" / "policy.yml", "data/policy.yml")
    processors = []
    for index in range(words // 100):
        text = " ".join(rng.choice(VOCABULARY) for _ in range(100)).capitalize() + "."
        processors.append(Processor(id=f"p{index}", name=f"P{index}", activity="service", text=text))
    return dataclasses.replace(base, processors=dataclasses.replace(base.processors, processors=tuple(processors)))


def changed(policy: Policy, share: float, rng: random.Random) -> Policy:
    """The same policy with exactly ``share`` of its clause words replaced by other words, spread at random."""
    clauses = [p.text.split(" ") for p in policy.processors.processors]
    places = [(c, w) for c, words in enumerate(clauses) for w in range(len(words))]
    for c, w in rng.sample(places, round(share * len(places))):
        clauses[c][w] = rng.choice([v for v in VOCABULARY if v != clauses[c][w].lower().rstrip(".")])
    processors = []
    for processor, words in zip(policy.processors.processors, clauses, strict=True):
        processors.append(dataclasses.replace(processor, text=" ".join(words)))
    return dataclasses.replace(policy, processors=dataclasses.replace(policy.processors, processors=tuple(processors)))


def changes_page(old: Policy, new: Policy) -> int:
    items = summarize(old, new, "fr")
    html = "".join(redline_html(section, LABELS) for section in redline(old, new))
    return len(items) + len(html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--changed", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(20221226)
    old = synthetic(args.words, rng)
    new = changed(old, args.changed, rng)
    total = sum(len(p.text.split()) for p in old.processors.processors)
    different = sum(
        a != b
        for p, q in zip(old.processors.processors, new.processors.processors, strict=True)
        for a, b in zip(p.text.split(), q.text.split(), strict=True)
    )
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        changes_page(old, new)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"words per version      {total:>8}")
    print(f"words changed          {different:>8} ({different / total:.1%})")
    print(f"runs                   {args.runs:>8}")
    print(f"median per locale (ms) {statistics.median(timings):>8.1f}")
    print(f"worst per locale (ms)  {max(timings):>8.1f}")
    print("budget (ms)                 100.0")


if __name__ == "__main__":
    main()
