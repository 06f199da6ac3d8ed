"""Contributor and maintainer commands. Every data problem is printed as path:line: field: message."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import changes, formatting, review, scaffold
from .load import check_dataset
from .schemas import write_schemas

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Ukraine Peace Process Tracker data tools")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every file in data/ and list all problems")
    validate.add_argument("--data", type=Path, default=ROOT / "data")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations on the changed lines")

    schemas = commands.add_parser("schemas", help="write the JSON Schemas in schemas/ from the model")
    schemas.add_argument("--check", action="store_true", help="fail if schemas/ is out of date")

    for module in (scaffold, formatting, changes, review):  # new, format, diff, review: each adds its own parser
        module.register(commands)
    args = parser.parse_args(argv)
    return args.run(args) if hasattr(args, "run") else _COMMANDS[args.command](args)


def run_validate(args) -> int:
    data_dir = args.data.resolve()
    dataset, problems = check_dataset(data_dir, display_root=Path.cwd() if data_dir.is_relative_to(Path.cwd()) else data_dir.parent)
    for problem in problems:
        print(problem.as_github_annotation() if args.format == "github" else str(problem))
    if problems:
        print(f"{len(problems)} problem(s) found; nothing was changed.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {kind}" for kind, n in dataset.counts().items())
    print(f"data/ is valid: {counts}.")
    return 0


def run_schemas(args) -> int:
    stale = write_schemas(ROOT / "schemas", ROOT / "data", check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"schemas/{name} is out of date: run `python -m macros schemas`")
        return 1
    return 0


_COMMANDS = {"validate": run_validate, "schemas": run_schemas}
