"""The word-level redline between two versions of a policy, section by section, block by block."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from ..policy.model import Policy, messages

Op = tuple[Literal["equal", "delete", "insert"], str]
"""A run of text that both versions share, only the old one has, or only the new one has."""

_TOKEN = re.compile(r"\S+\s*|\s+")
_HIDDEN = ("title", "change_note")  # the page title and the change note are not sections' text


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

    def add(kind: Literal["equal", "delete", "insert"], words: list[str]) -> None:
        if not words:
            return
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + "".join(words))
        else:
            ops.append((kind, "".join(words)))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return ops


def old_side(ops: list[Op]) -> str:
    return "".join(text for kind, text in ops if kind != "insert")


def new_side(ops: list[Op]) -> str:
    return "".join(text for kind, text in ops if kind != "delete")


@dataclass(frozen=True)
class Block:
    """A piece of a section's text as a reader sees it: a heading, a paragraph, a list item."""

    path: str
    text: str


@dataclass
class Section:
    """A top-level section of the page and its blocks, in reading order."""

    key: str
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)


def sections(policy: Policy) -> list[Section]:
    """The page's sections with their text blocks, as displayed (translations already applied)."""
    found: dict[str, Section] = {}
    for message in messages(policy):
        if message.kind != "Text" or message.context in _HIDDEN:
            continue
        key = message.context.split(".", 1)[0]
        part = getattr(policy, key)
        if not (hasattr(part, "id") and hasattr(part, "title")):
            continue  # facts that the page does not show as a section (the controller, purposes)
        if key not in found:
            found[key] = Section(key, part.id, part.title)
        if message.context != f"{key}.title":  # the heading is the section's title, diffed on its own
            found[key].blocks.append(Block(message.context, message.text))
    return list(found.values())


BlockStatus = Literal["unchanged", "changed", "added", "removed"]


@dataclass(frozen=True)
class BlockDiff:
    path: str
    status: BlockStatus
    ops: list[Op]
    moved: bool = False


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
    common_old = [x for x in old_order if x in new_order]
    common_new = [x for x in new_order if x in old_order]
    matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    kept = {common_old[i] for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return set(common_old) - kept


def redline(old: Policy, new: Policy) -> list[SectionDiff]:
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
            blocks = [BlockDiff(b.path, "added", [("insert", b.text)]) for b in after.blocks]
            result.append(SectionDiff(key, after.anchor, after.title, "added", blocks))
            continue
        if after is None:
            blocks = [BlockDiff(b.path, "removed", [("delete", b.text)]) for b in before.blocks]
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
            diffs.append(BlockDiff(path, "added", [("insert", b.text)]))
        elif b is None:
            diffs.append(BlockDiff(path, "removed", [("delete", a.text)]))
        elif a.text == b.text:
            diffs.append(BlockDiff(path, "unchanged", [("equal", a.text)], path in moved_blocks))
        else:
            diffs.append(BlockDiff(path, "changed", word_diff(a.text, b.text), path in moved_blocks))
    title_ops = word_diff(before.title, after.title) if before.title != after.title else []
    changed = bool(title_ops) or any(d.status != "unchanged" or d.moved for d in diffs)
    status: Literal["changed", "unchanged"] = "changed" if changed else "unchanged"
    return SectionDiff(after.key, after.anchor, after.title, status, diffs, moved, title_ops)


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    """The new order, with each removed item inserted after the item it followed in the old order."""
    order = list(new)
    for index, item in enumerate(old):
        if item in order:
            continue
        previous = next((old[i] for i in range(index - 1, -1, -1) if old[i] in order), None)
        order.insert(order.index(previous) + 1 if previous is not None else 0, item)
    return order
