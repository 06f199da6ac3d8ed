"""Open data: the dataset published as files next to the site, from the same loaded Dataset.

Plain Python, independent of MkDocs: every writer takes a Dataset and an output directory.
`hooks.py` calls `export_for_build` once per build, after the pages are written.

    api/v1/...               static JSON API (api.py)
    downloads/*.csv          one CSV per record type (tables.py)
    api/v1/positions.json, downloads/positions.csv   coded positions, flattened (positions.py)
    downloads/datapackage.json  Frictionless Data Package of the CSV files (datapackage.py)
    downloads/popolo.json    people, organisations and memberships in Popolo (popolo.py)
    downloads/tracker-data.json, sources.csl.json, sources.bib
    feed.xml                 Atom feed (feed.py)
    feeds/actors/*.xml, feeds/issues/*.xml   a feed per actor and per negotiation issue (follow_feeds.py)
    events.ics               iCalendar (calendar.py)
    assets/cards/*.png       the pages' card images for link previews, in a site build only (cards.py)

Every file is reproducible: the same commit gives the same bytes (no build time anywhere). The
commit (GITHUB_SHA in CI, else the one git names) and its date are recorded in the API index.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..currency import currency_of
from ..model import Dataset
from ..render.common import SiteConfig
from .api import write_api
from .calendar import write_calendar
from .cards import write_cards
from .catalogue import CALENDAR, FEED, outputs
from .citations import write_citations
from .common import data_version
from .datapackage import write_datapackage
from .feed import write_feed
from .follow_feeds import write_follow_feeds
from .popolo import write_popolo
from .positions import write_positions
from .tables import write_csv

__all__ = ["export_all", "export_for_build", "build_commit", "outputs", "FEED", "CALENDAR"]

# No <link rel="alternate" type="application/atom+xml"> in the pages' <head>: Material's JavaScript
# fetches sitemap.xml relative to every link[rel=alternate] (it takes them for language versions),
# which fails with a console error when the site is opened from disk. The site's feed is linked
# from the home page and the "Open data" page; an actor's or an issue's feed from its page, as
# rel="alternate feed", which that selector does not match (render/share.py).


def export_all(dataset: Dataset, out_dir, *, site: SiteConfig | None = None, commit: str | None = None) -> None:
    """Write every open-data file into out_dir (a built site, or any folder)."""
    site = site or SiteConfig()
    out = Path(out_dir)
    version = data_version(dataset)
    currency = currency_of(dataset, site.history, site.reference_day).as_json()
    write_api(dataset, out, commit=commit, site_name=site.site_name, site_url=site.site_url, version=version, updated=site.reference_day, t=site.locale,
              currency=currency)
    write_csv(dataset, out, site_url=site.site_url)
    write_positions(dataset, out, site_url=site.site_url, t=site.locale)  # after write_api, which clears api/
    write_datapackage(dataset, out, version=version, site_name=site.site_name, site_url=site.site_url, repository=site.repository, t=site.locale,
                      currency=currency)
    write_popolo(dataset, out, version=version, site_name=site.site_name, site_url=site.site_url, t=site.locale)
    write_citations(dataset, out, site_name=site.site_name, t=site.locale)
    write_feed(dataset, out, site_name=site.site_name, site_url=site.site_url, t=site.locale)
    write_follow_feeds(dataset, out, site_name=site.site_name, site_url=site.site_url, t=site.locale)
    write_calendar(dataset, out, site_name=site.site_name, site_url=site.site_url, reference_day=site.reference_day, t=site.locale)


def export_for_build(dataset: Dataset, site_dir, site: SiteConfig) -> None:
    """What a site build publishes: every export, JSON Schemas included, from this build's data,
    and the pages' card images (raises cards.CardFontMissing without their font)."""
    export_all(dataset, site_dir, site=site, commit=build_commit(site))
    write_cards(dataset, site_dir, site.locale)


def build_commit(site: SiteConfig | None = None) -> str | None:
    """The commit CI builds (GITHUB_SHA), if it looks like one; else the one git names for the
    site's data (site.as_of), if any; None elsewhere."""
    sha = os.environ.get("GITHUB_SHA", "").strip().lower()
    if re.fullmatch(r"[0-9a-f]{7,64}", sha):
        return sha
    return site.as_of.commit or None if site is not None and site.as_of is not None else None
