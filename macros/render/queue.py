"""review.html: the review queue in public, as of the build's reference date, inviting corrections."""
from __future__ import annotations

from ..review import ReviewItem, count, reason_words, review_queue
from .common import LIST_LIMIT, Context, date_el
from .html import Html, block, el, external_link, join


def review_page(ctx: Context) -> Html:
    day, t = ctx.site.reference_day, ctx.t
    if not day:
        return block(el("p", t("review.page.no_date")))
    queue = review_queue(ctx.data, day)
    repo = ctx.site.repository.rstrip("/")
    invite = el("p", t.plural("review.page.invite", count(queue), date=t.date(day)),
                external_link(f"{repo}/issues/new?template=correction.yml", t("review.page.tell_us")) if repo else t("review.page.open_issue"),
                t("review.page.edit_yourself"), class_="tr-review-invite")
    parts = [invite]
    for reason, items in queue.items():
        title, action = reason_words(t, reason)
        parts.append(el("h2", f"{title} ({t.number(len(items))})", id=reason))
        parts.append(el("p", action, class_="tr-review-action"))
        parts.append(el("ol", *(review_item(ctx, i) for i in items[:LIST_LIMIT]), class_="tr-review-list") if items else el("p", t("review.page.nothing")))
        if len(items) > LIST_LIMIT:
            parts.append(el("p", t.plural("review.page.more", len(items) - LIST_LIMIT), class_="tr-more"))
    return block(*parts, class_="tr-review")


def review_item(ctx: Context, item: ReviewItem) -> Html:
    record = item.record
    repo = ctx.site.repository.rstrip("/")
    edit = external_link(f"{repo}/edit/{ctx.site.branch}/{record.path}", ctx.t("review.page.correct_it")) if repo else ""
    return el("li", date_el(ctx, item.since) if item.since else "", " · " if item.since else "", ctx.ref(record.kind, record.id), " — ",
              item.detail_in(ctx.t), join([" · ", edit]) if edit else "", class_="tr-review-item")
