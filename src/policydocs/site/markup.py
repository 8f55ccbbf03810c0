"""Turn plain data text into safe Markdown: everything escaped, only https: and mailto: links."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..i18n.tags import tag
from ..policy.textscan import EMAIL, URL_AFTER_SCHEME, Tokens

# Characters Python-Markdown treats as syntax anywhere in a line ("!" would make a link an image).
_INLINE = re.compile(r"([\\`*_{}\[\]!])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \s: a no-break space is meant
# Syntax that only counts at the start of a block: headings, lists, quotes, rules.
_LINE_START = re.compile(r"^(\s*)(?:([#+\-=>])|(\d+)([.)]))")

_TOKENS = Tokens(
    r"\[(?P<label>[^\[\]]+)\]\((?P<target>[^()\s]+)\)",
    f"(?P<email>{EMAIL})",
    f"(?P<url>https:{URL_AFTER_SCHEME})",
)
ALLOWED_SCHEMES = ("https:", "mailto:")


class Markdown(str):
    """A string that is already safe Markdown: templates output it as it is."""


def _protect_start(match: re.Match[str]) -> str:
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"


def escape(text: str, *, at_line_start: bool = True) -> Markdown:
    """Escape text so Markdown shows it literally (no markup, no HTML, no attributes)."""
    text = _SPACES.sub(" ", text)
    text = _INLINE.sub(r"\\\1", text).translate(_ENTITIES)
    if at_line_start:
        text = _LINE_START.sub(_protect_start, text, count=1)
    return Markdown(text)


def _link(label: str, target: str) -> str:
    safe_target = quote(target, safe=":/?#@!$&'*+,;=%-._~")
    return f"[{escape(label)}](<{safe_target}>)"


def inline(text: str) -> Markdown:
    """Escape data text, turning email addresses and https: links into links.

    ``[label](target)`` becomes a link only when the target is https: or
    mailto:; anything else (``javascript:``, ``data:``) stays literal text.
    Source text standing in for a missing translation comes out marked.
    """
    source_locale = getattr(text, "source_locale", None)
    if source_locale is not None:
        inner = _inline(str(text))
        return Markdown(f'<mark class="policydocs-untranslated" lang="{escape(tag(source_locale))}">{inner}</mark>')
    return _inline(text)


def _inline(text: str) -> Markdown:
    out: list[str] = []
    position = 0
    for match in _TOKENS.finditer(text):
        target = match.group("target")
        if target is not None and not target.lower().startswith(ALLOWED_SCHEMES):
            continue
        out.append(escape(text[position : match.start()], at_line_start=position == 0))
        if target is not None:
            out.append(_link(match.group("label"), target))
        elif match.group("email"):
            out.append(_link(match.group("email"), "mailto:" + match.group("email")))
        else:
            out.append(_link(match.group("url"), match.group("url")))
        position = match.end()
    out.append(escape(text[position:], at_line_start=position == 0))
    return Markdown("".join(out))
