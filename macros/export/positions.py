"""Coded positions as their own open-data files: api/v1/positions.json and downloads/positions.csv.

A position is stored inside its statement (and appears there in api/v1/statements/<id>.json);
these files flatten it for analysis: one entry per position, with the fields it inherits from
its statement (who, when, sources) copied next to its own. Its own fields follow the model, so a
field added to positions in macros/schema.py appears here without a change to this module.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..fieldtypes import Field, ListOf, Ref, Struct, Text
from ..i18n import Locale
from ..model import Dataset
from ..positions import INHERITED, issue_page
from .catalogue import POSITIONS_CSV, POSITIONS_JSON
from .common import absolute, canonical, dumps, model_types, page_path, sorted_records, write_text
from .tables import cell


def position_type(statement: Struct | None = None) -> Struct:
    """The type of one position, from the statements' type (by default the vocabulary-free one)."""
    field = next(f for f in (statement or model_types()["statements"]).fields if f.name == "positions")
    assert isinstance(field.type, ListOf) and isinstance(field.type.item, Struct)
    return field.type.item


def position_fields(statement: Struct) -> dict[str, Field]:
    """Every column of positions.csv declared like a field, for the data package: the position's
    own fields, and those it takes from its statement, typed as the model types them."""
    of_statement = {f.name: f for f in statement.fields}
    fields = {"statement": Field("statement", Ref(target="statements"), required=True, doc="the statement that takes the position")}
    fields.update({f.name: f for f in position_type(statement).fields})
    fields.update({name: of_statement[name] for name in (*INHERITED, "sources")})
    fields["page"] = Field("page", Text(), required=True, doc="the position on its statement's page")
    fields["issue_page"] = Field("issue_page", Text(), required=True, doc="the negotiation issue's page")
    return fields


def position_columns() -> list[str]:
    return list(position_fields(model_types()["statements"]))


def position_records(dataset: Dataset, site_url: str = "") -> list[dict]:
    """Every position, by statement id and then in the statement's order."""
    sources_type = next(f.type for f in model_types()["statements"].fields if f.name == "sources")
    found = []
    for statement in sorted_records(dataset, "statements"):
        for position in statement.get("positions", []):
            entry = {"statement": statement.id, **canonical(position_type(), position)}
            entry.update({name: statement[name] for name in INHERITED if name in statement.data})
            entry["sources"] = canonical(sources_type, statement["sources"])
            entry["page"] = absolute(site_url, page_path("statements", statement.id) + f"#position-{position['issue']}")
            entry["issue_page"] = absolute(site_url, issue_page(position["issue"]))
            found.append(entry)
    return found


def positions_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = position_columns()
    writer.writerow(names)
    for entry in records:
        writer.writerow([cell(name, entry[name]) if name in entry else "" for name in names])
    return buffer.getvalue()


def write_positions(dataset: Dataset, out_dir: Path, *, site_url: str = "", t: Locale | None = None) -> None:
    out = Path(out_dir)
    records = position_records(dataset, site_url)
    listing = {
        "kind": "positions",
        "description": (t or Locale())("positions.file_description"),
        "schema": "schemas/position.schema.json",
        "count": len(records),
        "records": records,
    }
    write_text(out / POSITIONS_JSON, dumps(listing))
    write_text(out / POSITIONS_CSV, positions_csv(records))
