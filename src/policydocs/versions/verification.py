"""The local record against a published one (a site's address, or the folder of a former build): what differs.

`policydocs verify` reads the site's versions.json, every frozen file it
lists, checked by the reader of data/releases/ itself (``read_record``:
digests, chain, links to the versions' digests), and the digest each frozen
page carries; then compares all of it with the local record. The record's
tamper evidence is what was published: a finding names the file that
changed, never the digest that would hide the change.
"""

from __future__ import annotations

import datetime
import enum
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..options import Options
from .archive import Release, correction_path, read_record, release_path, translation_path, withdrawal_path
from .published import LOCALE, Entry, Site, VerifyError, day_of, fetch_all, read_index

__all__ = ["DIGEST_META", "Finding", "Kind", "Report", "VerifyError", "verify"]

DIGEST_META = "policydocs:digest"
"""The name of the ``<meta>`` by which a page gives the digest of the version it shows."""
_META = re.compile(r'<meta name="policydocs:digest" content="([^"<>]*)"')


class Kind(enum.Enum):
    """What a finding is about; the last three are notes, every other one a difference."""

    LOCAL = "local"
    """The local record fails its own checks."""
    RECORD = "record"
    """A published frozen file fails the checks of the record's reader (changed after it was frozen, broken chain)."""
    MISSING_FILE = "missing-file"
    """A frozen file or a page that versions.json lists is not on the site."""
    INDEX = "index"
    """versions.json and a frozen file it lists disagree."""
    PAGE = "page"
    """A frozen page shows another version than versions.json says."""
    TEXT = "text"
    """A version's content (its digest) is not what was published."""
    EFFECTIVE_DATE = "effective-date"
    PUBLISHED = "published"
    CLASS = "class"
    VANISHED = "vanished"
    """A published version is no longer in the local record."""
    MISSING = "missing"
    """A version of the local record, published before a version the site has, is not on the site."""
    TRANSLATION = "translation"
    CORRECTION = "correction"
    WITHDRAWAL = "withdrawal"
    NOT_DEPLOYED = "not-deployed"
    """In the local record, not on the site yet."""
    WITHDRAWN = "withdrawn"
    """A withdrawal, said every time."""
    UNVERIFIABLE = "unverifiable"
    """What a site built by an older policydocs does not publish (frozen files, pages' digests)."""


NOTES = frozenset({Kind.NOT_DEPLOYED, Kind.WITHDRAWN, Kind.UNVERIFIABLE})


@dataclass(frozen=True)
class Finding:
    kind: Kind
    version: str
    """The effective date of the version it is about ("" for the record as a whole)."""
    file: str
    """The file it names: a local one (``data/releases/…``) or a published one (its address)."""
    message: str

    @property
    def difference(self) -> bool:
        return self.kind not in NOTES


@dataclass
class Report:
    source: str
    build_date: str
    versions: int = 0
    translations: int = 0
    corrections: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def differences(self) -> list[Finding]:
        return [f for f in self.findings if f.difference]

    def add(self, kind: Kind, version: str, file: str, message: str) -> None:
        self.findings.append(Finding(kind, version, file, message))

    def summary(self) -> str:
        count = len(self.differences)
        return (
            f"{_count(self.versions, 'version')}, {_count(self.translations, 'translation')}, "
            f"{_count(self.corrections, 'correction')} verified against {self.source}: {_count(count, 'difference')}"
        )

    def lines(self) -> list[str]:
        """The report as text: each finding (a difference or a note), then the summary."""
        found = [
            f"{'difference' if f.difference else 'note'}: {f.file}: {f.message}"
            for f in sorted(self.findings, key=lambda f: (f.version, not f.difference))
        ]
        return [*found, self.summary()]

    def as_data(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "build_date": self.build_date,
            "versions": self.versions,
            "translations": self.translations,
            "corrections": self.corrections,
            "differences": len(self.differences),
            "findings": [
                {
                    "kind": f.kind.value,
                    "difference": f.difference,
                    "version": f.version,
                    "file": f.file,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _class(release: Release) -> str:
    return "initial" if release.previous_digest is None else release.change_class


def verify(options: Options, source: str, *, index: str, timeout: float = 30.0) -> Report:
    """The local record (``project``'s data/releases/) against the record published at ``source``.

    ``index`` is versions.json's path from the site's root. Raises VerifyError
    when the site cannot be read or is not a policydocs site.
    """
    site = Site(source, timeout)
    document, entries = read_index(site.read(index), site.address(index))
    site_url = document.get("site_url") if isinstance(document.get("site_url"), str) else None
    report = Report(site.shown, document["build_date"], len(entries))
    report.translations = sum(len(e.data["translations"]) for e in entries)
    report.corrections = sum(len(e.data["corrections"]) for e in entries)
    phrasebooks = options.phrasebooks
    local, problems = read_record(
        options.path(options.releases_dir), options.releases_dir, notice_days=options.notice_days, site=phrasebooks
    )
    for problem in problems:
        report.add(Kind.LOCAL, "", *_said(problem))
    seen: set[datetime.date] = set()
    for entry in entries:
        if entry.day in seen:
            report.add(Kind.INDEX, entry.slug, site.address(index), f"lists the version of {entry.slug} twice")
        seen.add(entry.day)
    published = _published_record(site, site_url, entries, options, report)
    _pages(site, site_url, entries, report)
    # versions.json against the frozen files that passed the record's checks (one that failed is reported so).
    failed = {f.version for f in report.findings if f.kind in (Kind.RECORD, Kind.MISSING_FILE)}
    for entry in entries:
        record = published.get(entry.day)
        if record is not None and entry.slug not in failed:
            _agree(entry, record, site.address(index), report)
    _compare(entries, local, options.releases_dir, site, site_url, report)
    return report


def _said(problem: Problem) -> tuple[str, str]:
    """A problem of a record as a finding's file (with its line and column) and message."""
    where = f"{problem.file}:{problem.line}:{problem.column}" if problem.line else problem.file
    return where, (f"{problem.path}: " if problem.path else "") + problem.message


def _published_record(
    site: Site, site_url: str | None, entries: list[Entry], options: Options, report: Report
) -> dict[datetime.date, Release]:
    """The frozen files versions.json lists, read and checked by the record's own reader, by version."""
    wanted: dict[str, Path] = {}  # address → where the reader expects it, in a folder laid out as data/releases/
    with tempfile.TemporaryDirectory(prefix="policydocs-verify-") as scratch:
        folder = Path(scratch)
        unlisted = []
        for entry in entries:
            if "record" not in entry.data:
                unlisted.append(entry.slug)
                continue
            day = entry.day
            files = [(entry.data["record"], release_path(folder, day))]
            # A locale names a file here: a site's word, so only a locale code's letters (never "../").
            files += [
                (
                    t.get("record") if LOCALE.fullmatch(str(t.get("locale"))) else None,
                    translation_path(folder, day, str(t.get("locale"))),
                )
                for t in entry.data["translations"]
            ]
            files += [
                (c.get("record"), correction_path(folder, day, day_of(c.get("corrected"), day)))
                for c in entry.data["corrections"]
            ]
            withdrawn = entry.data.get("withdrawn")
            if isinstance(withdrawn, dict):
                files.append((withdrawn.get("record"), withdrawal_path(folder, day)))
            for address, target in files:
                path = site.path_of(address, site_url) if isinstance(address, str) else None
                if path is None:
                    report.add(
                        Kind.INDEX,
                        entry.slug,
                        site.address("versions.json"),
                        f"gives a frozen file of the version of {entry.slug} no address on the site",
                    )
                    continue
                wanted[path] = target
        if unlisted:
            report.add(
                Kind.UNVERIFIABLE,
                unlisted[0],
                site.address(""),
                f"publishes no frozen file for {', '.join(unlisted)} (built by an older policydocs): "
                "checked by versions.json and the pages only",
            )
        for path, content in fetch_all(site, wanted).items():
            if content is None:
                report.add(
                    Kind.MISSING_FILE,
                    wanted[path].name[:10],
                    site.address(path),
                    "listed in versions.json, but not on the site",
                )
                continue
            target = wanted[path]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        display = site.address("versions")
        releases, problems = read_record(folder, display, notice_days=options.notice_days, site=options.phrasebooks)
    for problem in problems:
        name = problem.file.rsplit("/", 1)[-1]
        report.add(Kind.RECORD, name[:10], *_said(problem))
    return {release.effective_date: release for release in releases}


def _agree(entry: Entry, record: Release, where: str, report: Report) -> None:
    """What versions.json says of a version against its frozen files, as the record's reader read them."""
    differ = []
    if entry.data["digest"] != record.digest:
        differ.append("digest")
    if entry.data.get("published") != record.published.isoformat():
        differ.append("published date")
    if entry.data.get("class") != _class(record):
        differ.append("class")
    if entry.data.get("previous_digest") != record.previous_digest:
        differ.append("previous digest")
    if entry.translations() != {t.locale: (t.added.isoformat(), t.digest) for t in record.translations}:
        differ.append("translations")
    if {day: digest for day, (_, digest) in entry.corrections().items()} != {
        c.corrected.isoformat(): c.digest for c in record.corrections
    }:
        differ.append("corrections")
    withdrawn = entry.withdrawn()
    if withdrawn is not None and (
        record.withdrawn is None
        or (withdrawn[0], withdrawn[2]) != (record.withdrawn.withdrawn.isoformat(), record.withdrawn.digest)
    ):
        differ.append("withdrawal")
    if differ:
        report.add(
            Kind.INDEX,
            entry.slug,
            where,
            f"the version of {entry.slug}: its {', '.join(differ)} not what its frozen files say",
        )


def _pages(site: Site, site_url: str | None, entries: list[Entry], report: Report) -> None:
    """Each frozen page's digest against the version's in versions.json."""
    wanted: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        for locale, address in sorted(entry.data.get("addresses", {}).items()):
            path = site.path_of(address, site_url) if isinstance(address, str) else None
            if path is None:
                report.add(
                    Kind.INDEX,
                    entry.slug,
                    site.address("versions.json"),
                    f"gives the {locale} page of {entry.slug} no address on the site",
                )
                continue
            wanted[path] = (entry, locale)
    bare = []
    for path, content in fetch_all(site, wanted).items():
        entry, locale = wanted[path]
        if content is None:
            report.add(
                Kind.MISSING_FILE, entry.slug, site.address(path), "listed in versions.json, but not on the site"
            )
            continue
        found = _META.search(content.decode("utf-8", errors="replace"))
        if found is None:
            bare.append(site.address(path))
        elif found[1] != entry.data["digest"]:
            report.add(
                Kind.PAGE,
                entry.slug,
                site.address(path),
                f"shows another version of {entry.slug} than versions.json lists (its digest differs)",
            )
    if bare:
        report.add(
            Kind.UNVERIFIABLE,
            "",
            bare[0],
            f"{_count(len(bare), 'frozen page')} carry no digest "
            "(built by an older policydocs): their text is not checked",
        )


def _compare(
    entries: list[Entry], local: list[Release], releases_dir: str, site: Site, site_url: str | None, report: Report
) -> None:
    """What the site published against the local record, version by version."""
    by_day = {release.effective_date: release for release in local}
    positions = {release.effective_date: index for index, release in enumerate(local)}
    paired: dict[int, Entry] = {}  # local position → the published entry
    unpaired: list[tuple[int, Entry]] = []
    for place, entry in enumerate(entries):
        if entry.day in by_day:
            paired[positions[entry.day]] = entry
        else:
            unpaired.append((place, entry))
    last = max(paired, default=-1)
    # A published version missing locally, at the place of a local one missing from the site (before the last
    # version both have, or published the same day): the same version, its effective date changed.
    for place, entry in list(unpaired):
        if place >= len(local) or place in paired:
            continue
        if place < last or local[place].published.isoformat() == entry.data.get("published"):
            paired[place] = entry
            unpaired.remove((place, entry))
            release = local[place]
            report.add(
                Kind.EFFECTIVE_DATE,
                entry.slug,
                release.file,
                f"the version published as of {entry.slug} takes effect on {release.effective_date} in the "
                "local record",
            )
    last = max(paired, default=-1)
    for _, entry in unpaired:
        report.add(
            Kind.VANISHED,
            entry.slug,
            f"{releases_dir}/{entry.slug}.yml",
            f"the version of {entry.slug}, published on {entry.data.get('published')} "
            f"({site.address('versions.json')}), is no longer in the local record",
        )
    for position, release in enumerate(local):
        slug = release.effective_date.isoformat()
        entry = paired.get(position)
        if entry is None:
            if position < last:
                report.add(
                    Kind.MISSING,
                    slug,
                    release.file,
                    f"the version of {slug} is missing from the site, which has later versions",
                )
            else:
                report.add(
                    Kind.NOT_DEPLOYED,
                    slug,
                    release.file,
                    f"the version of {slug} (published {release.published}) is not on the site: not deployed yet",
                )
            if release.withdrawn is not None:
                _withdrawn_note(
                    slug, release.file, release.withdrawn.withdrawn.isoformat(), release.withdrawn.reason, report
                )
            continue
        record = entry.data.get("record")
        path = site.path_of(record, site_url) if isinstance(record, str) else None
        _compare_version(entry, release, releases_dir, site.address(path or "versions.json"), report)


def _withdrawn_note(slug: str, file: str, day: str, reason: str, report: Report) -> None:
    report.add(Kind.WITHDRAWN, slug, file, f"the version of {slug} was withdrawn on {day}: {reason}")


def _compare_version(entry: Entry, release: Release, releases_dir: str, published_at: str, report: Report) -> None:
    """A version as published (``published_at``: its frozen file on the site) against the local record's."""
    slug = entry.slug
    if entry.data["digest"] != release.digest:
        chained = (
            "" if entry.data.get("previous_digest") == release.previous_digest else ", its link to the one before too"
        )
        report.add(
            Kind.TEXT,
            slug,
            release.file,
            f"not the version of {slug} published on the site ({published_at}): its content changed after "
            f"release (its digest differs{chained})",
        )
    if entry.data.get("published") != release.published.isoformat():
        report.add(
            Kind.PUBLISHED,
            slug,
            release.file,
            f"published on {release.published} in the local record, on {entry.data.get('published')} on the site",
        )
    if entry.data.get("class") != _class(release):
        report.add(
            Kind.CLASS,
            slug,
            release.file,
            f"{_class(release)} in the local record, {entry.data.get('class')} on the site",
        )
    day = release.effective_date
    mine = {t.locale: (t.added.isoformat(), t.digest) for t in release.translations}
    for locale, (added, digest) in entry.translations().items():
        file = f"{releases_dir}/{translation_path(Path(), day, locale).as_posix()}"
        if locale not in mine:
            report.add(
                Kind.TRANSLATION,
                slug,
                file,
                f"the {locale} translation added on {added} is on the site, not in the local record",
            )
        elif mine[locale] != (added, digest):
            report.add(
                Kind.TRANSLATION,
                slug,
                file,
                f"the {locale} translation is not the one published on {added}: changed after it was frozen",
            )
    for locale, (added, _) in mine.items():
        if locale not in entry.translations():
            file = f"{releases_dir}/{translation_path(Path(), day, locale).as_posix()}"
            report.add(Kind.NOT_DEPLOYED, slug, file, f"the {locale} translation added on {added}: not deployed yet")
    ours = {c.corrected.isoformat(): c.digest for c in release.corrections}
    for corrected, (_, digest) in entry.corrections().items():
        file = f"{releases_dir}/{correction_path(Path(), day, day_of(corrected, day)).as_posix()}"
        if corrected not in ours:
            report.add(
                Kind.CORRECTION, slug, file, f"the correction of {corrected} is on the site, not in the local record"
            )
        elif ours[corrected] != digest:
            report.add(
                Kind.CORRECTION,
                slug,
                file,
                f"the correction of {corrected} is not the one published: changed after it was frozen",
            )
    for corrected in ours:
        if corrected not in entry.corrections():
            file = f"{releases_dir}/{correction_path(Path(), day, day_of(corrected, day)).as_posix()}"
            report.add(Kind.NOT_DEPLOYED, slug, file, f"the correction of {corrected}: not deployed yet")
    withdrawn, file = entry.withdrawn(), f"{releases_dir}/{withdrawal_path(Path(), day).as_posix()}"
    if withdrawn is not None:
        _withdrawn_note(slug, file, withdrawn[0], withdrawn[1], report)
        if release.withdrawn is None:
            report.add(
                Kind.WITHDRAWAL,
                slug,
                file,
                f"the version of {slug} was withdrawn on {withdrawn[0]} on the site, not in the local record",
            )
        elif (release.withdrawn.withdrawn.isoformat(), release.withdrawn.digest) != (withdrawn[0], withdrawn[2]):
            report.add(
                Kind.WITHDRAWAL, slug, file, "not the withdrawal published on the site: changed after it was frozen"
            )
    elif release.withdrawn is not None:
        _withdrawn_note(slug, file, release.withdrawn.withdrawn.isoformat(), release.withdrawn.reason, report)
        report.add(Kind.NOT_DEPLOYED, slug, file, f"the withdrawal of {release.withdrawn.withdrawn}: not deployed yet")
