"""How current the record is: the newest source it draws on, and the last change to its data.

Two different facts a reader needs apart. "Sources up to 3 January 2026" is how far the record
reaches: the newest publication date of a source that a record cites. "Last updated 1 December
2026" is when anyone last changed the data: the newest commit that touched data/ (the build's
reference date when the history is not available). A tracker whose sources stop weeks before its
last update has not been told of anything newer, and says so when the gap passes
STALE_AFTER_DAYS.

Plain Python, no rendering: the exports (API index, data package) publish `Currency.as_json()`;
the reader-facing wording belongs to the pages' catalogue.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .history import History
from .model import Dataset, cited_sources

# After this many days between the newest source and the build's reference date, the record is
# stale: nothing newer has been recorded. The one place the number is declared.
STALE_AFTER_DAYS = 30


@dataclass(frozen=True)
class Currency:
    sources_up_to: str  # the newest publication date of a cited source, as precise as written; "" if none
    last_updated: str  # YYYY-MM-DD of the last change to the data; "" if unknown
    reference_day: str  # the build's "as of" day, YYYY-MM-DD; "" if unknown
    stale_after_days: int = STALE_AFTER_DAYS

    @property
    def days_since_newest_source(self) -> int | None:
        """Days from the last day the newest source can be from ('2026-01': 31 January) to the reference day."""
        if not self.sources_up_to or not self.reference_day:
            return None
        return max(0, (date.fromisoformat(self.reference_day) - period_end(self.sources_up_to)).days)

    @property
    def stale(self) -> bool:
        days = self.days_since_newest_source
        return days is not None and days > self.stale_after_days

    def as_json(self) -> dict:
        return {
            "sources_up_to": self.sources_up_to or None,
            "last_updated": self.last_updated or None,
            "stale_after_days": self.stale_after_days,
            "days_since_newest_source": self.days_since_newest_source,
            "stale": self.stale,
        }


def period_end(fuzzy: str) -> date:
    """The last day a fuzzy date can mean: '2026' → 31 December 2026, '2026-02' → 28 February."""
    parts = [int(p) for p in fuzzy.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _order(fuzzy: str) -> tuple[str, int]:
    # By the first day a date can mean, the more precise first on ties: a source dated only
    # '2026-01' does not count as newer than one of 3 January 2026.
    return (fuzzy + "-01-01")[:10] if len(fuzzy) == 4 else (fuzzy + "-01")[:10], len(fuzzy)


def newest_source_date(dataset: Dataset) -> str:
    """The newest `published` date of a source any record cites, as written; '' if none has one."""
    cited = {source for kind in dataset.records for record in dataset.all(kind) for source in cited_sources(record)}
    dates = [str(s["published"]) for s in dataset.all("sources") if s.id in cited and s.get("published")]
    return max(dates, key=_order, default="")


def last_data_change(history: History, reference_day: str = "") -> str:
    """The day of the newest commit that changed a record file; the reference day without history."""
    if history.available and history.changes:
        return max(change.day for change in history.changes)
    return reference_day


def currency_of(dataset: Dataset, history: History, reference_day: str = "") -> Currency:
    return Currency(newest_source_date(dataset), last_data_change(history, reference_day), reference_day)
