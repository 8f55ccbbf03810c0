"""The summary of a change as plain sentences in the source language, for the terminal."""

from __future__ import annotations

from ..i18n.catalog import Translator
from ..policy.v2 import Policy
from ..project import Project
from ..versions.summary import Change
from .render import Renderer


def summary_lines(project: Project, policy: Policy, changes: list[Change]) -> list[str]:
    """The summary's sentences in the source language, as plain text."""
    translator = Translator(policy.source_locale, policy.source_locale)
    renderer = Renderer(project.template_dirs(), translator, output="text", cache=project.cache())
    text = renderer.render("summary.md.j2", items=changes)
    return [line for line in text.splitlines() if line.strip()]
