"""Reading data/ safely: only regular files inside it, none past its size limit, every file
checked on its own against its kind's type; then macros/rules.py checks what holds across records."""
from __future__ import annotations

import errno
import gc
import os
import re
import stat
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Iterator

from .fieldtypes import Checker, Lines, Struct, did_you_mean
from .kinds import KINDS
from .model import Dataset, Record
from .problems import InvalidData, Problems, encoding_notes
from .rules import Reference, check_record_rules, check_reference_integrity, check_references
from .schema import (
    GAZETTEER,
    ISSUE_LINKS,
    RESERVED_PAGE_IDS,
    VOCABULARY_LISTS,
    WINDOWS_RESERVED_IDS,
    vocabulary_type,
)
from .time_rules import check_time_rules
from .yamlload import read_yaml

__all__ = ["KINDS", "load_dataset", "check_dataset", "load_vocabulary", "raise_for"]
VOCABULARY_FILE = "vocabulary.yml"
# Files in data/ that are not records: the licence travels with the data (tracker-data.zip).
NOT_RECORDS = ("README.md", "LICENSE", VOCABULARY_FILE)


def load_dataset(data_dir: Path, *, display_root: Path | None = None) -> Dataset:
    """Load and validate everything in data_dir; raise InvalidData listing every problem."""
    dataset, problems = check_dataset(data_dir, display_root=display_root)
    if problems:
        raise InvalidData(problems)
    return dataset


def check_dataset(data_dir: Path, *, display_root: Path | None = None) -> tuple[Dataset, Problems]:
    """Load data_dir and return the dataset with every problem found (the dataset is partial if any)."""
    with no_cycle_collection():
        return _check_dataset(Path(data_dir), display_root)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Reading builds a million small objects and no reference cycles: Python's cycle collector
    would walk the growing heap again and again for nothing (a tenth of validation's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_dataset(data_dir: Path, display_root: Path | None) -> tuple[Dataset, Problems]:
    root = display_root if display_root is not None else data_dir.parent
    problems = Problems()
    shown = partial(_display_path, root=root)

    vocabulary = _load_vocabulary(data_dir, shown, problems)
    types = KINDS.types(vocabulary)
    records: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    unreadable: dict[str, set[str]] = {kind: set() for kind in KINDS}
    references: list[tuple[Record, list[Reference]]] = []
    for path, kind in _data_files(data_dir, shown, problems):
        loaded = _load_record(path, kind, types[kind], shown(path), problems)
        if loaded is None:
            unreadable[kind].add(path.stem)  # its own problems are reported; don't blame files citing it
            continue
        record, refs = loaded
        references.append((record, refs))
        _add_record(records[kind], record, problems)
    dataset = Dataset(records, vocabulary_terms=vocabulary.get("__terms__", {}))
    check_references(dataset, references, problems, unreadable)
    check_record_rules(dataset, problems)
    check_time_rules(dataset, problems, data_dir)
    check_reference_integrity(dataset, problems)
    return dataset, problems


def _add_record(records: dict[str, Record], record: Record, problems: Problems) -> None:
    other = records.get(record.id)
    if other is None:
        records[record.id] = record
        return
    # Blame the copy whose file name disagrees with the id, not the original.
    if other.path.rsplit("/", 1)[-1] != f"{other.id}.yml":
        record, other = other, record
        records[other.id] = other
    problems.add(record.path, record.line_of("id"), "id", f"'{record.id}' is already used by {other.path}", "every record needs its own id")


def _display_path(path: Path, root: Path) -> str:
    """The path a contributor recognises: relative to the folder holding data/."""
    text, prefix = str(path), str(root).rstrip("/") + "/"
    shown = text[len(prefix):] if text.startswith(prefix) else path.as_posix()
    return shown if shown.isprintable() else _escaped(shown)


def _escaped(name: str) -> str:
    """A file name with line breaks, controls or bytes that are not UTF-8, written so that it
    prints on one line and cannot pass for another message: 'bad\\nname.yml', '\\xff.yml'."""
    raw = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in raw)


def _data_files(data_dir: Path, shown, problems: Problems) -> Iterator[tuple[Path, str]]:
    if data_dir.is_symlink():
        problems.add(shown(data_dir), 1, "", "the data folder is a symbolic link", "data/ must be a real folder in the repository")
        return
    if not data_dir.is_dir():
        problems.add(shown(data_dir), 1, "", "the data folder does not exist")
        return
    # Walked with os.scandir, not Path.rglob: file-type checks come free with the listing, which
    # matters when data/ holds tens of thousands of records. Nothing is followed: a link could
    # point anywhere on the machine that builds the site.
    for entry in _sorted_entries(data_dir):
        if _refused(entry, shown, problems) or entry.name in NOT_RECORDS:
            continue
        if entry.is_dir(follow_symlinks=False) and entry.name in KINDS:
            yield from _record_files(Path(entry.path), entry.name, shown, problems)
        else:
            _misplaced_tree(entry, shown, problems)


def _record_files(folder: Path, kind: str, shown, problems: Problems) -> Iterator[tuple[Path, str]]:
    for entry in _sorted_entries(folder):
        path = Path(entry.path)
        if entry.name.endswith(".yml") and not entry.name.startswith(".") and not entry.is_dir(follow_symlinks=False):
            yield path, kind  # links and pipes too: reading refuses them, and records citing them are not blamed
        elif _refused(entry, shown, problems):
            continue
        elif entry.is_dir(follow_symlinks=False):
            _misplaced_tree(entry, shown, problems)
        else:
            problems.add(shown(path), 1, "", f"record files must end in .yml, not '{path.suffix or 'nothing'}'", f"rename it to {path.stem}.yml")


def _sorted_entries(folder: Path) -> list:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _misplaced_tree(entry: os.DirEntry, shown, problems: Problems) -> None:
    """Report every file in a place where no record belongs (a folder is walked, never followed;
    without recursion, since a checkout can nest folders deeper than Python's call stack)."""
    pending = [entry]
    while pending:
        entry = pending.pop()
        if not entry.is_dir(follow_symlinks=False):
            _misplaced(Path(entry.path), shown, problems)
            continue
        pending.extend(inner for inner in reversed(_sorted_entries(Path(entry.path))) if not _refused(inner, shown, problems))


_LINK = ("is a symbolic link; data/ holds only regular files", "replace the link with the file itself: a link can point outside the repository")
_NOT_REGULAR = ("is not a regular file (a named pipe, socket, device or folder)", "data/ holds only text files; delete it")
# Files that tools leave next to data and that hold none: macOS folder metadata, git's marker
# for an empty folder, vim's swap files and emacs' lock files (written while a file is open),
# and the marker of a folder of synthetic data (tools/synth.py).
_TOOL_FILES = re.compile(r"\.DS_Store|\.gitkeep|\..+\.sw[a-p]|\.#.+|\.synth")


def _refused(entry: os.DirEntry, shown, problems: Problems) -> bool:
    """Whether an entry of data/ is not to be read: hidden, a link, or not a file or folder.
    All but tools' own files are reported, so that nothing in data/ is skipped in silence."""
    path = shown(Path(entry.path))
    if entry.name.startswith("."):
        if not _TOOL_FILES.fullmatch(entry.name):
            problems.add(path, 1, "", "hidden files and folders are not read, so this one would be skipped", f"rename it without the leading dot ({entry.name.lstrip('.') or 'a name'}), or delete it")
        return True
    if entry.is_symlink():
        problems.add(path, 1, "", *_LINK)
        return True
    if not (entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)):
        problems.add(path, 1, "", *_NOT_REGULAR)
        return True
    return False


def _misplaced(path: Path, shown, problems: Problems) -> None:
    problems.add(shown(path), 1, "", "this file is not where records live", f"records go in data/<kind>/<id>.yml, kind one of: {', '.join(KINDS)}")


# A record is a few kilobytes (the biggest in data/ is about 3 kB); even every field filled to its
# length limit stays below this. The limit keeps one file from making a page and the search
# index many megabytes large, and bounds the parser's work.
MAX_FILE_BYTES = 256 * 1024
# The vocabulary is one file for every term of every list, and grows with the project.
MAX_VOCABULARY_BYTES = 1024 * 1024


def _read_bytes(path: Path, shown: str, problems: Problems, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The file's bytes, read without following a link and without waiting on a named pipe."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            problems.add(shown, 1, "", *_LINK)
        else:
            problems.add(shown, 1, "", f"cannot be read ({err.strerror or 'unknown error'})", "check that it is a readable file")
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            problems.add(shown, 1, "", *_NOT_REGULAR)
            return None
        # Read whole (sized by its length: no large buffer for a small file) only when it is small;
        # os.read, not a file object: one buffer fewer for each of many small files.
        raw = b""
        if status.st_size <= limit:
            raw = os.read(fd, status.st_size + 1)
            while len(raw) <= limit and (more := os.read(fd, limit + 1 - len(raw))):  # it grew meanwhile
                raw += more
    finally:
        os.close(fd)
    if status.st_size > limit or len(raw) > limit:
        problems.add(shown, 1, "", f"is larger than {limit // 1024} KiB, the limit for this file", "split it into several records, or shorten its texts")
        return None
    return raw


def _read_text(path: Path, shown: str, problems: Problems, limit: int = MAX_FILE_BYTES) -> str | None:
    raw = _read_bytes(path, shown, problems, limit)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.add(shown, line, "", f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x})", "save the file as UTF-8")
        return None
    for note in encoding_notes(text):
        problems.warn(shown, note)
    return text.removeprefix("\ufeff")


def _parse(path: Path, shown: str, problems: Problems, limit: int = MAX_FILE_BYTES):
    text = _read_text(path, shown, problems, limit)
    if text is None:
        return None
    tree, errors = read_yaml(text)
    for err in errors:
        problems.add(shown, err.line, "", err.message, err.hint)
    # Duplicate keys, tags and anchors leave a readable tree: check it too, so one run shows all.
    return tree


def _checker(shown: str, problems: Problems) -> Checker:
    return Checker(lambda line, field, message, hint: problems.add(shown, line, field, message, hint))


def _load_record(path: Path, kind: str, rtype: Struct, shown: str, problems: Problems) -> tuple[Record, list[Reference]] | None:
    tree = _parse(path, shown, problems)
    if tree is None:
        return None
    chk = _checker(shown, problems)
    values = chk.check_file(rtype, tree)
    if values is None or "id" not in values:
        return None
    line = chk.lines["id"]
    if values["id"] != path.stem:
        problems.add(shown, line, "id", f"'{values['id']}' does not match the file name '{shown.rsplit('/', 1)[-1]}'", f"rename the file to {values['id']}.yml or change the id")
    _check_reserved_id(values["id"], shown, line, problems)
    # A record with mistakes is kept so that its references are checked too: one run, all problems.
    return Record(kind=kind, id=values["id"], path=shown, data=values, lines=chk.lines), chk.refs


def _check_reserved_id(record_id: str, shown: str, line: int, problems: Problems) -> None:
    if record_id in RESERVED_PAGE_IDS:
        problems.add(shown, line, "id", f"'{record_id}' is reserved for a page of the site", "choose a more specific id; the file name changes with it")
    elif record_id in WINDOWS_RESERVED_IDS:
        problems.add(shown, line, "id", f"'{record_id}' is a reserved file name on Windows, where {record_id}.yml cannot be checked out", "choose a longer id; the file name changes with it")


def _load_vocabulary(data_dir: Path, shown, problems: Problems) -> dict:
    path = data_dir / VOCABULARY_FILE
    if not os.path.lexists(path):
        problems.add(shown(path), 1, "", "the vocabulary file is missing", "it lists topics, event kinds, mechanisms, domains and negotiation issues")
        return {}
    tree = _parse(path, shown(path), problems, MAX_VOCABULARY_BYTES)
    if tree is None:
        return {}
    chk = _checker(shown(path), problems)
    values = chk.check_file(vocabulary_type(), tree) or {}
    _check_issue_links(values, chk.lines, shown(path), problems)
    vocabulary = {name: tuple(values.get(name, {})) for name in VOCABULARY_LISTS}
    vocabulary["__terms__"] = {name: values.get(name, {}) for name in (*VOCABULARY_LISTS, GAZETTEER)}
    return vocabulary


def _check_issue_links(values: dict, lines: Lines, shown: str, problems: Problems) -> None:
    """An issue's related topics and mechanisms must be terms of those lists."""
    for issue_id, issue in values.get("issues", {}).items():
        for name in ISSUE_LINKS:
            for i, term in enumerate(issue.get(name, [])):
                if term not in values.get(name, {}):
                    path = lines.item_path(f"issues.{issue_id}.{name}", i)
                    hint = did_you_mean(term, values.get(name, {})) or f"use a term listed under {name}"
                    problems.add(shown, lines[path], path, f"'{term}' is not one of the {name}", hint)


def raise_for(problems: Problems) -> None:
    if problems:
        raise InvalidData(problems)


def load_vocabulary(data_dir: Path) -> dict:
    """The vocabulary alone (problems ignored): for schema generation and scaffolding."""
    return _load_vocabulary(Path(data_dir), str, Problems())
