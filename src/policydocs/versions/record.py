"""The data against the newest release: released already, a new version to release, facts corrected, or an undated
change.

One place decides it, for `build`, `check` and `release`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from ..errors import Problem
from ..policy.dump import to_data
from ..policy.model import Policy
from .archive import Release, rewordings
from .timeline import newest_taking_effect


class Standing(enum.Enum):
    """Where data/policy.yml stands against the newest release."""

    FIRST = "first"
    """Nothing is released yet."""
    RELEASED = "released"
    """The data and today's translations are exactly the newest release."""
    UNDATED = "undated"
    """It differs from the newest release but keeps its effective date."""
    BACKDATED = "backdated"
    """Its effective date is before the newest release's."""
    NEW = "new"
    """A later effective date: a new version, not yet released."""
    TRANSLATED = "translated"
    """The same version, with languages the newest release does not have yet: translations to add to it."""
    CORRECTED = "corrected"
    """The same version, its text the same in every language, only its facts (and their ties) corrected."""


def same_record(
    release: Release, policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]
) -> bool:
    """Whether the data and today's translations are exactly what ``release`` froze, in the languages the site
    publishes: a language no longer published (removed from ``locales``) stays in the record, unbuilt."""
    if to_data(release.policy) != to_data(policy):
        return False
    if tuple(locale for locale in release.locales if locale in locales) != tuple(locales):
        return False
    frozen = {k: dict(v) for k, v in release.text.items() if k in locales}
    return frozen == {k: dict(v) for k, v in text.items()}


def standing(
    newest: Release | None, policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]
) -> Standing:
    if newest is None:
        return Standing.FIRST
    if same_record(newest, policy, text, locales):
        return Standing.RELEASED
    if added_locales(newest, policy, text, locales):
        return Standing.TRANSLATED
    if corrected_facts(newest, policy, text, locales):
        return Standing.CORRECTED
    if policy.effective_date == newest.effective_date:
        return Standing.UNDATED
    if policy.effective_date < newest.effective_date:
        return Standing.BACKDATED
    return Standing.NEW


def standing_in_record(
    releases: list[Release], policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]
) -> tuple[Standing, Release | None]:
    """Where the data stands against the record, and against which release: the newest; or, when the newest was
    withdrawn and the data is again a version that took effect before it, that version, released."""
    newest = releases[-1] if releases else None
    state = standing(newest, policy, text, locales)
    if newest is not None and newest.withdrawn is not None and state is not Standing.RELEASED:
        kept = newest_taking_effect(releases)
        if kept is not None and same_record(kept, policy, text, locales):
            return Standing.RELEASED, kept
    return state, newest


def added_locales(
    newest: Release, policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]
) -> tuple[str, ...]:
    """The languages the data publishes beyond the newest release's, when nothing else differs from it."""
    extra = tuple(locale for locale in locales if locale not in newest.locales)
    if not extra or to_data(newest.policy) != to_data(policy):
        return ()
    if tuple(locale for locale in locales if locale in newest.locales) != tuple(newest.locales):
        return ()
    for locale in newest.locales:
        if locale != policy.source_locale and dict(newest.text.get(locale, {})) != dict(text.get(locale, {})):
            return ()
    return extra


def corrected_facts(
    newest: Release, policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]
) -> bool:
    """Whether the data is the newest release with its facts (or their ``states:`` ties) corrected, and nothing
    else: the same effective date and languages, every word the same in every language."""
    return (
        policy.effective_date == newest.effective_date
        and tuple(locales) == tuple(newest.locales)
        and to_data(policy) != to_data(newest.policy)
        and not rewordings(newest.policy, newest.text, policy, text, locales)
    )


def unchanged(newest: Release, policy: Policy, text: Mapping[str, Mapping[str, str]], locales: tuple[str, ...]) -> bool:
    """Whether the data says what ``newest`` says, its effective date and change note aside: nothing to release."""
    return (
        _substance(to_data(newest.policy)) == _substance(to_data(policy))
        and _without_note(newest.text) == _without_note(text)
        and tuple(newest.locales) == tuple(locales)
    )


def build_problem(
    state: Standing, newest: Release | None, policy: Policy, data: str, releases_dir: str
) -> Problem | None:
    """Why a build cannot publish the data as it stands; None when it is the newest release."""
    if state is Standing.RELEASED:
        return None
    line, column = policy.positions.get("effective_date", (0, 0))
    if state is Standing.FIRST or newest is None:
        return Problem(f"{releases_dir}/", 0, 0, "", f"no release yet: run `policydocs release` to publish {data}")
    if state is Standing.TRANSLATED:
        return Problem(
            f"{releases_dir}/",
            0,
            0,
            "",
            f"a translation of the version of {newest.effective_date} is not frozen yet: run `policydocs release` "
            "to add it (it is not a new version)",
        )
    if state is Standing.CORRECTED:
        return Problem(
            f"{releases_dir}/",
            0,
            0,
            "",
            f"the facts of the version of {newest.effective_date} are corrected but not frozen: run "
            "`policydocs release` to freeze the correction (it is not a new version)",
        )
    if state is Standing.UNDATED:
        message = (
            f"differs from release {newest.effective_date} but keeps its effective date: "
            "set a new effective_date and run policydocs release"
        )
    elif state is Standing.BACKDATED:
        message = (
            f"effective_date {policy.effective_date} is before the newest release's "
            f"({newest.effective_date}): a new version takes effect after the last one"
        )
    else:
        message = (
            f"changes not yet released (effective {policy.effective_date}): "
            "run `policydocs release` to publish them, or `policydocs build --draft` for a staging copy"
        )
    return Problem(data, line, column, "", message)


def _substance(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("effective_date", "change_note")}


def _without_note(text: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {locale: {k: v for k, v in strings.items() if k != "change_note"} for locale, strings in text.items()}
