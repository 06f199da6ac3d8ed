"""How each kind of record looks: the one declaration on the rendering side.

macros/kinds.py says what a kind is (its folder, its record type, its relations) and knows nothing
of pages. Here each kind gets its View: the renderer of its page, what a reader calls a record of
it, its schema.org structured data and what the search index takes from its page. Everything that
shows a record asks its View; tests/test_kinds.py proves that both registries name the same kinds.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

from ..i18n import Locale
from ..model import Dataset, Record
from . import jsonld, records, search, share_kinds
from .common import Context, Rendering, SiteConfig
from .html import Html


def plain_title(dataset: Dataset, record: Record) -> str:
    return record.title


def statement_title(dataset: Dataset, record: Record) -> str:
    """A statement is named by its speaker and its words."""
    speaker = dataset.get("actors", record.get("speaker") or "")
    who = speaker["name"] if speaker else record.get("speaker_unnamed", "Unnamed speaker")
    words = record.get("quote") or record.get("paraphrase") or ""
    words = words if len(words) <= 90 else words[:89].rsplit(" ", 1)[0] + "…"
    return f"{who}: “{words}”" if record.get("quote") else f"{who}: {words}"


@dataclass(eq=False)
class View:
    kind: str  # the name of its Kind in macros/kinds.py
    page: Callable[[Context, Record], Html]  # the record's own page
    words: Callable[[Context, Record], list[str]]  # blocks of its own words, for the search index
    tags: Callable[[Context, Record], list[str]] = search.no_tags  # other names of the record itself
    structured: Callable[[Context, Record], dict] | None = None  # schema.org JSON-LD (render/jsonld.py)
    title: Callable[[Dataset, Record], str] = plain_title  # what a reader calls the record
    label: str = ""  # "Events", for headings and the home page's counts
    overview: str = ""  # the site page that lists every record of the kind, if there is one
    # What its page says when shared (render/share_kinds.py): its description, its own card.
    description: Callable[[Locale, Dataset, Record], str] | None = None  # without: its title
    card: Callable[[Locale, Dataset, Record], share_kinds.Card] | None = None  # without: its kind and title

    @property
    def heading(self) -> str:
        return self.label or self.kind.capitalize()

    def search_words(self, ctx: Context, record: Record) -> list[str]:
        """What the search index takes from the page (never shown to readers): the record's own
        words, one block each. The entry's title is the page title; a heading would only repeat it."""
        return [words for words in self.words(ctx, record) if words]

    def share_description(self, t: Locale, dataset: Dataset, record: Record) -> str:
        return self.description(t, dataset, record) if self.description else self.title(dataset, record)

    def share_card(self, t: Locale, dataset: Dataset, record: Record) -> share_kinds.Card:
        if self.card:
            return self.card(t, dataset, record)
        return share_kinds.Card(t.get(f"card.kind.{self.kind}", self.heading), self.title(dataset, record))

    def head(self, ctx: Context, record: Record) -> str:
        """The page's structured data for its <head>, finished HTML ("" for a kind without)."""
        if self.structured is None:
            return ""
        return jsonld.script({"@context": jsonld.CONTEXT, **self.structured(ctx, record)})


class Views:
    """The views by kind name."""

    def __init__(self, views: list[View]):
        self._views = {v.kind: v for v in views}

    def __getitem__(self, kind: str) -> View:
        return self._views[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._views))

    def title_of(self, dataset: Dataset, record: Record) -> str:
        return self._views[record.kind].title(dataset, record)

    @contextmanager
    def registered(self, view: View):
        """Add a view for the duration of a block (with its kind: KINDS.registered)."""
        if view.kind in self._views:
            raise ValueError(f"the view of {view.kind!r} is declared already")
        self._views[view.kind] = view
        try:
            yield view
        finally:
            del self._views[view.kind]


VIEWS = Views([
    View("actors", records.actor_page, search.actor_words, search.actor_tags, jsonld.actor, overview="actors/index.html",
         description=share_kinds.actor_description),
    View("events", records.event_page, search.event_words, search.event_tags, jsonld.event, overview="timeline.html",
         description=share_kinds.event_description),
    View("statements", records.statement_page, search.statement_words, structured=jsonld.statement, title=statement_title,
         overview="timeline.html", description=share_kinds.statement_description, card=share_kinds.statement_card),
    View("commitments", records.commitment_page, search.commitment_words, structured=jsonld.commitment, overview="security-guarantees.html",
         description=share_kinds.commitment_description, card=share_kinds.commitment_card),
    View("sources", records.source_page, search.source_words, structured=jsonld.source, overview="methodology.html#sources",
         description=share_kinds.source_description),
])


def rendering_of(dataset: Dataset, site: SiteConfig | None = None) -> Rendering:
    """A Rendering of a dataset with the site's views (a build's own is made by macros/site.py)."""
    return Rendering(dataset, site or SiteConfig(), VIEWS)
