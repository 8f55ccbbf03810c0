"""The linter's findings as text for the editor, JSON for scripts, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from . import ALL_RULES
from .findings import Described, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _tool_version() -> str:
    try:
        return version("policydocs")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    active = [f for f in findings if not f.waived]
    return {
        "errors": sum(f.severity == "error" for f in active),
        "warnings": sum(f.severity == "warning" for f in active),
        "info": sum(f.severity == "info" for f in active),
        "waived": sum(1 for f in findings if f.waived),
    }


def fails(findings: Sequence[Finding], strict: bool = False) -> bool:
    """Whether a check fails: on an error; on a warning too when strict; never on info nor on what is waived."""
    n = counts(findings)
    return bool(n["errors"] or (strict and n["warnings"]))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def as_text(findings: Sequence[Finding]) -> str:
    """Errors, warnings, info, then what was waived, each ``file:line:col: rule: message [citation]``; a summary.

    Info is said only when there is some, so a report without any reads as before.
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
    n = counts(findings)
    summary = f"{_plural(n['errors'], 'error')}, {_plural(n['warnings'], 'warning')}"
    if n["info"]:
        summary += f", {n['info']} info"
    if n["waived"]:
        summary += f", {n['waived']} waived"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def as_data(findings: Sequence[Finding]) -> dict[str, Any]:
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
        "summary": counts(findings),
    }


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
"""Our severities as SARIF levels: info is a "note"."""


def as_sarif(findings: Sequence[Finding], rules: Sequence[Described] = ALL_RULES) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, every rule described, each finding located on its YAML line.

    ``rules`` are the rules the findings come from (every rule by default).
    """
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f"{f.message} [{f.citation}]"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.path, "kind": "member"}],
                }
            ],
        }
        if f.waived:
            result["suppressions"] = [{"kind": "external", "justification": f.waived}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "policydocs",
                        "version": _tool_version(),
                        "rules": [
                            {
                                "id": rule.id,
                                "shortDescription": {"text": rule.summary},
                                "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
                                "properties": {"citation": rule.citation},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
