"""downloads/datapackage.json: a Frictionless Data Package (v2) describing the CSV downloads.

Nothing here is kept by hand. The resources are the CSV files the catalogue lists (so a CSV added
to the export is described without further work); each resource's columns are read from the
file as written, and each column's Table Schema comes from the model's declaration of that field
(or of a derived column, tables.derived_fields). A column the model does not declare is a plain
string. Record tables have `id` as primary key, and every single reference (a speaker, an event,
a country ...) is a foreign key to the table of its kind; lists of references are joined text in
the CSV and are not keys.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..fieldtypes import Field, Ref
from ..i18n import Locale
from ..kinds import KINDS
from ..model import Dataset
from .catalogue import DATAPACKAGE, DOWNLOADS, outputs
from .common import absolute, dumps, page_path, sorted_records, write_text
from .licence import DATA_LICENCE
from .positions import position_fields
from .tables import SEP, derived_fields

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def write_datapackage(dataset: Dataset, out_dir: Path, *, version: str, site_name: str, site_url: str = "", repository: str = "",
                      t: Locale | None = None) -> None:
    """Write datapackage.json beside the CSV files, which must be written already."""
    out = Path(out_dir)
    package = datapackage(dataset, out, version=version, site_name=site_name, site_url=site_url, repository=repository, t=t or Locale())
    write_text(out / DATAPACKAGE, dumps(package))


def datapackage(dataset: Dataset, out_dir: Path, *, version: str, site_name: str, site_url: str = "", repository: str = "",
                t: Locale | None = None) -> dict:
    t = t or Locale()
    package: dict = {
        "$schema": PROFILE,
        "name": package_name(site_name),
        "title": site_name,
        "description": t("package.description", site=site_name),
        "version": version,
        "licenses": [DATA_LICENCE.as_package_licence()],
        "contributors": [{"title": t("feed.author", site=site_name), "roles": ["creator"], **({"path": repository} if repository else {})}],
        "keywords": t("package.keywords").split(", "),
    }
    if site_url:
        package["homepage"] = site_url
    if repository:
        package["id"] = repository
    package["sources"] = package_sources(dataset, site_url)
    tables = [o for o in outputs(t) if o.format == "CSV"]
    kinds = {Path(o.path).stem for o in tables}
    types = KINDS.types({name: tuple(terms) for name, terms in dataset.vocabulary_terms.items()})
    package["resources"] = [resource(out_dir, o.path, o.description, types, kinds) for o in tables]
    return package


def package_name(site_name: str) -> str:
    """A Data Package name: lower-case letters, digits, '-', '.' and '_'."""
    return "-".join("".join(c if c.isalnum() else " " for c in site_name.lower()).split())


def package_sources(dataset: Dataset, site_url: str) -> list[dict]:
    """The publications the records cite, each with its address (or its page on the site)."""
    found = []
    for source in sorted_records(dataset, "sources"):
        label = ", ".join(x for x in (source.get("publisher"), f"“{source['title']}”" if source.get("title") else "", source.get("published")) if x)
        found.append({"title": label, "path": source.get("url") or absolute(site_url, page_path("sources", source.id))})
    return found


def resource(out_dir: Path, path: str, description: str, types: dict, kinds: set[str]) -> dict:
    name = Path(path).stem
    header = _header(Path(out_dir) / path)
    declared = _declared_fields(name, types)
    schema: dict = {"$schema": TABLE_SCHEMA_PROFILE, "fields": [table_field(column, declared.get(column)) for column in header]}
    if name in types and "id" in header:
        schema["primaryKey"] = ["id"]
    keys = [foreign_key(column, field.type.target, name) for column, field in declared.items()
            if isinstance(field.type, Ref) and column in header and field.type.target in kinds]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "$schema": RESOURCE_PROFILE, "name": name, "path": path[len(DOWNLOADS) + 1:], "type": "table",
        "title": name.capitalize(), "description": description, "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "schema": schema,
    }


def _header(csv_path: Path) -> list[str]:
    with open(csv_path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def _declared_fields(name: str, types: dict) -> dict[str, Field]:
    if name == "positions":
        return position_fields(types["statements"])
    if name not in types:
        return {}
    return {**{f.name: f for f in types[name].fields}, **derived_fields(name)}


def table_field(column: str, field: Field | None) -> dict:
    """A Table Schema field for one CSV column, from the model's declaration of it."""
    if field is None:
        return {"name": column, "type": "string"}
    spec = {"name": column, **field.type.table_schema()}
    doc = field.doc or field.type.doc or ""
    if field.type.children():
        # Lists and blocks are flattened into one cell (tables.py): text, list items joined with SEP.
        doc = f"{doc} (in the CSV: text; list items joined with {SEP!r})".strip()  # field docs are the model's, in English
    if doc:
        spec["description"] = doc
    if field.required:
        spec.setdefault("constraints", {})["required"] = True
    return spec


def references(kind: str, types: dict) -> list[tuple[str, str]]:
    """(column, target kind) for each field of a record type that holds one reference: its foreign keys."""
    return [(f.name, f.type.target) for f in types[kind].fields if isinstance(f.type, Ref)]


def foreign_key(column: str, target: str, own: str) -> dict:
    reference = {"fields": ["id"]} if target == own else {"resource": target, "fields": ["id"]}
    return {"fields": [column], "reference": reference}
