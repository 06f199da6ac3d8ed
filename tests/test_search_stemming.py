"""Word forms: the build's index writer (Python, snowballstemmer) and the browser's worker (the
Snowball JavaScript the build copies from Sphinx's wheel) stem every word of data/ alike, so a
word form the reader types meets the index's stem; and the forms journalists type share a stem."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.render.search_index import tokenizer
from macros.render.search_language import SEARCH_LANGUAGES, stemmer_scripts
from tests.test_search_index import SEPARATOR

ROOT = Path(__file__).resolve().parents[1]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def data_words() -> list[str]:
    """Every word of every text in data/, split and lowercased as the index does."""
    words = tokenizer(SEPARATOR)
    found: set[str] = set()
    for path in sorted((ROOT / "data").rglob("*.yml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found.update(words(text))
    return sorted(found)


def test_data_has_words_of_both_scripts():
    words = data_words()
    assert len(words) > 1000
    assert any("а" <= w[0] <= "я" or w[0] in "іїєґ" for w in words), "no Cyrillic word: the Russian stemmer goes untested"


_STEM_ALL = """([latin, cyrillic, pattern, words]) => {
  const stemmers = {latin: new window[latin](), cyrillic: new window[cyrillic]()};
  const script = new RegExp(pattern);
  return words.map(w => (script.test(w) ? stemmers.cyrillic : stemmers.latin).stemWord(w));
}"""


@pytest.mark.browser
@pytest.mark.parametrize("code", sorted(SEARCH_LANGUAGES))
def test_the_browser_stems_every_word_of_the_data_as_the_build_does(browser, code):
    language = SEARCH_LANGUAGES[code]
    words = data_words()
    page = browser.new_page()
    try:
        for script in stemmer_scripts(language):
            page.add_script_tag(content=script.read_text(encoding="utf-8"))
        names = [f"{language.latin.capitalize()}Stemmer", f"{language.cyrillic.capitalize()}Stemmer"]
        in_browser = page.evaluate(_STEM_ALL, [*names, language.manifest()["cyrillic"], words])
    finally:
        page.close()
    in_python = [language.stem(w) for w in words]
    differ = [(w, p, j) for w, p, j in zip(words, in_python, in_browser) if p != j]
    assert not differ, differ[:20]
    assert sum(p != w for p, w in zip(in_python, words)) > len(words) / 4, "hardly a word stemmed: the stemmers are not running"


@pytest.mark.parametrize("forms", [
    ("negotiations", "negotiating", "negotiated"),
    ("sanctions", "sanctioned", "sanction"),
    ("guarantees", "guaranteed", "guarantee"),
    ("зеленський", "зеленського", "зеленському"),  # Ukrainian: nominative, genitive, dative
    ("зеленский", "зеленского", "зеленскому"),  # Russian
    ("путін", "путіна", "путіну"),
    ("єрмак", "єрмака", "єрмаку"),
    ("україна", "україни"),  # not the dative україні: the Russian stemmer keeps its і (a typo away, see relevance)
    ("россия", "россии", "россией"),
])
def test_word_forms_share_a_stem(forms):
    language = SEARCH_LANGUAGES["en"]
    assert len({language.stem(form) for form in forms}) == 1, {form: language.stem(form) for form in forms}


def test_little_words_of_each_language_are_known():
    little = SEARCH_LANGUAGES["en"].stopwords
    assert {"the", "of", "with", "и", "на", "та", "від"} <= little
    assert not {"us", "nato", "peace", "україна"} & little
