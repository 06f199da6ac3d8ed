"""What each kind of record says when its page is shared: its description and its card.

One function per kind, named by the kind's View (render/views.py) as `description` and `card`;
a kind without them is described by its title. Every word comes from the catalogue (share.*, card.*).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import Locale
from ..model import Dataset, Record
from .common import status_label

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Card:
    """What a card shows: a label (the kind), the title, and up to two lines under it."""

    label: str
    title: str
    lines: tuple[str, ...] = ()


def speaker_name(t: Locale, dataset: Dataset, statement: Record) -> str:
    speaker = dataset.get("actors", statement.get("speaker") or "")
    return speaker["name"] if speaker else statement.get("speaker_unnamed") or t("share.unnamed_speaker")


def statement_words(t: Locale, statement: Record) -> str:
    if statement.get("quote"):
        return t("share.quote", words=_SPACE.sub(" ", statement["quote"]).strip())
    return statement.get("paraphrase") or ""


def _date(t: Locale, record: Record) -> str:
    return t.date(record.get("date"), record.get("date_approximate", False))


def statement_description(t: Locale, dataset: Dataset, record: Record) -> str:
    return t("share.said_on", speaker=speaker_name(t, dataset, record), date=_date(t, record), words=statement_words(t, record))


def event_description(t: Locale, dataset: Dataset, record: Record) -> str:
    return t("share.event", date=_date(t, record), summary=record.get("summary", ""))


def commitment_description(t: Locale, dataset: Dataset, record: Record) -> str:
    return t("share.commitment", status=status_label(t, record.current_status), description=record.get("description", ""))


def actor_description(t: Locale, dataset: Dataset, record: Record) -> str:
    roles = t("share.role_separator").join(r["title"] for r in record.get("roles", []) if r.get("state") == "current")
    description = record.get("description", "")
    if not roles or roles.rstrip(".") in description:
        return t("share.actor", name=record["name"], description=description)
    return t("share.actor_role", name=record["name"], roles=roles, description=description)


def source_description(t: Locale, dataset: Dataset, record: Record) -> str:
    published = t.date(record["published"]) if record.get("published") else ""
    by = t("share.list_separator").join(part for part in (record.get("publisher"), published) if part)
    title = record.get("title")
    text = t("share.source", by=by, title=title) if by and title else title or by or record.title
    return t("share.source_notes", source=text, notes=record["notes"]) if record.get("notes") else text


def statement_card(t: Locale, dataset: Dataset, record: Record) -> Card:
    return Card(t("card.statement", date=_date(t, record)), speaker_name(t, dataset, record), (statement_words(t, record),))


def commitment_card(t: Locale, dataset: Dataset, record: Record) -> Card:
    return Card(t(f"card.kind.{record.kind}"), record.title, (t("card.commitment", status=status_label(t, record.current_status)),))
