"""Real git repositories in temporary folders, for tests where history matters."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No user or system configuration may leak in: the tests must behave the same on every machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str, day: str | None = None) -> str:
    """Run git in repo; `day` (YYYY-MM-DD) dates the commit it makes, author and committer alike."""
    env = {**os.environ, **GIT_ENV}
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                            cwd=repo, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str, day: str) -> str:
    """Commit everything in the work tree on `day`; the new commit's hash."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)
    return git(repo, "rev-parse", "HEAD").strip()


def write_data(root: Path, relative: str, text: str) -> None:
    """Write a file under root/data/, making its folder."""
    path = root / "data" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
