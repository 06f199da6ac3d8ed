"""Open data: the JSON API, CSV, Atom feed, iCalendar, citation files and charts of a real build."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import icalendar
import pytest

from macros.export import build_commit, export_all
from macros.export.calendar import fold
from macros.export.catalogue import instances, outputs
from macros.export.citations import bibtex_entry, tex, url
from macros.export.common import TAG_PREFIX, dataset_as_of, padded
from macros.export.tables import columns
from macros.fieldtypes import Checker
from macros.i18n import Locale
from macros.kinds import KINDS
from macros.load import load_dataset
from macros.model import DATE_PASSED, Dataset, Record, event_state
from macros.render.common import SiteConfig
from macros.schema import statement_type
from macros.schemas import dataset_vocabulary, schema_texts, write_schemas
from macros.yamlload import read_yaml
from tests.conftest import ROOT

EXPORTED = ("api", "downloads", "feed.xml", "events.ics")


def _load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _exported_files(root: Path) -> dict[str, bytes]:
    files = {}
    for name in EXPORTED:
        path = root / name
        items = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for item in items:
            files[item.relative_to(root).as_posix()] = item.read_bytes()
    return files


@pytest.fixture(scope="module")
def api(built_site) -> Path:
    return built_site / "api" / "v1"


# --- JSON -------------------------------------------------------------------------------------

def test_every_record_has_its_json_file_with_exactly_its_fields(api, dataset):
    for kind in KINDS:
        files = {p.stem for p in (api / kind).glob("*.json")}
        assert files == {r.id for r in dataset.all(kind)}, kind
        for record in dataset.all(kind):
            assert _load_json(api / kind / f"{record.id}.json") == record.data, record.path


def test_list_files_hold_every_record_sorted_by_id(api, dataset):
    for kind in KINDS:
        listing = _load_json(api / f"{kind}.json")
        assert listing["kind"] == kind and listing["count"] == len(dataset.all(kind))
        assert [r["id"] for r in listing["records"]] == sorted(r.id for r in dataset.all(kind))
        assert listing["records"] == [r.data for r in sorted(dataset.all(kind), key=lambda r: r.id)]


def test_the_json_export_reloads_into_the_same_records(api, dataset, tmp_path):
    """Round trip: write the API's records back as data files (JSON is YAML), load and compare."""
    data = tmp_path / "data"
    for kind in KINDS:
        (data / kind).mkdir(parents=True)
        for record in _load_json(api / f"{kind}.json")["records"]:
            (data / kind / f"{record['id']}.yml").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    (data / "vocabulary.yml").write_text((api / "vocabulary.json").read_text(encoding="utf-8"), encoding="utf-8")
    reloaded = load_dataset(data)
    for kind in KINDS:
        assert {r.id: r.data for r in reloaded.all(kind)} == {r.id: r.data for r in dataset.all(kind)}, kind
    assert reloaded.vocabulary_terms == dataset.vocabulary_terms


def test_the_whole_dataset_file_matches_the_api(built_site, api, dataset):
    whole = _load_json(built_site / "downloads" / "tracker-data.json")
    assert whole["counts"] == dataset.counts()
    assert whole["vocabulary"] == _load_json(api / "vocabulary.json") == dataset.vocabulary_terms
    for kind in KINDS:
        assert whole[kind] == _load_json(api / f"{kind}.json")["records"]


def test_the_index_lists_counts_and_endpoints_that_exist(built_site, api, dataset):
    index = _load_json(api / "index.json")
    assert index["api_version"] == 1
    assert index["counts"] == dataset.counts()
    assert index["as_of"] == dataset_as_of(dataset)
    # Built inside this repository: the commit and its date are recorded (GITHUB_SHA wins in CI).
    assert index["commit"] == (build_commit() or subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H"], capture_output=True, text=True).stdout.strip())
    assert index["updated"] == subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True, text=True).stdout.strip()
    described = {out.path: out for out in outputs(Locale())}
    for endpoint in index["endpoints"]:
        path = endpoint["path"]
        if "{id}" in path:
            out = described[str((api / path).resolve().relative_to(built_site.resolve()))]
            ids = instances(dataset, out)
            assert ids, out
            path = path.replace("{id}", ids[0])
        assert (api / path).resolve().is_file(), endpoint
    for kind, about in index["record_types"].items():
        assert (api / about["list"]).is_file() and (api / about["schema"]).is_file() and (api / about["csv"]).resolve().is_file()
    assert (api / index["documentation"]).resolve() == (built_site / "data.html").resolve()


def test_the_committed_schemas_are_what_the_model_generates():
    """schemas/ is what editors in a clone use: `python -m macros schemas --check` must pass."""
    result = subprocess.run([sys.executable, "-m", "macros", "schemas", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_vocabulary_change_makes_the_committed_schemas_stale(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    vocabulary = data / "vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("\ntopics:\n", "\ntopics:\n  new-topic:\n    label: New\n    description: A new topic.\n", 1),
                          encoding="utf-8")
    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", schemas)
    assert write_schemas(schemas, data, check=True) == ["event.schema.json", "statement.schema.json", "commitment.schema.json"]
    assert write_schemas(schemas, data) and write_schemas(schemas, data, check=True) == []
    assert "new-topic" in (schemas / "event.schema.json").read_text(encoding="utf-8")


PRESENT = {"speaker": "ukraine", "speaker_unnamed": "an official", "quote": "We will.", "paraphrase": "They said they would."}


@pytest.mark.parametrize("speakers", [(), ("speaker",), ("speaker_unnamed",), ("speaker", "speaker_unnamed")])
@pytest.mark.parametrize("words", [(), ("quote",), ("paraphrase",), ("quote", "paraphrase")])
def test_the_schema_and_the_validator_agree_on_field_groups(speakers, words):
    """exactly one of speaker / speaker_unnamed, at least one of quote / paraphrase: one declaration."""
    jsonschema = pytest.importorskip("jsonschema")
    record = {"id": "x", "kind": "claim", "date": "2026-01-03", "sources": ["s"], **{n: PRESENT[n] for n in (*speakers, *words)}}
    tree, errors = read_yaml(json.dumps(record))
    assert not errors
    reported = []
    statement_type({}).check(tree, "", Checker(lambda line, field, message, hint: reported.append(message)))
    valid = len(speakers) == 1 and len(words) >= 1
    assert (reported == []) is valid, reported
    schema = schema_texts({})["statement.schema.json"]
    assert jsonschema.Draft7Validator(json.loads(schema)).is_valid(record) is valid


def test_the_schemas_are_published_and_the_records_conform_to_them(api, dataset):
    jsonschema = pytest.importorskip("jsonschema")
    published = {p.name: p.read_text(encoding="utf-8") for p in (api / "schemas").glob("*.json")}
    assert published == schema_texts(dataset_vocabulary(dataset)), "the build publishes what the model generates"
    for kind in KINDS:
        schema = _load_json(api / "schemas" / KINDS[kind].schema_file)
        validator = jsonschema.Draft7Validator(schema)
        for record in _load_json(api / f"{kind}.json")["records"]:
            errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]
            assert errors == [], (kind, record["id"])


# --- CSV --------------------------------------------------------------------------------------

def _csv(built_site: Path, kind: str) -> list[dict]:
    text = (built_site / "downloads" / f"{kind}.csv").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_record_and_one_column_per_field(built_site, dataset):
    for kind in KINDS:
        text = (built_site / "downloads" / f"{kind}.csv").read_text(encoding="utf-8")
        header = next(csv.reader(io.StringIO(text, newline="")))
        assert header == columns(kind)
        rows = _csv(built_site, kind)
        assert len(rows) == len(dataset.all(kind)), kind
        assert [row["id"] for row in rows] == sorted(r.id for r in dataset.all(kind))
        assert all(row["page"].endswith(f"/{kind}/{row['id']}.html") for row in rows)


def test_csv_flattens_nested_fields_readably(built_site, dataset):
    events = {row["id"]: row for row in _csv(built_site, "events")}
    for event in dataset.all("events"):
        row = events[event.id]
        assert row["title"] == event.title and row["date"] == event["date"]
        expected = [f"{p['actor']} ({p['mode']})" if p.get("mode") else p["actor"] for p in event.get("participants", [])]
        assert row["participants"] == "; ".join(expected)
        assert row["topics"] == "; ".join(event.get("topics", []))
        assert [s.split(" ")[0] for s in row["sources"].split("; ")] == [s["source"] for s in event["sources"]]
    for kind in ("events", "commitments"):
        rows = {row["id"]: row for row in _csv(built_site, kind)}
        for record in dataset.all(kind):
            row = rows[record.id]
            history = record["status_history"]
            assert row["current_status"] == record.current_status
            assert row["current_status_date"] == history[-1]["date"]
            assert row["status_history"] == "; ".join(f"{s['date']}: {s['status']}" for s in history)
    assert rows and {r["current_status"] for r in _csv(built_site, "events")} >= {"held", "scheduled"}


# --- Atom feed -------------------------------------------------------------------------------

def _feed_candidates(dataset: Dataset) -> dict[str, str]:
    """Entry id → the date it is filed under, worked out independently of the exporter."""
    found = {}
    for s in dataset.all("statements"):
        found[f"{TAG_PREFIX}statements/{s.id}"] = s["date"]
    for kind in ("events", "commitments"):
        for record in dataset.all(kind):
            if kind == "events":  # the event itself, as of its latest status; its first status is that entry
                found[f"{TAG_PREFIX}events/{record.id}"] = record.latest_status["date"]
            seen: dict = {}
            for i, change in enumerate(record["status_history"]):
                key = f"{change['date']}-{change['status']}"
                seen[key] = seen.get(key, 0) + 1
                if kind == "commitments" or i:
                    found[f"{TAG_PREFIX}{kind}/{record.id}/status/{key}" + ("" if seen[key] == 1 else f"-{seen[key]}")] = change["date"]
    for kind in KINDS:
        for record in dataset.all(kind):
            for i, note in enumerate(record.get("corrections", [])):
                found[f"{TAG_PREFIX}{kind}/{record.id}/correction/{i + 1}"] = note["date"]
    return found


def test_the_feed_parses_and_carries_the_newest_entries(built_site, dataset):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    candidates = _feed_candidates(dataset)
    entries = feed.entries
    assert len(entries) == min(50, len(candidates))
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) and set(ids) <= set(candidates)
    # Newest first, and nothing newer was left out.
    dates = [e.updated[:10] for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert all(d == padded(candidates[i]) for i, d in zip(ids, dates))
    left_out = set(candidates) - set(ids)
    assert all(padded(candidates[i]) <= dates[-1] for i in left_out)
    assert feed.feed.updated[:10] == dates[0]
    site_path = urlsplit(_site_url()).path
    for entry in entries:
        target = urlsplit(entry.link).path.removeprefix(site_path)
        assert not target.startswith("/") and (built_site / target).is_file(), entry.link
        assert entry.title and entry.summary


def _site_url() -> str:
    return _site_of_the_build().site_url


def test_feed_links_become_absolute_when_the_site_url_is_known(dataset, tmp_path):
    export_all(dataset, tmp_path, site=SiteConfig(site_url="https://example.org/tracker/"))
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not feed.bozo
    assert all(e.link.startswith("https://example.org/tracker/") and e.link.endswith(".html") for e in feed.entries)
    # The ids do not depend on where the site is.
    plain_feed = feedparser.parse(_export_feed_without_url(dataset, tmp_path / "other"))
    assert [e.id for e in feed.entries] == [e.id for e in plain_feed.entries]


def _export_feed_without_url(dataset, target: Path) -> bytes:
    export_all(dataset, target)
    return (target / "feed.xml").read_bytes()


# --- iCalendar -------------------------------------------------------------------------------

def test_the_calendar_parses_and_holds_the_dated_scheduled_and_held_events(built_site, dataset):
    raw = (built_site / "events.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "content lines are folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    expected = {e.id: e for e in dataset.all("events")
                if e.current_status in ("scheduled", "held", "cancelled", "postponed") and len(e["date"]) == 10}
    assert set(events) == {f"{i}@ukraine-peace-tracker" for i in expected}
    stamp = dataset_as_of(dataset)
    built_reference_day = re.search(r'data-reference-date="([0-9-]+)"', (built_site / "index.html").read_text()).group(1)
    assert any(event_state(e, built_reference_day) == DATE_PASSED for e in expected.values()), "the seed data has a scheduled event whose date passed"
    for event_id, record in expected.items():
        vevent = events[f"{event_id}@ukraine-peace-tracker"]
        start = vevent.decoded("DTSTART")
        assert type(start) is date, "all-day: a DATE, not a DATE-TIME"
        assert start == date.fromisoformat(record["date"])
        last = date.fromisoformat(record["end_date"]) if len(record.get("end_date", "")) == 10 else start
        assert vevent.decoded("DTEND") == last + timedelta(days=1)
        assert str(vevent["SUMMARY"]).endswith(record.title)
        state = event_state(record, built_reference_day)
        assert str(vevent["STATUS"]) == {"cancelled": "CANCELLED", "postponed": "CANCELLED", DATE_PASSED: "TENTATIVE"}.get(state, "CONFIRMED")
        assert ("no outcome was recorded" in str(vevent["DESCRIPTION"])) == (state == DATE_PASSED)
        assert vevent.decoded("DTSTAMP").date().isoformat() == stamp
        assert f"events/{event_id}.html" in str(vevent["DESCRIPTION"])


def test_calendar_lines_fold_between_characters():
    line = "DESCRIPTION:" + "Київ, " * 40
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


# --- citations -------------------------------------------------------------------------------

def test_csl_json_and_bibtex_hold_every_source(built_site, dataset):
    items = _load_json(built_site / "downloads" / "sources.csl.json")
    assert [i["id"] for i in items] == sorted(s.id for s in dataset.all("sources"))
    bib = (built_site / "downloads" / "sources.bib").read_text(encoding="utf-8")
    assert re.findall(r"^@misc\{([^,]+),$", bib, re.M) == sorted(s.id for s in dataset.all("sources"))
    assert _balanced(bib)


def _balanced(text: str) -> bool:
    depth = 0
    for i, char in enumerate(text):
        if char in "{}" and (i == 0 or text[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def test_bibtex_escapes_tex_special_characters():
    assert tex(r"50% of $5 & #1_a {b} ~ ^ \ ok") == r"50\% of \$5 \& \#1\_a \{b\} \textasciitilde{} \textasciicircum{} \textbackslash{} ok"
    assert url("https://example.org/a_b?q=50%25&x={y} z") == "https://example.org/a_b?q=50%25&x=%7By%7D%20z"
    source = Record("sources", "odd-source", "data/sources/odd-source.yml", {
        "id": "odd-source", "kind": "news-article", "publisher": "A & B {News}", "title": "Talks: 100% \\ {done}?",
        "published": "2026-01-03", "url": "https://example.org/a}b", "consulted": False,
    })
    entry = bibtex_entry(Locale(), source)
    assert "title = {{Talks: 100\\% \\textbackslash{} \\{done\\}?}}" in entry
    assert "howpublished = {A \\& B \\{News\\}}" in entry
    assert "url = {https://example.org/a%7Db}" in entry
    assert "month = jan," in entry
    assert _balanced(entry)


# --- reproducibility -------------------------------------------------------------------------

def _site_of_the_build() -> SiteConfig:
    """The settings the build exports with: site name and address, the commit and its date."""
    from mkdocs.config import load_config

    from macros.site import site_config

    return site_config(load_config(str(ROOT / "mkdocs.yml")))


def test_exports_are_byte_identical_across_runs_and_processes(built_site, dataset, tmp_path):
    site = _site_of_the_build()
    commit = build_commit(site)  # what the build records
    export_all(dataset, tmp_path / "a", site=site, commit=commit)
    export_all(dataset, tmp_path / "b", site=site, commit=commit)
    first, second = _exported_files(tmp_path / "a"), _exported_files(tmp_path / "b")
    assert first == second
    # The build ran in another process (another hash seed) and wrote the same bytes.
    assert _exported_files(built_site) == first


def test_a_deleted_record_leaves_no_stale_file(dataset, tmp_path):
    export_all(dataset, tmp_path)
    stale = tmp_path / "api" / "v1" / "events" / "deleted-long-ago.json"
    stale.write_text("{}")
    export_all(dataset, tmp_path)
    assert not stale.exists()


# --- pages ------------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_open_data_page_links_only_to_files_that_exist(built_site):
    parser = _Links()
    parser.feed((built_site / "data.html").read_text(encoding="utf-8"))
    local = [h for h in parser.hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    for name in ("feed.xml", "events.ics", "downloads/events.csv", "downloads/tracker-data.json", "api/v1/index.json", "downloads/sources.bib"):
        assert name in local, name
    missing = [h for h in local if not (built_site / unquote(urlsplit(h).path)).resolve().exists()]
    assert missing == []
    assert any(h.endswith("/releases/latest/download/tracker-site.zip") for h in parser.hrefs)
    assert any(h.endswith("/releases/latest/download/tracker-data.zip") for h in parser.hrefs)


CHARTS = {"index.html": ["tr-chart-events"], "security-guarantees.html": ["tr-chart-status", "tr-chart-guarantors"]}


@pytest.mark.parametrize("page", sorted(CHARTS))
def test_charts_are_inline_svg_with_a_title_a_description_and_a_table(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    for chart in CHARTS[page]:
        figure = re.search(rf'<figure id="{chart}".*?</figure>', html, re.S)
        assert figure, chart
        figure = figure.group(0)
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in figure and 'role="img"' in figure
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in figure
        assert re.search(rf'<title id="{chart}-title">[^<]+</title><desc id="{chart}-desc">[^<]+</desc>', figure)
        assert '<table class="tr-data-table"><caption>' in figure
        assert 'tabindex="0" role="region"' in figure  # the scroll boxes can be reached by keyboard
        assert "<script" not in figure
    assert 'href="assets/stylesheets/charts.css"' in html


def test_chart_text_is_escaped(dataset):
    from macros.render.charts import guarantor_matrix
    from macros.render.views import rendering_of

    commitment = next(c for c in dataset.all("commitments") if c["area"] == "security" and c.get("offered_by"))
    actor = dataset.get("actors", commitment["offered_by"][0])
    original = actor.data["name"]
    actor.data["name"] = "<script>alert(1)</script> {{ 7 * 7 }}"
    try:
        html = guarantor_matrix(rendering_of(dataset).context("security-guarantees.html"))
    finally:
        actor.data["name"] = original
    assert "<script>" not in html and "{{" not in html
    assert "&lt;script&gt;" in html


def test_the_charts_are_not_in_the_search_index(built_site):
    index = "".join(p.read_text(encoding="utf-8") for p in (built_site / "search").rglob("*.js"))
    assert "security-guarantees.html" in index
    assert "Events per month, by kind" not in index and "Who backs which mechanism" not in index


# --- in the browser ---------------------------------------------------------------------------

@pytest.mark.browser
def test_charts_in_light_and_dark_mode_offline(built_site, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.browser import OfflinePage, launch_browser

    fills = {}
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for scheme in ("light", "dark"):
                for page, charts in CHARTS.items():
                    with OfflinePage(browser, color_scheme=scheme, viewport={"width": 1280, "height": 1000}) as reader:
                        reader.goto_file(built_site / page)
                        # The whole page first: element screenshots scroll, and would leave the sticky header midway.
                        reader.page.screenshot(path=str(tmp_path / f"{scheme}-{page.replace('.html', '')}.png"), full_page=True)
                        for chart in charts:
                            figure = reader.page.locator(f"#{chart}")
                            box = reader.page.locator(f"#{chart} svg").bounding_box()
                            assert box and box["width"] > 300 and box["height"] > 100, (scheme, chart, box)
                            figure.screenshot(path=str(tmp_path / f"{scheme}-{chart}.png"))
                        if page == "index.html":
                            fills[scheme] = reader.page.locator("#tr-chart-events .tr-chart-bar rect").first.evaluate("e => getComputedStyle(e).fill")
                        assert reader.problems() == {}, (scheme, page, reader.problems())
        finally:
            browser.close()
    assert fills["light"] != fills["dark"], "the dark scheme restyles the charts"
    assert len(list(tmp_path.glob("*.png"))) == 10


# --- positions ---------------------------------------------------------------------------------

def test_positions_round_trip_through_the_json_and_the_csv(built_site, api, dataset):
    """positions.json and positions.csv regroup into exactly the statements' positions, with the
    speaker, date and sources of their statement; statements/<id>.json carries them as written."""
    from macros.export.positions import INHERITED, position_columns, position_type

    own = [f.name for f in position_type().fields]

    listing = _load_json(api / "positions.json")
    coded = [s for s in dataset.all("statements") if s.get("positions")]
    assert coded and listing["count"] == len(listing["records"]) == sum(len(s["positions"]) for s in coded)
    regrouped: dict[str, list] = {}
    for entry in listing["records"]:
        statement = dataset.get("statements", entry["statement"])
        regrouped.setdefault(statement.id, []).append({k: entry[k] for k in own if k in entry})
        assert {k: entry[k] for k in INHERITED if k in entry} == {k: statement[k] for k in INHERITED if k in statement.data}
        assert entry["sources"] == statement["sources"]
        page = urlsplit(entry["page"])
        assert page.path.endswith(f"statements/{statement.id}.html") and page.fragment == f"position-{entry['issue']}"
    assert regrouped == {s.id: s["positions"] for s in coded}
    for statement in coded:
        assert _load_json(api / "statements" / f"{statement.id}.json")["positions"] == statement["positions"]
    rows = _csv(built_site, "positions")
    assert list(rows[0]) == position_columns()
    assert [(r["statement"], r["issue"], r["stance"], r["summary"], r["note"], r["inferred"]) for r in rows] == [
        (e["statement"], e["issue"], e["stance"], e["summary"], e.get("note", ""), "true" if e.get("inferred") else "") for e in listing["records"]]
    assert [r["speaker"] or r["speaker_unnamed"] for r in rows] == [e.get("speaker") or e["speaker_unnamed"] for e in listing["records"]]


def test_positions_conform_to_their_published_schema(api):
    jsonschema = pytest.importorskip("jsonschema")
    listing = _load_json(api / "positions.json")
    validator = jsonschema.Draft7Validator(_load_json(api / listing["schema"]))
    for entry in listing["records"]:
        assert [e.message for e in validator.iter_errors(entry)] == [], entry["statement"]
    broken = {**listing["records"][0], "stance": "endorses"}
    assert list(validator.iter_errors(broken)), "the schema knows the codebook"

