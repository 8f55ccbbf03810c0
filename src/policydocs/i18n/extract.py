"""The Babel extractor for policy.yml, and the making of the site's .pot catalog."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog

from ..errors import CatalogError
from ..policy import model, validate
from .catalog import template_messages

ExtractedMessage = tuple[int, str, tuple[str, str], list[str]]
"""What a Babel extractor yields: ``(line, funcname, (msgctxt, msgid), comments)``."""


def extract_policy(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[ExtractedMessage]:
    """Babel extraction method for a policy.yml (entry point ``babel.extractors: policydocs``).

    msgctxt is the string's stable id path; a policy with errors raises
    DataError listing them, since its strings cannot be trusted.
    """
    name = getattr(fileobj, "name", "policy.yml")
    display = options.get("display_name") or (name if isinstance(name, str) else "policy.yml")
    policy = validate.loads(fileobj.read().decode("utf-8"), display)
    for message in model.messages(policy):
        yield message.line, "pgettext", (message.context, message.text), [message.comment]


def all_messages(policy: model.Policy, templates_dir: Path) -> list[model.Message]:
    """Every string a site needs translated: the policy's, then the templates'.

    A template's msgctxt may not start like a policy.yml id path: the two
    would be confused in the catalog.
    """
    data_keys = {f.name for f in fields(model.Policy)}
    pages = template_messages(templates_dir)
    for message in pages:
        if message.context.split(".", 1)[0] in data_keys:
            raise CatalogError(
                f'{message.where}: msgctxt "{message.context}" looks like a policy.yml id path; '
                "give page text another prefix"
            )
    return model.messages(policy) + pages


def make_template(messages: list[model.Message], project: str = "the privacy policy") -> Catalog:
    """A .pot catalog of the messages, with references and translator comments, reproducible."""
    catalog = Catalog(
        project=project,
        version=None,
        copyright_holder=None,
        msgid_bugs_address=None,
        creation_date=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
        revision_date=None,
        fuzzy=False,
        header_comment=(
            f"# Translation template of {project}.\n"
            "# Made by `policydocs i18n extract` from data/policy.yml and templates/: do not edit."
        ),
    )
    for message in messages:
        catalog.add(
            message.text,
            locations=[(message.file, message.line)],
            auto_comments=[message.comment],
            context=message.context,
        )
    return catalog
