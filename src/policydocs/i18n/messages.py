"""The translatable strings of a policy, as catalog messages with their place in the data file."""

from __future__ import annotations

from ..policy.model import Policy
from ..policy.scalars import Message
from ..policy.translatable import messages as texts
from .catalog import Translator


def policy_messages(policy: Policy) -> list[Message]:
    """Every translatable string of the policy, in reading order, then the facts' labels."""
    return [
        Message(context, text, line, "Label" if context.startswith("facts.") else "Text", comment, policy.source_file)
        for context, text, line, comment in texts(policy)
    ]


def resolved_text(policy: Policy, translators: dict[str, Translator]) -> dict[str, dict[str, str]]:
    """Every string of the policy in each non-source locale, as the translators give it (missing ones left out)."""
    text: dict[str, dict[str, str]] = {}
    for locale, translator in translators.items():
        if locale == policy.source_locale:
            continue
        strings = {}
        for message in policy_messages(policy):
            found = translator.lookup(message.context, message.text)
            if found is not None:
                strings[message.context] = found
        text[locale] = strings
    return text
