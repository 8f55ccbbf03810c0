"""The layers before the full text: the policy at a glance and the picture of where the data goes."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re
from pathlib import Path

import markdown
import pytest

from policydocs.i18n.catalog import Translator
from policydocs.policy import loading
from policydocs.policy.v2 import Policy
from policydocs.project import Project
from policydocs.site import flow
from policydocs.site.layers import lead
from policydocs.site.pages import render_locale
from policydocs.site.publication import prepare
from policydocs.site.render import Renderer

from .conftest import ROOT, run

JOURNEY = ROOT / "tests" / "data" / "layers" / "journey.yml"
BUILD_DATE = datetime.date(2026, 11, 27)


def journey() -> Policy:
    return loading.load(JOURNEY, "tests/data/layers/journey.yml")


def layers(policy: Policy, previous: Policy | None = None) -> str:
    """The layers' Markdown for an English-source policy, through the package's template and words."""
    renderer = Renderer(ROOT / "templates", Translator("en", "en"))
    extra = {"previous": previous} if previous is not None else {}
    return renderer.render("layers.md.j2", policy=policy, locale="en", **extra)


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "admonition", "toc", "tables"])


def glance_rows(page: str) -> dict[str, str]:
    """Row header → the row's cell (HTML), from the at-a-glance table."""
    return dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', page))


def svg_of(page: str) -> str:
    found = re.search(r"<svg .*?</svg>", page, re.S)
    assert found, "no picture"
    return found.group(0)


def test_the_summary_answers_the_first_questions_from_the_facts() -> None:
    rows = glance_rows(html(layers(journey())))
    assert list(rows) == [
        "Who is responsible",
        "What data, about whom",
        "What for, and on what legal basis",
        "How long it is kept",
        "Who receives it, and where",
        "Your rights, and how to use them",
        "Cookies and trackers",
    ]
    assert (
        'Kiln Works Ltd, <a href="mailto:privacy@kiln.example">privacy@kiln.example</a>' in rows["Who is responsible"]
    )
    assert 'Data protection officer: <a href="mailto:dpo@kiln.example">' in rows["Who is responsible"]
    assert "Buyers: Orders, Delivery address, with the name" in rows["What data, about whom"]
    assert "Newsletter readers: Links opened" in rows["What data, about whom"]
    assert "Preventing fraud (legal basis: " in rows["What for, and on what legal basis"]
    assert " — keep stolen cards out)" in rows["What for, and on what legal basis"]
    assert "Orders: 6 years from " in rows["How long it is kept"]
    recipients = rows["Who receives it, and where"]
    assert "Presse Nord (printing and shipping) — France" in recipients
    assert "Mailer Inc (newsletter sending) — United States, outside the EEA, safeguard: " in recipients
    assert "<li>Archive Vault (backups) — data not specified</li>" in recipients  # no data said: said so
    rights = rows["Your rights, and how to use them"]
    assert "Answer within 1 month" in rights
    assert "You may lodge a complaint with the supervisory authority: ICO" in rights
    assert "kiln_session: keeping you signed in" in rows["Cookies and trackers"]


def test_the_summary_shows_only_what_the_text_shows() -> None:
    # Counting Co's country is a fact, but no block states it: neither layer may tell it.
    page = html(layers(journey()))
    recipients = glance_rows(page)["Who receives it, and where"]
    assert "<li>Counting Co (reading statistics)</li>" in recipients
    words = page.split('<details class="policydocs-flow-words">')[1]
    assert "<li>United States (Outside the EEA): Mailer Inc — newsletter sending — " in words
    assert "Counting Co — reading statistics</li></ul>" in words  # last, under "Place not stated"


def test_every_line_links_to_where_the_page_says_it() -> None:
    policy = journey()
    page = html(layers(policy))
    ids = _anchors(policy)
    for row, cell in glance_rows(page).items():
        links = re.findall(r'<a href="#([^"]+)">', cell)
        assert links, f"{row} links nowhere"
        assert set(links) <= ids, (row, set(links) - ids)
    rows = glance_rows(page)
    assert '<a href="#cookies">Cookies</a>' in rows["Cookies and trackers"]  # a generated block's section
    assert '<a href="#sharing">Who receives it</a>' in rows["Who receives it, and where"]


def test_a_row_the_facts_cannot_fill_is_left_out() -> None:
    policy = journey()
    bare = dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, cookies=()))
    sections = tuple(s for s in bare.sections if s.id != "cookies")
    assert "Cookies and trackers" not in glance_rows(html(layers(dataclasses.replace(bare, sections=sections))))


def test_a_list_item_is_named_by_its_words_before_the_colon() -> None:
    assert lead("Données de facturation: moyens de paiement, montant…") == "Données de facturation"
    assert lead("Adresse IP source.") == "Adresse IP source"
    assert lead("*Nom*: le vôtre") == "Nom"


def test_the_picture_draws_the_facts_ties_inside_and_outside_the_eea() -> None:
    page = layers(journey())
    assert "Delivering the orders, data: Orders, Delivery address, with the name" in page
    assert "Sending the newsletter, data: Links opened" in page
    assert "Presse Nord — printing and shipping, data: Orders, Delivery address" in page
    svg = svg_of(page)
    region = re.search(
        r'<rect class="policydocs-flow-eea" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
    )
    assert region
    top, bottom = float(region.group(2)), float(region.group(2)) + float(region.group(4))
    boxes = _boxes(svg)
    assert top < boxes["France"][1] and boxes["France"][1] + boxes["France"][3] < bottom
    assert boxes["United States"][1] > bottom


def test_boxes_never_overlap_and_text_stays_inside_them() -> None:
    svg = svg_of(layers(journey()))
    boxes = sorted(_boxes(svg).values(), key=lambda b: (b[0], b[1]))
    for one, two in itertools.pairwise(boxes):
        if one[0] == two[0]:
            assert one[1] + one[3] <= two[1], (one, two)
    limit = (flow.COLUMN - 2 * flow.PAD) / (flow.FONT * flow.CHAR)
    for text in re.findall(r'<text class="policydocs-flow-text"[^>]*>([^<]*)</text>', svg):
        assert len(text) <= limit, text
    # The long label is wrapped on several lines, every word kept.
    lines = flow.wrap(
        "Delivery address, with the name of the person who receives the parcel and a telephone number for the carrier",
        flow.COLUMN - 2 * flow.PAD,
    )
    assert len(lines) >= 3 and " ".join(lines).startswith("Delivery address, with the name")


def test_a_word_longer_than_a_box_is_cut_not_left_to_overflow() -> None:
    lines = flow.wrap("x" * 200, 100)
    assert len(lines) > 1 and all(len(line) <= 100 / (flow.FONT * flow.CHAR) for line in lines)


def test_the_picture_is_plain_drawing_the_same_every_time() -> None:
    first, second = layers(journey()), layers(journey())
    assert first == second
    svg = svg_of(first)
    assert "<script" not in svg and "<image" not in svg and "<foreignObject" not in svg
    assert re.findall(r"url\(([^)]*)\)", svg) == ["#policydocs-flow-arrow"] * len(re.findall(r"url\(", svg))
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "#" not in re.sub(r"url\(#policydocs-flow-arrow\)", "", svg)  # no colour of its own: currentColor only
    assert 'role="img" aria-labelledby="policydocs-flow-caption"' in svg
    assert '<p id="policydocs-flow-caption">' in first


def test_the_words_say_what_the_picture_draws() -> None:
    page = layers(journey())
    words = re.search(r'<details class="policydocs-flow-words">(.*?)</details>', page, re.S)
    assert words
    text = words.group(1)
    for name in ("Orders", "Links opened", "Delivering the orders", "Presse Nord", "Archive Vault", "Counting Co"):
        assert name in text, name
    assert "Mailer Inc — newsletter sending" in text and ", data: Links opened" in text
    assert "France (European Economic Area): Presse Nord — printing and shipping" in text
    assert "Place not stated: Archive Vault — backups — data not specified, Counting Co — reading statistics" in text


def test_against_the_version_before_the_picture_marks_what_was_added_and_removed() -> None:
    new = journey()
    old = dataclasses.replace(
        new, facts=dataclasses.replace(new.facts, recipients=tuple(r for r in new.facts.recipients if r.id != "mailer"))
    )
    added = layers(new, previous=old)
    assert "At a glance" not in added  # the changes page shows the picture only
    svg = svg_of(added)
    assert '<g class="policydocs-flow-node policydocs-flow-added"><rect' in svg
    # Mailer Inc, and the United States: the only recipient shown there before it was none (Counting Co's is unshown).
    assert svg.count("policydocs-flow-node policydocs-flow-added") == 2
    assert ">(added)</text>" in svg
    assert re.search(r"Mailer Inc — newsletter sending — [^<(]+ \(added\)", added)
    removed = layers(old, previous=new)
    assert re.search(r"Mailer Inc — newsletter sending — [^<(]+ \(removed\)", removed)
    assert 'policydocs-flow-node policydocs-flow-removed"><rect' in svg_of(removed)
    assert 'stroke-dasharray="6 4"' in svg_of(removed)


def test_exograd_s_full_text_stays_byte_identical_after_the_layers(tmp_path: Path) -> None:
    (tmp_path / "layers.md.j2").write_text("", encoding="utf-8")  # a site that turns the layers off
    without = prepare(Project(ROOT, locales=("fr", "en"), templates_dir=str(tmp_path)), BUILD_DATE)
    with_layers = prepare(Project(ROOT, locales=("fr", "en")), BUILD_DATE)
    for locale in ("fr", "en"):
        plain = render_locale(without, locale).pages
        layered = render_locale(with_layers, locale).pages
        for page in ("index.md", "versions/2022-12-26/index.md"):
            start = layered[page].rindex("\n", 0, layered[page].index("{ #at-a-glance")) + 1
            end = layered[page].index("</figure>") + len("</figure>\n\n")
            assert "#at-a-glance" not in plain[page] and "policydocs-flow" not in plain[page]
            assert layered[page][:start] + layered[page][end:] == plain[page]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_exograd_s_pages_carry_both_layers(locale: str) -> None:
    pages = render_locale(prepare(Project(ROOT, locales=("fr", "en")), BUILD_DATE), locale).pages
    for page in ("index.md", "versions/2022-12-26/index.md"):
        text = pages[page]
        assert (
            text.index("{ #at-a-glance .policydocs-layer }")
            < text.index("{ #data-flow")
            < text.index("{ #introduction }")
        )
        assert 'Exograd, <a href="mailto:contact@exograd.com">' in text
        assert ">Stripe</text>" in text


def _anchors(policy: Policy) -> set[str]:
    """The anchors the full text has: every section's, and every block's that a link points to."""
    from policydocs.policy import document
    from policydocs.site.document import link_targets

    return {place.context for place in document.sections(policy.sections)} | link_targets(policy)


def _boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    """Each box's first line → (x, y, width, height)."""
    found = {}
    for x, y, w, h, first in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*/><text[^>]*>([^<]*)</text>', svg
    ):
        found[first] = (float(x), float(y), float(w), float(h))
    return found


def test_a_category_said_by_a_whole_sentence_is_named_by_its_heading() -> None:
    policy = journey()
    data = tuple(dataclasses.replace(d, label=None) for d in policy.facts.data)
    page = html(layers(dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, data=data))))
    # "From buyers, their orders and their delivery address." states two categories: its heading names them, once.
    assert "Buyers: What we collect</li>" in glance_rows(page)["What data, about whom"]


def test_a_new_translation_of_page_text_remakes_the_pages_kept_in_the_cache(project: Path) -> None:
    """Frozen pages come from the build cache: a change of the page text's catalog must still show on them."""
    from policydocs.i18n.catalog import catalog_path

    assert run(project, "build").returncode == 0
    page = project / "site" / "en" / "index.html"
    assert ">At a glance<" in page.read_text(encoding="utf-8")
    catalog_path(project / "locales", "en", "policydocs").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: en\\n"\n\n'
        'msgctxt "glance.title"\nmsgid "At a glance"\nmsgstr "In short"\n',
        encoding="utf-8",
    )
    assert run(project, "build").returncode == 0
    assert ">In short<" in page.read_text(encoding="utf-8")
