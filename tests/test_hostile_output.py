"""Hostile text on its way to a terminal or a CI log.

The commands print parts of a contributor's files: an unknown key, a value, a line of the file,
its name. Each test puts one kind of hostile text into the minimal dataset of
tests/test_validation.py, runs a command as a contributor (or the pull-request workflow) runs it,
and checks what reaches the terminal: no escape sequence, no bidi control, no line the GitHub
runner would read as a workflow command but the project's own annotations, each escaped.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.problems import Problem
from macros.untrusted import one_line, printable
from tests.support.validation import ACTOR, ROOT, Dataset

# An unknown key that clears the screen, starts a line with a workflow command and reverses text.
HOSTILE_KEY = '"\\e[2J\\e]8;;https://evil.example\\a\\n::add-mask::secret\\u202e": 1\n'
HOSTILE_VALUE = 'note: "done\\r\\x9b31m\\n  ::error file=README.md,line=1::forged\\n##[warning]old style"\n'
RAW_CONTROL = b"# \x1b[31m red \x9b\n"
# The runner trims white space before it looks for `::` (or the older `##[`) at a line's start.
WORKFLOW_COMMAND = re.compile(r"^\s*(::|##\[)")  # \s: Unicode's white space, as the runner's
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path) -> Dataset:
    dataset = Dataset(tmp_path / "repository")
    dataset.replace(ACTOR, "name: Ukraine\n", "name: Ukraine\n" + HOSTILE_KEY + HOSTILE_VALUE)
    dataset.write_bytes("data/actors/raw.yml", b"id: raw\n" + RAW_CONTROL)
    return dataset


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=root, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def assert_inert(output: str, commands: int = 0) -> None:
    """Nothing a terminal acts on; exactly `commands` workflow commands, each one of ours."""
    assert not TERMINAL_CONTROLS.search(output), repr(TERMINAL_CONTROLS.search(output).group())
    found = [line for line in output.splitlines() if WORKFLOW_COMMAND.match(line)]
    assert len(found) == commands, found
    assert all(re.match(r"::(error|warning) file=data/[^:,]+,line=\d+,title=", line) for line in found), found


# --- one function -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, shown", [
    ("\x1b[2J", "\\x1b[2J"),
    ("\x9b31m", "\\x9b31m"),  # the one-byte CSI of C1
    ("a\rb", "a\\x0db"),
    ("\u202eevil", "\\u202eevil"),
    ("::add-mask::x", "\\::add-mask::x"),
    ("  ::error::x\n##[group]y", "  \\::error::x\n\\##[group]y"),
    ("\u00a0\u3000::add-mask::x", "\u00a0\u3000\\::add-mask::x"),  # the runner trims Unicode's white space
    ("ok: a::b, tabs\tand lines\n", "ok: a::b, tabs\tand lines\n"),
])
def test_text_printed_to_a_terminal_shows_controls_as_escapes_and_commands_as_text(text, shown):
    assert printable(text) == shown


def test_a_problem_is_one_printable_line_whatever_its_field_holds():
    problem = Problem("data/actors/x.yml", 3, "\x1b[2J\n::add-mask::x", "is not a known field")
    assert str(problem) == "data/actors/x.yml:3: \\x1b[2J\\n::add-mask::x: is not a known field"


def test_an_annotation_escapes_every_part_of_what_the_contributor_wrote():
    problem = Problem("data/actors/a,b::c.yml", 3, "k\n::warning::x", "bad \x1b[31m%0A\r\nline")
    annotation = problem.as_github_annotation()
    assert "\n" not in annotation and "\x1b" not in annotation
    assert annotation == ("::error file=data/actors/a%2Cb%3A%3Ac.yml,line=3,title=k%0A%3A%3Awarning%3A%3Ax"
                          "::bad \\x1b[31m%250A%0D%0Aline")


def test_a_line_of_a_page_has_no_control_or_bidi_character_and_a_bounded_length():
    assert one_line("Fix \x1b[2J the \u202eeman\u202c\r\n date", 100) == "Fix [2J the eman date"
    assert one_line("x" * 500, 10) == "x" * 9 + "…"


# --- every command --------------------------------------------------------------------------------

def test_make_validate_prints_a_hostile_key_and_value_as_inert_text(hostile):
    result = run(hostile.root, "validate", "--data", "data")
    assert result.returncode == 1
    assert_inert(result.stdout + result.stderr)
    assert "data/actors/ukraine.yml:4: \\x1b[2J\\x1b]8;;https://evil.example\\x07\\n::add-mask::secret\\u202e: is not a known field" in result.stdout


def test_validate_in_the_pull_request_prints_only_its_own_annotations_escaped(hostile):
    result = run(hostile.root, "validate", "--data", "data", "--format", "github")
    assert result.returncode == 1
    assert_inert(result.stdout, commands=len(result.stdout.splitlines()))
    assert "title=\\x1b[2J\\x1b]8;;https%3A//evil.example\\x07%0A%3A%3Aadd-mask%3A%3Asecret\\u202e::is not a known field" in result.stdout


def test_format_check_shows_the_lines_of_a_hostile_file_as_inert_text(hostile):
    result = run(hostile.root, "format", "--check", "data")
    assert result.returncode == 1 and "not in the canonical layout" in result.stdout
    assert_inert(result.stdout + result.stderr)


def test_make_diff_and_make_review_print_a_hostile_file_as_inert_text(hostile):
    from tests.gitrepo import commit_all, git

    commit_all(hostile.root, "Base", "2026-01-05")
    hostile.replace(ACTOR, "name: Ukraine\n", "name: Ukraine\n\"\\e[5m::stop-commands::x\": 2\n")
    diff = run(hostile.root, "diff", "HEAD", "--data", "data")
    assert diff.returncode == 1 and "NOT valid" in diff.stdout
    assert_inert(diff.stdout + diff.stderr)
    review = run(hostile.root, "review", "--data", "data", "--as-of", "2026-06-01")
    assert review.returncode == 1
    assert_inert(review.stdout + review.stderr)
    assert git(hostile.root, "status", "--short")  # the commands changed nothing


def test_yamllint_in_the_pull_request_annotates_only_the_file_it_names(hostile):
    hostile.write("data/actors/a,b::c.yml", '"k\\n::add-mask::x": 1\n"k\\n::add-mask::x": 2\nconsulted: yes\n')
    result = run(hostile.root, "yamllint", "--format", "github", "data")
    assert result.returncode == 1
    assert_inert(result.stdout + result.stderr, commands=len(result.stdout.splitlines()))
    assert "::error file=data/actors/a%2Cb%3A%3Ac.yml,line=2,title=yamllint key-duplicates::" in result.stdout
    text = run(hostile.root, "yamllint", "data")
    assert_inert(text.stdout + text.stderr)
    assert 'data/actors/a,b::c.yml:2:1: error: duplication of key "k\\n::add-mask::x" in mapping (key-duplicates)' in text.stdout


def test_the_projects_data_passes_its_yamllint_wrapper():
    result = run(ROOT, "yamllint", "data")
    assert result.returncode == 0 and result.stdout == "", result.stdout
