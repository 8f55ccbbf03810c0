"""`policydocs check` as a transparency linter: rules, waivers, text, JSON and SARIF reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from policydocs.lint import ALL_RULES, lint
from policydocs.policy import validate

from .conftest import ROOT, run

GOLDEN = ROOT / "tests" / "golden" / "check-exograd.txt"
# Fetched by `make test` (npm pack @microsoft/jest-sarif, checked by digest): see the Makefile.
SARIF_SCHEMA = Path(
    os.environ.get("POLICYDOCS_SARIF_SCHEMA")
    or ROOT / ".cache" / "sarif" / "package" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
)


def test_exograd_report_names_each_real_gap_with_its_citation(update_golden: bool) -> None:
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stderr
    if update_golden:
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    report = result.stdout
    for expected in (
        'purpose-legal-basis: purpose "fourniture des services souscrits" has no legal basis',
        "rights-complete: rights not listed: restriction, objection, portability [GDPR Art. 13(2)(b)]",
        "transfers: Stripe: nothing says whether data leaves the EEA",
        "check-regularly-clause: changes are announced only on this page",
        "response-time: requests are answered within 30 days: the GDPR says one month",
        "identity-check: identity is always required: only in case of reasonable doubt [GDPR Art. 12(6)]",
        '"partners" receive data, but who they are (type, location) is not said [WP260 Annex]',
    ):
        assert expected in report
    assert report.endswith("0 errors, 19 warnings\n")


def test_the_linter_never_changes_the_policy() -> None:
    before = (ROOT / "data" / "policy.yml").read_bytes()
    run(ROOT, "check", "--format", "json")
    assert (ROOT / "data" / "policy.yml").read_bytes() == before


def test_an_error_fails_the_check(tmp_path: Path) -> None:
    text = (ROOT / "data" / "policy.yml").read_text(encoding="utf-8")
    broken = tmp_path / "policy.yml"
    broken.write_text(text.replace("recipients: [staff, processors, partners]", "recipients: [staff, partners]"))
    result = run(tmp_path, "check", "policy.yml")
    assert result.returncode == 1
    assert (
        "errors:\n  policy.yml:96:15: orphans: sub-processors are listed, "
        'but "processors" is not among the recipients [consistency]\n'
    ) in result.stdout
    assert result.stdout.endswith("1 error, 19 warnings\n")


def test_warnings_fail_only_with_strict() -> None:
    assert run(ROOT, "check", "data/policy.yml").returncode == 0
    assert run(ROOT, "check", "data/policy.yml", "--strict").returncode == 1


def test_saying_does_not_apply_satisfies_a_rule() -> None:
    text = (ROOT / "data" / "policy.yml").read_text(encoding="utf-8")
    said = "title: Politique de confidentialité\ndpo: none\nautomated_decisions: none\n"
    policy = validate.loads(text.replace("title: Politique de confidentialité\n", said))
    rules = {f.rule for f in lint(policy)}
    assert "dpo-contact" not in rules and "automated-decisions" not in rules
    assert "dpo-contact" in {f.rule for f in lint(validate.loads(text))}


def test_a_waived_rule_is_reported_with_its_reason(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      locales: [fr, en]\n",
            "      locales: [fr, en]\n"
            "      waive:\n"
            "        post-mortem: The CNIL does not require it in a privacy notice.\n",
        )
    )
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert (
        "waived:\n  data/policy.yml:145:11: post-mortem: no word on directives about data after death "
        "(unverified duty) [Loi Informatique et Libertés art. 85] — waived: The CNIL does not require it in a "
        "privacy notice.\n"
    ) in result.stdout
    assert result.stdout.endswith("0 errors, 18 warnings, 1 waived\n")
    config.write_text(config.read_text(encoding="utf-8").replace("post-mortem:", "post-mortme:"))
    unknown = run(project, "check")
    assert unknown.returncode == 1
    assert 'plugins.policydocs.waive: no rule "post-mortme"' in unknown.stderr


def test_json_report() -> None:
    result = run(ROOT, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"] == {"errors": 0, "warnings": 19, "info": 0, "waived": 0}
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "message", "path", "file", "line", "column", "citation", "waived"}
    assert {f["rule"] for f in data["findings"]} <= {rule.id for rule in ALL_RULES}


def test_sarif_report_is_valid_sarif_2_1_0() -> None:
    assert SARIF_SCHEMA.is_file(), f"{SARIF_SCHEMA}: missing; `make test` fetches it with npm"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    result = run(ROOT, "check", "--format", "sarif")
    assert result.returncode == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 19
    located = results[0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"] == "data/policy.yml"
    assert located["region"]["startLine"] >= 1
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.id for rule in ALL_RULES]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_rejects_what_is_not_sarif() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_every_rule_of_the_reference_has_an_id_in_the_linter() -> None:
    reference = ROOT.parent / "shared" / "GDPR-RULES.md"
    ids = {rule.id for rule in ALL_RULES}
    expected = {
        "controller-identity", "dpo-contact", "purpose-legal-basis", "legitimate-interest", "consent-withdrawal",
        "recipients", "vague-recipients", "transfers", "retention", "vague-retention",
        "rights-complete", "complaint", "response-time", "identity-check", "statutory-contractual",
        "automated-decisions", "check-regularly-clause", "post-mortem", "translation-parity", "orphans",
    }  # fmt: skip
    assert ids == expected
    if reference.is_file():  # the reference lives beside the project in this workplace
        for rule_id in expected:
            assert f"| {rule_id} |" in reference.read_text(encoding="utf-8")
