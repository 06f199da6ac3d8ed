"""The methodology page's tables: what each status means, and the terms of a vocabulary."""
from __future__ import annotations

from ..schema import DERIVED_EVENT_STATES, STATUS_MEANINGS
from .common import Context, more_terms_note, rows_within_budget, statement_kind_badge, status_badge
from .html import Html, block, el, table


def status_table(ctx: Context, kind: str) -> Html:
    """kind: "event", "commitment" or "statement" (the statement's kinds)."""
    def badge_of(term: str) -> Html:
        return statement_kind_badge(ctx, term) if kind == "statement" else status_badge(ctx, term)

    rows = [el("tr", el("td", badge_of(term)), el("td", ctx.t(f"meaning.{kind}.{term}"))) for term in STATUS_MEANINGS[kind]]
    if kind == "event":  # what readers see but nobody writes: derived from the reference date
        rows += [el("tr", el("td", status_badge(ctx, state)), el("td", ctx.t(f"meaning.event.{state}"))) for state in DERIVED_EVENT_STATES]
    return block(table(el("thead", el("tr", el("th", ctx.t("methodology.term")), el("th", ctx.t("methodology.meaning")))), rows))


def vocabulary_table(ctx: Context, name: str) -> Html:
    terms = ctx.data.vocabulary_terms.get(name, {})
    rows = rows_within_budget([el("tr", el("td", el("code", term)), el("td", t["label"]), el("td", t["description"])) for term, t in terms.items()])
    head = el("thead", el("tr", el("th", ctx.t("methodology.id")), el("th", ctx.t("methodology.label")), el("th", ctx.t("methodology.meaning"))))
    return block(table(head, rows), more_terms_note(ctx, len(terms) - len(rows)))
