"""Where the parties stand: the actors × issues grid, one page per negotiation issue, and the
positions shown on statement and actor pages.

Every list is bounded: the grid shows GRID_ROWS actors per page and an issue page ISSUE_ROWS
positions per page; the rest are on numbered pages linked from the first (positions/page-2.html,
positions/<issue>-page-2.html), so no page grows with the dataset.
"""
from __future__ import annotations

from ..model import Dataset, Record
from ..positions import Position, issue_page, issue_term, position_index, related_commitments, related_events
from ..schema import STANCE_MEANINGS
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
    rows_within_budget,
    section,
)
from .html import Html, block, el, join, link, table
from .records import commitment_rows, event_rows, fact_list, speaker_of, topic_list
from .theme import unsearched

GRID_ROWS = 50  # actors per page of the grid
ISSUE_ROWS = 100  # positions per page of an issue
METHOD = "methodology.html#positions"


# --- small pieces -----------------------------------------------------------------------------

def stance_badge(stance: str) -> Html:
    return badge(stance, f"stance-{stance}")


def issue_label(ctx: Context, issue: str) -> str:
    return ctx.term("issues", issue)


def issue_link(ctx: Context, issue: str) -> Html:
    return link(ctx.href(issue_page(issue)), issue_label(ctx, issue))


def evidence_href(ctx: Context, position: Position) -> str:
    return ctx.href(f"statements/{position.statement.id}.html#{position.anchor}")


def inferred_mark(position: Position) -> Html:
    if not position.inferred:
        return Html("")
    return el("span", "inferred", class_="tr-mark tr-mark--inferred", title="The coding is the editors' reading; see its note")


def changed_mark(earlier: str | None) -> Html:
    if not earlier:
        return Html("")
    return el("span", join(["changed, was ", earlier]), class_="tr-mark tr-mark--changed")


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
        return block(el("p", "No positions have been coded yet.", class_="tr-empty-note"))
    total = pages_needed(len(actors), GRID_ROWS)
    shown = actors[(page - 1) * GRID_ROWS: page * GRID_ROWS]
    head = el("thead", el("tr", el("th", "Actor", scope="col"),
                          *(el("th", issue_link(ctx, i), scope="col") for i in issues)))
    rows = [el("tr", el("th", ctx.actor(a.id), scope="row"), *(grid_cell(ctx, a.id, i) for i in issues)) for a in shown]
    caption = el("caption", "Latest coded position of each actor on each negotiation issue",
                 f" (actors {(page - 1) * GRID_ROWS + 1}–{(page - 1) * GRID_ROWS + len(shown)} of {len(actors)})" if total > 1 else "")
    grid_table = el("table", caption, head, el("tbody", *rows), class_="tr-data-table tr-positions-grid")
    unnamed = len(index.unnamed())
    # Out of the search index: every summary is indexed on its statement's page already.
    return block(el(
        "section",
        legend(ctx),
        scroll_region(grid_table, "Positions of actors on negotiation issues"),
        numbered_pages(ctx, page, total, grid_path, "Pages of the positions grid"),
        el("p", f"{unnamed} positions of speakers the sources do not name (“a European diplomat”) are not an actor's "
                "and are listed only on the issue pages.", class_="tr-note") if unnamed else "",
        **unsearched(),
    ), class_="tr-positions")


def grid_cell(ctx: Context, actor_id: str, issue: str) -> Html:
    trail = position_index(ctx.data).trail(actor_id, issue)
    if trail is None:
        return el("td", el("span", "—", aria_hidden="true"), el("span", "no coded position", class_="tr-sr-only"), class_="tr-cell-empty")
    latest = trail.latest
    return el("td",
              el("div", stance_badge(latest.stance), " ", record_date(latest.statement), class_="tr-cell-head"),
              el("a", latest.summary, href=evidence_href(ctx, latest), class_="tr-cell-summary"),
              el("div", changed_mark(trail.earlier_stance if trail.changed else None), " ", inferred_mark(latest), class_="tr-cell-marks")
              if trail.changed or latest.inferred else "",
              class_="tr-cell" + (" tr-cell--changed" if trail.changed else ""))


def legend(ctx: Context) -> Html:
    items = [join([el("dt", stance_badge(s)), el("dd", meaning)]) for s, meaning in STANCE_MEANINGS.items()]
    marks = [
        join([el("dt", changed_mark("…")), el("dd", "The actor's stance on this issue differs from an earlier coded position of theirs.")]),
        join([el("dt", el("span", "inferred", class_="tr-mark tr-mark--inferred")),
              el("dd", "The source does not state the issue or the stance; the coding is the editors' reading, explained in its note.")]),
    ]
    return el("details", el("summary", "What the stances and marks mean"), el("dl", *items, *marks, class_="tr-legend"),
              el("p", "Each position is coded from one statement and links to it. ", link(ctx.href(METHOD), "How positions are coded"), "."),
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
    header = el("header", el("h1", term.get("label", issue)), el("p", "Negotiation issue", class_="tr-subtitle"), class_="tr-record-header")
    facts = [
        ("Related topics", topic_list(ctx, term.get("topics", []))),
        ("Mechanisms", join((ctx.term("mechanisms", m) for m in term.get("mechanisms", [])), ", ")),
        ("Coded positions", str(len(positions))),
    ]
    parts = [
        el("p", el("strong", term.get("question", "")), class_="tr-lead tr-question"),
        el("p", term.get("description", "")),
        fact_list(facts),
        section("Positions over time", position_table(ctx, shown) if shown else el("p", "No statement has been coded on this issue yet."),
                numbered_pages(ctx, page, total, lambda n: issue_path(issue, n), f"Pages of the positions on {term.get('label', issue)}"),
                id="positions", searchable=False),
    ]
    if page == 1:
        parts += [related_commitments_section(ctx, issue), related_events_section(ctx, issue, term)]
    footer = el("footer", el("p", "Positions inherit their statement's speaker, date and sources. ",
                             link(ctx.href(METHOD), "How positions are coded and related records chosen"), ". ",
                             link(ctx.href("positions.html"), "All issues and actors"), "."),
                edit_link_vocabulary(ctx), class_="tr-record-footer", **unsearched())
    return Html("\n" + el("article", header, *parts, footer, class_="tr-record tr-record--issue", data_record=f"issues/{issue}") + "\n")


def edit_link_vocabulary(ctx: Context) -> Html:
    return edit_link(ctx, Record(kind="vocabulary", id="vocabulary", path="data/vocabulary.yml", data={}))


def position_table(ctx: Context, positions: list[Position]) -> Html:
    index = position_index(ctx.data)
    head = el("thead", el("tr", *(el("th", h, scope="col") for h in ("Speaker", "Date", "Stance", "Position", "Evidence"))))
    rows = []
    for p in positions:
        previous = index.previous(p)
        earlier = previous.stance if previous and previous.stance != p.stance else None
        note = el("span", p.data["note"], class_="tr-note") if p.data.get("note") else ""
        rows.append(el("tr",
                       el("th", speaker_of(ctx, p.statement), scope="row"),
                       el("td", record_date(p.statement)),
                       el("td", stance_badge(p.stance), " ", changed_mark(earlier), " ", inferred_mark(p)),
                       el("td", p.summary, " ", note),
                       el("td", el("a", "statement", href=evidence_href(ctx, p)))))
    return scroll_region(el("table", head, el("tbody", *rows), class_="tr-data-table tr-positions-table"), "Coded positions")


def related_commitments_section(ctx: Context, issue: str) -> Html:
    found = related_commitments(ctx.data, issue)
    left_out = max(0, len(found) - LIST_LIMIT)
    return section("Related commitments", commitment_rows(ctx, found[:LIST_LIMIT]),
                   more_note(ctx, left_out, "commitments", "security-guarantees.html#at-a-glance", "the overview of commitments lists them all"),
                   id="commitments", searchable=False)


def related_events_section(ctx: Context, issue: str, term: dict) -> Html:
    shown, left_out = newest_first(related_events(ctx.data, issue))
    topics = term.get("topics", [])
    target = f"timeline.html?topic={topics[0]}" if topics else "timeline.html"
    return section("Related events", event_rows(ctx, shown),
                   more_note(ctx, left_out, "events", target, "the timeline has them month by month"),
                   id="events", searchable=False)


# --- on statement and actor pages ----------------------------------------------------------------------

def statement_positions(ctx: Context, statement: Record) -> Html:
    items = []
    for i, data in enumerate(statement.get("positions", [])):
        p = Position(statement, i)
        items.append(el("li", el("span", issue_link(ctx, p.issue), class_="tr-position-issue"), " ", stance_badge(p.stance), " ",
                        inferred_mark(p), " ", el("span", p.summary, class_="tr-position-summary"),
                        el("p", el("span", "Note", class_="tr-label"), " ", data["note"], class_="tr-note") if data.get("note") else "",
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
        items = [el("li", record_date(p.statement), " · ", stance_badge(p.stance), " ", el("a", p.summary, href=evidence_href(ctx, p)), " ", inferred_mark(p))
                 for p in here]
        groups.append(join([el("h3", issue_link(ctx, issue)), el("ul", *items, class_="tr-positions-list")]))
    return join(groups), more_note(ctx, len(mine) - len(shown), "positions", "positions.html", "the issue pages list them all")


# --- methodology ---------------------------------------------------------------------------------------

def stance_table() -> Html:
    rows = [el("tr", el("td", stance_badge(s)), el("td", meaning)) for s, meaning in STANCE_MEANINGS.items()]
    return block(table(el("thead", el("tr", el("th", "Stance"), el("th", "Meaning"))), rows))


def issue_table(ctx: Context) -> Html:
    index = position_index(ctx.data)
    issues = index.issues()
    rows = rows_within_budget([el("tr", el("td", el("code", i)), el("td", issue_link(ctx, i)), el("td", issue_term(ctx.data, i).get("question", "")),
                                  el("td", str(len(index.on(i))), class_="tr-num"))
                               for i in issues])
    return block(table(el("thead", el("tr", el("th", "Id"), el("th", "Issue"), el("th", "Question"), el("th", "Positions"))), rows),
                 more_terms_note(ctx, len(issues) - len(rows)))
