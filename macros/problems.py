"""Problems found in contributors' data, reported all at once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .untrusted import escape_controls, printable_line
from .words import count


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, which field, what is wrong, how to fix it."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return printable_line(f"{where}:{field} {self.message}{hint}")  # it quotes the contributor's file

    def as_github_annotation(self) -> str:
        """A GitHub workflow command that marks the line in a pull request's diff."""
        title = f"{self.field}" if self.field else "data"
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return workflow_command("error", self.path, self.line, title, text)


def workflow_command(level: str, path: str, line: int, title: str, text: str) -> str:
    """`::error file=...,line=...,title=...::text`, every part escaped: the runner reads no
    other command, property or line break out of it, and the log shows no control character."""
    return (f"::{level} file={_escape_property(path)},line={line},title={_escape_property(title)}"
            f"::{_escape_data(text)}")


class Problems:
    """Collects problems so that one run reports every mistake, not only the first."""

    def __init__(self) -> None:
        self._items: list[Problem] = []
        # (path, note): what the loader reads fine but the pull request's checks refuse (a BOM, CRLF).
        self.warnings: list[tuple[str, str]] = []

    def add(self, path: str, line: int, field: str, message: str, hint: str = "") -> None:
        # A last guard: values quoted in messages are cut where they are quoted, but no message
        # may ever carry a whole megabyte-long value to the terminal or a pull request.
        self._items.append(Problem(path, line, _cut(field, 200), _cut(message, 1000), _cut(hint, 4000)))

    def warn(self, path: str, note: str) -> None:
        self.warnings.append((path, note))

    def extend(self, other: "Problems") -> None:
        self._items.extend(other._items)
        self.warnings.extend(other.warnings)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(set(self._items))

    def __iter__(self):
        return iter(sorted(set(self._items)))


def encoding_notes(text: str) -> list[str]:
    """A byte-order mark or Windows line endings: invisible in most editors, refused by yamllint
    (CRLF) and removed by `make format`."""
    notes = []
    if text.startswith("\ufeff"):
        notes.append("the file starts with a byte-order mark (BOM)")
    if "\r" in text:
        notes.append("the file has Windows line endings (CRLF)")
    return notes


class InvalidData(Exception):
    """Raised at the boundary when the dataset cannot be published."""

    def __init__(self, problems: Problems):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{count(len(problems), 'problem')} in data/:\n{lines}")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape_data(text: str) -> str:
    return escape_controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def shown_path(path: Path) -> str:
    """A path as the contributor typed it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
