"""The transparency linter: what a privacy notice must say (GDPR Art. 12-13, WP260), checked on the data.

Each rule has a stable id, a severity, a citation and a check that yields
findings about a data path. The linter never changes the policy: it tells
the editor what is missing, and the editor decides. "Does not apply" is
said in the data (``dpo: none``, ``automated_decisions: none``), so the
linter can tell it from "forgotten".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from babel import Locale

from ..policy.model import Duration, Policy
from ..versions.summary import format_duration

Severity = Literal["error", "warning", "info"]
"""Info is shown, never fails ``--strict``."""
# The EU's 27 members, Iceland, Liechtenstein and Norway.
EEA = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    }
)  # fmt: skip
RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability")


@dataclass(frozen=True)
class Finding:
    """One thing the policy fails to say, where, and why it matters."""

    rule: str
    severity: Severity
    message: str
    path: str
    file: str
    line: int
    column: int
    citation: str
    waived: str | None = None
    """The reason given in the config for accepting it, if it is waived."""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


Check = Callable[[Policy], Iterator[tuple[str, str]]]
"""A rule's check: yields ``(id path, message)`` for each finding."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    citation: str
    summary: str
    check: Check


class Described(Protocol):
    """What reports and waivers read of a rule: v1's rules and v2's (``facts_rules``) both have it."""

    @property
    def id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def citation(self) -> str: ...
    @property
    def summary(self) -> str: ...


def _country_name(code: str) -> str:
    return Locale.parse("en").territories.get(code, code)


def controller_identity(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.controller.postal_address is None:
        yield "controller", "the controller's postal address is not given"


def dpo_contact(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.dpo is None:
        yield "controller", 'no DPO contact, and no statement that none is designated (say "dpo: none")'


def purpose_legal_basis(policy: Policy) -> Iterator[tuple[str, str]]:
    for purpose in policy.purposes:
        if purpose.legal_basis is None:
            yield f"purposes.{purpose.id}", f'purpose "{purpose.label}" has no legal basis (Art. 6(1)(a)-(f))'


def legitimate_interest(policy: Policy) -> Iterator[tuple[str, str]]:
    for purpose in policy.purposes:
        if purpose.legal_basis == "legitimate-interests" and not purpose.legitimate_interest:
            yield (
                f"purposes.{purpose.id}",
                f'purpose "{purpose.label}" rests on legitimate interests without naming them',
            )


def consent_withdrawal(policy: Policy) -> Iterator[tuple[str, str]]:
    if "withdraw-consent" in policy.rights.rights:
        return
    for purpose in policy.purposes:
        if purpose.legal_basis == "consent":
            yield (
                f"purposes.{purpose.id}",
                (f'purpose "{purpose.label}" rests on consent, but the rights do not say it can be withdrawn'),
            )


def recipients(policy: Policy) -> Iterator[tuple[str, str]]:
    if not policy.access.recipients and not policy.processors.processors:
        yield "access", "no recipient, nor category of recipients, is listed"


def vague_recipients(policy: Policy) -> Iterator[tuple[str, str]]:
    if "partners" in policy.access.recipients and not policy.access.partners:
        yield "access", '"partners" receive data, but who they are (type, location) is not said'


def transfers(policy: Policy) -> Iterator[tuple[str, str]]:
    for processor in policy.processors.processors:
        path = f"processors.processors.{processor.id}"
        if processor.transfer is not None:
            continue
        if processor.country is None:
            yield (
                path,
                (
                    f"{processor.name}: nothing says whether data leaves the EEA, nor on what basis "
                    "(adequacy decision such as the EU-US DPF, standard contractual clauses, BCR)"
                ),
            )
        elif processor.country not in EEA:
            yield (
                path,
                (
                    f"{processor.name} is in {_country_name(processor.country)}, outside the EEA: "
                    "no transfer mechanism (adequacy decision such as the EU-US DPF, standard contractual clauses, BCR)"
                ),
            )


def retention(policy: Policy) -> Iterator[tuple[str, str]]:
    covered = {audience for rule in policy.retention.rules for audience in rule.audiences}
    for audience in policy.personal_data.audiences:
        if audience.id not in covered:
            yield f"personal_data.audiences.{audience.id}", f'no retention period for the data of "{audience.title}"'


def vague_retention(policy: Policy) -> Iterator[tuple[str, str]]:
    for rule in policy.retention.rules:
        if rule.duration == "legal" and not rule.statute:
            yield f"retention.rules.{rule.id}", 'a retention for "the legal duration" names no statute nor period'


def rights_complete(policy: Policy) -> Iterator[tuple[str, str]]:
    missing = [right for right in RIGHTS if right not in policy.rights.rights]
    if missing:
        yield "rights.rights", f"rights not listed: {', '.join(missing)}"


def complaint(policy: Policy) -> Iterator[tuple[str, str]]:
    if not policy.rights.authority.name.strip():
        yield "rights.authority", "the supervisory authority to complain to is not named"


def response_time(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.rights.response_time != Duration(months=1):
        said = format_duration(policy.rights.response_time, "en").replace("\u00a0", " ")
        yield (
            "rights.response_time",
            (f"requests are answered within {said}: the GDPR says one month, extendable by two months where needed"),
        )


def identity_check(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.rights.identity_check == "always":
        yield "rights.identity_check", "identity is always required: only in case of reasonable doubt"


def statutory_contractual(policy: Policy) -> Iterator[tuple[str, str]]:
    for audience in policy.personal_data.audiences:
        if not audience.provision:
            yield (
                f"personal_data.audiences.{audience.id}",
                (f'"{audience.title}": not said whether giving the data is required, nor what happens if not'),
            )


def automated_decisions(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.automated_decisions is None:
        yield "personal_data", 'automated decisions or profiling are not mentioned (say "automated_decisions: none")'


def check_regularly_clause(policy: Policy) -> Iterator[tuple[str, str]]:
    if set(policy.changes.announced_by) <= {"this-page"}:
        yield (
            "changes.announced_by",
            (
                'changes are announced only on this page ("consult it regularly"): '
                "notify the people concerned (email, banner)"
            ),
        )


def post_mortem(policy: Policy) -> Iterator[tuple[str, str]]:
    if policy.source_locale == "fr" and "post-mortem-directives" not in policy.rights.rights:
        yield "rights.rights", "no word on directives about data after death (unverified duty)"


def orphans(policy: Policy) -> Iterator[tuple[str, str]]:
    listed = "processors" in policy.access.recipients
    if policy.processors.processors and not listed:
        yield "access.recipients", 'sub-processors are listed, but "processors" is not among the recipients'
    if listed and not policy.processors.processors:
        yield "access.recipients", '"processors" are recipients, but no sub-processor is listed'


RULES: tuple[Rule, ...] = (
    Rule("controller-identity", "warning", "GDPR Art. 13(1)(a)", "controller's name and contact details",
         controller_identity),
    Rule("dpo-contact", "warning", "GDPR Art. 13(1)(b); CNIL guidance", "DPO contact, or none designated",
         dpo_contact),
    Rule("purpose-legal-basis", "warning", "GDPR Art. 13(1)(c)", "a legal basis for every purpose",
         purpose_legal_basis),
    Rule("legitimate-interest", "warning", "GDPR Art. 13(1)(d)", "the legitimate interests pursued",
         legitimate_interest),
    Rule("consent-withdrawal", "warning", "GDPR Art. 13(2)(c), Art. 7(3)", "how to withdraw consent",
         consent_withdrawal),
    Rule("recipients", "warning", "GDPR Art. 13(1)(e)", "recipients or categories of recipients", recipients),
    Rule("vague-recipients", "warning", "WP260 Annex", "no bare \"partners\"", vague_recipients),
    Rule("transfers", "warning", "GDPR Art. 13(1)(f), Art. 44-49", "transfers outside the EEA and their basis",
         transfers),
    Rule("retention", "warning", "GDPR Art. 13(2)(a)", "a retention period for all data", retention),
    Rule("vague-retention", "warning", "GDPR Art. 13(2)(a); WP260 Annex", "legal durations name their statute",
         vague_retention),
    Rule("rights-complete", "warning", "GDPR Art. 13(2)(b)", "every right of Art. 15-21", rights_complete),
    Rule("complaint", "warning", "GDPR Art. 13(2)(d), Art. 77", "the authority to complain to", complaint),
    Rule("response-time", "warning", "GDPR Art. 12(3)", "one month to answer, extendable by two", response_time),
    Rule("identity-check", "warning", "GDPR Art. 12(6)", "identity checked on reasonable doubt only",
         identity_check),
    Rule("statutory-contractual", "warning", "GDPR Art. 13(2)(e)", "whether giving the data is required",
         statutory_contractual),
    Rule("automated-decisions", "warning", "GDPR Art. 13(2)(f), Art. 22", "automated decisions, or none",
         automated_decisions),
    Rule("check-regularly-clause", "warning", "WP260 para. 29", "changes notified, not \"consult regularly\"",
         check_regularly_clause),
    Rule("post-mortem", "warning", "Loi Informatique et Libertés art. 85", "directives on data after death",
         post_mortem),
    Rule("orphans", "error", "consistency", "every reference and recipient used", orphans),
)  # fmt: skip


def _position(policy: Policy, path: str) -> tuple[int, int]:
    """The line and column of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in policy.positions:
            return policy.positions[path]
        path = path.rpartition(".")[0]
    return (1, 1)


def lint(policy: Policy, waivers: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of every rule, sorted by position; waived ones carry the config's reason."""
    waivers = waivers or {}
    findings = []
    for rule in RULES:
        for path, message in rule.check(policy):
            line, column = _position(policy, path)
            finding = Finding(rule.id, rule.severity, message, path, policy.source_file, line, column, rule.citation)
            reason = waivers.get(f"{rule.id}:{path}") or waivers.get(rule.id)
            findings.append(replace(finding, waived=reason) if reason else finding)
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.rule))
