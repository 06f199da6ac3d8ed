"""Two builds of one site compared file by file, and the switches that turn the build's shortcuts off."""
from __future__ import annotations

from pathlib import Path

WITHOUT_SHORTCUTS = {"TRACKER_THEME_FRAMES": "0", "TRACKER_DIRECT_SEARCH": "0"}


def assert_same_site(fast: Path, slow: Path) -> int:
    """Every file of both sites is the same; returns the number of HTML pages compared."""
    files = sorted(p.relative_to(slow).as_posix() for p in slow.rglob("*") if p.is_file())
    assert sorted(p.relative_to(fast).as_posix() for p in fast.rglob("*") if p.is_file()) == files
    different = [f for f in files if (fast / f).read_bytes() != (slow / f).read_bytes()]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"
    return sum(f.endswith(".html") for f in files)
