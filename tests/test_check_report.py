"""`policydocs check` reports what makes it fail: the problems that stop a build are in every format.

Invalid data, a catalog, a release, the configuration: each is in the JSON
report's "problems" and is an error result in SARIF, located, counted in the
summary, with paths relative to the current folder; the exit code agrees.
And the commands stop quietly when their reader closes the pipe.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from policydocs.lint import ALL_RULES
from policydocs.lint.report import PROBLEM_KINDS

from .conftest import ROOT, read_catalog, run, write_catalog
from .test_lint import SARIF_SCHEMA

DURATION = (
    'expected an ISO 8601 duration such as "P1Y" or "P30D", got "un an" '
    '(or "legal" or "while-account-active" or "while-contract-active" or "until-consent-withdrawn" '
    'or "until-erasure-requested" or "indefinite")'
)


def _break_duration(project: Path) -> int:
    """``duration: P1Y`` → ``duration: un an`` in the project's data; the line it is on."""
    data = project / "data" / "policy.yml"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "duration: P1Y")
    lines[line - 1] = lines[line - 1].replace("P1Y", "un an")
    data.write_text("".join(lines), encoding="utf-8")
    return line


def _sarif(stdout: str) -> dict:  # type: ignore[type-arg]
    """A SARIF log, valid, and every result where GitHub's code scanning can show it: in a file, on a line."""
    log = json.loads(stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    for result in log["runs"][0]["results"]:
        for location in result["locations"]:
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"] and not physical["artifactLocation"]["uri"].endswith("/")
            assert physical["region"]["startLine"] >= 1, result
    return log


def _errors(log: dict) -> list[dict]:  # type: ignore[type-arg]
    return [r for r in log["runs"][0]["results"] if r["level"] == "error"]


def test_a_broken_duration_is_in_the_json_report(project: Path) -> None:
    line = _break_duration(project)
    result = run(project, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data == {
        "findings": [],  # data that does not load is not linted
        "problems": [
            {
                "kind": "data",
                "message": DURATION,
                "details": [],
                "path": "facts.retention[0].duration",
                "file": "data/policy.yml",
                "line": line,
                "column": 17,
            }
        ],
        "summary": {"errors": 1, "warnings": 0, "info": 0, "waived": 0},
    }
    # Whoever reads the log sees it too, as a build says it.
    assert result.stderr == (
        f"data/policy.yml:{line}:17: facts.retention[0].duration: {DURATION}\n1 problem in data/policy.yml\n"
    )


def test_a_broken_duration_is_a_sarif_error_at_its_line(project: Path) -> None:
    line = _break_duration(project)
    result = run(project, "check", "--format", "sarif")
    assert result.returncode == 1
    log = _sarif(result.stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in ALL_RULES] + [
        "data",
        "catalog",
        "release",
        "config",
        "template",
        "other",
    ]
    assert all(r["shortDescription"]["text"] for r in rules)
    assert _errors(log) == [
        {
            "ruleId": "data",
            "ruleIndex": len(ALL_RULES),
            "level": "error",
            "message": {"text": DURATION},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "data/policy.yml"},
                        "region": {"startLine": line, "startColumn": 17},
                    },
                    "logicalLocations": [{"fullyQualifiedName": "facts.retention[0].duration", "kind": "member"}],
                }
            ],
        }
    ]
    assert log["runs"][0]["results"] == _errors(log)


def test_a_broken_duration_is_counted_by_the_text_report(project: Path) -> None:
    line = _break_duration(project)
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stderr.startswith(f"data/policy.yml:{line}:17: facts.retention[0].duration: expected an ISO")
    assert result.stdout == "1 error, 0 warnings\n"


def test_a_text_that_disagrees_with_its_fact_is_an_error_beside_the_findings(project: Path) -> None:
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace("jusqu’à trois (3) ans", "jusqu’à dix (10) ans").replace(
            "effective_date: 2022-12-26", "effective_date: 2027-02-01"
        ),
        encoding="utf-8",
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "duration: P3Y" in row)
    report = json.loads(run(project, "check", "--format", "json").stdout)
    tie = [p for p in report["problems"] if p["kind"] == "data"]
    assert [(p["file"], p["line"], p["path"]) for p in tie] == [
        ("data/policy.yml", line, "retention.customer-data.duration")
    ]
    assert "in fr, not what the text stating it says (retention.customer-data)" in tie[0]["message"]
    assert report["findings"]  # the data loads: it is linted too
    errors = sum(f["severity"] == "error" for f in report["findings"]) + len(report["problems"])
    assert report["summary"]["errors"] == errors
    text_report = run(project, "check")
    assert text_report.returncode == 1
    warnings = report["summary"]["warnings"]
    assert text_report.stdout.splitlines()[-1].startswith(f"{errors} error{'s' if errors != 1 else ''}, {warnings} ")
    assert f"data/policy.yml:{line}:" in text_report.stderr
    log = _sarif(run(project, "check", "--format", "sarif").stdout)
    assert {r["ruleId"] for r in _errors(log)} >= {"data"}


def test_a_missing_translation_is_a_catalog_error_in_every_format(project: Path) -> None:
    catalog = read_catalog(project)
    entry = next(m for m in catalog if m.context == "stripe.text")
    entry.string = ""
    write_catalog(project, catalog)
    rows = (project / "data" / "policy.yml").read_text(encoding="utf-8").splitlines()
    source = next(n for n, row in enumerate(rows, 1) if "paragraph: Exograd utilise Stripe" in row)
    data = json.loads(run(project, "check", "--format", "json").stdout)
    catalog_problems = [p for p in data["problems"] if p["kind"] == "catalog"]
    assert catalog_problems == [
        {
            "kind": "catalog",
            "message": "1 string untranslated — English cannot be published:",
            "details": [f'data/policy.yml:{source}: msgctxt "stripe.text" (untranslated)'],
            "path": "",
            "file": "locales/en/LC_MESSAGES/policy.po",
            "line": 0,
            "column": 0,
        }
    ]
    # The English differs from the frozen release's: an undated change, a release problem at effective_date.
    assert [p["kind"] for p in data["problems"]] == ["release", "catalog"]
    assert data["summary"] == {"errors": 2, "warnings": 19, "info": 4, "waived": 0}

    result = run(project, "check", "--format", "sarif")
    assert result.returncode == 1
    log = _sarif(result.stdout)
    catalog_result = next(r for r in _errors(log) if r["ruleId"] == "catalog")
    # The whole catalog is meant (line 0): shown from its first line, as code scanning shows nothing without one.
    assert catalog_result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "locales/en/LC_MESSAGES/policy.po"},
                "region": {"startLine": 1},
            }
        }
    ]
    assert catalog_result["message"]["text"].endswith("(untranslated)")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[catalog_result["ruleIndex"]]["id"] == "catalog"

    text = run(project, "check")
    assert text.returncode == 1
    assert text.stdout.endswith("2 errors, 19 warnings, 4 info\n")
    assert "error: locales/en/LC_MESSAGES/policy.po: 1 string untranslated — English cannot be published:\n" in (
        text.stderr
    )


def test_paths_are_relative_to_the_current_folder(project: Path) -> None:
    """Run from the folder above, with -f: every file is named as it is from there."""
    line = _break_duration(project)
    above = project.parent
    result = run(above, "check", "-f", "project/mkdocs.yml", "--format", "json")
    data = json.loads(result.stdout)
    assert [(p["file"], p["line"]) for p in data["problems"]] == [("project/data/policy.yml", line)]
    assert result.stderr.startswith(f"project/data/policy.yml:{line}:17: ")
    log = _sarif(run(above, "check", "-f", "project/mkdocs.yml", "--format", "sarif").stdout)
    assert _errors(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "project/data/policy.yml"
    # Valid data: the linter's findings too, and a config problem in mkdocs.yml as named.
    (project / "data" / "policy.yml").write_text(
        (project / "data" / "policy.yml").read_text(encoding="utf-8").replace("duration: un an", "duration: P1Y"),
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      locales: [fr, en]\n", "      locales: [fr, en]\n      waive:\n        no-such-rule: Because.\n"
        ),
        encoding="utf-8",
    )
    data = json.loads(run(above, "check", "-f", "project/mkdocs.yml", "--format", "json").stdout)
    assert {f["file"] for f in data["findings"]} == {"project/data/policy.yml"}
    assert [(p["kind"], p["file"], p["path"]) for p in data["problems"]] == [
        ("config", "project/mkdocs.yml", "plugins.policydocs.waive")
    ]
    assert data["problems"][0]["line"] > 0
    # From inside a subfolder of the project, the files are above it.
    inside = project / "docs"
    data = json.loads(run(inside, "check", "-f", "../mkdocs.yml", "--format", "json").stdout)
    assert {f["file"] for f in data["findings"]} == {"../data/policy.yml"}
    assert [p["file"] for p in data["problems"]] == ["../mkdocs.yml"]


def test_a_problem_kind_is_declared_once_each() -> None:
    ids = [kind.id for kind in PROBLEM_KINDS]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {rule.id for rule in ALL_RULES}


def _closed_pipe(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command writing into a real pipe whose reader has gone, as ``| head -1`` leaves it."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", "policydocs", *args],
            cwd=project,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        os.close(writer)


def test_a_closed_pipe_ends_quietly(project: Path) -> None:
    for args in (("check",), ("check", "--format", "sarif"), ("diff", "2022-12-26", "current")):
        result = _closed_pipe(project, *args)
        assert result.stderr == "", (args, result.stderr)
        assert result.returncode == 141, args  # 128 + SIGPIPE, as a shell reports a command a closed pipe ended


def test_head_reads_the_first_line_and_nothing_complains(project: Path) -> None:
    shell = subprocess.run(
        f"{sys.executable} -m policydocs check --format sarif | head -1; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    first, status = shell.stdout.splitlines()
    assert first == "{"
    assert status in ("0", "141")  # 0 when the whole report fitted in the pipe before head left
    assert shell.stderr == ""


def test_a_release_edited_by_hand_is_a_release_error_at_its_digest(example: Path) -> None:
    path = example / "data" / "releases" / "2024-03-01.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("trois (3) ans après", "cinq (5) ans après"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("digest:"))
    above = example.parent
    config = (example / "mkdocs.yml").relative_to(above).as_posix()
    result = run(above, "check", "-f", config, "--date", "2026-11-27", "--format", "sarif")
    assert result.returncode == 1
    errors = _errors(_sarif(result.stdout))
    assert [r["ruleId"] for r in errors] == ["release"]
    assert errors[0]["message"]["text"].startswith("digest mismatch: this frozen release was edited after it")
    assert errors[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": f"{example.name}/data/releases/2024-03-01.yml"},
        "region": {"startLine": line, "startColumn": 9},
    }


def test_a_problem_of_the_releases_folder_is_shown_on_mkdocs_yml_and_names_the_folder(project: Path) -> None:
    shutil.rmtree(project / "data" / "releases")
    above = project.parent
    result = run(above, "check", "-f", "project/mkdocs.yml", "--format", "sarif")
    assert result.returncode == 1
    assert "error: project/data/releases/: no release yet: run `policydocs release`" in result.stderr
    log = _sarif(result.stdout)
    (error,) = _errors(log)
    assert error["ruleId"] == "release"
    assert error["message"]["text"].startswith("project/data/releases/: no release yet")
    # A folder has no line to show: the result is on the project's mkdocs.yml, the folder beside it.
    assert error["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "project/mkdocs.yml"}, "region": {"startLine": 1}}}
    ]
    folder = {"uri": "project/data/releases/", "index": 0}
    assert error["relatedLocations"] == [
        {"id": 1, "physicalLocation": {"artifactLocation": folder}, "message": {"text": "the folder meant"}}
    ]
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": "project/data/releases/"}, "roles": ["directory"]}]
    data = json.loads(run(above, "check", "-f", "project/mkdocs.yml", "--format", "json").stdout)
    assert [(p["file"], p["line"]) for p in data["problems"]] == [("project/data/releases/", 0)]


@pytest.mark.parametrize("form", ["text", "json", "sarif"])
def test_output_writes_the_whole_report_to_a_file(project: Path, form: str) -> None:
    """`check > report.txt` keeps only the findings in text (the problems go to stderr); --output keeps both."""
    _break_duration(project)
    said = run(project, "check", "--format", form)
    (project / "report").write_text("an older report\n", encoding="utf-8")
    result = run(project, "check", "--format", form, "--output", "report")
    assert result.returncode == said.returncode == 1
    assert result.stdout == ""
    assert result.stderr == said.stderr  # whoever reads the log still sees why it fails
    written = (project / "report").read_text(encoding="utf-8")
    assert written == (said.stderr + said.stdout if form == "text" else said.stdout)
    assert "un an" in written  # the problem, which stops the build and has no finding of the linter
    assert not [p.name for p in project.iterdir() if p.name.startswith(".report")]  # replaced whole, nothing left


def test_output_into_a_folder_that_does_not_exist_is_wrong_usage(project: Path) -> None:
    result = run(project, "check", "--output", "no/such/report.sarif")
    assert result.returncode == 2
    assert "--output: no/such/report.sarif: the folder no/such does not exist" in result.stderr


def test_check_help_says_where_each_part_of_the_report_goes() -> None:
    help_text = run(ROOT, "check", "--help").stdout
    assert "The problems that stop the build go to stderr, the findings to stdout" in help_text
    assert "-o FILE, --output FILE" in help_text


@pytest.mark.parametrize("alone", [False, True], ids=["the-site", "data-alone"])
def test_the_lint_reads_the_text_with_the_site_s_phrasebook(project: Path, alone: bool) -> None:
    """A site's phrasebook adds its wordings to the package's for the lint as for the tie: a cue it adds is read."""

    def rules() -> list[str]:
        command = ("data/policy.yml",) if alone else ()
        return [f["rule"] for f in json.loads(run(project, "check", "--format", "json", *command).stdout)["findings"]]

    # Exograd's complaint is conditional ("En l'absence de response satisfaisante, vous pouvez adresser une
    # réclamation"); a site that reads "vous pouvez adresser" as unconditional says so in its phrasebook.
    assert "complaint" in rules()
    (project / "data" / "phrasebook").mkdir()
    (project / "data" / "phrasebook" / "fr.yml").write_text(
        "cues:\n  unconditional: [vous pouvez adresser]\n", encoding="utf-8"
    )
    found = rules()
    assert "complaint" not in found
    assert "purpose-legal-basis" in found  # every other rule still reads the text
