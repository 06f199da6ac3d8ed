"""The site's own search worker (docs/assets/javascripts/search-worker.js) behind Material's search
box: it answers from the prebuilt index at once, loads only the pieces a query needs, works from
disk and over http with a real worker, and results still lead to highlighted words."""
from __future__ import annotations

import contextlib
import functools
import html
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from macros.render.search_index import Entry, pieces, write_search_index
from macros.render.search_language import SEARCH_LANGUAGES
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


def _osa(a: str, b: str) -> int:
    """Letters wrong, missing, extra or swapped between two words."""
    previous, before = list(range(len(b) + 1)), None
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            d = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if before and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d = min(d, before[j - 2] + 1)
            row.append(d)
        before, previous = previous, row
    return previous[-1]


def _expected_pieces(site: Path, typed: str) -> set[str]:
    """What the worker may load while `typed` is typed letter by letter: the manifest, for each
    partial word the one term or prefix file holding it and the one holding its stem, the names
    (for a typo) and the files of the names within two letters of it, and document files."""
    prebuilt = site / "search" / "prebuilt"
    manifest = _piece(prebuilt / "manifest.js")
    terms, prefixes = dict(manifest["terms"]), dict(manifest["prefixes"])
    language = SEARCH_LANGUAGES[manifest["language"]["code"]]
    names = [name for name, _ in _piece(prebuilt / "names.js")]
    allowed = {"search/search_index.js", "search/prebuilt/manifest.js", "search/prebuilt/names.js"}

    def holder(word: str) -> str | None:
        found = next((word[:n] for n in range(1, len(word) + 1) if word[:n] in terms), None)
        if found is not None:
            return f"search/prebuilt/t/{terms[found]}.js"
        return f"search/prebuilt/p/{prefixes[word]}.js" if word in prefixes else None

    word = typed.lower()
    for end in range(1, len(word) + 1):
        partial = word[:end]
        near = [name for name in names if _osa(partial, name) <= 2]
        allowed.update(filter(None, map(holder, [partial, language.stem(partial), *near])))
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


@contextlib.contextmanager
def _served(site: Path):
    """The site over http on this machine's loopback: its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_over_http_a_real_worker_answers(fixture_site, browser):
    with _served(fixture_site) as origin:
        _a_real_worker_answers(fixture_site, browser, origin)


def _a_real_worker_answers(fixture_site, browser, origin):
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


# Words of a record that JavaScript treats specially in an object literal, a string or a key.
HOSTILE_WORDS = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "__defineGetter__", "prototype"]
HOSTILE_TEXTS = ['say "quoted" words', "line\u2028separator\u2029paragraph", "back\\slash \\u0041", "</script><b>", "emoji 🙂 é"]


def _hostile_entries() -> list[Entry]:
    texts = HOSTILE_WORDS + HOSTILE_TEXTS
    return [Entry(f"actors/hostile-{n}.html", f"Record {text}", [f"It holds {text}."], [text]) for n, text in enumerate(texts)]


def test_every_piece_means_the_same_read_as_a_script_and_as_json(browser):
    from tests.test_search_index import BOOSTS, SEPARATOR

    files = pieces(_hostile_entries(), SEPARATOR, BOOSTS)
    page = browser.new_page()
    try:
        page.evaluate("() => { window.read = {}; window.searchPiece = (name, data) => { window.read[name] = data; }; }")
        for text in files.values():
            page.add_script_tag(content=text)
        differ = page.evaluate("""(texts) => texts.filter(([name, text]) =>
            JSON.stringify(window.read[name]) !== JSON.stringify(JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")))))
            .map(([name]) => name)""", [[name[:-3], text] for name, text in files.items()])
    finally:
        page.close()
    assert differ == []
    terms = [row[0] for name, text in files.items() if name.startswith("t/") for row in _piece_text(text)]
    assert {"__proto__", "constructor", "hasownproperty"} <= set(terms)


def _piece_text(text: str):
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


def _site_indexing(fixture_site: Path, site: Path, entries: list[Entry]) -> Path:
    """A copy of the fixture site whose index holds only these entries."""
    shutil.copytree(fixture_site, site)
    material = site / "search" / "search_index.json"
    config = json.loads(material.read_text(encoding="utf-8"))["config"]
    docs = [{"location": e.location, "title": e.title, "text": "".join(f"<p>{html.escape(b)}</p>" for b in e.blocks),
             "tags": e.tags} for e in entries]
    material.write_text(json.dumps({"config": config, "docs": docs}), encoding="utf-8")
    write_search_index(site)
    return site


@pytest.fixture(scope="module")
def hostile_site(fixture_site, tmp_path_factory) -> Path:
    """The fixture site with an index of records holding hostile words."""
    return _site_indexing(fixture_site, tmp_path_factory.mktemp("hostile") / "site", _hostile_entries())


def _found(site: Path, browser, query: str) -> list[str]:
    with OfflinePage(browser) as reader:
        reader.goto_file(site / "index.html")
        results = search(reader.page, query)
        assert reader.problems() == {}
    return [urlparse(href).path.rsplit("/", 1)[-1] for _, href in results]


def test_a_name_with_a_typo_is_found_below_the_word_itself_and_its_forms(fixture_site, browser, tmp_path):
    site = _site_indexing(fixture_site, tmp_path / "site", [
        Entry("actors/typo.html", "Record three", ["Other words."], ["Sanctons Board"]),  # a name one letter away: weighs most
        Entry("actors/stem.html", "Record two", ["Firms sanctioned last year."]),
        Entry("actors/exact.html", "Record one", ["Talks on sanctions went on."]),
        Entry("actors/short.html", "Record four", ["Nothing here."], ["Tall Board"]),
    ])
    assert _found(site, browser, "sanctions") == ["exact.html", "stem.html", "typo.html"]
    # A short word takes no typo: "tall" is one letter from "talk", and not found.
    assert _found(site, browser, "talk") == ["exact.html"]


@pytest.mark.parametrize("word", ["__proto__", "constructor", "hasOwnProperty", "toString"])
def test_a_record_holding_a_word_javascript_knows_is_found_from_disk_and_over_http(hostile_site, browser, word):
    expected = f"actors/hostile-{HOSTILE_WORDS.index(word)}.html"
    with OfflinePage(browser) as reader:
        reader.goto_file(hostile_site / "index.html")
        from_disk = search(reader.page, word)
        assert reader.problems() == {}
    assert urlparse(from_disk[0][1]).path.endswith("/" + expected), from_disk[:3]
    with _served(hostile_site) as origin:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(origin + "/index.html")
            over_http = search(page, word)
        finally:
            context.close()
    assert [urlparse(h).path.rsplit("/", 2)[-2:] for _, h in over_http] == [urlparse(h).path.rsplit("/", 2)[-2:] for _, h in from_disk]


def _pages_holding(site: Path, word: str) -> int:
    """How many pages of the site's index hold a word starting with `word`, or of its stem: read
    from every piece, not as the worker reads them."""
    prebuilt = site / "search" / "prebuilt"
    manifest = _piece(prebuilt / "manifest.js")
    stem = SEARCH_LANGUAGES[manifest["language"]["code"]].stem(word)
    docs: set[int] = set()

    def add(flat: list[int]) -> None:
        doc = 0
        for gap in flat[::2]:
            doc += gap
            docs.add(doc)

    for path in (prebuilt / "t").glob("*.js"):
        for term, flat, *own_stem in _piece(path):
            if term.startswith(word) or (own_stem or [term])[0] == stem:
                add(flat)
    for prefix, number in manifest["prefixes"]:
        if prefix.startswith(word):
            add(_piece(prebuilt / "p" / f"{number}.js")["exact"])
    files = len(list((prebuilt / "d").glob("*.js")))
    locations = [row[0] for n in range(files) for row in _piece(prebuilt / "d" / f"{n}.js")]
    return len({locations[doc].split("#")[0] for doc in docs})


def test_the_count_says_how_many_pages_match_not_how_many_are_listed(built_site, browser):
    expected = _pages_holding(built_site, "the")
    with OfflinePage(browser) as reader:
        reader.goto_file(built_site / "index.html")
        results = search(reader.page, "the")
        meta = reader.page.locator(".md-search-result__meta").inner_text()
        assert reader.problems() == {}
    assert expected > 50 and len(results) <= 50
    assert meta == f"{expected:,} matching documents"
