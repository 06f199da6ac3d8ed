"""`make serve`: the README's first command serves the site and rebuilds when data changes."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import DATA, ROOT


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


def test_serve_rebuilds_when_a_data_file_changes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA_DIR": str(data)}
    # The same command `make serve` runs, on a copy of the data so the test can edit it.
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "--watch", str(data)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        # mkdocs serve mounts the site at site_url's path, as GitHub Pages will.
        page_url = f"http://127.0.0.1:{port}{_site_path()}actors/kyrylo-budanov.html"
        first = _wait_for(lambda: _get(page_url), 90)
        assert first and "Kyrylo Budanov" in first
        actor = data / "actors" / "kyrylo-budanov.yml"
        actor.write_text(actor.read_text().replace("name: Kyrylo Budanov", "name: Kyrylo Budanov (edited)"))
        changed = _wait_for(lambda: (page := _get(page_url)) and "Budanov (edited)" in page, 90)
        assert changed, "the served page did not pick up the edited data file"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
