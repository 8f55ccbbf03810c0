"""The translation-parity rule: every translation keeps its source's numbers, dates, addresses and links."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..i18n.catalog import Translator
from .findings import Finding
from .rules import Rule, View


def _no_data_check(view: View) -> Iterator[tuple[tuple[str, tuple[int, int]], str]]:
    """The data alone cannot break parity: the catalogs are checked, by parity_findings."""
    return iter(())


TRANSLATION_PARITY = Rule(
    "translation-parity",
    "error",
    "GDPR Art. 12(1); WP260 para. 13",
    "translations keep the source's numbers, dates, addresses and links",
    _no_data_check,
    "Correct the translation at the catalog line given (locales/<lang>/LC_MESSAGES/policy.po): it must keep "
    "every number, date, email address and link of the source text; or, if it is right as it is (a number "
    "spelt out), waive the finding in mkdocs.yml (`waive: {translation-parity:<id path>: the reason}`).",
)


def parity_findings(translators: Iterable[Translator]) -> list[Finding]:
    """Translations lacking a number, date, address or link of their source, as findings at their catalog line."""
    found = []
    for translator in translators:
        for mismatch in translator.mismatches:
            lacking = ", ".join(f'"{t}"' for t in mismatch.missing)
            found.append(
                Finding(
                    TRANSLATION_PARITY.id,
                    TRANSLATION_PARITY.severity,
                    f"{translator.locale} translation of {mismatch.message.where} lacks {lacking}",
                    mismatch.message.context,
                    translator.catalog_file,
                    mismatch.po_line,
                    1,
                    TRANSLATION_PARITY.citation,
                )
            )
    return found
