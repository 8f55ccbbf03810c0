"""The package's own catalogs: the page text of its templates (English msgids), and each language it ships.

For the package's developers: ``python -m policydocs.i18n.tool`` writes
``policydocs/locales/policydocs.pot`` from the templates and merges it into
every shipped catalog, as `policydocs i18n extract` and `update` do for a
site's own text. The English catalog is the msgids themselves (they are English: a
new English wording is made in the template); every other language is translated by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..shipped import LOCALES, LOCALES_SHOWN
from .catalog import MSGID_LOCALE, TOOL_DOMAIN, catalog_path, shipped_locales
from .extract import tool_template
from .merging import merge
from .pofile import write_catalog


def template_file() -> Path:
    return LOCALES / f"{TOOL_DOMAIN}.pot"


def update() -> list[tuple[str, int, int]]:
    """Write the .pot and merge it into every shipped catalog; return (catalog, strings, untranslated)."""
    template = tool_template()
    write_catalog(template, template_file(), f"{LOCALES_SHOWN}/{TOOL_DOMAIN}.pot")
    done = []
    for locale in shipped_locales():
        path = catalog_path(LOCALES, locale, TOOL_DOMAIN)
        shown = f"{LOCALES_SHOWN}/{locale}/LC_MESSAGES/{TOOL_DOMAIN}.po"
        catalog = merge(path, shown, template, locale)
        for message in list(catalog.obsolete):
            del catalog.obsolete[message]  # the history of the package's strings is in git
        if locale == MSGID_LOCALE:  # the msgids are the English text: a new wording is changed in the template
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
                    message.previous_id = []
        write_catalog(catalog, path, shown, include_previous=True)
        untranslated = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        done.append((shown, len(catalog), untranslated))
    return done


def main() -> int:
    missing = 0
    for shown, strings, untranslated in update():
        print(f"{shown}: {strings} strings, {untranslated} untranslated or fuzzy")
        missing += untranslated
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
