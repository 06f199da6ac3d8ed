"""The site built by Zensical, the successor of Material for MkDocs (`make build-zensical`).

Zensical reads mkdocs.yml but runs neither hooks.py nor mkdocs-macros, so the functions the hooks
call run around it instead: `write_docs` writes every page finished (macros expanded, one page per
record, structured data in the front matter, the "data as of" line), Zensical only themes them
and writes the site, and `export_for_build` publishes the open data into it, as after a MkDocs
build. Zensical lives in a virtual environment of its own (requirements-zensical.txt): the two
generators never share a dependency, and Zensical is run as a program.
"""
from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .export import export_for_build
from .model import Dataset
from .pages import write_docs
from .render.common import SiteConfig
from .render.theme import without_cdn_shims
from .render.views import rendering_of

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv" / "zensical" / "bin" / "zensical"
# What Zensical writes for search: the index over http(s), and the same as a script for file://.
SEARCH_INDEX, FILE_SEARCH_INDEX = "search.json", "search.js"


class ZensicalFailed(RuntimeError):
    """Zensical is missing, or stopped: the message says which, with its own words."""


def zensical_config(config: dict, project: Path) -> dict:
    """mkdocs.yml as Zensical is given it: without what only our adapters read (hooks, the macros
    plugin, watched folders), with the theme override found from where mkdocs.yml is, and without
    the offline plugin, whose Zensical version adds a script from a CDN to every page (its shim
    for search workers; our file-worker.js does that job): `write_file_index` does its other job."""
    plain = copy.deepcopy(config)
    plain.pop("hooks", None)
    plain.pop("watch", None)
    plain["plugins"] = [p for p in plain.get("plugins", []) if _plugin_name(p) not in ("macros", "offline")]
    plain["extra"]["polyfills"] = without_cdn_shims(plain["extra"].get("polyfills", []))
    plain["docs_dir"], plain["site_dir"] = "docs", "site"  # beside the configuration, as Zensical asks
    if plain["theme"].get("custom_dir"):
        plain["theme"]["custom_dir"] = str((project / plain["theme"]["custom_dir"]).resolve())
    return plain


def _plugin_name(entry: str | dict) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def write_file_index(site_dir: Path) -> None:
    """Zensical's search index as the script its pages load when opened from disk (they may load
    scripts there, not read files), as its offline plugin writes it."""
    index = Path(site_dir) / SEARCH_INDEX
    if index.is_file():
        (Path(site_dir) / FILE_SEARCH_INDEX).write_text("var __index = " + index.read_text(encoding="utf-8") + ";", encoding="utf-8")


def run_zensical(config_file: Path, zensical: Path = ZENSICAL) -> str:
    """`zensical build --strict`; returns what it printed. Raises ZensicalFailed."""
    if not Path(zensical).is_file():
        raise ZensicalFailed(f"{zensical} is missing: `make build-zensical` installs Zensical (it needs Python 3.11 or newer)")
    done = subprocess.run([str(zensical), "build", "--strict", "--clean", "-f", str(config_file)],
                          cwd=config_file.parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise ZensicalFailed(f"zensical build stopped (exit status {done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def build_with_zensical(dataset: Dataset, config: dict, config_path: Path, site: SiteConfig, site_dir: Path,
                        zensical: Path = ZENSICAL) -> int:
    """Build the site into site_dir (replaced when it exists) with Zensical; returns the pages
    written. Zensical writes only below the folder of its configuration, so everything is made in
    a folder beside site_dir and moved into place when complete."""
    project, site_dir = config_path.resolve().parent, Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".zensical-", dir=site_dir.parent) as work:
        work = Path(work)
        pages = write_docs(rendering_of(dataset, site), project / config.get("docs_dir", "docs"), work / "docs", config)
        plain = zensical_config(config, project)
        (work / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
        print(run_zensical(work / "mkdocs.yml", zensical).strip(), file=sys.stderr)
        write_file_index(work / "site")
        export_for_build(dataset, work / "site", site)
        if site_dir.exists():
            shutil.rmtree(site_dir)
        (work / "site").rename(site_dir)
    return pages
