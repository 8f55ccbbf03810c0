"""A site's inputs, each read once: the policy, the releases, the catalogs, the templates, the build cache.

``Workspace(options)`` reads nothing when it is made; each input is read the
first time a command asks for it, and kept: a command that checks the data,
lints it and renders every page reads ``policy.yml``, each release and each
catalog once. It is the only module that reads a site's inputs (mkdocs.yml
is the options', ``options.load_options``); the rooms below it take values,
the rooms above it take the workspace.

A workspace is a snapshot: the preview makes a new one when a file changes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2

from .cache import Cache, ReadOnce, key, stamps
from .errors import CatalogError, Problem
from .i18n.catalog import Translator, load_translator
from .i18n.extract import all_messages
from .i18n.messages import resolved_text
from .options import Options, load_options
from .policy import loading, phrasebook, verify
from .policy.model import Policy
from .policy.scalars import Message
from .versions.archive import Release, load_releases


class Workspace:
    """What a site's files hold, read lazily and once."""

    def __init__(self, options: Options, read: ReadOnce | None = None) -> None:
        """``read``: the files read already (a check reads its inputs for its key before it needs a workspace)."""
        self.options = options
        self._translators: dict[str, Translator] = {}
        self._read = read or ReadOnce()

    @classmethod
    def of(cls, config_file: Path) -> Workspace:
        """The workspace of the site a mkdocs.yml describes (read once: its options, and its digest for a key)."""
        read = ReadOnce()
        data = read(config_file) if config_file.is_file() else None
        return cls(load_options(config_file, data), read)

    def read(self, path: Path) -> bytes:
        """A file's bytes, read the first time only (the templates and the files their digests are made of)."""
        return self._read(path)

    @functools.cached_property
    def cache(self) -> Cache:
        """The build cache, in ``.cache/policydocs/`` beside mkdocs.yml."""
        return Cache(self.options.cache_folder)

    @functools.cached_property
    def policy(self) -> Policy:
        """``data/policy.yml``, validated (format 1 converted in memory)."""
        return loading.load(self.options.path(self.options.data), self.options.data, self.read)

    @functools.cached_property
    def locales(self) -> tuple[str, ...]:
        """The published locales, checked against the policy's source locale; the default first."""
        return self.options.published(self.policy.source_locale)

    @functools.cached_property
    def releases(self) -> tuple[Release, ...]:
        """Every release, oldest first, each checked (digest, chain, notice); a DataError lists every problem."""
        options = self.options
        folder, shown = options.path(options.releases_dir), options.releases_dir
        return tuple(load_releases(folder, shown, notice_days=options.notice_days, cache=self.cache, read=self.read))

    @functools.cached_property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are found, in order: the site's own folder (if it has one), then the package's."""
        return self.options.template_dirs()

    @functools.cached_property
    def messages(self) -> list[Message]:
        """Every string of the site's catalog domain: the policy's, then those of the site's templates."""
        return all_messages(self.policy, self.template_dirs, self.cache, self.read)

    def translator(self, locale: str, *, strict: bool = True, policy: Policy | None = None) -> Translator:
        """Today's catalog of ``locale`` for the data (or for another ``policy``'s strings: a release's).

        Read once, leniently; ``strict`` raises its problems (gaps, fuzzy entries, lost numbers) as a CatalogError.
        """
        if policy is not None and policy is not self.policy:
            needed = all_messages(policy, self.template_dirs, self.cache, self.read)
            return self._load_translator(locale, policy, needed, strict)
        translator = self._translators.get(locale)
        if translator is None:
            translator = self._translators[locale] = self._load_translator(
                locale, self.policy, self.messages, strict=False
            )
        if strict and translator.problems:
            raise CatalogError(problems=list(translator.problems))
        return translator

    def _load_translator(self, locale: str, policy: Policy, messages: list[Message], strict: bool) -> Translator:
        options = self.options
        return load_translator(
            locale,
            policy.source_locale,
            options.path(options.locales_dir),
            messages,
            root=options.root,
            strict=strict,
            read=self.read,
            cache=self.cache,
        )

    def translators(self, locales: tuple[str, ...] | None = None) -> dict[str, Translator]:
        """Today's catalog of each locale (the published ones by default), read leniently: its problems are in
        ``Translator.problems``."""
        return {locale: self.translator(locale, strict=False) for locale in locales or self.locales}

    def resolved_text(self) -> dict[str, dict[str, str]]:
        """Every string of the policy in each published non-source locale, as its catalog gives it."""
        return resolved_text(self.policy, self.translators())

    def tie(self, text: Mapping[str, Mapping[str, str]]) -> list[Problem]:
        """The problems of the tie between the policy's text and its facts (``verify.check``) in every locale of
        ``text``, kept by what the check reads: the data file's bytes (its problems' lines and columns), the
        text of each locale, the phrasebooks (the package's and the site's, by time and size) and Babel's
        version (its units' names)."""
        site = self.options.phrasebooks
        if self.cache.folder is None:
            return verify.check(self.policy, text, site)
        import babel

        data = self.read(self.options.path(self.options.data))
        name = key(
            "tie",
            self.options.data,
            hashlib.sha256(data).hexdigest(),
            {locale: dict(strings) for locale, strings in text.items()},
            stamps(site / phrasebook.SITE_FOLDER),
            stamps(phrasebook.SHIPPED),
            babel.__version__,
        )
        return self.cache.remember(name, lambda: verify.check(self.policy, text, site, self.cache))

    def template_loader(self) -> jinja2.BaseLoader:
        """The Jinja loader of the site's templates, each file read once for every renderer of this workspace."""
        return _ReadOnce(self.template_dirs, self.read)


class _ReadOnce(jinja2.FileSystemLoader):
    """Jinja's file loader, whose files are read through the workspace (once) and never reloaded."""

    def __init__(self, searchpath: tuple[Path, ...], read: Callable[[Path], bytes]) -> None:
        super().__init__([str(folder) for folder in searchpath])
        self._read = read

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file():
                return self._read(path).decode(self.encoding), str(path), lambda: True
        raise jinja2.TemplateNotFound(template)
