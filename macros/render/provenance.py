"""Where each fact stands in time: the "as of" line on every page, a record's corrections and
its history of changes, and the site-wide list of changes (changes.html and its older pages)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..history import COMMIT_HASH, Change
from ..model import Record
from .common import Context, citation, date_el, format_date, page_of, pages_needed, record_page
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
    """"Data as of ...": on every page, so a reader who prints or saves one knows its date."""
    as_of = ctx.site.as_of
    if as_of is None:
        return Html("")
    when = el("time", format_date(as_of.day), datetime=as_of.day)
    commit = join(["; commit ", commit_link(ctx, as_of.commit)]) if as_of.commit else ""
    # The reader's clock script (as-of.js) adds the reader's own date to this line.
    return el("aside", "Data as of ", when, ", ", as_of.describe(), commit, ". ",
              el("a", "What changed", href=ctx.href("changes.html")), " · ",
              el("a", "what needs checking", href=ctx.href("review.html")),
              class_="tr-as-of", data_reference_date=as_of.day, **unsearched())


# --- corrections --------------------------------------------------------------------------------

def corrections_box(ctx: Context, record: Record) -> Html:
    """A record's corrections, above everything else on its page: a reader who cited the old
    version must not miss them."""
    notes = record.get("corrections", [])
    if not notes:
        return Html("")
    items = [el("li", el("strong", "Corrected ", date_el(n["date"]), ": "), el("span", "It said: ", n["what_was_wrong"], class_="tr-was"), " ",
                el("span", "Now: ", n["what_changed"], class_="tr-now"), " ",
                el("span", "Source: ", join((citation(ctx, c) for c in n["sources"]), "; "), class_="tr-inline-sources"))
             for n in reversed(notes)]
    title = "This record was corrected" if len(notes) == 1 else f"This record was corrected {len(notes)} times"
    return el("div", el("p", title, class_="admonition-title"), el("ul", *items, class_="tr-corrections"),
              class_="admonition warning tr-correction-box", id="corrections", role="note")


# --- a record's history -------------------------------------------------------------------------

def history_section(ctx: Context, record: Record) -> Html:
    """First recorded, last changed, and the newest changes, from the repository's history."""
    history = ctx.site.history
    if not history.available:
        body = el("p", f"The history of this record is unavailable: {history.reason}.", class_="tr-history-unavailable")
    else:
        changes = history.of(record.path)
        body = record_changes(ctx, record, changes) if changes else el("p", "This record is not in the repository's history yet (not committed).")
    return el("section", el("h2", "History of this record"), body, id="record-history", class_="tr-section", **unsearched())


def record_changes(ctx: Context, record: Record, changes: list[Change]) -> Html:
    first, last = changes[-1], changes[0]
    facts = el("p", "First recorded ", date_el(first.day), " · last changed ", date_el(last.day),
               f" · {len(changes)} change{'s' if len(changes) != 1 else ''}", class_="tr-record-dates")
    repo = ctx.site.repository.rstrip("/")
    items = [_change_line(repo, c.day, c.action, c.subject, c.commit) for c in changes[:RECORD_CHANGES_LIMIT]]
    more = ""
    if len(changes) > RECORD_CHANGES_LIMIT:
        older = f"{len(changes) - RECORD_CHANGES_LIMIT} older changes"
        more = el("p", external_link(f"{repo}/commits/{ctx.site.branch}/{record.path}", older, " in the repository") if repo else older, class_="tr-more")
    return join([facts, el("ol", *items, class_="tr-changes"), more])


@lru_cache(maxsize=65536)
def _change_line(repo: str, day: str, action: str, subject: str, commit: str) -> Html:
    # One commit changes many records (the first one adds them all): each of its lines is built once.
    return el("li", date_el(day), " · ", action, " · ", subject, " · ", _commit_link(repo, commit))


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
        intro.append(el("p", f"The history of changes is unavailable for this build: {ctx.site.history.reason}. Corrections are listed all the same.",
                        class_="tr-history-unavailable"))
    items = [change_item(ctx, e) for e in shown]
    listing = el("ol", *items, class_="tr-change-list") if items else el("p", "No changes recorded.")
    return join([*intro, listing, pager(ctx, number, pages)])


def change_item(ctx: Context, entry: ChangeEntry) -> Html:
    record = ctx.data.get(entry.kind, entry.record_id)
    name = ctx.ref(entry.kind, entry.record_id) if record else el("code", f"{entry.kind}/{entry.record_id}")
    link = ctx.href(record_page(entry.kind, entry.record_id) + "#corrections") if entry.what == "correction" and record else ""
    text = el("a", entry.text, href=link) if link else el("span", entry.text)
    commit = (" · ", commit_link(ctx, entry.commit)) if entry.commit else ()
    return el("li", date_el(entry.day), " · ", change_mark(entry.what), " · ", entry.kind[:-1], " ", name, " — ", text, *commit,
              class_="tr-change tr-change--correction" if entry.what == "correction" else "tr-change")


@lru_cache(maxsize=None)
def change_mark(what: str) -> Html:
    """What a change did ("added", "changed", "removed", "correction"): a few words on every line of the list."""
    if what == "correction":
        return el("span", "correction", class_="tr-badge tr-badge--correction")
    return el("span", what, class_="tr-change-action")


def pager(ctx: Context, number: int, pages: int) -> Html:
    if pages == 1:
        return Html("")
    links = [el("li", el("a", str(n), href=ctx.href(changes_page_path(n)), aria_current="page" if n == number else None)) for n in range(1, pages + 1)]
    return el("nav", el("ul", *links, class_="tr-pager"), aria_label="Pages of the list of changes")
