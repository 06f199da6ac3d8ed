"""GitHub issue forms generated from the model: `python -m macros forms [--check]`.

One form per record kind ("New statement", ...) and one for "this record is wrong", written to
.github/ISSUE_TEMPLATE/. Like the JSON Schemas, nothing here is kept by hand: the fields, their
order, their help text, which are required and the values a closed list allows come from
macros/schema.py and data/vocabulary.yml; a test fails when the committed forms drift.

A form cannot hold nested lists, so a record type is flattened, by rules read from the types:

* a plain value (text, date, id, number, one term of a list) is one field; a closed list is a
  dropdown, a list of terms a multiple-choice dropdown, true/false a yes/no dropdown;
* a block (an event's location) gives one field per plain value inside it: "Location — place";
* a list of plain values is a text box, one item per line;
* a list of blocks that needs at least one item (a status history) gives the first item's fields;
* a list of blocks of which only one value is required (participants: the actor) is a text box of
  that value, one per line;
* anything else (roles, figures, coded positions) is left to an editor: the form says so.

Every form ends with the source: its address, publisher, title, date and kind become a record in
data/sources/ (or name one that exists), cited by the new record. `macros/from_issue.py` reads a
submitted form back through the same `FormField`s, so the two cannot disagree about a label.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .fieldtypes import Boolean, Choice, FieldType, FuzzyDate, ListOf, Number, OneOf, Ref, Slug, Struct, Text, Url
from .kinds import KINDS
from .load import load_vocabulary
from .schema import corrections_field, source_type, sources_field
from .schemas import sync_generated

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = ROOT / ".github" / "ISSUE_TEMPLATE"
HEADER = "# Generated from macros/schema.py by `python -m macros forms`: do not edit by hand.\n"
CORRECTION = "correction"
YES, NO = "yes", "no"
# Fields no form asks for: the id is made from the title and date, the sources from the form's
# source section, and corrections have their own form.
NOT_ASKED = ("id", "sources", "corrections")
# Where the values of a form's source section go: a source record (`source.*`) and the citation
# of it in the new record (`citation.*`).
SOURCE_FIELDS = ("url", "publisher", "title", "published", "kind")
CITATION_FIELDS = ("locator",)
EDITOR_NOTES = "editor_notes"  # path of the free text for the editor: the pull request's body, not the record
CHECKS_LABEL = "Before you send"
# The few names whose plain spelling is not what a reader calls them.
WORDS = {"url": "web address", "id": "id"}
TRIGGER_LABEL = "to-pull-request"  # the label a maintainer sets to turn an issue into a pull request


@dataclass(frozen=True)
class FormField:
    """One question of a form, and where its answer goes in the record."""

    path: str  # "title", "location.place", "status_history[0].status", "participants[].actor", "source.url"
    label: str  # unique within its form: the heading GitHub writes above the answer
    ftype: FieldType  # the type of the value (of one item, for a list)
    required: bool
    description: str
    many: bool = False  # a list: a dropdown with several choices, or one item per line

    @property
    def id(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.path.replace("[0]", "").replace("[]", "")).strip("-")

    @property
    def options(self) -> tuple[str, ...]:
        if isinstance(self.ftype, Choice):
            return self.ftype.values
        if isinstance(self.ftype, Boolean):
            return (YES, NO)
        return ()

    def element(self) -> dict:
        """The form's YAML element for this question."""
        attributes: dict = {"label": self.label}
        if self.description:
            attributes["description"] = self.description
        if self.options:
            kind = "dropdown"
            attributes["options"] = list(self.options)
            if self.many:
                attributes["multiple"] = True
        else:
            kind = "textarea" if self.many or _long(self.ftype) else "input"
        return {"type": kind, "id": self.id, "attributes": attributes, "validations": {"required": self.required}}


@dataclass(frozen=True)
class Form:
    name: str  # file name without .yml
    kind: str  # a record kind, or CORRECTION
    title: str
    description: str
    intro: str
    fields: tuple[FormField, ...]
    checks: tuple[tuple[str, bool], ...] = field(default=())  # (label, required)

    def labels(self) -> list[str]:
        return [f.label for f in self.fields] + ([CHECKS_LABEL] if self.checks else [])

    def document(self) -> dict:
        body: list[dict] = [{"type": "markdown", "attributes": {"value": self.intro}}]
        body += [f.element() for f in self.fields]
        if self.checks:
            body.append({"type": "checkboxes", "id": "checks", "attributes": {
                "label": CHECKS_LABEL, "options": [{"label": text, "required": required} for text, required in self.checks]}})
        return {"name": self.title, "description": self.description, "title": f"{self.title}: ",
                "labels": ["data", self.name], "body": body}


def _long(ftype: FieldType) -> bool:
    return isinstance(ftype, Text) and not ftype.single_line


def _words(name: str) -> str:
    return WORDS.get(name, name.replace("_", " "))


def _label(*names: str) -> str:
    text = " — ".join(_words(n) for n in names if n)
    return text[:1].upper() + text[1:]


def describe(ftype: FieldType, doc: str) -> str:
    """What to write, in a form's words: no file names, no YAML."""
    doc = doc.strip()
    doc = doc[:1].upper() + doc[1:] if doc else ""
    if doc and not doc.endswith("."):
        doc += "."
    extra = ""
    if isinstance(ftype, Ref):
        singular = KINDS[ftype.target].singular if ftype.target in KINDS else "record"
        extra = (f"The id of {_a(singular)} in the tracker: the end of its page's address, "
                 f"…/{ftype.target}/<id>.html (the address itself works too).")
    elif isinstance(ftype, FuzzyDate):
        extra = "" if "YYYY" in doc else "YYYY-MM-DD, or YYYY-MM / YYYY when the source is less precise."
    elif isinstance(ftype, Number):
        extra = "" if "digits" in doc else "Digits only, no units or separators."
    elif isinstance(ftype, Url):
        extra = "Starting with https://."
    elif isinstance(ftype, Text) and ftype.single_line:
        extra = f"One line, at most {ftype.max_length} characters."
    elif isinstance(ftype, Text):
        extra = f"At most {ftype.max_length} characters."
    return " ".join(p for p in (doc, extra) if p)


def _group_notes(struct: Struct) -> dict[str, str]:
    """'Give this or X' for the fields of a rule over several fields (speaker or speaker_unnamed)."""
    notes = {}
    for group in struct.groups():
        for name in group.names:
            others = " or ".join(f"'{_label(n)}'" for n in group.names if n != name)
            notes[name] = f"Give this or {others}" + (", not both." if group.exclusive else " (or both).")
    return notes


def _plain(ftype: FieldType) -> FieldType | None:
    """The type of a value a single question can hold, or None."""
    ftype = ftype.short if isinstance(ftype, OneOf) else ftype
    return None if isinstance(ftype, (Struct, ListOf)) else ftype


def flatten(struct: Struct, prefix: str = "", label: tuple[str, ...] = (), required: bool = True,
            skip: tuple[str, ...] = NOT_ASKED) -> tuple[list[FormField], list[str]]:
    """The questions a record type becomes, and the names of the fields left to an editor."""
    questions: list[FormField] = []
    left: list[str] = []
    notes = _group_notes(struct)
    for spec in struct.fields:
        if spec.name in skip:
            continue
        path = f"{prefix}{spec.name}"
        names = (*label, spec.name)
        shown = _plain(spec.type.item if isinstance(spec.type, ListOf) else spec.type) or spec.type
        doc = " ".join(p for p in (describe(shown, spec.doc or spec.type.doc), notes.get(spec.name, "")) if p)
        needed = required and spec.required
        plain = _plain(spec.type)
        if plain is not None:
            questions.append(FormField(path, _label(*names), plain, needed, doc))
        elif isinstance(spec.type, Struct):
            inner, _ = flatten(spec.type, f"{path}.", names, needed, ("sources",))
            questions += inner
        elif isinstance(spec.type, ListOf) and _plain(spec.type.item) is not None:
            item = _plain(spec.type.item)
            many_doc = doc if isinstance(item, Choice) else f"{doc} One per line.".strip()
            questions.append(FormField(path, _label(*names), item, needed and spec.type.min_items > 0, many_doc, many=True))
        elif isinstance(spec.type, ListOf) and isinstance(spec.type.item, Struct):
            item = spec.type.item
            wanted = [f for f in item.fields if f.required and f.name != "sources"]
            if spec.type.min_items:
                inner, _ = flatten(item, f"{path}[0].", names, needed, ("sources",))
                questions += inner
            elif len(wanted) == 1 and _plain(wanted[0].type) is not None:
                one = wanted[0]
                text = describe(_plain(one.type), spec.doc or one.doc)
                questions.append(FormField(f"{path}[].{one.name}", _label(*names), _plain(one.type), False, f"{text} One per line.", many=True))
            else:
                left.append(spec.name)
        else:
            left.append(spec.name)
    return questions, left


def source_questions(vocabulary: dict) -> list[FormField]:
    """The source every form asks for: a source record's main fields, and where in it to look."""
    by_name = {f.name: f for f in source_type(vocabulary).fields}
    questions = []
    for name in SOURCE_FIELDS:
        spec = by_name[name]
        required = name in ("url", "kind")  # anyone must be able to check it: a form's source has an address
        doc = describe(spec.type, spec.doc or ("what the source is" if name == "kind" else ""))
        questions.append(FormField(f"source.{name}", _label("source", name), spec.type, required, doc))
    for spec in sources_field().type.item.long.fields:  # the citation every kind makes
        if spec.name in CITATION_FIELDS:
            questions.append(FormField(f"citation.{spec.name}", "Where in the source", spec.type, False, describe(spec.type, spec.doc)))
    return questions


def _notes_field() -> FormField:
    return FormField(EDITOR_NOTES, "Notes for the editor", Text(max_length=4000), False,
                     "Anything else an editor should know: other sources, details the form has no place for. "
                     "This goes into the pull request, not into the record.")


CHECKS = (("The source says what I wrote above; it is not my own inference.", True),
          ("I searched the tracker and its open issues, and this is not recorded yet.", False))


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def kind_form(kind_name: str, vocabulary: dict) -> Form:
    kind = KINDS[kind_name]
    questions, left = flatten(kind.type(vocabulary))
    if kind_name == "sources":  # the record is the source: its address is what the other forms require
        questions = [FormField(q.path, q.label, q.ftype, q.required or q.path == "url", q.description) for q in questions]
    else:
        questions += source_questions(vocabulary)
    later = f" An editor adds details the form has no place for ({', '.join(_words(n) for n in left)}): mention them in the notes." if left else ""
    intro = (f"Suggest {_a(kind.singular)} the tracker is missing. No YAML, no git: when a maintainer accepts it, the tracker "
             "turns your answers into a record and a pull request that credits you, or tells you here what to fix. Fields "
             "marked * are required; every record needs a published source anyone can check." + later)
    return Form(f"new-{kind.singular}", kind_name, f"New {kind.singular}", f"Suggest {_a(kind.singular)} the tracker is missing, with its source.",
                intro, tuple([*questions, _notes_field()]), CHECKS)


def correction_form(vocabulary: dict) -> Form:
    by_name = {f.name: f for f in corrections_field().type.item.fields}
    questions = [
        FormField("record", "Record", Slug(), True,
                  "The record that is wrong: the address of its page, or its id (the end of that address, without .html)."),
        FormField("field", "Field", Text(single_line=True, max_length=200), False,
                  "Which part of the record, if you know it (for example date, quote, speaker, status)."),
        *(FormField(name, _label(name), by_name[name].type, True, describe(by_name[name].type, by_name[name].doc))
          for name in ("what_was_wrong", "what_changed")),
        *source_questions(vocabulary),
        _notes_field(),
    ]
    intro = ("Thank you for helping keep the tracker accurate. Every correction needs a published source a maintainer "
             "can check. When a maintainer accepts it, the tracker adds your correction to the record in a pull request "
             "that credits you; an editor then changes the record itself.")
    return Form(CORRECTION, CORRECTION, "Correction", "Something in a record is wrong, missing or out of date.", intro,
                tuple(questions), (CHECKS[0],))


def all_forms(vocabulary: dict) -> list[Form]:
    return [*(kind_form(kind, vocabulary) for kind in KINDS), correction_form(vocabulary)]


class _Dumper(yaml.SafeDumper):
    """Block style, and long or multi-line text as literal blocks, so the forms read like the others."""


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def form_texts(vocabulary: dict) -> dict[str, str]:
    """File name → the exact text of the form."""
    return {f"{form.name}.yml": HEADER + yaml.dump(form.document(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
            for form in all_forms(vocabulary)}


GENERATED_MARK = HEADER.splitlines()[0]


def write_forms(target: Path, data_dir: Path, *, check: bool = False) -> list[str]:
    """Write (or only compare) the forms; return the names that differ. Generated forms the model no
    longer has are removed; hand-written files (config.yml, and any without the mark) are left."""
    target.mkdir(parents=True, exist_ok=True)
    texts = form_texts(load_vocabulary(data_dir))
    ours = [path for path in sorted(target.glob("*.yml")) if path.read_text(encoding="utf-8").startswith(GENERATED_MARK)]
    return sync_generated(target, texts, ours, check=check)


def run(args) -> int:
    stale = write_forms(args.target, args.data, check=args.check)
    if args.check and stale:
        for name in stale:
            print(f".github/ISSUE_TEMPLATE/{name} is out of date: run `python -m macros forms` (or `make schemas`)")
        return 1
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("forms", help="write the GitHub issue forms in .github/ISSUE_TEMPLATE/ from the model")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a form is out of date")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--target", type=Path, default=FORMS_DIR, help="where the forms go (default: .github/ISSUE_TEMPLATE/)")
    parser.set_defaults(run=run)
