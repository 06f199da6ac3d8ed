"""How long a reader waits for search results, opened from disk with no network.

    python -m tools.search_latency SITE_DIR [--query ceasefire] [--runs 5] [--page PATH ...]
                                            [--typing-from domcontentloaded|load]

Opens pages of a built site in Debian's chromium (tests/browser.py: file://, every network
request refused), starts typing the moment the page is shown (parsed, its scripts run: the
search box works), as an impatient reader would, or with `--typing-from load` once everything
the page loads has arrived (Material's whole search index, on a site without the prebuilt one),
and reports the median of several runs of each figure, in milliseconds from the page's start:

- shown: the page is parsed and its scripts have run (DOMContentLoaded): a reader sees it and
  may start typing;
- ready: the search worker answered Material's set-up message ("ready": it can search);
- first key: the first key of the query is pressed;
- first result: the first result item is on screen (for the letters typed so far);
- wait: first result minus first key (the key may have waited for a busy page to take it);
- shown → result: what a reader who types the moment the page appears waits, first result
  minus shown;
- answered: the result list last changed, i.e. the whole query is answered, minus first key;
- page CPU: CPU milliseconds the browser's processes used from opening the page until the query
  is typed and answered. On a busy machine wall times stretch; this hardly does;
- search KB: what the page loaded from the site's search/ folder (index and pieces), in kB.

Offline mode has no instant navigation, so every page opened pays the search's set-up again.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

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
  // The moment the first result is on the page, however long the typing itself takes, and
  // the last change of the result list (the answer to the whole query).
  new MutationObserver((records) => {
    if (!window.__firstResult && document.querySelector(".md-search-result__item")) {
      window.__firstResult = performance.now();
    }
    if (records.some(r => r.target.closest && r.target.closest(".md-search-result__list"))) {
      window.__lastResult = performance.now();
    }
  }).observe(document, {childList: true, subtree: true});
})();
"""

_READ = """() => ({ready: window.__searchReady || null, shown: window.__firstResult || null, last: window.__lastResult || null,
                  parsed: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd})"""
# The result list counts as final once it has not changed for this long after the last key.
_SETTLED_MS = 1500


def browser_cpu_ms() -> float:
    """CPU time used so far by the browser: every process descended from this one (Chromium's
    browser, renderer and helper processes). Unlike wall time, hardly affected by a busy machine."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def measure_once(browser, site: Path, page_path: Path, query: str, typing_from: str) -> dict:
    with OfflinePage(browser) as offline:
        page = offline.page
        page.add_init_script(_WATCH_READY)
        search_dir = (site / "search").resolve().as_uri() + "/"
        loaded: list[str] = []
        page.on("request", lambda request: loaded.append(request.url) if request.url.startswith(search_dir) else None)
        opened = browser_cpu_ms()
        offline.goto_file(page_path, wait_until=typing_from)
        field = page.locator(SEARCH_QUERY)
        field.click()
        start = page.evaluate("performance.now()")
        field.press_sequentially(query, delay=15)
        field.press("End")  # characters without a key (Cyrillic) come without keyup: Material reads on keyup
        page.locator(SEARCH_RESULT).first.wait_for(state="visible", timeout=60_000)
        while page.evaluate(f"() => performance.now() - (window.__lastResult || 0) < {_SETTLED_MS}"):
            page.wait_for_timeout(100)
        used = browser_cpu_ms() - opened
        marks = page.evaluate(_READ)
        problems = offline.problems()
    if problems:
        raise RuntimeError(f"{page_path}: {problems}")
    kb = sum(Path(unquote(urlparse(url).path)).stat().st_size for url in set(loaded)) / 1000
    return {"shown": marks["parsed"], "ready": marks["ready"], "first key": start, "first result": marks["shown"],
            "wait": marks["shown"] - start, "shown → result": marks["shown"] - marks["parsed"], "answered": marks["last"] - start,
            "page CPU": used, "search KB": kb}


def measure(site: Path, pages: list[str], query: str, runs: int, typing_from: str = "domcontentloaded") -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for rel in pages:
                samples = [measure_once(browser, site, site / rel, query, typing_from) for _ in range(runs)]
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
    keys = ["shown", "ready", "first key", "first result", "wait", "shown → result", "answered", "page CPU", "search KB"]
    lines = ["| page | " + " | ".join(k if k.endswith("KB") else f"{k} ms" for k in keys) + " |", "| --- |" + " ---: |" * len(keys)]
    for page, figures in results.items():
        lines.append(f"| `{page}` | " + " | ".join(f"{figures.get(k, float('nan')):.0f}" for k in keys) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.search_latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--query", default="ceasefire")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="site path to open (default: home and one page of each kind)")
    parser.add_argument("--typing-from", choices=["domcontentloaded", "load"], default="domcontentloaded",
                        help="start typing when the page is parsed and shown (default), or after every script and image it loads")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    started = time.perf_counter()
    print(table(measure(site, args.page or default_pages(site), args.query, max(1, args.runs), args.typing_from)))
    print(f"(query {args.query!r}, typing from {args.typing_from}, median of {args.runs} runs, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
