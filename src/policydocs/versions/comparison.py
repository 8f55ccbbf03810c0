"""Two versions side by side in one language: the one comparison behind changes pages, feed, diff and notice."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from ..errors import PolicyError
from ..i18n.localize import localize
from ..i18n.messages import policy_messages
from ..policy.model import Policy
from ..policy.scalars import FrozenMap
from .archive import Release
from .redline import Section, SectionDiff, redline_of, sections
from .summary import Change, is_material, summarize
from .timeline import version_at


def pick(releases: list[Release], spec: str, today: datetime.date) -> Release:
    """A release by its effective date (YYYY-MM-DD), or ``current``: the one in force today, else (none is yet)
    the first, announced, which the site's current page shows."""
    if spec == "current":
        found = version_at(releases, today) or (releases[0] if releases else None)
        if found is None:
            raise PolicyError("no version is released yet: nothing to compare with")
        return found
    for release in releases:
        if release.effective_date.isoformat() == spec:
            return release
    known = ", ".join(r.effective_date.isoformat() for r in releases) or "none"
    raise PolicyError(f'no release "{spec}" (releases: {known}; or "current")')


def read_in(old: Release, new: Release, locale: str) -> Release:
    """``old`` as its ``locale`` reader can follow it though it was never translated: each string the versions
    share word for word in the source reads as ``new`` translates it, the others in the source language. In
    memory only (a notice, a summary); the record is unchanged."""
    now = {message.context: message.text for message in policy_messages(new.policy)}
    translated = new.text.get(locale, {})
    borrowed = {
        message.context: translated[message.context]
        for message in policy_messages(old.policy)
        if now.get(message.context) == message.text and message.context in translated
    }
    return replace(old, locales=(*old.locales, locale), text=FrozenMap({**old.text, locale: borrowed}))


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
    if locale not in new.locales:
        raise PolicyError(f"the version of {new.effective_date} was not published in {locale}")
    if locale not in old.locales:
        old = read_in(old, new, locale)
    if policies is None:
        policies = localize(old.policy, old.translator(locale)), localize(new.policy, new.translator(locale))
    old_policy, new_policy = policies
    old_text, new_text = texts if texts is not None else (sections(old_policy), sections(new_policy))
    redlined = redline_of(old_text, new_text)
    items = summarize(old_policy, new_policy, locale, redlined, (old.text, new.text))
    return Comparison(locale, old, new, old_policy, new_policy, items, redlined)
