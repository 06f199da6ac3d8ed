"""JSON Schema files (draft-07) generated from the model, so editors check data as it is typed.

The same function gives the files committed in schemas/ (for editors working in a clone) and the
ones a build publishes under api/v1/schemas/; `python -m macros schemas --check`, a test and the
pre-commit hook fail when the committed files differ from what the model generates.
"""
from __future__ import annotations

import json
from pathlib import Path

from .fieldtypes import ListOf, Slug, Text
from .kinds import KINDS
from .load import load_vocabulary
from .positions import INHERITED
from .schema import vocabulary_type

DRAFT = "http://json-schema.org/draft-07/schema#"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
POSITION_SCHEMA = "position.schema.json"


def build_schemas(vocabulary: dict[str, tuple[str, ...]]) -> dict[str, dict]:
    """File name → schema, with the vocabulary's current terms as enums."""
    schemas = {}
    for kind in KINDS.declarations():
        schemas[kind.schema_file] = _document(kind.type(vocabulary).schema(), f"A record in data/{kind.name}/ of the Ukraine Peace Process Tracker")
    schemas[VOCABULARY_SCHEMA] = _document(vocabulary_type().schema(), "data/vocabulary.yml: the controlled vocabulary")
    schemas[POSITION_SCHEMA] = _document(position_entry_schema(vocabulary), "An entry of api/v1/positions.json: a coded position with what it inherits from its statement")
    return schemas


def position_entry_schema(vocabulary: dict) -> dict:
    """A position's own fields and the statement fields it inherits, as the exports flatten them."""
    statement = {f.name: f for f in KINDS["statements"].type(vocabulary).fields}
    position = statement["positions"].type
    assert isinstance(position, ListOf)
    schema = position.item.schema()
    inherited = {name: statement[name].type.schema() for name in (*INHERITED, "sources")}
    schema["properties"] = {
        "statement": Slug(doc="id of the statement the position is coded from").schema(),
        **schema["properties"], **inherited,
        "page": Text(doc="the position on its statement's page (absolute when the site's address is known)").schema(),
        "issue_page": Text(doc="the page of the issue").schema(),
    }
    schema["required"] = ["statement", *schema.get("required", []), "date", "sources", "page", "issue_page"]
    return schema


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
    return sync_generated(target, texts, sorted(target.glob("*.schema.json")), check=check)


def sync_generated(target: Path, texts: dict[str, str], earlier: list[Path], *, check: bool) -> list[str]:
    """Make target hold these generated texts (or with check=True, only compare); return the names
    that differ. `earlier`: the generated files already there, removed when no longer generated."""
    stale = []
    for name, text in texts.items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in earlier:
        if path.name not in texts:
            stale.append(path.name)
            if not check:
                path.unlink()
    return stale


def _document(schema: dict, title: str) -> dict:
    return {"$schema": DRAFT, "title": title, **schema}
