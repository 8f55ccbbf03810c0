"""Print each frozen version to PDF with Chromium, from the built site, as a reader's browser would."""

from __future__ import annotations

import datetime
import html
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import PolicyError
from ..site import addresses

CHROMIUM = "/usr/bin/chromium"
LOCAL_ORIGIN = "http://localhost/"
"""Where a site without site_url pretends to be while printing (its PDFs' links then lead there)."""
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    # This machine's network is closed: without these Chromium keeps calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")
WITHOUT_NAVIGATION = """() => {
  // A banner's sentence stays; the links after it (to the history, the version in force...) lead
  // nowhere on paper: the trailing run of links and " · " separators of each banner goes.
  for (const paragraph of document.querySelectorAll(".md-typeset .admonition p")) {
    const separator = (node) => node.nodeType === Node.TEXT_NODE && /^[\\s·]*$/.test(node.textContent);
    let node = paragraph.lastChild;
    while (node && (node.nodeName === "A" || separator(node))) {
      const previous = node.previousSibling;
      node.remove();
      node = previous;
    }
    if (!paragraph.textContent.trim()) paragraph.remove();
  }
}"""
"""Run in the page before printing: the PDF keeps the policy's words, not the site's navigation."""
FOOTER = (
    '<div style="font-size:7pt;width:100%;margin:0 16mm;color:#444;font-family:sans-serif">'
    "<div>{company} · {date} · {address}</div>"
    '<div style="display:flex;justify-content:space-between"><span>{digest}</span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div></div>'
)
"""Each page's foot: the company, the version, its permanent address, its digest, the page number (no words)."""


@dataclass(frozen=True)
class Printed:
    """A version to print in one language: its digest goes on every page."""

    locale: str
    slug: str
    digest: str
    changes: bool = False
    """Its changes page (what changed from the version before, word for word), not the version itself."""


def _route_from(site: Path, origin: str):  # type: ignore[no-untyped-def]
    """A Playwright route handler: the site's files for ``origin``, nothing from anywhere else."""
    base = urlsplit(origin)
    root = site.resolve()

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) != (base.scheme, base.netloc) or not url.path.startswith(base.path):
            route.abort()
            return
        path = (root / unquote(url.path[len(base.path) :])).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or root not in path.parents:
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)

    return handle


def executable() -> str:
    path = os.environ.get("POLICYDOCS_CHROMIUM", CHROMIUM)
    if not Path(path).is_file():
        raise PolicyError(
            f"PDFs are printed by Chromium, and {path} does not exist "
            "(Debian: apt-get install chromium; or set POLICYDOCS_CHROMIUM)"
        )
    return path


def _dated(pdf: bytes, day: datetime.date) -> bytes:
    """Give the PDF the build date instead of the time of printing, so the same site gives the same bytes."""
    stamp = day.strftime("%Y%m%d000000")
    # Same length as Chromium's "D:YYYYMMDDHHmmSS+00'00'", so the cross-reference offsets stay right.
    return _DATES.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp.encode() + b"+00'00')", pdf)


_NODE_ID = re.compile(rb"\(node(\d+)\)")


def _stable_node_ids(pdf: bytes) -> bytes:
    """Number the tagged structure's element ids (``(node00002816)``, Chromium's DOM node counter, which depends
    on what the browser made before) from 1, in their order, at the same width: the same page gives the same bytes,
    the ids stay sorted (the ID tree's limits hold), and the cross-reference offsets stay right."""
    found = sorted({m.group(1) for m in _NODE_ID.finditer(pdf)}, key=int)
    renumbered = {old: str(index).zfill(len(old)).encode() for index, old in enumerate(found, 1)}
    if any(len(new) != len(old) for old, new in renumbered.items()):
        return pdf  # more ids than digits: left as printed
    return _NODE_ID.sub(lambda m: b"(node" + renumbered[m.group(1)] + b")", pdf)


def print_versions(
    site: Path, pages: list[Printed], day: datetime.date, site_url: str | None = None, *, company: str = ""
) -> list[Path]:
    """Print ``/<locale>/versions/<slug>/`` of the built ``site`` to ``policy.pdf`` beside it (its changes page,
    ``…/changes/``, to ``changes.pdf`` beside that page).

    Chromium reads the pages as if from ``site_url`` (the files come from
    ``site``), so the PDF's links are the site's public addresses. The PDF
    is tagged (its structure read by assistive technology), has an outline
    of its headings, and every page says whose policy, which version, its
    permanent address, its digest and the page number; the site's
    navigation is left out.
    """
    try:
        import pikepdf  # noqa: F401  (toward_pdf_ua: before Chromium starts, so a missing one costs nothing)
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise PolicyError(f"PDFs need {err.name}: pip install 'policydocs[pdf]'") from err
    browser_path = executable()
    written = []
    origin = (site_url or LOCAL_ORIGIN).rstrip("/") + "/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page()
            page.route("**/*", _route_from(site, origin))
            page.emulate_media(media="print", color_scheme="light")
            for printed in pages:
                shown = addresses.changes(printed.slug) if printed.changes else addresses.version(printed.slug)
                address = origin + addresses.in_locale(printed.locale, shown)
                page.goto(address, wait_until="networkidle")
                page.evaluate(WITHOUT_NAVIGATION)
                made = addresses.changes_pdf if printed.changes else addresses.pdf
                target = site / printed.locale / made(printed.slug)
                footer = FOOTER.format(
                    company=html.escape(company), date=printed.slug, address=html.escape(address), digest=printed.digest
                )
                pdf = page.pdf(
                    format="A4",
                    margin={"top": "16mm", "bottom": "22mm", "left": "16mm", "right": "16mm"},
                    tagged=True,
                    outline=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=footer,
                )
                target.write_bytes(toward_pdf_ua(_stable_node_ids(_dated(pdf, day))))
                written.append(target)
        finally:
            browser.close()
    return written


PDF_UA_ROLES = {"/Strong": "/Span", "/Em": "/Span"}
"""Structure types Chromium writes that PDF 1.7 (PDF/UA-1's base) does not know, mapped to the standard one that
holds them (ISO 14289-1, 7.1: a non-standard type is role-mapped)."""


def toward_pdf_ua(printed: bytes) -> bytes:
    """What Chromium's tagged PDF lacks for PDF/UA-1, added with pikepdf: the PDF/UA identifier and the title in
    its XMP metadata, a role map for Chromium's ``Strong`` and ``Em``, a description (``/Contents``) on every link
    (its address), and no ``Figure`` without alternative text: a figure that only groups a picture and its
    caption (HTML's ``<figure>``) is a ``Div``, the picture keeps its own (the words of its caption). Written
    deterministically: the same page gives the same bytes."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(printed)) as pdf:
        title = str(pdf.docinfo.get("/Title", ""))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
            if title:
                meta["dc:title"] = title
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            roles = tree.get("/RoleMap") or pikepdf.Dictionary()
            for name, standard in PDF_UA_ROLES.items():
                roles[name] = pikepdf.Name(standard)
            tree.RoleMap = roles
            for element in _elements(tree):
                grouping = any(inner.get("/S") == "/Figure" and "/Alt" in inner for inner in _elements(element))
                if element.get("/S") == "/Figure" and "/Alt" not in element and grouping:
                    element.S = pikepdf.Name("/Div")
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link" and "/Contents" not in annotation:
                    # Its address, in no language: the page's, or the place in this document it leads to.
                    action = annotation.get("/A")
                    uri = str(action.get("/URI", "")) if action is not None else ""
                    place = annotation.get("/Dest")  # a named destination: the anchor it leads to
                    named = str(place).lstrip("/") if place is not None else ""
                    annotation.Contents = pikepdf.String(uri or f"#{named}")
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True, min_version="1.7")
    return out.getvalue()


def _elements(node: object) -> list:  # type: ignore[type-arg]
    """The structure elements under a node of the structure tree, depth first."""
    import pikepdf

    found = []
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found.extend(_elements(kid))
    return found
