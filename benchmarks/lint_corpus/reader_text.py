"""A corpus policy as its reader sees it, in plain text, each block marked with its id (for the reviewers).

    python benchmarks/lint_corpus/reader_text.py tests/data/lint-lawyer/NAME.yml > NAME.txt

The text is the policy's page in its source language: every section title,
every block, and the generated tables (purposes, retention, recipients,
cookies, rights) as the page renders them. Each block starts with its id in
brackets, ``[section.block]`` (a list item ``[section.block.item]``), so a
reviewer can say where a gap or a correct point is. Facts no block states are
not shown, as on the page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from policydocs.i18n.catalog import Translator
from policydocs.policy import document, loading
from policydocs.policy.document import Generated, ItemList, TableBlock
from policydocs.site import document as page
from policydocs.site.markup import Markdown
from policydocs.site.render import Renderer

PACKAGE_TEMPLATES = Path(page.__file__).resolve().parent.parent / "templates"


def words(locale: str, source_locale: str) -> dict[str, Any]:
    """The generated tables' words in ``locale``, taken from the page template itself (not a copy)."""
    source = (PACKAGE_TEMPLATES / "policy.md.j2").read_text(encoding="utf-8")
    start = source.index('{% from "words.j2"')
    end = source.index('{% include "layers.md.j2" %}')
    captured: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "words-only.j2").write_text(source[start:end] + "{{ capture(words) }}", encoding="utf-8")
        renderer = Renderer([Path(folder), PACKAGE_TEMPLATES], Translator(locale, source_locale), strict=False)
        renderer.env.globals["capture"] = lambda value: captured.update(value) or ""
        renderer.render("words-only.j2")
    return captured


def reader_text(path: Path) -> str:
    policy = loading.load(path, path.name)
    locale = policy.source_locale
    table_words = words(locale, locale)
    out = [f"# {policy.title}", ""]
    current: tuple[str, ...] = ()
    for place in document.blocks(policy.preamble, policy.sections):
        parts = tuple(place.context.split(".")[:-1])
        if parts != current and not place.yaml_path.startswith("preamble."):
            for depth in range(len(parts)):
                if current[: depth + 1] != parts[: depth + 1]:
                    section = _section(policy, parts[: depth + 1])
                    title = plain(section.title or section.title_from)
                    out += ["", f"{'#' * (depth + 2)} {title} [{'.'.join(parts[: depth + 1])}]", ""]
            current = parts
        block = place.value
        if isinstance(block, Generated):
            out.append(f"[{place.context}] (table)")
            out.append(plain(page._generated(block, policy, table_words, locale)))
        elif isinstance(block, ItemList):
            for context, _, item, _ in document.items(block, place.context, place.yaml_path):
                depth = context.count(".") - place.context.count(".") - 1
                out.append(f"{'  ' * depth}- [{context}] {plain(item.text)}")
        elif isinstance(block, TableBlock):
            out.append(f"[{place.context}] (table)")
            out.append(" | ".join(plain(c.title) for c in block.table.columns))
            for row in block.table.rows:
                out.append(
                    f"[{place.context}.{row.id}] "
                    + " | ".join(plain(row.cells.get(c.id, "")) for c in block.table.columns)
                )
        else:
            for context, text, _ in document.block_texts(block, place.context, place.yaml_path):
                out.append(f"[{context}] {plain(text)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _section(policy: Any, ids: tuple[str, ...]) -> Any:
    """The section an id path names (its last id, searched at any depth)."""

    def walk(sections: Any) -> Any:
        for section in sections:
            if section.id == ids[-1]:
                return section
            found = walk(section.sections)
            if found is not None:
                return found
        return None

    return walk(policy.sections)


def plain(value: Any) -> str:
    text = str(value)
    return document.plain(text) if not isinstance(value, Markdown) else text.replace("\\", "")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sys.stdout.write(reader_text(Path(name)))
