"""Build every locale with Zensical: each locale's export (engine/export.py), built by Zensical into the staging site.

Zensical reads mkdocs.yml and Material's templates but runs no MkDocs
plugin, so the pages come written out, the way `policydocs export` writes
them, and the theme override gives each page its language links and feed
link. The locales are built at once, one Zensical process each. What
Zensical does not make as MkDocs does is made here: ``<html lang>`` with
the locale's full tag (``pt-BR``; the theme writes the language of its
partial, ``pt``), and the compressed ``sitemap.xml.gz``.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..cache import Cache
from ..errors import ConfigError, PolicyError
from ..options import EngineName, Options
from ..site import addresses
from ..site.edition import Edition
from .base import SiteBuild
from .export import read_raw, write_projects
from .material import ZENSICAL, finish_page, theme_problem, version_described

REQUIREMENT = "zensical==0.0.73"
"""The Zensical this version of policydocs is tested with (requirements.txt and the ``zensical`` extra pin it)."""
WORK = ".zensical"
"""Where each locale's project is written and built (``<lang>/``) when the build cache is off: inside the
staging site, removed after the build. With the cache, it is ``.cache/policydocs/zensical/``, and Zensical's
own cache there makes the next build faster."""


def _extension_names(extensions: object) -> list[str]:
    names = []
    for item in extensions if isinstance(extensions, list) else []:
        names.append(item if isinstance(item, str) else next(iter(item), "") if isinstance(item, dict) else "")
    return names


def check(options: Options, raw: Mapping[str, Any]) -> None:
    """Refuse, before anything is written, a site Zensical cannot build as policydocs needs (or no Zensical)."""
    theme = raw.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    problem = theme_problem(theme.get("name"), theme.get("font"), _extension_names(raw.get("markdown_extensions")))
    if problem:
        raise ConfigError(problem.replace("mkdocs.yml", options.config_file, 1))
    if importlib.util.find_spec("zensical") is None:
        raise ConfigError(
            f"the zensical engine needs Zensical, which is not installed: pip install '{REQUIREMENT}'"
            " (or pip install 'policydocs[zensical]')"
        )


class Zensical:
    """Zensical, Material's successor by the same team: each locale's export built by a Zensical process."""

    name = EngineName.ZENSICAL.value

    def build(self, site: SiteBuild, into: Path) -> None:
        build_locales(site, into)


def build_locales(site: SiteBuild, staging: Path) -> None:
    """Build the pages of every locale of ``site.editions`` with Zensical into ``staging/<lang>/`` (a draft is a
    staging copy, whose language links stay relative)."""
    editions, day, draft, current, site_url = site.editions, site.day, site.draft, site.current, site.site_url
    raw = read_raw(site.config_file)
    check(site.options, raw)
    cache = Cache(site.options.cache_folder).folder
    work = cache / "zensical" if cache else staging / WORK
    moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    epoch = int(moment.timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(epoch))}
    # One process per locale, all at once, each in a folder of its own (Zensical keeps a cache beside its
    # mkdocs.yml); Zensical's output goes to its pipe.
    running: dict[str, subprocess.Popen[str]] = {}
    try:
        for locale in editions:
            shutil.rmtree(work / locale / "site", ignore_errors=True)  # what a failed build left
            (config,) = write_projects(
                work / locale, site.options, raw, editions, site.locales, only=(locale,), generator=ZENSICAL
            )
            running[locale] = subprocess.Popen(
                [sys.executable, "-m", "zensical", "build", "-f", str(config)],
                cwd=config.parent,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env=env,
            )
        outputs = {locale: process.communicate()[0] for locale, process in running.items()}
    finally:
        for process in running.values():
            if process.poll() is None:  # left running by an error: a build is all or nothing
                process.kill()
                process.wait()
    failed = [
        f"{locale}: zensical build failed:\n{outputs[locale].strip()}"
        for locale, process in running.items()
        if process.returncode != 0
    ]
    if failed:
        raise PolicyError("\n".join(failed))
    for locale in editions:
        built = work / locale / "site" / locale
        _finish(built, locale, site_url, draft=draft, made=editions[locale], current=current)
        shutil.move(built, staging / locale)
    if not cache:
        shutil.rmtree(work)


def _finish(
    site: Path,
    locale: str,
    site_url: str | None = None,
    *,
    draft: bool = False,
    made: Edition | None = None,
    current: str | None = None,
) -> None:
    """What the plugin does to MkDocs' pages, done to Zensical's (material.finish_page): the version's JSON-LD
    linked (``current``: the version in force), the head's hreflang links absolute from ``site_url`` (given for a
    published site), ``noindex`` on a draft, the 404 page's words; archived pages left out of search; and
    Zensical's own sitemap left out for ours."""
    root = f"{site_url.rstrip('/')}/" if site_url else ""
    base = addresses.locale_base(locale, site_url)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            words = (made.words, f"{root or '/'}{locale}/", made.title) if made is not None else None
            text = finish_page(text, locale, staging=draft, not_found=words)
        else:
            folder = page.parent.relative_to(site).as_posix()
            path = "" if folder == "." else f"{folder}/"
            address = base + path if base else None
            entry = made.files.get(f"{path}index.md") if made is not None else None
            described = version_described(entry, f"{path}index.md", current, root)
            digest = entry.digest if entry is not None else None
            text = finish_page(text, locale, address=address, described=described, digest=digest, staging=draft)
        page.write_text(text, encoding="utf-8")
    # Search finds the policy in force, as with MkDocs: superseded versions and redlines left out of its index.
    index = site / "search.json"
    if index.is_file():
        found = json.loads(index.read_text(encoding="utf-8"))
        found["items"] = [
            item
            for item in found.get("items", [])
            if made is None or made.searched(f"{item.get('location', '').split('#')[0]}index.md")
        ]
        index.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    # The site's sitemaps, with their languages and dates, come from formats/sitemap.py (as with MkDocs).
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
