"""Pieces of record pages that other pages list too: a statement's speaker, rows of events and
commitments, topics, and the facts at the top of a record's page."""
from __future__ import annotations

from ..model import Record
from .common import Context, event_badge, record_date, status_badge
from .html import Html, el, join


def speaker_of(ctx: Context, statement: Record) -> Html:
    if statement.get("speaker"):
        return ctx.actor(statement["speaker"])
    affiliation = statement.get("speaker_affiliation")
    return join([statement["speaker_unnamed"], join(["(", ctx.actor(affiliation), ")"]) if affiliation else ""], " ")


def event_rows(ctx: Context, events: list[Record], actor_id: str | None = None) -> Html:
    items = []
    for event in events:
        part = participation(ctx, event, actor_id) if actor_id else ""
        items.append(el("li", record_date(ctx, event), " · ", event_badge(ctx, event), " ", ctx.ref("events", event.id),
                        el("span", f" ({part})", class_="tr-mode") if part else ""))
    return el("ul", *items, class_="tr-events") if items else Html("")


def participation(ctx: Context, event: Record, actor_id: str) -> str:
    """How the actor took part, as the event records it: "host; in person"."""
    entry = next((p for p in event.get("participants", []) if p["actor"] == actor_id), {})
    mode = entry.get("mode", "unknown")
    return "; ".join(part for part in (entry.get("role", ""), ctx.t(f"mode.{mode}") if mode != "unknown" else "") if part)


def commitment_rows(ctx: Context, commitments: list[Record]) -> Html:
    items = [el("li", ctx.ref("commitments", c.id), " · ", el("span", ctx.term("mechanisms", c["mechanism"]), class_="tr-mechanism"), " · ",
                status_badge(ctx, c.current_status)) for c in commitments]
    return el("ul", *items, class_="tr-commitments") if items else Html("")


def topic_list(ctx: Context, topics: list[str]) -> Html:
    return join((el("span", ctx.term("topics", t), class_="tr-topic") for t in topics), " ")


def fact_list(ctx: Context, facts: list[tuple[str, Html | str]]) -> Html:
    """Facts as (name, value); each name's words are the message "fact.<name>"."""
    rows = [join([fact_label(ctx, k), el("dd", v)]) for k, v in facts if v]
    return el("dl", *rows, class_="tr-facts") if rows else Html("")


def fact_label(ctx: Context, name: str) -> Html:
    """"Said by", "When", "Status" ...: the same few labels on every record page, made once."""
    key = ("fact", name)
    made = ctx.shared.get(key)
    if made is None:
        made = ctx.shared[key] = el("dt", ctx.t(f"fact.{name}"))
    return made
