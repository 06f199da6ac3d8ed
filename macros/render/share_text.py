"""Where the feeds to follow are: no imports, so that the pages (render/share.py), the feeds
(export/follow_feeds.py) and the catalogue of published files (export/catalogue.py) can all read
them. Their words are the catalogue's (locales/*/tracker.po: share.*, card.*, feed.*_actor ...).
"""
from __future__ import annotations

# Feeds to follow one actor or one negotiation issue; {id} is the actor's id or the issue's term.
ACTOR_FEEDS = "feeds/actors/{id}.xml"
ISSUE_FEEDS = "feeds/issues/{id}.xml"


def actor_feed(actor_id: str) -> str:
    return ACTOR_FEEDS.replace("{id}", actor_id)


def issue_feed(issue: str) -> str:
    return ISSUE_FEEDS.replace("{id}", issue)
