"""Contributor-supplied text made harmless for each place it goes.

Everything a contributor can write is untrusted: data files, file names, commit messages and
authors. Three destinations need their own treatment, each done here and nowhere else:

* a line of a page (`one_line`): a commit subject or a file name is shown as plain text; control
  characters would corrupt it and an unisolated bidirectional override would reorder the text
  around it, so both go, and the length is bounded.
* a terminal or a CI log (`printable`): escape sequences would drive the terminal of whoever
  runs `make validate`; a line that starts with `::` (or `##[`) is a GitHub workflow command
  to the runner (annotations on other files, masking the log). Control and bidi characters are
  shown as escapes (`\\x1b`, `\\u202e`), and such a line is marked so the runner ignores it.
* Markdown (`markdown_text`): release notes and the review issue are published by privileged
  jobs; data text must not mention people (`@user`), link, add HTML or start a heading there.
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager

# Bidirectional embeddings, overrides and isolates, and the marks: they reorder what follows.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# C0 and C1 controls (tab and newline excepted where text keeps lines), DEL, line and paragraph
# separators, and the byte-order mark: a terminal acts on them, a page garbles them.
_CONTROL = "".join(map(chr, [*range(0x00, 0x20), *range(0x7f, 0xa0)])) + "\u2028\u2029\ufeff"

_UNSHOWN = re.compile(f"[{re.escape(_CONTROL + BIDI_CONTROLS)}]+")


def one_line(text: str, limit: int) -> str:
    """Text for one line of a page: controls and bidi controls become a space, runs of white
    space one space, and at most `limit` characters (cut with "…")."""
    text = " ".join(_UNSHOWN.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- terminals and CI logs ---------------------------------------------------------------------

_ESCAPED_IN_TERMINAL = re.compile(f"[{re.escape(_CONTROL.replace(chr(9), '').replace(chr(10), '') + BIDI_CONTROLS)}]")
# What the GitHub runner reads as a workflow command at the start of a line, after any white
# space (it trims Unicode's, a no-break space included).
_WORKFLOW_COMMAND = re.compile(r"^([^\S\n]*)(::|##\[)", re.MULTILINE)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Every control and bidi character (but tab and newline) written as an escape, \\x1b or \\u202e."""
    return _ESCAPED_IN_TERMINAL.sub(_escape, text)


def printable(text: str) -> str:
    """Text safe to print to a terminal and to a CI log: controls and bidi characters escaped,
    and a backslash before any line that the runner would read as a workflow command."""
    return _WORKFLOW_COMMAND.sub(r"\1\\\2", escape_controls(text))


def printable_line(text: str) -> str:
    """`printable`, and a line break written as \\n: a report of one problem stays one line."""
    return printable(text.replace("\n", "\\n"))


class _LineGuard:
    """A text stream that passes whole lines through `printable`: every command's output goes
    through it (`guarded_output`), so no print can forget. Only `print_command` bypasses it."""

    def __init__(self, stream):
        self.unguarded = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self.unguarded.write("".join(printable(line) + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.unguarded.write(printable(self._pending))
            self._pending = ""
        self.unguarded.flush()

    def __getattr__(self, name):  # encoding, isatty, fileno ...: the stream's own
        return getattr(self.unguarded, name)


@contextmanager
def guarded_output():
    """Within it, whatever is printed to stdout or stderr is made printable line by line."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _LineGuard(sys.stdout), _LineGuard(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = saved


def print_command(line: str) -> None:
    """Print one workflow command that this project built (its data escaped by
    `problems.workflow_command`), past the guard that would otherwise neutralise it."""
    sys.stdout.flush()
    getattr(sys.stdout, "unguarded", sys.stdout).write(line + "\n")


# --- Markdown -------------------------------------------------------------------------------------

# What Markdown (with GitHub's extensions: tables, strikethrough, math) reads as syntax anywhere in
# a line, and what it reads so only at the start of one (a list, a heading underline).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>#!|~&$])")
_LINE_START_SYNTAX = re.compile(r"^(|\d+)((?<=\d)[.)]|(?<!\d)[-+=])")  # - x, + x, 1. x, 1) x, ====
# What GitHub turns into a notification, a cross-reference or a link even when escaped (its
# filters read the rendered text): a zero-width space after the @, the # or the scheme breaks it.
_GITHUB_TRIGGERS = re.compile(r"(@|#(?=\d)|:(?=//)|(?<![\w.])www(?=\.))", re.IGNORECASE)


def markdown_text(text: str, limit: int = 2000) -> str:
    """Text from data (or a commit) inside Markdown that GitHub renders, as the words it is: one
    line, its syntax backslash-escaped (no emphasis, link, image, heading, list, table cell or
    HTML), and no @mention, #reference or autolink."""
    text = _MARKDOWN_SYNTAX.sub(r"\\\1", _GITHUB_TRIGGERS.sub("\\1\u200b", one_line(text, limit)))
    return _LINE_START_SYNTAX.sub(r"\1\\\2", text)
