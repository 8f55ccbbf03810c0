"""Raw HTML blocks set aside whole: a page converted without its large HTML blocks parsed twice, byte for byte.

To convert a page, Python-Markdown parses its Markdown as HTML to find the
raw HTML blocks (its ``html_block`` step) and MkDocs parses it once more to
find the anchors they hold (``mkdocs_raw_html``). A compare page is mostly
raw HTML, its redline and its picture, and these two parses are most of
what converting it costs (two thirds of a long history's cold build in
MkDocs). So, where every tag of a page has the strict form below, each raw
block that fills whole lines is swapped, before the two parses, for a
stand-in: the same element, empty. Both parsers treat the stand-in as they
would the block: one element of the same name that opens at the start of a
line and closes at the end of one, with nothing around it changed. After
them, the stand-in's entry in Python-Markdown's stash of raw HTML is swapped
back for the block, and the anchors the block holds are read from its tags.

The page's HTML, table of contents, title, anchors and links are then
what ``Page.render`` gives, byte for byte (tests/test_rawblocks.py
converts each page both ways). A page is converted the ordinary way when
anything is outside what this reasons about: a tag it does not read
strictly, a comment or declaration (``<!``, ``<?``), an element whose
content is not markup (``script``, ``style`` and the like), another
extension's step between the two parses, a stand-in not found whole in the
stash, or versions of MkDocs and Python-Markdown it was not checked with.
"""

from __future__ import annotations

import html
import logging
import re
from typing import TYPE_CHECKING

from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

CHECKED_WITH = {"mkdocs": ("1.6.",), "markdown": ("3.11.",)}
"""The versions whose conversion this was checked against (version prefixes); with any other, pages are
converted the ordinary way."""

_SPACE = "[ \t\n]"
_TOKEN = re.compile(
    r"<(?P<start>[a-zA-Z][^\t\n\r\f />\x00`<>\"'=&]*)"
    rf"(?P<attrs>(?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*){_SPACE}*(?P<closed>/?)>"
    r"|</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)>"
    r"|(?P<reference>&(?:[a-zA-Z][-.a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)"
    r"|(?P<other><[a-zA-Z/!?]|&[a-zA-Z#])"
)
"""A tag of the strict form: a start tag (its name as an HTML parser reads it, so ``<mailto:…>`` is one) whose
attributes each have a double-quoted value or none, separated by spaces; an end tag with nothing but its name; a
character reference ended by its semicolon. ``other``: any other
``<`` that an HTML parser reads as markup, or ``&`` it reads as a reference (it would add the semicolon, or stop
parsing at one left unfinished), which makes the page one to convert the ordinary way."""

_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")
_MAY_ANCHOR = re.compile(r"(?i)id|name")
"""Attributes that may hold an anchor (most tags have none: their attributes are not read one by one)."""

NOT_MARKUP = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
"""Elements whose content an HTML parser reads as text, or may in some Python version."""

STAND_IN = "data-policydocs-stand-in"


class _Undo(Exception):
    """The stash is not as the stand-ins promised: the page is converted the ordinary way."""


def _anchors(tag: str, attrs: str) -> set[str | None]:
    """The anchors a start tag gives MkDocs: its id, an ``a``'s name; a value unescaped, None for an attribute
    without one, as its HTML parser reads them."""
    found: set[str | None] = set()
    if not attrs or not _MAY_ANCHOR.search(attrs):
        return found
    for match in _ATTRIBUTE.finditer(attrs):
        name, value = match[1].lower(), match[2]
        if name == "id" or (name == "name" and tag == "a"):
            found.add(html.unescape(value) if value else value)
    return found


def blocks(text: str, md: Markdown) -> list[tuple[int, int, str, set[str | None]]] | None:
    """The raw blocks of ``text`` that fill whole lines: (start, end, element, anchors). None: some tag of the
    text is not of the strict form, so none is set aside."""
    if STAND_IN in text:
        return None
    found: list[tuple[int, int, str, set[str | None]]] = []
    stack: list[str] = []  # the open elements of the block being read, as Python-Markdown keeps them
    start, outer, anchors = 0, "", set()
    for match in _TOKEN.finditer(text):
        if match["other"] is not None:
            return None
        if match["reference"] is not None:
            continue
        tag = match["start"]
        if tag is not None:
            tag = tag.lower()
            if tag in NOT_MARKUP:
                return None
            if stack:
                anchors |= _anchors(tag, match["attrs"])
                if not match["closed"] and tag != "hr":
                    stack.append(tag)
            elif (
                not match["closed"]
                and tag != "hr"
                and md.is_block_level(tag)
                and (match.start() == 0 or text[match.start() - 1] == "\n")
            ):
                start, outer, anchors, stack = match.start(), tag, _anchors(tag, match["attrs"]), [tag]
            continue
        end = match["end"].lower()
        if end in stack:
            while stack.pop() != end:
                pass
            if not stack and (match.end() == len(text) or text[match.end()] == "\n"):
                found.append((start, match.end(), outer, anchors))
    return found


def _stand_in(element: str, index: int) -> str:
    return f'<{element} {STAND_IN}="{index}"></{element}>'


class _Aside(Preprocessor):
    """Before the two parses: each block swapped for its stand-in."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.blocks: list[str] = []
        self.anchors: set[str | None] = set()
        self.stand_ins: dict[str, int] = {}
        """Each stand-in's text, with the index of the block it stands for."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        found = blocks(text, self.md)
        if not found:
            return lines
        parts: list[str] = []
        at = 0
        for index, (start, end, element, anchors) in enumerate(found):
            stand_in = _stand_in(element, index)
            parts += (text[at:start], stand_in)
            self.stand_ins[stand_in] = index
            self.blocks.append(text[start:end])
            self.anchors |= anchors
            at = end
        parts.append(text[at:])
        return "".join(parts).split("\n")


class _Restore(Preprocessor):
    """After the two parses: each stand-in's entry in the stash swapped back for its block."""

    def __init__(self, md: Markdown, aside: _Aside) -> None:
        super().__init__(md)
        self.aside = aside

    def run(self, lines: list[str]) -> list[str]:
        if not self.aside.blocks:
            return lines
        stash = self.md.htmlStash.rawHtmlBlocks
        restored = 0
        for position, entry in enumerate(stash):
            if not isinstance(entry, str) or STAND_IN not in entry:
                continue
            body, newline = (entry[:-1], "\n") if entry.endswith("\n") else (entry, "")
            index = self.aside.stand_ins.get(body)
            if index is None:
                raise _Undo  # a stand-in inside a larger block: the parse did not see it as one of its own
            stash[position] = self.aside.blocks[index] + newline
            restored += 1
        if restored != len(self.aside.blocks) or any(STAND_IN in line for line in lines):
            raise _Undo
        return lines


def _checked(md: Markdown) -> bool:
    """Whether the steps around the two parses are MkDocs's and Python-Markdown's own, and nothing else's."""
    steps = sorted(md.preprocessors._priority, key=lambda item: item.priority, reverse=True)
    between = [item.name for item in steps if 19.5 <= item.priority <= 21.5]
    return (
        between == ["mkdocs_raw_html", "html_block"] and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor
    )


def _versions_checked() -> bool:
    import markdown
    import mkdocs

    return mkdocs.__version__.startswith(CHECKED_WITH["mkdocs"]) and markdown.__version__.startswith(
        CHECKED_WITH["markdown"]
    )


def render(page: Page, config: MkDocsConfig, files: Files) -> int:
    """``page.render(config, files)``: MkDocs's own steps, with the page's raw blocks set aside (above). How many
    blocks were set aside (0: the page was converted the ordinary way)."""
    import markdown
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    if page.markdown is None or not _versions_checked():
        pages.Page.render(page, config, files)
        return 0
    # What Page.render does (MkDocs 1.6), with the two steps of this module around the parses.
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    raw_html_ext = pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    if not _checked(md):
        pages.Page.render(page, config, files)
        return 0
    aside = _Aside(md)
    md.preprocessors.register(aside, "policydocs_aside", 21.5)
    md.preprocessors.register(_Restore(md, aside), "policydocs_restore", 19.5)
    try:
        content = md.convert(page.markdown)
    except _Undo:
        pages.Page.render(page, config, files)
        return 0
    page.content = content
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = (
        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids | aside.anchors  # type: ignore[operator]
    )
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
    return len(aside.blocks)
