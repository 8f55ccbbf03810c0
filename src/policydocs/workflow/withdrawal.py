"""Withdraw an announced version before it takes effect: freeze data/releases/withdrawals/<version>.yml, or refuse
with nothing written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, ReleaseRefused
from ..versions.archive import (
    WITHDRAWALS,
    check_withdrawal,
    digest_of,
    withdrawal_content,
    withdrawal_file_text,
    withdrawal_path,
    write_frozen,
)
from ..versions.timeline import version_at
from ..workspace import Workspace


@dataclass(frozen=True)
class Withdrawn:
    path: Path
    version: datetime.date
    withdrawn: datetime.date
    digest: str
    in_force: datetime.date | None
    """The version that stays in force (its effective date)."""


def withdraw(
    workspace: Workspace, version: datetime.date, *, reason: str, today: datetime.date, dry_run: bool = False
) -> Withdrawn:
    """Freeze the withdrawal of the version of ``version``, on ``today`` (the clock's day), for ``reason``.

    Only the newest release can be withdrawn, once announced and before it
    takes effect; its release file stays, part of the chain. The file is
    read back by the loader that will read it before it is written: refused
    (ReleaseRefused, DataError), nothing is.
    """
    releases = workspace.releases
    shown_dir = workspace.options.releases_dir
    release = next((r for r in releases if r.effective_date == version), None)
    if release is None:
        known = ", ".join(r.effective_date.isoformat() for r in releases) or "none"
        raise ReleaseRefused(f"no release of {version} in {shown_dir}/ (releases: {known})")
    if release.withdrawn is not None:
        raise ReleaseRefused(f"the version of {version} was withdrawn already, on {release.withdrawn.withdrawn}")
    if version <= today:
        in_force = version_at(releases, today)
        state = "is in force" if in_force is release else "is archived"
        raise ReleaseRefused(
            f"the version of {version} took effect on {version} and {state}: only an announced version can be "
            "withdrawn before it takes effect; release a new version to change it"
        )
    if release is not releases[-1]:
        raise ReleaseRefused(
            f"the version of {version} is not the newest release ({releases[-1].effective_date} follows it): "
            "only the newest can be withdrawn"
        )
    if release is releases[0]:
        raise ReleaseRefused(
            f"the version of {version} is the first: no version before it would stay in force, so it cannot be "
            "withdrawn"
        )
    if today < release.published:
        raise ReleaseRefused(
            f"the version of {version} is not published before {release.published}: a version is withdrawn once "
            "it is announced"
        )
    if not reason.strip():
        raise ReleaseRefused("--reason: say why the version is withdrawn (it is recorded and shown in the history)")
    body = withdrawal_content(version, release.digest, today, reason)
    digest = digest_of(body)
    path = withdrawal_path(workspace.options.path(shown_dir), version)
    shown = f"{shown_dir}/{WITHDRAWALS}/{path.name}"
    if path.exists():
        raise ReleaseRefused(f"{shown} already exists")
    written = withdrawal_file_text(body, digest)
    _, problems = check_withdrawal(written, shown, releases)
    if problems:
        raise DataError(problems)
    if not dry_run:
        write_frozen(path, written)
    kept = version_at(releases[:-1], version)
    return Withdrawn(path, version, today, digest, kept.effective_date if kept else None)
