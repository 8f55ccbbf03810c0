"""Dated versions, on the example's real history: release, the archive's guards, pages, versions.json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from policydocs.versions.archive import content, digest_of, load_releases, write_release

from .conftest import EXAMPLE, ROOT, new_note, read_catalog, reworded, run, write_catalog

VERSIONS = ["2023-01-15", "2024-03-01", "2024-06-10", "2027-03-01"]


def build(example: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run(example, "build", *args, env=env)


def built(example: Path, *args: str) -> Path:
    result = build(example, *args)
    assert result.returncode == 0, result.stderr
    return Path(args[args.index("--site-dir") + 1]) if "--site-dir" in args else example / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_history_lists_every_version_newest_first_with_localized_dates(example: Path) -> None:
    site = built(example, "--date", "2026-11-27")
    french = page(site, "fr/history/index.html")
    english = page(site, "en/history/index.html")
    fr_dates = ["1er mars 2027", "10 juin 2024", "1er mars 2024", "15 janvier 2023"]
    en_dates = ["1 March 2027", "10 June 2024", "1 March 2024", "15 January 2023"]
    for text, dates in ((french, fr_dates), (english, en_dates)):
        positions = [text.index(f">{d}<") for d in dates]
        assert positions == sorted(positions)
    assert english.count("Material change") == 2 and english.count("Editorial change") == 1
    assert "Archived · First version · published on 15 January 2023" in english  # neither material nor editorial
    assert "Archivée · Première version · publiée le 15 janvier 2023" in french
    assert "À venir" in french and "En vigueur" in french and french.count("Archivée") == 2
    assert "Delivery by Transports Hirondelle" in english
    assert "Livraison par Transports Hirondelle" in french
    for slug in VERSIONS:
        assert f'href="../versions/{slug}/"' in english


def test_every_frozen_version_has_its_permanent_address_and_banner(example: Path) -> None:
    site = built(example, "--date", "2026-11-27")
    archived = page(site, "fr/versions/2024-03-01/index.html")
    assert "Version archivée, en vigueur du 1er mars 2024 au 9 juin 2024." in archived
    assert "trois (3) ans après la dernière commande" in archived
    first = page(site, "en/versions/2023-01-15/index.html")
    assert "Archived version, in force from 15 January 2023 to 29 February 2024." in first
    assert "one (1) year after the last order" in first
    assert "Transports Hirondelle" not in first
    upcoming = page(site, "en/versions/2027-03-01/index.html")
    assert "Upcoming version, in force from 1 March 2027." in upcoming
    assert "Courrier Bleu" in upcoming
    current = page(site, "en/index.html")
    assert "Version in force since 10 June 2024." in current
    assert "A new version will take effect on 1 March 2027." in current
    assert 'href="versions/2027-03-01/"' in current
    assert "Courrier Bleu" not in current


def test_frozen_pages_are_byte_identical_across_two_builds(example: Path, tmp_path: Path) -> None:
    first = built(example, "--date", "2026-11-27", "--site-dir", str(tmp_path / "one"))
    second = built(example, "--date", "2026-11-27", "--site-dir", str(tmp_path / "two"))
    frozen = sorted(p.relative_to(first) for p in first.glob("*/versions/*/index.html"))
    assert len(frozen) == 8
    for relative in frozen:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
    assert (first / "versions.json").read_bytes() == (second / "versions.json").read_bytes()


def test_the_first_build_on_the_effective_date_makes_the_upcoming_version_current(example: Path) -> None:
    before = built(example, "--date", "2027-02-28")
    assert "Version en vigueur depuis le 10 juin 2024." in page(before, "fr/index.html")
    after = built(example, "--date", "2027-03-01")
    current = page(after, "fr/index.html")
    assert "Version en vigueur depuis le 1er mars 2027." in current
    assert "Courrier Bleu" in current
    assert "Une nouvelle version entrera en vigueur" not in current
    assert "en vigueur du 10 juin 2024 au 28 février 2027" in page(after, "fr/versions/2024-06-10/index.html")


def test_source_date_epoch_sets_the_build_date(example: Path) -> None:
    result = build(example, env={"SOURCE_DATE_EPOCH": "1803859200"})  # 2027-03-01T00:00:00Z
    assert result.returncode == 0, result.stderr
    assert json.loads(page(example / "site", "versions.json"))["current"] == "2027-03-01"


def test_versions_json_answers_which_version_applied_when(example: Path) -> None:
    site = built(example, "--date", "2026-11-27")
    document = json.loads(page(site, "versions.json"))
    assert document["build_date"] == "2026-11-27"
    assert document["current"] == "2024-06-10"
    spans = [(v["effective_from"], v["effective_to"], v["status"], v["class"]) for v in document["versions"]]
    assert spans == [
        ("2023-01-15", "2024-02-29", "archived", "initial"),
        ("2024-03-01", "2024-06-09", "archived", "material"),
        ("2024-06-10", "2027-02-28", "current", "editorial"),
        ("2027-03-01", None, "upcoming", "material"),
    ]
    for version in document["versions"]:
        assert version["digest"].startswith("sha256:")
        for locale in ("fr", "en"):
            relative = f"{locale}/versions/{version['effective_from']}/"
            # The example names its site_url, so addresses are absolute.
            assert version["addresses"][locale] == f"https://www.librairie-papillon.example/confidentialite/{relative}"
            assert (site / relative / "index.html").is_file()
    chain = [v["previous_digest"] for v in document["versions"]]
    assert chain == [None] + [v["digest"] for v in document["versions"][:-1]]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2023-01-15", "2023-01-15"),
        ("2024-02-29", "2023-01-15"),
        ("2024-03-01", "2024-03-01"),
        ("2024-06-09", "2024-03-01"),
        ("2024-06-10", "2024-06-10"),
        ("2027-02-28", "2024-06-10"),
        ("2027-03-01", "2027-03-01"),
        ("2031-01-01", "2027-03-01"),
    ],
)
def test_version_at_on_every_boundary(day: str, expected: str) -> None:
    result = run(ROOT / EXAMPLE, "version-at", day, "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["effective_from"] == expected
    site = "https://www.librairie-papillon.example/confidentialite/"  # mkdocs.yml's site_url
    assert answer["addresses"] == {"fr": f"{site}fr/versions/{expected}/", "en": f"{site}en/versions/{expected}/"}


def test_version_at_before_the_first_version() -> None:
    result = run(ROOT / EXAMPLE, "version-at", "2023-01-14")
    assert result.returncode == 1
    assert result.stderr == "error: no version was in force on 2023-01-14: the first took effect on 2023-01-15\n"


def test_version_at_prints_the_span_and_addresses() -> None:
    result = run(ROOT / EXAMPLE, "version-at", "2024-03-01")
    assert result.stdout == (
        "2024-03-01 (in force from 2024-03-01 until 2024-06-09; data/releases/2024-03-01.yml)\n"
        "  fr: https://www.librairie-papillon.example/confidentialite/fr/versions/2024-03-01/\n"
        "  en: https://www.librairie-papillon.example/confidentialite/en/versions/2024-03-01/\n"
    )


def test_version_at_gives_addresses_from_the_sites_root_without_a_site_url(example: Path) -> None:
    config = example / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.startswith("site_url:")), encoding="utf-8")
    assert run(example, "version-at", "2024-03-01").stdout.splitlines()[1:] == [
        "  fr: fr/versions/2024-03-01/",
        "  en: en/versions/2024-03-01/",
    ]
    answer = json.loads(run(example, "version-at", "2024-03-01", "--json").stdout)
    assert answer["addresses"] == {"fr": "fr/versions/2024-03-01/", "en": "en/versions/2024-03-01/"}


# The guards: each stops the build, and `policydocs check`, naming the file.


def assert_stopped(example: Path, message: str) -> None:
    for command in (("build", "--date", "2026-11-27"), ("check", "--date", "2026-11-27")):
        result = run(example, *command)
        assert result.returncode == 1, (command, result.stderr)
        assert message in result.stderr, (command, result.stderr)
    assert not (example / "site").exists()


def test_a_release_edited_by_hand_stops_the_build(example: Path) -> None:
    path = example / "data" / "releases" / "2024-03-01.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("trois (3) ans après", "cinq (5) ans après"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("digest:"))
    assert_stopped(
        example, f"data/releases/2024-03-01.yml:{line}:9: digest: digest mismatch: this frozen release was edited"
    )
    checked = run(example, "check")
    assert "sha256:" not in checked.stderr + checked.stdout  # never the digest to paste to hide the edit


def test_a_removed_release_breaks_the_chain(example: Path) -> None:
    (example / "data" / "releases" / "2024-03-01.yml").unlink()
    assert_stopped(example, "data/releases/2024-06-10.yml:")
    result = run(example, "check")
    assert "previous_digest: broken chain: does not match the digest of data/releases/2023-01-15.yml" in result.stderr


def test_a_missing_first_link_is_named(example: Path) -> None:
    (example / "data" / "releases" / "2023-01-15.yml").unlink()
    assert_stopped(example, "data/releases/2024-03-01.yml:")
    assert "missing link: names a release before this one" in run(example, "check").stderr


def test_an_undated_change_stops_the_build(example: Path) -> None:
    data = example / "data" / "policy.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("six (6) mois", "six (6) mois calendaires"))
    assert_stopped(
        example,
        "error: data/policy.yml:6:17: differs from release 2027-03-01 but keeps its effective date: "
        "set a new effective_date and run policydocs release\n",
    )


def test_a_changed_translation_is_a_change_too(example: Path) -> None:
    catalog = example / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Your IP address.", "Your IP address (IPv4/IPv6)."))
    assert_stopped(example, "data/policy.yml:6:17: differs from release 2027-03-01 but keeps its effective date")


def test_a_material_change_without_enough_notice_stops_the_build(example: Path) -> None:
    releases_dir = example / "data" / "releases"
    releases = load_releases(releases_dir, "data/releases", notice_days=30)
    newest = releases[-1]
    # Re-sign the newest release as if it had been published ten days before it takes effect.
    body = content(
        newest.policy,
        newest.text,
        published=newest.effective_date.replace(day=1) - __import__("datetime").timedelta(days=10),
        change_class="material",
        locales=newest.locales,
        previous_digest=newest.previous_digest,
    )
    write_release(releases_dir / "2027-03-01.yml", body, digest_of(body))
    assert_stopped(
        example,
        "data/releases/2027-03-01.yml:4:12: published: a material change needs 30 days' notice: "
        "published on 2027-02-19, it takes effect on 2027-03-01, 10 days later",
    )


def test_unreleased_changes_stop_the_build_but_build_draft_shows_them(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    data.write_text(text.replace("six (6) mois", "six (6) mois calendaires"), encoding="utf-8")
    result = build(example, "--date", "2026-11-27")
    assert result.returncode == 1
    assert "data/policy.yml:6:17: changes not yet released (effective 2027-06-01): run `policydocs release`" in (
        result.stderr
    )
    staging = build(example, "--date", "2026-11-27", "--draft")
    assert staging.returncode == 0, staging.stderr
    assert not (example / "site").exists()  # a staging copy beside the published site, never over it
    current = page(example / "site-draft", "fr/index.html")
    assert "Brouillon, non publié" in current
    assert '<mark class="policydocs-untranslated"' not in current
    assert "six (6) mois calendaires" in current


# `policydocs release`: what it writes, and what it refuses, writing nothing.


def snapshot(example: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (example / "data").rglob("*") if p.is_file()}


def test_release_freezes_data_text_dates_class_and_chain(example: Path) -> None:
    reworded(example, "2027-03-15")
    result = run(example, "release", "--class", "editorial", "--published", "2027-03-10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "data/releases/2027-03-15.yml: version of 2027-03-15 released (editorial), published 2027-03-10, sha256:"
    )
    frozen = yaml.safe_load((example / "data" / "releases" / "2027-03-15.yml").read_text(encoding="utf-8"))
    assert frozen["published"] == "2027-03-10"
    assert frozen["change_class"] == "editorial"
    assert frozen["locales"] == ["fr", "en"]
    assert frozen["policy"]["format"] == "2"  # a new release is written in the format of today's model
    introduction = next(s for s in frozen["policy"]["sections"] if s["id"] == "introduction")
    assert introduction["blocks"][0]["paragraph"].startswith("La Librairie Papillon vend des livres neufs")
    assert frozen["text"]["en"]["introduction.scope"].startswith("Librairie Papillon sells new books")
    previous = yaml.safe_load((example / "data" / "releases" / "2027-03-01.yml").read_text(encoding="utf-8"))
    assert frozen["previous_digest"] == previous["digest"]
    assert run(example, "check", "--date", "2027-03-15").returncode == 0


def test_release_refuses_when_nothing_changed(example: Path) -> None:
    before = snapshot(example)
    result = run(example, "release", "--class", "editorial")
    assert (result.returncode, result.stderr) == (
        1,
        "error: data/policy.yml: nothing changed since release 2027-03-01: nothing to release\n",
    )
    assert snapshot(example) == before


def test_release_refuses_an_effective_date_not_after_the_newest(example: Path) -> None:
    data = example / "data" / "policy.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("six (6) mois", "six (6) mois calendaires"))
    before = snapshot(example)
    result = run(example, "release", "--class", "editorial")
    assert result.returncode == 1
    assert result.stderr.startswith("error: locales/en/LC_MESSAGES/policy.po: 1 string untranslated")
    catalog = example / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    # With the translation done, the date is what is wrong.
    assert run(example, "i18n", "extract").returncode == 0
    assert run(example, "i18n", "update").returncode == 0
    po = catalog.read_text(encoding="utf-8")
    catalog.write_text(po.replace('#, fuzzy\n#| msgid "Les données des visiteurs sont conservées six (6) mois."\n', ""))
    before = snapshot(example)
    result = run(example, "release", "--class", "editorial")
    assert result.stderr == (
        "error: data/policy.yml: effective_date 2027-03-01 is not after the newest release's (2027-03-01): "
        "set a later effective_date\n"
    )
    assert snapshot(example) == before


def test_release_refuses_a_material_change_without_notice(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-03-20")
    data.write_text(text.replace("title: Prestataires", "title: Nos prestataires"), encoding="utf-8")
    assert run(example, "i18n", "extract").returncode == 0
    assert run(example, "i18n", "update").returncode == 0
    catalog = example / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('#, fuzzy\n#| msgid "Prestataires"\n', ""))
    new_note(example)
    before = snapshot(example)
    result = run(example, "release", "--class", "material", "--published", "2027-03-10")
    assert result.stderr == (
        "error: data/policy.yml: a material change needs 30 days' notice: published on 2027-03-10, it takes "
        "effect on 2027-03-20, 10 days later; set an effective_date on or after 2027-04-09\n"
    )
    assert snapshot(example) == before
    assert run(example, "release", "--class", "editorial", "--published", "2027-03-10").returncode == 0


def test_exograd_first_release_is_the_published_policy() -> None:
    releases = load_releases(ROOT / "data" / "releases", "data/releases", notice_days=30)
    assert [r.effective_date.isoformat() for r in releases] == ["2022-12-26"]
    first = releases[0]
    assert first.published.isoformat() == "2022-12-26"
    assert first.previous_digest is None
    assert first.text["en"]["title"] == "Privacy Policy"


def test_release_refuses_a_published_date_before_the_previous_versions(example: Path) -> None:
    reworded(example, "2027-04-01")
    before = snapshot(example)
    result = run(example, "release", "--class", "editorial", "--published", "2026-11-01", clock="2026-11-27")
    assert (result.returncode, result.stderr) == (
        1,
        "error: --published 2026-11-01 is before the previous version's published date (2026-11-20): "
        "the record cannot be back-dated\n",
    )
    assert snapshot(example) == before


def test_source_date_epoch_never_back_dates_a_release(example: Path) -> None:
    """SOURCE_DATE_EPOCH fixes a build's timestamps; the record's dates are the clock's."""
    reworded(example, "2027-04-01")
    last_year = {"SOURCE_DATE_EPOCH": "1764201600"}  # 2025-11-27
    made = run(example, "release", "--class", "editorial", env=last_year, clock="2026-11-27")
    assert made.returncode == 0, made.stderr
    assert "published 2026-11-27" in made.stdout
    frozen = yaml.safe_load((example / "data" / "releases" / "2027-04-01.yml").read_text(encoding="utf-8"))
    assert (frozen["published"], "forced" in frozen) == ("2026-11-27", False)


def test_a_past_published_date_needs_a_reason_which_is_recorded(example: Path) -> None:
    reworded(example, "2027-04-01")
    before = snapshot(example)
    refused = run(example, "release", "--class", "editorial", "--published", "2026-11-22", clock="2026-11-27")
    assert refused.returncode == 1
    assert "--published 2026-11-22 is in the past (today is 2026-11-27)" in refused.stderr
    assert snapshot(example) == before
    # Within a day's tolerance, no reason is asked.
    args = ("release", "--class", "editorial", "--dry-run", "--published", "2026-11-26")
    assert run(example, *args, clock="2026-11-27").returncode == 0
    reason = "Published on the intranet on 22 November; released here late."
    forced = run(
        example,
        "release",
        "--class",
        "editorial",
        "--published",
        "2026-11-22",
        "--force",
        reason,
        clock="2026-11-27",
    )
    assert forced.returncode == 0, forced.stderr
    frozen = yaml.safe_load((example / "data" / "releases" / "2027-04-01.yml").read_text(encoding="utf-8"))
    assert frozen["forced"] == reason


def test_a_version_published_in_the_future_is_not_announced_before_that_day(example: Path) -> None:
    reworded(example, "2027-04-01")
    assert run(example, "release", "--class", "editorial", "--published", "2027-01-10").returncode == 0
    early = run(example, "build", "--date", "2026-12-01")
    assert early.returncode == 0, early.stderr
    versions = json.loads((example / "site" / "versions.json").read_text(encoding="utf-8"))
    assert "2027-04-01" not in [v["effective_from"] for v in versions["versions"]]
    feed = (example / "site" / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert "2027-04-01" not in feed
    assert "2027-04-01" not in (example / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert not (example / "site" / "fr" / "versions" / "2027-04-01").exists()
    on_the_day = run(example, "build", "--date", "2027-01-10")
    assert on_the_day.returncode == 0, on_the_day.stderr
    assert (example / "site" / "fr" / "versions" / "2027-04-01" / "index.html").is_file()
    assert "2027-04-01" in (example / "site" / "fr" / "feed.xml").read_text(encoding="utf-8")


def test_a_dry_run_and_the_draft_diff_show_the_change_and_write_nothing(example: Path) -> None:
    reworded(example, "2027-04-01")
    before = snapshot(example)
    dry = run(example, "release", "--dry-run", "--published", "2027-02-01")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith(
        "dry run, nothing written: data/releases/2027-04-01.yml would be the version of 2027-04-01 (editorial), "
        "published 2027-02-01, sha256:"
    )
    assert "what changed (suggested class: editorial):" in dry.stdout
    assert "policydocs diff current draft" in dry.stdout
    diff = run(example, "diff", "2027-03-01", "draft", "--format", "json")
    assert diff.returncode == 0, diff.stderr
    data = json.loads(diff.stdout)
    assert (data["old"], data["new"], data["material"]) == ("2027-03-01", "2027-04-01", False)
    assert any("neufs" in op[1] for s in data["sections"] for b in s["blocks"] for op in b["ops"] if op[0] == "insert")
    assert snapshot(example) == before


def test_a_reworded_block_that_states_no_fact_needs_a_class_given(example: Path) -> None:
    """Nothing tells whether a sentence tied to no fact changes what the policy says: a person decides."""
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    old = "            paragraph: Nous vous écrivons pour confirmer chaque commande et son expédition.\n"
    assert old in text
    added = "          - id: no-ads\n            paragraph: Ces emails ne contiennent aucune publicité.\n"
    data.write_text(text.replace(old, old + added), encoding="utf-8")
    assert run(example, "i18n", "extract").returncode == 0
    assert run(example, "i18n", "update").returncode == 0
    catalog = read_catalog(example)
    catalog.get(
        "Ces emails ne contiennent aucune publicité.", context="order-emails.no-ads"
    ).string = "These emails carry no advertising."
    write_catalog(example, catalog)
    new_note(example)
    before = snapshot(example)
    unsure = run(example, "release", "--published", "2027-04-01")
    assert unsure.returncode == 1
    assert unsure.stderr == (
        "error: data/policy.yml: reworded text that states no fact, so nothing tells whether the change is "
        "material: order-emails.no-ads; read the redline (policydocs diff current draft) and give --class "
        "material or --class editorial\n"
    )
    assert snapshot(example) == before
    assert run(example, "release", "--published", "2027-04-01", "--class", "editorial").returncode == 0
