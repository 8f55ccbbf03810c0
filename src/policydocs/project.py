"""A policydocs project: where its files are, which locales it publishes, and its pages per locale."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from . import validate
from .catalog import Gap, Translator, load_translator
from .errors import ConfigError
from .extract import all_messages
from .localize import localize
from .model import Message, Policy
from .render import Renderer, preview_banner, render_pages


@dataclass(frozen=True)
class Project:
    """The files of a policy site, relative to its root (the folder of mkdocs.yml)."""

    root: Path
    data: str = "data/policy.yml"
    locales_dir: str = "locales"
    templates_dir: str = "templates"
    locales: tuple[str, ...] = ()
    """Published locales, the default first; empty means the policy's source locale only."""

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


@dataclass
class LocalePages:
    """The generated pages of one locale, and what is missing from its catalog (preview only)."""

    locale: str
    policy: Policy
    pages: dict[str, str]
    gaps: list[Gap] = field(default_factory=list)


def render_locale(project: Project, policy: Policy, locale: str, *, strict: bool = True) -> LocalePages:
    """Translate and render every page of ``locale``; with ``strict``, any untranslated string is an error."""
    translator = project.translator(policy, locale, strict=strict)
    renderer = Renderer(project.path(project.templates_dir), translator, strict=strict)
    localized = localize(policy, translator)
    pages = render_pages(localized, renderer)
    if translator.gaps:
        banner = preview_banner(translator.gaps, locale)
        pages = {name: _after_title(text, banner) for name, text in pages.items()}
    return LocalePages(locale, localized, pages, translator.gaps)


def _after_title(page: str, block: str) -> str:
    """Insert a Markdown block after the page's first heading (mkdocs takes the title from it)."""
    title, separator, rest = page.partition("\n\n")
    if title.startswith("# ") and separator:
        return f"{title}\n\n{block}{rest}"
    return block + page
