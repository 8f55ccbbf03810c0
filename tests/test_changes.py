"""What changed, on the example's history: changes pages, `policydocs diff`, the feeds, the notice."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import feedparser
import pytest

from policydocs.i18n.localize import localize
from policydocs.policy import migrate, translatable, v2
from policydocs.policy.model import Policy
from policydocs.versions.archive import Release, load_releases
from policydocs.versions.redline import redline_of, sections, sections_v2
from policydocs.versions.summary import Change, summarize, summarize_v2

from .conftest import EXAMPLE, ROOT, run

# What each change of the example says, in both languages (old → new values included).
EXPECTED = {
    "2024-03-01": {
        "fr": [
            "Durée de conservation (Clients): 1\u00a0an → 3 ans (modification substantielle)",  # CLDR: "1 an"
            "Sous-traitant ajouté: Transports Hirondelle (livraison des colis, France) (modification substantielle)",
            "Rédaction modifiée: Durée de conservation",
        ],
        "en": [
            "Retention period (Customers): 1 year → 3 years (material change)",
            "Processor added: Transports Hirondelle (parcel delivery, France) (material change)",
            "Wording changed: How long we keep data",
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
            "Nouvel envoi d’emails: Lettre d’information (modification substantielle)",
        ],
        "en": [
            "New purpose: newsletter (material change)",
            "Processor added: Courrier Bleu (sending the newsletter, Germany) (material change)",
            "New emails: Newsletter (material change)",
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

    section = page[page.index('id="summary"') : page.index('id="redline"')]
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", section, re.S)]


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
    assert markdown.stdout.startswith("# Modifications du 10 juin 2024\n")
    page = run(ROOT / EXAMPLE, "diff", "2024-03-01", "2024-06-10", "--lang", "en", "--format", "html").stdout
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert '<del class="policydocs-del">' in page and ".policydocs-sr" in page
    unknown = run(ROOT / EXAMPLE, "diff", "2024-03-02", "current")
    assert unknown.returncode == 1
    assert 'no release "2024-03-02"' in unknown.stderr


def test_diff_escapes_text(example: Path) -> None:
    data = example / "data" / "releases"
    # A redline is built from frozen text: text containing markup must come out as text.
    from policydocs.versions.archive import content, digest_of, load_releases, write_release

    releases = load_releases(data, "data/releases", notice_days=30)
    import dataclasses

    newest = releases[-1]
    intro = newest.policy.introduction
    nasty = dataclasses.replace(
        intro, paragraphs=(dataclasses.replace(intro.paragraphs[0], text="<script>alert(1)</script> & co."),)
    )
    policy = dataclasses.replace(newest.policy, introduction=nasty)
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
    html = run(example, "diff", "2024-06-10", "2027-03-01", "--format", "html").stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in html


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_feeds_parse_with_stable_ids(site: Path, locale: str, tmp_path: Path) -> None:
    feed = feedparser.parse((site / locale / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == locale
    entries = feed.entries
    assert [e.id.rsplit("/", 1)[-1] for e in entries] == ["2027-03-01", "2024-06-10", "2024-03-01", "2023-01-15"]
    assert [e.tags[0].term for e in entries] == ["material", "editorial", "material", "material"]
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
        "Subject: changes to our privacy policy from March 1, 2027\n\n"
        "Hello,\n\n"
        "We are changing our privacy policy. The new version takes effect on March 1, 2027; until then, the "
        "current version continues to apply.\n\n"
        "What changes:\n\n"
        + "".join(f"- {line}\n" for line in EXPECTED["2027-03-01"]["en"])
        + "\nThe new version: https://www.librairie-papillon.example/confidentialite/en/versions/2027-03-01/\n\n"
        "Every change, word by word: "
        "https://www.librairie-papillon.example/confidentialite/en/versions/2027-03-01/changes/\n\n"
        "If you have any questions, or to exercise your rights, write to us at "
        "vie-privee@librairie-papillon.example.\n\n"
        "Librairie Papillon\n"
    )
    markdown = run(ROOT / EXAMPLE, "notice", "2027-03-01", "--lang", "fr", "--format", "markdown")
    assert "[vie-privee@librairie-papillon.example](<mailto:vie-privee@librairie-papillon.example>)" in (
        markdown.stdout
    )
    editorial = run(ROOT / EXAMPLE, "notice", "2024-06-10", "--lang", "fr")
    assert editorial.returncode == 1
    assert "editorial change: no notice is due" in editorial.stderr


def test_release_suggests_material_and_refuses_editorial_without_force(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    data.write_text(text.replace("duration: P6M", "duration: P2Y"), encoding="utf-8")
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


def test_release_without_class_takes_the_suggestion(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    data.write_text(text.replace("duration: P6M", "duration: P3M"), encoding="utf-8")
    result = run(example, "release", "--published", "2027-05-31")
    assert result.returncode == 0, result.stderr
    assert "released (editorial)" in result.stdout


# Model v2: the same history, converted ----------------------------------------------------------------------


def releases_of(project: Path) -> list[Release]:
    return load_releases(project / "data" / "releases", "data/releases", notice_days=30)


def both_models(release: Release, locale: str) -> tuple[Policy, v2.Policy, migrate.RekeyMap]:
    """A release localized as v1 reads it (its translator) and as v2 does (its frozen text, re-keyed)."""
    converted, keys = migrate.convert(release.policy)
    texts = migrate.rekey(release.text.get(locale, {}), keys)
    return localize(release.policy, release.translator(locale)), translatable.localize(converted, texts), keys


def flawed(item: Change) -> bool:
    """An item that shows an unchanged value as a change, or an unknown as "?"."""
    values = item.values
    return ("old" in values and values["old"] == values.get("new")) or "?" in values.values()


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_summarize_v2_of_the_example_s_converted_releases_says_what_v1_said(locale: str) -> None:
    releases = releases_of(ROOT / EXAMPLE)
    assert len(releases) == 4
    for old, new in itertools.pairwise(releases):
        (v1_old, v2_old, _), (v1_new, v2_new, _) = both_models(old, locale), both_models(new, locale)
        v1_items = summarize(v1_old, v1_new, locale)
        v2_items = summarize_v2(v2_old, v2_new, locale)
        assert [(i.kind, i.material, dict(i.values)) for i in v2_items] == [
            (i.kind, i.material, dict(i.values)) for i in v1_items if not flawed(i)
        ]
        assert not any(flawed(i) for i in v2_items)
        # Anchors are the sections that state each fact; v1's were its fixed sections.
        assert [i.anchor for i in v2_items] == [
            {"personal-data": "customers"}.get(i.anchor, i.anchor) for i in v1_items if not flawed(i)
        ]


@pytest.mark.parametrize("project", [ROOT, ROOT / EXAMPLE], ids=["exograd", "example"])
def test_sections_v2_give_v1_s_blocks_and_the_headings_made_from_facts(project: Path) -> None:
    for release in releases_of(project):
        for locale in release.locales:
            v1_policy, v2_policy, keys = both_models(release, locale)
            before, after = sections(v1_policy), sections_v2(v2_policy)
            assert [(s.anchor, s.title) for s in after] == [(s.anchor, s.title) for s in before]
            for old, new in zip(before, after, strict=True):
                blocks = [(b.path, b.text) for b in new.blocks]
                from_facts = [
                    (b.path, b.text) for b in new.blocks if b.path.removesuffix(".title") in processors(release)
                ]
                assert [b for b in blocks if b not in from_facts] == [(keys[b.path], b.text) for b in old.blocks]
                if old.key == "processors":
                    assert from_facts == [(f"{p.id}.title", p.name) for p in release.policy.processors.processors]
                else:
                    assert from_facts == []


def processors(release: Release) -> set[str]:
    return {p.id for p in release.policy.processors.processors}


def test_the_redline_of_converted_releases_is_v1_s_with_headings_made_from_facts() -> None:
    releases = releases_of(ROOT / EXAMPLE)
    for old, new in itertools.pairwise(releases):
        (v1_old, v2_old, keys), (v1_new, v2_new, new_keys) = both_models(old, "fr"), both_models(new, "fr")
        keys = {**keys, **new_keys}
        v1_diff = redline_of(sections(v1_old), sections(v1_new))
        v2_diff = redline_of(sections_v2(v2_old), sections_v2(v2_new))
        assert [(s.anchor, s.status, s.moved, s.title_ops) for s in v2_diff] == [
            (s.anchor, s.status, s.moved, s.title_ops) for s in v1_diff
        ]
        named = processors(old) | processors(new)
        for v1_section, v2_section in zip(v1_diff, v2_diff, strict=True):
            text_blocks = [b for b in v2_section.blocks if b.path.removesuffix(".title") not in named]
            assert [(b.path, b.status, b.ops, b.moved) for b in text_blocks] == [
                (keys[b.path], b.status, b.ops, b.moved) for b in v1_section.blocks
            ]
