"""Dates written out for readers, the way a legal text in each language writes them."""

from __future__ import annotations

import datetime
import functools

from babel import Locale
from babel.dates import format_date, format_skeleton, get_date_format, tokenize_pattern, untokenize_pattern

DATE_LOCALES = {"en": "en_GB"}
"""Locales whose dates follow a regional convention: the policy is an EU text in British spelling.

A project that lists ``en_US`` keeps American dates ("December 26, 2022").
"""


def long_date(value: datetime.date, locale: str) -> str:
    """The date written out in ``locale``: "26 décembre 2022", "1er mars 2024", "26 December 2022".

    Every date a page, the feed, the notice or ``policydocs diff`` shows a
    reader goes through here. CLDR's long format, except that French writes
    the first of the month as an ordinal, "1er", as French typography and
    legal texts do; English (``en``) is written the British way.
    """
    formatting = DATE_LOCALES.get(locale, locale)
    return format_date(value, _pattern(formatting, first=value.day == 1), locale=formatting)


def month_of(value: datetime.date, locale: str) -> str:
    """The month and year written out in ``locale``, as it stands alone: "décembre 2022", "December 2022"."""
    formatting = DATE_LOCALES.get(locale, locale)
    return format_skeleton("yMMMM", value, locale=formatting)


@functools.lru_cache(maxsize=64)
def _pattern(locale: str, *, first: bool) -> str:
    pattern = get_date_format("long", locale=locale).pattern
    if not first or Locale.parse(locale).language != "fr":
        return pattern
    tokens = tokenize_pattern(pattern)
    day = next((i for i, (kind, value) in enumerate(tokens) if kind == "field" and value[0] == "d"), None)
    if day is None:
        return pattern
    return untokenize_pattern([*tokens[: day + 1], ("chars", "er"), *tokens[day + 1 :]])
