"""Trust under attack: hostile text in every string field is rejected or shown as literal text.

Data arrives from strangers' pull requests. Whatever a contributor writes in any string field
(names, titles, quotes, notes, role titles, figure labels, open questions, source titles, web
addresses, vocabulary labels...) must end in exactly one of two ways:

* the validator rejects it with a clear message, `path:line: field: message`, pointing at the
  file and line where the value is written; or
* the built site shows it as literal text, on the record's own page, and nowhere turns it
  into markup: no script, no event handler, no javascript:/data: link, no element the theme
  did not put there, no Markdown or Jinja or MkDocs syntax interpreted.

The string fields are found by walking the model in macros/schema.py, so a field added to the
model is attacked automatically (and `test_the_base_dataset_exercises_every_field` asks for it
to be added to the fixture). The attacks start from the small, complete dataset in
tests/fixtures/hostile/data, which sets every field of every record type at least once; it
does not depend on data/, which editors change every day.

Cost: the validation part checks each hostile string against every string field of one record
per kind at once (a few hundred check_dataset runs); the site part builds two sites: the clean
base, and the base plus one copy of each record per hostile string.
"""
from __future__ import annotations

import copy
import html
import json
import re
import shutil
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from macros.fieldtypes import Choice, FuzzyDate, Slug, Text, Url
from macros.kinds import KINDS
from macros.load import check_dataset
from macros.schema import VOCABULARY_LISTS
from tests.conftest import build_site
from tests.support.pages import Page, html_pages, norm, parse_page
from tests.support.records import FIXTURE, dump, leaf_fields, load_fixture, model, paths_in, pattern_of, set_path, write_dataset

SITE_NAME = "Ukraine Peace Process Tracker"

# --- the corpus ---------------------------------------------------------------------------------

LONG_SCRIPT = ("<script>alert(1)</script>" * 10)[:199]  # fits a one-line field (limit 200)
LONG_TEXT = ("<img src=x onerror=alert(1)> {{ 7 * 7 }} [x](javascript:alert(1)) " * 60)[:3990]

# Correct text with ZERO WIDTH (NON-)JOINERs that the script or the emoji needs: a Persian
# word, a Hindi half form after a virama, emoji ZWJ sequences. They must be accepted and shown.
NEEDED_JOINERS = [
    "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0635\u0644\u062d and Hindi \u0915\u094d\u200d\u0937",
    "emoji \U0001F469\u200D\U0001F4BB \U0001F3F3\uFE0F\u200D\U0001F308 \u2764\uFE0F\u200D\U0001F525",
]

HOSTILE_TEXT = [
    # HTML and script
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea></style></script><script>alert(1)</script>",
    "</article></div></section><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "<a href=\"javascript:alert(1)\">click me</a>",
    "<a href='#' onclick='alert(1)'>x</a>",
    "<details open ontoggle=alert(1)>",
    "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    "<base href=\"http://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example\">",
    "<form action=\"http://evil.example\"><input name=x><button formaction=javascript:alert(1)>go</button></form>",
    "<!-- comment --> <![CDATA[ x ]]> <!--",
    # raw HTML blocks (multi-line fields only; one-line fields must refuse them)
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "before\n\n<div onclick=\"alert(1)\">\nraw block\n</div>\n\nafter",
    # URLs in text
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
    # Markdown
    "[x](javascript:alert(1))",
    "![x](http://evil.example/pixel.png)",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "[evil]: http://evil.example/ \"title\"",
    "<http://evil.example>",
    "<javascript:alert(1)>",
    "http://evil.example/bare-link www.evil.example",
    "`code` **bold** *em* __strong__ _em_ ~~del~~ \\*escaped\\*",
    "# Heading\n\n---\n\n* item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    indented code",
    # Jinja and template languages
    "{{ 7 * 7 }}",
    "{% for x in range(3) %}{{ x }}{% endfor %}",
    "{{ config.extra }} {# comment #} {%- raw -%}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "${7*7} #{7*7} <%= 7*7 %> %s %(x)s %%",
    # MkDocs and Material syntax
    "!!! note \"Injected\"\n    admonition body",
    "!!! danger inline",
    '--8<-- "/etc/passwd"',
    "{: onclick=\"alert(1)\" }",
    "text {: #id .class onclick=alert(1) }",
    "<div markdown>**bold** _em_</div>",
    "<div markdown=\"1\">\n\n# Heading\n\n</div>",
    "[TOC]",
    # entities and escapes
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62; &#x3C;i&#x3E; &nbsp; &copy",
    "%3Cscript%3Ealert(1)%3C/script%3E \\u003cscript\\u003e \\x3cscript\\x3e",
    "\"double\" 'single' `back` \\ backslash | pipe",
    # YAML look-alikes (written quoted, so they are text)
    "true", "null", "1.10", "2026-01-03", "- not a list", "key: value", "# not a comment", "&anchor *alias",
    # scripts and invisible characters
    "\u0645\u0631\u062d\u0628\u0627 <b>\u0646\u0635</b> \u05e9\u05dc\u05d5\u05dd right-to-left",
    "\u202eevil\u202c reversed",
    "\u2066isolate\u2069",
    "\u200fRLM and \u200eLRM",
    "zero\u200bwidth",
    "zero\u200dwidth joiner",
    "byte\ufefforder",
    "soft\u00adhyphen",
    "invisible\u2062times \U000E0041\U000E0042 tag characters \ufff9annotation\ufffb",
    "emoji \U0001F600 and CJK \u4e2d\u6587",
    # joiners a script or an emoji needs (accepted), noncharacters and blank letters (rejected)
    *NEEDED_JOINERS,
    "non\uffffcharacter \ufdd0",
    "\u3164",
    "blank \u3164 filler",
    "\u2800\u115f",
    "line\u2028separator\u2029paragraph",
    # control characters and line breaks
    "nul\x00byte",
    "escape\x1b[31mred",
    "delete\x7fchar",
    "next\x85line",
    "line one\nline two",
    "line one\r\nline two",
    "\ttab\tseparated\t",
    "   ",
    # the exports: spreadsheet formulas, iCalendar, BibTeX, CSV and XML breakers
    "=HYPERLINK(\"http://evil.example\",\"Click for details\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "first\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected event\nDTSTART:20260101",
    "};\n@misc{evil,\n  title = {injected}\n}\n% ",
    "a\",\"b\"\r\n\"c,d",
    "]]></title><entry><title>injected</title></entry><![CDATA[",
    # sizes
    "A" * 5000,
    LONG_SCRIPT,
    LONG_TEXT,
    "x",
]

HOSTILE_URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "http:evil.example",
    "https://",
    "https://example.org/\"><script>alert(1)</script>",
    "https://example.org/'onmouseover='alert(1)",
    "https://example.org/?q=<img src=x onerror=alert(1)>",
    "https://example.org/{{7*7}}{%25raw%25}{% raw %}",
    "https://example.org/#javascript:alert(1)",
    "https://example.org/javascript:alert(1)",
    "https://user:pass@evil.example/",
    "https://example.org/path with space",
    "https://example.org/\u202e",
    "https://example.org/a\u200bb",
    "https://exa\x00mple.org/",
    "https://example.org/\nnext",
    "https://example.org/" + "a" * 5000,
    "https://xn--80ak6aa92e.com/\u4e2d\u6587",
    # hosts that Python and browsers read differently
    "https://evil.example\\@trusted.example/",
    "https://trusted.example@evil.example/",
    "https://trusted.example\\evil.example/",
    "https://example.org%2eevil.example/",
    "https://\uff45xample.org/",
]

CORPUS = HOSTILE_TEXT + [u for u in HOSTILE_URLS if u not in HOSTILE_TEXT]

# --- the model, walked --------------------------------------------------------------------------

STRING_TYPES = (Text, Url, Slug, Choice, FuzzyDate)  # Ref is a Slug
FREE_TEXT = (Text, Url)  # what a contributor can fill with any words, and a reader must see


def string_fields(kind: str) -> dict[str, type]:
    """Every string leaf of a record kind: pattern → field type."""
    return {p: t for p, t in leaf_fields(model()[kind]) if isinstance(t, STRING_TYPES)}


_TOKENS = re.compile(r"\[\]|[^.\[\]]+")


def citation_aware_patterns(record: dict, kind: str) -> dict[str, str]:
    """pattern → first concrete path in this record (short citations count as `.source`)."""
    citation_lists = {p.rsplit(".", 1)[0] for p in string_fields(kind) if p.endswith("[].source")}
    out: dict[str, str] = {}
    for concrete in paths_in(record):
        pattern = pattern_of(concrete)
        if pattern in citation_lists:  # a short citation: "- src-full"
            concrete, pattern = concrete + ".source", pattern + ".source"
        out.setdefault(pattern, concrete)
    return out


# --- reading and writing fixture data -----------------------------------------------------------


# --- reading built pages ------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href", "background", "cite", "ping"}


def dangerous_url(value: str) -> bool:
    """Whether a URL attribute runs code or embeds a document (as a browser parses the scheme)."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()
    return squeezed.startswith(("javascript:", "data:", "vbscript:"))


def element_signature(tag: str, attrs) -> tuple:
    """What an element is, for comparing two builds: its tag, attribute names and classes."""
    names = tuple(sorted({name for name, _ in attrs}))
    # Numbered classes (a chart's series tr-chart-s3) depend on how much data there is.
    classes = tuple(sorted({re.sub(r"\d+", "N", c) for name, v in attrs if name == "class" and v for c in v.split()}))
    return (tag, names, classes)


# --- part 1: the validator ----------------------------------------------------------------------

@dataclass
class Verdicts:
    """What the validator did with each (kind, field pattern, string)."""

    accepted: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    rejected: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    vocabulary_accepted: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    messages: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    checks: int = 0


def attack_base() -> dict[str, list[str]]:
    """For each kind, base record ids that together hold every string field (greedy cover)."""
    base = load_fixture()
    chosen: dict[str, list[str]] = {}
    for kind in KINDS:
        wanted = set(string_fields(kind)) - {"id"}
        chosen[kind] = []
        while wanted:
            best = max(sorted(base[kind]), key=lambda rid: len(wanted & set(citation_aware_patterns(base[kind][rid], kind))))
            gain = wanted & set(citation_aware_patterns(base[kind][best], kind))
            assert gain, f"no {kind} record in the fixture sets {sorted(wanted)}"
            chosen[kind].append(best)
            wanted -= gain
    return chosen


def _file_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _check_problem_points_at(problem, expected_field: str, lines: list[str], failures: list[str]) -> None:
    """A rejection must be path:line: field: message, at the line where the value is written."""
    text = str(problem)
    if not re.match(rf"^{re.escape(problem.path)}:\d+: {re.escape(expected_field)}: \S", text):
        failures.append(f"not 'path:line: field: message': {text!r}")
    if not 1 <= problem.line <= len(lines):
        failures.append(f"line {problem.line} is outside the file ({len(lines)} lines): {text!r}")
        return
    written = lines[problem.line - 1]
    name = re.sub(r"\[\d+\]$", "", expected_field).rsplit(".", 1)[-1]
    if not (re.search(rf"(^|\s|-\s){re.escape(name)}:", written) or written.lstrip().startswith("- ")):
        failures.append(f"line {problem.line} ({written[:60]!r}) is not where {expected_field} is written: {text!r}")
    if re.search(r"Traceback|NoneType|object at 0x|KeyError|TypeError", text):
        failures.append(f"the message leaks Python internals: {text!r}")


# Rules across fields that fire when the field they depend on (a record's kind) was refused.
CONSEQUENCES = {"actors": ("members",), "statements": ("denies", "positions[0].inferred")}  # inferred needs a note


def run_validator(tmp: Path) -> Verdicts:
    """Every corpus string in every string field of one record per kind, and in the vocabulary."""
    verdicts = Verdicts()
    base = load_fixture()
    cover = attack_base()
    data = tmp / "data"
    write_dataset(data, base)
    for kind, record_ids in cover.items():
        fields = string_fields(kind)
        for record_id in record_ids:
            original = base[kind][record_id]
            targets = {p: c for p, c in citation_aware_patterns(original, kind).items() if p in fields and p != "id"}
            record_file = data / kind / f"{record_id}.yml"
            shown = f"data/{kind}/{record_id}.yml"
            for i, hostile in enumerate(CORPUS):
                record = copy.deepcopy(original)
                for concrete in targets.values():
                    set_path(record, concrete, hostile)
                record_file.write_text(dump(record), encoding="utf-8")
                _, problems = check_dataset(data)
                verdicts.checks += 1
                problems = list(problems)
                lines = _file_lines(record_file)
                by_field = defaultdict(list)
                for problem in problems:
                    if problem.path != shown:
                        verdicts.failures.append(f"{hostile!r} in {shown} upset another file: {problem}")
                        continue
                    by_field[problem.field].append(problem)
                for name in set(by_field) - set(targets.values()):
                    if name not in CONSEQUENCES.get(kind, ()):
                        verdicts.failures.append(f"{hostile!r}: problem at a field that was not attacked: {by_field[name]}")
                for pattern, concrete in targets.items():
                    key = (kind, pattern)
                    if by_field.get(concrete):
                        verdicts.rejected[key].add(i)
                        for problem in by_field[concrete]:
                            _check_problem_points_at(problem, concrete, lines, verdicts.failures)
                            verdicts.messages.append(str(problem))
                    else:
                        verdicts.accepted[key].add(i)
            record_file.write_text(dump(original), encoding="utf-8")
    # The vocabulary: a term per string in every list, label and description hostile.
    vocabulary = yaml.safe_load((FIXTURE / "vocabulary.yml").read_text(encoding="utf-8"))
    for name in VOCABULARY_LISTS:
        for i, hostile in enumerate(CORPUS):
            vocabulary[name][f"h{i}"] = {"label": hostile, **({"question": hostile} if name == "issues" else {}), "description": hostile}
    write_dataset(data, base, vocabulary)
    _, problems = check_dataset(data)
    verdicts.checks += 1
    lines = _file_lines(data / "vocabulary.yml")
    rejected = defaultdict(set)
    for problem in problems:
        match = re.fullmatch(r"(\w+)\.h(\d+)\.(label|question|description)", problem.field)
        if problem.path != "data/vocabulary.yml" or not match:
            verdicts.failures.append(f"unexpected vocabulary problem: {problem}")
            continue
        rejected[(match[1], match[3])].add(int(match[2]))
        _check_problem_points_at(problem, problem.field, lines, verdicts.failures)
    for name in VOCABULARY_LISTS:
        for part in ("label", "question", "description"):
            verdicts.vocabulary_accepted[(name, part)] = set(range(len(CORPUS))) - rejected[(name, part)]
    return verdicts


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> Verdicts:
    return run_validator(tmp_path_factory.mktemp("hostile-validate"))


def test_the_base_dataset_is_valid():
    _, problems = check_dataset(FIXTURE)
    assert list(problems) == []


def test_the_base_dataset_exercises_every_field():
    """A field added to the model must be added to the fixture, so that it gets attacked too."""
    base = load_fixture()
    missing = []
    for kind in KINDS:
        present = set()
        for record in base[kind].values():
            present |= set(citation_aware_patterns(record, kind))
        every = {p for p, _ in leaf_fields(model()[kind])}
        missing += [f"{kind}: {p}" for p in sorted(every - present)]
    assert missing == [], "add these fields to tests/fixtures/hostile/data: " + ", ".join(missing)


def test_every_string_field_of_every_record_type_is_attacked(verdicts):
    attacked = {key for key in [*verdicts.accepted, *verdicts.rejected]}
    expected = {(kind, p) for kind in KINDS for p in string_fields(kind) if p != "id"}
    assert expected - attacked == set()
    assert len(expected) > 50  # roles[].title, participants[].note, figures[].label, ...
    for nested in ["actors:roles[].title", "events:participants[].note", "events:figures[].label", "commitments:status_history[].note",
                   "commitments:open_questions[].question", "sources:publisher", "sources:title", "sources:notes", "sources:url",
                   "statements:sources[].locator", "actors:roles[].sources[].note"]:
        kind, pattern = nested.split(":")
        assert (kind, pattern) in attacked, nested


def test_every_rejection_is_a_clear_message_at_the_line_of_the_value(verdicts):
    assert verdicts.failures == []
    assert verdicts.messages


def test_hostile_strings_cannot_enter_fields_that_are_not_free_text(verdicts):
    """Ids, references, closed lists and dates accept only their own shapes."""
    types = {kind: string_fields(kind) for kind in KINDS}
    leaks = []
    for (kind, pattern), accepted in verdicts.accepted.items():
        if isinstance(types[kind][pattern], FREE_TEXT):
            continue
        for i in accepted:
            if CORPUS[i] != "2026-01-03":  # a date is a date
                leaks.append(f"{kind}.{pattern} accepted {CORPUS[i]!r}")
    assert leaks == []


def _forbidden_in_one_line(value: str) -> bool:
    return "\n" in value.strip() or "\r" in value


def test_one_line_fields_refuse_line_breaks_and_every_field_refuses_control_characters(verdicts):
    types = {kind: string_fields(kind) for kind in KINDS}
    wrong = []
    for (kind, pattern), accepted in verdicts.accepted.items():
        ftype = types[kind][pattern]
        for i in accepted:
            value = CORPUS[i]
            if isinstance(ftype, Text) and ftype.single_line and _forbidden_in_one_line(value):
                wrong.append(f"{kind}.{pattern} (one line) accepted {value!r}")
            controls = [c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t"]
            if controls:
                wrong.append(f"{kind}.{pattern} accepted the control character {controls[0]!r} in {value!r}")
            if value not in NEEDED_JOINERS and any(c in value for c in "\u202e\u202c\u2066\u2069\u200f\u200e\u200b\u200c\u200d\ufeff\u00ad\u3164"):
                wrong.append(f"{kind}.{pattern} accepted a bidi or zero-width character in {value!r}")
            if not value.strip() or not value.strip("\u2800\u115f\u3164"):
                wrong.append(f"{kind}.{pattern} accepted the blank {value!r}")
            if any(unicodedata.category(c) in ("Cn", "Cs") for c in value):
                wrong.append(f"{kind}.{pattern} accepted a noncharacter in {value!r}")
            if isinstance(ftype, Text) and len(value.strip()) > ftype.max_length:
                wrong.append(f"{kind}.{pattern} accepted {len(value)} characters (limit {ftype.max_length})")
    assert wrong == []


def test_web_addresses_are_http_or_https_to_a_named_host(verdicts):
    accepted = {CORPUS[i] for (kind, pattern), ids in verdicts.accepted.items() if pattern == "url" for i in ids}
    assert accepted, "no address was accepted at all"
    for url in accepted:
        assert re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+", url.strip(), re.I), url
        assert not dangerous_url(url), url
        assert "\\" not in url and "@" not in url.split("/")[2], f"{url}: Python and browsers may disagree on its host"
    for bad in ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https://example.org/\u202e", "https://exa\x00mple.org/",
                "https://evil.example\\@trusted.example/", "https://trusted.example@evil.example/", "https://example.org%2eevil.example/"]:
        assert CORPUS.index(bad) not in verdicts.accepted[("sources", "url")], bad


def test_joiners_that_scripts_and_emoji_need_are_accepted_in_every_free_text_field(verdicts):
    refused = [f"{kind}.{pattern}: {CORPUS[i]!r}" for kind in KINDS for pattern, ftype in string_fields(kind).items() if isinstance(ftype, Text)
               for i in (CORPUS.index(v) for v in NEEDED_JOINERS) if len(CORPUS[i]) <= ftype.max_length and i not in verdicts.accepted[(kind, pattern)]]
    assert refused == []


def test_invisible_format_characters_are_rejected(verdicts):
    value = next(s for s in CORPUS if "\U000E0041" in s)
    accepted_in = [f"{k}.{p}" for (k, p), ids in verdicts.accepted.items() if CORPUS.index(value) in ids]
    assert accepted_in == []


ARABIC_INDIC_DATE = "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0662"  # 2026-01-02 in Arabic-Indic digits


def test_dates_accept_only_ascii_digits(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    target = data / "events" / "2026-01-02-first-call.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("date: 2026-01-02", f'date: "{ARABIC_INDIC_DATE}"'), encoding="utf-8")
    _, problems = check_dataset(data)
    assert [(p.path, p.field) for p in problems] == [("data/events/2026-01-02-first-call.yml", "date")]


# --- part 2: the built site -------------------------------------------------------------------------


@dataclass
class HostileSite:
    clean: Path
    hostile: Path
    # page path → strings (normalised) that must be visible on it, with what they came from
    expected: dict[str, list[tuple[str, str]]]
    # pages whose title is a hostile string: page path → expected title text
    titles: dict[str, str]
    strings_in_build: int
    # page path → (string, the fields of the record that hold it)
    fields: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    data: Path | None = None  # the hostile dataset


def hostile_dataset(verdicts: Verdicts) -> tuple[dict, dict, dict[str, list[tuple[str, str]]], dict[str, str], int, dict]:
    """The base dataset plus, for each corpus string, a copy of each attacked record holding the
    string in every field that accepted it (and vocabulary terms labelled with it)."""
    base = load_fixture()
    cover = attack_base()
    records = copy.deepcopy(base)
    vocabulary = yaml.safe_load((FIXTURE / "vocabulary.yml").read_text(encoding="utf-8"))
    expected: dict[str, list[tuple[str, str]]] = defaultdict(list)
    titles: dict[str, str] = {}
    fields: dict[str, tuple[str, list[str]]] = {}
    used = set()
    types = {kind: string_fields(kind) for kind in KINDS}
    title_field = {"actors": "name", "events": "title", "statements": None, "commitments": "title", "sources": "title"}
    for i, hostile in enumerate(CORPUS):
        shown = norm(hostile)
        term = f"h{i}"
        for name in VOCABULARY_LISTS:
            label_ok = i in verdicts.vocabulary_accepted[(name, "label")]
            description_ok = i in verdicts.vocabulary_accepted[(name, "description")]
            vocabulary[name][term] = {"label": hostile if label_ok else f"Term {i}", "description": hostile if description_ok else f"Term {i}."}
            if label_ok or description_ok:
                used.add(i)
            if name == "issues":  # each issue has its own page, which shows its question and description
                question_ok = i in verdicts.vocabulary_accepted[(name, "question")]
                vocabulary[name][term]["question"] = hostile if question_ok else f"Term {i}?"
                for part, ok in (("question", question_ok), ("description", description_ok)):
                    if ok:
                        expected[f"issues/{term}.html"].append((shown, f"vocabulary {name}.{term}.{part}"))
            elif name != "domains" and description_ok:
                expected["methodology.html"].append((shown, f"vocabulary {name}.{term}.description"))
        for kind, record_ids in cover.items():
            for record_id in record_ids:
                record = copy.deepcopy(base[kind][record_id])
                new_id = f"{record_id}-h{i}"
                record["id"] = new_id
                page = f"{kind}/{new_id}.html"
                placed = []
                for pattern, concrete in citation_aware_patterns(base[kind][record_id], kind).items():
                    if pattern in types[kind] and isinstance(types[kind][pattern], FREE_TEXT) and i in verdicts.accepted.get((kind, pattern), ()):
                        set_path(record, concrete, hostile)
                        placed.append(pattern)
                if kind == "events":
                    record["kind"] = term
                    record["topics"] = [term]
                    if i in verdicts.vocabulary_accepted[("event_kinds", "label")]:
                        expected[page].append((shown, "event_kinds label"))
                elif kind == "statements":
                    record["topics"] = [term]
                elif kind == "commitments":
                    record["mechanism"] = term
                    record["domains"] = ["air", term]
                    record["topics"] = [term]
                    for name in ("mechanisms", "domains"):
                        if i in verdicts.vocabulary_accepted[(name, "label")]:
                            expected[page].append((shown, f"{name} label"))
                if "topics" in (f.name for f in KINDS[kind].structure().fields) and i in verdicts.vocabulary_accepted[("topics", "label")]:
                    expected[page].append((shown, "topics label"))
                if not placed and kind != "events" and kind != "commitments":
                    continue
                records[kind][new_id] = record
                if placed:
                    used.add(i)
                    expected[page].append((shown, f"{kind} fields {', '.join(placed)}"))
                    fields[page] = (shown, [f"{kind}: {p}" for p in placed])
                if title_field[kind] in placed:
                    titles[page] = shown
    return records, vocabulary, expected, titles, len(used), fields


@pytest.fixture(scope="module")
def sites(verdicts, tmp_path_factory) -> HostileSite:
    tmp = tmp_path_factory.mktemp("hostile-build")
    clean = tmp / "clean"
    result = build_site(clean, FIXTURE)
    assert result.returncode == 0, result.stdout + result.stderr
    records, vocabulary, expected, titles, count, fields = hostile_dataset(verdicts)
    data = write_dataset(tmp / "data", records, vocabulary)
    _, problems = check_dataset(data)
    assert list(problems) == [], "\n".join(map(str, problems))
    hostile = tmp / "hostile"
    result = build_site(hostile, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return HostileSite(clean, hostile, expected, titles, count, fields, data)


@pytest.fixture(scope="module")
def hostile_pages(sites) -> dict[str, Page]:
    return {name: parse_page(path.read_text(encoding="utf-8")) for name, path in html_pages(sites.hostile).items()}


@pytest.fixture(scope="module")
def clean_pages(sites) -> dict[str, Page]:
    return {name: parse_page(path.read_text(encoding="utf-8")) for name, path in html_pages(sites.clean).items()}


def test_most_of_the_corpus_reaches_the_site(sites):
    assert sites.strings_in_build >= 60, sites.strings_in_build


def twin_of(name: str, clean_pages: dict):
    """The clean page a hostile page is compared with: the record it copies; for the pages of older
    changes, which only the hostile build has enough changes for, a clean page one folder deep."""
    twin = clean_pages.get(_twin(name))
    if twin is None and re.fullmatch(r"changes/\d+\.html", name):
        twin = next(page for other, page in sorted(clean_pages.items()) if other.startswith("timeline/"))
    return twin


def test_hostile_pages_are_the_same_without_the_build_shortcuts(sites, tmp_path):
    """Hostile titles, quotes and descriptions are filled into the theme's frame exactly where, and
    as, the theme's templates would print them, and their search entries made from their words
    are the entries Material's search plugin makes of them (tests/test_build_shortcuts.py has the
    rest)."""
    from tests.support.sites import WITHOUT_SHORTCUTS, assert_same_site

    result = build_site(tmp_path / "without-shortcuts", sites.data, WITHOUT_SHORTCUTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert assert_same_site(sites.hostile, tmp_path / "without-shortcuts") > 300


def test_no_script_but_the_themes_own(hostile_pages, clean_pages):
    """The same script files and the same inline scripts (by hash) as the clean build, page by page:
    a record's hostile copy (actors/ada-example-h4.html) has exactly the scripts of the clean record."""
    clean = {s for page in clean_pages.values() for s in page.scripts}
    hostile = {s for page in hostile_pages.values() for s in page.scripts}
    assert hostile == clean
    different = {}
    for name, page in hostile_pages.items():
        twin = twin_of(name, clean_pages)
        assert twin is not None, name
        if page.scripts != twin.scripts:
            different[name] = sorted(set(page.scripts) ^ set(twin.scripts))
    assert different == {}


def _twin(name: str) -> str:
    """The clean page a hostile page should match: a record's copy, its original; a hostile issue's
    page, or a further page of the positions on an issue, the clean build's issue page."""
    if re.fullmatch(r"issues/h\d+\.html|positions/.+-page-\d+\.html", name):
        return "issues/protection.html"
    if re.fullmatch(r"timeline/.+-part-\d+\.html", name):  # a further part of a busy month
        return re.sub(r"-part-\d+\.html$", ".html", name)
    return re.sub(r"-h\d+\.html$", ".html", name)


def test_structured_data_stays_data(hostile_pages, clean_pages):
    """Hostile text in a page's JSON-LD neither ends its script element nor breaks its JSON: each
    hostile page has as many blocks as its clean twin, of the same types, and each parses."""
    checked = 0
    for name, page in hostile_pages.items():
        twin = twin_of(name, clean_pages)
        assert len(page.structured_data) == len(twin.structured_data), name
        for text, clean_text in zip(page.structured_data, twin.structured_data):
            assert "<" not in text and ">" not in text and "&" not in text, name
            assert json.loads(text)["@type"] == json.loads(clean_text)["@type"], name
            checked += 1
    assert checked > 20


def test_no_event_handler_attribute(hostile_pages):
    handlers = [(name, tag, attr) for name, page in hostile_pages.items() for tag, attrs in page.elements for attr, _ in attrs if attr.startswith("on")]
    assert handlers == []


def test_no_link_or_source_runs_code(hostile_pages):
    bad = [(name, tag, attr, value) for name, page in hostile_pages.items() for tag, attrs in page.elements
           for attr, value in attrs if attr in URL_ATTRIBUTES and value and dangerous_url(value)]
    assert bad == []


def test_no_element_the_theme_did_not_put_there(hostile_pages, clean_pages):
    known = {element_signature(tag, attrs) for page in clean_pages.values() for tag, attrs in page.elements}
    # The hostile build has hundreds of records about one actor, so its lists reach the limit and
    # end with a "more" note, which the small clean build never needs.
    known.add(element_signature("p", [("class", "tr-more")]))
    # Likewise its hundreds of coded positions on one issue fill more than one page of it.
    known |= {element_signature("nav", [("class", "tr-pager"), ("aria-label", "")]), element_signature("ol", [("class", "tr-pager-list")]),
              element_signature("span", [("aria-current", "page")])}
    # Its hundreds of corrections fill more than one page of changes.html, which gets a pager; and
    # it is built outside git (the clean build is inside this repository), so it has no history.
    known.add(element_signature("ul", [("class", "tr-pager")]))
    known.add(element_signature("a", [("aria-current", "page"), ("href", "2.html")]))
    known.add(element_signature("p", [("class", "tr-history-unavailable")]))
    strange = {}
    for name, page in hostile_pages.items():
        for tag, attrs in page.elements:
            signature = element_signature(tag, attrs)
            if signature not in known:
                strange.setdefault(signature, name)
    assert strange == {}


def test_every_accepted_string_is_literal_text_on_its_record_page(sites, hostile_pages):
    missing = []
    checked = 0
    for name, wanted in sites.expected.items():
        page = hostile_pages.get(name)
        assert page is not None, f"{name} was not built"
        text = norm(page.text)
        for value, origin in wanted:
            checked += 1
            if value not in text:
                missing.append(f"{name}: {value[:80]!r} ({origin})")
    assert missing == []
    assert checked > 300


def test_each_field_holding_a_string_shows_it(sites, hostile_pages):
    """A lower bound, field by field: a page shows a string at least once for every field of the
    record that holds it (fields known not to be shown aside, see tests/test_coverage.py). A field
    escaped twice, or not shown, makes the count fall short."""
    from tests.support.pages import KNOWN_GAPS

    short = []
    for name, (value, placed) in sites.fields.items():
        wanted = [f for f in placed if f not in KNOWN_GAPS]
        found = norm(hostile_pages[name].text).count(value)
        if found < len(wanted):
            short.append(f"{name}: {value[:60]!r} shown {found} times for {len(wanted)} fields: {', '.join(wanted)}")
    assert short == []


def test_page_titles_and_headers_show_the_title_as_text(sites, hostile_pages):
    wrong = []
    for name, title in sites.titles.items():
        page = hostile_pages[name]
        if page.title != f"{title} - {SITE_NAME}":
            wrong.append(f"{name}: <title> {page.title[:100]!r}")
        if page.header_topic != title:
            wrong.append(f"{name}: header {page.header_topic[:100]!r}")
    assert wrong == []
    assert len(sites.titles) > 40


def test_the_exports_stay_well_formed(sites):
    """JSON, XML (Atom feed, sitemap), iCalendar, BibTeX and CSV files of the hostile build: each
    parses, and no hostile text adds an entry, a property or a column of its own."""
    import csv
    import json
    import xml.etree.ElementTree as ET

    site = sites.hostile
    records = {kind: len(list((site / kind).glob("*.html"))) - (kind == "actors") for kind in KINDS}
    checked = []
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
        checked.append(path.name)
    for path in sorted(site.rglob("*.xml")):
        ET.parse(path)
        checked.append(path.name)
    for path in sorted(site.rglob("*.ics")):
        text = path.read_bytes().decode("utf-8")
        unfolded = re.sub(r"\r\n[ \t]", "", text)
        lines = [line for line in unfolded.split("\r\n") if line]
        assert all(re.match(r"^[A-Z][A-Z0-9-]*[;:]", line) for line in lines), [l for l in lines if not re.match(r"^[A-Z][A-Z0-9-]*[;:]", l)][:5]
        events = lines.count("BEGIN:VEVENT")
        assert events == lines.count("END:VEVENT") and 0 < events <= records["events"]
        assert sum(1 for line in lines if line.startswith("SUMMARY")) == events
        checked.append(path.name)
    for path in sorted(site.rglob("*.bib")):
        text = path.read_text(encoding="utf-8")
        entries = re.findall(r"(?m)^@", text)
        assert len(entries) == records["sources"], (len(entries), records["sources"])
        depth = 0
        for i, ch in enumerate(text):
            if ch in "{}" and (i == 0 or text[i - 1] != "\\"):
                depth += 1 if ch == "{" else -1
                assert depth >= 0, text[max(0, i - 200):i + 1]
        assert depth == 0
        checked.append(path.name)
    for path in sorted(site.rglob("*.csv")):
        rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
        assert {len(r) for r in rows} == {len(rows[0])}, path.name
        kind = path.stem
        if kind in records:
            assert len(rows) - 1 == records[kind], (path.name, len(rows) - 1, records[kind])
        checked.append(path.name)
    if not checked:
        pytest.skip("the build writes no exports")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_cannot_start_a_spreadsheet_formula(sites):
    import csv

    files = sorted(sites.hostile.rglob("*.csv"))
    if not files:
        pytest.skip("the build writes no CSV")
    live = [(path.name, cell[:60]) for path in files for row in list(csv.reader(path.open(newline="", encoding="utf-8")))[1:]
            for cell in row if cell.startswith(FORMULA_START)]
    assert live == []


@pytest.mark.browser
def test_the_hostile_site_in_a_browser_runs_nothing(sites):
    """The DOM after the theme's scripts ran: search results are rendered with innerHTML."""
    from playwright.sync_api import sync_playwright

    from tests.browser import OfflinePage, launch_browser, search

    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            with OfflinePage(browser) as offline:
                offline.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                pages = ["index.html", "timeline.html", "security-guarantees.html", "actors/index.html", "methodology.html"]
                pages += sorted(name for name in sites.titles if "-h0." in name or "-h4." in name or "-h1." in name)
                for name in pages:
                    offline.goto_file(sites.hostile / name)
                    handlers = offline.page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
                        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
                    assert handlers == [], (name, handlers)
                offline.goto_file(sites.hostile / "index.html")
                results = search(offline.page, "onerror")
                assert results, "search found none of the hostile records"
                injected = offline.page.evaluate("""() => [...document.querySelectorAll(
                    '.md-search-result img, .md-search-result script, .md-search-result svg, .md-search-result iframe, [onerror], [onload]')].length""")
                assert injected == 0
                titles = offline.page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
                assert "<img src=x onerror=alert(1)>" in titles, titles[:10]
                assert offline.page_errors == [], offline.page_errors
        finally:
            browser.close()
    assert dialogs == []
