"""CSV downloads: one file per record type, one row per record, one column per field.

Columns follow the model's fields (so a field nobody has used yet still has its column), plus a
few derived ones. Lists are joined with "; "; blocks are written the way a reader would say them:
a participant as "actor (mode)", a citation as "source via other-source (locator)", a status
history as "date: status; date: status". The JSON files keep every detail; the CSV is for
spreadsheets.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Callable

from ..fieldtypes import Field, Text
from ..kinds import KINDS
from ..model import Dataset, Record
from .catalogue import DOWNLOADS
from .common import absolute, model_types, page_path, sorted_records, write_text

SEP = "; "


def write_csv(dataset: Dataset, out_dir: Path, *, site_url: str = "") -> None:
    for kind in KINDS:
        write_text(Path(out_dir) / DOWNLOADS / f"{kind}.csv", csv_text(dataset, kind, site_url=site_url))


def columns(kind: str) -> list[str]:
    """The model's fields in order, the kind's computed columns before the field each names, and the page."""
    names = [f.name for f in model_types()[kind].fields]
    for column in KINDS[kind].columns:
        names.insert(names.index(column.before), column.name)
    return names + ["page"]


def derived_fields(kind: str) -> dict[str, Field]:
    """The columns that are not fields of the model, declared like fields (for the data package)."""
    derived = {"page": Field("page", Text(), required=True, doc="the record's page on the site (absolute when the site's address is known)")}
    derived.update({c.name: c.field for c in KINDS[kind].columns if c.field is not None})
    return derived


def csv_text(dataset: Dataset, kind: str, *, site_url: str = "") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = columns(kind)
    writer.writerow(names)
    for record in sorted_records(dataset, kind):
        writer.writerow(row(record, names, site_url))
    return buffer.getvalue()


def row(record: Record, names: list[str], site_url: str = "") -> list[str]:
    data = record.data
    computed = {c.name: c.value for c in KINDS[record.kind].columns}
    cells = []
    for name in names:
        if name == "page":
            cells.append(absolute(site_url, page_path(record.kind, record.id)))
        elif name in computed:
            cells.append(cell(name, computed[name](data)))
        elif name in data:
            cells.append(cell(name, data[name]))
        else:
            cells.append("")
    return cells


def cell(name: str, value: Any) -> str:
    text = _cell_text(name, value)
    # A spreadsheet runs a cell starting with = + - @ as a formula (CSV injection): make it text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(value, (int, float)):
        return "'" + text
    return text


def _cell_text(name: str, value: Any) -> str:
    if isinstance(value, list):
        item = FORMATS.get(name, generic)
        return SEP.join(item(v) if isinstance(v, dict) else scalar(v) for v in value)
    if isinstance(value, dict):
        return FORMATS.get(name, generic)(value)
    return scalar(value)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)  # text keeps its line breaks; the csv module quotes them


def generic(block: dict) -> str:
    """Any block the formats below do not know: 'name=value, name=value'."""
    return ", ".join(f"{k}={_cell_text(k, v)}" for k, v in block.items())


def _paren(main: str, *extras: str) -> str:
    extra = ", ".join(e for e in extras if e)
    return f"{main} ({extra})" if extra else main


def citation(c: dict) -> str:
    via = f" via {' ← '.join(c['via'])}" if c.get("via") else ""
    return _paren(c["source"] + via, c.get("locator", ""))


def participant(p: dict) -> str:
    return _paren(p["actor"], p.get("mode", ""))


def location(loc: dict) -> str:
    return ", ".join(x for x in (loc.get("place"), loc.get("country")) if x)


PRECISION_WORDS = {"exact": "", "about": "about ", "more-than": "more than ", "at-least": "at least ", "up-to": "up to "}


def figure(f: dict) -> str:
    period = "–".join(f[k] for k in ("period_start", "period_end") if f.get(k))
    return _paren(f"{f['label']}: {PRECISION_WORDS.get(f.get('precision', 'exact'), '')}{scalar(f['value'])} {f['unit']}", period)


def amount(a: dict) -> str:
    text = f"{PRECISION_WORDS.get(a.get('precision', 'exact'), '')}{scalar(a['value'])} {a['currency']}"
    return ", ".join(x for x in (text, a.get("period", "")) if x)


def status_change(s: dict) -> str:
    return f"{s.get('date', 'undated')}: {s['status']}"


def role(r: dict) -> str:
    span = "–".join(r.get(k, "") for k in ("start", "end")) if (r.get("start") or r.get("end")) else ""
    return _paren(r["title"] + (f" @ {r['organisation']}" if r.get("organisation") else ""), r.get("state", ""), span)


def member(m: dict) -> str:
    return _paren(m["actor"], m.get("role", ""))


def open_question(q: dict) -> str:
    return q["question"]


def position(p: dict) -> str:
    """The statements' CSV names issue and stance; downloads/positions.csv has every field."""
    return _paren(f"{p['issue']}: {p['stance']}", "inferred" if p.get("inferred") else "")


def correction(c: dict) -> str:
    return f"{c['date']}: {c['what_changed']}"


FORMATS: dict[str, Callable[[dict], str]] = {
    "sources": citation, "participants": participant, "location": location, "figures": figure,
    "amount": amount, "status_history": status_change, "roles": role, "members": member,
    "open_questions": open_question, "positions": position, "corrections": correction,
}
