"""A policy's own formatting: strong and emphasis, line breaks, paragraphs in a list item, a list's first number,
rules, links to the site's own pages; adjacent lists kept apart; Markdown the format does not take refused."""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from policydocs.errors import DataError
from policydocs.policy import document, loading, model
from policydocs.site.document import LIST_BREAK, render

from .conftest import run

FORMATTED = """\
  - id: formatting
    title: How we write
    blocks:
      - id: strong
        paragraph: "We keep **billing records** for *ten years*, ***no longer***.\\nThis is a second line."
      - id: steps
        ordered: true
        start: 3
        list:
          - id: write
            text: "Write to us.\\n\\nSay which account you mean."
          - id: wait
            text: Wait for our answer.
      - id: after
        list:
          - id: page
            text: Our [cookie page](/cookies) and the [archive](http://archive.example.org/policy).
          - id: more
            text: Nothing else.
      - id: see
        paragraph: See [the first paragraph](#formatting.strong) and [the steps](#formatting.steps).
      - id: line
        rule: true
      - id: cells
        table:
          columns:
            - {id: what, title: What}
          rows:
            - id: one
              cells:
                what: "Name\\nand email"
    sections:
      - id: more
        title: Further words
        blocks:
          - id: end
            paragraph: That is all.
"""


def formatted(text: str) -> str:
    """The starter's English policy with the formatting section after its sections."""
    return text.replace("\n# What the tools read", FORMATTED + "\n# What the tools read", 1)


def new_site(tmp_path: Path) -> Path:
    result = run(tmp_path, "new", "site", "--source-locale", "en", env={"SOURCE_DATE_EPOCH": "1795737600"})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    data = site / "data" / "policy.yml"
    data.write_text(formatted(data.read_text(encoding="utf-8")), encoding="utf-8")
    return site


def released(site: Path) -> Path:
    result = run(site, "release", env={"SOURCE_DATE_EPOCH": "1795737600"}, clock="2026-11-27")
    assert result.returncode == 0, result.stderr
    return site


def policy_of(site: Path) -> model.Policy:
    return loading.load(site / "data" / "policy.yml")


def test_inline_marks_are_read_as_the_source_has_them() -> None:
    assert document.spans("a **b** c") == [("text", "a ", ""), ("strong", "b", ""), ("text", " c", "")]
    assert document.spans("***x***") == [("strong", "*x*", "")]
    assert document.spans("one\ntwo") == [("text", "one", ""), ("break", "\n", ""), ("text", "two", "")]
    assert [k for k, _, _ in document.spans("one\n\ntwo")] == ["text", "paragraph", "text"]
    assert document.spans("5 * 3 * 2") == [("text", "5 * 3 * 2", "")]  # no emphasis around spaces
    assert document.plain("**a [b](https://x.example)** c\nd") == "a b c d"


def test_the_markdown_keeps_the_structure(tmp_path: Path) -> None:
    policy = policy_of(new_site(tmp_path))
    page = render(policy, {}, "en", "https://www.example.org/privacy/")
    assert "We keep **billing records** for *ten years*, ***no longer***.  \nThis is a second line." in page
    assert "3. Write to us.\n\n    Say which account you mean.\n\n4. Wait for our answer." in page
    assert "archive.example.org/policy>).\n- Nothing else." in page  # a list without paragraphs stays tight
    # The numbered list and the bulleted list after it are two lists in the Markdown, not one.
    assert f"4. Wait for our answer.\n\n{LIST_BREAK}\n\n- Our [cookie page]" in page
    assert "[cookie page](<https://www.example.org/cookies>)" in page
    assert "[archive](<http://archive.example.org/policy>)" in page
    assert "\n\n* * *\n\n" in page
    assert "| Name<br>and email |" in page
    html = markdown.markdown(page, extensions=["attr_list", "admonition", "tables", "toc", "sane_lists"])
    outline = Outline.of(html)
    assert ("ol", "3") in outline.lists and ("ul", None) in outline.lists


class Outline(HTMLParser):
    """The lists (tag and start), list items' paragraphs, and strong and emphasised words of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[tuple[str, str | None]] = []
        self.stack: list[str] = []
        self.strong: list[str] = []
        self.emphasis: list[str] = []
        self.item_paragraphs = 0
        self.rules = 0
        self.breaks_in_cells = 0
        self.links: list[str] = []

    @classmethod
    def of(cls, html: str) -> Outline:
        outline = cls()
        outline.feed(html)
        return outline

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("ol", "ul"):
            self.lists.append((tag, attributes.get("start")))
        if tag == "p" and self.stack and self.stack[-1] == "li":
            self.item_paragraphs += 1
        if tag == "hr":
            self.rules += 1
        if tag == "br" and "td" in self.stack:
            self.breaks_in_cells += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "strong" in self.stack and data.strip():
            self.strong.append(data.strip())
        elif "em" in self.stack and data.strip():
            self.emphasis.append(data.strip())


def article(page: Path) -> str:
    """The policy's own part of a built page: from its first heading of the formatting section to the next."""
    html = page.read_text(encoding="utf-8")
    start = html.index('id="formatting"')
    end = html.index("</article>", start) if "</article>" in html[start:] else len(html)
    return html[start:end]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_both_engines_publish_the_formatting(tmp_path: Path, engine: str) -> None:
    site = released(new_site(tmp_path))
    result = run(site, "build", "--date", "2026-11-27", "--engine", engine, "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    outline = Outline.of(article(tmp_path / "out" / "en" / "index.html"))
    assert outline.lists == [("ol", "3"), ("ul", None)]  # two lists, the first numbered from 3
    assert outline.item_paragraphs >= 2  # "Write to us." and its second paragraph
    assert "billing records" in outline.strong and "no longer" in outline.strong
    assert "ten years" in outline.emphasis
    assert outline.rules == 1 and outline.breaks_in_cells == 1
    assert "https://www.example.org/cookies" in outline.links
    assert "http://archive.example.org/policy" in outline.links
    # A paragraph and a list some link points to have their anchors (a paragraph's id, an element before a list).
    assert re.search(r'<p id="formatting\.strong">', article(tmp_path / "out" / "en" / "index.html"))
    assert '<div id="formatting.steps"></div>' in article(tmp_path / "out" / "en" / "index.html")
    text = re.sub(r"<[^>]+>", "", article(tmp_path / "out" / "en" / "index.html"))
    assert "**" not in text and "](" not in text  # no syntax shown
    # The picture's lines are words apart in the search index, as on the page ("de connexion", not "deconnexion").
    page = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<text class="policydocs-flow-[a-z]+"[^>]*>([^<]*)</text>', page)
    assert len(lines) >= 4
    index = tmp_path / "out" / "en" / ("search/search_index.json" if engine == "mkdocs" else "search.json")
    said = " ".join(
        item["text"]
        for item in json.loads(index.read_text(encoding="utf-8"))["docs" if engine == "mkdocs" else "items"]
    )
    assert " ".join(html_unescape(line) for line in lines) in " ".join(said.split()), lines


def test_a_path_of_the_site_needs_the_site_address(tmp_path: Path) -> None:
    site = released(new_site(tmp_path))
    config = site / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(site, "check")
    assert result.returncode == 1
    # Located in the file whose text is rendered: the release of the policy.
    assert re.search(r"data/releases/2026-11-27\.yml:\d+:\d+: .*\"/cookies\".*no site_url", result.stderr)


def test_an_http_link_is_taken_with_a_warning(tmp_path: Path) -> None:
    result = run(released(new_site(tmp_path)), "check")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said  # taken: a warning does not fail the check
    assert re.search(
        r"\n  data/policy\.yml:\d+:\d+: insecure-link: the link to http://archive\.example\.org/policy is not "
        r"encrypted: write https://archive\.example\.org/policy where the host has it",
        said,
    ), said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Some __bold__ words.", 'write **strong** with asterisks, not "__bold__"'),
        ("Some _soft_ words.", 'write *emphasis* with asterisks, not "_soft_"'),
        ("Run `make`.", "code marks"),
        ("See ![map](https://x.example/m.png).", "images"),
        ("~~old~~ new", "strikethrough"),
        ("See [the page][1].", "reference links"),
        ("**never closed", '"**" opens strong text that is never closed'),
        ("[x](javascript:alert(1))", 'got a "javascript:" link'),
        ("[x](//other.example/p)", 'write "https://other.example/p"'),
        ("first\n\nsecond", "a blank line inside a paragraph"),
        ("intro:\n- one\n- two", '"-" starts a line of this text'),
        ("# Our policy", '"#" opens this text as Markdown would open a heading'),
        ("- a single bullet", '"-" opens this text'),
        ("> quoted", '">" opens this text'),
    ],
)
def test_markdown_the_format_does_not_take_is_refused_with_what_to_write(text: str, said: str) -> None:
    with pytest.raises(DataError) as caught:
        model.loads(one_paragraph(text))
    assert said in str(caught.value)
    assert "data/policy.yml:11:" in str(caught.value)  # at the paragraph's line


def one_paragraph(text: str) -> str:
    """A small policy whose one paragraph, on line 11, is ``text``."""
    return f"""format: 2
effective_date: 2026-01-01
source_locale: en
binding_locales: [en]
title: Privacy
sections:
  - id: s
    title: S
    blocks:
      - id: p
        paragraph: {json.dumps(text)}
facts:
  controllers: [{{id: c, name: C, email: privacy@c.example}}]
  rights: {{list: [access]}}
"""


@pytest.mark.parametrize(
    "text", ["Set MAX_AGE_ days in the settings.", "the x__init__ hook", "file_name_here", "5 * 3 * 2 = 30"]
)
def test_underscores_and_asterisks_inside_words_are_words(text: str) -> None:
    """Only marks at a word's edges look like Markdown: an underscore or asterisk inside a name is a character."""
    assert model.loads(one_paragraph(text)).sections[0].blocks[0].paragraph == text


def test_a_title_is_one_line_and_a_cell_one_paragraph() -> None:
    base = """format: 2
effective_date: 2026-01-01
source_locale: en
binding_locales: [en]
title: Privacy
sections:
  - id: s
    title: {title}
    blocks:
      - id: t
        table:
          columns: [{{id: a, title: A}}]
          rows: [{{id: r, cells: {{a: {cell}}}}}]
facts:
  controllers: [{{id: c, name: C, email: privacy@c.example}}]
  rights: {{list: [access]}}
"""
    model.loads(base.format(title="S", cell='"one\\ntwo"'))  # a line break in a cell is kept
    with pytest.raises(DataError, match="a title or a column heading is one line"):
        model.loads(base.format(title='"S\\nT"', cell="x"))
    with pytest.raises(DataError, match="a blank line inside a table cell"):
        model.loads(base.format(title="S", cell='"one\\n\\ntwo"'))


REVISED = (
    ("effective_date: 2026-11-27", "effective_date: 2027-01-15"),
    ("          - id: wait\n            text: Wait for our answer.\n", ""),  # a list item removed
    ('what: "Name\\nand email"', 'what: "Name\\nand postal address"'),  # a table cell changed
    ("        title: Further words\n", "        title: Last words\n"),  # a subsection's heading reworded
    ("for *ten years*, ***no longer***.", "for *six years*, ***no longer***."),
)


def assert_toward_pdf_ua(path: Path) -> None:
    """What PDF/UA-1 asks that a reading of the file can check: the identifier, standard structure types (or
    role-mapped ones), a description on every link, alternative text on every figure; PDF 1.7."""
    import pikepdf

    from policydocs.engine.pdf import _elements

    read = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True)
    assert "wrong type" not in read.stderr, read.stderr  # poppler knows every structure type, through the map
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.7"
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1" and meta.get("dc:title")
        assert pdf.Root.MarkInfo.Marked and pdf.Root.ViewerPreferences.DisplayDocTitle and pdf.Root.Lang == "en"
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        assert links and all(str(a.get("/Contents", "")).strip() for a in links)
        elements = _elements(pdf.Root.StructTreeRoot)
        figures = [e for e in elements if e.S == "/Figure"]
        assert figures and all(str(e.get("/Alt", "")).strip() for e in figures)
        assert {str(e.S) for e in elements} & {"/Strong", "/Em"} <= set(
            map(str, pdf.Root.StructTreeRoot.RoleMap.keys())
        )


def enclosing(structure: str, text: str) -> list[str]:
    """The structure elements around a text in poppler's indented print of a tagged PDF's structure tree."""
    lines = structure.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == text)
    depth = len(lines[at]) - len(lines[at].lstrip())
    found = []
    for line in reversed(lines[:at]):
        indent = len(line) - len(line.lstrip())
        if line.strip() and indent < depth:
            found.append(line.split()[0].rstrip(":"))
            depth = indent
    return found


def test_the_redline_keeps_lists_tables_headings_and_marks(tmp_path: Path) -> None:
    site = released(new_site(tmp_path))
    data = site / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    for old, new in REVISED:
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"(?m)^change_note:.*$", "change_note: Shorter keeping of billing records.", text)
    data.write_text(text, encoding="utf-8")
    done = run(site, "release", "--class", "material", env={"SOURCE_DATE_EPOCH": "1795737600"}, clock="2026-11-27")
    assert done.returncode == 0, done.stderr
    built = run(site, "build", "--date", "2026-11-27", "--pdf", "--site-dir", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    changes = tmp_path / "out" / "en" / "versions" / "2027-01-15" / "changes"
    page = (changes / "index.html").read_text(encoding="utf-8")
    assert 'href="changes.pdf"' in page  # the changes page links its PDF
    # The PDF keeps the shape: its tagged structure holds the list with the removed item, the table with the
    # changed cell (poppler reads the structure of a tagged PDF).
    structure = subprocess.run(
        ["pdfinfo", "-struct-text", str(changes / "changes.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert {"L", "LI"} <= set(enclosing(structure, '"Wait for our answer."'))
    assert {"Table", "TR", "TD"} <= set(enclosing(structure, '"postal address"'))
    text = subprocess.run(["pdftotext", str(changes / "changes.pdf"), "-"], capture_output=True, text=True).stdout
    assert "(removed)" in text and "Wait for our answer." in text and "**" not in text
    for printed in (changes / "changes.pdf", changes.parent / "policy.pdf"):
        assert_toward_pdf_ua(printed)

    standalone = run(site, "diff", "2026-11-27", "2027-01-15", "--format", "html", "--lang", "en").stdout
    for html in (page, standalone):
        redline = html[html.index('id="changes-formatting"') :]
        redline = redline[: redline.index("</div>")]
        # The list is a list, numbered from 3, its removed item an item marked removed, in place.
        assert '<ol start="3"><li id="redline-formatting.steps.write">' in redline
        assert re.search(r'<li id="redline-formatting\.steps\.wait" class="policydocs-removed"><del[^>]*>', redline)
        # The table is a table; the changed cell is marked and anchored, its words deleted and inserted.
        cell = re.search(
            r'<td id="redline-formatting\.cells\.one\.what" class="policydocs-changed">(.*?)</td>', redline
        )
        assert cell is not None, redline
        assert "<del" in cell[1] and "email" in cell[1] and "<ins" in cell[1] and "postal address" in cell[1]
        assert "<br>" in cell[1]  # its line break
        # Inline marks are rendered, never printed.
        assert "<strong><em>no longer</em></strong>" in redline and "**" not in redline
        assert "<em>" in redline and "six" in redline
        # A subsection's heading is a heading, one level under its section's.
        assert re.search(r'<h4 id="redline-more\.title"><del[^>]*>.*Further.*</del><ins[^>]*>.*Last', redline)
        # Every change is anchored: a summary item can link to it.
        assert 'id="redline-formatting.strong"' in redline
    text_diff = run(site, "diff", "2026-11-27", "2027-01-15", "--lang", "en", "--colour", "never").stdout
    assert "**" not in text_diff and "postal address" in text_diff


@pytest.mark.parametrize(
    ("setting", "line"), [("day", "Last modified: 27 November 2026."), ("month", "Last modified: November 2026.")]
)
def test_the_last_line_gives_the_date_as_precisely_as_the_policy_says(tmp_path: Path, setting: str, line: str) -> None:
    page = re.sub(r"<[^>]+>", "", built_with_last_line(tmp_path, setting))
    assert line in page and page.count("Last modified") == 1


def built_with_last_line(tmp_path: Path, setting: str) -> str:
    """The page of the formatted site with ``last_modified: <setting>``, released and built."""
    site = new_site(tmp_path)
    data = site / "data" / "policy.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("title: ", f"last_modified: {setting}\ntitle: ", 1), encoding="utf-8"
    )
    released(site)
    assert run(site, "build", "--date", "2026-11-27", "--site-dir", str(tmp_path / "out")).returncode == 0
    return (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_policy_that_states_its_date_can_leave_out_the_last_line(tmp_path: Path) -> None:
    assert "Last modified" not in built_with_last_line(tmp_path, "hidden")
