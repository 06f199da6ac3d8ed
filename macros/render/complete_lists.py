"""The complete lists an overview page caps, page by page: lists/<name>-<n>.html."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from ..i18n import Locale
from ..model import Dataset, Record
from .actor_index import ACTOR_GROUPS, actor_items, actors_of_kind
from .common import Context, list_page, page_of, pages_needed
from .guarantees import guarantee_table, other_commitments, security_commitments
from .html import Html, block, el, join
from .records import commitment_rows
from .source_index import source_items, sources_by_id

# Rows on one page of a complete list: a few hundred kB at most, whatever the size of the data.
LIST_PAGE_SIZE = 200


@dataclass(frozen=True)
class CompleteList:
    """A list an overview page caps, in full over as many pages as it takes; its title is the
    message lists.title.<name>."""

    name: str
    records: Callable[[Dataset], list[Record]]
    render: Callable[[Context, list[Record]], Html]


COMPLETE_LISTS = (
    CompleteList("security-guarantees", security_commitments, guarantee_table),
    CompleteList("commitments", other_commitments, commitment_rows),
    *(CompleteList(name, partial(actors_of_kind, kind=kind), actor_items) for kind, name in ACTOR_GROUPS.items()),
    CompleteList("sources", sources_by_id, source_items),
)


def list_pages(data: Dataset, t: Locale) -> Iterator[tuple[str, str, Callable[[Context], Html]]]:
    """(site path, title, renderer) of every page of every complete list; an empty list has one page."""
    for complete in COMPLETE_LISTS:
        records = complete.records(data)
        count = pages_needed(len(records), LIST_PAGE_SIZE)
        for number in range(1, count + 1):
            chunk = page_of(records, LIST_PAGE_SIZE, number)
            title = t(f"lists.title.{complete.name}")
            if count > 1:
                title = t("lists.page_of", title=title, number=t.number(number), count=t.number(count))
            yield list_page(complete.name, number), title, partial(_list_page, complete, chunk, number, count, len(records))


def _list_page(complete: CompleteList, chunk: list[Record], number: int, count: int, total: int, ctx: Context) -> Html:
    first = (number - 1) * LIST_PAGE_SIZE + 1
    t = ctx.t
    where = el("p", t("lists.range", total=t.number(total), first=t.number(first), last=t.number(first + len(chunk) - 1)) if chunk else t("lists.empty"),
               class_="tr-list-range")
    return block(where, complete.render(ctx, chunk), pager(ctx, complete.name, number, count), class_="tr-complete-list")


def pager(ctx: Context, name: str, number: int, count: int) -> Html:
    """Previous, next, and every page number (a few dozen at most: a page holds LIST_PAGE_SIZE)."""
    if count == 1:
        return Html("")
    links = [el("li", el("a", ctx.t.number(n), href=ctx.href(list_page(name, n)), aria_current="page" if n == number else None)) for n in range(1, count + 1)]
    steps = [el("a", ctx.t("lists.previous"), href=ctx.href(list_page(name, number - 1)), rel="prev") if number > 1 else "",
             el("a", ctx.t("lists.next"), href=ctx.href(list_page(name, number + 1)), rel="next") if number < count else ""]
    return el("nav", el("p", join(steps, " · ")), el("ol", *links, class_="tr-pager"), aria_label=ctx.t("lists.pages_label"))
