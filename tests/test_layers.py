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
from policydocs.options import Options
from policydocs.policy import loading
from policydocs.policy.model import Policy
from policydocs.site import flow
from policydocs.site.layers import lead
from policydocs.site.pages import render_locale
from policydocs.site.publication import prepare
from policydocs.site.render import Renderer
from policydocs.workspace import Workspace

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
        "Controller",
        "What data, about whom",
        "What for, and on what legal basis",
        "How long it is kept",
        "Who receives it, and where",
        "Your rights, and how to exercise them",
        "Cookies and trackers",
    ]
    assert 'Kiln Works Ltd, <a href="mailto:privacy@kiln.example">privacy@kiln.example</a>' in rows["Controller"]
    assert 'Data protection officer: <a href="mailto:dpo@kiln.example">' in rows["Controller"]
    assert "Buyers: Orders, Delivery address, with the name" in rows["What data, about whom"]
    assert "Newsletter readers: Links opened" in rows["What data, about whom"]
    assert "Preventing fraud (legal basis: " in rows["What for, and on what legal basis"]
    assert " — keep stolen cards out)" in rows["What for, and on what legal basis"]
    assert "Orders: 6 years from " in rows["How long it is kept"]
    recipients = rows["Who receives it, and where"]
    assert "Presse Nord (printing and shipping) — France" in recipients
    mailer = "Mailer Inc (newsletter sending) — United States, outside the European Economic Area (EEA); transfer"
    assert mailer in recipients
    assert "<li>Archive Vault (backups) — data not specified</li>" in recipients  # no data said: said so
    rights = rows["Your rights, and how to exercise them"]
    assert "Requests handled within 1 month" in rights
    assert "You may lodge a complaint with a supervisory authority, in particular: ICO" in rights
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
    without = prepare(Workspace(Options(ROOT, locales=("fr", "en"), templates_dir=str(tmp_path))), BUILD_DATE)
    with_layers = prepare(Workspace(Options(ROOT, locales=("fr", "en"))), BUILD_DATE)
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
    pages = render_locale(prepare(Workspace(Options(ROOT, locales=("fr", "en"))), BUILD_DATE), locale).pages
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
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*/>\s*<text[^>]*>([^<]*)</text>', svg
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


# Fidelity (issue 21): the layers never say more, or less, than the binding text.

FIDELITY = ROOT / "tests" / "data" / "layers" / "fidelity.yml"


def fidelity() -> Policy:
    return loading.load(FIDELITY, "tests/data/layers/fidelity.yml")


def layers_in(policy: Policy, locale: str, **extra: object) -> str:
    """The layers' Markdown in ``locale``'s page words (the policy's own text as given)."""
    renderer = Renderer(ROOT / "templates", Translator(locale, policy.source_locale))
    return renderer.render("layers.md.j2", policy=policy, locale=locale, **extra)


def words_of_picture(page: str) -> str:
    return page.split('<details class="policydocs-flow-words">')[1]


def test_the_fidelity_fixture_says_in_its_text_every_fact_it_states() -> None:
    from policydocs.policy import verify

    assert verify.check(fidelity()) == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en",
            [
                "<li>Account: up to 3 years from the closure of the account</li>",
                "<li>Exception: Invoices (Orders): the period required by law</li>",
                "<li>Pages visited: indefinitely, with no time limit</li>",
                "<li>Newsletter addresses: until you ask for erasure</li>",
                "<li>Order records: 10 years from the end of the financial year</li>",
                "<li>Sign-in links: 30 minutes</li>",
            ],
        ),
        (
            "fr",
            [
                "<li>Account: jusqu’à 3 ans (point de départ: la clôture du compte)</li>",
                "<li>Exception: Invoices (Orders): durée légale</li>",
                "<li>Pages visited: indéfiniment, sans limite de durée</li>",
                "<li>Newsletter addresses: jusqu’à ce que vous en demandiez l’effacement</li>",
                "<li>Order records: 10 ans (point de départ: la fin de l’exercice comptable)</li>",
                "<li>Sign-in links: 30 minutes</li>",
            ],
        ),
    ],
)
def test_a_retention_keeps_every_qualifier(locale: str, expected: list[str]) -> None:
    row = list(glance_rows(html(layers_in(fidelity(), locale))).values())[3]
    for line in expected:
        assert line in row


@pytest.mark.parametrize("start", ["account-deletion", "last-order", "last-activity"])
def test_every_start_of_a_retention_is_worded(start: str) -> None:
    policy = fidelity()
    retention = tuple(dataclasses.replace(r, starts=start) if r.id == "ledger" else r for r in policy.facts.retention)
    page = html(
        layers_in(dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, retention=retention)), "en")
    )
    worded = {"account-deletion": "the deletion of the account", "last-order": "the last order",
              "last-activity": "the last activity"}  # fmt: skip
    assert f"<li>Order records: 10 years from {worded[start]}</li>" in page


def test_a_legal_period_that_names_nothing_it_covers_quotes_its_sentence() -> None:
    policy = fidelity()
    retention = tuple(
        dataclasses.replace(r, label=None, data=()) if r.id == "invoices" else r for r in policy.facts.retention
    )
    page = html(
        layers_in(dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, retention=retention)), "en")
    )
    row = glance_rows(page)["How long it is kept"]
    assert "<li>the period required by law</li>" not in row and "<li>Exception: the period" not in row
    assert (
        '<li><a class="policydocs-quote" href="#keeping">“By way of exception, invoices and the orders they bill'
        " are kept for the period required by law.”</a></li>"
    ) in row


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en", "<li>Newsletter (legal basis: not stated)</li>"),
        ("fr", "<li>Newsletter (base légale: non précisée)</li>"),
    ],
)
def test_a_purpose_with_no_legal_basis_says_it_is_not_stated(locale: str, line: str) -> None:
    page = html(layers_in(fidelity(), locale))
    assert line in list(glance_rows(page).values())[2]


def test_a_basis_the_page_does_not_state_is_not_stated_on_the_layer() -> None:
    from policydocs.policy.document import Paragraph

    # The purposes stated by name only (no generated table): the basis is a fact, but the page does not say it.
    policy = journey()
    stating = Paragraph(id="named", paragraph="We deliver orders.", states=("purposes.delivery.label",))
    sections = tuple(dataclasses.replace(s, blocks=(stating,)) if s.id == "uses" else s for s in policy.sections)
    page = html(layers(dataclasses.replace(policy, sections=sections)))
    assert (
        "<li>Delivering the orders (legal basis: not stated)</li>"
        in glance_rows(page)["What for, and on what legal basis"]
    )
    assert "performance of a contract" not in page


@pytest.mark.parametrize(
    ("locale", "lines"),
    [
        (
            "en",
            [
                "<li>staff, processors, partners (not named)</li>",
                "<li>Nimbus (hosting) — France; United States, outside the European Economic Area (EEA); "
                "transfer mechanism: standard contractual"
                " clauses — data not specified</li>",
                "<li>Transfer by Loom &amp; Co: Orders — Canada, outside the European Economic Area (EEA); "
                "transfer mechanism: adequacy decision</li>",
            ],
        ),
        (
            "fr",
            [
                "<li>personnel, sous-traitants, partenaires (identité non précisée)</li>",
                "<li>Nimbus (hosting) — France; États-Unis, hors de l’Espace économique européen (EEE); "
                "encadrement du transfert: clauses contractuelles types"
                " — données non précisées</li>",
                "<li>Transfert par Loom &amp; Co: Orders — Canada, hors de l’Espace économique européen (EEE); "
                "encadrement du transfert: décision d’adéquation</li>",
            ],
        ),
    ],
)
def test_recipients_are_shown_with_what_the_facts_do_not_say(locale: str, lines: list[str]) -> None:
    row = list(glance_rows(html(layers_in(fidelity(), locale))).values())[4]
    for line in lines:
        assert line in row


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en",
            [
                "<li>partners (not named) — data not specified</li>",
                "<li>France (European Economic Area): Nimbus — hosting — data not specified — standard contractual"
                " clauses</li>",
                "<li>United States (Outside the EEA): Nimbus — hosting — data not specified — standard contractual"
                " clauses</li>",
                "<li>Transfer by Loom &amp; Co — adequacy decision, data: Orders</li>",
                "<li>Canada (Outside the EEA): Transfer by Loom &amp; Co — adequacy decision</li>",
            ],
        ),
        (
            "fr",
            [
                "<li>partenaires (identité non précisée) — données non précisées</li>",
                "<li>États-Unis (Hors de l’EEE): Nimbus — hosting — données non précisées — clauses contractuelles"
                " types</li>",
                "<li>Canada (Hors de l’EEE): Transfert par Loom &amp; Co — décision d’adéquation</li>",
            ],
        ),
    ],
)
def test_the_picture_draws_categories_every_place_and_the_controller_s_own_transfers(
    locale: str, expected: list[str]
) -> None:
    page = layers_in(fidelity(), locale)
    words = words_of_picture(page)
    for line in expected:
        assert line in words
    svg = svg_of(page)
    boxes = _boxes(svg)
    assert {"Nimbus", "Canada", "France"} <= set(boxes)
    assert svg.count('class="policydocs-flow-edge') >= 2 + 3  # Nimbus to two places; the transfer's data and place


def test_partners_said_who_they_are_are_named_so() -> None:
    policy = fidelity()
    named = dataclasses.replace(policy, facts=dataclasses.replace(policy.facts, partners="the weavers we buy from"))
    sections = tuple(
        dataclasses.replace(
            s,
            blocks=tuple(
                dataclasses.replace(
                    b,
                    states=(*b.states, "partners"),
                    paragraph=f"{b.paragraph} Our partners are the weavers we buy from.",
                )
                if b.id == "categories"
                else b
                for b in s.blocks
            ),
        )
        for s in named.sections
    )
    page = layers_in(dataclasses.replace(named, sections=sections), "en")
    assert "<li>staff, processors, partners: the weavers we buy from</li>" in html(page)
    assert "<li>partners — the weavers we buy from — data not specified</li>" in words_of_picture(page)
    assert "not named" not in page


@pytest.mark.parametrize(
    ("locale", "lines"),
    [
        (
            "en",
            [
                "<li>Under other laws: right to know what we sell (California Consumer Privacy Act)</li>",
                "<li>You may lodge a complaint with a supervisory authority: the supervisory authority of the country"
                " where you live</li>",
            ],
        ),
        (
            "fr",
            [
                "<li>En vertu d’autres lois: right to know what we sell (California Consumer Privacy Act)</li>",
                "<li>Vous pouvez introduire une réclamation auprès d’une autorité de contrôle: the supervisory"
                " authority of the country where you live</li>",
            ],
        ),
    ],
)
def test_rights_under_other_laws_and_an_authority_described(locale: str, lines: list[str]) -> None:
    row = list(glance_rows(html(layers_in(fidelity(), locale))).values())[5]
    for line in lines:
        assert line in row


def test_quoted_fields_are_shown_in_the_binding_words_never_paraphrased() -> None:
    rows = glance_rows(html(layers_in(fidelity(), "en")))
    purposes = rows["What for, and on what legal basis"]
    assert (
        '<li>Counting visits (legal basis: <a class="policydocs-quote" href="#uses">“We count visits because it helps'
        " us improve the shop, which we believe you would expect.”</a>)</li>"
    ) in purposes
    assert "legitimate interests" not in purposes
    retention = rows["How long it is kept"]
    assert (
        '<li>Baskets: <a class="policydocs-quote" href="#keeping">“Baskets are kept thirty (30) days after you last'
        " put something in them.”</a></li>"
    ) in retention
    assert "the last activity" not in retention and "30 days" not in retention


def test_quoted_words_are_the_page_s_language() -> None:
    from policydocs.i18n.localize import localize

    policy = fidelity()
    french = {
        ("uses.counting", str(policy.sections[2].blocks[2].paragraph)): "Nous comptons les visites pour améliorer"
        " la boutique, ce à quoi vous vous attendez, nous semble-t-il.",
    }
    translator = Translator("fr", "en", entries={(c, t): v for (c, t), v in french.items()})
    page = layers_in(localize(policy, translator), "fr")
    assert (
        '(base légale: <a class="policydocs-quote" href="#uses">« Nous comptons les visites pour améliorer la'
        " boutique, ce à quoi vous vous attendez, nous semble-t-il. »</a>)"
    ) in html(page)
    assert "intérêt légitime" not in html(page)


def test_a_quoted_place_is_drawn_in_the_binding_words() -> None:
    policy = fidelity()
    quoted = dataclasses.replace(policy.facts, quoted=(*policy.facts.quoted, "recipients.cloud.countries"))
    page = layers_in(dataclasses.replace(policy, facts=quoted), "en")
    words = words_of_picture(page)
    said = "“Nimbus hosts our servers in France and in the United States, under standard contractual clauses.”"
    assert f"<li>{said}: Nimbus — hosting — data not specified</li>" in words
    assert "France (European Economic Area)" not in words
    row = glance_rows(html(page))["Who receives it, and where"]
    assert f'Nimbus (hosting) — <a class="policydocs-quote" href="#sharing">{said}</a> — data not specified' in row


@pytest.mark.parametrize(
    ("locale", "note"),
    [
        (
            "en",
            "Made by this site afterwards from the facts of this version: not part of the version of 1 May 2026,"
            " whose full text below is the one published.",
        ),
        (
            "fr",
            "Établi a posteriori par ce site à partir des faits de cette version: ne fait pas partie de la version du"
            " 1er mai 2026, dont le texte publié figure intégralement ci-dessous.",
        ),
    ],
)
def test_an_archived_page_marks_its_layers_as_made_afterwards(locale: str, note: str) -> None:
    import types

    def version(status: str) -> object:
        return types.SimpleNamespace(status=status, effective_from=datetime.date(2026, 5, 1))

    archived = layers_in(fidelity(), locale, version=version("archived"))
    assert archived.count(f'!!! note ""\n\n    {note}\n') == 2  # above each layer
    page = html(archived)
    assert page.index(note) < page.index("policydocs-glance") < page.rindex(note) < page.index("policydocs-flow")
    assert note not in layers_in(fidelity(), locale, version=version("current"))


def test_the_picture_in_words_marks_a_recipient_that_left_a_place_as_removed() -> None:
    new = journey()
    moved = tuple(
        dataclasses.replace(r, country="FR", safeguard=None) if r.id == "mailer" else r for r in new.facts.recipients
    )
    old = dataclasses.replace(new, facts=dataclasses.replace(new.facts, recipients=moved))
    # Mailer Inc stays, but leaves France for the United States: listed under France "(removed)".
    words = words_of_picture(layers(new, previous=old))
    france = re.search(r"<li>France \(European Economic Area\): (.*?)</li>", words)
    assert france and france.group(1) == (
        "Presse Nord — printing and shipping, Mailer Inc — newsletter sending — standard contractual clauses (removed)"
    )
    assert (
        "<li>United States (added) (Outside the EEA): Mailer Inc — newsletter sending — standard contractual"
        " clauses (added)</li>" in words
    )
