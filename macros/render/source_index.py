"""The sources page: every source by id, with how many records cite it."""
from __future__ import annotations

from ..model import Dataset, Record
from .common import LIST_LIMIT, Context, list_page, more_note, record_page
from .html import Html, block, el


def source_items(ctx: Context, sources: list[Record]) -> Html:
    items = [el("li", el("a", s.title, href=ctx.href(record_page("sources", s.id))), " — ", citing_count(ctx, len(ctx.data.citing(s.id))))
             for s in sources]
    return el("ul", *items, class_="tr-source-list")


def sources_by_id(data: Dataset) -> list[Record]:
    return sorted(data.all("sources"), key=lambda s: s.id)


def source_index(ctx: Context) -> Html:
    sources = sources_by_id(ctx.data)
    more = more_note(ctx, len(sources) - len(sources[:LIST_LIMIT]), "more.sources", list_page("sources"), ctx.t("sources.every_source"))
    return block(source_items(ctx, sources[:LIST_LIMIT]), more)


def citing_count(ctx: Context, n: int) -> str:
    return ctx.t.plural("sources.cited_by", n) if n else ctx.t("sources.cited_by_none")
