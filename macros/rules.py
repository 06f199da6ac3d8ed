"""Rules across records, checked once every file has been read on its own (macros/load.py):
every reference names a record, of the right kind and not the record itself; what one record
says agrees with another (only a coalition has members, only a denial denies); lists run oldest
first; and no chain of part_of or members goes round in a circle."""
from __future__ import annotations

import re

from .fieldtypes import did_you_mean
from .kinds import KINDS
from .model import Dataset, Record
from .problems import Problems
from .schema import ACTOR_KINDS_REFERRED, date_before

# A reference found while checking a file: (target kind, id, field path as written, its line).
Reference = tuple[str, str, str, int]


# --- references -----------------------------------------------------------------------------

def check_references(dataset: Dataset, references: list[tuple[Record, list[Reference]]], problems: Problems,
                      unreadable: dict[str, set[str]]) -> None:
    """Every reference the files' checks found (Ref collects them) must name a record."""
    for record, refs in references:
        if dataset.records[record.kind].get(record.id) is not record:
            continue  # a second record with a taken id: reported as such, its references are not followed
        for target, ref_id, field, line in refs:
            _check_what_is_referred_to(dataset, record, target, ref_id, field, line, problems)
            if ref_id in dataset.records[target] or ref_id in unreadable[target]:
                continue
            hint = did_you_mean(ref_id, dataset.records[target]) or f"add data/{target}/{ref_id}.yml or fix the id"
            problems.add(record.path, line, field, f"no {KINDS[target].singular} has the id '{ref_id}'", hint)


def check_record_rules(dataset: Dataset, problems: Problems) -> None:
    for actor in dataset.records["actors"].values():
        if actor.get("members") and actor.get("kind") != "coalition":
            problems.add(actor.path, actor.line_of("members"), "members", "only a coalition has members", "set kind: coalition, or move the members to the coalition's record")
    for statement in dataset.records["statements"].values():
        if statement.get("denies") and statement.get("kind") != "denial":
            problems.add(statement.path, statement.line_of("denies"), "denies", "only a denial can deny a claim", "set kind: denial")
        for i, claim_id in enumerate(statement.get("denies", [])):
            if claim_id == statement.id:
                problems.add(statement.path, statement.line_of("denies"), statement.lines.item_path("denies", i), "a statement cannot deny itself")
    for commitment in dataset.records["commitments"].values():
        if commitment.get("part_of") == commitment.id:
            problems.add(commitment.path, commitment.line_of("part_of"), "part_of", "a commitment cannot be part of itself")


    for records in dataset.records.values():
        for record in records.values():
            _check_oldest_first(record, "status_history", "list status changes oldest first", problems)
            _check_oldest_first(record, "corrections", "list corrections oldest first", problems)


def _check_oldest_first(record: Record, name: str, hint: str, problems: Problems) -> None:
    entries = record.get(name, [])
    for i in range(1, len(entries)):
        if date_before(entries[i].get("date", ""), entries[i - 1].get("date", "")):
            item = record.lines.item_path(name, i)
            problems.add(record.path, record.line_of(item), f"{item}.date", f"{entries[i]['date']} is before the previous entry's {entries[i - 1]['date']}", hint)


# --- references that resolve, but to the wrong thing ----------------------------------------------

def check_reference_integrity(dataset: Dataset, problems: Problems) -> None:
    _check_circles(dataset, "commitments", _part_of_links, "part_of", "a package cannot be part of one of its own parts; remove one part_of", problems)
    _check_circles(dataset, "actors", _member_links, "members", "a coalition cannot be a member of one of its own members; remove one of the memberships", problems)


# Said in the words of each field; other references to the record itself get the general sentence.
_SELF_REFERENCE = {
    ("events", "related_events[]"): "an event cannot be related to itself",
    ("actors", "members[].actor"): "a coalition cannot be a member of itself",
    ("actors", "country"): "an actor cannot be its own country",
    ("actors", "roles[].organisation"): "a role's organisation cannot be the actor holding it",
}
# Already reported by check_record_rules, in their own words.
_SELF_REFERENCE_CHECKED = {("statements", "denies[]"), ("commitments", "part_of")}


def _pattern(field: str) -> str:
    """'roles[1].organisation' → 'roles[].organisation'."""
    return _INDEX.sub("[]", field) if "[" in field else field


_INDEX = re.compile(r"\[\d+\]")
_KIND_CHECKED = tuple({field.rsplit(".", 1)[-1] for _, field in ACTOR_KINDS_REFERRED})


def _check_what_is_referred_to(dataset: Dataset, record: Record, target: str, ref_id: str, field: str, line: int, problems: Problems) -> None:
    """A reference that resolves may still be wrong: to the record itself, or to the wrong kind of actor."""
    if target == record.kind and ref_id == record.id:
        key = (record.kind, _pattern(field))
        if key not in _SELF_REFERENCE_CHECKED:
            message = _SELF_REFERENCE.get(key, f"a {KINDS[record.kind].singular} cannot refer to itself")
            problems.add(record.path, line, field, message, f"'{ref_id}' is this record's own id")
    actor = dataset.records["actors"].get(ref_id) if target == "actors" else None
    allowed = ACTOR_KINDS_REFERRED.get((record.kind, _pattern(field))) if actor is not None and field.endswith(_KIND_CHECKED) else None
    if allowed and actor.get("kind") and actor["kind"] not in allowed:
        problems.add(record.path, line, field,
                     f"'{ref_id}' is a {actor['kind']} ({actor.path}), but this field names a {' or '.join(allowed)}",
                     f"point it at the {allowed[0]}'s record instead")


def _part_of_links(record: Record) -> list[tuple[str, str, int]]:
    """(field, id it points at, line) of the links a circle can run through."""
    return [("part_of", record["part_of"], record.line_of("part_of"))] if record.get("part_of") else []


def _member_links(record: Record) -> list[tuple[str, str, int]]:
    links = []
    for i, member in enumerate(record.get("members", [])):
        if "actor" in member:
            field = f"{record.lines.item_path('members', i)}.actor"
            links.append((field, member["actor"], record.line_of(field)))
    return links


def _check_circles(dataset: Dataset, kind: str, links, name: str, hint: str, problems: Problems) -> None:
    """Report every link of a circle longer than one record (a links to b, b back to a); a record
    linking to itself is reported on its own, by the rules above."""
    records = dataset.records[kind]
    graph = {rid: [link for link in links(record) if link[1] in records and link[1] != rid] for rid, record in records.items()}
    for circle in strongly_connected({rid: [target for _, target, _ in out] for rid, out in graph.items()}):
        if len(circle) < 2:
            continue
        members = set(circle)
        for rid in sorted(circle):
            for field, target, line in graph[rid]:
                if target in members:
                    path = [rid, *_path_within(graph, target, rid, members)]
                    problems.add(records[rid].path, line, field, f"{name} goes round in a circle: {' → '.join(path)}", hint)


def _path_within(graph: dict, start: str, goal: str, allowed: set[str]) -> list[str]:
    """The shortest chain of links from start to goal through the allowed records (both included)."""
    previous = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for _, target, _ in graph[node]:
            if target in allowed and target not in previous:
                previous[target] = node
                queue.append(target)
    chain = [goal]
    while chain[-1] != start:
        chain.append(previous[chain[-1]])
    return chain[::-1]


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (a chain may be 10,000 long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components
