"""Correcting a version's facts without a new version: Exograd's version of 26 December 2022, its words untouched."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from policydocs.versions.archive import CORRECTION_HEADER, digest_of, load_releases

from .conftest import ROOT, edit_data, read_catalog, run, translate, write_catalog

VERSION = "data/releases/2022-12-26.yml"
CORRECTION = "data/releases/corrections/2022-12-26.2026-12-10.yml"
LABEL = "clients de services"


def _marketing(project: Path) -> None:
    """A label of the customers its text names ("Clients", "services"), missing from the facts."""
    edit_data(
        project,
        (
            "    - id: visitors\n    - id: customers\n",
            f"    - id: visitors\n    - id: customers\n      label: {LABEL}\n",
        ),
    )
    translate(project, {"facts.audiences.customers.label": "customers of the services"})


def _correct(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(project, "release", *args, clock="2026-12-10")


def _rewritten(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """A correction file changed, then given the digest of its new content (as a forger would)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("digest")
    change(data)
    body = {**{k: v for k, v in data.items() if k not in ("policy", "text")}, "digest": digest_of(data)}
    body.update(policy=data["policy"], text=data["text"])
    path.write_text(CORRECTION_HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _blocks(policy: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for section in policy["sections"]:
        found += section.get("blocks", [])
        found += _blocks(section) if "sections" in section else []
    return found


def test_a_correction_of_the_facts_is_frozen_beside_its_version_and_is_not_a_new_version(project: Path) -> None:
    _marketing(project)
    waiting = run(project, "check")
    assert waiting.returncode == 1
    assert (
        "error: data/releases/: the facts of the version of 2022-12-26 are corrected but not frozen: "
        "run `policydocs release` to freeze the correction (it is not a new version)\n"
    ) in waiting.stderr
    assert run(project, "build", "--date", "2026-12-10").returncode == 1

    dry = _correct(project, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would be corrected on 2026-12-10" in dry.stdout
    assert not (project / CORRECTION).exists()

    done = _correct(project, "--note", "the customers' label its text states was missing")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"{CORRECTION}: facts of the version of 2022-12-26 corrected on 2026-12-10, its text unchanged, "
        "not a new version, sha256:"
    )
    releases = project / "data" / "releases"
    assert sorted(p.name for p in releases.glob("*.yml")) == ["2022-12-26.yml"]
    committed = subprocess.run(["git", "show", f"HEAD:{VERSION}"], cwd=ROOT, capture_output=True, check=True).stdout
    assert (project / VERSION).read_bytes() == committed  # the release file itself is never changed
    frozen = (project / CORRECTION).read_text(encoding="utf-8")
    assert frozen.startswith(CORRECTION_HEADER)
    fields = yaml.safe_load(frozen)
    assert list(fields) == ["version", "version_digest", "corrected", "reason", "digest", "policy", "text"]

    (version,) = load_releases(releases, "data/releases", notice_days=30)
    assert version.digest == yaml.safe_load(committed)["digest"] == fields["version_digest"]
    assert [(c.corrected.isoformat(), c.reason, c.digest) for c in version.corrections][-1] == (
        "2026-12-10",
        "the customers' label its text states was missing",
        fields["digest"],
    )
    assert [a.label for a in version.policy.facts.audiences] == [None, LABEL]
    assert version.text["en"]["facts.audiences.customers.label"] == "customers of the services"

    assert run(project, "check").returncode == 0
    again = run(project, "release")
    assert again.returncode == 1 and "nothing to release" in again.stderr
    assert run(project, "build", "--date", "2026-12-10").returncode == 0
    site = project / "site"
    english = (site / "en" / "history" / "index.html").read_text(encoding="utf-8")
    french = (site / "fr" / "history" / "index.html").read_text(encoding="utf-8")
    assert "Facts corrected on 10 December 2026, the text unchanged." in english or (
        "Facts corrected on December 10, 2026, the text unchanged." in english
    )
    assert "Reason: the customers' label its text states was missing" in english
    assert "Faits corrigés le 10 décembre 2026, sans changement du texte." in french
    assert "Motif: the customers' label its text states was missing" in french
    assert english.count("Read this version") == 1  # still one version
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["effective_from"] for v in versions["versions"]] == ["2022-12-26"]
    assert versions["versions"][0]["digest"] == version.digest
    assert "customers of the services" in (site / "en" / "versions" / "2022-12-26" / "index.html").read_text(
        encoding="utf-8"
    )


def test_an_edited_correction_fails_its_digest(project: Path) -> None:
    _marketing(project)
    assert _correct(project).returncode == 0
    path = project / CORRECTION
    path.write_text(path.read_text(encoding="utf-8").replace(LABEL, "prospects"), encoding="utf-8")
    edited = run(project, "check")
    assert edited.returncode == 1
    assert (
        f"{CORRECTION}:6:9: digest: " in edited.stderr
        and "digest mismatch: this frozen correction was edited" in edited.stderr
    )
    assert "sha256:" not in edited.stderr  # no digest to paste back


def test_a_correction_linked_to_another_digest_is_refused(project: Path) -> None:
    _marketing(project)
    assert _correct(project).returncode == 0
    _rewritten(project / CORRECTION, lambda data: data.update(version_digest="sha256:" + "0" * 64))
    refused = run(project, "check")
    assert refused.returncode == 1
    assert f"{CORRECTION}:4:17: version_digest: does not match the digest of the release of 2022-12-26" in (
        refused.stderr
    )


def test_a_correction_file_that_changes_a_word_is_refused(project: Path) -> None:
    _marketing(project)
    assert _correct(project).returncode == 0

    def reword(data: dict[str, Any]) -> None:
        for block in _blocks(data["policy"]):
            if block["id"] == "use" and "commerciales" in block["paragraph"]:
                block["paragraph"] = block["paragraph"].replace("commerciales", "promotionnelles")
        data["text"]["en"]["title"] = "Our Privacy Policy"

    _rewritten(project / CORRECTION, reword)
    refused = run(project, "check")
    assert refused.returncode == 1
    assert "the text of optional-emails.use is not the version's (fr): a correction changes only facts" in (
        refused.stderr
    )
    assert "in en, the text of title is not the version's" in refused.stderr


def test_a_correction_file_whose_facts_disagree_with_the_text_is_refused(project: Path) -> None:
    _marketing(project)
    assert _correct(project).returncode == 0

    def longer(data: dict[str, Any]) -> None:
        for fact in data["policy"]["facts"]["retention"]:
            if fact["id"] == "customer-data":
                fact["duration"] = "P6Y"

    _rewritten(project / CORRECTION, longer)
    refused = run(project, "check")
    assert refused.returncode == 1
    assert (
        f"{CORRECTION}:" in refused.stderr
        and "retention.customer-data.duration: in fr, not what the text stating it says" in refused.stderr
    )


def test_a_changed_text_with_the_same_date_stays_undated(project: Path) -> None:
    _marketing(project)
    catalog = read_catalog(project, "en")  # the facts corrected, and one word of the English text changed
    title = catalog.get("Politique de confidentialité", context="title")
    title.string = "Privacy Notice"
    write_catalog(project, catalog, "en")
    refused = run(project, "release", clock="2026-12-10")
    assert refused.returncode == 1 and "is not after the newest release's" in refused.stderr
    assert "differs from release 2022-12-26 but keeps its effective date" in run(project, "check").stderr
    assert not (project / CORRECTION).exists()


def test_corrected_facts_that_fail_the_tie_are_refused_with_nothing_written(project: Path) -> None:
    edit_data(project, ("      duration: P3Y\n", "      duration: P6Y\n"))
    refused = run(project, "release", clock="2026-12-10")
    assert refused.returncode == 1
    assert (
        "data/policy.yml:" in refused.stderr
        and "retention.customer-data.duration: in fr, not what the text stating it says" in refused.stderr
    )
    assert not (project / CORRECTION).exists()
