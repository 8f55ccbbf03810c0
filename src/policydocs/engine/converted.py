"""Pages converted once: the HTML that Python-Markdown makes of a page's Markdown, kept and reused by MkDocs.

Converting Markdown is most of what a MkDocs build costs (nine tenths of
a long history's), and a frozen version's pages give the same Markdown
every build. So each page's conversion (its HTML, table of contents,
title and anchors) is kept in the build cache, keyed by everything the
conversion reads: the page's Markdown as the plugins left it, its
address, the Markdown extensions and their options, the versions of
MkDocs, Python-Markdown and the extensions' packages, and policydocs's
own code. The links a page holds are resolved against the site's files
when it is converted; which file each link found (or that it found
none) is kept with the entry, and an entry whose links would now find
other files is converted again. Everything after the conversion (the
other plugins' ``on_page_content``, the theme's template with the
present navigation, the banner and the page's finishing) runs on every
build, so a page built from the cache is the page a cold build makes,
byte for byte.

A page not found in the cache is converted with its raw HTML blocks set
aside whole (rawblocks.py), the conversion MkDocs makes, in less time.

Not kept: a page whose conversion logged a warning (a strict build must
still fail on it, and every build show it), and every page of a site
whose extensions read files beside the page (``pymdownx.snippets``,
abbreviations' glossaries), which the key cannot see.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cache import UNREADABLE, Cache, key, unpack

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents

READS_FILES = frozenset({"pymdownx.snippets", "abbr", "markdown.extensions.abbr", "pymdownx.abbr"})
"""Extensions whose output depends on files the page does not name in its Markdown: no page is kept where one is
configured (abbreviations only with a glossary file, see _reads_files)."""

ENGINE_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
"""The packages whose code converts a page (Material's extensions among them)."""


@functools.cache
def _packages() -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ENGINE_PACKAGES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} absent")
    return tuple(found)


def _stable(value: Any) -> Any:
    """``value`` as JSON text can hold it the same in every process (a function by its name, not its address)."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if callable(value) and isinstance(value, functools.partial):
        return ["partial", _stable(value.func), _stable(value.args), _stable(value.keywords)]
    return f"{type(value).__module__}.{type(value).__qualname__}:{value!r}"


def _reads_files(config: MkDocsConfig) -> bool:
    for name in config["markdown_extensions"]:
        if not isinstance(name, str) or name not in READS_FILES:
            continue
        if "abbr" not in name or (config["mdx_configs"] or {}).get(name, {}).get("glossary"):
            return True
    return False


def conversion_frame(config: MkDocsConfig) -> str | None:
    """What every page's conversion in this build reads beside its own Markdown, as a digest; None: keep nothing."""
    if _reads_files(config):
        return None
    extensions = [_stable(e) if isinstance(e, str) else _stable(type(e)) for e in config["markdown_extensions"]]
    settings = {
        "extensions": extensions,
        "configs": _stable(config["mdx_configs"] or {}),
        "use_directory_urls": config.use_directory_urls,
        "validation": [
            str(getattr(config.validation.links, level))
            for level in ("not_found", "absolute_links", "unrecognized_links", "anchors")
        ],
        "packages": _packages(),
    }
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False)
    if "0x" in text:  # an option whose text names a memory address: not the same in the next build
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Converted:
    """A page's conversion, as kept: what ``Page.render`` sets, with files named by their source paths."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    found: tuple[tuple[str, tuple[str, str] | None], ...]
    """Each path the conversion looked up among the site's files: the file's address and inclusion, or None."""


def _looked_up(files: Files, path: str) -> tuple[str, str] | None:
    found = files.get_file_from_path(path)
    return None if found is None else (found.url, str(found.inclusion))


class _Recording:
    """The site's files as a page's conversion sees them, each lookup written down."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.found: dict[str, tuple[str, str] | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        self.found[path] = _looked_up(self._files, path)
        return self._files.get_file_from_path(path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.seen += 1


@contextlib.contextmanager
def warnings_counted() -> Iterator[_Warnings]:
    """The warnings logged while inside, counted (``.seen``): what logged one is not kept, so that every build
    says it again. MkDocs' own logger does not pass its records up to the root's; ours does."""
    warnings = _Warnings()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("policydocs")]
    for logger in loggers:
        logger.addHandler(warnings)
    try:
        yield warnings
    finally:
        for logger in loggers:
            logger.removeHandler(warnings)


def convert(page: Page, config: MkDocsConfig, files: Files, *, cache: Cache, frame: str) -> None:
    """``page.render(config, files)``, from the cache when the page's conversion is kept there, and kept if not."""
    from .rawblocks import render

    assert page.markdown is not None
    markdown = hashlib.sha256(page.markdown.encode("utf-8")).hexdigest()
    name = key("converted page", frame, page.file.src_uri, page.file.url, markdown)
    kept = cache.get(name)
    if isinstance(kept, Converted) and all(_looked_up(files, path) == was for path, was in kept.found):
        page.content = kept.content
        page.toc = kept.toc
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        if (
            kept.links_to_anchors is not None
            and logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG
        ):
            page.links_to_anchors = {
                target: dict(links)
                for path, links in kept.links_to_anchors.items()
                if (target := files.get_file_from_path(path)) is not None
            }
        return
    recording = _Recording(files)
    with warnings_counted() as warnings:
        render(page, config, recording)  # type: ignore[arg-type]
    if warnings.seen:
        return
    anchors = page.links_to_anchors
    cache.put(
        name,
        Converted(
            page.content or "",
            page.toc,
            page._title_from_render,
            frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            {target.src_uri: dict(links) for target, links in anchors.items()} if anchors is not None else None,
            tuple(recording.found.items()),
        ),
    )


def convert_from_cache(page: Page, cache: Cache, frame: str) -> None:
    """Make ``page``'s next conversion go through the cache (``Page.render`` is called by MkDocs' build)."""
    page.render = functools.partial(convert, page, cache=cache, frame=frame)  # type: ignore[method-assign]


KEPT_TEMPLATE = "policydocs-kept.html"
"""The template (in the package's theme overrides) that writes out a page's kept HTML: ``page.policydocs_kept``."""

KNOWN_PLUGINS = frozenset({"search", "material/search", "policydocs"})
"""The plugins whose effect on a page's template context the key below covers; with any other, no page's HTML
is kept (only its conversion)."""

IGNORED_SETTINGS = frozenset(
    {"config_file_path", "site_dir", "docs_dir", "dev_addr", "watch", "strict", "plugins", "theme", "hooks",
     "markdown_extensions", "mdx_configs", "validation", "pages", "nav", "exclude_docs", "draft_docs", "not_in_nav"}
)  # fmt: skip
"""Settings that do not reach a page's template (where the build runs, how the Markdown is converted: the page's
HTML is in its key), or that the key takes another way (the theme, the plugins, the navigation)."""


def _nav_items(items: Any) -> list[Any]:
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), _nav_items(getattr(item, "children", None) or [])]
        for item in items
    ]


def _theme_templates(dirs: list[str]) -> tuple[str, bool]:
    """A digest of the theme's templates outside the installed packages, and whether one reads the build's date."""
    from pathlib import Path

    from ..cache import fingerprint

    packaged = ("site-packages", "dist-packages")
    own = [Path(d) for d in dirs if not any(part in packaged for part in Path(d).parts)]
    from .material import OVERRIDES

    own.append(OVERRIDES)
    dated = any(
        "build_date_utc" in path.read_text(encoding="utf-8", errors="replace")
        for folder in own
        if folder.is_dir()
        for path in folder.rglob("*.html")
    )
    return fingerprint(*own), dated


def rendering_frame(config: MkDocsConfig, nav: Any, day: str) -> str | None:
    """What every page's template reads beside the page itself, as a digest; None: keep no page's HTML."""
    if set(config.plugins) - KNOWN_PLUGINS or config.hooks:
        return None
    templates, dated = _theme_templates(list(config.theme.dirs))
    settings = {
        "config": {name: _stable(value) for name, value in config.items() if name not in IGNORED_SETTINGS},
        "theme": _stable(dict(config.theme._vars)),
        "static": sorted(config.theme.static_templates),
        "plugins": {name: _stable(dict(plugin.config)) for name, plugin in config.plugins.items()},
        "templates": templates,
        "day": day if dated else None,
        "nav": _nav_items(nav.items),
        "packages": _packages(),
    }
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    if "0x" in text:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _toc(items: Any) -> list[Any]:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _neighbour(page: Any) -> Any:
    return None if page is None else [page.url, page.title]


def rendering_key(page: Page, frame: str) -> str:
    """What a page's template reads of the page: its HTML, table of contents, title, meta and place."""
    content = hashlib.sha256((page.content or "").encode("utf-8")).hexdigest()
    facts = [
        frame, page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.is_homepage, page.title,
        _stable(page.meta), _toc(page.toc), content, _neighbour(page.previous_page), _neighbour(page.next_page),
    ]  # fmt: skip
    return key("rendered page", *facts)


def keep_rendered(pages: list[Page], cache: Cache, frame: str) -> int:
    """Give each page whose HTML is kept the template that writes it out; the others' keys, to keep them once
    rendered (see kept_output). How many were kept."""
    kept = 0
    for page in pages:
        name = rendering_key(page, frame)
        found = cache.get_packed(name)
        page.policydocs_key = name  # type: ignore[attr-defined]
        if found is not None and _whole(found):
            page.policydocs_packed = found  # type: ignore[attr-defined]  # compressed until written (see unpacked)
            page.meta["template"] = KEPT_TEMPLATE
            if (page.meta.get("search") or {}).get("exclude"):
                page.content = ""  # read by nothing now (the search leaves the page out), not even scanned
            kept += 1
    return kept


def _whole(packed: bytes) -> bool:
    """Whether a kept page's entry reads as a page's HTML (not cut short on a full disk, nor written by other code)."""
    try:
        return isinstance(unpack(packed), str)
    except UNREADABLE:
        return False


def unpacked(page: Page) -> None:
    """Before a kept page's template runs: its HTML, for the template to write out."""
    packed = getattr(page, "policydocs_packed", None)
    if packed is not None:
        page.policydocs_kept = unpack(packed)  # type: ignore[attr-defined]


def kept_output(page: Page, output: str, cache: Cache) -> None:
    """Keep a page's HTML as its template wrote it (before any plugin's on_post_page), if it was not kept; let a
    kept page's HTML go once written."""
    name = getattr(page, "policydocs_key", None)
    if hasattr(page, "policydocs_packed"):
        del page.policydocs_packed
    elif name is not None:
        cache.put(name, output)
    if hasattr(page, "policydocs_kept"):
        del page.policydocs_kept
