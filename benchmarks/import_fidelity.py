"""How much of a policy `policydocs import` keeps: the share of its sentences found word for word, in a block of
the same kind (paragraph, list item, table cell), under the same heading, on the page `policydocs build` makes.

    python benchmarks/import_fidelity.py POLICY.md|POLICY.html [--source-locale en] [--organisation NAME]

Runs the command line as a new user would, in a temporary folder: `policydocs new`, `import`, `check`,
`release --published <its date> --force`, `build`; then reads the source (Markdown through Python-Markdown) and
the built page as a reader does, and prints the share, the lists and table cells kept, and each sentence missed.
Give it any policy: a real one is measured without being copied into the repository.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import markdown
import yaml


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
    title = ""
    if path.suffix == ".md":
        front = re.match(r"---[ \t]*\n(.*?)\n---[ \t]*\n", text, flags=re.DOTALL)  # front matter: not the text
        if front:
            meta = yaml.safe_load(front[1])
            title = str(meta.get("title", "")) if isinstance(meta, dict) else ""
            text = text[front.end() :]
        text = markdown.markdown(text, extensions=["tables", "sane_lists", "attr_list"])
    reading = Reading()
    if title and "<h1" not in text:
        reading.heading = title  # what comes before the first heading stands under the page's title
    reading.feed(text)
    return reading


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


def policydocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policydocs", *args], cwd=cwd, capture_output=True, text=True)


def measure(source: Path, locale: str, organisation: str) -> tuple[int, int, list[str], bool, bool]:
    """``(found, total, missing, same lists, same cells)`` after import, release and build in a temporary site."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for args in (("new", "site", "--source-locale", "en"),):
            done = policydocs(root, *args)
            assert done.returncode == 0, done.stderr
        site = root / "site"
        steps = [("import", str(source.resolve()), "--replace", "--organisation", organisation)]
        if locale:
            steps[0] += ("--source-locale", locale)
        for args in steps:
            done = policydocs(site, *args)
            assert done.returncode == 0, done.stderr
        data = yaml.safe_load((site / "data" / "policy.yml").read_text(encoding="utf-8"))
        language = data["source_locale"]
        config = site / "mkdocs.yml"
        config.write_text(re.sub(r"locales: \[[^\]]*\]", f"locales: [{language}]", config.read_text()), "utf-8")
        day = str(data["effective_date"])
        for args in (("release", "--published", day, "--force", "published before this site"), ("build",)):
            done = policydocs(site, *args)
            assert done.returncode == 0, done.stderr
        before, after = source_reading(source), page_reading(site / "site" / language / "index.html")
        found, total, missing = score(before, after)
        return found, total, missing, after.lists == before.lists, after.cells == before.cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--source-locale", default="")
    parser.add_argument("--organisation", default="Example Org")
    args = parser.parse_args()
    found, total, missing, lists, cells = measure(args.source, args.source_locale, args.organisation)
    print(f"{args.source.name}: {found}/{total} sentences word for word under their heading ({found / total:.1%})")
    print(f"lists kept: {'yes' if lists else 'no'}; table cells kept: {'yes' if cells else 'no'}")
    for line in missing:
        print(f"  missed: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
