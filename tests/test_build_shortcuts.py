"""Two shortcuts of the build must not change a byte of the site:

- generated pages are filled into the theme's frame (ThemeFrames in macros/render/theme.py)
  instead of each going through Material's templates;
- a record page's search entry is made from its words (hooks.py, Entry.from_words) instead of by
  Material's search plugin parsing them as HTML, so the prebuilt index is the same.

Each site is built with both and with neither, and compared file by file: on data/, on synthetic
records with a git history, and (in tests/test_hostile.py) on hostile text in every field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site
from tests.support.sites import WITHOUT_SHORTCUTS, assert_same_site

pytestmark = pytest.mark.slow  # builds the site, or tries many random cases

FRAMES_LOG = re.compile(r"(\d+) pages filled into (\d+) theme frames, (\d+) rendered by the templates(.*)")
SEARCH_LOG = re.compile(r"(\d+) search entries made from the words of generated pages")


def frames_used(build_output: str) -> tuple[int, int, int]:
    """(pages filled in, frames, pages rendered by the templates) from the build's log; no frame
    may have failed its check (which would mean the frame misses something a page decides)."""
    found = FRAMES_LOG.search(build_output)
    assert found, build_output[-2000:]
    filled, frames, rendered, unsound = found.groups()
    assert unsound == "", found.group(0)
    return int(filled), int(frames), int(rendered)


def entries_made_here(build_output: str) -> int:
    found = SEARCH_LOG.search(build_output)
    assert found, build_output[-2000:]
    return int(found.group(1))


def build_both(tmp_path: Path, data: Path | None) -> tuple[int, tuple[int, int, int], int]:
    """(HTML pages compared, frames_used of the fast build, its search entries made here)."""
    with_shortcuts, without = tmp_path / "with-shortcuts", tmp_path / "without-shortcuts"
    fast = build_site(with_shortcuts, data)
    assert fast.returncode == 0, fast.stdout[-3000:] + fast.stderr[-3000:]
    slow = build_site(without, data, WITHOUT_SHORTCUTS)
    assert slow.returncode == 0, slow.stdout[-3000:] + slow.stderr[-3000:]
    # Really through the templates, and every entry from Material's search plugin.
    assert FRAMES_LOG.search(slow.stdout + slow.stderr) is None and SEARCH_LOG.search(slow.stdout + slow.stderr) is None
    log = fast.stdout + fast.stderr
    return assert_same_site(with_shortcuts, without), frames_used(log), entries_made_here(log)


def test_the_site_from_data_is_the_same_page_for_page(tmp_path):
    from macros.load import load_dataset

    pages, (filled, frames, rendered), entries = build_both(tmp_path, None)
    # Each frame is checked on its first page; every other generated page is filled in.
    assert rendered == frames and filled > 100 and filled + rendered < pages, (pages, filled, frames, rendered)
    # Every record page's entry was made from its words.
    assert entries == sum(len(records) for records in load_dataset(ROOT / "data").records.values())


@pytest.mark.parametrize("records", [600])
def test_synthetic_records_with_a_history_are_the_same_page_for_page(tmp_path, records):
    from tools import synth, synth_history

    synth.write_dataset(records, tmp_path / "repo" / "data")
    synth_history.write_history(tmp_path / "repo", records)
    pages, (filled, frames, rendered), entries = build_both(tmp_path, tmp_path / "repo" / "data")
    assert rendered == frames and filled >= records - frames, (pages, filled, frames, rendered)
    assert entries == records
