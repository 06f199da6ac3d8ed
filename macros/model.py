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
        idx: dict[str, defaultdict] = {name: defaultdict(list) for name in (
            "_by_speaker", "_events_by_actor", "_offered_by", "_offered_to", "_coalitions", "_people",
            "_denials", "_event_statements", "_event_commitments", "_commitment_statements", "_parts", "_citing",
        )}
        for event in self.events_chronological():
            for actor_id in _unique(p["actor"] for p in event.get("participants", [])):
                idx["_events_by_actor"][actor_id].append(event)
        for statement in self.statements_chronological():
            speaker = statement.get("speaker") or statement.get("speaker_affiliation")
            if speaker:
                idx["_by_speaker"][speaker].append(statement)
            for claim in statement.get("denies", []):
                idx["_denials"][claim].append(statement)
            for event_id in _unique([statement.get("event"), *statement.get("about_events", [])]):
                if event_id:
                    idx["_event_statements"][event_id].append(statement)
            for commitment_id in statement.get("about_commitments", []):
                idx["_commitment_statements"][commitment_id].append(statement)
        for commitment in sorted(self.all("commitments"), key=lambda c: (c.get("layer", 99), c.id)):
            for actor_id in commitment.get("offered_by", []):
                idx["_offered_by"][actor_id].append(commitment)
            for actor_id in commitment.get("offered_to", []):
                idx["_offered_to"][actor_id].append(commitment)
            for event_id in commitment.get("related_events", []):
                idx["_event_commitments"][event_id].append(commitment)
            if commitment.get("part_of"):
                idx["_parts"][commitment["part_of"]].append(commitment)
        for actor in sorted(self.all("actors"), key=lambda a: a["name"]):
            for member in actor.get("members", []):
                idx["_coalitions"][member["actor"]].append(actor)
            if actor["kind"] == "person":
                for org in _unique([actor.get("country"), *(r.get("organisation") for r in actor.get("roles", []))]):
                    if org:
                        idx["_people"][org].append(actor)
        for records in self.records.values():
            for record in records.values():
                for source_id in _unique(cited_sources(record)):
                    idx["_citing"][source_id].append(record)
        for name, mapping in idx.items():
            setattr(self, name, dict(mapping))


def cited_sources(record: Record, *, via: bool = True) -> list[str]:
    """Every source id a record cites anywhere (its own list, roles, status changes), with the
    'via' chains unless via=False (then only the sources the editors say they read)."""
    return [value for path, ftype, value in walk_values(KINDS[record.kind].structure(), record.data, holding=Ref)
            if isinstance(ftype, Ref) and ftype.target == "sources" and (via or ".via[" not in path)]


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))
