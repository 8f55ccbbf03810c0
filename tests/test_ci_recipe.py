"""The CI recipe the README documents: the pre-commit hook this repository defines, and the GitHub workflow."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from pre_commit.clientlib import load_manifest

from .conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    (only,) = load_manifest(str(HOOKS))  # pre-commit's own reader: its schema, its required fields
    return only


def test_the_hooks_file_is_yaml_that_pre_commit_accepts() -> None:
    raw = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(raw, list) and len(raw) == 1
    assert {"id", "name", "entry", "language"} <= set(raw[0])  # what pre-commit requires of a hook
    defined = hook()
    assert defined["id"] == "policydocs-check"
    assert defined["language"] == "python"
    assert defined["pass_filenames"] is False  # check reads the whole project, not the files staged


def test_the_hook_runs_on_the_policy_and_its_catalogs_only() -> None:
    files = re.compile(str(hook()["files"]))
    for path in (
        "data/policy.yml",
        "data/releases/2022-12-26.yml",
        "locales/en/LC_MESSAGES/policy.po",
        "locales/policy.pot",
        "templates/policy.md.j2",
        "mkdocs.yml",
    ):
        assert files.search(path), path
    for path in ("README.md", "src/policydocs/cli.py", "docs/assets/policy.css", "site/fr/index.html"):
        assert not files.search(path), path


def _run_entry(project: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it: the command in the hook's environment, in the repository's root."""
    bin_dir = Path(sys.executable).parent
    command = shlex.split(str(hook()["entry"]))
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1"},
    )


def test_the_hooks_entry_passes_on_exograd_and_stops_a_commit_that_breaks_the_data(project: Path) -> None:
    result = _run_entry(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/policy.yml: valid;")
    data = project / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8")
    line = text[: text.index("duration: P1Y")].count("\n") + 1
    data.write_text(text.replace("duration: P1Y", "duration: one year"), encoding="utf-8")
    broken = _run_entry(project)
    assert broken.returncode == 1
    assert f"data/policy.yml:{line}:17: facts.retention[0].duration: expected an ISO 8601 duration" in broken.stderr


def _workflow() -> dict[str, object]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### In continuous integration\n", 1)[1]
    return yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])


def test_the_readmes_workflow_checks_in_sarif_and_uploads_it() -> None:
    workflow = _workflow()
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    check = next(s for s in steps if "policydocs check" in s.get("run", ""))
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert steps.index(check) < steps.index(upload)
    assert upload["if"] == "always()"
    command = check["run"].split("#", 1)[0].strip()
    assert command == f"policydocs check --format sarif --output {upload['with']['sarif_file']}"


def test_the_readmes_pre_commit_config_names_the_hook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**pre-commit.**", 1)[1]
    config = yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])
    (repo,) = config["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hook()["id"]]
