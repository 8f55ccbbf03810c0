"""`policydocs build`: the locales built in processes of their own give the site a build in turn gives."""

from __future__ import annotations

from pathlib import Path

from .conftest import files_of
from .conftest import run as policydocs

REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "1795737600", "POLICYDOCS_CACHE": "off"}

# A mkdocs hook (a real one, loaded by mkdocs from mkdocs.yml) that breaks the build of one locale only.
FAILING_HOOK = """
import os
from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    if config.theme["language"] == "en":
        if os.environ.get("BREAK_HOW") == "exit":
            os._exit(3)  # the process dies, as one killed by the system would
        raise PluginError("the English pages are refused by this hook")
    return markdown
"""


def test_locales_built_in_parallel_give_the_same_bytes_as_built_in_turn(example: Path, tmp_path: Path) -> None:
    in_turn = policydocs(example, "build", "--jobs", "1", "-d", str(tmp_path / "in-turn"), env=REPRODUCIBLE)
    assert in_turn.returncode == 0, in_turn.stderr
    at_once = policydocs(example, "build", "--jobs", "2", "-d", str(tmp_path / "at-once"), env=REPRODUCIBLE)
    assert at_once.returncode == 0, at_once.stderr
    assert at_once.stderr == in_turn.stderr
    sequential, parallel = files_of(tmp_path / "in-turn"), files_of(tmp_path / "at-once")
    assert len(sequential) > 100
    assert sorted(parallel) == sorted(sequential)
    assert [name for name in sequential if parallel[name] != sequential[name]] == []


def with_failing_hook(project: Path) -> None:
    (project / "failing_hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - failing_hook.py\n", encoding="utf-8")


def test_a_locale_failing_in_its_process_says_why_and_leaves_the_previous_site(project: Path) -> None:
    assert policydocs(project, "build").returncode == 0
    before = files_of(project / "site")
    with_failing_hook(project)
    for jobs in ("2", "1"):  # the same message, whether English built in a process of its own or not
        result = policydocs(project, "build", "--jobs", jobs)
        assert result.returncode == 1
        # mkdocs says what failed (logged from the locale's process), then the build stops with the locale's name.
        assert "ERROR: the English pages are refused by this hook" in result.stderr
        assert result.stderr.splitlines()[-1] == "error: en: Aborted with a BuildError!", result.stderr
        assert "Traceback" not in result.stderr
        assert files_of(project / "site") == before
        assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_locale_whose_process_dies_is_a_clear_error_and_leaves_the_previous_site(project: Path) -> None:
    assert policydocs(project, "build").returncode == 0
    before = files_of(project / "site")
    with_failing_hook(project)
    result = policydocs(project, "build", "--jobs", "2", env={"BREAK_HOW": "exit"})
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("error: ") and last.endswith(
        ": a build process stopped before this was built (killed by the system, or out of memory?)"
    ), result.stderr
    assert "en" in last.removeprefix("error: ").split(":")[0].split(", ")
    assert "Traceback" not in result.stderr
    assert files_of(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_jobs_must_be_a_positive_number(project: Path) -> None:
    result = policydocs(project, "build", "--jobs", "0")
    assert result.returncode == 2
    assert 'expected a number of processes, 1 or more, got "0"' in result.stderr


def test_a_page_failing_to_render_in_a_process_says_the_same_as_in_turn(project: Path) -> None:
    assert policydocs(project, "build").returncode == 0
    before = files_of(project / "site")
    # A template error that only English meets, while the locales' pages are made in their processes.
    template = project / "templates" / "policy.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% if not binding %}", "{% if not binding %}{{ policy.nope }}"), encoding="utf-8")
    at_once, in_turn = (policydocs(project, "build", "--jobs", jobs) for jobs in ("2", "1"))
    assert at_once.returncode == in_turn.returncode == 1
    assert at_once.stderr == in_turn.stderr
    assert "nope" in at_once.stderr and "Traceback" not in at_once.stderr
    assert files_of(project / "site") == before


def test_by_default_as_many_locales_build_at_once_as_keep_every_processor_busy_to_the_end() -> None:
    """One process per processor, or more where a round would leave processors idle: five locales on two
    processors, three at a time (2.5 rounds' time, not 3); never more processes than locales."""
    from policydocs.engine.build import balanced_jobs

    assert [balanced_jobs(locales, 2) for locales in range(1, 8)] == [1, 2, 3, 2, 3, 2, 4]
    assert [balanced_jobs(locales, 4) for locales in (2, 4, 5, 8, 9)] == [2, 4, 5, 4, 5]
    assert balanced_jobs(1, 1) == 1 and balanced_jobs(5, 1) == 1
