"""Which generated pages exist: plain Python, so any site generator can publish them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from .load import KINDS
from .model import Dataset
from .render import overview
from .render import positions as position_pages
from .render.common import Context, SiteConfig
from .render.html import escape
from .render.records import page_path, render_record

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

    @property
    def source_path(self) -> str:
        return self.path[: -len(".html")] + ".md"

    @property
    def body(self) -> str:
        return self.render()

    def as_markdown(self) -> str:
        """Front matter for the site generator and a placeholder: the HTML is finished already, and
        running it through Markdown would only cost time (two HTML parses per page)."""
        # The theme prints the title unescaped, so it gets the escaped form; JSON is valid YAML.
        front = {"title": str(escape(self.title)), "hide": ["toc"]}
        if not self.searchable:
            front["search"] = {"exclude": True}
        return "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + PLACEHOLDER + "\n"


def generated_pages(dataset: Dataset, site: SiteConfig) -> Iterator[GeneratedPage]:
    """One page per record and one per timeline month, in a stable order."""
    for kind in KINDS:
        for record in sorted(dataset.all(kind), key=lambda r: r.id):
            path = page_path(record)
            yield GeneratedPage(path, dataset.title_of(record), partial(render_record, Context(dataset, path, site), record))
    months = overview.timeline_months(dataset)
    for month in months:
        path = overview.month_page(month)
        # Every entry is indexed on its own page; month pages would only double the index.
        yield GeneratedPage(path, f"Timeline: {overview.month_title(month)}", partial(overview.timeline_month, Context(dataset, path, site), month, months),
                            searchable=False)
    yield from position_pages_of(dataset, site)


def position_pages_of(dataset: Dataset, site: SiteConfig) -> Iterator[GeneratedPage]:
    """One page per negotiation issue (and its numbered continuations), and the grid's further pages
    (its first page is the hand-written positions.md)."""
    for issue in dataset.vocabulary_terms.get("issues", {}):
        label = dataset.term_label("issues", issue)
        for n in range(1, position_pages.issue_page_count(dataset, issue) + 1):
            path = position_pages.issue_path(issue, n)
            title = f"{label}: where the parties stand" + (f" (page {n})" if n > 1 else "")
            yield GeneratedPage(path, title, partial(position_pages.issue_body, Context(dataset, path, site), issue, n), searchable=n == 1)
    for n in range(2, position_pages.grid_page_count(dataset) + 1):
        path = position_pages.grid_path(n)
        yield GeneratedPage(path, f"Positions (page {n})", partial(position_pages.grid, Context(dataset, path, site), n), searchable=False)
