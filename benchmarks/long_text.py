"""Benchmark: one long sentence — the time per KB of each text step at 10 KB, 100 KB and 1 MB.

Run:  .venv/bin/python benchmarks/long_text.py [--sizes 10000,100000,1000000] [--budget 60] [--no-commands]

Each input is one sentence of the given size (in characters):
  letter     one word of one letter ("aaaa…"): a pasted token, a long address
  at-signs   "a@a@a@…": an email address that never completes
  schemes    "https://https://…": a link that never completes
  brackets   "[a[a[a…": a Markdown link that never closes
  sentence   French words, with an email address and a link every ~200 words

For each input it times what a page, the translation check and a changes
page do with a sentence: markup.inline and markup.escape, parity.tokens,
and redline.word_diff of the sentence against a copy with one word changed
in the middle ("diff 1 word") and with every 20th word changed ("diff 5%");
what the v2 model does with a text: document.spans, and agreement's numbers
and its email, name and territory checks ("agreement"); and the explanation
of a YAML mistake on the sentence's line (an unclosed quote, "yaml mistake").
The tests bound each of these at 1 MB by tests/conftest.py's HANG, at least
ten times the largest figure of the 1 MB rows on a quiet machine.
Linear handling shows as a flat time per KB down each column; a step that
takes longer than --budget seconds is stopped and shown as "> budget"
(so are the commands).

Then the commands, each in a process of its own: `policydocs check` and
`policydocs build --draft` of a copy of Exograd's project whose first
paragraph is a 1 MB sentence (with its translation in the English catalog,
so the parity check compares two megabytes). The paragraph has a new
effective date and is not released, so `check` ends with exit 1 ("changes
not yet released") after doing all its work: that is the draft's state.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from policydocs.errors import DataError  # noqa: E402
from policydocs.i18n.parity import tokens  # noqa: E402
from policydocs.policy import agreement, document, source  # noqa: E402
from policydocs.site.markup import escape, inline  # noqa: E402
from policydocs.versions.redline import word_diff  # noqa: E402

TEXT = (
    "données personnelles traitement conservation durée client visiteur adresse service facturation "
    "sous-traitant hébergement paiement droit accès rectification effacement opposition limitation "
    "consentement finalité contrat obligation légale intérêt légitime sécurité compte connexion navigateur "
    "la le les de des du un une et ou pour par avec dans sur à au aux est sont peut nous vous 30 jours 1,5"
)
WORDS = tuple(TEXT.split())
PROJECT_FILES = ("mkdocs.yml", "babel.cfg", "data", "docs", "locales", "templates")
SCOPE = "introduction.scope"


def sentence(size: int) -> str:
    """About ``size`` characters of French words in one sentence, with addresses and links in it."""
    rng = random.Random(20221226)
    parts: list[str] = []
    length = 0
    while length < size:
        index = len(parts)
        if index % 200 == 199:
            word = f"dpo{index}@exograd.com" if index % 400 == 399 else f"https://exograd.com/p/{index}"
        else:
            word = rng.choice(WORDS)
        parts.append(word)
        length += len(word) + 1
    return (" ".join(parts))[: size - 1].capitalize() + "."


INPUTS: dict[str, Callable[[int], str]] = {
    "letter": lambda size: "a" * size,
    "at-signs": lambda size: "a@" * (size // 2),
    "schemes": lambda size: "https://" * (size // 8),
    "brackets": lambda size: "[a" * (size // 2),
    "sentence": sentence,
}


def one_word_changed(text: str) -> str:
    middle = len(text) // 2
    space = text.find(" ", middle)
    if space < 0:
        return text[:middle] + "Z" + text[middle + 1 :]
    return text[:space] + " Z" + text[space:]


def every_20th_word_changed(text: str) -> str:
    words = text.split(" ")
    if len(words) == 1:
        return "".join("Z" if i % 20 == 10 else c for i, c in enumerate(text))
    return " ".join("Z" if i % 20 == 10 else w for i, w in enumerate(words))


def agree(text: str) -> None:
    """What the v2 model's tie checks with a text: its numbers, an email address, a name and a territory."""
    agreement.numbers(text)
    agreement.disagreement(text, "email", "a@b.example", "en")
    agreement.disagreement(text, "name", "aa", "en")
    agreement.disagreement(text, "territory", "FR", "fr")


def explain_mistake(text: str) -> None:
    """The explanation of an unclosed quote on a line holding ``text``."""
    try:
        source.parse(f'a:\n  text: "{text}\n  b: {text}\n  c: "d"\n', "p.yml")
    except DataError:
        return
    raise AssertionError("the unclosed quote went unnoticed")


STEPS: dict[str, Callable[[str], Callable[[], object]]] = {
    "inline": lambda text: lambda: inline(text),
    "escape": lambda text: lambda: escape(text),
    "tokens": lambda text: lambda: tokens(text),
    "diff 1 word": lambda text: (lambda other: lambda: word_diff(text, other))(one_word_changed(text)),
    "diff 5%": lambda text: (lambda other: lambda: word_diff(text, other))(every_20th_word_changed(text)),
    "spans": lambda text: lambda: document.spans(text),
    "agreement": lambda text: lambda: agree(text),
    "yaml mistake": lambda text: lambda: explain_mistake(text),
}


def _timed(step: str, kind: str, size: int, pipe: multiprocessing.connection.Connection) -> None:
    run = STEPS[step](INPUTS[kind](size))
    start = time.perf_counter()
    run()
    pipe.send(time.perf_counter() - start)


def measure(step: str, kind: str, size: int, budget: float) -> float | None:
    """Seconds ``step`` takes on ``kind`` of ``size``, in a forked process; None past the budget."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_timed, args=(step, kind, size, sender))
    process.start()
    seconds = receiver.recv() if receiver.poll(budget) else None
    process.kill()
    process.join()
    return seconds


def steps_table(sizes: list[int], budget: float) -> None:
    print(f"{'input':<10} {'size':>9}  " + "".join(f"{step:>16}" for step in STEPS))
    print(f"{'':<10} {'':>9}  " + "".join(f"{'s (ms/KB)':>16}" for _ in STEPS))
    for kind in INPUTS:
        over: set[str] = set()
        for size in sizes:
            cells = []
            for step in STEPS:
                seconds = None if step in over else measure(step, kind, size, budget)
                if seconds is None:
                    over.add(step)
                    cells.append(f"{'> ' + format(budget, 'g') + ' s':>16}")
                else:
                    cells.append(f"{seconds:>7.3f} ({seconds * 1000 / (size / 1000):>6.2f})")
            print(f"{kind:<10} {size:>9}  " + "".join(cells), flush=True)


def long_project(target: Path, text: str) -> None:
    """A copy of Exograd's project whose first paragraph is ``text``, translated in English, not yet released."""
    from babel.messages.pofile import read_po, write_po

    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    text = f"La société Exograd {text}"  # the paragraph states the controller's name: the check wants it there
    policy = target / "data" / "policy.yml"
    data = policy.read_text(encoding="utf-8")
    catalog_file = target / "locales" / "en" / "LC_MESSAGES" / "policy.po"
    with catalog_file.open("rb") as handle:
        catalog = read_po(handle)
    old = next(m for m in catalog if m.context == SCOPE)
    start = data.index(old.id)
    data = data[:start] + text + data[start + len(old.id) :]
    data = data.replace("effective_date: 2022-12-26", "effective_date: 2027-01-01", 1)
    policy.write_text(data, encoding="utf-8")
    catalog.delete(old.id, context=SCOPE)
    catalog.add(text, text.replace("données", "data"), context=SCOPE)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True)
    catalog_file.write_bytes(buffer.getvalue())


def commands(size: int, budget: float) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYDOCS_CACHE": "off", "SOURCE_DATE_EPOCH": "1795000000"}
    for kind in ("sentence", "letter"):
        with tempfile.TemporaryDirectory() as scratch:
            project = Path(scratch) / "project"
            project.mkdir()
            long_project(project, INPUTS[kind](size))
            for command in (["check"], ["build", "--draft", "-d", str(Path(scratch) / "site")]):
                start = time.perf_counter()
                try:
                    done = subprocess.run(
                        [sys.executable, "-m", "policydocs", *command],
                        cwd=project,
                        env=env,
                        capture_output=True,
                        text=True,
                        timeout=budget,
                    )
                except subprocess.TimeoutExpired:
                    shown = f"> {budget:g} s (stopped)"
                else:
                    verdict = "ok" if done.returncode == 0 else f"exit {done.returncode}"
                    shown = f"{time.perf_counter() - start:7.2f} s  ({verdict})"
                print(f"policydocs {command[0]:<6} {kind:<9} {size:>9} chars  {shown}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="sizes in characters, comma-separated")
    parser.add_argument("--budget", type=float, default=60, help="seconds after which a step is stopped")
    parser.add_argument("--no-commands", action="store_true", help="only the steps, not check and build")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    steps_table(sizes, args.budget)
    if not args.no_commands:
        print()
        commands(max(sizes), args.budget)


if __name__ == "__main__":
    main()
