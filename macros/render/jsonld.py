"""schema.org structured data (JSON-LD) for a page's <head>: plain Python, no site generator.

Record pages describe their record: an event is an `Event`, a person a `Person`, a state a
`GovernmentOrganization`, an organisation or coalition an `Organization`; a statement is a
`Claim` when it is a claim or a denial, a `Quotation` when the source gives the exact words, and
a `CreativeWork` (a paraphrase) otherwise. Every one cites its sources as `citation`. A
commitment is an `Action` (what its guarantors would do for its beneficiaries), its status an
`actionStatus`, and its sources, which are about it, its `subjectOf` (`citation` belongs to
creative works only). A source is a `NewsArticle`, `Report`, `SocialMediaPosting` or
`CreativeWork` whose `url` is the publication itself and whose `mainEntityOfPage` is its page
here. The "Open data" page describes the whole `Dataset` with its distributions
(export/structured.py).

Safety: the JSON is written inside <script>, where the HTML parser ends the element at the first
"</script" whatever JSON thinks. So every <, > and & is written as a JSON \\u escape, which JSON
reads back as the same character and HTML never sees as markup (also U+2028/2029, which some
JavaScript parsers take for line ends).
"""
from __future__ import annotations

import json

from ..model import Dataset, Record
from .common import Context, record_page
from .html import Html, translator

CONTEXT = "https://schema.org"
_script_safe = translator(str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}))

EVENT_STATUSES = {"scheduled": "EventScheduled", "held": "EventScheduled", "postponed": "EventPostponed", "cancelled": "EventCancelled"}
ATTENDANCE_MODES = {"in-person": "OfflineEventAttendanceMode", "virtual": "OnlineEventAttendanceMode", "phone": "OnlineEventAttendanceMode",
                    "hybrid": "MixedEventAttendanceMode"}
ACTOR_TYPES = {"person": "Person", "state": "GovernmentOrganization", "organisation": "Organization", "coalition": "Organization"}
NODE_TYPES = {"events": "Event", "commitments": "Action", "statements": "CreativeWork", "sources": "CreativeWork"}
# schema.org has four action statuses: a commitment is potential until it is in force.
ACTION_STATUSES = {"in-force": "ActiveActionStatus", "fulfilled": "CompletedActionStatus", "withdrawn": "FailedActionStatus",
                   "broken": "FailedActionStatus"}
SOURCE_TYPES = {"news-article": "NewsArticle", "social-media": "SocialMediaPosting", "report": "Report"}


def script(data: dict) -> Html:
    """A <script type="application/ld+json"> element whose text no data can end early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _script_safe(text)
    return Html('<script type="application/ld+json">' + text + "</script>")


def address(ctx: Context, path: str) -> str:
    """The absolute address of a site path when the site's URL is known, else relative to this page."""
    if ctx.site.site_url:
        return f"{ctx.site.site_url.rstrip('/')}/{path}"
    return ctx.href(path)


def _node(ctx: Context, kind: str, record_id: str) -> dict:
    """A reference to another record: its type, name and page."""
    record = ctx.data.get(kind, record_id)
    kind_type = ACTOR_TYPES.get(record["kind"], "Thing") if kind == "actors" and record else NODE_TYPES.get(kind, "Thing")
    node = {"@type": kind_type, "@id": address(ctx, record_page(kind, record_id)) + "#record"}
    node["name"] = ctx.title_of(record) if record else record_id
    node["url"] = address(ctx, record_page(kind, record_id))
    return node


def _head(ctx: Context, record: Record, schema_type: str) -> dict:
    url = address(ctx, record_page(record.kind, record.id))
    return {"@type": schema_type, "@id": url + "#record", "url": url, "identifier": f"{record.kind[:-1]}/{record.id}"}


def citations(ctx: Context, cites: list[dict]) -> list[dict]:
    """A record's sources as schema.org creative works, in the record's order."""
    found = []
    for cite in cites:
        source = ctx.data.get("sources", cite["source"])
        found.append(source_node(ctx, source) if source else {"@type": "CreativeWork", "name": cite["source"]})
    return found


def source_node(ctx: Context, source: Record) -> dict:
    node = {"@type": SOURCE_TYPES.get(source["kind"], "CreativeWork"), "@id": address(ctx, record_page("sources", source.id)) + "#record",
            "name": source.get("title") or source.get("publisher") or source.id}
    if source.get("publisher"):
        node["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source.get("published"):
        node["datePublished"] = str(source["published"])
    node["url"] = source.get("url") or address(ctx, record_page("sources", source.id))
    if source.get("language"):
        node["inLanguage"] = source["language"]
    return node


def _present(values: dict) -> dict:
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


# --- the kinds ------------------------------------------------------------------------------------

def event(ctx: Context, record: Record) -> dict:
    data = _head(ctx, record, "Event")
    location = record.get("location")
    place = None
    if location:
        place = _present({"@type": "Place", "name": location["place"],
                          "address": _present({"@type": "PostalAddress", "addressCountry": _actor_name(ctx.data, location.get("country"))})
                          if location.get("country") else None})
    status = EVENT_STATUSES.get(record.current_status)
    mode = ATTENDANCE_MODES.get(record.get("format", ""))
    return _present({
        **data, "name": record["title"], "description": record["summary"],
        "startDate": str(record["date"]), "endDate": str(record["end_date"]) if record.get("end_date") else None,
        "eventStatus": f"{CONTEXT}/{status}" if status else None,
        "eventAttendanceMode": f"{CONTEXT}/{mode}" if mode else None,
        "location": place,
        "attendee": [_node(ctx, "actors", p["actor"]) for p in record.get("participants", [])],
        "keywords": [ctx.term("topics", t) for t in record.get("topics", [])],
        "citation": citations(ctx, record["sources"]),
    })


def actor(ctx: Context, record: Record) -> dict:
    kind = record["kind"]
    data = {**_head(ctx, record, ACTOR_TYPES[kind]), "name": record["name"], "alternateName": record.get("aliases", []),
            "description": record["description"]}
    memberships = [_role(ctx, r) for r in record.get("roles", []) if r["state"] != "proposed" and r.get("organisation")]
    memberships += [_node(ctx, "actors", c.id) for c in ctx.data.coalitions_of(record.id)]
    if kind == "person":
        data["jobTitle"] = [r["title"] for r in record.get("roles", []) if r["state"] == "current"]
        data["nationality"] = {"@type": "Country", "name": _actor_name(ctx.data, record["country"])} if record.get("country") else None
    elif record.get("country"):
        data["parentOrganization"] = _node(ctx, "actors", record["country"])
    data["memberOf"] = memberships
    data["member"] = [_node(ctx, "actors", m["actor"]) for m in record.get("members", [])]
    data["citation"] = citations(ctx, record["sources"])
    return _present(data)


def _role(ctx: Context, role: dict) -> dict:
    """A dated role, in schema.org's Role pattern: the role wraps the organisation."""
    return _present({"@type": "OrganizationRole", "roleName": role["title"], "startDate": str(role.get("start", "")),
                     "endDate": str(role.get("end", "")), "memberOf": _node(ctx, "actors", role["organisation"])})


def statement(ctx: Context, record: Record) -> dict:
    quote, paraphrase = record.get("quote"), record.get("paraphrase")
    if record["kind"] in ("claim", "denial"):
        schema_type, words = "Claim", {"text": quote or paraphrase, "description": paraphrase if quote else None}
    elif quote:
        schema_type, words = "Quotation", {"text": quote, "description": paraphrase}
    else:
        schema_type, words = "CreativeWork", {"abstract": paraphrase}
    speaker = (_node(ctx, "actors", record["speaker"]) if record.get("speaker")
               else _present({"@type": "Person", "name": record.get("speaker_unnamed"),
                              "affiliation": _node(ctx, "actors", record["speaker_affiliation"]) if record.get("speaker_affiliation") else None}))
    about = [_node(ctx, "events", e) for e in record.get("about_events", [])] + [_node(ctx, "commitments", c) for c in record.get("about_commitments", [])]
    data = {
        **_head(ctx, record, schema_type), "name": ctx.title_of(record), **words,
        "creator": speaker, "dateCreated": str(record["date"]), "about": about,
        "keywords": [ctx.term("topics", t) for t in record.get("topics", [])],
        "citation": citations(ctx, record["sources"]),
    }
    if schema_type == "Quotation":
        data["spokenByCharacter"] = speaker
    if record.get("event"):
        data["recordedAt"] = _node(ctx, "events", record["event"])  # the event at which it was said
    return _present(data)


def commitment(ctx: Context, record: Record) -> dict:
    status = ACTION_STATUSES.get(record.current_status, "PotentialActionStatus")
    return _present({
        **_head(ctx, record, "Action"), "name": record["title"], "description": record["description"],
        "actionStatus": f"{CONTEXT}/{status}",
        "agent": [_node(ctx, "actors", a) for a in record.get("offered_by", [])],
        "recipient": [_node(ctx, "actors", a) for a in record.get("offered_to", [])],
        "keywords": [ctx.term("mechanisms", record["mechanism"]), *(ctx.term("topics", t) for t in record.get("topics", []))],
        "subjectOf": citations(ctx, record["sources"]),
    })


def source(ctx: Context, record: Record) -> dict:
    page = address(ctx, record_page("sources", record.id))
    return {**source_node(ctx, record), "identifier": f"source/{record.id}", "mainEntityOfPage": page}


def _actor_name(dataset: Dataset, actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    found = dataset.get("actors", actor_id)
    return found["name"] if found else actor_id
