"""`make serve`: the README's first command serves the site, rebuilds when data changes, and shows
the list of problems while the data is invalid."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow  # builds the site, or tries many random cases


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def _site_path() -> str:
    from urllib.parse import urlsplit

    from mkdocs.config import load_config

    return urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"] or "/").path


@contextmanager
def served(data):
    """The command `make serve` runs, on a copy of the data so the test can edit it; yields the
    site's address (mkdocs serve mounts the site at site_url's path, as GitHub Pages will)."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA_DIR": str(data)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "--watch", str(data)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}{_site_path()}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_rebuilds_when_a_data_file_changes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with served(data) as base:
        page_url = base + "actors/kyrylo-budanov.html"
        first = _wait_for(lambda: _get(page_url), 90)
        assert first and "Kyrylo Budanov" in first
        actor = data / "actors" / "kyrylo-budanov.yml"
        actor.write_text(actor.read_text().replace("name: Kyrylo Budanov", "name: Kyrylo Budanov (edited)"))
        changed = _wait_for(lambda: (page := _get(page_url)) and "Budanov (edited)" in page, 90)
        assert changed, "the served page did not pick up the edited data file"


def test_serve_shows_the_problems_of_invalid_data_then_the_site_once_they_are_fixed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    event = data / "events" / "2026-01-05-military-chiefs-meeting.yml"
    valid = event.read_text(encoding="utf-8")
    event.write_text(valid.replace("\nkind: meeting\n", "\nkind: meting\n"), encoding="utf-8")
    with served(data) as base:
        home = _wait_for(lambda: _get(base), 90)
        assert home, "make serve stopped (or never answered) instead of showing the problems"
        assert "The data has problems" in home and "1 problem in data/ keeps the site from being built" in home
        assert "military-chiefs-meeting.yml:3: kind: &#39;meting&#39; is not a known term" in home
        assert "tr-record" not in home
        record_url = base + "actors/kyrylo-budanov.html"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(record_url, timeout=5)
        assert missing.value.code == 404 and "The data has problems" in missing.value.read().decode()

        event.write_text(valid, encoding="utf-8")
        page = _wait_for(lambda: (text := _get(record_url)) and "Kyrylo Budanov" in text and text, 90)
        assert page, "the site did not come back once the data was fixed"
        assert "The data has problems" not in _get(base)
