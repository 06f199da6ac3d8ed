"""Coded positions: validation, the grid's latest and changed cells, issue pages, and bounded pages.

The site tests build the real configuration from a copy of data/ with added statements: one
actor changing their stance on an issue, and enough coded actors and positions to fill more than
one page of the grid and of an issue.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.load import check_dataset, load_dataset
from macros.positions import position_index
from macros.render.positions import GRID_ROWS, ISSUE_ROWS
from tests.conftest import DATA, build_site

SOURCE = "world-news-2026-01-03-kyiv-peace-talks-intensify"


def _write(path: Path, record: dict) -> None:
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _statement(statement_id: str, speaker: str, date: str, positions: list[dict]) -> dict:
    return {"id": statement_id, "kind": "remark", "speaker": speaker, "date": date,
            "paraphrase": "A remark made up for a test.", "positions": positions, "sources": [SOURCE]}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _problems(data: Path) -> list[str]:
    return [str(p) for p in check_dataset(data)[1]]


# --- validation -------------------------------------------------------------------------------------

def test_a_position_needs_a_known_issue_and_stance_and_a_summary(data_copy):
    _write(data_copy / "statements" / "2026-01-09-test.yml", _statement("2026-01-09-test", "roger-wicker", "2026-01-09", [
        {"issue": "teritory", "stance": "supports", "summary": "A."},
        {"issue": "territory", "stance": "endorses"},
    ]))
    problems = _problems(data_copy)
    path = "data/statements/2026-01-09-test.yml"
    assert any(p.startswith(f"{path}:") and "positions[0].issue" in p and "did you mean 'territory'" in p for p in problems), problems
    assert any("positions[1].stance" in p and "'endorses' is not a known term" in p for p in problems), problems
    assert any("positions[1].summary" in p and "is missing" in p for p in problems), problems


def test_one_position_per_issue_and_an_inferred_coding_needs_a_note(data_copy):
    _write(data_copy / "statements" / "2026-01-09-test.yml", _statement("2026-01-09-test", "roger-wicker", "2026-01-09", [
        {"issue": "territory", "stance": "rejects", "summary": "A."},
        {"issue": "territory", "stance": "supports", "summary": "B.", "inferred": True},
    ]))
    problems = _problems(data_copy)
    lines = (data_copy / "statements" / "2026-01-09-test.yml").read_text().splitlines()
    second = next(i for i, line in enumerate(lines, 1) if "issue: territory" in line and i > 8)
    assert any(f":{second}: positions[1].issue: a second position on 'territory'" in p for p in problems), problems
    assert any("positions[1].inferred: an inferred coding needs a note" in p for p in problems), problems


def test_an_issue_may_only_name_topics_and_mechanisms_of_the_vocabulary(data_copy):
    path = data_copy / "vocabulary.yml"
    path.write_text(path.read_text().replace("      - prisoner-exchange\n", "      - prisoner-exchanges\n"), encoding="utf-8")
    problems = _problems(data_copy)
    assert any(p.startswith("data/vocabulary.yml:") and "issues.prisoner-exchanges.topics[0]" in p
               and "'prisoner-exchanges' is not one of the topics" in p and "did you mean 'prisoner-exchange'" in p for p in problems), problems


# --- the pages ------------------------------------------------------------------------------------

EXTRA_ACTORS = GRID_ROWS + 5  # one more page of the grid
CHANGED = ("roger-wicker", "territory", "rejects")  # Wicker's coded stance in the seed data


def _grow(data: Path) -> None:
    """Wicker changes his stance on territory; many new actors take positions on territory."""
    _write(data / "statements" / "2026-01-20-wicker-test-change.yml", _statement(
        "2026-01-20-wicker-test-change", "roger-wicker", "2026-01-20",
        [{"issue": "territory", "stance": "conditional", "summary": "Test: would accept a swap on conditions."}]))
    for n in range(EXTRA_ACTORS):
        actor = f"test-senator-{n:03d}"
        _write(data / "actors" / f"{actor}.yml", {"id": actor, "kind": "person", "name": f"Test Senator {n:03d}",
                                                   "description": "Made up for a test.", "sources": [SOURCE]})
        for day in (10, 11):
            sid = f"2026-01-{day}-{actor}"
            _write(data / "statements" / f"{sid}.yml", _statement(sid, actor, f"2026-01-{day}",
                   [{"issue": "territory", "stance": "supports" if day == 10 else "opposes", "summary": f"Test position {n} of the {day}th."}]))


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("positions")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    _grow(data)
    site = tmp / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, load_dataset(data)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _rows(page: str) -> list[str]:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def test_a_changed_position_is_marked_and_the_cell_shows_the_latest(grown):
    site, dataset = grown
    actor, issue, before = CHANGED
    grid = (site / "positions.html").read_text(encoding="utf-8")
    row = next(r for r in _rows(grid) if f"actors/{actor}.html" in r)
    cell = next(c for c in re.findall(r"<td.*?</td>", row, re.S) if f"#position-{issue}" in c)
    assert "tr-cell--changed" in cell and f"changed, was {before}" in _text(cell)
    assert "statements/2026-01-20-wicker-test-change.html#position-territory" in cell and "20 January 2026" in _text(cell)
    # Cells of actors who never changed carry no mark.
    unchanged = [r for r in _rows(grid) if "actors/mark-carney.html" in r]
    assert unchanged and "tr-cell--changed" not in unchanged[0]
    issue_page = (site / "issues" / f"{issue}.html").read_text(encoding="utf-8")
    wicker = [_text(r) for r in _rows(issue_page) if f"actors/{actor}.html" in r]
    assert len(wicker) == 2, wicker
    assert "rejects" in wicker[0] and "changed" not in wicker[0]
    assert "conditional" in wicker[1] and f"changed, was {before}" in wicker[1]


def test_the_grid_and_the_issue_pages_are_paged_and_every_position_is_on_one_page(grown):
    site, dataset = grown
    index = position_index(dataset)
    actors = index.actors()
    assert len(actors) > GRID_ROWS
    first = _rows((site / "positions.html").read_text(encoding="utf-8"))
    second = _rows((site / "positions" / "page-2.html").read_text(encoding="utf-8"))
    assert len(first) == GRID_ROWS and len(first) + len(second) == len(actors)
    assert 'href="positions/page-2.html"' in (site / "positions.html").read_text(encoding="utf-8")
    territory = index.on("territory")
    assert len(territory) > ISSUE_ROWS
    pages = [site / "issues" / "territory.html", *sorted((site / "positions").glob("territory-page-*.html"))]
    rows = [r for p in pages for r in _rows(p.read_text(encoding="utf-8"))]
    assert len(_rows(pages[0].read_text(encoding="utf-8"))) == ISSUE_ROWS
    linked = [m for r in rows for m in re.findall(r'statements/([^"#]+)\.html#position-territory', r)]
    assert sorted(linked) == sorted(p.statement.id for p in territory)
    # The actor's page lists their positions too, by issue.
    actor_page = (site / "actors" / "test-senator-000.html").read_text(encoding="utf-8")
    assert 'id="positions"' in actor_page and "Test position 0 of the 11th." in _text(actor_page)


def test_an_issue_page_has_its_question_positions_and_related_records(built_site, dataset):
    term = dataset.vocabulary_terms["issues"]["prisoner-exchanges"]
    page = (built_site / "issues" / "prisoner-exchanges.html").read_text(encoding="utf-8")
    text = _text(page)
    assert term["question"] in text and term["description"] in text
    coded = [p for p in position_index(dataset).on("prisoner-exchanges")]
    assert coded and all(p.summary in text for p in coded)
    # Related by topic: the Ankara visit is an event about prisoner exchanges, not a statement.
    events = [e for e in dataset.all("events") if "prisoner-exchange" in e.get("topics", [])]
    assert events and all(f"events/{e.id}.html" in page for e in events)
    assert 'id="commitments"' not in page  # no commitment has that topic or mechanism


def test_unnamed_speakers_are_on_issue_pages_but_not_in_the_grid(built_site, dataset):
    unnamed = position_index(dataset).unnamed()
    assert unnamed
    grid = (built_site / "positions.html").read_text(encoding="utf-8")
    for position in unnamed:
        assert f"statements/{position.statement.id}.html" not in grid
        issue_page = (built_site / "issues" / f"{position.issue}.html").read_text(encoding="utf-8")
        assert f"statements/{position.statement.id}.html#position-{position.issue}" in issue_page
