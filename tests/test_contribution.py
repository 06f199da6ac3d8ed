"""The contribution path: `make new`, `make format`, `make diff` and CONTRIBUTING.md.

* scaffolding: `python -m macros new KIND ID` (run as a subprocess, into a copy of data/) writes
  every field of the record type; once its empty required fields are filled in mechanically, the
  file is valid, and it is already in the canonical layout;
* formatting: on every real data file and on tricky inputs, the canonical layout keeps every
  value (as the validator reads it) and every comment, and formatting twice changes nothing;
* the real data is in the canonical layout (`make format` fixes it when this fails);
* `python -m macros diff` on a real git history made in a temporary repository;
* the examples in CONTRIBUTING.md are valid records of the real dataset.

That every `make <target>` named in README.md and CONTRIBUTING.md exists is checked by
tests/test_workflows.py.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from macros import docgen, layout
from macros.fieldtypes import (
    Boolean,
    Choice,
    FieldType,
    FuzzyDate,
    ListOf,
    Number,
    OneOf,
    Ref,
    Slug,
    Struct,
    Text,
    Url,
    walk_types,
)
from macros.i18n import Locale
from macros.kinds import KINDS
from macros.layout import (
    FormatError,
    comment_texts,
    format_text,
    kind_for_path,
    loaded_values,
)
from macros.load import check_dataset, load_vocabulary
from macros.schema import (
    ACTOR_KINDS,
    COMMITMENT_STATUSES,
    EVENT_STATUSES,
    PARTICIPATION_MODES,
    STATUS_MEANINGS,
)
from macros.yamlload import read_yaml
from tests.gitrepo import git
from tests.gitrepo import write_data as write

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "contribution"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def run_macros(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def scaffold_alone(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """`make new` in an otherwise empty data folder (vocabulary only); returns the folder and the new file's text."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(DATA / "vocabulary.yml", data_dir / "vocabulary.yml")
    assert run_macros("new", kind, NEW_IDS[kind], "--data", str(data_dir)).returncode == 0
    return data_dir, (data_dir / kind / f"{NEW_IDS[kind]}.yml").read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A throw-away copy of the real data/ (editors change data/ while the tests run)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def problems_in(data_dir: Path, relative: str) -> tuple[list[str], list[str]]:
    """(problems in one file, problems elsewhere) as printed by the validator."""
    _, problems = check_dataset(data_dir, display_root=data_dir.parent)
    mine = [str(p) for p in problems if p.path == relative]
    others = [str(p) for p in problems if p.path != relative]
    return mine, others


def baseline_problems(data_dir: Path) -> set[str]:
    _, problems = check_dataset(data_dir, display_root=data_dir.parent)
    return {str(p) for p in problems}


def schema_field_names(ftype: FieldType) -> set[str]:
    """Every field name of a record type, at every depth."""
    return {path.rsplit(".", 1)[-1].removesuffix("[]") for path, _ in walk_types(ftype)} - {""}


# --- scaffolding ---------------------------------------------------------------------------------

NEW_IDS = {
    "actors": "example-new-actor",
    "events": "2026-01-09-example-new-event",
    "statements": "2026-01-09-example-new-statement",
    "commitments": "example-new-commitment",
    "sources": "example-new-source",
}


class Filler:
    """Fills every empty value of a scaffolded record, the way a contributor would, by type."""

    def __init__(self, data_dir: Path):
        dataset, _ = check_dataset(data_dir)
        self.ids = {kind: sorted(r.id for r in dataset.all(kind)) for kind in KINDS}
        self.filled: list[str] = []

    def value(self, ftype: FieldType, path: str):
        self.filled.append(path)
        if isinstance(ftype, Ref):
            assert self.ids[ftype.target], f"the data copy has no {ftype.target} to refer to"
            return self.ids[ftype.target][0]
        if isinstance(ftype, Choice):
            return ftype.values[0]
        if isinstance(ftype, FuzzyDate):
            return "2026-01-09"
        if isinstance(ftype, Boolean):
            return False
        if isinstance(ftype, Number):
            return 1
        if isinstance(ftype, Url):
            return "https://example.org/article"
        if isinstance(ftype, (Text, Slug)):
            return "Example text."
        raise AssertionError(f"no filler for {path}: {ftype!r}")

    def fill(self, node, ftype: FieldType, path: str = ""):
        if isinstance(ftype, OneOf):
            ftype = ftype.long if isinstance(node, dict) else ftype.short
        if isinstance(ftype, Struct):
            assert isinstance(node, dict), f"{path}: expected a block"
            types = {f.name: f.type for f in ftype.fields}
            for key in list(node):
                sub = f"{path}.{key}" if path else key
                if node[key] is None:
                    node[key] = self.value(types[key], sub) if not isinstance(types[key], (Struct, ListOf)) else node[key]
                else:
                    node[key] = self.fill(node[key], types[key], sub)
            return node
        if isinstance(ftype, ListOf):
            assert isinstance(node, list), f"{path}: expected a list"
            for i, item in enumerate(node):
                node[i] = self.value(ftype.item, f"{path}[{i}]") if item is None else self.fill(item, ftype.item, f"{path}[{i}]")
            return node
        return node


def fill_scaffold(path: Path, kind: str, data_dir: Path) -> list[str]:
    """Fill the empty fields of a scaffolded file in place; return the field paths filled."""
    parser = YAML(typ="rt")
    record = parser.load(path.read_text(encoding="utf-8"))
    filler = Filler(data_dir)
    filler.fill(record, KINDS.types(load_vocabulary(data_dir))[kind])
    with path.open("w", encoding="utf-8") as handle:
        parser.dump(record, handle)
    return filler.filled


@pytest.mark.slow
@pytest.mark.parametrize("word, kind", [
    ("actor", "actors"), ("events", "events"), ("statement", "statements"),
    ("Commitment", "commitments"), ("sources", "sources"),
])
def test_new_writes_a_record_that_is_valid_once_its_placeholders_are_filled(data_copy, word, kind):
    record_id = NEW_IDS[kind]
    before = baseline_problems(data_copy)
    result = run_macros("new", word, record_id, "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    path = data_copy / kind / f"{record_id}.yml"
    assert path.is_file()
    assert f"{kind}/{record_id}.yml" in result.stdout
    assert "make validate" in result.stdout and "make format" in result.stdout

    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{KINDS[kind].schema_file}"
    assert f"\nid: {record_id}\n" in text
    assert format_text(text, kind) == text, "a new record should already be in the canonical layout"

    relative = f"data/{kind}/{record_id}.yml"
    unfilled, _ = problems_in(data_copy, relative)
    assert any("is empty (fill it in; it is required)" in p for p in unfilled), unfilled

    filled = fill_scaffold(path, kind, data_copy)
    assert filled, "nothing to fill in"
    mine, others = problems_in(data_copy, relative)
    assert mine == [], "\n".join(mine) + "\n\n" + path.read_text(encoding="utf-8")
    assert set(others) <= before, "the new record broke another file"


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_new_shows_every_field_of_the_schema_each_with_a_comment(tmp_path, kind):
    data_dir, text = scaffold_alone(tmp_path, kind)
    lines = text.splitlines()
    rtype = KINDS.types(load_vocabulary(data_dir))[kind]

    shown = set(re.findall(r"^[#\s-]*([a-z_]+):", text, re.M))
    missing = schema_field_names(rtype) - shown
    assert not missing, f"fields the new {KINDS[kind].singular} does not show: {sorted(missing)}"

    for spec in rtype.fields:
        at = next(i for i, ln in enumerate(lines) if re.match(rf"^(# )?{spec.name}:", ln))
        live = not lines[at].startswith("#")
        if spec.required:
            assert live, f"{spec.name} is required and must not be commented out"
        # The comment right above the field: prose lines, the first saying REQUIRED or Optional.
        doc_block = []
        i = at - 1
        while i >= 0 and lines[i].startswith("# ") and not re.match(r"^# (\s|-|[a-z_]+:)", lines[i]):
            doc_block.insert(0, lines[i])
            if lines[i].startswith(("# REQUIRED", "# Optional")):
                break
            i -= 1
        doc = " ".join(doc_block)
        if spec.required:
            assert doc.startswith("# REQUIRED."), (spec.name, doc)
        else:  # optional, or required as one of a group (a speaker or an unnamed speaker ...)
            assert doc.startswith(("# Optional", "# REQUIRED, unless you")), (spec.name, doc)
        if isinstance(spec.type, Choice):
            assert all(v in doc for v in spec.type.values), (spec.name, doc)


def uncomment_fields(text: str, names: set[str]) -> str:
    """Delete the '# ' in front of every commented-out field and list item."""
    out = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)# (\s*(?:- )?([a-z_]+):.*|\s*-)$", line)
        if match and (match.group(3) in names or match.group(3) is None):
            line = match.group(1) + match.group(2)
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_uncommenting_the_optional_fields_gives_well_formed_yaml_with_every_field(tmp_path, kind):
    data_dir, text = scaffold_alone(tmp_path, kind)
    rtype = KINDS.types(load_vocabulary(data_dir))[kind]
    opened = uncomment_fields(text, schema_field_names(rtype))
    tree, errors = read_yaml(opened)
    assert errors == [], (errors, opened)
    assert [k.text for k, _ in tree.items] == [f.name for f in rtype.fields], opened


@pytest.mark.slow
def test_new_refuses_to_overwrite_a_file(data_copy):
    existing = next((data_copy / "actors").glob("*.yml"))
    original = existing.read_bytes()
    result = run_macros("new", "actor", existing.stem, "--data", str(data_copy))
    assert result.returncode == 1
    assert "already exists" in result.stderr and "nothing was changed" in result.stderr
    assert existing.read_bytes() == original


@pytest.mark.slow
@pytest.mark.parametrize("bad_id, suggestion", [
    ("Kyiv Meeting", "kyiv-meeting"),
    ("2026-01-09-kyiv-meeting.yml", "2026-01-09-kyiv-meeting"),
    ("double--hyphen", "double-hyphen"),
    ("../escape", "escape"),
])
def test_new_refuses_an_invalid_id_and_suggests_one(data_copy, bad_id, suggestion):
    result = run_macros("new", "event", bad_id, "--data", str(data_copy))
    assert result.returncode == 1
    assert "is not a valid id" in result.stderr
    assert "lower-case letters, digits and single hyphens" in result.stderr
    assert repr(suggestion) in result.stderr
    assert not list(data_copy.rglob("*kyiv-meeting*")) and not (data_copy.parent / "escape.yml").exists()


@pytest.mark.slow
def test_new_explains_an_unknown_kind_and_missing_arguments(data_copy):
    result = run_macros("new", "meeting", "2026-01-09-x", "--data", str(data_copy))
    assert result.returncode == 1
    assert "unknown kind 'meeting'" in result.stderr and "actor, event, statement, commitment, source" in result.stderr
    result = run_macros("new", "--data", str(data_copy))
    assert result.returncode == 2
    assert "make new KIND=event ID=" in result.stderr


@pytest.mark.slow
def test_new_notes_an_event_id_without_a_date(data_copy):
    result = run_macros("new", "event", "kyiv-meeting", "--data", str(data_copy))
    assert result.returncode == 0
    assert "usually start with the date" in result.stdout


# --- formatting: never lose data ------------------------------------------------------------------


def data_files() -> list[Path]:
    files = sorted(DATA.rglob("*.yml"))
    hostile = ROOT / "tests" / "fixtures" / "hostile" / "data"
    files += sorted(hostile.rglob("*.yml")) if hostile.is_dir() else []
    return files


def base_values(text: str):
    """The values as a plain YAML reader sees them: every scalar as its exact text."""
    return yaml.load(text, Loader=yaml.BaseLoader)


def assert_same_data(original: str, formatted: str, kind: str | None) -> None:
    tree_a, errors_a = read_yaml(original)
    tree_b, errors_b = read_yaml(formatted)
    assert errors_a == [] and errors_b == [], (errors_a, errors_b)
    assert loaded_values(tree_b) == loaded_values(tree_a), "a value or its YAML type changed"
    assert base_values(formatted) == base_values(original.removeprefix("\ufeff"))
    assert comment_texts(formatted, kind) == comment_texts(original.removeprefix("\ufeff").replace("\r\n", "\n"), kind)


def assert_tidy(formatted: str) -> None:
    assert formatted.endswith("\n") and not formatted.startswith("\n")
    for number, line in enumerate(formatted.split("\n"), 1):
        assert line == line.rstrip(" \t"), f"line {number} ends in white space: {line!r}"
        assert "\t" not in line[: len(line) - len(line.lstrip())], f"line {number} is indented with a tab"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_formatting_a_data_file_keeps_every_value_and_comment_and_is_idempotent(path):
    original = path.read_text(encoding="utf-8")
    kind = kind_for_path(path)
    formatted = format_text(original, kind)
    assert_same_data(original, formatted, kind)
    assert_tidy(formatted)
    assert format_text(formatted, kind) == formatted


@pytest.mark.slow
def test_formatting_a_data_file_does_not_change_what_the_validator_loads(data_copy):
    before, problems_before = check_dataset(data_copy)
    for path in sorted(data_copy.rglob("*.yml")):
        path.write_text(format_text(path.read_text(encoding="utf-8"), kind_for_path(path)), encoding="utf-8")
    after, problems_after = check_dataset(data_copy)

    for kind in KINDS:
        assert {r.id: r.data for r in before.all(kind)} == {r.id: r.data for r in after.all(kind)}
    assert before.vocabulary_terms == after.vocabulary_terms
    assert [(p.path, p.field, p.message) for p in problems_before] == [(p.path, p.field, p.message) for p in problems_after]


TRICKY = {
    "comments everywhere": (
        "# head\nid: x  # eol on id\n# before kind\nkind: state\nroles:  # eol on roles\n"
        "  # before the first item\n  - title: a  # eol on title\n    # before state\n    state: current\n"
        "    sources:\n      - s1  # eol on s1\n      # between items\n      - s2\n"
        "        # indented under s2\n  # before the second role\n  - title: b\n    state: former\n"
        "    sources: [s3]\n# before name\nname: N\n# at the very end\n"
    ),
    "quoted words YAML would read as something else": (
        "id: x\nkind: 'no'\nname: \"yes\"\ndescription: 'off'\naliases:\n- 'null'\n- '~'\n- '1.10'\n"
        "- '2026-01-03'\n- '0o17'\n- '1_000'\n- '12:30'\n- 'true'\n- ''\n"
    ),
    "plain values that are not text stay as written": (
        "id: x\nconsulted: true\nvalue: 800_000_000_000\nlayer: 03\nratio: 1.10\npublished: 2026-01-03\nempty:\ntilde: ~\n"
    ),
    "multi-line text": (
        "id: x\nnotes: |\n  First line.\n    Indented second line.\n\n  After an empty line.\n"
        "summary: >\n  Folded\n  text with a final newline.\n"
        "kept: |+\n  kept\n\n\n# comment after kept text\nquote: \"line one\\nline two\"\n"
    ),
    "unicode": (
        "id: x\nname: Володимир Зеленський\ntitle: Kyiv – Paris — “talks” ’s 😀 café\n"
        "description: \"Україна: переговори\"\n"
    ),
    "hash and colon inside text": (
        "id: x\nlocator: 'paragraph #4'\nurl: https://example.org/a#b?c=d:e\ntitle: 'C# is a language'\n"
        "note: \"key: value\"\nother: a#b\nlead: '# not a comment'\nend: 'ends with a colon:'\n"
    ),
    "quotes, backslashes and spaces at the ends": (
        "id: x\ntitle: '\"Layer 3\": US backstop'\npath: 'C:\\folder'\nboth: \"it's \\\"both\\\"\"\n"
        "spaced: '  leading and trailing  '\ndouble: 'two  spaces'\n"
    ),
    "invisible and control characters are escaped": (
        "id: x\nname: \"zero\\u200Bwidth\"\ntab: \"a\\tb\"\nbell: \"\\a\"\nnbsp: \"a\\u00A0b\"\nrtl: \"\\u202Eevil\"\n"
    ),
    "long text folds and unbreakable text does not": (
        "id: x\ndescription: " + " ".join(["word"] * 60) + "\nurl: https://example.org/" + "a" * 150
        + "\nnote: '" + "x" * 130 + " y'\n"
    ),
    "flow collections and empty ones": (
        "id: x\nsources: [a, b]\nmembers: [{actor: a, role: lead}]\nroles: []\nlocation: {}\n"
    ),
    "reordered nested blocks keep their comments": (
        "sources:\n  - locator: p 2  # where\n    source: s\nid: x\nroles:\n  - sources: [s]\n"
        "    # the state\n    state: current\n    title: T\n    end: 2026\n    start: 2025\n"
    ),
    "windows line endings and a byte-order mark": "\ufeffid: x\r\nname: N  # comment\r\nkind: state\r\n",
    "no space before dashes": "id: x\naliases:\n- A\n- B\nroles:\n- title: T\n  state: current\n",
    "a comment after a block scalar header": "id: x\ndescription: >-  # folded\n  Some text\n  here.\n",
    "an empty block": "# nothing yet\n{}  # empty\n",
    "nested lists and a comment after a dash": "a:\n  - - x\n    - y  # e\n  - # after the dash\n    b: 1\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
@pytest.mark.parametrize("kind", ["actors", None])
def test_formatting_tricky_input_keeps_data_and_comments(name, kind):
    original = TRICKY[name]
    formatted = format_text(original, kind)
    assert_same_data(original, formatted, kind)
    assert_tidy(formatted)
    assert format_text(formatted, kind) == formatted, formatted


def test_the_canonical_layout_in_detail():
    """A hand-written file in every style, and its canonical form, spelled out."""
    messy = (FIXTURES / "messy-statement.yml").read_text(encoding="utf-8")
    canonical = (FIXTURES / "canonical-statement.yml").read_text(encoding="utf-8")
    assert format_text(messy, "statements") == canonical
    assert format_text(canonical, "statements") == canonical


def test_canonical_layout_rules():
    out = format_text(TRICKY["quoted words YAML would read as something else"], "actors")
    assert 'kind: "no"' in out and 'name: "yes"' in out and "- \"2026-01-03\"" in out and '- ""' in out
    out = format_text(TRICKY["plain values that are not text stay as written"], None)
    assert "value: 800_000_000_000" in out and "layer: 03" in out and "ratio: 1.10" in out and "\nempty:\n" in out
    out = format_text(TRICKY["multi-line text"], None)
    assert "notes: |\n  First line.\n    Indented second line.\n\n  After an empty line.\n" in out
    assert "summary: >\n  Folded text with a final newline.\n" in out
    assert "quote: |-\n  line one\n  line two\n" in out
    out = format_text(TRICKY["hash and colon inside text"], None)
    assert 'locator: "paragraph #4"' in out and "url: https://example.org/a#b?c=d:e" in out and "other: a#b" in out
    out = format_text(TRICKY["quotes, backslashes and spaces at the ends"], None)
    assert "title: '\"Layer 3\": US backstop'" in out and "double: two  spaces" in out
    out = format_text(TRICKY["invisible and control characters are escaped"], None)
    assert 'name: "zero\\u200Bwidth"' in out and 'rtl: "\\u202Eevil"' in out
    out = format_text(TRICKY["long text folds and unbreakable text does not"], "actors")
    assert "description: >-\n  word word" in out
    assert max(len(line) for line in out.splitlines() if line.startswith("  word")) <= layout.WRAP_AT
    assert "\nurl: https://example.org/aaaa" in out
    out = format_text(TRICKY["no space before dashes"], "actors")
    assert "aliases:\n  - A\n  - B\nroles:\n  - title: T\n    state: current\n" in out
    out = format_text(TRICKY["reordered nested blocks keep their comments"], "actors")
    assert out.splitlines()[1:] == [
        "id: x", "roles:", "  - title: T", "    # the state", "    state: current", "    start: 2025",
        "    end: 2026", "    sources:", "      - s", "sources:", "  - source: s", "    locator: p 2  # where",
    ]


def test_text_that_does_not_fit_its_line_is_folded_even_into_one_line():
    """The documented rule: no line longer than WRAP_AT unless one word is. A text a little shorter
    than WRAP_AT, written after a deep key, must not stay past the limit."""
    note = "Kachka's announcement is undated; 2026-01-03 is the date of the article that reports it."
    text = f"id: x\nroles:\n  - title: T\n    state: current\n    start_note: {note}\n"
    out = format_text(text, "actors")
    assert f"    start_note: >-\n      {note}\n" in out
    assert max(map(len, out.splitlines())) <= layout.WRAP_AT
    fits = "id: x\nname: " + "n" * (layout.WRAP_AT - len("name: ")) + "\n"
    assert format_text(fits, "actors").splitlines()[1:] == fits.splitlines(), "a line that fits stays"


def long_lines(text: str) -> list[str]:
    """Lines past the limit that hold more than one word after the key (unbreakable text may run on)."""
    return [line for line in text.splitlines() if len(line) > layout.WRAP_AT
            and " " in line.lstrip(" -").split(": ", 1)[-1].split("  #", 1)[0].strip()]


@pytest.mark.slow
def test_no_formatted_data_line_is_longer_than_the_folding_limit():
    for path in data_files():
        out = format_text(path.read_text(encoding="utf-8"), kind_for_path(path))
        assert long_lines(out) == [], path


def test_formatting_never_writes_what_it_cannot_read(tmp_path):
    broken = tmp_path / "data" / "events" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: broken\ntitle: Kyiv talks: day two\n", encoding="utf-8")
    duplicate = broken.with_name("duplicate.yml")
    duplicate.write_text("id: duplicate\nid: again\n", encoding="utf-8")
    for path in (broken, duplicate):
        with pytest.raises(FormatError):
            format_text(path.read_text(encoding="utf-8"), "events")
    before = {p: p.read_bytes() for p in (broken, duplicate)}
    result = run_macros("format", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "broken.yml: not formatted" in result.stderr and "duplicate.yml: not formatted" in result.stderr
    assert {p: p.read_bytes() for p in (broken, duplicate)} == before


@pytest.mark.slow
def test_format_check_lists_files_and_format_fixes_them(tmp_path):
    folder = tmp_path / "data" / "actors"
    folder.mkdir(parents=True)
    messy = folder / "x.yml"
    messy.write_text("name: X\nid: x  # the id\n", encoding="utf-8")
    tidy = folder / "y.yml"
    tidy.write_text(format_text("id: y\nname: Y\n", "actors"), encoding="utf-8")

    result = run_macros("format", "--check", str(tmp_path / "data"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/actors/x.yml: not in the canonical layout: the first line must be the editor modeline "
        "`# yaml-language-server: $schema=../../schemas/actor.schema.json`; "
        "fields are not in the order the schema declares them",
        "  data/actors/x.yml:1:",
        "    + # yaml-language-server: $schema=../../schemas/actor.schema.json",
        "    + id: x  # the id",
        "  data/actors/x.yml:2:",
        "    - id: x  # the id",
    ]
    assert "1 file would be reformatted: run `make format`" in result.stderr
    assert messy.read_text(encoding="utf-8") == "name: X\nid: x  # the id\n"

    result = run_macros("format", "data/actors/x.yml", "data/actors/y.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "formatted data/actors/x.yml\n"
    assert messy.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schemas/actor.schema.json\nid: x  # the id\nname: X\n"
    )
    assert run_macros("format", "--check", str(tmp_path / "data"), cwd=tmp_path).returncode == 0


def check_layout(tmp_path: Path, name: str, raw: bytes) -> subprocess.CompletedProcess:
    path = tmp_path / "data" / "events" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return run_macros("format", "--check", "data", cwd=tmp_path)


@pytest.mark.slow
def test_format_check_names_windows_line_endings_and_a_byte_order_mark(tmp_path):
    canonical = (DATA / "events" / "2026-01-05-military-chiefs-meeting.yml").read_text(encoding="utf-8")
    result = check_layout(tmp_path, "crlf.yml", canonical.replace("\n", "\r\n").encode())
    assert result.returncode == 1
    assert result.stdout == "data/events/crlf.yml: not in the canonical layout: the file has Windows line endings (CRLF)\n"
    result = check_layout(tmp_path, "crlf.yml", ("\ufeff" + canonical).encode())
    assert result.stdout == "data/events/crlf.yml: not in the canonical layout: the file starts with a byte-order mark (BOM)\n"
    assert run_macros("format", "data", cwd=tmp_path).returncode == 0
    assert (tmp_path / "data" / "events" / "crlf.yml").read_bytes() == canonical.encode()


def test_format_check_shows_a_short_diff_of_folding_with_line_numbers(tmp_path):
    summary = " ".join(["Delegations met in Geneva"] * 6)
    text = format_text("id: x\nkind: meeting\n", "events") + f"summary: {summary}\n"
    out = check_layout(tmp_path, "long.yml", text.encode()).stdout.splitlines()
    assert out[0] == ("data/events/long.yml: not in the canonical layout: a line is longer than 96 characters: "
                      "long text is folded into a `>-` block")
    assert out[1:4] == ["  data/events/long.yml:4:", f"    - summary: {summary}", "    + summary: >-"]
    folded = [line.removeprefix("    +   ") for line in out[4:]]
    assert len(folded) == 2 and " ".join(folded) == summary


def test_format_check_keeps_the_diff_short(tmp_path):
    text = "id: x\n" + "".join(f"key{n}: value {n}\n\n" for n in range(30))
    out = check_layout(tmp_path, "blank.yml", text.encode()).stdout.splitlines()
    assert "blank lines are removed" in out[0]
    assert len(out) < 30, out
    assert out[-1].startswith("    … and ") and out[-1].endswith(" more changed lines: `make format` makes every change")


@pytest.mark.slow
def test_validate_warns_about_windows_line_endings_and_a_byte_order_mark(data_copy):
    event = data_copy / "events" / "2026-01-05-military-chiefs-meeting.yml"
    event.write_bytes(event.read_bytes().replace(b"\n", b"\r\n"))
    actor = data_copy / "actors" / "ukraine.yml"
    actor.write_bytes(b"\xef\xbb\xbf" + actor.read_bytes())
    result = run_macros("validate", "--data", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 0, "a warning, not a problem: the data itself is fine"
    assert "data/ is valid" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        "data/actors/ukraine.yml:1: warning: the file starts with a byte-order mark (BOM) "
        "(the pull request's checks refuse it; `make format` rewrites the file without it)",
        "data/events/2026-01-05-military-chiefs-meeting.yml:1: warning: the file has Windows line endings (CRLF) "
        "(the pull request's checks refuse it; `make format` rewrites the file without it)",
    ]
    github = run_macros("validate", "--data", str(data_copy), "--format", "github", cwd=data_copy.parent)
    assert "::warning file=data/actors/ukraine.yml,line=1,title=file encoding::the file starts with a byte-order mark" in github.stdout
    clean = run_macros("validate", cwd=ROOT)
    assert "warning" not in clean.stderr


try:  # property test over arbitrary text, when hypothesis is installed (it is in requirements.txt)
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    @pytest.mark.slow
    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(max_size=300), min_size=1, max_size=4), st.integers(min_value=0, max_value=2),
           st.sampled_from([None, '"', "'"]), st.booleans(), st.integers(min_value=20, max_value=200))
    def test_formatting_keeps_any_text(texts, depth, style, unicode, width):
        """Whatever text PyYAML writes, in whichever style, reads back the same once formatted."""
        record = {"id": "x", "notes": texts[0], "aliases": texts[1:]}
        for _ in range(depth):
            record = {"id": "x", "roles": [{"title": texts[0], "note": record}]}
        original = yaml.safe_dump(record, allow_unicode=unicode, sort_keys=False, width=width, default_style=style)
        formatted = format_text(original, "actors")
        assert yaml.safe_load(formatted) == yaml.safe_load(original)
        assert loaded_values(read_yaml(formatted)[0]) == loaded_values(read_yaml(original)[0])
        assert format_text(formatted, "actors") == formatted


# --- the real data is canonical ---------------------------------------------------------------------


@pytest.mark.slow
def test_every_data_file_is_in_the_canonical_layout():
    """When this fails, run `make format` and commit the result."""
    stale = [p.relative_to(ROOT).as_posix() for p in sorted(DATA.rglob("*.yml"))
             if format_text(p.read_text(encoding="utf-8"), kind_for_path(p)) != p.read_text(encoding="utf-8")]
    assert stale == [], f"not in the canonical layout (run `make format`): {stale}"


# --- diff on a real git history ---------------------------------------------------------------------

VOCABULARY = """\
topics:
  diplomacy:
    label: Diplomacy
    description: The talks themselves.
  security-guarantees:
    label: Security guarantees
    description: What would protect Ukraine after a ceasefire.
event_kinds:
  meeting:
    label: Meeting
    description: Officials meeting.
mechanisms:
  european-led-force:
    label: European-led force
    description: European troops in Ukraine after a ceasefire.
domains:
  land:
    label: Land
    description: On the ground.
issues:
  territory:
    label: Territory
    question: Must Ukraine give up land?
    description: Territorial demands in a settlement.
"""

BASE_DATASET = {
    "vocabulary.yml": VOCABULARY,
    "sources/example-news-2026-01-03.yml": (
        "id: example-news-2026-01-03\nkind: news-article\npublisher: Example News\n"
        "title: Advisers meet in Kyiv\npublished: 2026-01-03\n"
    ),
    "actors/ukraine.yml": (
        "id: ukraine\nkind: state\nname: Ukraine\ndescription: A state.\nsources:\n  - example-news-2026-01-03\n"
    ),
    "actors/france.yml": (
        "id: france\nkind: state\nname: France\ndescription: A state.\nsources:\n  - example-news-2026-01-03\n"
    ),
    "events/2026-01-03-kyiv-meeting.yml": (
        "id: 2026-01-03-kyiv-meeting\nkind: meeting\ntitle: Advisers meet in Kyiv\ndate: 2026-01-03\n"
        "status_history:\n  - status: held\n    date: 2026-01-03\n    sources:\n      - example-news-2026-01-03\n"
        "participants:\n  - actor: ukraine\nsummary: Advisers met.\nsources:\n  - example-news-2026-01-03\n"
    ),
    "statements/ukraine-reports-progress.yml": (
        "id: ukraine-reports-progress\nkind: claim\nspeaker: ukraine\ndate: 2026-01-03\n"
        "paraphrase: Ukraine said the talks made progress.\nsources:\n  - example-news-2026-01-03\n"
    ),
    "commitments/european-led-force.yml": (
        "id: european-led-force\ntitle: A European-led force\narea: security\nmechanism: european-led-force\n"
        "offered_by:\n  - france\ndescription: Troops after a ceasefire.\nstatus_history:\n  - status: proposed\n"
        "    date: 2026-01-03\n    sources:\n      - example-news-2026-01-03\nsources:\n  - example-news-2026-01-03\n"
    ),
}



@pytest.fixture
def history(tmp_path) -> Path:
    """A repository with two commits: the base dataset, then one record added, one changed,
    one removed, and one file changed only in layout."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    for relative, text in BASE_DATASET.items():
        write(repo, relative, text)
    (repo / "README.md").write_text("test repository\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base dataset")
    assert check_dataset(repo / "data")[1].__len__() == 0

    write(repo, "events/2026-01-09-paris-meeting.yml", (
        "id: 2026-01-09-paris-meeting\nkind: meeting\ntitle: Leaders meet in Paris\ndate: 2026-01-09\n"
        "status_history:\n  - status: scheduled\n    date: 2026-01-03\n    sources:\n      - example-news-2026-01-03\n"
        "participants:\n  - actor: france\n    role: host\nsummary: Leaders were due to meet.\n"
        "sources:\n  - example-news-2026-01-03\n"
    ))
    write(repo, "actors/ukraine.yml", (
        "id: ukraine\nkind: state\nname: Ukraine\naliases:\n  - Ukrayina\ndescription: A state at war.\n"
        "sources:\n  - example-news-2026-01-03\n"
    ))
    (repo / "data" / "statements" / "ukraine-reports-progress.yml").unlink()
    write(repo, "actors/france.yml", format_text(BASE_DATASET["actors/france.yml"], "actors"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one added, one changed, one removed, one reformatted")
    assert check_dataset(repo / "data")[1].__len__() == 0
    return repo


def short(repo: Path, revision: str) -> str:
    return git(repo, "rev-parse", "--short=12", revision).strip()


def test_diff_lists_records_and_pages_in_text(history):
    result = run_macros("diff", "HEAD~1", cwd=history)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"""\
Data changes from HEAD~1 ({short(history, 'HEAD~1')}) to the working tree: 1 added, 1 changed, 1 removed.

Added:
  + event 2026-01-09-paris-meeting

Changed:
  ~ actor ukraine: aliases, description

Removed:
  - statement ukraine-reports-progress

Layout only, no value changed (1):
  data/actors/france.yml

Pages affected (13):
  actors/france.html
  actors/index.html
  actors/ukraine.html
  changes.html
  data.html
  events/2026-01-09-paris-meeting.html (new)
  index.html
  lists/states-1.html
  review.html
  sources/example-news-2026-01-03.html
  statements/ukraine-reports-progress.html (removed)
  timeline.html
  timeline/2026-01.html
"""


def test_diff_in_markdown_for_the_pull_request_summary(history):
    result = run_macros("diff", "HEAD~1", "--format", "markdown", "--repo", str(history), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "### What this change does to the data"
    assert f"Compared with <code>HEAD\\~1 ({short(history, 'HEAD~1')})</code>: **1 added, 1 changed, 1 removed**." in lines
    assert "| added | event <code>2026-01-09-paris-meeting</code>: Leaders meet in Paris |  |" in lines
    assert "| changed | actor <code>ukraine</code>: Ukraine | <code>aliases</code>, <code>description</code> |" in lines
    assert "| removed | statement <code>ukraine-reports-progress</code> |  |" in lines
    assert any(line.startswith("**Pages affected (13):** <code>actors/france.html</code>") for line in lines)


def test_diff_with_no_change_and_against_a_commit_id(history):
    head = git(history, "rev-parse", "HEAD").strip()
    result = run_macros("diff", head, cwd=history)
    assert result.returncode == 0
    assert result.stdout == f"No record in data/ differs between {head[:12]} and the working tree.\n"


def test_diff_includes_uncommitted_work_and_reports_invalid_data(history):
    write(history, "events/2026-01-09-paris-meeting.yml", (
        "id: 2026-01-09-paris-meeting\nkind: meting\ntitle: Leaders meet in Paris\ndate: 2026-01-09\n"
        "status_history:\n  - status: scheduled\n    date: 2026-01-03\n    sources:\n      - example-news-2026-01-03\n"
        "summary: Leaders were due to meet.\nsources:\n  - example-news-2026-01-03\n"
    ))
    write(history, "events/2026-01-10-broken.yml", "id: 2026-01-10-broken\ntitle: Paris: day two\n")
    result = run_macros("diff", "HEAD", cwd=history)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "The data in the working tree is NOT valid (2 problems); the site cannot be built until they are fixed:"
    assert lines[1].startswith("  data/events/2026-01-09-paris-meeting.yml:2: kind: 'meting' is not a known term")
    assert lines[2].startswith("  data/events/2026-01-10-broken.yml:2: YAML syntax error")
    assert "  + event 2026-01-10-broken (could not be read: see the problems above)" in lines
    assert "  ~ event 2026-01-09-paris-meeting: kind, participants" in lines
    # Invalid data cannot be rendered, so no page list is guessed.
    assert "Pages affected: not known until the data on both sides is valid." in lines


def test_diff_against_a_revision_without_data_and_an_unknown_one(history):
    git(history, "checkout", "-q", "--orphan", "empty")
    git(history, "rm", "-rq", "--cached", "data")
    git(history, "commit", "-q", "-m", "no data yet")
    result = run_macros("diff", "HEAD", cwd=history)
    assert result.returncode == 0, result.stderr
    assert "6 added, 0 changed, 0 removed" in result.stdout.splitlines()[0]

    result = run_macros("diff", "no-such-branch", cwd=history)
    assert result.returncode == 2
    assert "git does not know the revision 'no-such-branch'" in result.stderr


def test_diff_reports_vocabulary_changes(history):
    vocabulary = history / "data" / "vocabulary.yml"
    vocabulary.write_text(VOCABULARY.replace("label: Diplomacy", "label: Talks"), encoding="utf-8")
    result = run_macros("diff", "HEAD", cwd=history)
    assert result.returncode == 0, result.stderr
    assert "Vocabulary:\n  ~ topics diplomacy\n" in result.stdout
    assert "  methodology.html\n" in result.stdout


def test_diff_lists_the_positions_pages_a_coded_statement_affects(history):
    write(history, "statements/2026-01-09-ukraine-rejects-cession.yml", (
        "id: 2026-01-09-ukraine-rejects-cession\nkind: remark\nspeaker: ukraine\ndate: 2026-01-09\n"
        "paraphrase: Ukraine said it would not cede land.\npositions:\n  - issue: territory\n    stance: rejects\n"
        "    summary: Will not cede land.\nsources:\n  - example-news-2026-01-03\n"
    ))
    result = run_macros("diff", "HEAD", cwd=history)
    assert result.returncode == 0, result.stderr
    assert "  issues/territory.html\n" in result.stdout and "  positions.html\n" in result.stdout
    assert "  actors/ukraine.html\n" in result.stdout


def test_diff_lists_the_pages_that_show_a_renamed_record(history):
    write(history, "actors/france.yml", BASE_DATASET["actors/france.yml"].replace("name: France", "name: French Republic"))
    result = run_macros("diff", "HEAD", cwd=history)
    assert result.returncode == 0, result.stderr
    assert "  ~ actor france: name\n" in result.stdout
    # The commitment offered by France and the event it hosts link to it by name.
    assert "  commitments/european-led-force.html\n" in result.stdout
    assert "  events/2026-01-09-paris-meeting.html\n" in result.stdout


@pytest.mark.slow
def test_plain_diff_compares_with_where_the_branch_left_main(history):
    """After `make new` and a commit, plain `make diff` still shows the new record."""
    git(history, "checkout", "-q", "-b", "my-change")
    write(history, "events/2026-01-10-geneva-meeting.yml", (
        "id: 2026-01-10-geneva-meeting\nkind: meeting\ntitle: Advisers meet in Geneva\ndate: 2026-01-10\n"
        "status_history:\n  - status: held\n    date: 2026-01-10\n    sources:\n      - example-news-2026-01-03\n"
        "summary: Advisers met.\nsources:\n  - example-news-2026-01-03\n"
    ))
    git(history, "add", "-A")
    git(history, "commit", "-q", "-m", "a new event")
    result = run_macros("diff", cwd=history)
    assert result.returncode == 0, result.stderr
    main = short(history, "main")
    assert result.stderr == f"diff: comparing with {main}, where this branch left main (another base: make diff REV=...)\n"
    assert result.stdout.startswith(f"Data changes from {main} to the working tree: 1 added, 0 changed, 0 removed.")
    assert "  + event 2026-01-10-geneva-meeting\n" in result.stdout

    # A clone's origin/main comes first: here it is one commit behind main.
    git(history, "update-ref", "refs/remotes/origin/main", "main~1")
    result = run_macros("diff", cwd=history)
    base = short(history, "main~1")
    assert result.stderr.startswith(f"diff: comparing with {base}, where this branch left origin/main")
    assert "2 added, 1 changed, 1 removed" in result.stdout.splitlines()[0]

    # Without a main branch: the last commit, as before.
    git(history, "update-ref", "-d", "refs/remotes/origin/main")
    git(history, "branch", "-q", "-m", "main", "trunk")
    result = run_macros("diff", cwd=history)
    assert result.stderr == "diff: no main branch to compare with; comparing with HEAD, the last commit\n"
    assert result.stdout.startswith("No record in data/ differs between HEAD")


def test_an_empty_quote_does_not_satisfy_needs_quote_or_paraphrase(data_copy):
    """A scaffolded statement whose quote and paraphrase are both left empty must not validate."""
    assert run_macros("new", "statement", NEW_IDS["statements"], "--data", str(data_copy)).returncode == 0
    path = data_copy / "statements" / f"{NEW_IDS['statements']}.yml"
    dataset, _ = check_dataset(data_copy)
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nkind:\n", "\nkind: remark\n").replace("\ndate:\n", "\ndate: 2026-01-09\n")
    text = text.replace("\nspeaker:\n", f"\nspeaker: {dataset.all('actors')[0].id}\n")
    text = text.replace("  - source:  #", f"  - source: {dataset.all('sources')[0].id}  #")
    path.write_text(text, encoding="utf-8")
    mine, _ = problems_in(data_copy, f"data/statements/{NEW_IDS['statements']}.yml")
    assert any("needs quote or paraphrase" in p for p in mine), mine


# --- CONTRIBUTING.md ---------------------------------------------------------------------------------

EXAMPLE = re.compile(r"<!-- example: (data/[^ ]+\.yml) -->\n```yaml\n(.*?)^```", re.S | re.M)


def contributing_examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(CONTRIBUTING.read_text(encoding="utf-8"))


def test_contributing_has_an_example_of_each_kind_and_of_a_status_change():
    examples = contributing_examples()
    kinds = Counter(path.split("/")[1] for path, _ in examples)
    assert set(kinds) == set(KINDS), kinds
    for kind in ("events", "commitments"):
        histories = [yaml.safe_load(text).get("status_history", []) for path, text in examples if f"/{kind}/" in path]
        assert any(len(h) >= 2 for h in histories), f"the {kind} status-change example needs two entries"
    corrections = [c for _, text in examples for c in yaml.safe_load(text).get("corrections", [])]
    assert corrections and all({"date", "what_was_wrong", "what_changed", "sources"} <= set(c) for c in corrections)
    positions = [p for path, text in examples if "/statements/" in path for p in yaml.safe_load(text).get("positions", [])]
    assert any(p.get("inferred") and p.get("note") for p in positions), "the position example shows an inferred coding and its note"
    assert len({p["issue"] for p in positions}) >= 2, "and positions on more than one issue"


@pytest.mark.parametrize("path, text", contributing_examples(), ids=[p for p, _ in contributing_examples()])
def test_contributing_example_is_valid_against_the_real_data(data_copy, path, text):
    kind = path.split("/")[1]
    assert format_text(text, kind) == text, "examples are written in the canonical layout"
    before = baseline_problems(data_copy)
    (data_copy.parent / path).write_text(text, encoding="utf-8")
    mine, others = problems_in(data_copy, path)
    assert mine == [], "\n".join(mine)
    assert set(others) <= before, "the example breaks another record"


def test_contributing_names_the_commands_and_rules():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for needed in ("make validate", "make format", "make test", "make new", "make diff",
                   "yaml-language-server", "schemas/", "`via`", "`quote`", "paraphrase", "web editor"):
        assert needed in text, needed


def test_the_cli_registers_the_contribution_commands():
    result = run_macros("--help")
    assert result.returncode == 0
    for command in ("validate", "schemas", "new", "format", "diff"):
        assert command in result.stdout


def test_contributing_lists_every_closed_list_of_the_model_and_is_current():
    """When this fails, run `python -m macros docs` and commit CONTRIBUTING.md."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert docgen.regenerate(text) == text, "CONTRIBUTING.md is stale: run `python -m macros docs`"
    regions = {match.group(2): match.group(3) for match in docgen.REGION.finditer(text)}
    assert set(regions) == set(docgen.GENERATORS), regions.keys()
    for values in (COMMITMENT_STATUSES, EVENT_STATUSES, PARTICIPATION_MODES, ACTOR_KINDS):
        row = next(line for line in regions["closed-lists"].splitlines() if all(f"`{v}`" in line for v in values))
        assert row.count("`") == 2 * len(values) + 2, row
    english = Locale()
    for kind, terms in STATUS_MEANINGS.items():
        for term in terms:
            assert f"- `{term}`: {english(f'meaning.{kind}.{term}')}" in regions["status-meanings"]


def test_docs_rewrites_a_stale_generated_part_and_leaves_the_rest():
    stale = "Intro.\n<!-- generated: closed-lists -->\n| old | table |\n<!-- end of generated part -->\nOutro.\n"
    fresh = docgen.regenerate(stale)
    assert fresh.startswith("Intro.\n<!-- generated: closed-lists -->\n| record | field | allowed values |\n")
    assert fresh.endswith("<!-- end of generated part -->\nOutro.\n") and "| old | table |" not in fresh
    assert "`broken`" in fresh
    unknown = "<!-- generated: no-such-part -->\nkept\n<!-- end of generated part -->\n"
    assert docgen.regenerate(unknown) == unknown
