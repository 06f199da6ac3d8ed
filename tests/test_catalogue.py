"""Every word a reader sees comes from the message catalogue (macros/i18n.py).

- No reader-facing literal is written in the code that renders pages and open data: an AST scan
  of render/ and export/ (and of schema.py's module-level declarations, where the labels of its
  closed lists were) finds every string constant with words in it that is not a message id,
  markup or an identifier.
- Every message id the code uses is in the catalogue, every message of the catalogue is used, and
  every closed list of the model has its words (a status without a badge label would stop a build).
- The English catalogue is complete: no empty message, placeholders matching across plural forms.
- A pseudo-language (accented English, made from the English catalogue in a temporary folder)
  changes the words of the rendered pages: nothing a reader sees is left in English.
"""
from __future__ import annotations

import ast
import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from macros import schema
from macros.export.catalogue import MEDIA_TYPES
from macros.export.licence import CODE_LICENCE, DATA_LICENCE
from macros.i18n import LOCALES, Locale, catalogue_path, read_catalogue
from macros.kinds import KINDS
from macros.review import REVIEW_REASONS
from tests.conftest import DATA, ROOT

# problem_list.py is what `make serve` shows a contributor while data/ is invalid: the validator's
# messages, in English like them (ARCHITECTURE.md).
SCANNED = sorted([*(p for p in (ROOT / "macros" / "render").glob("*.py") if p.name != "problem_list.py"),
                  *(ROOT / "macros" / "export").glob("*.py"), ROOT / "macros" / "schema.py"])
DECLARATIONS_ONLY = {ROOT / "macros" / "schema.py"}
# A message id: dotted lower-case words ("record.sources", "status.in-force"); a prefix ends in a
# dot and is completed at run time from a closed list (f"status.{status}").
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+")
PREFIX = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)*\.")
# Words: two letters or more next to a space, or a capitalised word.
WORDY = re.compile(r"[A-Za-z]{2,} | [A-Za-z]{2,}|^[A-Z][a-z]+")
# Keyword arguments that carry markup or identifiers, never words (class_, id, rel, href ...);
# these do carry words and are scanned: title, aria_label, alt, label, caption.
WORDED_KEYWORDS = {"title", "aria_label", "alt", "label", "caption", "summary", "description", "text"}
# Calls whose text is for developers and contributors, not readers: exceptions and the
# validator's `path:line: field: message (hint)` (English by design, see ARCHITECTURE.md).
# The build's log is for whoever runs it: its lines, and the functions that write one.
LOG_LINES = {("theme.py", "describe")}
CONTRIBUTOR_FACING = {"Field", "FieldGroup", "exactly_one_of", "at_least_one_of", "Retired", "report", "Problem", "warn", "print",
                      "info", "debug", "warning", "describe"}

# The issue forms and what `from-issue` says about a submitted one speak to contributors, in English
# like the validator (ARCHITECTURE.md): their dotted strings are field paths ("source.url") and
# file names ("files.txt"), never message ids.
CONTRIBUTOR_TOOLS = {"forms.py", "from_issue.py"}

# Literals that are not words for readers, each with its reason.
ALLOWED = {
    # The default site name when no generator config gives one (mkdocs.yml's site_name does).
    "Ukraine Peace Process Tracker",
    # The calendar's formal public identifier (RFC 5545 PRODID), not words.
    "-//Ukraine Peace Process Tracker//Open data v1//EN",
    # BibTeX's separator of authors: syntax.
    " and ",
    # Names: of the formats files are published in ("JSON Schema", "BibTeX"), and of the licences.
    *MEDIA_TYPES, DATA_LICENCE.title, CODE_LICENCE.title,
    # The card images' font files (export/cards.py): file names of Debian's fonts-dejavu-core.
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
}
# schema.org's and Popolo's type names: identifiers of a vocabulary, the same in every language.
VOCABULARY_TERMS = re.compile(r"[A-Z][A-Za-z]+")
VOCABULARY_FILES = {"jsonld.py", "structured.py", "popolo.py"}

# Files whose literals have not been moved to the catalogue yet, with their number of literals.
# The number may only go down (then lower it here); a file reaching 0 leaves this list.
NOT_YET_MOVED = {
    # The words of the data package's Table Schema descriptions around the model's field docs.
    "macros/export/datapackage.py": 1,
    # A field's type in words (describe()), to move with the field types' own words (issue 22, item 4).
    "macros/export/page.py": 14,
    # The CSV cells' words ("about", " via ") for figures, amounts and citations.
    "macros/export/tables.py": 5,
    # A statement's title when the speaker is unknown: View.title has no Locale yet.
    "macros/render/views.py": 1,
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _not_for_readers(path: Path, tree: ast.AST) -> set[int]:
    """Constants in exceptions, in contributor-facing calls, and in markup keyword arguments."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            skipped |= {id(c) for c in ast.walk(node.exc)}
        if isinstance(node, ast.Call):
            if _call_name(node) in CONTRIBUTOR_FACING:
                skipped |= {id(c) for c in ast.walk(node)}
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in WORDED_KEYWORDS:
                    skipped |= {id(c) for c in ast.walk(keyword.value)}
        if isinstance(node, ast.Assert) or (isinstance(node, ast.FunctionDef) and (path.name, node.name) in LOG_LINES):
            skipped |= {id(c) for c in ast.walk(node)}
    return skipped


def _annotations(tree: ast.AST) -> set[int]:
    """Type annotations written as strings ("Entry")."""
    found = set()
    for node in ast.walk(tree):
        for annotation in (getattr(node, "returns", None), getattr(node, "annotation", None)):
            if annotation is not None:
                found |= {id(c) for c in ast.walk(annotation)}
    return found


def _scanned_nodes(path: Path, tree: ast.Module):
    if path in DECLARATIONS_ONLY:
        return [n for statement in tree.body if isinstance(statement, (ast.Assign, ast.AnnAssign)) for n in ast.walk(statement)]
    return ast.walk(tree)


def reader_facing_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree) | _not_for_readers(path, tree) | _annotations(tree)
    found = []
    for node in _scanned_nodes(path, tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skipped:
            continue
        text = node.value
        if KEY.fullmatch(text) or PREFIX.fullmatch(text) or text in ALLOWED or "://" in text or text.lstrip().startswith("<"):
            continue  # message ids, URLs and markup
        if path.name in VOCABULARY_FILES and VOCABULARY_TERMS.fullmatch(text):
            continue
        if WORDY.search(text):
            found.append((node.lineno, text))
    return found


def test_no_reader_facing_literal_is_written_outside_the_catalogue():
    counts, shown = {}, []
    for path in SCANNED:
        name = path.relative_to(ROOT).as_posix()
        literals = reader_facing_literals(path)
        counts[name] = len(literals)
        if name not in NOT_YET_MOVED:
            shown += [f"{name}:{line}: {text!r}" for line, text in literals]
    assert not shown, "words written in the code instead of the catalogue (macros/locales/en/LC_MESSAGES/tracker.po):\n" + "\n".join(shown)
    assert {name: counts[name] for name in NOT_YET_MOVED} == NOT_YET_MOVED, "update NOT_YET_MOVED: fewer literals is progress"


def test_the_scan_finds_a_literal_written_in_a_renderer(tmp_path):
    """The scan is not blind: a sentence, a capitalised heading and a title attribute are found;
    a message id, a CSS class and an exception's message are not."""
    module = tmp_path / "module.py"
    module.write_text('def f(ctx):\n    """Docs."""\n    if not ctx:\n        raise ValueError("no context given")\n'
                      '    return el("p", "Nothing recorded yet.", el("h2", "Sources"), el("a", "x", title="Link to this", class_="tr-more tr-note"),\n'
                      '              ctx.t("record.sources"), ctx.t(f"status.{ctx}"))\n')
    assert [text for _, text in reader_facing_literals(module)] == ["Nothing recorded yet.", "Sources", "Link to this"]


# --- message ids: used and defined ---------------------------------------------------------------

def used_ids() -> tuple[set[str], set[str]]:
    """(message ids, id prefixes) written in the code: constants shaped like an id whose first
    part names a group of the catalogue, and the constant start of an f-string id."""
    groups = {key.split(".")[0] for key in Locale().messages}
    keys, prefixes = set(), set()
    for path in (ROOT / "macros").rglob("*.py"):
        if path.parent.name == "macros" and path.name in CONTRIBUTOR_TOOLS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                start = node.values[0].value
                if PREFIX.fullmatch(start) and start.split(".")[0] in groups:
                    prefixes.add(start)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                if node.value.split(".")[0] in groups and not node.value.endswith((".html", ".json", ".csv", ".ics", ".xml", ".yml")):
                    keys.add(node.value)
    return keys, prefixes


def closed_lists() -> dict[str, tuple[str, ...]]:
    """For each id prefix completed from a closed list of the model, the values it must cover."""
    return {
        "status.": (*schema.EVENT_STATUSES, *schema.COMMITMENT_STATUSES, *schema.ROLE_STATES, *schema.DERIVED_EVENT_STATES),
        "statement_kind.": schema.STATEMENT_KINDS,
        "stance.": schema.STANCES,
        "meaning.stance.": schema.STANCES,
        **{f"meaning.{kind}.": terms for kind, terms in schema.STATUS_MEANINGS.items()},
        "meaning.event.": (*schema.EVENT_STATUSES, *schema.DERIVED_EVENT_STATES),
        "format.": schema.EVENT_FORMATS,
        "mode.": tuple(m for m in schema.PARTICIPATION_MODES if m != "unknown"),  # an unknown mode is not shown
        "source_kind.": schema.SOURCE_KINDS,
        "citations.kind.": tuple(k for k in schema.SOURCE_KINDS if k != "other"),  # "other" adds no note
        "area.": schema.COMMITMENT_AREAS,
        "chart.area.": schema.COMMITMENT_AREAS,
        "actor_kind.": schema.ACTOR_KINDS,
        "precision.": schema.FIGURE_PRECISIONS,
        "changes.kind.": tuple(KINDS),
        "kind.": tuple(KINDS),
        "kind_heading.": tuple(KINDS),
        **{f"review.{reason}.": ("title", "action", "detail") for reason in REVIEW_REASONS},
    }


def test_every_message_the_code_uses_is_in_the_catalogue_and_every_message_is_used():
    english = Locale()
    keys, prefixes = used_ids()
    missing = sorted(k for k in keys if k not in english.messages)
    assert not missing, f"messages the code uses that {catalogue_path('en').relative_to(ROOT)} lacks: {missing}"
    for prefix, values in closed_lists().items():
        assert prefix in prefixes or any(prefix.startswith(p) for p in prefixes), f"no code uses {prefix}<value>: remove it from closed_lists()"
        lacking = [v for v in values if prefix + v not in english.messages]
        assert not lacking, f"the catalogue has no words for {prefix}{lacking}"
    unused = sorted(k for k in english.messages if k not in keys and not any(k.startswith(p) for p in prefixes))
    assert not unused, f"messages no code uses (remove them, or use them): {unused}"


# --- the catalogues themselves ---------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_english_catalogue_is_complete_and_well_formed():
    catalogue = read_catalogue("en")
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 300
    for message in messages:
        forms = message.string if message.pluralizable else (message.string,)
        assert all(forms), f"{message.id}: no English"
        if message.pluralizable:
            assert len(forms) == catalogue.num_plurals == 2, message.id
            assert "n" in placeholders(forms[1]), f"{message.id}: the plural form does not say the number ({{n}})"
            assert placeholders(forms[0]) - {"n"} == placeholders(forms[1]) - {"n"}, message.id
    # No compiled catalogue is kept: the build reads the .po files.
    assert not list(LOCALES.rglob("*.mo"))


def test_dates_numbers_and_plurals_follow_cldr():
    t = Locale()
    assert t.date("2026-01-06") == "6 January 2026" and t.date("2026-01") == "January 2026" and t.date("2026") == "2026"
    assert t.date("2026-01-06", True) == "about 6 January 2026" and t.date(None) == "date unknown"
    assert t.month_name(9) == "Sep" and t.number(1234567) == "1,234,567" and t.number(2.5) == "2.5"
    assert t.large_number(2_500_000_000) == "2.5 billion"
    assert [t.plural("history.changes", n) for n in (0, 1, 2)] == [" · 0 changes", " · 1 change", " · 2 changes"]
    assert t.plural("commitment.years", 1.5) == "(1.5 years)"


# --- a pseudo-language ---------------------------------------------------------------------------

ACCENTED = str.maketrans("aeiouAEIOUcnsyz", "áéíóúÁÉÍÓÚçñšýž")


def pseudo(text: str) -> str:
    """Accented English, placeholders kept: "Sources of {title}" → "Šóúrçéš óf {title}"."""
    parts = re.split(r"(\{[^{}]*\})", text)
    return "".join(part if part.startswith("{") else part.translate(ACCENTED) for part in parts)


def pseudo_catalogue(directory: Path) -> Locale:
    """The English catalogue with every message accented (date patterns are CLDR's, kept), in a
    folder of its own: a second language, made the way a translator's would be."""
    english = read_catalogue("en")
    out = Catalog(locale="en", domain="tracker")
    for message in english:
        if not message.id:
            continue
        if message.pluralizable:
            out.add(message.id, tuple(pseudo(s) for s in message.string))
        else:
            out.add(message.id, message.string if message.id.startswith("date.pattern.") else pseudo(message.string))
    path = catalogue_path("en", directory)
    path.parent.mkdir(parents=True)
    with path.open("wb") as po:
        write_po(po, out)
    return Locale("en", directory)


class _Text(HTMLParser):
    """The words a page shows: its text and titles, without code (ids, file names, BibTeX)."""

    def __init__(self):
        super().__init__()
        self.texts, self.in_code = [], 0

    def handle_data(self, data):
        if not self.in_code:
            self.texts.append(data)

    def handle_starttag(self, tag, attrs):
        self.in_code += tag == "code"
        self.texts += [v for k, v in attrs if k in ("title", "aria-label") and v]

    def handle_endtag(self, tag):
        self.in_code -= tag == "code" and self.in_code > 0


def page_words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    # Addresses, identifiers and file names are not words: "https://…", "tag:…", "actors/x.html", "feed.xml".
    text = re.sub(r"\S*/\S*|\btag:\S+|\S+\.(html|xml|json|csv|ics|bib)\b", " ", " ".join(parser.texts))
    return set(re.findall(r"[A-Za-z]{4,}", text))


# The Open data page's field tables show the model's own documentation (schema.py's docs, which
# CONTRIBUTING.md and the JSON Schemas share) and each field type in words (export/page.py
# describe()): both are still English only.
MODEL_DOCUMENTATION = {"field_reference", "field_references"}


def calendar_values(text: str) -> str:
    """The words of an iCalendar file: its lines unfolded, the values of the properties people read."""
    lines = text.replace("\r\n ", "").split("\r\n")
    read = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "X-WR-CALNAME", "X-WR-CALDESC")
    return "\n".join(line.split(":", 1)[1] for line in lines if line.split(":", 1)[0].split(";")[0] in read)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every generated page and every macro's output, in English and in the pseudo-language."""
    from macros.export.calendar import calendar_text
    from macros.export.feed import feed_xml
    from macros.history import ReferenceDate
    from macros.load import load_dataset
    from macros.pages import as_of_line, generated_pages, macro_functions
    from macros.render.common import SiteConfig
    from macros.render.views import rendering_of

    dataset = load_dataset(DATA)
    out = {}
    for name, t in (("en", Locale()), ("pseudo", pseudo_catalogue(tmp_path_factory.mktemp("locales")))):
        site = SiteConfig(locale=t, as_of=ReferenceDate("2026-01-10", "commit", "0123456789abcdef"), repository="https://example.org/repo")
        rendering = rendering_of(dataset, site)
        pages = [f"<h1>{page.title}</h1>" + str(page.render()) for page in generated_pages(rendering)]
        pages += [as_of_line(rendering, "index.html"), feed_xml(dataset, site_name="", t=t), calendar_values(calendar_text(dataset, site_name="", t=t))]
        macros = macro_functions()
        ctx = rendering.context("index.html")
        extra = {"status_table": ("event", "commitment", "statement"), "vocabulary_table": ("topics",)}
        for macro, function in macros.items():
            if macro in MODEL_DOCUMENTATION:
                continue
            for argument in extra.get(macro, (None,)):
                try:
                    pages.append(str(function(ctx, argument) if argument else function(ctx)))
                except TypeError:
                    continue  # a macro that needs arguments the page gives
        out[name] = pages
    return dataset, out


@pytest.mark.slow  # renders every generated page of data/ twice
def test_a_pseudo_language_changes_every_word_of_the_pages(rendered):
    """Words of the English pages that are neither data nor CLDR's month names must be gone in
    the pseudo-language: had any been written in the code, it would stay."""
    dataset, pages = rendered
    data = "\n".join(p.read_text(encoding="utf-8") for p in [*DATA.rglob("*.yml"), ROOT / "CITATION.cff"])
    # Words of the data, also cut short ("…"), CLDR's month names, and names: the site's, a licence's.
    names = {"Ukraine", "Peace", "Process", "Tracker", "Creative", "Commons", "Attribution", "International", "License"}
    not_ours = {w for w in set().union(*map(page_words, pages["en"])) if w in data} | names
    not_ours |= {Locale().month_name(m, "date.pattern.month").strip() for m in range(1, 13)}
    english = set().union(*map(page_words, pages["en"])) - not_ours
    hard_coded = sorted(set().union(*map(page_words, pages["pseudo"])) & english)
    assert len(english) > 150  # the English pages have words of their own to lose
    assert not hard_coded, f"words that stayed English in the pseudo-language: {hard_coded}"


# --- the JavaScript ----------------------------------------------------------------------------------

# The scripts that write into the page a reader sees; their sentences come from the build, as data
# attributes in the page's language (ARCHITECTURE.md, "Words").
PAGE_SCRIPTS = ("as-of.js", "filters.js")
JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"' + r"|'((?:[^'\\\n]|\\.)*)'")


def js_words(source: str) -> list[str]:
    code = JS_COMMENT.sub("", source)
    strings = [a or b for a, b in JS_STRING.findall(code)]
    return [s for s in strings if WORDY.search(s) and s != "use strict" and not all(w.startswith("tr-") for w in s.split())]


def test_the_page_scripts_write_no_words_of_their_own():
    folder = ROOT / "docs" / "assets" / "javascripts"
    for name in PAGE_SCRIPTS:
        assert js_words((folder / name).read_text(encoding="utf-8")) == [], name
    assert js_words('el.textContent = "Showing " + n + " entries."; var c = "tr-badge tr-x";') == ["Showing ", " entries."]


def test_a_second_language_is_a_catalogue_with_its_own_plural_forms_and_dates(tmp_path):
    """Ukrainian has three plural forms and declines month names: CLDR's rules through Babel, from a
    catalogue alone (the words here are a test's, not a translation of the tracker)."""
    catalogue = Catalog(locale="uk", domain="tracker")
    catalogue.add(("history.changes", "history.changes"), (" · {n} зміна", " · {n} зміни", " · {n} змін"))
    for key, pattern in (("date.pattern.day", "d MMMM y"), ("date.pattern.month", "LLLL y"), ("date.pattern.year", "y"),
                         ("date.pattern.month_short", "LLL"), ("date.approximate", "близько {date}")):
        catalogue.add(key, pattern)
    path = catalogue_path("uk", tmp_path)
    path.parent.mkdir(parents=True)
    with path.open("wb") as po:
        write_po(po, catalogue)
    t = Locale("uk", tmp_path)
    assert [t.plural("history.changes", n) for n in (1, 3, 5, 21, 11)] == [
        " · 1 зміна", " · 3 зміни", " · 5 змін", " · 21 зміна", " · 11 змін"]
    assert t.date("2026-01-06") == "6 січня 2026" and t.date("2026-01") == "січень 2026"
    assert t.number(1234567) == "1\xa0234\xa0567"
