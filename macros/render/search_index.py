"""The search index the browser does not have to build: written once by the build, read in small
pieces by the site's own search worker (docs/assets/javascripts/search-worker.js).

Material's search worker builds a lunr index from every entry on every page opened (offline, every
page opened pays it again: about 2 s at 10,000 records). Here the build does that work once. The
entries are the ones Material's search plugin collected (a generated page gives it only the words
of render/search.py, a hand-written page one entry per section); the words are split with the
`separator` of mkdocs.yml, which the worker also receives, so index and query split alike.

What is written under `search/prebuilt/`, each file a script that hands its piece to the worker
(`searchPiece(name, data)`), because a page opened from disk may load scripts but not read files:

- `manifest.js`: which term files and prefix files exist, which entries are sections of a page,
  how many entries each document file holds, how many results a query returns, and the
  language's matcher (render/search_language.py: which Snowball stemmer takes a word, the
  little words);
- `t/<n>.js`: every term starting with one prefix, each with its postings: entry ids (as gaps)
  and precomputed weights, in which a word of the title or of the tags (other names) counts as
  much as the field's boost in mkdocs.yml says, as lunr would count it; and its stem where it
  differs from the word (a query word finds the terms that start with it, and those of its stem);
- `p/<n>.js`: for a prefix whose terms fill several term files, the postings of the prefix itself
  as a word, the best entries for any word starting with it (what a reader typing one or two
  letters is shown) and how many pages hold such a word;
- `names.js`: the words of every entry's other names (tags), with their stems, which a query word
  with a typo is compared with;
- `d/<n>.js`: location, title, text and tags of a run of entries, for the results shown.

Every piece is a JSON array or an object with the build's own keys, never an object keyed by a
word of the data: read as a script, an object literal takes `"__proto__"` for its prototype
where JSON.parse (over http) makes it a key, and the two would find different things.

A query loads the manifest, one term or prefix file per word (two where its stem is in another),
for a long word that finds little by itself the names and the term files of the few names it
may mean with a typo, and the document files of its results: a few small files, whatever the
size of the site.
"""
from __future__ import annotations

import heapq
import html
import json
import math
import re
import shutil
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..export.common import one_line, write_bytes
from .search_language import SEARCH_LANGUAGES, SearchLanguage, stemmer_scripts

PIECES = "prebuilt"
# Material's index file: its entries are read here; the page still loads it (for the worker's
# configuration and the `search.highlight` feature), so it keeps only the configuration.
MATERIAL_INDEX = "search_index.json"

TERM_FILE_BYTES = 24_000  # a prefix whose terms take more is split by the next letter
# A query loads the document file of each result it returns: small files, few results.
DOCUMENTS_PER_FILE = 5
RESULT_LIMIT = 50  # entries a query returns at most (Material renders 10, more as one scrolls)
# What a result's teaser may show of an entry's text (the index itself holds all of it).
LONGEST_BLOCK = 500
LONGEST_TEXT = 1500

# lunr's BM25 constants as Material uses them: k1 = 1.2 and no length normalisation (b = 0).
_K1 = 1.2
WEIGHT_SCALE = 10  # weights are written as integers, in tenths

# The blocks of an entry's text: Material keeps <p>, <li>, <pre> and <code> of a page.
_BLOCK_END = re.compile(r"</(?:p|li|pre|ul|ol)>|<(?:p|li|pre|ul|ol)(?:\s[^>]*)?>")
_TAG = re.compile(r"<[^>]+>")


class UnsupportedSearchConfig(ValueError):
    """A search setting of mkdocs.yml that neither the prebuilt index nor the worker follows."""


@dataclass
class Entry:
    """One search result: a page, or a section of a hand-written page (location with #id)."""

    location: str
    title: str
    blocks: list[str]
    tags: list[str] = field(default_factory=list)

    @classmethod
    def from_material(cls, doc: dict) -> "Entry":
        blocks = [b for b in (_plain(b) for b in _BLOCK_END.split(doc.get("text", ""))) if b]
        return cls(doc["location"], _plain(doc.get("title", "")), blocks, [_plain(t) for t in doc.get("tags") or []])

    @classmethod
    def from_words(cls, location: str, title: str, blocks: list[str], tags: tuple[str, ...] = ()) -> "Entry":
        """The entry Material's search plugin would make of a page holding only these blocks of
        plain (unescaped) words, without parsing its HTML."""
        return cls(location, one_line(title), [b for b in map(one_line, blocks) if b], [one_line(t) for t in tags])

    def teaser(self) -> list[str]:
        """The blocks a result may show, shortened: the index holds all of the words."""
        shown, left = [], LONGEST_TEXT
        for block in self.blocks:
            if left <= 0:
                break
            shown.append(block[: min(LONGEST_BLOCK, left)])
            left -= len(shown[-1])
        return shown

    def fields(self) -> dict[str, list[str]]:
        return {"title": [self.title], "text": self.blocks, "tags": self.tags}


def _plain(markup: str) -> str:
    return one_line(html.unescape(_TAG.sub(" ", markup)))


def tokenizer(separator: str):
    """Words as Material's search splits them: at the separator, lowercased."""
    split = re.compile(separator)

    def words(text: str) -> list[str]:
        return [w for w in split.split(text.lower()) if w]

    return words


def weigh(entries: list[Entry], separator: str, boosts: dict[str, float]) -> dict[str, dict[int, int]]:
    """term → {entry id: weight}: BM25 of the term in each field (b = 0), times the field's
    boost, summed over the fields, times the term's rarity over all entries."""
    words = tokenizer(separator)
    per_term: dict[str, dict[int, float]] = defaultdict(dict)
    for number, entry in enumerate(entries):
        sums: dict[str, float] = {}
        for name, texts in entry.fields().items():
            boost = boosts.get(name, 1.0)
            # Joined by a space, which the separator splits at: one split per field.
            for term, tf in Counter(words(" ".join(texts))).items():
                sums[term] = sums.get(term, 0.0) + boost * tf * (_K1 + 1) / (_K1 + tf)
        for term, value in sums.items():
            per_term[term][number] = value
    total = len(entries)
    weights = {}
    for term, docs in per_term.items():
        rarity = math.log(1 + (total - len(docs) + 0.5) / (len(docs) + 0.5))
        weights[term] = {doc: max(1, round(value * rarity * WEIGHT_SCALE)) for doc, value in docs.items()}
    return weights


def postings(docs: dict[int, int]) -> list[int]:
    """[gap, weight, gap, weight, ...] by entry id: the first gap is the first id."""
    flat, previous = [], 0
    for doc in sorted(docs):
        flat += [doc - previous, docs[doc]]
        previous = doc
    return flat


def _size(term: str, docs: dict) -> int:
    return len(term) + 4 + 8 * len(docs)


def shard(weights: dict[str, dict[int, int]], budget: int = TERM_FILE_BYTES) -> tuple[dict[str, list[str]], list[str]]:
    """Group the terms by prefix: ({prefix: its terms} for the term files, [prefixes split
    further]). A prefix is split by its next letter while its terms take more than the budget;
    a term no longer than a split prefix is the prefix itself and goes to the prefix file."""
    files: dict[str, list[str]] = {}
    split: list[str] = []
    todo = [("", sorted(weights))]
    while todo:
        prefix, terms = todo.pop()
        longer = [t for t in terms if len(t) > len(prefix)]
        if prefix and sum(_size(t, weights[t]) for t in terms) <= budget:
            files[prefix] = terms
            continue
        if prefix:
            split.append(prefix)
        groups: dict[str, list[str]] = defaultdict(list)
        for term in longer:
            groups[term[: len(prefix) + 1]].append(term)
        todo.extend(groups.items())
    return dict(sorted(files.items())), sorted(split)


def best(parts: list[dict[int, int]], limit: int = RESULT_LIMIT) -> dict[int, int]:
    """The entries of highest weight in any of the parts (an entry's best weight counts), at
    most `limit` of them."""
    top: dict[int, int] = {}
    for part in parts:
        for doc, weight in part.items():
            if weight > top.get(doc, 0):
                top[doc] = weight
    chosen = heapq.nsmallest(limit, top, key=lambda d: (-top[d], d))
    return {doc: top[doc] for doc in chosen}


def best_by_prefix(weights: dict[str, dict[int, int]], term_files: dict[str, list[str]], split: list[str]) -> dict[str, dict[int, int]]:
    """The best entries for every split prefix, from the bottom up: the best of a prefix are
    among the best of its longer prefixes and the prefix itself as a word."""
    tops = {prefix: best([weights[t] for t in terms]) for prefix, terms in term_files.items()}
    children: dict[str, list[str]] = defaultdict(list)
    for key in [*term_files, *split]:
        children[key[:-1]].append(key)
    for prefix in sorted(split, key=len, reverse=True):
        own = [weights[prefix]] if prefix in weights else []
        tops[prefix] = best([tops[child] for child in children[prefix]] + own)
    return {prefix: tops[prefix] for prefix in split}


# JSON that means the same read as a script: the line and paragraph separators, which JSON
# allows raw in a string, escaped (JavaScript before ES2019 ended a string at them).
_SCRIPT_UNSAFE = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def _script(name: str, data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE)
    return f"searchPiece({json.dumps(name)},{text});\n"


def _term_row(term: str, docs: dict[int, int], language: SearchLanguage) -> list:
    """[term, postings] or [term, postings, stem] where the stem is not the term itself."""
    stem = language.stem(term)
    return [term, postings(docs)] if stem == term else [term, postings(docs), stem]


def pages_of(entries: list[Entry]) -> list[int]:
    """Each entry's page, as a number (a section counts as its page): what a count of pages counts."""
    numbers: dict[str, int] = {}
    return [numbers.setdefault(entry.location.split("#")[0], len(numbers)) for entry in entries]


# A name word shorter than this is not matched with a typo (the worker asks more of the query word).
MIN_NAME_TYPO = 4


def name_words(entries: list[Entry], separator: str, language: SearchLanguage) -> list[list[str]]:
    """[word, stem] of every word of the entries' other names (tags): what a typo is matched against."""
    words = tokenizer(separator)
    found = sorted({w for entry in entries for tag in entry.tags for w in words(tag) if len(w) >= MIN_NAME_TYPO})
    return [[w, language.stem(w)] for w in found]


def pieces(entries: list[Entry], separator: str, boosts: dict[str, float], budget: int = TERM_FILE_BYTES,
           language: SearchLanguage = SEARCH_LANGUAGES["en"]) -> dict[str, str]:
    """Every file of the prebuilt index, by path under search/prebuilt/."""
    weights = weigh(entries, separator, boosts)
    term_files, split = shard(weights, budget)
    out: dict[str, str] = {}
    for number, (prefix, terms) in enumerate(term_files.items()):
        name = f"t/{number}"
        out[name + ".js"] = _script(name, [_term_row(term, weights[term], language) for term in terms])
    tops = best_by_prefix(weights, term_files, split)
    sorted_terms = sorted(weights)
    page_of = pages_of(entries)
    for number, prefix in enumerate(split):
        name = f"p/{number}"
        exact = postings(weights[prefix]) if prefix in weights else []
        holding = len({page_of[d] for term in sorted_terms[bisect_left(sorted_terms, prefix):bisect_left(sorted_terms, prefix + "\U0010ffff")]
                       for d in weights[term]})
        out[name + ".js"] = _script(name, {"exact": exact, "best": postings(tops[prefix]), "pages": holding})
    out["names.js"] = _script("names", name_words(entries, separator, language))
    for start in range(0, len(entries), DOCUMENTS_PER_FILE):
        name = f"d/{start // DOCUMENTS_PER_FILE}"
        docs = [[e.location, e.title, e.teaser(), e.tags] for e in entries[start : start + DOCUMENTS_PER_FILE]]
        out[name + ".js"] = _script(name, docs)
    articles = {e.location: n for n, e in enumerate(entries) if "#" not in e.location}
    sections = {n: articles.get(e.location.split("#")[0], -1) for n, e in enumerate(entries) if "#" in e.location}
    out["manifest.js"] = _script("manifest", {
        "entries": len(entries),
        "perFile": DOCUMENTS_PER_FILE,
        "scale": WEIGHT_SCALE,
        "limit": RESULT_LIMIT,
        "terms": [[prefix, n] for n, prefix in enumerate(term_files)],
        "prefixes": [[prefix, n] for n, prefix in enumerate(split)],
        "sections": [[n, article] for n, article in sections.items()],
        "language": language.manifest(),
        "stemmers": [path.name for path in stemmer_scripts(language)],
    })
    return out


def in_page_order(material: list[Entry], order: list[Entry | str] | None) -> list[Entry]:
    """Material's entries and the entries made here, in the order the pages were built (the
    order Material alone would have listed them in). `order` names each page as it was built:
    its entry, made here, or the address of a page Material indexed (into none or several)."""
    if order is None:
        return material
    by_page: dict[str, list[Entry]] = defaultdict(list)
    for entry in material:
        by_page[entry.location.split("#")[0]].append(entry)
    merged: list[Entry] = []
    for slot in order:
        merged.extend([slot] if isinstance(slot, Entry) else by_page.pop(slot, []))
    return merged + [entry for rest in by_page.values() for entry in rest]


def write_search_index(site_dir: str | Path, order: list[Entry | str] | None = None, language: str | None = None) -> int:
    """Turn Material's search_index.json, with the entries of the pages it did not index (in
    `order`, the pages as they were built), into the prebuilt pieces, and leave Material's file
    with its configuration only (the page loads it before every search), and put the language's
    stemmers beside the worker. The matcher is `language`'s (a code of SEARCH_LANGUAGES: an
    edition whose language lunr lacks, such as Ukrainian, names it here) or that of the search
    plugin's `lang`. Returns the bytes of the pieces written."""
    search = Path(site_dir) / "search"
    material = search / MATERIAL_INDEX
    if not material.is_file():
        return 0
    index = json.loads(material.read_text(encoding="utf-8"))
    config = index["config"]
    lang = [language] if language else config.get("lang", ["en"])
    if config.get("pipeline") or len(lang) != 1 or lang[0] not in SEARCH_LANGUAGES:
        raise UnsupportedSearchConfig(
            f"mkdocs.yml: plugins.search: lang {config.get('lang')}, pipeline {config.get('pipeline')}: "
            "the prebuilt index splits words at the separator and stems them with its own matcher "
            f"(lang: one of {', '.join(SEARCH_LANGUAGES)}, pipeline: [])")
    matcher = SEARCH_LANGUAGES[lang[0]]
    boosts = {name: float(spec.get("boost", 1)) for name, spec in config.get("fields", {}).items()}
    entries = in_page_order([Entry.from_material(doc) for doc in index["docs"]], order)
    out = search / PIECES
    if out.exists():
        for old in sorted(out.rglob("*.js")):
            old.unlink()
    written = 0
    for name, text in pieces(entries, config["separator"], boosts, language=matcher).items():
        path = out / name
        if not path.parent.is_dir():  # a few folders for a thousand files and more
            path.parent.mkdir(parents=True)
        data = text.encode("utf-8")
        write_bytes(path, data)
        written += len(data)
    material.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
    install_stemmers(site_dir, matcher)
    return written


# The Snowball stemmers the worker loads (search-worker.js names this folder too).
STEMMERS = "assets/javascripts/stemmers"


def install_stemmers(site_dir: str | Path, language: SearchLanguage) -> None:
    """Copy the language's Snowball stemmers (JavaScript, from the pinned Sphinx wheel) into the
    site, beside the worker."""
    folder = Path(site_dir) / STEMMERS
    folder.mkdir(parents=True, exist_ok=True)
    for script in stemmer_scripts(language):
        write_bytes(folder / script.name, script.read_bytes())


# The pages name Material's worker (`__config.search`); the site's own worker takes its file.
WORKER_SOURCE = "assets/javascripts/search-worker.js"
MATERIAL_WORKERS = "assets/javascripts/workers/search.*.min.js"
# lunr's language support (about 1 MB), which only Material's worker loads.
MATERIAL_LUNR = "assets/javascripts/lunr"


def install_worker(site_dir: str | Path) -> list[Path]:
    """Put the site's worker where the pages look for Material's, and drop Material's source
    map, which would describe the wrong file, and the lunr files no page loads any more.
    Returns the files replaced."""
    site = Path(site_dir)
    source = site / WORKER_SOURCE
    replaced = sorted(site.glob(MATERIAL_WORKERS))
    for target in replaced:
        target.write_bytes(source.read_bytes())
        target.with_name(target.name + ".map").unlink(missing_ok=True)
    if replaced:
        shutil.rmtree(site / MATERIAL_LUNR, ignore_errors=True)
    return replaced


def prebuild_search(site_dir: str | Path, order: list[Entry | str] | None = None, language: str | None = None) -> None:
    """After Material's search plugin wrote its index (and before its offline plugin inlines it)."""
    write_search_index(site_dir, order, language)
    install_worker(site_dir)


def search_bytes(site_dir: str | Path) -> int:
    """What the search may load from a site opened from disk: Material's configuration script
    and every prebuilt piece (search_index.json is the same configuration, for http)."""
    search = Path(site_dir) / "search"
    files = [search / "search_index.js", *sorted((search / PIECES).rglob("*.js"))]
    return sum(path.stat().st_size for path in files if path.is_file())
