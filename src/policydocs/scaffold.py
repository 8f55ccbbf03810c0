"""`policydocs new`: the files of a new organisation's site, ready to check, release and build."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from string import Template

from babel import Locale, UnknownLocaleError

from .errors import ConfigError
from .words import language_name

STARTER_LANGUAGES = ("en", "fr")
"""The languages the starter policy is written in (its text and its comments)."""


@dataclass(frozen=True)
class Started:
    """What `policydocs new` wrote."""

    root: Path
    source_locale: str
    locales: tuple[str, ...]
    files: tuple[Path, ...]
    """Every file written, in the order written."""


STARTER = Path(__file__).parent / "starter"
"""The files a new site starts from: ``policy.<lang>.yml`` (``$date``: its effective date), ``mkdocs.yml``,
``README.md`` and ``gitignore`` (``$name``, ``$source``, ``$locales``, ``$locales_list``, ``$source_name``)."""

SITE_NAME = {"en": "Example Org", "fr": "Exemple SAS"}
"""The fictional organisation of the starter policy, in each starter language."""


def _starter(file: str, **values: str) -> str:
    return Template((STARTER / file).read_text(encoding="utf-8")).substitute(values)


def _language_name(code: str) -> str:
    return language_name(code)


def check_locales(source_locale: str, locales: tuple[str, ...]) -> tuple[str, ...]:
    """The published locales, source first, each known to Babel and given once."""
    if source_locale not in STARTER_LANGUAGES:
        raise ConfigError(
            f'--source-locale "{source_locale}": the starter policy is written in English or French '
            f"({', '.join(STARTER_LANGUAGES)}); start from one of them, then translate data/policy.yml "
            "and change its source_locale"
        )
    ordered = [source_locale] + [code for code in locales if code != source_locale]
    for code in ordered:
        try:
            Locale.parse(code)
        except (ValueError, TypeError, UnknownLocaleError) as err:
            raise ConfigError(f'--locales: "{code}" is not a locale Babel knows (such as "de" or "pt_BR")') from err
    if len(set(ordered)) != len(ordered):
        raise ConfigError(f"--locales: a locale is given twice ({', '.join(locales)})")
    return tuple(ordered)


def start(root: Path, source_locale: str, locales: tuple[str, ...], today: datetime.date) -> Started:
    """Write a new site into ``root`` (absent or empty): refused, writing nothing, if it holds anything."""
    published = check_locales(source_locale, locales)
    if root.exists() and not root.is_dir():
        raise ConfigError("exists and is not a folder", file=root)
    if root.is_dir() and any(root.iterdir()):
        raise ConfigError("not empty; `policydocs new` starts a site in a new or empty folder only", file=root)
    values = {
        "name": SITE_NAME[source_locale],
        "source": source_locale,
        "source_name": _language_name(source_locale),
        "locales": ", ".join(published),
        "locales_list": ", ".join(_language_name(code) for code in published),
    }
    texts = {
        "mkdocs.yml": _starter("mkdocs.yml", **values),
        "data/policy.yml": _starter(f"policy.{source_locale}.yml", date=today.isoformat()),
        "docs/.gitkeep": "",
        "README.md": _starter("README.md", **values),
        ".gitignore": _starter("gitignore"),
    }
    written = []
    root.mkdir(parents=True, exist_ok=True)
    for relative, text in texts.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written += _catalogs(root, published)
    return Started(root, source_locale, published, tuple(written))


def _catalogs(root: Path, published: tuple[str, ...]) -> list[Path]:
    """locales/policy.pot, and an untranslated catalog for each published locale but the source."""
    from .workflow.translation import extract_template, init_catalog
    from .workspace import Workspace

    workspace = Workspace.of(root / "mkdocs.yml")
    pot, _ = extract_template(workspace)
    return [pot] + [path for locale in published[1:] for path in init_catalog(workspace, locale)]
