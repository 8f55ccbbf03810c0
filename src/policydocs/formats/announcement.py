"""The dedicated email that announces a material change: what changes, when, and where to read it."""

from __future__ import annotations

import datetime

from ..errors import PolicyError
from ..project import Project
from ..site import addresses
from ..site.pages import release_view
from ..versions.comparison import compare, pick
from .diff import renderer


def notice(
    project: Project,
    day: datetime.date,
    locale: str,
    *,
    output: str = "text",
    site_url: str | None = None,
) -> str:
    """The notice of the version taking effect on ``day``, in ``locale``, as text or Markdown."""
    releases = project.load_releases()
    new = pick(releases, day.isoformat(), day)
    index = releases.index(new)
    if index == 0:
        raise PolicyError(f"the version of {day} is the first: there is no change to announce")
    if new.change_class != "material":
        raise PolicyError(f"the version of {day} is an editorial change: no notice is due")
    comparison = compare(releases[index - 1], new, locale)
    slug = day.isoformat()
    links = {
        "new": addresses.in_locale(locale, addresses.version(slug), site_url),
        "changes": addresses.in_locale(locale, addresses.changes(slug), site_url),
    }
    return renderer(project, comparison, output).render(
        "notice.md.j2",
        new=release_view(new, locale),
        policy=comparison.new_policy,
        items=comparison.items,
        links=links,
        locale=locale,
    )
