"""The prebuilt search index (macros/render/search_index.py): words split as mkdocs.yml says,
titles and other names weighed above body text, every word findable from the piece the worker
would load for it, and the files the worker reads."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros.render import search_index
from macros.render.search_index import (
    Entry,
    UnsupportedSearchConfig,
    best,
    best_by_prefix,
    pieces,
    shard,
    tokenizer,
    weigh,
    write_search_index,
)
from macros.render.search_language import SEARCH_LANGUAGES, stemmer_scripts

ROOT = Path(__file__).resolve().parents[1]


def _separator() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (search,) = [p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p]
    return search["separator"]


SEPARATOR = _separator()
BOOSTS = {"title": 1000.0, "text": 1.0, "tags": 1000.0}


def read_piece(text: str) -> tuple[str, object]:
    """A piece file is one call: searchPiece(name, data)."""
    found = re.fullmatch(r'searchPiece\(("[^"]+"),(.*)\);\n', text, re.S)
    assert found, text[:200]
    return json.loads(found[1]), json.loads(found[2])


def decode(flat: list[int]) -> dict[int, int]:
    docs, doc = {}, 0
    for gap, weight in zip(flat[::2], flat[1::2]):
        doc += gap
        docs[doc] = weight
    return docs


def lookup(files: dict[str, object], manifest: dict, word: str) -> dict[int, int]:
    """What the worker finds for a word being typed: the one piece it loads, read as it reads it."""
    terms_at, prefixes_at = dict(manifest["terms"]), dict(manifest["prefixes"])
    for end in range(1, len(word) + 1):
        if word[:end] in terms_at:
            found: dict[int, int] = {}
            for term, flat, *_ in files[f"t/{terms_at[word[:end]]}"]:
                if term.startswith(word):
                    for doc, weight in decode(flat).items():
                        found[doc] = max(weight, found.get(doc, 0))
            return found
    if word in prefixes_at:
        piece = files[f"p/{prefixes_at[word]}"]
        return {**decode(piece["best"]), **decode(piece["exact"])}
    return {}


def test_words_split_where_mkdocs_yml_says():
    words = tokenizer(SEPARATOR)
    assert words("“Cohesion—not concession”") == ["cohesion", "not", "concession"]
    assert words("Zelensky’s $800bn, £2.5bn / 1.5 per cent.") == ["zelensky", "s", "800bn", "2.5bn", "1.5", "per", "cent"]
    assert words("Зеленський (Київ)") == ["зеленський", "київ"]


def test_a_title_or_another_name_outweighs_a_mention_in_the_text():
    entries = [
        Entry("actors/witkoff.html", "Steve Witkoff", ["US special envoy"], ["Steve Witkoff", "Віткофф"]),
        Entry("statements/a.html", "Witkoff on the talks", ["The talks went well"]),
        Entry("events/b.html", "A meeting", ["Witkoff met the delegation", "Witkoff Witkoff"]),
    ]
    weights = weigh(entries, SEPARATOR, BOOSTS)
    witkoff = weights["witkoff"]
    assert witkoff[0] > witkoff[1] > witkoff[2] > 0
    assert weights["віткофф"] == {0: weights["віткофф"][0]}
    # A word on one page counts for more than a word on every page.
    assert weights["envoy"][0] > weights["witkoff"][2]


def _vocabulary(n: int) -> list[Entry]:
    return [Entry(f"p/{i}.html", f"Title {i} ceasefire{i % 7}", [f"word{i} common text c{i}x about cease"]) for i in range(n)]


def test_every_word_is_found_in_the_one_piece_the_worker_loads():
    entries = _vocabulary(300)
    files = {}
    for name, text in pieces(entries, SEPARATOR, BOOSTS, budget=3000).items():
        key, data = read_piece(text)
        assert f"{key}.js" == name
        files[key] = data
    manifest = files["manifest"]
    weights = weigh(entries, SEPARATOR, BOOSTS)
    assert len(manifest["terms"]) > 3, "small term files: the vocabulary must need several"
    for word, docs in weights.items():
        found = lookup(files, manifest, word)
        assert all(found.get(doc, 0) >= weight for doc, weight in docs.items()), word
    # A prefix of many words: its best entries, at most a result list long.
    assert manifest["prefixes"], "some prefix is split"
    for prefix, _ in manifest["prefixes"]:
        expected = {d for t, docs in weights.items() if t.startswith(prefix) for d in docs}
        found = lookup(files, manifest, prefix)
        assert set(found) <= expected and len(found) >= min(len(expected), search_index.RESULT_LIMIT)


def test_term_files_stay_within_their_budget():
    weights = weigh(_vocabulary(400), SEPARATOR, BOOSTS)
    files, split = shard(weights, budget=2000)
    assert len(files) > 10
    for prefix, terms in files.items():
        assert all(t.startswith(prefix) for t in terms)
        assert len(terms) == 1 or sum(len(t) + 4 + 8 * len(weights[t]) for t in terms) <= 2000, prefix
        assert not any(other != prefix and other.startswith(prefix) for other in files), "term files overlap"
    placed = [t for terms in files.values() for t in terms]
    assert sorted(placed + [t for t in weights if t in split and t not in placed]) == sorted(weights)


def test_best_keeps_the_heaviest_entries():
    assert best([{1: 5, 2: 50}, {3: 30, 1: 70}], limit=2) == {1: 70, 2: 50}


def test_the_best_of_a_prefix_are_the_best_of_all_its_words():
    weights = weigh(_vocabulary(400), SEPARATOR, BOOSTS)
    files, split = shard(weights, budget=2000)
    tops = best_by_prefix(weights, files, split)
    assert len(split) > 3
    for prefix in split:
        assert tops[prefix] == best([docs for term, docs in weights.items() if term.startswith(prefix)]), prefix


def test_the_build_writes_the_pieces_and_leaves_material_its_configuration(tmp_path):
    search = tmp_path / "search"
    search.mkdir()
    docs = [
        {"location": "index.html", "title": "Home", "text": "<p>An open record &amp; more</p>"},
        {"location": "index.html#ahead", "title": "Ahead", "text": "<p>Scheduled events</p><ul><li>one</li></ul>"},
        {"location": "actors/x.html", "title": "Dmytro &lt;X&gt;", "text": "<p>Envoy</p>", "tags": ["Dmytro X", "Дмитро"]},
    ]
    config = {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}}
    (search / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}), encoding="utf-8")
    stale = search / "prebuilt" / "t" / "99.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")

    written = write_search_index(tmp_path)

    assert json.loads((search / "search_index.json").read_text()) == {"config": config, "docs": []}
    files = {p.relative_to(search / "prebuilt").as_posix(): p for p in (search / "prebuilt").rglob("*.js")}
    assert written == sum(p.stat().st_size for p in files.values())
    assert "t/99.js" not in files, "a file of an earlier build is left behind"
    _, manifest = read_piece(files["manifest.js"].read_text(encoding="utf-8"))
    assert manifest["sections"] == [[1, 0]] and manifest["entries"] == 3
    _, rows = read_piece(files["d/0.js"].read_text(encoding="utf-8"))
    assert rows[2] == ["actors/x.html", "Dmytro <X>", ["Envoy"], ["Dmytro X", "Дмитро"]]
    assert rows[1][2] == ["Scheduled events", "one"]
    loaded = {name[:-3]: read_piece(p.read_text(encoding="utf-8"))[1] for name, p in files.items()}
    assert set(lookup(loaded, manifest, "дми")) == {2}
    assert set(lookup(loaded, manifest, "sched")) == {1}
    # The worker's stemmers, copied from the pinned wheel beside it.
    for script in stemmer_scripts(SEARCH_LANGUAGES["en"]):
        assert (tmp_path / search_index.STEMMERS / script.name).read_bytes() == script.read_bytes()


@pytest.mark.parametrize("text, blocks", [
    ("<p>One</p><p>Two &#37;</p>", ["One", "Two %"]),
    ("Term Meaning <code>held</code> Took place", ["Term Meaning held Took place"]),
])
def test_an_entrys_text_is_read_as_paragraphs(text, blocks):
    assert Entry.from_material({"location": "a.html", "title": "A", "text": text}).blocks == blocks


def test_a_teaser_is_bounded_but_the_index_has_every_word():
    long = "word " * 2000
    entry = Entry("a.html", "A", [long, long, "last"])
    assert sum(map(len, entry.teaser())) <= search_index.LONGEST_TEXT
    assert "last" in weigh([entry], SEPARATOR, BOOSTS)


@pytest.mark.parametrize("setting", [{"pipeline": ["stemmer"]}, {"lang": ["en", "uk"]}, {"lang": ["xx"]}])
def test_a_search_setting_the_index_cannot_follow_stops_the_build(tmp_path, setting):
    (tmp_path / "search").mkdir()
    config = {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}, **setting}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": []}))
    with pytest.raises(UnsupportedSearchConfig, match="plugins.search"):
        write_search_index(tmp_path)


def test_a_term_carries_its_stem_and_the_names_are_there_for_typos():
    entries = [
        Entry("actors/z.html", "Volodymyr Zelensky", ["President"], ["Volodymyr Zelensky", "Володимир Зеленський", "UK"]),
        Entry("events/n.html", "Negotiations resume", ["The negotiating teams met"]),
    ]
    files = {name[:-3]: read_piece(text)[1] for name, text in pieces(entries, SEPARATOR, BOOSTS).items()}
    rows = {row[0]: row for name, data in files.items() if name.startswith("t/") for row in data}
    assert rows["negotiations"][2] == rows["negotiating"][2] == "negoti"
    assert rows["зеленський"][2] == "зеленськ"
    assert len(rows["president"]) == 3 and len(rows["met"]) == 2, "a stem is written only where it differs"
    assert ["зеленський", "зеленськ"] in files["names"] and ["zelensky", "zelenski"] in files["names"]
    assert not any(word == "uk" for word, _ in files["names"]), "too short a name for a typo"
    language = files["manifest"]["language"]
    assert language["stemmers"] == {"latin": "english", "cyrillic": "russian"} and "the" in language["stopwords"]
    assert files["manifest"]["stemmers"] == ["base-stemmer.js", "english-stemmer.js", "russian-stemmer.js"]


def test_an_edition_names_its_matcher(tmp_path):
    (tmp_path / "search").mkdir()
    config = {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}}
    docs = [{"location": "a.html", "title": "Зеленського", "text": "<p>Переговори</p>"}]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": config, "docs": docs}))
    write_search_index(tmp_path, language="uk")
    _, manifest = read_piece((tmp_path / "search" / "prebuilt" / "manifest.js").read_text(encoding="utf-8"))
    assert manifest["language"]["code"] == "uk"
