"""Which generated pages exist: plain Python, so any site generator can publish them."""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from .load import KINDS
from .model import Dataset
from .render import overview
from .render.common import Context, SiteConfig
from .render.html import escape
from .render.provenance import CHANGES_PER_PAGE, as_of_note, change_entries, changes_list, changes_page_path
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
    yield from older_change_pages(dataset, site)
    months = overview.timeline_months(dataset)
    for month in months:
        path = overview.month_page(month)
        # Every entry is indexed on its own page; month pages would only double the index.
        yield GeneratedPage(path, f"Timeline: {overview.month_title(month)}", partial(overview.timeline_month, Context(dataset, path, site), month, months),
                            searchable=False)


def older_change_pages(dataset: Dataset, site: SiteConfig) -> Iterator[GeneratedPage]:
    """changes/2.html, changes/3.html ...: the list of changes beyond what changes.html shows."""
    entries = change_entries(Context(dataset, "changes.html", site))
    pages = -(-len(entries) // CHANGES_PER_PAGE)
    for number in range(2, pages + 1):
        path = changes_page_path(number)
        yield GeneratedPage(path, f"Changes to the data, page {number}", partial(changes_list, Context(dataset, path, site), entries, number),
                            searchable=False)


# One "as of" line per folder of the site: it differs between pages only in its relative links.
_as_of_lines: dict[str, tuple[SiteConfig, str]] = {}


def as_of_line(dataset: Dataset, site: SiteConfig, page_path: str) -> str:
    """The "data as of" line every page ends with (escaped HTML)."""
    folder = posixpath.dirname(page_path)
    cached = _as_of_lines.get(folder)
    if cached is None or cached[0] is not site:
        cached = (site, "\n" + str(as_of_note(Context(dataset, page_path, site))) + "\n")
        _as_of_lines[folder] = cached
    return cached[1]
