"""The Babel extractor for policy.yml, and the making of the site's .pot catalog."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog

from ..cache import Cache, Read
from ..errors import CatalogError
from ..policy import loading
from ..policy.model import Policy
from ..policy.scalars import Message
from .catalog import template_messages, tool_keys, tool_messages
from .messages import policy_messages

ExtractedMessage = tuple[int, str, tuple[str, str], list[str]]
"""What a Babel extractor yields: ``(line, funcname, (msgctxt, msgid), comments)``."""


def extract_policy(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[ExtractedMessage]:
    """Babel extraction method for a policy.yml (entry point ``babel.extractors: policydocs``).

    Reads either format: a file that says ``format: 2`` is a v2 policy, any
    other a v1 one. msgctxt is the string's stable id path; a policy with
    errors raises DataError listing them, since its strings cannot be trusted.
    """
    name = getattr(fileobj, "name", "policy.yml")
    display = options.get("display_name") or (name if isinstance(name, str) else "policy.yml")
    policy = loading.loads(fileobj.read().decode("utf-8"), display)
    for message in policy_messages(policy):
        yield message.line, "pgettext", (message.context, message.text), [message.comment]


def all_messages(
    policy: Policy, template_dirs: Sequence[Path], cache: Cache | None = None, read: Read = Path.read_bytes
) -> list[Message]:
    """Every string of the site's own domain: the policy's, then those of its own templates.

    The page text of the package's templates is the package's (domain
    ``policydocs``, see catalog.tool_entries); a site's template that keeps a
    string of the package's keeps its translations. A template's msgctxt may
    not be one of the policy's (a section or block id path): the two strings
    would be one entry of the catalog.
    """
    data = policy_messages(policy)
    contexts = {message.context: message for message in data}
    pages = template_messages(template_dirs, cache, read)
    for message in pages:
        clash = contexts.get(message.context)
        if clash is not None:
            raise CatalogError(
                f'{message.where}: msgctxt "{message.context}" is also the id path of {clash.where}; '
                "give page text another prefix, or the section or block another id"
            )
    tool = tool_keys(cache, read)
    return data + [message for message in pages if (message.context, message.text) not in tool]


def catalog_project(policy: Policy) -> str:
    """The site's name in its catalogs' headers: the policy's title, after the controller's name if it lacks it."""
    title, name = str(policy.title), str(policy.facts.controllers[0].name)
    return title if name in title else f"{name} — {title}"


def set_project(catalog: Catalog, name: str) -> None:
    """Make ``Project-Id-Version`` read exactly ``name``.

    Babel writes that field as ``"{project} {version}"`` and reads it back
    split at the last space: splitting the name the same way keeps it whole
    through every read and write, with no "VERSION" placeholder.
    """
    project, _, version = name.rpartition(" ")
    catalog.project, catalog.version = (project, version) if project else (name, "")


def project_name(catalog: Catalog) -> str:
    """The site's name a catalog's ``Project-Id-Version`` holds (see set_project)."""
    return f"{catalog.project} {catalog.version}".strip()


def make_template(messages: list[Message], project: str, *, bugs_address: str = "") -> Catalog:
    """A .pot catalog of the messages, with references and translator comments, reproducible.

    The header names the site (``project``) and where to report a problem in
    the source text (``bugs_address``), and keeps no placeholder of Babel's
    such as ``EMAIL@ADDRESS``; the dates are fixed, so the same strings give
    the same bytes.
    """
    catalog = Catalog(
        creation_date=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
        fuzzy=False,
        header_comment=(
            f"# Translation template of {project}.\n"
            "# Made by `policydocs i18n extract` from data/policy.yml and templates/: do not edit."
        ),
    )
    set_project(catalog, project)
    # Set after construction: Babel's constructor turns empty values into its placeholders.
    catalog.msgid_bugs_address = bugs_address
    catalog.last_translator = ""
    catalog.language_team = ""
    for message in messages:
        catalog.add(
            message.text,
            locations=[(message.file, message.line)],
            auto_comments=[message.comment],
            context=message.context,
        )
    return catalog


TOOL_PROJECT = "policydocs"
"""The package's catalogs' ``Project-Id-Version`` (with its version)."""


def tool_template() -> Catalog:
    """The .pot of the package's page text."""
    from .. import __version__  # read from the package's metadata when asked: not on every command

    catalog = make_template(tool_messages(), f"{TOOL_PROJECT} {__version__}", bugs_address="")
    catalog.header_comment = (
        "# Page text of policydocs' templates.\n"
        "# Made by `python -m policydocs.i18n.tool` from policydocs/templates/: do not edit."
    )
    return catalog
