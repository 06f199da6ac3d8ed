"""Which pages the data reaches: the generated pages, and the macros hand-written pages call.

Plain Python, so any site generator can publish them, and `make diff` can render two versions of
the data through exactly the functions a build uses.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from .kinds import KINDS
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


def macro_functions() -> dict[str, Callable]:
    """The macros hand-written pages may call, by name; each takes the page's Context first."""
    from .export import page as open_data
    from .render import charts

    return {
        "counts": overview.counts,
        "latest": overview.latest,
        "timeline": overview.timeline,
        "guarantees": overview.guarantees,
        "actor_index": overview.actor_index,
        "source_index": overview.source_index,
        "status_table": lambda ctx, kind: overview.status_table(kind),
        "vocabulary_table": overview.vocabulary_table,
        # Open data: charts drawn at build time, and the "Open data" page's lists of files and fields.
        "events_chart": charts.events_chart,
        "status_chart": charts.status_chart,
        "guarantor_matrix": charts.guarantor_matrix,
        "open_data_files": open_data.files_table,
        "field_reference": open_data.field_reference,
        "field_references": open_data.field_references,
        "subscribe_links": open_data.subscribe_links,
    }


# A macro call as hand-written pages write it: {{ name(literal arguments) }}.
_MACRO_CALL = re.compile(r"\{\{\s*([a-z_]+\s*\(.*?\))\s*\}\}")


@dataclass(frozen=True)
class MacroPage:
    """A hand-written page and the macro calls in it, in order: all the data it shows."""

    path: str  # site path, e.g. "actors/index.html"
    calls: tuple[tuple[str, tuple], ...]

    def render(self, dataset: Dataset, site: SiteConfig, functions: dict[str, Callable]) -> str:
        ctx = Context(dataset, self.path, site)
        return "\n".join(str(functions[name](ctx, *args)) for name, args in self.calls)


def macro_pages(docs_dir: Path) -> list[MacroPage]:
    """Every hand-written page under docs_dir that calls a macro."""
    pages = []
    for source in sorted(Path(docs_dir).rglob("*.md")):
        calls = tuple(_parse_call(m) for m in _MACRO_CALL.findall(source.read_text(encoding="utf-8")))
        if calls:
            pages.append(MacroPage(source.relative_to(docs_dir).with_suffix(".html").as_posix(), calls))
    return pages


def _parse_call(text: str) -> tuple[str, tuple]:
    call = ast.parse(text, mode="eval").body
    return call.func.id, tuple(ast.literal_eval(arg) for arg in call.args)
