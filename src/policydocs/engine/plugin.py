"""The mkdocs plugin: adds the edition of one locale (its pages and files) to a mkdocs build."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..errors import PolicyError
from ..formats import edition
from ..i18n.tags import normalized
from ..project import OPTIONS, load_project
from ..site import addresses
from ..site.edition import Edition
from ..site.publication import prepare, resolve_build_date, with_locale_in_translation
from .material import language_links, name_toggles, theme_language, with_html_lang

log = logging.getLogger("mkdocs.plugins.policydocs")

NEEDED_EXTENSIONS = ("attr_list", "admonition", "toc", "tables")
"""The Markdown extensions the generated pages are written for."""
LOCALE_VARIABLE = "POLICYDOCS_LOCALE"
"""Environment variable choosing the locale of a plain `mkdocs build` or `mkdocs serve`."""


def _declared(option: Any) -> c.BaseConfigOption[Any]:
    if option.item is not None:
        return c.ListOfItems(c.Type(option.item), default=list(option.default))
    return c.Type(option.kind, default=option.default)


class BuildOptions(base.Config):
    """The options `policydocs build` gives the plugin for each locale it builds."""

    locale = c.Optional(c.Type(str))
    """The locale of this build; `policydocs build` sets it for each locale in turn."""
    build_date = c.Optional(c.Type(str))
    """The day the site is built for (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today."""
    pdf = c.Type(bool, default=False)
    """Link each frozen version's PDF (`policydocs build --pdf` prints them with Chromium)."""
    draft = c.Type(bool, default=False)
    """Show unreleased changes of the data as a draft (always on in `mkdocs serve`)."""


# The project's options are declared once, in project.OPTIONS (read there without mkdocs, for every command).
PolicyDocsConfig = type(
    "PolicyDocsConfig",
    (BuildOptions,),
    {"__doc__": "Options of the ``policydocs`` plugin in mkdocs.yml.", **{o.name: _declared(o) for o in OPTIONS}},
)


class PolicyDocsPlugin(BasePlugin[PolicyDocsConfig]):  # type: ignore[valid-type]
    """Generates the policy's pages from data/policy.yml and the catalogs, for one locale."""

    def __init__(self) -> None:
        self.serving = False
        self.locale = ""
        self.locales: tuple[str, ...] = ()
        self.edition: Edition | None = None
        self.prepared: tuple[tuple[str, ...], Edition] | None = None
        """Set by `policydocs build`, which prepares every locale once before building them: the locales, and
        the edition of this one."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(100)  # before the search plugin, which reads theme.language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.theme.name != "material":
            raise PluginError(
                f"mkdocs.yml: theme is {config.theme.name or 'custom_dir only'}: policydocs needs theme: material "
                "(its pages use Material's admonitions and language switcher)"
            )
        if config.theme.get("font") is not False:
            raise PluginError(
                "mkdocs.yml: theme.font must be false: Material would load Google Fonts, "
                "a request to another host from a privacy policy page"
            )
        missing = [name for name in NEEDED_EXTENSIONS if name not in config.markdown_extensions]
        if missing:
            raise PluginError(
                f"mkdocs.yml: markdown_extensions needs {', '.join(missing)} for the policy's pages "
                "(anchors, banners, tables): add them to markdown_extensions"
            )
        preview = self.serving or self.config.draft
        try:
            if self.prepared is not None:
                # `policydocs build` checked and rendered everything once, for every locale.
                self.locales, self.edition = self.prepared
                self.locale = self.edition.locale
            else:
                project = load_project(Path(config.config_file_path))
                publication = prepare(project, resolve_build_date(self.config.build_date), draft=preview)
                self.locales = publication.locales
                self.locale = normalized(self.config.locale or os.environ.get(LOCALE_VARIABLE) or self.locales[0])
                if self.locale not in self.locales:
                    if not preview:
                        raise PluginError(
                            f'locale "{self.locale}" is not published (locales: {", ".join(self.locales)})'
                        )
                    # A language being translated: previewed as a draft, before it is listed and released.
                    publication = with_locale_in_translation(publication, self.locale)
                    self.locales = publication.locales
                # A preview shows the page even with gaps in the catalog; a build refuses them.
                self.edition = edition(publication, self.locale, strict=not preview, pdf=self.config.pdf)
        except PolicyError as err:
            raise PluginError(str(err)) from err
        # site_url names the whole site; each locale is built as its own site under it.
        if config.site_url:
            config.site_url = config.site_url.rstrip("/") + f"/{self.locale}/"
        # The site's folder is the locale's code (pt_BR); Material wants a tag it has words for (pt-BR).
        config.theme["language"] = theme_language(self.locale, config.theme.dirs)
        config.extra["alternate"] = language_links(self.locales)
        if addresses.STYLESHEET not in config.extra_css:
            config.extra_css.append(addresses.STYLESHEET)
        name_toggles(config.theme.get("palette"), self.edition.words)
        if "permalink" in self.edition.words:  # the headings' permalinks, titled in the page's language
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.edition.words["permalink"]
        return config

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # mkdocs makes a new Jinja environment for every build, so every locale of every build compiled
        # Material's templates again (a third of a small locale's build): compiled once, they are kept in
        # the build cache (written atomically by Jinja; a changed template is compiled again).
        folder = load_project(Path(config.config_file_path)).cache().folder
        if folder is not None:
            (folder / "jinja").mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.edition is not None
        for uri, made in self.edition.files.items():
            if uri.endswith(".md") and files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} conflicts with the page policydocs generates: remove it")
            inclusion = (
                InclusionLevel.UNDEFINED if made.in_nav or not uri.endswith(".md") else InclusionLevel.NOT_IN_NAV
            )
            files.append(File.generated(config, uri, content=made.content, inclusion=inclusion))
        return files

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # Material's switcher reads config.extra.alternate; pages render one at a time.
        languages = self.edition.languages.get(page.file.src_uri, self.locales) if self.edition else self.locales
        config.extra["alternate"] = language_links(languages, page.url)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Every page announces the feed (the theme's head has no hook for it).
        title = html.escape(self.edition.title if self.edition else "", quote=True)
        link = (
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{addresses.to_feed(page.url)}">'
        )
        return with_html_lang(output.replace("</head>", f"{link}\n</head>", 1), self.locale)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page, rendered from Material's template alone.
        return with_html_lang(output_content, self.locale) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        project = load_project(Path(config.config_file_path))
        data_folder = project.path(project.data).parent  # editors often replace the file on save
        for path in (data_folder, project.path(project.locales_dir), project.path(project.templates_dir)):
            if path.exists():
                server.watch(str(path))
        return server
