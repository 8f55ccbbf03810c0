"""The mkdocs plugin: adds the edition of one locale (its pages and files) to a mkdocs build."""

from __future__ import annotations

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
from mkdocs.utils import normalize_url

from ..cache import Cache
from ..errors import PolicyError
from ..formats import edition
from ..i18n.tags import normalized
from ..options import OPTIONS, load_options
from ..site import addresses
from ..site.edition import Edition
from ..site.publication import prepare, prepared_facts, resolve_build_date, with_locale_in_translation
from ..workspace import Workspace
from .base import SiteBuild
from .converted import (
    conversion_frame,
    convert_from_cache,
    keep_rendered,
    kept_output,
    rendering_frame,
    unpacked,
)
from .material import (
    OVERRIDES,
    finish_page,
    name_toggles,
    override_data,
    theme_extra,
    theme_language,
    theme_problem,
    version_described,
    with_added_extensions,
)

log = logging.getLogger("mkdocs.plugins.policydocs")

LOCALE_VARIABLE = "POLICYDOCS_LOCALE"
"""Environment variable choosing the locale of a plain `mkdocs build` or `mkdocs serve` (default: the first)."""


def _declared(option: Any) -> c.BaseConfigOption[Any]:
    if option.item is not None:
        return c.ListOfItems(c.Type(option.item), default=list(option.default))
    return c.Type(option.kind, default=option.default)


# The site's options are declared once, in options.OPTIONS (read there without mkdocs, for every command); what
# a build decides (its locale, day, draft, PDFs) comes with its SiteBuild, not from the user's configuration.
PolicyDocsConfig = type(
    "PolicyDocsConfig",
    (base.Config,),
    {"__doc__": "Options of the ``policydocs`` plugin in mkdocs.yml.", **{o.name: _declared(o) for o in OPTIONS}},
)


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's loader, whose list of files leaves out hidden folders without walking them.

    MkDocs lists the theme's files to copy them to the site and drops every
    path with a part that starts with a dot; Material's ``.icons`` alone holds
    some 14,000 files, walked and dropped one by one for every locale of every
    build (a third of a small locale's build). Loading is unchanged.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                base = Path(folder).relative_to(searchpath).as_posix()
                found.update(name if base == "." else f"{base}/{name}" for name in names)
        return sorted(found)


def theme_environments(config: MkDocsConfig, cache_folder: Path) -> None:
    """Make the theme's Jinja environments of this build cheaper: the same templates, files and pages.

    MkDocs makes a new environment for every build (and Material's search
    plugin three more to read its words), so every locale of every build
    compiled Material's templates again: compiled once, they are kept in the
    build cache (written atomically by Jinja; a changed template is compiled
    again). And the list of the theme's files skips hidden folders (see _ThemeLoader).
    """
    theme = config.theme
    folder = Cache(cache_folder).folder
    made = type(theme).get_env
    if folder is not None:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)

    def get_env() -> jinja2.Environment:
        env = made(theme)
        env.loader = _ThemeLoader(theme.dirs)
        if folder is not None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # this build's theme only


class PolicyDocsPlugin(BasePlugin[PolicyDocsConfig]):  # type: ignore[valid-type]
    """Generates the policy's pages from data/policy.yml and the catalogs, for one locale."""

    def __init__(self) -> None:
        self.serving = False
        self.locale = ""
        self.locales: tuple[str, ...] = ()
        self.edition: Edition | None = None
        self.site: SiteBuild | None = None
        """This locale's build, set by `policydocs build` (and the preview), which makes every locale's edition
        before building them; a plain `mkdocs build` or `mkdocs serve` makes its own."""
        self.staging = False
        """Whether this is a draft or a preview (noindex, relative language links)."""
        self.current_slug: str | None = None
        """The version in force, whose JSON-LD the current page links; None for a draft."""
        self.site_root = ""
        """The whole site's public address (mkdocs.yml's site_url, above the locales), or "" without one."""
        self.cache_folder = Path(".cache")
        """The site's build cache (its options', read once: the build's own when it gave them)."""
        self.nav: Any = None
        """This build's navigation (on_nav), whose titles are complete once every page is converted."""
        self.converted: tuple[Cache, str | None] | None = None
        """Where this build keeps its pages' conversions, and what they read beside their Markdown (converted.py)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    @event_priority(100)  # before the search plugin, which reads theme.language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = theme_problem(config.theme.name, config.theme.get("font"), config.markdown_extensions)
        if problem:
            raise PluginError(problem)
        config.markdown_extensions[:] = with_added_extensions(config.markdown_extensions)
        preview = self.serving
        self.converted = None  # made again from this build's configuration, at its first page
        try:
            if self.site is not None:
                # `policydocs build` checked and rendered everything once, for every locale.
                (self.edition,) = self.site.editions.values()
                self.locales, self.locale = self.site.locales, self.edition.locale
                self.staging, self.current_slug = self.site.draft, self.site.current
            else:
                workspace = Workspace.of(Path(config.config_file_path))
                publication = prepare(workspace, resolve_build_date(None), draft=preview)
                self.locales = publication.locales
                self.locale = normalized(os.environ.get(LOCALE_VARIABLE) or self.locales[0])
                if self.locale not in self.locales:
                    if not preview:
                        raise PluginError(
                            f'locale "{self.locale}" is not published (locales: {", ".join(self.locales)})'
                        )
                    # A language being translated: previewed as a draft, before it is listed and released.
                    publication = with_locale_in_translation(publication, self.locale)
                    self.locales = publication.locales
                # A preview shows the page even with gaps in the catalog; a build refuses them.
                self.edition = edition(publication, self.locale, strict=not preview)
                self.staging, self.current_slug = prepared_facts(publication)
        except PolicyError as err:
            raise PluginError(str(err)) from err
        # site_url names the whole site; each locale is built as its own site under it.
        if config.site_url:
            self.site_root = config.site_url.rstrip("/") + "/"
            config.site_url = f"{self.site_root}{self.locale}/"
            # The site's sitemaps, with their languages and dates, come from formats/sitemap.py.
            config.theme.static_templates.discard("sitemap.xml")
        if "description" in self.edition.words:
            config.site_description = self.edition.words["description"]
        # The site's folder is the locale's code (pt_BR); Material wants a tag it has words for (pt-BR).
        config.theme["language"] = theme_language(self.locale, config.theme.dirs)
        # Our override comes after the site's own custom_dir (which may extend "policydocs.html"), before Material.
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        data = override_data(
            self.locales, self.edition.title, self.edition.languages, self.site_root or None, words=self.edition.words
        )
        config.extra.update(theme_extra(config.extra, data))
        if addresses.STYLESHEET not in config.extra_css:
            config.extra_css.append(addresses.STYLESHEET)
        self.cache_folder = (
            self.site.options if self.site is not None else load_options(Path(config.config_file_path))
        ).cache_folder
        theme_environments(config, self.cache_folder)
        name_toggles(config.theme.get("palette"), self.edition.words)
        if "permalink" in self.edition.words:  # the headings' permalinks, titled in the page's language
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.edition.words["permalink"]
        return config

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

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Every page converted, the navigation complete: the pages whose HTML a build before this one wrote from
        # the same everything are written out as they were (not in `mkdocs serve`, which marks excluded pages).
        cache, _ = self.converted or (Cache(None), None)
        if cache.folder is not None and not self.serving and self.nav is not None:
            day = str(self.site.day) if self.site is not None else str(resolve_build_date(None))
            frame = rendering_frame(config, self.nav, day)
            if frame is not None:
                pages = [file.page for file in files.documentation_pages() if file.page is not None]
                keep_rendered(pages, cache, frame)
                for page in pages:
                    # Converted, the Markdown is read by nothing more here (the known plugins, the theme): let go,
                    # a long history's pages are not all held twice until the build ends.
                    page.markdown = ""
                    page.file.content_string = ""
        return env

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav = nav
        # A folder holding only its index page (history/) is that page, titled by its heading in the page's
        # language, not a section named after the folder ("History") in English.
        for position, item in enumerate(nav.items):
            children = getattr(item, "children", None)
            if item.is_section and children and len(children) == 1 and children[0].is_page:
                page = children[0]
                if page.file.src_uri == f"{page.file.src_uri.split('/')[0]}/index.md":
                    page.parent = None
                    nav.items[position] = page
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Search finds the policy in force; superseded versions and redlines stay out of its results.
        if self.edition is not None and not self.edition.searched(page.file.src_uri):
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self.converted is None:
            self.converted = (Cache(self.cache_folder), conversion_frame(config))
        cache, frame = self.converted
        if cache.folder is not None and frame is not None:
            convert_from_cache(page, cache, frame)  # the Markdown as every plugin left it, when MkDocs converts it
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The feed and the languages are linked by the template override; the version's JSON-LD here.
        if self.converted is not None:
            kept_output(page, output, self.converted[0])
        entry = self.edition.files.get(page.file.src_uri) if self.edition else None
        return finish_page(
            output,
            self.locale,
            address=config.site_url + page.url if config.site_url else None,
            described=version_described(entry, page.file.src_uri, self.current_slug, self.site_root),
            digest=entry.digest if entry is not None else None,
            staging=self.staging,
        )

    @event_priority(-100)  # after the search plugin has read the page
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        unpacked(page)  # a kept page's HTML, for its template to write out
        return context

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name != "404.html":
            return context
        # The 404 page is served at any depth: its links must not be relative to where it is (its language
        # links are each language's home, see override_data).
        if not config.site_url:
            # mkdocs takes the host's root for the site's; each locale's site is one folder below it.
            base = f"/{self.locale}/"
            context["base_url"] = base
            context["extra_css"] = [normalize_url(path, None, base) for path in config.extra_css]
            context["extra_javascript"] = [normalize_url(str(path), None, base) for path in config.extra_javascript]
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        # The 404 page, rendered from Material's template alone: its words in the page's language.
        home = f"{self.site_root or '/'}{self.locale}/"
        words = (self.edition.words, home, self.edition.title) if self.edition else None
        return finish_page(output_content, self.locale, staging=self.staging, not_found=words)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        options = load_options(Path(config.config_file_path))
        data_folder = options.path(options.data).parent  # editors often replace the file on save
        for path in (data_folder, options.path(options.locales_dir), options.path(options.templates_dir)):
            if path.exists():
                server.watch(str(path))
        return server
