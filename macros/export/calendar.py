"""events.ics: an iCalendar file (RFC 5545) of the tracker's events, to subscribe to.

Which events: those with status scheduled or held, plus cancelled and postponed ones marked
STATUS:CANCELLED, so that a calendar which subscribed while they were scheduled shows that they
will not take place on that day. A scheduled event whose date passed before the build's
reference day with no outcome recorded is STATUS:TENTATIVE, as the site marks it "date passed":
the tracker cannot say it took place. Claimed and reported events are left out: they are not
appointments. Events are all-day (DTSTART;VALUE=DATE): the tracker records days, not times.
Events dated only to the month or year are left out, because a calendar cannot place them;
an end date known only to the month is ignored (the event is shown on its first day).

Deterministic: UIDs are <event-id>@ukraine-peace-tracker, and DTSTAMP is the newest date any
source carries (see common.dataset_as_of), not the time of the build.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..i18n import Locale
from ..model import DATE_PASSED, Dataset, Record, event_state
from ..render.common import status_label
from .catalogue import CALENDAR
from .common import (
    UID_DOMAIN,
    absolute,
    actor_name,
    dataset_as_of,
    date_precision,
    page_path,
    sorted_records,
    write_text,
)
from .licence import licence_statement

INCLUDED = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "CANCELLED", DATE_PASSED: "TENTATIVE"}
PRODID = "-//Ukraine Peace Process Tracker//Open data v1//EN"


def calendar_events(dataset: Dataset) -> list[Record]:
    """The events the calendar holds, sorted by id."""
    return [e for e in sorted_records(dataset, "events") if e.current_status in INCLUDED and date_precision(e["date"]) == "day"]


def calendar_text(dataset: Dataset, *, site_name: str, site_url: str = "", reference_day: str = "", t: Locale | None = None) -> str:
    t = t or Locale()
    stamp = dataset_as_of(dataset).replace("-", "") + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(t('calendar.name', site=site_name))}",
        "X-WR-CALDESC:" + text(t("calendar.description") + licence_statement(t, site_name)),
    ]
    for event in calendar_events(dataset):
        lines += vevent(t, dataset, event, stamp, site_url, reference_day)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def vevent(t: Locale, dataset: Dataset, event: Record, stamp: str, site_url: str, reference_day: str = "") -> list[str]:
    start = date.fromisoformat(event["date"])
    end = start
    if date_precision(event.get("end_date")) == "day":
        end = max(start, date.fromisoformat(event["end_date"]))
    status = event_state(event, reference_day)
    # An event that will not, or may not, take place as scheduled says so first, as its page's badge does.
    title = event.title if status in ("scheduled", "held") else t("calendar.title_with_status", status=status_label(t, status).capitalize(), title=event.title)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        end_of(start, end),
        f"SUMMARY:{text(title)}",
        f"DESCRIPTION:{text(description(t, dataset, event, site_url, reference_day if status == DATE_PASSED else ''))}",
    ]
    if event.get("location"):
        place = [event["location"]["place"]]
        if event["location"].get("country"):
            place.append(actor_name(dataset, event["location"]["country"]))
        lines.append(f"LOCATION:{text(', '.join(place))}")
    lines.append(f"CATEGORIES:{text(dataset.term_label('event_kinds', event['kind']))}")
    lines.append(f"STATUS:{INCLUDED[status]}")
    lines.append("TRANSP:TRANSPARENT")
    if site_url:
        lines.append(f"URL;VALUE=URI:{absolute(site_url, page_path('events', event.id))}")
    lines.append("END:VEVENT")
    return lines


def end_of(start: date, end: date) -> str:
    """DTEND is the day after the last one; 9999-12-31 has none that iCalendar can write, so the
    event's length is given instead (RFC 5545, 3.8.2.5)."""
    if end < date.max:
        return f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}"
    return f"DURATION:P{(end - start).days + 1}D"


def description(t: Locale, dataset: Dataset, event: Record, site_url: str, passed_by: str = "") -> str:
    latest = event.latest_status
    parts = [event["summary"], t("calendar.status", status=status_label(t, latest["status"]), date=t.date(latest["date"]))]
    if passed_by:
        parts[-1] += t("calendar.passed", date=t.date(passed_by))
    if event.get("date_approximate"):
        parts.append(t("calendar.approximate_note", note=event["date_note"]) if event.get("date_note") else t("calendar.approximate"))
    if event.get("end_date") and date_precision(event["end_date"]) != "day":
        parts.append(t("calendar.ends", date=t.date(event["end_date"])))
    participants = [actor_name(dataset, p["actor"]) for p in event.get("participants", [])]
    if participants:
        parts.append(t("calendar.participants", names=", ".join(participants)))
    parts.append(t("calendar.details", address=absolute(site_url, page_path("events", event.id))))
    return "\n\n".join(parts)


def text(value: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545, 3.1): each
    continuation line starts with a space and holds 74 octets more."""
    data = line.encode("utf-8")
    pieces, start, room = [], 0, limit
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation octet: the character began before
            end -= 1
        pieces.append(data[start:end])
        start, room = end, limit - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def write_calendar(dataset: Dataset, out_dir: Path, *, site_name: str, site_url: str = "", reference_day: str = "", t: Locale | None = None) -> None:
    calendar = calendar_text(dataset, site_name=site_name, site_url=site_url, reference_day=reference_day, t=t)
    write_text(Path(out_dir) / CALENDAR, calendar)
