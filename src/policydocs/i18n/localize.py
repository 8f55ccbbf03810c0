"""Give a policy in its source language the text of another locale."""

from __future__ import annotations

from ..policy.model import Policy
from ..policy.translatable import localize as _localize
from .catalog import Translator


def localize(policy: Policy, translator: Translator) -> Policy:
    """The same policy with every text and label in the translator's locale (missing ones marked, in previews)."""
    if translator.is_source:
        return policy
    return _localize(policy, translator.pgettext)
