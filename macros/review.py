"""The review queue: what an editor should look at, worked out from the data and a reference day.

Plain Python, no MkDocs: `python -m macros review` (make review) prints it, review.html shows it,
and a scheduled workflow keeps one GitHub issue up to date with it. Each reason is declared once
in REVIEW_REASONS, with what an editor can do about it; everything else is computed.
"""
from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from .export.common import padded
from .i18n import Locale
from .kinds import KINDS
from .model import DATE_PASSED, Dataset, Record, cited_sources, event_state
from .schema import FINAL_COMMITMENT_STATUSES
from .untrusted import markdown_text

# A commitment whose status has not changed for this many days is due for a look.
STALE_AFTER_DAYS = 90

# Why an item needs an editor. Each reason's title and what an editor can do about it are the
# messages "review.<reason>.title" and "review.<reason>.action" (macros/i18n.py): the review page
# shows them in the reader's language, `make review` and the review issue in English.
REVIEW_REASONS = ("date-passed", "claim-unanswered", "status-stale", "unconsulted-only")


@dataclass(frozen=True)
class ReviewItem:
    reason: str  # one of REVIEW_REASONS
    record: Record
    values: tuple[tuple[str, str], ...]  # the message "review.<reason>.detail" is filled with these
    since: str  # the date the item is about (the event's date, the claim's, the last status change)
    field: str = ""  # where in the file an editor would start

    @property
    def line(self) -> int:
        return self.record.line_of(self.field) if self.field else self.record.line

    def detail_in(self, t: Locale) -> str:
        return t(f"review.{self.reason}.detail", **dict(self.values))

    @property
    def detail(self) -> str:
        return self.detail_in(_english())


def reason_words(t: Locale, reason: str) -> tuple[str, str]:
    """The reason's title and what an editor can do about it."""
    return t(f"review.{reason}.title", days=t.number(STALE_AFTER_DAYS)), t(f"review.{reason}.action")


@functools.lru_cache(maxsize=1)
def _english() -> Locale:
    """`make review` and the review issue speak to editors in English."""
    return Locale()


def review_queue(dataset: Dataset, reference_day: str) -> dict[str, list[ReviewItem]]:
    """Every item, by reason, oldest first within a reason (the longest waiting comes first)."""
    queue = {
        "date-passed": [ReviewItem("date-passed", e, (("scheduled", e.get("end_date") or e["date"]), ("latest", e.latest_status["date"])),
                                   e.get("end_date") or e["date"], f"status_history[{len(e['status_history']) - 1}]")
                        for e in dataset.all("events") if event_state(e, reference_day) == DATE_PASSED],
        "claim-unanswered": [ReviewItem("claim-unanswered", s, (("date", s["date"]),), s["date"], "kind")
                             for s in dataset.all("statements") if s["kind"] == "claim" and not dataset.denials_of(s.id)],
        "status-stale": [ReviewItem("status-stale", c, (("status", c.current_status), ("date", c.latest_status["date"])),
                                     c.latest_status["date"],
                                     f"status_history[{len(c['status_history']) - 1}]")
                         for c in dataset.all("commitments") if _stale(c, reference_day)],
        "unconsulted-only": [ReviewItem("unconsulted-only", r, (("sources", ", ".join(_unique(cited_sources(r, via=False)))),), r.get("date") or "", "sources")
                             for r in _citing_unconsulted(dataset, ("events", "statements", "commitments", "actors")) if _only_unconsulted(dataset, r)],
    }
    return {reason: sorted(items, key=lambda i: (i.since, i.record.kind, i.record.id)) for reason, items in queue.items()}


def _stale(commitment: Record, reference_day: str) -> bool:
    last = commitment.latest_status
    if last["status"] in FINAL_COMMITMENT_STATUSES or not reference_day:
        return False
    # A date known only to the month counts from its first day: that errs towards a look.
    return (date.fromisoformat(reference_day) - date.fromisoformat(padded(last["date"]))).days > STALE_AFTER_DAYS


def _citing_unconsulted(dataset: Dataset, kinds: tuple[str, ...]) -> list[Record]:
    """The records of these kinds that cite a source nobody here read: only they can cite nothing
    else (walking every record's citations would cost more than the rest of the queue)."""
    unconsulted = [s.id for s in dataset.all("sources") if s.get("consulted", True) is False]
    found = {(r.kind, r.id): r for source_id in unconsulted for r in dataset.citing(source_id) if r.kind in kinds}
    return list(found.values())


def _only_unconsulted(dataset: Dataset, record: Record) -> bool:
    sources = [dataset.get("sources", s) for s in cited_sources(record, via=False)]
    return bool(sources) and all(s is not None and s.get("consulted", True) is False for s in sources)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def count(queue: dict[str, list[ReviewItem]]) -> int:
    return sum(map(len, queue.values()))


def as_text(queue: dict[str, list[ReviewItem]], reference_day: str) -> str:
    """For the terminal: `path:line: what` lines under each reason, like the validator's."""
    lines = [f"Review queue as of {reference_day}: {count(queue)} item(s)."]
    for reason, items in queue.items():
        title, action = reason_words(_english(), reason)
        lines += ["", f"{title} ({len(items)}): {action}"]
        lines += [f"  {i.record.path}:{i.line}: {i.detail}" for i in items]
    return "\n".join(lines) + "\n"


def as_markdown(queue: dict[str, list[ReviewItem]], reference_day: str, site_url: str = "", limit: int = 100) -> str:
    """For the GitHub issue: each item linked to its page on the site, at most `limit` per reason."""
    base = site_url.rstrip("/")
    lines = [f"What needs an editor, as of {reference_day}: **{count(queue)} item(s)**. This issue is rewritten by the "
             "review workflow; corrections go in pull requests (see CONTRIBUTING.md).", ""]
    for reason, items in queue.items():
        title, action = reason_words(_english(), reason)
        lines += [f"### {title} ({len(items)})", "", action, ""]
        for item in items[:limit]:
            page = KINDS[item.record.kind].page(item.record.id)
            name = f"[{markdown_text(item.record.title)}]({base}/{page})" if base else f"`{page}`"
            lines.append(f"- {name} (`{item.record.path}`): {markdown_text(item.detail)}")
        if len(items) > limit:
            lines.append(f"- … and {len(items) - limit} more: run `make review`.")
        lines.append("")
    return "\n".join(lines)


# --- make review ----------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def run(args) -> int:
    from .load import check_dataset

    dataset, problems = check_dataset(args.data.resolve())
    if problems:
        print("\n".join(str(p) for p in problems))
        print(f"{len(problems)} problem(s) in the data: fix them first (make validate).", file=sys.stderr)
        return 1
    day = args.as_of or datetime.now(timezone.utc).date().isoformat()
    queue = review_queue(dataset, day)
    print(as_markdown(queue, day, args.site_url) if args.format == "markdown" else as_text(queue, day), end="")
    return 0


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _site_url() -> str:
    """site_url from mkdocs.yml, read as plain YAML: this command needs no MkDocs."""
    import yaml

    try:
        return str(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "")
    except (OSError, yaml.YAMLError, AttributeError):
        return ""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help="what needs an editor: passed dates, unanswered claims, stale statuses, unread sources",
        description="List the review queue as of a day (default: today, UTC).",
    )
    parser.add_argument("--as-of", type=_day, default=None, metavar="YYYY-MM-DD", help="the day to judge by (default: today)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown: for the GitHub issue")
    parser.add_argument("--site-url", default=_site_url(), help="where record pages are linked in markdown (default: site_url of mkdocs.yml)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.set_defaults(run=run)
