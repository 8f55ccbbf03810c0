"""The transparency linter: the rules of GDPR-RULES.md checked on the data and the catalogs, and their reports."""

from __future__ import annotations

from .facts_rules import RULES_V2, lint_v2
from .rules import RULES, Finding, Rule, lint
from .translation import TRANSLATION_PARITY

ALL_RULES: tuple[Rule, ...] = (*RULES, TRANSLATION_PARITY)
"""Every rule, for reports and waivers."""
ALL_RULES_V2 = (*RULES_V2, TRANSLATION_PARITY)
"""Every rule on model v2 (``lint_v2``), for reports and waivers once callers switch to v2."""

__all__ = ["ALL_RULES", "ALL_RULES_V2", "Finding", "Rule", "lint", "lint_v2"]
