"""One page per record: actors, events, statements, commitments and sources."""
from __future__ import annotations

from functools import lru_cache

from ..kinds import KINDS
from ..model import Dataset, Record
from .common import (
    LIST_LIMIT,
    Context,
    badge,
    date_el,
    edit_link,
    event_badge,
    figure_rows,
    format_date,
    inline_sources,
    list_page,
    more_note,
    newest_first,
    record_date,
    record_page,
    section,
    sources_section,
    status_badge,
    suggested_citation,
)
from .contribute import contribute_links
from .html import Html, el, external_link, join, table
from .provenance import corrections_box, history_section
from .theme import unsearched

ACTOR_KIND_LABELS = {"person": "Person", "state": "State", "organisation": "Organisation", "coalition": "Coalition"}


def page_frame(ctx: Context, record: Record, *body, subtitle: Html | str = "") -> Html:
    header = el("header", el("h1", ctx.data.title_of(record)), el("p", subtitle, class_="tr-subtitle") if subtitle else "", class_="tr-record-header")
    footer = el("footer", suggested_citation(ctx, record), contribute_links(ctx, record), edit_link(ctx, record),
                class_="tr-record-footer", **unsearched())
    return Html("\n" + el("article", header, corrections_box(ctx, record), *body, history_section(ctx, record), footer,
                          class_=f"tr-record tr-record--{record.kind}", data_record=f"{record.kind}/{record.id}") + "\n")


# --- statements (also listed on actor, event and commitment pages) ---------------------------

def speaker_of(ctx: Context, statement: Record) -> Html:
    if statement.get("speaker"):
        return ctx.actor(statement["speaker"])
    affiliation = statement.get("speaker_affiliation")
    return join([statement["speaker_unnamed"], join(["(", ctx.actor(affiliation), ")"]) if affiliation else ""], " ")


def statement_words(statement: Record) -> Html:
    parts = []
    if statement.get("quote"):
        parts.append(el("blockquote", el("p", f"“{statement['quote']}”"), class_="tr-quote"))
    if statement.get("paraphrase"):
        label = "Context" if statement.get("quote") else "Paraphrase"
        parts.append(el("p", el("span", label, class_="tr-label"), " ", statement["paraphrase"], class_="tr-paraphrase"))
    return join(parts)


def statement_item(ctx: Context, statement: Record, *, with_speaker: bool = True, tag: str = "li") -> Html:
    """A statement as a list entry, with a stable anchor and its dispute state.
    Inside another list item (the timeline) it is a div without an id of its own."""
    data = ctx.data
    meta = [record_date(statement), badge(statement["kind"], statement["kind"])]
    if statement["kind"] == "claim" and data.denials_of(statement.id):
        meta.append(badge("disputed", "disputed"))
    if with_speaker:
        meta.append(speaker_of(ctx, statement))
    if statement.get("setting"):
        meta.append(el("span", statement["setting"], class_="tr-setting"))
    dispute = dispute_notes(ctx, statement)
    permalink = el("a", "¶", href=ctx.statement_href(statement), class_="tr-permalink", title="Permanent link to this statement")
    return el(tag, el("div", join(meta, " · "), " ", permalink, class_="tr-meta"), statement_words(statement), dispute,
              id=statement.id if tag == "li" else None, class_="tr-statement")


def dispute_notes(ctx: Context, statement: Record) -> Html:
    notes = []
    for denial in ctx.data.denials_of(statement.id):
        notes.append(el("p", "Denied by ", speaker_of(ctx, denial), ", ", record_date(denial), ": ",
                        el("a", "see the denial", href=ctx.statement_href(denial), class_="tr-dispute-link"), class_="tr-dispute"))
    for claim_id in statement.get("denies", []):
        claim = ctx.data.get("statements", claim_id)
        notes.append(el("p", "Answers the claim by ", speaker_of(ctx, claim), ": ",
                        el("a", claim.get("paraphrase") or claim.get("quote"), href=ctx.statement_href(claim), class_="tr-dispute-link"), class_="tr-dispute"))
    return join(notes)


def statement_list(ctx: Context, statements: list[Record], *, with_speaker: bool = True) -> Html:
    if not statements:
        return Html("")
    return el("ul", *(statement_item(ctx, s, with_speaker=with_speaker) for s in statements), class_="tr-statements")


def related_statements(ctx: Context, statements: list[Record]) -> tuple[Html, Html]:
    shown, left_out = newest_first(statements)
    return statement_list(ctx, shown), more_note(ctx, left_out, "statements", "timeline.html", "the timeline has them month by month")


def statement_page(ctx: Context, statement: Record) -> Html:
    from .positions import statement_positions  # late: that module builds on this one's lists

    facts = [
        ("Said by", speaker_of(ctx, statement)),
        ("To", ctx.actors(statement.get("addressees", []))),
        ("When", join([record_date(statement), statement.get("date_note", "")], " — ")),
        ("Where", statement.get("setting", "")),
        ("At", ctx.ref("events", statement["event"]) if statement.get("event") else ""),
        ("Kind", badge(statement["kind"], statement["kind"])),
        ("About", join([*(ctx.ref("events", e) for e in statement.get("about_events", [])),
                        *(ctx.ref("commitments", c) for c in statement.get("about_commitments", []))], ", ")),
        ("Topics", topic_list(ctx, statement.get("topics", []))),
    ]
    return page_frame(
        ctx, statement,
        fact_list(facts),
        section("What was said", statement_words(statement), id="words"),
        section("Positions", statement_positions(ctx, statement), id="positions"),
        section("Dispute", dispute_notes(ctx, statement), id="dispute"),
        section("Figures", figure_rows(statement.get("figures", [])), id="figures"),
        sources_section(ctx, statement),
        subtitle=join(["Statement by ", speaker_of(ctx, statement), ", ", record_date(statement)]),
    )


# --- actors ------------------------------------------------------------------------------------

def roles_table(ctx: Context, roles: list[dict]) -> Html:
    rows = []
    for role in roles:
        span = join([format_date(role.get("start"), role.get("start_approximate", False)) if role.get("start") else "",
                     format_date(role.get("end"), role.get("end_approximate", False)) if role.get("end") else ""], " – ")
        notes = join([role.get("start_note", ""), role.get("end_note", ""), role.get("note", "")], " ")
        rows.append(el("tr",
                       el("td", role["title"]), el("td", ctx.actor(role["organisation"]) if role.get("organisation") else ""),
                       el("td", status_badge(role["state"])), el("td", span), el("td", notes, " ", inline_sources(ctx, role["sources"]))))
    if not rows:
        return Html("")
    head = el("thead", el("tr", *(el("th", h) for h in ("Role", "Of", "State", "When", "Notes and sources"))))
    return table(head, rows)


def members_list(ctx: Context, members: list[dict]) -> Html:
    items = [el("li", ctx.actor(m["actor"]), f" — {m['role']}" if m.get("role") else "", " ", inline_sources(ctx, m["sources"])) for m in members]
    return el("ul", *items) if items else Html("")


def event_rows(ctx: Context, events: list[Record], actor_id: str | None = None) -> Html:
    items = []
    for event in events:
        part = participation(event, actor_id) if actor_id else ""
        items.append(el("li", record_date(event), " · ", event_badge(ctx, event), " ", ctx.ref("events", event.id),
                        el("span", f" ({part})", class_="tr-mode") if part else ""))
    return el("ul", *items, class_="tr-events") if items else Html("")


def participation(event: Record, actor_id: str) -> str:
    """How the actor took part, as the event records it: "host; in person"."""
    entry = next((p for p in event.get("participants", []) if p["actor"] == actor_id), {})
    mode = entry.get("mode", "unknown")
    return "; ".join(part for part in (entry.get("role", ""), mode.replace("-", " ") if mode != "unknown" else "") if part)


def commitment_rows(ctx: Context, commitments: list[Record]) -> Html:
    items = [el("li", ctx.ref("commitments", c.id), " · ", el("span", ctx.term("mechanisms", c["mechanism"]), class_="tr-mechanism"), " · ",
                status_badge(Dataset.current_status(c))) for c in commitments]
    return el("ul", *items, class_="tr-commitments") if items else Html("")


def actor_page(ctx: Context, actor: Record) -> Html:
    from .positions import actor_positions  # late: that module builds on this one's lists

    data = ctx.data
    offered, received = data.commitments_of(actor.id)
    facts = [
        ("Kind", ACTOR_KIND_LABELS[actor["kind"]]),
        ("Also written", join(actor.get("aliases", []), "; ")),
        ("Note", actor.get("note", "")),
        ("Country", ctx.actor(actor["country"]) if actor.get("country") else ""),
        ("Member of", ctx.actors(c.id for c in data.coalitions_of(actor.id))),
    ]
    return page_frame(
        ctx, actor,
        el("p", actor["description"], class_="tr-lead"),
        fact_list(facts),
        section("Roles over time", roles_table(ctx, actor.get("roles", [])), id="roles"),
        section("Members", members_list(ctx, actor.get("members", [])), id="members", searchable=False),
        section("People", *actor_people(ctx, actor), id="people", searchable=False),
        section("Statements", *actor_statements(ctx, actor), id="statements", searchable=False),
        section("Positions by issue", *actor_positions(ctx, actor), id="positions", searchable=False),
        section("Events", *actor_events(ctx, actor), id="events", searchable=False),
        section("Events held in this state", *events_held_in(ctx, actor), id="events-held-in", searchable=False),
        section("Events with its people", *events_of_people(ctx, actor), id="events-of-people", searchable=False),
        section("Commitments offered", *capped_commitments(ctx, offered), id="commitments-offered", searchable=False),
        section("Commitments received", *capped_commitments(ctx, received), id="commitments-received", searchable=False),
        sources_section(ctx, actor),
        subtitle=ACTOR_KIND_LABELS[actor["kind"]],
    )


def actor_statements(ctx: Context, actor: Record) -> tuple[Html, Html]:
    shown, left_out = newest_first(ctx.data.statements_by(actor.id))
    return (statement_list(ctx, shown, with_speaker=actor["kind"] != "person"),
            more_note(ctx, left_out, "statements", f"timeline.html?actor={actor.id}", "the timeline, filtered to this actor, has them month by month"))


def actor_events(ctx: Context, actor: Record) -> tuple[Html, Html]:
    shown, left_out = newest_first(ctx.data.events_with(actor.id))
    return (event_rows(ctx, shown, actor.id),
            more_note(ctx, left_out, "events", f"timeline.html?actor={actor.id}", "the timeline, filtered to this actor, has them month by month"))


def events_held_in(ctx: Context, actor: Record) -> tuple[Html, Html]:
    """Events whose location is in this state, wherever its own people or officials appear."""
    shown, left_out = newest_first(ctx.data.events_held_in(actor.id))
    return event_rows(ctx, shown), more_note(ctx, left_out, "events", "timeline.html", "the timeline has them month by month")


def events_of_people(ctx: Context, actor: Record) -> tuple[Html, Html]:
    """Events its people took part in, without the actor itself: each with who took part, and how."""
    own = {e.id for e in ctx.data.events_with(actor.id)}
    shown, left_out = newest_first([e for e in ctx.data.events_of_people(actor.id) if e.id not in own])
    people = {p.id for p in ctx.data.people_of(actor.id)}
    items = [el("li", record_date(event), " · ", event_badge(ctx, event), " ", ctx.ref("events", event.id), " — ",
                people_at(ctx, event, people)) for event in shown]
    return (el("ul", *items, class_="tr-events") if items else Html(""),
            more_note(ctx, left_out, "events", "timeline.html", "the timeline has them month by month"))


def people_at(ctx: Context, event: Record, people: set[str]) -> Html:
    """Those of `people` who took part in the event, each with their role and mode."""
    def one(actor_id: str) -> Html:
        part = participation(event, actor_id)
        return join([ctx.actor(actor_id), el("span", f" ({part})", class_="tr-mode") if part else ""])
    return join((one(p["actor"]) for p in event.get("participants", []) if p["actor"] in people), ", ")


def actor_people(ctx: Context, actor: Record) -> tuple[Html, Html]:
    people = sorted(ctx.data.people_of(actor.id), key=lambda p: (p["name"], p.id))
    shown = el("ul", *(el("li", ctx.actor(p.id)) for p in people[:LIST_LIMIT])) if people else Html("")
    return shown, more_note(ctx, len(people) - len(people[:LIST_LIMIT]), "people", list_page("people"), "all people, page by page")


def capped_commitments(ctx: Context, commitments: list[Record]) -> tuple[Html, Html]:
    left_out = max(0, len(commitments) - LIST_LIMIT)
    if not left_out:
        return commitment_rows(ctx, commitments), Html("")
    complete = join([el("a", "every security guarantee", href=ctx.href(list_page("security-guarantees"))), " and ",
                     el("a", "every other commitment", href=ctx.href(list_page("commitments"))), ", page by page"])
    return commitment_rows(ctx, commitments[:LIST_LIMIT]), el("p", f"{left_out} more commitments are not listed here: ", complete, ".", class_="tr-more")


# --- events --------------------------------------------------------------------------------------

def participants_list(ctx: Context, participants: list[dict]) -> Html:
    items = []
    for p in participants:
        mode = p.get("mode", "unknown")
        details = join([p.get("role", ""), mode.replace("-", " ") if mode != "unknown" else "", p.get("note", "")], "; ")
        items.append(el("li", ctx.actor(p["actor"]), el("span", " — ", details, class_="tr-mode") if details else ""))
    return el("ul", *items, class_="tr-participants") if items else Html("")


def topic_list(ctx: Context, topics: list[str]) -> Html:
    return join((el("span", ctx.term("topics", t), class_="tr-topic") for t in topics), " ")


def event_page(ctx: Context, event: Record) -> Html:
    location = event.get("location")
    where = join([location["place"], ctx.actor(location["country"]) if location.get("country") else ""], ", ") if location else ""
    when = record_date(event)
    if event.get("end_date"):
        when = join([when, date_el(event["end_date"])], " – ")
    facts = [
        ("When", join([when, event.get("date_note", "")], " — ")),
        ("Status", join([event_badge(ctx, event), f"since {format_date(event['status_history'][-1]['date'])}"], " ")),
        ("Kind", ctx.term("event_kinds", event["kind"])),
        ("Where", where),
        ("Format", event.get("format", "").replace("-", " ")),
        ("Topics", topic_list(ctx, event.get("topics", []))),
    ]
    return page_frame(
        ctx, event,
        el("p", event["summary"], class_="tr-lead"),
        fact_list(facts),
        # Not indexed: the lead and the badge already say what the status is; keeps the index small.
        section("Status history", status_history(ctx, event["status_history"]), id="status-history", searchable=False),
        section("Participants", participants_list(ctx, event.get("participants", [])), id="participants"),
        section("Figures", figure_rows(event.get("figures", [])), id="figures"),
        section("Statements", *related_statements(ctx, ctx.data.statements_about_event(event.id)), id="statements", searchable=False),
        section("Commitments discussed", commitment_rows(ctx, ctx.data.commitments_about_event(event.id)), id="commitments", searchable=False),
        section("Related events", *related_events(ctx, event), id="related", searchable=False),
        sources_section(ctx, event),
        subtitle=join([ctx.term("event_kinds", event["kind"]), when, event_badge(ctx, event)], " · "),
    )


def related_events(ctx: Context, event: Record) -> tuple[Html, Html]:
    """The events this one names and the events that name it: a link shows at both ends."""
    data = ctx.data
    linked = {e: data.get("events", e) for e in event.get("related_events", [])}
    linked.update({e.id: e for e in data.events_naming(event.id)})
    shown, left_out = newest_first([e for e in linked.values() if e.id != event.id])
    return event_rows(ctx, sorted(shown, key=lambda e: (e.get("date") or "", e.id))), \
        more_note(ctx, left_out, "related events", "timeline.html", "the timeline has them month by month")


# --- commitments ----------------------------------------------------------------------------------

def amount_text(amount: dict | None) -> str:
    if not amount:
        return ""
    precision = {"exact": "", "about": "about ", "more-than": "more than ", "at-least": "at least ", "up-to": "up to "}[amount.get("precision", "exact")]
    value = amount["value"]
    scaled = f"{value / 1e9:g} billion" if value >= 1e9 else f"{value:,}"
    period_years = amount.get("period_years")
    years = f"({period_years:g} {'year' if period_years == 1 else 'years'})" if period_years else ""
    return " ".join(p for p in (f"{precision}{amount['currency']} {scaled}", amount.get("period", ""), years) if p)


def status_history(ctx: Context, history: list[dict]) -> Html:
    items = [el("li", status_badge(h["status"]), " ", record_date_dict(h), el("span", " (", h["date_note"], ")", class_="tr-note") if h.get("date_note") else "",
                " — ", h.get("note", ""), " ", inline_sources(ctx, h["sources"])) for h in history]
    return el("ol", *items, class_="tr-history")


def record_date_dict(values: dict) -> Html:
    return date_el(values.get("date"), values.get("date_approximate", False))


def open_questions(ctx: Context, questions: list[dict]) -> Html:
    items = [el("li", q["question"], " ", inline_sources(ctx, q["sources"])) for q in questions]
    return el("ul", *items, class_="tr-questions") if items else Html("")


def commitment_page(ctx: Context, commitment: Record) -> Html:
    data = ctx.data
    parts = data.parts_of(commitment.id)
    facts = [
        ("Status", status_badge(Dataset.current_status(commitment))),
        ("Mechanism", ctx.term("mechanisms", commitment["mechanism"])),
        ("Area", commitment["area"]),
        ("Layer", str(commitment["layer"]) if commitment.get("layer") else ""),
        ("Part of", ctx.ref("commitments", commitment["part_of"]) if commitment.get("part_of") else ""),
        ("Offered by", ctx.actors(commitment.get("offered_by", []))),
        ("Offered to", ctx.actors(commitment.get("offered_to", []))),
        ("Domains", join((ctx.term("domains", d) for d in commitment.get("domains", [])), ", ")),
        ("Amount", amount_text(commitment.get("amount"))),
        ("Topics", topic_list(ctx, commitment.get("topics", []))),
    ]
    conditions = [el("li", c) for c in commitment.get("conditions", [])]
    return page_frame(
        ctx, commitment,
        el("p", commitment["description"], class_="tr-lead"),
        fact_list(facts),
        section("Status history", status_history(ctx, commitment["status_history"]), id="status-history"),
        section("Parts", commitment_rows(ctx, parts), id="parts", searchable=False),
        section("Conditions", el("ul", *conditions) if conditions else "", id="conditions"),
        section("Open questions", open_questions(ctx, commitment.get("open_questions", [])), id="open-questions"),
        section("Events", event_rows(ctx, [data.get("events", e) for e in commitment.get("related_events", [])]), id="events", searchable=False),
        section("Statements", *related_statements(ctx, data.statements_about_commitment(commitment.id)), id="statements", searchable=False),
        sources_section(ctx, commitment),
        subtitle=join([ctx.term("mechanisms", commitment["mechanism"]), status_badge(Dataset.current_status(commitment))], " · "),
    )


# --- sources ------------------------------------------------------------------------------------

def source_page(ctx: Context, source: Record) -> Html:
    citing = ctx.data.citing(source.id)
    facts = [
        ("Publisher", source.get("publisher", "not stated in the copy")),
        ("Title", source.get("title", "unknown")),
        ("Published", join([date_el(source.get("published"), source.get("published_approximate", False)), source.get("published_note", "")], " — ")),
        ("Address", external_link(source["url"], source["url"]) if source.get("url") else "not known"),
        ("Read by the tracker", "yes" + (f", on {format_date(source['accessed'])}" if source.get("accessed") else "") if source.get("consulted", True)
         else "no: known only because another source cites it"),
        ("Kind", source["kind"].replace("-", " ")),
        ("Language", source.get("language", "")),
        ("Notes", source.get("notes", "")),
    ]
    by_kind = {}
    for record in citing:
        by_kind.setdefault(record.kind, []).append(el("li", ctx.ref(record.kind, record.id)))
    lists = [el("div", el("h3", KINDS[kind].heading), el("ul", *items)) for kind, items in by_kind.items()]
    return page_frame(ctx, source, fact_list(facts), section("Records citing this source", *lists, id="citing", searchable=False), subtitle="Source")


def fact_list(facts: list[tuple[str, Html | str]]) -> Html:
    rows = [join([fact_label(k), el("dd", v)]) for k, v in facts if v]
    return el("dl", *rows, class_="tr-facts") if rows else Html("")


@lru_cache(maxsize=None)
def fact_label(label: str) -> Html:
    """"Said by", "When", "Status" ...: the same few labels on every record page."""
    return el("dt", label)


def render_record(ctx: Context, record: Record) -> Html:
    """A record's own page, drawn by the renderer its kind declares (macros/kinds.py)."""
    return KINDS[record.kind].render(ctx, record)


def page_path(record: Record) -> str:
    return record_page(record.kind, record.id)
