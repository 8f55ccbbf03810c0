"""Withdrawing an announced version: frozen beside its release, shown everywhere, its date never reused."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from xml.etree import ElementTree

import yaml

from policydocs.versions.archive import WITHDRAWAL_HEADER, digest_of, load_releases
from policydocs.words import long_date

from .conftest import edit_data, new_note, run
from .test_fidelity import EFFECTIVE, TODAY, _revise
from .test_serve import serving as previewing
from .test_serve import wait_for

REASON = "Le nouvel hébergeur n’est pas encore choisi."
WITHDRAWAL = f"data/releases/withdrawals/{EFFECTIVE}.yml"
LATER = (datetime.date.fromisoformat(EFFECTIVE) + datetime.timedelta(days=30)).isoformat()
ATOM = "{http://www.w3.org/2005/Atom}"


def _announce(project: Path) -> None:
    """Exograd's next version, released today and taking effect in 60 days: announced, not in force."""
    _revise(project)
    released = run(project, "release", "--published", TODAY.isoformat())
    assert released.returncode == 0, released.stderr


def _withdraw(project: Path, *args: str) -> None:
    done = run(project, "withdraw", EFFECTIVE, "--reason", REASON, *args)
    assert done.returncode == 0, done.stderr


def test_an_announced_version_is_withdrawn_and_every_page_and_file_says_so(project: Path) -> None:
    _announce(project)
    release = project / "data" / "releases" / f"{EFFECTIVE}.yml"
    frozen = release.read_bytes()

    dry = run(project, "withdraw", EFFECTIVE, "--reason", REASON, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith(f"dry run, nothing written: {WITHDRAWAL} would withdraw the version of {EFFECTIVE}")
    assert not (project / WITHDRAWAL).exists()

    done = run(project, "withdraw", EFFECTIVE, "--reason", REASON)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"{WITHDRAWAL}: version of {EFFECTIVE} withdrawn on {TODAY}, before it took effect; "
        "the version of 2022-12-26 stays in force, sha256:"
    )
    text = (project / WITHDRAWAL).read_text(encoding="utf-8")
    assert text.startswith(WITHDRAWAL_HEADER)
    fields = yaml.safe_load(text)
    assert list(fields) == ["version", "version_digest", "withdrawn", "reason", "digest"]
    assert fields["withdrawn"] == TODAY.isoformat() and fields["reason"] == REASON
    assert release.read_bytes() == frozen  # the release stays, byte for byte: it is part of the chain
    *_, withdrawn = load_releases(project / "data" / "releases", "data/releases", notice_days=30)
    assert withdrawn.withdrawn is not None and withdrawn.withdrawn.digest == fields["digest"]
    assert fields["version_digest"] == withdrawn.digest

    assert run(project, "check").returncode == 0
    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    french, english = long_date(TODAY, "fr"), long_date(TODAY, "en")
    history = (site / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    assert f"Retirée le {french}: {REASON}" in history  # the house writes no space before « : »
    assert "Retirée · Modification substantielle" in history
    history = (site / "en" / "history" / "index.html").read_text(encoding="utf-8")
    assert f"Withdrawn on {english}: {REASON}" in history
    page = (site / "fr" / "versions" / EFFECTIVE / "index.html").read_text(encoding="utf-8")
    assert f"elle a été retirée le {french} et n’est jamais entrée en vigueur." in page
    assert f"Motif indiqué: {REASON}" in page
    page = (site / "en" / "versions" / EFFECTIVE / "index.html").read_text(encoding="utf-8")
    assert f"it was withdrawn on {english} and never took effect." in page
    for locale in ("fr", "en"):
        current = (site / locale / "index.html").read_text(encoding="utf-8")
        assert f"versions/{EFFECTIVE}/" not in current  # no longer announced
        feed = ElementTree.parse(site / locale / "feed.xml").getroot()
        entries = {
            entry.findtext(f"{ATOM}id", "").rsplit("/", 2)[-2:][-1]: entry for entry in feed.iter(f"{ATOM}entry")
        }
        notice = entries["withdrawn"]
        assert notice.find(f"{ATOM}category").get("term") == "withdrawn"  # type: ignore[union-attr]
        assert notice.findtext(f"{ATOM}updated") == f"{TODAY}T00:00:00Z"
        assert REASON in notice.findtext(f"{ATOM}summary", "")
        version = entries[EFFECTIVE]
        assert version.findtext(f"{ATOM}updated") == f"{TODAY}T00:00:00Z"  # the version's own entry, updated
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert versions["current"] == "2022-12-26"
    entry = versions["versions"][-1]
    assert (entry["status"], entry["effective_to"]) == ("withdrawn", None)
    assert entry["withdrawn"] == {
        "day": TODAY.isoformat(),
        "reason": REASON,
        "digest": fields["digest"],
        "record": f"https://exograd.com/privacy/versions/withdrawals/{EFFECTIVE}.yml",
    }
    assert (site / "versions" / "withdrawals" / f"{EFFECTIVE}.yml").read_bytes() == (project / WITHDRAWAL).read_bytes()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"versions/{EFFECTIVE}/</loc>\n    <lastmod>{TODAY}</lastmod>" in sitemap

    # After the date it was to take effect, the version before it is still in force.
    after = (datetime.date.fromisoformat(EFFECTIVE) + datetime.timedelta(days=1)).isoformat()
    assert run(project, "build", "--date", after).returncode == 0
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert versions["current"] == "2022-12-26"
    assert [(v["status"], v["effective_to"]) for v in versions["versions"]] == [("current", None), ("withdrawn", None)]
    assert "Version en vigueur depuis le 26 décembre 2022." in (site / "fr" / "index.html").read_text(encoding="utf-8")
    at = run(project, "version-at", after, "--json")
    assert json.loads(at.stdout)["effective_from"] == "2022-12-26" and json.loads(at.stdout)["effective_to"] is None
    notice = run(project, "notice", EFFECTIVE, "--lang", "fr")
    assert notice.returncode == 1 and "was withdrawn on" in notice.stderr

    with previewing(project) as url:  # the preview too
        wait_for(f"{url}fr/history/", f"Retirée le {french}")


def test_a_withdrawn_date_is_not_reused_and_the_next_version_chains_to_the_withdrawn_one(project: Path) -> None:
    _announce(project)
    _withdraw(project)
    new_note(project, "Une autre date d’entrée en vigueur.", "Another effective date.")
    reused = run(project, "release")
    assert reused.returncode == 1
    assert (
        f"error: data/policy.yml: effective_date {EFFECTIVE} is the date of a version withdrawn on {TODAY}: "
        "a withdrawn version's date is not reused; set a later effective_date"
    ) in reused.stderr

    edit_data(project, (f"effective_date: {EFFECTIVE}", f"effective_date: {LATER}"))
    released = run(project, "release")
    assert released.returncode == 0, released.stderr
    # What changes is told against the version in force, not the withdrawn one: still a material change.
    assert f"version of {LATER} released (material)" in released.stdout
    releases = load_releases(project / "data" / "releases", "data/releases", notice_days=30)
    assert [r.effective_date.isoformat() for r in releases] == ["2022-12-26", EFFECTIVE, LATER]
    assert releases[2].previous_digest == releases[1].digest  # the chain stays whole
    assert run(project, "check").returncode == 0
    assert run(project, "build").returncode == 0
    versions = json.loads((project / "site" / "versions.json").read_text(encoding="utf-8"))
    assert [v["status"] for v in versions["versions"]] == ["current", "withdrawn", "upcoming"]
    changes = (project / "site" / "en" / "versions" / LATER / "changes" / "index.html").read_text(encoding="utf-8")
    assert "What changes between the version of 26 December 2022 and the version of" in changes
    current = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert f"versions/{LATER}/" in current and f"versions/{EFFECTIVE}/" not in current


def test_a_version_in_force_or_archived_cannot_be_withdrawn(project: Path, example: Path) -> None:
    releases = project / "data" / "releases"
    refused = run(project, "withdraw", "2022-12-26", "--reason", "une erreur")
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: the version of 2022-12-26 took effect on 2022-12-26 and is in force: only an announced version can "
        "be withdrawn before it takes effect; release a new version to change it\n"
    )
    archived = run(example, "withdraw", "2024-03-01", "--reason", "une erreur")
    assert archived.returncode == 1 and "took effect on 2024-03-01 and is archived" in archived.stderr
    unknown = run(project, "withdraw", "2030-01-01", "--reason", "une erreur")
    assert unknown.returncode == 1
    assert "no release of 2030-01-01 in data/releases/ (releases: 2022-12-26)" in unknown.stderr
    _announce(project)
    empty = run(project, "withdraw", EFFECTIVE, "--reason", "  ")
    assert empty.returncode == 1 and "--reason: say why" in empty.stderr
    assert not (releases / "withdrawals").exists()


def test_an_edited_withdrawal_is_named_without_the_digest_to_paste(project: Path) -> None:
    _announce(project)
    _withdraw(project)
    path = project / WITHDRAWAL
    text = path.read_text(encoding="utf-8").replace(REASON, "Une autre raison.")
    path.write_text(text, encoding="utf-8")
    edited = yaml.safe_load(text)
    paste = digest_of({k: v for k, v in edited.items() if k != "digest"})
    checked = run(project, "check")
    assert checked.returncode == 1
    line = text.split("\n").index(f"digest: {edited['digest']}") + 1
    assert (
        f"{WITHDRAWAL}:{line}:9: digest: digest mismatch: this frozen withdrawal was edited after it was frozen"
        in checked.stderr
    )
    assert paste not in checked.stderr + checked.stdout and "sha256:" not in checked.stderr
    assert run(project, "build").returncode == 1
