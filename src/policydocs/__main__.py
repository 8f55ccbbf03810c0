"""Run the command line: ``python -m policydocs``."""

from .cli import main

raise SystemExit(main())
