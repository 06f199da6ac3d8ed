"""One page per record: actors, events, statements, commitments and sources."""
from __future__ import annotations

from ..model import Record
from .common import (
    LIST_LIMIT,
    Context,
    badge,
    date_el,
    edit_link,
    event_badge,
    figure_rows,
    inline_sources,
    kind_heading,
    list_page,
    more_note,
    newest_first,
    record_date,
    section,
    sources_section,
    statement_kind_badge,
    status_badge,
    suggested_citation,
)
from .html import Html, el, external_link, join, table
from .parts import commitment_rows, event_rows, fact_list, participation, speaker_of, topic_list
from .positions import actor_positions, statement_positions
from .provenance import corrections_box, history_section
from .theme import unsearched


def page_frame(ctx: Context, record: Record, *body, subtitle: Html | str = "") -> Html:
    header = el("header", el("h1", ctx.title_of(record)), el("p", subtitle, class_="tr-subtitle") if subtitle else "", class_="tr-record-header")
    footer = el("footer", suggested_citation(ctx, record), edit_link(ctx, record), class_="tr-record-footer", **unsearched())
    return Html("\n" + el("article", header, corrections_box(ctx, record), *body, history_section(ctx, record), footer,
                          class_=f"tr-record tr-record--{record.kind}", data_record=f"{record.kind}/{record.id}") + "\n")


# --- statements (also listed on actor, event and commitment pages) ---------------------------

def statement_words(ctx: Context, statement: Record) -> Html:
    parts = []
    if statement.get("quote"):
        parts.append(el("blockquote", el("p", ctx.t("statement.quote", quote=statement["quote"])), class_="tr-quote"))
    if statement.get("paraphrase"):
        label = ctx.t("statement.context") if statement.get("quote") else ctx.t("statement.paraphrase")
        parts.append(el("p", el("span", label, class_="tr-label"), " ", statement["paraphrase"], class_="tr-paraphrase"))
    return join(parts)


def statement_item(ctx: Context, statement: Record, *, with_speaker: bool = True, tag: str = "li") -> Html:
    """A statement as a list entry, with a stable anchor and its dispute state.
    Inside another list item (the timeline) it is a div without an id of its own."""
    data = ctx.data
    meta = [record_date(ctx, statement), statement_kind_badge(ctx, statement["kind"])]
    if statement["kind"] == "claim" and data.denials_of(statement.id):
        meta.append(badge(ctx.t("statement_kind.disputed"), "disputed"))
    if with_speaker:
        meta.append(speaker_of(ctx, statement))
    if statement.get("setting"):
        meta.append(el("span", statement["setting"], class_="tr-setting"))
    dispute = dispute_notes(ctx, statement)
    permalink = el("a", "¶", href=ctx.statement_href(statement), class_="tr-permalink", title=ctx.t("statement.permalink"))
    return el(tag, el("div", join(meta, " · "), " ", permalink, class_="tr-meta"), statement_words(ctx, statement), dispute,
              id=statement.id if tag == "li" else None, class_="tr-statement")


def dispute_notes(ctx: Context, statement: Record) -> Html:
    notes = []
    for denial in ctx.data.denials_of(statement.id):
        notes.append(el("p", ctx.t("statement.denied_by"), speaker_of(ctx, denial), ", ", record_date(ctx, denial), ": ",
                        el("a", ctx.t("statement.see_denial"), href=ctx.statement_href(denial), class_="tr-dispute-link"), class_="tr-dispute"))
    for claim_id in statement.get("denies", []):
        claim = ctx.data.get("statements", claim_id)
        notes.append(el("p", ctx.t("statement.answers_claim"), speaker_of(ctx, claim), ": ",
                        el("a", claim.get("paraphrase") or claim.get("quote"), href=ctx.statement_href(claim), class_="tr-dispute-link"), class_="tr-dispute"))
    return join(notes)


def statement_list(ctx: Context, statements: list[Record], *, with_speaker: bool = True) -> Html:
    if not statements:
        return Html("")
    return el("ul", *(statement_item(ctx, s, with_speaker=with_speaker) for s in statements), class_="tr-statements")


def related_statements(ctx: Context, statements: list[Record]) -> tuple[Html, Html]:
    shown, left_out = newest_first(statements)
    return statement_list(ctx, shown), more_note(ctx, left_out, "more.statements", "timeline.html", ctx.t("more.where.timeline"))


def statement_page(ctx: Context, statement: Record) -> Html:
    t = ctx.t
    facts = [
        ("said_by", speaker_of(ctx, statement)),
        ("to", ctx.actors(statement.get("addressees", []))),
        ("when", join([record_date(ctx, statement), statement.get("date_note", "")], " — ")),
        ("where", statement.get("setting", "")),
        ("at", ctx.ref("events", statement["event"]) if statement.get("event") else ""),
        ("kind", statement_kind_badge(ctx, statement["kind"])),
        ("about", join([*(ctx.ref("events", e) for e in statement.get("about_events", [])),
                        *(ctx.ref("commitments", c) for c in statement.get("about_commitments", []))], ", ")),
        ("topics", topic_list(ctx, statement.get("topics", []))),
    ]
    return page_frame(
        ctx, statement,
        fact_list(ctx, facts),
        section(t("statement.what_was_said"), statement_words(ctx, statement), id="words"),
        section(t("statement.positions"), statement_positions(ctx, statement), id="positions"),
        section(t("statement.dispute"), dispute_notes(ctx, statement), id="dispute"),
        section(t("record.figures"), figure_rows(ctx, statement.get("figures", [])), id="figures"),
        sources_section(ctx, statement),
        subtitle=join([t("statement.subtitle"), speaker_of(ctx, statement), ", ", record_date(ctx, statement)]),
    )


# --- actors ------------------------------------------------------------------------------------

def roles_table(ctx: Context, roles: list[dict]) -> Html:
    rows = []
    for role in roles:
        span = join([ctx.t.date(role.get("start"), role.get("start_approximate", False)) if role.get("start") else "",
                     ctx.t.date(role.get("end"), role.get("end_approximate", False)) if role.get("end") else ""], " – ")
        notes = join([role.get("start_note", ""), role.get("end_note", ""), role.get("note", "")], " ")
        rows.append(el("tr",
                       el("td", role["title"]), el("td", ctx.actor(role["organisation"]) if role.get("organisation") else ""),
                       el("td", status_badge(ctx, role["state"])), el("td", span), el("td", notes, " ", inline_sources(ctx, role["sources"]))))
    if not rows:
        return Html("")
    head = el("thead", el("tr", *(el("th", ctx.t(f"roles.{column}")) for column in ("role", "of", "state", "when", "notes"))))
    return table(head, rows)


def members_list(ctx: Context, members: list[dict]) -> Html:
    items = [el("li", ctx.actor(m["actor"]), f" — {m['role']}" if m.get("role") else "", " ", inline_sources(ctx, m["sources"])) for m in members]
    return el("ul", *items) if items else Html("")


def actor_page(ctx: Context, actor: Record) -> Html:
    data = ctx.data
    offered, received = data.commitments_of(actor.id)
    t = ctx.t
    facts = [
        ("kind", t(f"actor_kind.{actor['kind']}")),
        ("also_written", join(actor.get("aliases", []), "; ")),
        ("note", actor.get("note", "")),
        ("country", ctx.actor(actor["country"]) if actor.get("country") else ""),
        ("member_of", ctx.actors(c.id for c in data.coalitions_of(actor.id))),
    ]
    return page_frame(
        ctx, actor,
        el("p", actor["description"], class_="tr-lead"),
        fact_list(ctx, facts),
        section(t("actor.roles"), roles_table(ctx, actor.get("roles", [])), id="roles"),
        section(t("actor.members"), members_list(ctx, actor.get("members", [])), id="members", searchable=False),
        section(t("actor.people"), *actor_people(ctx, actor), id="people", searchable=False),
        section(t("record.statements"), *actor_statements(ctx, actor), id="statements", searchable=False),
        section(t("actor.positions"), *actor_positions(ctx, actor), id="positions", searchable=False),
        section(t("record.events"), *actor_events(ctx, actor), id="events", searchable=False),
        section(t("actor.events_held_in"), *events_held_in(ctx, actor), id="events-held-in", searchable=False),
        section(t("actor.events_of_people"), *events_of_people(ctx, actor), id="events-of-people", searchable=False),
        section(t("actor.commitments_offered"), *capped_commitments(ctx, offered), id="commitments-offered", searchable=False),
        section(t("actor.commitments_received"), *capped_commitments(ctx, received), id="commitments-received", searchable=False),
        sources_section(ctx, actor),
        subtitle=t(f"actor_kind.{actor['kind']}"),
    )


def actor_statements(ctx: Context, actor: Record) -> tuple[Html, Html]:
    shown, left_out = newest_first(ctx.data.statements_by(actor.id))
    return (statement_list(ctx, shown, with_speaker=actor["kind"] != "person"),
            more_note(ctx, left_out, "more.statements", f"timeline.html?actor={actor.id}", ctx.t("more.where.timeline_actor")))


def actor_events(ctx: Context, actor: Record) -> tuple[Html, Html]:
    shown, left_out = newest_first(ctx.data.events_with(actor.id))
    return (event_rows(ctx, shown, actor.id),
            more_note(ctx, left_out, "more.events", f"timeline.html?actor={actor.id}", ctx.t("more.where.timeline_actor")))


def events_held_in(ctx: Context, actor: Record) -> tuple[Html, Html]:
    """Events whose location is in this state, wherever its own people or officials appear."""
    shown, left_out = newest_first(ctx.data.events_held_in(actor.id))
    return event_rows(ctx, shown), more_note(ctx, left_out, "more.events", "timeline.html", ctx.t("more.where.timeline"))


def events_of_people(ctx: Context, actor: Record) -> tuple[Html, Html]:
    """Events its people took part in, without the actor itself: each with who took part, and how."""
    own = {e.id for e in ctx.data.events_with(actor.id)}
    shown, left_out = newest_first([e for e in ctx.data.events_of_people(actor.id) if e.id not in own])
    people = {p.id for p in ctx.data.people_of(actor.id)}
    items = [el("li", record_date(ctx, event), " · ", event_badge(ctx, event), " ", ctx.ref("events", event.id), " — ",
                people_at(ctx, event, people)) for event in shown]
    return (el("ul", *items, class_="tr-events") if items else Html(""),
            more_note(ctx, left_out, "more.events", "timeline.html", ctx.t("more.where.timeline")))


def people_at(ctx: Context, event: Record, people: set[str]) -> Html:
    """Those of `people` who took part in the event, each with their role and mode."""
    def one(actor_id: str) -> Html:
        part = participation(ctx, event, actor_id)
        return join([ctx.actor(actor_id), el("span", f" ({part})", class_="tr-mode") if part else ""])
    return join((one(p["actor"]) for p in event.get("participants", []) if p["actor"] in people), ", ")


def actor_people(ctx: Context, actor: Record) -> tuple[Html, Html]:
    people = sorted(ctx.data.people_of(actor.id), key=lambda p: (p["name"], p.id))
    shown = el("ul", *(el("li", ctx.actor(p.id)) for p in people[:LIST_LIMIT])) if people else Html("")
    return shown, more_note(ctx, len(people) - len(people[:LIST_LIMIT]), "more.people", list_page("people"), ctx.t("actors.all.people"))


def capped_commitments(ctx: Context, commitments: list[Record]) -> tuple[Html, Html]:
    left_out = max(0, len(commitments) - LIST_LIMIT)
    if not left_out:
        return commitment_rows(ctx, commitments), Html("")
    t = ctx.t
    complete = join([el("a", t("actor.every_guarantee"), href=ctx.href(list_page("security-guarantees"))), t("actor.and"),
                     el("a", t("actor.every_other_commitment"), href=ctx.href(list_page("commitments"))), t("actor.page_by_page")])
    return commitment_rows(ctx, commitments[:LIST_LIMIT]), el("p", t.plural("actor.more_commitments", left_out), complete, ".", class_="tr-more")


# --- events --------------------------------------------------------------------------------------

def participants_list(ctx: Context, participants: list[dict]) -> Html:
    items = []
    for p in participants:
        mode = p.get("mode", "unknown")
        details = join([p.get("role", ""), ctx.t(f"mode.{mode}") if mode != "unknown" else "", p.get("note", "")], "; ")
        items.append(el("li", ctx.actor(p["actor"]), el("span", " — ", details, class_="tr-mode") if details else ""))
    return el("ul", *items, class_="tr-participants") if items else Html("")


def event_page(ctx: Context, event: Record) -> Html:
    location = event.get("location")
    where = join([location["place"], ctx.actor(location["country"]) if location.get("country") else ""], ", ") if location else ""
    t = ctx.t
    when = record_date(ctx, event)
    if event.get("end_date"):
        when = join([when, date_el(ctx, event["end_date"])], " – ")
    facts = [
        ("when", join([when, event.get("date_note", "")], " — ")),
        ("status", join([event_badge(ctx, event), t("event.since", date=t.date(event.latest_status["date"]))], " ")),
        ("kind", ctx.term("event_kinds", event["kind"])),
        ("where", where),
        ("format", t(f"format.{event['format']}") if event.get("format") else ""),
        ("topics", topic_list(ctx, event.get("topics", []))),
    ]
    return page_frame(
        ctx, event,
        el("p", event["summary"], class_="tr-lead"),
        fact_list(ctx, facts),
        # Not indexed: the lead and the badge already say what the status is; keeps the index small.
        section(t("record.status_history"), status_history(ctx, event["status_history"]), id="status-history", searchable=False),
        section(t("event.participants"), participants_list(ctx, event.get("participants", [])), id="participants"),
        section(t("record.figures"), figure_rows(ctx, event.get("figures", [])), id="figures"),
        section(t("record.statements"), *related_statements(ctx, ctx.data.statements_about_event(event.id)), id="statements", searchable=False),
        section(t("event.commitments"), commitment_rows(ctx, ctx.data.commitments_about_event(event.id)), id="commitments", searchable=False),
        section(t("event.related"), *related_events(ctx, event), id="related", searchable=False),
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
        more_note(ctx, left_out, "more.related_events", "timeline.html", ctx.t("more.where.timeline"))


# --- commitments ----------------------------------------------------------------------------------

def amount_text(ctx: Context, amount: dict | None) -> str:
    if not amount:
        return ""
    t, value = ctx.t, amount["value"]
    scaled = t.large_number(value) if value >= 1e9 else t.number(value)
    money = t(f"precision.{amount.get('precision', 'exact')}", value=t("commitment.money", currency=amount["currency"], amount=scaled))
    period_years = amount.get("period_years")
    years = t.plural("commitment.years", period_years) if period_years else ""
    return " ".join(p for p in (money, amount.get("period", ""), years) if p)


def status_history(ctx: Context, history: list[dict]) -> Html:
    items = [el("li", status_badge(ctx, h["status"]), " ", record_date_dict(ctx, h), el("span", " (", h["date_note"], ")", class_="tr-note") if h.get("date_note") else "",
                " — ", h.get("note", ""), " ", inline_sources(ctx, h["sources"])) for h in history]
    return el("ol", *items, class_="tr-history")


def record_date_dict(ctx: Context, values: dict) -> Html:
    return date_el(ctx, values.get("date"), values.get("date_approximate", False))


def open_questions(ctx: Context, questions: list[dict]) -> Html:
    items = [el("li", q["question"], " ", inline_sources(ctx, q["sources"])) for q in questions]
    return el("ul", *items, class_="tr-questions") if items else Html("")


def commitment_page(ctx: Context, commitment: Record) -> Html:
    data = ctx.data
    parts = data.parts_of(commitment.id)
    t = ctx.t
    facts = [
        ("status", status_badge(ctx, commitment.current_status)),
        ("mechanism", ctx.term("mechanisms", commitment["mechanism"])),
        ("area", t(f"area.{commitment['area']}")),
        ("layer", t.number(commitment["layer"]) if commitment.get("layer") else ""),
        ("part_of", ctx.ref("commitments", commitment["part_of"]) if commitment.get("part_of") else ""),
        ("offered_by", ctx.actors(commitment.get("offered_by", []))),
        ("offered_to", ctx.actors(commitment.get("offered_to", []))),
        ("domains", join((ctx.term("domains", d) for d in commitment.get("domains", [])), ", ")),
        ("amount", amount_text(ctx, commitment.get("amount"))),
        ("topics", topic_list(ctx, commitment.get("topics", []))),
    ]
    conditions = [el("li", c) for c in commitment.get("conditions", [])]
    return page_frame(
        ctx, commitment,
        el("p", commitment["description"], class_="tr-lead"),
        fact_list(ctx, facts),
        section(t("record.status_history"), status_history(ctx, commitment["status_history"]), id="status-history"),
        section(t("commitment.parts"), commitment_rows(ctx, parts), id="parts", searchable=False),
        section(t("commitment.conditions"), el("ul", *conditions) if conditions else "", id="conditions"),
        section(t("commitment.open_questions"), open_questions(ctx, commitment.get("open_questions", [])), id="open-questions"),
        section(t("record.events"), event_rows(ctx, [data.get("events", e) for e in commitment.get("related_events", [])]), id="events", searchable=False),
        section(t("record.statements"), *related_statements(ctx, data.statements_about_commitment(commitment.id)), id="statements", searchable=False),
        sources_section(ctx, commitment),
        subtitle=join([ctx.term("mechanisms", commitment["mechanism"]), status_badge(ctx, commitment.current_status)], " · "),
    )


# --- sources ------------------------------------------------------------------------------------

def source_page(ctx: Context, source: Record) -> Html:
    citing = ctx.data.citing(source.id)
    t = ctx.t
    if not source.get("consulted", True):
        consulted = t("source.consulted.no")
    else:
        consulted = t("source.consulted.on", date=t.date(source["accessed"])) if source.get("accessed") else t("source.consulted.yes")
    facts = [
        ("publisher", source.get("publisher", t("source.publisher_unknown"))),
        ("title", source.get("title", t("source.title_unknown"))),
        ("published", join([date_el(ctx, source.get("published"), source.get("published_approximate", False)), source.get("published_note", "")], " — ")),
        ("address", external_link(source["url"], source["url"]) if source.get("url") else t("source.address_unknown")),
        ("consulted", consulted),
        ("kind", t(f"source_kind.{source['kind']}")),
        ("language", source.get("language", "")),
        ("notes", source.get("notes", "")),
    ]
    by_kind = {}
    for record in citing:
        by_kind.setdefault(record.kind, []).append(el("li", ctx.ref(record.kind, record.id)))
    lists = [el("div", el("h3", kind_heading(ctx, kind)), el("ul", *items)) for kind, items in by_kind.items()]
    return page_frame(ctx, source, fact_list(ctx, facts), section(t("source.citing"), *lists, id="citing", searchable=False),
                      subtitle=t("source.subtitle"))
