"""The security guarantees page: the layers of a design, the other options, a table at a glance,
open questions, the other commitments and the records that shaped them."""
from __future__ import annotations

from ..model import Dataset, Record
from .common import LIST_LIMIT, Context, date_el, list_page, more_note, newest_first, record_date, record_page, shortened, status_badge
from .html import Html, block, el, join, table
from .records import commitment_rows, statement_item
from .theme import unsearched


def security_commitments(data: Dataset) -> list[Record]:
    """Security commitments: the layers of a design in order, then the other options by id."""
    security = [c for c in data.all("commitments") if c["area"] == "security"]
    layered = sorted([c for c in security if c.get("layer")], key=lambda c: (c["layer"], c.id))
    return layered + sorted([c for c in security if not c.get("layer")], key=lambda c: c.id)


def other_commitments(data: Dataset) -> list[Record]:
    return sorted([c for c in data.all("commitments") if c["area"] != "security"], key=lambda c: c.id)


def most_recent(commitments: list[Record], limit: int = LIST_LIMIT) -> list[Record]:
    """The `limit` most recently active commitments, kept in their given order."""
    recent = {c.id for c in sorted(commitments, key=lambda c: (c.latest_status.get("date", ""), c.id), reverse=True)[:limit]}
    return [c for c in commitments if c.id in recent]


def guarantees(ctx: Context) -> Html:
    """The overview: every list stops at LIST_LIMIT (the most recently active first) and links to
    the complete list, page by page, so the page stays small however many commitments there are."""
    t = ctx.t
    security = security_commitments(ctx.data)
    shown = most_recent(security)
    layered = [c for c in shown if c.get("layer")]
    other = [c for c in shown if not c.get("layer")]
    left_out = len(security) - len(shown)
    economic = other_commitments(ctx.data)
    return block(
        el("h2", t("guarantees.layers"), id="layers"),
        el("ol", *(guarantee_card(ctx, c) for c in layered), class_="tr-layers") if layered else el("p", t("guarantees.no_layers")),
        el("h2", t("guarantees.options"), id="options"),
        el("div", *(guarantee_card(ctx, c) for c in other), class_="tr-options"),
        more_note(ctx, left_out, "more.security_guarantees", list_page("security-guarantees"), t("guarantees.every_guarantee")),
        el("h2", t("guarantees.at_a_glance"), id="at-a-glance"),
        guarantee_table(ctx, shown),
        more_note(ctx, left_out, "more.security_guarantees", list_page("security-guarantees"), t("guarantees.complete_table")),
        el("h2", t("guarantees.open_questions"), id="open-questions"),
        all_open_questions(ctx),
        el("h2", t("guarantees.economic"), id="economic"),
        commitment_rows(ctx, most_recent(economic)),
        more_note(ctx, len(economic) - min(len(economic), LIST_LIMIT), "more.commitments", list_page("commitments"), t("guarantees.every_other")),
        el("h2", t("guarantees.shaped_by"), id="shaped-by"),
        el("section", shaping_records(ctx, security), **unsearched()),
        class_="tr-guarantees",
    )


def guarantee_card(ctx: Context, commitment: Record) -> Html:
    offered = commitment.get("offered_by", [])
    domains = join((ctx.term("domains", d) for d in commitment.get("domains", [])), ", ")
    return el(
        "li" if commitment.get("layer") else "div",
        el("h3", el("a", commitment.title, href=ctx.href(record_page("commitments", commitment.id))), " ", status_badge(ctx, commitment.current_status)),
        el("p", el("span", ctx.term("mechanisms", commitment["mechanism"]), class_="tr-mechanism"),
           join([ctx.t("guarantees.offered_by"), ctx.actors(offered)]) if offered else "",
           join([ctx.t("guarantees.domains"), domains]) if commitment.get("domains") else ""),
        el("p", shortened(commitment["description"], 280)),
        el("details", el("summary", ctx.t("guarantees.status_history")), compact_history(ctx, commitment["status_history"])),
        class_="tr-guarantee", id=commitment.id,
    )


def compact_history(ctx: Context, history: list[dict]) -> Html:
    """Statuses and dates only; notes and sources are on the commitment's own page."""
    return el("ol", *(el("li", status_badge(ctx, h["status"]), " ", date_el(ctx, h.get("date"), h.get("date_approximate", False))) for h in history),
              class_="tr-history")


GUARANTEE_COLUMNS = ("guarantee", "mechanism", "offered_by", "domains", "status", "since")


def guarantee_table(ctx: Context, commitments: list[Record]) -> Html:
    head = el("thead", el("tr", *(el("th", ctx.t(f"guarantees.column.{column}"), scope="col") for column in GUARANTEE_COLUMNS)))
    rows = []
    for c in commitments:
        last = c.latest_status
        rows.append(el("tr",
                       el("th", el("a", c.title, href=ctx.href(record_page("commitments", c.id))), scope="row"),
                       el("td", ctx.term("mechanisms", c["mechanism"])), el("td", ctx.actors(c.get("offered_by", [])) or ctx.t("guarantees.not_stated")),
                       el("td", join((ctx.term("domains", d) for d in c.get("domains", [])), ", ")),
                       el("td", status_badge(ctx, last["status"])), el("td", ctx.t.date(last.get("date")))))
    return table(head, rows)


def all_open_questions(ctx: Context) -> Html:
    """Open questions of the most recently active commitments first, up to the list limit."""
    recent = sorted(ctx.data.all("commitments"), key=lambda c: (c.latest_status.get("date", ""), c.id), reverse=True)
    questions = [(q, c) for c in recent for q in c.get("open_questions", [])]
    items = [el("li", q["question"], " — ", el("a", c.title, href=ctx.href(record_page("commitments", c.id)))) for q, c in questions[:LIST_LIMIT]]
    more = more_note(ctx, len(questions) - len(items), "more.open_questions", list_page("security-guarantees"), ctx.t("guarantees.each_has_its_own"))
    return join([el("ul", *items, class_="tr-questions"), more]) if items else el("p", ctx.t("guarantees.none_recorded"))


def shaping_records(ctx: Context, commitments: list[Record]) -> Html:
    """The newest events and statements linked to these commitments."""
    ids = {c.id for c in commitments}
    event_ids = {e for c in commitments for e in c.get("related_events", [])}
    events, events_left = newest_first([ctx.data.get("events", e) for e in event_ids])
    statements, statements_left = newest_first([s for s in ctx.data.all("statements") if ids & set(s.get("about_commitments", []))])
    timeline_link = "timeline.html?topic=security-guarantees"
    filtered = ctx.t("guarantees.timeline_filtered")
    return join([
        el("h3", ctx.t("guarantees.events")) if events else "",
        el("ul", *(el("li", record_date(ctx, e), " ", el("a", e.title, href=ctx.href(record_page("events", e.id)))) for e in events)) if events else "",
        more_note(ctx, events_left, "more.events", timeline_link, filtered),
        el("h3", ctx.t("guarantees.statements")) if statements else "",
        el("ul", *(statement_item(ctx, s) for s in statements), class_="tr-statements") if statements else "",
        more_note(ctx, statements_left, "more.statements", timeline_link, filtered),
    ])
