"""Model v2 through the site: the tie stops check and build, new shapes build, the record stays as it was."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policydocs.policy import document, loading, model

from .conftest import ROOT, new_note, run

SHAPES = ROOT / "tests" / "data" / "shapes"
EXTENSIONS = ["attr_list", "admonition", "toc", "tables"]


def _edit(project: Path, old: str, new: str) -> None:
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    assert old in text, old
    data.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(project: Path, needle: str) -> int:
    lines = (project / "data" / "policy.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_a_retention_sentence_that_disagrees_with_its_fact_stops_check_at_its_line(project: Path) -> None:
    _edit(project, "jusqu’à trois (3) ans", "jusqu’à dix (10) ans")
    _edit(project, "effective_date: 2022-12-26", "effective_date: 2027-02-01")
    result = run(project, "check")
    assert result.returncode == 1
    line = _line_of(project, "duration: P3Y")
    assert re.search(
        rf"^data/policy.yml:{line}:\d+: retention.customer-data.duration: in fr, not what the text stating it says "
        r"\(retention.customer-data\): the period P3Y \(3 years, or an equal period\) is not given",
        result.stdout + result.stderr,
        re.M,
    ), result.stdout + result.stderr
    build = run(project, "build", "--draft")
    assert build.returncode == 0  # a draft shows it; a build of releases refuses it
    assert run(project, "build").returncode == 1


def test_a_fact_no_reader_sees_fails_check_naming_it(project: Path) -> None:
    _edit(
        project,
        "  recipients:\n",
        "  recipients:\n    - id: brevo\n      name: Brevo\n      activity: envoi d’emails\n",
    )
    result = run(project, "check")
    assert result.returncode == 1
    assert "recipients.brevo: a fact no reader sees: no block states it and no generated block renders it" in (
        result.stderr
    )


def test_new_shapes_fit_exograds_data_without_code_changes(project: Path) -> None:
    """A cookies section with a table, a security section, a preamble, a nested list and an h4."""
    _edit(project, "effective_date: 2022-12-26", "effective_date: 2027-02-01")
    _edit(
        project,
        "sections:\n  - id: introduction\n",
        "preamble:\n"
        "  - id: summary\n"
        "    note: Ce résumé ne remplace pas le texte qui suit.\n"
        "sections:\n"
        "  - id: cookies\n"
        "    title: Cookies\n"
        "    blocks:\n"
        "      - id: list\n"
        "        table:\n"
        "          columns: [{id: name, title: Nom}, {id: use, title: Usage}]\n"
        "          rows:\n"
        "            - id: session\n"
        "              cells: {name: session, use: maintenir la connexion}\n"
        "    sections:\n"
        "      - id: security\n"
        "        title: Sécurité\n"
        "        blocks:\n"
        "          - id: measures\n"
        "            list:\n"
        "              - id: encryption\n"
        "                text: Chiffrement\n"
        "                items:\n"
        "                  - id: at-rest\n"
        "                    text: des données stockées\n"
        "        sections:\n"
        "          - id: audits\n"
        "            title: Audits\n"
        "            blocks:\n"
        "              - id: yearly\n"
        "                paragraph: Un audit par an.\n"
        "  - id: introduction\n",
    )
    assert run(project, "check", "data/policy.yml").returncode == 0
    built = run(project, "build", "--draft")
    assert built.returncode == 0, built.stderr
    page = (project / "site-draft" / "fr" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="cookies">Cookies', page)
    assert re.search(r'<h3 id="security">Sécurité', page)
    assert re.search(r'<h4 id="audits">Audits', page)
    assert "<th>Nom</th>" in page and "<td>maintenir la connexion</td>" in page
    assert re.search(r"<li>Chiffrement\s*<ul>\s*<li>des données stockées</li>", page)
    assert page.index("Ce résumé ne remplace pas") < page.index('id="cookies"')


def test_the_first_release_is_unchanged_and_still_verifies() -> None:
    release = ROOT / "data" / "releases" / "2022-12-26.yml"
    committed = subprocess.run(
        ["git", "show", "a48500e:data/releases/2022-12-26.yml"], cwd=ROOT, capture_output=True, check=False
    )
    if committed.returncode == 0:  # in a clone with the history
        assert hashlib.sha256(committed.stdout).digest() == hashlib.sha256(release.read_bytes()).digest()
    assert "policy:\n  effective_date" in release.read_text(encoding="utf-8")  # still format 1
    result = run(ROOT, "version-at", "2023-01-01")
    assert result.returncode == 0 and result.stdout.startswith("2022-12-26")


class _Reader(HTMLParser):
    """What a reader meets in the page's body: headings, paragraphs, items, cells, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._tag: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4", "p", "li", "th", "td"):
            if self._tag and self._tag[-1] == "li" and tag in ("ul", "ol", "li"):
                self._close()
            self._tag.append(tag)
            self._text = []
        elif tag in ("ul", "ol") and self._tag and self._tag[-1] == "li":
            self._close()

    def handle_endtag(self, tag: str) -> None:
        if self._tag and self._tag[-1] == tag:
            self._close()
            self._tag.pop()

    def _close(self) -> None:
        text = " ".join("".join(self._text).replace("¶", "").split())
        if text:
            self.found.append((self._tag[-1], text))
        self._text = []

    def handle_data(self, data: str) -> None:
        if self._tag:
            self._text.append(data)


def _source_reading(policy: model.Policy) -> list[tuple[str, str]]:
    out = []
    for item in model.reading(policy):
        kind = item[0]
        if kind in ("h2", "h3", "h4"):
            out.append((kind, item[2]))
        elif kind in ("p", "note"):
            out.append(("p", document.plain(item[1])))
        elif kind == "address":
            out.append(("p", " ".join(document.plain(item[1]).split())))
        elif kind == "li":
            out.append(("li", document.plain(item[2])))
        elif kind in ("th", "td"):
            out.extend((kind, document.plain(cell)) for cell in item[1:])
        elif kind == "generated":
            out.append(("generated", item[1]))
    return out


def _built_reading(tmp_path: Path, shape: str, policy: model.Policy) -> list[tuple[str, str]]:
    """Build the shape as a site of its own (a draft: it has no release) and read its page in force."""
    root = tmp_path / shape
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copyfile(SHAPES / f"{shape}.yml", root / "data" / "policy.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    config = (ROOT / "tests" / "data" / "small" / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("locales: [fr]", f"locales: [{policy.source_locale}]"))
    built = run(root, "build", "--draft")
    assert built.returncode == 0, built.stderr
    page = (root / "site-draft" / policy.source_locale / "index.html").read_text(encoding="utf-8")
    content = page[page.index('<article class="md-content__inner') : page.index("</article>")]
    # The layers before the full text (the summary and the picture, made from the facts) are page frame too.
    content = re.sub(r'<h2 class="policydocs-layer".*?</figure>', "", content, flags=re.S)
    reader = _Reader()
    reader.feed(content)
    # The page's own frame (title, banners, last line) is not the policy's document.
    return [
        (tag, html.unescape(text))
        for tag, text in reader.found
        if tag in ("h2", "h3", "h4", "li", "th", "td")
        or (tag == "p" and not text.startswith(("Brouillon", "Dernière modification", "Draft", "Last modified")))
    ]


@pytest.mark.parametrize("shape", sorted(p.stem for p in SHAPES.glob("*.yml")))
def test_each_shape_builds_with_its_headings_blocks_and_order(shape: str, tmp_path: Path) -> None:
    policy = loading.load(SHAPES / f"{shape}.yml", f"{shape}.yml")
    page = _built_reading(tmp_path, shape, policy)
    expected = _source_reading(policy)
    index = 0
    for kind, text in expected:
        if kind == "generated":  # a table made from the facts: its cells are the facts', checked elsewhere
            while index < len(page) and page[index][0] in ("th", "td"):
                index += 1
            continue
        assert index < len(page), (shape, kind, text)
        assert page[index] == (kind, " ".join(text.split())), (shape, page[index], (kind, text))
        index += 1
    assert index == len(page), page[index:]
    headings = [(f"h{level}", title) for level, _, title in model.headings(policy)]
    assert [item for item in page if item[0] in ("h2", "h3", "h4")] == headings
    assert len(headings) >= 3


def test_changing_the_sentence_and_its_fact_is_material_and_needs_notice(project: Path) -> None:
    """Ten years instead of three, said in the text (both languages) and in the fact: a longer retention."""
    _edit(project, "jusqu’à trois (3) ans", "jusqu’à dix (10) ans")
    _edit(project, "duration: P3Y", "duration: P10Y")
    _edit(project, "effective_date: 2022-12-26", "effective_date: 2026-12-20")
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    po = catalog.read_text(encoding="utf-8")
    assert "jusqu’à trois (3) ans" in po and "three (3) years" in po
    catalog.write_text(
        po.replace("jusqu’à trois (3) ans", "jusqu’à dix (10) ans").replace("three (3) years", "ten (10) years"),
        encoding="utf-8",
    )
    new_note(project)
    dry = run(project, "release", "--dry-run", clock="2026-12-01")
    assert dry.returncode == 1
    assert dry.stderr == (
        "error: data/policy.yml: a material change needs 30 days' notice: published on 2026-12-01, it takes "
        "effect on 2026-12-20, 19 days later, for:\n"
        "  - Durée de conservation (Clients): jusqu’à 3 ans → jusqu’à 10 ans (modification substantielle)\n"
        "error: set an effective_date on or after 2026-12-31\n"
    )
    _edit(project, "effective_date: 2026-12-20", "effective_date: 2027-01-15")
    made = run(project, "release", clock="2026-12-01")
    assert made.returncode == 0, made.stderr
    assert "released (material)" in made.stdout
    assert "Durée de conservation (Clients): jusqu’à 3 ans → jusqu’à 10 ans (modification substantielle)" in made.stdout


def test_a_translation_that_names_another_recipient_is_refused(project: Path) -> None:
    """Parity of names that are facts: the English may not say Brevo where the French says Mailchimp."""
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    po = catalog.read_text(encoding="utf-8")
    assert "Exograd uses Mailchimp to manage its newsletter." in po
    catalog.write_text(po.replace("Exograd uses Mailchimp to", "Exograd uses Brevo to"), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    assert re.search(
        r"^data/policy.yml:\d+:\d+: recipients.mailchimp.name: in en, not what the text stating it says "
        r"\(mailchimp.text\): the name \"Mailchimp\" is missing",
        result.stderr,
        re.M,
    ), result.stderr
