"""`policydocs import`: an existing policy, in Markdown or HTML, becomes data/policy.yml and then the site's page,
every sentence word for word under its own heading, lists as lists, tables as tables."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from policydocs.policy import loading, model

from .conftest import ROOT, benchmark, run

SOURCES = ROOT / "tests" / "data" / "import"


FIDELITY = benchmark("import_fidelity.py", "import_fidelity")
source_reading, page_reading, score = FIDELITY.source_reading, FIDELITY.page_reading, FIDELITY.score
TODAY = "2026-11-27"
EPOCH = {"SOURCE_DATE_EPOCH": "1795737600"}


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
    policy = loading.load(site / "data" / "policy.yml")
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
    # No data, purposes nor recipients among its facts yet: no empty picture of where the data goes.
    page = (site / "site" / locale / "index.html").read_text(encoding="utf-8")
    assert 'id="at-a-glance"' in page and 'id="data-flow"' not in page


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
    wrong = tmp_path / "policy.pdf"
    wrong.write_bytes(b"PK")
    refused = run(site, "import", str(wrong), "--output", "-")
    assert refused.returncode != 0 and 'cannot import a ".pdf" file' in refused.stderr


def test_a_month_alone_is_its_first_day_and_the_page_adds_no_date(tmp_path: Path) -> None:
    source = tmp_path / "notice.md"
    source.write_text("# Notice\n\nUpdated: May 2026.\n\n## Data\n\nWe keep nothing.\n", encoding="utf-8")
    shown = run(tmp_path, "import", str(source), "--output", "-", "--source-locale", "en")
    assert shown.returncode == 0, shown.stderr
    assert "# The source says: Updated: May 2026. (a month: its first day; set the day if you know it)" in shown.stdout
    data = yaml.safe_load(shown.stdout)
    assert data["effective_date"].isoformat() == "2026-05-01" and data["last_modified"] == "hidden"


def docx(path: Path) -> Path:
    """A word processor's document of our own writing: headings by their styles, a bulleted list, a table, bold
    words and a link (the parts a .docx needs, and no more)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

    def para(text: str, style: str = "", bullet: bool = False, bold: str = "") -> str:
        props = f'<w:pStyle w:val="{style}"/>' if style else ""
        props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if bullet else ""
        runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        if bold:
            runs += f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{bold}</w:t></w:r>'
        return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"

    cell = lambda text: f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"  # noqa: E731
    body = "".join(
        [
            para("Privacy at Quillmoor", "Heading1"),
            para("Quillmoor Books keeps a small shop in Galway. Questions: privacy@quillmoor.example.", bold=""),
            para("What we keep", "Heading2"),
            para("For an order we keep:"),
            para("your name;", bullet=True),
            para("your postal address.", bullet=True),
            para("How long", "Heading2"),
            "<w:tbl><w:tr>"
            + cell("Data")
            + cell("Period")
            + "</w:tr><w:tr>"
            + cell("Orders")
            + cell("six years")
            + "</w:tr></w:tbl>",
            para("Your rights", "Heading2"),
            '<w:p><w:r><w:t xml:space="preserve">You can access or erase your data. See </w:t></w:r>'
            '<w:hyperlink r:id="rIdLink"><w:r><w:t>our terms</w:t></w:r></w:hyperlink>'
            '<w:r><w:t xml:space="preserve">, which are </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>short</w:t></w:r>'
            "<w:r><w:t>.</w:t></w:r></w:p>",
        ]
    )
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/></w:style>' for n in (1, 2)
    )
    numbering = (
        f'<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rIdLink" Target="https://quillmoor.example/terms" TargetMode="External" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
        '<Relationship Id="rIdStyles" Target="styles.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
        '<Relationship Id="rIdNumbering" Target="numbering.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/></Relationships>',
        "word/document.xml": f"<w:document {w} {r}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": f"<w:styles {w}>{styles}</w:styles>",
        "word/numbering.xml": numbering,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + content)
    return path


def test_a_word_processors_document_is_imported_in_its_outline(tmp_path: Path) -> None:
    source = docx(tmp_path / "privacy.docx")
    shown = run(tmp_path, "import", str(source), "--output", "-", "--organisation", "Quillmoor Books")
    assert shown.returncode == 0, shown.stderr
    data = yaml.safe_load(shown.stdout)
    assert data["title"] == "Privacy at Quillmoor" and data["source_locale"] == "en"
    assert [s["title"] for s in data["sections"]] == ["What we keep", "How long", "Your rights"]
    keep = data["sections"][0]["blocks"]
    assert keep[0]["paragraph"] == "For an order we keep:"
    assert [i["text"] for i in keep[1]["list"]] == ["your name;", "your postal address."]
    table = data["sections"][1]["blocks"][0]["table"]
    assert [c["title"] for c in table["columns"]] == ["Data", "Period"]
    assert list(table["rows"][0]["cells"].values()) == ["Orders", "six years"]
    rights = data["sections"][2]["blocks"][0]["paragraph"]
    assert (
        rights
        == "You can access or erase your data. See [our terms](https://quillmoor.example/terms), which are **short**."
    )
    model.loads(shown.stdout)  # it loads as written
