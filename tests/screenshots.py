"""Screenshots of the example's pages for the README, made by the browser the tests use.

Run: make screenshots   (builds the example, then writes screenshots/*.png)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from policydocs.engine.pdf import FLAGS  # noqa: E402
from tests.conftest import EXAMPLE, run, serving  # noqa: E402

PAGES = {
    "current": "",
    "history": "history/",
    "changes": "versions/2024-03-01/changes/",
}
# The layers before the full text, each in one scheme: (page, element, colour scheme).
LAYERS = {
    "glance-en": ("en/", "div.policydocs-glance", "light"),
    "flow-en-dark": ("en/", "figure.policydocs-flow", "dark"),
    "flow-changes-en": ("en/versions/2024-03-01/changes/", "figure.policydocs-flow", "light"),
}


def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = run(ROOT / EXAMPLE, "build", "--date", "2026-11-27", "--site-dir", str(site))
        if result.returncode:
            sys.exit(result.stderr)
        with serving(site) as address, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760}, color_scheme="light")
            for locale in ("fr", "en"):
                for name, path in PAGES.items():
                    page.goto(f"{address}{locale}/{path}", wait_until="networkidle")
                    target = out / f"{name}-{locale}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(ROOT))
            for name, (path, element, scheme) in LAYERS.items():
                layer = browser.new_page(viewport={"width": 1200, "height": 760}, color_scheme=scheme)  # type: ignore[arg-type]
                layer.goto(f"{address}{path}", wait_until="networkidle")
                # The element alone: Material's sticky header, fading the page title in as the page scrolls to
                # the element, would cover its top edge, caught mid-fade.
                layer.add_style_tag(content=".md-header { visibility: hidden; }")
                target = out / f"{name}.png"
                layer.locator(element).screenshot(path=str(target), animations="disabled")
                layer.close()
                print(target.relative_to(ROOT))
            browser.close()


if __name__ == "__main__":
    main()
