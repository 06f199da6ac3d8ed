"""`make diff` lists exactly the pages whose HTML a data change alters, in real MkDocs builds.

A temporary git repository holds a copy of the browser tests' fixture data (the base commit,
built first); then the work tree retitles an event, flips another event's status, adds a statement
and relabels a vocabulary term, and is built again. Every HTML file that differs between the two
builds, or exists in only one, must be listed, and nothing else.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.changes import diff_against
from tests.conftest import FIXTURE_DATA, build_site
from tests.gitrepo import git

pytestmark = pytest.mark.slow

RETITLED = "events/2026-01-05-military-chiefs-meeting.yml"
FLIPPED = "events/2026-01-06-paris-coalition-of-the-willing-meeting.yml"
ADDED = "statements/zelensky-test-remark-on-the-chiefs-meeting.yml"
ADDED_TEXT = """\
id: zelensky-test-remark-on-the-chiefs-meeting
kind: remark
speaker: volodymyr-zelensky
date: 2026-01-05
event: 2026-01-05-military-chiefs-meeting
paraphrase: Zelensky said the military chiefs would work out the details of the guarantees.
sources:
  - kyiv-post-2026-01-diplomatic-sprint
"""


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_diff_lists_exactly_the_pages_whose_html_changes(tmp_path):
    # Both builds are of one commit: the change is in the work tree, as in a pull request before
    # it lands, so what every page says about the commit (data as of, record history) is the same.
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_DATA, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base: the data of the browser tests' fixture")
    data = repo / "data"
    result = build_site(tmp_path / "before", data)
    assert result.returncode == 0, result.stdout + result.stderr

    edit(data / RETITLED, "title: Meeting of military chiefs of staff on security guarantees",
         "title: Military chiefs of staff meet on security guarantees")
    edit(data / FLIPPED, "  - status: scheduled\n    date: 2026-01-03\n", "  - status: postponed\n    date: 2026-01-03\n")
    (data / ADDED).write_text(ADDED_TEXT, encoding="utf-8")
    edit(data / "vocabulary.yml", "label: Ceasefire\n", "label: Ceasefire and truce\n")

    result = build_site(tmp_path / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = html_pages(tmp_path / "before"), html_pages(tmp_path / "site")
    changed = {page for page in set(before) | set(after) if before.get(page) != after.get(page)}

    diff = diff_against("HEAD", repo)
    assert diff.valid and diff.pages_known
    assert len(diff.records) == 3 and len(diff.terms) == 1
    listed = set(diff.pages)
    assert listed - changed == set(), "listed, but their HTML did not change"
    assert changed - listed == set(), "their HTML changed, but make diff did not list them"
    assert diff.pages["statements/zelensky-test-remark-on-the-chiefs-meeting.html"] == "new"
    # The pages the old hand-kept table missed for the retitled event.
    assert {"index.html", "security-guarantees.html", "timeline/2026-01.html"} <= listed
