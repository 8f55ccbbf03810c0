"""The model (policy/model.py): any shape of document, typed facts, every problem located, the tie checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs.errors import DataError
from policydocs.policy import agreement, document, facts, loading, model, translatable, verify
from policydocs.policy.scalars import Duration

from .conftest import HANG, ROOT, finishes_within

SMALL = ROOT / "tests" / "data" / "v2" / "small.yml"
INVALID = sorted((ROOT / "tests" / "data" / "invalid-v2").glob("*.yml"))


def report(path: Path) -> str:
    """What checking a v2 file says: its data problems, else the problems of its tie."""
    display = path.relative_to(ROOT).as_posix()
    try:
        policy = loading.load(path, display)
    except DataError as err:
        return err.report() + "\n"
    problems = verify.check(policy)
    return DataError(problems).report() + "\n" if problems else ""


def test_small_policy_is_valid_and_its_tie_holds() -> None:
    assert report(SMALL) == ""


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_input_gives_its_exact_message(path: Path) -> None:
    assert report(path) == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_invalid_fixture_has_its_expected_message() -> None:
    assert len(INVALID) >= 15
    for path in INVALID:
        assert path.with_suffix(".expected").is_file(), path


def test_loaded_model_is_typed_and_frozen() -> None:
    policy = loading.load(SMALL, "small.yml")
    assert policy.facts.retention[0].duration == Duration(years=3)
    assert policy.facts.rights.response_time == Duration(days=30)
    assert policy.facts.recipients[0].country == "FR"
    assert model.block_kinds(policy) == [
        ("retention.accounts", "paragraph"),
        ("processors.hosting", "paragraph"),
        ("rights.how", "paragraph"),
        ("rights.controller", "paragraph"),
    ]
    with pytest.raises(AttributeError):
        policy.title = "x"  # type: ignore[misc]


def test_messages_have_block_id_paths_lines_and_notes() -> None:
    policy = loading.load(SMALL, "small.yml")
    found = list(translatable.messages(policy))
    assert [m[0] for m in found] == [
        "title",
        "retention.title",
        "retention.accounts",
        "processors.title",
        "processors.hosting",
        "rights.title",
        "rights.how",
        "rights.controller",
        "facts.recipients.nuage.activity",
    ]
    line = SMALL.read_text(encoding="utf-8").splitlines()[found[2][2] - 1]
    assert "trois (3) ans" in line
    assert found[2][3] == (
        "Paragraph. It states retention.accounts: keep every period, name, email and place, and what it says of "
        "them (a basis, a right, a default): each is checked in every language."
    )


def test_localize_replaces_text_by_msgctxt_and_keeps_facts() -> None:
    policy = loading.load(SMALL, "small.yml")
    english = {"retention.accounts": "Account data is kept for three (3) years after closure."}
    localized = translatable.localize(policy, english)
    assert localized.sections[0].blocks[0].paragraph == english["retention.accounts"]
    assert localized.sections[1].blocks[0].paragraph == policy.sections[1].blocks[0].paragraph
    assert localized.facts == policy.facts


def test_tie_names_block_fact_and_locale_in_a_translation() -> None:
    policy = loading.load(SMALL, "small.yml")
    english = {
        "retention.accounts": "Account data is kept for ten (10) years after closure.",
        "processors.hosting": "Nuage Clair hosts our servers in France.",
    }
    problems = [str(p) for p in verify.check(policy, {"en": english})]
    assert problems == [
        "small.yml:40:17: retention.accounts.duration: in en, not what the text stating it says (retention.accounts): "
        "the period P3Y (3 years, or an equal period) is not given: the text gives 10 years"
    ]


def test_a_country_is_found_by_its_name_in_the_locale_or_its_code() -> None:
    assert agreement.disagreement("hosted in Germany", "territory", "DE", "en") is None
    assert agreement.disagreement("hébergé en Allemagne", "territory", "DE", "fr") is None
    assert agreement.disagreement("hosted in the US", "territory", "US", "en") is None
    assert agreement.disagreement("hosted in the EEA", "territory", "EEA", "en") is None
    assert agreement.disagreement("hébergé dans l’Union européenne", "territory", "EU", "fr") is None
    assert agreement.disagreement("hébergé en Allemagne", "territory", "DE", "en") is not None


def test_names_and_emails_are_found_as_whole_words() -> None:
    assert agreement.disagreement("Write to a@b.example.", "email", "a@b.example", "en") is None
    assert agreement.disagreement("Write to xa@b.example.", "email", "a@b.example", "en") is not None
    assert agreement.disagreement("Write to a@b.example.org", "email", "a@b.example", "en") is not None
    assert agreement.disagreement("Striped shirts", "name", "Stripe", "en") is not None
    assert agreement.disagreement("We use Stripe’s API", "name", "Stripe", "en") is None


def test_numbers_of_durations() -> None:
    assert agreement.disagreement("un (1) an et six (6) mois", "duration", Duration(1, 6), "fr") is None
    assert agreement.disagreement("dix (10) ans", "duration", Duration(years=1), "fr") == (
        'the duration P1Y needs "1", the text gives 10'
    )


def _checked(text: str) -> None:
    document.spans(text)
    agreement.numbers(text)
    agreement.disagreement(text, "email", "a@b.example", "en")
    agreement.disagreement(text, "name", "aa", "en")
    agreement.disagreement(text, "territory", "FR", "fr")


@pytest.mark.parametrize("text", ["a" * 1_000_000, "1" * 1_000_000, "[" * 1_000_000, "*a" * 500_000, "@." * 500_000])
def test_long_text_is_checked_in_linear_time(text: str) -> None:
    # At most 0.5 s each on a quiet machine (benchmarks/long_text.py, "spans" and "agreement").
    assert finishes_within(HANG, _checked, text), f"over {HANG} s"


def test_inline_spans() -> None:
    assert document.spans("See *this* and [the list](#retention), or [x](https://e.example).") == [
        ("text", "See ", ""),
        ("em", "this", ""),
        ("text", " and ", ""),
        ("link", "the list", "#retention"),
        ("text", ", or ", ""),
        ("link", "x", "https://e.example"),
        ("text", ".", ""),
    ]
    assert document.spans("5 * 3 [not a link] (x)") == [("text", "5 * 3 [not a link] (x)", "")]


def test_fact_ids_resolve_to_facts_and_fields() -> None:
    policy = loading.load(SMALL, "small.yml")
    known = facts.index(policy.facts)
    assert facts.resolve("recipients.nuage", known).field is None  # type: ignore[union-attr]
    assert facts.resolve("recipients.nuage.country", known).field == "country"  # type: ignore[union-attr]
    assert facts.resolve("rights.response_time", known).fact == "rights"  # type: ignore[union-attr]
    assert facts.resolve("recipients.nuage.id", known) is None
    assert facts.resolve("recipients.other", known) is None
    assert facts.resolve("dpo", known) is None  # not given


def test_every_fact_and_block_field_has_a_docstring() -> None:
    import ast
    import inspect

    from policydocs.policy import document as doc_module
    from policydocs.policy import facts as facts_module

    for module in (doc_module, facts_module):
        tree = ast.parse(inspect.getsource(module))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef) or node.name == "Target":
                continue
            body = node.body
            for index, statement in enumerate(body):
                if isinstance(statement, ast.AnnAssign):
                    following = body[index + 1] if index + 1 < len(body) else None
                    documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    assert documented, f"{module.__name__}.{node.name}.{statement.target.id}"  # type: ignore[union-attr]
