"""Hostile text in the Markdown that privileged jobs publish on GitHub.

The data changelog becomes the body of a GitHub release, the review queue the body of an issue,
the data diff the pull request's summary page. A record's title goes into each. GitHub renders
them as Markdown and then turns `@name` into a notification, `#12` into a cross-reference and a
bare address into a link, reading the rendered text. Every such text is escaped by one function,
`untrusted.markdown_text`; the tests render its output with a CommonMark renderer with GitHub's
extensions and check that the words come out as words.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from macros.untrusted import markdown_text
from tests.conftest import ROOT
from tests.gitrepo import commit_all, git
from tests.test_history import HELD, small_dataset

HOSTILE_TITLES = [
    "@everyone please review",
    "See [the source](https://evil.example/) now",
    "Photo ![x](https://evil.example/track.png)",
    "<img src=x onerror=alert(1)> and <b>bold</b>",
    "# A heading",
    "Fixes #12 and owner/repo#7",
    "Visit https://evil.example/path or www.evil.example",
    "a | table | cell",
    "*stars* and _under_ and ~~strike~~ and `code`",
    "Escapes \\*, entities &amp; &copy; and <!-- a comment -->",
    "Contact press@example.org",
    "- a list item",
    "1. a numbered one",
    "Math $x^2$ and :rocket:",
]


def github_html(markdown: str) -> str:
    marko = pytest.importorskip("marko", reason="marko (a CommonMark renderer with GitHub's extensions) is not installed")
    from marko.ext.gfm import gfm

    assert marko
    return gfm.convert(markdown)


def visible_text(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\u200b", "").strip()


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_title_in_published_markdown_reads_as_its_own_words_and_does_nothing(title):
    html = github_html(f"- {markdown_text(title)}\n")
    assert not re.search(r"<(a|img|h\d|em|strong|code|del|table|b|script|ul|ol)\b", html.replace("<ul>", "", 1)), html
    assert visible_text(html) == title
    text = visible_text(html.replace("\u200b", "\x00"))  # the break GitHub's filters see
    assert not re.search(r"@\w|#\d|://|\bwww\.", text), text


def test_a_title_cannot_start_a_line_of_its_own():
    assert "\n" not in markdown_text("first\n# second\r\n- third")


def test_release_notes_of_the_data_carry_a_hostile_title_inert(tmp_path):
    from macros.release import changelog

    data = small_dataset(tmp_path)
    commit_all(tmp_path, "First records", "2026-01-05")
    git(tmp_path, "tag", "data-1")
    title = "@everyone [click](https://evil.example/) <img src=x> #12"
    record = data / "events/2026-01-03-kyiv-meeting.yml"
    record.write_text(HELD.replace("title: Advisers meet in Kyiv", f"title: '{title}'"), encoding="utf-8")
    commit_all(tmp_path, "Retitle", "2026-01-06")
    notes = changelog("2", "data-1", tmp_path)
    assert markdown_text(title) in notes
    html = github_html(notes)
    assert title in visible_text(html) and not re.search(r"<(a|img)\b", html)


def test_the_review_issue_carries_a_hostile_title_inert(tmp_path):
    data = small_dataset(tmp_path)
    title = "@maintainers see [here](https://evil.example/) <script>x</script>"
    summit = data / "events/2026-01-09-paris-summit.yml"
    summit.write_text(summit.read_text(encoding="utf-8").replace("title: Leaders to meet in Paris", f"title: '{title}'"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "review", "--data", str(data), "--as-of", "2026-06-01",
                             "--format", "markdown", "--site-url", "https://example.org/t/"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    html = github_html(result.stdout)
    links = re.findall(r'<a href="([^"]+)"', html)
    assert links and all(link.startswith("https://example.org/t/") for link in links), links
    assert "<script" not in html and title in visible_text(html)
