"""The loaded dataset: records by kind and id, and the relations a reader follows between them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .fieldtypes import Lines, Ref, walk_values
from .kinds import KINDS
from .schema import date_before, latest_status


@dataclass
class Record:
    """One validated file: `data` holds its fields as plain values; `lines` says where each is
    written (for messages), beside them."""

    kind: str
    id: str
    path: str
    data: dict[str, Any]
    lines: Lines = field(default_factory=Lines)

    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    @property
    def line(self) -> int:
        return self.lines.get("", 1)

    @property
    def title(self) -> str:
        """What a reader calls this record."""
        return self.data.get("title") or self.data.get("name") or self.data.get("publisher") or self.id

    @property
    def latest_status(self) -> dict:
        """An event's or a commitment's last status_history entry: its status, date, sources."""
        return latest_status(self.data)

    @property
    def current_status(self) -> str:
        return self.latest_status["status"]

    def line_of(self, field_path: str) -> int:
        """The line where a field (e.g. 'roles[1].sources[0]', as written) is, or the nearest one above."""
        return self.lines.line_of(field_path)


# What a reader is shown for a scheduled event whose date has passed with no outcome recorded:
# derived from the status history and the build's reference date, never written in data.
DATE_PASSED = "date-passed"


def event_state(event: Record, reference_day: str) -> str:
    """The event's current status, or DATE_PASSED when it is still 'scheduled' although its date
    (its last day, at the precision it is known) lies before reference_day."""
    status = event.current_status
    last_day = event.get("end_date") or event.get("date") or ""
    if status == "scheduled" and reference_day and last_day and date_before(last_day, reference_day):
        return DATE_PASSED
    return status


def is_upcoming(event: Record, reference_day: str) -> bool:
    """Scheduled, and its date not yet passed (a month-precise date is upcoming until it ends)."""
    return event_state(event, reference_day) == "scheduled"


def sort_date(record: Record) -> str:
    """A sortable date: records with only a month or year sort before the month's days."""
    return record.get("date") or record.get("published") or ""


@dataclass
class Dataset:
    records: dict[str, dict[str, Record]]
    vocabulary_terms: dict[str, dict[str, dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._indexed = False

    # --- lookups -------------------------------------------------------------------------

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def all(self, kind: str) -> list[Record]:
        return list(self.records[kind].values())

    def counts(self) -> dict[str, int]:
        return {kind: len(records) for kind, records in self.records.items()}

    def term_label(self, vocabulary: str, term: str) -> str:
        return self.vocabulary_terms.get(vocabulary, {}).get(term, {}).get("label", term.replace("-", " "))

    def events_chronological(self) -> list[Record]:
        return sorted(self.all("events"), key=lambda e: (sort_date(e), e.id))

    def statements_chronological(self) -> list[Record]:
        return sorted(self.all("statements"), key=lambda s: (sort_date(s), s.id))

    # --- relations ------------------------------------------------------------------------

    def statements_by(self, actor_id: str) -> list[Record]:
        self._ensure_index()
        return self._by_speaker.get(actor_id, [])

    def events_with(self, actor_id: str) -> list[Record]:
        self._ensure_index()
        return self._events_by_actor.get(actor_id, [])

    def commitments_of(self, actor_id: str) -> tuple[list[Record], list[Record]]:
        """(commitments the actor offers, commitments offered to the actor)."""
        self._ensure_index()
        return self._offered_by.get(actor_id, []), self._offered_to.get(actor_id, [])

    def coalitions_of(self, actor_id: str) -> list[Record]:
        self._ensure_index()
        return self._coalitions.get(actor_id, [])

    def people_of(self, actor_id: str) -> list[Record]:
        """People whose country or role organisation is this actor."""
        self._ensure_index()
        return self._people.get(actor_id, [])

    def denials_of(self, statement_id: str) -> list[Record]:
        self._ensure_index()
        return self._denials.get(statement_id, [])

    def statements_about_event(self, event_id: str) -> list[Record]:
        self._ensure_index()
        return self._event_statements.get(event_id, [])

    def commitments_about_event(self, event_id: str) -> list[Record]:
        self._ensure_index()
        return self._event_commitments.get(event_id, [])

    def statements_about_commitment(self, commitment_id: str) -> list[Record]:
        self._ensure_index()
        return self._commitment_statements.get(commitment_id, [])

    def parts_of(self, commitment_id: str) -> list[Record]:
        self._ensure_index()
        return self._parts.get(commitment_id, [])

    def citing(self, source_id: str) -> list[Record]:
        self._ensure_index()
        return self._citing.get(source_id, [])

    # --- relations seen from their other end ----------------------------------------------------
    # A link is written once, on one record; readers follow it from both pages.

    def events_naming(self, event_id: str) -> list[Record]:
        """Events whose related_events name this event, oldest first."""
        return self._other_ends()["naming"].get(event_id, [])

    def events_held_in(self, actor_id: str) -> list[Record]:
        """Events whose location is in this state, oldest first."""
        return self._other_ends()["held_in"].get(actor_id, [])

    def events_of_people(self, actor_id: str) -> list[Record]:
        """Events where people of this actor (people_of) took part, oldest first."""
        return self._other_ends()["of_people"].get(actor_id, [])

    def _other_ends(self) -> dict[str, dict[str, list[Record]]]:
        if getattr(self, "_other_end_index", None) is None:
            naming, held_in, of_people = defaultdict(list), defaultdict(list), defaultdict(list)
            homes: dict[str, list[str]] = defaultdict(list)  # person -> the actors they are people of
            for actor in self.all("actors"):
                for person in self.people_of(actor.id):
                    homes[person.id].append(actor.id)
            for event in self.events_chronological():
                for other in _unique(event.get("related_events", [])):
                    naming[other].append(event)
                if (event.get("location") or {}).get("country"):
                    held_in[event["location"]["country"]].append(event)
                people = [p["actor"] for p in event.get("participants", []) if p["actor"] in homes]
                for home in _unique(h for person in people for h in homes[person]):
                    of_people[home].append(event)
            self._other_end_index = {"naming": dict(naming), "held_in": dict(held_in), "of_people": dict(of_people)}
        return self._other_end_index

    # --- indexing ---------------------------------------------------------------------------

    def _ensure_index(self) -> None:
        # Built on first use: a dataset with problems is only checked, never navigated.
        if not self._indexed:
            self._index()
            self._indexed = True

    def _index(self) -> None:
        ordered = {kind: _ORDER[kind](self) for kind in {r.kind for r in RELATIONS.values()}}
        for name, relation in RELATIONS.items():
            index: defaultdict = defaultdict(list)
            for record in ordered[relation.kind]:
                for target in relation.targets(record):
                    index[target].append(record)
            setattr(self, name, dict(index))
        citing = defaultdict(list)
        for records in self.records.values():
            for record in records.values():
                for source_id in _unique(cited_sources(record)):
                    citing[source_id].append(record)
        self._citing = dict(citing)


@dataclass(frozen=True)
class Relation:
    """Records of one kind that name another record in some of their fields, each a declared Ref
    (tests/test_kinds.py checks that): read from the named record's end."""

    kind: str  # the kind of the records that refer
    fields: tuple[str, ...]  # where the Ref is, as a path pattern: "participants[].actor"
    first_only: bool = False  # only the first of the fields that is set counts
    only: Any = None  # (Record) -> bool: which records of the kind take part

    def targets(self, record: Record) -> list[str]:
        """The ids this record names in the relation's fields, each once, in field order."""
        if self.only is not None and not self.only(record):
            return []
        found = []
        for pattern in self.fields:
            values = _values_at(record.data, _steps(pattern))
            if values and self.first_only:
                return values[:1]
            found.extend(values)
        return _unique(found)


def _steps(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.replace("[]", ".[]").split("."))


def _values_at(value: Any, steps: tuple[str, ...]) -> list:
    """The values a path pattern reaches in plain values ("[]": every item of a list)."""
    if not steps:
        return [value] if value else []
    step, rest = steps[0], steps[1:]
    if step == "[]":
        return [found for item in value or () for found in _values_at(item, rest)]
    return _values_at(value.get(step), rest) if isinstance(value, dict) else []


def _is_person(actor: Record) -> bool:
    return actor["kind"] == "person"


# The relations a reader follows from the other end: name → Relation (see _index).
RELATIONS = {
    "_events_by_actor": Relation("events", ("participants[].actor",)),
    "_by_speaker": Relation("statements", ("speaker", "speaker_affiliation"), first_only=True),
    "_denials": Relation("statements", ("denies[]",)),
    "_event_statements": Relation("statements", ("event", "about_events[]")),
    "_commitment_statements": Relation("statements", ("about_commitments[]",)),
    "_offered_by": Relation("commitments", ("offered_by[]",)),
    "_offered_to": Relation("commitments", ("offered_to[]",)),
    "_event_commitments": Relation("commitments", ("related_events[]",)),
    "_parts": Relation("commitments", ("part_of",)),
    "_coalitions": Relation("actors", ("members[].actor",)),
    "_people": Relation("actors", ("country", "roles[].organisation"), only=_is_person),
}
# The order each kind's records are listed in, wherever a relation lists them.
_ORDER = {
    "events": Dataset.events_chronological,
    "statements": Dataset.statements_chronological,
    "commitments": lambda data: sorted(data.all("commitments"), key=lambda c: (c.get("layer", 99), c.id)),
    "actors": lambda data: sorted(data.all("actors"), key=lambda a: a["name"]),
}


def cited_sources(record: Record, *, via: bool = True) -> list[str]:
    """Every source id a record cites anywhere (its own list, roles, status changes), with the
    'via' chains unless via=False (then only the sources the editors say they read)."""
    return [value for path, ftype, value in walk_values(KINDS[record.kind].structure(), record.data, holding=Ref)
            if isinstance(ftype, Ref) and ftype.target == "sources" and (via or ".via[" not in path)]


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))
