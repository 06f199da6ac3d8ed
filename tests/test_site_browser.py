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


def test_search_finds_an_issue_by_its_question(fixture_site, visit, fixture_dataset):
    issue, term = next(iter(fixture_dataset.vocabulary_terms["issues"].items()))
    reader = visit()
    reader.goto_file(fixture_site / "index.html")
    results = search(reader.page, " ".join(term["question"].rstrip("?").split()[-3:]))
    assert any(f"/issues/{issue}.html" in href for href in _hrefs(results)), results


def _coded_example(dataset):
    """A named speaker's position and its issue, taken from the data."""
    from macros.positions import position_index

    return next(p for p in position_index(dataset).all if p.actor)


def test_from_the_home_page_to_the_positions_to_an_issue_to_the_statement(fixture_site, visit, fixture_dataset):
    position = _coded_example(fixture_dataset)
    reader = visit()
    page = reader.page
    reader.goto_file(fixture_site / "index.html")
    page.click("nav.md-nav--primary a[href$='positions.html']")
    page.wait_for_url("**/positions.html")
    grid = page.locator("table.tr-positions-grid")
    assert grid.locator("thead th[scope=col]").count() == 1 + len(fixture_dataset.vocabulary_terms["issues"])
    assert grid.locator(f"tbody th[scope=row] a[href$='actors/{position.actor}.html']").count() == 1
    grid.locator(f"thead a[href$='issues/{position.issue}.html']").click()
    page.wait_for_url(f"**/issues/{position.issue}.html")
    assert fixture_dataset.vocabulary_terms["issues"][position.issue]["question"] in page.locator(".tr-question").inner_text()
    page.click(f"#positions a[href$='statements/{position.statement.id}.html#{position.anchor}']")
    page.wait_for_url(f"**/statements/{position.statement.id}.html#{position.anchor}")
    coded = page.locator(f"#{position.anchor}")
    assert position.summary in coded.inner_text() and position.stance in coded.inner_text().lower()
    assert page.locator("h1").first.inner_text().startswith(fixture_dataset.get("actors", position.actor)["name"])


def test_the_grid_on_a_phone_scrolls_in_its_own_box_and_by_keyboard(fixture_site, visit, fixture_dataset):
    reader = visit(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page = reader.page
    reader.goto_file(fixture_site / "positions.html")
    # The page itself does not scroll sideways: only the table's box does.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator(".tr-positions [role=region]")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    box.focus()
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.tr-positions [role=region]').scrollLeft > 0")
    # Each cell's summary is a link a keyboard reaches, to the statement it was coded from.
    first = page.locator(".tr-positions-grid a.tr-cell-summary").first
    first.focus()
    first.press("Enter")
    page.wait_for_url("**/statements/*.html#position-*")
