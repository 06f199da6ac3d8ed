"""The "Open data" page's structured data: the whole dataset as a schema.org `Dataset`.

Its name, description, creators and keywords come from CITATION.cff (as the page's suggested
citation does), its distributions from the catalogue of exported files, its version from the
data. Record pages describe their records (render/jsonld.py).
"""
from __future__ import annotations

from ..model import Dataset
from ..render.common import Context
from ..render.jsonld import CONTEXT, address, source_node
from .catalogue import MEDIA_TYPES, outputs
from .common import data_version, dataset_as_of, padded, sorted_records
from .dataset_citation import DatasetCitation
from .licence import DATA_LICENCE

# The sources a Dataset cites in the page head: all of them while they are few; past that the
# newest, so the head of the page stays small however many sources the tracker collects.
CITATION_LIMIT = 100


def dataset_jsonld(ctx: Context, cite: DatasetCitation) -> dict:
    dataset = ctx.data
    data = {
        "@context": CONTEXT, "@type": "Dataset", "@id": address(ctx, ctx.page_path) + "#dataset",
        "name": cite.title, "description": cite.abstract or cite.title, "url": address(ctx, ctx.page_path),
        "version": data_version(dataset), "dateModified": dataset_as_of(dataset),
        "license": DATA_LICENCE.url, "isAccessibleForFree": True,
        "creator": [{"@type": "Organization", "name": author} for author in cite.authors],
        "keywords": list(cite.keywords),
        "sameAs": [u for u in (cite.repository,) if u],
        "temporalCoverage": temporal_coverage(dataset),
        "distribution": distributions(ctx),
        "citation": [source_node(ctx, s) for s in newest_sources(dataset)],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def distributions(ctx: Context) -> list[dict]:
    """Every download and feed as a DataDownload (the per-record API files are left out)."""
    found = []
    for out in outputs(ctx.t):
        if "{id}" in out.path or (out.group == "api" and not out.path.endswith("index.json")):
            continue
        found.append({"@type": "DataDownload", "name": out.path, "description": out.description,
                      "encodingFormat": MEDIA_TYPES.get(out.format, "application/octet-stream"), "contentUrl": address(ctx, out.path)})
    return found


def temporal_coverage(dataset: Dataset) -> str:
    """From the earliest event or statement to the newest source, as an ISO 8601 interval."""
    dates = [padded(str(r["date"])) for kind in ("events", "statements") for r in dataset.all(kind) if r.get("date")]
    return f"{min(dates)}/{dataset_as_of(dataset)}" if dates else ""


def newest_sources(dataset: Dataset) -> list:
    ordered = sorted(sorted_records(dataset, "sources"), key=lambda s: padded(str(s.get("published") or s.get("accessed") or "0000")), reverse=True)
    return ordered[:CITATION_LIMIT]
