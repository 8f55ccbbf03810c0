"""Benchmark: each figure as a ratio against the plain sequential `mkdocs build` of the same pages, in the same run.

Run:  .venv/bin/python benchmarks/bench.py              (everything, median of 3 runs)
      .venv/bin/python benchmarks/bench.py --quick      (Exograd's site and 100 × 2 only, 1 run)
      .venv/bin/python benchmarks/bench.py --long       (1,000 versions × 2 only, 1 run: how cost grows)
      .venv/bin/python benchmarks/bench.py --runs 5

The baseline of each site, measured in the same run: its pages written
out by `policydocs export`, then a plain `mkdocs build` of each locale's
export, one after the other, each in a process of its own — what a site
costs its engine with nothing of ours. Then, each command in a process of
its own, each a median of --runs:
  - `policydocs build` of the whole site, cold (empty build cache) and warm,
    with the locales in parallel (the default) and one after the other (--jobs 1);
  - for the generated histories, the warm build after one change: one word of
    one sentence changed and released as a new version that takes effect a
    month ahead (generate.one_change); and the warm build on the day it takes
    effect, when every older version's comparison with the one in force changes;
  - `policydocs check` with its inputs unchanged (the report kept by the check
    before), and after an edit of data/policy.yml;
  - for Exograd's site, the preview: from saving data/policy.yml to the page
    showing the edit (the page's own reload request answered, then the page fetched);
  - the 1 MB sentence: `check` and `build --draft` of Exograd's project whose
    first paragraph is one sentence of a megabyte (goal: under 10 s each),
    against the plain build of that draft's export;
  - peak memory: the largest process (resource.getrusage of the children: a
    parallel build's worker processes included) of a warm build and of the baseline;
  - once, our own stages in one process (load, catalogs, rendering, diffs,
    feeds and exports), cold and warm, to see where a build's own time goes.
Another engine adds its plain build of the same export as a column of
``BASELINES`` and its build command to ``BUILDS``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402
from long_text import INPUTS, long_project  # noqa: E402

# Python may keep the modules it compiles (__pycache__), as it does on any machine by default and as an installed
# package has them: a session that turned that off (PYTHONDONTWRITEBYTECODE) would time policydocs compiling its
# own source on every run against an engine whose modules pip compiled at installation.
ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1795737600",  # 2026-11-27
}
STAGES = r"""
import datetime, json, sys, time
from pathlib import Path
from policydocs.workspace import Workspace
from policydocs.site.publication import prepare, frame_translator
from policydocs.site.pages import render_locale
from policydocs.versions.redline import redline_of, sections
from policydocs.versions.summary import summarize
from policydocs.i18n.localize import localize
from policydocs.formats import LOCALE_FORMATS, ROOT_FORMATS
from policydocs.site.edition import edition_of

times = {}
def timed(name, work):
    start = time.perf_counter(); value = work(); times[name] = times.get(name, 0) + time.perf_counter() - start
    return value

workspace = Workspace.of(Path("mkdocs.yml"))
day = datetime.date(2026, 11, 27)
def load():
    return workspace.policy, workspace.releases
policy, releases = timed("load and validate", load)
locales = workspace.locales
timed("catalogs", lambda: workspace.resolved_text())
publication = timed("catalogs", lambda: prepare(workspace, day))
for locale in locales:
    timed("catalogs", lambda: frame_translator(publication, locale, True))
pages = {}
for locale in locales:
    pages[locale] = timed("render (with diffs)", lambda: render_locale(publication, locale))
def diffs():
    for locale in locales:
        policies = [localize(v.release.policy, v.release.translator(locale)) for v in publication.versions]
        texts = [sections(p) for p in policies]
        for i in range(1, len(policies)):
            summarize(policies[i - 1], policies[i], locale, redline_of(texts[i - 1], texts[i]))
if sys.argv[1] == "cold":
    timed("diffs alone", diffs)
def feeds_and_exports():
    editions = {locale: edition_of(publication, pages[locale]) for locale in locales}
    for locale in locales:
        for produce in LOCALE_FORMATS:
            produce(publication, pages[locale], True)
    for produce in ROOT_FORMATS:
        produce(publication, editions)
timed("feeds and exports", feeds_and_exports)
print(json.dumps(times))
"""


PEAK = r"""
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if done.returncode:
    sys.stderr.buffer.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
sys.exit(done.returncode)
"""
"""Runs a command; prints the peak memory (MiB) of its largest process, its own children included."""


class Failed(Exception):
    """A command of the benchmark failed: what it said."""


def measured(
    command: list[str], cwd: Path, *, ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Run a command; its wall time in seconds and the peak memory of its largest process (MiB)."""
    start = time.perf_counter()
    environment = {**ENV, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], cwd=cwd, env=environment, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise Failed(f"{' '.join(command)} failed in {cwd}:\n{done.stderr}")
    return elapsed, int(done.stdout.strip().splitlines()[-1])


def median(runs: int, work: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    """The median time of ``runs`` runs, and the highest peak memory among them."""
    results = [work() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def locales_of(project: Path) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from policydocs.workspace import Workspace

    return list(Workspace.of(project / "mkdocs.yml").locales)


def plain_mkdocs(export: Path, locales: list[str]) -> tuple[float, int]:
    """The baseline: a plain `mkdocs build` of each locale's export, one after the other."""
    total, memory = 0.0, 0
    for locale in locales:
        seconds, peak = measured([str(BIN / "mkdocs"), "build", "-q", "-f", f"mkdocs.{locale}.yml"], export)
        total, memory = total + seconds, max(memory, peak)
    return total, memory


BASELINES: dict[str, Callable[[Path, list[str]], tuple[float, int]]] = {"mkdocs": plain_mkdocs}
"""Each engine's plain build of an export (the column a ratio is against)."""
BUILDS: dict[str, list[str]] = {"mkdocs": []}
"""The options of `policydocs build` that build with each engine."""


def policydocs(*args: str) -> list[str]:
    return [str(BIN / "policydocs"), *args]


def bench(
    name: str,
    project: Path,
    runs: int,
    engine: str = "mkdocs",
    *,
    changed: Path | None = None,
    in_turn: bool = True,
) -> dict[str, object]:
    """Every figure of one site, with its baseline.

    ``changed``: the same project with one version more that changes one word of one sentence, released ahead
    (generate.one_change, in effect on UPCOMING): copied over the project after a warm build, it gives the warm
    build after one change, and, built on the day that version takes effect, the warm build of that day (when
    every older version's comparison with the version in force changes). ``in_turn``: measure --jobs 1 too.
    """
    site = str(project / "site")
    build = policydocs("build", *BUILDS[engine], "--site-dir", site)
    export = project / "export"
    measured(policydocs("export", str(export)), project)
    locales = locales_of(project)
    one_by_one = [*build, "--jobs", "1"]

    def cold(command: list[str]) -> tuple[float, int]:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return measured(command, project)

    works: dict[str, Callable[[], tuple[float, int]]] = {
        "baseline": lambda: BASELINES[engine](export, locales),
        "build, cold": lambda: cold(build),
        "build, warm": lambda: measured(build, project),
    }
    if in_turn:
        works["build in turn (--jobs 1), cold"] = lambda: cold(one_by_one)
        works["build in turn (--jobs 1), warm"] = lambda: measured(one_by_one, project)
    check = policydocs("check")
    # Unchanged inputs: the second of two checks, the report the first kept (see check, edited).
    works["check"] = lambda: (measured(check, project, ok=(0, 1)), measured(check, project, ok=(0, 1)))[1]
    works["check, edited"] = lambda: edited_check(project)
    if changed is not None:
        works["build, warm, one change"] = lambda: one_change(project, changed, build)
    # Run after run, each figure beside its baseline: a load that changes during the run (a shared
    # machine) changes both alike, and each ratio is the median of the runs' own ratios.
    runs_: list[dict[str, tuple[float, int]]] = [{name: work() for name, work in works.items()} for _ in range(runs)]
    figures = {name: (statistics.median(r[name][0] for r in runs_), max(r[name][1] for r in runs_)) for name in works}
    ratios = {name: statistics.median(r[name][0] / r["baseline"][0] for r in runs_) for name in works}
    if project in ON_THE_DAY:
        figures["build, warm, on the day it takes effect"] = ON_THE_DAY[project]
        ratios["build, warm, on the day it takes effect"] = ON_THE_DAY[project][0] / figures["baseline"][0]
    stages: dict[str, dict[str, float]] = {"cold": {}, "warm": {}}
    for state in ("cold", "warm") if in_turn else ():  # not for the long history: its one cold run is enough
        if state == "cold":
            shutil.rmtree(project / ".cache", ignore_errors=True)
        command = [sys.executable, "-c", STAGES, state]
        out = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
        if out.returncode:
            raise Failed(f"our stages ({state}) failed in {project}:\n{out.stderr}")
        stages[state] = json.loads(out.stdout.strip().splitlines()[-1])
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return {
        "name": name,
        "pages": pages,
        "locales": len(locales),
        "figures": figures,
        "ratios": ratios,
        "stages": stages,
    }


UPCOMING = (datetime.date(2027, 1, 1), datetime.date(2026, 11, 27))
"""The changed version's effective date, and the day it is published (the benchmark's day, ENV)."""


def edited_check(project: Path) -> tuple[float, int]:
    """`check` after an edit of data/policy.yml (a comment added): its report cannot be the one kept."""
    data = project / "data" / "policy.yml"
    original = data.read_bytes()
    data.write_bytes(original + f"# edited {time.time_ns()}\n".encode())
    try:
        return measured(policydocs("check"), project, ok=(0, 1))
    finally:
        data.write_bytes(original)


def one_change(project: Path, changed: Path, build: list[str]) -> tuple[float, int]:
    """The warm build after one changed sentence is released, then back to the project as it was (cache included).

    Made from the cache of the warm build before it (kept aside once), so that every run measures the same step.
    """
    kept = project.parent / f"{project.name}-cache"
    if not kept.exists():
        shutil.copytree(project / ".cache", kept)
    saved = project.parent / f"{project.name}-inputs"
    for folder in ("data", "locales"):
        shutil.copytree(project / folder, saved / folder, dirs_exist_ok=True)
        shutil.rmtree(project / folder)
        shutil.copytree(changed / folder, project / folder)
    try:
        result = measured(build, project)
        day = datetime.datetime.combine(UPCOMING[0], datetime.time(), tzinfo=datetime.UTC)
        ON_THE_DAY[project] = measured(build, project, env={"SOURCE_DATE_EPOCH": str(int(day.timestamp()))})
        return result
    finally:
        for folder in ("data", "locales"):
            shutil.rmtree(project / folder)
            shutil.copytree(saved / folder, project / folder)
        shutil.rmtree(saved)
        shutil.rmtree(project / ".cache")
        shutil.copytree(kept, project / ".cache")


ON_THE_DAY: dict[Path, tuple[float, int]] = {}
"""The warm build on the day the changed version takes effect, after its one_change build (the last run's)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 30) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def preview_latency(project: Path, runs: int) -> float:
    """Seconds from saving data/policy.yml to the preview's page showing the edit, as a browser sees it (median).

    The page's reload request is held until the French pages change; then
    the page is fetched again, as the page's script does.
    """
    import re

    port = free_port()
    process = subprocess.Popen(
        policydocs("serve", "-a", f"127.0.0.1:{port}"),
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/fr/"
    data = project / "data" / "policy.yml"
    original = data.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 120
        while "Sous-traitants" not in fetch(url) and time.monotonic() < deadline:
            time.sleep(0.05)
        latencies = []
        for attempt in range(max(runs, 5)):
            seen = re.search(r'var seen = "(\d+)"', fetch(url))
            if seen is None:
                sys.exit("the preview's page has no reload script")
            marker = f"Prestataires {attempt}"
            start = time.perf_counter()
            data.write_text(original.replace("title: Sous-traitants", f"title: {marker}"), encoding="utf-8")
            fetch(f"http://127.0.0.1:{port}/.policydocs/reload?locale=fr&since={seen[1]}")
            while marker not in fetch(url):
                if time.perf_counter() - start > 60:
                    sys.exit("the preview never showed the edit")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.5)
        return statistics.median(latencies)
    finally:
        data.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=10)


def long_sentence(base: Path, runs: int) -> dict[str, tuple[float, int]]:
    """`check` and `build --draft` of Exograd's project with a 1 MB first paragraph; the plain build of its export."""
    project = base / "megabyte"
    project.mkdir()
    long_project(project, INPUTS["sentence"](1_000_000))
    export = project / "export"
    measured(policydocs("export", "--draft", str(export)), project)
    return {
        "baseline": median(runs, lambda: plain_mkdocs(export, locales_of(project))),
        # exit 1: the paragraph is a change not yet released, which check reports after doing all its work
        "check": median(runs, lambda: measured(policydocs("check"), project, ok=(0, 1))),
        "build --draft": median(
            runs,
            lambda: measured(policydocs("build", "--draft"), project),  # into site-draft/
        ),
    }


def exograd_copy(target: Path) -> Path:
    for name in ("mkdocs.yml", "data", "docs", "locales", "templates"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


FIGURES = (
    "build, cold",
    "build, warm",
    "build, warm, one change",
    "build, warm, on the day it takes effect",
    "build in turn (--jobs 1), cold",
    "build in turn (--jobs 1), warm",
    "check",
    "check, edited",
)
STAGE_NAMES = ("load and validate", "catalogs", "render (with diffs)", "diffs alone", "feeds and exports")


def _stage(result: dict, state: str, stage: str) -> str:
    """A stage's seconds, or nothing where it was not measured."""
    seconds = result["stages"][state].get(stage)
    return "" if seconds is None else f"{seconds:.3f}"


def table(results: list[dict[str, object]]) -> str:
    """Seconds, and the ratio to the baseline of the same site in the same run."""
    rows: list[tuple[str, Callable[[dict], str]]] = [
        ("pages built (locales)", lambda r: f"{r['pages']} ({r['locales']})"),
        ("baseline: plain mkdocs, in turn (s)", lambda r: f"{r['figures']['baseline'][0]:.2f}"),
    ]
    for figure in FIGURES:
        rows.append(
            (
                f"{figure} (s, × baseline)",
                lambda r, f=figure: f"{r['figures'][f][0]:.2f} {r['ratios'][f]:.2f}×" if f in r["figures"] else "",
            )
        )
    for stage in STAGE_NAMES:
        for state in ("cold", "warm"):
            if stage != "diffs alone" or state == "cold":
                rows.append((f"  our {stage}, {state} (s)", lambda r, s=stage, t=state: _stage(r, t, s)))
    rows += [
        ("peak memory, build warm (MiB)", lambda r: f"{r['figures']['build, warm'][1]}"),
        ("peak memory, baseline (MiB)", lambda r: f"{r['figures']['baseline'][1]}"),
    ]
    width = max(len(label) for label, _ in rows)
    lines = [" " * width + "".join(f"  {r['name']:>15}" for r in results)]
    lines += [label.ljust(width) + "".join(f"  {cell(r):>15}" for r in results) for label, cell in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Exograd's site and 100 × 2 only, one run each")
    parser.add_argument("--runs", type=int, default=3, help="runs of each figure, of which the median (default 3)")
    parser.add_argument("--long", action="store_true", help="1,000 versions × 2 only, one run (how cost grows)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    load_before = os.getloadavg()[0]
    results = []
    latency, megabyte = None, None
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if not args.long:
            (base / "exograd").mkdir()
            exograd = exograd_copy(base / "exograd")
            results.append(bench("Exograd", exograd, runs))
            latency = preview_latency(exograd, runs)
            megabyte = None if args.quick else long_sentence(base, runs)
        scenarios = [(1000, 2)] if args.long else [(100, 2)] if args.quick else [(100, 2), (100, 5)]
        for versions, locales in scenarios:
            project = generate(base / f"v{versions}l{locales}", versions, locales, 20)
            changed = generate(base / f"v{versions}l{locales}-changed", versions, locales, 20, upcoming=UPCOMING)
            try:
                results.append(
                    bench(f"{versions} × {locales}", project, 1 if args.long else runs, changed=changed,
                          in_turn=not args.long)
                )  # fmt: skip
            except Failed as err:  # the sites measured are still shown
                print(f"{versions} × {locales}: not measured: {str(err).splitlines()[0]}", file=sys.stderr)
    print(f"{time.strftime('%Y-%m-%d')}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}, median of {runs}, "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    print(table(results))
    if latency is not None:
        exograd_base = results[0]["figures"]["baseline"][0]  # type: ignore[index]
        print(
            f"preview, from saving data/policy.yml to the page showing it: {latency:.2f} s "
            f"({latency / exograd_base:.2f}× Exograd's baseline)"
        )
    if megabyte:
        plain = megabyte["baseline"][0]
        print(f"1 MB sentence: baseline (plain mkdocs of the draft's export) {plain:.2f} s", end="")
        for name in ("check", "build --draft"):
            seconds, memory = megabyte[name]
            print(f"; {name} {seconds:.2f} s ({seconds / plain:.2f}×, {memory} MiB)", end="")
        print()


if __name__ == "__main__":
    try:
        main()
    except Failed as err:
        sys.exit(str(err))
