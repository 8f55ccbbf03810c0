"""Freeze the current policy into data/releases/<effective date>.yml, or refuse with nothing written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, ReleaseRefused
from ..i18n.catalog import load_translator
from ..i18n.messages import policy_messages, resolved_text
from ..policy import agreement, verify
from ..policy.model import Policy
from ..versions import record
from ..versions.archive import (
    CORRECTIONS,
    Release,
    check_correction,
    content,
    correction_content,
    correction_file_text,
    correction_path,
    digest_of,
    release_file_text,
    release_path,
    reread_release,
    reread_translation,
    short_notice,
    translation_content,
    translation_file_text,
    translation_path,
    write_frozen,
)
from ..versions.redline import redline_of
from ..versions.redline import sections as texts_of
from ..versions.summary import Change, suggestion
from ..versions.timeline import newest_taking_effect, version_at
from ..workspace import Workspace


@dataclass(frozen=True)
class ToFreeze:
    """The data and its text in every published locale, checked: what a release or a translation freezes."""

    policy: Policy
    locales: tuple[str, ...]
    releases: tuple[Release, ...]
    text: dict[str, dict[str, str]]


InForce = tuple[Release | None, dict[str, dict[str, str]], list[str]]
"""What ``in_force_translations`` finds: the version in force, its texts ready to freeze, why others are not."""


def in_force_translations(workspace: Workspace, frozen: ToFreeze, today: datetime.date) -> InForce:
    """The version in force today when a later one is announced, and the published languages it lacks whose
    catalogs now hold every one of its strings: ``(version, locale → its text, why each other language is not
    ready)``. A reader needs the version in force in their language, whatever is announced after it."""
    releases = frozen.releases
    version = version_at(releases, today)
    if version is None or version is releases[-1]:
        return None, {}, []
    texts: dict[str, dict[str, str]] = {}
    waiting: list[str] = []
    needed = policy_messages(version.policy)
    for locale in frozen.locales:
        if locale in version.locales:
            continue
        translator = load_translator(
            locale,
            version.policy.source_locale,
            workspace.options.path(workspace.options.locales_dir),
            needed,
            root=workspace.options.root,
            strict=False,
        )
        missing = [gap for gap in translator.gaps if gap.message in needed]  # the page text is the site's, today's
        if missing or translator.mismatches:
            waiting.append(
                f"{locale}: {len(missing) + len(translator.mismatches)} of the strings of the version in force "
                f"({version.effective_date}) are not translated as it says them; `policydocs i18n update` adds them "
                "to the catalog"
            )
            continue
        text = resolved_text(version.policy, {locale: translator})[locale]
        tie = verify.check(version.policy, {locale: text}, workspace.options.phrasebooks)
        if tie:
            raise DataError(tie)
        texts[locale] = text
    return version, texts, waiting


def to_freeze(workspace: Workspace) -> ToFreeze:
    """The data, its releases and its text per locale, refused (DataError, CatalogError) unless fit to freeze."""
    policy = workspace.policy
    locales = workspace.locales
    releases = workspace.releases
    # Strict: an incomplete or unfaithful published locale (its page frame's strings included, since a
    # translator needs every string of the data and the templates) is a CatalogError, before anything is written.
    translators = {locale: workspace.translator(locale, policy=policy) for locale in locales}
    text = resolved_text(policy, translators)
    tie = verify.check(policy, text, workspace.options.phrasebooks)
    if tie:
        raise DataError(tie)  # what is frozen says, in every language, what its facts say
    return ToFreeze(policy, locales, releases, text)


@dataclass(frozen=True)
class TranslationsOnly:
    """What ``make_release`` finds when the data is the newest release with more languages: translations to add
    to it (``add_translations``), not a new version."""

    locales: tuple[str, ...]
    frozen: ToFreeze
    in_force: InForce
    """The translations of the version in force ready with them, as found (catalogs read once)."""


@dataclass(frozen=True)
class FactsCorrected:
    """What ``make_release`` finds when the data is the newest release with its facts corrected and every word
    the same: a correction to freeze beside it (``correct_facts``), not a new version."""

    version: datetime.date
    frozen: ToFreeze


@dataclass(frozen=True)
class Made:
    path: Path
    effective_date: datetime.date
    published: datetime.date
    change_class: str
    digest: str
    changes: list[Change]
    suggested: str
    first: bool = False
    """The first version of the record: neither material nor editorial, whatever its file records."""

    @property
    def shown_class(self) -> str:
        """The class as the history shows it: the first version is the first."""
        return "initial" if self.first else self.change_class


BACKDATING_TOLERANCE = datetime.timedelta(days=1)
"""How far in the past a published date may be given without a reason (time zones, a release made overnight)."""


def reworded_without_facts(old: Policy, new: Policy) -> list[str]:
    """The blocks added, removed or reworded between two versions that state no fact (headings aside)."""
    stated = {context for policy in (old, new) for claim in agreement.claims(policy) for context in claim.contexts}
    return [
        block.path
        for section in redline_of(texts_of(old), texts_of(new))
        for block in section.blocks
        if block.status != "unchanged" and block.path not in stated and not block.path.endswith(".title")
    ]


def make_release(
    workspace: Workspace,
    *,
    published: datetime.date,
    change_class: str | None,
    forced: str | None = None,
    today: datetime.date | None = None,
    dry_run: bool = False,
) -> Made | TranslationsOnly | FactsCorrected:
    """Freeze data/policy.yml with the text of every published locale; refuse, writing nothing, when it cannot.

    When the data is the newest release with more languages, or with its facts corrected and its words the same,
    nothing is frozen: what it is comes back as a value, for ``add_translations`` or ``correct_facts``.

    ``forced`` is the reason for overruling a guard (an editorial class where
    the changes look material, a published date in the past): recorded in
    the release. ``dry_run`` checks and computes everything, and writes nothing.
    """
    today = today or published
    frozen = to_freeze(workspace)
    policy, locales, releases, text = frozen.policy, frozen.locales, frozen.releases, frozen.text
    newest = releases[-1] if releases else None
    data = workspace.options.data
    withdrawn = next((r for r in releases if r.withdrawn and r.effective_date == policy.effective_date), None)
    if withdrawn is not None and withdrawn.withdrawn is not None:
        raise ReleaseRefused(
            f"effective_date {policy.effective_date} is the date of a version withdrawn on "
            f"{withdrawn.withdrawn.withdrawn}: a withdrawn version's date is not reused; set a later effective_date",
            file=data,
        )
    compared = newest_taking_effect(releases)  # what changes is told against it, not against a withdrawn version
    state = record.standing(newest, policy, text, locales) if newest is not None else record.Standing.FIRST
    waiting: list[str] = []
    if state in (record.Standing.TRANSLATED, record.Standing.RELEASED):
        in_force = in_force_translations(workspace, frozen, today)
        if state is record.Standing.TRANSLATED:
            extra = record.added_locales(newest, policy, text, locales)  # type: ignore[arg-type]
            return TranslationsOnly(extra, frozen, in_force)
        _, ready, waiting = in_force
        if ready:  # the data is the announced version; the version in force now has a language more
            return TranslationsOnly(tuple(ready), frozen, in_force)
    if newest is not None and state is record.Standing.CORRECTED:
        return FactsCorrected(newest.effective_date, frozen)
    if newest is not None:
        last = compared or newest  # a withdrawn version's text may be released again, under another date
        if record.unchanged(last, policy, text, locales):
            raise ReleaseRefused(
                f"nothing changed since release {last.effective_date}: nothing to release"
                + "".join(f"; {why}" for why in waiting),
                file=data,
            )
        if state is not record.Standing.NEW:
            raise ReleaseRefused(
                f"effective_date {policy.effective_date} is not after the newest release's "
                f"({newest.effective_date}): set a later effective_date",
                file=data,
            )
        if published < newest.published:
            raise ReleaseRefused(
                f"--published {published} is before the previous version's published date ({newest.published}): "
                "the record cannot be back-dated"
            )
    if published > policy.effective_date:
        raise ReleaseRefused(
            f"effective_date {policy.effective_date} is before the published date {published}: "
            "a version cannot take effect before it is published",
            file=data,
        )
    overruled = False
    if published < today - BACKDATING_TOLERANCE:
        if not forced:
            raise ReleaseRefused(
                f"--published {published} is in the past (today is {today}): a version is published the day it is "
                "released; give --force REASON to record why it was published earlier"
            )
        overruled = True
    changes, suggested = suggestion(compared, policy, text)
    if change_class is None and compared is not None and suggested == "editorial":
        unsure = reworded_without_facts(compared.policy, policy)
        if unsure:
            raise ReleaseRefused(
                "reworded text that states no fact, so nothing tells whether the change is material: "
                + ", ".join(unsure)
                + "; read the redline (policydocs diff current draft) and give --class material or --class editorial",
                file=data,
            )
    if change_class is None:
        change_class = suggested
    if change_class == "editorial" and suggested == "material":
        if not forced:
            raise ReleaseRefused(
                "this change is material, not editorial",
                [c for c in changes if c.material],
                "release it as material (with notice), or give --force REASON to record why it is editorial",
            )
        overruled = True
    short = short_notice(change_class, published, policy.effective_date, workspace.options.notice_days)
    if short and newest is not None:
        earliest = published + datetime.timedelta(days=workspace.options.notice_days)
        material = [c for c in changes if c.material]  # none when the editor chose the class
        raise ReleaseRefused(
            f"{short}" + (", for" if material else ""),
            material,
            f"set an effective_date on or after {earliest}",
            file=data,
        )
    if compared is not None and policy.change_note and policy.change_note == compared.policy.change_note:
        # The previous version's note would tell this version's readers what changed the time before.
        if not forced:
            line, column = policy.at("change_note")
            raise ReleaseRefused(
                f"change_note is the note of the version of {compared.effective_date}, word "
                "for word: say what this version changes, or give --force REASON to keep it",
                file=data,
                line=line,
                column=column,
            )
        overruled = True
    if not overruled:
        forced = None  # a reason is only recorded where a guard was overruled
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
    path = release_path(workspace.options.path(workspace.options.releases_dir), policy.effective_date)
    if path.exists():
        raise ReleaseRefused(f"{workspace.options.releases_dir}/{path.name} already exists")
    written = release_file_text(body, digest)
    # No command freezes what a later command refuses: the file is read back as `check` and `build` will read it.
    unreadable = reread_release(written, f"{workspace.options.releases_dir}/{path.name}")
    if unreadable:
        raise ReleaseRefused(
            "the release would not load again once written, so nothing was written: "
            + "; ".join(f"{p.key or p.file}: {p.message}" for p in unreadable),
            file=data,
        )
    if not dry_run:
        write_frozen(path, written)
    return Made(path, policy.effective_date, published, change_class, digest, changes, suggested, newest is None)


def draft_release(workspace: Workspace, published: datetime.date) -> Release:
    """The data as it would be released today, in memory (catalogs read leniently): for reviewing a change."""
    data = workspace.options.data
    policy = workspace.policy
    locales = workspace.locales
    releases = workspace.releases
    text = workspace.resolved_text()
    newest = releases[-1] if releases else None
    _, change_class = suggestion(newest_taking_effect(releases), policy, text)
    previous = newest.digest if newest else None
    body = content(
        policy, text, published=published, change_class=change_class, locales=locales, previous_digest=previous
    )
    digest = digest_of(body)
    return Release(policy.effective_date, published, change_class, locales, previous, digest, policy, text, None, data)


def add_translations(
    workspace: Workspace,
    *,
    added: datetime.date,
    dry_run: bool = False,
    frozen: ToFreeze | None = None,
    in_force: InForce | None = None,
) -> list[tuple[Path, str, str]]:
    """Freeze the languages the data publishes beyond the newest release's, each in a file of its own.

    Returns ``(path, locale, digest)`` per language. The version keeps its
    date and its digest; a translation's file links to that digest. ``frozen``
    is the data as ``to_freeze`` gave it, and ``in_force`` what ``in_force_translations`` found that day, when
    the caller has them already.
    """
    frozen = frozen or to_freeze(workspace)
    policy, locales, releases, text = frozen.policy, frozen.locales, frozen.releases, frozen.text
    newest = releases[-1] if releases else None
    extra = record.added_locales(newest, policy, text, locales) if newest is not None else ()
    version, ready, _ = in_force or in_force_translations(workspace, frozen, added)
    to_add = [(newest, locale, text[locale]) for locale in extra if newest is not None]
    to_add += [(version, locale, strings) for locale, strings in ready.items() if version is not None]
    if not to_add:
        data = workspace.options.data
        raise ReleaseRefused("no language to add to the newest release or the version in force", file=data)
    made: list[tuple[Path, str, str, str]] = []
    for version, locale, strings in to_add:
        assert version is not None
        if added < version.published:
            raise ReleaseRefused(
                f"a translation cannot be added before its version was published ({version.published})"
            )
        if version.corrections and added < version.corrections[-1].corrected:
            last = version.corrections[-1].corrected
            raise ReleaseRefused(
                f"a translation cannot be added before the last correction of its version's facts ({last})"
            )
        body = translation_content(version.effective_date, version.digest, locale, added, strings)
        digest = digest_of(body)
        path = translation_path(workspace.options.path(workspace.options.releases_dir), version.effective_date, locale)
        shown = f"{workspace.options.releases_dir}/{path.parent.name}/{path.name}"
        if path.exists():
            raise ReleaseRefused(f"{shown} already exists")
        written = translation_file_text(body, digest)
        unreadable = reread_translation(written, shown)
        if unreadable:
            raise ReleaseRefused(
                "the translation would not load again once written, so nothing was written: "
                + "; ".join(f"{p.key or p.file}: {p.message}" for p in unreadable),
                file=shown,
            )
        made.append((path, locale, digest, written))
    if not dry_run:
        for path, _, _, written in made:
            write_frozen(path, written)
    return [(path, locale, digest) for path, locale, digest, _ in made]


@dataclass(frozen=True)
class Corrected:
    path: Path
    version: datetime.date
    corrected: datetime.date
    digest: str


def correct_facts(
    workspace: Workspace,
    *,
    corrected: datetime.date,
    reason: str | None = None,
    dry_run: bool = False,
    frozen: ToFreeze | None = None,
) -> Corrected:
    """Freeze the corrected facts of the newest release in a file of their own, its words unchanged.

    The version keeps its date, its digest and its file; the correction's
    file links to that digest and carries the whole corrected policy and its
    text in every language. It is read back by the loader that will read it
    before it is written: refused (DataError, ReleaseRefused), nothing is.
    """
    frozen = frozen or to_freeze(workspace)
    policy, locales, releases, text = frozen.policy, frozen.locales, frozen.releases, frozen.text
    newest = releases[-1] if releases else None
    if newest is None or not record.corrected_facts(newest, policy, text, locales):
        raise ReleaseRefused("no correction of the facts of the newest release", file=workspace.options.data)
    if corrected < newest.published:
        raise ReleaseRefused(f"a correction cannot be made before its version was published ({newest.published})")
    strings = {locale: text[locale] for locale in locales if locale != policy.source_locale}
    body = correction_content(newest.effective_date, newest.digest, corrected, reason, policy, strings)
    digest = digest_of(body)
    path = correction_path(workspace.options.path(workspace.options.releases_dir), newest.effective_date, corrected)
    shown = f"{workspace.options.releases_dir}/{CORRECTIONS}/{path.name}"
    if path.exists():
        raise ReleaseRefused(f"{shown} already exists: one correction of a version a day")
    written = correction_file_text(body, digest)
    _, problems = check_correction(written, shown, releases, workspace.options.phrasebooks)
    if problems:
        raise DataError(problems)
    if not dry_run:
        write_frozen(path, written)
    return Corrected(path, newest.effective_date, corrected, digest)
