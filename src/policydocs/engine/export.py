"""Write the generated site out as plain Markdown projects, one per locale, that build without our plugin.

Material for MkDocs reaches its end of life in May 2027: the export is the
way to any engine that reads mkdocs.yml and Markdown — MkDocs itself,
Zensical, ProperDocs. What the plugin adds at build time and a static
export cannot (the language switcher staying on the same page, the feed
link in every page's head) falls back to what the engine does; everything
else — pages, feed, exports, root files — is written out.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import yaml_load

from ..formats import edition, root_files
from ..project import load_project
from ..site import addresses
from ..site.publication import prepare, resolve_build_date
from .build import write_files
from .material import language_links, name_toggles


def _config(raw: dict[str, Any], locale: str, locales: tuple[str, ...], words: dict[str, str]) -> dict[str, Any]:
    config = {k: v for k, v in raw.items() if k not in ("docs_dir", "site_dir", "plugins", "extra_css")}
    config["docs_dir"] = f"docs/{locale}"
    config["site_dir"] = f"site/{locale}"
    if raw.get("site_url"):
        config["site_url"] = str(raw["site_url"]).rstrip("/") + f"/{locale}/"
    theme = dict(raw.get("theme") or {"name": "material"})
    theme["language"] = locale
    if isinstance(theme.get("palette"), list):  # copies: the project's own config stays as it is
        theme["palette"] = [
            {**p, "toggle": dict(p["toggle"])} if isinstance(p, dict) and isinstance(p.get("toggle"), dict) else p
            for p in theme["palette"]
        ]
        name_toggles(theme["palette"], words)
    config["theme"] = theme
    if "description" in words:
        config["site_description"] = words["description"]
    config["extra"] = {**(raw.get("extra") or {}), "alternate": language_links(locales)}
    config["extra_css"] = [*(raw.get("extra_css") or []), addresses.STYLESHEET]
    plugins = [p for p in raw.get("plugins") or [] if (p if isinstance(p, str) else next(iter(p))) != "policydocs"]
    config["plugins"] = plugins
    # Frozen versions and changes pages stay out of the navigation, as the plugin keeps them.
    config["not_in_nav"] = addresses.ARCHIVE_PREFIX + "\n"
    return config


def export(
    config_file: Path,
    target: Path,
    *,
    build_date: datetime.date | None = None,
    draft: bool = False,
) -> list[Path]:
    """Write ``target/mkdocs.<lang>.yml`` and ``target/docs/<lang>/`` per locale, the root files in ``target/site/``.

    Build each locale with ``mkdocs build -f target/mkdocs.<lang>.yml`` or
    ``zensical build -f target/mkdocs.<lang>.yml``; they write into
    ``target/site/<lang>/``, beside the root files.
    """
    project = load_project(config_file)
    raw = yaml_load(config_file.read_text(encoding="utf-8")) or {}
    publication = prepare(project, resolve_build_date(build_date), draft=draft)
    written = []
    editions = {}
    for locale in publication.locales:
        made = edition(publication, locale, strict=not draft)
        docs = target / "docs" / locale
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(project.path(project.docs_dir), docs)
        write_files(docs, {path: file.content for path, file in made.files.items()})
        config = _config(raw, locale, publication.locales, made.words)
        config_path = target / f"mkdocs.{locale}.yml"
        config_path.write_text(
            "# Written by `policydocs export`: builds without the policydocs plugin.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        written.append(config_path)
        editions[locale] = made
    # A locale's own files among them (its sitemaps) go with its pages: the engine empties site/<lang>/ first.
    files = root_files(publication, editions)
    for locale in publication.locales:
        write_files(
            target / "docs" / locale, {p[len(locale) + 1 :]: c for p, c in files.items() if p.startswith(f"{locale}/")}
        )
    write_files(target / "site", {p: c for p, c in files.items() if p.split("/")[0] not in publication.locales})
    return written
