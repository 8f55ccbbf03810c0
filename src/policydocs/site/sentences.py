"""The summary of a change as plain sentences in the source language, for the terminal."""

from __future__ import annotations

from ..i18n.catalog import Translator
from ..policy.model import Policy
from ..versions.summary import Change
from ..workspace import Workspace
from .render import renderer_for


def summary_lines(workspace: Workspace, policy: Policy, changes: list[Change]) -> list[str]:
    """The summary's sentences in the source language, as plain text."""
    translator = Translator(policy.source_locale, policy.source_locale)
    renderer = renderer_for(workspace, translator, output="text")
    text = renderer.render("summary.md.j2", items=changes)
    return [line for line in text.splitlines() if line.strip()]
