"""The letter that announces a new version to customers: what changes for them, when, and where to read it."""

from __future__ import annotations

import datetime

from babel import UnknownLocaleError

from ..errors import PolicyError
from ..site import addresses
from ..site.pages import release_view
from ..versions.comparison import compare, pick
from ..versions.timeline import taking_effect
from ..words import language_name
from ..workspace import Workspace
from .diff import renderer


def notice(
    workspace: Workspace,
    day: datetime.date,
    locale: str,
    *,
    output: str = "text",
    site_url: str | None = None,
    courtesy: bool = False,
) -> str:
    """The notice of the version taking effect on ``day``, in ``locale``, as text or Markdown.

    A material change is owed one; an editorial change gets the optional
    courtesy notice with ``courtesy`` (and only then: it says the change
    alters nothing of the processing).
    """
    releases = workspace.releases
    new = pick(releases, day.isoformat(), day)
    if new.withdrawn is not None:
        raise PolicyError(
            f"the version of {day} was withdrawn on {new.withdrawn.withdrawn}: it will not take effect, there is no "
            "change to announce (the history and the feed say it is withdrawn)"
        )
    # The change readers are told of is from the version before that took effect: a withdrawn one never did.
    releases = taking_effect(releases)
    index = releases.index(new)
    if index == 0:
        raise PolicyError(f"the version of {day} is the first: there is no change to announce")
    if new.change_class != "material" and not courtesy:
        raise PolicyError(
            f"the version of {day} is an editorial change: no notice is due (--courtesy writes an optional one)"
        )
    if new.change_class == "material" and courtesy:
        raise PolicyError(f"the version of {day} is a material change: its notice is owed, not a courtesy")
    comparison = compare(releases[index - 1], new, locale)
    slug = day.isoformat()
    # The word-for-word changes are on the pages of a language both versions have (the source's at least).
    redline = locale if locale in releases[index - 1].locales else new.policy.source_locale
    links = {
        "new": addresses.in_locale(locale, addresses.version(slug), site_url),
        "changes": addresses.in_locale(redline, addresses.changes(slug), site_url),
    }
    binding = tuple(str(b) for b in comparison.new_policy.binding_locales)
    languages = [_language(b, locale) for b in binding] if binding and locale not in binding else []
    return renderer(workspace, comparison, output).render(
        "notice.md.j2",
        new=release_view(new, locale),
        policy=comparison.new_policy,
        items=comparison.items,
        links=links,
        locale=locale,
        courtesy=courtesy,
        binding=" / ".join(languages),
        letter_language=_language(locale, locale),
    )


def _language(code: str, locale: str) -> str:
    """A language's name in the letter's language (CLDR: "French", "français", "Französisch")."""
    try:
        return language_name(code, locale)
    except (ValueError, UnknownLocaleError):
        return code
