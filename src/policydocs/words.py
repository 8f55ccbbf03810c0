"""Locale words: how each language writes a date, a month, a duration, a country or region (the EEA among
them) and a language's name, from CLDR through Babel. One module for every room that words a value for a
reader: the text's verification, the pages, the summary of changes, the linter, the catalogs' headers, the CLI.

It sits below every room (it imports nothing of policydocs), so that the data's own verification
(``policy/``) and the pages (``site/``) word a country alike.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from collections.abc import Iterable
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_date_format, tokenize_pattern, untokenize_pattern
from babel.units import format_unit

DATE_LOCALES = {"en": "en_GB"}
"""Locales whose dates follow a regional convention: the policy is an EU text in British spelling.

A project that lists ``en_US`` keeps American dates ("December 26, 2022").
"""


def read_data(locales: Iterable[str]) -> None:
    """Babel's data of these locales (and of their dates' conventions), read now and kept by Babel for the
    process: a build reads it once before its processes fork, where each would read its own again."""
    for locale in locales:
        for name in dict.fromkeys((locale, DATE_LOCALES.get(locale, locale))):
            with contextlib.suppress(UnknownLocaleError, ValueError):
                Locale.parse(name).date_formats  # noqa: B018  (read for its effect: the data loaded)


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


def format_duration(value: Any, locale: str) -> str:
    """A duration in words: "1 an", "3 years", "30 jours"; "legal" is left to the template to word."""
    if isinstance(value, str):
        return value
    parts = [
        format_unit(amount, unit, length="long", locale=locale)
        for amount, unit in (
            (value.years, "duration-year"),
            (value.months, "duration-month"),
            (value.weeks, "duration-week"),
            (value.days, "duration-day"),
            (value.hours, "duration-hour"),
            (value.minutes, "duration-minute"),
            (value.seconds, "duration-second"),
        )
        if amount
    ]
    return " ".join(parts)


REGION_NAMES = {
    "EEA": {
        "en": "European Economic Area",
        "fr": "Espace économique européen",
        "de": "Europäischer Wirtschaftsraum",
        "es": "Espacio Económico Europeo",
        "it": "Spazio economico europeo",
        "nl": "Europese Economische Ruimte",
        "pl": "Europejski Obszar Gospodarczy",
        "pt": "Espaço Económico Europeu",
        "pt_BR": "Espaço Econômico Europeu",
    }
}
"""Regions CLDR does not name."""


def territory_name(code: str, locale: str) -> str:
    """A country or region's name in ``locale`` (the EEA's from REGION_NAMES: the locale's own, else its
    language's), else its code."""
    if code in REGION_NAMES:
        return _region_name(code, locale) or REGION_NAMES[code].get("en", code)
    return Locale.parse(locale).territories.get(code, code)


def _region_name(code: str, locale: str) -> str | None:
    """A region's name from REGION_NAMES in ``locale`` (``pt_BR``), else in its language (``pt``)."""
    names = REGION_NAMES.get(code, {})
    return names.get(locale) or names.get(locale.split("_")[0])


@functools.cache
def territory_names(code: str, locale: str) -> tuple[str, ...]:
    """How a text in ``locale`` may name a country or region: its name there, or its code."""
    names = [code]
    local = _region_name(code, locale)
    if local is None:
        try:
            local = Locale.parse(locale).territories.get(code)
        except (ValueError, UnknownLocaleError):
            local = None
    if local:
        names.insert(0, local)
    return tuple(names)


def language_name(code: str, in_locale: str = "en") -> str:
    """A language's name in ``in_locale`` ("Portuguese (Brazil)", "portugais (Brésil)"), else its code."""
    return Locale.parse(code).get_display_name(in_locale) or code
