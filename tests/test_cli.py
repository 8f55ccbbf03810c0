"""The command line: every command has help with an example, and the README documents every one."""

from __future__ import annotations

import argparse

import pytest

from policydocs.cli import parser

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
        "new", "check", "build", "release", "diff", "notice", "schema", "export", "version-at", "serve", "migrate",
        "i18n extract", "i18n update", "i18n stats", "i18n init",
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
