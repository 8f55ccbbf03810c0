"""gettext: the extractor, the committed catalogs, and the publish gate."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policydocs.errors import CatalogError
from policydocs.i18n.catalog import catalog_path, find_gaps, template_messages
from policydocs.i18n.catalog import read_catalog as read_catalog_file
from policydocs.i18n.extract import make_template
from policydocs.i18n.messages import policy_messages
from policydocs.i18n.parity import mismatches
from policydocs.i18n.pofile import restore_previous
from policydocs.i18n.pofile import write_catalog as write_pofile
from policydocs.options import Options
from policydocs.policy import characters, loading, model, translatable
from policydocs.policy.scalars import Message
from policydocs.workflow.translation import extract_template, init_catalog, template_path, update_catalogs
from policydocs.workspace import Workspace

from .conftest import ROOT, read_catalog, run, write_catalog


def test_extractor_is_registered_and_gives_every_string_with_its_line() -> None:
    data = ROOT / "data" / "policy.yml"
    lines = data.read_text(encoding="utf-8").splitlines()
    with data.open("rb") as handle:
        found = list(extract("policydocs", handle, keywords={"pgettext": ((1, "c"), 2)}))
    # 44 titles, headings and texts, and 10 labels of facts: 6 purposes (marketing and newsletter since the
    # correction of 2026), the legal retention period's data (also new), 3 recipients' activities.
    assert len(found) == 54
    assert len([m for m in found if m[3].startswith("facts.")]) == 10
    for lineno, (context, text), comments, _ in ((m[0], (m[3], m[1]), m[2], m) for m in found):
        assert isinstance(text, str) and context
        # The value starts on the reported line (plain or quoted scalar).
        assert text[:20] in lines[lineno - 1], (lineno, text)
        assert comments
    contexts = {m[3] for m in found}
    assert "stripe.text" in contexts
    assert "customers.categories.billing" in contexts
    assert {"facts.purposes.marketing.label", "facts.retention.legal-requirements.label"} <= contexts


@pytest.mark.parametrize(
    "path", ["tests/data/v1/exograd/policy.yml", "data/policy.yml", "tests/data/shapes/us-saas.yml"]
)
def test_pybabel_extracts_a_policy_of_either_format(tmp_path: Path, path: str) -> None:
    (tmp_path / "data").mkdir()
    data = tmp_path / "data" / "policy.yml"
    shutil.copyfile(ROOT / path, data)
    (tmp_path / "babel.cfg").write_text("[policydocs: data/policy.yml]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", "policy.pot", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with (tmp_path / "policy.pot").open("rb") as handle:
        # A comment is written wrapped on lines of its own: joined, it is the extractor's.
        found = [(m.context, m.id, m.locations, " ".join(m.auto_comments)) for m in read_po(handle) if m.id]
    text = data.read_text(encoding="utf-8")
    if "/v1/" in path:  # a file of format 1 is extracted through its conversion, as it is read
        messages = [(m.context, m.text, m.line, m.comment) for m in policy_messages(loading.loads(text))]
    else:
        messages = list(translatable.messages(model.loads(text)))
    expected = [(context, msgid, [("data/policy.yml", line)], note) for context, msgid, line, note in messages]
    assert found == expected
    assert len(found) > 20


def test_committed_template_is_up_to_date(tmp_path: Path) -> None:
    path, _ = extract_template(Workspace(Options(ROOT)), tmp_path / "policy.pot")
    assert path.read_bytes() == (ROOT / "locales" / "policy.pot").read_bytes(), "run `policydocs i18n extract`"


def test_english_catalog_translates_every_string_and_none_is_fuzzy() -> None:
    catalog = read_catalog(ROOT)
    with (ROOT / "locales" / "policy.pot").open("rb") as handle:
        template = read_po(handle)
    for message in template:
        if message.id:
            entry = catalog.get(message.id, context=message.context)
            assert entry is not None and entry.string and not entry.fuzzy, message.context


def test_template_syntax_errors_are_not_silently_skipped(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "broken.md.j2").write_text('{{ pgettext("a", "b") }\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"templates/broken.md.j2:1: cannot extract messages"):
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
    _edit_catalog(project, "stripe.text", remove=True)
    _edit_catalog(project, "rights.response-time", fuzzy=True)
    _edit_catalog(project, "introduction.title", fuzzy=True)
    result = run(project, "build")
    assert result.returncode == 1
    lines = (project / "data" / "policy.yml").read_text(encoding="utf-8").splitlines()

    def text_line(block: str, key: str) -> int:
        """The line of a block's text: its first ``key:`` after ``- id: block``."""
        start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {block}")
        return next(n for n, line in enumerate(lines[start:], start + 1) if line.strip().startswith(f"{key}:"))

    # Editing a translation changes the published record too: both are said.
    assert result.stderr == (
        "error: data/policy.yml:6:17: differs from release 2022-12-26 but keeps its effective date: "
        "set a new effective_date and run policydocs release\n"
        "error: locales/en/LC_MESSAGES/policy.po: 1 string untranslated, 2 fuzzy — English cannot be published:\n"
        f'  data/policy.yml:{text_line("introduction", "title")}: msgctxt "introduction.title" (fuzzy)\n'
        f'  data/policy.yml:{text_line("stripe", "paragraph")}: msgctxt "stripe.text" (untranslated)\n'
        f'  data/policy.yml:{text_line("response-time", "paragraph")}: msgctxt "rights.response-time" (fuzzy)\n'
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
    catalogs += sorted((ROOT / "src" / "policydocs" / "locales").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) >= 3
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
    assert fuzzy == ["mailchimp.text"]
    entry = catalog.get("Exograd utilise Mailchimp pour envoyer sa newsletter.", context=fuzzy[0])
    assert entry.string == "Exograd uses Mailchimp to manage its newsletter."
    text = catalog_path(project / "locales", "en").read_text(encoding="utf-8")
    assert '#| msgid "Exograd utilise Mailchimp pour gérer sa newsletter."' in text
    assert all(m.string for m in catalog if m.id)


# Catalogs that every reader accepts (DESIGN.md, invariant 9): whatever the strings, what a command writes
# passes GNU msgfmt, Babel and polib, and gives back exactly what was written.

_REFUSED = re.compile(f"[{characters.SUSPECTS}]")
"""The characters a catalog may not hold (policy.characters): left out of the texts written here."""
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u0085").filter(
        lambda char: not _REFUSED.match(char)
    ),
    min_size=1,
    max_size=30,
)
TRICKY = st.sampled_from(
    ['"', '""', "\\", "\\n", '\\"', "%", "%s", "%(date)s", "100 %", "%%", "\n", "\n\n", "\t", "’", "«\u00a0»", "#|"]
)
SHORT = st.lists(st.one_of(WORDS, TRICKY), min_size=1, max_size=8).map("".join)
LONG = st.lists(st.one_of(WORDS, TRICKY, st.just(" ")), min_size=30, max_size=120).map(" ".join)
TEXTS = st.one_of(SHORT, LONG)
REWORDINGS = st.lists(st.tuples(TEXTS, TEXTS, TEXTS), min_size=1, max_size=6)
"""Per string: its text, then a first and a second rewording (the same text means "not reworded")."""


def translated(text: str) -> str:
    """A stand-in translation: other letters, the same newlines at both ends (msgfmt checks those)."""
    return text.swapcase() + "·en" if not text.endswith("\n") else text.swapcase() + "·en\n"


def accepted_by_every_reader(path: Path) -> tuple[Catalog, polib.POFile]:
    """GNU msgfmt checks ``path`` and compiles it; Babel and polib read it. Returns both readings."""
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", str(path.with_suffix(".mo")), str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    with path.open("rb") as handle:
        babel = read_po(handle, abort_invalid=True)
    return babel, polib.pofile(str(path))


def _project_with(folder: Path, texts: list[str]) -> Workspace:
    """A project of only catalogs: its .pot holds ``texts``, and its English catalog translates them."""
    project = Workspace(Options(folder))
    write_template(project, texts)
    init_catalog(project, "en")
    path = catalog_path(folder / "locales", "en")
    catalog = read_catalog_file(path, "en.po")
    for message in catalog:
        if message.id:
            message.string = translated(message.id)
    write_catalog(folder, catalog)
    return project


def write_template(project: Workspace, texts: list[str]) -> None:
    """What `policydocs i18n extract` writes for a policy whose strings are ``texts``."""
    messages = [Message(f"clauses.c{i}.text", text, i + 1, "Text", "Legal clause.") for i, text in enumerate(texts)]
    write_pofile(make_template(messages, "Acme — Privacy Policy"), template_path(project), "policy.pot")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REWORDINGS)
# Found by hypothesis: Babel wrote this text, once obsolete, with a "\n" it did not have.
@example(
    [
        ("0", "0", "0"),
        (
            "0",
            "0 0 0 0 0 0 0 0 0000000 00000000 0 0 0 000 00000000 00000000 0     "
            '0 0 0 0 0 0 "" 00000000 0000000000000\\    ',
            "0",
        ),
    ]
)
def test_reworded_strings_of_any_kind_give_catalogs_every_reader_accepts(strings: list[tuple[str, ...]]) -> None:
    originals = [s[0] for s in strings]
    with tempfile.TemporaryDirectory() as folder:
        project = _project_with(Path(folder), originals)
        po = catalog_path(Path(folder) / "locales", "en")
        for stage in (1, 2):
            # The second time, the last string (if not the only one) is gone: its entry becomes obsolete.
            kept = strings if stage == 1 or len(strings) == 1 else strings[:-1]
            write_template(project, [s[stage] for s in kept])
            update_catalogs(project)
            written = po.read_bytes()
            update_catalogs(project)
            assert po.read_bytes() == written, "a second update changed the catalog"

            babel, pofile = accepted_by_every_reader(po)
            accepted_by_every_reader(template_path(project))
            restore_previous(babel, po.read_text(encoding="utf-8"))
            with po.with_suffix(".mo").open("rb") as handle:
                compiled = gettext.GNUTranslations(handle)
            by_context = {e.msgctxt: e for e in pofile if not e.obsolete}
            assert len(by_context) == len(kept)
            assert len(pofile.obsolete_entries()) == len(babel.obsolete) == len(strings) - len(kept)
            for i, versions in enumerate(kept):
                context, text = f"clauses.c{i}.text", versions[stage]
                entry = babel.get(text, context=context)
                assert entry is not None and entry.string == translated(originals[i])
                other = by_context[context]
                assert (other.msgid, other.msgstr) == (text, translated(originals[i]))
                if all(version == originals[i] for version in versions[1 : stage + 1]):
                    assert not entry.fuzzy and "fuzzy" not in other.flags
                    assert compiled.pgettext(context, text) == translated(originals[i])
                else:
                    # The translation was made for the original text: that is the previous msgid to show.
                    assert entry.fuzzy and "fuzzy" in other.flags
                    assert entry.previous_id == [originals[i]]
                    assert other.previous_msgid == originals[i]
                    assert compiled.pgettext(context, text) == text  # gettext leaves fuzzy entries out


def test_a_long_reworded_sentence_keeps_its_previous_msgid_on_lines_of_its_own(tmp_path: Path) -> None:
    before = "Exograd utilise Stripe " + "comme prestataire de services de paiement " * 5 + '"Stripe" \\ 100 %.'
    project = _project_with(tmp_path, [before])
    write_template(project, [before.replace("Exograd", "Exograd SAS")])
    update_catalogs(project)
    text = catalog_path(tmp_path / "locales", "en").read_text(encoding="utf-8")
    previous = [line for line in text.splitlines() if line.startswith("#|")]
    assert previous[0] == '#| msgid ""'
    assert all(line.startswith('#| "') and line.endswith('"') and len(line) <= 79 for line in previous[1:])
    assert previous[-1].endswith('\\"Stripe\\" \\\\ 100 %."')


def test_a_data_string_with_a_percent_sign_is_no_format_string(tmp_path: Path) -> None:
    project = _project_with(tmp_path, ["100 % des données sont chiffrées."])
    catalog = read_catalog(tmp_path)
    next(m for m in catalog if m.id).string = "All data is encrypted."
    write_catalog(tmp_path, catalog)
    update_catalogs(project)
    text = catalog_path(tmp_path / "locales", "en").read_text(encoding="utf-8")
    assert "python-format" not in text
    accepted_by_every_reader(catalog_path(tmp_path / "locales", "en"))


def test_a_catalog_that_would_not_read_back_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "policy.po"
    path.write_bytes(b"before")
    catalog = Catalog(locale="en")
    catalog.add("lone \ud800 surrogate", "x", context="c")  # written as "\ud800" escaped: read back, another text
    with pytest.raises(CatalogError, match=r"^policy.po: not written: the catalog would read back differently"):
        write_pofile(catalog, path, "policy.po")
    assert path.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["policy.po"]


def test_gaps_are_listed_by_place_whatever_order_they_are_needed_in() -> None:
    needed = [
        Message("b", "Deux", 9, "Text", ""),
        Message("page.x", "Trois", 2, "Template", "", "templates/policy.md.j2"),
        Message("a", "Un", 3, "Text", ""),
    ]
    assert [g.message.context for g in find_gaps(Catalog(locale="en"), needed)] == ["a", "b", "page.x"]


def test_translations_lacking_a_fact_are_listed_in_catalog_order() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "a"\nmsgid "Trois (3) ans."\nmsgstr "Two (2) years."\n\n'
        'msgctxt "b"\nmsgid "Un (1) an."\nmsgstr "Two (2) years."\n'
    )
    catalog = read_po(io.BytesIO(text.encode()))
    needed = [Message("b", "Un (1) an.", 9, "Text", ""), Message("a", "Trois (3) ans.", 3, "Text", "")]
    assert [m.message.context for m in mismatches(catalog, needed)] == ["a", "b"]


# The package's page text (domain policydocs): English msgids, shipped in nine languages, overridable.


def test_the_package_ships_its_page_text_complete_in_nine_languages() -> None:
    from policydocs.i18n.catalog import package_entries, shipped_for, shipped_locales, tool_keys

    assert shipped_locales() == ["de", "en", "es", "fr", "it", "nl", "pl", "pt_BR", "pt_PT"]
    keys = tool_keys()
    assert len(keys) > 100
    for locale in shipped_locales():
        assert set(package_entries(locale)) == keys, locale
    # A site's locale finds its language's catalog: its own, its language's, the language's home variety.
    assert [shipped_for(code) for code in ("pt_BR", "pt", "de_AT", "fr_CA", "sv")] == [
        "pt_BR",
        "pt_PT",
        "de",
        "fr",
        None,
    ]
    french = package_entries("fr")
    assert french[("version.current", "Version in force since %(date)s.")] == "Version en vigueur depuis le %(date)s."
    # Invariable words after headings of any gender ("Introduction (sans changement)").
    assert french[("redline.unchanged", "unchanged")] == "sans changement"
    assert french[("redline.added", "added")] == "ajout"
    english = package_entries("en")
    assert all(english[key] == key[1] for key in keys)  # the msgids are the English text


def test_a_site_s_catalog_holds_only_its_own_text() -> None:
    with (ROOT / "locales" / "policy.pot").open("rb") as handle:
        template = read_po(handle)
    files = {file for message in template for file, _ in message.locations}
    assert files == {"data/policy.yml"}
    assert not any(str(m.context).startswith(("version.", "history.", "summary.")) for m in template if m.id)


def test_a_site_overrides_a_page_string_in_its_own_catalog(project: Path) -> None:
    """Exograd words "Version history" its own way in English, in locales/en/LC_MESSAGES/policydocs.po."""
    override = catalog_path(project / "locales", "en", "policydocs")
    override.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: en\\n"\n\n'
        'msgctxt "history.title"\nmsgid "Version history"\nmsgstr "Past versions of this policy"\n',
        encoding="utf-8",
    )
    assert run(project, "build").returncode == 0
    english = (project / "site" / "en" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Past versions of this policy" in english
    french = (project / "site" / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Historique des versions" in french and "Past versions" not in french
    # `i18n update` leaves a few overrides of a shipped language as they are.
    before = override.read_bytes()
    assert run(project, "i18n", "update").returncode == 0
    assert override.read_bytes() == before

    # An override of a string the package no longer has is said, not silently ignored.
    override.write_text(
        override.read_text(encoding="utf-8") + '\nmsgctxt "history.gone"\nmsgid "Gone"\nmsgstr "Left"\n',
        encoding="utf-8",
    )
    result = run(project, "build")
    assert result.returncode == 1
    assert (
        "error: locales/en/LC_MESSAGES/policydocs.po: 1 translation of page text the package no longer has:\n"
        '  msgctxt "history.gone" msgid "Gone"\n'
    ) in result.stderr


def test_a_new_string_is_untranslated_in_every_catalog_merged_after_the_english_one(tmp_path: Path) -> None:
    """Babel's update puts the template's own message objects into a catalog: the English catalog's msgstr, set
    to its msgid, must not reach the next catalog merged from the same template as a translation."""
    from babel.messages.catalog import Catalog

    from policydocs.i18n.merging import merge

    template = Catalog(locale=None)
    template.add("Old words", context="a")
    template.add("A sentence unlike any other, %(x)s", context="b")
    for locale in ("en", "fr"):
        start = Catalog(locale=locale)
        start.add("Old words", "Old words" if locale == "en" else "Anciens mots", context="a")
        write_po_file(tmp_path / f"{locale}.po", start)
    english = merge(tmp_path / "en.po", "en.po", template, "en")
    for message in english:
        if message.id:
            message.string = message.id  # as the package's English catalog is made
    french = merge(tmp_path / "fr.po", "fr.po", template, "fr")
    assert not french.get("A sentence unlike any other, %(x)s", context="b").string
    assert french.get("Old words", context="a").string == "Anciens mots"
    assert not template.get("A sentence unlike any other, %(x)s", context="b").string


def write_po_file(path: Path, catalog: object) -> None:
    from babel.messages.pofile import write_po

    with path.open("wb") as handle:
        write_po(handle, catalog)
