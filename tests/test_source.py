"""What policy.source refuses before anything walks the tree: YAML anchors, aliases, merge keys, deep nesting
(the whole-file cases are in tests/data/invalid/)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policydocs.errors import DataError
from policydocs.policy import source

from .conftest import ROOT, run

ANCHORS = "YAML anchors and aliases are not accepted in a policy file: write the value out"
BOMB = ROOT / "tests" / "data" / "invalid" / "yaml-alias-bomb.yml"


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        source.parse(text, "p.yml")
    return [str(problem) for problem in caught.value.problems]


def test_an_anchor_alone_is_refused() -> None:
    assert problems("a: &x 1\nb: 2\n") == [f"p.yml:1:4: {ANCHORS}"]


def test_an_alias_is_refused_with_its_anchor() -> None:
    assert problems("a: &x [1, 2]\nb: *x\n") == [f"p.yml:1:4: {ANCHORS}", f"p.yml:2:4: {ANCHORS}"]


def test_an_alias_to_nowhere_is_refused_as_an_alias() -> None:
    assert problems("a: *x\n") == [f"p.yml:1:4: {ANCHORS}"]


def test_a_merge_key_is_refused() -> None:
    merge = "YAML merge keys (<<) are not accepted in a policy file: write the keys out"
    assert problems("a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n") == [
        f"p.yml:1:4: {ANCHORS}",
        f"p.yml:3:3: {merge}",
        f"p.yml:3:7: {ANCHORS}",
    ]
    assert problems("c:\n  <<: {b: 1}\n") == [f"p.yml:2:3: {merge}"]


@pytest.mark.parametrize("text", ['a: {"<<": 1}\n', "a: [<<]\n", "a: {b: <<}\n", "a: R&D, 5 * 3\n"])
def test_the_same_characters_as_text_are_accepted(text: str) -> None:
    source.parse(text, "p.yml")


def test_anchors_before_a_syntax_error_are_refused_with_it() -> None:
    found = problems('a: &x 1\nb: "open\n')
    assert found[0] == f"p.yml:1:4: {ANCHORS}"
    assert found[1].startswith("p.yml:2:4: ")


def test_nesting_past_the_deepest_is_refused_before_anything_recurses() -> None:
    deep = f"p.yml:1:{source.DEEPEST + 1}: lists and mappings nest {source.DEEPEST} deep at most"
    assert problems("[" * (source.DEEPEST + 1) + "]" * (source.DEEPEST + 1)) == [deep]
    assert problems("[" * 500 + "]" * 500) == [deep]
    assert problems("[" * 1_000_000) == ["p.yml:1:1001: lists and mappings nest 64 deep at most"]
    block = "".join(" " * i + "k:\n" for i in range(source.DEEPEST + 2))
    deepest = source.DEEPEST + 1
    assert problems(block) == [f"p.yml:{deepest}:{deepest}: lists and mappings nest {source.DEEPEST} deep at most"]


@pytest.mark.parametrize(
    "text",
    [
        BOMB.read_text(encoding="utf-8"),
        "a: &a x\nb: [" + "*a, " * 250_000 + "]\n",  # a megabyte of aliases
        "a: [" + ", ".join(f"&a{i} x" for i in range(80_000)) + "]\n",  # of anchors
        "a:\n" + "  <<: {}\n" * 110_000,  # of merge keys
        "[" * 1_000_000,  # of nesting
    ],
    ids=["alias bomb", "aliases", "anchors", "merge keys", "nesting"],
)
def test_a_megabyte_of_anchors_aliases_or_nesting_is_refused_at_once(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        source.parse(text, "p.yml")
    assert time.perf_counter() - start < 20  # about 0.3 s at most; the bomb once took minutes
    assert len(caught.value.problems) <= 21


def test_the_alias_bomb_in_a_project_is_refused_by_check_at_its_place(project: Path) -> None:
    (project / "data" / "policy.yml").write_text(BOMB.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(project, "check", timeout=20)  # refused in well under a second: a bound against a hang only
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"data/policy.yml:2:4: {ANCHORS}", f"data/policy.yml:3:4: {ANCHORS}"]
    assert lines[-2:] == [
        "data/policy.yml:4:36: and 61 more anchors, aliases or merge keys after this one",
        "21 problems in data/policy.yml",
    ]


def test_an_anchor_in_a_release_file_is_refused_at_its_place(project: Path) -> None:
    release = project / "data" / "releases" / "2022-12-26.yml"
    text = release.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("effective_date: "))
    release.write_text(text.replace("effective_date: ", "effective_date: &day ", 1), encoding="utf-8")
    result = run(project, "check", timeout=120)
    assert result.returncode == 1
    assert f"data/releases/2022-12-26.yml:{line}:17: {ANCHORS}" in result.stderr


def test_an_anchor_in_a_site_phrasebook_is_refused(tmp_path: Path) -> None:
    from policydocs.policy import phrasebook

    (tmp_path / "phrasebook").mkdir()
    (tmp_path / "phrasebook" / "en.yml").write_text("starts:\n  a: &x [one]\n  b: *x\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"phrasebook/en.yml:2:6: {ANCHORS}"):
        phrasebook.load("en", tmp_path)
