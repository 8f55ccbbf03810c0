"""The command line: every command has help with an example, and the README documents every one."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policydocs.cli import COLLECTED_EVERY, parser

from .conftest import ROOT, run


def commands() -> list[tuple[str, argparse.ArgumentParser]]:
    found = []

    def walk(p: argparse.ArgumentParser, prefix: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                        walk(sub, f"{prefix}{name} ")
                    else:
                        found.append((f"{prefix}{name}", sub))

    walk(parser(), "")
    return found


def test_there_are_the_commands_the_readme_promises() -> None:
    names = [name for name, _ in commands()]
    assert names == [
        "new", "import", "check", "build", "release", "diff", "notice", "schema", "export", "version-at", "serve",
        "migrate",
        "withdraw", "verify", "i18n extract", "i18n update", "i18n stats", "i18n init",
    ]  # fmt: skip


@pytest.mark.parametrize("name", [name for name, _ in commands()])
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name: str) -> None:
    result = run(ROOT, *name.split(), "--help")
    assert result.returncode == 0
    assert "example:\n  policydocs " + name in result.stdout
    assert f"policydocs {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_no_command_is_wrong_usage() -> None:
    result = run(ROOT)
    assert result.returncode == 2
    assert "the following arguments are required: COMMAND" in result.stderr


CLOSED_PIPE_COMMANDS = [
    ["check"],
    ["check", "--format", "sarif"],
    ["schema"],
    ["i18n", "stats"],
    ["version-at", "2023-01-01"],
    ["diff", "2022-12-26", "current"],
    ["build", "--site-dir", "{tmp}/site"],
    ["export", "{tmp}/export"],
    ["i18n", "extract", "-o", "{tmp}/policy.pot"],
    ["--help"],
]


@pytest.mark.parametrize("args", CLOSED_PIPE_COMMANDS, ids=" ".join)
def test_output_into_a_closed_pipe_ends_quietly(args: list[str], project: Path, tmp_path: Path) -> None:
    """`policydocs … | head -1`: the reader gone, the command stops as `cat` would, without a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "policydocs", *(arg.format(tmp=tmp_path) for arg in args)],
            cwd=project,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode in (0, 141), done.stderr  # argparse's help ends with 0 whatever happens to it


def test_the_command_line_as_a_process_looks_for_cycles_rarely_and_ends_with_every_object_frozen() -> None:
    """``policydocs`` (cli.run): the cycle collector tuned for a short process, every object frozen as it ends."""
    script = (
        "import gc, sys\nfrom policydocs import cli\nsys.argv = ['policydocs', '--version']\n"
        "try:\n    cli.run()\nexcept SystemExit:\n    pass\nprint(gc.get_threshold()[0], gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == [str(COLLECTED_EVERY), "True"]


def test_the_preview_a_process_of_hours_collects_cycles_at_python_s_own_pace(tmp_path: Path) -> None:
    """`policydocs serve` goes back to the collector's default pace: it rebuilds for hours, and the cycles each
    rebuild leaves must not wait for 50,000 new objects times a hundred."""
    script = (
        "import gc, sys\nfrom policydocs import cli\nimport policydocs.engine.preview as preview\n"
        "class Stop(Exception):\n    pass\n"
        "def previewing(*args, **kwargs):\n    raise Stop(gc.get_threshold())\n"
        "preview.previewing = previewing\nsys.argv = ['policydocs', 'serve']\n"
        "default = gc.get_threshold()\n"
        "try:\n    cli.run()\nexcept Stop as stop:\n"
        "    print(stop.args[0] == default, default[0] != cli.COLLECTED_EVERY)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.split() == ["True", "True"], done.stderr
