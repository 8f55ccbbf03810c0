"""The mkdocs plugin: adds the generated policy pages of one locale to a mkdocs build."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..errors import PolicyError
from ..formats.exports import write_locale_exports
from ..formats.feed import FEED_FILE
from ..project import Project
from ..site.publication import (
    LocalePages,
    Publication,
    name_toggles,
    prepare,
    render_locale,
    resolve_build_date,
    theme_words,
)
from ..site.render import language_links

log = logging.getLogger("mkdocs.plugins.policydocs")

STYLESHEET = "assets/policydocs.css"
"""The tool's own styles (redline, hidden labels), added to every site."""
LOCALE_VARIABLE = "POLICYDOCS_LOCALE"
"""Environment variable choosing the locale of a plain `mkdocs build` or `mkdocs serve`."""


class PolicyDocsConfig(base.Config):
    """Options of the ``policydocs`` plugin in mkdocs.yml; paths are relative to mkdocs.yml."""

    policy = c.Type(str, default="data/policy.yml")
    """The policy's data file."""
    locales_dir = c.Type(str, default="locales")
    """Where the gettext catalogs are: ``<locales_dir>/<lang>/LC_MESSAGES/policy.po``."""
    templates_dir = c.Type(str, default="templates")
    """The Jinja templates of the generated pages."""
    locales = c.ListOfItems(c.Type(str), default=[])
    """Published locales, the default one first. Each is built into ``site/<lang>/``."""
    releases_dir = c.Type(str, default="data/releases")
    """The frozen releases, one file per version: ``<releases_dir>/<effective date>.yml``."""
    notice_days = c.Type(int, default=30)
    """Days a material change must be published before it takes effect."""
    locale = c.Optional(c.Type(str))
    """The locale of this build; `policydocs build` sets it for each locale in turn."""
    build_date = c.Optional(c.Type(str))
    """The day the site is built for (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today."""
    pdf = c.Type(bool, default=False)
    """Link each frozen version's PDF (`policydocs build --pdf` prints them with Chromium)."""
    waive = c.Type(dict, default={})
    """Linter rules accepted for this policy: ``rule-id`` (or ``rule-id:id.path``) → the reason, printed in reports."""
    draft = c.Type(bool, default=False)
    """Show unreleased changes of the data as a draft (always on in `mkdocs serve`)."""


class PolicyDocsPlugin(BasePlugin[PolicyDocsConfig]):
    """Generates the policy's pages from data/policy.yml and the catalogs, for one locale."""

    def __init__(self) -> None:
        self.serving = False
        self.project: Project | None = None
        self.locale = ""
        self.locales: tuple[str, ...] = ()
        self.result: LocalePages | None = None
        self.publication: Publication | None = None
        self.preview = False
        self.site_url: str | None = None
        self.prepared: tuple[Publication, LocalePages] | None = None
        """Set by `policydocs build`, which prepares every locale once before building them."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(100)  # before the search plugin, which reads theme.language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.project = Project(
            root=root,
            data=self.config.policy,
            locales_dir=self.config.locales_dir,
            templates_dir=self.config.templates_dir,
            locales=tuple(self.config.locales),
            releases_dir=self.config.releases_dir,
            notice_days=self.config.notice_days,
        )
        if config.theme.get("font") is not False and config.theme.name == "material":
            raise PluginError(
                "mkdocs.yml: theme.font must be false: Material would load Google Fonts, "
                "a request to another host from a privacy policy page"
            )
        preview = self.serving or self.config.draft
        try:
            if self.prepared is not None:
                # `policydocs build` checked and rendered everything once, for every locale.
                publication, self.result = self.prepared
                self.locales, self.locale = publication.locales, self.result.locale
            else:
                publication = prepare(self.project, resolve_build_date(self.config.build_date), draft=preview)
                self.locales = publication.locales
                self.locale = self.config.locale or os.environ.get(LOCALE_VARIABLE) or self.locales[0]
                if self.locale not in self.locales:
                    raise PluginError(f'locale "{self.locale}" is not published (locales: {", ".join(self.locales)})')
                # A preview shows the page even with gaps in the catalog; a build refuses them.
                self.result = render_locale(publication, self.locale, strict=not preview, pdf=self.config.pdf)
            self.publication, self.preview = publication, preview
        except PolicyError as err:
            raise PluginError(str(err)) from err
        # site_url names the whole site; each locale is built as its own site under it.
        self.site_url = config.site_url or None
        if self.site_url:
            config.site_url = self.site_url.rstrip("/") + f"/{self.locale}/"
        config.theme["language"] = self.locale
        config.extra["alternate"] = language_links(self.locales)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        name_toggles(config.theme.get("palette"), theme_words(publication, self.locale, strict=not preview))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.result is not None
        stylesheet = (Path(__file__).parents[1] / "theme" / "policydocs.css").read_text(encoding="utf-8")
        files.append(File.generated(config, STYLESHEET, content=stylesheet))
        for uri, content in self.result.pages.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} conflicts with the page policydocs generates: remove it")
            # Frozen versions stay out of the navigation (every nav page is rendered into every sidebar).
            inclusion = InclusionLevel.NOT_IN_NAV if uri in self.result.hidden else InclusionLevel.UNDEFINED
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        if self.config.pdf:
            # Stand-ins, so links to them resolve; `policydocs build --pdf` prints the real ones over them.
            for slug in self.result.policies:
                files.append(File.generated(config, f"versions/{slug}/policy.pdf", content=b""))
        return files

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # Material's switcher reads config.extra.alternate; pages render one at a time.
        config.extra["alternate"] = language_links(self.locales, page.url)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Every page announces the feed (the theme's head has no hook for it).
        href = "../" * page.url.count("/") + FEED_FILE
        title = html.escape(self.result.title if self.result else "", quote=True)
        link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.publication is not None and self.result is not None
        try:
            write_locale_exports(
                Path(config.site_dir), self.publication, self.result, self.site_url, strict=not self.preview
            )
        except PolicyError as err:
            raise PluginError(str(err)) from err

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        data_folder = self.project.path(self.project.data).parent  # editors often replace the file on save
        for path in (
            data_folder,
            self.project.path(self.project.locales_dir),
            self.project.path(self.project.templates_dir),
        ):
            if path.exists():
                server.watch(str(path))
        return server
