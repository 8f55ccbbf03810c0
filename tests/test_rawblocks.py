"""A page converted with its raw HTML blocks set aside (engine/rawblocks.py) is the page MkDocs converts, byte for byte.

Each page is converted twice, by MkDocs's own ``Page.render`` and by ``rawblocks.render``, and every field the
conversion sets is compared: the HTML, the table of contents, the title, the anchors and the links to anchors.
The pages: every page of the example and of a generated history (exported as plain MkDocs projects), and Markdown
written to sit on each edge of what the setting aside reasons about. Each test also says how many blocks were set
aside, so a fast path that silently fell back to the ordinary conversion everywhere would fail it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from policydocs.engine import rawblocks

from .conftest import benchmark, run


def fields(page: Page) -> tuple[object, ...]:
    links = {target.src_uri: dict(anchors) for target, anchors in (page.links_to_anchors or {}).items()}
    return (page.content, str(page.toc), page._title_from_render, page.present_anchor_ids, links)


def both_ways(config_file: Path) -> dict[str, int]:
    """Convert every page of a MkDocs project both ways, assert the same fields; the blocks set aside per page."""
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    files = get_files(config)
    aside: dict[str, int] = {}
    for file in files.documentation_pages():
        ordinary, fast = Page(None, file, config), Page(None, file, config)
        ordinary.read_source(config)
        fast.read_source(config)
        ordinary.render(config, files)
        aside[file.src_uri] = rawblocks.render(fast, config, files)
        assert fields(fast) == fields(ordinary), file.src_uri
    return aside


def exported(project: Path, into: Path) -> list[Path]:
    result = run(project, "export", str(into))
    assert result.returncode == 0, result.stderr
    return sorted(into.glob("mkdocs.*.yml"))


def test_every_page_of_the_example_and_of_a_history_converts_as_mkdocs_converts_it(
    example: Path, tmp_path: Path
) -> None:
    generate = benchmark("generate.py", "generate")
    history = generate.generate(tmp_path / "history", 8, 2, 6)
    for project in (example, history):
        configs = exported(project, tmp_path / f"{project.name}-export")
        assert len(configs) == 2
        for config in configs:
            aside = both_ways(config)
            compares = [name for name in aside if name.endswith("compare/index.md")]
            assert compares, config
            # every compare page has its redline and picture set aside
            assert all(aside[name] >= 2 for name in compares), {name: aside[name] for name in compares}


EDGES = {
    # name: (Markdown, blocks set aside)
    "one block": ('<div class="r" id="a"><p>one &amp; two &#39;x&#x27;</p><br><hr></div>\n', 1),
    "text after the end tag": ("<div>a</div> tail\n\nmore\n", 0),
    "nested elements of one name": ('<div><div id="in">a</div><p>b</p></div>\n\n<div>c</div>\n', 2),
    "a paragraph left open": ("<div><p>a</div>\n", 1),
    "an end tag never opened": ("<div>a</span></div>\n", 1),
    "never closed": ("<div>a\n\nstill\n", 0),
    "closed on a later line": ('<figure>\n<svg viewBox="0 0 1 1"><g><rect x="1"/>\n\n</g></svg>\n</figure>\n', 1),
    "right after a paragraph": ("Some text\n<div>a</div>\nafter\n", 1),
    "two blocks, no blank line": ("<div>a</div>\n<details><summary>s</summary>b</details>\n", 2),
    "inside a list": ("- item\n<div>a</div>\n- next\n", 1),
    "capital letters": ('<DIV ID="Up">a</DIV>\n\n[to](#Up)\n', 1),
    "anchors: id without value, empty id, a name": (
        '<div id><a name="n&amp;m">x</a><span id="">y</span><p name="not">z</p></div>\n',
        1,
    ),
    "a greater-than sign in a value": ('<div title="a>b">x</div>\n', 1),
    "an inline element on its own line": ("<span>a</span>\n", 0),
    "a self-closed block": ('<div class="x"/>\n', 0),
    "indented": ("   <div>a</div>\n", 0),
    "an autolink beside a block": ("Write to <mailto:someone@example.org>.\n\n<div>a</div>\n", 1),
    "a comment elsewhere": ("<!-- note -->\n\n<div>a</div>\n", 0),
    "a script": ("<script>var a = '<div>';</script>\n\n<div>a</div>\n", 0),
    "a style in the block": ("<div><style>p{}</style></div>\n", 0),
    "a tag the strict form does not read": ("<div data-x='1'>a</div>\n", 0),
    "an unfinished tag before": ('<a href="x\n\n<div>a</div>\n', 0),
    "the stand-in's own attribute": (f'<div {rawblocks.STAND_IN}="0">a</div>\n', 0),
    "a link to an anchor of a block": ('[see](#far)\n\n<div><p id="far">x</p></div>\n', 1),
    "headings in and out of a block": ('# Title\n\n<div><h2 id="h">in</h2></div>\n\n## Out\n', 1),
    "an ampersand alone": ("<div>a & b</div>\n", 1),
    "a reference without its semicolon": ("<div>a &copy b</div>\n", 0),
    "a reference left unfinished before": ("AT&#z\n\n<div>a</div>\n", 0),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_an_edge_of_the_strict_form_converts_as_mkdocs_converts_it(name: str, tmp_path: Path) -> None:
    markdown, expected = EDGES[name]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(markdown, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n[back](index.md#far)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Edges\nmarkdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n  - toc:\n"
        "      permalink: true\n",
        encoding="utf-8",
    )
    aside = both_ways(tmp_path / "mkdocs.yml")
    assert aside["index.md"] == expected


def test_an_extension_that_parses_raw_html_its_own_way_keeps_the_ordinary_conversion(tmp_path: Path) -> None:
    """md_in_html replaces Python-Markdown's parse of raw blocks: nothing is set aside, the page is the same."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('<div markdown="1">*a*</div>\n\n<div>b</div>\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Edges\nmarkdown_extensions:\n  - md_in_html\n", encoding="utf-8")
    assert both_ways(tmp_path / "mkdocs.yml") == {"index.md": 0}


def test_a_build_that_sets_blocks_aside_is_the_build_without_the_cache(example: Path, tmp_path: Path) -> None:
    """The build converts through the cache (and so sets blocks aside); without the cache MkDocs converts each
    page itself. The two sites are the same bytes."""
    for name, env in (("fast", {}), ("ordinary", {"POLICYDOCS_CACHE": "off"})):
        result = run(example, "build", "--site-dir", str(tmp_path / name), env=env)
        assert result.returncode == 0, result.stderr
        shutil.rmtree(example / ".cache", ignore_errors=True)
    fast, ordinary = tmp_path / "fast", tmp_path / "ordinary"
    names = sorted(p.relative_to(fast).as_posix() for p in fast.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(ordinary).as_posix() for p in ordinary.rglob("*") if p.is_file())
    assert [n for n in names if (fast / n).read_bytes() != (ordinary / n).read_bytes()] == []
    assert any("compare" in n for n in names)
