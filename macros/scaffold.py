"""`python -m macros new KIND ID`: a new record file with every field, written from the model.

Nothing here is a template kept by hand: the fields, their order, what they mean, whether they
are required and which values a closed list allows all come from macros/schema.py (and the
current terms of data/vocabulary.yml), so a new field in the schema appears in new files at once.

The file a contributor gets:

* the editor modeline first, then a short note on how to fill the file in;
* above each field, a comment: REQUIRED or Optional, what the field means, what it accepts;
  inside a block (a list item, a location ...), the same at the end of each field's line;
* required fields present with an empty value (the validator says "is empty (fill it in; it is
  required)" until they are filled); optional fields commented out, with the fields under them;
* where the schema's rules ask for one field of a group, the first is present like a required
  field, with a note naming the others: a statement's speaker (speaker_unnamed, which may not
  be given as well, is commented out), its quote (paraphrase, which may be given as well, is
  present too), a source's publisher (and title). The groups are the FieldGroup rules the schema
  declares (exactly one of, at least one of), read, never guessed.
"""
from __future__ import annotations

import os
import re
import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .fieldtypes import (
    SLUG,
    Field,
    FieldType,
    ListOf,
    OneOf,
    Struct,
)
from .kinds import KINDS
from .layout import INDENT, WRAP_AT, modeline
from .load import load_vocabulary
from .problems import shown_path
from .schema import RESERVED_PAGE_IDS, WINDOWS_RESERVED_IDS

ROOT = Path(__file__).resolve().parent.parent
EVENT_ID = re.compile(r"^\d{4}(-\d{2}){0,2}-")


class ScaffoldError(Exception):
    """Something the contributor can fix: an unknown kind, an invalid id, an existing file."""


def kind_of(word: str) -> str:
    """'event' or 'events' (any case) → 'events'."""
    kind = KINDS.by_word(word)
    if kind is not None:
        return kind.name
    choices = ", ".join(KINDS.singulars())
    raise ScaffoldError(f"unknown kind {word!r}: use one of {choices} (or the plural)")


def check_id(record_id: str, kind: str) -> None:
    if record_id in (*RESERVED_PAGE_IDS, *WINDOWS_RESERVED_IDS):
        raise ScaffoldError(f"{record_id!r} is reserved: it names a page of the site or a file Windows cannot check out. Choose a more specific id.")
    if SLUG.fullmatch(record_id) and len(record_id) <= 100:
        return
    suggestion = slugify(record_id.removesuffix(".yml"))
    example = "2026-01-09-kyiv-meeting" if kind == "events" else "andrii-yermak"
    advice = f"Try {suggestion!r}." if suggestion and suggestion != record_id else f"For example {example!r}."
    raise ScaffoldError(
        f"{record_id!r} is not a valid id: an id uses lower-case letters, digits and single hyphens "
        f"(at most 100 characters) and is also the file name, without .yml. {advice}"
    )


def slugify(text: str) -> str:
    """A valid id made from any text, to suggest when an id is refused."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:100].strip("-")


# --- what a field accepts, in words -------------------------------------------------------------


def _sentence(text: str) -> str:
    """A doc string as a sentence (docs in schema.py are lower-case phrases)."""
    text = text.strip()
    if not text:
        return ""
    if not text.startswith(("true ", "false ")):
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def accepts(ftype: FieldType, doc: str = "", *, brief: bool = False) -> str:
    """What a value of this type looks like, in words (each field type says it: FieldType.accepts)."""
    return ftype.accepts(doc, brief=brief)


# --- writing the file -----------------------------------------------------------------------------


def _comment_lines(text: str, indent: int = 0) -> list[str]:
    width = max(40, WRAP_AT - indent - 2)
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    # A line of prose must not look like a commented-out field ("# them: 'a senior ...'").
    for i in range(1, len(lines)):
        if _LOOKS_LIKE_FIELD.match(lines[i]) and " " in lines[i - 1]:
            lines[i - 1], moved = lines[i - 1].rsplit(" ", 1)
            lines[i] = f"{moved} {lines[i]}"
    return [" " * indent + "# " + line for line in lines]


_LOOKS_LIKE_FIELD = re.compile(r"^(- )?[a-z_]+:")


def comment_out(lines: list[str], column: int) -> list[str]:
    """Put '# ' at one column of every line, so that deleting it gives the lines back."""
    return [line[:column] + "# " + line[column:] for line in lines]


@dataclass
class _Presence:
    live: bool  # written as a field, not commented out
    note: str  # REQUIRED / Optional and why, for the comment


def _presence(struct: Struct) -> dict[str, _Presence]:
    """Which fields of a block a new record shows as fields, and which it comments out."""
    first_of = {g.names[0]: g for g in struct.groups()}
    other_of = {n: g for g in struct.groups() for n in g.names[1:]}
    result = {}
    for spec in struct.fields:
        if spec.required:
            result[spec.name] = _Presence(True, "REQUIRED")
        elif spec.name in first_of:
            group = first_of[spec.name]
            others = " or ".join(group.names[1:])
            if group.exclusive:
                note = f"REQUIRED, unless you use {others} instead (never both)"
            else:
                note = f"REQUIRED, unless you give {others} (or give both)"
            result[spec.name] = _Presence(True, note)
        elif spec.name in other_of:
            group = other_of[spec.name]
            first = group.names[0]
            if group.exclusive:
                note = f"Optional: use it instead of {first}, never both"
            else:
                note = f"Optional: with or instead of {first}"
            result[spec.name] = _Presence(not group.exclusive, note)
        else:
            result[spec.name] = _Presence(False, "Optional")
    return result


def _item_type(ftype: FieldType) -> FieldType:
    return ftype.long if isinstance(ftype, OneOf) else ftype


def _field_lines(spec: Field, indent: int, *, eol: str, value: str | None, hidden_above: bool) -> list[str]:
    """`name:` and everything under it. hidden_above: an enclosing field is commented out
    already, so the optional fields under this one are shown, not commented out again."""
    line = " " * indent + f"{spec.name}:" + (f" {value}" if value else "") + (f"  # {eol}" if eol else "")
    return [line, *_value_lines(spec.type, indent + INDENT, hidden_above=hidden_above)]


def _value_lines(ftype: FieldType, indent: int, *, hidden_above: bool) -> list[str]:
    ftype = _item_type(ftype)
    if isinstance(ftype, Struct):
        return _block_lines(ftype, indent, hidden_above=hidden_above)
    if isinstance(ftype, ListOf):
        item = _item_type(ftype.item)
        if not isinstance(item, Struct):
            return [" " * indent + "-"]
        lines = _block_lines(item, indent + INDENT, hidden_above=hidden_above)
        if lines and lines[0][indent + INDENT:indent + INDENT + 1] not in ("", "#"):
            return [" " * indent + "- " + lines[0][indent + INDENT:], *lines[1:]]
        return [" " * indent + "-", *lines]
    return []


def _block_lines(struct: Struct, indent: int, *, hidden_above: bool) -> list[str]:
    """The fields of a nested block, each with what it means at the end of its line."""
    lines = []
    presences = _presence(struct)
    for spec in struct.fields:
        presence = presences[spec.name]
        needed = presence.note.startswith("REQUIRED")
        doc = spec.doc or spec.type.doc
        eol = "; ".join(p for p in (doc, accepts(spec.type, doc, brief=True)) if p)
        eol = f"{presence.note}: {eol}" if needed and eol else (presence.note if needed else eol)
        hide = not presence.live and not hidden_above
        sub = _field_lines(spec, indent, eol=eol, value=None, hidden_above=hidden_above or hide)
        lines.extend(comment_out(sub, indent) if hide else sub)
    return lines


def record_lines(struct: Struct, record_id: str) -> list[str]:
    """Every field of a record: a comment above each, then the field (or the field commented out)."""
    lines = []
    presence = _presence(struct)
    for spec in struct.fields:
        doc = spec.doc or spec.type.doc or ("the record's id, which is also its file name (without .yml)" if spec.name == "id" else "")
        about = " ".join(p for p in (presence[spec.name].note + ".", _sentence(doc), accepts(spec.type, doc)) if p)
        lines.extend(_comment_lines(about))
        hide = not presence[spec.name].live
        value = record_id if spec.name == "id" else None
        sub = _field_lines(spec, 0, eol="", value=value, hidden_above=hide)
        lines.extend(comment_out(sub, 0) if hide else sub)
    return lines


def render(kind: str, record_id: str, vocabulary: dict) -> str:
    """The text of a new record file of this kind."""
    struct = KINDS[kind].type(vocabulary)
    singular = KINDS[kind].singular
    intro = [
        modeline(kind),
        f"# A new {singular} for the Ukraine Peace Process Tracker. CONTRIBUTING.md explains each step.",
        "# Fill in every field marked REQUIRED (after the colon, on the same line). Optional fields are",
        "# commented out: to use one, delete the \"# \" in front of its lines. Delete the comments you no",
        "# longer need. Then run `make validate` (checks) and `make format` (tidies the layout).",
    ]
    return "\n".join([*intro, *record_lines(struct, record_id)]) + "\n"


# --- the command -----------------------------------------------------------------------------------


def create(kind_word: str, record_id: str, data_dir: Path) -> Path:
    """Write data_dir/<kind>/<id>.yml and return its path; ScaffoldError if that is not possible."""
    kind = kind_of(kind_word)
    check_id(record_id, kind)
    if not data_dir.is_dir():
        raise ScaffoldError(f"there is no data folder at {data_dir}")
    path = data_dir / kind / f"{record_id}.yml"
    if path.parent.is_symlink():
        raise ScaffoldError(f"{shown_path(path.parent)} is a symbolic link; data/ holds only regular folders and files (nothing was changed)")
    if os.path.lexists(path):  # a link too, even one pointing nowhere
        raise ScaffoldError(f"{shown_path(path)} already exists; edit it, or choose another id (nothing was changed)")
    text = render(kind, record_id, load_vocabulary(data_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never replace a file created meanwhile
        handle.write(text)
    return path


def run(args) -> int:
    if not args.kind or not args.id:
        print("usage: make new KIND=event ID=2026-01-09-example\n"
              "   or: python -m macros new KIND ID\n"
              f"KIND is one of: {', '.join(KINDS.singulars())}; ID becomes the file name.", file=sys.stderr)
        return 2
    try:
        path = create(args.kind, args.id, args.data)
    except (ScaffoldError, FileExistsError) as err:
        print(f"make new: {err}", file=sys.stderr)
        return 1
    kind = kind_of(args.kind)
    print(f"Created {shown_path(path)}")
    if kind == "events" and not EVENT_ID.match(args.id):
        print("Note: event ids usually start with the date, e.g. 2026-01-09-kyiv-meeting; "
              "to change it, rename the file and the id together.")
    print(
        "Next steps:\n"
        "  1. Fill in the fields marked REQUIRED; uncomment the optional ones you need, delete the rest.\n"
        "  2. make validate   lists every problem as file:line: field: message\n"
        "  3. make format     tidies the layout (your comments are kept)\n"
        "  4. make diff       shows the records and pages your change affects\n"
        "Then commit the file and open a pull request. CONTRIBUTING.md has examples of every kind."
    )
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new", help="create a record file with every field, ready to fill in",
        description="Create data/<kind>/<ID>.yml with every field of the record type, each explained. "
                    "Refuses to overwrite an existing file.",
    )
    parser.add_argument("kind", nargs="?", metavar="KIND", help=f"one of: {', '.join(KINDS.singulars())} (or the plural)")
    parser.add_argument("id", nargs="?", metavar="ID", help="the new record's id, which is also its file name")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.set_defaults(run=run)
