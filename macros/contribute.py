"""Where a reader goes to contribute: addresses of the issue forms, prefilled, and of GitHub's
editor with a new record file already filled in. Plain Python, no words for readers (those are in
macros/render/contribute.py).

* A form is prefilled through its address: `issues/new?template=<form>.yml&<question id>=<value>`;
  the question ids come from the generated forms (macros/forms.py), so a renamed field cannot
  leave a link prefilling nothing.
* GitHub's editor opens a new file from `new/<branch>?filename=<path>&value=<text>`: the text is
  the `make new` skeleton (macros/scaffold.py) without its comments, which keeps the address
  short, with the values the reader's page already knows (the speaker, the event) set.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlencode

from .forms import CORRECTION, all_forms
from .kinds import KINDS
from .scaffold import render

MODELINE_START = "# yaml-language-server:"
SKELETON_NOTE = "# Fill in the empty fields; `make new` and CONTRIBUTING.md show every optional field."


@lru_cache(maxsize=1)
def _question_ids() -> dict[str, dict[str, str]]:
    """Form name → question path → question id (ids do not depend on the vocabulary)."""
    return {form.name: {q.path: q.id for q in form.fields} for form in all_forms({})}


def form_url(repository: str, form: str, title: str = "", **answers: str) -> str:
    """The address of a new issue with this form, its answers given by the questions' paths."""
    ids = _question_ids()[form]
    params = {"template": f"{form}.yml", **({"title": title} if title else {}), **{ids[path]: value for path, value in answers.items()}}
    return f"{repository.rstrip('/')}/issues/new?{urlencode(params, quote_via=quote)}"


def correction_url(repository: str, kind: str, record_id: str) -> str:
    return form_url(repository, CORRECTION, f"Correction: {KINDS[kind].singular} {record_id}", record=record_id)


def new_record_url(repository: str, kind: str, **answers: str) -> str:
    return form_url(repository, f"new-{KINDS[kind].singular}", **answers)


def choose_form_url(repository: str) -> str:
    return f"{repository.rstrip('/')}/issues/new/choose"


def skeleton(kind: str, record_id: str, vocabulary: dict, **values: str) -> str:
    """The new record's text: its required fields, empty, and these fields set."""
    frozen = tuple(sorted((name, tuple(terms)) for name, terms in vocabulary.items()))
    text = _template(kind, tuple(sorted(values)), frozen).replace(_mark("id"), record_id)
    for name, value in values.items():
        text = text.replace(_mark(name), value)
    return text


def _mark(name: str) -> str:
    return f"\x00{name}\x00"


@lru_cache(maxsize=32)
def _template(kind: str, names: tuple[str, ...], vocabulary: tuple) -> str:
    """The skeleton with marks for the id and the values: made once per kind and set of fields, as
    every actor and event page asks for one."""
    lines = [line for line in render(kind, _mark("id"), dict(vocabulary)).splitlines()
             if not line.lstrip().startswith("#") or line.startswith(MODELINE_START)]
    order = [f.name for f in KINDS[kind].structure().fields]
    for name in names:
        lines = _set(lines, order, name, _mark(name))
    return "\n".join([lines[0], SKELETON_NOTE, *lines[1:]]) + "\n"


def _set(lines: list[str], order: list[str], name: str, value: str) -> list[str]:
    """Set a top-level field, adding it after the fields the schema puts before it."""
    if f"{name}:" in lines:
        return [f"{name}: {value}" if line == f"{name}:" else line for line in lines]
    before = set(order[:order.index(name)])
    at = max((i for i, line in enumerate(lines) if line.split(":", 1)[0] in before), default=0)
    while at + 1 < len(lines) and lines[at + 1].startswith(" "):  # past the block under that field
        at += 1
    return [*lines[:at + 1], f"{name}: {value}", *lines[at + 1:]]


def new_file_url(repository: str, branch: str, kind: str, record_id: str, text: str) -> str:
    """GitHub's editor, on a new file data/<kind>/<id>.yml holding text."""
    params = urlencode({"filename": f"data/{kind}/{record_id}.yml", "value": text}, quote_via=quote)
    return f"{repository.rstrip('/')}/new/{quote(branch)}?{params}"
