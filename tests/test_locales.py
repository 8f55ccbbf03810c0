"""Dates: "1er" for the first of the month in French, British English for en."""

from __future__ import annotations

import datetime

import pytest

from policydocs.i18n.dates import long_date


@pytest.mark.parametrize(
    ("day", "locale", "written"),
    [
        (datetime.date(2024, 3, 1), "fr", "1er mars 2024"),
        (datetime.date(2022, 12, 1), "fr", "1er décembre 2022"),
        (datetime.date(2024, 3, 2), "fr", "2 mars 2024"),
        (datetime.date(2022, 12, 26), "fr", "26 décembre 2022"),
        (datetime.date(2024, 3, 1), "fr_CA", "1er mars 2024"),
        (datetime.date(2024, 3, 1), "fr_BE", "1er mars 2024"),
        (datetime.date(2022, 12, 26), "en", "26 December 2022"),
        (datetime.date(2024, 3, 1), "en", "1 March 2024"),
        (datetime.date(2022, 12, 26), "en_GB", "26 December 2022"),
        (datetime.date(2022, 12, 26), "en_US", "December 26, 2022"),
        (datetime.date(2024, 3, 1), "en_US", "March 1, 2024"),
        (datetime.date(2024, 3, 1), "de", "1. März 2024"),
        (datetime.date(2022, 12, 26), "de", "26. Dezember 2022"),
        (datetime.date(2024, 3, 1), "pt_BR", "1 de março de 2024"),
    ],
)
def test_dates_are_written_as_a_legal_text_of_the_locale_writes_them(
    day: datetime.date, locale: str, written: str
) -> None:
    assert long_date(day, locale) == written
