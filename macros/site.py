"""One build: everything a build of the site owns, made once in on_config (hooks.py) and handed
to every later step and to the macros (define_env). Nothing here lives longer than its build:
`mkdocs serve` makes a new config, so a new Build, for every rebuild, and two builds in one process
share nothing (tests/test_build_object.py)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .history import commit_timestamp, read_history, reference_date
from .load import load_dataset
from .model import Dataset
from .pages import GeneratedPage
from .problems import InvalidData
from .render.common import Rendering, SiteConfig
from .render.search_index import Entry
from .render.theme import ThemeFrames
from .render.views import rendering_of

# Where a build is kept on its MkDocs config, which every hook and macro is handed.
_BUILD_KEY = "tracker_build"
# Set by hooks.on_startup under `mkdocs serve`, the one setting MkDocs hands only to the first
# config: invalid data then gives a page listing the problems instead of a failed build.
SERVING = "TRACKER_SERVING"


@dataclass(eq=False)
class Build:
    """What one build owns. The dataset and the rendering are None while the data is invalid
    (`mkdocs serve` then shows `problems`)."""

    site: SiteConfig
    dataset: Dataset | None = None
    problems: InvalidData | None = None
    rendering: Rendering | None = None
    # The theme's frame of each kind of generated page (None: every page through the templates).
    frames: ThemeFrames | None = None
    # Every page as it is built: its search entry, made here, or its address, for Material's
    # entries (None: Material's search plugin indexes every page itself).
    search_order: list[Entry | str] | None = None
    # Generated pages by source path (their HTML is rendered as each is written), and the
    # structured data of hand-written pages, by source path.
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    heads: dict = field(default_factory=dict)
    env: object = None  # the theme's Jinja environment

    def context(self, page_path: str):
        return self.rendering.context(page_path)


def start_build(config, *, serving: bool = False) -> Build:
    """Load and check the data, work out the reference date and read the history: the build's
    beginning. Raises InvalidData unless serving (then the Build carries the problems)."""
    directory = data_dir(config)
    site = site_config(config)  # the reference date first: pinning the build date must not change its origin
    build = Build(site, frames=ThemeFrames() if theme_frames_enabled() else None,
                  search_order=[] if direct_search_entries_enabled() else None)
    try:
        build.dataset = load_dataset(directory, display_root=directory.parent)
        build.rendering = rendering_of(build.dataset, site)
    except InvalidData as problems:
        if not serving:
            raise
        build.problems = problems
    config[_BUILD_KEY] = build
    pin_build_date(config)
    return build


def serving() -> bool:
    return os.environ.get(SERVING) == "1"


def build_of(config) -> Build:
    """The build a config belongs to (made by start_build)."""
    return config[_BUILD_KEY]


def data_dir(config) -> Path:
    """data/ next to mkdocs.yml, unless TRACKER_DATA_DIR points elsewhere (tests, benchmarks)."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        return Path(override).resolve()
    return Path(config["config_file_path"]).resolve().parent / config["extra"].get("data_dir", "data")


def site_config(config, data_directory: Path | None = None) -> SiteConfig:
    """Site settings, the reference date and the git history of the data (data_dir(config), or
    data_directory for the command line)."""
    extra = config["extra"]
    directory = data_directory or data_dir(config)
    return SiteConfig(
        repository=extra.get("repository", ""),
        branch=extra.get("branch", "main"),
        site_name=config["site_name"],
        site_url=config.get("site_url") or "",
        as_of=reference_date(directory, _explicit_source_date_epoch()),
        history=read_history(directory, directory.name + "/"),
    )


def theme_frames_enabled() -> bool:
    """Whether generated pages are filled into the theme's frame (macros/render/theme.py) rather
    than rendered by its templates one by one: TRACKER_THEME_FRAMES=0 turns that off (the tests
    compare both)."""
    return os.environ.get("TRACKER_THEME_FRAMES", "1") != "0"


def direct_search_entries_enabled() -> bool:
    """Whether a record page's search entry is made from its words (render/search_index.py)
    rather than by Material's search plugin parsing them as HTML: TRACKER_DIRECT_SEARCH=0 turns
    that off (the tests compare both)."""
    return os.environ.get("TRACKER_DIRECT_SEARCH", "1") != "0"


# Marks a SOURCE_DATE_EPOCH that pin_build_date set, as opposed to one the person building set.
_PINNED = "TRACKER_PINNED_SOURCE_DATE_EPOCH"


def _explicit_source_date_epoch() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return None if not epoch or epoch == os.environ.get(_PINNED) else epoch


def pin_build_date(config) -> None:
    """Let MkDocs date its own outputs (the sitemap) by the commit too, so that two builds of one
    commit are byte-identical. A SOURCE_DATE_EPOCH set by whoever runs the build is left alone."""
    if _explicit_source_date_epoch():
        return
    stamp = commit_timestamp(data_dir(config))
    if stamp:
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_PINNED] = stamp
