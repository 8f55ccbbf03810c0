"""`policydocs check` renders what `policydocs build` publishes: every page, every format's file (the feed, the
JSON), the site's root files; a template that fails, fails the check at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run

BROKEN = "{{ no_such_value_anywhere }}"


def break_template(project: Path, name: str, after: str) -> int:
    """Put a value no template has into ``templates/<name>``, on the line after the first line holding ``after``;
    return that line's number (1-based)."""
    path = project / "templates" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if after in line) + 1
    lines.insert(at, BROKEN)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@pytest.mark.parametrize(
    ("name", "after"),
    [
        ("feed.xml.j2", "{% for entry in entries %}"),  # a format's template: not a page
        ("policy.md.j2", '{% include "layers.md.j2" %}'),
        ("layers.md.j2", "{% if previous is not defined %}"),  # a template included by another
        ("history.md.j2", "# "),
    ],
)
def test_a_template_that_fails_fails_the_check_at_its_line(project: Path, name: str, after: str) -> None:
    line = break_template(project, name, after)
    checked = run(project, "check")
    assert checked.returncode == 1
    assert f"templates/{name}:{line}: 'no_such_value_anywhere' is undefined" in checked.stderr, checked.stderr
    built = run(project, "build", "--site-dir", str(project / "out"))
    assert built.returncode == 1 and f"templates/{name}:{line}:" in built.stderr  # the same error, the same place
    assert not (project / "out").exists()  # and nothing published


def test_a_template_that_does_not_parse_fails_the_check_at_its_line(project: Path) -> None:
    path = project / "templates" / "feed.xml.j2"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line == "{% for entry in entries %}")
    lines[at] = "{% for entry entries %}"
    path.write_text("\n".join(lines), encoding="utf-8")
    checked = run(project, "check")
    assert checked.returncode == 1
    assert f"templates/feed.xml.j2:{at + 1}:" in checked.stderr, checked.stderr
