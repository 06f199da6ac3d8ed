"""Reproducible: two builds of the same commit produce the same site.

The two builds differ in everything that must not matter: Python's hash seed (set and dict
ordering of strings), the output folder, and the build date (SOURCE_DATE_EPOCH, which MkDocs
honours, three days apart). Both read one snapshot of data/, so an editor saving a file during
the test cannot make them differ.

What is known to carry the build date, and how it is compared:

* sitemap.xml.gz: MkDocs sets the gzip header's mtime to the build date (midnight UTC), so the
  compressed bytes differ from one day to the next; the uncompressed sitemaps are compared.
* sitemap.xml: MkDocs writes <lastmod> with the build date for every page it lists. With
  site_url empty (as now) it lists no page; the comparison ignores <lastmod> so that setting
  site_url does not break it.

Set SOURCE_DATE_EPOCH (e.g. to the commit's time, `git log -1 --format=%ct`) when publishing to
make sitemap.xml.gz byte-identical for a commit.
"""
from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, build_site

pytestmark = pytest.mark.slow

DAY = 86400
EPOCH = 1767225600  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reproducible")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    sites = []
    with pytest.MonkeyPatch.context() as env:
        for seed, folder, epoch in (("1", "first", EPOCH), ("2", "second-build", EPOCH + 3 * DAY)):
            env.setenv("PYTHONHASHSEED", seed)
            env.setenv("SOURCE_DATE_EPOCH", str(epoch))
            site = tmp / folder / "site"
            result = build_site(site, data)
            assert result.returncode == 0, result.stdout + result.stderr
            sites.append(site)
    return sites


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 60):at + 60]!r} vs {b[max(0, at - 60):at + 60]!r}"


def _without_lastmod(xml: bytes) -> bytes:
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", xml)


def test_both_builds_write_the_same_files(two_builds):
    first, second = two_builds
    assert set(_files(first)) == set(_files(second))


def test_every_page_and_the_search_index_are_byte_identical(two_builds):
    first, second = two_builds
    a, b = _files(first), _files(second)
    compared = [name for name in a if name.endswith(".html") or name.startswith("search/")]
    assert len(compared) > 50 and "search/search_index.json" in compared and "search/search_index.js" in compared
    different = {name: _first_difference(a[name].read_bytes(), b[name].read_bytes())
                 for name in compared if name in b and a[name].read_bytes() != b[name].read_bytes()}
    assert different == {}


def test_every_other_output_is_identical_and_the_sitemap_differs_only_by_its_date(two_builds):
    first, second = two_builds
    a, b = _files(first), _files(second)
    different = {}
    for name in a:
        if name.endswith(".html") or name.startswith("search/") or name not in b:
            continue
        x, y = a[name].read_bytes(), b[name].read_bytes()
        if name.endswith(".gz"):
            x, y = gzip.decompress(x), gzip.decompress(y)
        if name.startswith("sitemap.xml"):
            x, y = _without_lastmod(x), _without_lastmod(y)
        if x != y:
            different[name] = _first_difference(x, y)
    assert different == {}


def test_the_compressed_sitemap_embeds_the_build_date(two_builds):
    """Documents the one known difference: the gzip header's mtime (bytes 4-7) is the build date."""
    x, y = (site / "sitemap.xml.gz" for site in two_builds)
    if not x.exists():
        pytest.skip("no sitemap.xml.gz is written any more")
    raw_x, raw_y = x.read_bytes(), y.read_bytes()
    mtime = lambda raw: int.from_bytes(raw[4:8], "little")  # noqa: E731
    assert (mtime(raw_x), mtime(raw_y)) == (EPOCH, EPOCH + 3 * DAY)
    # Besides the header, only <lastmod> (the build date) differs; SOURCE_DATE_EPOCH pins both.
    assert _without_lastmod(gzip.decompress(raw_x)) == _without_lastmod(gzip.decompress(raw_y))
