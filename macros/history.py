"""When the data was last updated, and what happened to each record file: from git, in one pass.

Plain Python, no MkDocs: the site adapter (macros/site.py) calls `reference_date` and
`read_history` once per build and hands the results to rendering.

* The reference date of a build is the date of the commit being built (`git log -1 --format=%cs`),
  so two builds of one commit say the same thing. SOURCE_DATE_EPOCH, when set, overrides it (the
  caller passes its value in). Without git the build falls back to the day it runs, and says so.
* The history of every record comes from ONE `git log --name-status` over the data folder:
  the cost grows with the number of commits and changed files, never with records × commits.
  It shows what `git log -- <data folder>` shows, in its order, without its cost: that command
  diffs every commit twice (once to hide those that change nothing here, once for the output).
  A cheap `git rev-list --sparse` lists the commits of git's simplified walk (at a merge whose
  data folder equals a parent's, only that parent is followed), and the log diffs just those.
  A checkout without history (a zip, or a shallow clone) still builds; pages say the history is
  unavailable.
"""
from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

# Fields of one commit in the log; \x1f cannot appear in a commit subject line.
_FORMAT = "%x1e%H%x1f%cs%x1f%s"


@dataclass(frozen=True)
class ReferenceDate:
    """The day a build treats as "today" for its data: what the pages call "as of"."""

    day: str  # YYYY-MM-DD
    origin: str  # "commit", "SOURCE_DATE_EPOCH" or "clock"
    commit: str = ""  # the commit's full hash, when there is one


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file."""

    commit: str
    day: str  # committer date, YYYY-MM-DD
    subject: str
    action: str  # "added", "changed" or "removed"
    path: str  # the record's path as the site shows it, e.g. data/events/x.yml


@dataclass
class History:
    """Every change to every record file, newest first; empty (and unavailable) without git."""

    available: bool
    # Why it is unavailable: "no-git", "not-a-checkout", "shallow" or "unreadable" (a reader is
    # told in words: the message "history.reason.<reason>").
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    _by_path: dict[str, list[Change]] = field(default_factory=dict, repr=False)

    @classmethod
    def unavailable(cls, reason: str = "no-git") -> "History":
        return cls(False, reason)

    def of(self, path: str) -> list[Change]:
        """The changes to one record file, newest first."""
        if not self._by_path and self.changes:
            grouped: dict[str, list[Change]] = defaultdict(list)
            for change in self.changes:
                grouped[change.path].append(change)
            self._by_path = dict(grouped)
        return self._by_path.get(path, [])


def _git(directory: Path, *args: str, stdin: str | None = None) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(directory), *args], input=stdin, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def reference_date(directory: Path, source_date_epoch: str | None = None, today: date | None = None) -> ReferenceDate:
    """SOURCE_DATE_EPOCH if given, else the date of the last commit of the repository holding
    `directory`, else today's date (UTC)."""
    commit = (_git(directory, "log", "-1", "--format=%H %cs") or "").split()
    if source_date_epoch and source_date_epoch.strip().isdigit():
        day = datetime.fromtimestamp(int(source_date_epoch), tz=timezone.utc).date().isoformat()
        return ReferenceDate(day, "SOURCE_DATE_EPOCH", commit[0] if commit else "")
    if len(commit) == 2:
        return ReferenceDate(commit[1], "commit", commit[0])
    return ReferenceDate((today or datetime.now(timezone.utc).date()).isoformat(), "clock")


def commit_timestamp(directory: Path) -> str | None:
    """The last commit's time as seconds since 1970 (for SOURCE_DATE_EPOCH), or None without git."""
    stamp = (_git(directory, "log", "-1", "--format=%ct") or "").strip()
    return stamp if stamp.isdigit() else None


def read_history(data_dir: Path, display_prefix: str) -> History:
    """Every commit that touched a file under data_dir, per file, from one `git log`.

    `display_prefix` is how record paths start on the site ("data/"): git's paths, relative to
    data_dir, are put behind it. Renamed files keep their history under their newest name.
    """
    data_dir = Path(data_dir)
    if _git(data_dir, "rev-parse", "--is-inside-work-tree") is None:
        return History.unavailable("not-a-checkout")
    if (_git(data_dir, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History.unavailable("shallow")
    # --sparse lists commits that change nothing here too (their diffs are empty), so git compares
    # trees only at merges, to simplify the walk the same way `git log -- .` does.
    walk = _git(data_dir, "rev-list", "--sparse", "--no-merges", "HEAD", "--", ".")
    log = walk and _git(data_dir, "log", "--no-walk=unsorted", "--stdin", "--no-merges", "-M", "--name-status",
                        "--relative", f"--format={_FORMAT}", stdin=walk)
    if log is None:
        return History.unavailable("unreadable")
    return History(True, changes=parse_log(log, display_prefix))


_ACTIONS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


def parse_log(log: str, prefix: str) -> list[Change]:
    """Changes from `git log --name-status` output (newest commit first)."""
    changes: list[Change] = []
    renamed: dict[str, str] = {}  # older name → the name the file has now
    for chunk in log.split("\x1e")[1:]:
        header, _, files = chunk.partition("\n")
        commit, day, subject = (header.split("\x1f") + ["", ""])[:3]
        for line in files.splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[-1].endswith(".yml"):
                continue
            status = parts[0][:1]
            newest = renamed.get(parts[-1], parts[-1])
            if status == "R" and len(parts) == 3:
                renamed[parts[1]] = newest
                action = "changed"
            elif status == "C" and len(parts) == 3:
                action = "added"
            else:
                action = _ACTIONS.get(status, "changed")
            changes.append(Change(commit, day, subject, action, prefix + newest))
    return changes
