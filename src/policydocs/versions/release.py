"""Freeze the current policy into data/releases/<effective date>.yml, or refuse with nothing written."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import PolicyError
from ..i18n.catalog import Translator
from ..policy import model
from ..policy.model import Policy
from ..project import Project
from ..site.render import Renderer
from .archive import Release, content, digest_of, release_path, write_release
from .summary import Change, is_material, summarize


class ReleaseRefused(PolicyError):
    """The release cannot be made; nothing was written."""


@dataclass(frozen=True)
class Made:
    path: Path
    effective_date: datetime.date
    published: datetime.date
    change_class: str
    digest: str
    changes: list[Change]
    suggested: str


def _substance(data: dict[str, object]) -> dict[str, object]:
    """What a release says, without its date and change note: equal substance means nothing changed."""
    return {k: v for k, v in data.items() if k not in ("effective_date", "change_note")}


def make_release(
    project: Project,
    *,
    published: datetime.date,
    change_class: str | None,
    forced: str | None = None,
) -> Made:
    """Freeze data/policy.yml with the text of every published locale; refuse, writing nothing, when it cannot."""
    policy = project.load_policy()
    locales = project.published(policy)
    releases: list[Release] = project.load_releases()
    # Strict: an incomplete or unfaithful published locale (its page frame's strings included, since a
    # translator needs every string of the data and the templates) is a CatalogError, before anything is written.
    text = project.resolved_text(policy, locales)
    newest = releases[-1] if releases else None
    data = project.data
    if newest is not None:
        if (
            _substance(model.as_data(newest.policy)) == _substance(model.as_data(policy))
            and _without_note(newest.text) == _without_note(text)
            and tuple(newest.locales) == tuple(locales)
        ):
            raise ReleaseRefused(f"{data}: nothing changed since release {newest.effective_date}: nothing to release")
        if policy.effective_date <= newest.effective_date:
            raise ReleaseRefused(
                f"{data}: effective_date {policy.effective_date} is not after the newest release's "
                f"({newest.effective_date}): set a later effective_date"
            )
    if published > policy.effective_date:
        raise ReleaseRefused(
            f"{data}: effective_date {policy.effective_date} is before the published date {published}: "
            "a version cannot take effect before it is published"
        )
    changes = summarize(newest.policy, policy, policy.source_locale) if newest is not None else []
    # The first version is all news to its readers; later ones are material when an item says so.
    suggested = "material" if newest is None or is_material(changes) else "editorial"
    if change_class is None:
        change_class = suggested
    if change_class == "editorial" and suggested == "material":
        if not forced:
            lines = summary_lines(project, policy, changes, material_only=True)
            raise ReleaseRefused(
                "this change is material, not editorial:\n"
                + "\n".join(f"  {line}" for line in lines)
                + "\nrelease it as material (with notice), or give --force REASON to record why it is editorial"
            )
    else:
        forced = None  # a reason is only recorded where the suggestion was overruled
    if change_class == "material" and newest is not None:
        notice = (policy.effective_date - published).days
        if notice < project.notice_days:
            raise ReleaseRefused(
                f"{data}: a material change needs {project.notice_days} days' notice: published on {published}, "
                f"it would take effect on {policy.effective_date}, {notice} days later; set a later effective_date"
            )
    previous = newest.digest if newest else None
    body = content(
        policy,
        text,
        published=published,
        change_class=change_class,
        locales=locales,
        previous_digest=previous,
        forced=forced,
    )
    digest = digest_of(body)
    path = release_path(project.path(project.releases_dir), policy.effective_date)
    if path.exists():
        raise ReleaseRefused(f"{project.releases_dir}/{path.name} already exists")
    write_release(path, body, digest)
    return Made(path, policy.effective_date, published, change_class, digest, changes, suggested)


def summary_lines(project: Project, policy: Policy, changes: list[Change], *, material_only: bool = False) -> list[str]:
    """The summary's sentences in the source language, as plain text."""
    renderer = Renderer(
        project.path(project.templates_dir), Translator(policy.source_locale, policy.source_locale), output="text"
    )
    items = [c for c in changes if c.material or not material_only]
    text = renderer.render("summary.md.j2", items=items)
    return [line for line in text.splitlines() if line.strip()]


def _without_note(text: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {locale: {k: v for k, v in strings.items() if k != "change_note"} for locale, strings in text.items()}
