"""What a page says about itself when it is shared: its description, Open Graph and Twitter card
tags, its card image, and the feed that follows what it is about.

Plain Python, no site generator: pages.py hands every generated page's values to the theme in
its front matter, hooks.py those of hand-written pages. Everything is escaped here by
render/html.py; texts are cut at a word, with an ellipsis, to the lengths platforms display.

Which pages have a card of their own is decided here too (`own_cards`), so that the head of a
page and the writer of the images (export/cards.py) cannot disagree: the newest statements and
commitments, up to a fixed number, each get one (they are what readers pass around: a speaker's
words, a guarantee's status); every other page shows its kind's card, or the site's.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from ..i18n import Locale
from ..kinds import KINDS
from ..model import Dataset, Record, sort_date
from .common import Context, SiteConfig
from .html import Html, el, escape_attr, join, link, void
from .share_kinds import Card
from .share_text import actor_feed, issue_feed
from .theme import SHARE_META
from .views import VIEWS

# What platforms display before they cut: a search result's description, a link preview's.
TITLE_LIMIT = 70
DESCRIPTION_LIMIT = 160
OG_DESCRIPTION_LIMIT = 200

# Open Graph names a locale by language and territory; alternates once other editions exist.
OG_LOCALES = {"en": "en_GB", "uk": "uk_UA"}

# The cards: 1200×630 images, the size link previews show large.
CARD_SIZE = (1200, 630)
CARDS = "assets/cards"
SITE_CARD = f"{CARDS}/site.png"
# The newest statements and commitments with cards of their own: a fixed number, so that the
# cards' cost stays bounded however many records there are (BENCHMARKS.md measures it).
OWN_CARDS = {"statements": 150, "commitments": 75}


def kind_card(kind: str) -> str:
    return f"{CARDS}/{kind}.png"


def own_card(kind: str, record_id: str) -> str:
    return f"{CARDS}/{kind}/{record_id}.png"


# --- texts ------------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut after a whole word with an ellipsis."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit].rsplit(" ", 1)[0] if " " in text[: limit] else text[: limit - 1]
    return cut.rstrip(" ,;:.–—-") + "…"


def record_description(t: Locale, dataset: Dataset, record: Record) -> str:
    """What a record's page is about, in a sentence or two: its kind's View says."""
    return VIEWS[record.kind].share_description(t, dataset, record)


# --- which pages have their own card ------------------------------------------------------------

_own: tuple[Dataset | None, frozenset] = (None, frozenset())


def own_cards(dataset: Dataset) -> frozenset[tuple[str, str]]:
    """(kind, id) of the records whose pages have a card of their own: the newest of each kind
    in OWN_CARDS (by date; a commitment by its latest status), ties broken by id."""
    global _own
    if _own[0] is not dataset:
        chosen = set()
        for kind, limit in OWN_CARDS.items():
            newest = heapq.nlargest(limit, dataset.all(kind), key=lambda r: (_card_date(r), r.id))
            chosen.update((kind, r.id) for r in newest)
        _own = (dataset, frozenset(chosen))
    return _own[1]


def _card_date(record: Record) -> str:
    if "status_history" in record.data:
        return sort_date(record["status_history"][-1])
    return sort_date(record)


def card_of(dataset: Dataset, record: Record) -> str:
    return own_card(record.kind, record.id) if (record.kind, record.id) in own_cards(dataset) else kind_card(record.kind)


def record_card(t: Locale, dataset: Dataset, record: Record) -> Card:
    return VIEWS[record.kind].share_card(t, dataset, record)


def kind_cards(t: Locale) -> dict[str, Card]:
    """The cards pages share: the site's, and one per kind of record (by path)."""
    from_kind = {kind_card(kind): Card("", t.get(f"kind_heading.{kind}", VIEWS[kind].heading), (t("card.site"),)) for kind in KINDS}
    return {SITE_CARD: Card("", "", (t("card.site"),)), **from_kind}


# --- the head ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Share:
    """A page as it introduces itself."""

    title: str
    description: str
    card: str = SITE_CARD  # site path of its card image
    og_type: str = "article"
    feed: str = ""  # site path of the Atom feed that follows what the page is about
    feed_title: str = ""


def record_share(ctx: Context, record: Record) -> Share:
    feed, feed_title = "", ""
    if record.kind == "actors":
        feed, feed_title = actor_feed(record.id), ctx.t("share.follow_actor", name=record["name"])
    return Share(ctx.title_of(record), record_description(ctx.t, ctx.data, record), card_of(ctx.data, record),
                 "profile" if record.kind == "actors" and record.get("kind") == "person" else "article", feed, feed_title)


def issue_share(ctx: Context, issue: str, title: str) -> Share:
    term = ctx.data.vocabulary_terms.get("issues", {}).get(issue, {})
    label = term.get("label", issue)
    return Share(title, ctx.t("share.issue", question=term.get("question", ""), description=term.get("description", "")),
                 feed=issue_feed(issue), feed_title=ctx.t("share.follow_issue", label=label))


def page_share(ctx: Context, title: str, description: str = "", og_type: str = "website") -> Share:
    """A page that is not a record's: a list, a month, an overview, a hand-written page."""
    return Share(title, description or ctx.t("share.page", title=title, site=ctx.site.site_name), og_type=og_type)


def absolute(site: SiteConfig, path: str) -> str:
    """The address a path has on the published site (as the page's canonical link gives it)."""
    return site.site_url.rstrip("/") + "/" + path if site.site_url else path


def page_meta(ctx: Context, share: Share, language: str = "en", alternates: tuple[str, ...] = ()) -> dict[str, str]:
    """The page's front matter for the theme: its description (escaped for the attribute the
    theme prints it in) and the finished tags for its head (theme.SHARE_META)."""
    description = shorten(share.description, DESCRIPTION_LIMIT)
    return {"description": escape_attr(description), SHARE_META: str(share_head(ctx, share, language, alternates))}


def share_head(ctx: Context, share: Share, language: str = "en", alternates: tuple[str, ...] = ()) -> Html:
    site = ctx.site
    title = shorten(share.title, TITLE_LIMIT)
    tags = [
        void("meta", property="og:title", content=title),
        void("meta", property="og:description", content=shorten(share.description, OG_DESCRIPTION_LIMIT)),
        void("meta", property="og:type", content=share.og_type),
        void("meta", property="og:url", content=absolute(site, ctx.page_path)),
        void("meta", property="og:site_name", content=site.site_name),
        void("meta", property="og:locale", content=OG_LOCALES.get(language, language)),
        *(void("meta", property="og:locale:alternate", content=OG_LOCALES.get(other, other)) for other in alternates),
        void("meta", property="og:image", content=absolute(site, share.card)),
        void("meta", property="og:image:type", content="image/png"),
        void("meta", property="og:image:width", content=str(CARD_SIZE[0])),
        void("meta", property="og:image:height", content=str(CARD_SIZE[1])),
        void("meta", property="og:image:alt", content=title),
        void("meta", name="twitter:card", content="summary_large_image"),
    ]
    if share.feed:
        # rel="alternate feed", not rel="alternate" alone: Material's JavaScript takes every
        # link[rel=alternate] for a language version and fetches a sitemap.xml beside it, which
        # fails from disk. Feed readers split rel into words, and find "alternate" in it.
        tags.append(void("link", rel="alternate feed", type="application/atom+xml", title=share.feed_title, href=ctx.href(share.feed)))
    return join(tags)


def follow_line(ctx: Context, share: Share) -> Html:
    """The visible "Follow" link to the feed of what a page is about (nothing without a feed)."""
    if not share.feed:
        return Html("")
    return el("p", link(ctx.href(share.feed), share.feed_title, type="application/atom+xml", class_="tr-follow__link"), class_="tr-follow")


# A record's share values are made when its page is written, not held for the whole build.

def record_meta(ctx: Context, record: Record) -> dict[str, str]:
    return page_meta(ctx, record_share(ctx, record))


def record_follow_line(ctx: Context, record: Record) -> Html:
    return follow_line(ctx, record_share(ctx, record)) if record.kind == "actors" else Html("")
