"""The translators' workflow on files: write the .pot, merge it into every locale's .po."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import unescape, write_po

from ..errors import CatalogError
from ..project import Project
from .catalog import DOMAIN, catalog_path, read_catalog
from .extract import make_template

WIDTH = 76


def template_path(project: Project) -> Path:
    return project.path(project.locales_dir) / f"{DOMAIN}.pot"


def build_template(project: Project) -> Catalog:
    """The .pot catalog of every string of the data and the templates."""
    policy = project.load_policy()
    return make_template(project.messages(policy))


def _write(catalog: Catalog, path: Path, **options: object) -> None:
    """Write a catalog only if its text changed, through a temporary file."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, **options)  # type: ignore[arg-type]
    data = buffer.getvalue()
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_bytes(data)
    partial.replace(path)


def extract_template(project: Project, output: Path | None = None) -> tuple[Path, int]:
    """Write locales/policy.pot; return its path and message count."""
    catalog = build_template(project)
    path = output or template_path(project)
    _write(catalog, path)
    return path, len(catalog)


def locales_on_disk(project: Project) -> list[str]:
    """Every locale with a catalog under the locales folder."""
    folder = project.path(project.locales_dir)
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update_catalogs(project: Project) -> list[tuple[Path, int]]:
    """Merge the .pot into every locale's .po: new strings added, changed ones fuzzy, removed ones kept as #~."""
    path = template_path(project)
    template = read_catalog(path, str(path.relative_to(project.root)))
    done = []
    for locale in locales_on_disk(project):
        po_path = catalog_path(project.path(project.locales_dir), locale)
        catalog = read_catalog(po_path, str(po_path.relative_to(project.root)))
        restore_previous(catalog)
        reworded = _carry_by_context(catalog, template)
        catalog.update(template, update_header_comment=False, update_creation_date=False)
        for (context, text), previous in reworded.items():
            entry = catalog.get(text, context=context)
            if entry is not None:
                entry.previous_id = [previous]
        _write(catalog, po_path, include_previous=True)
        done.append((po_path, len(catalog)))
    return done


def restore_previous(catalog: Catalog) -> None:
    """Give back fuzzy entries their previous msgid, which Babel's reader keeps as a "| msgid" comment.

    Babel reads ``#| msgid "…"`` lines as translator comments; written back,
    they pile up as ``# | msgid`` lines at every update. Here they become
    the previous msgid again (kept only while the entry is fuzzy).
    """
    for message in [*catalog, *catalog.obsolete.values()]:
        previous = [c for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        text = " ".join(c[1:].strip() for c in previous)
        if message.fuzzy and text.startswith("msgid "):
            message.previous_id = ["".join(unescape(part) for part in _QUOTED.findall(text[len("msgid ") :]))]


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _carry_by_context(catalog: Catalog, template: Catalog) -> dict[tuple[str, str], str]:
    """Re-key the translation of each reworded French string to its new text, marked fuzzy.

    The msgctxt is the string's stable id path, so a changed msgid under the
    same msgctxt is the same string reworded: its translation is the one to
    review. Babel's own fuzzy matching, which pairs strings by resemblance
    across contexts, is left for strings whose id path is new.
    Returns ``(msgctxt, new msgid) → old msgid`` for what was re-keyed.
    """
    by_context = {m.context: m for m in catalog if m.id and m.context}
    reworded: dict[tuple[str, str], str] = {}
    for message in template:
        if not message.id or not message.context or catalog.get(message.id, context=message.context) is not None:
            continue
        old = by_context.get(message.context)
        if old is None or old.id == message.id or not old.string:
            continue
        if template.get(old.id, context=old.context) is not None:
            continue  # the old string is still wanted: this is not a rewording
        catalog.delete(old.id, context=old.context)
        catalog.add(
            message.id,
            old.string,
            context=message.context,
            flags=set(old.flags) | {"fuzzy"},
            user_comments=old.user_comments,
        )
        reworded[(message.context, str(message.id))] = str(old.id)
    return reworded


def init_catalog(project: Project, locale: str) -> Path:
    """Start ``locale``'s catalog from the .pot (every string untranslated)."""
    path = template_path(project)
    po_path = catalog_path(project.path(project.locales_dir), locale)
    shown = po_path.relative_to(project.root).as_posix()
    if po_path.exists():
        raise CatalogError(f"{shown}: already exists; `policydocs i18n update` brings it up to date")
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError) as err:
        raise CatalogError(f'"{locale}" is not a locale Babel knows (such as "de" or "pt_BR")') from err
    template = read_catalog(path, path.relative_to(project.root).as_posix())
    catalog = Catalog(locale=locale, domain=DOMAIN, project=template.project, fuzzy=False)
    catalog.update(template)
    _write(catalog, po_path)
    return po_path


@dataclass(frozen=True)
class CatalogStats:
    """How far one locale's catalog is translated, counted entry by entry (fuzzy is not translated)."""

    locale: str
    domain: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    published: bool

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def count(catalog: Catalog, locale: str, published: bool) -> CatalogStats:
    """Count a catalog's entries. Unlike `pybabel compile --statistics`, a fuzzy entry is not translated."""
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
        else:
            untranslated += 1
    return CatalogStats(locale, DOMAIN, translated, fuzzy, untranslated, len(catalog.obsolete), published)


def statistics(project: Project) -> list[CatalogStats]:
    """The statistics of every catalog under the locales folder."""
    published = set(project.locales)
    result = []
    for locale in locales_on_disk(project):
        path = catalog_path(project.path(project.locales_dir), locale)
        catalog = read_catalog(path, str(path.relative_to(project.root)))
        result.append(count(catalog, locale, locale in published))
    return result
