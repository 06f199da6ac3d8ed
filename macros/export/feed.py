"""feed.xml: an Atom feed (RFC 4287) of the newest events, statements, status changes and corrections.

Deterministic: entry ids are tag: URIs built from record ids (they never change when the site
moves), dates come from the data (an event is dated by its latest status entry, a status change
by its date, a correction by the day it was made), and the feed's <updated> is its newest entry's date.
Dates known only to the month or year are placed on the first day of that month or year and the
entry says so. Links are relative to the site's root; when the site's URL is configured the feed
carries it as xml:base, so readers resolve them to absolute addresses.
"""
from __future__ import annotations

import heapq
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import Locale
from ..model import Dataset, Record
from ..render.common import status_label
from ..render.views import VIEWS
from .catalogue import FEED
from .common import (
    TAG_PREFIX,
    dataset_as_of,
    date_precision,
    padded,
    page_path,
    write_text,
    xml_safe,
)
from .licence import licence_statement

ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
LIMIT = 50


@dataclass
class Entry:
    id: str
    date: str  # fuzzy date the entry is filed under
    title: str
    path: str  # site path of the page it links to
    summary: str
    categories: list[str] = field(default_factory=list)

    def sort_key(self) -> tuple:
        return (padded(self.date), len(self.date), self.id)


def entries(dataset: Dataset, t: Locale) -> list[Entry]:
    """Every candidate entry, in no particular order."""
    found = []
    for event in dataset.all("events"):
        latest = event.latest_status
        summary = t("feed.event", date=t.date(event["date"], event.get("date_approximate", False)), status=status_label(t, latest["status"]),
                    as_of=t.date(latest["date"]), kind=dataset.term_label("event_kinds", event["kind"]), summary=event["summary"])
        found.append(Entry(f"{TAG_PREFIX}events/{event.id}", latest["date"], event.title, page_path("events", event.id),
                           _precision_note(t, latest["date"]) + summary, ["event", event["kind"], *event.get("topics", [])]))
        # The event's own entry says how it was first recorded; later changes get entries of their own.
        found += status_entries(t, event, "event-status", [])[1:]
    for statement in dataset.all("statements"):
        words = statement.get("quote") or statement.get("paraphrase") or ""
        label = t("feed.quote") if statement.get("quote") else t("statement.paraphrase")
        summary = t("feed.statement", date=t.date(statement["date"], statement.get("date_approximate", False)),
                    kind=t(f"statement_kind.{statement['kind']}"), label=label, words=words)
        if statement.get("quote") and statement.get("paraphrase"):
            summary += t("feed.context", paraphrase=statement["paraphrase"])
        found.append(Entry(f"{TAG_PREFIX}statements/{statement.id}", statement["date"], VIEWS.title_of(dataset, statement),
                           page_path("statements", statement.id), _precision_note(t, statement["date"]) + summary,
                           ["statement", statement["kind"], *statement.get("topics", [])]))
    for commitment in dataset.all("commitments"):
        found += status_entries(t, commitment, "commitment-status", [commitment["area"]])
    for kind in dataset.records:
        for record in dataset.all(kind):
            found += correction_entries(t, dataset, record)
    return found


def status_entries(t: Locale, record: Record, category: str, extra: list[str]) -> list[Entry]:
    """One entry per status history entry of an event or a commitment, oldest first."""
    history = record["status_history"]
    found, seen = [], {}
    for i, change in enumerate(history):
        key = f"{change['date']}-{change['status']}"
        seen[key] = seen.get(key, 0) + 1
        suffix = "" if seen[key] == 1 else f"-{seen[key]}"
        before = history[i - 1]["status"] if i else None
        status = status_label(t, change["status"])
        if before is None:
            what = t("feed.first_recorded_as", status=status)
        elif before == change["status"]:
            what = t("feed.still", status=status)
        else:
            what = t("feed.changed", before=status_label(t, before), status=status)
        summary = t("feed.status", date=t.date(change["date"], change.get("date_approximate", False)), what=what)
        if change.get("note"):
            summary += f" {change['note']}"
        found.append(Entry(f"{TAG_PREFIX}{record.kind}/{record.id}/status/{key}{suffix}", change["date"],
                           t("feed.status_title", title=record.title, what=what), page_path(record.kind, record.id),
                           _precision_note(t, change["date"]) + summary, [category, change["status"], *extra]))
    return found


def correction_entries(t: Locale, dataset: Dataset, record: Record) -> list[Entry]:
    """A correction of any record is news to anyone who cited it."""
    found = []
    for i, note in enumerate(record.get("corrections", [])):
        summary = t("feed.correction", date=t.date(note["date"]), wrong=note["what_was_wrong"], now=note["what_changed"])
        found.append(Entry(f"{TAG_PREFIX}{record.kind}/{record.id}/correction/{i + 1}", note["date"],
                           t("feed.correction_title", title=VIEWS.title_of(dataset, record)), page_path(record.kind, record.id),
                           _precision_note(t, note["date"]) + summary, ["correction", record.kind[:-1]]))
    return found


def _precision_note(t: Locale, value: str) -> str:
    precision = date_precision(value)
    return "" if precision == "day" else t(f"feed.known_only_to.{precision}", date=t.date(value))


def newest(dataset: Dataset, t: Locale, limit: int = LIMIT) -> list[Entry]:
    return heapq.nlargest(limit, entries(dataset, t), key=Entry.sort_key)


@dataclass(frozen=True)
class FeedHead:
    """What a feed says about itself."""

    id: str
    title: str
    subtitle: str
    alternate: str  # site path of the page it follows
    path: str  # its own site path


def feed_xml(dataset: Dataset, *, site_name: str, site_url: str = "", limit: int = LIMIT, t: Locale | None = None) -> str:
    t = t or Locale()
    head = FeedHead(f"{TAG_PREFIX}feed", t("feed.title", site=site_name), t("feed.subtitle"), "timeline.html", FEED)
    return atom_xml(newest(dataset, t, limit), head, t, site_name=site_name, site_url=site_url, as_of=dataset_as_of(dataset))


def atom_xml(chosen: list[Entry], head: FeedHead, t: Locale, *, site_name: str, site_url: str = "", as_of: str) -> str:
    """An Atom document of the chosen entries (newest first); `as_of` dates a feed without any.
    Links are site paths: with the site's URL as xml:base, or else relative to the feed's folder."""
    root_path = "" if site_url else "../" * head.path.count("/")

    # Plain tag names and an explicit xmlns attribute: no ElementTree namespace registration,
    # which would be global state shared with everything else in the process.
    def sub(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, tag, {k: xml_safe(str(v)) for k, v in attrs.items()})
        if text is not None:
            node.text = xml_safe(str(text))
        return node

    root = ET.Element("feed", {"xmlns": ATOM})
    if site_url:
        root.set(XML_BASE, site_url.rstrip("/") + "/")
    sub(root, "id", head.id)
    sub(root, "title", head.title)
    sub(root, "subtitle", head.subtitle)
    updated = max((padded(e.date) for e in chosen), default=as_of)
    sub(root, "updated", _timestamp(updated))
    author = sub(root, "author")
    sub(author, "name", t("feed.author", site=site_name))
    sub(root, "rights", licence_statement(t, site_name), type="text")
    sub(root, "link", rel="alternate", type="text/html", href=root_path + head.alternate)
    if site_url:
        sub(root, "link", rel="self", type="application/atom+xml", href=head.path)
    sub(root, "generator", site_name)
    for entry in chosen:
        node = sub(root, "entry")
        sub(node, "id", entry.id)
        sub(node, "title", entry.title, type="text")
        sub(node, "updated", _timestamp(padded(entry.date)))
        sub(node, "link", rel="alternate", type="text/html", href=root_path + entry.path)
        sub(node, "summary", entry.summary, type="text")
        for term in dict.fromkeys(entry.categories):
            sub(node, "category", term=term)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def write_feed(dataset: Dataset, out_dir: Path, *, site_name: str, site_url: str = "", t: Locale | None = None) -> None:
    write_text(Path(out_dir) / FEED, feed_xml(dataset, site_name=site_name, site_url=site_url, t=t))
