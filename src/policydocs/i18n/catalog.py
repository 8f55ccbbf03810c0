"""Translation catalogs: the strings a site needs, and each locale's translations of them."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import PoFileError, read_po

from ..errors import CatalogError, Problem
from ..policy.model import Message
from ..shipped import TEMPLATES, TEMPLATES_SHOWN

DOMAIN = "policy"

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


def template_messages(template_dirs: Path | Sequence[Path]) -> list[Message]:
    """Every ``pgettext("context", "text")`` call in the Jinja templates, with its place.

    ``template_dirs`` are searched in order as the renderer searches them: a
    project's overrides, then the package's templates.
    """
    dirs = (template_dirs,) if isinstance(template_dirs, Path) else tuple(template_dirs)
    files = template_files(dirs)
    stamp = tuple((str(p), shown, p.stat().st_mtime_ns, p.stat().st_size) for p, shown in files)
    return list(_template_messages(stamp))


@functools.lru_cache(maxsize=8)
def _template_messages(stamp: tuple[tuple[str, str, int, int], ...]) -> tuple[Message, ...]:
    """template_messages, remembered while no template changes (``stamp``: their paths, names, times, sizes)."""
    found: list[Message] = []
    for file, relative, _, _ in stamp:
        try:
            extracted = extract_from_file(
                "jinja2",
                file,
                keywords={"pgettext": ((1, "c"), 2)},
                comment_tags=(COMMENT_TAG,),
                options={"silent": "false"},
            )
        except Exception as err:  # the Jinja extractor raises TemplateSyntaxError and friends
            raise CatalogError(f"{relative}: cannot extract messages: {err}") from err
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


def read_catalog(path: Path, display: str) -> Catalog:
    """Read a .po file, turning parse problems into a CatalogError naming the file."""
    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except FileNotFoundError as err:
        raise CatalogError(f"{display}: no such catalog (run `policydocs i18n init`)") from err
    except PoFileError as err:
        raise CatalogError(f"{display}: {err}") from err


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

    @property
    def is_source(self) -> bool:
        return self.locale == self.source_locale

    def lookup(self, context: str, text: str) -> str | None:
        """The translation of ``text`` in ``context``; None where there is none (or only a fuzzy one)."""
        if self.is_source:
            return text
        return self.entries.get((context, text))

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


def catalog_path(locales_dir: Path, locale: str) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


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
    locale: str, source_locale: str, locales_dir: Path, needed: list[Message], *, root: Path, strict: bool = True
) -> Translator:
    """The translator for ``locale``; with ``strict``, any gap is a CatalogError listing them all.

    Fuzzy entries are never used: the page shows the source text instead,
    which is why a published locale must have none.
    """
    if locale == source_locale:
        return Translator(locale, source_locale)
    path = catalog_path(locales_dir, locale)
    display = _display(path, root)
    catalog = read_catalog(path, display)
    from .parity import mismatches

    gaps = find_gaps(catalog, needed)
    wrong = mismatches(catalog, needed)
    report = [gap_report(display, locale, gaps)] if gaps else []
    if wrong:
        language = Locale.parse(locale).get_display_name("en") or locale
        count = f"{len(wrong)} translation{'s lack' if len(wrong) != 1 else ' lacks'}"
        message = f"{count} a number, date, address or link of the source — {language} cannot be published:"
        report.append(Problem(display, 0, 0, "", message, tuple(m.describe(display) for m in wrong)))
    if report and strict:
        raise CatalogError(problems=report)
    entries = {
        (m.context, m.id): m.string
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }
    return Translator(locale, source_locale, entries, gaps, report, wrong, display)


def gap_report(display: str, locale: str, gaps: list[Gap]) -> Problem:
    """``file: N strings untranslated, M fuzzy — Language cannot be published:``, detailed by one line per gap."""
    untranslated = sum(g.state == "untranslated" for g in gaps)
    fuzzy = len(gaps) - untranslated
    counts = []
    if untranslated:
        counts.append(f"{untranslated} string{'s' if untranslated != 1 else ''} untranslated")
    if fuzzy:
        counts.append(f"{fuzzy} fuzzy")
    language = Locale.parse(locale).get_display_name("en") or locale
    message = f"{', '.join(counts)} — {language} cannot be published:"
    return Problem(display, 0, 0, "", message, tuple(str(g) for g in gaps))


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
