"""JSON Schema files (draft-07) generated from the model, so editors check data as it is typed."""
from __future__ import annotations

import json
from pathlib import Path

from .load import load_vocabulary
from .schema import record_types, vocabulary_type

DRAFT = "http://json-schema.org/draft-07/schema#"


def build_schemas(data_dir: Path) -> dict[str, dict]:
    """File name → schema, with the vocabulary's current terms as enums."""
    vocabulary = load_vocabulary(Path(data_dir))
    schemas = {}
    for kind, rtype in record_types(vocabulary).items():
        schemas[f"{kind[:-1]}.schema.json"] = _document(rtype.schema(), f"A record in data/{kind}/ of the Ukraine Peace Process Tracker")
    schemas["vocabulary.schema.json"] = _document(vocabulary_type().schema(), "data/vocabulary.yml: the controlled vocabulary")
    return schemas


def write_schemas(target: Path, data_dir: Path, *, check: bool = False) -> list[str]:
    """Write (or with check=True, only compare) the schema files; return the names that differ."""
    target.mkdir(exist_ok=True)
    stale = []
    for name, schema in build_schemas(data_dir).items():
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale


def _document(schema: dict, title: str) -> dict:
    return {"$schema": DRAFT, "title": title, **schema}
