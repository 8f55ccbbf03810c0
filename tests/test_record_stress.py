"""The record under stress: no command freezes what a later command refuses, and no input breaks the site."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from policydocs.policy.dump import to_data
from policydocs.policy.facts import Rights
from policydocs.versions.archive import RELEASE_HEADER, reread_release

from .conftest import edit_data, fill_page_text, read_catalog, run, write_catalog
from .test_serve import serving, wait_for
from .translations import translate_small

RELEASE = "data/releases/2022-12-26.yml"


def _data_files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}


def test_an_empty_rights_list_is_refused_before_anything_is_written(project: Path) -> None:
    edit_data(project, ("    list: [access, rectification, erasure]", "    list: []"))
    before = _data_files(project)
    for command in (("check",), ("release",), ("build",)):
        result = run(project, *command)
        assert result.returncode == 1, command
        assert "data/policy.yml:167:11: facts.rights.list: lists no right" in result.stderr, (command, result.stderr)
    assert _data_files(project) == before


def test_a_required_empty_list_stays_in_the_data_a_release_freezes() -> None:
    """The loader takes an absent required key for a mistake: the data written keeps it, empty."""
    assert to_data(Rights(list=())) == {"list": []}


def test_a_release_that_would_not_load_again_is_refused_with_the_reason(project: Path) -> None:
    """What `release` reads back before writing: a file the loader refuses is named with why."""
    frozen = yaml.safe_load((project / RELEASE).read_text(encoding="utf-8"))
    assert reread_release((project / RELEASE).read_text(encoding="utf-8"), RELEASE) == []
    del frozen["policy"]["controller"]
    text = RELEASE_HEADER + yaml.safe_dump(frozen, allow_unicode=True, sort_keys=False, width=100)
    problems = reread_release(text, RELEASE)
    assert problems and any("controller" in problem.message for problem in problems), problems
    assert all(problem.file == RELEASE and problem.line > 1 for problem in problems)
    # Loadable, but its digest is not its content's: it would not verify once written.
    edited = (
        (project / RELEASE).read_text(encoding="utf-8").replace("change_class: material", "change_class: editorial")
    )
    assert [problem.message for problem in reread_release(edited, RELEASE)] == [
        "the release would not verify once written"
    ]


def _ok(project: Path, *args: str, clock: str | None = None) -> str:
    result = run(project, *args, clock=clock)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def _page(site: Path, *parts: str) -> str:
    return " ".join(site.joinpath(*parts, "index.html").read_text(encoding="utf-8").split())


# The package's Brazilian Portuguese page text.
INSTEAD = "A versão em vigor desde 1 de março de 2024 não está disponível neste idioma."


def test_a_language_added_while_a_version_is_upcoming_reaches_the_version_in_force_and_never_stops_the_site(
    small: Path,
) -> None:
    _ok(small, "release", clock="2024-02-01")  # in force from 1 March 2024
    edit_data(
        small,
        ("effective_date: 2024-03-01", "effective_date: 2024-06-01"),
        ("Adresse email.", "Adresse électronique."),
    )
    _ok(small, "release", clock="2024-04-01")  # announced for 1 June
    # Brazilian Portuguese, translated from today's catalog: the announced version's words.
    _ok(small, "i18n", "init", "pt_BR")
    catalog = read_catalog(small, "pt_BR")
    translate_small(catalog, "pt_BR")
    write_catalog(small, catalog, "pt_BR")
    fill_page_text(small, "pt_BR")
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr]", "locales: [fr, pt_BR]"))
    added = _ok(small, "release", clock="2024-04-15")
    assert "translation added to the version of 2024-06-01, not a new version" in added
    assert "2024-03-01" not in added  # its "Adresse email." has no translation yet

    # The version in force has no Portuguese: every language builds; the Portuguese page says so and links French.
    for day in ("2024-04-15", "2024-06-02"):
        _ok(small, "check", "--date", day)
        _ok(small, "build", "--date", day)
    _ok(small, "build", "--date", "2024-04-15")
    site = small / "site"
    page = _page(site, "pt_BR")
    assert INSTEAD in page and 'Disponível em: <a href="../fr/">francês</a>.' in page
    assert "Abaixo, a versão que entra em vigor em 1 de junho de 2024." in page
    assert not (site / "pt_BR" / "versions" / "2024-03-01").exists()
    assert "Politique de confidentialité" in _page(site, "fr")
    notice = _ok(small, "notice", "2024-06-01", "--lang", "pt_BR")
    assert "pt_BR/versions/2024-06-01/" in notice
    assert "fr/versions/2024-06-01/changes/" in notice  # the word-for-word changes: in a language both versions have

    # The catalog asks for the words of the version in force; once translated, `release` freezes them beside it.
    _ok(small, "i18n", "update", clock="2024-04-20")
    catalog = read_catalog(small, "pt_BR")
    entry = catalog.get("Adresse email.", context="customers.categories.contact")
    assert entry is not None and any("Only in the version in force from 2024-03-01" in c for c in entry.auto_comments)
    waiting = run(small, "i18n", "stats").stdout
    assert "pt_BR   policy          27      0             1         0  yes (1 of the version in force" in waiting
    entry.string = "Endereço de e-mail."
    write_catalog(small, catalog, "pt_BR")
    added = _ok(small, "release", clock="2024-04-20")
    assert "data/releases/translations/2024-03-01.pt_BR.yml: Portuguese (Brazil) translation added" in added
    _ok(small, "build", "--date", "2024-04-20")
    assert INSTEAD not in _page(site, "pt_BR") and "Endereço de e-mail." in _page(site, "pt_BR")
    assert "Endereço de e-mail." in _page(site, "pt_BR", "versions", "2024-03-01")
    # The next update leaves the strings of the version in force out again: they are frozen.
    _ok(small, "i18n", "update", clock="2024-04-21")
    assert read_catalog(small, "pt_BR").get("Adresse email.", context="customers.categories.contact") is None

    # Removing a language: its pages are no longer built; the record keeps what it froze.
    config.write_text(config.read_text(encoding="utf-8").replace("locales: [fr, pt_BR]", "locales: [fr]"))
    _ok(small, "check", "--date", "2024-04-22")
    _ok(small, "build", "--date", "2024-04-22")
    assert not (site / "pt_BR").exists()
    assert (small / "data" / "releases" / "translations" / "2024-03-01.pt_BR.yml").is_file()


def test_a_first_version_announced_for_later_builds_an_upcoming_site(small: Path) -> None:
    _ok(small, "release", clock="2024-02-01")  # takes effect on 1 March 2024
    _ok(small, "check", "--date", "2024-02-10")
    _ok(small, "build", "--date", "2024-02-10")
    site = small / "site"
    page = _page(site, "fr")
    assert (
        "Cette politique de confidentialité entrera en vigueur le 1er mars 2024. Aucune version antérieure n’a été "
        "en vigueur."
    ) in page
    assert "Lire la version en vigueur" not in page + _page(site, "fr", "history") + _page(
        site, "fr", "versions", "2024-03-01"
    )
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert (versions["current"], versions["versions"][0]["status"]) == (None, "upcoming")
    # Nothing is announced before the first version is published: said, with what to do.
    early = run(small, "build", "--date", "2024-01-10")
    assert early.returncode == 1
    assert "nothing is published on 2024-01-10: the first version is published on 2024-02-01" in early.stderr
    edit_data(
        small, ("Adresse email.", "Adresse électronique."), ("effective_date: 2024-03-01", "effective_date: 2024-04-01")
    )
    diff = run(small, "diff", "current", "draft", env={"SOURCE_DATE_EPOCH": "1707523200"})  # 2024-02-10
    assert diff.returncode == 0 and diff.stdout.startswith("2024-03-01 → 2024-04-01 (fr)"), diff.stderr


def test_serve_previews_the_day_it_is_given(small: Path) -> None:
    _ok(small, "release", clock="2024-02-01")
    with serving(small, "--date", "2024-02-10") as url:
        page = wait_for(url + "fr/", "entrera en vigueur le 1er mars 2024")
        assert "Aucune version antérieure" in page
