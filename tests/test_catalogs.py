"""gettext: the extractor, the committed catalogs, and the publish gate."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from policydocs.i18n.catalog import catalog_path, template_messages
from policydocs.i18n.workflow import build_template
from policydocs.project import Project

from .conftest import ROOT, read_catalog, run, write_catalog


def test_extractor_is_registered_and_gives_every_string_with_its_line() -> None:
    data = ROOT / "data" / "policy.yml"
    lines = data.read_text(encoding="utf-8").splitlines()
    with data.open("rb") as handle:
        found = list(extract("policydocs", handle, keywords={"pgettext": ((1, "c"), 2)}))
    assert len(found) == 51
    for lineno, (context, text), comments, _ in ((m[0], (m[3], m[1]), m[2], m) for m in found):
        assert isinstance(text, str) and context
        # The value starts on the reported line (plain or quoted scalar).
        assert text[:20] in lines[lineno - 1], (lineno, text)
        assert comments
    contexts = {m[3] for m in found}
    assert "processors.processors.stripe.text" in contexts
    assert "personal_data.audiences.customers.categories.billing.text" in contexts


def test_committed_template_is_up_to_date() -> None:
    buffer = io.BytesIO()
    write_po(buffer, build_template(Project(ROOT)), width=76)
    assert buffer.getvalue() == (ROOT / "locales" / "policy.pot").read_bytes(), "run `policydocs i18n extract`"


def test_english_catalog_translates_every_string_and_none_is_fuzzy() -> None:
    catalog = read_catalog(ROOT)
    with (ROOT / "locales" / "policy.pot").open("rb") as handle:
        template = read_po(handle)
    for message in template:
        if message.id:
            entry = catalog.get(message.id, context=message.context)
            assert entry is not None and entry.string and not entry.fuzzy, message.context


def test_template_syntax_errors_are_not_silently_skipped(tmp_path: Path) -> None:
    import pytest

    from policydocs.errors import CatalogError

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "broken.md.j2").write_text('{{ pgettext("a", "b") }\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"templates/broken.md.j2: cannot extract messages"):
        template_messages(tmp_path / "templates")


def line_of(path: str, needle: str) -> int:
    """The line of the repository's ``path`` where ``needle`` first appears."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def _edit_catalog(project: Path, context: str, *, fuzzy: bool = False, remove: bool = False) -> None:
    catalog = read_catalog(project)
    entry = next(m for m in catalog if m.context == context)
    if remove:
        catalog.delete(entry.id, context=context)
    if fuzzy:
        entry.flags.add("fuzzy")
    write_catalog(project, catalog)


def test_untranslated_and_fuzzy_strings_stop_the_build_naming_each(project: Path) -> None:
    _edit_catalog(project, "processors.processors.stripe.text", remove=True)
    _edit_catalog(project, "rights.paragraphs.response-time.text", fuzzy=True)
    _edit_catalog(project, "policy.last-modified", fuzzy=True)
    result = run(project, "build")
    assert result.returncode == 1
    # Editing a translation changes the published record too: both are said.
    assert result.stderr == (
        "error: data/policy.yml:10:17: differs from release 2022-12-26 but keeps its effective date: "
        "set a new effective_date and run policydocs release\n"
        "error: locales/en/LC_MESSAGES/policy.po: 1 string untranslated, 2 fuzzy — English cannot be published:\n"
        '  data/policy.yml:113: msgctxt "processors.processors.stripe.text" (untranslated)\n'
        '  data/policy.yml:158: msgctxt "rights.paragraphs.response-time.text" (fuzzy)\n'
        f"  templates/policy.md.j2:{line_of('templates/policy.md.j2', 'policy.last-modified')}: "
        'msgctxt "policy.last-modified" (fuzzy)\n'
    )
    assert not (project / "site").exists()
    check = run(project, "check")
    assert check.returncode == 1 and "English cannot be published" in check.stderr


def test_a_missing_catalog_stops_the_build(project: Path) -> None:
    catalog_path(project / "locales", "en").unlink()
    result = run(project, "build")
    assert result.returncode == 1
    assert "locales/en/LC_MESSAGES/policy.po: no such catalog" in result.stderr


def test_gnu_msgfmt_accepts_every_catalog() -> None:
    catalogs = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    for path in catalogs:
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr


def test_update_marks_a_changed_french_string_fuzzy_and_keeps_the_rest(project: Path) -> None:
    data = project / "data" / "policy.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("pour gérer sa newsletter.", "pour envoyer sa newsletter."),
        encoding="utf-8",
    )
    assert run(project, "i18n", "extract").returncode == 0
    assert run(project, "i18n", "update").returncode == 0
    catalog = read_catalog(project)
    fuzzy = [m.context for m in catalog if m.id and m.fuzzy]
    assert fuzzy == ["processors.processors.mailchimp.text"]
    entry = catalog.get("Exograd utilise Mailchimp pour envoyer sa newsletter.", context=fuzzy[0])
    assert entry.string == "Exograd uses Mailchimp to manage its newsletter."
    text = catalog_path(project / "locales", "en").read_text(encoding="utf-8")
    assert '#| msgid "Exograd utilise Mailchimp pour gérer sa newsletter."' in text
    assert all(m.string for m in catalog if m.id)
