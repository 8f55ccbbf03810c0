"""The policy's document as Markdown: sections of any depth, typed blocks, and tables generated from the facts.

Every piece of data text goes through ``markup`` (escaped; only https:,
mailto: and #anchor links); nothing from the data is ever raw Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..i18n.tags import tag
from ..policy import document, facts
from ..policy.agreement import territory_name
from ..policy.document import AddressBlock, Block, Generated, ItemList, ListItem, Note, Paragraph, Section, TableBlock
from ..policy.model import Duration
from ..policy.v2 import Policy
from ..versions.summary import format_duration
from .markup import ALLOWED_SCHEMES, Markdown, escape, inline

Words = Mapping[str, Any]
"""The page's words for generated tables (column headings, legal bases, rights…), already translated."""


def text(value: str) -> Markdown:
    """Inline text of a block: escaped, with its emphasis, links and bare addresses; stand-ins marked."""
    source_locale = getattr(value, "source_locale", None)
    out = []
    for kind, content, target in document.spans(str(value)):
        if kind == "em":
            out.append(f"*{inline(content)}*")
        elif kind == "link" and (target.startswith("#") or target.lower().startswith(ALLOWED_SCHEMES)):
            out.append(f"[{escape(content)}](<{target}>)")
        elif kind == "link":
            out.append(inline(f"[{content}]({target})"))
        else:
            out.append(inline(content))
    joined = "".join(out)
    if source_locale is not None:
        return Markdown(f'<mark class="policydocs-untranslated" lang="{escape(tag(source_locale))}">{joined}</mark>')
    return Markdown(joined)


def render(policy: Policy, words: Words, locale: str) -> Markdown:
    """The preamble and every section, in reading order, as Markdown blocks."""
    known = facts.index(policy.facts)
    targets = link_targets(policy)
    chunks = list(_blocks(policy.preamble, "", policy, words, locale, targets))
    for section in policy.sections:
        chunks.extend(_section(section, 2, policy, known, words, locale, targets))
    return Markdown("\n\n".join(chunks))


def _section(
    section: Section, level: int, policy: Policy, known: dict[str, Any], words: Words, locale: str, targets: set[str]
) -> Iterator[str]:
    if section.title is not None:
        title = inline(section.title)
    else:
        target = facts.resolve(str(section.title_from), known)
        title = inline(str(getattr(target.value, "name", section.title_from) if target else section.title_from))
    yield f"{'#' * level} {title} {{ #{section.id} }}"
    yield from _blocks(section.blocks, section.id, policy, words, locale, targets)
    for sub in section.sections:
        yield from _section(sub, level + 1, policy, known, words, locale, targets)


def _blocks(
    blocks: Iterable[Block], context: str, policy: Policy, words: Words, locale: str, targets: set[str]
) -> Iterator[str]:
    run: list[str] = []
    anchor = ""
    for block in blocks:
        path = f"{context}.{block.id}" if context else block.id
        if isinstance(block, Paragraph) and block.same_paragraph and run:
            run.append(text(block.paragraph))
            continue
        if run:
            yield " ".join(run) + anchor
            run, anchor = [], ""
        if isinstance(block, Paragraph):
            run = [text(block.paragraph)]
            anchor = f" {{ #{path} }}" if path in targets else ""
        elif isinstance(block, ItemList):
            yield "\n".join(_items(block.list, "1." if block.ordered else "-", 0))
        elif isinstance(block, TableBlock):
            yield _table(
                [text(c.title) for c in block.table.columns],
                [[text(row.cells.get(c.id, "")) for c in block.table.columns] for row in block.table.rows],
            )
        elif isinstance(block, AddressBlock):
            yield "  \n".join(text(line) for line in str(block.address).splitlines() if line.strip())
        elif isinstance(block, Note):
            yield '!!! note ""\n\n    ' + text(block.note)
        elif isinstance(block, Generated):
            yield _generated(block, policy, words, locale)
    if run:
        yield " ".join(run) + anchor


def _items(items: Iterable[ListItem], marker: str, depth: int) -> Iterator[str]:
    for item in items:
        yield f"{'    ' * depth}{marker} {text(item.text)}"
        yield from _items(item.items, marker, depth + 1)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def link_targets(policy: Policy) -> set[str]:
    """The block id paths some link of the policy points to (those blocks get an anchor)."""
    found = set()
    for place in document.blocks(policy.preamble, policy.sections):
        for _, content, _ in document.block_texts(place.value, place.context, place.yaml_path):
            for kind, _, target in document.spans(content):
                if kind == "link" and target.startswith("#"):
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
