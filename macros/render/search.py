"""What the offline search index holds for a record page: its title, its own words, and the names
a reader may type for it.

A record page also lists what other records say (an actor's statements, a source's citing
records) and citations; indexing those would repeat every statement on its speaker's page and
make the index, which the browser rebuilds on every page opened from disk, several times larger.
So the index gets a short page of its own per record: the title, the record's own text, and the
few facts a reader searches by (who, where, when, how much, in the forms readers write amounts).
Other names of the record itself (an actor's aliases, the gazetteer's names of an event's place)
become the entry's tags, which count as much as its title: typing a name brings its own page
first, above the pages whose titles merely mention it.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..model import Record
from .common import Context
from .html import Html, el, join

# How readers write large amounts: "800 billion", "$800bn", "USD 800 billion".
_SCALES = ((10**12, "trillion", "tn"), (10**9, "billion", "bn"), (10**6, "million", "m"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def amount_terms(amount: dict | None) -> list[str]:
    """The spellings of an amount a reader may type: 'USD 800 billion', '$800bn', '800 billion'."""
    if not amount:
        return []
    value, currency = amount["value"], amount["currency"]
    for size, word, short in _SCALES:
        if value >= size:
            number = f"{value / size:g}"
            symbol = _SYMBOLS.get(currency, currency + " ")
            return [f"{currency} {number} {word}", f"{symbol}{number}{short}", f"{number} {word}", f"{number}{short}"]
    return [f"{currency} {value:,}", f"{value:,}"]


def place_names(ctx: Context, place: str) -> list[str]:
    """Gazetteer names (vocabulary.yml `places`) of every place named in a location's text."""
    names: list[str] = []
    for entry in ctx.data.vocabulary_terms.get("places", {}).values():
        spellings = [entry["label"], *entry.get("aliases", [])]
        if any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", place, re.IGNORECASE) for s in spellings):
            names.extend(spellings)
    return list(dict.fromkeys(names))


# What each kind gives the index (macros/render/views.py declares which is whose): its tags,
# other names of the record itself, never names of what it mentions; and its own words.

def actor_tags(ctx: Context, record: Record) -> list[str]:
    return list(dict.fromkeys([record["name"], *record.get("aliases", [])]))


def event_tags(ctx: Context, record: Record) -> list[str]:
    return place_names(ctx, record["location"]["place"]) if record.get("location") else []


def no_tags(ctx: Context, record: Record) -> list[str]:
    return []


def _names(ctx: Context, actor_ids: Iterable[str]) -> str:
    return ", ".join(ctx.data.get("actors", a)["name"] for a in actor_ids if ctx.data.get("actors", a))


def actor_words(ctx: Context, record: Record) -> list[str]:
    roles = "; ".join(r["title"] for r in record.get("roles", []))
    return [record["description"], roles, _names(ctx, [m["actor"] for m in record.get("members", [])])]


def event_words(ctx: Context, record: Record) -> list[str]:
    where = record.get("location", {}).get("place", "")
    return [record["summary"], ctx.data.term_label("event_kinds", record["kind"]), ctx.t.date(record.get("date")), where,
            _names(ctx, [p["actor"] for p in record.get("participants", [])])]


def statement_words(ctx: Context, record: Record) -> list[str]:
    speaker = record.get("speaker_unnamed") or ""
    return [record.get("quote", ""), record.get("paraphrase", ""), speaker, record.get("setting", ""), ctx.t(f"statement_kind.{record['kind']}"), ctx.t.date(record.get("date"))]


def commitment_words(ctx: Context, record: Record) -> list[str]:
    return [record["description"], ctx.data.term_label("mechanisms", record["mechanism"]), _names(ctx, record.get("offered_by", [])),
            " · ".join(amount_terms(record.get("amount")))]


def source_words(ctx: Context, record: Record) -> list[str]:
    return [record.get("publisher", ""), ctx.t.date(record.get("published")), record.get("notes", "")]


def search_html(words: list[str]) -> Html:
    """The same words as the HTML Material's search plugin reads."""
    return join(el("p", block) for block in words)
