"""The translators' workflow on a site's files: write the .pot, merge it into every locale's .po, start a language."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel.messages.catalog import Catalog

from ..errors import CatalogError, PolicyError
from ..i18n.catalog import DOMAIN, TOOL_DOMAIN, catalog_path, read_catalog, shipped_for
from ..i18n.extract import catalog_project, make_template, tool_template
from ..i18n.merging import merge, new_catalog
from ..i18n.messages import policy_messages
from ..i18n.pofile import write_catalog
from ..i18n.tags import code
from ..versions.archive import Release
from ..versions.timeline import version_at
from ..workspace import Workspace


def template_path(workspace: Workspace) -> Path:
    return workspace.options.path(workspace.options.locales_dir) / f"{DOMAIN}.pot"


def build_template(workspace: Workspace) -> Catalog:
    """The .pot catalog of every string of the data and the templates."""
    policy = workspace.policy
    return make_template(
        workspace.messages, catalog_project(policy), bugs_address=str(policy.facts.controllers[0].email)
    )


def _write(workspace: Workspace, catalog: Catalog, path: Path, *, include_previous: bool = False) -> None:
    """Write a catalog of the workspace, checked, only if its text changed.

    Babel flags every msgid that looks like a Python format string; only the
    templates' strings are formatted, and a data string such as "100 % des
    données" flagged so would make msgfmt compare it with its translation
    as a format.
    """
    data = PurePosixPath(workspace.options.data)
    for message in catalog:
        if message.locations and all(PurePosixPath(file) == data for file, _ in message.locations):
            message.flags.discard("python-format")
    write_catalog(catalog, path, _shown(workspace, path), include_previous=include_previous)


def _shown(workspace: Workspace, path: Path) -> str:
    """A catalog's path as errors name it: relative to the project's root."""
    try:
        return path.relative_to(workspace.options.root).as_posix()
    except ValueError:
        return str(path)


def extract_template(workspace: Workspace, output: Path | None = None) -> tuple[Path, int]:
    """Write locales/policy.pot; return its path and message count."""
    catalog = build_template(workspace)
    path = output or template_path(workspace)
    _write(workspace, catalog, path)
    return path, len(catalog)


def locales_on_disk(workspace: Workspace) -> list[str]:
    """Every locale with a catalog under the locales folder."""
    folder = workspace.options.path(workspace.options.locales_dir)
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update_catalogs(workspace: Workspace) -> list[tuple[Path, int]]:
    """Merge the .pot into every locale's .po: new strings added, changed ones fuzzy, removed ones kept as #~.

    A fuzzy entry shows the msgid its translation was made for (``#| msgid``)
    until a translator clears it, however many updates run in between. A
    site's catalogs of the package's page text (``policydocs.po``) that hold
    every string (a language the package does not ship) are merged with the
    package's template; those of a shipped language hold only the site's own
    wordings and are left as they are.
    """
    path = template_path(workspace)
    template = read_catalog(path, _shown(workspace, path))
    done = []
    in_force = _version_in_force(workspace)
    for locale in locales_on_disk(workspace):
        po_path = catalog_path(workspace.options.path(workspace.options.locales_dir), locale)
        catalog = merge(po_path, _shown(workspace, po_path), _with_version_in_force(in_force, template, locale), locale)
        _write(workspace, catalog, po_path, include_previous=True)
        done.append((po_path, len(catalog)))
    new_languages = [locale for locale in tool_locales_on_disk(workspace) if shipped_for(locale) is None]
    page_text = tool_template() if new_languages else None
    for locale in new_languages:
        assert page_text is not None
        po_path = catalog_path(workspace.options.path(workspace.options.locales_dir), locale, TOOL_DOMAIN)
        catalog = merge(po_path, _shown(workspace, po_path), page_text, locale)
        write_catalog(catalog, po_path, _shown(workspace, po_path), include_previous=True)
        done.append((po_path, len(catalog)))
    return done


def _version_in_force(workspace: Workspace) -> tuple[Release, datetime.date] | None:
    """The version in force today and its last day, when a later version is announced (None otherwise, or when
    the record cannot be read, which `check` says)."""
    try:
        releases = workspace.releases
    except PolicyError:
        return None
    version = version_at(releases, datetime.datetime.now(tz=datetime.UTC).date())
    if version is None or version is releases[-1]:
        return None
    return version, releases[releases.index(version) + 1].effective_date - datetime.timedelta(days=1)


def _with_version_in_force(in_force: tuple[Release, datetime.date] | None, template: Catalog, locale: str) -> Catalog:
    """The template, with the strings of the version in force that the data no longer says when a later version
    is announced and the version in force lacks ``locale``: its readers need it in their language until the
    announced one takes effect, and `policydocs release` freezes it once translated."""
    if in_force is None or locale in in_force[0].locales:
        return template
    version, until = in_force
    extended = copy.deepcopy(template)
    for message in policy_messages(version.policy):
        if extended.get(message.text, context=message.context) is not None:
            continue
        extended.add(
            message.text,
            locations=[(message.file, message.line)],
            auto_comments=[
                message.comment,
                f"Only in the version in force from {version.effective_date} to {until}, which has no "
                f"{locale} text yet.",
            ],
            context=message.context,
        )
    return extended


def stale_template(workspace: Workspace) -> int:
    """How many strings locales/policy.pot lacks or holds beyond what the data and templates say now (0: none,
    or the data cannot be read, which `check` reports)."""
    path = template_path(workspace)
    try:
        now = {(m.context, m.id) for m in build_template(workspace) if m.id}
        kept = {(m.context, m.id) for m in read_catalog(path, _shown(workspace, path)) if m.id}
    except PolicyError:
        return 0
    return len(now ^ kept)


def tool_locales_on_disk(workspace: Workspace) -> list[str]:
    """Every locale with a catalog of the package's page text (its own wordings, or a new language)."""
    folder = workspace.options.path(workspace.options.locales_dir)
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{TOOL_DOMAIN}.po"))


def check_new_locale(workspace: Workspace, locale: str) -> list[Path]:
    """The catalogs ``locale`` needs, all new, or a CatalogError: a locale with nothing to translate (the
    policy's source language, when the package ships its page text), one that has a catalog already, or one
    Babel does not know.

    A language gets its catalog of the site's text (``policy.po``), unless it
    is the policy's source language (whose text is the data itself), and,
    when the package does not ship it, a catalog of the package's page text
    (``policydocs.po``).
    """
    locale = _code(locale)
    source = workspace.policy.source_locale
    paths = [] if locale == source else [_new_catalog_path(workspace, locale)]
    if shipped_for(locale) is None:
        paths.append(_new_catalog_path(workspace, locale, TOOL_DOMAIN))
    if not paths:
        raise CatalogError(
            f"{locale} is the source language of {workspace.options.data}: its text is the data itself, and policydocs "
            "ships its page text in it; it has no catalog"
        )
    return paths


def _code(locale: str) -> str:
    try:
        return code(locale)
    except ValueError as err:
        raise CatalogError(f'"{locale}" is not a locale Babel knows (such as "de" or "pt_BR")') from err


def _new_catalog_path(workspace: Workspace, locale: str, domain: str = DOMAIN) -> Path:
    """Where ``locale``'s catalog goes (``pt-BR`` and ``pt_BR`` both give ``locales/pt_BR/…``), if it is new."""
    po_path = catalog_path(workspace.options.path(workspace.options.locales_dir), _code(locale), domain)
    if po_path.exists():
        shown = _shown(workspace, po_path)
        raise CatalogError("already exists; `policydocs i18n update` brings it up to date", file=shown)
    return po_path


def init_catalog(workspace: Workspace, locale: str) -> list[Path]:
    """Start ``locale``'s catalogs (every string untranslated): the site's text from its .pot, and the package's
    page text from the package's .pot when the package does not ship ``locale``.

    `policydocs i18n init` first checks what the locale needs
    (check_new_locale); this reads only the .pot files, so it also serves a
    project of catalogs alone.
    """
    locale = _code(locale)
    done = []
    source = workspace.policy.source_locale if workspace.options.path(workspace.options.data).exists() else None
    if locale != source:
        path = template_path(workspace)
        po_path = _new_catalog_path(workspace, locale)
        template = read_catalog(path, _shown(workspace, path))
        _write(workspace, new_catalog(template, locale, DOMAIN), po_path)
        done.append(po_path)
    if shipped_for(locale) is None:
        po_path = _new_catalog_path(workspace, locale, TOOL_DOMAIN)
        catalog = new_catalog(tool_template(), locale, TOOL_DOMAIN)
        write_catalog(catalog, po_path, _shown(workspace, po_path))
        done.append(po_path)
    return done


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
    in_force: int = 0
    """Of the untranslated and fuzzy, how many are strings of the version in force only (the data no longer
    says them): the build does not wait for them, `release` freezes them once translated."""

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def complete(self) -> bool:
        """Whether the build takes it: every string of the data translated, none fuzzy."""
        return self.fuzzy + self.untranslated == self.in_force


def count(
    catalog: Catalog, locale: str, published: bool, data: set[tuple[str, str | None]] | None = None
) -> CatalogStats:
    """Count a catalog's entries. Unlike `pybabel compile --statistics`, a fuzzy entry is not translated.

    ``data`` holds the ``(msgid, msgctxt)`` of every string the data and templates say now: an entry beyond
    them (a string of the version in force only) that is not translated is counted in ``in_force`` too.
    """
    translated = fuzzy = untranslated = in_force = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
            continue
        else:
            untranslated += 1
        if data is not None and (str(message.id), message.context) not in data:
            in_force += 1
    domain = catalog.domain or DOMAIN
    return CatalogStats(locale, domain, translated, fuzzy, untranslated, len(catalog.obsolete), published, in_force)


def statistics(workspace: Workspace) -> list[CatalogStats]:
    """The statistics of every catalog under the locales folder."""
    published = set(workspace.options.locales)
    result = []
    try:
        data = {(str(m.id), m.context) for m in build_template(workspace) if m.id}
    except PolicyError:
        data = None  # `check` says why
    for domain, locales in ((DOMAIN, locales_on_disk(workspace)), (TOOL_DOMAIN, tool_locales_on_disk(workspace))):
        for locale in locales:
            path = catalog_path(workspace.options.path(workspace.options.locales_dir), locale, domain)
            catalog = read_catalog(path, str(path.relative_to(workspace.options.root)))
            catalog.domain = domain
            result.append(count(catalog, locale, locale in published, data if domain == DOMAIN else None))
    return sorted(result, key=lambda row: (row.locale, row.domain))


def rekey_catalogs(workspace: Workspace, keys: Mapping[str, str]) -> list[Path]:
    """Rename the msgctxt of every entry of every catalog from ``keys`` (old → new), translations kept."""
    done = []
    for locale in locales_on_disk(workspace):
        path = catalog_path(workspace.options.path(workspace.options.locales_dir), locale)
        catalog = read_catalog(path, _shown(workspace, path))
        renamed = Catalog(locale=catalog.locale, domain=catalog.domain, fuzzy=False)
        renamed.mime_headers = catalog.mime_headers
        renamed.header_comment = catalog.header_comment
        for message in catalog:
            if not message.id:
                continue
            context = keys.get(message.context, message.context) if message.context else message.context
            renamed.add(
                message.id,
                message.string,
                locations=message.locations,
                flags=message.flags,
                auto_comments=message.auto_comments,
                user_comments=message.user_comments,
                previous_id=message.previous_id,
                context=context,
            )
        _write(workspace, renamed, path)
        done.append(path)
    return done
