"""The record kinds: one declaration each, and everything else derives from it.

A kind is a folder of data/ (data/<name>/<id>.yml), a record type (its fields, in schema.py),
a page per record (<name>/<id>.html), a JSON Schema, API files and a CSV download. The loader,
the pages, the exports, `make new`, `make diff` and the tests all iterate KINDS; none keeps a
list of its own. Adding a kind is one declaration here and one View in macros/render/views.py
(what its page looks like).

Plain data: nothing here knows rendering, so the data layer can use the registry without
knowing how pages look.
"""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterator

from . import schema
from .fieldtypes import Choice, Field, FuzzyDate, Struct


@dataclass(frozen=True)
class Column:
    """A CSV column computed from a record, placed before one of the model's fields."""

    name: str
    value: Callable[[dict], Any]  # the record's plain values -> the cell
    before: str
    field: Field | None = None  # its type and meaning, for the data package's Table Schema


@dataclass(frozen=True, eq=False)
class Kind:
    name: str  # plural: the folder in data/, the folder of its pages, the API's name for it
    singular: str  # "event": `make new event`, messages, the schema file
    type: Callable[[dict], Struct]  # vocabulary -> the record type (schema.py)
    columns: tuple[Column, ...] = field(default=())  # computed CSV columns

    @property
    def schema_file(self) -> str:
        return f"{self.singular}.schema.json"

    def page(self, record_id: str) -> str:
        """The site path of a record's own page: a stable URL that never moves."""
        return f"{self.name}/{record_id}.html"

    def structure(self) -> Struct:
        """The record type without vocabulary terms: field names, order and nesting."""
        return _structure(self)


@lru_cache(maxsize=None)
def _structure(kind: Kind) -> Struct:
    return kind.type({})


class Registry(Sequence):
    """The kinds in their canonical order. It behaves as the tuple of names it replaced (iterating,
    `in`, KINDS[0], index); KINDS["events"] gives the declaration."""

    def __init__(self, kinds: list[Kind]):
        self._kinds = {k.name: k for k in kinds}

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __getitem__(self, key):
        if isinstance(key, str):
            return self._kinds[key]
        return list(self._kinds)[key]

    def __repr__(self) -> str:
        return f"Registry({', '.join(self._kinds)})"

    def declarations(self) -> list[Kind]:
        return list(self._kinds.values())

    def types(self, vocabulary: dict[str, tuple[str, ...]]) -> dict[str, Struct]:
        """Every kind's record type, by kind, with the vocabulary's terms filled in."""
        return {kind.name: kind.type(vocabulary) for kind in self._kinds.values()}

    def singulars(self) -> list[str]:
        return [k.singular for k in self._kinds.values()]

    def by_word(self, word: str) -> Kind | None:
        """'event', 'events' (any case) → the events kind."""
        name = (word or "").strip().lower()
        return self._kinds.get(name) or next((k for k in self._kinds.values() if k.singular == name), None)

    @contextmanager
    def registered(self, kind: Kind):
        """Add a kind for the duration of a block (tests prove that everything picks it up)."""
        if kind.name in self._kinds:
            raise ValueError(f"the kind {kind.name!r} is declared already")
        self._kinds[kind.name] = kind
        try:
            yield kind
        finally:
            del self._kinds[kind.name]


def _current_status(record: dict) -> str:
    return schema.latest_status(record)["status"]


def _current_status_date(record: dict) -> str:
    return schema.latest_status(record).get("date", "")


def status_columns(statuses: tuple[str, ...]) -> tuple[Column, ...]:
    """Events and commitments keep a status history; the CSV also gives the current status."""
    return (Column("current_status", _current_status, before="status_history",
                   field=Field("current_status", Choice(values=statuses), required=True, doc="the status of the last entry of status_history")),
            Column("current_status_date", _current_status_date, before="status_history",
                   field=Field("current_status_date", FuzzyDate(), doc="the date of the last entry of status_history")))


KINDS = Registry([
    Kind("actors", "actor", schema.actor_type),
    Kind("events", "event", schema.event_type, columns=status_columns(schema.EVENT_STATUSES)),
    Kind("statements", "statement", schema.statement_type),
    Kind("commitments", "commitment", schema.commitment_type, columns=status_columns(schema.COMMITMENT_STATUSES)),
    Kind("sources", "source", schema.source_type),
])
