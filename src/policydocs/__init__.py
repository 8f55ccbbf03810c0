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

from .errors import CatalogError, ConfigError, DataError, PolicyError, Problem, ReleaseError, TemplateError
from .policy.validate import load as load_policy
from .project import Project, load_project
from .site.edition import Edition, check_all

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
