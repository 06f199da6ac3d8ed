"""`python -m macros format [--check] [PATHS...]`: puts the files of data/ in the canonical
layout (macros/layout.py) and, with --check, says why a file is not (macros/layout_report.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from .layout import FormatError, format_text, kind_for_path
from .layout_report import report
from .problems import shown_path
from .words import agree, count

ROOT = Path(__file__).resolve().parent.parent
FILES_WITH_DIFF = 5  # `format --check` shows what would change in this many files, then only names them


def data_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.yml")) if not any(part.startswith(".") for part in p.parts[len(path.parts):]))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def run(args) -> int:
    paths = [Path(p) for p in args.paths] or [ROOT / "data"]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{shown_path(path)}: no such file or folder", file=sys.stderr)
    files = data_files([p for p in paths if p.exists()])
    changed: list[Path] = []
    broken: list[tuple[Path, str]] = []
    for path in files:
        if path.is_symlink() or not path.is_file():  # never write through a link, never wait on a pipe
            broken.append((path, "not a regular file (a link, pipe or device); data/ holds only regular files"))
            continue
        try:
            # Bytes, not read_text: its newline translation would hide Windows line endings.
            original = path.read_bytes().decode("utf-8")
            result = format_text(original, kind_for_path(path))
        except (FormatError, UnicodeDecodeError) as err:
            broken.append((path, str(err)))
            continue
        if result != original:
            changed.append(path)
            if args.check:
                _explain(path, original, result, with_diff=len(changed) <= FILES_WITH_DIFF)
            else:
                path.write_bytes(result.encode("utf-8"))
    for path, message in broken:
        print(f"{shown_path(path)}: not formatted: {message}", file=sys.stderr)
    if args.check:
        if len(changed) > FILES_WITH_DIFF:
            print(f"(changes shown for the first {FILES_WITH_DIFF} files only)")
        if changed:
            print(f"{count(len(changed), 'file')} would be reformatted: run `make format` "
                  "(or `python -m macros format PATH`) and commit the result.", file=sys.stderr)
        return 1 if changed or broken or missing else 0
    for path in changed:
        print(f"formatted {shown_path(path)}")
    if not changed and not broken:
        print(f"{count(len(files), 'file')} {agree(len(files), 'is', 'are')} already in the canonical layout.")
    return 1 if broken or missing else 0


def _explain(path: Path, original: str, result: str, with_diff: bool) -> None:
    print("\n".join(report(shown_path(path), original, result, with_diff)))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "format", help="rewrite data files in the canonical layout (comments kept)",
        description="Rewrite data files in the canonical layout: field order of the schema, "
                    "2-space indentation, quotes only where needed, long text folded. Comments are kept.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all of data/)")
    parser.add_argument("--check", action="store_true", help="change nothing; list the files that are not canonical and exit 1")
    parser.set_defaults(run=run)
