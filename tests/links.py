"""A link checker for a built site, offline: every link and anchor of its HTML, feeds and sitemaps.

Links are read as the reader's browser reads them: relative to the page's
public address (the site's ``site_url`` and the file's place below it). A
link into the site must lead to a file of the built site, and its fragment
to an ``id`` (or ``<a name>``) of that page; links to other hosts, mailto:
and the like are counted, not followed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

LINKING = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.ids.add(str(values[name]))
        target = values.get(LINKING.get(tag, ""))
        if target is not None:
            self.links.append((self.getpos()[0], target))


@dataclass
class Report:
    checked: int = 0
    anchors: int = 0
    outside: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)


@cache
def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _address(root: Path, file: Path, site_url: str) -> str:
    relative = file.relative_to(root).as_posix()
    return site_url + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def _xml_links(path: Path) -> list[tuple[int, str]]:
    """The addresses a feed or sitemap gives: ``href`` attributes and ``<loc>`` texts."""
    found = []
    for element in ElementTree.parse(path).iter():
        if element.get("href"):
            found.append((0, str(element.get("href"))))
        if element.tag.endswith("}loc") and element.text:
            found.append((0, element.text.strip()))
    return found


def check_site(root: Path, site_url: str) -> Report:
    """Every link of every HTML page, feed and sitemap of the site built in ``root``, published at ``site_url``."""
    site_url = site_url.rstrip("/") + "/"
    report = Report()
    files = sorted(p for p in root.rglob("*") if p.suffix in {".html", ".xml"} and p.is_file())
    for file in files:
        links = _parsed(file).links if file.suffix == ".html" else _xml_links(file)
        here = _address(root, file, site_url)
        for line, value in links:
            report.checked += 1
            url = urljoin(here, value.strip())
            if urlsplit(url).scheme not in {"http", "https"} or not url.startswith(site_url):
                report.outside.add(url)
                continue
            address, fragment = urldefrag(url)
            path = unquote(urlsplit(address).path)[len(urlsplit(site_url).path) :]
            target = root / path
            if path == "" or path.endswith("/") or target.is_dir():
                target = target / "index.html"
            where = f"{file.relative_to(root)}:{line}: {value}"
            if not target.is_file():
                report.broken.append(f"{where}: no file {target.relative_to(root)}")
            elif fragment:
                report.anchors += 1
                if target.suffix != ".html" or unquote(fragment) not in _parsed(target).ids:
                    report.broken.append(f"{where}: no anchor #{fragment} in {target.relative_to(root)}")
    return report
