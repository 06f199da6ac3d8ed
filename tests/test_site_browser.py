"""A reader's visit, in Debian's chromium, to the site opened from disk with no network (built from
the frozen data in tests/fixtures/browser/, so an editor's correction to data/ cannot break it)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import OfflinePage, search

pytestmark = pytest.mark.browser


def _paths(results):
    return [urlparse(href).path.rsplit("/site", 1)[-1] for _, href in results]


@pytest.fixture
def visit(browser):
    pages = []

    def open_page(**options):
        page = OfflinePage(browser, **options).__enter__()
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        problems = page.problems()
        page.__exit__(None, None, None)
        assert problems == {}, problems


def _hrefs(results):
    return [href for _, href in results]


@pytest.mark.parametrize("query, expected_page", [
    ("Budanov", "/actors/kyrylo-budanov.html"),
    ("tripwire", "/commitments/"),
    ("Ankara", "/events/"),
    ("90% ready", "/statements/"),
])
def test_search_finds_people_mechanisms_places_and_quotes(fixture_site, visit, query, expected_page):
    reader = visit()
    reader.goto_file(fixture_site / "index.html")
    results = search(reader.page, query)
    assert any(expected_page in href for href in _hrefs(results)), results


def test_a_quoted_phrase_lands_on_the_statement(fixture_site, visit, fixture_dataset):
    quoted = next(s for s in fixture_dataset.all("statements") if s.get("quote") and "cohesion" in s["quote"])
    reader = visit()
    reader.goto_file(fixture_site / "index.html")
    results = search(reader.page, "cohesion not concession")
    assert any(f"statements/{quoted.id}.html" in href for href in _hrefs(results)), results


def _visible_items(page):
    return page.locator(".tr-item:not([hidden])").evaluate_all("els => els.map(e => e.id)")


def test_timeline_filters_by_actor_and_keeps_the_filter_in_the_address(fixture_site, visit, fixture_dataset):
    reader = visit()
    page = reader.page
    reader.goto_file(fixture_site / "timeline.html")
    everything = _visible_items(page)
    page.select_option("select[name=actor]", "kyrylo-budanov")
    budanov = _visible_items(page)
    expected = {e.id for e in fixture_dataset.events_with("kyrylo-budanov")} | {s.id for s in fixture_dataset.statements_by("kyrylo-budanov")}
    assert set(budanov) == expected and 0 < len(budanov) < len(everything)
    assert "actor=kyrylo-budanov" in page.url
    page.select_option("select[name=topic]", "prisoner-exchange")
    assert _visible_items(page) == []
    assert "Showing 0 of" in page.locator(".tr-filter-status").inner_text()
    page.click(".tr-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.tr-item[hidden]').length === 0")
    assert "actor=" not in page.url


def test_a_filtered_timeline_address_opens_filtered(fixture_site, visit, fixture_dataset):
    reader = visit()
    page = reader.page
    page.goto((fixture_site / "timeline.html").as_uri() + "?topic=prisoner-exchange")
    page.wait_for_load_state("load")
    shown = set(_visible_items(page))
    expected = {r.id for r in [*fixture_dataset.all("events"), *fixture_dataset.all("statements")] if "prisoner-exchange" in r.get("topics", [])}
    assert shown == expected and shown
    assert page.locator("select[name=topic]").input_value() == "prisoner-exchange"


def test_from_an_event_to_a_participant_and_back(fixture_site, visit, fixture_dataset):
    event = fixture_dataset.get("events", next(e.id for e in fixture_dataset.events_chronological() if any(p["actor"] == "rustem-umerov" for p in e.get("participants", []))))
    reader = visit()
    page = reader.page
    reader.goto_file(fixture_site / "events" / f"{event.id}.html")
    page.click(".tr-participants a[href$='actors/rustem-umerov.html']")
    page.wait_for_url("**/actors/rustem-umerov.html")
    assert "Rustem Umerov" in page.locator("h1").first.inner_text()
    page.click(f"section#events a[href$='events/{event.id}.html']")
    page.wait_for_url(f"**/events/{event.id}.html")
    page.go_back()
    page.wait_for_url("**/actors/rustem-umerov.html")


def test_a_disputed_claim_shows_its_denial(fixture_site, visit, fixture_dataset):
    claim = next(s for s in fixture_dataset.all("statements") if fixture_dataset.denials_of(s.id))
    reader = visit()
    page = reader.page
    reader.goto_file(fixture_site / "statements" / f"{claim.id}.html")
    assert page.locator(".tr-dispute").count() >= 1
    page.click(".tr-dispute a.tr-dispute-link")
    denial = fixture_dataset.denials_of(claim.id)[0]
    page.wait_for_url(f"**/statements/{denial.id}.html")
    assert page.locator(".tr-badge--denial").count() >= 1


def test_month_pages_keep_the_filter_when_the_reader_moves_between_months(fixture_site, visit, fixture_dataset):
    reader = visit()
    page = reader.page
    page.goto((fixture_site / "timeline.html").as_uri() + "?topic=diplomacy")
    page.wait_for_load_state("load")
    page.click("nav[aria-label='Timeline by month'] a[href*='timeline/2026-01.html']")
    page.wait_for_url("**/timeline/2026-01.html?topic=diplomacy")
    shown = set(_visible_items(page))
    expected = {r.id for r in [*fixture_dataset.all("events"), *fixture_dataset.all("statements")]
                if "diplomacy" in r.get("topics", []) and (r.get("date") or "").startswith("2026-01")}
    assert shown == expected and shown
