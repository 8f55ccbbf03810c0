"""es: the tests that came with its phrasebook (test_locales helpers reused)."""

from __future__ import annotations

from pathlib import Path

from .conftest import read_catalog, reword, run, write_catalog
from .test_i18n import ok
from .translations import add_small_languages, translate_small


def test_spanish_is_published_beside_french_once_its_texts_state_the_facts(small: Path) -> None:
    """The small policy translated into Spanish: its ties are verified in Spanish, through the Spanish phrasebook,
    before the release that adds the language; a translation that says the reader may turn off an essential email
    is refused."""
    add_small_languages(small, "es")
    reword(small, "es", "order-emails.use", "es esencial y no se puede desactivar", "se puede desactivar")
    release = ("release", "--class", "editorial", "--published", "2024-06-01")
    refused = run(small, *release, clock="2024-06-01")
    assert refused.returncode == 1
    assert (
        "communications.order-emails.optional: in es, not what the text stating it says (order-emails.use): "
        'the text says true ("se puede desactivar"), not false'
    ) in refused.stderr

    catalog = read_catalog(small, "es")
    translate_small(catalog, "es")
    write_catalog(small, catalog, "es")
    ok(small, *release, today="2024-06-01")
    ok(small, "build", "--date", "2024-06-01")
    page = (small / "site" / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page
    assert "[es] Politique de confidentialité d’Atelier Lune" in page
    assert "1 de junio de 2024" in page
    assert "este correo es esencial y no se puede desactivar" in page
    assert 'href="../es/" hreflang="es"' in (small / "site" / "fr" / "index.html").read_text(encoding="utf-8")
