"""Benchmark: how long a build takes, what of it is ours, and what the engine itself needs.

Run:  .venv/bin/python benchmarks/bench.py            (Exograd's site, 100 versions × 2 and × 5 locales)
      .venv/bin/python benchmarks/bench.py --quick    (Exograd's site and 100 × 2 only)

For each site it measures, each command in a process of its own:
  (a) `policydocs build` of the whole site, cold (empty build cache) and warm;
  (b) plain `mkdocs build` of the very same pages, written out by
      `policydocs export` — the floor the engine sets;
  (c) each stage of our own work, in one process: load and validate, the
      catalogs, rendering (diffs included), the diffs alone, feeds and exports —
      cold, then warm;
and prints a table with the ratio a/b and the peak memory (maximum RSS).
For Exograd's site it also measures how long `policydocs serve` takes to
show an edit of data/policy.yml.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795737600"}  # 2026-11-27
STAGES = r"""
import datetime, json, sys, time
from pathlib import Path
from policydocs.project import load_project, resolved_text
from policydocs.site.publication import prepare, frame_translator
from policydocs.site.pages import render_locale
from policydocs.versions.redline import redline_of, sections
from policydocs.versions.summary import summarize
from policydocs.i18n.localize import localize
from policydocs.formats import LOCALE_FORMATS, ROOT_FORMATS

times = {}
def timed(name, work):
    start = time.perf_counter(); value = work(); times[name] = times.get(name, 0) + time.perf_counter() - start
    return value

project = load_project(Path("mkdocs.yml"))
day = datetime.date(2026, 11, 27)
def load():
    policy = project.load_policy(); return policy, project.load_releases(project.cache())
policy, releases = timed("load and validate", load)
locales = project.published(policy)
timed("catalogs", lambda: resolved_text(policy, project.translators(policy, locales)))
publication = timed("catalogs", lambda: prepare(project, day))
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
    titles = {locale: pages[locale].title for locale in locales}
    sources = {locale: sorted(pages[locale].pages) for locale in locales}
    for locale in locales:
        for produce in LOCALE_FORMATS:
            produce(publication, pages[locale], True)
    for produce in ROOT_FORMATS:
        produce(publication, titles, sources)
timed("feeds and exports", feeds_and_exports)
print(json.dumps(times))
"""


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run a command; its wall time in seconds and its peak memory (max RSS, MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    _, stderr = process.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode()}")
    return elapsed, usage.ru_maxrss // 1024


def locales_of(project: Path) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from policydocs.project import load_project

    project_ = load_project(project / "mkdocs.yml")
    return list(project_.published(project_.load_policy()))


def bench(name: str, project: Path) -> dict[str, object]:
    policydocs = str(BIN / "policydocs")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold, _ = measured([policydocs, "build", "--site-dir", str(project / "site")], project)
    warm, warm_mem = measured([policydocs, "build", "--site-dir", str(project / "site")], project)
    export = project / "export"
    measured([policydocs, "export", str(export)], project)
    floor, floor_mem = 0.0, 0
    for locale in locales_of(project):
        seconds, memory = measured([str(BIN / "mkdocs"), "build", "-q", "-f", f"mkdocs.{locale}.yml"], export)
        floor, floor_mem = floor + seconds, max(floor_mem, memory)
    stages = {}
    for state in ("cold", "warm"):
        if state == "cold":
            shutil.rmtree(project / ".cache", ignore_errors=True)
        out = subprocess.run(
            [sys.executable, "-c", STAGES, state], cwd=project, env=ENV, capture_output=True, text=True, check=True
        )
        stages[state] = json.loads(out.stdout.strip().splitlines()[-1])
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    return {
        "name": name,
        "pages": pages,
        "build cold": cold,
        "build warm": warm,
        "floor": floor,
        "memory build": warm_mem,
        "memory floor": floor_mem,
        "stages": stages,
    }


def serve_latency(project: Path) -> float:
    """Seconds from saving data/policy.yml to the preview serving the edit (median of 5)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [str(BIN / "policydocs"), "serve", "--lang", "fr", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 60
        while "Sous-traitants" not in page() and time.monotonic() < deadline:
            time.sleep(0.05)
        data = project / "data" / "policy.yml"
        original = data.read_text(encoding="utf-8")
        latencies = []
        for attempt in range(5):
            marker = f"Prestataires {attempt}"
            data.write_text(original.replace("title: Sous-traitants", f"title: {marker}"), encoding="utf-8")
            start = time.perf_counter()
            while marker not in page():
                if time.perf_counter() - start > 30:
                    sys.exit("the preview never showed the edit")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.5)
        data.write_text(original, encoding="utf-8")
        return sorted(latencies)[len(latencies) // 2]
    finally:
        process.terminate()
        process.wait(timeout=10)


def exograd_copy(target: Path) -> Path:
    for name in ("mkdocs.yml", "data", "docs", "locales", "templates"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def table(results: list[dict[str, object]]) -> str:
    rows = [
        ("pages built", lambda r: f"{r['pages']}"),
        ("(a) policydocs build, cold cache (s)", lambda r: f"{r['build cold']:.2f}"),
        ("(a) policydocs build, warm cache (s)", lambda r: f"{r['build warm']:.2f}"),
        ("(b) mkdocs build of the export (s)", lambda r: f"{r['floor']:.2f}"),
        ("a/b, warm", lambda r: f"{r['build warm'] / r['floor']:.3f}"),
        ("a/b, cold", lambda r: f"{r['build cold'] / r['floor']:.3f}"),
    ]
    for stage in ("load and validate", "catalogs", "render (with diffs)", "diffs alone", "feeds and exports"):
        for state in ("cold", "warm"):
            if stage == "diffs alone" and state == "warm":
                continue
            rows.append(
                (
                    f"(c) {stage}, {state} (s)",
                    lambda r, s=stage, t=state: f"{r['stages'][t].get(s, 0):.3f}",  # type: ignore[index]
                )
            )
    rows += [
        ("peak memory, policydocs build (MiB)", lambda r: f"{r['memory build']}"),
        ("peak memory, mkdocs build (MiB)", lambda r: f"{r['memory floor']}"),
    ]
    width = max(len(label) for label, _ in rows)
    header = " " * width + "".join(f"  {r['name']:>14}" for r in results)
    lines = [header]
    for label, cell in rows:
        lines.append(label.ljust(width) + "".join(f"  {cell(r):>14}" for r in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out 100 versions × 5 locales")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "exograd").mkdir()
        exograd = exograd_copy(base / "exograd")
        results.append(bench("Exograd", exograd))
        latency = serve_latency(exograd)
        scenarios = [(100, 2)] if args.quick else [(100, 2), (100, 5)]
        for versions, locales in scenarios:
            project = generate(base / f"v{versions}l{locales}", versions, locales, 20)
            results.append(bench(f"{versions} × {locales}", project))
    print(f"{time.strftime('%Y-%m-%d')}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}")  # fmt: skip
    print(table(results))
    print(f"policydocs serve: an edit of data/policy.yml shows after {latency:.2f} s (median of 5)")


if __name__ == "__main__":
    main()
