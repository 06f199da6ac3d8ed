"""Generated pages are filled into the theme's frame (ThemeFrames in macros/render/theme.py)
instead of each going through Material's templates: the site must be byte for byte the site the
templates give, page by page. Compared on data/, on synthetic records with a git history, and
(in tests/test_hostile.py) on hostile text in every field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_site

WITHOUT_FRAMES = {"TRACKER_THEME_FRAMES": "0"}
FRAMES_LOG = re.compile(r"(\d+) pages filled into (\d+) theme frames, (\d+) rendered by the templates(.*)")


def assert_same_site(with_frames: Path, without_frames: Path) -> int:
    """Every file of both sites is the same; returns the number of HTML pages compared."""
    files = sorted(p.relative_to(without_frames).as_posix() for p in without_frames.rglob("*") if p.is_file())
    assert sorted(p.relative_to(with_frames).as_posix() for p in with_frames.rglob("*") if p.is_file()) == files
    different = [f for f in files if (with_frames / f).read_bytes() != (without_frames / f).read_bytes()]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"
    return sum(f.endswith(".html") for f in files)


def frames_used(build_output: str) -> tuple[int, int, int]:
    """(pages filled in, frames, pages rendered by the templates) from the build's log; no frame
    may have failed its check (which would mean the frame misses something a page decides)."""
    found = FRAMES_LOG.search(build_output)
    assert found, build_output[-2000:]
    filled, frames, rendered, unsound = found.groups()
    assert unsound == "", found.group(0)
    return int(filled), int(frames), int(rendered)


def build_both(tmp_path: Path, data: Path | None) -> tuple[int, tuple[int, int, int]]:
    with_frames, without = tmp_path / "with-frames", tmp_path / "without-frames"
    fast = build_site(with_frames, data)
    assert fast.returncode == 0, fast.stdout[-3000:] + fast.stderr[-3000:]
    slow = build_site(without, data, WITHOUT_FRAMES)
    assert slow.returncode == 0, slow.stdout[-3000:] + slow.stderr[-3000:]
    assert FRAMES_LOG.search(slow.stdout + slow.stderr) is None  # really through the templates
    return assert_same_site(with_frames, without), frames_used(fast.stdout + fast.stderr)


def test_the_site_from_data_is_the_same_page_for_page(tmp_path):
    pages, (filled, frames, rendered) = build_both(tmp_path, None)
    # Each frame is checked on its first page; every other generated page is filled in.
    assert rendered == frames and filled > 100 and filled + rendered < pages, (pages, filled, frames, rendered)


@pytest.mark.parametrize("records", [600])
def test_synthetic_records_with_a_history_are_the_same_page_for_page(tmp_path, records):
    from tools import synth, synth_history

    synth.write_dataset(records, tmp_path / "repo" / "data")
    synth_history.write_history(tmp_path / "repo", records)
    pages, (filled, frames, rendered) = build_both(tmp_path, tmp_path / "repo" / "data")
    assert rendered == frames and filled >= records - frames, (pages, filled, frames, rendered)
