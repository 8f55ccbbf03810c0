"""Text handling stays linear in the length of a sentence (DESIGN.md invariant 8).

Each long input runs in a child process stopped after a generous bound (conftest.HANG), so
that a quadratic regression fails the test instead of hanging the suite; what each step costs
is measured in benchmarks/long_text.py.
"""

from __future__ import annotations

import dataclasses
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policydocs.formats.sitemap import sitemaps
from policydocs.i18n.parity import tokens
from policydocs.policy import loading
from policydocs.policy.document import Paragraph as DocParagraph
from policydocs.site.markup import escape, inline
from policydocs.versions.redline import new_side, old_side, redline, word_diff

from .conftest import HANG, ROOT, finishes_within

MEGABYTE = 1_000_000


def _diff_with_a_change(text: str) -> None:
    middle = len(text) // 2
    changed = text[:middle] + "Z" + text[middle + 1 :]
    ops = word_diff(text, changed)
    assert old_side(ops) == text
    assert new_side(ops) == changed


STEPS = {
    "inline": inline,
    "escape": escape,
    "tokens": tokens,
    "word_diff": _diff_with_a_change,
}
WORDS = "les données sont conservées 3 ans par contact@exograd.com, voir https://exograd.com/legal. "
INPUTS = {
    "one letter": "a" * MEGABYTE,
    "at-signs": "a@" * (MEGABYTE // 2),
    "schemes": "https://" * (MEGABYTE // 8),
    "brackets": "[a" * (MEGABYTE // 2),
    "placeholders": "%(a)s" * (MEGABYTE // 5),
    "mixed words": (WORDS * (MEGABYTE // len(WORDS) + 1))[:MEGABYTE],
    "mixed fragments": ("a@b https://x [y](z a.b@c %(n)sa@b.c 1,5x@y.zz " * (MEGABYTE // 44))[:MEGABYTE],
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("kind", INPUTS)
def test_a_megabyte_sentence_is_handled_in_seconds(step: str, kind: str) -> None:
    assert finishes_within(HANG, STEPS[step], INPUTS[kind]), f"{step} on a megabyte of {kind}: over {HANG} s"


# The patterns as they were written before they were made linear: the same tokens must come out.
PLAIN_PARITY = re.compile(
    r"%\(\w+\)[sd]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d+(?:[.,]\d+)*"
)
TRICKY = [
    "écrivez à dpo@exograd.com ou à https://exograd.com/contact.",
    "%(name)sfoo@bar.com",  # an address right after a placeholder, inside one run of letters
    "1,5foo@bar.com et 2024-01-02x@y.fr",
    "x@y.fr_b@c.de",  # an address right after an address
    "a@b@c.d a.@b.c .@x.y",
    "https://a.b/c.d@e.f, http://x.y/(z)",
    "[lien](https://exograd.com) [mail](mailto:a@b.c) [x](javascript:a@b.cd)",
    "aaaa" * 50 + "@exograd.com",
]


@pytest.mark.parametrize("text", TRICKY)
def test_parity_finds_the_same_tokens_as_the_plain_pattern(text: str) -> None:
    assert sorted(tokens(text).elements()) == sorted(
        t.replace(",", ".") if t[0].isdigit() else t for t in PLAIN_PARITY.findall(text)
    )


def test_an_address_right_after_another_token_is_still_linked() -> None:
    assert inline("x@y.fr_b@c.de") == "[x@y.fr](<mailto:x@y.fr>)[\\_b@c.de](<mailto:_b@c.de>)"
    assert inline("[x](javascript:a@b.cd)") == "\\[x\\](javascript:a@b.cd)"


def test_a_long_edited_sentence_diffs_word_by_word() -> None:
    rng = random.Random(20221226)
    words = [f"mot{rng.randrange(997)}" for _ in range(20_000)]
    old = " ".join(words)
    new = " ".join("Z" if i % 20 == 10 else w for i, w in enumerate(words))
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert sum(len(t) for k, t in ops if k == "insert") == 1_000 * len("Z ")


def test_ten_thousand_blocks_diff_in_seconds() -> None:
    base = loading.load(ROOT / "data" / "policy.yml", "data/policy.yml")
    blocks = tuple(DocParagraph(id=f"p{i}", paragraph=f"Le service {i}.") for i in range(10_000))  # type: ignore[arg-type]
    moved = blocks[1:5000] + blocks[:1] + blocks[5001:]  # one removed, one moved

    def with_blocks(chosen: tuple[DocParagraph, ...]):  # type: ignore[no-untyped-def]
        section = dataclasses.replace(base.sections[0], blocks=chosen)
        return dataclasses.replace(base, sections=(section, *base.sections[1:]))

    old, new = with_blocks(blocks), with_blocks(moved)
    assert finishes_within(HANG, lambda _: redline(old, new), "")


def test_the_sitemaps_of_a_long_history_are_made_in_seconds() -> None:
    """Each page has a sitemap of its own: made from the page's entry alone, not from every page again."""
    history = [f"versions/{i}/index.md" for i in range(20_000)] + [f"versions/{i}/changes/index.md" for i in range(5)]
    pages = {"fr": ["index.md", *history], "en": ["index.md", *history[:-5]]}
    made: dict[str, str] = {}

    def count(_: str) -> None:
        made.update(sitemaps("https://example.org/privacy/", pages, "fr"))
        assert len(made) == 3 + 20_005 + 20_000  # the whole site's, each language's, each page's
        own = made["en/versions/7/sitemap.xml"]
        assert own.count("<url>") == 2 and own.count('hreflang="x-default"') == 2
        assert made["fr/versions/0/changes/sitemap.xml"].count("<url>") == 1  # not in English

    assert finishes_within(HANG, count, "")


def test_check_takes_a_long_word_in_stride(project: Path) -> None:
    policy = project / "data" / "policy.yml"
    data = policy.read_text(encoding="utf-8")
    scope = "La société Exograd est amenée a collecter des information personnelles."
    policy.write_text(data.replace(scope, "a" * 200_000 + " " + scope), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "policydocs", "check"], cwd=project, capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("policydocs check of a 200 KB word: over 60 s")
    # The paragraph changed without a new date and without its translation: said, not hung.
    assert "introduction.scope" in done.stderr
