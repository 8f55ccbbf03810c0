"""it: the tests that came with its phrasebook (test_locales helpers reused)."""

from __future__ import annotations

import datetime
from pathlib import Path

from .conftest import reword, run, set_message
from .test_i18n import ok
from .translations import add_small_languages


def test_italian_is_published_once_its_text_states_the_facts_in_italian(small: Path) -> None:
    """The small French policy translated into Italian: the package's Italian phrasebook reads each text that
    states a fact, and a sentence that says otherwise in Italian stops the release, as in any other language."""
    add_small_languages(small, "it")
    said = reword(
        small,
        "it",
        "order-emails.use",
        "è essenziale e non può essere disattivata",
        "è facoltativa e può essere disattivata",
    )
    epoch = {"SOURCE_DATE_EPOCH": str(int(datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC).timestamp()))}
    refused = run(small, "release", "--class", "editorial", "--published", "2024-06-01", env=epoch, clock="2024-06-01")
    assert refused.returncode == 1
    assert (
        "communications.order-emails.optional: in it, not what the text stating it says (order-emails.use): "
        'the text says true ("facoltativ"), not false'
    ) in refused.stdout + refused.stderr
    assert not (small / "data" / "releases" / "2024-06-01.yml").exists()

    set_message(small, "it", "order-emails.use", said)
    ok(small, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    assert (small / "data" / "releases" / "2024-06-01.yml").is_file()
    ok(small, "build", "--date", "2024-06-01")
    page = (small / "site" / "it" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="it"' in page
    assert "questa email è essenziale e non può essere disattivata" in page
    assert "1 giugno 2024" in page
