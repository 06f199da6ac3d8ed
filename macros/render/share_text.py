"""The words of sharing and following, and where the feeds to follow are: no imports, so that the
pages (render/share.py), the feeds (export/follow_feeds.py), the cards (export/cards.py) and the
catalogue of published files (export/catalogue.py) can all read them.

WORDS is every word a reader sees from these modules, in one place, to move into the message
catalogue.
"""
from __future__ import annotations

WORDS = {
    "card_statement": "Statement, {date}",
    "quote": "“{words}”",
    "said_on": "{speaker}, {date}: {words}",
    "event": "{date}: {summary}",
    "commitment": "Status: {status}. {description}",
    "commitment_card": "Status: {status}",
    "actor_role": "{name}, {roles}. {description}",
    "actor": "{name}: {description}",
    "source": "{by}: {title}",
    "source_notes": "{source} — {notes}",
    "page": "{title}, in the Ukraine Peace Process Tracker: an open, sourced record of the 2025–2026 peace talks.",
    "issue": "{question} {description}",
    "follow_actor": "Follow {name}: an Atom feed of new statements, events, commitments and corrections",
    "follow_issue": "Follow {label}: an Atom feed of new positions, events and commitments on this issue",
    "feed_title_actor": "{site}: {name}",
    "feed_subtitle_actor": "The newest statements, events, commitments and corrections about {name}, each with its sources on the linked page.",
    "feed_title_issue": "{site}: {label}",
    "feed_subtitle_issue": "The newest positions, events and commitments on the negotiation issue “{label}”, each with its sources on the linked page.",
    "card_mark": "UKRAINE PEACE PROCESS TRACKER",
    "card_site": "An open, sourced record of the 2025–2026 peace talks",
    "card_kind": {"actors": "Actor", "events": "Event", "statements": "Statement", "commitments": "Commitment", "sources": "Source"},
    "unnamed_speaker": "Unnamed speaker",
}

# Feeds to follow one actor or one negotiation issue; {id} is the actor's id or the issue's term.
ACTOR_FEEDS = "feeds/actors/{id}.xml"
ISSUE_FEEDS = "feeds/issues/{id}.xml"


def actor_feed(actor_id: str) -> str:
    return ACTOR_FEEDS.replace("{id}", actor_id)


def issue_feed(issue: str) -> str:
    return ISSUE_FEEDS.replace("{id}", issue)
