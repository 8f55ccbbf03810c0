"""YAML mistakes explained in the editor's terms (the full-file cases are in tests/data/invalid/)."""

from __future__ import annotations

import pytest

from policydocs.errors import DataError
from policydocs.policy import source

from .conftest import HANG, finishes_within


def problem(text: str) -> str:
    with pytest.raises(DataError) as caught:
        source.parse(text, "p.yml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a:\n  b: c\n\td: e\n",
            "p.yml:3:1: a tab is used for indentation: YAML needs spaces (replace the tab with spaces)",
        ),
        (
            "a:\n  -\tb\n  - c\n",
            'p.yml:2:4: a tab follows "-": YAML needs a space there (replace the tab with a space)',
        ),
        (
            "a:\r\n  text: Nous conservons: vos données\r\n",
            'p.yml:2:24: a colon followed by a space starts a new key, so this sentence cannot contain ": " unquoted:'
            ' put the whole text in quotes ("…") or use a "|" block',
        ),
        (
            "a:\n  id: x\n   title: y\n",
            "p.yml:3:4: this line is indented differently from the lines before it at the same level:"
            ' align "title:" with "id:" above (2 spaces)',
        ),
        (
            "a:\n  id: x\n b: y\n",
            "p.yml:3:2: this line is indented differently from the lines before it at the same level:"
            ' align "b:" with "id:" above (2 spaces)',
        ),
        (
            "a:\n  - id: x\n    text: y\n  id: z\n",
            'p.yml:4:3: this key is at the level of the list items above ("- id: x"): start a new item with "- ",'
            ' or indent it to line up with "text:" (4 spaces)',
        ),
        (
            'a:\n  title: "Visiteurs" du site\n',
            "p.yml:2:20: the text goes on after its closing quote: put the whole text in quotes,"
            ' and write a " inside it as \\" (or use a "|" block)',
        ),
        (
            'a:\n  text: "jamais fermé\n',
            'p.yml:2:9: the quote opened here is never closed: add the closing " at the end of the text',
        ),
        ("a:\n  id:x\n  b: c\n", 'p.yml:2:5: a colon after a key needs a space: write "id: " instead of "id:"'),
    ],
)
def test_common_mistakes_are_explained_with_their_fix(text: str, expected: str) -> None:
    assert problem(text) == expected


def test_text_over_several_lines_is_not_mistaken_for_a_mistake() -> None:
    text = 'a:\n  text: "une\n    suite"\n  notes: |\n    Note: ceci\n  b: c: d\n'
    assert problem(text).startswith("p.yml:6:7: a colon followed by a space starts a new key")


def test_other_yaml_errors_keep_pyyaml_words_located() -> None:
    assert problem("a: b\n: c\n") == (
        "p.yml:2:1: invalid YAML: while parsing a block mapping, expected <block end>, but found ':'"
    )


def test_a_mistake_on_a_megabyte_line_is_explained_in_linear_time() -> None:
    word = "x" * 1_000_000
    text = f'a:\n  text: "{word}\n  b: {word}\n  c: "d"\n'
    assert finishes_within(HANG, problem, text), f"over {HANG} s"  # 0.45 s on a quiet machine
    assert problem(text).startswith("p.yml:2:9: the quote opened here is not closed on its line")


def _refused(text: str) -> list[str]:
    try:
        _, problems = source.parse(text, "p.yml")
    except DataError as err:
        return [str(problem) for problem in err.problems]
    return [str(problem) for problem in problems]


def test_a_megabyte_of_values_is_refused_before_a_tree_is_made() -> None:
    """What would take seconds to compose is refused while counting; a policy holds a few thousand values."""
    text = "x: [" + ",".join("1" for _ in range(499_000)) + "]\n"
    assert finishes_within(HANG, _refused, text), f"over {HANG} s"  # 0.05 s on a quiet machine
    assert _refused(text) == [
        "p.yml:1:99999: more than 50,000 values: a policy file holds a few thousand; is it the right one?"
    ]


def test_a_syntax_error_at_the_end_of_a_megabyte_is_explained_without_a_second_slow_parse() -> None:
    text = "a:\n" + "".join(f"  k{i}: {'a long value ' * 4}{i}\n" for i in range(17_000)) + "  bad: [unclosed\n"
    assert finishes_within(HANG, _refused, text), f"over {HANG} s"  # 0.4 s on a quiet machine, 4 s before
    (found,) = _refused(text)
    assert found.startswith("p.yml:17003:") and "flow sequence" in found


def test_thousands_of_duplicate_keys_are_reported_twenty_then_counted() -> None:
    found = _refused("".join("a: 1\n" for _ in range(24_000)))
    assert len(found) == 21
    assert found[0] == 'p.yml:2:1: duplicate key "a" (first at line 1)'
    assert found[-1] == "p.yml:21:1: and 23979 more duplicate keys after this one"
