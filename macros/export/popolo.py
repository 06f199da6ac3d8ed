"""downloads/popolo.json: the actors in the Popolo standard (persons, organizations, memberships).

Popolo is the open data standard for people and organisations in politics; EveryPolitician,
OpenCivicData and many parliament trackers read it. The mapping:

* a `person` actor is a Popolo person; every other actor (state, organisation, coalition) is an
  organization, its kind the `classification`, an organisation's `country` its `parent_id`;
* each dated role of a person that names its organisation is a membership, with the role's
  title, start and end dates as precise as the source gives them, and the role's sources. Roles
  that are only *proposed* are not memberships (nobody holds them yet) and are left out, as are
  roles that name no organisation; the JSON API keeps both;
* each member of a coalition is a membership whose `member` is that organization.

Ids are the tracker's record ids. Every object links to its page on the site and cites its
sources as Popolo links ({url, note}).
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import Locale
from ..model import Dataset, Record
from .catalogue import POPOLO
from .common import absolute, dumps, page_path, sorted_records, write_text
from .licence import licence_json


def write_popolo(dataset: Dataset, out_dir: Path, *, version: str, site_name: str, site_url: str = "", t: Locale | None = None) -> None:
    write_text(Path(out_dir) / POPOLO, dumps(popolo(dataset, version=version, site_name=site_name, site_url=site_url, t=t)))


def popolo(dataset: Dataset, *, version: str, site_name: str, site_url: str = "", t: Locale | None = None) -> dict:
    t = t or Locale()
    actors = sorted_records(dataset, "actors")
    note = t("popolo.page_link")
    persons = [person(dataset, a, site_url, note) for a in actors if a["kind"] == "person"]
    organizations = [organization(dataset, a, site_url, note) for a in actors if a["kind"] != "person"]
    memberships = [m for a in actors for m in memberships_of(dataset, a, site_url)]
    meta = {"name": site_name, "version": version, "license": licence_json(t), "description": t("popolo.description")}
    return {"meta": meta, "persons": persons, "organizations": organizations, "memberships": memberships}


def person(dataset: Dataset, actor: Record, site_url: str, page_note: str) -> dict:
    out = _common(dataset, actor, site_url, page_note)
    out["summary"] = actor["description"]
    if actor.get("country"):
        out["national_identity"] = _name(dataset, actor["country"])
    return _ordered(out)


def organization(dataset: Dataset, actor: Record, site_url: str, page_note: str) -> dict:
    out = _common(dataset, actor, site_url, page_note)
    out["classification"] = actor["kind"]
    out["description"] = actor["description"]
    if actor.get("country"):
        out["parent_id"] = actor["country"]
    return _ordered(out)


def memberships_of(dataset: Dataset, actor: Record, site_url: str) -> list[dict]:
    found = []
    for index, role in enumerate(actor.get("roles", [])):
        if role["state"] == "proposed" or not role.get("organisation"):
            continue
        membership = {
            "id": f"{actor.id}/roles/{index}", "label": role["title"], "role": role["title"],
            "person_id": actor.id, "organization_id": role["organisation"],
        }
        for popolo_name, name in (("start_date", "start"), ("end_date", "end")):
            if role.get(name):
                membership[popolo_name] = str(role[name])
        membership["sources"] = sources(dataset, role["sources"], site_url)
        found.append(membership)
    for index, member in enumerate(actor.get("members", [])):
        membership = {"id": f"{actor.id}/members/{index}"}
        if member.get("role"):
            membership["role"] = member["role"]
        membership["member"] = {"@type": _popolo_type(dataset, member["actor"]), "id": member["actor"]}
        membership["organization_id"] = actor.id
        membership["sources"] = sources(dataset, member["sources"], site_url)
        found.append(membership)
    return found


def _common(dataset: Dataset, actor: Record, site_url: str, page_note: str) -> dict:
    """page_note: what the link to the actor's page on the tracker says of it."""
    out: dict = {"id": actor.id, "name": actor["name"]}
    if actor.get("aliases"):
        out["other_names"] = [{"name": alias} for alias in actor["aliases"]]
    out["links"] = [{"url": absolute(site_url, page_path("actors", actor.id)), "note": page_note}]
    out["sources"] = sources(dataset, actor["sources"], site_url)
    return out


def sources(dataset: Dataset, cites: list[dict], site_url: str) -> list[dict]:
    """Citations as Popolo links: the publication's address, or its page on the tracker."""
    links = []
    for cite in cites:
        source = dataset.get("sources", cite["source"])
        url = source.get("url") if source else None
        note = ", ".join(x for x in (source.get("publisher"), source.get("title"), source.get("published")) if x) if source else cite["source"]
        links.append({"url": url or absolute(site_url, page_path("sources", cite["source"])), "note": str(note)})
    return links


def _popolo_type(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.get("actors", actor_id)
    return "Person" if actor and actor["kind"] == "person" else "Organization"


def _name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.get("actors", actor_id)
    return actor["name"] if actor else actor_id


_ORDER = ("id", "name", "other_names", "classification", "parent_id", "national_identity", "summary", "description", "links", "sources")


def _ordered(values: dict) -> dict:
    return {k: values[k] for k in _ORDER if k in values}
