"""Every file the open-data export publishes, described once.

The API index (api/v1/index.json) and the "Open data" page both list these, so the page can
never promise a file the build does not write.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Locale
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
    format: str  # the format's name (JSON, CSV, BibTeX ...): a name, the same in every language
    description: str
    kind: str = ""  # the record type it holds, for counts
    vocabulary: str = ""  # {id} stands for a term of this vocabulary, not a record's id


def instances(dataset: Dataset, out: Output) -> list[str]:
    """What {id} stands for in an output's path: record ids, or a vocabulary's terms (file order)."""
    if out.vocabulary:
        return list(dataset.vocabulary_terms.get(out.vocabulary, {}))
    return sorted(record.id for record in dataset.all(out.kind)) if out.kind else []


def outputs(t: Locale) -> list[Output]:
    """Every published file; its description in t's words (the messages "file.<what>")."""
    def kind_words(kind: str) -> str:
        return t.get(f"kind.{kind}", kind)

    api = [
        Output(f"{API}/index.json", "api", "JSON", t("file.api_index")),
        Output(f"{API}/vocabulary.json", "api", "JSON", t("file.vocabulary")),
    ]
    for kind in KINDS:
        api.append(Output(f"{API}/{kind}.json", "api", "JSON", t("file.kind_list", kind=kind_words(kind)), kind))
    api.append(Output(POSITIONS_JSON, "api", "JSON", t("file.positions_json"), "positions"))
    for kind in KINDS:
        api.append(Output(f"{API}/{kind}/{{id}}.json", "api", "JSON", t("file.kind_record", kind=kind_words(kind)), kind))
    for kind in KINDS:
        api.append(Output(f"{API}/schemas/{KINDS[kind].schema_file}", "api", "JSON Schema", t("file.kind_schema", kind=kind_words(kind))))
    api.append(Output(f"{API}/schemas/vocabulary.schema.json", "api", "JSON Schema", t("file.vocabulary_schema")))
    api.append(Output(f"{API}/schemas/position.schema.json", "api", "JSON Schema", t("file.position_schema")))
    downloads = [Output(f"{DOWNLOADS}/{kind}.csv", "downloads", "CSV", t("file.kind_csv", kind=kind_words(kind)), kind) for kind in KINDS]
    downloads += [
        Output(POSITIONS_CSV, "downloads", "CSV", t("file.positions_csv"), "positions"),
        Output(DATAPACKAGE, "downloads", "Data Package", t("file.datapackage")),
        Output(DATASET_JSON, "downloads", "JSON", t("file.dataset_json")),
        Output(POPOLO, "downloads", "Popolo JSON", t("file.popolo"), "actors"),
        Output(CSL_JSON, "downloads", "CSL-JSON", t("file.csl_json"), "sources"),
        Output(BIBTEX, "downloads", "BibTeX", t("file.bibtex"), "sources"),
    ]
    feeds = [
        Output(FEED, "feeds", "Atom", t("file.feed")),
        Output(CALENDAR, "feeds", "iCalendar", t("file.calendar")),
        Output(ACTOR_FEEDS, "feeds", "Atom", t("file.actor_feeds"), "actors"),
        Output(ISSUE_FEEDS, "feeds", "Atom", t("file.issue_feeds"), vocabulary="issues"),
    ]
    return api + downloads + feeds
