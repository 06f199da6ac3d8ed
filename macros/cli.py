"""Contributor and maintainer commands. Every data problem is printed as path:line: field: message."""
from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

import yaml

from .kinds import KINDS
from .load import check_dataset
from .problems import workflow_command
from .untrusted import guarded_output, print_command
from .words import count

ROOT = Path(__file__).resolve().parent.parent
# The modules that add commands of their own (new, format, diff, docs, release, review, yamllint, forms,
# from-issue), imported only when one of them may be asked for: `validate`, which every pull request runs, then loads
# the data layer alone (without kept bytecode, every module imported is compiled again).
COMMAND_MODULES = ("scaffold", "formatting", "changes", "docgen", "release", "review", "yaml_lint", "forms", "from_issue")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Ukraine Peace Process Tracker data tools")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every file in data/ and list all problems")
    validate.add_argument("--data", type=Path, default=ROOT / "data")
    validate.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations on the changed lines")

    schemas = commands.add_parser("schemas", help="write the JSON Schemas in schemas/ from the model")
    schemas.add_argument("--check", action="store_true", help="fail if schemas/ is out of date")

    pages = commands.add_parser("pages", help="write a docs folder with every page finished, for generators without our hooks",
                                description="Write OUT_DIR: docs/ with every macro expanded, and one Markdown file per generated page "
                                            "(front matter and finished HTML). Any MkDocs-like generator can build it with the theme alone.")
    pages.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    pages.add_argument("--data", type=Path, default=ROOT / "data")
    pages.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="site settings (name, address, repository)")

    export = commands.add_parser("export", help="write the open-data files (API, CSV, feeds) into a built site")
    export.add_argument("site_dir", type=Path, metavar="SITE_DIR")
    export.add_argument("--data", type=Path, default=ROOT / "data")
    export.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")

    zensical = commands.add_parser("zensical", help="build the site with Zensical (make build-zensical)",
                                   description="Write every page and open-data file, and have Zensical theme the pages into SITE_DIR.")
    zensical.add_argument("site_dir", type=Path, metavar="SITE_DIR")
    zensical.add_argument("--data", type=Path, default=ROOT / "data")
    zensical.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")

    words = sys.argv[1:] if argv is None else argv
    if not words or words[0] not in _COMMANDS:
        for name in COMMAND_MODULES:  # each adds its own parser
            importlib.import_module(f"{__package__}.{name}").register(commands)
    with guarded_output():  # every command prints contributors' text: made printable line by line
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
    # Made absolute, not resolved: a data/ that is a symbolic link must be seen as one, and refused.
    data_dir = Path(os.path.abspath(args.data))
    display_root = Path.cwd() if data_dir.is_relative_to(Path.cwd()) else data_dir.parent
    dataset, problems = check_dataset(data_dir, display_root=display_root)
    for problem in problems:
        if args.format == "github":
            print_command(problem.as_github_annotation())
        else:
            print(problem)
    warn_about_encoding(problems, args.format)
    if problems:
        print(f"{count(len(problems), 'problem')} found; nothing was changed.", file=sys.stderr)
        return 1
    counts = ", ".join(count(n, KINDS[kind].singular) for kind, n in dataset.counts().items())
    print(f"data/ is valid: {counts}.")
    return 0


def warn_about_encoding(problems, output: str) -> None:
    """The loader reads a BOM or CRLF file fine, but the pull request's yamllint refuses CRLF
    and `make format-check` both: say so before the pull request does. The loader notes them in
    the files it reads (it has refused links, pipes and oversized files already)."""
    hint = "the pull request's checks refuse it; `make format` rewrites the file without it"
    for path, note in sorted(problems.warnings, key=lambda warning: warning[0]):
        if output == "github":
            print_command(workflow_command("warning", path, 1, "file encoding", f"{note} ({hint})"))
        else:
            print(f"{path}:1: warning: {note} ({hint})", file=sys.stderr)


def run_schemas(args) -> int:
    from .schemas import write_schemas

    stale = write_schemas(ROOT / "schemas", ROOT / "data", check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"schemas/{name} is out of date: run `python -m macros schemas`")
        return 1
    return 0


def _load_site(args):
    """The validated dataset and the site settings from the config file; None after printing problems."""
    dataset, problems = check_dataset(Path(os.path.abspath(args.data)))  # a linked data/ is refused, not resolved
    for problem in problems:
        print(problem, file=sys.stderr)
    config = yaml.safe_load(args.config.read_text(encoding="utf-8"))
    return (None, None) if problems else (dataset, config)


def run_pages(args) -> int:
    from .pages import DuplicateOutput, write_docs
    from .render.views import rendering_of
    from .site import site_config

    dataset, config = _load_site(args)
    if dataset is None:
        return 1
    docs = args.config.resolve().parent / config.get("docs_dir", "docs")
    try:
        count = write_docs(rendering_of(dataset, site_config(config, args.data.resolve())), docs, args.out_dir, config)
    except DuplicateOutput as clash:
        print(clash, file=sys.stderr)
        return 1
    print(f"{count} pages written to {args.out_dir}")
    return 0


def run_export(args) -> int:
    from .export import build_commit, export_all
    from .site import site_config

    dataset, config = _load_site(args)
    if dataset is None:
        return 1
    site = site_config(config, args.data.resolve())
    export_all(dataset, args.site_dir, site=site, commit=build_commit(site))
    return 0


def run_zensical(args) -> int:
    from .export.cards import CardFontMissing
    from .pages import DuplicateOutput
    from .site import site_config
    from .zensical_site import ZensicalFailed, build_with_zensical

    dataset, config = _load_site(args)
    if dataset is None:
        return 1
    try:
        count = build_with_zensical(dataset, config, args.config, site_config(config, args.data.resolve()), args.site_dir)
    except (DuplicateOutput, ZensicalFailed, CardFontMissing) as failure:
        print(failure, file=sys.stderr)
        return 1
    print(f"{count} pages built by Zensical into {args.site_dir}")
    return 0


_COMMANDS = {"validate": run_validate, "schemas": run_schemas, "pages": run_pages, "export": run_export, "zensical": run_zensical}
