"""`policydocs verify`: the local record against a published site (served over HTTP) or a former build's folder."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from policydocs.versions.archive import correction_file_text, digest_of, write_release

from .conftest import run, serving
from .test_fidelity import EFFECTIVE, TODAY, _revise

DAY = "2026-11-27"
"""The example's build date, as in its other tests."""


@pytest.fixture
def built(example: Path) -> Path:
    """The example with a history of four versions and four corrections, built as on DAY into site/."""
    done = run(example, "build", "--date", DAY)
    assert done.returncode == 0, done.stderr
    return example


def _verify(project: Path, source: str | Path, *args: str) -> tuple[int, str, dict[str, Any]]:
    text = run(project, "verify", str(source), *args)
    data = run(project, "verify", str(source), "--format", "json")
    assert text.returncode == data.returncode, text.stderr + data.stderr
    assert "sha256:" not in text.stdout + text.stderr + data.stdout  # never a digest to paste
    return text.returncode, text.stdout, json.loads(data.stdout)


def _kinds(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["kind"], f["version"]) for f in report["findings"] if f["difference"]]


def _forge(releases: Path, day: str, change: Callable[[dict[str, Any]], None] | None) -> None:
    """Edit the release of ``day`` (None: remove it) and paste again every digest after it, as a forger would: the
    record stays whole, so that `policydocs check` finds nothing."""
    previous = None
    for path in sorted(releases.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.stem == day and change is None:
            path.unlink()
            for other in releases.glob(f"*/{day}.*"):
                other.unlink()
            continue
        if path.stem == day and change is not None:
            change(data)
        if path.stem >= day:
            data.pop("digest")
            data["previous_digest"] = previous
            data["digest"] = digest_of(data)
            write_release(path, {k: v for k, v in data.items() if k != "digest"}, data["digest"])
            for correction in releases.glob(f"corrections/{path.stem}.*.yml"):
                fixed = yaml.safe_load(correction.read_text(encoding="utf-8"))
                fixed.pop("digest")
                if path.stem == day and change is not None:
                    change(fixed)  # a correction holds the whole policy: the forger edits it the same way
                fixed["version_digest"] = data["digest"]
                correction.write_text(correction_file_text(fixed, digest_of(fixed)), encoding="utf-8")
        previous = data["digest"]


def test_the_record_verifies_against_the_served_site_and_a_former_build(built: Path) -> None:
    site = built / "site"
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "schema" / "versions.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(versions)
    assert versions["$schema"] == "schema/versions.json"
    for name in ("2024-03-01.yml", "corrections/2024-03-01.2026-12-06.yml"):
        assert (site / "versions" / name).read_bytes() == (built / "data" / "releases" / name).read_bytes()
    page = (site / "en" / "versions" / "2024-03-01" / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="policydocs:digest" content="{versions["versions"][1]["digest"]}">' in page

    with serving(site) as url:
        code, text, report = _verify(built, url)
    assert code == 0, text
    assert text == f"4 versions, 0 translations, 4 corrections verified against {url}: 0 differences\n"
    assert report["findings"] == [] and report["build_date"] == DAY
    code, text, _ = _verify(built, "site")
    assert (code, text) == (0, "4 versions, 0 translations, 4 corrections verified against site: 0 differences\n")


def test_a_release_edited_on_the_site_is_reported(built: Path) -> None:
    frozen = built / "site" / "versions" / "2024-03-01.yml"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("Transports Hirondelle", "Transports Martinet"))
    with serving(built / "site") as url:
        code, text, report = _verify(built, url)
    assert code == 1
    assert (
        f"difference: {url}versions/2024-03-01.yml:" in text
        and "digest: digest mismatch: this frozen release was edited after it was released" in text
    )
    assert _kinds(report) == [("record", "2024-03-01")]
    assert text.endswith(f"verified against {url}: 1 difference\n")


def test_a_local_release_edited_with_its_digests_pasted_again_differs_from_what_was_published(built: Path) -> None:
    def reword(data: dict[str, Any]) -> None:
        for name in ("policy", "text"):  # the name in every language, and in the facts
            text = yaml.safe_dump(data[name], allow_unicode=True)
            data[name] = yaml.safe_load(text.replace("Transports Hirondelle", "Transports Martinet"))

    _forge(built / "data" / "releases", "2024-03-01", reword)
    assert run(built, "check", "--date", DAY).returncode == 0  # whole, as far as the local record can tell
    code, text, report = _verify(built, "site")
    assert code == 1
    assert (
        "difference: data/releases/2024-03-01.yml: not the version of 2024-03-01 published on the site "
        "(site/versions/2024-03-01.yml): its content changed after release (its digest differs)"
    ) in text
    # The versions after it were chained to it again: their digests differ from what was published too.
    assert [kind for kind in _kinds(report) if kind[0] == "text"] == [
        ("text", "2024-03-01"),
        ("text", "2024-06-10"),
        ("text", "2027-03-01"),
    ]
    assert ("correction", "2024-03-01") in _kinds(report)


def test_a_removed_version_is_reported_on_either_side(built: Path, tmp_path: Path) -> None:
    former = tmp_path / "former"
    shutil.copytree(built / "site", former)
    index = former / "versions.json"
    document = json.loads(index.read_text(encoding="utf-8"))
    del document["versions"][1]
    index.write_text(json.dumps(document), encoding="utf-8")
    code, text, report = _verify(built, former)
    assert code == 1
    assert (
        "difference: data/releases/2024-03-01.yml: the version of 2024-03-01 is missing from the site, which has "
        "later versions"
    ) in text
    # The site's own chain is broken there too: the version after it names a version the site lacks.
    assert sorted(_kinds(report)) == [("missing", "2024-03-01"), ("record", "2024-06-10")]

    _forge(built / "data" / "releases", "2024-03-01", None)
    code, text, report = _verify(built, "site")
    assert code == 1
    assert (
        "difference: data/releases/2024-03-01.yml: the version of 2024-03-01, published on 2024-01-20 "
        "(site/versions.json), is no longer in the local record"
    ) in text
    assert ("vanished", "2024-03-01") in _kinds(report)


def test_a_changed_published_date_is_reported(built: Path) -> None:
    def earlier(data: dict[str, Any]) -> None:
        if "published" in data:
            data["published"] = "2024-01-15"

    _forge(built / "data" / "releases", "2024-03-01", earlier)
    code, text, report = _verify(built, "site")
    assert code == 1
    assert (
        "difference: data/releases/2024-03-01.yml: published on 2024-01-15 in the local record, on 2024-01-20 on "
        "the site"
    ) in text
    assert ("published", "2024-03-01") in _kinds(report)


def test_a_site_that_is_not_a_policydocs_site_is_said_plainly(built: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    done = run(built, "verify", str(tmp_path / "plain"))
    assert done.returncode == 1
    assert (
        done.stderr == f"error: {tmp_path}/plain/versions.json: not found: not a policydocs site (or not its address)\n"
    )
    (tmp_path / "plain" / "versions.json").write_text("[1, 2]", encoding="utf-8")
    done = run(built, "verify", str(tmp_path / "plain"))
    assert "lists no versions as policydocs writes them: not a policydocs site" in done.stderr
    done = run(built, "verify", "http://127.0.0.1:9/", "--timeout", "2")
    assert done.returncode == 1 and done.stderr.startswith("error: http://127.0.0.1:9/versions.json: cannot be read (")


def test_exograd_verifies_against_its_served_site_then_says_what_is_not_deployed(project: Path) -> None:
    assert run(project, "build").returncode == 0
    with serving(project / "site") as url:
        start = time.perf_counter()
        code, text, _ = _verify(project, url)
        took = time.perf_counter() - start
        assert code == 0, text
        assert text == f"1 version, 0 translations, 1 correction verified against {url}: 0 differences\n"
        assert took < 60  # two runs of the command (text and JSON); measured in the README

        _revise(project)
        assert run(project, "release", "--published", TODAY.isoformat()).returncode == 0
        code, text, _ = _verify(project, url)
        assert code == 0
        assert (
            f"note: data/releases/{EFFECTIVE}.yml: the version of {EFFECTIVE} (published {TODAY}) is not on the" in text
        )

    assert run(project, "build").returncode == 0
    assert run(project, "withdraw", EFFECTIVE, "--reason", "pas encore").returncode == 0
    code, text, report = _verify(project, "site")
    assert code == 0
    assert f"the withdrawal of {TODAY}: not deployed yet" in text
    assert run(project, "build").returncode == 0
    code, text, report = _verify(project, "site")
    assert (code, _kinds(report)) == (0, [])
    assert (
        f"note: data/releases/withdrawals/{EFFECTIVE}.yml: the version of {EFFECTIVE} was withdrawn on {TODAY}" in text
    )


def test_zensical_pages_carry_their_digest_too(built: Path, tmp_path: Path) -> None:
    done = run(built, "build", "--date", DAY, "--engine", "zensical", "-d", str(tmp_path / "zensical"))
    assert done.returncode == 0, done.stderr
    code, text, report = _verify(built, tmp_path / "zensical")
    assert code == 0 and report["findings"] == [], text


def test_a_sites_word_never_names_a_file_outside_the_verification(built: Path, tmp_path: Path) -> None:
    former = tmp_path / "former"
    shutil.copytree(built / "site", former)
    index = former / "versions.json"
    document = json.loads(index.read_text(encoding="utf-8"))
    escape = {"locale": "../../../escaped", "added": "2026-12-01", "digest": "sha256:" + "0" * 64}
    document["versions"][0]["translations"] = [{**escape, "record": "versions/2023-01-15.yml"}]
    document["versions"][1]["addresses"]["fr"] = "../../outside/"
    index.write_text(json.dumps(document), encoding="utf-8")
    code, text, report = _verify(built, former)
    assert code == 1
    assert ("index", "2023-01-15") in _kinds(report) and ("index", "2024-03-01") in _kinds(report)
    assert "gives the fr page of 2024-03-01 no address on the site" in text
    assert not list(Path(tempfile.gettempdir()).glob("escaped*"))  # refused, never written
