"""What changed, on the example's history: changes pages, `policydocs diff`, the feeds, the notice."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from policydocs.versions.archive import load_releases

from .conftest import EXAMPLE, ROOT, new_note, read_catalog, run, write_catalog

# What each change of the example says, in both languages (old → new values included).
EXPECTED = {
    "2024-03-01": {
        "fr": [
            "Durée de conservation (Clients): 1\u00a0an → 3 ans (modification substantielle)",  # CLDR: "1 an"
            "Sous-traitant ajouté: Transports Hirondelle (livraison des colis) (modification substantielle)",
        ],  # the retention sentence's rewording is the retention item itself, not a "wording changed" on top
        "en": [
            "Retention period (Customers): 1 year → 3 years (material change)",
            "Processor added: Transports Hirondelle (parcel delivery) (material change)",
        ],
    },
    "2024-06-10": {
        "fr": ["Rédaction modifiée: Introduction"],
        "en": ["Wording changed: Introduction"],
    },
    "2027-03-01": {
        "fr": [
            "Nouvelle finalité: lettre d’information (modification substantielle)",
            "Sous-traitant ajouté: Courrier Bleu (envoi de la lettre d’information, Allemagne) "
            "(modification substantielle)",
            "Nouvel envoi d’e-mails: Lettre d’information (modification substantielle)",
        ],
        "en": [
            "New purpose: newsletter (material change)",
            "Processor added: Courrier Bleu (sending the newsletter, Germany) (material change)",
            "New email communications: Newsletter (material change)",
        ],
    },
}
PREVIOUS = {"2024-03-01": "2023-01-15", "2024-06-10": "2024-03-01", "2027-03-01": "2024-06-10"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("papillon") / "site"
    result = run(ROOT / EXAMPLE, "build", "--date", "2026-11-27", "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    return target


def summary_items(page: str) -> list[str]:
    import html
    import re

    # The summary's section ends where the picture of where the data goes begins.
    section = page[page.index('id="summary"') : page.index('id="data-flow"')]
    section = re.sub(r'<a class="policydocs-to-redline"[^>]*>[^<]*</a>', "", section)  # each item's link to its place
    return [
        html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", section, re.S)
    ]


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_changes_page_lists_every_entity_change_and_the_redline(site: Path, slug: str, locale: str) -> None:
    page = (site / locale / "versions" / slug / "changes" / "index.html").read_text(encoding="utf-8")
    assert summary_items(page) == EXPECTED[slug][locale]
    assert '<ins class="policydocs-ins"><span class="policydocs-sr">' in page
    assert f'<html lang="{locale}"' in page


def test_the_redline_marks_words_with_labels_for_screen_readers(site: Path) -> None:
    page = (site / "en" / "versions" / "2024-03-01" / "changes" / "index.html").read_text(encoding="utf-8")
    assert (
        'Customer data is kept for <del class="policydocs-del"><span class="policydocs-sr">deleted: </span>'
        'one (1) year </del><ins class="policydocs-ins"><span class="policydocs-sr">inserted: </span>'
        "three (3) years </ins>after"
    ) in page
    assert '<details class="policydocs-unchanged" id="changes-introduction">' in page
    french = (site / "fr" / "versions" / "2024-03-01" / "changes" / "index.html").read_text(encoding="utf-8")
    assert '<span class="policydocs-sr">supprimé: </span>un (1) an </del>' in french


def test_changes_pages_are_linked_from_history_and_versions(site: Path) -> None:
    history = (site / "en" / "history" / "index.html").read_text(encoding="utf-8")
    for slug in EXPECTED:
        assert f'href="../versions/{slug}/changes/"' in history
    assert 'href="../versions/2023-01-15/changes/"' not in history
    version = (site / "en" / "versions" / "2024-03-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="changes/">What changed in this version</a>' in version
    assert 'href="compare/">Compare with the version in force</a>' in version


def test_an_archived_version_compares_with_the_current_one(site: Path) -> None:
    page = (site / "fr" / "versions" / "2023-01-15" / "compare" / "index.html").read_text(encoding="utf-8")
    assert "Comparaison avec la version en vigueur" in page
    assert summary_items(page)[:2] == EXPECTED["2024-03-01"]["fr"][:2]
    assert "Rédaction modifiée: Introduction" in summary_items(page)
    assert not (site / "fr" / "versions" / "2024-06-10" / "compare").exists()  # the current one


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_policydocs_diff_prints_the_same_changes(slug: str) -> None:
    for locale in ("fr", "en"):
        result = run(ROOT / EXAMPLE, "diff", PREVIOUS[slug], slug, "--lang", locale, "--format", "json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert [item["text"] for item in data["summary"]] == EXPECTED[slug][locale]
        assert data["material"] == any("material" in t or "substantielle" in t for t in EXPECTED[slug][locale])


def test_policydocs_diff_text_marks_words() -> None:
    result = run(ROOT / EXAMPLE, "diff", "2023-01-15", "2024-03-01", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2023-01-15 → 2024-03-01 (en)\n\n- Retention period (Customers): 1 year → 3 years")
    assert "  Customer data is kept for [-one (1) year-] {+three (3) years+} after the last order.\n" in result.stdout
    assert "\033[" not in result.stdout  # not a terminal: no colour
    coloured = run(ROOT / EXAMPLE, "diff", "2023-01-15", "2024-03-01", "--colour", "always")
    assert "\033[31mun (1) an \033[0m\033[32mtrois (3) ans \033[0m" in coloured.stdout


def test_policydocs_diff_current_and_formats() -> None:
    markdown = run(ROOT / EXAMPLE, "diff", "2024-03-01", "current", "--date", "2026-11-27", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# Modifications applicables à compter du 10 juin 2024\n")
    page = run(ROOT / EXAMPLE, "diff", "2024-03-01", "2024-06-10", "--lang", "en", "--format", "html").stdout
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert '<del class="policydocs-del">' in page and ".policydocs-sr" in page
    unknown = run(ROOT / EXAMPLE, "diff", "2024-03-02", "current")
    assert unknown.returncode == 1
    assert 'no release "2024-03-02"' in unknown.stderr


def test_diff_escapes_text(example: Path) -> None:
    data = example / "data" / "releases"
    # A redline is built from frozen text: text containing markup must come out as text.
    from policydocs.versions.archive import content, digest_of, write_release

    releases = load_releases(data, "data/releases", notice_days=30)
    import dataclasses

    newest = releases[-1]
    intro = newest.policy.sections[0]
    nasty = dataclasses.replace(
        intro, blocks=(dataclasses.replace(intro.blocks[0], paragraph="Si 1 < 2 & co., alors {{ 7*7 }}."),)
    )
    policy = dataclasses.replace(newest.policy, sections=(nasty, *newest.policy.sections[1:]))
    text = {k: dict(v) for k, v in newest.text.items()}
    body = content(
        policy,
        text,
        published=newest.published,
        change_class="material",
        locales=newest.locales,
        previous_digest=newest.previous_digest,
    )
    write_release(data / "2027-03-01.yml", body, digest_of(body))
    for correction in (data / "corrections").glob("2027-03-01.*.yml"):
        correction.unlink()  # the forged release carries the corrected facts itself
    html = run(example, "diff", "2024-06-10", "2027-03-01", "--format", "html").stdout
    assert "Si 1 &lt; 2 &amp; co., alors {{ 7*7 }}." in html


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_feeds_parse_with_stable_ids(site: Path, locale: str, tmp_path: Path) -> None:
    feed = feedparser.parse((site / locale / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == locale
    entries = feed.entries
    assert [e.id.rsplit("/", 1)[-1] for e in entries] == ["2027-03-01", "2024-06-10", "2024-03-01", "2023-01-15"]
    assert [e.tags[0].term for e in entries] == ["material", "editorial", "material", "initial"]  # the first is neither
    assert entries[0].updated.startswith("2026-11-20")  # the day it was published
    assert entries[0].link.endswith(f"/{locale}/versions/2027-03-01/changes/")
    for line in EXPECTED["2027-03-01"][locale]:
        assert f"- {line}" in entries[0].summary
    again = tmp_path / "again"
    assert run(ROOT / EXAMPLE, "build", "--date", "2027-05-01", "--site-dir", str(again)).returncode == 0
    later = feedparser.parse((again / locale / "feed.xml").read_bytes())
    assert [e.id for e in later.entries] == [e.id for e in entries]


def test_every_page_links_its_feed(site: Path) -> None:
    for page in (site / "fr").rglob("index.html"):
        depth = len(page.parent.relative_to(site / "fr").parts)
        href = "../" * depth + "feed.xml"
        assert '<link rel="alternate" type="application/atom+xml" title="' in page.read_text(encoding="utf-8")
        assert f'href="{href}">' in page.read_text(encoding="utf-8"), page


def test_notice_announces_a_material_change() -> None:
    result = run(ROOT / EXAMPLE, "notice", "2027-03-01", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Subject: Changes to our privacy policy, effective 1 March 2027\n\n"
        "Hello,\n\n"
        "We are changing our privacy policy. The new version takes effect on 1 March 2027; until then, the "
        "current version continues to apply.\n\n"
        "In short: An optional newsletter, sent by Courrier Bleu, for customers who accept it.\n\n"
        "What changes for you:\n\n"
        "- The policy now provides for a new purpose: newsletter (legal basis: consent).\n"
        "- A new service provider will process your data on our behalf: Courrier Bleu (sending the newsletter, "
        "Germany).\n"
        "- We may send you new emails: Newsletter.\n"
        "\nThis letter and the English version of the policy are translations: only the French version of the "
        "policy is binding.\n"
        "\nRead the new version: https://www.librairie-papillon.example/confidentialite/en/versions/2027-03-01/\n\n"
        "All the changes, word for word: "
        "https://www.librairie-papillon.example/confidentialite/en/versions/2027-03-01/changes/\n\n"
        "If you have any questions, or to exercise your rights, write to us at "
        "vie-privee@librairie-papillon.example.\n\n"
        "Librairie Papillon\n"
    )
    markdown = run(ROOT / EXAMPLE, "notice", "2027-03-01", "--lang", "fr", "--format", "markdown")
    assert "[vie-privee@librairie-papillon.example](<mailto:vie-privee@librairie-papillon.example>)" in (
        markdown.stdout
    )
    assert "Ce qui change pour vous:" in markdown.stdout
    added = "- La politique prévoit désormais une nouvelle finalité: lettre d’information (base légale: consentement)."
    assert added in markdown.stdout
    assert "modification substantielle" not in markdown.stdout


def test_the_notice_leaves_editorial_items_out_and_a_courtesy_notice_is_optional() -> None:
    letter = run(ROOT / EXAMPLE, "notice", "2024-03-01", "--lang", "fr")
    assert letter.returncode == 0, letter.stderr
    items = [line for line in letter.stdout.splitlines() if line.startswith("- ")]
    assert items == [
        "- Durée de conservation de vos données (Clients): 3 ans (jusqu’ici: 1\u00a0an).",
        "- Un nouveau prestataire traitera vos données pour notre compte: Transports Hirondelle (livraison des colis).",
    ]  # the rewording of a heading ("Rédaction modifiée") is not the reader's concern
    assert "Objet: modification de notre politique de confidentialité à compter du 1er mars 2024" in letter.stdout

    editorial = run(ROOT / EXAMPLE, "notice", "2024-06-10", "--lang", "fr")
    assert editorial.returncode == 1
    assert "editorial change: no notice is due (--courtesy writes an optional one)" in editorial.stderr
    courtesy = run(ROOT / EXAMPLE, "notice", "2024-06-10", "--lang", "en", "--courtesy")
    assert courtesy.returncode == 0, courtesy.stderr
    assert courtesy.stdout.startswith(
        "Subject: Editorial update to our privacy policy, effective 10 June 2024\n\nHello,\n\n"
        "We have updated the wording of our privacy policy with effect from 10 June 2024. These changes alter "
        "neither the way we process your personal data nor your rights.\n"
    )
    assert "What changes for you" not in courtesy.stdout
    owed = run(ROOT / EXAMPLE, "notice", "2027-03-01", "--lang", "en", "--courtesy")
    assert owed.returncode == 1 and "material change: its notice is owed, not a courtesy" in owed.stderr


def retain_visitor_data(example: Path, duration: str, french: str, english: str) -> None:
    """Change how long visitor data is kept, in the fact and in the sentence that states it, in both languages."""
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    text = text.replace("duration: P6M", f"duration: {duration}")
    data.write_text(text.replace("conservées six (6) mois.", f"conservées {french}."), encoding="utf-8")
    catalog = example / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    po = catalog.read_text(encoding="utf-8").replace("conservées six (6) mois.", f"conservées {french}.")
    catalog.write_text(po.replace("kept for six (6) months.", f"kept for {english}."), encoding="utf-8")


def test_release_suggests_material_and_refuses_editorial_without_force(example: Path) -> None:
    retain_visitor_data(example, "P2Y", "deux (2) ans", "two (2) years")
    refused = run(example, "release", "--class", "editorial", "--published", "2027-04-01")
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: this change is material, not editorial:\n"
        "  - Durée de conservation (Visiteurs du site): 6\u00a0mois → 2 ans (modification substantielle)\n"
        "error: release it as material (with notice), or give --force REASON to record why it is editorial\n"
    )
    assert not (example / "data" / "releases" / "2027-06-01.yml").exists()
    forced = run(
        example, "release", "--class", "editorial", "--published", "2027-04-01", "--force", "Typo: P2Y was meant."
    )
    assert forced.returncode == 0, forced.stderr
    assert "what changed (suggested class: material):" in forced.stdout
    import yaml

    frozen = yaml.safe_load((example / "data" / "releases" / "2027-06-01.yml").read_text(encoding="utf-8"))
    assert (frozen["change_class"], frozen["forced"]) == ("editorial", "Typo: P2Y was meant.")
    assert run(example, "check", "--date", "2027-06-01").returncode == 0
    # Wherever the class is shown, its reason is too.
    assert run(example, "build", "--date", "2027-06-01").returncode == 0
    site = example / "site"
    reason = "Reason recorded for this classification or date: Typo: P2Y was meant."
    history = (site / "en" / "history" / "index.html").read_text(encoding="utf-8")
    assert f"In force · Editorial change · published on 1 April 2027</p>\n<p>{reason}</p>" in history
    changes = (site / "en" / "versions" / "2027-06-01" / "changes" / "index.html").read_text(encoding="utf-8")
    assert f"<p>Editorial change · {reason}</p>" in changes
    feed = (site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert 'label="Editorial change"/>' in feed and reason in feed
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))["versions"]
    assert (versions[-1]["class"], versions[-1]["forced"]) == ("editorial", "Typo: P2Y was meant.")
    assert "forced" not in versions[-2]
    french = (site / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    assert "<p>Motif consigné pour cette qualification ou cette date: Typo: P2Y was meant.</p>" in french
    policy = json.loads((site / "en" / "versions" / "2027-06-01" / "policy.json").read_text(encoding="utf-8"))
    assert (policy["class"], policy["forced"]) == ("editorial", "Typo: P2Y was meant.")


def test_release_without_class_takes_the_suggestion(example: Path) -> None:
    retain_visitor_data(example, "P3M", "trois (3) mois", "three (3) months")
    new_note(example)
    result = run(example, "release", "--published", "2027-05-31")
    assert result.returncode == 0, result.stderr
    assert "released (editorial)" in result.stdout


# Model v2: the same history, converted ----------------------------------------------------------------------


COOKIE_TEXT = (
    "Avec votre consentement, Meta Platforms Ireland dépose le cookie _fbp, qui dure trois (3) mois, pour vous "
    "montrer de la publicité ciblée."
)
COOKIE_ENGLISH = (
    "With your consent, Meta Platforms Ireland places the _fbp cookie, which lasts three (3) months, to show you "
    "targeted advertising."
)


def add_advertising_cookie(example: Path) -> None:
    """A new version of the example with an advertising cookie, in the text (both languages) and in the facts."""
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    text = text.replace("change_note: Une lettre d’information", "change_note: Un cookie publicitaire et une lettre")
    section = (
        "  - id: cookies\n    title: Cookies\n    blocks:\n      - id: advertising\n        states: [cookies.fbp]\n"
        f"        paragraph: {COOKIE_TEXT}\n"
    )
    text = text.replace("\n  - id: contact\n", "\n" + section + "  - id: contact\n", 1)
    cookie = (
        "  cookies:\n    - id: fbp\n      name: _fbp\n      provider: Meta Platforms Ireland\n"
        "      purpose: publicité ciblée\n      lifetime: P3M\n      consent: required\n"
    )
    data.write_text(text.replace("  authorities:\n", cookie + "  authorities:\n", 1), encoding="utf-8")
    assert run(example, "i18n", "extract").returncode == 0
    assert run(example, "i18n", "update").returncode == 0
    catalog = read_catalog(example)
    for message in catalog:
        if message.id and (not message.string or message.fuzzy):
            message.string = {
                COOKIE_TEXT: COOKIE_ENGLISH,
                "Cookies": "Cookies",
                "publicité ciblée": "targeted advertising",
            }.get(message.id, message.string or message.id)
            message.flags.discard("fuzzy")
    write_catalog(example, catalog)


def test_an_added_advertising_cookie_is_material_with_its_own_summary_line(example: Path) -> None:
    add_advertising_cookie(example)
    dry = run(example, "release", "--dry-run", "--published", "2027-04-01")
    assert dry.returncode == 0, dry.stderr
    assert "(material), published 2027-04-01" in dry.stdout
    assert (
        "  - Cookie ajouté: _fbp (Meta Platforms Ireland; publicité ciblée; soumis à votre consentement) "
        "(modification substantielle)\n"
    ) in dry.stdout
    english = run(example, "diff", "2027-03-01", "draft", "--lang", "en")
    assert english.returncode == 0, english.stderr
    assert (
        "- Cookie added: _fbp (Meta Platforms Ireland; targeted advertising; consent required) (material change)\n"
    ) in english.stdout
