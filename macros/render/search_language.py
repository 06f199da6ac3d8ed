"""The search's matcher for one language of the site: which Snowball stemmer takes a word, and
which words are the language's little words (stop words), the same in the index the build
writes (render/search_index.py) and in the browser's worker (search-worker.js).

Both sides come from one pinned package, Sphinx (requirements.txt): its wheel ships the Snowball
project's JavaScript output of each stemmer (`sphinx/search/minified-js/`, Snowball 3.0.1),
which the build copies into the site for the worker, and depends on `snowballstemmer`, the
Python output of the same Snowball release, which the build stems with; it also ships the
Snowball project's stop-word lists. tests/test_search_stemming.py runs the JavaScript stemmers
in node against the Python ones on every word of data/.

Snowball has no Ukrainian stemmer (nor does any maintained package of PyPI or npm that has both
sides): Cyrillic words, Ukrainian or Russian, go to the Russian stemmer, which takes the endings
the two languages share (-ого, -ому, -у, -а, -ів, -ові ...), so that `Зеленського` finds the
alias `Зеленський`. Where the Ukrainian vowel і stands for the Russian и, typo tolerance bridges
the two (`Путіну` → `путін`, one letter from `путин`). Ukrainian's little words are a short list
declared here, as no maintained list exists in a pinned package.

A language edition of the site names its matcher by its code (`SEARCH_LANGUAGES`); the manifest
of its index carries the matcher's declaration, so the worker needs no copy of it.
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

# The Snowball files under Sphinx's package folder (found without importing Sphinx).
SPHINX_SEARCH = Path(importlib.util.find_spec("sphinx").submodule_search_locations[0]) / "search"
STEMMER_SCRIPTS = SPHINX_SEARCH / "minified-js"
STOPWORD_LISTS = SPHINX_SEARCH / "_stopwords"

# A word with a Cyrillic letter is stemmed as Cyrillic; every other word as Latin.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
CYRILLIC_CLASS = "[\\u0400-\\u04ff]"  # the same class for the worker's RegExp

# The little words of Ukrainian (no pinned package ships a list): conjunctions, prepositions and
# particles that carry no name or topic.
UKRAINIAN_STOPWORDS = frozenset(
    "а але або б би в від до же з за зі із й і їх коли на не ні о об по при про та те то у це цей ця ці чи що як".split())


@dataclass(frozen=True)
class SearchLanguage:
    """How one edition's search treats a word: stemmer by script, and its little words."""

    code: str
    latin: str  # Snowball algorithm for words in Latin script (and any other non-Cyrillic word)
    cyrillic: str  # Snowball algorithm for words with a Cyrillic letter
    stopword_lists: tuple[str, ...]  # Snowball's lists, by language code, as Sphinx ships them
    extra_stopwords: frozenset[str] = frozenset()

    @property
    def algorithms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.latin, self.cyrillic]))

    def stemmer(self, word: str):
        return _stemmer(self.cyrillic if _CYRILLIC.search(word) else self.latin)

    def stem(self, word: str) -> str:
        """The word's stem (the word is lowercase, as the tokenizer gives it)."""
        return _stem(self, word)

    @property
    def stopwords(self) -> frozenset[str]:
        return _stopwords(self)

    def manifest(self) -> dict:
        """What the worker needs to match alike: which stemmer takes which word, the little words."""
        return {
            "code": self.code,
            "stemmers": {"latin": self.latin, "cyrillic": self.cyrillic},
            "cyrillic": CYRILLIC_CLASS,
            "stopwords": sorted(self.stopwords),
        }


@cache
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=200_000)
def _stem(language: SearchLanguage, word: str) -> str:
    return language.stemmer(word).stemWord(word)


def read_stopword_list(code: str) -> frozenset[str]:
    """A Snowball stop-word list: a word at the start of a line, comments after a vertical bar."""
    text = (STOPWORD_LISTS / f"{code}.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() for word in line.split("|")[0].split())


@cache
def _stopwords(language: SearchLanguage) -> frozenset[str]:
    lists = [read_stopword_list(code) for code in language.stopword_lists]
    return frozenset().union(*lists, language.extra_stopwords)


def stemmer_scripts(language: SearchLanguage) -> list[Path]:
    """The JavaScript files the worker loads for this language: Snowball's base, then each stemmer."""
    return [STEMMER_SCRIPTS / "base-stemmer.js", *(STEMMER_SCRIPTS / f"{a}-stemmer.js" for a in language.algorithms)]


# One matcher per edition of the site, by language code. The English site's records hold
# English, and Ukrainian and Russian names: both Cyrillic stop-word lists apply.
SEARCH_LANGUAGES = {
    "en": SearchLanguage("en", latin="english", cyrillic="russian", stopword_lists=("en", "ru"), extra_stopwords=UKRAINIAN_STOPWORDS),
    "uk": SearchLanguage("uk", latin="english", cyrillic="russian", stopword_lists=("ru", "en"), extra_stopwords=UKRAINIAN_STOPWORDS),
}
