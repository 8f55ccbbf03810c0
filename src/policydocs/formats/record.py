"""``/versions/<date>.yml`` and the rest of the record: the frozen files themselves, byte for byte, so that anyone
can recompute their digests and follow their chain (``policydocs verify``)."""

from __future__ import annotations

from collections.abc import Mapping

from ..site import addresses
from ..site.edition import Edition
from ..site.publication import Publication
from ..versions.archive import RecordKind, record_files
from ..versions.timeline import Version


def published_files(version: Version) -> list[tuple[RecordKind, str]]:
    """The frozen files a build publishes for a version, as ``(kind, name inside the releases folder)``: every one
    the site's pages use (its withdrawal once it is withdrawn on the build date)."""
    return [(kind, name) for kind, name in record_files(version.release) if kind != "withdrawal" or
            version.status == "withdrawn"]  # fmt: skip


def files(publication: Publication, editions: Mapping[str, Edition]) -> dict[str, str | bytes]:
    """Each published version's frozen files, copied as they are (their digests cover their content)."""
    workspace = publication.workspace
    folder = workspace.options.path(workspace.options.releases_dir)
    return {
        addresses.record(name): workspace.read(folder / name)
        for version in publication.versions
        for _, name in published_files(version)
    }
