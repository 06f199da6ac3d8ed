"""Helpers for browser tests: open the built site from disk, offline, and watch it.

The site promises to work when opened as files with no network, so tests load
pages via file:// URLs and refuse every network request. Anything the page
tries to fetch from the network, any console error, any uncaught exception and
any failed request is recorded so a test can assert that all of them stay empty.

Chromium is the Debian package at /usr/bin/chromium: `playwright install`
needs the internet, which the test machines do not have.

    from playwright.sync_api import sync_playwright
    from tests.browser import OfflinePage, launch_browser, search

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        with OfflinePage(browser) as offline:
            offline.goto_file(site / "index.html")
            results = search(offline.page, "ceasefire")
            assert offline.problems() == {}
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

# tools/system-packages installs it there (`make test` runs it); TRACKER_CHROMIUM names another.
CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")

# No sandbox: tests may run as root in a container, where Chromium's sandbox
# cannot start. The rest keeps Chromium from phoning home on its own (update
# checks, sync, QUIC probes), which would show up as blocked requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# URL schemes that mean "network". file:, data:, blob: and about: stay local.
NETWORK_SCHEMES = ("http", "https", "ws", "wss")

SEARCH_QUERY = "[data-md-component=search-query]"
SEARCH_RESULT = ".md-search-result__item"


def launch_browser(playwright, **kwargs):
    """Start the system Chromium, headless, with the settings above."""
    options = {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}
    options.update(kwargs)
    return playwright.chromium.launch(**options)


def _file_exists(url: str) -> bool:
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(url).path)).is_file()


def _is_network(url: str) -> bool:
    return urlsplit(url).scheme.lower() in NETWORK_SCHEMES


class OfflinePage:
    """A fresh browser context and page with the network cut off.

    Use as a context manager; the context is closed on exit. Recorded lists:

    - ``blocked``: URLs of network requests (http, https, ws, wss) that were
      refused. Such requests also appear in ``failed_requests``, since an
      aborted request fails.
    - ``console_errors``: text and source location of console messages of
      type "error", from the page and from any of its frames.
    - ``page_errors``: uncaught exceptions and unhandled rejections.
    - ``failed_requests``: (url, failure text) of every request that failed,
      e.g. a file:// script that does not exist.
    """

    def __init__(self, browser, color_scheme: str | None = None, **context_options):
        self.browser = browser
        if color_scheme is not None:
            context_options["color_scheme"] = color_scheme
        self.context_options = context_options
        self.context = None
        self.page = None
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[tuple[str, str]] = []

    def __enter__(self) -> "OfflinePage":
        self.context = self.browser.new_context(**self.context_options)
        # Routes on the context, not the page, so that iframes, popups and
        # workers are covered too. WebSockets are not HTTP requests and need
        # their own route.
        self.context.route(lambda url: _is_network(url), self._refuse)
        self.context.route_web_socket(re.compile(r"^wss?://", re.I), self._refuse_socket)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("requestfailed", self._on_request_failed)
        return self

    def __exit__(self, *exc_info) -> None:
        self.context.close()

    def _refuse(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort("internetdisconnected")

    def _refuse_socket(self, socket) -> None:
        # Not calling connect_to_server() keeps the socket away from the
        # network; closing it tells the page there is nobody there.
        self.blocked.append(socket.url)
        socket.close(code=1001, reason="offline test")

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location or {}
            source = where.get("url", "")
            if source:
                source = f" ({source}:{where.get('lineNumber', 0)})"
            self.console_errors.append(message.text + source)

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # Leaving a page cancels its pending loads (often the favicon): that is the reader
        # moving on, not a broken file. A missing file fails with ERR_FILE_NOT_FOUND instead.
        if failure == "net::ERR_ABORTED" and request.url.startswith("file:") and _file_exists(request.url):
            return
        self.failed_requests.append((request.url, failure))

    def goto_file(self, path, wait_until: str = "load"):
        """Open a file from disk, e.g. site_dir / "index.html", and wait for it."""
        url = Path(path).resolve().as_uri()
        return self.page.goto(url, wait_until=wait_until)

    def problems(self) -> dict:
        """Everything recorded so far, without the empty lists.

        ``assert offline.problems() == {}`` shows all of it at once on failure.
        """
        found = {
            "blocked": self.blocked,
            "console_errors": self.console_errors,
            "page_errors": self.page_errors,
            "failed_requests": self.failed_requests,
        }
        return {name: items for name, items in found.items() if items}


def search(page, text: str, timeout: float = 10_000) -> list[tuple[str, str]]:
    """Search with Material's search box like a reader would; return the results.

    Opens the search (click on the search field, or on the magnifier button
    on narrow screens), types ``text`` key by key (Material reads the query
    on keyup, so filling the field would not search), waits for result items
    and returns ``[(title, href), ...]`` in the displayed order. ``href`` is
    the absolute URL of the result's first link (the page, or one of its
    sections with a #fragment).

    Results of partial queries ("c", "ce", ...) arrive before the final one,
    so the list is read until it stops changing.
    """
    deadline = time.monotonic() + timeout / 1000
    query = page.locator(SEARCH_QUERY)
    query.wait_for(state="attached", timeout=timeout)

    # Material hides the whole search component when it cannot start its
    # worker (e.g. `new Worker` throws on file://). Say so instead of timing out.
    if page.locator("[data-md-component=search]").evaluate("el => el.hidden"):
        raise AssertionError(
            "Material's search is hidden: the search worker could not be started"
        )

    # On narrow screens the field sits folded away behind a magnifier button
    # in the header (a label for the __search toggle); on wide ones that
    # button is not displayed and the field itself is in the header.
    opener = page.locator("header label[for=__search]")
    if opener.count() and opener.first.is_visible():
        opener.first.click()
    else:
        query.click()
    if not query.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # Material's own shortcut for the search
    query.fill("")  # a previous search's text would otherwise be kept
    query.press_sequentially(text, delay=15)

    items = page.locator(SEARCH_RESULT)
    items.first.wait_for(state="visible", timeout=_left(deadline))

    read = """els => els.map(item => {
        const link = item.querySelector("a[href]");
        const heading = item.querySelector("h1, h2") || link;
        return [heading ? heading.textContent.trim() : "", link ? link.href : ""];
    })"""
    previous = None
    while True:
        current = [tuple(pair) for pair in items.evaluate_all(read)]
        if current and current == previous:
            return current
        if time.monotonic() > deadline:
            return current
        previous = current
        page.wait_for_timeout(150)


def _left(deadline: float) -> float:
    return max(1.0, (deadline - time.monotonic()) * 1000)
