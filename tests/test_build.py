"""Real MkDocs builds: what a reader gets, and what a contributor sees when data is wrong."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.kinds import KINDS
from tests.conftest import DATA, build_site

pytestmark = pytest.mark.slow  # builds the site, or tries many random cases

STABLE_PAGES = ["index.html", "timeline.html", "security-guarantees.html", "positions.html", "actors/index.html", "methodology.html"]


def test_the_build_is_quiet(built_site):
    log = (built_site / ".build-log").read_text()
    noisy = [line for line in log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line) or "MkDocs 2" in line]
    assert noisy == []


def test_stable_paths_exist(built_site):
    for page in STABLE_PAGES:
        assert (built_site / page).is_file(), page


def test_every_record_has_its_own_page(built_site, dataset):
    for kind in KINDS:
        for record in dataset.all(kind):
            page = built_site / KINDS[kind].page(record.id)
            assert page.is_file(), page
            assert f'data-record="{kind}/{record.id}"' in page.read_text()


class _NavLinks(HTMLParser):
    """Collects the links inside Material's primary navigation."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (attrs.get("class") or ""):
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def test_record_pages_stay_out_of_the_navigation(built_site, dataset):
    parser = _NavLinks()
    parser.feed((built_site / "index.html").read_text())
    assert {"timeline.html", "security-guarantees.html", "methodology.html"} <= set(parser.links)
    generated = [link for link in parser.links if re.match(r"^(events|statements|commitments|sources)/", link)]
    assert generated == []
    assert len(parser.links) < 15


def test_the_site_requests_nothing_from_the_network(built_site):
    # A canonical link names the published address; browsers do not fetch it.
    loads = re.compile(r"<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc=\"(https?:)?//|<link\b(?![^>]*\brel=\"canonical\")[^>]*\bhref=\"(https?:)?//|url\((['\"]?)(https?:)?//", re.I)
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".css") and not path.name.endswith(".map"):
            text = path.read_text(errors="replace")
            if loads.search(text) or "fonts.googleapis" in text or "unpkg.com" in text:
                offenders.append(str(path.relative_to(built_site)))
    assert offenders == []


def test_search_works_offline_because_its_index_is_in_scripts(built_site, dataset):
    """A page opened from disk may load scripts, not read files: Material's configuration and
    every piece of the prebuilt index are scripts."""
    assert (built_site / "search" / "search_index.js").read_text().startswith("var __index = ")
    pieces = built_site / "search" / "prebuilt"
    assert all(p.read_text(encoding="utf-8").startswith("searchPiece(") for p in pieces.rglob("*.js"))
    documents = "".join(p.read_text(encoding="utf-8") for p in (pieces / "d").glob("*.js"))
    assert all(f'"actors/{actor.id}.html"' in documents for actor in dataset.all("actors"))


# --- contributors' mistakes -----------------------------------------------------------------------

def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_invalid_data_stops_the_build_with_every_problem_and_no_traceback(tmp_path):
    data = _copy_data(tmp_path)
    actor = data / "actors" / "volodymyr-zelensky.yml"
    actor.write_text(actor.read_text().replace("kind: person", "kind: persn").replace("description:", "descripton:"))
    result = build_site(tmp_path / "site", data)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/actors/volodymyr-zelensky.yml:" in output
    assert "kind: 'persn' is not a known term" in output
    assert "descripton: is not a known field (did you mean 'description'?)" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_template_code_and_html_in_data_are_shown_as_text(tmp_path):
    data = _copy_data(tmp_path)
    actor = data / "actors" / "volodymyr-zelensky.yml"
    hostile = "'{{ 7 * 7 }} {% if true %}yes{% endif %} <script>alert(1)</script> [x](javascript:alert(1)) *bold*'"
    actor.write_text(re.sub(r"(?m)^description:.*$", f"description: {hostile}", actor.read_text()))
    result = build_site(tmp_path / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "actors" / "volodymyr-zelensky.html").read_text()
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    assert "<strong>bold" not in page and "<em>bold" not in page
    text = _visible_text(page)
    assert "{{ 7 * 7 }} {% if true %}yes{% endif %} <script>alert(1)</script> [x](javascript:alert(1)) *bold*" in text


def _visible_text(page: str) -> str:
    import html

    body = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("page", STABLE_PAGES)
def test_overview_pages_have_content_from_the_data(built_site, page, dataset):
    text = _visible_text((built_site / page).read_text())
    if page == "index.html":
        assert str(len(dataset.all("events"))) in text
    if page == "actors/index.html":
        assert all(a["name"] in text for a in dataset.all("actors"))
    if page == "timeline.html":
        assert all(e.title in text for e in dataset.all("events"))
    if page == "security-guarantees.html":
        assert all(c.title in text for c in dataset.all("commitments") if c["area"] == "security")
    if page == "methodology.html":
        assert "Tripwire guarantee" in text and "claimed" in text
        from macros.i18n import Locale
        from macros.schema import STANCES

        assert all(Locale()(f"meaning.stance.{s}") in text for s in STANCES), "the codebook is printed from the model and the catalogue"
        assert all(t["question"] in text for t in dataset.vocabulary_terms["issues"].values())
    if page == "positions.html":
        coded = {s["speaker"] for s in dataset.all("statements") if s.get("positions") and s.get("speaker")}
        assert coded and all(dataset.get("actors", a)["name"] in text for a in coded)
        assert all(t["label"] in text for t in dataset.vocabulary_terms["issues"].values())
