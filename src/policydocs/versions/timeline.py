"""Which version is in force on a given day: releases placed in time."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from .archive import Release


@dataclass(frozen=True)
class Version:
    """A release placed in time: in force from its effective date until the day before the next."""

    release: Release
    status: Literal["current", "archived", "upcoming"]
    effective_to: datetime.date | None
    """The last day it is (or will be) in force; None while no later version is known."""

    @property
    def effective_from(self) -> datetime.date:
        return self.release.effective_date

    @property
    def slug(self) -> str:
        return self.release.effective_date.isoformat()


def timeline(releases: list[Release], build_date: datetime.date) -> list[Version]:
    """Every release published by ``build_date``, with its status that day, oldest first.

    A release whose published date is still to come is not announced yet:
    no page, banner or feed entry shows it before that day.
    """
    releases = [r for r in releases if r.published <= build_date]
    in_force = [r for r in releases if r.effective_date <= build_date]
    current = in_force[-1] if in_force else None
    versions = []
    for index, release in enumerate(releases):
        following = releases[index + 1] if index + 1 < len(releases) else None
        until = following.effective_date - datetime.timedelta(days=1) if following else None
        if release is current:
            status: Literal["current", "archived", "upcoming"] = "current"
        elif release.effective_date > build_date:
            status = "upcoming"
        else:
            status = "archived"
        versions.append(Version(release, status, until))
    return versions


def version_at(releases: list[Release], day: datetime.date) -> Release | None:
    """The release in force on ``day`` (its effective date or later, before the next); None before the first."""
    found = None
    for release in releases:
        if release.effective_date <= day:
            found = release
    return found
