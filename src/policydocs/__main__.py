"""Run the command line: ``python -m policydocs``."""

from .cli import run

raise SystemExit(run())
