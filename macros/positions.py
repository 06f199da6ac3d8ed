"""Coded positions: where each speaker stands on each negotiation issue, derived from statements.

A position is written inside a statement (`positions:` in data/statements/<id>.yml) and inherits
that statement's speaker, date and sources; nothing here is stored twice. The index is built once
per dataset, on first use, and answers the questions the pages ask: the positions on an issue, an
actor's positions, an actor's latest position on an issue, and whether that position changed.

Only named speakers (`speaker`) hold positions of an actor: an unnamed "European diplomat" is
not their state, so such positions appear on the issue pages but not in the actors' grid.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .model import Dataset, Record, sort_date

ISSUES = "issues"  # the vocabulary list of negotiation issues
# What a position takes from its statement, besides the statement's sources.
INHERITED = ("speaker", "speaker_unnamed", "speaker_affiliation", "date", "date_approximate")


@dataclass(frozen=True)
class Position:
    statement: Record
    index: int  # its place in the statement's list

    @property
    def data(self) -> dict[str, Any]:
        return self.statement["positions"][self.index]

    @property
    def issue(self) -> str:
        return self.data["issue"]

    @property
    def stance(self) -> str:
        return self.data["stance"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    @property
    def inferred(self) -> bool:
        return bool(self.data.get("inferred"))

    @property
    def actor(self) -> str | None:
        """The named speaker's actor id; None for a speaker the source does not name."""
        return self.statement.get("speaker")

    @property
    def date(self) -> str:
        return sort_date(self.statement)

    @property
    def anchor(self) -> str:
        """The id of this position on its statement's page."""
        return f"position-{self.issue}"

    def sort_key(self) -> tuple:
        return (self.date, self.statement.id, self.index)


@dataclass
class Trail:
    """One actor's positions on one issue, oldest first."""

    positions: list[Position]

    @property
    def latest(self) -> Position:
        return self.positions[-1]

    @property
    def changed(self) -> bool:
        return len({p.stance for p in self.positions}) > 1

    @property
    def earlier_stance(self) -> str | None:
        """The last stance before the current one that differs from it."""
        for position in reversed(self.positions):
            if position.stance != self.latest.stance:
                return position.stance
        return None


class PositionIndex:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        every = [Position(s, i) for s in dataset.all("statements") for i in range(len(s.get("positions", [])))]
        self.all = sorted(every, key=Position.sort_key)
        self._by_issue: dict[str, list[Position]] = defaultdict(list)
        self._by_actor: dict[str, list[Position]] = defaultdict(list)
        trails: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for position in self.all:
            self._by_issue[position.issue].append(position)
            if position.actor:
                self._by_actor[position.actor].append(position)
                trails[(position.actor, position.issue)].append(position)
        self._trails = {key: Trail(found) for key, found in trails.items()}
        self._previous = {id(p): t.positions[i - 1] for t in self._trails.values() for i, p in enumerate(t.positions) if i}
        self._actors: list[Record] | None = None
        self._by_speaker: dict[str, list[Position]] = {}

    def issues(self) -> list[str]:
        """Every issue of the vocabulary, in its editorial order."""
        return list(self.dataset.vocabulary_terms.get(ISSUES, {}))

    def on(self, issue: str) -> list[Position]:
        return self._by_issue.get(issue, [])

    def of(self, actor_id: str) -> list[Position]:
        return self._by_actor.get(actor_id, [])

    def trail(self, actor_id: str, issue: str) -> Trail | None:
        return self._trails.get((actor_id, issue))

    def previous(self, position: Position) -> Position | None:
        """The same actor's position on the same issue before this one."""
        return self._previous.get(id(position))

    def actors(self) -> list[Record]:
        """Actors holding at least one position, by name (sorted once: every page of the grid asks)."""
        if self._actors is None:
            found = (self.dataset.get("actors", a) for a in self._by_actor)
            self._actors = sorted((a for a in found if a), key=lambda a: (a["name"], a.id))
        return self._actors

    def on_by_speaker(self, issue: str) -> list[Position]:
        """The positions on an issue as its pages list them: named actors by name, each actor's
        oldest first, then speakers the sources do not name. Sorted once per issue."""
        if issue not in self._by_speaker:
            def key(p: Position):
                actor = self.dataset.get("actors", p.actor) if p.actor else None
                who = (0, actor["name"], p.actor) if actor else (1, p.statement.get("speaker_unnamed", ""), "")
                return (*who, *p.sort_key())
            self._by_speaker[issue] = sorted(self.on(issue), key=key)
        return self._by_speaker[issue]

    def unnamed(self) -> list[Position]:
        return [p for p in self.all if not p.actor]


def position_index(dataset: Dataset) -> PositionIndex:
    """The dataset's positions, indexed once (the dataset does not change after loading)."""
    index = dataset.__dict__.get("_position_index")
    if index is None:
        index = dataset.__dict__["_position_index"] = PositionIndex(dataset)
    return index


def issue_term(dataset: Dataset, issue: str) -> dict:
    return dataset.vocabulary_terms.get(ISSUES, {}).get(issue, {})


def issue_page(issue: str) -> str:
    return f"issues/{issue}.html"


# --- what an issue page lists besides the positions ------------------------------------------
# Two derivations, documented on the methodology page: what the issue's declared topics and
# mechanisms (data/vocabulary.yml) select, and what a coded statement itself points at (its
# event, about_events, about_commitments) when it is coded on this issue alone: a statement
# coded on several issues does not say which of its links belongs to which issue.

def _linked_by_statements(dataset: Dataset, issue: str, *fields: str) -> set[str]:
    linked: set[str] = set()
    for position in position_index(dataset).on(issue):
        if len(position.statement["positions"]) == 1:
            for name in fields:
                value = position.statement.get(name) or []
                linked.update([value] if isinstance(value, str) else value)
    return linked


def related_commitments(dataset: Dataset, issue: str) -> list[Record]:
    term = issue_term(dataset, issue)
    topics, mechanisms = set(term.get("topics", [])), set(term.get("mechanisms", []))
    named = _linked_by_statements(dataset, issue, "about_commitments")
    found = [c for c in dataset.all("commitments")
             if c.id in named or c["mechanism"] in mechanisms or topics & set(c.get("topics", []))]
    return sorted(found, key=lambda c: (c.get("layer", 99), c.title, c.id))


def related_events(dataset: Dataset, issue: str) -> list[Record]:
    topics = set(issue_term(dataset, issue).get("topics", []))
    named = _linked_by_statements(dataset, issue, "event", "about_events")
    return [e for e in dataset.all("events") if e.id in named or topics & set(e.get("topics", []))]
