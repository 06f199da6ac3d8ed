"""Feeds to follow one actor or one negotiation issue: feeds/actors/<id>.xml, feeds/issues/<id>.xml.

The same entries as the site's feed (feed.py), each filed under the actors and issues its record
is about, and each feed its FOLLOW_LIMIT newest. An actor follows the statements it made (or that
an unnamed speaker of it made), the events it took part in, the commitments it offers or would
receive, and the corrections of its own record. An issue follows the statements coded on it and
the events and commitments its page lists (macros/positions.py). Every actor and every issue has
its feed, even an empty one, so that the link on its page never breaks.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from pathlib import Path

from ..i18n import Locale
from ..model import Dataset, Record
from ..positions import ISSUES, issue_page, related_commitments, related_events
from ..render.share_text import ACTOR_FEEDS, ISSUE_FEEDS, actor_feed, issue_feed
from .common import TAG_PREFIX, dataset_as_of, page_path, write_text
from .feed import Entry, FeedHead, atom_xml, entries

FOLLOW_LIMIT = 20


def actors_of(record: Record) -> set[str]:
    """The actors a record is news about."""
    if record.kind == "statements":
        return {a for a in (record.get("speaker"), record.get("speaker_affiliation")) if a}
    if record.kind == "events":
        return {p["actor"] for p in record.get("participants", [])}
    if record.kind == "commitments":
        return {*record.get("offered_by", []), *record.get("offered_to", [])}
    if record.kind == "actors":
        return {record.id}
    return set()


def issues_of(dataset: Dataset) -> dict[str, set[str]]:
    """Site path of a record's page → the issues it is news about."""
    found: dict[str, set[str]] = defaultdict(set)
    for statement in dataset.all("statements"):
        for position in statement.get("positions", []):
            found[page_path("statements", statement.id)].add(position["issue"])
    for issue in dataset.vocabulary_terms.get(ISSUES, {}):
        for record in [*related_events(dataset, issue), *related_commitments(dataset, issue)]:
            found[page_path(record.kind, record.id)].add(issue)
    return found


def followed(dataset: Dataset, t: Locale) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """Every actor's and every issue's entries, newest first, FOLLOW_LIMIT each."""
    actors = {page_path(record.kind, record.id): actors_of(record) for kind in dataset.records for record in dataset.all(kind)}
    issues = issues_of(dataset)
    by_actor: dict[str, list[Entry]] = {record.id: [] for record in dataset.all("actors")}
    by_issue: dict[str, list[Entry]] = {issue: [] for issue in dataset.vocabulary_terms.get(ISSUES, {})}
    for entry in entries(dataset, t):
        for actor in actors.get(entry.path, ()):
            by_actor.setdefault(actor, []).append(entry)
        for issue in issues.get(entry.path, ()):
            by_issue.setdefault(issue, []).append(entry)
    newest = lambda found: heapq.nlargest(FOLLOW_LIMIT, found, key=Entry.sort_key)  # noqa: E731
    return {a: newest(found) for a, found in by_actor.items()}, {i: newest(found) for i, found in by_issue.items()}


def write_follow_feeds(dataset: Dataset, out_dir: Path, *, site_name: str, site_url: str = "", t: Locale | None = None) -> int:
    """Writes every actor's and every issue's feed; returns how many."""
    t = t or Locale()
    out = Path(out_dir)
    by_actor, by_issue = followed(dataset, t)
    as_of = dataset_as_of(dataset)
    for folder in {ACTOR_FEEDS, ISSUE_FEEDS}:
        (out / folder).parent.mkdir(parents=True, exist_ok=True)
    for actor_id, chosen in sorted(by_actor.items()):
        actor = dataset.get("actors", actor_id)
        name = actor["name"] if actor else actor_id
        head = FeedHead(f"{TAG_PREFIX}feed/actors/{actor_id}", t("feed.title_actor", site=site_name, name=name),
                        t("feed.subtitle_actor", name=name), page_path("actors", actor_id), actor_feed(actor_id))
        write_text(out / head.path, atom_xml(chosen, head, t, site_name=site_name, site_url=site_url, as_of=as_of))
    for issue, chosen in by_issue.items():
        label = dataset.term_label(ISSUES, issue)
        head = FeedHead(f"{TAG_PREFIX}feed/issues/{issue}", t("feed.title_issue", site=site_name, label=label),
                        t("feed.subtitle_issue", label=label), issue_page(issue), issue_feed(issue))
        write_text(out / head.path, atom_xml(chosen, head, t, site_name=site_name, site_url=site_url, as_of=as_of))
    return len(by_actor) + len(by_issue)
