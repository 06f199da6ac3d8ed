"""Parts of CONTRIBUTING.md written from the model: `python -m macros docs [--check]`.

A generated part sits between two marks and is rewritten whole; the text around it is the
writers'. tests/test_contribution.py fails when a part is stale, so the lists of statuses, kinds
and modes a contributor reads are always the ones the validator accepts.

    <!-- generated: closed-lists -->
    ...
    <!-- end of generated part -->
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .fieldtypes import Choice, walk_types
from .i18n import Locale
from .kinds import KINDS
from .schema import STATUS_MEANINGS

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
REGION = re.compile(r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- end of generated part -->)", re.S)
# STATUS_MEANINGS is keyed by what a reader calls the record, and which field the terms fill.
MEANING_FIELDS = {"event": ("events", "status_history[].status"), "commitment": ("commitments", "status_history[].status"),
                  "statement": ("statements", "kind")}


def closed_lists_table() -> str:
    """One row for every field whose value is one term of a list, at every depth."""
    rows = ["| record | field | allowed values |", "| --- | --- | --- |"]
    for kind in KINDS.declarations():  # the structure has no vocabulary: its terms are data, not model
        for path, ftype in walk_types(kind.structure()):
            if isinstance(ftype, Choice):
                values = (f"a term of `{ftype.vocabulary}` in `data/vocabulary.yml`" if ftype.vocabulary
                          else ", ".join(f"`{v}`" for v in ftype.values))
                rows.append(f"| {kind.singular} | `{path}` | {values} |")
    return "\n".join(rows) + "\n"


def meanings() -> str:
    """The meanings readers see on the methodology page, in English (the catalogue's)."""
    english, parts = Locale(), []
    for reader_kind, terms in STATUS_MEANINGS.items():
        kind, path = MEANING_FIELDS[reader_kind]
        parts.append(f"{KINDS[kind].singular.capitalize()} `{path}`:\n")
        parts.extend(f"- `{term}`: {english(f'meaning.{reader_kind}.{term}')}" for term in terms)
        parts.append("")
    return "\n".join(parts)


GENERATORS = {"closed-lists": closed_lists_table, "status-meanings": meanings}


def regenerate(text: str) -> str:
    """The text with every generated part rewritten; unknown part names are left alone."""
    def fill(match: re.Match) -> str:
        generate = GENERATORS.get(match.group(2))
        return match.group(1) + generate() + match.group(4) if generate else match.group(0)
    return REGION.sub(fill, text)


def run(args) -> int:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if fresh == text:
        return 0
    if args.check:
        print("CONTRIBUTING.md: its generated parts are out of date: run `python -m macros docs`", file=sys.stderr)
        return 1
    CONTRIBUTING.write_text(fresh, encoding="utf-8")
    print("CONTRIBUTING.md: generated parts rewritten from the model")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("docs", help="rewrite the parts of CONTRIBUTING.md generated from the model")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a generated part is stale")
    parser.set_defaults(run=run)

