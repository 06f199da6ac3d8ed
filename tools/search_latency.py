"""How long a reader waits for search results, opened from disk with no network.

    python -m tools.search_latency SITE_DIR [--query ceasefire] [--runs 5] [--page PATH ...]

Opens pages of a built site in Debian's chromium (tests/browser.py: file://, every network
request refused), starts typing the moment the page has loaded, as an impatient reader would,
and reports the median of several runs of each figure, in milliseconds from the page's start:

- index loaded: search/search_index.js has been fetched and run (the inlined index);
- ready: the search worker answered Material's set-up message (its lunr index is built);
- typed: the last key of the query was pressed;
- first result: the first result item is on screen.

"wait" is what the reader notices: first result minus the first keystroke. Material builds its
lunr index on every page load (offline mode has no instant navigation), so every page pays it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from tests.browser import SEARCH_QUERY, SEARCH_RESULT, OfflinePage, launch_browser

# Records when the search worker first reports "ready" (Material's message type 1), whatever
# realm sends it: the file:// worker shim dispatches it as a MessageEvent on the page.
_WATCH_READY = """
(() => {
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    if (event instanceof MessageEvent && event.data && event.data.type === 1 && !window.__searchReady) {
      window.__searchReady = performance.now();
    }
    return dispatch.call(this, event);
  };
})();
"""

_READ = """() => {
  const index = performance.getEntriesByType("resource").find(e => e.name.endsWith("search/search_index.js"));
  return {index: index ? index.responseEnd : null, ready: window.__searchReady || null};
}"""


def measure_once(browser, page_path: Path, query: str) -> dict:
    with OfflinePage(browser) as offline:
        page = offline.page
        page.add_init_script(_WATCH_READY)
        offline.goto_file(page_path, wait_until="load")
        field = page.locator(SEARCH_QUERY)
        field.click()
        start = page.evaluate("performance.now()")
        field.press_sequentially(query, delay=15)
        typed = page.evaluate("performance.now()")
        page.locator(SEARCH_RESULT).first.wait_for(state="visible", timeout=60_000)
        shown = page.evaluate("performance.now()")
        marks = page.evaluate(_READ)
        problems = offline.problems()
    if problems:
        raise RuntimeError(f"{page_path}: {problems}")
    return {"index loaded": marks["index"], "ready": marks["ready"], "first key": start, "typed": typed,
            "first result": shown, "wait": shown - start}


def measure(site: Path, pages: list[str], query: str, runs: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for rel in pages:
                samples = [measure_once(browser, site / rel, query) for _ in range(runs)]
                results[rel] = {key: statistics.median([s[key] for s in samples if s[key] is not None] or [float("nan")]) for key in samples[0]}
        finally:
            browser.close()
    return results


def default_pages(site: Path) -> list[str]:
    """The home page and the first record page of each kind."""
    pages = ["index.html"]
    for kind in ("actors", "events", "statements", "commitments", "sources"):
        found = sorted(p for p in (site / kind).glob("*.html") if p.name != "index.html")
        if found:
            pages.append(found[0].relative_to(site).as_posix())
    return pages


def table(results: dict[str, dict[str, float]]) -> str:
    keys = ["index loaded", "ready", "first key", "first result", "wait"]
    lines = ["| page | " + " | ".join(f"{k} ms" for k in keys) + " |", "| --- |" + " ---: |" * len(keys)]
    for page, figures in results.items():
        lines.append(f"| `{page}` | " + " | ".join(f"{figures.get(k, float('nan')):.0f}" for k in keys) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.search_latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--query", default="ceasefire")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="site path to open (default: home and one page of each kind)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    started = time.perf_counter()
    print(table(measure(site, args.page or default_pages(site), args.query, max(1, args.runs))))
    print(f"(query {args.query!r}, median of {args.runs} runs, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
