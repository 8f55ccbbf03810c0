"""`policydocs new`: a second organisation starts a site that checks, releases and builds, with the package's
templates (overridable file by file), and the plugin says what it needs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from policydocs.errors import ConfigError
from policydocs.i18n.catalog import template_messages
from policydocs.options import load_options
from policydocs.shipped import TEMPLATES
from policydocs.workspace import Workspace

from .conftest import ROOT, read_catalog, run, write_catalog

TODAY = "2026-11-27"
EPOCH = "1795737600"  # 2026-11-27


def ok(cwd: Path, *args: str) -> str:
    result = run(cwd, *args, env={"SOURCE_DATE_EPOCH": EPOCH}, clock=TODAY)
    assert result.returncode == 0, result.stderr
    return result.stdout


def new(tmp_path: Path, *args: str) -> Path:
    ok(tmp_path, "new", "site", *args)
    return tmp_path / "site"


def test_the_package_ships_one_set_of_templates() -> None:
    """The package's templates are the repository's templates/ folder, through a link: one source, not two."""
    link = ROOT / "src" / "policydocs" / "templates"
    assert link.is_symlink()
    assert os.readlink(link) == "../../templates"
    assert TEMPLATES.resolve() == (ROOT / "templates").resolve()
    assert sorted(p.name for p in TEMPLATES.glob("*.j2")) == sorted(p.name for p in (ROOT / "templates").glob("*.j2"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"templates/*.j2"' in pyproject
    assert '"starter/*"' in pyproject


@pytest.mark.parametrize("source", ["en", "fr"])
def test_a_new_site_checks_releases_and_builds_in_its_source_language(tmp_path: Path, source: str) -> None:
    out = ok(tmp_path, "new", "site", "--source-locale", source)
    site = tmp_path / "site"
    # Besides the build cache (.cache/, which the .gitignore written leaves out of the repository):
    assert "/.cache/" in (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    written = sorted(p for p in files if not p.startswith(".cache/"))
    assert written == [
        ".gitignore",
        "README.md",
        "data/policy.yml",
        "docs/.gitkeep",
        "locales/policy.pot",
        "mkdocs.yml",
    ]
    assert not (site / "templates").exists()
    for command in ("check data/policy.yml", f"serve --lang {source}", "release", "build"):
        assert f"  policydocs {command} " in out
    assert "i18n stats" not in out  # nothing to translate

    data = (site / "data" / "policy.yml").read_text(encoding="utf-8")
    assert f"source_locale: {source}\n" in data
    assert f"effective_date: {TODAY}\n" in data
    words = {"en": "Replace", "fr": "Remplacez"}[source]
    assert f"# {words} " in data  # the comments are in the policy's language
    checked = ok(site, "check", "data/policy.yml")
    assert checked.startswith("data/policy.yml: valid\n")
    assert "0 errors, 0 warnings" in checked

    ok(site, "release")
    assert ok(site, "check").startswith(f"data/policy.yml: valid; complete in {source}; 1 release verified")
    ok(site, "build")
    assert sorted(p.name for p in (site / "site").iterdir() if p.is_dir()) == [source, "schema", "versions"]
    page = (site / "site" / source / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{source}"' in page
    title = {"en": "Example Org privacy policy", "fr": "Politique de confidentialité d’Exemple SAS"}[source]
    assert title in page
    # The page frame comes from the package's templates, in the page's language.
    frame = {"en": "Version in force since", "fr": "Version en vigueur depuis le"}[source]
    assert frame in page


def test_a_new_site_in_two_languages_builds_both_once_translated(tmp_path: Path) -> None:
    out = ok(tmp_path, "new", "site", "--source-locale", "en", "--locales", "en,fr")
    site = tmp_path / "site"
    assert "locales: [en, fr]" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  policydocs i18n stats " in out
    catalog = read_catalog(site, "fr")
    assert catalog.locale_identifier == "fr"
    assert all(not m.string for m in catalog if m.id)
    assert not (site / "locales" / "en").exists()  # the source language has no catalog

    refused = run(site, "release", clock=TODAY)
    assert refused.returncode == 1
    assert "French cannot be published" in refused.stderr

    # The tie holds in every language: each text that states a fact says it in French words the French
    # phrasebook knows (a stand-in "[fr] <English>" would state nothing in French); the title stays a stand-in.
    for message in catalog:
        if message.id:
            message.string = FRENCH.get(message.context or "", f"[fr] {message.id}")
    assert {m.context for m in catalog if m.id} - {"title"} <= set(FRENCH), "a new string of the starter"
    write_catalog(site, catalog, "fr")

    ok(site, "release")
    ok(site, "build")
    assert sorted(p.name for p in (site / "site").iterdir() if p.is_dir()) == ["en", "fr", "schema", "versions"]
    french = (site / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french
    assert "[fr] Example Org privacy policy" in french
    assert 'hreflang="fr"' in (site / "site" / "en" / "index.html").read_text(encoding="utf-8")
    # Every word of the page in the page's language: the package's page text, the theme's words.
    for locale, other in (("en", "fr"), ("fr", "en")):
        pages = [*sorted((site / "site" / locale).rglob("*.html")), site / "site" / locale / "feed.xml"]
        assert len(pages) >= 4
        for page in pages:
            text = page.read_text(encoding="utf-8")
            found = [word for word in PAGE_WORDS[other] if word in text]
            assert not found, (page.relative_to(site), found)
        current = (site / "site" / locale / "index.html").read_text(encoding="utf-8")
        assert [word for word in PAGE_WORDS[locale][:4] if word not in current] == []


FRENCH = {
    "change_note": "Première version de notre politique de confidentialité.",
    "introduction.title": "Qui sommes-nous",
    "introduction.controller": (
        "Example Org est responsable des données personnelles décrites ici. "
        "Vous pouvez nous écrire à privacy@example.org."
    ),
    "data.title": "Les données collectées auprès de nos clients",
    "data.intro": "Lorsque vous créez un compte, nous collectons :",
    "data.categories.name": "votre nom ;",
    "data.categories.email": "votre adresse email.",
    "data.purpose": (
        "Vos nom et adresse email servent à fournir le service auquel vous avez souscrit, en exécution de notre "
        "contrat : ils sont obligatoires, et sans eux nous ne pouvons pas ouvrir votre compte."
    ),
    "data.access": "Seul notre personnel accède à ces données.",
    "retention.title": "Durée de conservation",
    "retention.account": "Nous conservons vos données de client trois (3) ans après la clôture de votre compte.",
    "rights.title": "Vos droits",
    "rights.how": (
        "Vous pouvez accéder à vos données, les faire rectifier ou effacer, en limiter le traitement ou vous y "
        "opposer, et les recevoir dans un format structuré et portable : écrivez à privacy@example.org."
    ),
    "rights.complaint": (
        "Vous pouvez aussi introduire une réclamation auprès de la Data Protection Commission, en Irlande."
    ),
    "facts.audiences.customers.label": "clients",
    "facts.data.name.label": "nom",
    "facts.data.email.label": "adresse email",
    "facts.purposes.service.label": "fourniture du service",
}
"""A French translation of the English starter: every text that states a fact says it in French."""


PAGE_WORDS = {
    "en": [
        "Version in force since",
        "Last modified",
        "Version history",
        "Permanent link to this section",
        "Switch to dark",
        "Read the version in force",
        "published on",
    ],
    "fr": [
        "Version en vigueur depuis",
        "Dernière modification",
        "Historique des versions",
        "Lien permanent vers cette section",
        "Passer au thème sombre",
        "Lire la version en vigueur",
        "publiée le",
        "Rechercher",
    ],
}
"""Words of the pages' frame in each language, which a page in the other language must not hold."""


def test_new_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n")
    refused = run(tmp_path, "new", "site")
    assert refused.returncode == 1
    assert "site: not empty; `policydocs new` starts a site in a new or empty folder only" in refused.stderr
    assert [p.name for p in site.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    ok(tmp_path, "new", "empty")
    assert (empty / "mkdocs.yml").is_file()


def test_new_refuses_a_source_it_has_no_starter_for_and_unknown_locales(tmp_path: Path) -> None:
    refused = run(tmp_path, "new", "site", "--source-locale", "de")
    assert refused.returncode == 2
    assert "invalid choice: 'de'" in refused.stderr
    unknown = run(tmp_path, "new", "site", "--locales", "en,xx-nope")
    assert unknown.returncode == 1
    assert '--locales: "xx-nope" is not a locale Babel knows' in unknown.stderr
    assert not (tmp_path / "site").exists()


def test_i18n_init_refuses_the_source_language(tmp_path: Path) -> None:
    site = new(tmp_path, "--source-locale", "fr")
    pot = (site / "locales" / "policy.pot").read_bytes()
    refused = run(site, "i18n", "init", "fr")
    assert refused.returncode == 1
    assert (
        "error: fr is the source language of data/policy.yml: its text is the data itself, and policydocs ships "
        "its page text in it; it has no catalog" in refused.stderr
    )
    assert not (site / "locales" / "fr").exists()
    assert (site / "locales" / "policy.pot").read_bytes() == pot


def test_a_template_of_the_site_replaces_the_package_s_of_the_same_name(tmp_path: Path) -> None:
    site = new(tmp_path)
    (site / "templates").mkdir()
    policy_template = (TEMPLATES / "policy.md.j2").read_text(encoding="utf-8")
    (site / "templates" / "policy.md.j2").write_text(
        policy_template + '\n{{ pgettext("custom.footer", "Page tenue par Example Org.") }}\n', encoding="utf-8"
    )
    project = load_options(site / "mkdocs.yml")
    assert project.template_dirs() == (site / "templates", TEMPLATES)
    messages = template_messages(project.template_dirs())
    files = {m.file for m in messages}
    assert "templates/policy.md.j2" in files
    assert "policydocs/templates/policy.md.j2" not in files
    assert "policydocs/templates/history.md.j2" in files
    assert [m.file for m in messages if m.context == "custom.footer"] == ["templates/policy.md.j2"]

    ok(site, "release")
    ok(site, "build")
    assert "Page tenue par Example Org." in (site / "site" / "en" / "index.html").read_text(encoding="utf-8")
    pot = (site / "locales" / "policy.pot").read_text(encoding="utf-8")
    ok(site, "i18n", "extract")
    extracted = (site / "locales" / "policy.pot").read_text(encoding="utf-8")
    assert extracted != pot
    assert 'msgctxt "custom.footer"' in extracted


def test_a_missing_templates_folder_named_in_mkdocs_yml_is_an_error(tmp_path: Path) -> None:
    site = new(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - policydocs:\n", "  - policydocs:\n      templates_dir: tpl\n")
    )
    with pytest.raises(ConfigError) as raised:
        load_options(config)
    assert 'no folder "tpl"' in str(raised.value.problems[0])


def test_the_plugin_says_it_needs_material(tmp_path: Path) -> None:
    site = new(tmp_path)
    ok(site, "release")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: mkdocs"))
    refused = run(site, "build", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert refused.returncode == 1
    assert (
        "mkdocs.yml: theme is mkdocs: policydocs needs theme: material "
        "(its pages use Material's admonitions and language switcher)" in refused.stderr
    )


def test_the_repository_s_own_site_reads_its_templates_once() -> None:
    """Exograd's templates/ is the package's folder itself: searched once, named as before in the catalogs."""
    project = load_options(ROOT / "mkdocs.yml")
    assert project.template_dirs() == (ROOT / "templates",)
    assert {m.file.split("/")[0] for m in template_messages(project.template_dirs())} == {"templates"}


def test_a_site_without_templates_uses_the_package_s(tmp_path: Path) -> None:
    site = tmp_path / "copy"
    shutil.copytree(ROOT / "tests" / "data" / "small", site)
    workspace = Workspace.of(site / "mkdocs.yml")
    assert workspace.template_dirs == (TEMPLATES,)
    assert workspace.messages
