"""`policydocs serve`: every locale served, rebuilt as its files change, problems shown in the browser."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Hang bounds, at least 10 times what they bound on a quiet machine: the preview's first page shows 1.5 to 3 s
# after it starts (a rebuild 0.6 s after a save), and its reload request is held until the next rebuild (up to
# HELD, 20 s, when nothing changes).
ANSWER = 30.0
"""Seconds a request to the preview may wait for its answer."""
FIRST_PAGE = 60.0
"""Seconds a page may take to show what is awaited, the preview's first build included."""


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=ANSWER) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, timeout: float = FIRST_PAGE) -> str:
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


def fetch_status(url: str) -> tuple[int, str]:
    """The status and body of a page, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=ANSWER) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@contextmanager
def serving(project: Path, *args: str, output: Path | None = None) -> Iterator[str]:
    """Run `policydocs serve ARGS` on a free port (what it says in ``output``); yield its address."""
    port = free_port()
    log = (output or project.parent / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "policydocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def said(output: Path, needle: str, timeout: float = 60.0) -> str:
    """What the preview has said once ``needle`` is among it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = output.read_text(encoding="utf-8")
        if needle in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} never said:\n{output.read_text(encoding='utf-8')}")


def test_preview_reloads_on_data_and_template_changes(project: Path) -> None:
    with serving(project) as url:
        page = wait_for(url + "fr/", "Sous-traitants")
        assert '<html lang="fr"' in page

        data = project / "data" / "policy.yml"
        data.write_text(data.read_text(encoding="utf-8").replace("title: Sous-traitants", "title: Prestataires"))
        wait_for(url + "fr/", "Prestataires")

        template = project / "templates" / "policy.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\nAperçu modifié.\n", encoding="utf-8")
        wait_for(url + "fr/", "Aperçu modifié.")
        wait_for(url + "en/", "Aperçu modifié.")


def test_english_preview_follows_catalog_edits(project: Path, tmp_path: Path) -> None:
    output = tmp_path / "said.txt"
    with serving(project, output=output) as url:
        assert '<html lang="en"' in wait_for(url + "en/", "Processors")
        french = fetch(url + "fr/")
        catalog = project / "locales" / "en" / "LC_MESSAGES" / "policy.po"
        text = catalog.read_text(encoding="utf-8")
        assert 'msgstr "Processors"' in text
        catalog.write_text(text.replace('msgstr "Processors"', 'msgstr "Service providers"'), encoding="utf-8")
        wait_for(url + "en/", "Service providers")
        # A changed translation is an undated change of the published text: the French page says so too.
        assert "built fr, en in " in said(output, "built fr, en in ", 30)
        assert fetch(url + "fr/") != french


def test_every_locale_is_served_with_the_one_being_translated_and_the_switcher_leads_to_them(
    project: Path, tmp_path: Path
) -> None:
    assert run(project, "i18n", "init", "de").returncode == 0  # every string untranslated, not listed
    output = tmp_path / "said.txt"
    with serving(project, "--lang", "de", output=output) as url:
        # The package's German page text: only the site's own text stands in, untranslated.
        page = wait_for(url + "de/", "Diese Sprache gehört noch nicht zu den veröffentlichten Sprachen.")
        assert '<html lang="de"' in page
        french = wait_for(url + "fr/history/", "<html")
        links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', french))
        assert sorted(links.values()) == ["de", "en", "fr"]
        for link, lang in links.items():
            status, target = fetch_status(urllib.parse.urljoin(url + "fr/history/", link))
            assert status == 200 and f'<html lang="{lang}"' in target, link
        german = fetch(url + "de/")
        # The French of the data stands in, marked with its language; the page text is the package's German.
        assert '<mark class="policydocs-untranslated" lang="fr">Politique de confidentialité' in german
        assert "Entwurf, nicht veröffentlicht" in german and 'class="policydocs-untranslated" lang="en"' not in german

        # The translator's edit touches German only: French and English are not rebuilt.
        english = fetch(url + "en/")
        catalog = project / "locales" / "de" / "LC_MESSAGES" / "policy.po"
        text = catalog.read_text(encoding="utf-8")
        untranslated = 'msgid "Sous-traitants"\nmsgstr ""'
        assert untranslated in text
        catalog.write_text(text.replace(untranslated, 'msgid "Sous-traitants"\nmsgstr "Auftragsverarbeiter"'))
        wait_for(url + "de/", "Auftragsverarbeiter")
        assert "built de in " in said(output, "(fr, en unchanged)", 30)
        assert fetch(url + "en/") == english


def test_invalid_data_shows_its_problems_in_the_browser_then_the_page_once_fixed(project: Path) -> None:
    with serving(project) as url:
        wait_for(url + "fr/", "Sous-traitants")
        data = project / "data" / "policy.yml"
        good = data.read_text(encoding="utf-8")
        data.write_text(good.replace("duration: P1Y", "duration: un an"), encoding="utf-8")
        line = good.splitlines().index("      duration: P1Y") + 1
        problem = f"data/policy.yml:{line}:17: facts.retention[0].duration: expected an ISO 8601 duration"
        deadline = time.monotonic() + 30
        status, page = fetch_status(url + "fr/")
        while problem not in page and time.monotonic() < deadline:
            time.sleep(0.1)
            status, page = fetch_status(url + "fr/history/")  # every page says it, at once: no request held
        assert status == 500 and problem in page
        assert "1 problem in data/policy.yml" in page
        seen = re.search(r'var seen = "(\d+)"', page)
        assert seen is not None
        data.write_text(good, encoding="utf-8")
        # The error page's own question, "has the preview changed?", is answered once the data is fixed.
        answer = fetch(f"{url}.policydocs/reload?locale=fr&since={seen[1]}")
        assert answer != seen[1]
        status, page = fetch_status(url + "fr/")
        assert status == 200 and "Sous-traitants" in page


def test_a_port_in_use_is_said_plainly(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, "serve", "-a", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert result.stderr == (
        f"error: 127.0.0.1:{port} is already in use (another preview?): stop it, or choose another port "
        f"with -a 127.0.0.1:{port + 1}\n"
    )


def test_the_preview_piped_into_head_goes_on_without_a_traceback(project: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        f"{sys.executable} -m policydocs serve -a 127.0.0.1:{port} | head -1",
        shell=True,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/fr/"
        wait_for(url, "Sous-traitants")
        data = project / "data" / "policy.yml"
        for title in ("Prestataires", "Sous-traitants"):  # each rebuild says so, into the closed pipe
            text = data.read_text(encoding="utf-8")
            data.write_text(text.replace("title: Sous-traitants", "title: Prestataires"), encoding="utf-8")
            if title == "Sous-traitants":
                data.write_text(text.replace("title: Prestataires", "title: Sous-traitants"), encoding="utf-8")
            wait_for(url, title)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        _, errors = process.communicate(timeout=10)
    assert "Traceback" not in errors.decode("utf-8"), errors


def test_the_preview_shows_the_drafts_changes_and_its_place_in_the_history(example: Path) -> None:
    data = example / "data" / "policy.yml"
    text = data.read_text(encoding="utf-8").replace("effective_date: 2027-03-01", "effective_date: 2027-06-01")
    data.write_text(text.replace("six (6) mois", "six (6) mois au plus"), encoding="utf-8")
    with serving(example) as url:
        history = wait_for(f"{url}en/history/", "Draft, not released")
        assert 'href="../versions/draft/changes/"' in history
        changes = wait_for(f"{url}en/versions/draft/changes/", "Draft, not published")
        assert "au plus" in changes  # the reworded sentence, in the redline
        for page in (history, changes):
            assert '<meta name="robots" content="noindex">' in page
