"""A site's options: where its files are and the plugin's options, read from mkdocs.yml without mkdocs.

The bottom layer: frozen values, no input read but mkdocs.yml itself (``load_options``). What the files
hold is read by ``workspace.Workspace``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, Problem
from .i18n.tags import code, normalized
from .shipped import TEMPLATES as PACKAGE_TEMPLATES


class EngineName(enum.StrEnum):
    """What builds the HTML pages from the Markdown policydocs writes."""

    MKDOCS = "mkdocs"
    """MkDocs 1.x with Material for MkDocs, through the policydocs plugin."""
    ZENSICAL = "zensical"
    """Zensical, Material's successor by the same team, from the export of each locale."""


@dataclass(frozen=True)
class Option:
    """One option of the ``policydocs`` plugin in mkdocs.yml (the plugin declares the same to mkdocs)."""

    name: str
    kind: type
    default: Any
    help: str
    item: type | None = None
    """The type of each item of a list option."""


OPTIONS: tuple[Option, ...] = (
    Option("policy", str, "data/policy.yml", "The policy's data file."),
    Option(
        "locales_dir", str, "locales", "Where the gettext catalogs are: <locales_dir>/<lang>/LC_MESSAGES/policy.po."
    ),
    Option(
        "templates_dir",
        str,
        "templates",
        "Your own Jinja templates, if any: a file here replaces the package's template of the same name.",
    ),
    Option(
        "locales",
        list,
        [],
        "Published locales, the default one first, as pt_BR or pt-BR (read as pt_BR). Each is built into site/<lang>/.",
        str,
    ),
    Option("releases_dir", str, "data/releases", "The frozen releases: <releases_dir>/<effective date>.yml."),
    Option("notice_days", int, 30, "Days a material change must be published before it takes effect."),
    Option("waive", dict, {}, "Linter findings accepted: rule-id (or rule-id:id.path) → the reason, printed."),
    Option(
        "engine",
        str,
        EngineName.MKDOCS.value,
        "What `policydocs build` builds the pages with: mkdocs (MkDocs and Material for MkDocs) or zensical.",
    ),
)
"""The options a project reads; `policydocs build` also gives the plugin the locale, date, draft and pdf of a build."""


@dataclass(frozen=True)
class Options:
    """The files of a policy site, relative to its root (the folder of mkdocs.yml), and its options."""

    root: Path
    data: str = "data/policy.yml"
    locales_dir: str = "locales"
    templates_dir: str = "templates"
    locales: tuple[str, ...] = ()
    """Published locales, the default first; empty means the policy's source locale only.

    Written as Babel and gettext write them (``pt_BR``), whichever way mkdocs.yml spells them.
    """
    releases_dir: str = "data/releases"
    notice_days: int = 30
    """Days between publishing a material change and its taking effect, at least."""
    waivers: tuple[tuple[str, str], ...] = ()
    """Linter findings accepted, ``(rule id or rule-id:path, reason)``."""
    engine: EngineName = EngineName.MKDOCS
    """What `policydocs build` builds the pages with (``--engine`` chooses another for one build)."""
    site_url: str | None = None
    """The public address of the whole site (mkdocs.yml's site_url), if it says."""
    site_dir: str = "site"
    docs_dir: str = "docs"
    config_file: str = "mkdocs.yml"
    """mkdocs.yml as the user named it (for messages)."""
    waiver_lines: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)
    """Where each waiver is written in mkdocs.yml: ``(key, line, column)``."""

    def path(self, relative: str) -> Path:
        return self.root / relative

    def published(self, source_locale: str) -> tuple[str, ...]:
        """The published locales, checked: known to Babel, the source locale among them."""
        locales = self.locales or (source_locale,)
        for locale in locales:
            try:
                code(locale)
            except ValueError as err:
                message = f'unknown locale "{locale}"'
                raise ConfigError(
                    problems=[Problem(self.config_file, 0, 0, "plugins.policydocs.locales", message)]
                ) from err
        repeated = sorted({locale for locale in locales if locales.count(locale) > 1})
        if repeated:
            message = f'lists "{repeated[0]}" twice'
            raise ConfigError(problems=[Problem(self.config_file, 0, 0, "plugins.policydocs.locales", message)])
        if source_locale not in locales:
            message = f'must include the source locale "{source_locale}"'
            raise ConfigError(problems=[Problem(self.config_file, 0, 0, "plugins.policydocs.locales", message)])
        return locales

    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are found, in order: the project's templates_dir (if it has one), then the package's.

        A file of the project's folder replaces the package's file of the same
        name; the package gives the others. When the project's folder is the
        package's own (this repository), it is looked in once.
        """
        own = self.path(self.templates_dir)
        if not own.is_dir():
            return (PACKAGE_TEMPLATES,)
        if own.resolve() == PACKAGE_TEMPLATES.resolve():
            return (own,)
        return (own, PACKAGE_TEMPLATES)

    @property
    def cache_folder(self) -> Path:
        """Where the build cache is: ``.cache/policydocs/`` beside mkdocs.yml."""
        return self.root / ".cache" / "policydocs"

    @property
    def phrasebooks(self) -> Path:
        """The folder of the site's own phrasebooks (``phrasebook/<language>.yml``): the data file's."""
        return self.path(self.data).parent


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as YAML: its tags (``!ENV``, ``!!python/name:``, ``!relative``) read as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _plugin_node(root: yaml.Node) -> tuple[yaml.Node | None, bool]:
    """The policydocs plugin's options node in mkdocs.yml's tree, and whether the plugin is listed at all."""
    if not isinstance(root, yaml.MappingNode):
        return None, False
    plugins = next((v for k, v in root.value if k.value == "plugins"), None)
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode) and item.value == "policydocs":
                return None, True
            if isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    if key.value == "policydocs":
                        return value, True
    elif isinstance(plugins, yaml.MappingNode):
        for key, value in plugins.value:
            if key.value == "policydocs":
                return value, True
    return None, False


def load_options(config_file: Path, data: bytes | None = None) -> Options:
    """The project described by a mkdocs.yml and its policydocs plugin options, every problem reported at once.
    ``data``: the file's bytes, when they were read already."""
    shown = config_file.as_posix()
    if data is None and not config_file.is_file():
        raise ConfigError("no such file", file=shown)
    text = (config_file.read_bytes() if data is None else data).decode("utf-8")
    loader = _Loader(text)  # parsed once: its nodes (for the lines of problems) and their values
    try:
        tree = loader.get_single_node()
        raw = (loader.construct_document(tree) if tree is not None else None) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(problems=[Problem(shown, line, column, "", f"not valid YAML: {err}")]) from err
    if not isinstance(raw, dict):
        raise ConfigError(problems=[Problem(shown, 1, 1, "", "expected a mapping of settings")])
    node, listed = _plugin_node(tree)
    if not listed:
        raise ConfigError("the policydocs plugin is not in plugins", file=shown)
    problems: list[Problem] = []
    values: dict[str, Any] = {option.name: option.default for option in OPTIONS}
    lines: list[tuple[str, int, int]] = []
    known = {option.name: option for option in OPTIONS}
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        where = (key.start_mark.line + 1, key.start_mark.column + 1)
        path = f"plugins.policydocs.{key.value}"
        option = known.get(key.value)
        if option is None:
            continue  # the build's own options (locale, build_date, draft, pdf): mkdocs checks them
        data = loader.construct_object(value, deep=True)
        kinds_ok = isinstance(data, option.kind) and not (option.kind is int and isinstance(data, bool))
        if option.item is not None and kinds_ok:
            kinds_ok = all(isinstance(item, option.item) for item in data)
        if not kinds_ok:
            problems.append(Problem(shown, *where, path, f"expected {_kind_name(option)}, got {data!r}"))
            continue
        values[key.value] = data
        if key.value == "templates_dir" and not (config_file.resolve().parent / data).is_dir():
            problems.append(
                Problem(
                    shown,
                    *where,
                    path,
                    f"no folder \"{data}\": name your templates' folder, or leave the option out to use the package's",
                )
            )
        if key.value == "engine" and data not in set(EngineName):
            choices = " or ".join(e.value for e in EngineName)
            problems.append(Problem(shown, *where, path, f'expected {choices}, got "{data}"'))
        if key.value == "waive":
            lines = [(str(k.value), k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in value.value]
    for name, reason in values["waive"].items():
        if not isinstance(reason, str) or not reason.strip():
            problems.append(
                Problem(shown, *_line_of(lines, name), "plugins.policydocs.waive", f'"{name}" needs a reason')
            )
    if problems:
        raise ConfigError(problems=problems)
    site_url = raw.get("site_url") or None
    return Options(
        root=config_file.resolve().parent,
        data=values["policy"],
        locales_dir=values["locales_dir"],
        templates_dir=values["templates_dir"],
        locales=tuple(normalized(code) for code in values["locales"]),
        releases_dir=values["releases_dir"],
        notice_days=values["notice_days"],
        waivers=tuple((str(k), str(v)) for k, v in values["waive"].items()),
        engine=EngineName(values["engine"]),
        site_url=str(site_url) if site_url else None,
        site_dir=str(raw.get("site_dir") or "site"),
        docs_dir=str(raw.get("docs_dir") or "docs"),
        config_file=shown,
        waiver_lines=tuple(lines),
    )


def _kind_name(option: Option) -> str:
    names = {str: "a text", int: "a whole number", list: "a list", dict: "a mapping"}
    return names[option.kind] + (" of texts" if option.item is str else "")


def _line_of(lines: list[tuple[str, int, int]], key: str) -> tuple[int, int]:
    return next(((line, column) for name, line, column in lines if name == key), (0, 0))
