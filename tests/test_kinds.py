"""A kind is one declaration: a toy kind, registered here, is validated, scaffolded, built into
pages, published in the API, the CSV and the schemas, and reported by `make diff`, without any
other change to the code."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from macros import scaffold
from macros.changes import diff_against
from macros.fieldtypes import Field, FuzzyDate, ListOf, Ref, Slug, Struct, Text
from macros.kinds import KINDS, Kind
from macros.load import check_dataset
from macros.render.common import sources_section
from macros.render.html import el
from macros.render.parts import fact_list
from macros.render.records import page_frame
from macros.render.views import VIEWS, View
from macros.schema import sources_field
from macros.schemas import build_schemas
from tests.gitrepo import git
from tests.support.validation import BASE_FILES, REAL_VOCABULARY

BRIEFING = "data/briefings/2026-01-04-press-briefing.yml"
BRIEFING_TEXT = (
    "id: 2026-01-04-press-briefing\n"
    "title: Kyiv briefs the press on the advisers' meeting\n"
    "date: 2026-01-04\n"
    "speakers:\n"
    "  - ukraine\n"
    "summary: Officials summarised the talks.\n"
    "sources:\n"
    "  - example-news-2026-01-03\n"
)


def briefing_type(vocabulary) -> Struct:
    return Struct(fields=(
        Field("id", Slug(), required=True),
        Field("title", Text(single_line=True, max_length=200), required=True),
        Field("date", FuzzyDate(), required=True),
        Field("speakers", ListOf(item=Ref(target="actors")), doc="who briefed"),
        Field("summary", Text(max_length=2000), required=True),
        sources_field(),
    ))


def briefing_page(ctx, record):
    return page_frame(ctx, record, el("p", record["summary"], class_="tr-lead"),
                      fact_list(ctx, [("said_by", ctx.actors(record.get("speakers", [])))]), sources_section(ctx, record))


TOY = Kind("briefings", "briefing", briefing_type)
TOY_VIEW = View("briefings", briefing_page, words=lambda ctx, record: [record["summary"]], label="Press briefings")


@pytest.fixture
def toy_kind():
    with KINDS.registered(TOY), VIEWS.registered(TOY_VIEW):
        yield TOY


def test_every_kind_has_a_view_and_every_view_a_kind():
    """What a kind is (macros/kinds.py) and how it looks (macros/render/views.py) name the same kinds."""
    assert list(VIEWS) == list(KINDS)
    for kind in KINDS:
        assert VIEWS[kind].kind == kind and callable(VIEWS[kind].page)


def test_the_kinds_registry_knows_nothing_of_pages():
    """A Kind is data: its folder, type, ids and columns; nothing that draws."""
    from dataclasses import fields

    assert not {f.name for f in fields(Kind)} & {"render", "title", "label", "overview"}


def write_dataset(root: Path, extra: dict[str, str]) -> Path:
    for relative, text in {**BASE_FILES, **extra}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copyfile(REAL_VOCABULARY, root / "data" / "vocabulary.yml")
    return root / "data"


def test_a_toy_kind_is_validated_like_any_other(tmp_path, toy_kind):
    broken = BRIEFING_TEXT.replace("  - ukraine\n", "  - ukrain\n").replace("summary: Officials summarised the talks.\n", "")
    data = write_dataset(tmp_path, {BRIEFING: broken})
    _, problems = check_dataset(data)
    assert [str(p) for p in problems] == [
        f"{BRIEFING}:1: summary: is missing (this field is required)",
        f"{BRIEFING}:5: speakers[0]: no actor has the id 'ukrain' (did you mean 'ukraine'?)",
    ]


def test_a_toy_kind_is_refused_where_it_is_not_declared(tmp_path):
    data = write_dataset(tmp_path, {BRIEFING: BRIEFING_TEXT})
    messages = [p.message for p in check_dataset(data)[1]]
    assert messages == ["this file is not where records live"]


def test_a_toy_kind_is_scaffolded_and_has_a_schema(tmp_path, toy_kind):
    data = write_dataset(tmp_path, {})
    path = scaffold.create("briefing", "2026-01-05-briefing", data)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/briefing.schema.json"
    for name in ("id", "title", "date", "speakers", "summary", "sources"):
        assert f"\n{name}:" in text or f"\n# {name}:" in text, name
    schema = build_schemas({})["briefing.schema.json"]
    assert schema["required"] == ["id", "title", "date", "summary", "sources"]


@pytest.mark.slow
def test_a_toy_kind_is_built_published_and_diffed(tmp_path, toy_kind, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.conftest import ROOT

    repo = tmp_path / "repo"
    data = write_dataset(repo, {BRIEFING: BRIEFING_TEXT})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (repo / BRIEFING).write_text(BRIEFING_TEXT.replace("briefs the press", "briefs journalists"), encoding="utf-8")

    site = tmp_path / "site"
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))

    page = (site / "briefings" / "2026-01-04-press-briefing.html").read_text(encoding="utf-8")
    assert "<h1>Kyiv briefs journalists on the advisers&#39; meeting</h1>" in page
    assert 'data-record="briefings/2026-01-04-press-briefing"' in page
    assert "Press briefings" in (site / "sources" / "example-news-2026-01-03.html").read_text(encoding="utf-8")
    assert "Press briefings" in (site / "index.html").read_text(encoding="utf-8")

    api = site / "api" / "v1"
    listing = json.loads((api / "briefings.json").read_text(encoding="utf-8"))
    assert (listing["kind"], listing["count"]) == ("briefings", 1)
    record = json.loads((api / "briefings" / "2026-01-04-press-briefing.json").read_text(encoding="utf-8"))
    assert record["speakers"] == ["ukraine"] and record["sources"] == [{"source": "example-news-2026-01-03"}]
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    assert index["record_types"]["briefings"]["schema"] == "schemas/briefing.schema.json"
    assert (api / "schemas" / "briefing.schema.json").is_file()

    with open(site / "downloads" / "briefings.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["id", "title", "date", "speakers", "summary", "sources", "page"]
    assert rows[1][0] == "2026-01-04-press-briefing" and rows[1][-1].endswith("briefings/2026-01-04-press-briefing.html")

    diff = diff_against("HEAD", repo)
    assert [(r.kind, r.id, r.change, r.fields) for r in diff.records] == [("briefings", "2026-01-04-press-briefing", "changed", ["title"])]
    assert "briefings/2026-01-04-press-briefing.html" in diff.pages
    assert "sources/example-news-2026-01-03.html" in diff.pages  # it lists what cites it, by title


def test_every_relation_is_read_from_declared_references():
    """A relation (model.RELATIONS) names fields; each must be a Ref the kind's record type declares."""
    from macros.fieldtypes import Ref, walk_types
    from macros.model import RELATIONS

    for name, relation in RELATIONS.items():
        refs = {path for path, ftype in walk_types(KINDS[relation.kind].structure()) if isinstance(ftype, Ref)}
        assert set(relation.fields) <= refs, (name, set(relation.fields) - refs)
