"""Catalogs as .po and .pot files that GNU gettext, Babel and polib all read, written whole or not at all."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from ..errors import CatalogError

WIDTH = 76
"""Line width of written catalogs, as xgettext and msgmerge wrap them."""

_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural)\s+(\".*)$")


def po_bytes(catalog: Catalog, *, include_previous: bool = False) -> bytes:
    """The catalog as the bytes of a .po file; with ``include_previous``, fuzzy entries show their previous msgid.

    Babel writes the previous msgid as a comment wrapped like prose, which
    splits quoted strings across lines (GNU msgfmt and polib reject them):
    those lines are written again here as msgmerge writes them,
    ``#| msgid ""`` then one ``#| "…"`` line per piece.
    """
    buffer = io.BytesIO()
    # Obsolete entries are written here, not by Babel: it wraps them with their "#~ " prefix counted per
    # word and can add a "\n" to a text that ends in a backslash and spaces.
    write_po(buffer, catalog, width=WIDTH, include_previous=include_previous, ignore_obsolete=True)
    text = buffer.getvalue().decode(catalog.charset)
    if include_previous:
        text = _rewrite_previous(text, catalog)
    obsolete = [_obsolete_lines(message) for message in catalog.obsolete.values()]
    if obsolete:
        text = text.rstrip("\n") + "\n\n" + "\n\n".join("\n".join(lines) for lines in obsolete) + "\n"
    return text.encode(catalog.charset)


def _obsolete_lines(message: Message) -> list[str]:
    """An obsolete entry as msgmerge writes it: its comments, then every line of it after ``#~ ``."""
    lines = [f"# {comment}" if comment else "#" for comment in message.user_comments]
    lines += [f"#. {comment}" for comment in message.auto_comments]
    flags = sorted(message.flags)
    if flags:
        lines.append("#, " + ", ".join(flags))
    fields = [("msgctxt", message.context)] if message.context else []
    fields += [("msgid", message.id), ("msgstr", message.string or "")]
    for keyword, value in fields:
        if not isinstance(value, str):
            raise ValueError("an obsolete entry with plural forms")
        first, *rest = normalize(value, width=WIDTH - len("#~ ")).split("\n")
        lines.append(f"#~ {keyword} {first}")
        lines.extend(f"#~ {line}" for line in rest)
    return lines


def _rewrite_previous(text: str, catalog: Catalog) -> str:
    """Replace each run of ``#|`` lines Babel wrote with the previous msgid of its entry, written correctly.

    write_po writes the entries in catalog order, and a run of ``#|`` lines
    for each one with a previous_id (the header, first, has none); obsolete
    entries get none.
    """
    pending = [m for m in catalog if m.previous_id]
    lines = text.split("\n")
    header_end = lines.index("") if "" in lines else len(lines)
    out = lines[:header_end]
    index = header_end
    while index < len(lines):
        if not lines[index].startswith("#|"):
            out.append(lines[index])
            index += 1
            continue
        while index < len(lines) and lines[index].startswith("#|"):
            index += 1
        if not pending:
            raise ValueError("Babel wrote more previous msgids than entries have")
        out.extend(previous_lines(pending.pop(0)))
    if pending:
        raise ValueError("Babel left out previous msgids")
    return "\n".join(out)


def previous_lines(message: Message) -> list[str]:
    """The ``#| msgid`` lines of a fuzzy entry (none for an entry that is not fuzzy: gettext keeps them for those)."""
    if not message.fuzzy:
        return []
    lines: list[str] = []
    for keyword, text in zip(("msgid", "msgid_plural"), message.previous_id, strict=False):
        # Not normalize(prefix="#| "): Babel counts a prefix once per word, which wraps after a few words.
        first, *rest = normalize(text, width=WIDTH - len("#| ")).split("\n")
        lines.append(f"#| {keyword} {first}")
        lines.extend(f"#| {line}" for line in rest)
    return lines


def restore_previous(catalog: Catalog, text: str) -> None:
    """Give back the fuzzy entries of a catalog read by Babel from ``text`` their previous msgid.

    Babel reads ``#| msgid "…"`` lines (and their ``#| "…"`` continuations)
    as translator comments, dropping repeated lines; written back, they
    would pile up as ``# |`` lines at every update. Here they are read from
    the file's text instead, and kept only while the entry is fuzzy, as
    gettext does.
    """
    found = previous_msgids(text)
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        previous = found.get((message.context, msgid))
        if message.fuzzy and msgid and previous:
            message.previous_id = previous


def previous_msgids(text: str) -> dict[tuple[str | None, str], list[str]]:
    """The previous msgids (``#|`` lines) of a .po file's entries, by ``(msgctxt, msgid)``."""
    found: dict[tuple[str | None, str], list[str]] = {}
    previous: list[str] = []
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None

    def finish() -> None:
        parts = _previous_parts(previous)
        if "msgid" in parts and "msgid" in fields:
            context = "".join(fields["msgctxt"]) if "msgctxt" in fields else None
            found[(context, "".join(fields["msgid"]))] = [
                parts["msgid"],
                *([parts["msgid_plural"]] if "msgid_plural" in parts else []),
            ]
        previous.clear()
        fields.clear()

    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            if fields:
                finish()
            if line.startswith("#|"):
                previous.append(line[2:].strip())
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            rest = line
        else:
            current = fields.setdefault(keyword, [])
        if current is not None:
            current.extend(unescape(piece) for piece in _QUOTED.findall(rest))
    if fields:
        finish()
    return found


def _previous_parts(lines: list[str]) -> dict[str, str]:
    """``{keyword: text}`` of ``msgctxt``/``msgid``/``msgid_plural`` lines with their ``"…"`` continuations."""
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        keyword = _KEYWORD.match(line)
        if keyword:
            current = parts.setdefault(keyword.group(1), [])
            line = keyword.group(2)
        if current is not None and line.startswith('"'):
            current.extend(unescape(piece) for piece in _QUOTED.findall(line))
    return {keyword: "".join(pieces) for keyword, pieces in parts.items()}


def _entries(catalog: Catalog, *, previous: bool) -> list[tuple[object, ...]]:
    """What a written catalog must give back when read: each entry's key, text, state and previous msgid."""
    found: list[tuple[object, ...]] = []
    for message in catalog:
        if not message.id:
            continue  # the header: Babel rewrites its fields as it reads them
        shown = tuple(message.previous_id) if previous and message.fuzzy else ()
        found.append((message.context, message.id, message.string or "", message.fuzzy, shown))
    found.extend((m.context, m.id, m.string or "", "obsolete", ()) for m in catalog.obsolete.values())
    return found


def _read_back(data: bytes, catalog: Catalog, display: str, *, include_previous: bool) -> None:
    """A CatalogError unless Babel reads ``data`` back as ``catalog``, entry by entry."""
    try:
        back = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError) as err:
        raise CatalogError(f"not written: the catalog would not read back ({err})", file=display) from err
    restore_previous(back, data.decode(catalog.charset))
    expected = _entries(catalog, previous=include_previous)
    got = _entries(back, previous=include_previous)
    if got == expected:
        return
    wrong = next((e for e, g in zip(expected, got, strict=False) if e != g), None)
    where = f' (first at msgctxt "{wrong[0]}")' if wrong is not None and wrong[0] else ""
    raise CatalogError(f"not written: the catalog would read back differently{where}", file=display)


def write_catalog(catalog: Catalog, path: Path, display: str, *, include_previous: bool = False) -> bool:
    """Write ``catalog`` to ``path`` if its text changed, checked first and replacing the file atomically.

    The bytes are read back with Babel before anything is replaced, so a
    command never leaves a catalog it could not read again. Returns whether
    the file was written.
    """
    try:
        data = po_bytes(catalog, include_previous=include_previous)
    except ValueError as err:
        raise CatalogError(f"not written: {err}", file=display) from err
    _read_back(data, catalog, display, include_previous=include_previous)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with partial.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return True
