"""Every file the open-data export publishes, described once.

The API index (api/v1/index.json) and the "Open data" page both list these, so the page can
never promise a file the build does not write.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..kinds import KINDS
from ..model import Dataset

# Feeds to follow one actor or one negotiation issue (export/follow_feeds.py), each linked from its page.
from ..render.share_text import ACTOR_FEEDS, ISSUE_FEEDS

API = "api/v1"
DOWNLOADS = "downloads"
FEED = "feed.xml"
CALENDAR = "events.ics"
DATASET_JSON = f"{DOWNLOADS}/tracker-data.json"
CSL_JSON = f"{DOWNLOADS}/sources.csl.json"
BIBTEX = f"{DOWNLOADS}/sources.bib"
POSITIONS_JSON = f"{API}/positions.json"
POSITIONS_CSV = f"{DOWNLOADS}/positions.csv"
DATAPACKAGE = f"{DOWNLOADS}/datapackage.json"
POPOLO = f"{DOWNLOADS}/popolo.json"

DATA_PAGE = "data.html"  # the "Open data" page (docs/data.md) that documents all of these

# The media type of each format, for the Dataset's distributions.
MEDIA_TYPES = {
    "JSON": "application/json", "JSON Schema": "application/schema+json", "CSV": "text/csv",
    "Data Package": "application/json", "Popolo JSON": "application/json", "CSL-JSON": "application/vnd.citationstyles.csl+json",
    "BibTeX": "application/x-bibtex", "Atom": "application/atom+xml", "iCalendar": "text/calendar",
}


@dataclass(frozen=True)
class Output:
    path: str  # site path, e.g. "api/v1/events.json"; {id} stands for a record id
    group: str  # "api", "downloads" or "feeds"
    format: str
    description: str
    kind: str = ""  # the record type it holds, for counts
    vocabulary: str = ""  # {id} stands for a term of this vocabulary, not a record's id


def instances(dataset: Dataset, out: Output) -> list[str]:
    """What {id} stands for in an output's path: record ids, or a vocabulary's terms (file order)."""
    if out.vocabulary:
        return list(dataset.vocabulary_terms.get(out.vocabulary, {}))
    return sorted(record.id for record in dataset.all(out.kind)) if out.kind else []


def outputs() -> list[Output]:
    api = [
        Output(f"{API}/index.json", "api", "JSON", "Entry point: counts, the list of endpoints, and the commit the data was built from."),
        Output(f"{API}/vocabulary.json", "api", "JSON", "The controlled vocabulary: topics, event kinds, mechanisms, domains and negotiation issues, with labels and meanings."),
    ]
    for kind in KINDS:
        api.append(Output(f"{API}/{kind}.json", "api", "JSON", f"All {kind}, sorted by id.", kind))
    api.append(Output(POSITIONS_JSON, "api", "JSON", "Every coded position on a negotiation issue, with its statement's speaker, date and sources.", "positions"))
    for kind in KINDS:
        api.append(Output(f"{API}/{kind}/{{id}}.json", "api", "JSON", f"One of the {kind}, by its id.", kind))
    for kind in KINDS:
        api.append(Output(f"{API}/schemas/{KINDS[kind].schema_file}", "api", "JSON Schema", f"The fields of {kind} (draft-07)."))
    api.append(Output(f"{API}/schemas/vocabulary.schema.json", "api", "JSON Schema", "The shape of the vocabulary (draft-07)."))
    api.append(Output(f"{API}/schemas/position.schema.json", "api", "JSON Schema", "The fields of an entry of positions.json (draft-07)."))
    downloads = [Output(f"{DOWNLOADS}/{kind}.csv", "downloads", "CSV", f"All {kind}, one row each.", kind) for kind in KINDS]
    downloads += [
        Output(POSITIONS_CSV, "downloads", "CSV", "Every coded position, one row each, with its statement's speaker, date and sources.", "positions"),
        Output(DATAPACKAGE, "downloads", "Data Package", "Frictionless Data Package (v2): the CSV files' columns, types and keys, licence, sources and version."),
        Output(DATASET_JSON, "downloads", "JSON", "The whole dataset in one file: vocabulary and every record."),
        Output(POPOLO, "downloads", "Popolo JSON", "People, organisations and their memberships over time, in the Popolo standard.", "actors"),
        Output(CSL_JSON, "downloads", "CSL-JSON", "Every source, for Zotero and other reference managers.", "sources"),
        Output(BIBTEX, "downloads", "BibTeX", "Every source, for LaTeX (BibTeX and biblatex).", "sources"),
    ]
    feeds = [
        Output(FEED, "feeds", "Atom", "The newest events, statements, status changes of events and commitments, and corrections."),
        Output(CALENDAR, "feeds", "iCalendar", "Scheduled and held events with a known day, as all-day events."),
        Output(ACTOR_FEEDS, "feeds", "Atom", "One actor's newest statements, events, commitments and corrections: "
               "follow one person, state or organisation (linked from its page).", "actors"),
        Output(ISSUE_FEEDS, "feeds", "Atom", "One negotiation issue's newest positions, events and commitments "
               "(linked from its page).", vocabulary="issues"),
    ]
    return api + downloads + feeds
