"""Where the parties stand: the actors × issues grid, one page per negotiation issue, and the
positions shown on statement and actor pages.

Every list is bounded: the grid shows GRID_ROWS actors per page and an issue page ISSUE_ROWS
positions per page; the rest are on numbered pages linked from the first (positions/page-2.html,
positions/<issue>-page-2.html), so no page grows with the dataset.
"""
from __future__ import annotations

from ..model import Dataset, Record
from ..positions import Position, issue_page, issue_term, position_index, related_commitments, related_events
from ..schema import STANCES
from .charts import scroll_region
from .common import (
    LIST_LIMIT,
    Context,
    badge,
    edit_link,
    more_note,
    more_terms_note,
    newest_first,
    numbered_pages,
    pages_needed,
    record_date,
    record_page,
    rows_within_budget,
    section,
)
from .html import Html, block, el, join, link, table
from .parts import commitment_rows, event_rows, fact_list, speaker_of, topic_list
from .theme import unsearched

GRID_ROWS = 50  # actors per page of the grid
ISSUE_ROWS = 100  # positions per page of an issue
METHOD = "methodology.html#positions"


# --- small pieces -----------------------------------------------------------------------------

def stance_badge(ctx: Context, stance: str) -> Html:
    return badge(ctx.t(f"stance.{stance}"), f"stance-{stance}")


def issue_label(ctx: Context, issue: str) -> str:
    return ctx.term("issues", issue)


def issue_link(ctx: Context, issue: str) -> Html:
    return link(ctx.href(issue_page(issue)), issue_label(ctx, issue))


def evidence_href(ctx: Context, position: Position) -> str:
    return ctx.href(f"{record_page('statements', position.statement.id)}#{position.anchor}")


def inferred_mark(ctx: Context, position: Position) -> Html:
    if not position.inferred:
        return Html("")
    return el("span", ctx.t("positions.inferred"), class_="tr-mark tr-mark--inferred", title=ctx.t("positions.inferred_title"))


def changed_mark(ctx: Context, earlier: str | None) -> Html:
    """earlier: the stance before, or None when it did not change; "…" in the legend."""
    if not earlier:
        return Html("")
    return el("span", ctx.t("positions.changed", stance=earlier if earlier == "…" else ctx.t(f"stance.{earlier}")), class_="tr-mark tr-mark--changed")


# --- positions.html: the grid ---------------------------------------------------------------------

def grid_path(page: int) -> str:
    return "positions.html" if page == 1 else f"positions/page-{page}.html"


def grid_page_count(data: Dataset) -> int:
    return pages_needed(len(position_index(data).actors()), GRID_ROWS)


def grid(ctx: Context, page: int = 1) -> Html:
    """Actors as rows, issues as columns; each cell the actor's latest position on the issue."""
    index = position_index(ctx.data)
    issues = index.issues()
    actors = index.actors()
    if not actors:
        return block(el("p", ctx.t("positions.none_coded"), class_="tr-empty-note"))
    total = pages_needed(len(actors), GRID_ROWS)
    shown = actors[(page - 1) * GRID_ROWS: page * GRID_ROWS]
    head = el("thead", el("tr", el("th", ctx.t("positions.actor"), scope="col"),
                          *(el("th", issue_link(ctx, i), scope="col") for i in issues)))
    rows = [el("tr", el("th", ctx.actor(a.id), scope="row"), *(grid_cell(ctx, a.id, i) for i in issues)) for a in shown]
    t = ctx.t
    caption = el("caption", t("positions.grid_caption"),
                 t("positions.grid_range", first=t.number((page - 1) * GRID_ROWS + 1), last=t.number((page - 1) * GRID_ROWS + len(shown)),
                   total=t.number(len(actors))) if total > 1 else "")
    grid_table = el("table", caption, head, el("tbody", *rows), class_="tr-data-table tr-positions-grid")
    unnamed = len(index.unnamed())
    # Out of the search index: every summary is indexed on its statement's page already.
    return block(el(
        "section",
        legend(ctx),
        scroll_region(grid_table, t("positions.grid_label")),
        numbered_pages(ctx, page, total, grid_path, t("positions.grid_pages")),
        el("p", t.plural("positions.unnamed", unnamed), class_="tr-note") if unnamed else "",
        **unsearched(),
    ), class_="tr-positions")


def grid_cell(ctx: Context, actor_id: str, issue: str) -> Html:
    trail = position_index(ctx.data).trail(actor_id, issue)
    if trail is None:
        return el("td", el("span", "—", aria_hidden="true"), el("span", ctx.t("positions.no_position"), class_="tr-sr-only"), class_="tr-cell-empty")
    latest = trail.latest
    return el("td",
              el("div", stance_badge(ctx, latest.stance), " ", record_date(ctx, latest.statement), class_="tr-cell-head"),
              el("a", latest.summary, href=evidence_href(ctx, latest), class_="tr-cell-summary"),
              el("div", changed_mark(ctx, trail.earlier_stance if trail.changed else None), " ", inferred_mark(ctx, latest), class_="tr-cell-marks")
              if trail.changed or latest.inferred else "",
              class_="tr-cell" + (" tr-cell--changed" if trail.changed else ""))


def legend(ctx: Context) -> Html:
    t = ctx.t
    items = [join([el("dt", stance_badge(ctx, s)), el("dd", t(f"meaning.stance.{s}"))]) for s in STANCES]
    marks = [
        join([el("dt", changed_mark(ctx, "…")), el("dd", t("positions.legend.changed"))]),
        join([el("dt", el("span", t("positions.inferred"), class_="tr-mark tr-mark--inferred")), el("dd", t("positions.legend.inferred"))]),
    ]
    return el("details", el("summary", t("positions.legend.summary")), el("dl", *items, *marks, class_="tr-legend"),
              el("p", t("positions.legend.coded_from"), link(ctx.href(METHOD), t("positions.legend.how")), "."),
              class_="tr-positions-legend")


# --- issues/<id>.html --------------------------------------------------------------------------------

def issue_path(issue: str, page: int = 1) -> str:
    # Continuations sit one folder deep, like every other page, next to the grid's own.
    return issue_page(issue) if page == 1 else f"positions/{issue}-page-{page}.html"


def issue_page_count(data: Dataset, issue: str) -> int:
    return pages_needed(len(position_index(data).on(issue)), ISSUE_ROWS)


def issue_body(ctx: Context, issue: str, page: int = 1) -> Html:
    term = issue_term(ctx.data, issue)
    positions = position_index(ctx.data).on_by_speaker(issue)
    total = pages_needed(len(positions), ISSUE_ROWS)
    shown = positions[(page - 1) * ISSUE_ROWS: page * ISSUE_ROWS]
    t = ctx.t
    header = el("header", el("h1", term.get("label", issue)), el("p", t("issue.subtitle"), class_="tr-subtitle"), class_="tr-record-header")
    facts = [
        ("related_topics", topic_list(ctx, term.get("topics", []))),
        ("mechanisms", join((ctx.term("mechanisms", m) for m in term.get("mechanisms", [])), ", ")),
        ("coded_positions", t.number(len(positions))),
    ]
    parts = [
        el("p", el("strong", term.get("question", "")), class_="tr-lead tr-question"),
        el("p", term.get("description", "")),
        fact_list(ctx, facts),
        section(t("issue.positions_over_time"), position_table(ctx, shown) if shown else el("p", t("issue.none_coded")),
                numbered_pages(ctx, page, total, lambda n: issue_path(issue, n), t("issue.pages", issue=term.get("label", issue))),
                id="positions", searchable=False),
    ]
    if page == 1:
        parts += [related_commitments_section(ctx, issue), related_events_section(ctx, issue, term)]
    footer = el("footer", el("p", t("issue.inherit"),
                             link(ctx.href(METHOD), t("issue.how_coded")), ". ",
                             link(ctx.href("positions.html"), t("issue.all_issues")), "."),
                edit_link_vocabulary(ctx), class_="tr-record-footer", **unsearched())
    return Html("\n" + el("article", header, *parts, footer, class_="tr-record tr-record--issue", data_record=f"issues/{issue}") + "\n")


def edit_link_vocabulary(ctx: Context) -> Html:
    return edit_link(ctx, Record(kind="vocabulary", id="vocabulary", path="data/vocabulary.yml", data={}))


def position_table(ctx: Context, positions: list[Position]) -> Html:
    index = position_index(ctx.data)
    head = el("thead", el("tr", *(el("th", ctx.t(f"positions.column.{h}"), scope="col") for h in ("speaker", "date", "stance", "position", "evidence"))))
    rows = []
    for p in positions:
        previous = index.previous(p)
        earlier = previous.stance if previous and previous.stance != p.stance else None
        note = el("span", p.data["note"], class_="tr-note") if p.data.get("note") else ""
        rows.append(el("tr",
                       el("th", speaker_of(ctx, p.statement), scope="row"),
                       el("td", record_date(ctx, p.statement)),
                       el("td", stance_badge(ctx, p.stance), " ", changed_mark(ctx, earlier), " ", inferred_mark(ctx, p)),
                       el("td", p.summary, " ", note),
                       el("td", el("a", ctx.t("positions.evidence_link"), href=evidence_href(ctx, p)))))
    return scroll_region(el("table", head, el("tbody", *rows), class_="tr-data-table tr-positions-table"), ctx.t("issue.coded_positions"))


def related_commitments_section(ctx: Context, issue: str) -> Html:
    found = related_commitments(ctx.data, issue)
    left_out = max(0, len(found) - LIST_LIMIT)
    return section(ctx.t("issue.related_commitments"), commitment_rows(ctx, found[:LIST_LIMIT]),
                   more_note(ctx, left_out, "more.commitments", "security-guarantees.html#at-a-glance", ctx.t("issue.overview_lists_all")),
                   id="commitments", searchable=False)


def related_events_section(ctx: Context, issue: str, term: dict) -> Html:
    shown, left_out = newest_first(related_events(ctx.data, issue))
    topics = term.get("topics", [])
    target = f"timeline.html?topic={topics[0]}" if topics else "timeline.html"
    return section(ctx.t("issue.related_events"), event_rows(ctx, shown),
                   more_note(ctx, left_out, "more.events", target, ctx.t("more.where.timeline")),
                   id="events", searchable=False)


# --- on statement and actor pages ----------------------------------------------------------------------

def statement_positions(ctx: Context, statement: Record) -> Html:
    items = []
    for i, data in enumerate(statement.get("positions", [])):
        p = Position(statement, i)
        items.append(el("li", el("span", issue_link(ctx, p.issue), class_="tr-position-issue"), " ", stance_badge(ctx, p.stance), " ",
                        inferred_mark(ctx, p), " ", el("span", p.summary, class_="tr-position-summary"),
                        el("p", el("span", ctx.t("positions.note"), class_="tr-label"), " ", data["note"], class_="tr-note") if data.get("note") else "",
                        id=p.anchor))
    return el("ul", *items, class_="tr-positions-list") if items else Html("")


def actor_positions(ctx: Context, actor: Record) -> tuple[Html, Html]:
    """The actor's newest positions (up to LIST_LIMIT), grouped by issue in the vocabulary's order."""
    index = position_index(ctx.data)
    mine = index.of(actor.id)
    shown = sorted(mine, key=Position.sort_key, reverse=True)[:LIST_LIMIT]
    groups = []
    for issue in index.issues():
        here = [p for p in shown if p.issue == issue]
        if not here:
            continue
        items = [el("li", record_date(ctx, p.statement), " · ", stance_badge(ctx, p.stance), " ", el("a", p.summary, href=evidence_href(ctx, p)), " ",
                    inferred_mark(ctx, p))
                 for p in here]
        groups.append(join([el("h3", issue_link(ctx, issue)), el("ul", *items, class_="tr-positions-list")]))
    return join(groups), more_note(ctx, len(mine) - len(shown), "more.positions", "positions.html", ctx.t("positions.issue_pages_list_all"))


# --- methodology ---------------------------------------------------------------------------------------

def stance_table(ctx: Context) -> Html:
    rows = [el("tr", el("td", stance_badge(ctx, s)), el("td", ctx.t(f"meaning.stance.{s}"))) for s in STANCES]
    return block(table(el("thead", el("tr", el("th", ctx.t("positions.column.stance")), el("th", ctx.t("methodology.meaning")))), rows))


def issue_table(ctx: Context) -> Html:
    index = position_index(ctx.data)
    issues = index.issues()
    rows = rows_within_budget([el("tr", el("td", el("code", i)), el("td", issue_link(ctx, i)), el("td", issue_term(ctx.data, i).get("question", "")),
                                  el("td", ctx.t.number(len(index.on(i))), class_="tr-num"))
                               for i in issues])
    head = el("thead", el("tr", *(el("th", ctx.t(key)) for key in ("methodology.id", "issue.column.issue", "issue.column.question", "issue.column.positions"))))
    return block(table(head, rows), more_terms_note(ctx, len(issues) - len(rows)))
