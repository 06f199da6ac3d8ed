"""The site's own search worker (docs/assets/javascripts/search-worker.js) behind Material's search
box: it answers from the prebuilt index at once, loads only the pieces a query needs, works from
disk and over http with a real worker, and results still lead to highlighted words."""
from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.browser import SEARCH_RESULT, OfflinePage, search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "docs" / "assets" / "javascripts" / "search-worker.js"
QUERY, EXPECTED = "Budanov", "actors/kyrylo-budanov.html"


def _piece(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


def _pages(site: Path) -> list[str]:
    statement = sorted((site / "statements").glob("2*.html"))[0]
    return ["index.html", statement.relative_to(site).as_posix()]


def test_the_pages_start_the_sites_worker_in_place_of_materials(fixture_site):
    (worker,) = (fixture_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert worker.read_bytes() == WORKER.read_bytes()
    config = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert config["docs"] == [] and config["config"]["separator"], "the page would load every entry again"
    # Only Material's worker loaded lunr's language files: the browser tests below search without them.
    assert not (fixture_site / "assets" / "javascripts" / "lunr").exists()


@pytest.mark.parametrize("page", ["index.html", "a statement"])
def test_typing_the_moment_a_page_has_loaded_finds_the_record(fixture_site, browser, page):
    path = _pages(fixture_site)[0 if page == "index.html" else 1]
    with OfflinePage(browser) as reader:
        # Typing starts as soon as the page is shown, before its images and late scripts arrive.
        reader.goto_file(fixture_site / path, wait_until="domcontentloaded")
        results = search(reader.page, QUERY)
        assert reader.problems() == {}
    assert urlparse(results[0][1]).path.endswith("/" + EXPECTED), results[:3]
    assert results[0][0] == "Kyrylo Budanov"


def _expected_pieces(site: Path, typed: str) -> set[str]:
    """What the worker may load while `typed` is typed letter by letter: the manifest, for each
    partial word the one term or prefix file holding it, and document files."""
    manifest = _piece(site / "search" / "prebuilt" / "manifest.js")
    allowed = {"search/search_index.js", "search/prebuilt/manifest.js"}
    word = typed.lower()
    for end in range(1, len(word) + 1):
        partial = word[:end]
        holder = next((partial[:n] for n in range(1, end + 1) if partial[:n] in manifest["terms"]), None)
        if holder is not None:
            allowed.add(f"search/prebuilt/t/{manifest['terms'][holder]}.js")
        elif partial in manifest["prefixes"]:
            allowed.add(f"search/prebuilt/p/{manifest['prefixes'][partial]}.js")
    return allowed


def test_a_query_loads_only_its_pieces(fixture_site, browser):
    site = fixture_site.resolve()
    with OfflinePage(browser) as reader:
        requested: list[str] = []
        reader.page.on("request", lambda r: requested.append(unquote(urlparse(r.url).path)) if r.url.startswith("file:") else None)
        reader.goto_file(site / "index.html")
        results = search(reader.page, QUERY)
        assert reader.problems() == {}, "a request that failed or left the machine"
    assert results
    loaded = {p[len(site.as_posix()) + 1 :] for p in requested if p.startswith(site.as_posix() + "/search/")}
    documents = {p for p in loaded if p.startswith("search/prebuilt/d/")}
    assert loaded - documents == _expected_pieces(site, QUERY) & loaded
    assert "search/prebuilt/manifest.js" in loaded and documents
    every_piece = list((site / "search" / "prebuilt").rglob("*.js"))
    assert len(loaded) < len(every_piece) / 2, (len(loaded), len(every_piece))
    workers = [p for p in requested if "/javascripts/workers/" in p or "/lunr/" in p]
    assert [Path(p).name for p in workers] == [next((site / "assets/javascripts/workers").glob("search.*.min.js")).name]


def test_a_result_leads_to_the_page_with_the_words_highlighted(fixture_site, browser):
    with OfflinePage(browser) as reader:
        reader.goto_file(fixture_site / "index.html")
        search(reader.page, QUERY)
        assert "<mark>Budanov</mark>" in reader.page.locator(SEARCH_RESULT).first.inner_html()
        reader.page.locator(f"{SEARCH_RESULT} a").first.click()
        reader.page.wait_for_url(re.compile(r"kyrylo-budanov\.html\?h=budanov"))
        marked = reader.page.locator("mark[data-md-highlight]")
        marked.first.wait_for(timeout=10_000)
        assert "budanov" in marked.first.inner_text().lower()
        assert reader.problems() == {}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_over_http_a_real_worker_answers(fixture_site, browser):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(fixture_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    try:
        outside: list[str] = []
        context.route(lambda url: not url.startswith(origin), lambda route: (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(origin + "/" + _pages(fixture_site)[1])
        results = search(page, QUERY)
        assert urlparse(results[0][1]).path == "/" + EXPECTED, results[:3]
        assert [w.url.rsplit("/", 1)[-1] for w in page.workers][:1] == [next((fixture_site / "assets/javascripts/workers").glob("search.*.min.js")).name]
        assert page.locator("iframe[data-file-worker]").count() == 0, "over http the browser's own worker runs"
        assert errors == [] and outside == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
