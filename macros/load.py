"""Reading data/: every file checked on its own, then the references between them."""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Iterator

from .fieldtypes import Checker, FieldType, Ref, Struct, did_you_mean, walk_values
from .kinds import KINDS
from .model import Dataset, Record
from .problems import InvalidData, Problems
from .schema import VOCABULARY_LISTS, date_before, record_types, vocabulary_type
from .yamlload import read_yaml

__all__ = ["KINDS", "load_dataset", "check_dataset", "load_vocabulary", "iter_refs", "raise_for"]
VOCABULARY_FILE = "vocabulary.yml"


def load_dataset(data_dir: Path, *, display_root: Path | None = None) -> Dataset:
    """Load and validate everything in data_dir; raise InvalidData listing every problem."""
    dataset, problems = check_dataset(data_dir, display_root=display_root)
    if problems:
        raise InvalidData(problems)
    return dataset


def check_dataset(data_dir: Path, *, display_root: Path | None = None) -> tuple[Dataset, Problems]:
    """Load data_dir and return the dataset with every problem found (the dataset is partial if any)."""
    data_dir = Path(data_dir)
    root = display_root if display_root is not None else data_dir.parent
    problems = Problems()
    shown = partial(_display_path, root=root)

    vocabulary = _load_vocabulary(data_dir, shown, problems)
    types = record_types(vocabulary)
    records: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    unreadable: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path, kind in _data_files(data_dir, shown, problems):
        record = _load_record(path, kind, types[kind], shown(path), problems)
        if record is None:
            unreadable[kind].add(path.stem)  # its own problems are reported; don't blame files citing it
            continue
        _add_record(records[kind], record, problems)
    dataset = Dataset(records, vocabulary_terms=vocabulary.get("__terms__", {}))
    _check_references(dataset, types, problems, unreadable)
    _check_record_rules(dataset, problems)
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
    return text[len(prefix):] if text.startswith(prefix) else path.as_posix()


def _data_files(data_dir: Path, shown, problems: Problems) -> Iterator[tuple[Path, str]]:
    if not data_dir.is_dir():
        problems.add(shown(data_dir), 1, "", "the data folder does not exist")
        return
    # Walked with os.scandir, not Path.rglob: file-type checks come free with the listing, which
    # matters when data/ holds tens of thousands of records.
    for entry in _sorted_entries(data_dir):
        if entry.name.startswith(".") or entry.name in ("README.md", VOCABULARY_FILE):
            continue
        if entry.is_dir() and entry.name in KINDS:
            yield from _record_files(Path(entry.path), entry.name, shown, problems)
        else:
            for path in [Path(entry.path)] if entry.is_file() else sorted(p for p in Path(entry.path).rglob("*") if p.is_file()):
                _misplaced(path, shown, problems)


def _record_files(folder: Path, kind: str, shown, problems: Problems) -> Iterator[tuple[Path, str]]:
    for entry in _sorted_entries(folder):
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                _misplaced(inner, shown, problems)
        elif path.suffix != ".yml":
            problems.add(shown(path), 1, "", f"record files must end in .yml, not '{path.suffix or 'nothing'}'", f"rename it to {path.stem}.yml")
        else:
            yield path, kind


def _sorted_entries(folder: Path) -> list:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _misplaced(path: Path, shown, problems: Problems) -> None:
    problems.add(shown(path), 1, "", "this file is not where records live", f"records go in data/<kind>/<id>.yml, kind one of: {', '.join(KINDS)}")


def _read_text(path: Path, shown: str, problems: Problems) -> str | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.add(shown, line, "", f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x})", "save the file as UTF-8")
        return None
    return text.removeprefix("\ufeff")


def _parse(path: Path, shown: str, problems: Problems):
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    tree, errors = read_yaml(text)
    for err in errors:
        problems.add(shown, err.line, "", err.message, err.hint)
    # Duplicate keys, tags and anchors leave a readable tree: check it too, so one run shows all.
    return tree


def _checker(shown: str, problems: Problems) -> Checker:
    return Checker(lambda line, field, message, hint: problems.add(shown, line, field, message, hint))


def _load_record(path: Path, kind: str, rtype: Struct, shown: str, problems: Problems) -> Record | None:
    tree = _parse(path, shown, problems)
    if tree is None:
        return None
    values = rtype.check(tree, "", _checker(shown, problems))
    if values is None or "id" not in values:
        return None
    if values["id"] != path.stem:
        problems.add(shown, values["__lines__"]["id"], "id", f"'{values['id']}' does not match the file name '{path.name}'", f"rename the file to {values['id']}.yml or change the id")
    # A record with mistakes is kept so that its references are checked too: one run, all problems.
    return Record(kind=kind, id=values["id"], path=shown, data=values)


def _load_vocabulary(data_dir: Path, shown, problems: Problems) -> dict:
    path = data_dir / VOCABULARY_FILE
    if not path.exists():
        problems.add(shown(path), 1, "", "the vocabulary file is missing", "it lists topics, event kinds, mechanisms and domains")
        return {}
    tree = _parse(path, shown(path), problems)
    if tree is None:
        return {}
    values = vocabulary_type().check(tree, "", _checker(shown(path), problems)) or {}
    vocabulary = {name: tuple(values.get(name, {})) for name in VOCABULARY_LISTS}
    vocabulary["__terms__"] = {name: values.get(name, {}) for name in VOCABULARY_LISTS}
    return vocabulary


# --- references -----------------------------------------------------------------------------

def iter_refs(ftype: FieldType, value, path: str = "", line: int = 1) -> Iterator[tuple[str, str, str, int]]:
    """Every reference in a checked value: (target kind, id, field path as written, its line)."""
    for sub, sub_type, sub_value, sub_line in walk_values(ftype, value, path, line, holding=Ref):
        if isinstance(sub_type, Ref):
            yield sub_type.target, sub_value, sub, sub_line


def _check_references(dataset: Dataset, types: dict[str, Struct], problems: Problems, unreadable: dict[str, set[str]]) -> None:
    for kind, records in dataset.records.items():
        for record in records.values():
            for target, ref_id, field, line in iter_refs(types[kind], record.data, "", record.line):
                if ref_id in dataset.records[target] or ref_id in unreadable[target]:
                    continue
                hint = did_you_mean(ref_id, dataset.records[target]) or f"add data/{target}/{ref_id}.yml or fix the id"
                problems.add(record.path, line, field, f"no {KINDS[target].singular} has the id '{ref_id}'", hint)


def _check_record_rules(dataset: Dataset, problems: Problems) -> None:
    for actor in dataset.records["actors"].values():
        if actor.get("members") and actor.get("kind") != "coalition":
            problems.add(actor.path, actor.line_of("members"), "members", "only a coalition has members", "set kind: coalition, or move the members to the coalition's record")
    for statement in dataset.records["statements"].values():
        if statement.get("denies") and statement.get("kind") != "denial":
            problems.add(statement.path, statement.line_of("denies"), "denies", "only a denial can deny a claim", "set kind: denial")
        for i, claim_id in enumerate(statement.get("denies", [])):
            if claim_id == statement.id:
                problems.add(statement.path, statement.line_of("denies"), f"denies[{i}]", "a statement cannot deny itself")
    for commitment in dataset.records["commitments"].values():
        if commitment.get("part_of") == commitment.id:
            problems.add(commitment.path, commitment.line_of("part_of"), "part_of", "a commitment cannot be part of itself")


    for records in dataset.records.values():
        for record in records.values():
            _check_oldest_first(record, "status_history", "list status changes oldest first", problems)
            _check_oldest_first(record, "corrections", "list corrections oldest first", problems)


def _check_oldest_first(record: Record, name: str, hint: str, problems: Problems) -> None:
    entries = record.get(name, [])
    for i in range(1, len(entries)):
        if date_before(entries[i].get("date", ""), entries[i - 1].get("date", "")):
            problems.add(record.path, entries[i]["__line__"], f"{name}[{i}].date", f"{entries[i]['date']} is before the previous entry's {entries[i - 1]['date']}", hint)


def raise_for(problems: Problems) -> None:
    if problems:
        raise InvalidData(problems)


def load_vocabulary(data_dir: Path) -> dict:
    """The vocabulary alone (problems ignored): for schema generation and scaffolding."""
    return _load_vocabulary(Path(data_dir), str, Problems())
