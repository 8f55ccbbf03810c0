"""policydocs: publish a privacy policy from one structured data file as a multilingual, versioned static site.

The public API, for programs that drive policydocs without its command line:

    from policydocs import Workspace, build_site, check_all
    workspace = Workspace.of(Path("mkdocs.yml"))
    check_all(workspace)          # raises a PolicyError carrying located Problems
    build_site(Path("mkdocs.yml"), engine="zensical")   # or any Engine: a class with build(site, into)

Rooms, from the bottom: ``words`` (locale words), ``policy`` (the data), ``i18n`` (gettext),
``options``, ``versions`` (the record), ``lint`` (the rules), ``workspace`` (the inputs, each read once),
``workflow`` (release, withdraw, translate), ``site`` (what is published), ``formats`` (files made from the
data), ``engine`` (MkDocs, Zensical, the export, Chromium), ``cli``.
"""

from __future__ import annotations

_API = {
    "CatalogError": "errors",
    "ConfigError": "errors",
    "DataError": "errors",
    "PolicyError": "errors",
    "Problem": "errors",
    "ReleaseError": "errors",
    "TemplateError": "errors",
    "load_policy": "policy.loading",
    "Options": "options",
    "load_options": "options",
    "Workspace": "workspace",
    "Edition": "site.edition",
    "check_all": "formats",
    "Engine": "engine.base",
    "SiteBuild": "engine.base",
    "build_site": "engine.build",
}


def _version() -> str:
    """This policydocs's version, read when asked: importlib.metadata costs a command a tenth of its time."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policydocs")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    """The public API, imported when first used (``policydocs --version`` loads none of it)."""
    if name == "__version__":
        return _version()
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
    "Engine",
    "Options",
    "PolicyError",
    "Problem",
    "ReleaseError",
    "SiteBuild",
    "TemplateError",
    "Workspace",
    "__version__",
    "build_site",
    "check_all",
    "load_options",
    "load_policy",
]
