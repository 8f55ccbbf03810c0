"""Controls, bidirectional overrides and stray invisible characters, refused in the data and the catalogs at
their place (the whole-file cases are in tests/data/invalid/)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policydocs.errors import DataError
from policydocs.policy import characters, loading, source

from .conftest import EXAMPLE, ROOT, run


def refused(text: str) -> list[str]:
    return [str(problem) for problem in characters.problems(text, "f")]


OVERRIDE = " is not accepted: it makes the text read otherwise than it is written"
CONTROL = " is not accepted: a control character breaks some viewers and PDF text"
INVISIBLE = " is not accepted: it is invisible and makes words that look alike differ"
JOINER = (
    " is not accepted here: only next to a letter of a script that joins letters (Arabic, Persian, Indic…) or an emoji"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a \u202eb", "f:1:3: U+202E RIGHT-TO-LEFT OVERRIDE" + OVERRIDE),
        ("a\n\u2066b", "f:2:1: U+2066 LEFT-TO-RIGHT ISOLATE" + OVERRIDE),
        ("a\x00b", "f:1:2: U+0000 NULL" + CONTROL),
        ("a\x1bb", "f:1:2: U+001B ESCAPE" + CONTROL),
        ("a\x7f", "f:1:2: U+007F DELETE" + CONTROL),
        ("a\x85", "f:1:2: U+0085 (a control character)" + CONTROL),
        ("a\rb", "f:1:2: U+000D CARRIAGE RETURN is not accepted here: only right before a line feed (a CRLF line end)"),
        ("a\u200bb", "f:1:2: U+200B ZERO WIDTH SPACE" + INVISIBLE),
        ("a\u2060b", "f:1:2: U+2060 WORD JOINER" + INVISIBLE),
        ("1\u00ad0 ans", "f:1:2: U+00AD SOFT HYPHEN" + INVISIBLE),
        (
            "a\ufeffb",
            "f:1:2: U+FEFF ZERO WIDTH NO-BREAK SPACE is not accepted here: "
            "only as a file's first character (a byte order mark)",
        ),
        ("he\u200dure", "f:1:3: U+200D ZERO WIDTH JOINER" + JOINER),
        ("Auf\u200clage", "f:1:4: U+200C ZERO WIDTH NON-JOINER" + JOINER),
        ("(5)\u200f", "f:1:4: U+200F RIGHT-TO-LEFT MARK is not accepted here: only on a line of right-to-left text"),
    ],
)
def test_a_refused_character_is_named_at_its_line_and_column(text: str, expected: str) -> None:
    assert refused(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "a: b\r\nc: d\r\n",  # CRLF line ends
        "\ufeffa: b\n",  # a byte order mark starting the file
        "a\tb\nc",
        "می\u200cخواهم",  # Persian: "I want", with its ZWNJ
        "क्\u200dष",  # Devanagari: a half form with ZWJ
        "👩\U0001f3fd\u200d💻 🏳\ufe0f\u200d🌈",  # emoji sequences
        "שלום (5)\u200f",  # Hebrew with an RLM after a number
        "السعر 5\u200e€\u061c",  # Arabic with an LRM and an ALM
        "Politique de confidentialité — « données » ’ \u00a0\u202f",
    ],
)
def test_characters_a_language_needs_are_accepted(text: str) -> None:
    assert refused(text) == []


def test_past_a_few_refused_characters_the_rest_are_counted() -> None:
    found = refused("\n".join(["x\u200by"] * 50))
    assert len(found) == characters.MOST + 1
    assert found[-1] == f"f:{characters.MOST}:2: and {50 - characters.MOST} more characters not accepted after this one"


def test_a_megabyte_of_refused_characters_is_read_in_linear_time() -> None:
    for text in ("x\u200f" * 500_000, "a\u200d" * 500_000, "\u200b" * 1_000_000, "x\n" * 500_000):
        start = time.perf_counter()
        characters.problems(text, "f")
        assert time.perf_counter() - start < 20  # about 0.5 s each; quadratic would take hours


@pytest.mark.parametrize(
    "folder",
    [ROOT / "data", ROOT / "locales", ROOT / EXAMPLE, ROOT / "src" / "policydocs"],
    ids=["data", "locales", "example", "package"],
)
def test_exograd_the_example_and_the_package_hold_no_refused_character(folder: Path) -> None:
    files = [p for ext in ("yml", "po", "pot") for p in sorted(folder.rglob(f"*.{ext}")) if "site" not in p.parts]
    assert files
    for path in files:
        assert characters.problems(path.read_text(encoding="utf-8"), str(path)) == [], path


def test_a_character_written_as_an_escape_is_refused_at_its_scalar() -> None:
    _, problems = source.parse('a: 1\nb: "x\\u202Ey"\nc: "\\0"\n', "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:2:4: U+202E RIGHT-TO-LEFT OVERRIDE is not accepted: it makes the text read otherwise than it is "
        "written (written as an escape)",
        "p.yml:3:4: U+0000 NULL is not accepted: a control character breaks some viewers and PDF text (written as an "
        "escape)",
    ]


def test_a_character_written_as_itself_in_double_quotes_is_refused_once() -> None:
    _, problems = source.parse('a: "x \u202ey"\n', "p.yml")
    assert [(p.line, p.column) for p in problems] == [(1, 7)]


def test_a_nul_in_the_data_is_refused_at_its_place_not_as_unreadable_yaml(tmp_path: Path) -> None:
    text = (ROOT / "data" / "policy.yml").read_text(encoding="utf-8")
    path = tmp_path / "policy.yml"
    path.write_text(text.replace("text: Adresse IP source.", "text: Adresse IP\x00 source."), encoding="utf-8")
    line = text.splitlines().index("                text: Adresse IP source.") + 1
    with pytest.raises(DataError) as caught:
        loading.load(path, "data/policy.yml")
    assert [str(p) for p in caught.value.problems] == [
        f"data/policy.yml:{line}:33: U+0000 NULL is not accepted: a control character breaks some viewers and PDF text"
    ]


def test_the_data_read_with_crlf_line_ends_is_the_same_policy(tmp_path: Path) -> None:
    text = (ROOT / "data" / "policy.yml").read_text(encoding="utf-8")
    path = tmp_path / "policy.yml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert loading.load(path, "data/policy.yml") == loading.loads(text)


# Through the command line, in a copy of Exograd's project.


PO = Path("locales") / "en" / "LC_MESSAGES" / "policy.po"
SOURCE_IP = 'msgstr "Source IP address."'


def _insert(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` (there once) by ``new`` in ``path``; return where ``old`` was, line and column from 1."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    before = text[: text.index(old)]
    path.write_text(text.replace(old, new), encoding="utf-8")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_a_right_to_left_override_in_the_data_fails_check_and_build_and_keeps_the_site(project: Path) -> None:
    assert run(project, "build").returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    line, column = _insert(project / "data" / "policy.yml", "Adresse IP source.", "Adresse IP \u202esource.")
    expected = (
        f"data/policy.yml:{line}:{column + 11}: U+202E RIGHT-TO-LEFT OVERRIDE is not accepted: it makes the text "
        "read otherwise than it is written"
    )
    checked = run(project, "check")
    assert checked.returncode == 1
    assert expected in checked.stderr.splitlines()
    built = run(project, "build")
    assert built.returncode == 1
    assert expected in built.stderr.splitlines()
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before


def test_a_zero_width_space_in_a_site_phrasebook_is_refused(tmp_path: Path) -> None:
    from policydocs.policy import phrasebook

    (tmp_path / "phrasebook").mkdir()
    (tmp_path / "phrasebook" / "en.yml").write_text(
        "starts:\n  last-activity: [the leaves\u200b fall]\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"phrasebook/en.yml:2:29: U\+200B ZERO WIDTH SPACE is not accepted"):
        phrasebook.load("en", tmp_path)


def test_a_right_to_left_override_in_a_translation_fails_check_and_build_at_its_po_line(project: Path) -> None:
    line, column = _insert(project / PO, SOURCE_IP, 'msgstr "Source IP \u202eaddress."')
    expected = (
        f"error: locales/en/LC_MESSAGES/policy.po:{line}:{column + 18}: U+202E RIGHT-TO-LEFT OVERRIDE is not "
        "accepted: it makes the text read otherwise than it is written"
    )
    for command in ("check", "build"):
        result = run(project, command)
        assert result.returncode == 1
        assert expected in result.stderr.splitlines(), command
    assert not (project / "site").exists()


def test_a_carriage_return_escaped_in_a_translation_is_refused_at_its_entry(project: Path) -> None:
    line, _ = _insert(project / PO, SOURCE_IP, 'msgstr "Source IP\\raddress."')
    result = run(project, "check")
    assert result.returncode == 1
    assert f"error: locales/en/LC_MESSAGES/policy.po:{line - 1}: U+000D CARRIAGE RETURN (written \\r) is not " in (
        result.stderr
    )


def test_a_persian_word_with_its_zero_width_non_joiner_is_accepted_in_a_translation(project: Path) -> None:
    _insert(project / PO, SOURCE_IP, 'msgstr "Source IP address (می\u200cخواهم)."')
    result = run(project, "check")
    # The translation differs from the one frozen in the release: that is the only complaint.
    assert "policy.po" not in result.stderr, result.stderr
    assert "differs from release 2022-12-26" in result.stderr


def test_a_crlf_catalog_is_read_as_it_was(project: Path) -> None:
    po = project / PO
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
