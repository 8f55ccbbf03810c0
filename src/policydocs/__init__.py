"""policydocs: publish a privacy policy from one structured data file as a multilingual, versioned static site.

The public API, for programs that drive policydocs without its command line:

    from policydocs import load_project, check_all
    project = load_project(Path("mkdocs.yml"))
    check_all(project)            # raises a PolicyError carrying located Problems

Rooms: ``policy`` (the data), ``i18n`` (gettext), ``versions`` (the record),
``lint`` (the rules), ``site`` (what is published), ``formats`` (files made
from the data), ``engine`` (MkDocs, Zensical, Chromium).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policydocs")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

_API = {
    "CatalogError": "errors",
    "ConfigError": "errors",
    "DataError": "errors",
    "PolicyError": "errors",
    "Problem": "errors",
    "ReleaseError": "errors",
    "TemplateError": "errors",
    "load_policy": "policy.loading",
    "Project": "project",
    "load_project": "project",
    "Edition": "site.edition",
    "check_all": "formats",
}


def __getattr__(name: str) -> object:
    """The public API, imported when first used (``policydocs --version`` loads none of it)."""
    if name not in _API:
        raise AttributeError(f"module 'policydocs' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(f".{_API[name]}", __name__)
    return getattr(module, "load" if name == "load_policy" else name)


__all__ = [
    "CatalogError",
    "ConfigError",
    "DataError",
    "Edition",
    "PolicyError",
    "Problem",
    "Project",
    "ReleaseError",
    "TemplateError",
    "__version__",
    "check_all",
    "load_policy",
    "load_project",
]
