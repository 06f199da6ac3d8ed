"""A synthetic git history for a synthetic dataset: thousands of commits, made in seconds.

    python -m tools.synth_history DIR COMMITS     # DIR holds data/ (from tools.synth)

The first commit adds every record; each later commit edits one to three records (it appends a
comment line, so every version stays valid), on successive days; the last commit puts every
file back as it is on disk, so HEAD matches the work tree. Everything is streamed into
`git fast-import`, which writes the objects directly instead of running git once per commit.
The benchmark times what the build does with it: one `git log` over data/ (macros/history.py).
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

START = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)


def _data(text: bytes) -> bytes:
    return b"data %d\n" % len(text) + text + b"\n"


def _commit(number: int, message: str, files: list[tuple[str, bytes]]) -> bytes:
    when = int((START + timedelta(hours=6 * number)).timestamp())
    out = [b"commit refs/heads/main\n", b"committer Synthetic <synthetic@example.org> %d +0000\n" % when, _data(message.encode())]
    # Each commit follows the branch's previous one: fast-import keeps the tip within a stream.
    out += [b"M 100644 inline " + path.encode() + b"\n" + _data(content) for path, content in files]
    return b"".join(out)


def write_history(root: Path, commits: int, seed: int = 1) -> int:
    """Give root (which holds data/) a git history of `commits` commits; returns how many it made."""
    rng = random.Random(seed)
    files = sorted(p for p in (root / "data").rglob("*.yml"))
    paths = [p.relative_to(root).as_posix() for p in files]
    contents = [p.read_bytes() for p in files]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = [_commit(1, "Add the records", [(path, text + b"# first draft\n") for path, text in zip(paths, contents)])]
    for number in range(2, commits):
        picked = rng.sample(range(len(paths)), rng.randint(1, 3))
        stream.append(_commit(number, f"Edit {len(picked)} record(s), change {number}", [(paths[i], contents[i] + b"# edit %d\n" % number) for i in picked]))
    stream.append(_commit(commits, "Put every record in its final form", list(zip(paths, contents))))
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(root), "reset", "-q"], check=True)  # the index follows HEAD: the work tree is clean
    return commits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synth_history", description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="the folder holding data/")
    parser.add_argument("commits", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = write_history(args.dir, max(2, args.commits), args.seed)
    print(f"{made} commits in {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
