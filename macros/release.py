"""`python -m macros release SITE OUT`: the files the publish workflow attaches to a data release.

From a built site (SITE) and the git history, it writes into OUT:

    tracker-datapackage.zip  the data package: datapackage.json and the CSV files it describes
    data-changelog.md        release notes: the version, and what changed in the data since the
                             previous data release (the records added, changed and removed, as
                             `make diff` reports them)
    data-version             the version, only when the data differs from the previous data
                             release: its presence tells the workflow to make a new release

Data releases are tagged `data-<version>`; the previous one is the newest such tag reachable
from HEAD. The workflow's release job only uploads these files: it runs none of this code.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .changes import GitError, diff_against, render_markdown, repository_root
from .export.catalogue import DATAPACKAGE

TAG_PREFIX = "data-"
PACKAGE_ZIP = "tracker-datapackage.zip"
CHANGELOG = "data-changelog.md"
VERSION_FILE = "data-version"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same data gives the same archive


def release_tag(version: str) -> str:
    return TAG_PREFIX + version


def previous_release(repo: Path) -> str | None:
    """The newest data release tag reachable from HEAD, if any."""
    result = subprocess.run(["git", "describe", "--tags", "--abbrev=0", "--match", f"{TAG_PREFIX}*", "HEAD"],
                            cwd=repo, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def package_zip(site: Path, target: Path) -> None:
    """datapackage.json with its resources, in one folder, as the package's paths expect."""
    package_file = site / DATAPACKAGE
    package = json.loads(package_file.read_text(encoding="utf-8"))
    names = ["datapackage.json", *sorted(r["path"] for r in package["resources"])]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"tracker-datapackage/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (package_file.parent / name).read_bytes())


def changelog(version: str, previous: str | None, repo: Path) -> str:
    head = [f"## Data version {version}", ""]
    if previous is None:
        return "\n".join(head + ["The first data release: every record is new.", ""])
    if previous == release_tag(version):
        return "\n".join(head + [f"The data has not changed since the release `{previous}`.", ""])
    diff = render_markdown(diff_against(previous, repo))
    body = diff.split("\n", 2)[2] if diff.startswith("### ") else diff  # our own heading instead
    return "\n".join(head + [f"Changes since the data release `{previous}`:", "", body.strip(), ""])


def write_release(site: Path, out: Path, repo: Path) -> str | None:
    """Write the release files; return the new version, or None when the data did not change."""
    out.mkdir(parents=True, exist_ok=True)
    version = json.loads((site / DATAPACKAGE).read_text(encoding="utf-8"))["version"]
    previous = previous_release(repo)
    package_zip(site, out / PACKAGE_ZIP)
    (out / CHANGELOG).write_text(changelog(version, previous, repo), encoding="utf-8")
    marker = out / VERSION_FILE
    if previous == release_tag(version):
        marker.unlink(missing_ok=True)
        return None
    marker.write_text(version + "\n", encoding="utf-8")
    return version


def run(args) -> int:
    try:
        repo = repository_root(args.repo or Path.cwd())
        version = write_release(args.site.resolve(), args.out.resolve(), repo)
    except (GitError, FileNotFoundError, KeyError, json.JSONDecodeError) as err:
        print(f"release: {err}", file=sys.stderr)
        return 2
    print(f"new data version {version}" if version else "the data has not changed since the last data release")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("release", help="the data package archive and changelog for a data release",
                                   description="Write the files the publish workflow attaches to a data release.")
    parser.add_argument("site", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("out", type=Path, help="the folder to write the release files into")
    parser.add_argument("--repo", type=Path, default=None, help="the git repository (default: the current folder)")
    parser.set_defaults(run=run)
