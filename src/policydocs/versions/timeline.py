"""Which version is in force on a given day: releases placed in time."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from .archive import Release

Status = Literal["current", "archived", "upcoming", "withdrawn"]


@dataclass(frozen=True)
class Version:
    """A release placed in time: in force from its effective date until the day before the next."""

    release: Release
    status: Status
    effective_to: datetime.date | None
    """The last day it is (or will be) in force; None while no later version is known, and for a withdrawn one."""

    @property
    def effective_from(self) -> datetime.date:
        return self.release.effective_date

    @property
    def slug(self) -> str:
        return self.release.effective_date.isoformat()


def taking_effect(releases: list[Release]) -> list[Release]:
    """The releases that took or will take effect: all but the withdrawn ones, which never do."""
    return [release for release in releases if release.withdrawn is None]


def newest_taking_effect(releases: list[Release]) -> Release | None:
    """The newest release that takes effect: what readers were told last (a withdrawn one never takes effect)."""
    return next((release for release in reversed(releases) if release.withdrawn is None), None)


def timeline(releases: list[Release], build_date: datetime.date) -> list[Version]:
    """Every release published by ``build_date``, with its status that day, oldest first.

    A release whose published date is still to come is not announced yet:
    no page, banner or feed entry shows it before that day. A release
    withdrawn by that day is shown withdrawn and never in force: the version
    before it stays in force.
    """
    releases = [r for r in releases if r.published <= build_date]
    withdrawn = {r.effective_date for r in releases if r.withdrawn is not None and r.withdrawn.withdrawn <= build_date}
    standing = [r for r in releases if r.effective_date not in withdrawn]
    in_force = [r for r in standing if r.effective_date <= build_date]
    current = in_force[-1] if in_force else None
    versions = []
    for release in releases:
        if release.effective_date in withdrawn:
            versions.append(Version(release, "withdrawn", None))
            continue
        following = next((r for r in standing if r.effective_date > release.effective_date), None)
        until = following.effective_date - datetime.timedelta(days=1) if following else None
        if release is current:
            status: Status = "current"
        elif release.effective_date > build_date:
            status = "upcoming"
        else:
            status = "archived"
        versions.append(Version(release, status, until))
    return versions


def version_at(releases: list[Release], day: datetime.date) -> Release | None:
    """The release in force on ``day`` (its effective date or later, before the next); None before the first.

    A withdrawn release never is: the one before it stays in force."""
    found = None
    for release in taking_effect(releases):
        if release.effective_date <= day:
            found = release
    return found


def in_force_until(releases: list[Release], release: Release) -> datetime.date | None:
    """The last day ``release`` is in force: the day before the next release that takes effect (None: no later one
    is known, or it was withdrawn)."""
    if release.withdrawn is not None:
        return None
    following = next((r for r in taking_effect(releases) if r.effective_date > release.effective_date), None)
    return following.effective_date - datetime.timedelta(days=1) if following else None
