"""A published site read file by file, at its address or in a folder: its versions.json and the files it lists."""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import PolicyError

MAX_BYTES = 64 * 1024 * 1024
"""The most a file of the site may weigh: a frozen release of a long policy in many languages is a few megabytes."""
FETCHES = 8
"""Files of a site read at once."""
LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
"""A locale as versions.json gives it, which names a file: a code's letters and digits only, never a path."""


class VerifyError(PolicyError):
    """The published record cannot be read: no such site or folder, or not a policydocs site."""


class Site:
    """A published site, read file by file: at its address (``http(s)://``) or in a folder."""

    def __init__(self, where: str, timeout: float) -> None:
        self.timeout = timeout
        self.url = where if where.endswith("/") else f"{where}/"
        self.folder: Path | None = None
        if not where.startswith(("http://", "https://")):
            self.folder = Path(where)
            if not self.folder.is_dir():
                raise VerifyError(
                    "no such folder (give a folder of a built site, or an http(s):// address)", file=where
                )
        self.shown = where

    def address(self, path: str) -> str:
        """Where a file is, as findings name it."""
        if self.folder is not None:
            return (self.folder / path).as_posix()
        return self.url + path

    def read(self, path: str) -> bytes | None:
        """A file's bytes by its path from the site's root (a page by its folder); None when there is none."""
        if self.folder is not None:
            target = self.folder / (f"{path}index.html" if path.endswith("/") or not path else path)
            try:
                with target.open("rb") as handle:
                    return _bounded(handle.read(MAX_BYTES + 1), self.address(path))
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                return None
        import urllib.error  # with http and ssl: only for a site read at its address
        import urllib.request

        from .. import __version__  # read from the package's metadata when asked

        url = self.url + path
        request = urllib.request.Request(url, headers={"User-Agent": f"policydocs/{__version__} verify"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _bounded(response.read(MAX_BYTES + 1), url)
        except urllib.error.HTTPError as err:
            if err.code in (404, 410):
                return None
            raise VerifyError(f"{url}: the site answered {err.code} {err.reason}") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", None) or err
            raise VerifyError(f"{url}: cannot be read ({reason})") from err

    def path_of(self, address: str, site_url: str | None) -> str | None:
        """The path from the site's root of an address versions.json gives; None when it leads outside the site."""
        if site_url and address.startswith(site_url):
            address = address[len(site_url) :]
        elif urlsplit(address).scheme or address.startswith("/"):
            if not address.startswith(self.url):
                return None
            address = address[len(self.url) :]
        if not address:
            return ""
        normal = posixpath.normpath(address) + ("/" if address.endswith("/") else "")
        if normal.startswith(("../", "/")) or normal in ("..", "."):
            return None
        return normal


def _bounded(content: bytes, where: str) -> bytes:
    if len(content) > MAX_BYTES:
        raise VerifyError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB: not a file policydocs writes", file=where)
    return content


@dataclass(frozen=True)
class Entry:
    """A version as versions.json lists it: what the site says was published."""

    day: datetime.date
    data: Mapping[str, Any]

    @property
    def slug(self) -> str:
        return self.day.isoformat()

    def translations(self) -> dict[str, tuple[str, str]]:
        return {str(t.get("locale")): (str(t.get("added")), str(t.get("digest"))) for t in self.data["translations"]}

    def corrections(self) -> dict[str, tuple[str, str]]:
        return {str(c.get("corrected")): (str(c.get("reason")), str(c.get("digest"))) for c in self.data["corrections"]}

    def withdrawn(self) -> tuple[str, str, str] | None:
        w = self.data.get("withdrawn")
        return (str(w.get("day")), str(w.get("reason")), str(w.get("digest"))) if isinstance(w, dict) else None


def read_index(raw: bytes | None, where: str) -> tuple[dict[str, Any], list[Entry]]:
    """versions.json read, or why the site is not a policydocs site."""
    if raw is None:
        raise VerifyError("not found: not a policydocs site (or not its address)", file=where)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise VerifyError(f"not JSON ({err}): not a policydocs site", file=where) from err
    versions = document.get("versions") if isinstance(document, dict) else None
    if not isinstance(versions, list) or not isinstance(document.get("build_date"), str):
        raise VerifyError("lists no versions as policydocs writes them: not a policydocs site", file=where)
    entries = []
    for item in versions:
        day = day_of(item.get("effective_from"), None) if isinstance(item, dict) else None
        if day is None or not isinstance(item.get("digest"), str) or not isinstance(item.get("addresses", {}), dict):
            raise VerifyError("a version without its dates and digest: not a policydocs site", file=where)
        item.setdefault("translations", [])
        item.setdefault("corrections", [])
        lists = (item["translations"], item["corrections"])
        if not all(isinstance(found, list) and all(isinstance(i, dict) for i in found) for found in lists):
            raise VerifyError("a version's translations or corrections are not lists of files", file=where)
        entries.append(Entry(day, item))
    return document, entries


def fetch_all(site: Site, paths: Iterable[str]) -> dict[str, bytes | None]:
    """Each file by its path (None: not on the site), a site's read FETCHES at once."""
    wanted = list(dict.fromkeys(paths))
    if site.folder is not None or len(wanted) < 2:
        return {path: site.read(path) for path in wanted}
    with ThreadPoolExecutor(FETCHES) as pool:
        return dict(zip(wanted, pool.map(site.read, wanted), strict=True))


def day_of(value: object, default: Any) -> Any:
    """A date written YYYY-MM-DD, else ``default``."""
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return default
