"""Search works on a site opened from disk, with no network.

Chromium refuses `new Worker(file-url)`, and Material then hides its search.
docs/assets/javascripts/file-worker.js replaces `Worker` on file:// pages.
This test builds a tiny Material site around a copy of that file, opens it
from disk with every network request refused, searches for a word that only
one page contains and expects that page back, with nothing logged as an error.
Without the shim the search box stays hidden and the test fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import OfflinePage, launch_browser, search

pytestmark = pytest.mark.slow  # builds the site, or tries many random cases

ROOT = Path(__file__).resolve().parents[1]
SHIM = ROOT / "docs" / "assets" / "javascripts" / "file-worker.js"

# Same theme, plugins and polyfill path as the real site, nothing else.
MKDOCS_YML = """\
site_name: Worker shim test
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - search:
      lang: en
  - offline
extra:
  polyfills:
    - assets/javascripts/file-worker.js
hooks:
  - hooks.py
"""

# The offline plugin appends https://unpkg.com/iframe-worker/shim to the
# polyfills unless one of them already has "iframe-worker" in its URL. That
# CDN script is exactly what the local shim replaces, so drop it (after the
# plugin has run: lower priority runs later).
HOOKS_PY = """\
from mkdocs.plugins import event_priority


@event_priority(-100)
def on_config(config):
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [p for p in polyfills if "//unpkg.com/iframe-worker" not in p]
    return config
"""

WORD = "zanzibarite"  # appears on talks.md only

PAGES = {
    "index.md": "# Home\n\nA tracker of negotiations, for testing.\n",
    "talks.md": f"# Ceasefire talks\n\nThe {WORD} clause was discussed in Geneva.\n",
    "guarantees.md": "# Guarantees\n\nSecurity guarantees and monitoring.\n",
}


def build_site(root: Path) -> Path:
    docs = root / "docs"
    (docs / "assets" / "javascripts").mkdir(parents=True)
    shutil.copyfile(SHIM, docs / "assets" / "javascripts" / "file-worker.js")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "hooks.py").write_text(HOOKS_PY, encoding="utf-8")

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def test_search_works_from_disk_offline(tmp_path):
    site = build_site(tmp_path)
    index_html = (site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in index_html
    assert 'src="assets/javascripts/file-worker.js"' in index_html

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        try:
            with OfflinePage(browser) as offline:
                offline.goto_file(site / "index.html")
                results = search(offline.page, WORD)

                talks = (site / "talks.html").resolve().as_uri()
                hrefs = [href.split("#")[0] for _, href in results]
                assert talks in hrefs, results
                assert set(hrefs) == {talks}, f"only talks.html has {WORD!r}: {results}"

                # The worker's iframe is plumbing: not rendered, not focusable,
                # not announced.
                frames = offline.page.locator("iframe").evaluate_all(
                    "els => els.map(f => [f.hidden, f.tabIndex, f.getAttribute('aria-hidden')])"
                )
                assert frames == [[True, -1, "true"]]

                assert offline.problems() == {}
        finally:
            browser.close()
