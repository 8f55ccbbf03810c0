"""Whether corpus policies are valid format-2 data whose sentences agree with the facts they state (no lint).

    python benchmarks/lint_corpus/validate.py tests/data/lint-lawyer/*.yml

Prints each problem at its file, line and column; exits 1 if there is one.
The linter is not run: a corpus policy is written before the rules are read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from policydocs.errors import PolicyError
from policydocs.policy import loading, verify


def main(names: list[str]) -> int:
    bad = 0
    for name in names:
        path = Path(name)
        try:
            policy = loading.load(path, name)
        except PolicyError as err:
            print(err)
            bad += 1
            continue
        problems = verify.check(policy)
        for problem in problems:
            print(f"{name}: {problem}")
        bad += bool(problems)
        if not problems:
            print(f"{name}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
