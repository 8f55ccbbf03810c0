"""Two versions side by side in one language: the one comparison behind changes pages, feed, diff and notice."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..errors import PolicyError
from ..i18n.localize import localize
from ..policy.v2 import Policy
from .archive import Release
from .redline import Section, SectionDiff, redline_of, sections
from .summary import Change, is_material, summarize
from .timeline import version_at


def pick(releases: list[Release], spec: str, today: datetime.date) -> Release:
    """A release by its effective date (YYYY-MM-DD), or ``current``: the one in force today."""
    if spec == "current":
        found = version_at(releases, today)
        if found is None:
            raise PolicyError(f"no version is in force on {today}")
        return found
    for release in releases:
        if release.effective_date.isoformat() == spec:
            return release
    known = ", ".join(r.effective_date.isoformat() for r in releases) or "none"
    raise PolicyError(f'no release "{spec}" (releases: {known}; or "current")')


@dataclass
class Comparison:
    """What changed from one release to another, in one locale."""

    locale: str
    old: Release
    new: Release
    old_policy: Policy
    new_policy: Policy
    items: list[Change]
    sections: list[SectionDiff]

    @property
    def material(self) -> bool:
        return is_material(self.items)


def compare(
    old: Release,
    new: Release,
    locale: str,
    *,
    policies: tuple[Policy, Policy] | None = None,
    texts: tuple[list[Section], list[Section]] | None = None,
) -> Comparison:
    """What changed from ``old`` to ``new`` in ``locale``, each read in its frozen text.

    ``policies`` (the two localized policies) and ``texts`` (their sections)
    are taken as given when the caller has made them already.
    """
    for release in (old, new):
        if locale not in release.locales:
            raise PolicyError(f"the version of {release.effective_date} was not published in {locale}")
    if policies is None:
        policies = localize(old.policy, old.translator(locale)), localize(new.policy, new.translator(locale))
    old_policy, new_policy = policies
    old_text, new_text = texts if texts is not None else (sections(old_policy), sections(new_policy))
    redlined = redline_of(old_text, new_text)
    items = summarize(old_policy, new_policy, locale, redlined, (old.text, new.text))
    return Comparison(locale, old, new, old_policy, new_policy, items, redlined)
