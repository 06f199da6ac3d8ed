"""Nothing lost: every value of every field of every record reaches the reader.

For each record in data/, every leaf value (line bookkeeping aside) must be visible on the
record's own page, or, once the JSON exports exist (api/v1/<kind>/<id>.json, added by the
export work), be carried there with the same value.

What "visible" means depends on the field type, as the model declares it:

* text: the words, as a reader sees them (white space collapsed);
* web address: as text or as a link;
* reference: a link to the referenced record's page;
* closed-list term: the term or its label ("in-force" shows as "in force", a topic as its label);
* date: written out ("3 January 2026"), "about ..." when the record says the date is approximate;
* number: in one of the renderer's spellings (800 000, 800,000, 0.8 billion);
* true/false flags: what they change on the page ("about", "yes"/"no: known only because ...").

The same check runs on tests/fixtures/hostile/data, which sets every field of the model at least
once, so a field that no real record uses yet is covered too.

Fields that pages do not show are reported by `test_every_field_is_visible_on_its_record_page`
(an expected failure naming them, for the renderer's owner); `test_no_field_is_hidden_beyond_the_known_gaps`
keeps that list from growing.
"""
from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from macros.fieldtypes import Boolean, Choice, FuzzyDate, Number, Ref, Slug, Text, Url
from macros.i18n import Locale
from macros.kinds import KINDS
from macros.load import load_dataset
from tests.conftest import build_site
from tests.support.pages import KNOWN_GAPS, norm, parse_page
from tests.support.records import FIXTURE, leaf_fields, load_fixture, model, paths_in, pattern_of, set_path, write_dataset

ENGLISH = Locale()

# Values that a page shows by saying nothing: an exact figure has no "about", an unknown mode no mode.
SHOWN_BY_ABSENCE = {"exact", "unknown"}


def _types_by_pattern(kind: str, vocabulary: dict) -> dict:
    return dict(leaf_fields(model(vocabulary)[kind]))


def _labels(dataset) -> dict[str, dict[str, str]]:
    return {name: {term: t.get("label", term) for term, t in terms.items()} for name, terms in dataset.vocabulary_terms.items()}


def _date_pair(values: dict, concrete: str):
    """The date an `_approximate` flag belongs to, looked up next to it."""
    parent, _, name = concrete.rpartition(".")
    base = name.removesuffix("_approximate")
    sibling = f"{parent}.{base}" if parent else base
    return values.get(sibling)


def _number_spellings(value) -> set[str]:
    spellings = {str(value), f"{value:g}" if isinstance(value, float) else str(value)}
    if isinstance(value, (int, float)):
        spellings |= {f"{value:,}", f"{value:,}".replace(",", " "), f"{value / 1e9:g} billion", f"{value / 1e6:g} million"}
    return spellings


class RecordPage:
    def __init__(self, site: Path, kind: str, record_id: str):
        self.name = f"{kind}/{record_id}.html"
        self.path = site / self.name
        self.page = parse_page(self.path.read_text(encoding="utf-8")) if self.path.is_file() else None
        self.text = norm(self.page.text) if self.page else ""
        self.lower = self.text.lower()
        here = posixpath.dirname(self.name)
        self.links = set()
        self.hrefs = set()
        if self.page:
            for tag, attrs in self.page.elements:
                for attr, value in attrs:
                    if tag == "a" and attr == "href" and value:
                        self.hrefs.add(value)
                        if "://" not in value:
                            self.links.add(posixpath.normpath(posixpath.join(here, value.split("#")[0])))


def visible(page: RecordPage, ftype, value, concrete: str, values: dict, labels: dict) -> bool:
    """Whether a reader of the page sees this value (see the module's docstring)."""
    if page.page is None:
        return False
    if isinstance(ftype, Ref):
        return f"{ftype.target}/{value}.html" in page.links
    if isinstance(ftype, Slug):  # a record's own id: the page cites it ("record event/<id>")
        return value in page.text
    if isinstance(ftype, Url):
        return norm(value) in page.text or value in page.hrefs
    if isinstance(ftype, Text):
        return norm(value) in page.text
    if isinstance(ftype, Choice):
        if value in SHOWN_BY_ABSENCE:
            return True
        spellings = {value, value.replace("-", " ")}
        if ftype.vocabulary:
            spellings.add(labels.get(ftype.vocabulary, {}).get(value, value))
        if value in ("person", "state", "organisation", "coalition"):
            spellings.add(value.capitalize())
        return any(s.lower() in page.lower for s in spellings)
    if isinstance(ftype, FuzzyDate):
        return ENGLISH.date(value) in page.text
    if isinstance(ftype, Number):
        return any(s in page.text for s in _number_spellings(value))
    if isinstance(ftype, Boolean):
        name = concrete.rsplit(".", 1)[-1]
        if name.endswith("_approximate"):
            day = _date_pair(values, concrete)
            return day is None or (ENGLISH.date(day, True) in page.text) == value
        if name == "consulted":
            return ("known only because another source cites it" in page.text) != value
        if name == "inferred":  # an inferred coding carries a mark saying so
            return not value or "inferred" in page.lower
        return False
    raise AssertionError(f"no rule for {type(ftype).__name__} at {concrete}")


def hidden_fields(site: Path, dataset, exports: Path | None = None) -> tuple[dict[str, list[str]], int]:
    """{'kind: pattern': [examples]} of values a reader cannot see on the record's page (nor in
    its JSON export, when `exports` is given), and how many values were checked."""
    labels = _labels(dataset)
    vocabulary = {name: tuple(terms) for name, terms in dataset.vocabulary_terms.items()}
    missing: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for kind in KINDS:
        types = _types_by_pattern(kind, vocabulary)
        citation_lists = {p.rsplit(".", 1)[0] for p in types if p.endswith("[].source")}
        for record in dataset.all(kind):
            page = RecordPage(site, kind, record.id)
            data = record.data
            exported = None
            if exports is not None:
                export_file = exports / kind / f"{record.id}.json"
                exported = paths_in(json.loads(export_file.read_text(encoding="utf-8"))) if export_file.is_file() else {}
            values = paths_in(data)
            for concrete, value in values.items():
                pattern = pattern_of(concrete)
                if pattern in citation_lists:  # never happens: a short citation is kept as a block
                    pattern += ".source"
                if pattern not in types:
                    missing[f"{kind}: {pattern}"].append(f"{record.id}: the model has no such field")
                    continue
                checked += 1
                if visible(page, types[pattern], value, concrete, values, labels):
                    continue
                if exported is not None and exported.get(concrete) == value:
                    continue
                missing[f"{kind}: {pattern}"].append(f"{record.id}: {str(value)[:60]!r}")
    return dict(missing), checked


@pytest.fixture(scope="module")
def real(built_site, dataset):
    return hidden_fields(built_site, dataset)


def marked_fixture(target: Path) -> Path:
    """The complete fixture with every text, address and vocabulary label made unique and full of
    characters that need escaping (<, &, quotes), so that each field is checked on its own and a
    value escaped twice (Ukraine&#39;s) or not at all is caught."""
    records = load_fixture()
    n = 0
    for kind in KINDS:
        types = _types_by_pattern(kind, {})
        for record in records[kind].values():
            for concrete, value in paths_in(record).items():
                ftype = types.get(pattern_of(concrete))
                if isinstance(ftype, (Text, Url)):
                    n += 1
                    set_path(record, concrete, f"{value}?m={n}&x='\"<>" if isinstance(ftype, Url) else f"{value} <{n}&'\">")
    vocabulary = yaml.safe_load((FIXTURE / "vocabulary.yml").read_text(encoding="utf-8"))
    for terms in vocabulary.values():
        for term in terms.values():
            n += 1
            term["label"] += f" <{n}&'\">"
    return write_dataset(target, records, vocabulary)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coverage")
    data = marked_fixture(tmp / "data")
    site = tmp / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, load_dataset(data)


def _report(missing: dict[str, list[str]]) -> str:
    return "\n".join(f"{field} — e.g. {', '.join(examples[:3])}" for field, examples in sorted(missing.items()))


def test_nothing_is_lost_between_the_data_and_what_a_reader_gets(built_site, dataset):
    """Every value is on its page, or (once the exports exist) in api/v1/<kind>/<id>.json."""
    api = built_site / "api" / "v1"
    missing, checked = hidden_fields(built_site, dataset, exports=api if api.is_dir() else None)
    assert checked > 1000
    assert missing == {}, _report(missing)


def test_no_field_is_hidden_beyond_the_known_gaps(real, fixture_site):
    fixture_missing, _ = hidden_fields(*fixture_site)
    missing = set(real[0]) | set(fixture_missing)
    assert missing - set(KNOWN_GAPS) == set(), _report({k: v for k, v in {**fixture_missing, **real[0]}.items() if k not in KNOWN_GAPS})


def test_the_fixture_check_covers_every_field_of_the_model(fixture_site):
    site, dataset = fixture_site
    seen = set()
    for kind in KINDS:
        for record in dataset.all(kind):
            seen |= {f"{kind}: {pattern_of(c)}" for c in paths_in(record.data)}
    every = {f"{kind}: {p}" for kind in KINDS for p, _ in leaf_fields(model()[kind])}
    assert every - seen == set()


def test_every_field_is_visible_on_its_record_page(real, fixture_site):
    fixture_missing, _ = hidden_fields(*fixture_site)
    assert {**fixture_missing, **real[0]} == {}


def test_participant_roles_and_notes_are_escaped_once(fixture_site):
    site, dataset = fixture_site
    event = dataset.get("events", "2026-01-03-meeting")
    page = RecordPage(site, "events", event.id)
    for participant in event["participants"]:
        for name in ("role", "note"):
            if participant.get(name):
                assert norm(participant[name]) in page.text, (name, participant[name])
