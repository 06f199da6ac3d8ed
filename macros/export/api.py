"""The static JSON API under api/v1/, and the whole dataset as one JSON file.

api/v1/index.json            counts and endpoints
api/v1/vocabulary.json       the controlled vocabulary
api/v1/<kind>.json           {"kind", "count", "records": [...]} sorted by id
api/v1/<kind>/<id>.json      one record, exactly its fields (Record.data)
api/v1/schemas/*.json        the JSON Schemas, generated from the model (macros/schemas.py)
downloads/tracker-data.json  everything above in one file

Paths inside the index are relative to api/v1/, so the API works from disk as well as online.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..i18n import Locale
from ..kinds import KINDS
from ..model import Dataset
from ..schemas import dataset_vocabulary, schema_texts
from .catalogue import API, DATASET_JSON, outputs
from .common import (
    data_version,
    dataset_as_of,
    dumps,
    encoded_records,
    sorted_records,
    vocabulary_json,
    write_bytes,
    write_text,
)
from .licence import licence_json

API_VERSION = 1


def write_api(dataset: Dataset, out_dir: Path, *, commit: str | None = None,
              site_name: str = "Ukraine Peace Process Tracker", site_url: str = "", version: str | None = None, updated: str = "",
              t: Locale | None = None) -> None:
    out_dir = Path(out_dir)
    version = version or data_version(dataset)
    api = out_dir / API
    # Wholly generated: clear it so a deleted record does not linger from an earlier build.
    if api.exists():
        shutil.rmtree(api)
    counts = {kind: len(dataset.all(kind)) for kind in KINDS}
    index = api_index(dataset, counts, commit=commit, site_name=site_name, site_url=site_url, version=version, updated=updated, t=t or Locale())
    write_text(api / "index.json", dumps(index))
    write_text(api / "vocabulary.json", dumps(vocabulary_json(dataset)))
    everything: dict = {}
    encoded = encoded_records(dataset)
    for kind in KINDS:
        records = encoded[kind]
        folder = api / kind
        folder.mkdir(parents=True, exist_ok=True)
        for record, text in zip(sorted_records(dataset, kind), records):
            write_bytes(f"{folder}/{record.id}.json", (text.text + "\n").encode("utf-8"))
        write_text(api / f"{kind}.json", dumps({"kind": kind, "count": len(records), "records": records}))
        everything[kind] = records
    # Generated from the model and this dataset's vocabulary, never copied: cannot be stale.
    for name, text in schema_texts(dataset_vocabulary(dataset)).items():
        write_text(api / "schemas" / name, text)
    whole = {**_about(dataset, counts, commit, site_name, version, updated, t or Locale()), "vocabulary": vocabulary_json(dataset), **everything}
    write_text(out_dir / DATASET_JSON, dumps(whole))


def _about(dataset: Dataset, counts: dict, commit: str | None, site_name: str, version: str, updated: str, t: Locale) -> dict:
    about = {"name": site_name, "api_version": API_VERSION, "version": version}
    if commit:
        about["commit"] = commit
    about["as_of"] = dataset_as_of(dataset)
    if updated:  # the build's reference date: what the pages call "data as of"
        about["updated"] = updated
    about["license"] = licence_json(t)
    about["counts"] = counts
    return about


def api_index(dataset: Dataset, counts: dict, *, commit: str | None, site_name: str, site_url: str, version: str, updated: str = "",
              t: Locale) -> dict:
    index = _about(dataset, counts, commit, site_name, version, updated, t)
    index["description"] = t("api.description")
    if site_url:
        index["base_url"] = f"{site_url.rstrip('/')}/{API}/"
    index["record_types"] = {
        kind: {
            "count": counts[kind],
            "list": f"{kind}.json",
            "record": f"{kind}/{{id}}.json",
            "schema": f"schemas/{KINDS[kind].schema_file}",
            "page": "../../" + KINDS[kind].page("{id}"),
            "csv": f"../../downloads/{kind}.csv",
        }
        for kind in KINDS
    }
    index["endpoints"] = [
        {"path": _relative_to_api(o.path), "format": o.format, "description": o.description}
        for o in outputs(t)
    ]
    index["documentation"] = "../../data.html"
    return index


def _relative_to_api(path: str) -> str:
    return path[len(API) + 1:] if path.startswith(API + "/") else "../../" + path
