"""Frozen releases: their files, digests and chain, and which version is in force on a given day."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from ..cache import Cache, Read, key, stamps
from ..errors import DataError, Problem
from ..i18n.catalog import Translator
from ..i18n.messages import policy_messages
from ..policy import agreement, model, source, verify
from ..policy.consistency import cross_check
from ..policy.dump import to_data
from ..policy.facts import index as fact_index
from ..policy.format1 import convert as format1_convert
from ..policy.format1 import model as format1
from ..policy.model import Policy
from ..policy.scalars import FrozenMap, LocaleCode
from ..policy.translatable import messages as policy_texts
from ..policy.validate import INVALID, Builder

ChangeClass = Literal["material", "editorial"]
TRANSLATION_HEADER = (
    "# A translation added to a released version, written by `policydocs release`.\n"
    "# Never edit it by hand: its digest, and its link to the version's digest, would no longer match.\n"
)
CORRECTION_HEADER = (
    "# A correction of the facts of a released version, its text unchanged, written by `policydocs release`.\n"
    "# Never edit it by hand: its digest, and its link to the version's digest, would no longer match.\n"
)
RELEASE_HEADER = (
    "# A frozen version of the privacy policy, written by `policydocs release`.\n"
    "# Never edit it by hand: its digest, and the next release's link to it, would no longer match.\n"
)
WITHDRAWAL_HEADER = (
    "# The withdrawal of an announced version before it took effect, written by `policydocs withdraw`.\n"
    "# Never edit it by hand: its digest, and its link to the version's digest, would no longer match.\n"
)


@dataclass(frozen=True)
class ReleaseFile:
    """The fields of a data/releases/<date>.yml file of format 1, as the validator reads them."""

    effective_date: datetime.date
    published: datetime.date
    change_class: ChangeClass
    locales: tuple[LocaleCode, ...]
    previous_digest: str | None
    digest: str
    policy: format1.Policy
    text: Mapping[str, Mapping[str, str]]
    """Per non-source locale: msgctxt → the translation in force when it was released."""
    forced: str | None = None
    """Why a guard was overruled (``release --force``): an editorial class against the computed suggestion,
    or a published date in the past."""


@dataclass(frozen=True)
class ReleaseFileV2(ReleaseFile):
    """A release file whose policy is of format 2 (``policy.format: "2"``)."""

    policy: Policy  # type: ignore[assignment]


@dataclass(frozen=True)
class Correction:
    """A correction of a version's facts, as the history shows it: the day, why, and its file's digest."""

    corrected: datetime.date
    digest: str
    reason: str | None = None


@dataclass(frozen=True)
class Translation:
    """A translation added to a version after its release: the language, the day, and its file's digest."""

    locale: str
    added: datetime.date
    digest: str


@dataclass(frozen=True)
class Withdrawal:
    """The withdrawal of an announced version before it took effect: the day, why, and its file's digest."""

    withdrawn: datetime.date
    reason: str
    digest: str


@dataclass(frozen=True)
class Release:
    """A verified frozen version of the policy."""

    effective_date: datetime.date
    published: datetime.date
    change_class: ChangeClass
    locales: tuple[str, ...]
    previous_digest: str | None
    digest: str
    policy: Policy
    text: Mapping[str, Mapping[str, str]]
    forced: str | None = None
    file: str = field(default="", compare=False)
    translations: tuple[Translation, ...] = ()
    """Translations frozen after the version was released (``data/releases/translations/``), in file order."""
    corrections: tuple[Correction, ...] = ()
    """Corrections of its facts frozen after it was released (``data/releases/corrections/``), oldest first:
    ``policy`` and ``text`` are then the newest correction's, the words the version's own."""
    withdrawn: Withdrawal | None = None
    """Its withdrawal before it took effect (``data/releases/withdrawals/``): it never takes effect."""

    @property
    def added(self) -> Mapping[str, datetime.date]:
        """The translations frozen after the version was released: locale → day."""
        return FrozenMap({t.locale: t.added for t in self.translations})

    def translator(self, locale: str) -> Translator:
        """Translations as frozen at release: archived pages never go through today's catalogs."""
        if locale == self.policy.source_locale:
            return Translator(locale, locale)
        frozen = self.text.get(locale, {})
        entries = {(m.context, m.text): frozen[m.context] for m in policy_messages(self.policy) if m.context in frozen}
        return Translator(locale, self.policy.source_locale, entries)


def content(
    policy: Policy | format1.Policy,
    text: Mapping[str, Mapping[str, str]],
    *,
    published: datetime.date,
    change_class: str,
    locales: tuple[str, ...],
    previous_digest: str | None,
    forced: str | None = None,
) -> dict[str, Any]:
    """A release's canonical content: what its digest covers, in the order its file shows it."""
    data: dict[str, Any] = {
        "effective_date": policy.effective_date.isoformat(),
        "published": published.isoformat(),
        "change_class": change_class,
        "locales": list(locales),
        "previous_digest": previous_digest,
    }
    if forced is not None:
        data["forced"] = forced
    # A release keeps the format it was written in: its digest covers exactly what its file says.
    data["policy"] = format1.as_data(policy) if isinstance(policy, format1.Policy) else to_data(policy)
    data["text"] = {locale: dict(sorted(strings.items())) for locale, strings in sorted(text.items())}
    return data


def digest_of(data: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a release's content (keys sorted, UTF-8, no spaces)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


TRANSLATIONS = "translations"
"""The folder, inside the releases folder, of translations frozen after their version."""


@dataclass(frozen=True)
class TranslationFile:
    """A translation added to a released version: ``<releases>/translations/<version>.<locale>.yml``."""

    version: datetime.date
    version_digest: str
    locale: LocaleCode
    added: datetime.date
    digest: str
    text: Mapping[str, str]
    """msgctxt → the translation, as frozen on the day it was added."""


def translation_content(
    version: datetime.date, version_digest: str, locale: str, added: datetime.date, text: Mapping[str, str]
) -> dict[str, Any]:
    """What a translation file's digest covers: the version it belongs to (and its digest), the day, the text."""
    return {
        "version": version.isoformat(),
        "version_digest": version_digest,
        "locale": locale,
        "added": added.isoformat(),
        "text": dict(sorted(text.items())),
    }


def translation_path(releases_dir: Path, version: datetime.date, locale: str) -> Path:
    return releases_dir / TRANSLATIONS / f"{version.isoformat()}.{locale}.yml"


def _translation_file(text: str, display: str) -> tuple[TranslationFile, Builder]:
    """A translation file's text read and validated (DataError when it is not one)."""
    tree, parse_problems = source.parse(text, display)
    builder = Builder(display)
    builder.problems.extend(parse_problems)
    found = builder.build(tree, TranslationFile, "", "")
    if found is INVALID or builder.problems:
        raise DataError(builder.problems)
    return found, builder


def _with_translations(
    releases: list[Release], releases_dir: Path, display_dir: str, problems: list[Problem], read: Read
) -> list[Release]:
    """Each release with the translations frozen after it, each checked against its own digest and its version's."""
    folder = releases_dir / TRANSLATIONS
    by_date = {release.effective_date: index for index, release in enumerate(releases)}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        display = f"{display_dir}/{TRANSLATIONS}/{path.name}"
        try:
            found, builder = _translation_file(read(path).decode("utf-8"), display)
        except UnicodeDecodeError as err:
            problems.append(Problem(display, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})"))
            continue
        except DataError as err:
            problems.extend(err.problems)
            continue

        def at(field_key: str, message: str, display: str = display, builder: Builder = builder) -> None:
            line, column = builder.positions.get(field_key, (1, 1))
            problems.append(Problem(display, line, column, field_key, message))

        actual = digest_of(
            translation_content(found.version, found.version_digest, found.locale, found.added, found.text)
        )
        index = by_date.get(found.version)
        if actual != found.digest:
            # Never the digest its content gives: that is the value to paste to hide the edit.
            at("digest", "digest mismatch: this frozen translation was edited after it was frozen")
        elif index is None:
            at("version", f"no release of {found.version} in {display_dir}/")
        elif releases[index].digest != found.version_digest:
            at("version_digest", f"does not match the digest of the release of {found.version}")
        elif found.locale in releases[index].locales:
            at("locale", f"the release of {found.version} has its {found.locale} text already")
        elif found.added < releases[index].published:
            at("added", f"added on {found.added}, before its version was published ({releases[index].published})")
        else:
            release = releases[index]
            releases[index] = replace(
                release,
                locales=(*release.locales, found.locale),
                text=FrozenMap({**release.text, found.locale: found.text}),
                translations=(*release.translations, Translation(found.locale, found.added, found.digest)),
            )
    return releases


CORRECTIONS = "corrections"
"""The folder, inside the releases folder, of corrections of a version's facts frozen after it."""


@dataclass(frozen=True)
class CorrectionFile:
    """A correction of a released version's facts: ``<releases>/corrections/<version>.<corrected>.yml``."""

    version: datetime.date
    version_digest: str
    corrected: datetime.date
    """The day it was frozen (the clock's, as a published date)."""
    digest: str
    policy: Policy
    """The whole corrected policy (format 2): the version's words, with its facts and their ties corrected."""
    text: Mapping[str, Mapping[str, str]]
    """Per non-source locale: msgctxt → the translation, for every string of the corrected policy."""
    reason: str | None = None
    """Why the facts were corrected, in the editor's words (``release --note``)."""


def correction_content(
    version: datetime.date,
    version_digest: str,
    corrected: datetime.date,
    reason: str | None,
    policy: Policy,
    text: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    """What a correction file's digest covers: the version (and its digest), the day, why, the policy, the text."""
    data: dict[str, Any] = {
        "version": version.isoformat(),
        "version_digest": version_digest,
        "corrected": corrected.isoformat(),
    }
    if reason is not None:
        data["reason"] = reason
    data["policy"] = to_data(policy)
    data["text"] = {locale: dict(sorted(strings.items())) for locale, strings in sorted(text.items())}
    return data


def correction_path(releases_dir: Path, version: datetime.date, corrected: datetime.date) -> Path:
    return releases_dir / CORRECTIONS / f"{version.isoformat()}.{corrected.isoformat()}.yml"


def _stateless(value: Any) -> Any:
    """Blocks, items and rows (any depth) without their ``states:`` ties."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _stateless(getattr(value, f.name)) for f in fields(value) if f.init and f.compare}
        if "states" in changes:
            changes["states"] = ()
        return replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_stateless(item) for item in value)
    return value


def wording(policy: Policy) -> dict[str, Any]:
    """The policy as data without its facts and its ``states:`` ties: what a correction of its facts keeps."""
    data = to_data(policy)
    data.pop("facts", None)
    data["sections"] = to_data(_stateless(policy.sections))
    if policy.preamble:
        data["preamble"] = to_data(_stateless(policy.preamble))
    return data


def rewordings(
    old: Policy,
    old_text: Mapping[str, Mapping[str, str]],
    new: Policy,
    new_text: Mapping[str, Mapping[str, str]],
    locales: tuple[str, ...],
) -> list[tuple[str, int, str]]:
    """Where ``new`` says anything other than ``old`` in one of ``locales``: ``(what, line in new, why)``.

    Empty when only the facts and the ``states:`` ties differ: the title, every
    heading, block, item and cell, in the source and every locale's text, and
    the document's shape (ids, order, kinds) are the same. A fact a generated
    block renders is part of the text, its labels too.
    """
    found: list[tuple[str, int, str]] = []
    old_known, new_known = fact_index(old.facts), fact_index(new.facts)
    generated = sorted(agreement.generated_facts(old) | agreement.generated_facts(new))
    for fact in generated:
        if to_data(old_known.get(fact)) != to_data(new_known.get(fact)):
            kind, _, rest = fact.partition(".")
            line = new.at(f"facts.{kind}.{rest}" if rest else f"facts.{kind}")[0]
            found.append((fact, line, f"{fact} is rendered by a generated block, so it is part of the text"))

    def protected(context: str) -> bool:
        return not context.startswith("facts.") or any(context.startswith(f"facts.{fact}.") for fact in generated)

    before = {context: text for context, text, _, _ in policy_texts(old) if protected(context)}
    after = {context: (text, line) for context, text, line, _ in policy_texts(new) if protected(context)}
    first_line = new.at("title")[0]
    for context in dict.fromkeys([*before, *after]):
        line = after[context][1] if context in after else first_line
        if before.get(context) != (after[context][0] if context in after else None):
            found.append((context, line, f"the text of {context} is not the version's ({new.source_locale})"))
            continue
        for locale in locales:
            if locale == new.source_locale:
                continue
            if old_text.get(locale, {}).get(context) != new_text.get(locale, {}).get(context):
                found.append((context, line, f"in {locale}, the text of {context} is not the version's"))
    if not found and wording(old) != wording(new):
        line = new.at("sections")[0]
        shape = "the document's sections and blocks (their ids, order or kinds) are not the version's"
        found.append(("sections", line, shape))
    return found


def check_correction(
    text: str, display: str, releases: list[Release], site: Path | None = None
) -> tuple[CorrectionFile | None, list[Problem]]:
    """A correction file's text read and checked against the releases (with the corrections before it); ``site``
    holds the site's own phrasebooks."""
    try:
        tree, parse_problems = source.parse(text, display)
    except DataError as err:
        return None, list(err.problems)
    builder = model.DocumentBuilder(display)
    builder.problems.extend(parse_problems)
    found = builder.build(tree, CorrectionFile, "", "")
    if found is INVALID or builder.problems:
        return None, list(builder.problems)
    problems: list[Problem] = []

    def at(field_key: str, message: str) -> None:
        line, column = builder.positions.get(field_key, (1, 1))
        problems.append(Problem(display, line, column, field_key, message))

    actual = digest_of(
        correction_content(found.version, found.version_digest, found.corrected, found.reason, found.policy, found.text)
    )
    release = next((r for r in releases if r.effective_date == found.version), None)
    if actual != found.digest:
        at("digest", "digest mismatch: this frozen correction was edited after it was frozen")
        return found, problems
    if Path(display).name != f"{found.version}.{found.corrected}.yml":
        at("version", f"the file name says {Path(display).stem} but it corrects {found.version} on {found.corrected}")
    if release is None:
        at("version", f"no release of {found.version} in {Path(display).parent.parent.as_posix()}/")
        return found, problems
    if release.digest != found.version_digest:
        at("version_digest", f"does not match the digest of the release of {found.version}")
        return found, problems
    if found.corrected < release.published:
        at("corrected", f"corrected on {found.corrected}, before its version was published ({release.published})")
    if release.corrections and found.corrected <= release.corrections[-1].corrected:
        at("corrected", f"corrected on {found.corrected}, not after the correction before it "
           f"({release.corrections[-1].corrected})")  # fmt: skip
    prefix = "policy."
    places = {k[len(prefix) :]: v for k, v in builder.positions.items() if k.startswith(prefix)}
    policy = replace(found.policy, positions=FrozenMap(places), source_file=display)
    problems.extend(cross_check(policy, builder.anchor_links))
    if policy.effective_date != release.effective_date:
        at("policy.effective_date", f"differs from the effective date of the version it corrects ({found.version})")
    # The languages the version has on that day; a translation added later is frozen from the corrected data.
    locales = tuple(
        locale for locale in release.locales if locale not in release.added or release.added[locale] < found.corrected
    )
    contexts = [context for context, *_ in policy_texts(policy)]
    for locale in found.text:
        if locale not in locales or locale == policy.source_locale:
            at(f"text.{locale}", f"the version of {found.version} has no {locale} text to correct")
    for locale in locales:
        if locale == policy.source_locale:
            continue
        strings = found.text.get(locale)
        missing = [context for context in contexts if strings is None or context not in strings]
        if missing:
            at(f"text.{locale}" if strings is not None else "text",
               f"no {locale} text for {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}")  # fmt: skip
    for context, line, why in rewordings(release.policy, release.text, policy, found.text, locales):
        problems.append(
            Problem(display, line, 1, context, f"{why}: a correction changes only facts and their `states:` ties")
        )
    problems.extend(verify.check(policy, {k: v for k, v in found.text.items() if k in locales}, site))
    return replace(found, policy=policy), problems


def _with_corrections(
    releases: list[Release],
    releases_dir: Path,
    display_dir: str,
    problems: list[Problem],
    read: Read,
    tampered: set[datetime.date] = frozenset(),  # type: ignore[assignment]
    site: Path | None = None,
    cache: Cache | None = None,
) -> list[Release]:
    """Each release with the corrections of its facts, oldest first, each checked: its digest, its version's
    digest, its unchanged text, its facts against that text.

    A correction's check is kept in ``cache`` by its text, the releases' digests, the corrections before it and
    the site's phrasebooks (which the check of its facts against the text reads)."""
    folder = releases_dir / CORRECTIONS
    phrasebooks = stamps((site or releases_dir.parent) / "phrasebook")
    before = hashlib.sha256(b"".join(r.digest.encode("utf-8") for r in releases))
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        display = f"{display_dir}/{CORRECTIONS}/{path.name}"
        if path.name.split(".")[0] in {day.isoformat() for day in tampered}:
            continue  # its version was edited: that is the problem to report, not this file
        try:
            text = read(path).decode("utf-8")
        except UnicodeDecodeError as err:
            problems.append(Problem(display, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})"))
            continue
        before.update(hashlib.sha256(text.encode("utf-8")).digest())
        name = key("correction checked", display, before.hexdigest(), phrasebooks)
        kept = cache.get(name) if cache is not None else None
        if kept is not None:
            found, own = kept
        else:
            found, own = check_correction(text, display, releases, site or releases_dir.parent)
            if cache is not None:
                cache.put(name, (found, own))
        problems.extend(own)
        if found is None or own:
            continue
        index = next(i for i, r in enumerate(releases) if r.effective_date == found.version)
        release = releases[index]
        releases[index] = replace(
            release,
            policy=found.policy,
            text=FrozenMap({**release.text, **found.text}),
            corrections=(*release.corrections, Correction(found.corrected, found.digest, found.reason)),
        )
    return releases


def correction_file_text(data: Mapping[str, Any], digest: str) -> str:
    """A correction file's text: its header, its fields, its digest before its policy and text."""
    ordered = dict(data)
    policy, text = ordered.pop("policy"), ordered.pop("text")
    document = {**ordered, "digest": digest, "policy": policy, "text": text}
    return CORRECTION_HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def release_path(releases_dir: Path, effective_date: datetime.date) -> Path:
    return releases_dir / f"{effective_date.isoformat()}.yml"


def release_file_text(data: Mapping[str, Any], digest: str) -> str:
    """A release file's text: its header, its envelope, its digest, then its policy and text."""
    ordered = dict(data)
    policy, text = ordered.pop("policy"), ordered.pop("text")
    document = {**ordered, "digest": digest, "policy": policy, "text": text}
    return RELEASE_HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def translation_file_text(data: Mapping[str, Any], digest: str) -> str:
    """A translation file's text: its header, its fields, its digest before its text."""
    ordered = dict(data)
    text = ordered.pop("text")
    document = {**ordered, "digest": digest, "text": text}
    return TRANSLATION_HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def write_release(path: Path, data: Mapping[str, Any], digest: str) -> None:
    """Write a release file of this content and digest (a history made by a script: benchmarks, tests)."""
    write_frozen(path, release_file_text(data, digest))


def write_frozen(path: Path, body: str) -> None:
    """Write a frozen file atomically: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(body, encoding="utf-8")
    os.replace(partial, path)


def reread_release(body: str, display: str) -> list[Problem]:
    """Why a release file's text would not load again as written, by the loader that reads it later: its
    problems, or a digest that its content would not give (empty when it loads and verifies)."""
    try:
        release, places, actual = _load_text(body, display)
    except DataError as err:
        return list(err.problems)
    if actual != release.digest:
        line, column = places.get("digest", (1, 1))
        return [Problem(display, line, column, "digest", "the release would not verify once written")]
    return []


WITHDRAWALS = "withdrawals"
"""The folder, inside the releases folder, of withdrawals of announced versions."""


@dataclass(frozen=True)
class WithdrawalFile:
    """The withdrawal of an announced version before it took effect: ``<releases>/withdrawals/<version>.yml``."""

    version: datetime.date
    version_digest: str
    withdrawn: datetime.date
    """The day it was frozen (the clock's, as a published date)."""
    reason: str
    """Why the version is withdrawn, in the editor's words."""
    digest: str


def withdrawal_content(
    version: datetime.date, version_digest: str, withdrawn: datetime.date, reason: str
) -> dict[str, Any]:
    """What a withdrawal file's digest covers: the version (and its digest), the day, why."""
    return {
        "version": version.isoformat(),
        "version_digest": version_digest,
        "withdrawn": withdrawn.isoformat(),
        "reason": reason,
    }


def withdrawal_path(releases_dir: Path, version: datetime.date) -> Path:
    return releases_dir / WITHDRAWALS / f"{version.isoformat()}.yml"


def withdrawal_file_text(data: Mapping[str, Any], digest: str) -> str:
    """A withdrawal file's text: its header, its fields, then its digest."""
    document = {**data, "digest": digest}
    return WITHDRAWAL_HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def check_withdrawal(text: str, display: str, releases: list[Release]) -> tuple[WithdrawalFile | None, list[Problem]]:
    """A withdrawal file's text read and checked against the releases: its digest, its version's digest, and that
    the version was the newest release, announced and not yet in force, on the day it was withdrawn."""
    try:
        tree, parse_problems = source.parse(text, display)
    except DataError as err:
        return None, list(err.problems)
    builder = Builder(display)
    builder.problems.extend(parse_problems)
    found = builder.build(tree, WithdrawalFile, "", "")
    if found is INVALID or builder.problems:
        return None, list(builder.problems)
    problems: list[Problem] = []

    def at(field_key: str, message: str) -> None:
        line, column = builder.positions.get(field_key, (1, 1))
        problems.append(Problem(display, line, column, field_key, message))

    actual = digest_of(withdrawal_content(found.version, found.version_digest, found.withdrawn, found.reason))
    if actual != found.digest:
        # Never the digest its content gives: that is the value to paste to hide the edit.
        at("digest", "digest mismatch: this frozen withdrawal was edited after it was frozen")
        return found, problems
    if Path(display).name != f"{found.version}.yml":
        at("version", f"the file name says {Path(display).stem} but it withdraws the version of {found.version}")
    index = next((i for i, r in enumerate(releases) if r.effective_date == found.version), None)
    if index is None:
        at("version", f"no release of {found.version} in {Path(display).parent.parent.as_posix()}/")
        return found, problems
    release = releases[index]
    if release.digest != found.version_digest:
        at("version_digest", f"does not match the digest of the release of {found.version}")
        return found, problems
    if not found.reason.strip():
        at("reason", "say why the version is withdrawn")
    if index == 0:
        at("version", "the first version cannot be withdrawn: no version before it would stay in force")
    if found.withdrawn < release.published:
        at("withdrawn", f"withdrawn on {found.withdrawn}, before its version was published ({release.published})")
    if found.withdrawn >= release.effective_date:
        at("withdrawn", f"withdrawn on {found.withdrawn}, once its version had taken effect "
           f"({release.effective_date}): a version in force or archived cannot be withdrawn")  # fmt: skip
    for later in releases[index + 1 :]:
        if later.published < found.withdrawn:
            at("withdrawn", f"withdrawn on {found.withdrawn}, after the version of {later.effective_date} was "
               f"published ({later.published}): only the newest release can be withdrawn")  # fmt: skip
            break
    return found, problems


def _with_withdrawals(
    releases: list[Release],
    releases_dir: Path,
    display_dir: str,
    problems: list[Problem],
    read: Read,
    tampered: set[datetime.date] = frozenset(),  # type: ignore[assignment]
) -> list[Release]:
    """Each release with its withdrawal, if any, checked: its digest, its version's digest, its day."""
    folder = releases_dir / WITHDRAWALS
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        display = f"{display_dir}/{WITHDRAWALS}/{path.name}"
        if path.stem in {day.isoformat() for day in tampered}:
            continue  # its version was edited: that is the problem to report, not this file
        try:
            text = read(path).decode("utf-8")
        except UnicodeDecodeError as err:
            problems.append(Problem(display, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})"))
            continue
        found, own = check_withdrawal(text, display, releases)
        problems.extend(own)
        if found is None or own:
            continue
        index = next(i for i, r in enumerate(releases) if r.effective_date == found.version)
        releases[index] = replace(releases[index], withdrawn=Withdrawal(found.withdrawn, found.reason, found.digest))
    return releases


RecordKind = Literal["release", "translation", "correction", "withdrawal"]
"""The kinds of frozen files of a version."""


def record_files(release: Release) -> list[tuple[RecordKind, str]]:
    """The frozen files of a version, each as ``(kind, name inside the releases folder)``: its release, then its
    translations, corrections and withdrawal."""
    here, day = Path(), release.effective_date
    found: list[tuple[RecordKind, Path]] = [("release", release_path(here, day))]
    found += [("translation", translation_path(here, day, t.locale)) for t in release.translations]
    found += [("correction", correction_path(here, day, c.corrected)) for c in release.corrections]
    if release.withdrawn is not None:
        found.append(("withdrawal", withdrawal_path(here, day)))
    return [(kind, path.as_posix()) for kind, path in found]


def reread_translation(body: str, display: str) -> list[Problem]:
    """Why a translation file's text would not load again as written (empty when it loads and verifies)."""
    try:
        found, builder = _translation_file(body, display)
    except DataError as err:
        return list(err.problems)
    actual = digest_of(translation_content(found.version, found.version_digest, found.locale, found.added, found.text))
    if actual != found.digest:
        line, column = builder.positions.get("digest", (1, 1))
        return [Problem(display, line, column, "digest", "the translation would not verify once written")]
    return []


def _read(data: bytes, display: str) -> tuple[ReleaseFile, Builder]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError([Problem(display, 1, 1, "", f"not UTF-8 text ({err.reason} at byte {err.start})")]) from err
    return _parse_release(text, display)


def _parse_release(text: str, display: str) -> tuple[ReleaseFile, Builder]:
    tree, problems = source.parse(text, display)
    policy_node = next((v for k, v in tree.pairs if k.text == "policy"), None) if tree.kind == "mapping" else None
    if policy_node is not None and model.is_v2(policy_node):
        builder: Builder = model.DocumentBuilder(display)
        kind: type[ReleaseFile] = ReleaseFileV2
    else:
        builder, kind = Builder(display), ReleaseFile
    builder.problems.extend(problems)
    value = builder.build(tree, kind, "", "")
    if value is INVALID or builder.problems:
        raise DataError(builder.problems)
    return value, builder


_ENVELOPE_KEYS = ("effective_date", "published", "previous_digest", "digest", "policy.effective_date")


def _load_text(text: str, display: str) -> tuple[Release, dict[str, tuple[int, int]], str]:
    """A release file's text read and validated, as ``read_record`` reads its file."""
    return _loaded(*_parse_release(text, display), display)


def _loaded(envelope: ReleaseFile, builder: Builder, display: str) -> tuple[Release, dict[str, tuple[int, int]], str]:
    prefix = "policy."
    policy_positions = {k[len(prefix) :]: v for k, v in builder.positions.items() if k.startswith(prefix)}
    written = replace(envelope.policy, positions=FrozenMap(policy_positions), source_file=display)
    # The digest covers the file as written; a format-1 release is then read as format 2, its text re-keyed.
    actual = digest_of(
        content(
            written,
            envelope.text,
            published=envelope.published,
            change_class=envelope.change_class,
            locales=tuple(envelope.locales),
            previous_digest=envelope.previous_digest,
            forced=envelope.forced,
        )
    )
    if isinstance(written, format1.Policy):
        policy, keys = format1_convert.convert(written)
        text = {locale: FrozenMap(format1_convert.rekey(strings, keys)) for locale, strings in envelope.text.items()}
        policy = replace(policy, source_file=display)
    else:
        policy, text = written, envelope.text
    release = Release(
        envelope.effective_date,
        envelope.published,
        envelope.change_class,
        tuple(envelope.locales),
        envelope.previous_digest,
        envelope.digest,
        policy,
        FrozenMap(text),
        envelope.forced,
        display,
    )
    places = {k: builder.positions[k] for k in _ENVELOPE_KEYS if k in builder.positions}
    return release, places, actual


def load_releases(
    releases_dir: Path, display_dir: str, *, notice_days: int, cache: Cache | None = None, read: Read = Path.read_bytes
) -> list[Release]:
    """Every release, oldest first, each checked: digest, chain to the one before, notice period.

    Every problem of every file is reported in one DataError. With a
    cache, a file whose bytes were read before is not parsed again.
    """
    releases, problems = read_record(releases_dir, display_dir, notice_days=notice_days, cache=cache, read=read)
    if problems:
        raise DataError(problems)
    return releases


def read_record(
    releases_dir: Path,
    display_dir: str,
    *,
    notice_days: int,
    cache: Cache | None = None,
    site: Path | None = None,
    read: Read = Path.read_bytes,
) -> tuple[list[Release], list[Problem]]:
    """The record in ``releases_dir`` as load_releases checks it, and its problems instead of an error: the releases
    that could be read (with their translations, corrections and withdrawals that passed), every problem found.

    ``site`` is the folder of the site's own phrasebooks (default: the releases folder's parent, ``data/``):
    a published copy of the record is checked with the local site's.
    """
    problems: list[Problem] = []
    releases: list[Release] = []
    positions: dict[str, dict[str, tuple[int, int]]] = {}
    tampered: set[datetime.date] = set()
    for path in sorted(releases_dir.glob("*.yml")) if releases_dir.is_dir() else []:
        display = f"{display_dir}/{path.name}"
        data = read(path)
        name = key("release", display, hashlib.sha256(data).hexdigest())
        loaded = cache.get(name) if cache else None
        if loaded is None:
            try:
                loaded = _loaded(*_read(data, display), display)
            except DataError as err:
                problems.extend(err.problems)
                continue
            if cache:
                cache.put(name, loaded)
        release, positions[display], actual = loaded

        def at(field_key: str, message: str, display: str = display) -> None:
            line, column = positions[display].get(field_key, (1, 1))
            problems.append(Problem(display, line, column, field_key, message))

        if path.stem != release.effective_date.isoformat():
            at("effective_date", f"the file name says {path.stem} but its effective_date is {release.effective_date}")
        if release.policy.effective_date != release.effective_date:
            at("policy.effective_date", "differs from the release's effective_date")
        if actual != release.digest:
            tampered.add(release.effective_date)
            at("digest", "digest mismatch: this frozen release was edited after it was released")
        if release.published > release.effective_date:
            at("published", f"published on {release.published}, after it took effect on {release.effective_date}")
        releases.append(release)

    for before, after in itertools.pairwise(releases):
        if after.previous_digest != before.digest:
            line, column = positions[after.file].get("previous_digest", (1, 1))
            problems.append(
                Problem(
                    after.file,
                    line,
                    column,
                    "previous_digest",
                    f"broken chain: does not match the digest of {before.file} (a release was edited, "
                    f"removed or inserted)",
                )
            )
    if releases and releases[0].previous_digest is not None:
        first = releases[0]
        line, column = positions[first.file].get("previous_digest", (1, 1))
        problems.append(
            Problem(
                first.file,
                line,
                column,
                "previous_digest",
                "missing link: names a release before this one, and there is none in " + display_dir + "/",
            )
        )
    for release in releases[1:]:
        short = short_notice(release.change_class, release.published, release.effective_date, notice_days)
        if short:
            line, column = positions[release.file].get("published", (1, 1))
            problems.append(Problem(release.file, line, column, "published", short))
    releases = _with_translations(releases, releases_dir, display_dir, problems, read)
    releases = _with_corrections(releases, releases_dir, display_dir, problems, read, tampered, site, cache)
    releases = _with_withdrawals(releases, releases_dir, display_dir, problems, read, tampered)
    return releases, problems


def short_notice(change_class: str, published: datetime.date, effective: datetime.date, notice_days: int) -> str | None:
    """Why a change published and taking effect on these days lacks notice; None when it has enough."""
    notice = (effective - published).days
    if change_class != "material" or notice >= notice_days:
        return None
    return (
        f"a material change needs {notice_days} days' notice: published on {published}, "
        f"it takes effect on {effective}, {notice} days later"
    )
