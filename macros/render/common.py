"""Pieces every page uses: links between records, dates, badges, sources, edit links."""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Callable

from ..history import History, ReferenceDate
from ..i18n import Locale
from ..kinds import KINDS
from ..model import DATE_PASSED, Dataset, Record, event_state
from .html import Html, el, external_link, join, link, table
from .theme import unsearched


def record_page(kind: str, record_id: str) -> str:
    """The site path of a record's own page: a stable URL that never moves."""
    return KINDS[kind].page(record_id)


@dataclass
class SiteConfig:
    """What rendering needs from the site generator, and nothing more."""

    repository: str = ""
    branch: str = "main"
    site_name: str = "Ukraine Peace Process Tracker"
    site_url: str = ""
    # "As of" for this build (None: not known, so no event is treated as past) and git history.
    as_of: ReferenceDate | None = None
    history: History = field(default_factory=History.unavailable)
    # The language of every word rendering writes (macros/i18n.py).
    locale: Locale = field(default_factory=Locale)

    @property
    def reference_day(self) -> str:
        return self.as_of.day if self.as_of else ""


class Rendering:
    """Everything one build renders with: the dataset, the site's settings, how each kind of record
    looks (macros/render/views.py), and the markup its pages share. Links to records and citations
    made for pages of one folder are the same markup on every page there, so they are made once
    per Rendering. A build makes one (macros/site.py); `make diff` one per side. A second language
    would be a second Rendering of the same dataset, with markup of its own."""

    def __init__(self, dataset: Dataset, site: SiteConfig, views):
        self.data = dataset
        self.site = site
        self.views = views
        self.shared: dict = {}

    def context(self, page_path: str) -> "Context":
        return Context(self, page_path)

    def title_of(self, record: Record) -> str:
        """What a reader calls a record, as its kind's view declares (a statement: its speaker and words)."""
        return self.views.title_of(self.data, record)


class Context:
    """Rendering state for one page: where it is (for relative links), and the Rendering it is
    part of; `ctx.t` is its language (messages, dates, numbers; macros/i18n.py)."""

    def __init__(self, rendering: Rendering, page_path: str):
        self.rendering = rendering
        self.data = rendering.data
        self.site = rendering.site
        self.shared = rendering.shared
        self.page_path = page_path
        self.t = rendering.site.locale
        self.folder = posixpath.dirname(page_path) or "."

    def title_of(self, record: Record) -> str:
        return self.rendering.title_of(record)

    def href(self, target: str) -> str:
        """A relative link from this page to a site path, so the site also works from disk."""
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        if not target:
            return anchor
        return _relative(target, self.folder) + anchor

    def ref(self, kind: str, record_id: str, text: str | None = None) -> Html:
        if text:
            return link(self.href(record_page(kind, record_id)), text)
        key = (self.folder, kind, record_id)
        made = self.shared.get(key)
        if made is None:
            record = self.data.get(kind, record_id)
            made = self.shared[key] = link(self.href(record_page(kind, record_id)), self.title_of(record) if record else record_id)
        return made

    def actor(self, actor_id: str) -> Html:
        return self.ref("actors", actor_id)

    def actors(self, actor_ids) -> Html:
        return join((self.actor(a) for a in actor_ids), ", ")

    def statement_href(self, statement: Record) -> str:
        return self.href(record_page("statements", statement.id))

    def term(self, vocabulary: str, term: str) -> str:
        return self.data.term_label(vocabulary, term)


@functools.lru_cache(maxsize=1 << 18)
def _relative(target: str, folder: str) -> str:
    """posixpath.relpath(target, folder), which asks for the working directory twice a call: site
    paths ("actors/x.html", from the folder "events" or ".") are compared part by part instead."""
    if not _is_clean(target) or (folder != "." and not _is_clean(folder)):
        return posixpath.relpath(target, folder)
    to, here = target.split("/"), [] if folder == "." else folder.split("/")
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _is_clean(path: str) -> bool:
    """A relative path without empty, "." or ".." parts."""
    return bool(path) and all(part not in ("", ".", "..") for part in path.split("/"))


def date_el(ctx: Context, value: str | None, approximate: bool = False) -> Html:
    key = ("date", value, approximate)
    made = ctx.shared.get(key)
    if made is None:
        made = ctx.shared[key] = (el("time", ctx.t.date(value, approximate), datetime=value, class_="tr-date") if value
                                  else el("span", ctx.t.date(None), class_="tr-date"))
    return made


def record_date(ctx: Context, record: Record, name: str = "date") -> Html:
    return date_el(ctx, record.get(name), record.get(f"{name}_approximate", False))


@functools.lru_cache(maxsize=4096)  # a few words each (statuses, kinds), on nearly every line of every list
def badge(text: str, kind: str) -> Html:
    return el("span", text, class_=f"tr-badge tr-badge--{kind}")


def kind_heading(ctx: Context, kind: str) -> str:
    """"Events", "Actors": a kind's records, as a heading names them."""
    return ctx.t.get(f"kind_heading.{kind}", ctx.rendering.views[kind].heading)


def status_label(t: Locale, status: str) -> str:
    """A status's words (an event's, a commitment's, a role's, or one derived: "date-passed")."""
    return t(f"status.{status}")


def status_badge(ctx: Context, status: str) -> Html:
    return badge(status_label(ctx.t, status), status)


def statement_kind_badge(ctx: Context, kind: str) -> Html:
    return badge(ctx.t(f"statement_kind.{kind}"), kind)


def event_badge(ctx: Context, event: Record) -> Html:
    """The event's status as of the build's reference date. A still upcoming one carries its last
    day, so that a copy read later can mark it as passed by the reader's own clock (as-of.js)."""
    state = event_state(event, ctx.site.reference_day)
    if state != "scheduled":
        return status_badge(ctx, state)
    until = event.get("end_date") or event.get("date") or ""
    return el("span", status_label(ctx.t, "scheduled"), class_="tr-badge tr-badge--scheduled", data_scheduled_until=until or None,
              data_passed_label=status_label(ctx.t, DATE_PASSED) if until else None)


def source_label(ctx: Context, source: Record) -> Html:
    parts = [source.get("publisher"), ctx.t("source.title_quoted", title=source["title"]) if source.get("title") else None]
    when = ctx.t.date(source.get("published"), source.get("published_approximate", False)) if source.get("published") else None
    return join([join([p for p in parts if p], ", "), when], ", ")


def citation(ctx: Context, cite: dict) -> Html:
    key = ("citation", ctx.folder, cite["source"], tuple(cite.get("via", ())), cite.get("locator"), cite.get("note"))
    made = ctx.shared.get(key)
    if made is None:
        made = ctx.shared[key] = _citation(ctx, cite)
    return made


def _citation(ctx: Context, cite: dict) -> Html:
    source = ctx.data.get("sources", cite["source"])
    text = source_label(ctx, source) if source else cite["source"]
    pieces = [link(ctx.href(record_page("sources", cite["source"])), text)]
    if cite.get("via"):
        chain = join((ctx.ref("sources", s) for s in cite["via"]), " ← ")
        pieces.append(join([ctx.t("citation.citing"), chain]))
    if cite.get("locator"):
        pieces.append(el("span", cite["locator"], class_="tr-locator"))
    if source and source.get("url"):
        pieces.append(external_link(source["url"], ctx.t("citation.original")))
    if cite.get("note"):
        pieces.append(el("span", cite["note"], class_="tr-note"))
    return join(pieces, " · ")


def inline_sources(ctx: Context, cites: list[dict]) -> Html:
    """A compact 'Sources: ...' line for a role, a status change or an open question."""
    if not cites:
        return Html("")
    return el("span", ctx.t("citation.inline_label"), join((citation(ctx, c) for c in cites), "; "), class_="tr-inline-sources")


def sources_section(ctx: Context, record: Record) -> Html:
    items = [el("li", citation(ctx, c)) for c in record.get("sources", [])]
    return section(ctx.t("record.sources"), el("ol", *items, class_="tr-sources"), id="sources", searchable=False)


def edit_link(ctx: Context, record: Record) -> Html:
    repo = ctx.site.repository.rstrip("/")
    if not repo:
        return Html("")
    url = f"{repo}/edit/{ctx.site.branch}/{record.path}"
    history = f"{repo}/commits/{ctx.site.branch}/{record.path}"
    return el(
        "p",
        external_link(url, ctx.t("record.edit")), " · ",
        external_link(history, ctx.t("record.edit_history")), " · ",
        el("code", record.path),
        class_="tr-edit",
    )


def suggested_citation(ctx: Context, record: Record) -> Html:
    path = record_page(record.kind, record.id)
    address = f"{ctx.site.site_url.rstrip('/')}/{path}" if ctx.site.site_url else path
    text = ctx.t("record.citation", site=ctx.site.site_name, title=ctx.title_of(record), record=f"{KINDS[record.kind].singular}/{record.id}",
                 address=address)
    return el("div", el("h2", ctx.t("record.cite_heading")), el("p", text, class_="tr-cite"), id="cite")


def shortened(text: str, limit: int = 140) -> str:
    """The text up to the last whole word within `limit` characters, with an ellipsis if cut."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# Lists on one page stop here; the rest is one click away. Keeps the biggest actor's page as
# small as anyone's, however many years of statements the tracker collects.
LIST_LIMIT = 50


# Bytes of one table of vocabulary terms (the methodology page has four): the vocabulary has no
# cap on its number of terms, so its tables stop here, and the API has every term.
TERM_TABLE_BUDGET = 200_000
# export/catalogue.py publishes it (importing the catalogue here would close a circle of imports;
# tests/test_page_budget.py follows the link).
VOCABULARY_API = "api/v1/vocabulary.json"


def rows_within_budget(rows: list[Html], budget: int = TERM_TABLE_BUDGET) -> list[Html]:
    """The first rows whose markup together stays within `budget` bytes (the page's share)."""
    shown, size = [], 0
    for row in rows:
        size += len(row.encode("utf-8"))
        if size > budget:
            break
        shown.append(row)
    return shown


def more_terms_note(ctx: "Context", left_out: int) -> Html:
    """Where the terms a table left out are: the vocabulary of the API, complete."""
    return more_note(ctx, left_out, "more.terms", VOCABULARY_API, ctx.t("more.terms.where"))


def newest_first(records: list[Record], limit: int = LIST_LIMIT) -> tuple[list[Record], int]:
    """The newest `limit` records (by date), and how many were left out."""
    ordered = sorted(records, key=lambda r: (r.get("date") or "", r.id), reverse=True)
    return ordered[:limit], max(0, len(ordered) - limit)


def list_page(name: str, number: int = 1) -> str:
    """A page of a complete list (macros/render/complete_lists.py COMPLETE_LISTS)."""
    return f"lists/{name}-{number}.html"


def pages_needed(count: int, size: int) -> int:
    """How many pages of `size` entries a list of `count` needs: an empty list has one page."""
    return max(1, -(-count // size))


def page_of(items: list, size: int, number: int) -> list:
    """The entries of page `number` (from 1) of a list in pages of `size`."""
    return items[(number - 1) * size: number * size]


def numbered_pages(ctx: Context, current: int, total: int, path_of: Callable[[int], str], label: str, keep_filters: bool = False) -> Html:
    """Links to every numbered page of a long list; the current page (0: none) is not a link.
    keep_filters: the links carry the reader's active filters along (filters.js)."""
    if total <= 1:
        return Html("")
    items = [el("li", el("span", ctx.t.number(n), aria_current="page") if n == current
                else el("a", ctx.t.number(n), href=ctx.href(path_of(n)), data_keep_filters=keep_filters or None))
             for n in range(1, total + 1)]
    return el("nav", el("span", ctx.t("pager.pages_label"), class_="tr-label"), el("ol", *items, class_="tr-pager-list"), class_="tr-pager",
              aria_label=label)


def more_note(ctx: Context, left_out: int, what: str, href: str, where: str) -> Html:
    """"3 older statements are not listed here: <where>.": `what` names a plural message
    ("more.statements"), `where` is the link's words."""
    if not left_out:
        return Html("")
    return el("p", ctx.t.plural(what, left_out), el("a", where, href=ctx.href(href)), ".", class_="tr-more")


def section(title: str, *content, id: str | None = None, level: str = "h2", searchable: bool = True) -> Html:
    """A titled part of a page. Unsearchable parts repeat what is indexed elsewhere (a quote on its
    speaker's page, a source list): keeping them out keeps the offline search index small.
    Sections must not nest: Material's search parser matches excluded elements by tag name."""
    if not any(content):
        return Html("")
    exclude = unsearched(None if searchable else True)
    # The anchor sits on the section, not the heading: Material's search makes every heading with
    # an id a separate index entry, and one entry per record page is what readers need.
    return el("section", el(level, title, **exclude), *content, id=id, class_="tr-section", **exclude)


def figure_rows(ctx: Context, figures: list[dict]) -> Html:
    rows = []
    for f in figures:
        amount = ctx.t(f"precision.{f.get('precision', 'exact')}", value=ctx.t.number(f["value"]))
        period = " – ".join(ctx.t.date(f[k]) for k in ("period_start", "period_end") if f.get(k))
        rows.append(el("tr", el("td", f["label"]), el("td", f"{amount} {f['unit']}", class_="tr-num"), el("td", period), el("td", f.get("note", ""))))
    if not rows:
        return Html("")
    head = el("thead", el("tr", *(el("th", ctx.t(f"figures.{column}")) for column in ("what", "figure", "period", "note"))))
    return table(head, rows)

