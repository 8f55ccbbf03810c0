"""The characters no text policydocs reads may hold: controls, bidirectional overrides, stray invisible characters.

A legal text must read as it is written. A bidirectional override makes a
sentence display otherwise than its bytes ("Trojan Source"); a NUL or
another control character breaks some viewers and PDF text; an invisible
character (a zero-width space, a soft hyphen) makes two words that look
alike differ for search, for the phrasebook and for the checks of the
facts ("1\\u00ad0 ans" shows "10 ans" and holds two numbers). The rules:

- controls: refused, but TAB, LF and a CR right before an LF (a CRLF line
  end, which YAML and gettext read as a line end); a CR alone is a line end
  for some tools and not for others, so it is refused;
- bidirectional embeddings, overrides (U+202A–U+202E) and isolates
  (U+2066–U+2069): refused;
- invisible characters: ZERO WIDTH SPACE, WORD JOINER, MONGOLIAN VOWEL
  SEPARATOR and SOFT HYPHEN refused (a page hyphenates by its stylesheet and
  its language, not by marks in the text); ZERO WIDTH NO-BREAK SPACE (BOM)
  accepted only as the very first character of a file;
- ZERO WIDTH JOINER and NON-JOINER, which Persian, Arabic, the Indic scripts
  and emoji sequences need: accepted next to a letter of such a script or
  an emoji (a symbol), refused elsewhere (between Latin letters);
- LEFT-TO-RIGHT, RIGHT-TO-LEFT and ARABIC LETTER MARK, which right-to-left
  text needs around numbers and punctuation: accepted on a line that holds
  right-to-left letters (Hebrew, Arabic, Syriac, Thaana…), refused elsewhere.

Every check is one regular-expression pass over the text, then a look at
each suspect character: linear in the size of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..errors import Problem

SUSPECTS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
"""Every character refused somewhere (some only in some places), as ranges for a regular expression's ``[…]``."""
_SUSPECT = re.compile(f"[{SUSPECTS}]")
_JOINING_SCRIPTS = re.compile(
    # Arabic, Syriac, Thaana, N'Ko and their extensions; the Indic scripts (Devanagari to Sinhala); Tibetan,
    # Myanmar, Khmer, Mongolian; Devanagari Extended; Arabic presentation forms.
    "[\u0600-\u08ff\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u18af\ua8e0-\ua8ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_RIGHT_TO_LEFT = re.compile(
    # The blocks of the scripts written right to left: Hebrew to N'Ko and their extensions, the presentation forms,
    # and the historic right-to-left scripts of the supplementary planes.
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_JOINERS = frozenset("\u200c\u200d")
_MARKS = frozenset("\u200e\u200f\u061c")
_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTROL_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "ALERT",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
"""The names of the C0 controls (Unicode's name aliases: unicodedata.name knows none)."""

MOST = 20
"""Refused characters (and, in policy.source, anchors and aliases) listed per file; past that, one line counts the
rest (a pasted text may hold thousands)."""


def describe(char: str) -> str:
    """A character as messages name it: ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    code = ord(char)
    if code < len(_CONTROL_NAMES):
        name = _CONTROL_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(char, "") or "(a control character)"
    return f"U+{code:04X} {name}"


def refused(text: str, *, whole_file: bool = True) -> Iterator[tuple[int, str]]:
    """Each character of ``text`` that is not accepted, by its index, with the sentence saying why.

    ``whole_file``: ``text`` is a file's whole text, which may start with a BOM.
    """
    line_end = -1  # the end of the line of the last mark met, and whether that line has right-to-left letters
    right_to_left = False
    for match in _SUSPECT.finditer(text):
        index = match.start()
        char = text[index]
        if char in _MARKS:
            if index > line_end:
                # Once per line holding a mark, however many it holds: linear on a megabyte-long line.
                start = text.rfind("\n", 0, index) + 1
                end = text.find("\n", index)
                line_end = end if end >= 0 else len(text)
                right_to_left = _RIGHT_TO_LEFT.search(text, start, line_end) is not None
            why = "" if right_to_left else " here: only on a line of right-to-left text"
        else:
            why = _why(text, index, char, whole_file)
        if why:
            yield index, f"{describe(char)} is not accepted{why}"


def _why(text: str, index: int, char: str, whole_file: bool) -> str:
    """Why the suspect character at ``index`` (not a mark) is refused, as the end of a message; empty when it is
    accepted."""
    if char == "\r":
        return "" if text.startswith("\n", index + 1) else " here: only right before a line feed (a CRLF line end)"
    if char in _OVERRIDES:
        return ": it makes the text read otherwise than it is written"
    if char in _JOINERS:
        around = text[max(index - 1, 0) : index] + text[index + 1 : index + 2]
        if any(_JOINING_SCRIPTS.match(c) or unicodedata.category(c) == "So" for c in around):
            return ""
        return " here: only next to a letter of a script that joins letters (Arabic, Persian, Indic…) or an emoji"
    if char == "\ufeff":
        if whole_file and index == 0:
            return ""
        return " here: only as a file's first character (a byte order mark)"
    if unicodedata.category(char) == "Cc":
        return ": a control character breaks some viewers and PDF text"
    return ": it is invisible and makes words that look alike differ"


def problems(text: str, file: str) -> list[Problem]:
    """The refused characters of a file's text, each at its line and column (from 1; lines end at LF)."""
    found: list[Problem] = []
    line, line_start, last, more = 1, 0, 0, 0
    for index, message in refused(text):
        if len(found) == MOST:
            more += 1
            continue
        # Lines are counted from the previous refused character on: linear however many there are.
        breaks = text.count("\n", last, index)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", last, index) + 1
        last = index
        found.append(Problem(file, line, index - line_start + 1, "", message))
    if more:
        last_one = found[-1]
        plural = "s" if more != 1 else ""
        message = f"and {more} more character{plural} not accepted after this one"
        found.append(Problem(file, last_one.line, last_one.column, "", message))
    return found
