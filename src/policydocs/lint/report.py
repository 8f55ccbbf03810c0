"""What `policydocs check` found, as text for the editor, JSON for scripts, and SARIF 2.1.0 for code-scanning tools.

Two things make a check fail: the linter's findings (rules of GDPR-RULES.md)
and the problems that stop a build (invalid data, a catalog, a release, the
configuration). Both are in every report, so the report and the exit code
always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .. import _version
from ..errors import Problem
from . import page
from .findings import Described, Finding, Severity
from .waivers import ALL_RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCUMENTATION = page.PAGE.as_uri()
"""The rules page the package ships (``lint/rules.html``, the README's section on the rules): SARIF's
``informationUri``; each rule's ``helpUri`` is its anchor there."""
PROBLEMS_SECTION = page.PROBLEMS
"""The page's anchor for the kinds of problems that stop the build."""


def help_uri(rule_id: str) -> str:
    """A rule's section of the shipped rules page (its anchor is the rule's id)."""
    return page.uri(rule_id)


@dataclass(frozen=True)
class Kind:
    """A kind of problem that stops a build, reported as a rule of its own (always an error, never waived)."""

    id: str
    summary: str
    severity: Severity = "error"
    citation: str = ""


PROBLEM_KINDS = (
    Kind("data", "The policy data is invalid, or a text disagrees with the fact it states"),
    Kind("catalog", "A published locale's catalog is missing, unreadable or incomplete"),
    Kind("release", "The data does not match the frozen releases, or a release is broken"),
    Kind("config", "mkdocs.yml or the policydocs plugin's options are wrong"),
    Kind("template", "A page template is missing or fails to render"),
    Kind("other", "Another problem that stops the build"),
)
"""The kinds of problems, in the order SARIF declares them after the linter's rules."""


@dataclass(frozen=True)
class Failure:
    """A problem that stops the build (and fails the check), and its kind (one of PROBLEM_KINDS)."""

    kind: str
    problem: Problem


def counts(findings: Sequence[Finding], failures: Sequence[Failure] = ()) -> dict[str, int]:
    """How many of each; every problem that stops the build is an error."""
    active = [f for f in findings if not f.waived]
    return {
        "errors": sum(f.severity == "error" for f in active) + len(failures),
        "warnings": sum(f.severity == "warning" for f in active),
        "info": sum(f.severity == "info" for f in active),
        "waived": sum(1 for f in findings if f.waived),
    }


def fails(findings: Sequence[Finding], strict: bool = False, failures: Sequence[Failure] = ()) -> bool:
    """Whether a check fails: on an error; on a warning too when strict; never on info nor on what is waived."""
    n = counts(findings, failures)
    return bool(n["errors"] or (strict and n["warnings"]))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def as_text(findings: Sequence[Finding], failures: Sequence[Failure] = ()) -> str:
    """Errors, warnings, info, then what was waived, each ``file:line:col: rule: message [citation]``; a summary.

    The summary counts ``failures`` among the errors; the command line prints
    them before this report, on stderr, as ``error:`` lines. Info is said only
    when there is some, so a report without any reads as before.
    """
    lines: list[str] = []
    groups = (
        ("errors", [f for f in findings if f.severity == "error" and not f.waived]),
        ("warnings", [f for f in findings if f.severity == "warning" and not f.waived]),
        ("info", [f for f in findings if f.severity == "info" and not f.waived]),
        ("waived", [f for f in findings if f.waived]),
    )
    for title, group in groups:
        if not group:
            continue
        lines.append(f"{title}:")
        for f in group:
            waived = f" — waived: {f.waived}" if f.waived else ""
            lines.append(f"  {f.where}: {f.rule}: {f.message} [{f.citation}]{waived}")
    n = counts(findings, failures)
    summary = f"{_plural(n['errors'], 'error')}, {_plural(n['warnings'], 'warning')}"
    if n["info"]:
        summary += f", {n['info']} info"
    if n["waived"]:
        summary += f", {n['waived']} waived"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def as_data(findings: Sequence[Finding], failures: Sequence[Failure] = ()) -> dict[str, Any]:
    """The findings, the problems that stop the build, and the counts (problems among the errors)."""
    return {
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "path": f.path,
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "citation": f.citation,
                "waived": f.waived,
            }
            for f in findings
        ],
        "problems": [
            {
                "kind": failure.kind,
                "message": failure.problem.message,
                "details": list(failure.problem.details),
                "path": failure.problem.path,
                "file": failure.problem.file,
                "line": failure.problem.line,
                "column": failure.problem.column,
            }
            for failure in failures
        ],
        "summary": counts(findings, failures),
    }


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
"""Our severities as SARIF levels: info is a "note"."""


def _uri(file: str) -> str:
    """A relative path as a URI reference (SARIF's artifactLocation.uri): slashes kept, the rest escaped."""
    return quote(file.replace("\\", "/"), safe="/")


def _folder(file: str) -> bool:
    """Whether a problem's file is a folder (``data/releases/``): no line of it can be shown."""
    return file.endswith("/")


def _location(file: str, line: int, column: int, path: str, anchor: str) -> dict[str, Any]:
    """Where in which file, as GitHub's code scanning needs it to show a result: a file and a region in it.

    The whole file (line 0) is shown from its first line; a problem of a folder, or of no file, on ``anchor``
    (the project's mkdocs.yml) from its first line. The data's path, if any, is the logical location.
    """
    shown = file if file and not _folder(file) else anchor
    region = {"startLine": line or 1} | ({"startColumn": column} if line and column else {})
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(shown)}, "region": region}}
    if path:
        location["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "member"}]
    return location


def _failure_result(failure: Failure, index: int, anchor: str, folders: list[str]) -> dict[str, Any]:
    """A problem as an error result. One of a folder says the folder first and relates it: ``folders`` are the
    run's artifacts that are folders, this one added."""
    problem = failure.problem
    message = "\n".join([problem.message, *problem.details])
    result: dict[str, Any] = {
        "ruleId": failure.kind,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": f"{problem.file}: {message}" if _folder(problem.file) else message},
        "locations": [_location(problem.file, problem.line, problem.column, problem.path, anchor)],
    }
    if _folder(problem.file):
        if problem.file not in folders:
            folders.append(problem.file)
        folder = {"uri": _uri(problem.file), "index": folders.index(problem.file)}
        result["relatedLocations"] = [
            {"id": 1, "physicalLocation": {"artifactLocation": folder}, "message": {"text": "the folder meant"}}
        ]
    if problem.details:
        result["properties"] = {"details": list(problem.details)}
    return result


def _help(rule: Described) -> dict[str, str]:
    """How to act on a rule's finding, with its source: what code-scanning tools show beside a result."""
    fix = getattr(rule, "fix", None) or (
        "Say it in data/policy.yml: give the fact under `facts:` and a block that states it (`states:`), "
        "or say in the data that it does not apply (such as `dpo: none`); or, if the policy is right as it is, "
        f"waive the rule in mkdocs.yml (`waive: {{{rule.id}: the reason}}`), and the reports print the reason."
    )
    summary = f"{rule.summary[0].upper()}{rule.summary[1:]}"
    text = f"{summary}. Source: {rule.citation}. {fix} More: {help_uri(rule.id)}"
    markdown = f"**{summary}** ({rule.citation})\n\n{fix}\n\n[More about `{rule.id}`]({help_uri(rule.id)})"
    return {"text": text, "markdown": markdown}


def _kind_help(kind: Kind) -> dict[str, str]:
    """How to act on a problem that stops the build: its message says where and what to change."""
    fix = (
        "The message gives the file, line and column, and what to write there; the build and `policydocs check` "
        "refuse the site until it is fixed. Such a problem cannot be waived."
    )
    uri = f"{DOCUMENTATION}#{PROBLEMS_SECTION}"
    return {"text": f"{kind.summary}. {fix} More: {uri}", "markdown": f"**{kind.summary}**\n\n{fix}\n\n[More]({uri})"}


def as_sarif(
    findings: Sequence[Finding],
    rules: Sequence[Described] = ALL_RULES,
    failures: Sequence[Failure] = (),
    anchor: str = "mkdocs.yml",
) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, every rule described, each finding located on its YAML line.

    ``rules`` are the rules the findings come from (every rule by default);
    each kind of problem that stops the build (PROBLEM_KINDS) follows them as
    a rule of its own, and each of ``failures`` is an error result of its kind.
    Every result is located in a file with a region, which GitHub's code
    scanning needs to show it: a problem of a folder (``data/releases/``),
    or of no file, is shown on ``anchor``, the project's mkdocs.yml as the
    reader names it; the folder is then a related location, and an artifact
    of the run in the role "directory".
    """
    index = {rule.id: i for i, rule in enumerate(rules)}
    kinds = {kind.id: len(rules) + i for i, kind in enumerate(PROBLEM_KINDS)}
    folders: list[str] = []
    results = [_failure_result(failure, kinds[failure.kind], anchor, folders) for failure in failures]
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f"{f.message} [{f.citation}]"},
            "locations": [_location(f.file, f.line, f.column, f.path, anchor)],
        }
        if f.waived:
            result["suppressions"] = [{"kind": "external", "justification": f.waived}]
        results.append(result)
    log: dict[str, Any] = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "policydocs",
                        "version": _version(),
                        "informationUri": DOCUMENTATION,
                        "rules": [
                            {
                                "id": rule.id,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": f"Checks: {rule.summary}. Source: {rule.citation}."},
                                "help": _help(rule),
                                "helpUri": help_uri(rule.id),
                                "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
                                "properties": {"citation": rule.citation},
                            }
                            for rule in rules
                        ]
                        + [
                            {
                                "id": kind.id,
                                "shortDescription": {"text": kind.summary},
                                "fullDescription": {"text": f"{kind.summary}: the build stops until it is fixed."},
                                "help": _kind_help(kind),
                                "helpUri": f"{DOCUMENTATION}#{PROBLEMS_SECTION}",
                                "defaultConfiguration": {"level": "error"},
                            }
                            for kind in PROBLEM_KINDS
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    if folders:
        log["runs"][0]["artifacts"] = [
            {"location": {"uri": _uri(folder)}, "roles": ["directory"]} for folder in folders
        ]
    return log
