"""What the "Open data" page (docs/data.md) and the home page show about the exports.

The lists come from the same catalogue and model the exports are written from, so the page
cannot fall behind the files. Output is escaped HTML from the safe builder, like every macro.
"""
from __future__ import annotations

from ..fieldtypes import (
    Boolean,
    Choice,
    FieldType,
    FuzzyDate,
    ListOf,
    Number,
    OneOf,
    Ref,
    Slug,
    Struct,
    Text,
    Url,
)
from ..kinds import KINDS
from ..positions import position_index
from ..render.charts import scroll_region
from ..render.common import Context, kind_heading
from ..render.html import Html, block, el, join, link
from .catalogue import CALENDAR, FEED, instances, outputs
from .common import data_version, model_types
from .datapackage import package_name, references
from .dataset_citation import CITATION_PATH, citation_block, read_citation
from .licence import CODE_LICENCE, DATA_LICENCE, quotes_note


def files_table(ctx: Context, group: str) -> Html:
    """The files of one group ("api", "downloads" or "feeds"), linked, with what they hold."""
    counts = {**ctx.data.counts(), "positions": len(position_index(ctx.data).all)}
    rows = []
    for out in outputs(ctx.t):
        if out.group != group:
            continue
        if out.vocabulary:  # a few terms: each file
            files = [link(ctx.href(out.path.replace("{id}", term)), ctx.term(out.vocabulary, term)) for term in instances(ctx.data, out)]
            name = join([el("code", out.path), ": ", join(files, ", ")])
        elif "{id}" in out.path:
            ids = instances(ctx.data, out)
            example = link(ctx.href(out.path.replace("{id}", ids[0])), ctx.t("files.example")) if ids else ""
            name = join([el("code", out.path), " (", example, ")"]) if example else el("code", out.path)
        else:
            name = link(ctx.href(out.path), el("code", out.path))
        size = ctx.t.plural("files.records", counts.get(out.kind, 0)) if out.kind else ""
        rows.append(el("tr", el("td", name), el("td", out.format), el("td", out.description), el("td", size, class_="tr-num")))
    head = el("thead", el("tr", *(el("th", ctx.t(f"files.column.{h}"), scope="col") for h in ("file", "format", "contents")),
                          el("th", ctx.t("files.column.size"), scope="col", class_="tr-num")))
    return block(scroll_region(el("table", head, el("tbody", *rows), class_="tr-data-table tr-open-data"), ctx.t(f"files.group.{group}")))


def field_references(ctx: Context) -> Html:
    """A heading and the table of fields for every kind, in the registry's order."""
    return block(*(join([el("h3", kind_heading(ctx, kind), id=kind), _field_table(ctx, kind)]) for kind in KINDS))


def field_reference(ctx: Context, kind: str) -> Html:
    """The fields of one record type, from the model: name, type, required, meaning."""
    return block(_field_table(ctx, kind))


def _field_table(ctx: Context, kind: str) -> Html:
    t = ctx.t
    rows = []
    for field in model_types()[kind].fields:
        rows.append(el("tr", el("td", el("code", field.name)), el("td", describe(field.type)),
                       el("td", t("fields.required_yes") if field.required else ""), el("td", field.doc or field.type.doc or "")))
    head = el("thead", el("tr", *(el("th", t(f"fields.column.{h}"), scope="col") for h in ("field", "type", "required", "meaning"))))
    return scroll_region(el("table", head, el("tbody", *rows), class_="tr-data-table tr-open-data"), t("fields.label", kind=kind))


def describe(ftype: FieldType, plural: bool = False) -> str:
    """A field's type in words, as a reader of the JSON or CSV needs it."""
    def word(one: str, many: str) -> str:
        return many if plural else one

    if isinstance(ftype, Ref):
        return word("id", "ids") + f" ({ftype.target})"
    if isinstance(ftype, Slug):
        return word("id", "ids") + " (lower-case letters, digits, hyphens)"
    if isinstance(ftype, Choice):
        if getattr(ftype, "vocabulary", None):
            return word("term", "terms") + f" of the vocabulary {ftype.vocabulary}"
        return word("one of", "each one of") + ": " + ", ".join(ftype.values)
    if isinstance(ftype, FuzzyDate):
        return word("date", "dates") + ": YYYY-MM-DD, YYYY-MM or YYYY"
    if isinstance(ftype, Boolean):
        return "true or false"
    if isinstance(ftype, Number):
        return word("whole number", "whole numbers") if getattr(ftype, "integer", False) else word("number", "numbers")
    if isinstance(ftype, Url):
        return word("web address", "web addresses") + " (http or https)"
    if isinstance(ftype, Text):
        return word("text", "texts")
    if isinstance(ftype, OneOf):
        if isinstance(ftype.long, Struct) and any(f.name == "source" for f in ftype.long.fields):
            return word("citation", "citations") + ": {" + ", ".join(f.name for f in ftype.long.fields) + "}"
        return f"{describe(ftype.short, plural)}, or " + word("a block", "blocks")
    if isinstance(ftype, ListOf):
        return "list of " + describe(ftype.item, plural=True)
    if isinstance(ftype, Struct):
        return word("block", "blocks") + ": {" + ", ".join(f.name for f in ftype.fields) + "}"
    return word("value", "values")


def subscribe_links(ctx: Context) -> Html:
    """A line of links to the feed, the calendar and the open-data page."""
    return block(el(
        "p",
        el("span", ctx.t("subscribe.label"), class_="tr-label"),
        link(ctx.href(FEED), ctx.t("subscribe.feed"), type="application/atom+xml"), " · ",
        link(ctx.href(CALENDAR), ctx.t("subscribe.calendar"), type="text/calendar"), " · ",
        link(ctx.href("data.html"), ctx.t("subscribe.open_data")),
        class_="tr-subscribe",
    ))


def dataset_citation(ctx: Context) -> Html:
    """The suggested citation of the dataset, from CITATION.cff and this build's data version."""
    return citation_block(ctx.t, read_citation(CITATION_PATH), package_name(ctx.site.site_name), data_version(ctx.data))


def licence_notice(ctx: Context) -> Html:
    """The licences, as the data page and the home page state them."""
    return block(el(
        "p",
        ctx.t("licence.data"), link(DATA_LICENCE.url, DATA_LICENCE.title, " (", DATA_LICENCE.spdx, ")", rel="license"),
        ctx.t("licence.credit", site=ctx.site.site_name, code=CODE_LICENCE.title), quotes_note(ctx.t),
        class_="tr-licence",
    ))


def package_keys(ctx: Context) -> Html:
    """The data package's keys, from the model: each table's primary key and foreign keys."""
    rows = []
    for kind in model_types():
        keys = join((el("code", f"{column} → {target}.id") for column, target in references(kind, model_types())), ", ")
        rows.append(el("tr", el("td", el("code", f"{kind}.csv")), el("td", el("code", "id")), el("td", keys or ctx.t("keys.none"))))
    head = el("thead", el("tr", *(el("th", ctx.t(f"keys.column.{h}"), scope="col") for h in ("table", "primary", "foreign"))))
    return block(scroll_region(el("table", head, el("tbody", *rows), class_="tr-data-table tr-open-data"), ctx.t("keys.label")))
