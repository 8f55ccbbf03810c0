"""Benchmark: MkDocs and Zensical building the same site, each as a ratio to the plain MkDocs build of its pages.

Run:  .venv/bin/python benchmarks/engines.py                     (Exograd's site and the example, median of 5)
      .venv/bin/python benchmarks/engines.py --runs 3 --project DIR   (also any other site, by its folder)
      .venv/bin/python benchmarks/engines.py --copies 300             (also the engines alone on 300 more pages)

For each site, in one run, each command in a process of its own, on the
very same pages (written out once by `policydocs export`):
  (b) plain `mkdocs build` of each locale's export, one after the other — the floor;
  (z) plain `zensical build` of each locale's export, one after the other, its own cache emptied;
  (m) `policydocs build` with the MkDocs engine, warm build cache;
  (s) `policydocs build --engine zensical`, warm build cache (locales built at once).
The commands take turns, round after round (--runs rounds); each figure is
the median over the rounds, and each ratio the median of the ratios to (b)
of the same round, so a machine busy for a while moves the seconds more than
the ratios. CPU time (user + system, the command's and what it waited for)
is shown beside wall time: on a shared machine it moves less.

With --copies N, the engines alone on many pages: Exograd's French export
with N copies of its frozen version's page, built by plain MkDocs, by
Zensical with its cache emptied, and by Zensical with its cache kept (as
`policydocs build --engine zensical` keeps it between builds).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import ENV  # noqa: E402  (the same environment: Python keeps what it compiles, the same date)

PROJECT_FILES = ("mkdocs.yml", "data", "docs", "locales", "templates")


Measure = tuple[float, float, int]
"""Wall time (s), CPU time (s, user + system, with what the command waited for) and peak memory (MiB)."""


def measured(command: list[str], cwd: Path) -> Measure:
    """Run a command; its wall time, CPU time and peak memory (max RSS of it and what it waited for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    _, stderr = process.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("site", ".cache"))
        elif path.is_file():
            shutil.copy2(path, target / name)
    if not (target / "templates").exists():  # the example shares the repository's templates
        shutil.copytree(ROOT / "templates", target / "templates")
        config = target / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("../../templates", "templates"))
    return target


def bench(name: str, project: Path, runs: int) -> dict[str, object]:
    policydocs = str(BIN / "policydocs")
    export = project / "export"
    measured([policydocs, "export", str(export)], project)
    configs = sorted(p.name for p in export.glob("mkdocs.*.yml"))

    def plain(engine: list[str]) -> Callable[[], Measure]:
        def sequential() -> Measure:
            wall, cpu, peak = 0.0, 0.0, 0
            for config in configs:
                shutil.rmtree(export / "site" / config.split(".")[1], ignore_errors=True)
                shutil.rmtree(export / ".cache", ignore_errors=True)  # Zensical's: every build from scratch
                seconds, used, memory = measured([*engine, "build", "-f", config], export)
                wall, cpu, peak = wall + seconds, cpu + used, max(peak, memory)
            return wall, cpu, peak

        return sequential

    def build(*more: str) -> Callable[[], Measure]:
        return lambda: measured([policydocs, "build", "--site-dir", str(project / "site"), *more], project)

    build()()  # the build cache filled: every build below is warm
    commands = {
        "floor": plain([str(BIN / "mkdocs")]),
        "zensical": plain([sys.executable, "-m", "zensical"]),
        "policydocs mkdocs": build("--engine", "mkdocs"),
        "policydocs zensical": build("--engine", "zensical"),
    }
    # Round after round, each command once: a machine busy for a while slows every command of the round.
    rounds = [{key: run() for key, run in commands.items()} for _ in range(runs)]
    result: dict[str, object] = {"name": name, "pages": sum(1 for _ in (project / "site").rglob("index.html"))}
    for key in commands:
        result[key] = (
            statistics.median(r[key][0] for r in rounds),
            statistics.median(r[key][1] for r in rounds),
            max(r[key][2] for r in rounds),
        )
        result[f"{key}/floor"] = (
            statistics.median(r[key][0] / r["floor"][0] for r in rounds),
            statistics.median(r[key][1] / r["floor"][1] for r in rounds),
        )
    return result


def copies(count: int, runs: int, base: Path) -> str:
    """The engines alone on Exograd's French pages and ``count`` copies of its frozen version's page."""
    export = base / "copies"
    measured([str(BIN / "policydocs"), "export", str(export)], copy_project(ROOT, base / "copies-project"))
    frozen = next((export / "docs" / "fr" / "versions").iterdir())
    for number in range(count):
        shutil.copytree(frozen, frozen.parent / f"copy-{number}")
    site = export / "site" / "fr"
    zensical = [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.fr.yml"]

    def fresh(command: list[str], empty_cache: bool) -> Measure:
        shutil.rmtree(site, ignore_errors=True)
        if empty_cache:
            shutil.rmtree(export / ".cache", ignore_errors=True)
        return measured(command, export)

    commands = {
        "(b) mkdocs build": lambda: fresh([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs.fr.yml"], False),
        "(z) zensical build, its cache emptied": lambda: fresh(zensical, True),
        "(w) zensical build, its cache kept": lambda: fresh(zensical, False),
    }
    rounds = [{key: run() for key, run in commands.items()} for _ in range(runs)]
    pages = sum(1 for _ in site.rglob("index.html"))
    lines = [f"{pages} pages of one locale (Exograd's French and {count} copies of a frozen version)"]
    for key in commands:
        wall = statistics.median(r[key][0] for r in rounds)
        cpu = statistics.median(r[key][1] for r in rounds)
        ratio = statistics.median(r[key][1] / r["(b) mkdocs build"][1] for r in rounds)
        memory = max(r[key][2] for r in rounds)
        lines.append(f"  {key:40} wall {wall:6.2f} s  CPU {cpu:6.2f} s  CPU/b {ratio:.3f}  peak {memory} MiB")
    return "\n".join(lines)


def table(results: list[dict[str, object]]) -> str:
    def cell(key: str, index: int, form: str) -> Callable[[dict[str, object]], str]:
        return lambda r: format(r[key][index], form)  # type: ignore[index]

    rows: list[tuple[str, Callable[[dict[str, object]], str]]] = [("pages built", lambda r: f"{r['pages']}")]
    names = {
        "floor": "(b) mkdocs build of the export",
        "zensical": "(z) zensical build of the export (its cache emptied)",
        "policydocs mkdocs": "(m) policydocs build, MkDocs, warm",
        "policydocs zensical": "(s) policydocs build --engine zensical, warm",
    }
    for key, label in names.items():
        rows.append((f"{label}, wall (s)", cell(key, 0, ".2f")))
    for key, label in names.items():
        rows.append((f"{label}, CPU (s)", cell(key, 1, ".2f")))
    for key in ("zensical", "policydocs mkdocs", "policydocs zensical"):
        letter = names[key][1]
        rows.append((f"{letter}/b, wall", cell(f"{key}/floor", 0, ".3f")))
        rows.append((f"{letter}/b, CPU", cell(f"{key}/floor", 1, ".3f")))
    for key, label in names.items():
        rows.append((f"peak memory, {label.split(' ', 1)[1].removesuffix(', warm')} (MiB)", cell(key, 2, "d")))
    width = max(len(label) for label, _ in rows)
    lines = [" " * width + "".join(f"  {r['name']:>14}" for r in results)]
    for label, value in rows:
        lines.append(label.ljust(width) + "".join(f"  {value(r):>14}" for r in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command; the median is shown")
    parser.add_argument("--project", action="append", default=[], help="another site's folder (its mkdocs.yml)")
    parser.add_argument("--copies", type=int, default=0, help="also the engines alone on this many more pages")
    args = parser.parse_args()
    sites = [("Exograd", ROOT), ("example", ROOT / "examples" / "librairie-papillon")]
    sites += [(Path(p).name[:14], Path(p)) for p in args.project]
    results = []
    many = ""
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in sites:
            results.append(bench(name, copy_project(source, Path(tmp) / name), args.runs))
        if args.copies:
            many = copies(args.copies, args.runs, Path(tmp))
    print(f"{time.strftime('%Y-%m-%d')}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}, median of {args.runs}")  # fmt: skip
    print(table(results))
    if many:
        print(many)


if __name__ == "__main__":
    main()
