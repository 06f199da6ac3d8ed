"""Every page stays under a fixed size however many records there are.

Two real builds of synthetic data with the real data's proportions (tools.synth computes them
from data/: a quarter actors, a sixth commitments ...), at sizes where the overview lists are
over their caps. Overview pages show LIST_LIMIT entries and link to the complete list, page by
page (lists/<name>-<n>.html, LIST_PAGE_SIZE entries a page); record pages cap their lists too.
Every entry is bounded by the model's maximum text lengths, so a page whose every list is within
its cap is bounded in size whatever the number of records: the tests check the caps on every
page and the byte budget on every page of both builds.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.render.common import LIST_LIMIT
from macros.render.complete_lists import LIST_PAGE_SIZE
from tests.conftest import build_synthetic

pytestmark = pytest.mark.slow

SMALL, LARGE = 1200, 2400
PAGE_BUDGET = 1024 * 1024  # bytes of HTML, the budget at 10,000 records (BENCHMARKS.md)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[int, tuple[Path, dict]]:
    return {n: build_synthetic(tmp_path_factory, n, "budget") for n in (SMALL, LARGE)}


def sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def test_every_cap_is_in_force(sites):
    """Otherwise the comparison below proves nothing: each capped list must be longer than its cap."""
    _, records = sites[SMALL]
    security = [c for c in records["commitments"] if c["area"] == "security"]
    people = [a for a in records["actors"] if a["kind"] == "person"]
    assert len(security) > LIST_LIMIT and len(records["commitments"]) - len(security) > LIST_LIMIT
    assert len(people) > LIST_LIMIT and len(records["sources"]) > LIST_LIMIT
    _, large = sites[LARGE]
    assert len([a for a in large["actors"] if a["kind"] == "person"]) > LIST_PAGE_SIZE, "the people list needs a second page"


def test_no_page_passes_the_budget(sites):
    for n, (site, _) in sites.items():
        over = {path: size for path, size in sizes(site).items() if size > PAGE_BUDGET}
        assert over == {}, (n, over)


class _Lists(HTMLParser):
    """The longest list on a page: items of <ul>/<ol>, rows of <tbody>, outside the exempt lists."""

    # One entry per month or per page, not per record; charts keep their own caps (a row per
    # month, at most MAX_ROWS guarantors).
    EXEMPT = ("tr-month-index", "tr-timeline-list", "tr-pager", "tr-chart")

    def __init__(self):
        super().__init__()
        self.stack: list[list] = []  # [tag, items, exempt]
        self.longest = 0

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            exempt = "tr-chart" in (dict(attrs).get("class") or "")
            self.stack.append([tag, 0, exempt or bool(self.stack and self.stack[-1][2])])
        elif tag in ("ul", "ol", "tbody"):
            exempt = any(name in (dict(attrs).get("class") or "") for name in self.EXEMPT)
            self.stack.append([tag, 0, exempt or bool(self.stack and self.stack[-1][2])])
        elif tag in ("li", "tr") and self.stack:
            self.stack[-1][1] += 1

    def handle_endtag(self, tag):
        if tag in ("ul", "ol", "tbody", "figure") and self.stack:
            _, items, exempt = self.stack.pop()
            if not exempt:
                self.longest = max(self.longest, items)


def longest_list(page: Path) -> int:
    parser = _Lists()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.longest


def test_no_list_outgrows_its_cap(sites):
    """A page's size is bounded when each of its lists is: at most LIST_LIMIT entries on overview
    and record pages, LIST_PAGE_SIZE on a page of a complete list, whatever the number of records.
    (Timeline pages have their own budget, in entries per page; lists of months grow with time.)"""
    site, _ = sites[LARGE]
    too_long = {}
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("timeline"):
            continue
        cap = LIST_PAGE_SIZE if rel.startswith("lists/") else LIST_LIMIT
        if longest_list(page) > cap:
            too_long[rel] = longest_list(page)
    assert too_long == {}, too_long


def _linked(site: Path, pattern: str, folder: str) -> set[str]:
    found = set()
    for page in site.glob(pattern):
        found |= set(re.findall(rf'href="\.\./{folder}/([^"#]+)\.html"', page.read_text(encoding="utf-8")))
    return found - {"index"}  # the site navigation's link to the actors overview


def test_the_complete_lists_hold_every_record_and_the_overviews_link_to_them(sites):
    site, records = sites[LARGE]
    expected = {
        ("lists/security-guarantees-*.html", "commitments"): {c["id"] for c in records["commitments"] if c["area"] == "security"},
        ("lists/people-*.html", "actors"): {a["id"] for a in records["actors"] if a["kind"] == "person"},
        ("lists/sources-*.html", "sources"): {s["id"] for s in records["sources"]},
    }
    for (pattern, folder), ids in expected.items():
        linked = _linked(site, pattern, folder)
        assert linked == ids, (pattern, sorted(ids - linked)[:3], sorted(linked - ids)[:3])
    assert 'href="lists/security-guarantees-1.html"' in (site / "security-guarantees.html").read_text(encoding="utf-8")
    assert 'href="../lists/people-1.html"' in (site / "actors" / "index.html").read_text(encoding="utf-8")
    second = (site / "lists" / "people-2.html").read_text(encoding="utf-8")
    assert 'href="people-1.html" rel="prev"' in second


DENSE_MONTH = "2026-01"


@pytest.fixture(scope="module")
def dense_month_site(tmp_path_factory) -> tuple[Path, int]:
    """data/ with 300 more statements in one month: more than one page of a month's entries."""
    import shutil

    from macros.load import load_dataset
    from macros.render.timeline import timeline_months
    from tests.conftest import DATA, build_site

    base = tmp_path_factory.mktemp("dense-month")
    shutil.copytree(DATA, base / "data")
    template = (DATA / "statements" / "2026-01-01-us-official-less-theory-more-sequencing.yml").read_text()
    for n in range(300):
        new_id = f"{DENSE_MONTH}-{n % 28 + 1:02d}-extra-remark-{n}"
        text = template.replace("2026-01-01-us-official-less-theory-more-sequencing", new_id)
        text = re.sub(r"(?m)^date: .*$", f"date: {new_id[:10]}", text)
        (base / "data" / "statements" / f"{new_id}.yml").write_text(text)
    result = build_site(base / "site", base / "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    entries = len(timeline_months(load_dataset(base / "data"))[DENSE_MONTH])
    return base / "site", entries


def timeline_entries(page: Path) -> list[str]:
    return re.findall(r'<li id="([^"]+)" class="tr-item ', page.read_text())


def test_a_busy_month_is_split_into_parts_that_hold_every_entry_once(dense_month_site):
    from macros.render.timeline import TIMELINE_PAGE_BUDGET

    site, entries = dense_month_site
    assert entries > TIMELINE_PAGE_BUDGET, "the month must need more than one page"
    parts = sorted(site.glob(f"timeline/{DENSE_MONTH}*.html"))
    assert len(parts) == -(-entries // TIMELINE_PAGE_BUDGET)
    seen = [entry for part in parts for entry in timeline_entries(part)]
    assert all(len(timeline_entries(part)) <= TIMELINE_PAGE_BUDGET for part in parts)
    assert len(seen) == len(set(seen)) == entries
    first = (site / "timeline" / f"{DENSE_MONTH}.html").read_text()
    assert f'href="{DENSE_MONTH}-part-2.html"' in first and f"has {entries} entries" in first
    assert len(timeline_entries(site / "timeline.html")) <= TIMELINE_PAGE_BUDGET


# --- a vocabulary of any size ----------------------------------------------------------------------

PADDED_TERMS = 160  # per vocabulary list: the most the vocabulary file's 1 MiB holds, five times what a table shows


@pytest.fixture(scope="module")
def big_vocabulary_site(tmp_path_factory) -> tuple[Path, dict]:
    """data/ with PADDED_TERMS terms in every vocabulary list, their texts as long as allowed and
    made of a character HTML escapes to six bytes (&#123;)."""
    import shutil

    import yaml

    from macros.schema import VOCABULARY_LISTS
    from tests.conftest import DATA, build_site

    base = tmp_path_factory.mktemp("big-vocabulary")
    shutil.copytree(DATA, base / "data")
    vocabulary = yaml.safe_load((DATA / "vocabulary.yml").read_text(encoding="utf-8"))
    topic = next(iter(vocabulary["topics"]))
    for name in VOCABULARY_LISTS:
        for n in range(len(vocabulary.get(name) or {}), PADDED_TERMS):
            term = {"label": f"{n:03d} " + "{" * 96, "description": "{" * 1000}
            if name == "issues":
                term.update(question="{" * 299 + "?", topics=[topic])
            vocabulary.setdefault(name, {})[f"padding-{n}"] = term
    (base / "data" / "vocabulary.yml").write_text(yaml.safe_dump(vocabulary, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    result = build_site(base / "site", base / "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return base / "site", vocabulary


def test_a_vocabulary_of_any_size_keeps_every_page_within_budget(big_vocabulary_site):
    site, vocabulary = big_vocabulary_site
    over = {path: size for path, size in sizes(site).items() if size > PAGE_BUDGET}
    assert over == {}, over


def test_the_methodology_page_lists_the_first_terms_and_links_to_every_one(big_vocabulary_site):
    import json

    site, vocabulary = big_vocabulary_site
    methodology = (site / "methodology.html").read_text(encoding="utf-8")
    for name in ("mechanisms", "topics", "event_kinds"):
        shown = [term for term in vocabulary[name] if f"<code>{term}</code>" in methodology]
        assert shown == list(vocabulary[name])[:len(shown)] and 10 < len(shown) < PADDED_TERMS, name
    notes = re.findall(r'(\d+) more terms are not listed here: <a href="([^"]+)"', methodology)
    assert len(notes) >= 3 and all(href == "api/v1/vocabulary.json" for _, href in notes), notes
    published = json.loads((site / "api/v1/vocabulary.json").read_text(encoding="utf-8"))
    assert f'"padding-{PADDED_TERMS - 1}"' in json.dumps(published)  # the last term of every list is published
