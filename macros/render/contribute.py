"""The links where the reader is: correct this record, add a statement by this actor or from this
event, report what is missing. Addresses come from macros/contribute.py; the words from the catalogue
(`contribute.*`).
"""
from __future__ import annotations

from ..contribute import choose_form_url, correction_url, new_file_url, new_record_url, skeleton
from ..model import Record
from ..scaffold import slugify
from .common import Context
from .html import Html, el, external_link, join


def contribute_links(ctx: Context, record: Record) -> Html:
    """The links a record's page offers: a correction of it, and a statement by or from it."""
    repo = ctx.site.repository
    if not repo:
        return Html("")
    links = [external_link(correction_url(repo, record.kind, record.id), ctx.t("contribute.correct"))]
    if record.kind == "actors":
        day = ctx.site.reference_day or "yyyy-mm-dd"
        links += _statement(ctx, ctx.t("contribute.statement_by", name=ctx.title_of(record)), f"{day}-{record.id}", speaker=record.id)
    elif record.kind == "events":
        links += _statement(ctx, ctx.t("contribute.statement_from_event"), f"{record.id}-statement", event=record.id)
    return el("p", join(links, " · "), class_="tr-contribute")


def _statement(ctx: Context, words: str, new_id: str, **known: str) -> list[Html]:
    repo, new_id = ctx.site.repository, slugify(new_id)[:100].strip("-")
    vocabulary = {name: tuple(terms) for name, terms in ctx.data.vocabulary_terms.items()}
    text = skeleton("statements", new_id, vocabulary, **known)
    return [join([external_link(new_record_url(repo, "statements", **known), words), " (",
                  external_link(new_file_url(repo, ctx.site.branch, "statements", new_id, text), ctx.t("contribute.as_file")), ")"])]


def missing_link(ctx: Context) -> Html:
    """For the footer or the home page: the forms, to report what the tracker has not recorded."""
    repo = ctx.site.repository
    return external_link(choose_form_url(repo), ctx.t("contribute.missing")) if repo else Html("")
