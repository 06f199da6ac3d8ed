"""The home page's parts: the counts of records, the latest developments and what lies ahead."""
from __future__ import annotations

import heapq
from collections import defaultdict

from ..export.catalogue import API
from ..kinds import KINDS
from ..model import Record, is_upcoming, sort_date
from .common import Context, date_el, event_badge, kind_heading, record_date, shortened, statement_kind_badge, status_badge
from .html import Html, block, el, join
from .records import speaker_of
from .theme import unsearched


def counts(ctx: Context) -> Html:
    numbers = ctx.data.counts()
    cards = []
    for kind in KINDS:
        # A kind without an overview page links to its list in the JSON API.
        target = ctx.rendering.views[kind].overview or f"{API}/{kind}.json"
        cards.append(el("a", el("span", ctx.t.number(numbers.get(kind, 0)), class_="tr-count"), el("span", kind_heading(ctx, kind), class_="tr-count-label"),
                        href=ctx.href(target), class_="tr-card"))
    return block(*cards, class_="tr-cards")


def latest(ctx: Context, limit: int = 8) -> Html:
    """What happened, newest first: events (not those still ahead), statements and the status
    changes of commitments, each by the date it happened."""
    day = ctx.site.reference_day
    happened = [(sort_date(e), "events", e.id, e, None) for e in ctx.data.all("events") if not is_upcoming(e, day)]
    happened += [(sort_date(s), "statements", s.id, s, None) for s in ctx.data.all("statements")]
    happened += [(change["date"], "commitments", c.id, c, i) for c in ctx.data.all("commitments") for i, change in enumerate(c["status_history"])]
    happened.sort(key=lambda item: (item[0], item[1], item[2], item[4] or 0), reverse=True)
    # Whole days, up to the one that fills the list: the turns are taken within each day.
    cut = min(limit, len(happened))
    while 0 < cut < len(happened) and happened[cut][0] == happened[cut - 1][0]:
        cut += 1
    newest = mixed_by_day(happened[:cut])[:limit]
    items = [development_item(ctx, record, change) for _, _, _, record, change in newest]
    # Material's search parser matches excluded elements by tag name only, so the excluded
    # element must be a tag that never nests inside itself here: <section>.
    return block(el("section", el("ul", *items, class_="tr-latest"), **unsearched()))


def mixed_by_day(items: list[tuple]) -> list[tuple]:
    """Newest day first; within one day, events, status changes and statements take turns, so
    that a day with many remarks does not hide the day's status changes."""
    days: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        days[item[0]][item[1]].append(item)
    mixed = []
    for day in sorted(days, reverse=True):
        queues = [days[day][kind] for kind in ("events", "commitments", "statements") if days[day][kind]]
        for turn in range(max(map(len, queues))):
            mixed += [queue[turn] for queue in queues if turn < len(queue)]
    return mixed


def development_item(ctx: Context, record: Record, change: int | None) -> Html:
    if record.kind == "events":
        return el("li", record_date(ctx, record), " · ", event_badge(ctx, record), " ", ctx.ref("events", record.id))
    if record.kind == "commitments":
        history = record["status_history"]
        entry, before = history[change], history[change - 1]["status"] if change else None
        what = (ctx.t("home.first_recorded_as") if before is None
                else ctx.t("home.still") if before == entry["status"] else join([status_badge(ctx, before), " →"]))
        return el("li", date_el(ctx, entry.get("date"), entry.get("date_approximate", False)), ctx.t("home.commitment"),
                  ctx.ref("commitments", record.id), ": ", what, " ", status_badge(ctx, entry["status"]), class_="tr-latest-status")
    return el("li", record_date(ctx, record), " · ", statement_kind_badge(ctx, record["kind"]), " ", speaker_of(ctx, record), ": ",
              el("a", shortened(record.get("quote") or record.get("paraphrase")), href=ctx.statement_href(record)))


def ahead(ctx: Context, limit: int = 8) -> Html:
    """Scheduled events whose date has not passed by the reference date, soonest first."""
    day = ctx.site.reference_day
    upcoming = heapq.nsmallest(limit + 1, (e for e in ctx.data.all("events") if is_upcoming(e, day)), key=lambda e: (sort_date(e), e.id))
    when = ctx.t.date(day) if day else ctx.t("home.build_date")
    if not upcoming:
        return block(el("p", ctx.t("home.nothing_scheduled", date=when), el("a", ctx.t("home.what_needs_checking"), href=ctx.href("review.html")), ".",
                        class_="tr-ahead-none"))
    items = [el("li", record_date(ctx, e), " · ", event_badge(ctx, e), " ", ctx.ref("events", e.id)) for e in upcoming[:limit]]
    more = el("p", ctx.t("home.more_scheduled"), el("a", ctx.t("home.timeline_scheduled"), href=ctx.href("timeline.html?status=scheduled")), ".",
              class_="tr-more") if len(upcoming) > limit else ""
    return block(el("section", el("ul", *items, class_="tr-ahead"), more, **unsearched()))
