"""JSON Schema files (draft-07) generated from the model, so editors check data as it is typed."""
from __future__ import annotations

import json
from pathlib import Path

from .fieldtypes import ListOf, Slug, Text
from .load import load_vocabulary
from .positions import INHERITED
from .schema import record_types, vocabulary_type

DRAFT = "http://json-schema.org/draft-07/schema#"


def build_schemas(data_dir: Path) -> dict[str, dict]:
    """File name → schema, with the vocabulary's current terms as enums."""
    vocabulary = load_vocabulary(Path(data_dir))
    schemas = {}
    for kind, rtype in record_types(vocabulary).items():
        schemas[f"{kind[:-1]}.schema.json"] = _document(rtype.schema(), f"A record in data/{kind}/ of the Ukraine Peace Process Tracker")
    schemas["vocabulary.schema.json"] = _document(vocabulary_type().schema(), "data/vocabulary.yml: the controlled vocabulary")
    schemas["position.schema.json"] = _document(position_entry_schema(vocabulary), "An entry of api/v1/positions.json: a coded position with what it inherits from its statement")
    return schemas


def position_entry_schema(vocabulary: dict) -> dict:
    """A position's own fields and the statement fields it inherits, as the exports flatten them."""
    statement = {f.name: f for f in record_types(vocabulary)["statements"].fields}
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
