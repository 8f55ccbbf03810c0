"""Phrasebooks: the wordings by which a sentence in one language states a fact's value.

What counts as saying "up to", "legitimate interest" or "the United States"
is data, not code: a YAML file per language ships with the package
(``policydocs/phrasebooks/<language>.yml``, with ``common.yml`` for every
language), and a site adds its own forms in ``data/phrasebook/<language>.yml``
(the same keys; its forms are added to the package's). Units of time and
place names also come from CLDR, so every language knows its own.

A phrase matches whole words only, case-insensitively: "EU-US" names neither
the EU nor the US, "Usine" is not "US". A phrase in capitals of up to five
letters (US, EEA, SCC) matches only in capitals ("contact us" names no
country); a phrase ending in ``*`` matches the start of a word. Every search
runs in time linear in the text (a ``str.find`` per phrase, words tokenised
once): PITFALLS, long text.

A number may be written in several words ("treinta y seis", "ciento
ochenta"): the phrasebook lists it as one key of ``numbers``, read as
consecutive words. A unit's abbreviation from CLDR that is one of the
language's stopwords (the Spanish "a" of años, also a preposition) is not a
unit there.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.units import format_unit

from ..cache import Cache, key
from ..errors import DataError, Problem
from . import source

SHIPPED = Path(__file__).resolve().parent.parent / "phrasebooks"
"""The package's phrasebooks, one per language it ships page text in, and common.yml."""
SITE_FOLDER = "phrasebook"
"""A site's own phrasebooks: ``data/phrasebook/<language>.yml``, beside the policy."""

GROUPS = (
    "up_to",
    "starts",
    "open_durations",
    "legal_bases",
    "rights",
    "identity_check",
    "roles",
    "optional",
    "enabled_by_default",
    "switched_at",
    "consent",
    "safeguards",
    "places",
    "recipient_categories",
    "change_channels",
    "session",
    "exception",
    "keeping",
    "cues",
)
"""The groups of phrases, each mapping a value to its wordings (``up_to`` and ``session`` are one list)."""
UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
_CLDR_UNITS = {
    "years": "duration-year",
    "months": "duration-month",
    "weeks": "duration-week",
    "days": "duration-day",
    "hours": "duration-hour",
    "minutes": "duration-minute",
    "seconds": "duration-second",
}
_KEYS = {"numbers", "units", "stopwords", "email_obfuscations", *GROUPS}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "‑": "-"})
_TOKEN = re.compile(r"\w+")
_LONGEST_DIGITS = 9
"""Longer runs of digits are not a number of anything a policy counts (and ``int()`` of a megabyte is slow)."""


def normalize(text: str) -> str:
    """One spelling of apostrophes, spaces and hyphens, Unicode NFC, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())


def _lower(text: str) -> str:
    """Lower case, keeping every offset (a character whose lower case is longer stays as it is)."""
    low = text.lower()
    if len(low) == len(text) and "\u03a3" not in text:
        # No character grew, so each is its own lower case (but Σ, which str.lower writes ς at a word's end).
        return low
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _is_acronym(phrase: str) -> bool:
    letters = phrase.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


class Wording:
    """A text as the phrasebook reads it: normalised once, its words tokenised once."""

    def __init__(self, text: str) -> None:
        self.cased = normalize(text)
        self.lower = _lower(self.cased)
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.lower)]

    def spans(self, phrase: str) -> list[tuple[int, int]]:
        """Where ``phrase`` occurs as whole words (or, ending in ``*``, as the start of a word)."""
        return list(self._occurrences(phrase))

    def has(self, phrase: str) -> bool:
        return next(self._occurrences(phrase), None) is not None

    def _occurrences(self, phrase: str) -> Iterator[tuple[int, int]]:
        needle, prefix, acronym = _needle(phrase)
        if not needle:
            return
        hay = self.cased if acronym else self.lower
        start = hay.find(needle)
        while start >= 0:
            end = start + len(needle)
            if _boundary_before(hay, start) and (prefix or _boundary_after(hay, end)):
                yield start, end
            start = hay.find(needle, start + 1)


@functools.lru_cache(maxsize=8192)
def _needle(phrase: str) -> tuple[str, bool, bool]:
    """A phrase as a wording is searched for it: its words normalised (in lower case, but an acronym), whether it
    is the start of a word (``*``), and whether it is an acronym (matched in capitals only). Made once per phrase:
    a lint asks for the same cues in every sentence."""
    needle = normalize(phrase.rstrip("*"))
    acronym = _is_acronym(needle)
    return (needle if acronym else _lower(needle)), phrase.endswith("*"), acronym


def _boundary_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    if _wordish(before):
        return False
    # "EU-US": a hyphen or slash between words joins them into one name.
    return not (before in "-/" and start >= 2 and _wordish(text[start - 2]))


def _boundary_after(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if _wordish(after):
        return False
    return not (after in "-/" and end + 1 < len(text) and _wordish(text[end + 1]))


@dataclass(frozen=True)
class Phrasebook:
    """The wordings of one language: numbers, units, and each group's values with their phrases."""

    language: str
    numbers: Mapping[str, int]
    units: Mapping[str, str]
    """A unit's word → the unit (``years``…)."""
    groups: Mapping[str, Mapping[str, tuple[str, ...]]]
    stopwords: frozenset[str]
    obfuscations: tuple[tuple[str, str], ...]
    shipped: bool
    """Whether the package (or the site) has a phrasebook for this language: without one, only numbers,
    units, places and names can be verified."""
    files: tuple[str, ...] = field(default=())
    compounds: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]] = field(default_factory=dict)
    """Numbers written in several words, by their first word: ``(words, value)``, the longest first."""

    def phrases(self, group: str, value: str) -> tuple[str, ...]:
        return self.groups.get(group, {}).get(value, ())

    def values(self, group: str) -> Mapping[str, tuple[str, ...]]:
        return self.groups.get(group, {})

    def says(self, wording: Wording, group: str) -> dict[str, list[tuple[int, int]]]:
        """The values of ``group`` the wording states, each with its spans; a match inside a longer match of
        another value does not count ("ne peut être désactivée" is not "peut être désactivée")."""
        matches = [(span, value) for value, phrases in self.values(group).items() for p in phrases
                   for span in wording.spans(p)]  # fmt: skip
        matches.sort(key=lambda m: (m[0][0], -(m[0][1] - m[0][0])))
        kept: dict[str, list[tuple[int, int]]] = {}
        reach = (-1, -1, "")  # the kept match that reaches furthest: start, end, value
        for (start, end), value in matches:
            inside = end <= reach[1] and (end - start) < (reach[1] - reach[0])
            if inside and value != reach[2]:
                continue
            kept.setdefault(value, []).append((start, end))
            if end > reach[1]:
                reach = (start, end, value)
        return kept

    def place_names(self, code: str) -> tuple[str, ...]:
        """How a text in this language names a place: CLDR's name, the phrasebook's aliases, the code."""
        names = list(self.phrases("places", code))
        local = _territory(code, self.language)
        if local:
            names.insert(0, local)
        if code.isalpha() and code not in names:
            names.append(code)
        return tuple(dict.fromkeys(names))

    def deobfuscated(self, text: str) -> str:
        """``privacy[at]example[dot]com`` as the address it stands for."""
        for spelled, char in self.obfuscations:
            if spelled in text:
                text = text.replace(spelled, char)
        return text

    def durations(self, wording: Wording) -> Iterator[tuple[str, int, int, int]]:
        """``(unit, amount, start, end)`` of every period the wording gives in figures or words ("trois (3) ans",
        "twelve months", "24 h"), left to right."""
        tokens = wording.tokens
        amount: int | None = None
        amount_at = -10
        amount_start = 0
        index = 0
        while index < len(tokens):
            start, end, word = tokens[index]
            value, last = self._number_at(wording, index)
            if value is not None:
                between = wording.lower[tokens[index - 1][1] : start] if index else ""
                joined = index == amount_at + 1 and (
                    between == "-" or (between == " " and _adds_to(amount, value, word, tokens[index - 1][2]))
                )
                if joined and amount is not None and amount > value:
                    amount += value  # vingt-quatre, twenty-four, dwadzieścia cztery, trzysta sześćdziesiąt pięć
                elif not (index == amount_at + 1 and amount == value):  # "trois (3)": the same number again
                    amount, amount_start = value, start
                amount_at = index = last
                index += 1
                continue
            unit = self.units.get(word)
            if unit is not None and amount is not None and index - amount_at <= 3:
                yield unit, amount, amount_start, end
                amount = None
            index += 1

    def _number_at(self, wording: Wording, index: int) -> tuple[int | None, int]:
        """The number that starts at token ``index`` (in one word or several), and the index of its last word."""
        tokens = wording.tokens
        for words, value in self.compounds.get(tokens[index][2], ()):
            last = index + len(words) - 1
            if last < len(tokens) and all(
                tokens[index + k][2] == word
                and (k == 0 or not wording.lower[tokens[index + k - 1][1] : tokens[index + k][0]].strip())
                for k, word in enumerate(words)
            ):
                return value, last
        return _number(tokens[index][2], self.numbers), index


def _adds_to(amount: int | None, value: int, word: str, previous: str) -> bool:
    """Whether a number word after a space completes the one before it ("dwadzieścia cztery" is 24, "sto
    osiemdziesiąt" 180): words, not figures, and the smaller fills the larger's zeros ("dwanaście cztery" is not 16)."""
    if amount is None or word.isdigit() or previous.isdigit():
        return False
    return amount > value and amount % 10 ** len(str(value)) == 0


def _number(word: str, numbers: Mapping[str, int]) -> int | None:
    if word.isdigit():
        return int(word) if len(word) <= _LONGEST_DIGITS else None
    return numbers.get(word)


@functools.cache
def _territory(code: str, language: str) -> str | None:
    try:
        return Locale.parse(language).territories.get(code)
    except (ValueError, UnknownLocaleError):
        return None


@functools.cache
def _cldr_units(language: str) -> dict[str, str]:
    """A unit's words in a language, from CLDR's patterns ("1 an", "3 ans": an, ans)."""
    words: dict[str, str] = {}
    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return words
    for unit, cldr in _CLDR_UNITS.items():
        for amount in (1, 2, 3, 5, 21):
            for length in ("long", "short"):
                try:
                    said = format_unit(amount, cldr, length=length, locale=locale)
                except Exception:
                    continue
                for token in _TOKEN.findall(_lower(normalize(said))):
                    if not token.isdigit():
                        words.setdefault(token, unit)
    return words


def _read(path: Path, display: str) -> dict[str, Any]:
    # Read as the policy is (policy.source): the same refusals (anchors, invisible characters), located.
    tree, problems = source.read(path, display)
    if problems:
        raise DataError(problems)
    data = tree.plain()
    if not isinstance(data, dict):
        raise DataError([Problem(display, 1, 1, "", "a phrasebook is a mapping of groups to phrases")])
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise DataError([Problem(display, 1, 1, unknown[0], f'unknown key "{unknown[0]}" (one of {sorted(_KEYS)})')])
    return data


def _phrases(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if v is not None)
    return ()


def _merge(books: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"numbers": {}, "units": {}, "stopwords": [], "email_obfuscations": {}}
    for book in books:
        for name, value in (book.get("numbers") or {}).items():
            merged["numbers"][_lower(normalize(str(name)))] = int(value)
        for unit, words in (book.get("units") or {}).items():
            for word in _phrases(words):
                merged["units"][_lower(normalize(word))] = str(unit)
        merged["stopwords"] += [_lower(normalize(w)) for w in _phrases(book.get("stopwords"))]
        for char, spellings in (book.get("email_obfuscations") or {}).items():
            merged["email_obfuscations"].setdefault(str(char), []).extend(_phrases(spellings))
        for group in GROUPS:
            value = book.get(group)
            if value is None:
                continue
            target = merged.setdefault(group, {})
            if isinstance(value, dict):
                for key, phrases in value.items():
                    # Keys are read as written (policy.source): "True" and "False" name the values "true", "false".
                    name = key.lower() if key.lower() in ("true", "false") else key
                    target.setdefault(name, [])
                    target[name] += [p for p in _phrases(phrases) if p not in target[name]]
            else:
                target.setdefault("", [])
                target[""] += list(_phrases(value))
    return merged


def load(locale: str, site: Path | None = None, cache: Cache | None = None) -> Phrasebook:
    """The phrasebook of ``locale``'s language: the package's, then the site's additions (``site`` is the
    folder that holds ``phrasebook/``, usually ``data/``).

    With a ``cache``, kept there by what it is made of: the package's phrasebooks and the site's (by time and
    size), and Babel's version (CLDR's units). Reading a phrasebook's YAML with its positions, and asking CLDR
    for its units, costs a check more than the rest of the tie."""
    language = locale.replace("-", "_").split("_")[0].lower()
    stamp = None
    own = site / SITE_FOLDER / f"{language}.yml" if site is not None else None
    if own is not None and own.is_file():
        stamp = _stamp(own)
    if cache is None or cache.folder is None:
        return _load(language, stamp)
    import babel

    shipped = [_stamp(path) for path in (SHIPPED / "common.yml", SHIPPED / f"{language}.yml") if path.is_file()]
    name = key("phrasebook", language, shipped, stamp, babel.__version__)
    return cache.remember(name, lambda: _load(language, stamp))  # type: ignore[no-any-return]


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=64)
def _load(language: str, own: tuple[str, int, int] | None) -> Phrasebook:
    books, files = [], []
    common = SHIPPED / "common.yml"
    books.append(_read(common, "phrasebooks/common.yml"))
    shipped = SHIPPED / f"{language}.yml"
    has_book = shipped.is_file()
    if has_book:
        books.append(_read(shipped, f"phrasebooks/{language}.yml"))
        files.append(f"phrasebooks/{language}.yml")
    if own is not None:
        path = Path(own[0])
        # Named from the folder of the data file, as every other error names a site's file.
        books.append(_read(path, f"{path.parent.parent.name}/{SITE_FOLDER}/{path.name}"))
        files.append(str(path))
        has_book = True
    merged = _merge(books)
    stopwords = frozenset(merged["stopwords"])
    cldr = {word: unit for word, unit in _cldr_units(language).items() if word not in stopwords}
    units = {**cldr, **merged["units"]}
    compounds: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for name, value in merged["numbers"].items():
        words = tuple(_TOKEN.findall(name))
        if len(words) > 1:
            compounds.setdefault(words[0], []).append((words, value))
    groups = {
        group: {value: tuple(dict.fromkeys(phrases)) for value, phrases in merged.get(group, {}).items()}
        for group in GROUPS
    }
    obfuscations = tuple((s, char) for char, spellings in merged["email_obfuscations"].items() for s in spellings)
    return Phrasebook(
        language,
        merged["numbers"],
        units,
        groups,
        stopwords,
        obfuscations,
        has_book,
        tuple(files),
        {first: tuple(sorted(found, key=lambda c: -len(c[0]))) for first, found in compounds.items()},
    )


def stems(label: str, book: Phrasebook) -> list[str]:
    """The words of a label that carry its meaning, cut to a stem ("hébergement" → "héberge"), stopwords out."""
    found = []
    for _, _, word in Wording(label).tokens:
        if len(word) < 3 or word in book.stopwords or word.isdigit():
            continue
        if len(word) > 3 and word.endswith("s"):
            word = word[:-1]  # a plural is its singular's stem ("logs", "users")
        found.append(word if len(word) <= 4 else word[: max(4, round(len(word) * 0.55))])
    return list(dict.fromkeys(found))


def carries(wording: Wording, label: str, book: Phrasebook) -> tuple[bool, list[str]]:
    """Whether the wording carries a label's meaning: at least half its meaningful words (by stem), one at least.
    Returns the verdict and the words it lacks."""
    wanted = stems(label, book)
    if not wanted:
        return True, []
    starts = [word for _, _, word in wording.tokens]
    missing = [stem for stem in wanted if not any(w.startswith(stem) for w in starts)]
    return len(wanted) - len(missing) >= max(1, -(-len(wanted) // 2)), missing
