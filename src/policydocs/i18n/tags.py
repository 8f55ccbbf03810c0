"""Locale codes in their two spellings: ``pt_BR`` for files, ``pt-BR`` for the web.

Babel, gettext and this project's folders (``locales/pt_BR/LC_MESSAGES/``,
``site/pt_BR/``, ``mkdocs.yml``'s ``locales``) write a locale as a code with
an underscore. HTML ``lang``, ``hreflang``, Atom's ``xml:lang`` and
Material's ``theme.language`` want a BCP 47 language tag, with a hyphen.
Everything the project keeps is a code (normalized by :func:`code`); a tag
is made only where a page or a feed says which language it is in
(:func:`tag`).
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")


@functools.lru_cache(maxsize=1024)  # a pure function, asked for every link of every page in every language
def code(text: str) -> str:
    """A locale as the project writes it: ``pt_BR`` from ``pt_BR``, ``pt-BR``, ``pt-br`` or ``PT_br``.

    Only the separators and the letter case change (language lower case,
    script title case, region upper case): ``zh_TW`` stays ``zh_TW``, never
    Babel's ``zh_Hant_TW``. Raises ValueError for a code Babel does not know.
    """
    parts = re.split(r"[-_]", text.strip())
    if not all(_SUBTAG.fullmatch(part) for part in parts):
        raise ValueError(f'"{text}" is not a locale code')
    normal = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            normal.append(part.title())  # a script: Hant, Latn
        else:
            normal.append(part.upper())  # a region (BR, 419) or a variant (VALENCIA), as Babel writes them
    result = "_".join(normal)
    try:
        Locale.parse(result)
    except (ValueError, TypeError, UnknownLocaleError) as err:
        raise ValueError(f'"{text}" is not a locale Babel knows') from err
    return result


def normalized(text: str) -> str:
    """``code(text)``, or ``text`` as it is when it is no locale code (for the caller to report)."""
    try:
        return code(text)
    except ValueError:
        return text


def tag(locale: str) -> str:
    """The BCP 47 language tag of a locale code, for ``lang``, ``hreflang`` and ``xml:lang``: ``pt_BR`` → ``pt-BR``."""
    return normalized(locale).replace("_", "-")
