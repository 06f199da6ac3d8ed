"""What a reader finds by following links: relations show on both pages, a state's page lists the
events held in it and those of its people, an actor's events say how it took part, and counts of
one read as one. A small dataset built into a real site, plus the real site for the real data."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.load import load_dataset
from macros.render.records import amount_text
from macros.render.views import rendering_of
from macros.words import agree, count
from tests.conftest import DATA, build_site

SOURCE = "sources:\n  - example-news-2026-01-10\n"
FILES = {
    "sources/example-news-2026-01-10.yml": (
        "id: example-news-2026-01-10\nkind: news-article\npublisher: Example News\ntitle: Talks in Berlin\n"
        "published: 2026-01-10\n"
    ),
    "sources/example-wire-2026-01-11.yml": (
        "id: example-wire-2026-01-11\nkind: news-article\npublisher: Example Wire\ntitle: Follow-up in Kyiv\n"
        "published: 2026-01-11\n"
    ),
    "actors/germany.yml": "id: germany\nkind: state\nname: Germany\ndescription: A state.\n" + SOURCE,
    "actors/ukraine.yml": "id: ukraine\nkind: state\nname: Ukraine\ndescription: A state.\n" + SOURCE,
    "actors/friedrich-merz.yml": (
        "id: friedrich-merz\nkind: person\nname: Friedrich Merz\ncountry: germany\ndescription: Chancellor.\n" + SOURCE
    ),
    "actors/rustem-umerov.yml": (
        "id: rustem-umerov\nkind: person\nname: Rustem Umerov\ncountry: ukraine\ndescription: Negotiator.\n" + SOURCE
    ),
    "events/2026-01-10-berlin-meeting.yml": (
        "id: 2026-01-10-berlin-meeting\nkind: meeting\ntitle: Advisers meet in Berlin\ndate: 2026-01-10\n"
        "status_history:\n  - status: held\n    date: 2026-01-10\n    sources:\n      - example-news-2026-01-10\n"
        "location:\n  place: Berlin\n  country: germany\nparticipants:\n  - actor: friedrich-merz\n    mode: in-person\n"
        "    role: host\n  - actor: rustem-umerov\n    mode: remote\nsummary: Advisers met.\n" + SOURCE
    ),
    # Only the follow-up names the Berlin meeting; the Berlin meeting's file does not name it.
    "events/2026-02-11-kyiv-follow-up.yml": (
        "id: 2026-02-11-kyiv-follow-up\nkind: meeting\ntitle: Follow-up in Kyiv\ndate: 2026-02-11\n"
        "status_history:\n  - status: held\n    date: 2026-02-11\n    sources:\n      - example-wire-2026-01-11\n"
        "participants:\n  - actor: ukraine\n    role: host\nsummary: They met again.\n"
        "related_events:\n  - 2026-01-10-berlin-meeting\nsources:\n  - example-wire-2026-01-11\n"
    ),
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("reading-data")
    shutil.copyfile(DATA / "vocabulary.yml", data / "vocabulary.yml")
    for relative, text in FILES.items():
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("reading-site")
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def section(page: Path, section_id: str) -> str:
    """The text of one section of a page, or '' when the page has no such section."""
    html = page.read_text(encoding="utf-8")
    match = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def links(page: Path, section_id: str) -> list[str]:
    html = page.read_text(encoding="utf-8")
    match = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.S)
    return re.findall(r'href="([^"]+)"', match.group(1)) if match else []


def test_a_related_event_shows_on_both_pages(small_site):
    berlin = small_site / "events" / "2026-01-10-berlin-meeting.html"
    kyiv = small_site / "events" / "2026-02-11-kyiv-follow-up.html"
    assert links(kyiv, "related") == ["2026-01-10-berlin-meeting.html"]
    assert links(berlin, "related") == ["2026-02-11-kyiv-follow-up.html"], "the follow-up names Berlin; Berlin must link back"
    assert "Follow-up in Kyiv" in section(berlin, "related")


def test_a_states_page_lists_events_held_in_it_and_events_of_its_people(small_site):
    germany = small_site / "actors" / "germany.html"
    assert section(germany, "events") == "", "Germany itself is no participant"
    assert "Advisers meet in Berlin" in section(germany, "events-held-in")
    people = section(germany, "events-of-people")
    assert "Advisers meet in Berlin" in people and "Friedrich Merz (host; in person)" in people
    assert "Rustem Umerov" not in people, "only Germany's own people"

    ukraine = small_site / "actors" / "ukraine.html"
    assert "Follow-up in Kyiv" in section(ukraine, "events")
    assert "Rustem Umerov (remote)" in section(ukraine, "events-of-people")
    assert section(ukraine, "events-held-in") == "", "the follow-up gives no location"


def test_an_actors_events_show_its_role_beside_its_mode(small_site):
    merz = section(small_site / "actors" / "friedrich-merz.html", "events")
    assert "Advisers meet in Berlin (host; in person)" in merz
    ukraine = section(small_site / "actors" / "ukraine.html", "events")
    assert "Follow-up in Kyiv (host)" in ukraine


def test_a_count_of_one_reads_as_one(small_site):
    methodology = re.sub(r"<[^>]+>", "", (small_site / "methodology.html").read_text(encoding="utf-8"))
    assert "Follow-up in Kyiv — 1 record cites it" in methodology
    assert "Talks in Berlin — 5 records cite it" in methodology
    assert not re.search(r"\b1 records\b|\b1 [a-z]+s (are|cite)\b", methodology)


def test_the_events_chart_counts_its_events(small_site):
    """The chart's description for screen readers: two events, one a month, counted in words."""
    home = (small_site / "index.html").read_text(encoding="utf-8")
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", home, re.S).group(1)
    assert desc.startswith("Stacked bar chart of 2 events by month,"), desc
    assert "with 1 event." in desc, desc


def test_the_real_sites_one_sided_links_show_on_both_ends(built_site, dataset):
    checked = 0
    for event in dataset.all("events"):
        for other in event.get("related_events", []):
            page = built_site / "events" / f"{other}.html"
            assert f"{event.id}.html" in links(page, "related"), f"{other} does not link back to {event.id}"
            checked += 1
    assert checked > 0


def test_the_timeline_filter_counts_one_entry_as_one(small_site, browser):
    from tests.browser import OfflinePage

    with OfflinePage(browser) as offline:
        offline.goto_file(small_site / "timeline" / "2026-02.html")
        offline.page.select_option("select[name=actor]", "ukraine")
        status = offline.page.locator(".tr-filter-status")
        status.filter(has_text="Showing").wait_for()
        assert status.inner_text() == "Showing 1 of 1 entry."
        assert offline.problems() == {}


def test_words():
    assert [count(n, "record") for n in (0, 1, 2)] == ["0 records", "1 record", "2 records"]
    assert count(1, "entry") == "1 entry" and count(3, "entry") == "3 entries" and count(2, "day") == "2 days"
    assert agree(1, "cites", "cite") == "cites" and agree(2, "cites", "cite") == "cite"
    ctx = rendering_of(load_dataset(DATA)).context("commitments/x.html")
    assert amount_text(ctx, {"value": 5e9, "currency": "EUR", "period_years": 1}) == "EUR 5 billion (1 year)"
    assert amount_text(ctx, {"value": 5e9, "currency": "EUR", "period_years": 2.5}) == "EUR 5 billion (2.5 years)"
    assert amount_text(ctx, {"value": 1234567, "currency": "EUR", "precision": "about"}) == "about EUR 1,234,567"
