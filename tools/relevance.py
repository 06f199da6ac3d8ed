"""The search relevance suite: queries a journalist would type, each with the page that must come
among the first three results, searched in the real browser on the site opened from disk.

    python -m tools.relevance SITE_DIR      # the score and every miss (SITE_DIR built from data/)

tests/test_search_relevance.py runs the same queries on every `make test`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

TOP = 3

# (what the reader types, the site path that must be in the top three, what it checks)
QUERIES: list[tuple[str, str, str]] = [
    # A name brings its actor page first, above the pages that merely mention it.
    ("Witkoff", "actors/steve-witkoff.html", "surname of a person"),
    ("Coalition of the Willing", "actors/coalition-of-the-willing.html", "name of a coalition"),
    ("Budanov", "actors/kyrylo-budanov.html", "surname"),
    ("Trump", "actors/donald-trump.html", "surname"),
    ("Putin", "actors/vladimir-putin.html", "surname"),
    ("Macron", "actors/emmanuel-macron.html", "surname"),
    ("Starmer", "actors/keir-starmer.html", "surname"),
    ("Kushner", "actors/jared-kushner.html", "surname"),
    ("Rubio", "actors/marco-rubio.html", "surname"),
    ("Carney", "actors/mark-carney.html", "surname"),
    ("Umerov", "actors/rustem-umerov.html", "surname"),
    ("Kachka", "actors/taras-kachka.html", "surname"),
    ("Abramovich", "actors/roman-abramovich.html", "surname"),
    ("NATO", "actors/nato.html", "organisation"),
    ("European Commission", "actors/european-commission.html", "organisation"),
    ("Senate Armed Services Committee", "actors/us-senate-armed-services-committee.html", "short form of a name"),
    ("Ukraine", "actors/ukraine.html", "state named on almost every page"),
    # Other transliterations and Cyrillic spellings (aliases).
    ("Zelenskyy", "actors/volodymyr-zelensky.html", "transliteration"),
    ("Zelenskiy", "actors/volodymyr-zelensky.html", "transliteration"),
    ("Зеленський", "actors/volodymyr-zelensky.html", "Ukrainian Cyrillic"),
    ("Зеленский", "actors/volodymyr-zelensky.html", "Russian Cyrillic"),
    ("Ermak", "actors/andrii-yermak.html", "transliteration"),
    ("Єрмак", "actors/andrii-yermak.html", "Ukrainian Cyrillic"),
    ("Кирилл Буданов", "actors/kyrylo-budanov.html", "Russian Cyrillic"),
    ("Shmygal", "actors/denys-shmyhal.html", "transliteration"),
    ("Путин", "actors/vladimir-putin.html", "Russian Cyrillic"),
    ("Віткофф", "actors/steve-witkoff.html", "Ukrainian Cyrillic"),
    ("НАТО", "actors/nato.html", "Cyrillic abbreviation"),
    ("Türkiye", "actors/turkey.html", "official name"),
    ("Україна", "actors/ukraine.html", "Ukrainian Cyrillic"),
    ("Russian Federation", "actors/russia.html", "official name"),
    ("Zelensky’s", "actors/volodymyr-zelensky.html", "typographic apostrophe"),
    # Places (the gazetteer in data/vocabulary.yml).
    ("Kiev", "events/2026-01-03-kyiv-security-advisers-meeting.html", "older spelling of a place"),
    ("Київ", "events/2026-01-03-kyiv-security-advisers-meeting.html", "Cyrillic place name"),
    ("Ankara", "events/2026-01-01-umerov-ankara-visit.html", "place"),
    ("Херсон", "events/2026-01-01-kherson-region-village-strike.html", "Cyrillic place name in a longer location"),
    # Amounts, as readers write them.
    ("800 billion", "commitments/economic-support-package-800-billion.html", "amount in words"),
    ("$800bn", "commitments/economic-support-package-800-billion.html", "amount with currency sign"),
    ("USD 800 billion", "commitments/economic-support-package-800-billion.html", "amount with currency code"),
    ("£2.5bn", "commitments/chelsea-fc-sale-proceeds.html", "amount with decimals"),
    # Words inside records: dashes, quotes and slashes separate words.
    ("cohesion", "statements/2026-01-03-wicker-cohesion-not-concession.html", "word between em dashes"),
    ("cohesion not concession", "statements/2026-01-03-wicker-cohesion-not-concession.html", "quoted phrase"),
    ("90% ready", "statements/2026-01-01-zelensky-new-year-address-90-percent.html", "quote with a percent sign"),
    ("tripwire", "commitments/tripwire-guarantees.html", "mechanism"),
    ("US backstop", "commitments/layer-3-us-backstop.html", "mechanism"),
    ("deconfliction", "commitments/deconfliction-mechanisms.html", "mechanism"),
    ("peacekeeping force", "commitments/european-led-peacekeeping-force.html", "commitment"),
    ("20-point plan", "commitments/twenty-point-peace-plan.html", "plan with a hyphenated number"),
    ("prosperity package", "commitments/prosperity-package.html", "commitment"),
    ("Chelsea", "commitments/chelsea-fc-sale-proceeds.html", "commitment"),
    ("refineries", "events/2026-01-03-ukrainian-drone-strikes-on-russian-refineries.html", "event"),
    ("evacuation", "events/2026-01-03-ukraine-evacuation-order.html", "event"),
    ("military chiefs", "events/2026-01-05-military-chiefs-meeting.html", "event"),
    ("Macron New Year address", "events/2026-01-01-macron-new-year-address.html", "event among similar ones"),
    ("Yermak resignation", "events/2025-11-andrii-yermak-resignation.html", "event about a person"),
    ("Budanov chief of staff", "events/2026-01-03-budanov-appointed-chief-of-staff.html", "appointment"),
    ("Putin residence drone", "events/2026-01-03-putin-residence-drone-attack-claim.html", "claim"),
    ("Kyiv Post", "sources/kyiv-post-2026-01-diplomatic-sprint.html", "source by publisher"),
]


def site_path(href: str) -> str:
    """'file:///…/site/actors/x.html#y' → 'actors/x.html' (relative to the site folder)."""
    return unquote(urlparse(href).path)


def in_top(results: list[tuple[str, str]], site: Path, expected: str) -> bool:
    wanted = (Path(site).resolve() / expected).as_posix()
    return any(site_path(href) == wanted for _, href in results[:TOP])


def run(site: Path, browser) -> list[tuple[str, str, list[str]]]:
    """Every miss: (query, expected page, the top results instead)."""
    from playwright.sync_api import TimeoutError as NoResults

    from tests.browser import OfflinePage, search

    misses = []
    for query, expected, _ in QUERIES:
        with OfflinePage(browser) as offline:
            offline.goto_file(site / "index.html")
            try:
                results = search(offline.page, query)
            except NoResults:
                results = []
            if not in_top(results, site, expected):
                misses.append((query, expected, [site_path(h).rsplit("/site/", 1)[-1] for _, h in results[:TOP]]))
    return misses


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_browser

    parser = argparse.ArgumentParser(prog="python -m tools.relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the site built from data/")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        misses = run(args.site, browser)
        browser.close()
    for query, expected, got in misses:
        print(f"miss: {query!r} → {expected} not in the top {TOP}: {got}")
    print(f"relevance: {len(QUERIES) - len(misses)} of {len(QUERIES)} queries have the expected page in the top {TOP}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
