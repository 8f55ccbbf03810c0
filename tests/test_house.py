"""The house: rooms that keep mkdocs out of the core, a version, one sentence for every change kind."""

from __future__ import annotations

import subprocess
import sys

import pytest

from policydocs import __version__
from policydocs.i18n.catalog import Translator, shipped_locales
from policydocs.options import load_options
from policydocs.site.render import Renderer
from policydocs.versions.summary import Change, ChangeKind

from .conftest import ROOT, run

CORE = ("policydocs.policy", "policydocs.i18n", "policydocs.versions", "policydocs.lint", "policydocs.site")


def test_the_core_imports_no_mkdocs() -> None:
    """Every module of the engine-free rooms, and the commands that do not build, load without mkdocs."""
    modules = [
        f"{room}.{path.stem}"
        for room in CORE
        for path in (ROOT / "src" / room.replace(".", "/")).glob("*.py")
        if path.stem != "__init__"
    ]
    modules += ["policydocs.formats", "policydocs.cli", "policydocs.options", "policydocs.workspace"]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from policydocs.cli import main\n"
        "main(['check'])\n"
    )
    code = script + "loaded = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]\nprint(loaded)\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stderr == ""
    assert result.stdout.rstrip().endswith("[]"), result.stdout[-300:]


def test_version() -> None:
    result = run(ROOT, "--version")
    assert result.returncode == 0
    assert result.stdout == f"policydocs {__version__}\n"
    assert __version__[0].isdigit()


VALUES = {
    "old": "ancien",
    "new": "nouveau",
    "title": "Clients",
    "audience": "Clients",
    "text": "Adresse IP source.",
    "label": "facturation",
    "rule": "Clients",
    "recipients": ["staff", "partners"],
    "name": "Vultr",
    "details": "hébergement",
    "data": "Adresse email.",
    "enabled": True,
    "right": "portability",
    "section": "Introduction",
    "provider": "Meta Platforms Ireland",
    "purpose": "publicité ciblée",
    "consent": "required",
    "fact": "Mailchimp",
    "duration": "3 ans",
    "places": "Canada",
    "mechanism": "scc",
    "law": "CCPA",
    "where": ["account-settings"],
}
SPECIAL = {
    ChangeKind.PURPOSE_BASIS: {"old": None, "new": "consent"},
    ChangeKind.IDENTITY_CHECK: {"old": "always", "new": "reasonable-doubt"},
    ChangeKind.RETENTION_CHANGED: {"old": "legal", "new": "3 ans"},
    ChangeKind.RETENTION_START: {"old": "collection", "new": "account-closure"},
    ChangeKind.RECIPIENT_SAFEGUARD: {"old": None, "new": "scc"},
    ChangeKind.COOKIE_CONSENT: {"old": "exempt", "new": "required"},
    ChangeKind.COOKIE_LIFETIME: {"old": "session", "new": "13 mois"},
    ChangeKind.RETENTION_UP_TO: {"old": False, "new": True},
    ChangeKind.RECIPIENT_ROLE: {"old": "processor", "new": "controller"},
}


@pytest.mark.parametrize("locale", shipped_locales())
def test_every_change_kind_has_its_sentence_in_every_shipped_language(locale: str) -> None:
    options = load_options(ROOT / "mkdocs.yml")
    translator = Translator(locale, "fr")  # the package's page text in that language, nothing of a site's
    renderer = Renderer(options.template_dirs(), translator, output="text")
    sentences = {}
    for kind in ChangeKind:
        item = Change(kind, False, "anchor", VALUES | SPECIAL.get(kind, {}))
        text = renderer.render("summary.md.j2", items=[item]).strip()
        assert text.startswith("- ") and len(text) > 10, (kind, text)
        sentences[kind] = text
    assert len(set(sentences.values())) == len(ChangeKind)  # each kind says something of its own
    # A fact newly declared where its sentence was already there is never said to be a new practice.
    newly = {
        renderer.render("summary.md.j2", items=[Change(kind, False, "anchor", VALUES, newly_stated=True)]).strip()
        for kind in (ChangeKind.PURPOSE_ADDED, ChangeKind.PROCESSOR_DATA, ChangeKind.PURPOSE_REMOVED)
    }
    assert len(newly) == 3 and all("Mailchimp" in line for line in newly)
    # Said in the words of a newly stated fact, not as the kind's own sentence (a new purpose, new data…).
    assert not newly & {sentences[kind] for kind in ChangeKind}


def test_an_unknown_change_kind_is_an_error_not_an_empty_line() -> None:
    from policydocs.errors import TemplateError

    renderer = Renderer(ROOT / "templates", Translator("fr", "fr"), output="text")
    with pytest.raises(TemplateError, match='no sentence for the change kind "something-new"'):
        renderer.render("summary.md.j2", items=[Change("something-new", False, "x", {})])  # type: ignore[arg-type]


def test_every_change_kind_has_its_sentence_in_the_notice_letter() -> None:
    """The letter words each kind of change itself (never the catch-all): a kind added without its sentence fails."""
    import re

    template = (ROOT / "templates" / "notice.md.j2").read_text(encoding="utf-8")
    worded = set(re.findall(r'item\.kind == "([a-z-]+)"', template))
    # Reworded sections are named together after the items (the letter's "also reworded" paragraph).
    worded |= set(re.findall(r'selectattr\("kind", "equalto", "([a-z-]+)"\)', template))
    assert {kind.value for kind in ChangeKind} - worded == set()


def test_every_file_the_package_ships_beside_its_code_is_in_its_package_data() -> None:
    """A wheel holds the package's data files only if pyproject.toml's package-data names them: every phrasebook,
    catalog, template and theme file under src/policydocs/ is matched by one of its patterns."""
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["policydocs"]
    package = ROOT / "src" / "policydocs"
    files = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert any(name.startswith("phrasebooks/") for name in files)
    unmatched = [
        name
        for name in files
        if not any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(name, p.replace("**/", "")) for p in patterns)
    ]
    assert unmatched == []


def test_every_name_of_the_public_api_resolves() -> None:
    """What ``policydocs`` lists for programs that drive it exists: a module moved is a name that still leads to it."""
    import policydocs

    missing = []
    for name in policydocs.__all__:
        try:
            getattr(policydocs, name)
        except (AttributeError, ImportError) as err:
            missing.append(f"{name}: {err}")
    assert missing == []
    assert {"Workspace", "Options", "Engine", "build_site", "check_all"} <= set(policydocs.__all__)
