"""The timeline: events and statements month by month, with filters, on timeline.html (the newest
months) and one page per month (timeline/<month>.html, in parts when a month is long)."""
from __future__ import annotations

from collections import defaultdict
from functools import partial

from ..i18n import Locale
from ..model import Dataset, Record, event_state, sort_date
from ..schema import STATEMENT_KINDS
from .common import Context, event_badge, numbered_pages, page_of, pages_needed, record_date, record_page, shortened, status_label
from .html import Html, block, el, join
from .records import statement_item
from .theme import BUTTON_CLASS

# Entries on timeline.html before older months move to pages of their own: keeps every page
# small enough for a reader's browser (and the build linear) however long the tracker runs.
TIMELINE_PAGE_BUDGET = 250


def timeline_months(data: Dataset) -> dict[str, list[Record]]:
    """Events and statements by month ("2026-01"; "2025" for year-only dates), newest first."""
    months: dict[str, list[Record]] = defaultdict(list)
    for record in [*data.all("events"), *data.all("statements")]:
        months[(sort_date(record) or "unknown")[:7]].append(record)
    return {m: sorted(months[m], key=lambda r: (sort_date(r), r.kind, r.id), reverse=True) for m in sorted(months, reverse=True)}


def month_page(month: str, part: int = 1) -> str:
    return f"timeline/{month}.html" if part == 1 else f"timeline/{month}-part-{part}.html"


def month_part_count(records: list[Record]) -> int:
    """How many pages a month's entries fill, TIMELINE_PAGE_BUDGET each: a busy month cannot grow one page."""
    return pages_needed(len(records), TIMELINE_PAGE_BUDGET)


def month_page_title(t: Locale, month: str, part: int, parts: int) -> str:
    title = t("timeline.month_page_title", month=month_title(t, month))
    return t("timeline.part_of", title=title, part=t.number(part), parts=t.number(parts)) if parts > 1 else title


def timeline(ctx: Context) -> Html:
    """The newest months in full, up to the page budget, then links to every month's own page."""
    months = timeline_months(ctx.data)
    shown: dict[str, list[Record]] = {}
    for month, records in months.items():
        if sum(map(len, shown.values())) + len(records) > TIMELINE_PAGE_BUDGET:
            if not shown:  # the newest month alone is over the budget: its first part, and links on
                return timeline_block(ctx, {month: page_of(records, TIMELINE_PAGE_BUDGET, 1)}, months, month_pager(ctx, month, records, 1))
            break
        shown[month] = records
    return timeline_block(ctx, shown, months)


def timeline_month(ctx: Context, month: str, months: dict[str, list[Record]], part: int = 1) -> Html:
    return timeline_block(ctx, {month: page_of(months[month], TIMELINE_PAGE_BUDGET, part)}, months, month_pager(ctx, month, months[month], part))


def month_pager(ctx: Context, month: str, entries: list[Record], part: int) -> Html:
    """For a month in several parts: which entries this page holds, and links to the other parts."""
    parts = month_part_count(entries)
    if parts <= 1:
        return Html("")
    first = (part - 1) * TIMELINE_PAGE_BUDGET + 1
    last = min(len(entries), part * TIMELINE_PAGE_BUDGET)
    title, t = month_title(ctx.t, month), ctx.t
    where = el("p", t.plural("timeline.month_range", len(entries), month=title, first=t.number(first), last=t.number(last)), class_="tr-list-range")
    current = part if ctx.page_path == month_page(month, part) else 0  # timeline.html shows part 1 but is none of them
    return join([where, numbered_pages(ctx, current, parts, partial(month_page, month), t("timeline.parts_of", month=title), keep_filters=True)])


def timeline_block(ctx: Context, shown: dict[str, list[Record]], months: dict[str, list[Record]], pager: Html = Html("")) -> Html:
    records = [r for rs in shown.values() for r in rs]
    sections = [el("section", el("h2", month_title(ctx.t, m), id=f"month-{m}"), el("ol", *(timeline_item(ctx, r) for r in rs), class_="tr-timeline-list"),
                   class_="tr-month")
                for m, rs in shown.items()]
    # The filters' sentence is written by filters.js, in the words the build hands it here.
    status = el("p", "", class_="tr-filter-status", role="status", aria_live="polite",
                data_showing=ctx.t.plural("timeline.showing", len(records), shown="{shown}"))
    return block(filter_form(ctx, records), status, *sections, pager, month_index(ctx, months), class_="tr-timeline")


def month_index(ctx: Context, months: dict[str, list[Record]]) -> Html:
    """Every month with its number of entries; links keep the active filters (filters.js)."""
    items = [el("li", el("a", month_title(ctx.t, m), href=ctx.href(month_page(m)), data_keep_filters=True), f" ({ctx.t.number(len(rs))})")
             for m, rs in months.items()]
    return el("nav", el("h2", ctx.t("timeline.all_months"), id="all-months"), el("ul", *items, class_="tr-month-index"),
              aria_label=ctx.t("timeline.by_month"))


def month_title(t: Locale, month: str) -> str:
    """"2026-01" → "January 2026"; a year ("2025") or "unknown" as it is."""
    return t.date(month) if len(month) == 7 else month


def timeline_item(ctx: Context, record: Record) -> Html:
    actors = timeline_actors(record)
    if record.kind == "events":
        kind, status = record["kind"], event_state(record, ctx.site.reference_day)
        body = [
            el("div", record_date(ctx, record), " · ", event_badge(ctx, record), " ", el("span", ctx.term("event_kinds", kind), class_="tr-kind"), class_="tr-meta"),
            el("h3", el("a", record.title, href=ctx.href(record_page("events", record.id)))),
            el("p", shortened(record["summary"], 280)),
            el("p", ctx.t("timeline.participants"), ctx.actors(actors), class_="tr-participants-line") if actors else "",
        ]
    else:
        kind, status = "statement", record["kind"]
        body = [statement_item(ctx, record, tag="div")]
    permalink = el("a", "#", href=f"#{record.id}", class_="tr-permalink", title=ctx.t("timeline.permalink"),
                   aria_label=ctx.t("timeline.permalink_to", title=ctx.title_of(record)))
    return el("li", *body, permalink, id=record.id, class_=f"tr-item tr-item--{record.kind}",
              data_actors=" ".join(actors), data_topics=" ".join(record.get("topics", [])),
              data_kind=kind, data_status=status)


def timeline_actors(record: Record) -> list[str]:
    if record.kind == "events":
        return list(dict.fromkeys(p["actor"] for p in record.get("participants", [])))
    return list(dict.fromkeys(a for a in (record.get("speaker"), record.get("speaker_affiliation"), *record.get("addressees", [])) if a))


def filter_form(ctx: Context, records: list[Record]) -> Html:
    """Filters offering only the values that occur among the records on this page."""
    data, t = ctx.data, ctx.t
    actor_ids = {a for r in records for a in timeline_actors(r)}
    actors = sorted((data.get("actors", a) for a in actor_ids), key=lambda a: a["name"])
    events = [r for r in records if r.kind == "events"]
    kinds = sorted({e["kind"] for e in events}) + ["statement"]
    topics = sorted({t for r in records for t in r.get("topics", [])})
    statuses = sorted({event_state(r, ctx.site.reference_day) if r.kind == "events" else r["kind"] for r in records})

    def select(name: str, options: list[tuple[str, str]]) -> Html:
        opts = [el("option", t("timeline.filter.all"), value="")] + [el("option", text, value=value) for value, text in options]
        return el("label", el("span", t(f"timeline.filter.{name}")), el("select", *opts, name=name, data_filter=name), class_="tr-filter")

    return el(
        "form",
        select("actor", [(a.id, a["name"]) for a in actors]),
        select("topic", [(topic, ctx.term("topics", topic)) for topic in topics]),
        select("kind", [(k, t("timeline.filter.statement") if k == "statement" else ctx.term("event_kinds", k)) for k in kinds]),
        select("status", [(s, t(f"statement_kind.{s}") if s in STATEMENT_KINDS else status_label(t, s)) for s in statuses]),
        el("button", t("timeline.filter.clear"), type="reset", class_=BUTTON_CLASS),
        class_="tr-filters", aria_label=t("timeline.filter.label"), data_timeline_filters=True,
        data_absent=t("timeline.filter.absent", value="{value}"),
    )
