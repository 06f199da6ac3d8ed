"""Reproducible: two builds of the same commit produce the same site, byte for byte.

The data is committed to a git repository in a temporary folder, on a fixed date. The two
builds differ in everything that must not matter: Python's hash seed (set and dict ordering of
strings), the output folder, and the time they run. What a page says about time comes from the
commit: the "as of" date is the commit's date, and the build pins SOURCE_DATE_EPOCH to the
commit's time, so even what MkDocs dates by the build (sitemap.xml's <lastmod>, the gzip header
of sitemap.xml.gz) is the same for one commit. Someone who sets SOURCE_DATE_EPOCH themselves
overrides both (tests/test_history.py checks that).
"""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, build_site
from tests.gitrepo import commit_all

pytestmark = pytest.mark.slow

COMMIT_DAY = "2026-01-10"
COMMIT_MIDNIGHT = 1768003200  # 2026-01-10T00:00:00Z: MkDocs dates the sitemap by the day


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("reproducible")
    shutil.copytree(DATA, repo / "data")
    commit_all(repo, "The data of one commit", COMMIT_DAY)
    sites = []
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        for seed, folder in (("1", "first"), ("2", "second-build")):
            env.setenv("PYTHONHASHSEED", seed)
            site = repo.parent / f"{repo.name}-{folder}" / "site"
            result = build_site(site, repo / "data")
            assert result.returncode == 0, result.stdout + result.stderr
            sites.append(site)
    return sites


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}"


def test_both_builds_write_the_same_files(two_builds):
    first, second = two_builds
    assert set(_files(first)) == set(_files(second))


def test_every_page_and_the_search_index_are_byte_identical(two_builds):
    first, second = two_builds
    a, b = _files(first), _files(second)
    compared = [name for name in a if name.endswith(".html") or name.startswith("search/")]
    assert len(compared) > 50 and "search/search_index.json" in compared and "search/search_index.js" in compared
    assert "search/prebuilt/manifest.js" in compared
    different = {name: _first_difference(a[name].read_bytes(), b[name].read_bytes())
                 for name in compared if name in b and a[name].read_bytes() != b[name].read_bytes()}
    assert different == {}


def test_every_other_output_is_byte_identical_the_sitemaps_included(two_builds):
    first, second = two_builds
    a, b = _files(first), _files(second)
    different = {name: _first_difference(a[name].read_bytes(), b[name].read_bytes())
                 for name in a if name in b and a[name].read_bytes() != b[name].read_bytes()}
    assert different == {}
    assert "sitemap.xml" in a and "feed.xml" in a and "events.ics" in a


def test_the_pages_are_dated_by_the_commit(two_builds):
    home = (two_builds[0] / "index.html").read_text(encoding="utf-8")
    assert f'data-reference-date="{COMMIT_DAY}"' in home and "10 January 2026" in home


def test_the_compressed_sitemap_carries_the_commit_date(two_builds):
    raw = (two_builds[0] / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == COMMIT_MIDNIGHT
    assert gzip.decompress(raw) == (two_builds[0] / "sitemap.xml").read_bytes()
