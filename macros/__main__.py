"""Command line: `python -m macros validate|schemas|new|format|diff` (see `--help`)."""
from .cli import main

raise SystemExit(main())
