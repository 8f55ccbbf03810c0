"""Catalogs brought up to date: a template merged into a locale's catalog, a new catalog made from a template.

Functions of catalogs alone, reading no site: the translators' commands (``workflow.translation``) and the
package's own catalogs (``i18n.tool``) both merge through them.
"""

from __future__ import annotations

import copy
from pathlib import Path

from babel.messages.catalog import Catalog

from ..words import language_name
from .catalog import read_catalog
from .extract import project_name, set_project
from .pofile import restore_previous

PLACEHOLDERS = ("EMAIL@ADDRESS", "ORGANIZATION", "FIRST AUTHOR", "LL@li.org", "the the ")
"""Signs of a header field or comment still as Babel's defaults left it."""


def _language(locale: str) -> str:
    """A locale's name for a catalog's header, in English as gettext's own headers are."""
    return language_name(locale)


def header_comment(locale: str, name: str) -> str:
    """The comment a new catalog starts with, naming its language and its site."""
    return f"# {_language(locale)} translation of {name}."


def _update_header(catalog: Catalog, template: Catalog, locale: str) -> None:
    """The site's name and address from the template; Babel's placeholders replaced, a translator's words kept."""
    catalog.project, catalog.version = template.project, template.version
    catalog.msgid_bugs_address = template.msgid_bugs_address
    if any(p in catalog.last_translator for p in PLACEHOLDERS):
        catalog.last_translator = ""
    if "LANGUAGE" in catalog.language_team or any(p in catalog.language_team for p in PLACEHOLDERS):
        catalog.language_team = _language(locale)
    if any(p in catalog.header_comment for p in PLACEHOLDERS):
        catalog.header_comment = header_comment(locale, project_name(template))


def _carry_by_context(catalog: Catalog, template: Catalog) -> dict[tuple[str, str], str]:
    """Re-key the translation of each reworded source string to its new text, marked fuzzy.

    The msgctxt is the string's stable id path, so a changed msgid under the
    same msgctxt is the same string reworded: its translation is the one to
    review. Babel's own fuzzy matching, which pairs strings by resemblance
    across contexts, is left for strings whose id path is new.
    Returns ``(msgctxt, new msgid) → previous msgid`` for what was re-keyed: the
    text the translation was made for (an entry reworded twice before review
    keeps its first previous msgid, as msgmerge does).
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
        made_for = old.previous_id[0] if old.fuzzy and old.previous_id else old.id
        reworded[(message.context, str(message.id))] = str(made_for)
    return reworded


def merge(po_path: Path, display: str, template: Catalog, locale: str) -> Catalog:
    """The catalog at ``po_path`` brought up to date with ``template`` (not written; ``template`` untouched).

    Babel's update puts the template's own message objects into the catalog for new strings: merged from a
    copy, a translation written into one catalog (the English catalog's msgstr = msgid) never reaches the
    template, nor the next catalog merged from it.
    """
    template = copy.deepcopy(template)
    catalog = read_catalog(po_path, display)
    restore_previous(catalog, po_path.read_bytes().decode(catalog.charset, "replace"))
    previous = {(m.context, m.id): list(m.previous_id) for m in catalog if m.id and m.fuzzy and m.previous_id}
    reworded = _carry_by_context(catalog, template)
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    for message in catalog:
        key = (message.context, message.id)
        if not message.id or not message.fuzzy:
            continue
        if key in reworded:
            message.previous_id = [reworded[key]]
        elif key in previous and not message.previous_id:
            message.previous_id = previous[key]
    _update_header(catalog, template, locale)
    return catalog


def new_catalog(template: Catalog, locale: str, domain: str) -> Catalog:
    catalog = Catalog(
        locale=locale,
        domain=domain,
        header_comment=header_comment(locale, project_name(template)),
        language_team=_language(locale),
        fuzzy=False,
    )
    set_project(catalog, project_name(template))
    # Set after construction: Babel's constructor turns empty values into its placeholders.
    catalog.msgid_bugs_address = template.msgid_bugs_address
    catalog.last_translator = ""
    catalog.update(template)
    return catalog
