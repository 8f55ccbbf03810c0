"""`policydocs check` with unchanged inputs says the report it said, without checking again; any change checks again."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydocs import cli

from .conftest import counted_calls, edit_data, run


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the check itself ran (not the kept report)."""
    return counted_calls(monkeypatch, cli, "_check")


def test_the_same_inputs_give_the_kept_report_word_for_word(project: Path, counted: list[int]) -> None:
    first = run(project, "check")
    second = run(project, "check")
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert "warnings:" in first.stdout
    assert len(counted) == 1
    as_json = run(project, "check", "--format", "json")  # another report: checked
    assert as_json.stdout.startswith("{")
    assert len(counted) == 2


@pytest.mark.parametrize(
    "change",
    ["data", "release", "catalog", "template", "mkdocs.yml", "phrasebook", "day"],
)
def test_a_change_to_any_input_checks_again(change: str, project: Path, counted: list[int]) -> None:
    run(project, "check")
    args: list[str] = []
    if change == "data":
        edit_data(project, ("Exograd", "Exograd SAS"))
    elif change == "release":
        release = next((project / "data" / "releases").glob("*.yml"))
        release.write_text(release.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "catalog":
        catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
        catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "template":
        template = next((project / "templates").glob("*.j2"))
        template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "mkdocs.yml":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "phrasebook":
        (project / "data" / "phrasebook").mkdir()
        (project / "data" / "phrasebook" / "fr.yml").write_text("stopwords: [voici]\n", encoding="utf-8")
    else:
        args = ["--date", "2030-01-01"]
    again = run(project, "check", *args)
    assert len(counted) == 2, again.stderr
    if change == "data":
        assert again.returncode == 1  # the data no longer matches its release


def test_nothing_is_kept_with_the_cache_off(project: Path, counted: list[int]) -> None:
    run(project, "check", env={"POLICYDOCS_CACHE": "off"})
    run(project, "check", env={"POLICYDOCS_CACHE": "off"})
    assert len(counted) == 2
    assert not (project / ".cache").exists()
