"""The loader and validator: every problem reported with file:line:col, YAML 1.1 traps avoided."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from policydocs.errors import DataError
from policydocs.policy.format1 import read
from policydocs.policy.scalars import Duration

from .conftest import ROOT

INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yml"))


def check(*args: str) -> subprocess.CompletedProcess[str]:
    # A generous bound, so that a hang (the 1 KB YAML alias bomb once took minutes) fails instead of stalling.
    return subprocess.run(
        [sys.executable, "-m", "policydocs", "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_input_gives_its_exact_message(path: Path) -> None:
    result = check(path.relative_to(ROOT).as_posix())
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert result.stderr == expected
    # Nothing to lint in data that does not load: the report on stdout only counts its problems.
    count = int(expected.splitlines()[-1].split()[0])
    assert result.stdout == f"{count} error{'s' if count != 1 else ''}, 0 warnings\n"


def test_every_invalid_fixture_has_its_expected_message() -> None:
    assert len(INVALID) >= 7
    for path in INVALID:
        assert path.with_suffix(".expected").is_file(), path


def test_several_problems_are_reported_in_one_run_sorted_by_position() -> None:
    result = check("tests/data/invalid/several-problems.yml")
    lines = result.stderr.splitlines()
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in lines[:-1]]
    assert len(positions) == 3
    assert positions == sorted(positions)
    assert lines[-1] == "3 problems in tests/data/invalid/several-problems.yml"


def test_wrong_type_and_unknown_key_each_get_a_line() -> None:
    result = check("tests/data/invalid/several-problems.yml")
    assert result.returncode == 1
    assert "several-problems.yml:123:17: communications.emails[0].optional: expected true or false" in result.stderr
    assert 'several-problems.yml:132:7: communications.emails[1]: unknown key "enabled_by_defualt"' in result.stderr


def test_exograd_policy_is_valid() -> None:
    result = check("data/policy.yml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("data/policy.yml: valid\nwarnings:\n")  # the linter's, see test_lint.py


def test_project_check_covers_data_and_published_catalogs() -> None:
    result = check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "data/policy.yml: valid; complete in fr, en; 1 release verified in data/releases/\n"
    )


def test_wrong_usage_exits_2() -> None:
    result = check("--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr


def test_missing_file_is_named() -> None:
    result = check("no/such/policy.yml")
    assert result.returncode == 1
    assert result.stderr.startswith("no/such/policy.yml:1:1: no such file\n")


def _exograd_with(old: str, new: str) -> str:
    text = (ROOT / "tests" / "data" / "v1" / "exograd" / "policy.yml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_yaml11_readings_never_apply_to_text() -> None:
    # PyYAML would read these as False, 1.1, 750 and a date.
    for plain in ("no", "1.10", "12:30", "2022-12-26"):
        policy = read.loads(_exograd_with("title: Introduction\n", f"title: {plain}\n"))
        assert policy.introduction.title == plain


def test_unquoted_and_quoted_dates_are_both_read_strictly() -> None:
    assert read.loads(_exograd_with("2022-12-26", '"2022-12-26"')).effective_date == datetime.date(2022, 12, 26)
    with pytest.raises(DataError, match="expected a date as YYYY-MM-DD"):
        read.loads(_exograd_with("2022-12-26", "2022-02-30"))


def test_yaml11_booleans_are_refused_with_a_hint() -> None:
    with pytest.raises(DataError) as caught:
        read.loads(_exograd_with("optional: false", "optional: off"))
    assert "YAML 1.1 spellings such as yes/no/on/off are not accepted" in str(caught.value)


def test_loaded_model_is_frozen_and_typed() -> None:
    policy = read.load(ROOT / "tests" / "data" / "v1" / "exograd" / "policy.yml", "data/policy.yml")
    assert policy.retention.rules[0].duration == Duration(years=1)
    assert policy.retention.rules[1].starts == "account-closure"
    assert policy.retention.rules[2].duration == "legal"
    assert policy.rights.response_time == Duration(days=30)
    assert [p.name for p in policy.processors.processors] == ["Vultr", "Stripe", "Mailchimp"]
    optional = policy.communications.emails[1]
    assert (optional.optional, optional.enabled_by_default) == (True, False)
    assert optional.can_be_switched_at == ("sign-up", "account-settings")
    with pytest.raises(AttributeError):
        policy.title = "x"  # type: ignore[misc]


def test_positions_point_at_values() -> None:
    policy = read.load(ROOT / "tests" / "data" / "v1" / "exograd" / "policy.yml", "data/policy.yml")
    lines = (ROOT / "tests" / "data" / "v1" / "exograd" / "policy.yml").read_text(encoding="utf-8").splitlines()
    line, column = policy.positions["processors.processors.stripe.text"]
    assert lines[line - 1][column - 1 :].startswith("Exograd utilise Stripe")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P1Y", Duration(years=1)),
        ("P3Y", Duration(years=3)),
        ("P30D", Duration(days=30)),
        ("P1Y6M", Duration(1, 6)),
        # Periods under a day (a session of 30 minutes, an hour), alone or after a date part.
        ("PT1H", Duration(hours=1)),
        ("PT30M", Duration(minutes=30)),
        ("P1DT12H", Duration(days=1, hours=12)),
    ],
)
def test_durations_round_trip(text: str, expected: Duration) -> None:
    assert Duration.parse(text) == expected
    assert str(expected) == text


# A time part needs its T, at least one figure after it, whole numbers, and the order H, M, S.
@pytest.mark.parametrize("text", ["P", "1Y", "P1.5Y", "P1H", "PT", "P1DT", "PT1.5H", "PT30M1H", "one year", ""])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Duration.parse(text)
