"""Email addresses and links in running text: their one spelling, found in time linear in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

_LOCAL = "A-Za-z0-9._%+-"
_LOCAL_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")

EMAIL = rf"[{_LOCAL}]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
"""An email address, as a regular expression: ``name@example.com``."""

URL_AFTER_SCHEME = r"//[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]"
"""What follows ``https:`` in a link written in a sentence (the punctuation ending the sentence left out)."""

# Tried at every position of a long word, EMAIL would scan the rest of the word from each one
# (quadratic: a 50 KB word took 6 s). An address can only start where a run of local-part
# characters starts, so that is the only place the scanner tries it.
_EMAIL_AT_RUN_START = rf"(?<![{_LOCAL}]){EMAIL}"
_EMAIL_ONLY = re.compile(EMAIL)


def is_email(text: str) -> bool:
    """Whether ``text`` is an email address and nothing else."""
    return _EMAIL_ONLY.fullmatch(text) is not None


class Tokens:
    """Token patterns, one of them containing EMAIL, found as ``re.finditer`` would find them.

    The same matches as ``re.compile("|".join(alternatives)).finditer``, in
    time linear in the text: an address is tried only where a run of its
    characters starts, and, once, right where the previous token ended (the
    one other place the plain pattern could start one). No alternative may
    match an empty string.
    """

    def __init__(self, *alternatives: str) -> None:
        if not any(EMAIL in alternative for alternative in alternatives):
            raise ValueError("Tokens is for patterns that find email addresses")
        self._anywhere = re.compile("|".join(alternatives))
        self._at_run_start = re.compile("|".join(a.replace(EMAIL, _EMAIL_AT_RUN_START) for a in alternatives))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The tokens of ``text``, left to right, not overlapping."""
        position = 0
        while True:
            match = None
            if 0 < position < len(text) and text[position - 1] in _LOCAL_CHARACTERS:
                # Inside a run: an address can start here, not further on in the run.
                match = self._anywhere.match(text, position)
            if match is None:
                match = self._at_run_start.search(text, position)
            if match is None:
                return
            if match.end() == match.start():
                raise ValueError(f"a token pattern matched an empty string at {position}")
            yield match
            position = match.end()

    def findall(self, text: str) -> list[str]:
        """The tokens of ``text`` as strings (the patterns must have no groups)."""
        return [match.group() for match in self.finditer(text)]
