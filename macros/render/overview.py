"""The overview pages: home, timeline, security guarantees, actor index, methodology tables."""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from ..export.catalogue import API
from ..kinds import KINDS
from ..model import Dataset, Record, event_state, is_upcoming, sort_date
from ..schema import DERIVED_EVENT_STATES, STATUS_MEANINGS
from ..words import agree, count
from .common import (
    LIST_LIMIT,
    MONTHS,
    Context,
    badge,
    date_el,
    event_badge,
    format_date,
    list_page,
    more_note,
    more_terms_note,
    newest_first,
    numbered_pages,
    page_of,
    pages_needed,
    record_date,
    rows_within_budget,
    status_badge,
    status_label,
)
from .html import Html, block, el, join, table
from .records import commitment_rows, speaker_of, statement_item
from .theme import BUTTON_CLASS, unsearched

# --- home ------------------------------------------------------------------------------------------


def counts(ctx: Context) -> Html:
    numbers = ctx.data.counts()
    cards = []
    for kind in KINDS.declarations():
        # A kind without an overview page links to its list in the JSON API.
        target = kind.overview or f"{API}/{kind.name}.json"
        cards.append(el("a", el("span", str(numbers.get(kind.name, 0)), class_="tr-count"), el("span", kind.heading, class_="tr-count-label"),
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
        return el("li", record_date(record), " · ", event_badge(ctx, record), " ", ctx.ref("events", record.id))
    if record.kind == "commitments":
        history = record["status_history"]
        entry, before = history[change], history[change - 1]["status"] if change else None
        what = "first recorded as" if before is None else ("still" if before == entry["status"] else join([status_badge(before), " →"]))
        return el("li", date_el(entry.get("date"), entry.get("date_approximate", False)), " · commitment ", ctx.ref("commitments", record.id), ": ",
                  what, " ", status_badge(entry["status"]), class_="tr-latest-status")
    return el("li", record_date(record), " · ", badge(record["kind"], record["kind"]), " ", speaker_of(ctx, record), ": ",
              el("a", _short(record.get("quote") or record.get("paraphrase")), href=ctx.statement_href(record)))


def ahead(ctx: Context, limit: int = 8) -> Html:
    """Scheduled events whose date has not passed by the reference date, soonest first."""
    day = ctx.site.reference_day
    upcoming = heapq.nsmallest(limit + 1, (e for e in ctx.data.all("events") if is_upcoming(e, day)), key=lambda e: (sort_date(e), e.id))
    when = format_date(day) if day else "the date of this build"
    if not upcoming:
        return block(el("p", f"Nothing recorded as scheduled after {when}. Events whose date passed without an outcome are listed under ",
                        el("a", "what needs checking", href=ctx.href("review.html")), ".", class_="tr-ahead-none"))
    items = [el("li", record_date(e), " · ", event_badge(ctx, e), " ", ctx.ref("events", e.id)) for e in upcoming[:limit]]
    more = el("p", "More are scheduled: ", el("a", "the timeline, filtered to scheduled events", href=ctx.href("timeline.html?status=scheduled")), ".",
              class_="tr-more") if len(upcoming) > limit else ""
    return block(el("section", el("ul", *items, class_="tr-ahead"), more, **unsearched()))


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- timeline ---------------------------------------------------------------------------------------

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
    where = el("p", f"{month_title(month)} has {len(entries)} entries; this page shows {first} to {last}, newest first.", class_="tr-list-range")
    current = part if ctx.page_path == month_page(month, part) else 0  # timeline.html shows part 1 but is none of them
    return join([where, numbered_pages(ctx, current, parts, partial(month_page, month), f"Parts of {month_title(month)}", keep_filters=True)])


def timeline_block(ctx: Context, shown: dict[str, list[Record]], months: dict[str, list[Record]], pager: Html = Html("")) -> Html:
    records = [r for rs in shown.values() for r in rs]
    sections = [el("section", el("h2", month_title(m), id=f"month-{m}"), el("ol", *(timeline_item(ctx, r) for r in rs), class_="tr-timeline-list"), class_="tr-month")
                for m, rs in shown.items()]
    return block(filter_form(ctx, records), el("p", "", class_="tr-filter-status", role="status", aria_live="polite"),
                 *sections, pager, month_index(ctx, months), class_="tr-timeline")


def month_index(ctx: Context, months: dict[str, list[Record]]) -> Html:
    """Every month with its number of entries; links keep the active filters (filters.js)."""
    items = [el("li", el("a", month_title(m), href=ctx.href(month_page(m)), data_keep_filters=True), f" ({len(rs)})") for m, rs in months.items()]
    return el("nav", el("h2", "All months", id="all-months"), el("ul", *items, class_="tr-month-index"), aria_label="Timeline by month")


def month_title(month: str) -> str:
    if len(month) == 7:
        return f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"
    return month


def timeline_item(ctx: Context, record: Record) -> Html:
    actors = timeline_actors(record)
    if record.kind == "events":
        kind, status = record["kind"], event_state(record, ctx.site.reference_day)
        body = [
            el("div", record_date(record), " · ", event_badge(ctx, record), " ", el("span", ctx.term("event_kinds", kind), class_="tr-kind"), class_="tr-meta"),
            el("h3", el("a", record.title, href=ctx.href(f"events/{record.id}.html"))),
            el("p", _short(record["summary"], 280)),
            el("p", "Participants: ", ctx.actors(actors), class_="tr-participants-line") if actors else "",
        ]
    else:
        kind, status = "statement", record["kind"]
        body = [statement_item(ctx, record, tag="div")]
    permalink = el("a", "#", href=f"#{record.id}", class_="tr-permalink", title="Link to this entry", aria_label=f"Link to {ctx.data.title_of(record)}")
    return el("li", *body, permalink, id=record.id, class_=f"tr-item tr-item--{record.kind}",
              data_actors=" ".join(actors), data_topics=" ".join(record.get("topics", [])),
              data_kind=kind, data_status=status)


def timeline_actors(record: Record) -> list[str]:
    if record.kind == "events":
        return list(dict.fromkeys(p["actor"] for p in record.get("participants", [])))
    return list(dict.fromkeys(a for a in (record.get("speaker"), record.get("speaker_affiliation"), *record.get("addressees", [])) if a))


def filter_form(ctx: Context, records: list[Record]) -> Html:
    """Filters offering only the values that occur among the records on this page."""
    data = ctx.data
    actor_ids = {a for r in records for a in timeline_actors(r)}
    actors = sorted((data.get("actors", a) for a in actor_ids), key=lambda a: a["name"])
    events = [r for r in records if r.kind == "events"]
    kinds = sorted({e["kind"] for e in events}) + ["statement"]
    topics = sorted({t for r in records for t in r.get("topics", [])})
    statuses = sorted({event_state(r, ctx.site.reference_day) if r.kind == "events" else r["kind"] for r in records})

    def select(name: str, label: str, options: list[tuple[str, str]]) -> Html:
        opts = [el("option", "all", value="")] + [el("option", text, value=value) for value, text in options]
        return el("label", el("span", label), el("select", *opts, name=name, data_filter=name), class_="tr-filter")

    return el(
        "form",
        select("actor", "Actor", [(a.id, a["name"]) for a in actors]),
        select("topic", "Topic", [(t, ctx.term("topics", t)) for t in topics]),
        select("kind", "Kind", [(k, "statement" if k == "statement" else ctx.term("event_kinds", k)) for k in kinds]),
        select("status", "Status", [(s, status_label(s)) for s in statuses]),
        el("button", "Clear filters", type="reset", class_=BUTTON_CLASS),
        class_="tr-filters", aria_label="Filter the timeline", data_timeline_filters=True,
    )


# --- security guarantees -------------------------------------------------------------------------

def security_commitments(data: Dataset) -> list[Record]:
    """Security commitments: the layers of a design in order, then the other options by id."""
    security = [c for c in data.all("commitments") if c["area"] == "security"]
    layered = sorted([c for c in security if c.get("layer")], key=lambda c: (c["layer"], c.id))
    return layered + sorted([c for c in security if not c.get("layer")], key=lambda c: c.id)


def other_commitments(data: Dataset) -> list[Record]:
    return sorted([c for c in data.all("commitments") if c["area"] != "security"], key=lambda c: c.id)


def most_recent(commitments: list[Record], limit: int = LIST_LIMIT) -> list[Record]:
    """The `limit` most recently active commitments, kept in their given order."""
    recent = {c.id for c in sorted(commitments, key=lambda c: (c["status_history"][-1].get("date", ""), c.id), reverse=True)[:limit]}
    return [c for c in commitments if c.id in recent]


def guarantees(ctx: Context) -> Html:
    """The overview: every list stops at LIST_LIMIT (the most recently active first) and links to
    the complete list, page by page, so the page stays small however many commitments there are."""
    security = security_commitments(ctx.data)
    shown = most_recent(security)
    layered = [c for c in shown if c.get("layer")]
    other = [c for c in shown if not c.get("layer")]
    left_out = len(security) - len(shown)
    economic = other_commitments(ctx.data)
    return block(
        el("h2", "The layers", id="layers"),
        el("ol", *(guarantee_card(ctx, c) for c in layered), class_="tr-layers") if layered else el("p", "No layered design recorded yet."),
        el("h2", "Other options under discussion", id="options"),
        el("div", *(guarantee_card(ctx, c) for c in other), class_="tr-options"),
        more_note(ctx, left_out, "security guarantees", list_page("security-guarantees"), "every security guarantee, page by page"),
        el("h2", "At a glance", id="at-a-glance"),
        guarantee_table(ctx, shown),
        more_note(ctx, left_out, "security guarantees", list_page("security-guarantees"), "the complete table, page by page"),
        el("h2", "Open questions", id="open-questions"),
        all_open_questions(ctx),
        el("h2", "Economic and other commitments", id="economic"),
        commitment_rows(ctx, most_recent(economic)),
        more_note(ctx, len(economic) - min(len(economic), LIST_LIMIT), "commitments", list_page("commitments"), "every other commitment, page by page"),
        el("h2", "What shaped them", id="shaped-by"),
        el("section", shaping_records(ctx, security), **unsearched()),
        class_="tr-guarantees",
    )


def guarantee_card(ctx: Context, commitment: Record) -> Html:
    offered = commitment.get("offered_by", [])
    domains = join((ctx.term("domains", d) for d in commitment.get("domains", [])), ", ")
    return el(
        "li" if commitment.get("layer") else "div",
        el("h3", el("a", commitment.title, href=ctx.href(f"commitments/{commitment.id}.html")), " ", status_badge(Dataset.current_status(commitment))),
        el("p", el("span", ctx.term("mechanisms", commitment["mechanism"]), class_="tr-mechanism"),
           join([" · offered by ", ctx.actors(offered)]) if offered else "", join([" · domains: ", domains]) if commitment.get("domains") else ""),
        el("p", _short(commitment["description"], 280)),
        el("details", el("summary", "Status history"), compact_history(commitment["status_history"])),
        class_="tr-guarantee", id=commitment.id,
    )


def compact_history(history: list[dict]) -> Html:
    """Statuses and dates only; notes and sources are on the commitment's own page."""
    return el("ol", *(el("li", status_badge(h["status"]), " ", date_el(h.get("date"), h.get("date_approximate", False))) for h in history), class_="tr-history")


def guarantee_table(ctx: Context, commitments: list[Record]) -> Html:
    head = el("thead", el("tr", *(el("th", h, scope="col") for h in ("Guarantee", "Mechanism", "Offered by", "Domains", "Status", "Since"))))
    rows = []
    for c in commitments:
        last = c["status_history"][-1]
        rows.append(el("tr",
                       el("th", el("a", c.title, href=ctx.href(f"commitments/{c.id}.html")), scope="row"),
                       el("td", ctx.term("mechanisms", c["mechanism"])), el("td", ctx.actors(c.get("offered_by", [])) or "not stated"),
                       el("td", join((ctx.term("domains", d) for d in c.get("domains", [])), ", ")),
                       el("td", status_badge(last["status"])), el("td", format_date(last.get("date")))))
    return table(head, rows)


def all_open_questions(ctx: Context) -> Html:
    """Open questions of the most recently active commitments first, up to the list limit."""
    recent = sorted(ctx.data.all("commitments"), key=lambda c: (c["status_history"][-1].get("date", ""), c.id), reverse=True)
    questions = [(q, c) for c in recent for q in c.get("open_questions", [])]
    items = [el("li", q["question"], " — ", el("a", c.title, href=ctx.href(f"commitments/{c.id}.html"))) for q, c in questions[:LIST_LIMIT]]
    more = more_note(ctx, len(questions) - len(items), "open questions", list_page("security-guarantees"), "each commitment's page has its own")
    return join([el("ul", *items, class_="tr-questions"), more]) if items else el("p", "None recorded.")


def shaping_records(ctx: Context, commitments: list[Record]) -> Html:
    """The newest events and statements linked to these commitments."""
    ids = {c.id for c in commitments}
    event_ids = {e for c in commitments for e in c.get("related_events", [])}
    events, events_left = newest_first([ctx.data.get("events", e) for e in event_ids])
    statements, statements_left = newest_first([s for s in ctx.data.all("statements") if ids & set(s.get("about_commitments", []))])
    timeline_link = "timeline.html?topic=security-guarantees"
    return join([
        el("h3", "Events") if events else "",
        el("ul", *(el("li", record_date(e), " ", el("a", e.title, href=ctx.href(f"events/{e.id}.html"))) for e in events)) if events else "",
        more_note(ctx, events_left, "events", timeline_link, "the timeline filtered to security guarantees"),
        el("h3", "Statements") if statements else "",
        el("ul", *(statement_item(ctx, s) for s in statements), class_="tr-statements") if statements else "",
        more_note(ctx, statements_left, "statements", timeline_link, "the timeline filtered to security guarantees"),
    ])


# --- actors index --------------------------------------------------------------------------------

ACTOR_GROUPS = {"person": ("People", "people"), "state": ("States", "states"), "organisation": ("Organisations", "organisations"),
                "coalition": ("Coalitions", "coalitions")}


def actors_of_kind(data: Dataset, kind: str) -> list[Record]:
    return sorted((a for a in data.all("actors") if a["kind"] == kind), key=lambda a: (a["name"], a.id))


def actor_items(ctx: Context, actors: list[Record]) -> Html:
    items = [el("li", el("a", a["name"], href=ctx.href(f"actors/{a.id}.html")), " — ", current_roles(a) or _short(a["description"], 200)) for a in actors]
    return el("ul", *items, class_="tr-actor-list")


def actor_index(ctx: Context) -> Html:
    """Each kind of actor, alphabetically, up to LIST_LIMIT; the complete lists are paged."""
    groups = []
    for kind, (label, name) in ACTOR_GROUPS.items():
        actors = actors_of_kind(ctx.data, kind)
        if actors:
            more = more_note(ctx, len(actors) - len(actors[:LIST_LIMIT]), label.lower(), list_page(name), f"all {label.lower()}, page by page")
            groups.append(join([el("h2", label, id=kind), actor_items(ctx, actors[:LIST_LIMIT]), more]))
    return block(*groups, class_="tr-actor-index")


def current_roles(actor: Record) -> str:
    return "; ".join(r["title"] for r in actor.get("roles", []) if r["state"] == "current")


# --- methodology ------------------------------------------------------------------------------------

def status_table(kind: str) -> Html:
    rows = [el("tr", el("td", status_badge(status) if kind != "statement" else badge(status, status)), el("td", meaning))
            for status, meaning in STATUS_MEANINGS[kind].items()]
    if kind == "event":  # what readers see but nobody writes: derived from the reference date
        rows += [el("tr", el("td", status_badge(state)), el("td", meaning)) for state, (_, meaning) in DERIVED_EVENT_STATES.items()]
    return block(table(el("thead", el("tr", el("th", "Term"), el("th", "Meaning"))), rows))


def vocabulary_table(ctx: Context, name: str) -> Html:
    terms = ctx.data.vocabulary_terms.get(name, {})
    rows = rows_within_budget([el("tr", el("td", el("code", term)), el("td", t["label"]), el("td", t["description"])) for term, t in terms.items()])
    return block(table(el("thead", el("tr", el("th", "Id"), el("th", "Label"), el("th", "Meaning"))), rows), more_terms_note(ctx, len(terms) - len(rows)))


def source_items(ctx: Context, sources: list[Record]) -> Html:
    items = [el("li", el("a", s.title, href=ctx.href(f"sources/{s.id}.html")), " — ", citing_count(len(ctx.data.citing(s.id)))) for s in sources]
    return el("ul", *items, class_="tr-source-list")


def sources_by_id(data: Dataset) -> list[Record]:
    return sorted(data.all("sources"), key=lambda s: s.id)


def source_index(ctx: Context) -> Html:
    sources = sources_by_id(ctx.data)
    more = more_note(ctx, len(sources) - len(sources[:LIST_LIMIT]), "sources", list_page("sources"), "every source, page by page")
    return block(source_items(ctx, sources[:LIST_LIMIT]), more)


# --- complete lists, page by page ----------------------------------------------------------------

# Rows on one page of a complete list: a few hundred kB at most, whatever the size of the data.
LIST_PAGE_SIZE = 200


@dataclass(frozen=True)
class CompleteList:
    """A list an overview page caps, in full over as many pages as it takes: lists/<name>-<n>.html."""

    name: str
    title: str
    records: Callable[[Dataset], list[Record]]
    render: Callable[[Context, list[Record]], Html]


def _guarantee_rows(ctx: Context, commitments: list[Record]) -> Html:
    return guarantee_table(ctx, commitments)


COMPLETE_LISTS = (
    CompleteList("security-guarantees", "All security guarantees", security_commitments, _guarantee_rows),
    CompleteList("commitments", "All economic, humanitarian and political commitments", other_commitments, commitment_rows),
    *(CompleteList(name, f"All {label.lower()}", partial(actors_of_kind, kind=kind), actor_items) for kind, (label, name) in ACTOR_GROUPS.items()),
    CompleteList("sources", "All sources", sources_by_id, source_items),
)


def list_pages(data: Dataset) -> Iterator[tuple[str, str, Callable[[Context], Html]]]:
    """(site path, title, renderer) of every page of every complete list; an empty list has one page."""
    for complete in COMPLETE_LISTS:
        records = complete.records(data)
        count = pages_needed(len(records), LIST_PAGE_SIZE)
        for number in range(1, count + 1):
            chunk = page_of(records, LIST_PAGE_SIZE, number)
            title = complete.title + (f" (page {number} of {count})" if count > 1 else "")
            yield list_page(complete.name, number), title, partial(_list_page, complete, chunk, number, count, len(records))


def _list_page(complete: CompleteList, chunk: list[Record], number: int, count: int, total: int, ctx: Context) -> Html:
    first = (number - 1) * LIST_PAGE_SIZE + 1
    where = el("p", f"{total} in all; this page has {first} to {first + len(chunk) - 1}." if chunk else "None recorded yet.", class_="tr-list-range")
    return block(where, complete.render(ctx, chunk), pager(ctx, complete.name, number, count), class_="tr-complete-list")


def pager(ctx: Context, name: str, number: int, count: int) -> Html:
    """Previous, next, and every page number (a few dozen at most: a page holds LIST_PAGE_SIZE)."""
    if count == 1:
        return Html("")
    links = [el("li", el("a", str(n), href=ctx.href(list_page(name, n)), aria_current="page" if n == number else None)) for n in range(1, count + 1)]
    steps = [el("a", "Previous page", href=ctx.href(list_page(name, number - 1)), rel="prev") if number > 1 else "",
             el("a", "Next page", href=ctx.href(list_page(name, number + 1)), rel="next") if number < count else ""]
    return el("nav", el("p", join(steps, " · ")), el("ol", *links, class_="tr-pager"), aria_label="Pages of this list")



def citing_count(n: int) -> str:
    return f"{count(n, 'record')} {agree(n, 'cites', 'cite')} it" if n else "no record cites it yet"
