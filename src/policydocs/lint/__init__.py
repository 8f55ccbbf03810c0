"""The transparency linter: the rules of GDPR-RULES.md checked on the facts a reader is shown, and the catalogs."""

from __future__ import annotations

from .findings import Finding
from .rules import RULES, Rule, lint
from .translation import TRANSLATION_PARITY
from .waivers import UNUSED_WAIVER

ALL_RULES = (*RULES, TRANSLATION_PARITY, UNUSED_WAIVER)
"""Every rule, for reports and waivers."""

__all__ = ["ALL_RULES", "RULES", "Finding", "Rule", "lint"]
