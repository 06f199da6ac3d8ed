"""One build owns everything it makes (macros/site.py's Build): two builds in one process, as
`mkdocs serve` runs them, share nothing, so the second is exactly what a fresh process builds."""
from __future__ import annotations

import pytest

from tests.conftest import DATA, FIXTURE_DATA, ROOT, build_site
from tests.support.sites import assert_same_site


def build_here(site_dir, data_dir, monkeypatch):
    """A build in this process, as `mkdocs serve` makes each rebuild; returns its Build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site import build_of

    monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return build_of(config)


@pytest.mark.slow
def test_two_builds_in_one_process_share_nothing(tmp_path, monkeypatch):
    # What the build pins in the environment goes back as it was after the test.
    for name in ("SOURCE_DATE_EPOCH", "TRACKER_PINNED_SOURCE_DATE_EPOCH"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    first = build_here(tmp_path / "first", DATA, monkeypatch)
    second = build_here(tmp_path / "second", FIXTURE_DATA, monkeypatch)

    assert first.dataset.counts() != second.dataset.counts()
    owned = ("site", "dataset", "rendering", "frames", "search_order", "generated", "heads", "env")
    for name in owned:
        assert getattr(first, name) is not getattr(second, name), name
    assert first.rendering.shared is not second.rendering.shared
    # Every page of the second build is the page a fresh process builds from the same data.
    fresh = build_site(tmp_path / "fresh", FIXTURE_DATA)
    assert fresh.returncode == 0, fresh.stdout[-3000:] + fresh.stderr[-3000:]
    assert assert_same_site(tmp_path / "second", tmp_path / "fresh") > 50
