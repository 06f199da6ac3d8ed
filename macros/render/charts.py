"""Charts drawn at build time as inline SVG: no JavaScript, no network request, both colour schemes.

Every chart is a <figure> with a caption, an <svg role="img"> that has a <title> and a <desc>
(a sentence summing up what it shows), a legend in HTML, and its numbers as a data table in a
<details> element: the text alternative for screen readers, and the exact figures for everyone.
Colours are CSS classes (docs/assets/stylesheets/charts.css), so Material's dark scheme (slate)
restyles them; status colours are the badges' colours. All text goes through the HTML builder.

Cost is linear in the number of records: each chart makes one pass over its records.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from ..i18n import Locale
from ..model import Record
from ..schema import COMMITMENT_AREAS, COMMITMENT_STATUSES
from .common import Context, list_page, status_badge, status_label
from .html import Html, block, el, join
from .theme import unsearched

PALETTE = 8  # --tr-chart-1 … --tr-chart-8 in charts.css; the 8th is kept for "other kinds"
FONT = 11  # px, the charts' base text size
CHAR = 0.56 * FONT  # average width of a character, for laying out labels without a browser


# --- shared pieces ---------------------------------------------------------------------------------

def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, so the output is stable and small."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _nice_scale(maximum: int, ticks: int = 5) -> tuple[int, int]:
    """(top, step) of a value axis: steps of 1, 2 or 5 × 10^k, at most `ticks` of them."""
    maximum = max(1, maximum)
    magnitude = 10 ** max(0, int(math.log10(maximum)) - 1)
    for step in (m * magnitude * f for f in (1, 10, 100) for m in (1, 2, 5)):
        if math.ceil(maximum / step) <= ticks:
            return int(math.ceil(maximum / step) * step), int(step)
    return maximum, maximum  # not reached


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Split text into at most `lines` lines of about `width` characters; the last one is cut with …."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out or [""]


def _text(x: float, y: float, content, **attrs) -> Html:
    return el("text", content, x=_n(x), y=_n(y), **attrs)


def _lines(x: float, y: float, lines: list[str], step: float, **attrs) -> Html:
    """Several lines of text starting at baseline y."""
    spans = [el("tspan", line, x=_n(x), dy=_n(0 if i == 0 else step)) for i, line in enumerate(lines)]
    return el("text", *spans, x=_n(x), y=_n(y), **attrs)


def _rect(x: float, y: float, w: float, h: float, tooltip: str = "", **attrs) -> Html:
    return el("rect", el("title", tooltip) if tooltip else "", x=_n(x), y=_n(y), width=_n(w), height=_n(h), **attrs)


def _line(x1: float, y1: float, x2: float, y2: float, **attrs) -> Html:
    return el("line", x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2), **attrs)


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, *content) -> Html:
    """The chart fills the column, but never grows past its drawn size nor shrinks below 80 % of it
    (its text would become too small): narrower columns scroll it sideways instead."""
    return el(
        "svg",
        el("title", title, id=f"{chart_id}-title"),
        el("desc", desc, id=f"{chart_id}-desc"),
        *content,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {_n(width)} {_n(height)}",
        width=_n(width), height=_n(height),
        style=f"max-width:{_n(width)}px;min-width:{_n(width * 0.8)}px",
        role="img", aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        font_size=str(FONT),
        class_="tr-chart-svg",
    )


def _figure(t: Locale, chart_id: str, caption: str, svg: Html, *, legend: Html | str = "", note: str = "", table: Html | str = "",
            modifier: str = "") -> Html:
    return block(
        el(
            "figure",
            el("figcaption", caption, class_="tr-chart-caption"),
            scroll_region(svg, caption, class_="tr-chart-scroll"),
            legend,
            el("p", note, class_="tr-chart-note") if note else "",
            el("details", el("summary", t("chart.as_table")), scroll_region(table, t("chart.numbers_of", caption=caption)), class_="tr-chart-data")
            if table else "",
            id=chart_id, class_=f"tr-chart {modifier}".strip(),
            # Search skips the figure: its words are on the record pages already.
            **unsearched("chart"),
        ),
    )


def scroll_region(content: Html, label: str, class_: str = "tr-table-wrap") -> Html:
    """A box that scrolls sideways when its content is wider than the column. It can take the
    keyboard focus, so that keyboard users can scroll it too (WCAG 2.1.1)."""
    return el("div", content, class_=class_, tabindex="0", role="region", aria_label=label)


def _legend(t: Locale, items: list[tuple[str, str, int]]) -> Html:
    """(css class, label, count) → a list of swatches."""
    return el("ul", *(el("li", el("span", "", class_=f"tr-chart-swatch {cls}", aria_hidden="true"), f"{label} ",
                         el("span", f"({t.number(n)})", class_="tr-chart-count"))
                      for cls, label, n in items), class_="tr-chart-legend")


def _table(t: Locale, head: list[str], rows: list[list], caption: str) -> Html:
    """A data table: first cell of each row is its header; numbers are right-aligned."""
    numeric = [bool(rows) and all(isinstance(row[i], int) for row in rows) for i in range(len(head))]
    thead = el("thead", el("tr", *(el("th", h, scope="col", class_="tr-num" if numeric[i] else None) for i, h in enumerate(head))))
    body = [el("tr", el("th", row[0], scope="row"), *(el("td", t.number(c), class_="tr-num") if isinstance(c, int) else el("td", c) for c in row[1:]))
            for row in rows]
    return el("table", el("caption", caption), thead, el("tbody", *body), class_="tr-data-table")


def _empty(chart_id: str, caption: str, message: str) -> Html:
    return block(el("figure", el("figcaption", caption, class_="tr-chart-caption"), el("p", message, class_="tr-chart-note"), id=chart_id, class_="tr-chart"))


# --- events over time -----------------------------------------------------------------------------

# Bars the events chart draws at most. Dates may lie anywhere in 1000-9999, so a long span is
# drawn a year, a decade ... per bar: the chart's size never depends on how far apart dates are.
MAX_BARS = 120
# Months per bar, and the unit's name (its words are the messages "chart.unit.<name>", "chart.events.caption.<name>" ...).
_UNITS = ((1, "month"), (12, "year"), (120, "decade"), (1200, "century"), (12000, "millennium"))


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _bars(first: str, last: str) -> tuple[int, list[str]]:
    """(months per bar, the bars' first months as YYYY-MM) from the first month to the last."""
    start, end = _month_index(first), _month_index(last)
    for size, _unit in _UNITS:
        if end // size - start // size < MAX_BARS:
            return size, [f"{i * size // 12:04d}-{i * size % 12 + 1:02d}" for i in range(start // size, end // size + 1)]
    raise ValueError(f"dates from {first} to {last} are outside the years 1000-9999")


def _bar_of(month: str, size: int) -> str:
    index = _month_index(month) // size * size
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _unit(size: int) -> str:
    return dict(_UNITS)[size]


def _bar_label(t: Locale, bar: str, size: int) -> str:
    if size == 1:
        return t.date(bar)
    year = int(bar[:4])
    return str(year) if size == 12 else f"{year}–{year + size // 12 - 1}"


def events_chart(ctx: Context, chart_id: str = "tr-chart-events") -> Html:
    """Events per month as stacked bars, one colour per kind of event."""
    by_month: dict[str, Counter] = defaultdict(Counter)
    kinds: Counter = Counter()
    year_only = 0
    for event in ctx.data.all("events"):
        date = event.get("date") or ""
        if len(date) >= 7:
            by_month[date[:7]][event["kind"]] += 1
            kinds[event["kind"]] += 1
        else:
            year_only += 1
    t = ctx.t
    if not by_month:
        return _empty(chart_id, t("chart.events.caption.month"), t("chart.events.empty"))
    size, months = _bars(min(by_month), max(by_month))
    if size > 1:
        by_month = _regrouped(by_month, size)
    unit = _unit(size)
    caption = t(f"chart.events.caption.{unit}")

    vocabulary = list(ctx.data.vocabulary_terms.get("event_kinds", {}))
    order = sorted(kinds, key=lambda k: (-kinds[k], vocabulary.index(k) if k in vocabulary else len(vocabulary), k))
    if len(order) > PALETTE:
        shown, other = order[: PALETTE - 1], set(order[PALETTE - 1:])
    else:
        shown, other = order, set()
    series = [(k, ctx.term("event_kinds", k), f"tr-chart-s{i + 1}") for i, k in enumerate(shown)]
    if other:
        series.append(("__other__", t("chart.events.other_kinds"), f"tr-chart-s{PALETTE}"))

    def count(month: str, key: str) -> int:
        if key == "__other__":
            return sum(n for k, n in by_month[month].items() if k in other)
        return by_month[month][key]

    totals = {m: sum(by_month[m].values()) for m in months}
    top, step = _nice_scale(max(totals.values()))

    width, height = 720, 280
    left, right, upper, lower = 40, 12, 22, 44
    plot_w, plot_h = width - left - right, height - upper - lower
    base = upper + plot_h
    slot = plot_w / len(months)
    bar_w = min(slot * 0.72, 64)

    def y_of(value: float) -> float:
        return base - value / top * plot_h

    parts: list[Html] = []
    for value in range(0, top + 1, step):
        y = y_of(value)
        parts.append(_line(left, y, width - right, y, class_="tr-chart-grid" if value else "tr-chart-axis"))
        parts.append(_text(left - 6, y + FONT * 0.35, t.number(value), class_="tr-chart-tick", text_anchor="end"))
    label_every = max(1, math.ceil(46 / slot))
    previous_year = ""
    for i, month in enumerate(months):
        x = left + i * slot + (slot - bar_w) / 2
        y = base
        segments = []
        for key, label, cls in series:
            n = count(month, key)
            if not n:
                continue
            h = n / top * plot_h
            segments.append(_rect(x, y - h, bar_w, h, t("chart.events.segment", bar=_bar_label(t, month, size), n=t.number(n), kind=label), class_=cls))
            y -= h
        if segments:
            parts.append(el("g", *segments, class_="tr-chart-bar"))
            if slot >= 16:
                parts.append(_text(x + bar_w / 2, y - 5, t.number(totals[month]), class_="tr-chart-total", text_anchor="middle"))
        if i % label_every == 0:
            year = month[:4]
            lines = [t.month_name(int(month[5:7]))] + ([year] if year != previous_year else []) if size == 1 else [_bar_label(t, month, size)]
            previous_year = year
            parts.append(_lines(left + i * slot + slot / 2, base + 16, lines, 13, class_="tr-chart-tick", text_anchor="middle"))

    total = sum(totals.values())
    busiest = max(months, key=lambda m: (totals[m], m))
    by_kind = ", ".join(t("chart.events.kind_count", kind=label, n=t.number(sum(count(m, key) for m in months))) for key, label, _ in series)
    desc = t.plural(f"chart.events.desc.{unit}", total, first=_bar_label(t, months[0], size), last=_bar_label(t, months[-1], size),
                    busiest=_bar_label(t, busiest, size), busiest_count=t.plural("chart.events.count", totals[busiest]), by_kind=by_kind)
    note = t.plural("chart.events.year_only", year_only) if year_only else ""
    if size > 1:
        note = t(f"chart.events.too_many.{unit}") + note
    svg = _svg(chart_id, width, height, caption, desc, *parts)
    legend = _legend(t, [(cls, label, sum(count(m, key) for m in months)) for key, label, cls in series])
    rows = [[_bar_label(t, m, size), *(count(m, key) for key, _, _ in series), totals[m]] for m in months]
    table = _table(t, [t(f"chart.unit.{unit}"), *(label for _, label, _ in series), t("chart.total")], rows, caption)
    return _figure(t, chart_id, caption, svg, legend=legend, note=note, table=table, modifier="tr-chart--events")


def _regrouped(by_month: dict[str, Counter], size: int) -> dict[str, Counter]:
    grouped: dict[str, Counter] = defaultdict(Counter)
    for month, kinds in by_month.items():
        grouped[_bar_of(month, size)].update(kinds)
    return grouped


# --- commitments by status ------------------------------------------------------------------------

def status_chart(ctx: Context, area: str | None = None, chart_id: str = "tr-chart-status") -> Html:
    """Commitments by current status: one bar per status, in the order a commitment moves through them."""
    t = ctx.t
    caption = t("chart.status.caption_area", area=t(f"area.{area}")) if area else t("chart.status.caption")
    commitments = [c for c in ctx.data.all("commitments") if area is None or c["area"] == area]
    if not commitments:
        return _empty(chart_id, caption, t("chart.status.empty"))
    counts: dict[str, Counter] = {s: Counter() for s in COMMITMENT_STATUSES}
    for c in commitments:
        counts[c.current_status][c["area"]] += 1
    totals = {s: sum(counts[s].values()) for s in COMMITMENT_STATUSES}
    top, step = _nice_scale(max(totals.values()))

    width, row_h, bar_h = 720, 28, 18
    left, right, upper = 92, 40, 6
    plot_w = width - left - right
    height = upper + row_h * len(COMMITMENT_STATUSES) + 24
    base = upper + row_h * len(COMMITMENT_STATUSES)
    parts: list[Html] = []
    for value in range(0, top + 1, step):
        x = left + value / top * plot_w
        parts.append(_line(x, upper, x, base, class_="tr-chart-grid" if value else "tr-chart-axis"))
        parts.append(_text(x, base + 16, t.number(value), class_="tr-chart-tick", text_anchor="middle"))
    for i, status in enumerate(COMMITMENT_STATUSES):
        y = upper + i * row_h + (row_h - bar_h) / 2
        n = totals[status]
        label = status_label(t, status)
        parts.append(_text(left - 8, y + bar_h / 2 + FONT * 0.35, label, class_="tr-chart-label", text_anchor="end"))
        w = n / top * plot_w
        if n:
            parts.append(_rect(left, y, w, bar_h, t("chart.status.bar", status=label, count=t.plural("chart.status.count", n)),
                               class_=f"tr-chart-status tr-chart-status--{status}"))
        parts.append(_text(left + w + 6, y + bar_h / 2 + FONT * 0.35, t.number(n), class_="tr-chart-total" if n else "tr-chart-tick"))

    areas = [a for a in COMMITMENT_AREAS if any(counts[s][a] for s in COMMITMENT_STATUSES)]
    summary = ", ".join(t("chart.status.summary_item", n=t.number(totals[s]), status=status_label(t, s)) for s in COMMITMENT_STATUSES if totals[s])
    desc = t.plural("chart.status.desc", len(commitments), summary=summary)
    svg = _svg(chart_id, width, height, caption, desc, *parts)
    rows = [[status_badge(ctx, s), *(counts[s][a] for a in areas), totals[s]] for s in COMMITMENT_STATUSES]
    table = _table(t, [t("chart.status.column"), *(t(f"chart.area.{a}") for a in areas), t("chart.total")], rows, t("chart.status.table_caption"))
    return _figure(t, chart_id, caption, svg, table=table, modifier="tr-chart--status")


# --- guarantors × mechanisms -------------------------------------------------------------------

NOT_STATED = ""
MAX_ROWS = 30
CELL_LINKS = 5  # commitments named in one cell of the matrix's table; the rest are counted


def _by_status(commitments: list[Record]) -> list[tuple[str, list[Record]]]:
    """Commitments grouped by current status, in the order a commitment moves through them."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for c in commitments:
        groups[c.current_status].append(c)
    return [(s, groups[s]) for s in COMMITMENT_STATUSES if s in groups]


def guarantor_matrix(ctx: Context, chart_id: str = "tr-chart-guarantors") -> Html:
    """Who offers which kind of security guarantee: guarantors as rows, mechanisms as columns,
    each filled cell holding one pill per current status, with the number of commitments."""
    t = ctx.t
    caption = t("chart.matrix.caption")
    data = ctx.data
    security = sorted((c for c in data.all("commitments") if c["area"] == "security"), key=lambda c: (c.get("layer", 99), c.id))
    if not security:
        return _empty(chart_id, caption, t("chart.matrix.empty"))
    cells: dict[tuple[str, str], list[Record]] = defaultdict(list)
    per_actor: Counter = Counter()
    mechanisms_used: set[str] = set()
    for c in security:
        mechanisms_used.add(c["mechanism"])
        for actor in dict.fromkeys(c.get("offered_by") or [NOT_STATED]):
            cells[(actor, c["mechanism"])].append(c)
            per_actor[actor] += 1
    vocabulary = list(data.vocabulary_terms.get("mechanisms", {}))
    mechanisms = sorted(mechanisms_used, key=lambda m: (vocabulary.index(m) if m in vocabulary else len(vocabulary), m))

    def name(actor: str) -> str:
        if actor == NOT_STATED:
            return t("chart.matrix.not_stated")
        record = data.get("actors", actor)
        return record["name"] if record else actor

    actors = sorted((a for a in per_actor if a != NOT_STATED), key=lambda a: (-per_actor[a], name(a)))
    if NOT_STATED in per_actor:
        actors.append(NOT_STATED)
    drawn = actors[:MAX_ROWS]

    # Sized to fit the text column (about 700 px) with eight mechanisms; more columns scroll.
    col_w, pill_h, pill_gap, head_font = 78, 18, 4, 10.5
    names = {a: _wrap(name(a), 16, 3) for a in drawn}
    left = min(150, max(80, max(len(line) for lines in names.values() for line in lines) * CHAR + 14))
    heads = {m: _wrap(ctx.term("mechanisms", m), 12, 3) for m in mechanisms}
    head_h = max(len(h) for h in heads.values()) * 13 + 12
    pills = {a: max(1, max(len(_by_status(cells.get((a, m), []))) for m in mechanisms)) for a in drawn}
    heights = {a: max(len(names[a]) * 13 + 4, pills[a] * (pill_h + pill_gap) + 10) for a in drawn}
    width = left + col_w * len(mechanisms) + 4
    height = head_h + sum(heights.values()) + 2

    parts: list[Html] = []
    for j, m in enumerate(mechanisms):
        cx = left + j * col_w + col_w / 2
        lines = heads[m]
        parts.append(_lines(cx, head_h - 8 - 13 * (len(lines) - 1), lines, 13, class_="tr-chart-label tr-chart-head", text_anchor="middle", font_size=_n(head_font)))
        if j:
            parts.append(_line(left + j * col_w, head_h, left + j * col_w, height - 2, class_="tr-chart-grid"))
    y = head_h
    for a in drawn:
        h = heights[a]
        parts.append(_line(0, y, width, y, class_="tr-chart-grid" if y != head_h else "tr-chart-axis"))
        lines = names[a]
        parts.append(_lines(left - 10, y + h / 2 - 6.5 * (len(lines) - 1) + FONT * 0.35, lines, 13,
                            class_="tr-chart-label" + (" tr-chart-label--muted" if a == NOT_STATED else ""), text_anchor="end"))
        for j, m in enumerate(mechanisms):
            x = left + j * col_w
            held = cells.get((a, m), [])
            if not held:
                parts.append(el("circle", cx=_n(x + col_w / 2), cy=_n(y + h / 2), r="2", class_="tr-chart-dot"))
                continue
            groups = _by_status(held)
            top_y = y + (h - len(groups) * (pill_h + pill_gap) + pill_gap) / 2
            for k, (status, group) in enumerate(groups):
                py = top_y + k * (pill_h + pill_gap)
                label = status_label(t, status)
                titles = [c.title for c in group[:10]] + ([t("chart.matrix.and_more", n=t.number(len(group) - 10))] if len(group) > 10 else [])
                tooltip = t("chart.matrix.pill", actor=name(a), mechanism=ctx.term("mechanisms", m), status=label, titles="; ".join(titles))
                parts.append(el(
                    "g",
                    _rect(x + 5, py, col_w - 10, pill_h, tooltip, rx="9"),
                    _text(x + col_w / 2, py + pill_h / 2 + FONT * 0.35, label if len(group) == 1 else t("chart.matrix.pill_count", n=t.number(len(group)), status=label),
                          text_anchor="middle", font_size="9" if len(group) >= 100 else None),
                    class_=f"tr-chart-pill tr-chart-status--{status}",
                ))
        y += h
    parts.append(_line(0, y, width, y, class_="tr-chart-axis"))

    pairs = sum(1 for a in actors for m in mechanisms if cells.get((a, m)))
    named = len([a for a in actors if a != NOT_STATED])
    desc = t("chart.matrix.desc", guarantors=t.plural("chart.matrix.guarantors", named), mechanisms=t.plural("chart.matrix.mechanisms", len(mechanisms)),
             commitments=t.plural("chart.matrix.security_commitments", len(security)), filled=t.plural("chart.matrix.filled", pairs))
    if NOT_STATED in per_actor:
        desc += t.plural("chart.matrix.desc_not_stated", per_actor[NOT_STATED])
    note_parts = []
    if len(actors) > MAX_ROWS:
        note_parts.append(t("chart.matrix.first_rows", rows=t.number(MAX_ROWS), total=t.number(len(actors))))
    if NOT_STATED in per_actor:
        note_parts.append(t("chart.matrix.not_stated_note"))
    svg = _svg(chart_id, width, height, caption, desc, *parts)
    rows = []
    for a in drawn:
        row = [ctx.actor(a) if a != NOT_STATED else t("chart.matrix.not_stated")]
        for m in mechanisms:
            held = cells.get((a, m), [])
            links = [join([ctx.ref("commitments", c.id), " ", status_badge(ctx, c.current_status)]) for c in held[:CELL_LINKS]]
            row.append(join([*links, t("chart.matrix.and_more", n=t.number(len(held) - CELL_LINKS)) if len(held) > CELL_LINKS else ""], Html("<br>")))
        rows.append(row)
    if len(actors) > MAX_ROWS or any(len(held) > CELL_LINKS for held in cells.values()):
        note_parts.append(t("chart.matrix.complete_note"))
        complete = el("a", t("lists.title.security-guarantees"), href=ctx.href(list_page("security-guarantees")))
    else:
        complete = ""
    table = _table(t, [t("chart.matrix.guarantor"), *(ctx.term("mechanisms", m) for m in mechanisms)], rows, t("chart.matrix.table_caption"))
    legend = el("p", t("chart.matrix.legend"), class_="tr-chart-legend-line")
    return join([_figure(t, chart_id, caption, svg, legend=legend, note=" ".join(note_parts), table=table, modifier="tr-chart--matrix"),
                 el("p", complete, class_="tr-more") if complete else ""])
