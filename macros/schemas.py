"""JSON Schema files (draft-07) generated from the model, so editors check data as it is typed.

The same function gives the files committed in schemas/ (for editors working in a clone) and the
ones a build publishes under api/v1/schemas/; `python -m macros schemas --check`, a test and the
pre-commit hook fail when the committed files differ from what the model generates.
"""
from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS
from .load import load_vocabulary
from .schema import vocabulary_type

DRAFT = "http://json-schema.org/draft-07/schema#"
VOCABULARY_SCHEMA = "vocabulary.schema.json"


def build_schemas(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, dict]:
    """File name → schema, with the vocabulary's current terms as enums."""
    schemas = {}
    for kind in KINDS.declarations():
        schemas[kind.schema_file] = _document(kind.type(vocabulary).schema(), f"A record in data/{kind.name}/ of the Ukraine Peace Process Tracker")
    schemas[VOCABULARY_SCHEMA] = _document(vocabulary_type().schema(), "data/vocabulary.yml: the controlled vocabulary")
    return schemas


def schema_texts(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """File name → the exact text of the file."""
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in build_schemas(vocabulary).items()}


def dataset_vocabulary(dataset) -> dict[str, tuple[str, ...]]:
    """A loaded dataset's vocabulary, in the form the record types take."""
    return {name: tuple(terms) for name, terms in dataset.vocabulary_terms.items()}


def write_schemas(target: Path, data_dir: Path, *, check: bool = False) -> list[str]:
    """Write (or with check=True, only compare) the schema files; return the names that differ.
    Files in target that the model no longer generates count as differing (and are removed)."""
    target.mkdir(exist_ok=True)
    texts = schema_texts(load_vocabulary(Path(data_dir)))
    stale = []
    for name, text in texts.items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in sorted(target.glob("*.schema.json")):
        if path.name not in texts:
            stale.append(path.name)
            if not check:
                path.unlink()
    return stale


def _document(schema: dict, title: str) -> dict:
    return {"$schema": DRAFT, "title": title, **schema}
