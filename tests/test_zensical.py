"""Zensical, the successor of Material for MkDocs, builds the same site (`make build-zensical`):
page by page the same article, links and structured data as the MkDocs build of data/, the same
open-data files, and a search that works opened from disk with no network. What may differ is the
theme's own chrome: it is listed here, and nothing else may differ."""
from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from macros.zensical_site import ZENSICAL, ZensicalFailed, build_with_zensical
from tests.browser import OfflinePage
from tests.conftest import FIXTURE_DATA, ROOT

# The theme's content area; our pages are inside it.
MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>\s*</div>', re.S)
STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)
LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
# What a page loads (as opposed to what it links to): none of it may come from the network.
LOADED = re.compile(r'<(?:script|img|iframe)\s[^>]*?\bsrc="([^"]*)"|<link\s[^>]*?\brel="(?:stylesheet|icon|preload|modulepreload|preconnect)"[^>]*?\bhref="([^"]*)"')

SITE_PATH = urlparse(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path

# The differences allowed in the content area: the theme's chrome, not ours.
CHROME_IN_MAIN = {
    "Zensical's skip-link target": re.compile(r'<a id="__skip" tabindex="-1"></a>'),
    "Zensical prints a page's tags, hidden (generated pages carry the record's other names for search)":
        re.compile(r'<nav class="md-tags" hidden>.*?</nav>', re.S),
    # It honours the attribute (the "data as of" line is in neither search index) and drops it.
    "Zensical removes data-search-exclude once read": re.compile(r" data-search-exclude(?=[ >])"),
}
# Files only one of the two sites has: each theme's own scripts and styles, and each search (the
# Snowball stemmers serve our worker, which the Zensical site does not use).
ONLY_MKDOCS = ("assets/javascripts/bundle.*.min.js*", "assets/javascripts/workers/search.*.min.js",
               "assets/stylesheets/main.*.min.css*", "assets/stylesheets/palette.*.min.css*",
               "assets/javascripts/stemmers/*", "search/search_index.js*", "search/prebuilt/*", "sitemap.xml.gz")
ONLY_ZENSICAL = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js", "assets/javascripts/LICENSE",
                 "assets/stylesheets/classic/*", "assets/stylesheets/modern/*", "search.js", "search.json")
# Files both have that are the theme's or the generator's own, so differ: the pages (compared
# part by part below), Material's images, the sitemap (Zensical dates no page).
THEIRS = ("*.html", "assets/images/*", "sitemap.xml")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if not ZENSICAL.is_file():
        pytest.skip("Zensical is not installed: it needs Python 3.11 or newer (make test installs it)")
    site = tmp_path_factory.mktemp("zensical") / "site"
    built = subprocess.run([sys.executable, "-m", "macros", "zensical", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return site


def files(site: Path) -> set[str]:
    # .build-log: what the built_site fixture notes beside the site, not part of it.
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != ".build-log"}


def pages(site: Path) -> list[str]:
    return sorted(path for path in files(site) if path.endswith(".html"))


def main_content(page: Path) -> str:
    found = MAIN.search(page.read_text(encoding="utf-8"))
    assert found, f"{page}: no content area"
    text = found.group(1)
    for chrome in CHROME_IN_MAIN.values():
        text = chrome.sub("", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def target_of(site: Path, page: str, path: str) -> Path:
    """The file a relative address names; the 404 page's addresses are root-absolute (a server
    shows it at any depth), below site_url's path, as with MkDocs."""
    if path.startswith("/"):
        return site / path.removeprefix(SITE_PATH) if page == "404.html" else site / "\0absolute"
    return (site / page).parent.joinpath(path).resolve()


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def test_the_same_pages(built_site, zensical_site):
    assert len(pages(built_site)) > 100
    assert pages(zensical_site) == pages(built_site)


def test_every_page_shows_the_same_content(built_site, zensical_site):
    records = 0
    for page in pages(built_site):
        ours = main_content(built_site / page)
        assert main_content(zensical_site / page) == ours, page
        records += '<article class="tr-record' in ours
    assert records > 50  # the record pages are among them, not only the hand-written ones


def test_every_page_has_the_same_structured_data(built_site, zensical_site):
    for page in pages(built_site):
        blocks = STRUCTURED_DATA.findall((built_site / page).read_text(encoding="utf-8"))
        assert STRUCTURED_DATA.findall((zensical_site / page).read_text(encoding="utf-8")) == blocks, page
    assert STRUCTURED_DATA.search((zensical_site / "data.html").read_text(encoding="utf-8"))


def test_every_link_on_the_zensical_site_reaches_a_file_and_nothing_is_loaded_from_the_network(zensical_site):
    broken, remote = [], []
    for page in pages(zensical_site):
        html = (zensical_site / page).read_text(encoding="utf-8")
        for target in LINK.findall(html):
            parts = urlparse(target)
            if parts.scheme or not parts.path:
                continue
            if not target_of(zensical_site, page, parts.path).is_file():
                broken.append(f"{page}: {target}")
        for script, link in LOADED.findall(html):
            loaded = script or link
            if urlparse(loaded).scheme in ("http", "https"):
                remote.append(f"{page}: {loaded}")
    assert broken == []
    assert remote == []


def test_the_same_open_data_files_and_nothing_else_differs(built_site, zensical_site):
    mkdocs, zensical = files(built_site), files(zensical_site)
    assert sorted(p for p in mkdocs - zensical if not matches(p, ONLY_MKDOCS)) == []
    assert sorted(p for p in zensical - mkdocs if not matches(p, ONLY_ZENSICAL)) == []
    shared = sorted(p for p in mkdocs & zensical if not matches(p, THEIRS))
    for wanted in ("api/v1/index.json", "downloads/events.csv", "feed.xml", "events.ics", "assets/javascripts/as-of.js"):
        assert wanted in shared
    differing = [p for p in shared if (built_site / p).read_bytes() != (zensical_site / p).read_bytes()]
    assert differing == []


@pytest.mark.browser
def test_search_works_from_disk_with_no_network(zensical_site, browser):
    """Zensical's own search (its worker and its index, search.js), started by our file-worker.js
    instead of the CDN shim its offline plugin would add."""
    with OfflinePage(browser) as reader:
        reader.goto_file(zensical_site / "index.html")
        reader.page.keyboard.press("/")
        reader.page.keyboard.type("Budanov", delay=15)
        results = reader.page.locator("ol[role=listbox] a[role=option]")
        results.first.wait_for(state="visible", timeout=10_000)
        found = results.evaluate_all("links => links.map(a => [a.querySelector('h2').textContent, a.href])")
        assert found[0][0] == "Kyrylo Budanov"
        assert found[0][1].startswith((zensical_site / "actors" / "kyrylo-budanov.html").as_uri())
        assert any("/events/" in href for _, href in found)
        reader.page.locator("iframe[data-file-worker]").wait_for(state="attached")
        assert reader.problems() == {}


@pytest.mark.browser
def test_the_readers_clock_refines_the_as_of_line(zensical_site, browser):
    """as-of.js, our script in Zensical's theme: a copy read later says the reader's date."""
    from datetime import datetime

    with OfflinePage(browser) as reader:
        reader.page.clock.set_fixed_time(datetime(2099, 1, 2, 9))
        reader.goto_file(zensical_site / "timeline.html")
        assert "Your device's date is 2099-01-02" in reader.page.locator(".tr-as-of").inner_text()
        assert reader.problems() == {}


def test_without_zensical_the_build_says_how_to_get_it_and_leaves_nothing(tmp_path, fixture_dataset):
    from macros.site import site_config

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    with pytest.raises(ZensicalFailed, match=r"make build-zensical"):
        build_with_zensical(fixture_dataset, config, ROOT / "mkdocs.yml", site_config(config, FIXTURE_DATA), tmp_path / "site",
                            zensical=tmp_path / "no-zensical")
    assert list(tmp_path.iterdir()) == []
