"""The word-level redline between two versions of a policy, section by section, block by block."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from ..policy import document, facts, model

Op = tuple[Literal["equal", "delete", "insert"], str]
"""A run of text that both versions share, only the old one has, or only the new one has."""

_TOKEN = re.compile(r"\S+\s*|\s+")


def tokens(text: str) -> list[str]:
    """Words with the space after them: joined back, they give the text exactly."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Op]:
    """The word-level differences of two texts, merged into runs.

    ``autojunk`` is off: with it, difflib treats frequent words as junk
    and long texts come out as "replace everything".
    """
    a, b = tokens(old), tokens(new)
    ops: list[Op] = []
    for kind, lo, hi in token_runs(a, b):
        words = "".join((a if kind == "delete" else b)[lo:hi])
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + words)
        else:
            ops.append((kind, words))
    return ops


Run = tuple[Literal["equal", "delete", "insert"], int, int]
"""A run of tokens: ``("delete", lo, hi)`` of the old ones, ``("insert" | "equal", lo, hi)`` of the new ones."""


def token_runs(a: list[Hashable], b: list[Hashable]) -> list[Run]:
    """The differences of two lists of tokens (words, or words with their style), in order."""
    return list(_token_runs(tuple(a), tuple(b)))


RUNS_KEPT = 4096
"""How many token lists' differences stay known: a block's text outlives many versions, so the compare pages of a
history diff the same pair again and again (and the redline diffs a plain block's words a second time)."""


@functools.lru_cache(maxsize=RUNS_KEPT)
def _token_runs(a: tuple[Hashable, ...], b: tuple[Hashable, ...]) -> tuple[Run, ...]:
    runs: list[Run] = []
    i = j = 0
    for a_start, b_start, size in _matching_blocks(a, b, 0, len(a), 0, len(b), 0):
        if a_start > i:
            runs.append(("delete", i, a_start))
        if b_start > j:
            runs.append(("insert", j, b_start))
        runs.append(("equal", b_start, b_start + size))
        i, j = a_start + size, b_start + size
    if len(a) > i:
        runs.append(("delete", i, len(a)))
    if len(b) > j:
        runs.append(("insert", j, len(b)))
    return tuple(runs)


Kept = tuple[int, int, int]
"""Words ``a[i:i+size]`` equal to ``b[j:j+size]``, as ``(i, j, size)``."""

# difflib compares each word of one text with every occurrence of it in the other: quadratic.
# Up to this many pairs of words (a paragraph of 1,000 words against another: 0.15 s at worst)
# its matching is used as it is. Beyond, the common start and end are kept, the rest is cut at
# the words, or runs of words, that each text has exactly once and in the same order (patience
# diff), and difflib only matches the short stretches in between; a stretch still too long
# after a few such cuts is shown as replaced. A megabyte-long sentence takes a second, not hours.
_DIFFLIB_PAIRS = 1_000_000
_STRETCH_PAIRS = 10_000
_RUN_LENGTHS = (1, 4, 16)  # a word alone, else a run of words, that each text has once
_MAX_DEPTH = 4


def _matching_blocks(a: list[Any], b: list[Any], alo: int, ahi: int, blo: int, bhi: int, depth: int) -> list[Kept]:
    """The words of ``a[alo:ahi]`` and ``b[blo:bhi]`` kept by the redline, in order."""
    pairs = (ahi - alo) * (bhi - blo)
    if pairs <= (_DIFFLIB_PAIRS if depth == 0 else _STRETCH_PAIRS):
        matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        return [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size]
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    tail = 0
    while alo + head < ahi - tail and blo + head < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
        tail += 1
    blocks: list[Kept] = [(alo, blo, head)] if head else []
    if head or tail:
        blocks += _matching_blocks(a, b, alo + head, ahi - tail, blo + head, bhi - tail, max(depth, 1))
    elif depth <= _MAX_DEPTH:
        anchors: list[tuple[int, int]] = []
        for length in _RUN_LENGTHS:
            anchors = _unique_common_runs(a, b, alo, ahi, blo, bhi, length)
            if anchors:
                break
        i, j = alo, blo
        for anchor_i, anchor_j in anchors:
            blocks += _matching_blocks(a, b, i, anchor_i, j, anchor_j, depth + 1)
            blocks.append((anchor_i, anchor_j, 1))
            i, j = anchor_i + 1, anchor_j + 1
        if anchors:
            blocks += _matching_blocks(a, b, i, ahi, j, bhi, depth + 1)
    if tail:
        blocks.append((ahi - tail, bhi - tail, tail))
    return blocks


def _unique_common_runs(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int, length: int
) -> list[tuple[int, int]]:
    """Where runs of ``length`` words that each range has exactly once start, the most of them in the same order."""

    def runs(words: list[str], lo: int, hi: int) -> dict[tuple[str, ...], int]:
        """Each run that occurs once in ``words[lo:hi]``, with where it starts."""
        seen: dict[tuple[str, ...], int] = {}
        for start in range(lo, hi - length + 1):
            key = tuple(words[start : start + length])
            seen[key] = -1 if key in seen else start
        return {key: start for key, start in seen.items() if start >= 0}

    in_a, in_b = runs(a, alo, ahi), runs(b, blo, bhi)
    pairs = sorted((start, in_b[key]) for key, start in in_a.items() if key in in_b)
    # The longest increasing sequence of j (patience sorting): n log n.
    tops: list[int] = []
    top_index: list[int] = []
    before: list[int] = []
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(tops, j)
        if place == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[place] = j
            top_index[place] = index
        before.append(top_index[place - 1] if place else -1)
    chosen: list[tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        chosen.append(pairs[index])
        index = before[index]
    return chosen[::-1]


Piece = TypeVar("Piece")


def compared_again(
    ops: list[Op], read: Callable[[str], list[Piece]], key: Callable[[Piece], Hashable]
) -> list[tuple[Literal["equal", "delete", "insert"], list[Piece]]]:
    """A block's word diff compared again on what each side reads as (its words without their marks, or each word
    with its style): runs of the pieces ``read`` makes of the old text (deleted) and of the new one (kept,
    inserted), matched by ``key``. A mark the diff of the raw text cut in two is whole on each side."""
    old, new = read(old_side(ops)), read(new_side(ops))
    runs = token_runs([key(p) for p in old], [key(p) for p in new])
    return [(kind, (old if kind == "delete" else new)[lo:hi]) for kind, lo, hi in runs]


def old_side(ops: list[Op]) -> str:
    return "".join(text for kind, text in ops if kind != "insert")


def new_side(ops: list[Op]) -> str:
    return "".join(text for kind, text in ops if kind != "delete")


@dataclass(frozen=True)
class Shape:
    """Where a piece of text stands in its block's structure, so the redline can show it as the page does."""

    kind: Literal["p", "h", "li", "th", "td", "address", "note"] = "p"
    group: str = ""
    """The id path of the list or table it belongs to."""
    depth: int = 0
    """A list item's depth (1 for the list's own items); a heading's level (3 or 4)."""
    ordered: bool = False
    """Whether a list item's list is numbered."""
    start: int = 1
    """A numbered list's first number."""
    row: str = ""
    """A table cell's row id (``header`` for a header cell)."""


@dataclass(frozen=True)
class Block:
    """A piece of a section's text as a reader sees it: a heading, a paragraph, a list item, a table cell."""

    path: str
    text: str
    shape: Shape = Shape()


@dataclass
class Section:
    """A top-level section of the page and its blocks, in reading order."""

    key: str
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)


def sections(policy: model.Policy) -> list[Section]:
    """The page's sections with their text blocks, as displayed, for a v2 policy (translations already applied).

    One Section per h2 (its id as key and anchor), the preamble first (key ``preamble``, no title) when
    there is one. A subsection's heading is a block whose path ends with ``.title``, a heading made from
    a fact (``title_from``) too, with the fact's name. Generated blocks have no text of their own: what
    they show is the facts, which the summary compares.
    """
    known = facts.index(policy.facts)
    found: list[Section] = []
    if policy.preamble:
        preamble = Section("preamble", "preamble", document.plain(str(policy.title)))  # the part under the title
        for block in policy.preamble:
            preamble.blocks.extend(_texts(block, block.id))
        found.append(preamble)
    for place in document.sections(policy.sections):
        section: document.Section = place.value
        title = section.title if section.title is not None else known[section.title_from].name
        if place.level == 2:
            found.append(Section(section.id, section.id, title))
        else:
            found[-1].blocks.append(Block(f"{section.id}.title", title, Shape("h", depth=place.level)))
        for block in section.blocks:
            found[-1].blocks.extend(_texts(block, f"{section.id}.{block.id}"))
    return found


def _texts(block: document.Block, context: str) -> list[Block]:
    """A block's texts, each with its place in the block's structure."""
    if isinstance(block, document.ItemList):
        out = []

        def walk(items: tuple[document.ListItem, ...], ctx: str, depth: int, ordered: bool, start: int) -> None:
            for item in items:
                here = f"{ctx}.{item.id}"
                out.append(Block(here, item.text, Shape("li", context, depth, ordered, start)))
                nested = ordered if item.ordered is None else item.ordered
                walk(item.items, here, depth + 1, nested, 1)

        walk(block.list, context, 1, block.ordered, block.start or 1)
        return out
    if isinstance(block, document.TableBlock):
        header = [
            Block(f"{context}.header.{c.id}", c.title, Shape("th", context, row="header")) for c in block.table.columns
        ]
        rows = [
            Block(f"{context}.{row.id}.{c.id}", row.cells.get(c.id, ""), Shape("td", context, row=row.id))
            for row in block.table.rows
            for c in block.table.columns
        ]
        return header + rows
    kind: Literal["p", "address", "note"] = (
        "address" if isinstance(block, document.AddressBlock) else "note" if isinstance(block, document.Note) else "p"
    )
    return [Block(ctx, text, Shape(kind, context)) for ctx, text, _ in document.block_texts(block, context, "")]


BlockStatus = Literal["unchanged", "changed", "added", "removed"]


@dataclass(frozen=True)
class BlockDiff:
    path: str
    status: BlockStatus
    ops: list[Op]
    moved: bool = False
    shape: Shape = Shape()
    """Its place in the structure of its block: in the new version, or the old one for what was removed."""


@dataclass
class SectionDiff:
    """What happened to a section: unchanged, changed, added or removed; moved when its place changed."""

    key: str
    anchor: str
    title: str
    status: Literal["unchanged", "changed", "added", "removed"]
    blocks: list[BlockDiff]
    moved: bool = False
    title_ops: list[Op] = field(default_factory=list)
    """The heading's word diff when it was reworded; empty otherwise."""

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.moved


def _moved(old_order: list[str], new_order: list[str]) -> set[str]:
    """Ids present in both orders whose relative place changed (outside the longest common run)."""
    in_old, in_new = set(old_order), set(new_order)
    common_old = [x for x in old_order if x in in_new]
    common_new = [x for x in new_order if x in in_old]
    matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    kept = {common_old[i] for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return set(common_old) - kept


def redline(old: model.Policy, new: model.Policy) -> list[SectionDiff]:
    """Section by section, block by block (matched by stable id path), the word-level changes.

    Sections and blocks are listed in the new version's order, removed ones
    where they stood in the old version.
    """
    return redline_of(sections(old), sections(new))


def redline_of(old: list[Section], new: list[Section]) -> list[SectionDiff]:
    """The redline of two versions' sections (see redline), for callers that keep them."""
    old_sections = {s.key: s for s in old}
    new_sections = {s.key: s for s in new}
    moved_sections = _moved(list(old_sections), list(new_sections))
    result: list[SectionDiff] = []
    for key in _merged_order(list(old_sections), list(new_sections)):
        before, after = old_sections.get(key), new_sections.get(key)
        if before is None:
            assert after is not None
            blocks = [BlockDiff(b.path, "added", [("insert", b.text)], shape=b.shape) for b in after.blocks]
            result.append(SectionDiff(key, after.anchor, after.title, "added", blocks))
            continue
        if after is None:
            blocks = [BlockDiff(b.path, "removed", [("delete", b.text)], shape=b.shape) for b in before.blocks]
            result.append(SectionDiff(key, before.anchor, before.title, "removed", blocks))
            continue
        result.append(_section_diff(before, after, key in moved_sections))
    return result


def _section_diff(before: Section, after: Section, moved: bool) -> SectionDiff:
    old_blocks = {b.path: b for b in before.blocks}
    new_blocks = {b.path: b for b in after.blocks}
    moved_blocks = _moved(list(old_blocks), list(new_blocks))
    diffs: list[BlockDiff] = []
    for path in _merged_order(list(old_blocks), list(new_blocks)):
        a, b = old_blocks.get(path), new_blocks.get(path)
        if a is None:
            assert b is not None
            diffs.append(BlockDiff(path, "added", [("insert", b.text)], shape=b.shape))
        elif b is None:
            diffs.append(BlockDiff(path, "removed", [("delete", a.text)], shape=a.shape))
        elif a.text == b.text:
            diffs.append(BlockDiff(path, "unchanged", [("equal", a.text)], path in moved_blocks, b.shape))
        else:
            diffs.append(BlockDiff(path, "changed", word_diff(a.text, b.text), path in moved_blocks, b.shape))
    title_ops = word_diff(before.title, after.title) if before.title != after.title else []
    changed = bool(title_ops) or any(d.status != "unchanged" or d.moved for d in diffs)
    status: Literal["changed", "unchanged"] = "changed" if changed else "unchanged"
    return SectionDiff(after.key, after.anchor, after.title, status, diffs, moved, title_ops)


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    """The new order, with each removed item inserted after the item it followed in the old order."""
    kept = set(new)
    removed_after: dict[str | None, list[str]] = {}
    previous: str | None = None  # the last item of the old order that the new one keeps
    for item in old:
        if item in kept:
            previous = item
        else:
            removed_after.setdefault(previous, []).append(item)
    order = list(removed_after.get(None, []))
    for item in new:
        order.append(item)
        order.extend(removed_after.get(item, []))
    return order
