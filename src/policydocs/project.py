"""A policydocs project: where its files are, which locales it publishes, its data and its releases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from .cache import Cache
from .errors import ConfigError
from .i18n.catalog import Translator, load_translator
from .i18n.extract import all_messages
from .policy import validate
from .policy.model import Message, Policy, messages
from .versions.archive import Release, load_releases


@dataclass(frozen=True)
class Project:
    """The files of a policy site, relative to its root (the folder of mkdocs.yml)."""

    root: Path
    data: str = "data/policy.yml"
    locales_dir: str = "locales"
    templates_dir: str = "templates"
    locales: tuple[str, ...] = ()
    """Published locales, the default first; empty means the policy's source locale only."""
    releases_dir: str = "data/releases"
    notice_days: int = 30
    """Days between publishing a material change and its taking effect, at least."""
    waivers: tuple[tuple[str, str], ...] = ()
    """Linter findings accepted, ``(rule id or rule-id:path, reason)``."""

    def path(self, relative: str) -> Path:
        return self.root / relative

    def load_policy(self) -> Policy:
        return validate.load(self.path(self.data), self.data)

    def published(self, policy: Policy) -> tuple[str, ...]:
        """The published locales, checked: known to Babel, the source locale among them."""
        locales = self.locales or (policy.source_locale,)
        for code in locales:
            try:
                Locale.parse(code)
            except (ValueError, TypeError) as err:
                raise ConfigError(f'mkdocs.yml: plugins.policydocs.locales: unknown locale "{code}"') from err
        if policy.source_locale not in locales:
            raise ConfigError(
                f'mkdocs.yml: plugins.policydocs.locales must include the source locale "{policy.source_locale}"'
            )
        return locales

    def messages(self, policy: Policy) -> list[Message]:
        return all_messages(policy, self.path(self.templates_dir))

    def translator(self, policy: Policy, locale: str, *, strict: bool = True) -> Translator:
        return load_translator(
            locale,
            policy.source_locale,
            self.path(self.locales_dir),
            self.messages(policy),
            root=self.root,
            strict=strict,
        )

    def cache(self) -> Cache:
        """The build cache, in ``.cache/policydocs/`` beside mkdocs.yml."""
        return Cache(self.root / ".cache" / "policydocs")

    def load_releases(self, cache: Cache | None = None) -> list[Release]:
        return load_releases(self.path(self.releases_dir), self.releases_dir, notice_days=self.notice_days, cache=cache)

    def resolved_text(
        self, policy: Policy, locales: tuple[str, ...], *, strict: bool = True
    ) -> dict[str, dict[str, str]]:
        """Every string of the policy in each non-source locale, as today's catalogs translate it."""
        return self.resolve(policy, locales, strict=strict)[0]

    def resolve(
        self,
        policy: Policy,
        locales: tuple[str, ...],
        *,
        strict: bool = True,
        translators: dict[str, Translator] | None = None,
    ) -> tuple[dict[str, dict[str, str]], list[str]]:
        """The resolved text per non-source locale, and why each incomplete locale cannot be published.

        ``translators``, when given, receives the translator made for each locale, for reuse.
        """
        text: dict[str, dict[str, str]] = {}
        problems: list[str] = []
        for locale in locales:
            if locale == policy.source_locale:
                continue
            translator = self.translator(policy, locale, strict=strict)
            if translators is not None:
                translators[locale] = translator
            if translator.problems:
                problems.append(translator.problems)
            strings = {}
            for message in messages(policy):
                found = translator.lookup(message.context, message.text)
                if found is not None:
                    strings[message.context] = found
            text[locale] = strings
        return text, problems
