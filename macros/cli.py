"""Contributor and maintainer commands. Every data problem is printed as path:line: field: message."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import changes, docgen, formatting, scaffold
from .layout_report import encoding_warnings
from .load import check_dataset
from .schemas import write_schemas
from .words import count

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Ukraine Peace Process Tracker data tools")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every file in data/ and list all problems")
    validate.add_argument("--data", type=Path, default=ROOT / "data")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations on the changed lines")

    schemas = commands.add_parser("schemas", help="write the JSON Schemas in schemas/ from the model")
    schemas.add_argument("--check", action="store_true", help="fail if schemas/ is out of date")

    for module in (scaffold, formatting, changes, docgen):  # new, format, diff, docs: each adds its own parser
        module.register(commands)
    args = parser.parse_args(argv)
    if args.command == "diff" and args.base is None:
        args.base = default_diff_base(args.repo or Path.cwd())
    return args.run(args) if hasattr(args, "run") else _COMMANDS[args.command](args)


# Plain `make diff` compares with where the branch left main, so that committed work counts.
DIFF_BASES = ("origin/main", "main")


def default_diff_base(repo: Path) -> str:
    """The merge base of HEAD with origin/main, else with main, else HEAD itself."""
    for branch in DIFF_BASES:
        found = subprocess.run(["git", "merge-base", "HEAD", branch], cwd=repo, capture_output=True, text=True)
        if found.returncode == 0:
            commit = found.stdout.strip()
            print(f"diff: comparing with {commit[:12]}, where this branch left {branch} "
                  "(another base: make diff REV=...)", file=sys.stderr)
            return commit
    print("diff: no main branch to compare with; comparing with HEAD, the last commit", file=sys.stderr)
    return "HEAD"


def run_validate(args) -> int:
    data_dir = args.data.resolve()
    display_root = Path.cwd() if data_dir.is_relative_to(Path.cwd()) else data_dir.parent
    dataset, problems = check_dataset(data_dir, display_root=display_root)
    for problem in problems:
        print(problem.as_github_annotation() if args.format == "github" else str(problem))
    warn_about_encoding(data_dir, display_root, args.format)
    if problems:
        print(f"{count(len(problems), 'problem')} found; nothing was changed.", file=sys.stderr)
        return 1
    counts = ", ".join(count(n, kind.removesuffix("s")) for kind, n in dataset.counts().items())
    print(f"data/ is valid: {counts}.")
    return 0


def warn_about_encoding(data_dir: Path, display_root: Path, output: str) -> None:
    """The loader reads a BOM or CRLF file fine, but the pull request's yamllint refuses CRLF
    and `make format-check` both: say so before the pull request does."""
    hint = "the pull request's checks refuse it; `make format` rewrites the file without it"
    if not data_dir.is_dir():
        return  # the validator has said so already
    for path, note in encoding_warnings(formatting.data_files([data_dir]), display_root):
        if output == "github":
            print(f"::warning file={path},line=1,title=file encoding::{note} ({hint})")
        else:
            print(f"{path}:1: warning: {note} ({hint})", file=sys.stderr)


def run_schemas(args) -> int:
    stale = write_schemas(ROOT / "schemas", ROOT / "data", check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"schemas/{name} is out of date: run `python -m macros schemas`")
        return 1
    return 0


_COMMANDS = {"validate": run_validate, "schemas": run_schemas}
