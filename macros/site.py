"""What the MkDocs adapters (hooks.py, define_env) share: one dataset per build, and site settings."""
from __future__ import annotations

import os
from pathlib import Path

from .load import load_dataset
from .model import Dataset
from .render.common import SiteConfig

# Keyed by the config object: `mkdocs serve` makes a new config for every rebuild, so edits
# to data/ are picked up, while the hook and the macros of one build share one load.
_cache: dict[int, tuple[object, Dataset]] = {}

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


def site_config(config) -> SiteConfig:
    extra = config["extra"]
    return SiteConfig(
        repository=extra.get("repository", ""),
        branch=extra.get("branch", "main"),
        site_name=config["site_name"],
        site_url=config.get("site_url") or "",
    )
