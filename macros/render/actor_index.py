"""The actors page: each kind of actor in alphabetical order, up to LIST_LIMIT."""
from __future__ import annotations

from ..model import Dataset, Record
from .common import LIST_LIMIT, Context, list_page, more_note, record_page, shortened
from .html import Html, block, el, join

# Each kind of actor, and the name of its complete list (lists/<name>-<n>.html).
ACTOR_GROUPS = {"person": "people", "state": "states", "organisation": "organisations", "coalition": "coalitions"}


def actors_of_kind(data: Dataset, kind: str) -> list[Record]:
    return sorted((a for a in data.all("actors") if a["kind"] == kind), key=lambda a: (a["name"], a.id))


def actor_items(ctx: Context, actors: list[Record]) -> Html:
    items = [el("li", el("a", a["name"], href=ctx.href(record_page("actors", a.id))), " — ", current_roles(a) or shortened(a["description"], 200))
             for a in actors]
    return el("ul", *items, class_="tr-actor-list")


def actor_index(ctx: Context) -> Html:
    """Each kind of actor, alphabetically, up to LIST_LIMIT; the complete lists are paged."""
    groups = []
    for kind, name in ACTOR_GROUPS.items():
        actors = actors_of_kind(ctx.data, kind)
        if actors:
            more = more_note(ctx, len(actors) - len(actors[:LIST_LIMIT]), f"more.{name}", list_page(name), ctx.t(f"actors.all.{name}"))
            groups.append(join([el("h2", ctx.t(f"actors.group.{name}"), id=kind), actor_items(ctx, actors[:LIST_LIMIT]), more]))
    return block(*groups, class_="tr-actor-index")


def current_roles(actor: Record) -> str:
    return "; ".join(r["title"] for r in actor.get("roles", []) if r["state"] == "current")
