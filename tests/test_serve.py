"""`policydocs serve`: the preview rebuilds when data/, locales/ or templates/ change."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared at {url}")


@contextmanager
def serving(project: Path, lang: str) -> Iterator[str]:
    """Run `policydocs serve --lang LANG` on a free port; yield its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "policydocs", "serve", "--lang", lang, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_reloads_on_data_and_template_changes(project: Path) -> None:
    with serving(project, "fr") as url:
        page = wait_for(url, "Sous-traitants")
        assert '<html lang="fr"' in page

        data = project / "data" / "policy.yml"
        data.write_text(data.read_text(encoding="utf-8").replace("title: Sous-traitants", "title: Prestataires"))
        wait_for(url, "Prestataires")

        template = project / "templates" / "policy.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\nAperçu modifié.\n", encoding="utf-8")
        wait_for(url, "Aperçu modifié.")


def test_english_preview_follows_catalog_edits(project: Path) -> None:
    with serving(project, "en") as url:
        assert '<html lang="en"' in wait_for(url, "Processors")
        catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
        text = catalog.read_text(encoding="utf-8")
        assert 'msgstr "Processors"' in text
        catalog.write_text(text.replace('msgstr "Processors"', 'msgstr "Service providers"'), encoding="utf-8")
        wait_for(url, "Service providers")


def test_a_language_being_translated_is_previewed_before_it_is_published(project: Path) -> None:
    assert run(project, "i18n", "init", "de").returncode == 0  # every string untranslated, not listed
    with serving(project, "de") as url:
        page = wait_for(url, "This language is not among the published languages yet.")
        assert '<html lang="de"' in page
        # The French of the data and the English of the page text stand in, each marked with its language.
        assert '<mark class="policydocs-untranslated" lang="fr">Politique de confidentialité' in page
        assert '<mark class="policydocs-untranslated" lang="en">Draft, not published' in page


def test_the_preview_shows_the_drafts_changes_and_its_place_in_the_history(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    data.write_text(text.replace("six (6) mois", "six (6) mois au plus"), encoding="utf-8")
    with serving(example, "en") as root:
        url = f"{root}confidentialite/"  # mkdocs serves below the path of site_url
        history = wait_for(f"{url}history/", "Draft, not released")
        assert 'href="../versions/draft/changes/"' in history
        changes = wait_for(f"{url}versions/draft/changes/", "Draft, not published")
        assert "au plus" in changes  # the reworded sentence, in the redline
        for page in (history, changes):
            assert '<meta name="robots" content="noindex">' in page
