"""The `policydocs` command: check, build, serve and the translators' i18n commands.

Only this module prints. Each command imports what it needs when it runs,
so `policydocs check` does not pay for loading mkdocs.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import _version
from .errors import (
    CatalogError,
    ConfigError,
    DataError,
    PolicyError,
    Problem,
    ReleaseError,
    ReleaseRefused,
    TemplateError,
)

if TYPE_CHECKING:
    from .cache import ReadOnce
    from .options import Options
    from .workspace import Workspace

EXAMPLES = {
    "new": "policydocs new acme-privacy --source-locale en --locales en,fr   # a new site, English and French",
    "import": "policydocs import our-policy.html --organisation 'Acme Ltd'   # into data/policy.yml, word for word",
    "check": "policydocs check                   # data/policy.yml and every published catalog\n"
    "  policydocs check some/policy.yml   # one data file only\n"
    "  policydocs check --format sarif -o policydocs.sarif   # the whole report in a file, for code scanning",
    "build": "policydocs build --date 2024-03-01 # every locale into site/<lang>/, as on that day",
    "release": "policydocs release --class editorial  # freeze data/policy.yml as a new version\n"
    "  policydocs release --dry-run       # the class and summary it would get, writing nothing",
    "version-at": "policydocs version-at 2024-03-01   # which version applied that day, and its addresses",
    "export": "policydocs export out && zensical build -f out/mkdocs.fr.yml",
    "schema": "policydocs schema > policy.schema.json   # completion and checks in your editor",
    "diff": "policydocs diff 2024-03-01 current --lang en   # what changed since that version\n"
    "  policydocs diff current draft --format json     # what releasing data/policy.yml would change",
    "notice": "policydocs notice 2027-03-01 --lang fr  # the email announcing that version",
    "serve": "policydocs serve --lang de         # every locale, and German being translated: http://127.0.0.1:8000/",
    "migrate": "policydocs migrate                 # data/policy.yml to format 2, catalogs re-keyed",
    "withdraw": 'policydocs withdraw 2027-03-01 --reason "the new processor is not chosen yet"   # before it '
    "takes effect",
    "verify": "policydocs verify https://exograd.com/privacy/   # the local record against the published one\n"
    "  policydocs verify site --format json                # against a folder of a former build",
    "i18n extract": "policydocs i18n extract            # data/policy.yml + templates → locales/policy.pot",
    "i18n update": "policydocs i18n update             # merge policy.pot into every locales/<lang>/…/policy.po",
    "i18n stats": "policydocs i18n stats --json       # per locale: translated, fuzzy, untranslated, obsolete",
    "i18n init": "policydocs i18n init de            # locales/de/LC_MESSAGES/policy.po, to translate",
}


class _Version(argparse.Action):
    """``--version``: the version, read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"{parser.prog} {_version()}\n")
        parser.exit()


def _config_file(args: argparse.Namespace) -> Path:
    return Path(args.config_file)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _from_here(path: Path) -> str:
    """A path relative to the current folder (with ``..`` when outside it), as the reports give files."""
    return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix()


def _kind(err: PolicyError, problem: Problem, releases: str) -> str:
    """Which of report.PROBLEM_KINDS a problem is: by its file first (a catalog, a release), else by its error.

    ``releases`` is the releases folder as the problems name files (relative to the current folder).
    """
    if problem.file.endswith((".po", ".pot")):
        return "catalog"
    if releases and problem.file.startswith(releases.rstrip("/") + "/"):
        return "release"
    kinds = ((DataError, "data"), (CatalogError, "catalog"), (ReleaseError, "release"), (ConfigError, "config"))
    return next((kind for cls, kind in (*kinds, (TemplateError, "template")) if isinstance(err, cls)), "other")


def _rebased(err: PolicyError, base: Path) -> tuple[PolicyError, list[Problem]]:
    """The error with its files relative to the current folder, and its problems (one made of a bare message).

    Files in problems are relative to ``base``: the project's root, or the
    current folder for mkdocs.yml as the user named it (config problems).
    """

    def moved(file: str) -> str:
        if not file:
            return ""
        return _from_here(base / file) + ("/" if file.endswith("/") else "")  # a folder stays one (data/releases/)

    if not err.problems:  # an error of no file (a date, an option): its message alone
        return err, [Problem("", 0, 0, "", str(err))]
    problems = [replace(problem, file=moved(problem.file)) for problem in err.problems]
    if isinstance(err, DataError):
        return DataError(problems), problems
    return type(err)(problems=problems), problems


def _error_text(err: PolicyError) -> str:
    """An error as the CLI says it: a data error as its report; else one "error:" per problem, details indented."""
    if isinstance(err, DataError):
        return err.report() + "\n"
    lines = [line for problem in err.problems for line in problem.lines()] or str(err).splitlines()
    return "".join(f"{line}\n" if line.startswith(" ") else f"error: {line}\n" for line in lines)


def _print_error(err: PolicyError) -> None:
    """An error on stderr (see _error_text)."""
    sys.stderr.write(_error_text(err))


def _write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a file beside it, then renamed over it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as err:
        raise PolicyError(f"the report could not be written: {err.strerror or err}", file=_shown(path)) from err
    finally:
        partial.unlink(missing_ok=True)


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import start
    from .site.publication import resolve_build_date

    locales = tuple(code.strip() for code in (args.locales or args.source_locale).split(",") if code.strip())
    started = start(Path(args.directory), args.source_locale, locales, resolve_build_date(None))
    for path in started.files:
        print(_shown(path))
    others = started.locales[1:]
    folder = _shown(started.root)
    print(f"\na new site in {folder}/: data/policy.yml is an example policy to rewrite (its comments say how)")
    print("next:")
    steps = [
        (f"cd {folder}", ""),
        ("policydocs check data/policy.yml", "the data, and what the policy fails to say"),
        (f"policydocs serve --lang {started.source_locale}", "preview as you edit, a draft (http://127.0.0.1:8000/)"),
    ]
    if others:
        catalogs = ", ".join(f"locales/{code}/LC_MESSAGES/policy.po" for code in others)
        steps.append(("policydocs i18n stats", f"what is left to translate in {catalogs}"))
    steps += [
        ("policydocs release", "freeze data/policy.yml as the first dated version"),
        ("policydocs check", "the whole site: data, catalogs, releases"),
        ("policydocs build", f"every language into site/<lang>/ ({', '.join(started.locales)})"),
    ]
    width = max(len(command) for command, _ in steps)
    for command, why in steps:
        print(f"  {command.ljust(width)}  # {why}" if why else f"  {command}")
    if others:
        print(
            f"{', '.join(others)}: release and build wait for a complete translation "
            f"(serve --lang {others[0]} shows the gaps, marked)"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """An existing policy (Markdown, HTML or .docx) written as the site's data file, word for word in its outline."""
    from .importer import import_policy
    from .policy import model

    source = Path(args.source)
    if not source.is_file():
        raise PolicyError("no such file", file=args.source)
    text = import_policy(source, locale=args.source_locale, controller=args.organisation)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    if target.exists() and not args.replace:
        raise PolicyError(
            f"{_shown(target)} exists: add --replace to write the imported policy over it "
            "(or --output another file, or - for the terminal)"
        )
    model.loads(text, _shown(target))  # never write a file that does not load: a located error instead
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_whole(target, text)
    print(f"{_shown(target)}: imported from {args.source}")
    print("next: read the suggested facts (marked # suggested, and listed at the end), tie what the text says")
    print("with states:, then run `policydocs check`; release it with --published <the day it was published>")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """`policydocs check`: the report kept from a check of the same inputs (see checked.py), or a check's.

    The report's key is made before anything else is imported: a check of unchanged inputs imports little more
    than what reads mkdocs.yml and digests the inputs. The files it read are the check's (one reading each)."""
    from . import checked
    from .cache import ReadOnce
    from .options import load_options

    read = ReadOnce()
    config_file = _config_file(args)
    options = name = None
    if not args.data and not args.output:
        command = [args.format, args.strict, str(args.date), str(Path.cwd()), args.config_file]
        try:
            options = load_options(config_file, read(config_file))
            name = checked.report_key(options, config_file, command, read)
        except (PolicyError, OSError, UnicodeDecodeError):
            name = None  # the check says what is wrong with mkdocs.yml, or with an input it cannot read
    if options is None or name is None:
        return _check(args, options, read)
    found = checked.kept(options, name)
    if found is not None:
        sys.stderr.write(found.err)
        sys.stdout.write(found.out)
        return found.code
    with checked.recorded() as said:
        code = _check(args, options, read)
    if not said.logged.said:
        checked.keep(options, name, checked.Report(said.out.kept.getvalue(), said.err.kept.getvalue(), code))
    return code


def _check(args: argparse.Namespace, options: Options | None = None, read: ReadOnce | None = None) -> int:
    """Every problem that stops the build and every finding, in one report whose counts match the exit code.

    The problems go on stderr as a build prints them, and in the JSON and
    SARIF reports on stdout with the findings; paths relative to the current folder.
    With ``--output``, the whole report (in text, the problems first) goes to that file instead of stdout.
    ``options``: mkdocs.yml's, when read already, with ``read``, the files read already.
    """
    import json

    from .lint import Finding, lint, report
    from .lint.findings import waive
    from .lint.translation import parity_findings
    from .lint.waivers import check_waivers, unused
    from .policy import loading, verify
    from .policy.model import Policy

    errors: list[tuple[PolicyError, Path]] = []  # each with the folder its files are relative to
    cwd = Path.cwd()

    def failed(err: PolicyError, base: Path) -> None:
        if all((type(err), str(err)) != (type(seen), str(seen)) for seen, _ in errors):
            errors.append((err, base))

    policy: Policy | None = None
    workspace: Workspace | None = None
    waivers: dict[str, str] = {}
    parity: list[Finding] = []
    status = ""
    root, releases = cwd, ""
    if args.data:
        try:
            policy = loading.load(Path(args.data), args.data)
            tie = verify.check(policy, None, Path(args.data).parent)
            if tie:
                raise DataError(tie)
            status = f"{args.data}: valid"
        except PolicyError as err:
            failed(err, cwd)
    else:
        from .formats import check_all
        from .workspace import Workspace

        try:
            workspace = Workspace(options, read) if options is not None else Workspace.of(_config_file(args))
        except PolicyError as err:
            failed(err, cwd)
        if workspace is not None:
            root, releases = workspace.options.root, _from_here(workspace.options.path(workspace.options.releases_dir))
            waivers = dict(workspace.options.waivers)
            try:
                check_waivers(workspace.options)
            except PolicyError as err:
                failed(err, cwd)  # mkdocs.yml as the user named it
            try:
                policy = workspace.policy
                parity = parity_findings(workspace.translators().values())
            except PolicyError as err:
                failed(err, cwd if isinstance(err, ConfigError) else root)
            if policy is not None:
                try:
                    publication = check_all(workspace, args.date)
                    count = len(publication.versions)
                    status = (
                        f"{_from_here(workspace.options.path(workspace.options.data))}: valid; "
                        f"complete in {', '.join(publication.locales)}; "
                        f"{count} release{'s' if count != 1 else ''} verified in {releases}/"
                    )
                except PolicyError as err:
                    failed(err, cwd if isinstance(err, ConfigError) else root)
    # The lint reads the text with the site's phrasebooks, as the tie does.
    if workspace is not None:
        books, cache = workspace.options.phrasebooks, workspace.cache
    else:
        books, cache = (Path(args.data).parent if args.data else None), None
    findings = [
        replace(f, file=_from_here(root / f.file))
        for f in ([*lint(policy, waivers, books, cache), *waive(parity, waivers)] if policy is not None else [])
    ]
    if policy is not None and workspace is not None:
        findings += unused(workspace.options, findings)  # a waiver that accepts nothing is said, at its line
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule))
    failures: list[report.Failure] = []
    said = ""
    for err, base in errors:
        shown, problems = _rebased(err, base)
        failures += [report.Failure(_kind(err, problem, releases), problem) for problem in problems]
        said += _error_text(shown)
        _print_error(shown)  # in every format: whoever reads the log of a JSON or SARIF run sees why it fails
    if args.format == "json":
        text = json.dumps(report.as_data(findings, failures), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "sarif":
        # A problem of a folder or of no file is shown on mkdocs.yml (or on the data file checked alone).
        anchor = _from_here(Path(args.data) if args.data else _config_file(args))
        text = json.dumps(report.as_sarif(findings, failures=failures, anchor=anchor), indent=2, ensure_ascii=False)
        text += "\n"
    else:
        text = (f"{status}\n" if status else "") + report.as_text(findings, failures)
    if args.output:
        _write_whole(args.output, said + text if args.format == "text" else text)
    else:
        sys.stdout.write(text)
    return 1 if report.fails(findings, args.strict, failures) else 0  # info never fails, even with --strict


def cmd_build(args: argparse.Namespace) -> int:
    from .engine.build import build_site
    from .options import EngineName

    result = build_site(
        _config_file(args),
        Path(args.site_dir) if args.site_dir else None,
        build_date=args.date,
        draft=args.draft,
        pdf=args.pdf,
        engine=EngineName(args.engine) if args.engine else None,
        jobs=args.jobs,
    )
    draft = " (draft: a staging copy, not for publication)" if args.draft else ""
    print(f"built {', '.join(result.locales)} into {_shown(result.site_dir)}/{draft}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .site.sentences import summary_lines
    from .workflow.release import (
        FactsCorrected,
        TranslationsOnly,
        add_translations,
        correct_facts,
        make_release,
    )
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    # The day is the clock's: SOURCE_DATE_EPOCH fixes a build's timestamps, never a date in the record.
    today = datetime.datetime.now(tz=datetime.UTC).date()
    published = args.published or today
    try:
        made = make_release(
            workspace,
            published=published,
            change_class=args.change_class,
            forced=args.force,
            today=today,
            dry_run=args.dry_run,
        )
    except ReleaseRefused as err:
        if not err.changes:
            if err.advice:
                raise PolicyError(f"{err}; {err.advice}") from err
            raise
        lines = summary_lines(workspace, workspace.policy, err.changes)
        raise PolicyError(f"{err}:\n" + "\n".join(f"  {line}" for line in lines) + f"\n{err.advice}") from err
    if isinstance(made, TranslationsOnly):
        from .words import language_name

        if published != today:
            raise PolicyError(
                f"--published {published}: a translation is added on the day it is frozen ({today}), the clock's"
            ) from None
        for path, locale, digest in add_translations(
            workspace, added=today, dry_run=args.dry_run, frozen=made.frozen, in_force=made.in_force
        ):
            language = language_name(locale)
            done = "would be added" if args.dry_run else "added"
            version = path.name.split(".", 1)[0]
            what = f"{language} translation {done} to the version of {version}, not a new version"
            print(f"{_shown(path)}: {what}, {digest}")
        return 0
    if isinstance(made, FactsCorrected):
        if published != today:
            raise PolicyError(
                f"--published {published}: a correction is made on the day it is frozen ({today}), the clock's"
            ) from None
        fixed = correct_facts(workspace, corrected=today, reason=args.note, dry_run=args.dry_run, frozen=made.frozen)
        done = "would be corrected" if args.dry_run else "corrected"
        print(
            f"{_shown(fixed.path)}: facts of the version of {fixed.version} {done} on {fixed.corrected}, "
            f"its text unchanged, not a new version, {fixed.digest}"
        )
        return 0
    if args.dry_run:
        print(
            f"dry run, nothing written: {_shown(made.path)} would be the version of {made.effective_date} "
            f"({made.shown_class}), published {made.published}, {made.digest}"
        )
    else:
        print(
            f"{_shown(made.path)}: version of {made.effective_date} released ({made.shown_class}), "
            f"published {made.published}, {made.digest}"
        )
    if made.changes:
        print(f"what changed (suggested class: {made.suggested}):")
        for line in summary_lines(workspace, workspace.policy, made.changes):
            print(f"  {line}")
    if args.dry_run and made.changes:
        print("the redline: policydocs diff current draft (or the draft's changes page in policydocs serve)")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from .formats import diff as out
    from .site import addresses
    from .site.markup import Markdown
    from .site.publication import resolve_build_date
    from .versions import comparison as cmp
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    releases = workspace.releases
    today = resolve_build_date(args.date)

    def version(spec: str):  # type: ignore[no-untyped-def]
        if spec == "draft":
            from .workflow.release import draft_release

            return draft_release(workspace, today)
        return cmp.pick(releases, spec, today)

    old, new = version(args.old), version(args.new)
    locale = args.lang or new.policy.source_locale
    result = cmp.compare(old, new, locale)
    site = workspace.options.site_url  # absolute links when the site has an address: the page is read outside it
    links = {
        "old": addresses.in_locale(locale, addresses.version(old.effective_date.isoformat()), site),
        "new": addresses.in_locale(
            locale,
            addresses.CURRENT if args.new == "draft" else addresses.version(new.effective_date.isoformat()),
            site,
        ),
        "history": addresses.in_locale(locale, addresses.HISTORY, site),
    }
    links = {name: Markdown(address) for name, address in links.items()}  # addresses, not text to escape
    if args.format == "json":
        print(json.dumps(out.as_data(workspace, result), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        sys.stdout.write(out.as_markdown(workspace, result, links))
    elif args.format == "html":
        sys.stdout.write(out.as_html(workspace, result, links))
    else:
        colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
        sys.stdout.write(out.as_text(workspace, result, colour=colour))
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    from .formats.announcement import notice
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    if not workspace.options.site_url:
        print("warning: mkdocs.yml has no site_url: the links in the notice are relative", file=sys.stderr)
    text = notice(
        workspace, args.day, args.lang, output=args.format, site_url=workspace.options.site_url, courtesy=args.courtesy
    )
    sys.stdout.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .engine.export import export

    written = export(_config_file(args), Path(args.directory), build_date=args.date, draft=args.draft)
    for path in written:
        print(f"{_shown(path)}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .policy.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_version_at(args: argparse.Namespace) -> int:
    import json

    from .site import addresses
    from .versions.timeline import in_force_until, version_at
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    releases = workspace.releases
    release = version_at(releases, args.day)
    if release is None:
        first = releases[0].effective_date if releases else None
        took = "takes" if first and first > datetime.datetime.now(tz=datetime.UTC).date() else "took"
        raise PolicyError(
            f"no version was in force on {args.day}" + (f": the first {took} effect on {first}" if first else "")
        )
    until = in_force_until(releases, release)  # the next version that took effect: a withdrawn one never did
    # Absolute when mkdocs.yml says where the site lives: an address to paste, not a path in site/.
    where = {
        locale: addresses.in_locale(
            locale, addresses.version(release.effective_date.isoformat()), workspace.options.site_url
        )
        for locale in release.locales
    }
    if args.json:
        print(
            json.dumps(
                {
                    "date": args.day.isoformat(),
                    "effective_from": release.effective_date.isoformat(),
                    "effective_to": until.isoformat() if until else None,
                    "digest": release.digest,
                    "addresses": where,
                },
                indent=2,
            )
        )
        return 0
    span = f"until {until}" if until else "with no later version"
    print(f"{release.effective_date} (in force from {release.effective_date} {span}; {release.file})")
    for locale, path in where.items():
        print(f"  {locale}: {path}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import contextlib
    import gc
    import signal

    from .engine.preview import previewing

    if _COLLECTED_BY_DEFAULT is not None:  # started by run(): a process that lives for hours collects as usual
        gc.set_threshold(*_COLLECTED_BY_DEFAULT)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # `kill` stops the preview as Ctrl+C does: its workers and folder go with it

    signal.signal(signal.SIGTERM, stop)

    def say(line: str) -> None:
        try:
            print(line, flush=True)
        except BrokenPipeError:  # `policydocs serve | head`: the preview goes on, silently
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    with (
        contextlib.suppress(KeyboardInterrupt),
        previewing(
            _config_file(args),
            args.dev_addr,
            locale=args.lang,
            jobs=args.jobs,
            say=say,
            build_date=args.date,
            engine=args.engine,
        ) as (server, preview),
    ):
        host, port = server.server_address[:2]
        page = f"{preview.locale}/" if preview.locale else ""
        say(f"previewing {', '.join(preview.locales) or 'nothing yet'} (a draft) on http://{host}:{port}/{page}")
        say("rebuilds as data/, locales/, templates/ and docs/ change; Ctrl+C stops")
        server.serve_forever(poll_interval=0.2)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from .policy import dump, model, source
    from .policy.format1 import convert, read
    from .workflow.translation import rekey_catalogs
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    path = workspace.options.path(workspace.options.data)
    tree, problems = source.read(path, workspace.options.data)
    if model.is_v2(tree):
        print(f"{workspace.options.data} is already in format 2: nothing to do")
        return 0
    policy, keys = convert.convert(read.build(tree, workspace.options.data, problems))
    header = (
        "# The privacy policy, as structured data (format 2), migrated by `policydocs migrate`.\n"
        "# Changing the wording is a new dated version: set a new effective_date, then `policydocs release`."
    )
    text = dump.dump(policy, header)
    model.loads(text, workspace.options.data)  # what is written must read back as the same policy
    catalogs = rekey_catalogs(workspace, keys)
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    print(f"{workspace.options.data}: migrated to format 2 (same words, same facts: not a new version)")
    for catalog in catalogs:
        print(f"{_shown(catalog)}: msgctxt renamed to the new id paths")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from .workflow.withdrawal import withdraw
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    # The day is the clock's: SOURCE_DATE_EPOCH fixes a build's timestamps, never a record's.
    today = datetime.datetime.now(tz=datetime.UTC).date()
    done = withdraw(workspace, args.day, reason=args.reason, today=today, dry_run=args.dry_run)
    kept = f"; the version of {done.in_force} stays in force" if done.in_force else ""
    if args.dry_run:
        print(f"dry run, nothing written: {_shown(done.path)} would withdraw the version of {done.version} "
              f"on {done.withdrawn}{kept}, {done.digest}")  # fmt: skip
    else:
        print(f"{_shown(done.path)}: version of {done.version} withdrawn on {done.withdrawn}, before it took "
              f"effect{kept}, {done.digest}")  # fmt: skip
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    import json

    from .options import load_options
    from .site import addresses
    from .versions.verification import verify

    report = verify(load_options(_config_file(args)), args.source, index=addresses.VERSIONS_INDEX, timeout=args.timeout)
    if args.format == "json":
        print(json.dumps(report.as_data(), indent=2, ensure_ascii=False))
    else:
        for line in report.lines():
            print(line)
    return 1 if report.differences else 0


def cmd_i18n_extract(args: argparse.Namespace) -> int:
    from .workflow.translation import extract_template
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    path, count = extract_template(workspace, Path(args.output) if args.output else None)
    print(f"{_shown(path)}: {count} messages")
    return 0


def cmd_i18n_update(args: argparse.Namespace) -> int:
    from .workflow.translation import stale_template, template_path, update_catalogs
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    stale = stale_template(workspace)
    if stale:
        # Merged as it is (msgmerge's way), but the catalogs will miss what changed since the last extract.
        print(
            f"warning: {_shown(template_path(workspace))} is not up to date with {workspace.options.data} "
            "and the templates "
            f"({stale} string{'s' if stale != 1 else ''} differ): run `policydocs i18n extract` first",
            file=sys.stderr,
        )
    for path, count in update_catalogs(workspace):
        print(f"{_shown(path)}: {count} messages")
    return 0


def cmd_i18n_stats(args: argparse.Namespace) -> int:
    import json

    from .workflow.translation import statistics
    from .workspace import Workspace

    rows = statistics(Workspace.of(_config_file(args)))
    if args.json:
        fields = ("locale", "domain", "translated", "fuzzy", "untranslated", "obsolete", "total", "published")
        fields += ("in_force",)
        data = [{name: getattr(row, name) for name in fields} | {"complete": row.complete} for row in rows]
        print(json.dumps(data, indent=2))
        return 0
    header = ("locale", "domain", "translated", "fuzzy", "untranslated", "obsolete", "published")
    table = [header] + [
        (
            r.locale,
            r.domain,
            str(r.translated),
            str(r.fuzzy),
            str(r.untranslated),
            str(r.obsolete),
            (
                ("yes" if r.complete else "yes, but incomplete: the build refuses it")
                + (f" ({r.in_force} of the version in force to translate)" if r.in_force else "")
            )
            if r.published
            else "no",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [
            cell.ljust(w) if i in (0, 1, 6) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    return 0


def cmd_i18n_init(args: argparse.Namespace) -> int:
    from .workflow.translation import check_new_locale, extract_template, init_catalog
    from .workspace import Workspace

    workspace = Workspace.of(_config_file(args))
    check_new_locale(workspace, args.lang)  # before writing the .pot
    extract_template(workspace)
    for path in init_catalog(workspace, args.lang):
        print(f"{_shown(path)}: started, every string untranslated")
    if args.lang not in workspace.options.locales:
        print(f'to publish it once complete, add "{args.lang}" to plugins.policydocs.locales in mkdocs.yml')
    return 0


def _add(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    handler: Callable[[argparse.Namespace], int],
    help_text: str,
    *,
    description: str | None = None,
    site: bool = True,
) -> argparse.ArgumentParser:
    """A command, with its example; ``site``: it reads a site's mkdocs.yml (``-f``), as all but new and import do."""
    parser = sub.add_parser(
        name.split()[-1],
        help=help_text,
        description=description or help_text,
        epilog="example:\n  " + EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if site:
        parser.add_argument(
            "-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
        )
    parser.set_defaults(handler=handler)
    return parser


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f'expected a date as YYYY-MM-DD, got "{text}"') from err


def _report_file(text: str) -> Path:
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder: name the report's file")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: the folder {path.parent} does not exist")
    return path


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'expected a number of processes, 1 or more, got "{text}"')
    return int(text)


def _locale(text: str) -> str:
    """A locale as the project writes it: pt-BR and pt_BR are both pt_BR (an unknown one is left for the command)."""
    from .i18n.tags import normalized

    return normalized(text)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="policydocs",
        description="Publish a privacy policy from one structured data file as a multilingual static site.",
    )
    main_parser.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    sub = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = _add(
        sub,
        "new",
        cmd_new,
        "start a new organisation's site in a new folder: an example policy, mkdocs.yml, catalogs",
        description="Start a new organisation's site in a new or empty folder: data/policy.yml (a short example "
        "policy to rewrite, with comments in its language), mkdocs.yml, docs/, README.md, locales/policy.pot and "
        "an untranslated catalog for each published language but the source.",
        site=False,
    )
    new.add_argument("directory", help="the new site's folder (absent or empty)")
    new.add_argument(
        "--source-locale",
        choices=("en", "fr"),
        default="en",
        help="the language the policy is written in (default: %(default)s)",
    )
    new.add_argument(
        "--locales",
        help="published languages, comma-separated, the source among them (default: the source only)",
    )
    imported = _add(
        sub,
        "import",
        cmd_import,
        "write an existing policy (Markdown, HTML or .docx) as data/policy.yml, word for word",
        description="Write an existing policy, in Markdown, HTML or .docx, as a format-2 data file: every heading, "
        "paragraph, list and table in order and word for word, ids made from the headings, links kept, the source's "
        "own date as the effective date, and suggested facts (marked, never stated silently) for the editor to "
        "accept.",
        site=False,
    )
    imported.add_argument("source", help="the policy as it is published: a .md, .html or .docx file")
    imported.add_argument(
        "-o", "--output", default="data/policy.yml", help="the data file to write (default: %(default)s; - prints it)"
    )
    imported.add_argument("--replace", action="store_true", help="write over an existing data file")
    imported.add_argument(
        "--source-locale", type=_locale, help="the policy's language (default: the page's lang, else guessed)"
    )
    imported.add_argument("--organisation", help="the organisation responsible, as the policy names it")
    check = _add(sub, "check", cmd_check, "validate the data, releases and catalogs, and lint the policy (GDPR)")
    check.description = (
        f"{check.description}.\n\nThe problems that stop the build go to stderr, the findings to stdout (in JSON\n"
        "and SARIF, with the problems); --output FILE writes the whole report to FILE instead."
    )
    check.add_argument("data", nargs="?", help="check only this data file")
    build = _add(sub, "build", cmd_build, "build every published locale into site/<lang>/")
    build.add_argument("-d", "--site-dir", help="where to build (default: mkdocs.yml's site_dir)")
    build.add_argument(
        "--date", type=_day, help="the day to build for, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)"
    )
    build.add_argument("--draft", action="store_true", help="build unreleased data as a staging copy, marked draft")
    build.add_argument("--pdf", action="store_true", help="print each version to PDF with Chromium (needs Playwright)")
    build.add_argument(
        "--engine", choices=("mkdocs", "zensical"), help="build the pages with this engine (default: mkdocs.yml's)"
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        help="locales built at once, each in a process (default: one per CPU, or more where that keeps every CPU "
        "busy to the end; 1: in turn)",
    )
    check.add_argument("--date", type=_day, help="check as a build on this day would (default: today)")
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="how to report findings")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too (exit 1)")
    check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=_report_file,
        help="write the whole report to FILE, problems and findings, in the chosen format (replaced only once "
        "complete); without it, problems go to stderr and findings to stdout",
    )
    release = _add(sub, "release", cmd_release, "freeze data/policy.yml as a dated version in data/releases/")
    release.add_argument("--published", type=_day, help="the day it is published (default: today)")
    release.add_argument(
        "--class",
        dest="change_class",
        choices=("material", "editorial"),
        help="material or editorial change (default: what the changes suggest)",
    )
    release.add_argument(
        "--force",
        metavar="REASON",
        help="overrule a guard, saying why (recorded): editorial where material is suggested, a past published date",
    )
    release.add_argument(
        "--note",
        metavar="REASON",
        help="why the facts of the version in force are corrected (recorded, shown in the history)",
    )
    release.add_argument("--dry-run", action="store_true", help="check and show what would be frozen; write nothing")
    diff = _add(sub, "diff", cmd_diff, "what changed between two versions")
    diff.add_argument("old", help='the older version: its effective date (YYYY-MM-DD) or "current"')
    diff.add_argument("new", help='the newer version: its effective date, "current", or "draft" (the data, unreleased)')
    diff.add_argument("--lang", type=_locale, help="the language (default: the source language)")
    diff.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    diff.add_argument("--colour", choices=("auto", "always", "never"), default="auto", help="colour in text")
    diff.add_argument("--date", type=_day, help='the day "current" refers to (default: today)')
    notice = _add(sub, "notice", cmd_notice, "the letter announcing a new version to customers")
    notice.add_argument("day", type=_day, help="the effective date of the new version")
    notice.add_argument("--lang", type=_locale, required=True, help="the language of the email")
    notice.add_argument("--format", choices=("text", "markdown"), default="text")
    notice.add_argument(
        "--courtesy", action="store_true", help="for an editorial change: the optional notice that nothing changes"
    )
    _add(sub, "schema", cmd_schema, "print the JSON Schema of policy.yml (for editors and validators)")
    export = _add(sub, "export", cmd_export, "write each locale's pages as a Markdown project any engine can build")
    export.add_argument("directory", help="where to write mkdocs.<lang>.yml, docs/<lang>/ and site/")
    export.add_argument("--date", type=_day, help="the day to export for (default: SOURCE_DATE_EPOCH, else today)")
    export.add_argument("--draft", action="store_true", help="export unreleased data, marked draft")
    version_at = _add(sub, "version-at", cmd_version_at, "which version was in force on a day")
    version_at.add_argument("day", type=_day, help="YYYY-MM-DD")
    version_at.add_argument("--json", action="store_true", help="print JSON")
    serve = _add(sub, "serve", cmd_serve, "preview every locale with live reload, unreleased changes as a draft")
    serve.add_argument(
        "--lang", type=_locale, help="a locale to preview beside the published ones, such as one being translated"
    )
    serve.add_argument("-j", "--jobs", type=_jobs, help="locales rebuilt at once (default: one per CPU)")
    serve.add_argument(
        "--date", type=_day, help="the day to preview, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)"
    )
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    serve.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        help="preview the pages built by this engine (default: mkdocs.yml's)",
    )
    _add(sub, "migrate", cmd_migrate, "convert data/policy.yml to format 2 and rename its catalogs' msgctxt")
    withdraw = _add(sub, "withdraw", cmd_withdraw, "withdraw an announced version before it takes effect (recorded)")
    withdraw.add_argument("day", type=_day, help="the effective date of the version to withdraw, YYYY-MM-DD")
    withdraw.add_argument(
        "--reason", required=True, help="why it is withdrawn (recorded, shown in the history and the feed)"
    )
    withdraw.add_argument("--dry-run", action="store_true", help="check and show what would be frozen; write nothing")
    verify = _add(sub, "verify", cmd_verify, "compare the local record with a published site or a former build")
    verify.add_argument("source", help="the site's address (https://…/) or the folder of a former build")
    verify.add_argument("--format", choices=("text", "json"), default="text", help="how to report (default: text)")
    verify.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for each file of a site (default: %(default)s)"
    )
    i18n = sub.add_parser("i18n", help="translators' commands", description="Translators' commands.")
    i18n_sub = i18n.add_subparsers(dest="i18n_command", required=True, metavar="COMMAND")
    extract = _add(i18n_sub, "i18n extract", cmd_i18n_extract, "extract every string into locales/policy.pot")
    extract.add_argument("-o", "--output", help="where to write the .pot (default: locales/policy.pot)")
    _add(i18n_sub, "i18n update", cmd_i18n_update, "merge locales/policy.pot into every locale's policy.po")
    stats = _add(i18n_sub, "i18n stats", cmd_i18n_stats, "count translated, fuzzy, untranslated, obsolete per locale")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    init = _add(i18n_sub, "i18n init", cmd_i18n_init, "start the catalog of a new locale")
    init.add_argument("lang", type=_locale, help='the new locale, such as "de" or "pt_BR" (pt-BR is read as pt_BR)')
    return main_parser


COLLECTED_EVERY = 50_000
"""The command line's process looks for reference cycles once 50,000 new objects are tracked, not 700: a command
imports a few hundred modules whose objects live as long as it does, and looking through them again and again
cost a command a tenth of its time. The preview, which runs for hours, goes back to Python's own pace."""
_COLLECTED_BY_DEFAULT: tuple[int, ...] | None = None


def run() -> int:
    """The command line as a process of its own (``policydocs``, ``python -m policydocs``): ``main``, with the
    collector of reference cycles tuned for a short process. At the end every object is frozen (``gc.freeze``):
    the interpreter's last collections, as it stops, no longer look through every object one last time. Files
    are closed and streams flushed as ever; only the search for cycles that nothing would use again is skipped."""
    import gc

    global _COLLECTED_BY_DEFAULT
    _COLLECTED_BY_DEFAULT = gc.get_threshold()
    gc.set_threshold(COLLECTED_EVERY, *_COLLECTED_BY_DEFAULT[1:])
    try:
        return main()
    finally:
        gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    # Material's end-of-life banner would print once per locale built; the README says how to move on.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    loggers = [logging.getLogger(name) for name in ("mkdocs", "policydocs")]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
    try:
        return _run(args)
    finally:
        for logger in loggers:  # called again in the same process (a test, a library), it says things once
            logger.removeHandler(handler)


def _run(args: argparse.Namespace) -> int:
    try:
        code = args.handler(args)
        sys.stdout.flush()  # a closed pipe is found here, not by the interpreter's own flush at exit
        return code
    except BrokenPipeError:
        # The reader stopped reading (`policydocs check | head -1`): stop quietly, as `cat` would.
        # stdout goes to devnull so that Python's flush at exit does not raise again. The status is
        # 141 (128 + SIGPIPE), what a shell reports for a command ended by a closed pipe: not 1,
        # which for `check` means problems were found.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except PolicyError as err:
        _print_error(err)
        return 1
