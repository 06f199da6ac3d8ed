"""The rules of time, checked once every file is read (the loader calls `check_time_rules`).

* A status history moves only as its statuses allow: `STATUS_TRANSITIONS` in schema.py, declared
  with the statuses (an event held cannot be scheduled again).
* A correction is not dated after the day the data is as of.
* No date lies more than `MAX_YEARS_AHEAD` years after that day.

The day the data is as of is the build's reference date without SOURCE_DATE_EPOCH (which only
changes the day a build looks from): the last commit's day, or today when the data folder has
uncommitted changes (the work tree is newer than the commit) or no git history. One day more is
allowed for time zones: a contributor east of UTC is already a day ahead of a commit made in UTC.
A rule that holds on a day holds on every later one, so a commit that was valid stays valid.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from .fieldtypes import FuzzyDate, walk_types
from .history import has_uncommitted_changes, reference_date
from .kinds import KINDS
from .model import Dataset, Record
from .problems import Problems
from .schema import MAX_YEARS_AHEAD, STATUS_TRANSITIONS, date_before

TIME_ZONE_GRACE = timedelta(days=1)


def data_as_of(data_dir: Path, today: date | None = None) -> date:
    """The day the data in data_dir is as of, for these rules (see the module's docstring)."""
    today = today or datetime.now(timezone.utc).date()
    as_of = reference_date(data_dir, None, today)
    day = date.fromisoformat(as_of.day)
    return max(day, today) if as_of.origin == "commit" and has_uncommitted_changes(data_dir) else day


def check_time_rules(dataset: Dataset, problems: Problems, data_dir: Path, today: date | None = None) -> None:
    as_of = data_as_of(data_dir, today)
    latest = as_of + TIME_ZONE_GRACE if as_of < date.max - TIME_ZONE_GRACE else date.max  # a commit dated 9999 (clamped)
    horizon = _years_after(latest, MAX_YEARS_AHEAD)
    for kind, records in dataset.records.items():
        dates = date_fields(kind)
        for record in records.values():
            if kind in STATUS_TRANSITIONS:
                _check_transitions(record, STATUS_TRANSITIONS[kind], problems)
            _check_corrections(record, as_of, latest, problems)
            _check_far_ahead(record, dates, as_of, horizon, problems)


def _check_transitions(record: Record, allowed: dict[str, tuple[str, ...]], problems: Problems) -> None:
    entries = [entry for entry in record.get("status_history") or [] if isinstance(entry, dict)]
    for i in range(1, len(entries)):
        before, after = entries[i - 1].get("status"), entries[i].get("status")
        if date_before(str(entries[i].get("date", "")), str(entries[i - 1].get("date", ""))):
            continue  # listed out of order: the loader says so, and the order of the statuses is unknown
        if before in allowed and after in allowed and after not in allowed[before]:  # an unknown status is reported already
            path = f"{record.lines.item_path('status_history', i)}.status"
            problems.add(record.path, record.line_of(path), path, f"'{after}' cannot follow '{before}'",
                         f"after {before}, the status can be: {', '.join(allowed[before])}; list status changes oldest first")


def _check_corrections(record: Record, as_of: date, latest: date, problems: Problems) -> None:
    for i, note in enumerate(record.get("corrections") or []):
        written = note.get("date") if isinstance(note, dict) else None
        if isinstance(written, str) and _first_day(written) > latest:
            path = f"{record.lines.item_path('corrections', i)}.date"
            problems.add(record.path, record.line_of(path), path, f"{written} is after {as_of.isoformat()}, the day the data is as of",
                         "a correction is dated the day it was made: today or earlier")


def _check_far_ahead(record: Record, date_fields: tuple[tuple[str, ...], ...], as_of: date, horizon: date, problems: Problems) -> None:
    for steps in date_fields:
        for path, value in _values_at(record.data, steps, ""):
            if isinstance(value, str) and _first_day(value) > horizon:
                problems.add(record.path, record.line_of(path), path,
                             f"{value} is more than {MAX_YEARS_AHEAD} years after {as_of.isoformat()}, the day the data is as of",
                             "check the year: nothing the tracker records is dated that far ahead")


@lru_cache(maxsize=None)
def date_fields(kind: str) -> tuple[tuple[str, ...], ...]:
    """Where a record of this kind holds dates, from its type: ('status_history[]', 'date'), ..."""
    return tuple(tuple(_STEP.findall(path)) for path, ftype in walk_types(KINDS[kind].structure()) if isinstance(ftype, FuzzyDate))


_STEP = re.compile(r"[^.\[\]]+(?:\[\])?")  # 'roles[].start' → 'roles[]', 'start'


def _values_at(value, steps: tuple[str, ...], path: str):
    """(path, value) at a path pattern of date_fields in a record's values; a list step visits every item."""
    if not steps:
        yield path, value
        return
    name, is_list = (steps[0][:-2], True) if steps[0].endswith("[]") else (steps[0], False)
    inner = value.get(name) if isinstance(value, dict) else None
    here = f"{path}.{name}" if path else name
    if is_list and isinstance(inner, list):
        for i, item in enumerate(inner):
            yield from _values_at(item, steps[1:], f"{here}[{i}]")
    elif not is_list and inner is not None:
        yield from _values_at(inner, steps[1:], here)


def _first_day(fuzzy: str) -> date:
    """The first day a date as precise as its source (2026, 2026-01, 2026-01-03) can mean."""
    parts = [int(part) for part in fuzzy.split("-")]
    return date(parts[0], *(parts[1:] + [1, 1])[:2])


def _years_after(day: date, years: int) -> date:
    if day.year + years > date.max.year:
        return date.max
    return date(day.year + years, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)
