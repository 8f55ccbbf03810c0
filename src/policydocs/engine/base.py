"""What every engine builds, and the one method an engine has.

``policydocs build`` makes every locale's edition (its pages and files,
checked), then hands them to an engine as a ``SiteBuild``; the engine
writes each locale's site into ``into/<locale>/``. The site's root files
(the entry page, the record, the sitemaps) are written by the build
around it, whatever the engine. MkDocs (``engine.build.MkDocs``),
Zensical (``engine.zensical.Zensical``) and the Markdown export
(``engine.export.Export``) are the three shipped; a fourth is one class
with a ``build`` method (the preview serves any of them).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..options import Options
from ..site.edition import Edition


@dataclass(frozen=True)
class SiteBuild:
    """The editions to build and the facts of this build; picklable, for a build in other processes."""

    config_file: Path
    """mkdocs.yml: the site's theme, extensions and own pages, which an engine reads."""
    options: Options
    locales: tuple[str, ...]
    """Every locale of the site, the default first (a page links all of them)."""
    editions: Mapping[str, Edition] = field(repr=False)
    """The locales to build now, each with its edition (all of them, or those a preview found changed)."""
    day: datetime.date
    """The day the site is built for: its dates, and SOURCE_DATE_EPOCH unless the environment sets it."""
    draft: bool = False
    """A staging copy (a draft build or a preview): noindex, language links kept relative, no site_url."""
    pdf: bool = False
    """Each frozen version links its PDF (`policydocs build --pdf` prints them after the engine)."""
    current: str | None = None
    """The version in force, whose JSON-LD its page links; None in a draft."""

    @property
    def site_url(self) -> str | None:
        """The site's public address, for a published build only (a staging copy is not at that address)."""
        return None if self.draft else self.options.site_url


class Engine(Protocol):
    """Builds the pages of a ``SiteBuild`` into a folder."""

    name: str
    """As ``--engine`` and mkdocs.yml's ``engine`` option name it."""

    def build(self, site: SiteBuild, into: Path) -> None:
        """Write the site of each locale of ``site.editions`` into ``into/<locale>/``; raise a PolicyError when a
        locale fails (``into`` is a staging folder: the build swaps it in only when every locale has built)."""
        ...
