"""A locale's site as MkDocs built it, kept in the build cache and taken again while nothing it is made of changes.

A warm build of a site whose data, text, templates and configuration are unchanged gives the same bytes as the
build before it (``tests/test_warm_build.py``). So each locale's output is kept, with a key made of all that
MkDocs reads for it: the locale's edition (every file the plugin adds, and its links to the other languages),
mkdocs.yml, the site's own pages (``docs_dir``) and theme templates (``custom_dir``), by their names, times and
sizes, every file of this policydocs, the libraries that build (by their installed files' times), Python, the
build's day and ``SOURCE_DATE_EPOCH``, and the build's options. While the key is the same, the locale is not
built again: its files are linked from the cache into the new site.

Only a configuration whose every reading is known is kept: the plugins ``search`` and ``policydocs``, Markdown
extensions that read nothing but the page (not ``pymdownx.snippets``, which includes files), the Material or
MkDocs theme, no ``hooks``, no ``INHERIT`` and no YAML tag (``!ENV`` reads the environment, ``!!python/name``
code of the site's). Any other is built every time, as is a build whose MkDocs logged a warning (the next build
says it again) and a build with ``--pdf`` (its printer writes into the pages' folders).

One slot a locale (and its draft): a new output replaces the one before. A kept file is a hard link to the
file published; it is taken again only while its size and time are those it was kept with, so a published
file changed in place since is never published again from the cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..cache import Cache, key, libraries, package_digest, stamps
from ..site.edition import Edition
from .base import SiteBuild
from .export import swap

PLUGINS = frozenset({"search", "material/search", "policydocs"})
"""The plugins whose output depends on nothing but what the key holds."""
EXTENSIONS = frozenset(
    {
        *(
            f"{prefix}{name}"
            for prefix in ("", "markdown.extensions.")
            for name in (
                "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
                "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables",
                "toc", "wikilinks",
            )
        ),
        *(
            f"pymdownx.{name}"
            for name in (
                "arithmatex", "betterem", "caret", "critic", "details", "emoji", "escapeall", "extra",
                "highlight", "inlinehilite", "keys", "magiclink", "mark", "progressbar", "saneheaders",
                "smartsymbols", "superfences", "tabbed", "tasklist", "tilde",
            )
        ),
    }
)  # fmt: skip
"""The Markdown extensions that read nothing but the page and their options (not snippets nor b64: files)."""
THEMES = frozenset({"material", "mkdocs"})
LIBRARIES = ("mkdocs", "material", "markdown", "pymdownx", "pygments", "jinja2", "markupsafe", "babel", "yaml")
"""The libraries a locale's build runs, by their installed files' times (an upgrade is a new key)."""
MANIFEST = "kept.json"


def slot(site: SiteBuild, locale: str) -> tuple[Path, str] | None:
    """Where ``locale``'s output is kept, and the key of the output this build would make; None: not kept."""
    folder = Cache(site.options.cache_folder).folder  # None with the cache off (POLICYDOCS_CACHE=off)
    if folder is None or site.pdf:
        return None
    try:
        text = site.config_file.read_text(encoding="utf-8")
        config = _keepable(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if config is None:
        return None
    options = site.options
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    name = key(
        "locale output",
        locale,
        edition_digest(site.editions[locale]),
        text,
        stamps(options.path(options.docs_dir)),
        stamps(site.config_file.parent / custom_dir) if isinstance(custom_dir, str) else None,
        package_digest(),
        libraries(LIBRARIES),
        os.environ.get("SOURCE_DATE_EPOCH"),
        repr(options),
        site.locales,
        site.day,
        site.draft,
        site.current,
    )
    return folder / "outputs" / (f"{locale}.draft" if site.draft else locale), name


@functools.lru_cache(maxsize=4)
def _keepable(text: str) -> dict[str, Any] | None:
    """mkdocs.yml's settings (its ``text``) when a build of it reads only what a key holds, else None."""
    if "!" in text and any(tag in text for tag in ("!ENV", "!!python", "!relative")):
        return None
    config = yaml.safe_load(text)  # a tag of MkDocs' own, or any other, is refused: never kept
    if not isinstance(config, dict) or "hooks" in config or "INHERIT" in config:
        return None
    theme = config.get("theme")
    if (theme.get("name") if isinstance(theme, dict) else theme) not in THEMES:
        return None
    if not _names(config.get("plugins", ["search"])) <= PLUGINS:
        return None
    if not _names(config.get("markdown_extensions", [])) <= EXTENSIONS:
        return None
    return config


def _names(listed: object) -> set[str]:
    """The names in a list of plugins or extensions (a name, or a mapping of a name to its options)."""
    if isinstance(listed, dict):
        return {str(name) for name in listed}
    if isinstance(listed, list):
        return {str(next(iter(item))) if isinstance(item, dict) and item else str(item) for item in listed}
    return {"?"}  # a shape MkDocs refuses: never kept


def edition_digest(made: Edition) -> str:
    """A digest of all an engine reads of an edition: each file's content and entry, the title, the theme's words
    and the links between languages."""
    digest = hashlib.sha256()
    head = [made.locale, made.title, sorted(made.words.items()), sorted(made.languages.items())]
    digest.update(json.dumps(head, ensure_ascii=False).encode("utf-8"))
    aside: dict[str, bytes] = {}  # the files pages were set aside in (see spill), each read once
    for path in sorted(made.files):
        entry = made.files[path]
        if entry.spilled is not None:
            where, offset, length = entry.spilled
            if where not in aside:
                aside[where] = Path(where).read_bytes()
            data, text = aside[where][offset : offset + length], True
        else:
            text = isinstance(entry.stored, str)
            data = entry.stored.encode("utf-8") if isinstance(entry.stored, str) else entry.stored
        fields = [path, entry.in_nav, str(entry.kind), entry.slug, entry.in_search, str(entry.last_modified),
                  entry.digest, text, len(data)]  # fmt: skip
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\0" + data)
    return digest.hexdigest()


def restore(folder: Path, name: str, into: Path) -> bool:
    """Link the output kept in ``folder`` under ``name`` into ``into`` (a folder not yet made); False: not kept
    (another key, or a kept file changed since), and ``into`` left as it was."""
    try:
        kept = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if kept.get("key") != name:
            return False
        files = folder / "files"
        for path, size, mtime in kept["files"]:
            stat = (files / path).stat()
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return False
        for path in kept["folders"]:
            (into / path).mkdir(parents=True, exist_ok=True)
        for path, _, _ in kept["files"]:
            _link(files / path, into / path)
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(into, ignore_errors=True)
        return False
    return True


def keep(folder: Path, name: str, built: Path) -> None:
    """Keep the output in ``built`` in ``folder`` under ``name``, in place of what it held. A cache that cannot be
    written only makes the next build slower."""
    partial: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
        files, folders = [], []
        for parent, dirs, names in os.walk(built):
            dirs.sort()
            here = Path(parent)
            relative = here.relative_to(built)
            if relative != Path("."):
                folders.append(relative.as_posix())
            (partial / "files" / relative).mkdir(parents=True, exist_ok=True)
            for file in sorted(names):
                target = partial / "files" / relative / file
                _link(here / file, target)
                stat = target.stat()
                files.append(((relative / file).as_posix(), stat.st_size, stat.st_mtime_ns))
        manifest = {"key": name, "folders": folders, "files": files}
        (partial / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        swap(partial, folder)
        partial = None
    except OSError:
        pass
    finally:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source``, or a copy where the file system has none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
