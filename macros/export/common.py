"""What every export shares: canonical records, stable JSON, dates, addresses and file writing.

Exports must be reproducible: the same dataset gives the same bytes. So nothing here reads the
clock, every collection is sorted or kept in the order of the data, and JSON keys follow the
model's field order (not the order a contributor happened to write them in).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable

from ..fieldtypes import FieldType, Struct
from ..kinds import KINDS
from ..model import Dataset, Record

# Stable identifiers for feed entries and calendar events. They name the project, not where the
# site happens to be hosted, so they survive a change of address.
TAG_PREFIX = "tag:ukraine-peace-tracker.github.io,2026:"
UID_DOMAIN = "ukraine-peace-tracker"

def model_types() -> dict[str, Struct]:
    """The record types' structure (field names and nesting); the vocabulary does not matter here."""
    return {kind.name: kind.structure() for kind in KINDS.declarations()}


def canonical(ftype: FieldType | None, value: Any) -> Any:
    """The value with every block's keys in the model's field order.

    Keys the model does not know (none, for validated data) are kept after the known ones, sorted:
    an export never drops a field.
    """
    if ftype is None:
        return value
    ftype, value = ftype.form(value)
    if isinstance(value, dict):
        ordered = {step: canonical(sub, sub_value) for step, sub, sub_value in ftype.parts(value)}
        for name in sorted(k for k in value if k not in ordered):
            ordered[name] = value[name]
        return ordered
    if isinstance(value, list):
        return [canonical(sub, sub_value) for _, sub, sub_value in ftype.parts(value)] or list(value)
    return value


def record_json(record: Record) -> dict:
    return canonical(KINDS[record.kind].structure(), record.data)


def sorted_records(dataset: Dataset, kind: str) -> list[Record]:
    return sorted(dataset.all(kind), key=lambda r: r.id)


def vocabulary_json(dataset: Dataset) -> dict:
    """The vocabulary in its file order (which is editorial), each term as {label, description}."""
    out = {}
    for name, terms in dataset.vocabulary_terms.items():
        out[name] = {term: dict(t) for term, t in terms.items()}
    return out


class Encoded:
    """JSON that dumps() wrote already, to go as it is into a larger document (a record's file is
    also an entry of its kind's list and of the whole dataset: encoded once, not three times)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text.rstrip("\n")


# Where dumps() put an Encoded value: a string of a NUL, its number and a NUL (json writes NUL as
# \u0000, which no other JSON string contains: data text cannot hold control characters, and a
# backslash in it is written doubled), and the indentation of that line.
_PLACED = re.compile(r'^( *)(.*?)"\\u0000(\d+)\\u0000"', re.M)


def dumps(value: Any) -> str:
    """Stable, readable JSON: UTF-8 text, two-space indent, a final newline. Encoded values inside
    come out exactly as json.dumps would write what they encode."""
    placed: list[str] = []

    def place(encoded):
        if not isinstance(encoded, Encoded):
            raise TypeError(f"{type(encoded).__name__} is not JSON")
        placed.append(encoded.text)
        return f"\0{len(placed) - 1}\0"

    text = json.dumps(value, ensure_ascii=False, indent=2, default=place) + "\n"
    if not placed:
        return text
    # The encoded value's own lines, indented as deep as the line it starts on.
    return _PLACED.sub(lambda m: m[1] + m[2] + placed[int(m[3])].replace("\n", "\n" + m[1]), text)


def write_text(path: Path, text: str) -> None:
    """The text as UTF-8, exactly as given (no line ending is translated: CSV and iCalendar
    bring their own CRLF), in its folder, made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path | str, data: bytes) -> None:
    """A build writes thousands of small files (one per record): opening each with os.open takes
    half the system calls and none of the Python file objects of open()."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


# --- dates -------------------------------------------------------------------------------------

def date_precision(value: str | None) -> str:
    """'day', 'month', 'year' or '' for a fuzzy date."""
    if not value:
        return ""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "")


def padded(value: str) -> str:
    """A fuzzy date as a full date, at the start of its month or year: '2026-01' → '2026-01-01'."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def dataset_as_of(dataset: Dataset) -> str:
    """The newest date any source carries (published or accessed), as YYYY-MM-DD.

    Exports stamp themselves with this instead of the build time, so rebuilding the same data
    gives the same files. Falls back to the newest record date, then to 1970-01-01.
    """
    dates = [padded(s[name]) for s in dataset.all("sources") for name in ("published", "accessed") if s.get(name)]
    if not dates:
        dates = [padded(r["date"]) for kind in ("events", "statements") for r in dataset.all(kind) if r.get("date")]
    return max(dates, default="1970-01-01")


def data_version(dataset: Dataset) -> str:
    """The version of the data: the date of the newest source and a fingerprint of every record.

    "2026.1.7+3fa2c1d9" reads as "data as of 7 January 2026, content 3fa2c1d9": it grows with
    the sources, changes whenever any record or the vocabulary changes, and is the same for the
    same data wherever it is built (a calendar version with SemVer build metadata). The
    fingerprint is of the published JSON itself (every record as the API gives it, and the
    vocabulary), so it changes exactly when what the API publishes does.
    """
    cached = getattr(dataset, "_data_version", None)
    if cached:
        return cached
    digest = hashlib.sha256(dumps(vocabulary_json(dataset)).encode("utf-8"))
    for kind, records in encoded_records(dataset).items():
        digest.update(b"\0" + kind.encode("utf-8") + b"\0")
        for encoded in records:
            digest.update(encoded.text.encode("utf-8") + b"\0")
    year, month, day = (int(p) for p in dataset_as_of(dataset).split("-"))
    dataset._data_version = f"{year}.{month}.{day}+{digest.hexdigest()[:8]}"  # one computation per loaded dataset
    return dataset._data_version


def encoded_records(dataset: Dataset) -> dict[str, list[Encoded]]:
    """Every record as the API publishes it (record_json, as dumps() writes it), by kind and then
    id: made once per loaded dataset, for the version's fingerprint and the API's files."""
    cached = getattr(dataset, "_encoded_records", None)
    if cached is None:
        cached = {kind: [Encoded(dumps(record_json(r))) for r in sorted_records(dataset, kind)] for kind in sorted(dataset.records)}
        dataset._encoded_records = cached
    return cached


# --- addresses -----------------------------------------------------------------------------------

def page_path(kind: str, record_id: str) -> str:
    return KINDS[kind].page(record_id)


def absolute(site_url: str, path: str) -> str:
    """The address of a site path: absolute when the site's URL is known, else relative to the root."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


# --- text ------------------------------------------------------------------------------------------

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Remove the characters XML 1.0 cannot carry (the validator admits none; this is a last guard)."""
    return _NOT_XML.sub("", text)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def short(text: str, limit: int = 120) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def actor_name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.get("actors", actor_id)
    return actor["name"] if actor else actor_id


def unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))
