"""`policydocs import`: an existing policy, in Markdown or HTML, becomes data/policy.yml and then the site's page,
every sentence word for word under its own heading, lists as lists, tables as tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import markdown
import pytest
import yaml

from policydocs.policy import v2

from .conftest import ROOT, run

SOURCES = ROOT / "tests" / "data" / "import"
TODAY = "2026-11-27"
EPOCH = {"SOURCE_DATE_EPOCH": "1795737600"}


class Reading(HTMLParser):
    """What a reader meets in a page's policy: ``(heading, kind, text)`` for each paragraph, list item (its own
    words, before a nested list), table cell and quotation, under the nearest heading; and the lists and tables."""

    KINDS: ClassVar[dict[str, str]] = {"p": "p", "li": "li", "td": "cell", "th": "cell"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.heading = ""
        self.in_heading = False
        self.found: list[tuple[str, str, str]] = []
        self.open: list[tuple[str, list[str]]] = []
        self.lists: list[tuple[str, int]] = []  # (tag, depth) of each list
        self.depth = 0
        self.cells = 0
        self.skip = 0
        self.skipped = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if self.skip:  # inside what the reader does not read as the policy: count its own tag's depth
            self.skip += tag == self.skipped
            return
        if tag in ("nav", "footer", "script", "style", "svg") or any(
            name in classes for name in ("policydocs-layer", "headerlink")
        ):
            self.skip, self.skipped = 1, tag
            return
        if tag == "p" and self.open and self.open[-1][0] == "li":
            return  # an item's paragraph is the item's text
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_heading, self.heading = True, ""
        if tag in ("ul", "ol"):
            self.depth += 1
            self.lists.append((tag, self.depth))
            self._close_text("li")  # an item's own words end where its nested list starts
        if tag in ("td", "th"):
            self.cells += 1
        if tag in self.KINDS:
            self.open.append((tag, []))
        if tag == "br" and self.open:
            self.open[-1][1].append(" ")

    def _close_text(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                self._emit(tag, self.open[index][1])
                self.open[index] = (f"done-{tag}", [])
                return

    def _emit(self, tag: str, words: list[str]) -> None:
        text = " ".join("".join(words).split())
        if text:
            self.found.append((self.heading, self.KINDS[tag], text))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag == self.skipped
            return
        if tag == "p" and self.open and self.open[-1][0] == "li":
            self.open[-1][1].append(" ")
            return
        if tag in ("ul", "ol"):
            self.depth -= 1
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_heading = False
            self.heading = " ".join(self.heading.split())
        for index in range(len(self.open) - 1, -1, -1):
            name = self.open[index][0]
            if name in (tag, f"done-{tag}"):
                opened, words = self.open.pop(index)
                if not opened.startswith("done-"):
                    self._emit(tag, words)
                return

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_heading:
            self.heading += data
        for name, words in reversed(self.open):
            if not name.startswith("done-"):
                words.append(data)
                break

    @classmethod
    def of(cls, html: str) -> Reading:
        reading = cls()
        reading.feed(html)
        return reading


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;:!?])\s+", text) if s.strip()]


def source_reading(path: Path) -> Reading:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = markdown.markdown(text, extensions=["tables", "sane_lists", "attr_list"])
    return Reading.of(text)


def page_reading(page: Path) -> Reading:
    html = page.read_text(encoding="utf-8")
    start = html.index("<article")
    return Reading.of(html[start : html.index("</article>", start)])


def score(source: Reading, page: Reading) -> tuple[int, int, list[str]]:
    """Sentences of the source found word for word, in a block of the same kind under the same heading."""
    at = {
        (heading, kind): " ¶ ".join(t for h, k, t in page.found if (h, k) == (heading, kind))
        for heading, kind, _ in page.found
    }
    total, found, missing = 0, 0, []
    for heading, kind, text in source.found:
        for sentence in sentences(text):
            total += 1
            if sentence in at.get((heading, kind), ""):
                found += 1
            else:
                missing.append(f"{heading} / {kind}: {sentence}")
    return found, total, missing


def imported_site(tmp_path: Path, source: Path, locale: str) -> Path:
    result = run(tmp_path, "new", "site", "--source-locale", locale, env=EPOCH)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    result = run(site, "import", str(source), "--replace", "--organisation", "Example Org")
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize(("name", "locale"), [("harbour-light.md", "en"), ("atelier-lumen.html", "fr")])
def test_an_imported_policy_builds_word_for_word_in_its_outline(tmp_path: Path, name: str, locale: str) -> None:
    source = SOURCES / name
    site = imported_site(tmp_path, source, locale)
    policy = v2.load(site / "data" / "policy.yml")
    assert policy.source_locale == locale
    checked = run(site, "check", "data/policy.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr  # valid, and its tie holds
    day = policy.effective_date.isoformat()
    released = run(site, "release", "--published", day, "--force", "published before this site", env=EPOCH)
    assert released.returncode == 0, released.stderr
    built = run(site, "build", "--date", TODAY, env=EPOCH)
    assert built.returncode == 0, built.stderr
    before, after = source_reading(source), page_reading(site / "site" / locale / "index.html")
    found, total, missing = score(before, after)
    print(f"{name}: {found}/{total} sentences word for word under their heading")
    assert total >= 20 and found == total, missing
    assert after.lists == before.lists  # the same lists, each numbered or bulleted as it was, at its depth
    assert after.cells == before.cells  # every cell of every table


def test_the_source_date_headings_links_and_nesting_are_kept(tmp_path: Path) -> None:
    site = imported_site(tmp_path, SOURCES / "harbour-light.md", "en")
    text = (site / "data" / "policy.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["effective_date"].isoformat() == "2026-03-03"  # "Last updated: 3 March 2026"
    assert data["title"] == "Harbour Light privacy notice"
    ids = [s["id"] for s in data["sections"]]
    assert ids == ["what-we-collect", "why-we-use-it", "how-long-we-keep-it", "your-rights"]
    assert data["sections"][3]["sections"][0]["id"] == "complaints"  # h3 under its h2
    steps = data["sections"][0]["blocks"][1]
    assert steps["ordered"] is True and steps["list"][2]["ordered"] is False  # a bulleted list in a numbered one
    assert [i["text"] for i in steps["list"][2]["items"]] == ["the registration number;", "the vehicle's length."]
    rights = data["sections"][3]["blocks"][0]["paragraph"]
    assert "[why we use it](#why-we-use-it)" in rights  # the source's anchor, pointed at the section made from it
    assert "[our terms](/terms)" in data["preamble"][1]["paragraph"]
    assert "**passengers**" in data["preamble"][1]["paragraph"]
    # Facts: suggested and marked, never stated silently.
    assert "email: privacy@harbourlight.example  # suggested" in text
    assert "list: [access, rectification, erasure, objection]" in text
    assert '#   period: "six (6) years": P6Y  (in how-long-we-keep-it.p1)' in text


def test_import_never_writes_over_a_policy_unless_told(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "site", "--source-locale", "en", env=EPOCH)
    assert result.returncode == 0
    site = tmp_path / "site"
    before = (site / "data" / "policy.yml").read_bytes()
    refused = run(site, "import", str(SOURCES / "harbour-light.md"))
    assert refused.returncode != 0 and "exists: add --replace" in refused.stderr
    assert (site / "data" / "policy.yml").read_bytes() == before
    shown = run(site, "import", str(SOURCES / "harbour-light.md"), "--output", "-")
    assert shown.returncode == 0 and shown.stdout.startswith("# Imported by `policydocs import`")
    assert (site / "data" / "policy.yml").read_bytes() == before
    wrong = tmp_path / "policy.docx"
    wrong.write_bytes(b"PK")
    refused = run(site, "import", str(wrong), "--output", "-")
    assert refused.returncode != 0 and 'cannot import a ".docx" file' in refused.stderr


def test_a_month_alone_is_its_first_day_and_the_page_adds_no_date(tmp_path: Path) -> None:
    source = tmp_path / "notice.md"
    source.write_text("# Notice\n\nUpdated: May 2026.\n\n## Data\n\nWe keep nothing.\n", encoding="utf-8")
    shown = run(tmp_path, "import", str(source), "--output", "-", "--source-locale", "en")
    assert shown.returncode == 0, shown.stderr
    assert "# The source says: Updated: May 2026. (a month: its first day; set the day if you know it)" in shown.stdout
    data = yaml.safe_load(shown.stdout)
    assert data["effective_date"].isoformat() == "2026-05-01" and data["last_modified"] == "hidden"
