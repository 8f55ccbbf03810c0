"""A build cache on disk: what frozen releases give never changes, so rebuilds take it from here.

Entries are keyed by a digest of everything they depend on (release
digests, the templates, the catalogs, this tool's version), so a stale
entry is never found: it is only left behind. ``POLICYDOCS_CACHE=off``
turns the cache off; deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Read = Callable[[Path], bytes]
"""How an input file is read: ``Path.read_bytes``, or a workspace's ``read``, which reads each file once."""


class ReadOnce:
    """Files read once each, by their resolved path (a file named from two places is one file): a command that
    digests its inputs for a key, then reads them, reads each once and sees the bytes its key was made of."""

    def __init__(self) -> None:
        self.files: dict[Path, bytes] = {}

    def __call__(self, path: Path) -> bytes:
        real = path.resolve()
        found = self.files.get(real)
        if found is None:
            found = self.files[real] = real.read_bytes()
        return found


FORMAT = 2
"""Bumped when what is cached changes shape (2: entries compressed)."""


CODE = (".py", ".css")
"""The files of this policydocs whose change changes what a cached entry holds: its code and its theme's style."""
_DIGESTS: tuple[str, str] | None = None


def _tool_version() -> str:
    """A digest of this policydocs's code, so that changed code never reads old entries."""
    return _digests(Path.read_bytes)[0]


def package_digest(read: Read = Path.read_bytes) -> str:
    """A digest of every file of this policydocs (code, templates, catalogs, phrasebooks, theme): what a result
    that any of them may change is kept under."""
    return _digests(read)[1]


def _digests(read: Read) -> tuple[str, str]:
    """The digests of this policydocs's code and of all its files, each file read once (by ``read``), the first
    time either is asked for in a process."""
    global _DIGESTS
    if _DIGESTS is None:
        code, everything = hashlib.sha256(), hashlib.sha256()
        package = Path(__file__).parent
        for path in sorted(package.rglob("*")):
            if path.suffix != ".pyc" and path.is_file():
                data = read(path)
                if path.suffix in CODE:
                    code.update(data)
                everything.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + data + b"\0")
        _DIGESTS = code.hexdigest()[:16], everything.hexdigest()
    return _DIGESTS


def libraries(names: Iterable[str]) -> list[object]:
    """Python's version and each library's installed file (its ``__init__``) with its time and size: what a key
    holds of the libraries a result is made with, so that an upgrade makes a new key (none is imported)."""
    found: list[object] = [sys.version]
    for name in names:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append([name, None])
            continue
        stat = os.stat(origin)
        found.append([name, origin, stat.st_mtime_ns, stat.st_size])
    return found


def key(*parts: Any) -> str:
    """A stable digest of the parts (anything JSON can write, dates and paths as text)."""
    data = json.dumps([FORMAT, _tool_version(), *parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def fingerprint(*paths: Path, read: Read = Path.read_bytes) -> str:
    """A digest of files' contents (folders: every file below them), for cache keys."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists():
                digest.update(file.as_posix().encode("utf-8") + b"\0" + read(file) + b"\0")
    return digest.hexdigest()


def unpack(packed: bytes) -> Any:
    """The value of an entry as stored (Cache.get_packed)."""
    return pickle.loads(zlib.decompress(packed))


def stamps(folder: Path) -> str:
    """A digest of the files below ``folder`` by their names, times and sizes: for files read elsewhere, and
    remembered there by these (the site's phrasebooks), which a fingerprint would read a second time."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.as_posix()}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


UNREADABLE = (
    OSError,
    EOFError,
    ValueError,
    TypeError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    zlib.error,
)
"""What reading an entry raises when it is not there, or not whole, or written by other code: a miss."""


class Cache:
    """Pickled values in ``folder``, by key; a no-op without a folder."""

    def __init__(self, folder: Path | None) -> None:
        disabled = os.environ.get("POLICYDOCS_CACHE", "").lower() in ("off", "0", "no")
        self.folder = None if disabled else folder
        self.hits = 0
        self.misses = 0
        self._folders: set[Path] = set()
        """The entries' folders this cache has made or found, not asked for again."""

    def _path(self, name: str) -> Path:
        assert self.folder is not None
        return self.folder / name[:2] / f"{name}.pickle"

    def get(self, name: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with self._path(name).open("rb") as handle:
                value = pickle.loads(zlib.decompress(handle.read()))
        except UNREADABLE:
            # Not there, or unreadable (written by other code): a miss, which the next put replaces.
            self.misses += 1
            return None
        self.hits += 1
        return value

    def get_packed(self, name: str) -> bytes | None:
        """An entry as it is stored (compressed): for a value held long before it is used, a tenth of its size.
        ``unpack`` gives its value, or raises as ``get`` would have found it unreadable (UNREADABLE)."""
        if self.folder is None:
            return None
        try:
            packed = self._path(name).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return packed

    def put(self, name: str, value: Any) -> Any:
        if self.folder is not None:
            path = self._path(name)
            # Written beside the entry under a name no other writer (process or thread) uses, then renamed
            # over it in one step: builds running at once (the locales' processes, a preview beside a build)
            # each read a whole entry or none, never one half written.
            partial: str | None = None
            try:
                if path.parent not in self._folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._folders.add(path.parent)
                try:
                    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                except FileNotFoundError:  # the folder went away since (the cache emptied by hand): made again
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
                with os.fdopen(handle, "wb") as out:
                    # Compressed: pages are most of a long history's cache; their text shrinks fivefold, quickly.
                    out.write(zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1))
                os.replace(partial, path)
            except OSError:
                # A cache that cannot be written only makes the next build slower.
                if partial is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(partial)
        return value

    def remember(self, name: str, produce: Any) -> Any:
        """The cached value for ``name``, or ``produce()``'s, cached."""
        found = self.get(name)
        return found if found is not None else self.put(name, produce())
