"""Which generated pages exist: plain Python, so any site generator can publish them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from .load import KINDS
from .model import Dataset
from .render import overview
from .render.common import Context, SiteConfig
from .render.html import escape
from .render.records import page_path, render_record
from .render.search import search_html, search_terms

# What a generated page's Markdown holds instead of its content; the finished HTML replaces it.
PLACEHOLDER = "<!-- tracker: generated page -->"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the data. Its body is rendered on demand, while the site generator
    writes that page, so a build never holds every page in memory at once."""

    path: str  # site path of the HTML page, e.g. "actors/volodymyr-zelensky.html"
    title: str
    render: Callable[[], str]  # returns escaped HTML
    searchable: bool = True
    # What the search index gets instead of the page (render/search.py), and the entry's tags.
    search: Callable[[], str] | None = None
    tags: tuple[str, ...] = ()

    @property
    def source_path(self) -> str:
        return self.path[: -len(".html")] + ".md"

    @property
    def body(self) -> str:
        return self.render()

    @property
    def indexed(self) -> str:
        """The HTML the search index reads: the record's own words, not the whole page."""
        if not self.searchable:
            return ""
        return self.search() if self.search else self.body

    def front_matter(self) -> dict:
        # The theme prints the title unescaped, so it gets the escaped form.
        front: dict = {"title": str(escape(self.title)), "hide": ["toc"]}
        if not self.searchable:
            front["search"] = {"exclude": True}
        if self.tags:
            front["tags"] = [str(escape(tag)) for tag in self.tags]
        return front

    def as_markdown(self) -> str:
        """Front matter for the site generator and a placeholder: the HTML is finished already, and
        running it through Markdown would only cost time (two HTML parses per page)."""
        # JSON is valid YAML.
        return "---\n" + json.dumps(self.front_matter(), ensure_ascii=False) + "\n---\n" + PLACEHOLDER + "\n"


def generated_pages(dataset: Dataset, site: SiteConfig) -> Iterator[GeneratedPage]:
    """One page per record, the pages of the complete lists, and one per timeline month, in a stable order."""
    for kind in KINDS:
        for record in sorted(dataset.all(kind), key=lambda r: r.id):
            path = page_path(record)
            ctx = Context(dataset, path, site)
            yield GeneratedPage(path, dataset.title_of(record), partial(render_record, ctx, record),
                                search=partial(search_html, ctx, record), tags=tuple(search_terms(ctx, record)))
    for path, title, render in overview.list_pages(dataset):
        # Lists of records indexed on their own pages; the lists would only repeat their titles.
        yield GeneratedPage(path, title, partial(render, Context(dataset, path, site)), searchable=False)
    months = overview.timeline_months(dataset)
    for month in months:
        path = overview.month_page(month)
        # Every entry is indexed on its own page; month pages would only double the index.
        yield GeneratedPage(path, f"Timeline: {overview.month_title(month)}", partial(overview.timeline_month, Context(dataset, path, site), month, months),
                            searchable=False)
