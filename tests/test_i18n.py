"""The translators' workflow, end to end on copies of the project: extract, update, stats, gate, preview, init."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from policydocs.i18n.catalog import catalog_path
from policydocs.i18n.parity import tokens
from policydocs.words import long_date
from policydocs.workflow.translation import count

from .conftest import EXAMPLE, ROOT, fill_page_text, read_catalog, run, write_catalog
from .test_catalogs import accepted_by_every_reader
from .test_serve import serving, wait_for
from .translations import translate_exograd, translate_small

PYBABEL = (sys.executable, "-m", "babel.messages.frontend")


def pot_size() -> int:
    """How many strings Exograd's catalog has."""
    with (ROOT / "locales" / "policy.pot").open("rb") as handle:
        return sum(1 for message in read_po(handle) if message.id)


STRIPE_FR = (
    "Exograd utilise Stripe comme prestataire de services de paiement. Exograd communique toutes données "
    "d’identification et de facturation requises par Stripe dans le cadre de la facturation des services "
    "souscrits par le client."
)


def ok(project: Path, *args: str, today: str | None = None) -> str:
    """Run a command that must succeed; ``today`` (YYYY-MM-DD) is the day the command runs on."""
    env = (
        {"SOURCE_DATE_EPOCH": str(int(datetime.datetime.fromisoformat(today + "T00:00Z").timestamp()))}
        if today
        else None
    )
    result = run(project, *args, env=env, clock=today)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_update_with_a_template_older_than_the_data_says_to_extract_first(project: Path) -> None:
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("comme prestataire de services de paiement.", "comme prestataire de paiement."))
    before = (project / "locales" / "en" / "LC_MESSAGES" / "policy.po").read_bytes()
    result = run(project, "i18n", "update")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: locales/policy.pot is not up to date with data/policy.yml and the templates (2 strings differ): "
        "run `policydocs i18n extract` first\n"
    )
    assert (project / "locales" / "en" / "LC_MESSAGES" / "policy.po").read_bytes() == before  # nothing new to merge
    ok(project, "i18n", "extract")
    result = run(project, "i18n", "update")
    assert result.returncode == 0 and result.stderr == ""
    assert [m.context for m in read_catalog(project) if m.id and m.fuzzy] == ["stripe.text"]


def test_one_changed_french_sentence_goes_fuzzy_blocks_the_build_and_shows_in_preview(project: Path) -> None:
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("comme prestataire de services de paiement.", "comme prestataire de paiement."))
    new_french = STRIPE_FR.replace("comme prestataire de services de paiement.", "comme prestataire de paiement.")

    ok(project, "i18n", "extract")
    ok(project, "i18n", "update")
    catalog = read_catalog(project)
    assert [m.context for m in catalog if m.id and m.fuzzy] == ["stripe.text"]

    build = run(project, "build")
    assert build.returncode == 1
    assert build.stderr == (
        "error: data/policy.yml:6:17: differs from release 2022-12-26 but keeps its effective date: "
        "set a new effective_date and run policydocs release\n"
        "error: locales/en/LC_MESSAGES/policy.po: 1 fuzzy — English cannot be published:\n"
        '  data/policy.yml:100: msgctxt "stripe.text" (fuzzy)\n'
    )
    stats = json.loads(ok(project, "i18n", "stats", "--json"))
    assert stats == [
        {
            "locale": "en",
            "domain": "policy",
            "translated": pot_size() - 1,
            "fuzzy": 1,
            "untranslated": 0,
            "obsolete": 0,
            "total": pot_size(),
            "published": True,
            "in_force": 0,
            "complete": False,
        }
    ]

    with serving(project, "--lang", "en") as url:
        page = wait_for(url + "en/", "Preview: English is incomplete")
        assert "data/policy.yml:100: msgctxt stripe.text (fuzzy)" in page
        # The French stands in, marked as French.
        assert '<mark class="policydocs-untranslated" lang="fr">Exograd utilise Stripe' in page

    entry = catalog.get(new_french, context="stripe.text")
    entry.string = entry.string.replace("as its payment service provider", "as its payment provider")
    entry.flags.discard("fuzzy")
    entry.previous_id = []
    write_catalog(project, catalog)
    assert json.loads(ok(project, "i18n", "stats", "--json"))[0]["fuzzy"] == 0
    # The translation is complete again; the new wording is a new version, dated and released.
    undated = run(project, "check")
    assert undated.returncode == 1
    assert "differs from release 2022-12-26 but keeps its effective date" in undated.stderr
    data.write_text(
        data.read_text(encoding="utf-8").replace("effective_date: 2022-12-26", "effective_date: 2027-01-04")
    )
    # The sentence states Stripe (its activity among others): editorial only with a reason, recorded.
    reason = "The same activity, in fewer words."
    ok(project, "release", "--class", "editorial", "--published", "2027-01-04", "--force", reason)
    ok(project, "check", "--date", "2027-01-04")
    ok(project, "build", "--date", "2027-01-04")
    assert "Exograd uses Stripe as its payment provider." in (project / "site" / "en" / "index.html").read_text()


def test_stats_table(project: Path) -> None:
    assert ok(project, "i18n", "stats") == (
        "locale  domain  translated  fuzzy  untranslated  obsolete  published\n"
        f"en      policy  {pot_size():>10}      0             0         0  yes\n"
    )


def test_stats_count_fuzzy_apart_from_translated_and_obsolete_entries(project: Path) -> None:
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    # A heading reworded and a sentence rewritten (both fuzzy: same id path, so their translations are
    # kept for review, never paired with another string) and a list item removed (obsolete).
    text = text.replace("Exograd utilise Mailchimp pour gérer sa newsletter.", "Exograd utilise Brevo.")
    text = text.replace(
        "              - id: connection-time\n                states: [data.connection-time]\n"
        "                text: Date et heure de connexion.\n",
        "",
    )
    text = text.replace("    title: Modifications\n", "    title: Modifications de la politique\n")
    data.write_text(text, encoding="utf-8")
    ok(project, "i18n", "extract")
    ok(project, "i18n", "update")
    stats = count(read_catalog(project), "en", True)
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (pot_size() - 3, 2, 0, 1)
    assert stats.total == pot_size() - 1
    assert not stats.complete


def test_catalogs_are_the_same_as_pybabel_update(project: Path, tmp_path: Path) -> None:
    data = project / "data" / "policy.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("gérer sa newsletter", "envoyer sa newsletter"))
    ok(project, "i18n", "extract")
    other = tmp_path / "other"
    shutil.copytree(project / "locales", other)
    ok(project, "i18n", "update")
    result = subprocess.run(
        [*PYBABEL, "update", "-i", str(other / "policy.pot"), "-d", str(other), "-D", "policy", "--previous"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert catalog_path(project / "locales", "en").read_bytes() == catalog_path(other, "en").read_bytes()


def test_template_is_the_same_as_pybabel_extract(tmp_path: Path) -> None:
    output = tmp_path / "policy.pot"
    result = subprocess.run(
        [*PYBABEL, "extract", "-F", "babel.cfg", "-c", "TRANSLATORS:", "-o", str(output), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    def entries(path: Path) -> list[tuple[object, ...]]:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        return [(m.context, m.id, m.locations, m.auto_comments, sorted(m.flags)) for m in catalog if m.id]

    assert entries(output) == entries(ROOT / "locales" / "policy.pot")


def test_the_package_s_template_is_the_same_as_pybabel_extract(tmp_path: Path) -> None:
    """The package's page text (domain policydocs): what pybabel extracts from its templates."""
    config = tmp_path / "babel.cfg"
    config.write_text("[jinja2: **.j2]\nsilent = false\n", encoding="utf-8")
    output = tmp_path / "policydocs.pot"
    result = subprocess.run(
        [*PYBABEL, "extract", "-F", str(config), "-k", "pgettext:1c,2", "-c", "TRANSLATORS:", "-o", str(output), "."],
        cwd=ROOT / "src" / "policydocs" / "templates",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    def entries(path: Path, prefix: str) -> list[tuple[object, ...]]:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        return [
            (m.context, m.id, [(prefix + f, n) for f, n in m.locations], m.auto_comments, sorted(m.flags))
            for m in catalog
            if m.id
        ]

    shipped = ROOT / "src" / "policydocs" / "locales" / "policydocs.pot"
    assert len(entries(shipped, "")) > 100
    assert entries(output, "policydocs/templates/") == entries(shipped, "")


def test_committed_catalogs_are_up_to_date(project: Path) -> None:
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")}
    ok(project, "i18n", "extract")
    ok(project, "i18n", "update")
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")} == before


@pytest.mark.parametrize(
    ("french", "english", "lacking"),
    [
        ("pour une durée d’un (1) an.", "for one (1) year.", None),
        ("pendant trois (3) ans.", "for two (2) years.", '"3"'),
        ("à contact@exograd.com.", "at contact@example.com.", '"contact@exograd.com"'),
        ("voir [la CNIL](https://www.cnil.fr).", "see [the CNIL](https://www.cnil.fr/en).", '"https://www.cnil.fr"'),
        ("depuis le 2022-12-26.", "since 2022-12-26.", None),
    ],
)
def test_parity_between_source_and_translation(french: str, english: str, lacking: str | None) -> None:
    missing = tokens(french) - tokens(english)
    assert (f'"{next(iter(missing))}"' if missing else None) == lacking


def test_a_translation_that_changes_a_number_is_an_error_naming_the_entry(project: Path) -> None:
    catalog = read_catalog(project)
    entry = next(m for m in catalog if m.context == "retention.customer-data")
    entry.string = entry.string.replace("three (3) years", "two (2) years")
    write_catalog(project, catalog)
    result = run(project, "check")
    assert result.returncode == 1
    po_line = read_catalog(project).get(entry.id, context=entry.context).lineno
    # The English now disagrees with the fact it states (the tie, reported at the fact's own key), and lacks a
    # number of its source (parity).
    lines = (project / "data" / "policy.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "id: customer-data" in text)
    fact = next(n for n, text in enumerate(lines, 1) if text == "    - id: customer-data")
    assert lines[fact] == "      duration: P3Y"
    assert result.stderr == (
        f"data/policy.yml:{fact + 1}:17: retention.customer-data.duration: in en, not what the text stating it "
        "says (retention.customer-data): the period P3Y (3 years, or an equal period) is not given: the text "
        "gives 2 years\n"
        "1 problem in data/policy.yml\n"
    )
    assert (
        f"locales/en/LC_MESSAGES/policy.po:{po_line}:1: translation-parity: en translation of "
        f'data/policy.yml:{line + 2} lacks "3"'
    ) in result.stdout
    assert run(project, "build").returncode == 1


def test_a_new_locale_is_published_only_when_listed_and_complete(small: Path) -> None:
    unreleased = run(small, "build")
    assert unreleased.returncode == 1
    assert "data/releases/: no release yet: run `policydocs release`" in unreleased.stderr
    ok(small, "release", "--published", "2024-02-01", today="2024-02-01")
    ok(small, "build")
    assert sorted(p.name for p in (small / "site").iterdir() if p.is_dir()) == ["fr", "schema", "versions"]

    out = ok(small, "i18n", "init", "de")
    assert out == (
        "locales/de/LC_MESSAGES/policy.po: started, every string untranslated\n"
        'to publish it once complete, add "de" to plugins.policydocs.locales in mkdocs.yml\n'
    )
    assert (small / "locales" / "policy.pot").is_file()
    stats = json.loads(ok(small, "i18n", "stats", "--json"))
    # The site's text only: policydocs ships its page text in German.
    assert [(s["locale"], s["domain"], s["translated"], s["untranslated"], s["published"]) for s in stats] == [
        ("de", "policy", 0, stats[0]["total"], False),
    ]
    # Not listed: built without it, though it exists.
    ok(small, "build")
    assert not (small / "site" / "de").exists()

    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", "locales: [fr, de]"))
    refused = run(small, "build")
    assert refused.returncode == 1
    assert f"{stats[0]['total']} strings untranslated — German cannot be published:" in refused.stderr
    assert 'data/policy.yml:9: msgctxt "title" (untranslated)' in refused.stderr
    assert "policydocs.po" not in refused.stderr  # the page text is the package's

    catalog = read_catalog(small, "de")
    translate_small(catalog, "de")  # every text stating a fact says it in German (the tie is verified in German)
    write_catalog(small, catalog, "de")
    fill_page_text(small, "de")
    # A new language is a new version of the record: dated and released like any change.
    data = small / "data" / "policy.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("effective_date: 2024-03-01", "effective_date: 2024-06-01")
    )
    ok(small, "release", "--class", "editorial", "--published", "2024-06-01", today="2024-06-01")
    ok(small, "build")
    page = (small / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in page
    assert "[de] Politique de confidentialité d’Atelier Lune" in page
    assert "1. Juni 2024" in page
    assert ">Versionsverlauf<" in page  # the package's German page text
    assert 'hreflang="de"' in (small / "site" / "fr" / "index.html").read_text(encoding="utf-8")


def test_init_refuses_an_existing_or_unknown_locale(project: Path) -> None:
    existing = run(project, "i18n", "init", "en")
    assert existing.returncode == 1
    assert "locales/en/LC_MESSAGES/policy.po: already exists" in existing.stderr
    unknown = run(project, "i18n", "init", "xx-nope")
    assert unknown.returncode == 1
    assert "is not a locale Babel knows" in unknown.stderr


def test_headers_name_the_site_and_keep_no_placeholder(small: Path) -> None:
    assert run(small, "i18n", "init", "pt_BR").returncode == 0
    catalogs = [
        ROOT / "locales" / "policy.pot",
        catalog_path(ROOT / "locales", "en"),
        ROOT / EXAMPLE / "locales" / "policy.pot",
        catalog_path(ROOT / EXAMPLE / "locales", "en"),
        small / "locales" / "policy.pot",
        catalog_path(small / "locales", "pt_BR"),
    ]
    for path in catalogs:
        text = path.read_text(encoding="utf-8")
        for placeholder in ("EMAIL@ADDRESS", "the the ", "ORGANIZATION", "FIRST AUTHOR", "LL@li.org", "VERSION"):
            assert placeholder not in text, (path, placeholder)
        accepted_by_every_reader(path)
    header = polib.pofile(str(catalogs[-1])).metadata
    assert header["Project-Id-Version"] == "Politique de confidentialité d’Atelier Lune"
    assert header["Language"] == "pt_BR"
    assert header["Language-Team"] == "Portuguese (Brazil)"
    assert header["Report-Msgid-Bugs-To"] == "bonjour@atelier-lune.example"
    assert polib.pofile(str(catalogs[0])).metadata["Project-Id-Version"] == "Exograd — Politique de confidentialité"
    assert (
        catalogs[-1]
        .read_text(encoding="utf-8")
        .startswith("# Portuguese (Brazil) translation of Politique de confidentialité d’Atelier\n# Lune.\n")
    )


def test_rewording_the_stripe_sentence_keeps_catalogs_valid_through_repeated_updates(project: Path) -> None:
    data = project / "data" / "policy.yml"
    reworded = STRIPE_FR.replace(
        "de paiement. Exograd communique toutes données", "de paiement en ligne. Exograd communique toutes les données"
    )
    data.write_text(data.read_text(encoding="utf-8").replace(STRIPE_FR, reworded), encoding="utf-8")
    po = catalog_path(project / "locales", "en")
    ok(project, "i18n", "extract")
    assert ok(project, "i18n", "update") == f"locales/en/LC_MESSAGES/policy.po: {pot_size()} messages\n"
    first = po.read_bytes()
    ok(project, "i18n", "extract")
    ok(project, "i18n", "update")
    assert po.read_bytes() == first

    babel, pofile = accepted_by_every_reader(po)
    accepted_by_every_reader(project / "locales" / "policy.pot")
    entry = babel.get(reworded, context="stripe.text")
    assert entry.fuzzy and entry.string.startswith("Exograd uses Stripe as its payment service provider.")
    stripe = next(e for e in pofile if e.msgctxt == "stripe.text")
    assert stripe.flags == ["fuzzy"] and (stripe.previous_msgid, stripe.msgid) == (STRIPE_FR, reworded)
    assert [m.context for m in babel if m.id and m.fuzzy] == ["stripe.text"]
    assert (
        '#| msgid ""\n'
        '#| "Exograd utilise Stripe comme prestataire de services de paiement. "\n'
        '#| "Exograd communique toutes données d’identification et de facturation "\n'
        '#| "requises par Stripe dans le cadre de la facturation des services "\n'
        '#| "souscrits par le client."\n'
        'msgctxt "stripe.text"\n'
    ) in po.read_text(encoding="utf-8")


def test_a_language_added_to_the_version_in_force_is_not_a_new_version(project: Path) -> None:
    """German added to Exograd's version of 26 December 2022: frozen in a file of its own, dated in the history."""
    ok(project, "i18n", "init", "de")
    german = read_catalog(project, "de")
    translate_exograd(german)  # every text stating a fact says it in German: the tie is verified in German too
    write_catalog(project, german, "de")
    fill_page_text(project, "de")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr, en]", "locales: [fr, en, de]"))
    waiting = run(project, "check")
    assert waiting.returncode == 1
    assert (
        "error: data/releases/: a translation of the version of 2022-12-26 is not frozen yet: "
        "run `policydocs release` to add it (it is not a new version)\n"
    ) in waiting.stderr
    # Added after the last correction of that version's facts (a correction frozen before a language existed
    # has no text in it): the day after it.
    corrected = [p.stem.split(".")[1] for p in (project / "data" / "releases" / "corrections").glob("2022-12-26.*")]
    day = max([datetime.date(2026, 11, 26), *map(datetime.date.fromisoformat, corrected)]) + datetime.timedelta(1)
    added = ok(project, "release", today=day.isoformat())
    assert added.startswith(
        "data/releases/translations/2022-12-26.de.yml: German translation added to the version of 2022-12-26, "
        "not a new version, sha256:"
    )
    assert sorted(p.name for p in (project / "data" / "releases").glob("*.yml")) == ["2022-12-26.yml"]
    ok(project, "check")
    ok(project, "build", "--date", day.isoformat())
    history = (project / "site" / "en" / "history" / "index.html").read_text(encoding="utf-8")
    assert f"German translation added on {long_date(day, 'en')}." in history
    assert f"Traduction en allemand ajoutée le {long_date(day, 'fr')}." in (
        project / "site" / "fr" / "history" / "index.html"
    ).read_text(encoding="utf-8")
    assert "[de] " in (project / "site" / "de" / "index.html").read_text(encoding="utf-8")
    versions = json.loads((project / "site" / "versions.json").read_text(encoding="utf-8"))
    assert list(versions["versions"][0]["addresses"]) == ["fr", "en", "de"]
    frozen = project / "data" / "releases" / "translations" / "2022-12-26.de.yml"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("[de] ", "[DE] ", 1), encoding="utf-8")
    edited = run(project, "check")
    assert edited.returncode == 1 and "digest mismatch: this frozen translation was edited" in edited.stderr
    assert "sha256:" not in edited.stderr  # no digest to paste back
