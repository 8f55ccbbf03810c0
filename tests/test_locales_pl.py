"""pl: the tests that came with its phrasebook (test_locales helpers reused)."""

from __future__ import annotations

from pathlib import Path

from .conftest import reword, run
from .test_i18n import ok
from .translations import add_small_languages


def test_polish_is_published_and_verified_in_polish_words(small: Path) -> None:
    """Polish added to the small French policy: each text that states a fact says it in Polish, through the
    package's Polish phrasebook; a Polish text that says another value stops the check."""
    add_small_languages(small, "pl")
    ok(small, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    ok(small, "check")
    ok(small, "build", "--date", "2024-06-01")
    page = (small / "site" / "pl" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pl"' in page
    assert "Faktury naszych klientów przechowujemy przez dziesięć (10) lat" in page
    assert "1 czerwca 2024" in page

    reword(small, "pl", "retention.orders", "dziesięć (10) lat", "pięć (5) lat")
    refused = run(small, "check")
    assert refused.returncode == 1
    assert (
        "retention.orders.duration: in pl, not what the text stating it says (retention.orders): the period P10Y "
        "(10 years, or an equal period) is not given: the text gives 5 years"
    ) in refused.stderr
