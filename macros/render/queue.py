"""review.html: the review queue in public, as of the build's reference date, inviting corrections."""
from __future__ import annotations

from ..review import REVIEW_REASONS, ReviewItem, count, review_queue
from .common import LIST_LIMIT, Context, date_el, format_date
from .html import Html, block, el, external_link, join


def review_page(ctx: Context) -> Html:
    day = ctx.site.reference_day
    if not day:
        return block(el("p", "The date this data is as of is unknown, so the review queue cannot be worked out."))
    queue = review_queue(ctx.data, day)
    repo = ctx.site.repository.rstrip("/")
    invite = el("p", f"As of {format_date(day)}, {count(queue)} item(s) need an editor. Do you know more? ",
                external_link(f"{repo}/issues/new?template=correction.yml", "Tell us, with a source") if repo else "Open an issue, with a source",
                ", or edit the record yourself: each entry links to its file.", class_="tr-review-invite")
    parts = [invite]
    for reason, items in queue.items():
        title, action = REVIEW_REASONS[reason]
        parts.append(el("h2", f"{title} ({len(items)})", id=reason))
        parts.append(el("p", action, class_="tr-review-action"))
        parts.append(el("ol", *(review_item(ctx, i) for i in items[:LIST_LIMIT]), class_="tr-review-list") if items else el("p", "Nothing at the moment."))
        if len(items) > LIST_LIMIT:
            parts.append(el("p", f"{len(items) - LIST_LIMIT} more are not listed here: run make review for all of them.", class_="tr-more"))
    return block(*parts, class_="tr-review")


def review_item(ctx: Context, item: ReviewItem) -> Html:
    record = item.record
    repo = ctx.site.repository.rstrip("/")
    edit = external_link(f"{repo}/edit/{ctx.site.branch}/{record.path}", "correct it") if repo else ""
    return el("li", date_el(item.since) if item.since else "", " · " if item.since else "", ctx.ref(record.kind, record.id), " — ", item.detail,
              join([" · ", edit]) if edit else "", class_="tr-review-item")
