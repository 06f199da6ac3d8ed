"""Printing a record or an overview gives a briefing: the page's own content with its sources and
its "data as of" line, links followed by their addresses, and none of the site's chrome. Checked
in Debian's chromium through its print emulation, on the site opened from disk."""
from __future__ import annotations

import pytest

from macros.kinds import KINDS
from tests.browser import OfflinePage

pytestmark = pytest.mark.browser

SITE_URL = "https://ukraine-peace-tracker.github.io/tracker/"
CHROME = (".md-header", ".md-search", ".md-sidebar--primary", ".md-footer", ".tr-edit")
AFTER = "(link) => getComputedStyle(link, '::after').content"


def _visible(page, selector: str) -> bool:
    return any(element.is_visible() for element in page.query_selector_all(selector))


@pytest.fixture
def printed(browser):
    opened = []

    def open_printed(path):
        offline = OfflinePage(browser).__enter__()
        opened.append(offline)
        offline.goto_file(path)
        offline.page.emulate_media(media="print")
        return offline.page

    yield open_printed
    for offline in opened:
        problems = offline.problems()
        offline.__exit__(None, None, None)
        assert problems == {}, problems


def test_a_printed_record_keeps_its_sources_and_date_and_drops_the_chrome(fixture_site, fixture_dataset, browser, printed):
    statement = sorted(fixture_dataset.all("statements"), key=lambda s: s.id)[0]
    path = fixture_site / KINDS["statements"].page(statement.id)
    with OfflinePage(browser) as screen:  # on screen, the chrome is there: the test can tell
        screen.goto_file(path)
        assert _visible(screen.page, ".md-header") and _visible(screen.page, ".tr-edit")
    page = printed(path)
    for selector in CHROME:
        assert not _visible(page, selector), selector
    assert _visible(page, "#sources") and _visible(page, ".tr-as-of")
    assert page.inner_text(".tr-as-of").strip()
    # A web address as it is (the record's history links its commits), and a page of the
    # tracker by its published address (not file://).
    web = [link for link in page.query_selector_all('.md-content a[href^="https://"]') if link.is_visible()]
    assert web and all(link.get_attribute("href") in link.evaluate(AFTER) for link in web)
    inner = page.query_selector('.md-content a[href^="../sources/"]')
    assert SITE_URL + "sources/" in inner.evaluate(AFTER) and "file:" not in inner.evaluate(AFTER)


def test_a_printed_overview_has_no_filters_or_navigation(fixture_site, printed):
    page = printed(fixture_site / "timeline.html")
    for selector in (*CHROME, ".tr-filters"):
        assert not _visible(page, selector), selector
    assert _visible(page, ".tr-as-of") and _visible(page, "h1")
    linked = page.query_selector('.md-content a[href^="timeline/"], .md-content a[href^="events/"], .md-content a[href^="statements/"]')
    assert linked.evaluate(AFTER).startswith('" <' + SITE_URL)


def test_an_actor_page_with_its_feed_opens_from_disk_without_a_failed_request(fixture_site, fixture_dataset, browser):
    """Its feed is linked as rel="alternate feed": with rel="alternate" alone, Material's script
    would fetch a sitemap.xml beside the feed, which fails from disk."""
    actor = sorted(fixture_dataset.all("actors"), key=lambda a: a.id)[0]
    with OfflinePage(browser) as screen:
        screen.goto_file(fixture_site / KINDS["actors"].page(actor.id))
        screen.page.wait_for_timeout(500)
        assert screen.page.query_selector('link[rel="alternate feed"][type="application/atom+xml"]') is not None
        assert screen.page.is_visible(".tr-follow a")
        assert screen.problems() == {}
