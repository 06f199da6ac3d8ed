"""The links where the reader is: every record page offers a correction prefilled with the record,
an actor page a statement by the actor, an event page a statement from the event, each through
the form (prefilled) or GitHub's editor (a new file with a valid skeleton, speaker or event set)."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from macros.formatting import format_text
from macros.forms import FORMS_DIR
from macros.history import ReferenceDate
from macros.kinds import KINDS
from macros.load import check_dataset, load_dataset
from macros.render.common import SiteConfig
from macros.render.contribute import missing_link
from macros.render.views import VIEWS, rendering_of
from tests.test_contribution import fill_scaffold

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/ukraine-peace-tracker/tracker"
DATASET = load_dataset(ROOT / "data")
SITE = SiteConfig(repository=REPO, as_of=ReferenceDate("2026-12-07", "commit"))
T = SITE.locale  # the link words are the catalogue's


def links(kind: str, record_id: str) -> dict[str, str]:
    """Link text → address, on the record's page."""
    record = DATASET.get(kind, record_id)
    page = str(VIEWS[kind].page(rendering_of(DATASET, SITE).context(KINDS[kind].page(record_id)), record))
    return {unescape(re.sub(r"<[^>]+>", "", text)): unescape(href)
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', page)}


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def question_ids(form: str) -> set[str]:
    return {item["id"] for item in yaml.safe_load((FORMS_DIR / f"{form}.yml").read_text(encoding="utf-8"))["body"] if "id" in item}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_record_page_offers_a_correction_prefilled_with_the_record(kind):
    record = DATASET.all(kind)[0]
    url = links(kind, record.id)[T("contribute.correct")]
    assert url.startswith(f"{REPO}/issues/new?")
    params = query(url)
    assert params["template"] == "correction.yml" and params["record"] == record.id
    assert set(params) - {"template", "title"} <= question_ids("correction")


def test_an_actor_page_offers_a_statement_by_the_actor(tmp_path):
    actor = DATASET.get("actors", "emmanuel-macron")
    found = links("actors", actor.id)
    url = found[T("contribute.statement_by", name=actor["name"])]
    assert query(url) == {"template": "new-statement.yml", "speaker": actor.id}
    assert "speaker" in question_ids("new-statement")
    editor = found[T("contribute.as_file")]
    assert editor.startswith(f"{REPO}/new/main?")
    params = query(editor)
    assert params["filename"] == "data/statements/2026-12-07-emmanuel-macron.yml"
    text = params["value"]
    assert "\nid: 2026-12-07-emmanuel-macron\n" in text and "\nspeaker: emmanuel-macron\n" in text
    assert format_text(text, "statements") == text, "the skeleton is in the canonical layout"
    assert_valid_once_filled(tmp_path, params["filename"], text)


def test_an_event_page_offers_a_statement_from_the_event(tmp_path):
    event = DATASET.all("events")[0]
    found = links("events", event.id)
    assert query(found[T("contribute.statement_from_event")]) == {"template": "new-statement.yml", "event": event.id}
    params = query(found[T("contribute.as_file")])
    assert f"\nevent: {event.id}\n" in params["value"]
    assert_valid_once_filled(tmp_path, params["filename"], params["value"])


def assert_valid_once_filled(tmp_path: Path, filename: str, text: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    fill_scaffold(path, "statements", data)
    _, problems = check_dataset(data, display_root=tmp_path)
    assert not [str(p) for p in problems], [str(p) for p in problems]


def test_other_pages_offer_no_statement_and_no_repository_means_no_links():
    commitment = DATASET.all("commitments")[0]
    assert not any(text.startswith("Add a statement") for text in links("commitments", commitment.id))
    bare = rendering_of(DATASET, SiteConfig()).context("x.html")
    assert str(VIEWS["actors"].page(bare, DATASET.all("actors")[0])).count("issues/new") == 0
    assert str(missing_link(bare)) == ""
    assert f'href="{REPO}/issues/new/choose"' in str(missing_link(rendering_of(DATASET, SITE).context("x.html")))
