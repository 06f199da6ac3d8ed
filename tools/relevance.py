"""The search relevance suite: queries a journalist would type, each with the page that must come
among the first three results, searched in the real browser on the site opened from disk.

    python -m tools.relevance SITE_DIR      # the score, the mean reciprocal rank and every miss (SITE_DIR built from data/)

The mean reciprocal rank (MRR) averages 1/rank of the expected page over the queries (1 when it
always comes first, 0 for a query whose expected page is not among the results read, the first
RANKED).

tests/test_search_relevance.py runs the same queries on every `make test`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

TOP = 3
RANKED = 10  # results read for the reciprocal rank

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
    # Word forms: the record has another form of the word (Snowball's English stemmer).
    ("resigning", "events/2025-11-andrii-yermak-resignation.html", "word form: -ing of resigns"),
    ("Yermak resigned", "events/2025-11-andrii-yermak-resignation.html", "word form: -ed of resigns"),
    ("appointing Budanov", "events/2026-01-03-budanov-appointed-chief-of-staff.html", "word form: -ing of appoints"),
    ("evacuating children", "events/2026-01-03-ukraine-evacuation-order.html", "word form: -ing of evacuated"),
    ("refinery", "events/2026-01-03-ukrainian-drone-strikes-on-russian-refineries.html", "word form: singular of refineries"),
    ("tripwire guarantee", "commitments/tripwire-guarantees.html", "word form: singular"),
    ("deconflicting", "commitments/deconfliction-mechanisms.html", "word form: -ing of deconfliction"),
    ("peacekeepers", "commitments/european-led-peacekeeping-force.html", "word form: of peacekeeping"),
    ("reconstructing", "commitments/economic-package-reconstruction.html", "word form: of reconstruction"),
    ("sanctioned", "issues/pressure-on-russia.html", "word form: -ed of sanctions"),
    ("maximalist demand", "statements/2026-01-03-putin-maximalist-demands.html", "word form: singular"),
    ("negotiate table", "statements/2026-01-03-wicker-rejects-territorial-concessions.html", "word form: of negotiating"),
    ("proposing Shmyhal", "events/2026-01-03-shmyhal-proposed-energy-minister.html", "word form: -ing of proposes"),
    ("drone striking refineries", "events/2026-01-03-ukrainian-drone-strikes-on-russian-refineries.html", "word form: -ing of strikes"),
    ("exchanged prisoners", "events/2026-01-01-umerov-ankara-visit.html", "word forms: -ed and plural"),
    ("traveling to Paris Carney", "events/2026-01-05-carney-travel-to-paris.html", "word form: -ing of travels"),
    # Typos in names: a letter wrong, missing, extra or two swapped (two typos in a long name).
    ("Wtikoff", "actors/steve-witkoff.html", "typo: swapped letters"),
    ("Zelenksy", "actors/volodymyr-zelensky.html", "typo: swapped letters"),
    ("Budnaov", "actors/kyrylo-budanov.html", "typo: swapped letters"),
    ("Macorn", "actors/emmanuel-macron.html", "typo: swapped letters"),
    ("Starmr", "actors/keir-starmer.html", "typo: missing letter"),
    ("Kushnir", "actors/jared-kushner.html", "typo: wrong letter"),
    ("Abramovitch", "actors/roman-abramovich.html", "typo: extra letter in a long name"),
    ("Abromavich", "actors/roman-abramovich.html", "typo: two wrong letters in a long name"),
    ("Shmyhall", "actors/denys-shmyhal.html", "typo: extra letter"),
    ("Umarov", "actors/rustem-umerov.html", "typo: wrong letter"),
    ("Rubbio", "actors/marco-rubio.html", "typo: extra letter"),
    ("Grahm", "actors/lindsey-graham.html", "typo: missing letter"),
    ("Wicher", "actors/roger-wicker.html", "typo: wrong letter"),
    ("Turkiye", "actors/turkey.html", "typo: a letter without its accent"),
    ("Yermack", "actors/andrii-yermak.html", "typo: extra letter"),
    ("Coalition of the Wiling", "actors/coalition-of-the-willing.html", "typo in a phrase"),
    ("Kremlni", "actors/russia.html", "typo in another name"),
    ("Zelensky Budnov", "events/2026-01-03-budanov-appointed-chief-of-staff.html", "typo beside an exact word"),
    # Ukrainian and Russian names as sentences inflect them (genitive, dative, instrumental).
    ("Зеленського", "actors/volodymyr-zelensky.html", "Ukrainian genitive"),
    ("Зеленському", "actors/volodymyr-zelensky.html", "Ukrainian dative"),
    ("Зеленского", "actors/volodymyr-zelensky.html", "Russian genitive"),
    ("Путіну", "actors/vladimir-putin.html", "Ukrainian dative"),
    ("Путина", "actors/vladimir-putin.html", "Russian genitive"),
    ("Путіна", "actors/vladimir-putin.html", "Ukrainian genitive"),
    ("Єрмака", "actors/andrii-yermak.html", "Ukrainian genitive"),
    ("Буданова", "actors/kyrylo-budanov.html", "Ukrainian genitive"),
    ("Буданову", "actors/kyrylo-budanov.html", "Ukrainian dative"),
    ("Віткоффа", "actors/steve-witkoff.html", "Ukrainian genitive"),
    ("Макрона", "actors/emmanuel-macron.html", "genitive"),
    ("Трампом", "actors/donald-trump.html", "instrumental"),
    ("Трампу", "actors/donald-trump.html", "dative"),
    ("Стармера", "actors/keir-starmer.html", "genitive"),
    ("Шмигаля", "actors/denys-shmyhal.html", "Ukrainian genitive"),
    ("Умєрова", "actors/rustem-umerov.html", "Ukrainian genitive"),
    ("України", "actors/ukraine.html", "Ukrainian genitive of a state"),
    ("Україні", "actors/ukraine.html", "Ukrainian dative of a state"),
    ("России", "actors/russia.html", "Russian genitive of a state"),
    ("Франції", "actors/france.html", "Ukrainian genitive of a state"),
    ("Києва", "events/2026-01-03-kyiv-security-advisers-meeting.html", "Ukrainian genitive of a place"),
    ("Парижі", "events/2026-01-06-paris-coalition-of-the-willing-meeting.html", "Ukrainian locative of a place"),
    # Other names: seats of power and capitals stand for their states (aliases in data/actors/).
    ("Downing Street", "actors/united-kingdom.html", "seat of power"),
    ("Élysée", "actors/france.html", "seat of power"),
    ("Elysee", "actors/france.html", "seat of power without accents"),
    ("Bankova", "actors/ukraine.html", "seat of power"),
    ("Kremlin", "actors/russia.html", "seat of power"),
    ("the Kremlin", "actors/russia.html", "seat of power with its article"),
    ("White House", "actors/united-states.html", "seat of power"),
    ("Кремль", "actors/russia.html", "seat of power in Cyrillic"),
    ("Кремля", "actors/russia.html", "seat of power in Cyrillic, genitive"),
    ("Банкова", "actors/ukraine.html", "seat of power in Cyrillic"),
    ("Washington", "actors/united-states.html", "capital"),
    ("Moscow", "actors/russia.html", "capital"),
    # Phrases: the page holding all the words, side by side, above pages holding some.
    ("chief of staff", "events/2026-01-03-budanov-appointed-chief-of-staff.html", "phrase with a little word"),
    ("first line of defence", "commitments/layer-1-ukrainian-forces-first-line.html", "phrase"),
    ("economic support package for Ukraine", "commitments/economic-support-package-800-billion.html", "phrase"),
    ("Putin Trump phone call", "events/2025-putin-trump-two-hour-call.html", "phrase"),
    ("New Year's Day address", "events/2026-01-01-zelensky-new-years-day-address.html", "phrase among similar titles"),
    ("no replacement for artillery", "statements/2026-01-01-zelensky-diplomacy-no-substitute-for-weapons.html", "phrase of a paraphrase"),
    ("hair on fire", "statements/2026-01-diplomats-hair-on-fire-urgency.html", "idiom"),
    ("democracy versus authoritarianism", "statements/2026-01-03-turner-democracy-versus-authoritarianism.html", "phrase"),
    ("out of the spotlight", "statements/2026-01-european-diplomat-quiet-progress.html", "phrase of little words and one other"),
    ("dual track", "statements/2026-01-european-officials-dual-track-message.html", "phrase"),
    ("shared understanding", "statements/2026-01-senior-european-official-shared-understanding.html", "phrase"),
    ("no breakthrough is expected", "statements/2026-01-senior-european-official-no-breakthrough-expected.html", "phrase with little words"),
    ("Coalition of the Willing meeting in Paris", "events/2026-01-06-paris-coalition-of-the-willing-meeting.html", "long phrase"),
    ("air land and sea", "commitments/triple-threat-air-land-sea-guarantees.html", "phrase of short words"),
    ("growth booster", "commitments/economic-package-growth-booster.html", "phrase"),
    ("private capital", "commitments/prosperity-package.html", "phrase"),
    ("sustained military support", "commitments/sustained-military-support-for-ukraine.html", "phrase"),
    ("breach of the ceasefire", "commitments/ceasefire-breach-response.html", "phrase"),
    ("in-person follow-up", "events/2026-01-05-potential-in-person-follow-up-in-europe.html", "hyphenated phrase"),
    ("energy minister", "events/2026-01-03-shmyhal-proposed-energy-minister.html", "phrase"),
    ("fuel shortages", "events/2026-01-03-ukrainian-drone-strikes-on-russian-refineries.html", "phrase"),
    ("territorial gains", "events/2025-russian-territorial-gains.html", "phrase"),
    ("stress testing", "statements/2026-01-01-us-official-stress-testing.html", "phrase"),
    ("frozen Chelsea proceeds", "commitments/chelsea-fc-sale-proceeds.html", "words of a title in another order"),
]


def site_path(href: str) -> str:
    """'file:///…/site/actors/x.html#y' → 'actors/x.html' (relative to the site folder)."""
    return unquote(urlparse(href).path)


def rank_of(results: list[tuple[str, str]], site: Path, expected: str) -> int | None:
    """Where the expected page comes among the results (1 for the first), if at all."""
    wanted = (Path(site).resolve() / expected).as_posix()
    return next((n for n, (_, href) in enumerate(results, 1) if site_path(href) == wanted), None)


def in_top(results: list[tuple[str, str]], site: Path, expected: str) -> bool:
    return rank_of(results[:TOP], site, expected) is not None


def mean_reciprocal_rank(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r is not None and r <= RANKED) / len(ranks)


def run(site: Path, browser) -> list[tuple[str, str, int | None, list[str]]]:
    """Every query's outcome: (query, expected page, its rank or None, the top results)."""
    from playwright.sync_api import TimeoutError as NoResults

    from tests.browser import OfflinePage, search

    outcomes = []
    for query, expected, _ in QUERIES:
        with OfflinePage(browser) as offline:
            offline.goto_file(site / "index.html")
            try:
                results = search(offline.page, query)
            except NoResults:
                results = []
        top = [site_path(h).rsplit("/site/", 1)[-1] for _, h in results[:TOP]]
        outcomes.append((query, expected, rank_of(results[:RANKED], site, expected), top))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_browser

    parser = argparse.ArgumentParser(prog="python -m tools.relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the site built from data/")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        outcomes = run(args.site.resolve(), browser)
        browser.close()
    misses = [(query, expected, got) for query, expected, rank, got in outcomes if rank is None or rank > TOP]
    for query, expected, got in misses:
        print(f"miss: {query!r} → {expected} not in the top {TOP}: {got}")
    mrr = mean_reciprocal_rank([rank for _, _, rank, _ in outcomes])
    print(f"relevance: {len(QUERIES) - len(misses)} of {len(QUERIES)} queries have the expected page in the top {TOP}; "
          f"mean reciprocal rank {mrr:.3f}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
