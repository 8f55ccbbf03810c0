"""The transparency linter: the rules of GDPR-RULES.md checked on the data and the catalogs, and their reports."""

from __future__ import annotations

from .rules import RULES, Finding, Rule, lint
from .translation import TRANSLATION_PARITY

ALL_RULES: tuple[Rule, ...] = (*RULES, TRANSLATION_PARITY)
"""Every rule, for reports and waivers."""

__all__ = ["ALL_RULES", "Finding", "Rule", "lint"]
