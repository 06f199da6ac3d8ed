"""How current the record is, apart: the newest source the records cite ("sources up to") and the
last change to the data ("last updated"), with a declared number of days after which the record
is stale; both in the API's index and the data package. Real git history, made here."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.currency import STALE_AFTER_DAYS, Currency, currency_of, newest_source_date, period_end
from macros.export import export_all
from macros.history import History, read_history, reference_date
from macros.load import load_dataset
from macros.render.common import SiteConfig
from tests.gitrepo import commit_all

ROOT = Path(__file__).resolve().parents[1]

NEW_SOURCE = """id: example-2026-02-20
kind: news-article
publisher: Example Post
published: 2026-02-20
"""
UNCITED_SOURCE = """id: example-uncited-2026-02-27
kind: news-article
publisher: Example Post
published: 2026-02-27
"""


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    commit_all(tmp_path, "data as it is", day="2026-02-10")
    return tmp_path


def test_period_end_is_the_last_day_a_fuzzy_date_can_mean():
    assert period_end("2026-01-03") == date(2026, 1, 3)
    assert period_end("2026-02") == date(2026, 2, 28)
    assert period_end("2024-02") == date(2024, 2, 29)
    assert period_end("2026") == date(2026, 12, 31)


def test_sources_up_to_and_last_updated_are_two_facts(repo):
    data = repo / "data"
    (data / "sources" / "example-uncited-2026-02-27.yml").write_text(UNCITED_SOURCE, encoding="utf-8")
    commit_all(repo, "an uncited source", day="2026-03-01")
    dataset = load_dataset(data)
    currency = currency_of(dataset, read_history(data, "data/"), reference_date(data).day)
    # The real records cite nothing newer than 3 January 2026; a source no record cites does not count.
    assert currency.sources_up_to == "2026-01-03"
    assert currency.last_updated == "2026-03-01"
    assert currency.days_since_newest_source == 57 and currency.stale

    (data / "sources" / "example-2026-02-20.yml").write_text(NEW_SOURCE, encoding="utf-8")
    statement = next((data / "statements").glob("*.yml"))
    statement.write_text(statement.read_text(encoding="utf-8").replace("\nsources:\n", "\nsources:\n  - example-2026-02-20\n", 1), encoding="utf-8")
    commit_all(repo, "a statement cites a newer source", day="2026-03-05")
    dataset = load_dataset(data)
    currency = currency_of(dataset, read_history(data, "data/"), reference_date(data).day)
    assert currency.sources_up_to == "2026-02-20" and currency.last_updated == "2026-03-05"
    assert currency.days_since_newest_source == 13 and not currency.stale


def test_a_month_counts_from_its_last_day_and_the_limit_is_declared_once():
    assert Currency("2026-01", "2026-02-20", "2026-02-20").days_since_newest_source == 20
    assert Currency("2026-01", "", "2026-03-02", stale_after_days=30).stale is False  # 30 days after 31 January
    assert Currency("2026-01", "", "2026-03-03", stale_after_days=30).stale is True
    assert Currency("2026-01-03", "", "2026-12-01").stale_after_days == STALE_AFTER_DAYS
    assert Currency("2026-01-03", "", "2026-12-01", stale_after_days=400).stale is False
    assert Currency("", "", "2026-12-01").stale is False, "no dated source: nothing to say"


def test_without_history_the_last_update_is_the_reference_day():
    dataset = load_dataset(ROOT / "data")
    currency = currency_of(dataset, History.unavailable(), "2026-12-01")
    assert currency.last_updated == "2026-12-01" and currency.sources_up_to == newest_source_date(dataset)


def test_the_api_index_and_the_data_package_say_it(repo, tmp_path):
    data = repo / "data"
    site = SiteConfig(as_of=reference_date(data), history=read_history(data, "data/"))
    out = tmp_path / "site"
    export_all(load_dataset(data), out, site=site)
    index = json.loads((out / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    package = json.loads((out / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    expected = {"sources_up_to": "2026-01-03", "last_updated": "2026-02-10", "stale_after_days": STALE_AFTER_DAYS,
                "days_since_newest_source": 38, "stale": STALE_AFTER_DAYS < 38}
    assert index["currency"] == expected and package["currency"] == expected
    assert "sources_up_to" in index["description"]
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(out / "downloads" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def _rendered(repo: Path, repository: str = "https://github.com/example/tracker"):
    from macros.render.views import rendering_of

    data = repo / "data"
    site = SiteConfig(repository=repository, as_of=reference_date(data), history=read_history(data, "data/"))
    return rendering_of(load_dataset(data), site).context("index.html")


def _text(html) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", "", str(html)).split())


def test_every_page_says_how_far_the_sources_reach_apart_from_when_the_data_last_changed(repo):
    from macros.render.provenance import as_of_note

    (repo / "README.md").write_text("Not data.\n", encoding="utf-8")
    commit_all(repo, "nothing in data changes", day="2026-03-04")
    line = _text(as_of_note(_rendered(repo)))
    assert line.startswith("Sources up to 3 January 2026; data last updated 10 February 2026. This copy is as of 4 March 2026,"), line
    assert "Report something we have missed" in line


def test_the_home_page_says_plainly_when_nothing_recent_is_recorded(repo):
    from macros.render.provenance import stale_notice

    notice = str(stale_notice(_rendered(repo)))
    assert _text(notice).startswith("Nothing newer than 3 January 2026 has been recorded here: the newest source is 38 days older")
    assert 'href="https://github.com/example/tracker/issues/new/choose"' in notice
    data = repo / "data"
    (data / "sources" / "example-2026-02-20.yml").write_text(NEW_SOURCE, encoding="utf-8")
    statement = next((data / "statements").glob("*.yml"))
    statement.write_text(statement.read_text(encoding="utf-8").replace("\nsources:\n", "\nsources:\n  - example-2026-02-20\n", 1), encoding="utf-8")
    commit_all(repo, "a statement cites a newer source", day="2026-03-05")
    assert str(stale_notice(_rendered(repo))) == "", "a record with a recent source is not called stale"
