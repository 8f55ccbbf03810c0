"""The rules page the package ships (``lint/rules.html``): where a SARIF ``helpUri`` links each finding.

The README's section "The rules" says what each rule checks; this page is
that section as HTML, one anchor per rule id, made by ``make rules-page``
(``python -m policydocs.lint.page README.md``). A test checks that the page
in the package is the README's, so the two never disagree, and a report
links to a file every installation has, not to an assumed repository.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().with_name("rules.html")
"""The page in the installed package."""
PROBLEMS = "problems-that-stop-the-build"
"""The page's anchor for the kinds of problems that stop the build."""
_START = "### The rules\n"
_END = "\n### In continuous integration\n"
_HEADING = re.compile(r"^#### (.+)$", re.M)


def uri(anchor: str) -> str:
    """The page's address with an anchor: a rule id, or ``PROBLEMS``."""
    return f"{PAGE.as_uri()}#{anchor}"


def _slug(title: str) -> str:
    inner = title.strip().strip("`")
    return inner if re.fullmatch(r"[a-z0-9-]+", inner) else re.sub(r"[^a-z0-9]+", "-", inner.lower()).strip("-")


def render(readme: str) -> str:
    """The README's rules section as a standalone HTML page, each rule's heading carrying its id as anchor."""
    import markdown  # mkdocs' own dependency: only making the page needs it, not a check

    section = readme.split(_START, 1)[1].split(_END, 1)[0]
    parts = _HEADING.split(section)
    body = [markdown.markdown(parts[0])]
    for title, text in zip(parts[1::2], parts[2::2], strict=True):
        heading = markdown.markdown(title.strip())[3:-4]  # the inline HTML of the title, without <p>…</p>
        body.append(f'<h2 id="{html.escape(_slug(title))}">{heading}</h2>\n{markdown.markdown(text.strip())}')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>policydocs: the linter's rules</title>\n"
        "<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}"
        "h2{font-size:1.15rem;margin-top:2rem}code{font-size:.95em}</style>\n</head>\n<body>\n<main>\n"
        "<h1>The linter's rules</h1>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


if __name__ == "__main__":
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md").read_text(encoding="utf-8")
    PAGE.write_text(render(readme), encoding="utf-8")
    print(PAGE)
