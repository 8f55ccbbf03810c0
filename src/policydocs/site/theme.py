"""The theme's own words and styles: the light/dark switch in the page's language, the tool's stylesheet."""

from __future__ import annotations

from pathlib import Path

import yaml

from .publication import Publication, frame_translator
from .render import renderer_for


def stylesheet() -> str:
    """The tool's own styles (redline, visually hidden labels, print), shipped in the package."""
    return (Path(__file__).parents[1] / "theme" / "policydocs.css").read_text(encoding="utf-8")


def standalone_stylesheet() -> str:
    """The tool's styles and the frame Material gives the site's pages, for a page read outside the site."""
    frame = (Path(__file__).parents[1] / "theme" / "standalone.css").read_text(encoding="utf-8")
    return stylesheet() + "\n" + frame


THEME_WORDS = "theme.yml.j2"


def theme_words(publication: Publication, locale: str, *, strict: bool = True) -> dict[str, str]:
    """The theme's own words in ``locale`` (the light/dark switch, the description, the 404 page).

    From templates/theme.yml.j2, if there is one.
    """
    workspace = publication.workspace
    templates = workspace.template_dirs
    if not any((folder / THEME_WORDS).is_file() for folder in templates):
        return {}
    renderer = renderer_for(workspace, frame_translator(publication, locale, strict), output="text", strict=strict)
    policy = publication.draft or publication.versions[-1].release.policy
    words = yaml.safe_load(renderer.render(THEME_WORDS, company=policy.facts.controllers[0].name))
    return {str(k): str(v) for k, v in (words or {}).items()}
