"""Which generated pages exist: plain Python, so any site generator can publish them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from .export.catalogue import DATA_PAGE
from .export.dataset_citation import read_citation
from .export.structured import dataset_jsonld
from .load import KINDS
from .model import Dataset
from .render import overview
from .render.common import Context, SiteConfig
from .render.html import escape
from .render.jsonld import record_jsonld, script
from .render.records import page_path, render_record

# What a generated page's Markdown holds instead of its content; the finished HTML replaces it.
PLACEHOLDER = "<!-- tracker: generated page -->"
# The page attribute the site generator's adapter sets to a page's structured data (finished HTML
# for the <head>); the theme override prints it.
HEAD_META = "structured_data"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the data. Its body is rendered on demand, while the site generator
    writes that page, so a build never holds every page in memory at once."""

    path: str  # site path of the HTML page, e.g. "actors/volodymyr-zelensky.html"
    title: str
    render: Callable[[], str]  # returns escaped HTML
    searchable: bool = True
    head: Callable[[], str] | None = None  # structured data for the <head>, finished HTML

    @property
    def head_html(self) -> str:
        return self.head() if self.head is not None else ""

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
            ctx = Context(dataset, path, site)
            yield GeneratedPage(path, dataset.title_of(record), partial(render_record, ctx, record), head=partial(record_head, ctx, record))
    months = overview.timeline_months(dataset)
    for month in months:
        path = overview.month_page(month)
        # Every entry is indexed on its own page; month pages would only double the index.
        yield GeneratedPage(path, f"Timeline: {overview.month_title(month)}", partial(overview.timeline_month, Context(dataset, path, site), month, months),
                            searchable=False)


def record_head(ctx: Context, record) -> str:
    data = record_jsonld(ctx, record)
    return script(data) if data else ""


def hand_written_heads(dataset: Dataset, site: SiteConfig, citation_file: Path) -> dict[str, Callable[[], str]]:
    """Structured data of hand-written pages, by source path: the Dataset on the "Open data" page."""
    source = DATA_PAGE[: -len(".html")] + ".md"
    ctx = Context(dataset, DATA_PAGE, site)
    return {source: lambda: script(dataset_jsonld(ctx, read_citation(citation_file)))}
