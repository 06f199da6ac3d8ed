"""The hostile fixture's records as plain data: the model's fields walked, paths in a record, and
writing a dataset back (tests/test_hostile.py, test_coverage.py and test_fuzz.py use them)."""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import yaml

from macros.fieldtypes import walk_types
from macros.kinds import KINDS
from macros.schema import VOCABULARY_LISTS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "data"


def leaf_fields(ftype, path: str = ""):
    """(pattern, type) of every leaf of a type, e.g. ('roles[].sources[].note', Text).
    The short form of a citation is the long form's `source`."""
    return [(p, t) for p, t in walk_types(ftype, path) if not t.children()]


def model(vocabulary: dict | None = None) -> dict:
    vocabulary = vocabulary or {}
    return KINDS.types({name: tuple(vocabulary.get(name, ())) for name in VOCABULARY_LISTS})


def paths_in(value, prefix: str = "") -> dict[str, object]:
    """Concrete paths of every leaf of a plain record, 'roles[0].sources[0].note' → value.
    A short citation (a bare source id in a list of citations) is its `source`."""
    found = {}
    if isinstance(value, dict):
        for key, sub in value.items():
            found.update(paths_in(sub, f"{prefix}.{key}" if prefix else key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.update(paths_in(item, f"{prefix}[{i}]"))
    else:
        found[prefix] = value
    return found


def pattern_of(concrete: str) -> str:
    return re.sub(r"\[\d+\]", "[]", concrete)


def set_path(record: dict, concrete: str, value) -> None:
    """Set a concrete path ('roles[0].sources[0].note'), turning a short citation into a block."""
    tokens = re.findall(r"\[(\d+)\]|([^.\[\]]+)", concrete)
    node = record
    for i, (index, name) in enumerate(tokens):
        last = i == len(tokens) - 1
        key = int(index) if index else name
        if last:
            node[key] = value
            return
        child = node[key]
        if isinstance(child, str):  # short citation → {"source": ...}
            child = node[key] = {"source": child}
        node = child


def load_fixture() -> dict[str, dict[str, dict]]:
    """{kind: {id: record as plain YAML data}} of the base dataset."""
    records: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for path in sorted((FIXTURE / kind).glob("*.yml")):
            records[kind][path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return records


class _Dumper(yaml.SafeDumper):
    """safe_dump, except that text with control, format or line-separator characters is written
    double-quoted with escapes ("\\N", "\\u202E"): PyYAML would otherwise write some of them raw in
    single quotes, and YAML would read them back folded into spaces."""


def _represent_str(dumper, value: str):
    special = any(unicodedata.category(c) in ("Cc", "Cf", "Cn", "Zl", "Zp") and c not in "\n" for c in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if special else None)


_Dumper.add_representer(str, _represent_str)


def dump(record: dict) -> str:
    return yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_dataset(target: Path, records: dict[str, dict[str, dict]], vocabulary: dict | None = None) -> Path:
    if target.exists():
        shutil.rmtree(target)
    for kind in KINDS:
        (target / kind).mkdir(parents=True)
        for record_id, record in records[kind].items():
            (target / kind / f"{record_id}.yml").write_text(dump(record), encoding="utf-8")
    if vocabulary is None:
        shutil.copyfile(FIXTURE / "vocabulary.yml", target / "vocabulary.yml")
    else:
        (target / "vocabulary.yml").write_text(dump(vocabulary), encoding="utf-8")
    return target
