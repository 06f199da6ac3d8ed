"""Which generated pages exist: plain Python, so any site generator can publish them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Iterator

from .load import KINDS
from .model import Dataset
from .render import overview
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
    origin: str = ""  # what the page is made from, for messages: "data/actors/x.yml:1"

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
            yield GeneratedPage(path, dataset.title_of(record), partial(render_record, Context(dataset, path, site), record),
                                origin=f"{record.path}:{record.line_of('id')}")
    months = overview.timeline_months(dataset)
    for month in months:
        path = overview.month_page(month)
        # Every entry is indexed on its own page; month pages would only double the index.
        yield GeneratedPage(path, f"Timeline: {overview.month_title(month)}", partial(overview.timeline_month, Context(dataset, path, site), month, months),
                            searchable=False, origin=f"the timeline month {month}")


class DuplicateOutput(Exception):
    """Two pages would be written to the same path: the later one would silently replace the other."""


def claim_output_paths(pages: Iterable[GeneratedPage], taken: dict[str, str]) -> list[GeneratedPage]:
    """The generated pages, once it is sure that none shares its path with another or with one of
    the site's own pages (`taken`: path → where that page comes from). Raises DuplicateOutput."""
    owners = dict(taken)
    claimed, clashes = [], []
    for page in pages:
        if page.path in owners:
            clashes.append(f"{page.origin}: its page {page.path} would replace {owners[page.path]} (choose another id)")
        else:
            owners[page.path] = page.origin
            claimed.append(page)
    if clashes:
        raise DuplicateOutput(f"{len(clashes)} page(s) would be written over another:\n" + "\n".join(clashes))
    return claimed
