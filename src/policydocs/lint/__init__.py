"""The transparency linter: the rules of GDPR-RULES.md checked on the facts a reader is shown, and the catalogs."""

from __future__ import annotations

from .findings import Finding
from .rules import RULES, Rule, lint
from .waivers import ALL_RULES

__all__ = ["ALL_RULES", "RULES", "Finding", "Rule", "lint"]
