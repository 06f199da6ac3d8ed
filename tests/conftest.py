"""Shared fixtures: real MkDocs builds of the real configuration."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# A frozen copy of part of data/ for the browser tests: editors' corrections cannot break them.
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "browser" / "data"


def build_site(dest: Path, data_dir: Path | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on the project's mkdocs.yml into dest, optionally on other data
    (and with more environment variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    env.pop("TRACKER_DATA_DIR", None)
    if data_dir is not None:
        env["TRACKER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def build_synthetic(tmp_path_factory, n: int, prefix: str) -> tuple[Path, dict]:
    """A site built from n synthetic records (tools.synth): (site folder, the records by kind)."""
    from tools import synth

    base = tmp_path_factory.mktemp(f"{prefix}-{n}")
    records = synth.write_dataset(n, base / "data")
    result = build_site(base / "site", base / "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return base / "site", records


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from data/."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    (dest / ".build-log").write_text(result.stdout + result.stderr)
    return dest


@pytest.fixture(scope="session")
def dataset():
    from macros.load import load_dataset

    return load_dataset(DATA)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The site built from tests/fixtures/browser/data, once per test session."""
    dest = tmp_path_factory.mktemp("fixture-site")
    result = build_site(dest, FIXTURE_DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def fixture_dataset():
    from macros.load import load_dataset

    return load_dataset(FIXTURE_DATA)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (tests/browser.py has the offline settings)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_browser

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


# Fixtures that build a whole site (or check a dataset hundreds of times): a test using one is
# slow, and make test-fast leaves it out.
# (Fixture names are read with everything they use: a fixture made from built_site counts too.)
SITE_BUILDS = {"built_site", "fixture_site", "sites", "site", "early_site", "grown", "small_site", "dense_month_site", "two_builds", "verdicts", "zensical_site", "hostile_site"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SITE_BUILDS.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
