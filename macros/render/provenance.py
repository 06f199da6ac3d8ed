"""Where each fact stands in time: the "as of" line on every page, a record's corrections and
its history of changes, and the site-wide list of changes (changes.html and its older pages)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..currency import Currency, currency_of
from ..history import COMMIT_HASH, Change
from ..kinds import KINDS
from ..model import Record
from .common import Context, citation, date_el, page_of, pages_needed, record_page
from .contribute import missing_link
from .html import Html, block, el, external_link, join
from .theme import unsearched

# A record page lists this many of its changes; the repository's history has the rest.
RECORD_CHANGES_LIMIT = 20
# Entries per page of the list of changes: changes.html, then changes/2.html, changes/3.html ...
CHANGES_PER_PAGE = 500


def commit_link(ctx: Context, commit: str) -> Html:
    """The commit's short hash, linked to the repository when one is configured."""
    return _commit_link(ctx.site.repository.rstrip("/"), commit)


@lru_cache(maxsize=65536)
def _commit_link(repo: str, commit: str) -> Html:
    # The same few thousand commits are linked from tens of thousands of places: build each once.
    # Only a checked hash is put into an address: nothing else can lead a link off the commits.
    short = el("code", commit[:7])
    return external_link(f"{repo}/commit/{commit}", short) if repo and COMMIT_HASH.fullmatch(commit) else short


def as_of_note(ctx: Context) -> Html:
    """How current the page is, on every page (a reader who prints or saves one keeps it): how far
    the sources reach and when the data last changed, which a reader must not take for one
    another, then the day this copy is as of."""
    as_of = ctx.site.as_of
    if as_of is None:
        return Html("")
    t = ctx.t
    when = el("time", t.date(as_of.day), datetime=as_of.day)
    commit = join([t("as_of.commit"), commit_link(ctx, as_of.commit)]) if as_of.commit else ""
    # The reader's clock script (as-of.js) adds the reader's own date to this line, in the words
    # given here ({date} is the reader's date).
    return el("aside", currency_sentence(ctx), t("as_of.data_as_of"), when, ", ", t(f"as_of.origin.{as_of.origin}"), commit, ". ",
              el("a", t("as_of.what_changed"), href=ctx.href("changes.html")), " · ",
              el("a", t("home.what_needs_checking"), href=ctx.href("review.html")),
              join([" · ", missing_link(ctx)]) if ctx.site.repository else "",
              class_="tr-as-of", data_reference_date=as_of.day, data_reader_date=t("as_of.reader_date", date="{date}"),
              data_reader_date_passed=t("as_of.reader_date_passed", date="{date}"), data_passed_title=t("as_of.passed_title", date="{date}"),
              **unsearched())


def currency(ctx: Context) -> Currency:
    """The build's currency (macros/currency.py), worked out once per Rendering."""
    made = ctx.shared.get(_CURRENCY)
    if made is None:
        as_of = ctx.site.as_of
        made = ctx.shared[_CURRENCY] = currency_of(ctx.data, ctx.site.history, as_of.day if as_of else "")
    return made


_CURRENCY = ("currency",)


def currency_sentence(ctx: Context) -> Html:
    """"Sources up to 3 January 2026; data last updated 1 December 2026. ": the reach of the
    record and its last change, each only when known."""
    now = currency(ctx)
    parts = []
    if now.sources_up_to:
        parts.append(ctx.t("as_of.sources_up_to", date=ctx.t.date(now.sources_up_to)))
    if now.last_updated:
        parts.append(ctx.t("as_of.last_updated", date=ctx.t.date(now.last_updated)))
    return el("span", "; ".join(parts), ". ", class_="tr-currency") if parts else Html("")


def stale_notice(ctx: Context) -> Html:
    """At the top of the home page when nothing newer than STALE_AFTER_DAYS has been recorded:
    a reader must not take silence for calm."""
    now = currency(ctx)
    if not now.stale:
        return Html("")
    words = ctx.t.plural("home.stale", now.days_since_newest_source, date=ctx.t.date(now.sources_up_to))
    return el("p", words, " ", missing_link(ctx) if ctx.site.repository else "", class_="tr-stale", role="note")


# --- corrections --------------------------------------------------------------------------------

def corrections_box(ctx: Context, record: Record) -> Html:
    """A record's corrections, above everything else on its page: a reader who cited the old
    version must not miss them."""
    notes = record.get("corrections", [])
    if not notes:
        return Html("")
    t = ctx.t
    items = [el("li", el("strong", t("corrections.corrected"), date_el(ctx, n["date"]), ": "), el("span", t("corrections.it_said"), n["what_was_wrong"], class_="tr-was"),
                " ", el("span", t("corrections.now"), n["what_changed"], class_="tr-now"), " ",
                el("span", t("citation.inline_label"), join((citation(ctx, c) for c in n["sources"]), "; "), class_="tr-inline-sources"))
             for n in reversed(notes)]
    title = t.plural("corrections.title", len(notes))
    return el("div", el("p", title, class_="admonition-title"), el("ul", *items, class_="tr-corrections"),
              class_="admonition warning tr-correction-box", id="corrections", role="note")


# --- a record's history -------------------------------------------------------------------------

def history_section(ctx: Context, record: Record) -> Html:
    """First recorded, last changed, and the newest changes, from the repository's history."""
    history = ctx.site.history
    if not history.available:
        body = el("p", ctx.t("history.unavailable", reason=ctx.t(f"history.reason.{history.reason}")), class_="tr-history-unavailable")
    else:
        changes = history.of(record.path)
        body = record_changes(ctx, record, changes) if changes else el("p", ctx.t("history.not_committed"))
    return el("section", el("h2", ctx.t("history.heading")), body, id="record-history", class_="tr-section", **unsearched())


def record_changes(ctx: Context, record: Record, changes: list[Change]) -> Html:
    first, last = changes[-1], changes[0]
    t = ctx.t
    facts = el("p", t("history.first_recorded"), date_el(ctx, first.day), t("history.last_changed"), date_el(ctx, last.day),
               t.plural("history.changes", len(changes)), class_="tr-record-dates")
    repo = ctx.site.repository.rstrip("/")
    items = [_change_line(ctx, repo, c.day, c.action, c.subject, c.commit) for c in changes[:RECORD_CHANGES_LIMIT]]
    more = ""
    if len(changes) > RECORD_CHANGES_LIMIT:
        older = t.plural("history.older_changes", len(changes) - RECORD_CHANGES_LIMIT)
        more = el("p", external_link(f"{repo}/commits/{ctx.site.branch}/{record.path}", older, t("history.in_repository")) if repo else older,
                  class_="tr-more")
    return join([facts, el("ol", *items, class_="tr-changes"), more])


def _change_line(ctx: Context, repo: str, day: str, action: str, subject: str, commit: str) -> Html:
    # One commit changes many records (the first one adds them all): each of its lines is built once.
    key = ("change-line", repo, day, action, subject, commit)
    made = ctx.shared.get(key)
    if made is None:
        made = ctx.shared[key] = el("li", date_el(ctx, day), " · ", change_action(ctx, action), " · ", subject, " · ", _commit_link(repo, commit))
    return made


# --- the list of every change -----------------------------------------------------------------

@dataclass(frozen=True)
class ChangeEntry:
    """One line of changes.html: a commit's change to a record, or a correction note."""

    day: str
    kind: str  # record kind, e.g. "events"
    record_id: str
    what: str  # "added", "changed", "removed" or "correction"
    text: str
    commit: str = ""

    def sort_key(self) -> tuple:
        return (self.day, self.what == "correction", self.commit, self.kind, self.record_id)


def change_entries(ctx: Context) -> list[ChangeEntry]:
    """Every change to the data, newest first: git's changes to record files and every correction."""
    kinds = {f"{kind}/" for kind in ctx.data.records}
    found = []
    for change in ctx.site.history.changes:
        _, _, inner = change.path.partition("/")
        kind, _, name = inner.partition("/")
        if f"{kind}/" in kinds and name.endswith(".yml") and "/" not in name:
            found.append(ChangeEntry(change.day, kind, name[:-4], change.action, change.subject, change.commit))
    for kind in ctx.data.records:
        for record in ctx.data.all(kind):
            for note in record.get("corrections", []):
                found.append(ChangeEntry(note["date"], kind, record.id, "correction", note["what_changed"]))
    return sorted(found, key=ChangeEntry.sort_key, reverse=True)


def changes_overview(ctx: Context) -> Html:
    """changes.html: the newest changes, and links to the pages of older ones."""
    return block(changes_list(ctx, change_entries(ctx), 1), class_="tr-changes-page")


def changes_page_path(number: int) -> str:
    return "changes.html" if number == 1 else f"changes/{number}.html"


def changes_list(ctx: Context, entries: list[ChangeEntry], number: int) -> Html:
    """One page of the list of changes, with links to every other page."""
    pages = pages_needed(len(entries), CHANGES_PER_PAGE)
    shown = page_of(entries, CHANGES_PER_PAGE, number)
    intro = []
    if not ctx.site.history.available:
        reason = ctx.t(f"history.reason.{ctx.site.history.reason}")
        intro.append(el("p", ctx.t("changes.unavailable", reason=reason), class_="tr-history-unavailable"))
    items = [change_item(ctx, e) for e in shown]
    listing = el("ol", *items, class_="tr-change-list") if items else el("p", ctx.t("changes.none"))
    return join([*intro, listing, pager(ctx, number, pages)])


def change_item(ctx: Context, entry: ChangeEntry) -> Html:
    record = ctx.data.get(entry.kind, entry.record_id)
    name = ctx.ref(entry.kind, entry.record_id) if record else el("code", f"{entry.kind}/{entry.record_id}")
    link = ctx.href(record_page(entry.kind, entry.record_id) + "#corrections") if entry.what == "correction" and record else ""
    text = el("a", entry.text, href=link) if link else el("span", entry.text)
    commit = (" · ", commit_link(ctx, entry.commit)) if entry.commit else ()
    return el("li", date_el(ctx, entry.day), " · ", change_mark(ctx, entry.what), " · ", ctx.t.get(f"changes.kind.{entry.kind}", KINDS[entry.kind].singular), " ", name, " — ", text, *commit,
              class_="tr-change tr-change--correction" if entry.what == "correction" else "tr-change")


def change_action(ctx: Context, action: str) -> str:
    """"added", "changed", "removed": what a commit did to a record file."""
    return ctx.t(f"changes.action.{action}")


def change_mark(ctx: Context, what: str) -> Html:
    """What a change did ("added", "changed", "removed", "correction"): a few words on every line of the list."""
    if what == "correction":
        return el("span", ctx.t("changes.action.correction"), class_="tr-badge tr-badge--correction")
    return el("span", change_action(ctx, what), class_="tr-change-action")


def pager(ctx: Context, number: int, pages: int) -> Html:
    if pages == 1:
        return Html("")
    links = [el("li", el("a", ctx.t.number(n), href=ctx.href(changes_page_path(n)), aria_current="page" if n == number else None)) for n in range(1, pages + 1)]
    return el("nav", el("ul", *links, class_="tr-pager"), aria_label=ctx.t("changes.pages_label"))
