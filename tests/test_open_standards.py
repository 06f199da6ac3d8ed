"""Open-data standards in a real build: licences, the Frictionless Data Package, CITATION.cff,
schema.org JSON-LD, Popolo and data releases, each read back by the standard's own tools."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import pytest
import yaml

from macros.export.common import data_version
from macros.export.licence import DATA_LICENCE
from macros.fieldtypes import Ref
from macros.load import KINDS, load_dataset
from macros.model import Dataset
from macros.render.html import escape
from macros.schema import STANCES
from tests.conftest import DATA, ROOT

SITE_URL = "https://ukraine-peace-tracker.github.io/tracker/"


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package(built_site) -> dict:
    return _json(built_site / "downloads" / "datapackage.json")


def _site_path(url: str) -> str:
    """The site path of an address on the published site."""
    assert url.startswith(SITE_URL), url
    return urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)


# --- 1. licences -------------------------------------------------------------------------------------

def test_the_repository_states_both_licences():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    data = (ROOT / "data" / "LICENSE").read_text(encoding="utf-8")
    assert f"SPDX-License-Identifier: {DATA_LICENCE.spdx}" in data and DATA_LICENCE.url in data
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["license"] == DATA_LICENCE.spdx
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert DATA_LICENCE.url in readme and "data/LICENSE" in readme and "MIT" in readme


def test_the_licence_file_in_data_is_not_a_misplaced_record(tmp_path):
    from macros.load import check_dataset

    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    assert (copy / "LICENSE").is_file()
    (copy / "LICENCE.txt").write_text("a stray file", encoding="utf-8")
    _, problems = check_dataset(copy)
    assert [(p.path, p.message) for p in problems] == [("data/LICENCE.txt", "this file is not where records live")]


def test_every_export_names_the_data_licence(built_site, package):
    assert package["licenses"][0]["name"] == DATA_LICENCE.spdx and package["licenses"][0]["path"] == DATA_LICENCE.url
    for path in ("api/v1/index.json", "downloads/tracker-data.json"):
        assert _json(built_site / path)["license"]["id"] == DATA_LICENCE.spdx, path
    assert _json(built_site / "downloads" / "popolo.json")["meta"]["license"]["url"] == DATA_LICENCE.url
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo and DATA_LICENCE.url in feed.feed.rights
    calendar = icalendar.Calendar.from_ical((built_site / "events.ics").read_bytes())
    assert DATA_LICENCE.url in str(calendar["X-WR-CALDESC"])
    assert DATA_LICENCE.url in (built_site / "downloads" / "sources.bib").read_text(encoding="utf-8").split("\n\n")[0]


def test_the_data_page_states_the_licence(built_site):
    html = (built_site / "data.html").read_text(encoding="utf-8")
    assert f'href="{DATA_LICENCE.url}" rel="license"' in html
    assert "Quotations remain the words of the people quoted" in html


# --- 2. the data package -----------------------------------------------------------------------------

def test_the_data_package_validates_with_frictionless(built_site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(built_site / "downloads" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    # Rows were read, not just the descriptor: one per record, and one per coded position (positions.csv).
    from macros.positions import position_index

    dataset = load_dataset(DATA)
    expected = sum(len(r) for r in dataset.records.values()) + len(position_index(dataset).all)
    assert sum(task.stats["rows"] for task in report.tasks) == expected


def test_frictionless_validates_the_package_without_a_network(built_site):
    """The descriptor names the v2 profiles by their addresses; frictionless must know them
    without fetching them, or a reader's validation would fail offline."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs `unshare -n` (util-linux, as root) to cut the network")
    check = "import sys, frictionless; report = frictionless.validate(sys.argv[1]); print(report.flatten(['type', 'note'])); sys.exit(0 if report.valid else 1)"
    result = subprocess.run([unshare, "-n", sys.executable, "-c", check, str(built_site / "downloads" / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_describes_every_csv_the_build_writes(built_site, package):
    written = {p.name for p in (built_site / "downloads").glob("*.csv")}
    assert {r["path"] for r in package["resources"]} == written
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO((built_site / "downloads" / resource["path"]).read_text(encoding="utf-8"), newline="")))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]


def test_the_package_keys_follow_the_model(package, dataset, built_site):
    types = KINDS.types({})
    resources = {r["name"]: r["schema"] for r in package["resources"]}
    for kind in KINDS:
        schema = resources[kind]
        assert schema["primaryKey"] == ["id"]
        expected = {(f.name, f.type.target) for f in types[kind].fields if isinstance(f.type, Ref)}
        found = {(k["fields"][0], k["reference"].get("resource", kind)) for k in schema.get("foreignKeys", [])}
        assert found == expected, kind
        page = (built_site / "data.html").read_text(encoding="utf-8")
        assert all("<code>" + str(escape(f"{column} → {target}.id")) + "</code>" in page for column, target in expected), "the data page lists the keys"
        fields = {f["name"]: f for f in schema["fields"]}
        for field in types[kind].fields:
            assert fields[field.name].get("constraints", {}).get("required", False) == field.required, (kind, field.name)
    assert package["version"] == data_version(dataset)
    assert [s["title"] for s in package["sources"]] and len(package["sources"]) == len(dataset.all("sources"))


def test_the_positions_table_is_typed_and_keyed_like_the_statements_it_comes_from(package, built_site, tmp_path):
    """positions.csv is not a record kind, but its columns are the model's fields: a stance outside
    the codebook, or a position of a statement that does not exist, fails validation."""
    frictionless = pytest.importorskip("frictionless")
    schema = next(r["schema"] for r in package["resources"] if r["name"] == "positions")
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["stance"]["constraints"]["enum"] == list(STANCES)
    assert fields["inferred"]["type"] == "boolean" and fields["date"]["constraints"]["pattern"]
    keys = {(k["fields"][0], k["reference"]["resource"]) for k in schema["foreignKeys"]}
    assert {("statement", "statements"), ("speaker", "actors")} <= keys
    def break_two_rows(rows):
        rows[0]["stance"], rows[1]["statement"] = "shrugs", "no-such-statement"

    report = _validate_with_edited_csv(frictionless, built_site, tmp_path, "positions.csv", break_two_rows)
    errors = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and {"foreign-key", "constraint-error"} <= errors, errors


def _validate_with_edited_csv(frictionless, built_site: Path, tmp_path: Path, name: str, edit):
    """Validate a copy of the downloads in which `edit` has changed the rows of one CSV file."""
    copy = tmp_path / "downloads"
    shutil.copytree(built_site / "downloads", copy)
    rows = list(csv.DictReader(io.StringIO((copy / name).read_text(encoding="utf-8"), newline="")))
    edit(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (copy / name).write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return frictionless.validate(str(copy / "datapackage.json"))


def test_frictionless_finds_a_broken_reference_and_a_missing_value(built_site, tmp_path):
    frictionless = pytest.importorskip("frictionless")

    def break_a_speaker_and_a_kind(rows):
        next(r for r in rows if r["speaker"])["speaker"] = "nobody-of-that-name"
        rows[-1]["kind"] = ""

    report = _validate_with_edited_csv(frictionless, built_site, tmp_path, "statements.csv", break_a_speaker_and_a_kind)
    errors = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and {"foreign-key", "constraint-error"} <= errors, errors


def test_the_version_changes_with_the_data_and_only_then(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    first, again = load_dataset(copy), load_dataset(copy)
    assert data_version(first) == data_version(again)
    assert data_version(first).startswith(".".join(str(int(p)) for p in _as_of(first).split("-")) + "+")
    event = sorted(copy.glob("events/*.yml"))[0]
    event.write_text(event.read_text(encoding="utf-8").replace("summary: ", "summary: Corrected. ", 1), encoding="utf-8")
    assert data_version(load_dataset(copy)) != data_version(first)


def _as_of(dataset: Dataset) -> str:
    from macros.export.common import dataset_as_of

    return dataset_as_of(dataset)


def test_the_api_and_the_package_carry_the_same_version(built_site, package):
    assert _json(built_site / "api" / "v1" / "index.json")["version"] == package["version"]
    assert _json(built_site / "downloads" / "tracker-data.json")["version"] == package["version"]
    assert _json(built_site / "downloads" / "popolo.json")["meta"]["version"] == package["version"]


# --- 3. CITATION.cff -------------------------------------------------------------------------------

def _cffconvert() -> str:
    tool = ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert"
    found = str(tool) if tool.is_file() else shutil.which("cffconvert")
    if not found:
        pytest.skip("cffconvert is not installed: `make test` installs it into .venv/cffconvert (requirements-cffconvert.txt)")
    return found


def test_citation_cff_is_valid_per_cffconvert(tmp_path):
    tool = _cffconvert()
    result = subprocess.run([tool, "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # The check is real: the same file without its authors is refused.
    broken = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    del broken["authors"]
    (tmp_path / "CITATION.cff").write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert subprocess.run([tool, "--validate", "-i", str(tmp_path / "CITATION.cff")], capture_output=True, timeout=120).returncode != 0


def _bibtex_fields(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.strip().partition(" = ")
        if sep:
            fields[name] = value.rstrip(",").strip("{}")
    return fields


def test_the_data_page_citation_matches_citation_cff(built_site, package):
    html = (built_site / "data.html").read_text(encoding="utf-8")
    block = _Text.of(html, "tr-dataset-citation")
    converted = subprocess.run([_cffconvert(), "-f", "bibtex", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True, timeout=120)
    assert converted.returncode == 0, converted.stderr
    theirs = _bibtex_fields(converted.stdout)
    ours = _bibtex_fields(block[block.index("@misc"):])
    assert ours["title"] == theirs["title"] and ours["url"] == theirs["url"] and ours["author"] == theirs["author"]
    assert ours["version"] == package["version"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    sentence = block[: block.index("In BibTeX")]
    assert all(part in sentence for part in (cff["title"], cff["authors"][0]["name"], cff["url"], package["version"], cff["license"]))


class _Text(HTMLParser):
    """The text of the first element with a given class."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.depth, self.parts = cls, 0, []

    @classmethod
    def of(cls, html: str, class_name: str) -> str:
        parser = cls(class_name)
        parser.feed(html)
        assert parser.parts, class_name
        return "".join(parser.parts)

    def handle_starttag(self, tag, attrs):
        if self.depth or self.cls in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


# --- 4. schema.org JSON-LD -------------------------------------------------------------------------

class _Scripts(HTMLParser):
    """Every <script> element of a page: its type, where it is, and its text, as a browser reads it."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self.in_head = False
        self.current: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "script":
            self.current = {"type": dict(attrs).get("type"), "in_head": self.in_head, "text": ""}
            self.found.append(self.current)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "script":
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


def _blocks(html: str) -> list[dict]:
    parser = _Scripts()
    parser.feed(html)
    blocks = [s for s in parser.found if s["type"] == "application/ld+json"]
    assert all(b["in_head"] for b in blocks)
    return [json.loads(b["text"]) for b in blocks]


EXPECTED_TYPES = {"events": {"Event"}, "actors": {"Person", "Organization", "GovernmentOrganization"},
                  "statements": {"Claim", "Quotation", "CreativeWork"}, "commitments": {"Action"},
                  "sources": {"NewsArticle", "Report", "SocialMediaPosting", "CreativeWork"}}
ACTOR_TYPES = {"person": "Person", "state": "GovernmentOrganization", "organisation": "Organization", "coalition": "Organization"}


def test_every_json_ld_block_of_the_build_parses_and_describes_its_record(built_site, dataset):
    seen = 0
    for page in sorted(built_site.rglob("*.html")):
        blocks = _blocks(page.read_text(encoding="utf-8"))
        seen += len(blocks)
        relative = page.relative_to(built_site).as_posix()
        kind = relative.split("/")[0]
        if kind not in EXPECTED_TYPES or relative.count("/") != 1:
            continue
        record = dataset.get(kind, page.stem)
        if record is None:  # actors/index.html, a hand-written page
            assert blocks == [], relative
            continue
        assert len(blocks) == 1, relative
        data = blocks[0]
        assert data["@context"] == "https://schema.org" and data["@type"] in EXPECTED_TYPES[kind], relative
        assert data["identifier"] == f"{kind[:-1]}/{record.id}"
        if kind == "sources":  # the publication itself, described on this page
            assert data["url"] == (record.get("url") or data["mainEntityOfPage"]) and _site_path(data["mainEntityOfPage"]) == relative
            continue
        assert _site_path(data["url"]) == relative
        cites = data["subjectOf" if kind == "commitments" else "citation"]
        assert [_site_path(c["@id"]) for c in cites] == [f"sources/{s['source']}.html" for s in record["sources"]]
        for node in cites:
            source = dataset.get("sources", _site_path(node["@id"]).split("/")[1].removesuffix(".html"))
            assert node["url"] == (source.get("url") or node["@id"].removesuffix("#record"))
        _check_record(kind, record, data, dataset)
    assert seen == sum(len(dataset.all(k)) for k in EXPECTED_TYPES) + 1  # and the Dataset


def _check_record(kind: str, record, data: dict, dataset: Dataset) -> None:
    if kind == "events":
        assert data["name"] == record["title"] and data["startDate"] == str(record["date"])
        assert [_site_path(a["url"]) for a in data.get("attendee", [])] == [f"actors/{p['actor']}.html" for p in record.get("participants", [])]
        if record.current_status == "cancelled":
            assert data["eventStatus"] == "https://schema.org/EventCancelled"
    elif kind == "commitments":
        assert data["name"] == record["title"] and data["actionStatus"].startswith("https://schema.org/")
        assert [_site_path(a["url"]) for a in data.get("agent", [])] == [f"actors/{a}.html" for a in record.get("offered_by", [])]
        assert [_site_path(a["url"]) for a in data.get("recipient", [])] == [f"actors/{a}.html" for a in record.get("offered_to", [])]
    elif kind == "actors":
        assert data["@type"] == ACTOR_TYPES[record["kind"]] and data["name"] == record["name"]
        held = [r for r in record.get("roles", []) if r["state"] != "proposed" and r.get("organisation")]
        roles = [m for m in data.get("memberOf", []) if m["@type"] == "OrganizationRole"]
        assert [(r["roleName"], r.get("startDate"), r.get("endDate")) for r in roles] == \
            [(r["title"], r.get("start"), r.get("end")) for r in held]
    else:
        words = record.get("quote") or record.get("paraphrase")
        if record["kind"] in ("claim", "denial"):
            assert data["@type"] == "Claim" and data["text"] == words
        elif record.get("quote"):
            assert data["@type"] == "Quotation" and data["text"] == record["quote"]
        else:
            assert data["@type"] == "CreativeWork" and data["abstract"] == record["paraphrase"]
        if record.get("speaker"):
            assert _site_path(data["creator"]["url"]) == f"actors/{record['speaker']}.html"


def test_the_data_page_describes_the_dataset_and_its_distributions(built_site, package):
    blocks = _blocks((built_site / "data.html").read_text(encoding="utf-8"))
    assert len(blocks) == 1 and blocks[0]["@type"] == "Dataset"
    data = blocks[0]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["name"] == cff["title"] and data["creator"][0]["name"] == cff["authors"][0]["name"]
    assert data["version"] == package["version"] and data["license"] == DATA_LICENCE.url
    paths = [_site_path(d["contentUrl"]) for d in data["distribution"]]
    assert "downloads/datapackage.json" in paths and "downloads/events.csv" in paths and "downloads/popolo.json" in paths
    assert all((built_site / p).is_file() for p in paths), paths
    assert {d["encodingFormat"] for d in data["distribution"]} >= {"text/csv", "application/json", "text/calendar"}


def test_hand_written_pages_other_than_the_data_page_carry_no_structured_data(built_site):
    for page in ("index.html", "timeline.html", "methodology.html"):
        assert _blocks((built_site / page).read_text(encoding="utf-8")) == [], page


HOSTILE = '</script><script>alert(1)</script><!-- <script> & \u2028 "quoted" \\ {{ 7 * 7 }}'


def test_data_text_cannot_end_the_script_element(dataset):
    from macros.render.views import VIEWS, rendering_of

    statement = next(s for s in dataset.all("statements") if s.get("quote"))
    original = statement.data["quote"]
    statement.data["quote"] = HOSTILE
    try:
        html = "<html><head>" + VIEWS["statements"].head(rendering_of(dataset).context("statements/x.html"), statement) + "</head></html>"
    finally:
        statement.data["quote"] = original
    parser = _Scripts()
    parser.feed(html)
    assert len(parser.found) == 1, "the data opened or closed a script element"
    assert "<" not in parser.found[0]["text"] and ">" not in parser.found[0]["text"] and "&" not in parser.found[0]["text"]
    assert json.loads(parser.found[0]["text"])["text"] == HOSTILE


# --- 5. Popolo --------------------------------------------------------------------------------------

def test_popolo_reads_back_with_the_everypolitician_parser(built_site, dataset):
    importer = pytest.importorskip("popolo_data.importer")
    popolo = importer.Popolo.from_filename(str(built_site / "downloads" / "popolo.json"))
    actors = dataset.all("actors")
    assert sorted(p.id for p in popolo.persons) == sorted(a.id for a in actors if a["kind"] == "person")
    assert sorted(o.id for o in popolo.organizations) == sorted(a.id for a in actors if a["kind"] != "person")
    for organization in popolo.organizations:
        assert organization.classification == dataset.get("actors", organization.id)["kind"]
    expected = {}
    for actor in actors:
        for role in actor.get("roles", []):
            if role["state"] != "proposed" and role.get("organisation"):
                expected.setdefault(actor.id, []).append((role["title"], role["organisation"], role.get("start"), role.get("end")))
    found = {}
    for membership in popolo.memberships:
        if "person_id" not in membership.data:
            continue
        # The parser resolves both ends; the dates parse as (approximate) dates.
        start = str(membership.start_date) if membership.data.get("start_date") else None
        end = str(membership.end_date) if membership.data.get("end_date") else None
        found.setdefault(membership.person.id, []).append((membership.role, membership.organization.id, start, end))
    assert found == expected and found, "one membership per held role, with its dates"
    person = popolo.persons.get(id="kyrylo-budanov")
    assert {m.role for m in person.memberships} == {r[0] for r in expected["kyrylo-budanov"]}


def test_popolo_lists_coalition_members_and_cites_sources(built_site, dataset):
    data = _json(built_site / "downloads" / "popolo.json")
    coalitions = {a.id: a for a in dataset.all("actors") if a["kind"] == "coalition"}
    members = [(m["organization_id"], m["member"]["id"]) for m in data["memberships"] if "member" in m]
    assert members == [(c, m["actor"]) for c, record in sorted(coalitions.items()) for m in record.get("members", [])] and members
    for item in data["persons"] + data["organizations"] + data["memberships"]:
        assert item["sources"] and all(s["url"].startswith("http") for s in item["sources"]), item["id"]


# --- 6. data releases --------------------------------------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def test_a_release_carries_the_package_and_the_changes_since_the_last_data_release(built_site, tmp_path):
    from macros.release import write_release

    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "data")
    out = tmp_path / "release"
    version = _json(built_site / "downloads" / "datapackage.json")["version"]
    assert write_release(built_site, out, repo) == version
    assert "first data release" in (out / "data-changelog.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "tracker-datapackage.zip") as archive:
        names = set(archive.namelist())
        assert "tracker-datapackage/datapackage.json" in names and "tracker-datapackage/events.csv" in names
        archive.extractall(tmp_path / "unzipped")
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(tmp_path / "unzipped" / "tracker-datapackage" / "datapackage.json")).valid

    # Released: the same data again makes no new release.
    _git(repo, "tag", f"data-{version}")
    assert write_release(built_site, out, repo) is None and not (out / "data-version").exists()

    # A data change after the release: the changelog lists it against that release.
    event = sorted((repo / "data" / "events").glob("*.yml"))[0]
    event.write_text(event.read_text(encoding="utf-8").replace("summary: ", "summary: Corrected. ", 1), encoding="utf-8")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "correct an event")
    site = tmp_path / "site"
    shutil.copytree(built_site / "downloads", site / "downloads")
    descriptor = _json(site / "downloads" / "datapackage.json")
    descriptor["version"] = data_version(load_dataset(repo / "data"))
    (site / "downloads" / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert write_release(site, out, repo) == descriptor["version"]
    notes = (out / "data-changelog.md").read_text(encoding="utf-8")
    assert f"data-{version}" in notes and event.stem in notes and "summary" in notes
    assert (out / "data-version").read_text(encoding="utf-8").strip() == descriptor["version"]
