"""Which pages the data reaches: the generated pages, and the macros hand-written pages call.

Plain Python, so any site generator can publish them, and `make diff` can render two versions of
the data through exactly the functions a build uses.
"""
from __future__ import annotations

import ast
import json
import posixpath
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .export.catalogue import DATA_PAGE
from .export.dataset_citation import CITATION_PATH, read_citation
from .export.structured import dataset_jsonld
from .kinds import KINDS
from .render import actor_index, complete_lists, guarantees, home, methodology, source_index, timeline
from .render import positions as position_pages
from .render.common import Rendering, pages_needed
from .render.html import escape
from .render.jsonld import script
from .render.provenance import CHANGES_PER_PAGE, as_of_note, change_entries, changes_list, changes_page_path
from .render.search import search_html
from .render.share import follow_line, issue_share, page_meta, page_share, record_follow_line, record_meta
from .render.theme import STRUCTURED_DATA_META, front_matter

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
    # What the search index gets instead of the page (render/search.py): blocks of plain words,
    # and the entry's tags.
    search: Callable[[], list[str]] | None = None
    tags: tuple[str, ...] = ()
    origin: str = ""  # what the page is made from, for messages: "data/actors/x.yml:1"
    head: Callable[[], str] | None = None  # structured data for the <head>, finished HTML
    # What the page says when it is shared (render/share.py): its description and head tags.
    share: Callable[[], dict[str, str]] | None = None

    @property
    def head_html(self) -> str:
        return self.head() if self.head is not None else ""

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
        return search_html(self.search()) if self.search else self.body

    def front_matter(self, *, shared: bool = True) -> dict:
        # The theme prints the title and tags unescaped, so they get the escaped form.
        front = front_matter(str(escape(self.title)), searchable=self.searchable, tags=[str(escape(tag)) for tag in self.tags])
        return {**front, **self.share()} if shared and self.share is not None else front

    def as_finished_markdown(self) -> str:
        """The page as a plain Markdown file: front matter and the finished HTML, for a site
        generator without our hooks (raw HTML blocks pass through Markdown unchanged)."""
        return self.as_markdown(with_head=True).replace(PLACEHOLDER, str(self.body).strip("\n"))

    def as_markdown(self, *, with_head: bool = False) -> str:
        """Front matter for the site generator and a placeholder: the HTML is finished already, and
        running it through Markdown would only cost time (two HTML parses per page). With the
        head, the structured data rides in the front matter, where our hooks would set it."""
        # JSON is valid YAML. What the page says when shared rides along with its head (our hooks
        # take the front matter from the page itself).
        front = self.front_matter(shared=with_head)
        if with_head and self.head_html:
            front[STRUCTURED_DATA_META] = self.head_html
        return "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + PLACEHOLDER + "\n"


def generated_pages(rendering: Rendering) -> Iterator[GeneratedPage]:
    """One page per record, the pages of the complete lists, and one per timeline month, in a stable order."""
    dataset, t = rendering.data, rendering.site.locale
    for kind in KINDS:
        view = rendering.views[kind]
        for record in sorted(dataset.all(kind), key=lambda r: r.id):
            path = KINDS[kind].page(record.id)
            ctx = rendering.context(path)
            yield GeneratedPage(path, ctx.title_of(record), partial(followed, partial(view.page, ctx, record), partial(record_follow_line, ctx, record)),
                                search=partial(view.search_words, ctx, record), tags=tuple(view.tags(ctx, record)),
                                origin=f"{record.path}:{record.line_of('id')}", head=partial(view.head, ctx, record),
                                share=partial(record_meta, ctx, record))
    for path, title, render in complete_lists.list_pages(dataset, t):
        # Lists of records indexed on their own pages; the lists would only repeat their titles.
        ctx = rendering.context(path)
        yield GeneratedPage(path, title, partial(render, ctx), searchable=False, share=partial(page_meta, ctx, page_share(ctx, title)))
    yield from older_change_pages(rendering)
    months = timeline.timeline_months(dataset)
    for month, records in months.items():
        parts = timeline.month_part_count(records)
        for part in range(1, parts + 1):
            path = timeline.month_page(month, part)
            title = timeline.month_page_title(t, month, part, parts)
            # Every entry is indexed on its own page; month pages would only double the index.
            ctx = rendering.context(path)
            yield GeneratedPage(path, title, partial(timeline.timeline_month, ctx, month, months, part),
                                searchable=False, origin=f"the timeline month {month}", share=partial(page_meta, ctx, page_share(ctx, title)))
    yield from position_pages_of(rendering)


def position_pages_of(rendering: Rendering) -> Iterator[GeneratedPage]:
    """One page per negotiation issue (and its numbered continuations), and the grid's further pages
    (its first page is the hand-written positions.md)."""
    dataset, t = rendering.data, rendering.site.locale
    for issue in dataset.vocabulary_terms.get("issues", {}):
        label = dataset.term_label("issues", issue)
        for n in range(1, position_pages.issue_page_count(dataset, issue) + 1):
            path = position_pages.issue_path(issue, n)
            title = t("issue.page_title", issue=label) if n == 1 else t("issue.page_title_numbered", issue=label, number=t.number(n))
            ctx = rendering.context(path)
            share = issue_share(ctx, issue, title)
            yield GeneratedPage(path, title, partial(followed, partial(position_pages.issue_body, ctx, issue, n), partial(follow_line, ctx, share)),
                                searchable=n == 1, origin=f"the negotiation issue {issue} in data/vocabulary.yml", share=partial(page_meta, ctx, share))
    for n in range(2, position_pages.grid_page_count(dataset) + 1):
        path = position_pages.grid_path(n)
        ctx = rendering.context(path)
        title = t("positions.grid_title_numbered", number=t.number(n))
        yield GeneratedPage(path, title, partial(position_pages.grid, ctx, n), searchable=False,
                            origin="the positions grid", share=partial(page_meta, ctx, page_share(ctx, title)))


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


def older_change_pages(rendering: Rendering) -> Iterator[GeneratedPage]:
    """changes/2.html, changes/3.html ...: the list of changes beyond what changes.html shows."""
    entries = change_entries(rendering.context("changes.html"))
    pages = pages_needed(len(entries), CHANGES_PER_PAGE)
    for number in range(2, pages + 1):
        path = changes_page_path(number)
        ctx = rendering.context(path)
        title = rendering.site.locale("changes.page_title", number=rendering.site.locale.number(number))
        yield GeneratedPage(path, title, partial(changes_list, ctx, entries, number),
                            searchable=False, origin=f"the list of changes, page {number}", share=partial(page_meta, ctx, page_share(ctx, title)))


def followed(render: Callable[[], str], follow: Callable[[], str]) -> str:
    """A page's body, then its "Follow" link when what it is about has a feed."""
    return str(render()) + str(follow())


def hand_written_share(rendering: Rendering, path: str, title: str, description: str = "") -> dict[str, str]:
    """What a hand-written page says when it is shared: its own description (front matter)."""
    home = path == "index.html"
    ctx = rendering.context(path)
    return page_meta(ctx, page_share(ctx, rendering.site.site_name if home else title, description, og_type="website" if home else "article"))


def as_of_line(rendering: Rendering, page_path: str) -> str:
    """The "data as of" line every page ends with (escaped HTML). It differs between pages only in
    its relative links: made once per folder of the site."""
    key = ("as of", posixpath.dirname(page_path))
    line = rendering.shared.get(key)
    if line is None:
        line = rendering.shared[key] = "\n" + str(as_of_note(rendering.context(page_path))) + "\n"
    return line


def hand_written_heads(rendering: Rendering, citation_file: Path = CITATION_PATH) -> dict[str, Callable[[], str]]:
    """Structured data of hand-written pages, by source path: the Dataset on the "Open data" page."""
    source = DATA_PAGE[: -len(".html")] + ".md"
    ctx = rendering.context(DATA_PAGE)
    return {source: lambda: script(dataset_jsonld(ctx, read_citation(citation_file)))}


def with_head(text: str, head: str) -> str:
    """A hand-written page's text with its structured data added to its front matter (as JSON,
    which YAML reads back exactly: the HTML escapes inside stay escapes)."""
    line = f"{STRUCTURED_DATA_META}: {json.dumps(head, ensure_ascii=False)}\n"
    return "---\n" + line + text[4:] if text.startswith("---\n") else "---\n" + line + "---\n" + text


def macro_functions() -> dict[str, Callable]:
    """The macros hand-written pages may call, by name; each takes the page's Context first."""
    from .export import page as open_data
    from .render import charts, provenance, queue

    return {
        "counts": home.counts,
        "latest": home.latest,
        "ahead": home.ahead,
        "changes": provenance.changes_overview,
        "stale_notice": provenance.stale_notice,
        "review_queue": queue.review_page,
        "timeline": timeline.timeline,
        "guarantees": guarantees.guarantees,
        "actor_index": actor_index.actor_index,
        "source_index": source_index.source_index,
        "status_table": methodology.status_table,
        "vocabulary_table": methodology.vocabulary_table,
        # Open data: charts drawn at build time, and the "Open data" page's lists of files and fields.
        "events_chart": charts.events_chart,
        "status_chart": charts.status_chart,
        "guarantor_matrix": charts.guarantor_matrix,
        "open_data_files": open_data.files_table,
        "field_reference": open_data.field_reference,
        "field_references": open_data.field_references,
        "subscribe_links": open_data.subscribe_links,
        # Where the parties stand: the positions grid, and the methodology's codebook and issues.
        "positions_grid": position_pages.grid,
        "stance_table": position_pages.stance_table,
        "issue_table": position_pages.issue_table,
        # Licence, citation (from CITATION.cff) and the data package's keys.
        "licence_notice": open_data.licence_notice,
        "dataset_citation": open_data.dataset_citation,
        "package_keys": open_data.package_keys,
    }


# A macro call as hand-written pages write it: {{ name(literal arguments) }}.
_MACRO_CALL = re.compile(r"\{\{\s*([a-z_]+\s*\(.*?\))\s*\}\}")


@dataclass(frozen=True)
class MacroPage:
    """A hand-written page and the macro calls in it, in order: all the data it shows."""

    path: str  # site path, e.g. "actors/index.html"
    calls: tuple[tuple[str, tuple], ...]

    def render(self, rendering: Rendering, functions: dict[str, Callable]) -> str:
        ctx = rendering.context(self.path)
        return "\n".join(str(functions[name](ctx, *args)) for name, args in self.calls)


# mkdocs-macros renders only the pages that ask for it in their front matter.
_RENDERS_MACROS = re.compile(r"\A---\n(?:.*\n)*?render_macros:\s*true\s*\n(?:.*\n)*?---\n")


def macro_pages(docs_dir: Path) -> list[MacroPage]:
    """Every hand-written page under docs_dir that calls a macro."""
    pages = []
    for source in sorted(Path(docs_dir).rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        calls = tuple(_parse_call(m) for m in _MACRO_CALL.findall(text)) if _RENDERS_MACROS.match(text) else ()
        if calls:
            pages.append(MacroPage(source.relative_to(docs_dir).with_suffix(".html").as_posix(), calls))
    return pages


def _parse_call(text: str) -> tuple[str, tuple]:
    call = ast.parse(text, mode="eval").body
    return call.func.id, tuple(ast.literal_eval(arg) for arg in call.args)


_RAW = re.compile(r"\{%\s*raw\s*%\}(.*?)\{%\s*endraw\s*%\}", re.S)
# {{ config.extra.repository }} and the like: settings a hand-written page shows.
_CONFIG_VALUE = re.compile(r"\{\{\s*config((?:\.[a-z_]+)+)\s*\}\}")


def expand_page(text: str, path: str, rendering: Rendering, config: dict, functions: dict[str, Callable]) -> str:
    """A hand-written page with its macro calls and config values replaced by what they give."""
    if not _RENDERS_MACROS.match(text):
        return text
    ctx = rendering.context(path)

    def call(match: re.Match) -> str:
        name, args = _parse_call(match.group(1))
        return str(functions[name](ctx, *args))

    def setting(match: re.Match) -> str:
        value = config
        for key in match.group(1).strip(".").split("."):
            value = value[key]
        return str(value)

    # Text between {% raw %} and {% endraw %} is shown as written (Jinja's rule); the tags go.
    parts = _RAW.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _CONFIG_VALUE.sub(setting, _MACRO_CALL.sub(call, parts[i]))
    return "".join(parts)


def write_docs(rendering: Rendering, docs_dir: Path, out_dir: Path, config: dict) -> int:
    """A complete docs folder that any MkDocs-like generator can build without our hooks or macros:
    docs/ with every macro expanded, and every generated page as Markdown. Returns the pages written."""
    docs_dir, out_dir = Path(docs_dir), Path(out_dir)
    functions = macro_functions()
    sources = sorted(p for p in docs_dir.rglob("*") if p.is_file())
    taken = {(p.relative_to(docs_dir).with_suffix(".html") if p.suffix == ".md" else p.relative_to(docs_dir)).as_posix(): f"{docs_dir.name}/{p.relative_to(docs_dir).as_posix()}"
             for p in sources}
    pages = claim_output_paths(generated_pages(rendering), taken)  # before anything is written
    heads = hand_written_heads(rendering)
    written = 0
    for source in sources:
        target = out_dir / source.relative_to(docs_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            path = source.relative_to(docs_dir).with_suffix(".html").as_posix()
            text = expand_page(source.read_text(encoding="utf-8"), path, rendering, config, functions)
            head = heads.get(source.relative_to(docs_dir).as_posix())
            text = with_head(text, head()) if head else text
            target.write_text(text.rstrip("\n") + "\n" + as_of_line(rendering, path), encoding="utf-8")
            written += 1
        else:
            target.write_bytes(source.read_bytes())
    for page in pages:
        target = out_dir / page.source_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.as_finished_markdown().rstrip("\n") + "\n" + as_of_line(rendering, page.path), encoding="utf-8")
        written += 1
    return written
