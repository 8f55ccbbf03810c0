"""Files the package ships beside its code (no imports: every room may use it)."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
"""The Jinja templates of the pages. In the repository, a link to its top-level templates/ folder (one source);
in a wheel or an sdist, the files themselves. A project's templates_dir overrides them file by file."""

TEMPLATES_SHOWN = "policydocs/templates"
"""How messages and errors name the package's templates folder, wherever the package is installed."""

LOCALES = Path(__file__).parent / "locales"
"""The package's own catalogs (domain ``policydocs``): the page text of its templates, whose msgids are English,
translated into each language it ships (``locales/<lang>/LC_MESSAGES/policydocs.po``)."""

LOCALES_SHOWN = "policydocs/locales"
"""How messages and errors name the package's catalogs folder, wherever the package is installed."""
