"""The policy's document as Markdown: sections of any depth, typed blocks, and tables generated from the facts.

Every piece of data text goes through ``markup`` (escaped; only https:,
mailto: and #anchor links); nothing from the data is ever raw Markdown or HTML.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, urljoin

from ..errors import DataError, Problem
from ..i18n.tags import tag
from ..policy import document, facts
from ..policy.document import (
    AddressBlock,
    Block,
    Generated,
    HorizontalRule,
    ItemList,
    ListItem,
    Note,
    Paragraph,
    Section,
    TableBlock,
)
from ..policy.model import Policy
from ..policy.scalars import Duration
from ..words import format_duration, territory_name
from .markup import Markdown, escape, inline

_URL_SAFE = ":/?#@!$&'*+,;=%-._~"

Words = Mapping[str, Any]
"""The page's words for generated tables (column headings, legal bases, rights…), already translated."""


def text(value: str, base: str | None = None, *, indent: str = "") -> Markdown:
    """Inline text of a block: escaped, with its strong and emphasised words, links, bare addresses and line
    breaks; stand-ins marked. ``base``: the site's address, against which a path of the site is resolved.
    ``indent``: what starts each line after a break (a list item's continuation)."""
    source_locale = getattr(value, "source_locale", None)
    out = []
    for kind, content, target in document.spans(str(value)):
        if kind in ("strong", "em"):
            mark = "**" if kind == "strong" else "*"
            out.append(f"{mark}{text(content, base, indent=indent)}{mark}")
        elif kind == "break":
            out.append(f"  \n{indent}")
        elif kind == "paragraph":
            out.append(f"\n\n{indent}")
        elif kind == "link":
            out.append(_link(content, target, base))
        else:
            out.append(inline(content))
    joined = "".join(out)
    if source_locale is not None:
        return Markdown(f'<mark class="policydocs-untranslated" lang="{escape(tag(source_locale))}">{joined}</mark>')
    return Markdown(joined)


def _link(label: str, target: str, base: str | None) -> str:
    """A link of the text: https:, http:, mailto: and #anchors as written, a path of the site resolved against
    its address (the same from every page, frozen versions included); anything else stays literal text."""
    if document.link_problem(target) is not None:
        return inline(f"[{label}]({target})")
    if document.site_path(target):
        target = urljoin(base or "", target)  # render() refused a path of the site with no address
    return f"[{escape(document.plain(label))}](<{quote(target, safe=_URL_SAFE)}>)"


def relative_links(policy: Policy) -> list[tuple[str, str]]:
    """``(yaml path, target)`` of every link to a path of the site, in reading order."""
    found = []
    for place in document.blocks(policy.preamble, policy.sections):
        for _, content, yaml_path in document.block_texts(place.value, place.context, place.yaml_path):
            for target in document.link_targets(content):
                if document.site_path(target):
                    found.append((yaml_path, target))
    return found


def render(policy: Policy, words: Words, locale: str, site_url: str | None = None) -> Markdown:
    """The preamble and every section, in reading order, as Markdown blocks.

    ``site_url``: the site's public address, against which the text's paths of the site are resolved.
    Blocks are kept apart as they are structured: two lists in a row stay two lists (Python-Markdown would
    make one of them), whatever the engine.
    """
    if site_url is None:
        paths = relative_links(policy)
        if paths:
            yaml_path, target = paths[0]
            line, column = policy.at(yaml_path)
            raise DataError(
                [
                    Problem(
                        policy.source_file,
                        line,
                        column,
                        yaml_path,
                        f'a link to the path "{target}" of the site, but mkdocs.yml has no site_url to resolve it '
                        "against: set site_url (the site's public address), or write the whole https: address",
                    )
                ]
            )
    known = facts.index(policy.facts)
    targets = link_targets(policy)
    chunks = list(_blocks(policy.preamble, "", policy, words, locale, targets, site_url))
    for section in policy.sections:
        chunks.extend(_section(section, 2, policy, known, words, locale, targets, site_url))
    out: list[str] = []
    for chunk in chunks:
        if out and _is_list(out[-1]) and _is_list(chunk):
            out.append(LIST_BREAK)
        out.append(chunk)
    return Markdown("\n\n".join(out))


LIST_BREAK = "<!-- -->"
"""Between two lists in a row: an HTML comment, which no Markdown engine merges into either list."""
_LIST_START = re.compile(r"(?:-|\d{1,9}\.) ")


def _is_list(chunk: str) -> bool:
    return bool(_LIST_START.match(chunk))


def _section(
    section: Section,
    level: int,
    policy: Policy,
    known: dict[str, Any],
    words: Words,
    locale: str,
    targets: set[str],
    base: str | None,
) -> Iterator[str]:
    if section.title is not None:
        title = text(section.title, base)
    else:
        target = facts.resolve(str(section.title_from), known)
        title = inline(str(getattr(target.value, "name", section.title_from) if target else section.title_from))
    yield f"{'#' * level} {title} {{ #{section.id} }}"
    yield from _blocks(section.blocks, section.id, policy, words, locale, targets, base)
    for sub in section.sections:
        yield from _section(sub, level + 1, policy, known, words, locale, targets, base)


def _blocks(
    blocks: Iterable[Block],
    context: str,
    policy: Policy,
    words: Words,
    locale: str,
    targets: set[str],
    base: str | None,
) -> Iterator[str]:
    run: list[str] = []
    anchor = ""
    for block in blocks:
        path = f"{context}.{block.id}" if context else block.id
        if isinstance(block, Paragraph) and block.same_paragraph and run:
            run.append(text(block.paragraph, base))
            continue
        if run:
            yield " ".join(run) + anchor
            run, anchor = [], ""
        if isinstance(block, Paragraph):
            run = [text(block.paragraph, base)]
            anchor = f"\n{{ #{path} }}" if path in targets else ""  # on a line of its own: attr_list reads it there
            continue
        if path in targets:  # a block Markdown gives no attribute: an empty element before it holds its anchor
            yield f'<div id="{path}"></div>'
        if isinstance(block, ItemList):
            yield _list(block.list, block.ordered, block.start or 1, 0, base)
        elif isinstance(block, TableBlock):
            yield _table(
                [text(c.title, base) for c in block.table.columns],
                [[_cell(row.cells.get(c.id, ""), base) for c in block.table.columns] for row in block.table.rows],
            )
        elif isinstance(block, AddressBlock):
            yield "  \n".join(text(line, base) for line in str(block.address).splitlines() if line.strip())
        elif isinstance(block, Note):
            yield '!!! note ""\n\n    ' + text(block.note, base, indent="    ")
        elif isinstance(block, HorizontalRule):
            yield "* * *"
        elif isinstance(block, Generated):
            yield _generated(block, policy, words, locale)
    if run:
        yield " ".join(run) + anchor


def _list(items: tuple[ListItem, ...], ordered: bool, start: int, depth: int, base: str | None) -> str:
    """A list as Markdown: each item's text (its line breaks and paragraphs indented under it), its own list
    after it. Items follow each other line by line: a list stays tight, but for an item after one that holds
    paragraphs (Python-Markdown gives it a paragraph too)."""
    pad = "    " * depth
    entries: list[tuple[str, bool]] = []
    for number, item in enumerate(items, start):
        marker = f"{number}." if ordered else "-"
        paragraphs = any(kind == "paragraph" for kind, _, _ in document.spans(str(item.text)))
        entry = f"{pad}{marker} {text(item.text, base, indent=pad + '    ')}"
        if item.items:
            nested = ordered if item.ordered is None else item.ordered
            entry += ("\n\n" if paragraphs else "\n") + _list(item.items, nested, 1, depth + 1, base)
        entries.append((entry, paragraphs))
    out = entries[0][0] if entries else ""
    for (_, paragraphs), (entry, _) in itertools.pairwise(entries):
        # After an item's paragraphs, a blank line: else the next item's line would run on in its last paragraph.
        out += ("\n\n" if paragraphs else "\n") + entry
    return out


def _cell(value: str, base: str | None) -> str:
    """A table cell: its line breaks as <br> (a Markdown table's row is one line)."""
    return text(value, base).replace("  \n", "<br>")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def link_targets(policy: Policy) -> set[str]:
    """The block id paths some link of the policy points to, and the preamble's blocks that state a fact (the
    layers, the summary and the notice link there, having no heading to link to): those blocks get an anchor."""
    found = {block.id for block in policy.preamble if getattr(block, "states", ())}
    for place in document.blocks(policy.preamble, policy.sections):
        for _, content, _ in document.block_texts(place.value, place.context, place.yaml_path):
            for target in document.link_targets(content):
                if target.startswith("#"):
                    found.add(target[1:])
    return found


def _word(words: Words, group: str, key: object) -> str:
    table = words.get(group, {})
    return str(table.get(key, key)) if isinstance(table, Mapping) else str(key)


def _country(code: str | None, locale: str, words: Words) -> str:
    if not code:
        return str(words.get("unstated", ""))
    return territory_name(code, locale)


def _duration(value: object, locale: str, words: Words) -> str:
    if isinstance(value, Duration):
        return format_duration(value, locale)
    return _word(words, "durations", value)


def _basis(words: Words, basis: object, interest: object) -> str:
    """A purpose's legal basis in the page's words, with the interest pursued after it when there is one
    ("intérêt légitime: prévention de la fraude"): the table shows every field the tie says it shows."""
    said = _word(words, "bases", basis)
    return f"{said}: {interest}" if interest else said


def _generated(block: Generated, policy: Policy, words: Words, locale: str) -> str:
    """A table (or list) made from the facts, with the page's words for its headings and values."""
    registry = policy.facts
    heads = words.get("columns", {})
    data_names = {d.id: str(d.label or d.id) for d in registry.data}
    if block.generated == "recipients":
        return _table(
            [heads["recipient"], heads["activity"], heads["data"], heads["country"], heads["safeguard"]],
            [
                [
                    inline(r.name),
                    inline(r.activity),
                    inline(", ".join(data_names.get(d, d) for d in r.data)),
                    inline(_country(r.country, locale, words)),
                    inline(_word(words, "safeguards", r.safeguard) if r.safeguard else ""),
                ]
                for r in registry.recipients
            ],
        )
    if block.generated == "retention":
        return _table(
            [heads["data"], heads["period"], heads["from"]],
            [
                [
                    inline(str(rule.label or ", ".join(data_names.get(d, d) for d in rule.data) or rule.id)),
                    inline(_duration(rule.duration, locale, words) + (f" ({rule.statute})" if rule.statute else "")),
                    inline(_word(words, "starts", rule.starts)),
                ]
                for rule in registry.retention
            ],
        )
    if block.generated == "purposes":
        rows = [
            [inline(p.label), inline(_basis(words, p.legal_basis, p.legitimate_interest))] for p in registry.purposes
        ]
        if not any(p.data for p in registry.purposes):
            return _table([heads["purpose"], heads["basis"]], rows)
        # The data each purpose uses, when the facts say it: the tie counts it as shown, so the table shows it.
        for row, purpose in zip(rows, registry.purposes, strict=True):
            row.append(inline(", ".join(data_names.get(d, d) for d in purpose.data)))
        return _table([heads["purpose"], heads["basis"], heads["data"]], rows)
    if block.generated == "cookies":
        return _table(
            [heads["cookie"], heads["provider"], heads["purpose"], heads["lifetime"], heads["consent"]],
            [
                [
                    inline(c.name),
                    inline(c.provider),
                    inline(c.purpose),
                    inline(_duration(c.lifetime, locale, words)),
                    inline(_word(words, "consent", c.consent)),
                ]
                for c in registry.cookies
            ],
        )
    rights = registry.rights
    return "\n".join(f"- {inline(_word(words, 'rights', right))}" for right in rights.list)
