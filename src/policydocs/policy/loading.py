"""Read a policy file of any format as a v2 Policy: format 2 as it is, format 1 converted in memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import model, source
from .format1 import convert, read
from .model import Policy
from .source import Node


def build(tree: Node, file: str, problems: list) -> Policy:  # type: ignore[type-arg]
    """A parsed policy file as a v2 Policy; a format-1 file is validated by its own model, then converted."""
    if model.is_v2(tree):
        return model.build(tree, file, problems)
    return convert.convert(read.build(tree, file, problems))[0]


def load(path: Path, display: str | None = None, read: Callable[[Path], bytes] = Path.read_bytes) -> Policy:
    """Read, parse and validate a policy file of either format (its bytes as ``read`` reads them)."""
    file = display or str(path)
    tree, problems = source.read(path, file, read)
    return build(tree, file, problems)


def loads(text: str, file: str = "data/policy.yml") -> Policy:
    """Parse and validate policy YAML of either format given as text."""
    tree, problems = source.parse(text, file)
    return build(tree, file, problems)
