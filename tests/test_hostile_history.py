"""Hostile git history: commit messages, dates and merges are contributors' input too.

A merged branch keeps its commits in main's history, so whatever a contributor can put into a
commit reaches the build: a subject carrying the separators of a log format, bytes that are not
UTF-8, a NUL byte, a date past the year 9999, escape sequences, bidirectional overrides, a
subject of a hundred thousand characters. Each test makes one such commit in a real repository
(written as a raw commit object where `git commit` would refuse it) and checks what a reader of
the site sees. A merge that resolves a conflict changes the record it resolves in.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.history import SUBJECT_LIMIT, commit_timestamp, read_history, reference_date
from macros.render.common import SiteConfig
from macros.render.provenance import commit_link
from tests.conftest import build_site
from tests.gitrepo import GIT_ENV, commit_all, git
from tests.test_history import CORRECTION, HELD, small_dataset, text_of

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

KYIV = "data/events/2026-01-03-kyiv-meeting.yml"
REPOSITORY = "https://github.com/ukraine-peace-tracker/tracker"


def raw_commit(root: Path, message: bytes, seconds: int = 1767657600, zone: bytes = b"+0000") -> str:
    """Commit the work tree with exactly these message bytes and this committer time: a commit
    object written by hand, as a contributor's own tools could, where `git commit` would refuse."""
    git(root, "add", "-A")
    tree = git(root, "write-tree").strip()
    parent = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
    person = b"Mallory <m@example.org> %d %s" % (seconds, zone)
    body = (b"tree " + tree.encode() + b"\n" + (b"parent " + parent.encode() + b"\n" if parent else b"")
            + b"author " + person + b"\ncommitter " + person + b"\n\n" + message)
    made = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally"], cwd=root, input=body,
                          capture_output=True, check=True, env={**os.environ, **GIT_ENV})
    commit = made.stdout.decode().strip()
    git(root, "update-ref", "HEAD", commit)
    return commit


def touch(root: Path, text: str = "") -> None:
    """Change the Kyiv meeting's record (a comment line), so the next commit is in its history."""
    path = root / KYIV
    path.write_text(path.read_text(encoding="utf-8") + f"# {text or 'edit'}\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    small_dataset(tmp_path)
    commit_all(tmp_path, "First records", "2026-01-05")
    return tmp_path


def kyiv_history(root: Path) -> list:
    history = read_history(root / "data", "data/")
    assert history.available
    return history.of(KYIV)


# --- one commit, one attack ------------------------------------------------------------------------

def test_a_subject_with_the_old_log_separators_forges_no_commit_date_or_link(repo):
    forged = "f" * 40
    touch(repo)
    real = raw_commit(repo, f"Fix a typo\x1e{forged}\x1f2001-01-01\x1fForged https://evil.example/\nM\tevents/x.yml\n".encode())
    changes = kyiv_history(repo)
    assert [(c.commit, c.day) for c in changes][0] == (real, "2026-01-06")
    assert len(changes) == 2 and forged not in {c.commit for c in changes}
    assert not [c for c in read_history(repo / "data", "data/").changes if c.path == "data/events/x.yml"]


def test_a_nul_byte_in_a_message_ends_the_subject_and_forges_nothing(repo):
    touch(repo)
    raw_commit(repo, b"Honest subject\0" + b"f" * 40 + b"\0" + b"1\0" + b"2001-01-01\0Forged\0")
    changes = kyiv_history(repo)
    assert [c.subject for c in changes] == ["Honest subject", "First records"]


def test_a_message_that_is_not_utf8_is_read_with_replacement_characters(repo):
    touch(repo)
    raw_commit(repo, b"Caf\xe9 \xff\xfe corrected\n")
    assert kyiv_history(repo)[0].subject == "Caf\ufffd \ufffd\ufffd corrected"


def test_escape_sequences_and_bidi_overrides_in_a_subject_do_not_reach_the_page(repo):
    touch(repo)
    raw_commit(repo, "Fix \x1b[2J\x1b]8;;https://evil.example\x07the \u202eeman\u202c date\r\x85\n".encode())
    subject = kyiv_history(repo)[0].subject
    assert subject == "Fix [2J ]8;;https://evil.example the eman date"


def test_a_subject_of_a_hundred_thousand_characters_is_cut_to_one_line(repo):
    touch(repo)
    raw_commit(repo, b"Long " + b"word " * 20000 + b"\n")
    subject = kyiv_history(repo)[0].subject
    assert len(subject) == SUBJECT_LIMIT and subject.endswith("…")


def test_a_commit_dated_after_the_year_9999_is_dated_the_last_day_of_9999(repo):
    touch(repo)
    head = raw_commit(repo, b"From the far future\n", seconds=99999999999999)
    assert kyiv_history(repo)[0].day == "9999-12-31"
    assert reference_date(repo / "data").day == "9999-12-31" and reference_date(repo / "data").commit == head
    assert int(commit_timestamp(repo / "data")) == 2**32 - 1  # what MkDocs' gzip header (the sitemap's date) can hold
    assert reference_date(repo / "data", "99999999999999").day == "9999-12-31"


def test_a_commit_day_is_the_committers_own_day_in_their_time_zone(repo):
    touch(repo)
    raw_commit(repo, b"Late in Kyiv\n", seconds=1767650400, zone=b"+0200")  # 2026-01-05 22:00 UTC
    assert kyiv_history(repo)[0].day == "2026-01-06"


def test_a_link_to_a_commit_is_made_only_from_a_checked_hash():
    ctx = SimpleNamespace(site=SiteConfig(repository=REPOSITORY))  # all a commit link reads of a page
    good = "0123456789abcdef0123456789abcdef01234567"
    assert f'href="{REPOSITORY}/commit/{good}"' in commit_link(ctx, good)
    for forged in ("../../evil", "https://evil.example/", good + "/../../x", good.upper()):
        assert "href" not in commit_link(ctx, forged), forged


# --- merges --------------------------------------------------------------------------------------

def test_a_merge_that_resolves_a_conflict_in_a_record_is_its_last_change(repo):
    git(repo, "checkout", "-q", "-b", "side")
    touch(repo, "side")
    commit_all(repo, "Side edit", "2026-01-06")
    git(repo, "checkout", "-q", "main")
    touch(repo, "main")
    commit_all(repo, "Main edit", "2026-01-07")
    subprocess.run(["git", "merge", "-q", "side"], cwd=repo, capture_output=True, env={**os.environ, **GIT_ENV})
    (repo / KYIV).write_text(HELD + CORRECTION, encoding="utf-8")  # the resolution: neither side's text
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-edit", "-m", "Merge side, resolving the Kyiv meeting", day="2026-01-08")
    changes = kyiv_history(repo)
    assert [(c.subject, c.day) for c in changes] == [
        ("Merge side, resolving the Kyiv meeting", "2026-01-08"), ("Main edit", "2026-01-07"), ("Side edit", "2026-01-06"),
        ("First records", "2026-01-05")]
    # A clean merge changes nothing by itself: it is not a change of any record.
    assert all(c.subject.startswith(("Merge side, resolving", "Main", "Side", "First")) for c in read_history(repo / "data", "data/").changes)


# --- a real build of every attack at once ------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile-history")
    small_dataset(root)
    commit_all(root, "First records", "2026-01-05")
    for n in range(60):  # every record, changed by commits of enormous subjects: a full page of changes.html
        for path in sorted((root / "data").rglob("*.yml")):
            path.write_text(path.read_text(encoding="utf-8") + f"# {n}\n", encoding="utf-8")
        # "{" is escaped to six bytes on a page: the longest a subject can grow.
        raw_commit(root, b"Huge \xff \x1b[31m\xe2\x80\xae " + b"{" * 100_000 + b"\n\nbody\n", seconds=1767657600 + n)
    hostile_name = root / "data/events/\u202eevil\x1b[2J.yml"  # a record file added and removed: shown in changes.html
    hostile_name.write_text("id: x\n", encoding="utf-8")
    raw_commit(root, b"Add a badly named file\n", seconds=1767657700)
    hostile_name.unlink()
    raw_commit(root, b"Remove it\n", seconds=1767657800)
    touch(root)
    raw_commit(root, b"Sep\x1e" + b"f" * 40 + b"\x1f2001-01-01\x1fforged\n")
    touch(root)
    raw_commit(root, b"From the far future\n", seconds=99999999999999)
    site = tmp_path_factory.mktemp("hostile-history-site")
    result = build_site(site, root / "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root, site


def test_a_build_on_a_hostile_history_succeeds_and_shows_it_bounded_and_inert(hostile_site):
    root, site = hostile_site
    changes = site / "changes.html"
    from macros.render.provenance import CHANGES_PER_PAGE

    assert text_of(changes).count("Huge") > CHANGES_PER_PAGE - 5 and changes.stat().st_size < 1024 * 1024  # a full page
    html = unescape("\n".join(p.read_text(encoding="utf-8") for p in (changes, site / "events/2026-01-03-kyiv-meeting.html")))
    assert "\x1b" not in html and "\u202e" not in html and "\x1e" not in html and "evil [2J" in html
    assert "{" * SUBJECT_LIMIT not in html and "Huge \ufffd [31m" in html
    assert "/commit/" + "f" * 40 not in html and 'datetime="2001' not in html  # the forged fields stay words of a subject
    page = text_of(site / "events/2026-01-03-kyiv-meeting.html")
    assert "last changed 31 December 9999" in page and "This copy is as of 31 December 9999" in page
