"""Translation catalogs: the strings a site needs, and each locale's translations of them."""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import PoFileError, read_po

from ..cache import Cache, Read, key
from ..errors import CatalogError, Problem
from ..policy import characters
from ..policy.scalars import Message
from ..shipped import LOCALES, LOCALES_SHOWN, TEMPLATES, TEMPLATES_SHOWN
from ..words import language_name

DOMAIN = "policy"
"""The gettext domain of a site's own text: its policy, and the strings of templates of its own."""

TOOL_DOMAIN = "policydocs"
"""The gettext domain of the page text the package's templates write (English msgids), which the package
translates (``policydocs/locales/<lang>/LC_MESSAGES/policydocs.po``) and a site may override or add a language to
(``locales/<lang>/LC_MESSAGES/policydocs.po``)."""

MSGID_LOCALE = "en"
"""The language of the package's msgids."""

COMMENT_TAG = "TRANSLATORS:"
"""Template comments starting with this tag become the ``#.`` notes of the catalog."""

TemplateKey = tuple[str, str]
"""A message's identity in a catalog: ``(msgctxt, msgid)``."""


def template_files(template_dirs: Sequence[Path]) -> list[tuple[Path, str]]:
    """The templates a renderer searching ``template_dirs`` in order sees: each name once, from the first folder
    that has it, with the name messages give its file (``templates/policy.md.j2``, or
    ``policydocs/templates/policy.md.j2`` for the package's own)."""
    found: dict[str, tuple[Path, str]] = {}
    for directory in template_dirs:
        if not directory.is_dir():
            continue
        shown = TEMPLATES_SHOWN if directory == TEMPLATES else directory.name
        for path in sorted(directory.rglob("*.j2")):
            name = path.relative_to(directory).as_posix()
            found.setdefault(name, (path, f"{shown}/{name}"))
    return [found[name] for name in sorted(found)]


def template_messages(
    template_dirs: Path | Sequence[Path], cache: Cache | None = None, read: Read = Path.read_bytes
) -> list[Message]:
    """Every ``pgettext("context", "text")`` call in the Jinja templates, with its place.

    ``template_dirs`` are searched in order as the renderer searches them: a
    project's overrides, then the package's templates. Each file's messages
    are remembered while it is unchanged: in this process, and in ``cache``
    (a build cache on disk, by the file's content) across processes.
    """
    dirs = (template_dirs,) if isinstance(template_dirs, Path) else tuple(template_dirs)
    found: list[Message] = []
    for path, shown in template_files(dirs):
        stat = path.stat()
        found.extend(_file_messages(str(path), shown, stat.st_mtime_ns, stat.st_size, cache, read))
    return found


_EXTRACTED: dict[tuple[str, str, int, int], tuple[Message, ...]] = {}
"""The messages of each template file read in this process, by its path, name, time and size."""


def _file_messages(
    path: str, shown: str, mtime: int, size: int, cache: Cache | None, read: Read
) -> tuple[Message, ...]:
    memo = (path, shown, mtime, size)
    found = _EXTRACTED.get(memo)
    if found is None:
        data = read(Path(path))
        if cache is None:
            found = _extract(data, shown)
        else:
            import babel
            import jinja2

            content = hashlib.sha256(data).hexdigest()
            name = key("template messages", shown, content, babel.__version__, jinja2.__version__)
            found = cache.remember(name, lambda: _extract(data, shown))
        _EXTRACTED[memo] = found
    return found


def _extract(data: bytes, relative: str) -> tuple[Message, ...]:
    """The messages of one template's bytes (``relative``: the name messages give its file)."""
    found: list[Message] = []
    try:
        extracted = list(  # a generator: its errors come as it is read
            extract(
                "jinja2",
                io.BytesIO(data),
                keywords={"pgettext": ((1, "c"), 2)},
                comment_tags=(COMMENT_TAG,),
                options={"silent": "false"},
            )
        )
    except Exception as err:  # the Jinja extractor raises TemplateSyntaxError and friends
        line = getattr(err, "lineno", None)
        message = f"cannot extract messages: {getattr(err, 'message', None) or err}"
        raise CatalogError(message, file=relative, line=line if isinstance(line, int) else 0) from err
    for lineno, message, comments, context in extracted:
        if context is None or not isinstance(message, str):
            raise CatalogError(f'{relative}:{lineno}: use pgettext("context", "text") for every string')
        comment = " ".join(comments)
        found.append(Message(context, message, lineno, "Template", comment, relative))
    return tuple(found)


@dataclass
class Gap:
    """A needed string that a catalog does not translate (or only fuzzily)."""

    message: Message
    state: str  # "untranslated" or "fuzzy"

    def __str__(self) -> str:
        return f'{self.message.where}: msgctxt "{self.message.context}" ({self.state})'


def read_catalog(path: Path, display: str, read: Read = Path.read_bytes, cache: Cache | None = None) -> Catalog:
    """Read a .po file, turning parse problems into a CatalogError naming the file.

    The characters the data may not hold (policy.characters: controls,
    bidirectional overrides, stray invisible characters) are refused here
    too, each at its line and column in the .po file. With a ``cache``, a
    catalog read before (the same bytes) is taken from it: a fifth of the time.
    """
    try:
        data = read(path)
    except FileNotFoundError as err:
        raise CatalogError("no such catalog (run `policydocs i18n init`)", file=display) from err
    if cache is None or cache.folder is None:
        return _parsed(data, display)
    import babel

    name = key("catalog", display, hashlib.sha256(data).hexdigest(), babel.__version__)
    return cache.remember(name, lambda: _parsed(data, display))  # a refused catalog raises: nothing kept


def _parsed(data: bytes, display: str) -> Catalog:
    try:
        refused = characters.problems(data.decode("utf-8"), display)
    except UnicodeDecodeError:
        refused = []  # a catalog in another charset, which read_po decodes by its header
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as err:
        if refused:
            raise CatalogError(problems=[*refused, Problem(display, 0, 0, "", str(err))]) from err
        raise CatalogError(f"{err}", file=display) from err
    refused += _carriage_returns(catalog, display)
    if refused:
        raise CatalogError(problems=sorted(refused))
    return catalog


def _carriage_returns(catalog: Catalog, display: str) -> list[Problem]:
    """The entries whose text holds a carriage return written ``\\r``: the one refused control a .po can escape."""
    found = []
    for message in [*catalog, *catalog.obsolete.values()]:
        texts = [message.context or "", *_texts(message.id), *_texts(message.string)]
        if any("\r" in text for text in texts):
            where = f'msgctxt "{message.context}"' if message.context else f'msgid "{_texts(message.id)[0]}"'
            why = f"{characters.describe(chr(13))} (written \\r) is not accepted in {where}: end lines with \\n"
            found.append(Problem(display, message.lineno or 0, 0, "", why))
    return found


def _texts(value: str | Sequence[str] | None) -> list[str]:
    """A message's msgid or msgstr as a list of texts (one, or one per plural form)."""
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else [text or "" for text in value]


@dataclass
class Translator:
    """Translates the site's strings into one locale."""

    locale: str
    source_locale: str
    entries: dict[TemplateKey, str] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Why this locale cannot be published (gaps, unfaithful translations); empty when it can."""
    mismatches: list[Any] = field(default_factory=list)
    """Translations lacking a number, date, address or link of their source (parity.Mismatch)."""
    catalog_file: str = ""
    tool: Mapping[TemplateKey, str] | None = None
    """The page text of the package's templates in this locale: the package's catalog, with the site's own
    overrides (see tool_entries). None: the package's catalog alone."""

    page_keys: frozenset[TemplateKey] = field(default_factory=frozenset, repr=False)
    """The identities of the package's page text (tool_keys), read once: lookup asks for every string."""

    def __post_init__(self) -> None:
        if self.tool is None:
            self.tool = package_entries(self.locale)
        if not self.page_keys:
            self.page_keys = tool_keys()

    def is_page_text(self, context: str, text: str) -> bool:
        """Whether the string is the package's page text (English msgid) rather than the site's own."""
        return (context, text) in self.page_keys

    @property
    def is_source(self) -> bool:
        return self.locale == self.source_locale

    def lookup(self, context: str, text: str) -> str | None:
        """The translation of ``text`` in ``context``; None where there is none (or only a fuzzy one).

        The package's page text is always translated (its msgids are English, whatever the policy's source
        language); the site's own text is itself in the source language.
        """
        key = (context, text)
        found = self.tool.get(key) if self.tool is not None else None
        if found is not None:
            return found
        if key in self.page_keys:
            return None
        if self.is_source:
            return text
        return self.entries.get(key)

    def pgettext(self, context: str, text: str) -> str:
        """The translation of ``text`` in ``context``; the source text, marked, where there is none."""
        found = self.lookup(context, text)
        return found if found is not None else Untranslated(text, self.source_locale)


class Untranslated(str):
    """Source text standing in for a missing translation (previews only): the page marks it."""

    source_locale: str

    def __new__(cls, text: str, source_locale: str) -> Untranslated:
        value = super().__new__(cls, text)
        value.source_locale = source_locale
        return value

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        # Pickled with its source locale: a preview sends its pages to the processes that build them.
        return str(self), self.source_locale


def catalog_path(locales_dir: Path, locale: str, domain: str = DOMAIN) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def tool_messages(cache: Cache | None = None, read: Read = Path.read_bytes) -> list[Message]:
    """The page text of the package's own templates (domain ``policydocs``); see template_messages for ``cache``."""
    return template_messages(TEMPLATES, cache, read)


def tool_keys(cache: Cache | None = None, read: Read = Path.read_bytes) -> frozenset[TemplateKey]:
    """The identities of the package's page text: what the package's catalogs translate."""
    return _tool_keys(tuple(tool_messages(cache, read)))


@functools.lru_cache(maxsize=4)
def _tool_keys(messages: tuple[Message, ...]) -> frozenset[TemplateKey]:
    return frozenset((m.context, m.text) for m in messages)


def shipped_locales() -> list[str]:
    """The languages the package translates its page text into."""
    return list(_shipped(LOCALES.stat().st_mtime_ns))


@functools.lru_cache(maxsize=2)
def _shipped(_mtime: int) -> tuple[str, ...]:
    return tuple(sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{TOOL_DOMAIN}.po")))


def shipped_for(locale: str) -> str | None:
    """The shipped catalog that speaks ``locale``'s language: its own (``pt_BR``), else its language's (``de`` for
    ``de_AT``), else the language's variety of its own country (``pt_PT`` for ``pt``); None if none does."""
    shipped = shipped_locales()
    language = locale.replace("-", "_").split("_")[0]
    for candidate in (locale, language, f"{language}_{language.upper()}"):
        if candidate in shipped:
            return candidate
    return None


def package_entries(locale: str, cache: Cache | None = None) -> dict[TemplateKey, str]:
    """The package's translations of its page text into ``locale`` (see shipped_for); empty for a language it
    does not ship. With a ``cache``, kept there by the catalog's file (its time and size)."""
    found = shipped_for(locale)
    if found is None:
        return {}
    path = catalog_path(LOCALES, found, TOOL_DOMAIN)
    stat = path.stat()
    display = f"{LOCALES_SHOWN}/{found}/LC_MESSAGES/{TOOL_DOMAIN}.po"
    memo = (str(path), display, stat.st_mtime_ns, stat.st_size)
    if memo not in _ENTRIES:

        def read() -> dict[TemplateKey, str]:
            return translations(read_catalog(path, display))

        _ENTRIES[memo] = read() if cache is None else cache.remember(key("package entries", *memo), read)
    return _ENTRIES[memo]


_ENTRIES: dict[tuple[str, str, int, int], dict[TemplateKey, str]] = {}
"""The package's page text of each catalog file (by its path, time and size), read once in a process."""


def translations(catalog: Catalog) -> dict[TemplateKey, str]:
    """A catalog's usable translations: neither empty nor fuzzy."""
    return {
        (m.context, m.id): m.string
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def tool_entries(
    locale: str, locales_dir: Path, *, root: Path, read: Read = Path.read_bytes, cache: Cache | None = None
) -> tuple[dict[TemplateKey, str], list[Gap], list[Problem]]:
    """The page text in ``locale``: the package's catalog, then the site's ``policydocs.po`` over it.

    A site's catalog of the domain may hold a few entries (its own wording of
    the package's strings) or, for a language the package does not ship, all
    of them. Returns the translations, the page text left untranslated, and
    the problems: those gaps, and overrides of strings the package no longer has.
    """
    entries = dict(package_entries(locale, cache))
    path = catalog_path(locales_dir, locale, TOOL_DOMAIN)
    display = _display(path, root)
    problems: list[Problem] = []
    if path.exists():
        own = read_catalog(path, display, read, cache)
        keys = tool_keys()
        stale = sorted(f'msgctxt "{c}" msgid "{t}"' for c, t in translations(own) if (c, t) not in keys)
        if stale:
            plural = "s" if len(stale) != 1 else ""
            message = f"{len(stale)} translation{plural} of page text the package no longer has:"
            problems.append(Problem(display, 0, 0, "", message, tuple(stale)))
        entries.update(translations(own))
    missing = [Gap(m, "untranslated") for m in _unique(tool_messages()) if (m.context, m.text) not in entries]
    if missing:
        gap = gap_report(display, locale, missing)
        if not path.exists():
            language = language_name(locale)
            gap = Problem(
                display,
                0,
                0,
                "",
                f"policydocs has no {language} page text: `policydocs i18n init {locale}` starts this catalog "
                f"of its {len(missing)} strings — {language} cannot be published",
            )
        problems.insert(0, gap)
    return entries, missing, problems


def _unique(messages: Iterable[Message]) -> list[Message]:
    seen: set[TemplateKey] = set()
    out = []
    for message in messages:
        if (message.context, message.text) not in seen:
            seen.add((message.context, message.text))
            out.append(message)
    return out


def find_gaps(catalog: Catalog, needed: Iterable[Message]) -> list[Gap]:
    """The needed strings the catalog leaves untranslated or fuzzy, sorted by where they are written."""
    gaps: list[Gap] = []
    seen: set[TemplateKey] = set()
    for message in needed:
        if (message.context, message.text) in seen:
            continue  # the same string used in several places is one entry
        seen.add((message.context, message.text))
        entry = catalog.get(message.text, context=message.context)
        if entry is None or not entry.string:
            gaps.append(Gap(message, "untranslated"))
        elif entry.fuzzy:
            gaps.append(Gap(message, "fuzzy"))
    return sorted(gaps, key=lambda g: (g.message.file, g.message.line, g.message.context))


def load_translator(
    locale: str,
    source_locale: str,
    locales_dir: Path,
    needed: list[Message],
    *,
    root: Path,
    strict: bool = True,
    read: Read = Path.read_bytes,
    cache: Cache | None = None,
) -> Translator:
    """The translator for ``locale``; with ``strict``, any gap is a CatalogError listing them all.

    Fuzzy entries are never used: the page shows the source text instead,
    which is why a published locale must have none.
    """
    tool, tool_gaps, tool_problems = tool_entries(locale, locales_dir, root=root, read=read, cache=cache)
    if locale == source_locale:
        if tool_problems and strict:
            raise CatalogError(problems=tool_problems)
        return Translator(locale, source_locale, gaps=tool_gaps, problems=tool_problems, tool=tool)
    path = catalog_path(locales_dir, locale)
    display = _display(path, root)
    catalog = read_catalog(path, display, read, cache)
    from .parity import mismatches

    gaps = find_gaps(catalog, needed)
    wrong = mismatches(catalog, needed)
    report = [gap_report(display, locale, gaps)] if gaps else []
    report += tool_problems
    if wrong:
        language = language_name(locale)
        count = f"{len(wrong)} translation{'s lack' if len(wrong) != 1 else ' lacks'}"
        message = f"{count} a number, date, address or link of the source — {language} cannot be published:"
        report.append(Problem(display, 0, 0, "", message, tuple(m.describe(display) for m in wrong)))
    if report and strict:
        raise CatalogError(problems=report)
    return Translator(locale, source_locale, translations(catalog), gaps + tool_gaps, report, wrong, display, tool)


def gap_report(display: str, locale: str, gaps: list[Gap]) -> Problem:
    """``file: N strings untranslated, M fuzzy — Language cannot be published:``, detailed by one line per gap."""
    untranslated = sum(g.state == "untranslated" for g in gaps)
    fuzzy = len(gaps) - untranslated
    counts = []
    if untranslated:
        counts.append(f"{untranslated} string{'s' if untranslated != 1 else ''} untranslated")
    if fuzzy:
        counts.append(f"{fuzzy} fuzzy")
    language = language_name(locale)
    message = f"{', '.join(counts)} — {language} cannot be published:"
    return Problem(display, 0, 0, "", message, tuple(str(g) for g in gaps))


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
