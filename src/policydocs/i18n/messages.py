"""The translatable strings of a policy, as catalog messages with their place in the data file."""

from __future__ import annotations

from ..policy.model import Message
from ..policy.translatable import messages as texts
from ..policy.v2 import Policy


def policy_messages(policy: Policy) -> list[Message]:
    """Every translatable string of the policy, in reading order, then the facts' labels."""
    return [
        Message(context, text, line, "Label" if context.startswith("facts.") else "Text", comment, policy.source_file)
        for context, text, line, comment in texts(policy)
    ]
