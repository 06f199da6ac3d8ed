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
  unavailable. A merge that changes a record itself (a resolved conflict) is part of its history:
  the log shows merges' dense combined diff, the files that differ from every parent.
* Commit messages, dates and file names are untrusted (a merged branch keeps its commits).
  The log is read as NUL-separated bytes (`-z`): git prints no NUL inside a field (it cuts a
  message at one), so no subject can forge a field or a commit. A hash is checked as 40 (or 64)
  hex digits, a date is computed from the commit's seconds and clamped to the years 1000 to 9999,
  bytes are decoded with replacement, and a subject is one bounded line without control or bidi
  characters (`untrusted.one_line`).
"""
from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .untrusted import one_line

# Fields of one commit in the log, each ended by a NUL: hash, seconds since 1970, ISO date (for
# its time zone), subject. A leading NUL ends the previous commit's last file name.
_FORMAT = "%x00%H%x00%ct%x00%ci%x00%s"
SUBJECT_LIMIT = 120  # characters of a commit subject shown on a page (git advises 50 to 72): 500 a page fit its budget
PATH_LIMIT = 300  # characters of a path in the log; a longer one is no record's (ids are short)
COMMIT_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_FIRST_DAY, _LAST_DAY = date(1000, 1, 1), date(9999, 12, 31)
_LAST_SECOND = 253402300799  # 9999-12-31T23:59:59Z: what Python's datetime can take
_LAST_GZIP_SECOND = 2**32 - 1
# Whatever the user's git configuration says (colours, signatures), the log prints only the format.
_PLAIN = ("--no-color", "--no-show-signature")


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


def _git_bytes(directory: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(directory), *args], input=stdin, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _git(directory: Path, *args: str) -> str | None:
    out = _git_bytes(directory, *args)
    return None if out is None else out.decode("utf-8", "replace")


def reference_date(directory: Path, source_date_epoch: str | None = None, today: date | None = None) -> ReferenceDate:
    """SOURCE_DATE_EPOCH if given, else the date of the last commit of the repository holding
    `directory`, else today's date (UTC)."""
    fields = (_git_bytes(directory, "log", *_PLAIN, "-1", "-z", f"--format={_FORMAT}") or b"").split(b"\0")
    commit, day = (_checked_hash(fields[1]), checked_day(fields[2], fields[3])) if len(fields) >= 4 else ("", "")
    if source_date_epoch and source_date_epoch.strip().isdigit():
        day = datetime.fromtimestamp(_bounded_seconds(source_date_epoch.strip()), tz=timezone.utc).date().isoformat()
        return ReferenceDate(day, "SOURCE_DATE_EPOCH", commit)
    if commit:
        return ReferenceDate(day, "commit", commit)
    return ReferenceDate((today or datetime.now(timezone.utc).date()).isoformat(), "clock")


def has_uncommitted_changes(directory: Path) -> bool:
    """Whether the files under `directory` differ from the last commit (False without git)."""
    return bool((_git(directory, "status", "--porcelain", "--untracked-files=all", "--", ".") or "").strip())


def commit_timestamp(directory: Path) -> str | None:
    """The last commit's time as seconds since 1970 (for SOURCE_DATE_EPOCH), or None without git."""
    stamp = (_git(directory, "log", "-1", "--format=%ct") or "").strip()
    # MkDocs writes it into sitemap.xml.gz, whose gzip header holds 32 bits (7 February 2106).
    return str(min(_bounded_seconds(stamp), _LAST_GZIP_SECOND)) if stamp.isdigit() else None


def _bounded_seconds(digits: str) -> int:
    """A count of seconds that Python's datetime can turn into a date: at most the end of 9999."""
    return min(int(digits[:20]), _LAST_SECOND)


def _checked_hash(raw: bytes) -> str:
    """A commit's full hash, or "" when git printed anything else."""
    text = raw.strip(b"\n").decode("ascii", "replace")
    return text if COMMIT_HASH.fullmatch(text) else ""


_OFFSET = re.compile(rb"([+-])(\d\d)(\d\d)$")


def checked_day(seconds: bytes, iso: bytes) -> str:
    """The committer's day (YYYY-MM-DD, in the commit's own time zone, as `%cs` says) from its
    seconds and its ISO date's offset; a date before 1000 or after 9999 is clamped to those years."""
    offset = _OFFSET.search(iso.strip())
    shift = (int(offset[2]) * 3600 + int(offset[3]) * 60) * (-1 if offset[1] == b"-" else 1) if offset else 0
    stamp = int(seconds[:20]) if seconds.isdigit() else 0
    ordinal = date(1970, 1, 1).toordinal() + (stamp + shift) // 86400
    return date.fromordinal(min(max(ordinal, _FIRST_DAY.toordinal()), _LAST_DAY.toordinal())).isoformat()


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
    walk = _git_bytes(data_dir, "rev-list", "--sparse", "HEAD", "--", ".")
    prefix = _git(data_dir, "rev-parse", "--show-prefix")
    if walk is None or prefix is None or not all(map(COMMIT_HASH.fullmatch, walk.decode("ascii", "replace").split())):
        return History.unavailable("unreadable")
    if not walk.strip():
        return History(True)
    # A merge shows the files that differ from all its parents (its dense combined diff). A
    # pathspec here would cost a third more than --relative, which limits the diffs alike.
    log = _git_bytes(data_dir, "log", *_PLAIN, "--no-walk=unsorted", "--stdin", "-z", "-M", "--name-status", "--relative",
                     "--diff-merges=dense-combined", f"--format={_FORMAT}", stdin=walk)
    if log is None:
        return History.unavailable("unreadable")
    return History(True, changes=parse_log(log, display_prefix, prefix.strip("\n")))


_ACTIONS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


def parse_log(log: bytes, display_prefix: str, git_prefix: str = "") -> list[Change]:
    """Changes from `git log -z --relative --name-status --format=<_FORMAT>` output (newest commit
    first); `git_prefix` is the data folder's path in the repository (`git rev-parse --show-prefix`).

    The output is a run of NUL-ended fields read in order: a commit is a checked hash followed
    by exactly three fields (seconds, ISO date, subject); a change is a status (letters, and a
    score after R or C) followed by its path, or two paths for a rename or a copy. Nothing a
    message holds can shift that order; a field that fits neither is skipped.
    """
    changes: list[Change] = []
    renamed: dict[str, str] = {}  # older name → the name the file has now
    fields = log.split(b"\0")
    commit, i = None, 0
    while i < len(fields):
        token = fields[i].lstrip(b"\n")
        i += 1
        if _STATUS.fullmatch(token):
            combined = token[1:2].isalpha()
            paths = [_path(raw, git_prefix if combined else "") for raw in fields[i:i + _path_count(token)]]
            i += len(paths)
            if commit is not None and paths:
                change = _change(commit, token.decode("ascii"), paths, renamed, display_prefix)
                if change:
                    changes.append(change)
        elif COMMIT_HASH.fullmatch(token.decode("ascii", "replace")) and i + 3 <= len(fields):
            seconds, iso, subject = fields[i:i + 3]
            i += 3
            commit = (token.decode("ascii"), checked_day(seconds, iso), one_line(subject.decode("utf-8", "replace"), SUBJECT_LIMIT))
    return changes


_STATUS = re.compile(rb"[ACDMRTUX]{1,64}[0-9]{0,3}")


def _path_count(status: bytes) -> int:
    # A rename or a copy names both paths; a merge's combined status (one letter per parent) one.
    return 2 if status[:1] in (b"R", b"C") and not status[1:2].isalpha() else 1


def _path(raw: bytes, git_prefix: str) -> str:
    """A path relative to the data folder. --relative limits a merge's combined diff to the
    folder but (git 2.39) leaves its paths whole: `git_prefix` is then cut off. A file name is
    untrusted too (a removed record's is shown): one bounded line, or no record's name at all."""
    path = one_line(raw.decode("utf-8", "replace"), PATH_LIMIT)
    return path[len(git_prefix):] if git_prefix and path.startswith(git_prefix) else path


def _change(commit: tuple[str, str, str], status: str, paths: list[str], renamed: dict[str, str], prefix: str) -> Change | None:
    if not paths[-1].endswith(".yml"):
        return None
    letters = status.rstrip("0123456789")
    newest = renamed.get(paths[-1], paths[-1])
    if letters == "R" and len(paths) == 2:
        renamed[paths[0]] = newest
        action = "changed"
    elif letters == "C" and len(paths) == 2:
        action = "added"
    elif len(letters) > 1:  # a merge: added or removed only if so against every parent
        action = _ACTIONS.get(letters[0], "changed") if len(set(letters)) == 1 else "changed"
    else:
        action = _ACTIONS.get(letters, "changed")
    return Change(commit[0], commit[1], commit[2], action, prefix + newest)
