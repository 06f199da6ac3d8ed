"""Search finds what a reader types: the relevance suite of tools/relevance.py, each query typed
into Material's search box on the real site opened from disk with no network."""
from __future__ import annotations

import pytest

from tests.browser import OfflinePage, search
from tools.relevance import QUERIES, TOP, in_top, site_path

pytestmark = pytest.mark.browser


def test_the_suite_covers_what_journalists_type():
    assert len(QUERIES) >= 100
    assert len({query for query, _, _ in QUERIES}) == len(QUERIES)
    # Every class of issue 28 has its queries: word forms, typos, inflected Cyrillic, other names, phrases.
    for kind in ("word form", "typo", "genitive", "dative", "seat of power", "phrase"):
        assert sum(kind in checks for _, _, checks in QUERIES) >= 4, kind


@pytest.mark.parametrize("query, expected, checks", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_the_expected_page_is_in_the_top_three(built_site, browser, query, expected, checks):
    assert (built_site / expected).is_file(), f"{expected} is not a page of the site: the suite needs updating"
    with OfflinePage(browser) as reader:
        reader.goto_file(built_site / "index.html")
        results = search(reader.page, query)
        assert reader.problems() == {}
    top = [site_path(href).rsplit("/", 2)[-2:] for _, href in results[:TOP]]
    assert in_top(results, built_site, expected), (checks, top)
