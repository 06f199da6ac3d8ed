"""Growth without a stopwatch: the same site at 100 and at 400 synthetic records.

A build that grows linearly does the same work per record at any size: one page per record,
the same bytes per page, the same navigation on every page. Quadratic growth comes from work
per page that grows with the dataset: a nav that lists records (rendered into every page), a
record page that lists all records of a kind, an index entry per page that repeats the whole
site. Each shows as a per-page figure that is about 4 times larger at 400 records than at 100,
so these tests compare per-page figures between two real builds and time nothing.

Slack: the two datasets are different random draws (tools.synth, fixed seed), so typical
pages differ by a few per cent between them (measured: under 6 %; the largest page of a
bounded kind, up to 20 %). A per-page figure that scales with the dataset grows 4x; the limits
below (1.2x for typical pages, 1.5x for the largest record page, 2x for counts) sit between.
Timings are in tools/bench.py and BENCHMARKS.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from statistics import median

import pytest

from macros.kinds import KINDS
from macros.render.search_index import search_bytes
from tests.conftest import build_synthetic

pytestmark = pytest.mark.slow

SMALL, LARGE = 100, 400
TYPICAL = 1.2  # typical per-page figures: random draws differ by < 6 %; linear-per-page growth would be 4x
BOUNDED = 2.0  # counts and sizes that must not scale with the records: 4x would mean they do


class _PrimaryNav(HTMLParser):
    """Counts the links inside Material's primary navigation (rendered into every page)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "nav" and ("md-nav--primary" in classes or self.depth):
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_links(page: Path) -> int:
    parser = _PrimaryNav()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def content_bytes(html: str) -> int:
    """The page's own content: Material's article, without header, nav and footer, and the
    record's structured data in the head (JSON-LD describes the record, so it is content too)."""
    start = html.find("md-content__inner")
    end = html.rfind("</article>")
    article = end - start if 0 <= start < end else len(html)
    return article + sum(len(m.group(0)) for m in STRUCTURED_DATA.finditer(html))


STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


@dataclass
class Site:
    records: int
    root: Path
    html_pages: int = 0
    html_bytes: int = 0
    search_bytes: int = 0
    record_pages: dict[str, list[Path]] = field(default_factory=dict, repr=False)
    sizes: dict[str, int] = field(default_factory=dict, repr=False)  # site path -> bytes
    content: dict[str, int] = field(default_factory=dict, repr=False)  # site path -> content bytes

    def median_size(self, kind: str) -> float:
        return median(self.sizes[self.rel(p)] for p in self.record_pages[kind])

    def median_links(self, kind: str) -> float:
        return median(p.read_text(encoding="utf-8").count("<a ") for p in self.record_pages[kind])

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def typical_page(self, kind: str) -> Path:
        pages = sorted(self.record_pages[kind], key=lambda p: (self.sizes[self.rel(p)], p.name))
        return pages[len(pages) // 2]

    def chrome_bytes(self, path: Path) -> int:
        """What the theme adds around the content: header, nav, footer, scripts."""
        return self.sizes[self.rel(path)] - self.content[self.rel(path)]


def _measure(root: Path, records: int) -> Site:
    site = Site(records, root)
    for path in sorted(root.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        rel = site.rel(path)
        site.html_pages += 1
        site.sizes[rel] = len(text.encode("utf-8"))
        site.content[rel] = content_bytes(text)
        site.html_bytes += site.sizes[rel]
    for kind in KINDS:
        site.record_pages[kind] = sorted(p for p in (root / kind).glob("*.html") if p.name != "index.html")
    site.search_bytes = search_bytes(root)
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[int, Site]:
    built = {}
    for n in (SMALL, LARGE):
        root, records = build_synthetic(tmp_path_factory, n, "scale")
        site = _measure(root, n)
        assert sum(len(site.record_pages[k]) for k in KINDS) == sum(len(v) for v in records.values())
        built[n] = site
    return built


def test_one_page_per_record_and_few_others(sites):
    """Besides one page per record (checked when the sites are built) there are the overview
    pages and one timeline page per month with entries: bounded by the months the data covers
    (about 50 here), not by the number of records. A second page per record would add 4x."""
    large = sites[LARGE]
    others = {n: s.html_pages - s.records for n, s in sites.items()}
    assert others[LARGE] <= BOUNDED * others[SMALL], others
    assert others[LARGE] < large.records / 4, others


@pytest.mark.parametrize("kind", KINDS)
def test_a_typical_record_page_does_not_grow(sites, kind):
    small, large = sites[SMALL], sites[LARGE]
    assert large.median_size(kind) <= TYPICAL * small.median_size(kind), (kind, small.median_size(kind), large.median_size(kind))
    assert large.median_links(kind) <= TYPICAL * small.median_links(kind) + 2, (kind, small.median_links(kind), large.median_links(kind))


def test_bytes_written_per_page_do_not_grow(sites):
    per_page = {n: s.html_bytes / s.html_pages for n, s in sites.items()}
    assert per_page[LARGE] <= TYPICAL * per_page[SMALL], per_page
    per_record = {n: s.search_bytes / s.records for n, s in sites.items()}
    assert per_record[LARGE] <= TYPICAL * per_record[SMALL], ("search index bytes per record", per_record)


def test_navigation_on_every_page_does_not_grow(sites):
    """The nav and the rest of the theme's frame are rendered into every page: they must not depend on the data."""
    small, large = sites[SMALL], sites[LARGE]
    for kind in KINDS:
        a, b = small.typical_page(kind), large.typical_page(kind)
        assert nav_links(a) == nav_links(b) < 20, (kind, nav_links(a), nav_links(b))
        assert large.chrome_bytes(b) <= 1.05 * small.chrome_bytes(a), (kind, small.chrome_bytes(a), large.chrome_bytes(b))
    assert nav_links(small.root / "index.html") == nav_links(large.root / "index.html")
    frames = [large.chrome_bytes(p) for kind in KINDS for p in large.record_pages[kind]]
    assert max(frames) <= 1.05 * min(frames), "the frame around record pages varies with the record"


HUBS = pytest.mark.xfail(
    reason="the lists on an actor's page stop at LIST_LIMIT (50) entries, with a link to the rest; at these "
           "test sizes no list reaches the limit yet, so a popular actor's page still grows between 100 and 400 records. "
           "The bound shows at 10,000 records in BENCHMARKS.md. Strict: once these pages stop growing here, this marker must go.")


# Commitment pages passed once every record page carried its history and corrections: their
# largest page now grows less than 1.5x between the two sizes (the marker's own instruction).
@pytest.mark.parametrize("kind", ["events", "statements", "sources", pytest.param("actors", marks=HUBS), "commitments"])
def test_the_largest_record_page_stays_bounded(sites, kind):
    """The largest page of each kind, not only the typical one: a list on it that grows with
    the dataset makes it about 4x larger here (measured for bounded kinds: at most 1.2x)."""
    small, large = sites[SMALL], sites[LARGE]

    def largest(site: Site) -> tuple[int, str]:
        return max((site.content[site.rel(p)], site.rel(p)) for p in site.record_pages[kind])

    assert largest(large)[0] <= 1.5 * largest(small)[0], (largest(small), largest(large))


@pytest.mark.xfail(reason="timeline.html grows up to its budget of 250 entries and the overview lists up to LIST_LIMIT (50); neither "
                          "bound is reached at these sizes; tests/test_page_budget.py checks them where they are. Strict, like every xfail.")
def test_the_largest_page_stays_bounded(sites):
    small, large = sites[SMALL], sites[LARGE]

    def largest(site: Site) -> tuple[int, str]:
        return max((size, path) for path, size in site.content.items())

    assert largest(large)[0] <= BOUNDED * largest(small)[0], (largest(small), largest(large))

