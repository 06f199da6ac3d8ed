"""What the MkDocs adapters (hooks.py, define_env) share: one dataset per build, and site settings."""
from __future__ import annotations

import os
from pathlib import Path

from .history import commit_timestamp, read_history, reference_date
from .load import load_dataset
from .model import Dataset
from .render.common import SiteConfig

# Keyed by the config object: `mkdocs serve` makes a new config for every rebuild, so edits
# to data/ are picked up, while the hook and the macros of one build share one load.
_cache: dict[int, tuple[object, Dataset]] = {}
_site_cache: dict[int, tuple[object, SiteConfig]] = {}

# True under `mkdocs serve` (set by hooks.on_startup): invalid data then gives a page listing the
# problems instead of a failed build. A plain build never publishes invalid data.
serving = False


def data_dir(config) -> Path:
    """data/ next to mkdocs.yml, unless TRACKER_DATA_DIR points elsewhere (tests, benchmarks)."""
    override = os.environ.get("TRACKER_DATA_DIR")
    if override:
        return Path(override).resolve()
    return Path(config["config_file_path"]).resolve().parent / config["extra"].get("data_dir", "data")


def dataset_for(config) -> Dataset:
    """The validated dataset of this build; raises InvalidData listing every problem."""
    cached = _cache.get(id(config))
    if cached and cached[0] is config:
        return cached[1]
    directory = data_dir(config)
    dataset = load_dataset(directory, display_root=directory.parent)
    _cache.clear()
    _cache[id(config)] = (config, dataset)
    return dataset


def site_config(config, data_directory: Path | None = None) -> SiteConfig:
    """Site settings, the reference date and the git history of the data (data_dir(config), or
    data_directory for the command line): worked out once per build."""
    cached = _site_cache.get(id(config))
    if cached and cached[0] is config:
        return cached[1]
    extra = config["extra"]
    directory = data_directory or data_dir(config)
    site = SiteConfig(
        repository=extra.get("repository", ""),
        branch=extra.get("branch", "main"),
        site_name=config["site_name"],
        site_url=config.get("site_url") or "",
        as_of=reference_date(directory, _explicit_source_date_epoch()),
        history=read_history(directory, directory.name + "/"),
    )
    _site_cache.clear()
    _site_cache[id(config)] = (config, site)
    return site


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
