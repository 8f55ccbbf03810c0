"""`policydocs diff`'s outputs: a comparison of two versions as terminal text, Markdown, HTML or JSON."""

from __future__ import annotations

import html
from typing import Any

import markdown

from ..i18n.tags import tag
from ..policy.document import plain
from ..site.pages import changes_markdown, release_view
from ..site.render import Renderer, renderer_for
from ..site.theme import standalone_stylesheet
from ..versions.comparison import Comparison
from ..versions.redline import Op, compared_again, tokens
from ..versions.summary import Change
from ..words import long_date
from ..workspace import Workspace

RED, GREEN, RESET = "\033[31m", "\033[32m", "\033[0m"


def renderer(workspace: Workspace, comparison: Comparison, output: str) -> Renderer:
    # Page text from today's catalog: the same words as the changes page.
    translator = workspace.translator(comparison.locale, strict=False, policy=comparison.new.policy)
    return renderer_for(workspace, translator, output=output, strict=False)  # type: ignore[arg-type]


def sentences(workspace: Workspace, comparison: Comparison, items: list[Change] | None = None) -> list[str]:
    """The summary as plain sentences, one per item."""
    text = renderer(workspace, comparison, "text").render(
        "summary.md.j2", items=comparison.items if items is None else items
    )
    return [line.removeprefix("- ") for line in text.splitlines() if line.strip()]


def _ops_text(ops: list[Op], colour: bool) -> str:
    """The words a reader reads (marks removed), compared again without their marks: a mark the change cut in two
    is never printed."""
    out = []
    for kind, words in compared_again(ops, lambda text: tokens(plain(text)), key=str):
        text = "".join(words)
        if kind == "equal":
            out.append(text)
        elif colour:
            out.append(f"{RED if kind == 'delete' else GREEN}{text}{RESET}")
        else:
            out.append(f"[-{text.rstrip()}-] " if kind == "delete" else f"{{+{text.rstrip()}+}} ")
    return "".join(out).rstrip()


def as_text(workspace: Workspace, comparison: Comparison, *, colour: bool) -> str:
    """For a terminal: the summary, then each changed section with [-deleted-] and {+inserted+} words."""
    old, new = comparison.old.effective_date, comparison.new.effective_date
    lines = [f"{old} → {new} ({comparison.locale})", ""]
    lines += [f"- {sentence}" for sentence in sentences(workspace, comparison)]
    unchanged = 0
    for section in comparison.sections:
        if not section.changed:
            unchanged += 1
            continue
        status = f" ({section.status})" if section.status in ("added", "removed") else ""
        lines += ["", f"## {_ops_text(section.title_ops, colour) if section.title_ops else section.title}{status}"]
        for block in section.blocks:
            if block.status == "unchanged" and not block.moved:
                continue
            note = " (moved)" if block.moved else ""
            lines.append(f"  {_ops_text(block.ops, colour)}{note}")
    if unchanged:
        lines += ["", f"({unchanged} section{'s' if unchanged != 1 else ''} unchanged)"]
    return "\n".join(lines) + "\n"


def as_markdown(workspace: Workspace, comparison: Comparison, links: dict[str, str]) -> str:
    """The changes page's Markdown, with the given links to the two versions and the history."""
    return changes_markdown(
        renderer(workspace, comparison, "markdown"),
        comparison,
        "changes",
        release_view(comparison.old, comparison.locale),
        release_view(comparison.new, comparison.locale),
        links,
    )


def as_html(workspace: Workspace, comparison: Comparison, links: dict[str, str]) -> str:
    """A standalone HTML document of the changes page (the styles inlined)."""
    body = markdown.markdown(
        as_markdown(workspace, comparison, links), extensions=["attr_list", "admonition", "toc", "tables", "sane_lists"]
    )
    style = standalone_stylesheet()
    old, new = (long_date(v.effective_date, comparison.locale) for v in (comparison.old, comparison.new))
    title = html.escape(f"{old} → {new}")
    return (
        f'<!doctype html>\n<html lang="{html.escape(tag(comparison.locale))}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{style}</style>\n</head>\n"
        f'<body class="md-typeset">\n<main>\n{body}\n</main>\n</body>\n</html>\n'
    )


def as_data(workspace: Workspace, comparison: Comparison) -> dict[str, Any]:
    """Everything, for programs: the summary items with their sentence, and the redline's runs."""
    texts = [sentences(workspace, comparison, [item])[0] for item in comparison.items]
    return {
        "old": comparison.old.effective_date.isoformat(),
        "new": comparison.new.effective_date.isoformat(),
        "locale": comparison.locale,
        "material": comparison.material,
        "summary": [
            {
                "kind": item.kind,
                "material": item.material,
                "anchor": item.anchor,
                "values": {k: v if isinstance(v, str | bool | None) else list(v) for k, v in item.values.items()},
                "text": text,
            }
            for item, text in zip(comparison.items, texts, strict=True)
        ],
        "sections": [
            {
                "key": s.key,
                "anchor": s.anchor,
                "title": s.title,
                "status": s.status,
                "moved": s.moved,
                "blocks": [
                    {"path": b.path, "status": b.status, "moved": b.moved, "ops": [list(op) for op in b.ops]}
                    for b in s.blocks
                ],
            }
            for s in comparison.sections
        ],
    }
