"""Hostile data, second round: the file system, dates, sizes, ids, characters and references.

A pull request can hold more than text: symbolic links, named pipes, hidden files, a date in the
year 9999, a file of nested brackets, an id that is also a page of the site. Each test below
breaks one rule in the minimal dataset of tests/test_validation.py and checks what the
contributor is told, `path:line: field: message (hint)`, or, for input that is correct, that it
is accepted and published whole. Whatever could hang runs in a subprocess with a timeout, so a
regression fails the test instead of stopping the suite.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.export.calendar import calendar_text
from macros.load import MAX_FILE_BYTES, check_dataset
from macros.pages import DuplicateOutput, GeneratedPage, claim_output_paths, generated_pages
from macros.render.charts import MAX_BARS, events_chart
from macros.render.views import rendering_of
from tests.browser import OfflinePage
from tests.conftest import build_site
from tests.support.validation import (
    ACTOR,
    COMMITMENT,
    EVENT,
    ROOT,
    SOURCE,
    STATEMENT,
    Dataset,
    assert_reported,
    find,
    listing,
    only_problem,
)

SECRET = "secret-outside-the-repository"
OUTSIDE_RECORD = (
    "id: leak\nkind: state\nname: Leak\n"
    f"description: {SECRET}\n"
    "sources:\n  - example-news-2026-01-03\n"
)


@pytest.fixture
def dataset(tmp_path) -> Dataset:
    return Dataset(tmp_path / "repository")


def validate(root: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m macros validate` on root/data, as a contributor runs it; fails rather than hangs."""
    return subprocess.run([sys.executable, "-m", "macros", "validate", "--data", "data"], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})


def assert_clean_failure(result: subprocess.CompletedProcess, *lines: str) -> None:
    """Exit 1, each expected line printed exactly, nothing that looks like a crash or a leak."""
    assert result.returncode == 1, result.stdout + result.stderr
    printed = result.stdout.splitlines()
    for line in lines:
        assert line in printed, f"{line!r} not in:\n{result.stdout}"
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    assert len(result.stdout) < 5000, f"{len(result.stdout)} characters printed"


# --- 1. symbolic links and files that are not regular files -----------------------------------------------


def test_a_record_that_is_a_link_to_a_file_outside_the_repository_is_refused_unread(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "leak.yml"
    outside.write_text(OUTSIDE_RECORD, encoding="utf-8")
    (dataset.data / "actors" / "leak.yml").symlink_to(outside)
    assert_clean_failure(validate(dataset.root), "data/actors/leak.yml:1: is a symbolic link; data/ holds only regular files "
                                                 "(replace the link with the file itself: a link can point outside the repository)")


def test_a_linked_folder_pointing_at_the_root_of_the_machine_is_refused_without_walking_it(dataset):
    (dataset.data / "events" / "everything").symlink_to("/")
    (dataset.data / "usr").symlink_to("/usr")
    started = time.monotonic()
    result = validate(dataset.root, timeout=30)
    assert_clean_failure(result, "data/events/everything:1: is a symbolic link; data/ holds only regular files "
                                 "(replace the link with the file itself: a link can point outside the repository)")
    assert "data/usr:1: is a symbolic link" in result.stdout
    assert len(result.stdout.splitlines()) == 2 and time.monotonic() - started < 30


def test_a_kind_folder_that_is_a_link_is_refused(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside-sources")
    dataset.move(SOURCE, "moved.yml")
    (outside / "example-news-2026-01-03.yml").write_text(dataset.read("moved.yml"), encoding="utf-8")
    os.rmdir(dataset.data / "sources")
    (dataset.data / "sources").symlink_to(outside, target_is_directory=True)
    problems = dataset.problems()
    find(problems, "data/sources", 1, "is a symbolic link")


def test_a_dangling_link_named_like_a_record_is_refused_and_blames_no_other_file(dataset):
    dataset.path(ACTOR).unlink()
    dataset.path(ACTOR).symlink_to("/nonexistent/ukraine.yml")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 1, "", "is a symbolic link")


def test_a_named_pipe_named_like_a_record_is_refused_without_waiting_for_a_writer(dataset):
    os.mkfifo(dataset.data / "events" / "2026-01-09-pipe.yml")
    assert_clean_failure(validate(dataset.root, timeout=30), "data/events/2026-01-09-pipe.yml:1: is not a regular file "
                                                             "(a named pipe, socket, device or folder) (data/ holds only text files; delete it)")


def test_a_vocabulary_that_is_a_link_is_refused(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside-vocabulary") / "vocabulary.yml"
    outside.write_text(dataset.read("data/vocabulary.yml"), encoding="utf-8")
    dataset.path("data/vocabulary.yml").unlink()
    dataset.path("data/vocabulary.yml").symlink_to(outside)
    find(dataset.problems(), "data/vocabulary.yml", 1, "is a symbolic link")


def test_a_data_folder_that_is_a_link_is_refused(tmp_path, dataset):
    other = tmp_path / "elsewhere"
    other.mkdir()
    link = other / "data"
    link.symlink_to(dataset.data, target_is_directory=True)
    _, problems = check_dataset(link, display_root=other)
    assert [str(p) for p in problems] == ["data:1: the data folder is a symbolic link (data/ must be a real folder in the repository)"]


def test_a_file_name_with_a_line_break_or_bytes_that_are_not_utf8_prints_on_one_line(dataset):
    dataset.write("data/actors/x.yml\ndata/sources/fake.yml:1: forged message", "id: x\n")
    os.close(os.open(os.fsencode(dataset.data / "actors") + b"/\xff.yml", os.O_CREAT | os.O_WRONLY))
    result = validate(dataset.root)
    assert_clean_failure(result, "data/actors/\\xff.yml:1: the file is empty (a record needs at least an id)")
    assert "data/actors/x.yml\\ndata/sources/fake.yml:1: forged message:1: this file is not where records live" in result.stdout
    assert [line for line in result.stdout.splitlines() if not line.startswith("data/actors/")] == []


@pytest.mark.slow
def test_folders_nested_deeper_than_the_call_stack_are_walked_and_reported(dataset):
    folders = [dataset.data / "d"]
    for _ in range(1199):  # one by one: pathlib's mkdir(parents=True), like rmtree, recurses
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "x.yml").write_text("id: x\n", encoding="utf-8")
    try:
        result = validate(dataset.root)
    finally:
        (folders[-1] / "x.yml").unlink()
        for folder in reversed(folders):
            folder.rmdir()
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["data/" + "d/" * 1200 + "x.yml:1: this file is not where records live "
                                          "(records go in data/<kind>/<id>.yml, kind one of: actors, events, statements, commitments, sources)"]


@pytest.mark.slow
def test_the_build_refuses_a_linked_record_and_publishes_nothing_of_it(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside-build") / "leak.yml"
    outside.write_text(OUTSIDE_RECORD, encoding="utf-8")
    (dataset.data / "actors" / "leak.yml").symlink_to(outside)
    site = dataset.root / "site"
    result = build_site(site, dataset.data)
    assert result.returncode != 0
    assert "data/actors/leak.yml:1: is a symbolic link" in result.stdout + result.stderr
    assert not any(SECRET in p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


# --- 2. dates: four-digit years, and every consumer robust from 1000 to 9999 -----------------------------


@pytest.mark.parametrize("written", ["0001-01-01", "0999-12", "0000"])
def test_a_year_before_1000_is_rejected(dataset, written):
    dataset.replace(EVENT, "date: 2026-01-03", f'date: "{written}"')
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 4, "date", f"{written} is before the year 1000", "four digits")


@pytest.mark.parametrize("written", ["2026-00-00", "2026-00", "2026-01-00"])
def test_a_month_or_day_of_zero_is_not_a_real_calendar_date(dataset, written):
    dataset.replace(EVENT, "date: 2026-01-03", f"date: {written}")
    assert_reported(only_problem(dataset.problems()), EVENT, 4, "date", f"{written} is not a real calendar date")


def extreme_events(dataset, monkeypatch=None, last: int = 9999) -> str:
    """Two more events, one in the year 1000 and one ending on the last day of the year `last`
    (9999: the last day iCalendar can write); the id of the last. The rules of time refuse a date
    that far ahead of the data: with monkeypatch, the consumers are tried at the limit all the same."""
    if monkeypatch:
        monkeypatch.setattr("macros.time_rules.MAX_YEARS_AHEAD", 8000)
    for event_id, dates in (("1000-01-01-first", "date: 1000-01-01\n"), (f"{last}-12-30-last", f"date: {last}-12-30\nend_date: {last}-12-31\n")):
        text = dataset.read(EVENT).replace("id: 2026-01-03-kyiv-meeting\n", f"id: {event_id}\n").replace("date: 2026-01-03\n", dates)
        dataset.write(f"data/events/{event_id}.yml", text)
    return f"{last}-12-30-last"


def test_the_events_chart_of_dates_a_thousand_years_apart_stays_small_and_quick(dataset, monkeypatch):
    extreme_events(dataset, monkeypatch)
    data, problems = check_dataset(dataset.data, display_root=dataset.root)
    assert list(problems) == []
    started = time.monotonic()
    chart = str(events_chart(rendering_of(data).context("index.html")))
    assert time.monotonic() - started < 2
    assert chart.count('class="tr-chart-bar"') == 3 and chart.count("<tr>") <= MAX_BARS + 1
    assert "Events per century, by kind" in chart and "each bar is a century" in chart and "1000–1099" in chart
    assert len(chart) < 100_000


def test_the_calendar_writes_an_event_ending_on_9999_12_31_with_its_length(dataset, monkeypatch):
    import icalendar

    extreme_events(dataset, monkeypatch)
    data, _ = check_dataset(dataset.data, display_root=dataset.root)
    text = calendar_text(data, site_name="Tracker")
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert "DTSTART;VALUE=DATE:99991230\r\nDURATION:P2D\r\n" in text
    assert events["9999-12-30-last"].decoded("DURATION").days == 2
    assert "DTSTART;VALUE=DATE:10000101\r\nDTEND;VALUE=DATE:10000102\r\n" in text


@pytest.mark.slow
def test_a_site_with_dates_a_thousand_years_apart_builds_quickly_and_small(dataset):
    from datetime import date

    from macros.schema import MAX_YEARS_AHEAD

    last = extreme_events(dataset, last=date.today().year + MAX_YEARS_AHEAD - 1)  # as far ahead as the data may go
    site = dataset.root / "site"
    started = time.monotonic()
    result = build_site(site, dataset.data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert time.monotonic() - started < 120
    assert (site / "index.html").stat().st_size < 300_000
    assert (site / "events" / f"{last}.html").exists() and (site / "timeline" / "1000-01.html").exists()


# --- 3. parse cost: nesting and size are bounded before the parser's cost can grow --------------------------


@pytest.mark.parametrize("text, line", [
    ("id: " + "[" * 60_000 + "]" * 60_000 + "\n", 1),
    ("id: " + "{a: " * 25_000 + "}" * 25_000 + "\n", 1),
    ("roles:\n" + "".join("  " * i + "- \n" for i in range(1, 200)), 21),
])
def test_deep_nesting_is_reported_at_once(dataset, text, line):
    dataset.write("data/actors/nested.yml", text)
    result = validate(dataset.root, timeout=20)
    assert_clean_failure(result, f"data/actors/nested.yml:{line}: blocks and lists are nested more than 20 levels deep here "
                                 "(no record needs more than six levels; check the brackets and the indentation)")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(dataset):
    dataset.write("data/actors/huge.yml", "id: huge\ndescription: " + "[" * 300_000 + "\n")
    result = validate(dataset.root, timeout=20)
    assert_clean_failure(result, f"data/actors/huge.yml:1: is larger than {MAX_FILE_BYTES // 1024} KiB, the limit for this file "
                                 "(split it into several records, or shorten its texts)")


def test_a_list_over_the_item_limit_is_refused_with_its_count(dataset):
    from macros.fieldtypes import ListOf

    limit = ListOf().max_items
    aliases = "".join(f"  - Alias {i}\n" for i in range(limit + 1))
    dataset.replace(ACTOR, "description:", f"aliases:\n{aliases}description:")
    line = dataset.path(ACTOR).read_text().splitlines().index(f"  - Alias {limit}") + 1  # the first item over the limit
    assert_reported(only_problem(dataset.problems()), ACTOR, line, "aliases", f"has {limit + 1} items; the limit is {limit}", "split the record")


# --- 4. ids that collide with the site's pages or with file systems ----------------------------------------


def rename_actor(dataset, new_id: str) -> str:
    """Give the actor a new id (and file name); the records citing it are left pointing at the old one."""
    path = f"data/actors/{new_id}.yml"
    dataset.move(ACTOR, path)
    dataset.replace(path, "id: ukraine\n", f"id: {new_id}\n")
    dataset.replace(EVENT, "actor: ukraine", f"actor: {new_id}")
    dataset.replace(STATEMENT, "speaker: ukraine", f"speaker: {new_id}")
    dataset.replace(COMMITMENT, "  - ukraine\n", f"  - {new_id}\n")
    return path


def test_an_actor_with_the_id_index_is_refused_as_it_would_replace_the_actors_index(dataset):
    path = rename_actor(dataset, "index")
    problem = only_problem(dataset.problems())
    assert_reported(problem, path, 1, "id", "'index' is reserved for a page of the site", "choose a more specific id")


@pytest.mark.parametrize("name", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_an_id_windows_cannot_check_out_is_refused(dataset, name):
    path = rename_actor(dataset, name)
    problem = only_problem(dataset.problems())
    assert_reported(problem, path, 1, "id", f"'{name}' is a reserved file name on Windows", f"{name}.yml cannot be checked out")


def test_an_id_ending_in_a_line_break_is_not_a_valid_id(dataset):
    dataset.replace(ACTOR, "id: ukraine\n", 'id: "ukraine\\n"\n')
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 1, "id", "'ukraine\\n' is not a valid id")


def test_a_vocabulary_term_ending_in_a_line_break_is_not_a_valid_id(dataset):
    dataset.replace("data/vocabulary.yml", "\n  diplomacy:\n", '\n  "diplomacy\\n":\n')
    problems = dataset.problems()
    find(problems, "data/vocabulary.yml", dataset.read("data/vocabulary.yml").splitlines().index('  "diplomacy\\n":') + 1, "is not a valid id")


def test_two_pages_at_one_path_stop_the_build_naming_both(dataset):
    data, _ = check_dataset(dataset.data, display_root=dataset.root)
    pages = list(generated_pages(rendering_of(data)))
    with pytest.raises(DuplicateOutput) as clash:
        claim_output_paths(pages, {"actors/ukraine.html": "docs/actors/ukraine.md"})
    assert str(clash.value).splitlines()[1] == f"{ACTOR}:1: its page actors/ukraine.html would replace docs/actors/ukraine.md (choose another id)"
    twin = GeneratedPage("events/2026-01-03-kyiv-meeting.html", "Twin", str, origin="a second generator")
    with pytest.raises(DuplicateOutput, match="a second generator: its page events/2026-01-03-kyiv-meeting.html would replace data/events/"):
        claim_output_paths([*pages, twin], {})
    assert claim_output_paths(pages, {"actors/index.html": "docs/actors/index.md"}) == pages


# --- 5. noncharacters and blank letters ----------------------------------------------------------------------


@pytest.mark.parametrize("escape, words", [
    ("Ukr\\uFFFFaine", "U+FFFF (a noncharacter"),
    ("Ukr\\uFDD0aine", "U+FDD0 (a noncharacter"),
    ("Ukr\\U0001FFFEaine", "U+1FFFE (a noncharacter"),
    ("\\u3164", "U+3164 (HANGUL FILLER), which shows as blank space"),
    ("Ukraine\\uffa0", "U+FFA0 (HALFWIDTH HANGUL FILLER), which shows as blank space"),
    ("\\u2800\\u115f", "has no visible character"),
])
def test_noncharacters_and_blank_letters_in_a_name_are_rejected(dataset, escape, words):
    dataset.replace(ACTOR, "name: Ukraine", f'name: "{escape}"')
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 3, "name", words)


# --- 6. size limits and short messages ------------------------------------------------------------------------


@pytest.mark.parametrize("old, new, line, field", [
    ("kind: state", "kind: " + "A" * 100_000, 2, "kind"),
    ("id: ukraine", "id: " + "b" * 100_000, 1, "id"),
    ("name: Ukraine", "name: " + "C" * 100_000, 3, "name"),
    ("name: Ukraine", "name: Ukraine\n? " + "d" * 100_000 + "\n: x", 4, "d" * 100 + "…"),
])
def test_a_huge_value_is_reported_in_a_short_message(dataset, old, new, line, field):
    dataset.replace(ACTOR, old, new)
    problem = find(dataset.problems(), ACTOR, line)
    assert problem.field == field and len(str(problem)) < 700, str(problem)[:700]


def test_a_web_address_over_the_limit_is_rejected(dataset):
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", "url: https://example.org/" + "a" * 2000)
    problem = only_problem(dataset.problems())
    assert_reported(problem, SOURCE, 6, "url", "is 2020 characters long; the limit is 2000")
    assert len(str(problem)) < 300


# --- 7. numbers keep every digit ------------------------------------------------------------------------------

AMOUNT = "amount:\n  value: 800000000000\n  currency: USD\n"


@pytest.mark.parametrize("value, words", [
    ("9007199254740993", "is larger than 9007199254740992 (2^53)"),
    ("1e400", "is larger than 9007199254740992 (2^53)"),
    ("0.1000000000000000055511151231257827", "has more digits than can be kept exactly"),
])
def test_a_number_that_would_lose_digits_is_rejected(dataset, value, words):
    dataset.replace(COMMITMENT, "description:", AMOUNT.replace("800000000000", value) + "description:")
    problem = only_problem(dataset.problems())
    assert_reported(problem, COMMITMENT, 8, "amount.value", words)


def test_a_whole_number_layer_beyond_2_53_is_rejected(dataset):
    dataset.replace(COMMITMENT, "description:", "layer: 99999999999999999999\ndescription:")
    assert_reported(only_problem(dataset.problems()), COMMITMENT, 7, "layer", "is larger than")


@pytest.mark.parametrize("written, value", [("9007199254740992", 2**53), ("800000000000", 800_000_000_000), ("1.5e3", 1500), ("0.1", 0.1)])
def test_numbers_up_to_2_53_are_kept_exactly(dataset, written, value):
    dataset.replace(COMMITMENT, "description:", AMOUNT.replace("800000000000", written) + "description:")
    data, problems = check_dataset(dataset.data, display_root=dataset.root)
    assert list(problems) == []
    kept = data.get("commitments", "european-led-force")["amount"]["value"]
    assert kept == value and type(kept) is type(value)


# --- 8. web addresses whose host Python and browsers could read differently -----------------------------------


@pytest.mark.parametrize("url, words", [
    ("https://evil.example\\@trusted.example/", "contains a backslash, which browsers read as '/'"),
    ("https://trusted.example\\evil.example/", "contains a backslash"),
    ("https://user:pass@example.org/", "has a user name or password before '@'"),
    ("https://trusted.example@evil.example/", "has a user name or password before '@'"),
    ("https://example.org%2eevil.example/", "is not a safe web address"),
    ("https://\uff45xample.org/", "is not a safe web address"),
    ("https://192.168.0.1/admin", "is not a safe web address"),
    ("https://example.org:99999999/", "is not a safe web address"),
])
def test_a_web_address_with_an_ambiguous_host_is_rejected(dataset, url, words):
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", f"url: '{url}'")
    assert_reported(only_problem(dataset.problems()), SOURCE, 6, "url", words)


@pytest.mark.parametrize("url", ["https://example.org:8443/report", "https://пример.рф/статья", "https://www.bbc.co.uk/news/articles/c0l1"])
def test_ports_and_international_hosts_are_accepted(dataset, url):
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", f"url: {url}")
    assert dataset.problems() == []


# --- 9. joiners where a script or an emoji needs them -----------------------------------------------------------

PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0635\u0644\u062d"  # mi-khaham solh, with its ZWNJ
HINDI = "\u0915\u094d\u200d\u0937"  # ksha, half form: ZWJ after the virama
EMOJI = "\U0001F469\u200D\U0001F4BB \U0001F3F3\uFE0F\u200D\U0001F308"  # woman technologist, rainbow flag


@pytest.mark.parametrize("text", [PERSIAN, HINDI, EMOJI])
def test_joiners_that_a_script_or_an_emoji_needs_are_accepted_in_a_quote(dataset, text):
    dataset.replace(STATEMENT, "paraphrase: Ukraine said", f'quote: "{text}"\nparaphrase: Ukraine said')
    data, problems = check_dataset(dataset.data, display_root=dataset.root)
    assert list(problems) == []
    assert data.get("statements", "ukraine-reports-progress")["quote"] == text


@pytest.mark.parametrize("text, code", [("Ukr\u200caine", "U+200C"), ("Ukraine\u200d", "U+200D"), ("\u200d\U0001F4BB", "U+200D")])
def test_joiners_between_latin_letters_or_at_an_edge_are_still_rejected(dataset, text, code):
    dataset.replace(ACTOR, "name: Ukraine", f'name: "{text}"')
    assert_reported(only_problem(dataset.problems()), ACTOR, 3, "name", code)


# --- 10. nothing is skipped in silence --------------------------------------------------------------------------


def test_a_hidden_record_file_is_reported_not_skipped(dataset):
    dataset.write("data/events/.2026-01-09-hidden.yml", dataset.read(EVENT))
    result = validate(dataset.root)
    assert_clean_failure(result, "data/events/.2026-01-09-hidden.yml:1: hidden files and folders are not read, so this one would be skipped "
                                 "(rename it without the leading dot (2026-01-09-hidden.yml), or delete it)")


def test_a_hidden_folder_is_reported_not_skipped(dataset):
    dataset.write("data/.drafts/actors/new.yml", "id: new\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, "data/.drafts", 1, "", "hidden files and folders are not read")


def test_files_that_tools_leave_behind_are_ignored(dataset):
    for name in ("data/.DS_Store", "data/actors/.gitkeep", "data/events/.2026-01-03-kyiv-meeting.yml.swp"):
        dataset.write(name, "editor state")
    assert dataset.problems() == []


# --- 11. references that resolve, but to the wrong thing -----------------------------------------------------------

PART = "data/commitments/air-policing.yml"


def test_commitments_that_are_parts_of_each_other_are_reported_at_both(dataset):
    dataset.write(PART, dataset.read(COMMITMENT).replace("id: european-led-force\n", "id: air-policing\npart_of: european-led-force\n"))
    dataset.replace(COMMITMENT, "area: security\n", "area: security\npart_of: air-policing\n")
    problems = dataset.problems()
    assert len(problems) == 2, listing(problems)
    assert_reported(find(problems, COMMITMENT, 4), COMMITMENT, 4, "part_of", "part_of goes round in a circle: european-led-force → air-policing → european-led-force")
    assert_reported(find(problems, PART, 2), PART, 2, "part_of", "air-policing → european-led-force → air-policing", "remove one part_of")


def test_an_event_related_to_itself_is_reported(dataset):
    dataset.replace(EVENT, "\nsources:\n", "\nrelated_events:\n  - 2026-01-03-kyiv-meeting\nsources:\n")
    assert_reported(only_problem(dataset.problems()), EVENT, 13, "related_events[0]", "an event cannot be related to itself")


COALITION = "data/actors/coalition-of-the-willing.yml"
COALITION_TEXT = (
    "id: coalition-of-the-willing\n"             # 1
    "kind: coalition\n"                          # 2
    "name: Coalition of the willing\n"           # 3
    "description: States ready to help.\n"       # 4
    "members:\n"                                 # 5
    "  - actor: ukraine\n"                       # 6
    "    sources:\n"                             # 7
    "      - example-news-2026-01-03\n"          # 8
    "sources:\n"                                 # 9
    "  - example-news-2026-01-03\n"              # 10
)


def test_a_coalition_that_is_a_member_of_itself_is_reported(dataset):
    dataset.write(COALITION, COALITION_TEXT.replace("actor: ukraine", "actor: coalition-of-the-willing"))
    assert_reported(only_problem(dataset.problems()), COALITION, 6, "members[0].actor", "a coalition cannot be a member of itself")


def test_coalitions_that_are_members_of_each_other_are_reported(dataset):
    dataset.write(COALITION, COALITION_TEXT.replace("actor: ukraine", "actor: nordic-group"))
    dataset.write("data/actors/nordic-group.yml", COALITION_TEXT.replace("coalition-of-the-willing", "nordic-group").replace("actor: ukraine", "actor: coalition-of-the-willing"))
    problems = dataset.problems()
    assert len(problems) == 2, listing(problems)
    assert_reported(find(problems, COALITION, 6), COALITION, 6, "members[0].actor", "members goes round in a circle: coalition-of-the-willing → nordic-group → coalition-of-the-willing")


def test_a_persons_country_that_is_a_person_is_reported(dataset):
    person = "data/actors/olena-example.yml"
    dataset.write(person, "id: olena-example\nkind: person\nname: Olena Example\ndescription: A diplomat.\nsources:\n  - example-news-2026-01-03\n")
    dataset.write("data/actors/taras-example.yml", dataset.read(person).replace("olena-example", "taras-example").replace("Olena", "Taras")
                  .replace("kind: person\n", "kind: person\ncountry: olena-example\n"))
    problem = only_problem(dataset.problems())
    assert_reported(problem, "data/actors/taras-example.yml", 3, "country", f"'olena-example' is a person ({person}), but this field names a state",
                    "point it at the state's record instead")


def test_an_events_country_that_is_a_coalition_is_reported(dataset):
    dataset.write(COALITION, COALITION_TEXT)
    dataset.replace(EVENT, "date_note: The source gives the date.\n",
                    "date_note: The source gives the date.\nlocation:\n  place: Kyiv\n  country: coalition-of-the-willing\n")
    assert_reported(only_problem(dataset.problems()), EVENT, 8, "location.country", "is a coalition", "names a state")


def test_a_source_read_before_it_was_published_is_reported_at_accessed(dataset):
    dataset.replace(SOURCE, "language: en\n", "accessed: 2026-01-02\nlanguage: en\n")
    assert_reported(only_problem(dataset.problems()), SOURCE, 7, "accessed", "2026-01-02 is before published 2026-01-03", "before it is published")


# --- 12. the rules of time ----------------------------------------------------------------------------------------
# The day the data is as of: the last commit's day, or today for a work tree with changes or without git (here).

HELD_THEN = "  - status: held\n    date: 2026-01-04\n    sources:\n      - source: example-news-2026-01-03\n"


def corrected_on(dataset, day: str) -> None:
    """The event gets a correction dated `day` (at line 13)."""
    dataset.replace(EVENT, "summary: Advisers discussed security guarantees.\n",
                    "summary: Advisers discussed security guarantees.\ncorrections:\n"
                    f"  - date: {day}\n    what_was_wrong: It said Lviv.\n    what_changed: Kyiv.\n"
                    "    sources:\n      - example-news-2026-01-03\n")


def test_an_event_held_and_then_scheduled_is_reported_at_the_second_status(dataset):
    dataset.replace(EVENT, HELD_THEN, HELD_THEN + HELD_THEN.replace("held", "scheduled").replace("01-04", "01-05"))
    assert_reported(only_problem(dataset.problems()), EVENT, 19, "status_history[1].status", "'scheduled' cannot follow 'held'",
                    "after held, the status can be: held")


def test_a_commitment_broken_and_then_in_force_is_reported(dataset):
    entry = "  - status: proposed\n    date: 2026-01-03\n    sources:\n      - example-news-2026-01-03\n"
    dataset.replace(COMMITMENT, entry, entry.replace("proposed", "broken") + entry.replace("proposed", "in-force").replace("01-03\n", "01-05\n", 1))
    assert_reported(only_problem(dataset.problems()), COMMITMENT, 13, "status_history[1].status", "'in-force' cannot follow 'broken'")


def test_every_status_declares_what_may_follow_it():
    from macros.schema import COMMITMENT_STATUSES, EVENT_STATUSES, STATUS_TRANSITIONS

    for kind, statuses in (("events", EVENT_STATUSES), ("commitments", COMMITMENT_STATUSES)):
        allowed = STATUS_TRANSITIONS[kind]
        assert set(allowed) == set(statuses), kind
        assert all(set(following) <= set(statuses) and status in following for status, following in allowed.items()), kind


def test_a_correction_dated_after_the_data_is_as_of_is_reported(dataset):
    from datetime import datetime, timedelta, timezone

    later = (datetime.now(timezone.utc).date() + timedelta(days=3)).isoformat()
    corrected_on(dataset, later)
    assert_reported(only_problem(dataset.problems()), EVENT, 13, "corrections[0].date", f"{later} is after", "the day the data is as of",
                    "today or earlier")


def test_a_correction_dated_tomorrow_is_accepted_for_time_zones_ahead_of_utc(dataset):
    from datetime import datetime, timedelta, timezone

    tomorrow = (datetime.now(timezone.utc).date() + timedelta(days=1)).isoformat()
    corrected_on(dataset, tomorrow)
    assert dataset.problems() == []


@pytest.mark.parametrize("written", ["9999-01-03", "2206", "2999-12"])
def test_a_date_far_ahead_of_the_data_is_reported(dataset, written):
    dataset.replace(EVENT, "date: 2026-01-03\n", f"date: {written}\n")
    problems = [p for p in dataset.problems() if p.field == "date"]
    assert_reported(only_problem(problems), EVENT, 4, "date", f"{written} is more than 30 years after", "check the year")


def test_a_date_far_ahead_deep_inside_a_record_is_reported_where_it_is_written(dataset):
    dataset.replace(EVENT, "    date: 2026-01-04\n", "    date: 3026-01-04\n")
    assert_reported(only_problem(dataset.problems()), EVENT, 16, "status_history[0].date", "3026-01-04 is more than 30 years after")


def test_a_commit_fixes_the_day_the_data_is_as_of(dataset):
    """In a clean checkout the data is as of its last commit: a correction after it is refused."""
    from tests.gitrepo import commit_all

    corrected_on(dataset, "2026-01-09")
    commit_all(dataset.root, "Records", "2026-01-07")
    assert_reported(only_problem(dataset.problems()), EVENT, 13, "corrections[0].date", "2026-01-09 is after 2026-01-07")
    dataset.replace(EVENT, "title: National security advisers meet in Kyiv", "title: Advisers meet in Kyiv")
    assert dataset.problems() == [], "uncommitted changes: the work tree is as of today"
    commit_all(dataset.root, "A later commit", "2026-01-08")  # a day before: a time zone ahead of UTC
    assert dataset.problems() == []


# --- the other commands that touch data/ ---------------------------------------------------------------------


def run_macros(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=root, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.slow
@pytest.mark.parametrize("record_id", ["index", "nul"])
def test_make_new_refuses_a_reserved_id(dataset, record_id):
    result = run_macros(dataset.root, "new", "actor", record_id, "--data", "data")
    assert result.returncode != 0 and "is reserved" in result.stderr and "Traceback" not in result.stderr
    assert not dataset.path(f"data/actors/{record_id}.yml").exists()


def test_formatting_never_writes_through_a_link(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside-format") / "target.yml"
    outside.write_text("id:   leak\nkind: state\n", encoding="utf-8")
    (dataset.data / "actors" / "leak.yml").symlink_to(outside)
    result = run_macros(dataset.root, "format", "data/actors/leak.yml")
    assert result.returncode == 1 and "not a regular file" in result.stderr, result.stderr
    assert outside.read_text(encoding="utf-8") == "id:   leak\nkind: state\n"


def test_make_new_never_writes_through_a_link(dataset, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside-new")
    dataset.path("data/actors/new-person.yml").symlink_to(outside / "created.yml")
    result = run_macros(dataset.root, "new", "actor", "new-person", "--data", "data")
    assert result.returncode != 0 and "already exists" in result.stderr and "Traceback" not in result.stderr
    assert list(outside.iterdir()) == []


def test_the_limits_contributing_md_states_are_those_the_checks_apply():
    from macros.fieldtypes import MAX_EXACT, MIN_YEAR, ListOf
    from macros.load import MAX_VOCABULARY_BYTES
    from macros.schema import MAX_YEARS_AHEAD
    from macros.textpolicy import MAX_URL_LENGTH
    from macros.yamlload import MAX_DEPTH

    guide = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    stated = [f"at most {MAX_FILE_BYTES // 1024} KiB", f"the vocabulary {MAX_VOCABULARY_BYTES // 1024} KiB", f"a web address {MAX_URL_LENGTH} characters",
              f"at most {MAX_DEPTH} levels", f"from {MIN_YEAR} to 9999", "larger than 2^53", f"every list at most {ListOf().max_items} items",
              f"more than {MAX_YEARS_AHEAD} years after"]
    assert [s for s in stated if s not in guide] == [] and MAX_EXACT == 2**53


ADDRESSES = [
    "https://example.org/2026/01/03/advisers-meet", "HTTPS://EXAMPLE.ORG/", "https://example.org:8443/report",
    "https://пример.рф/статья", "https://www.bbc.co.uk/news/articles/c0l1?at=1#top",
    "https://evil.example\\@trusted.example/", "https://trusted.example\\evil.example/", "https://user:pass@example.org/",
    "https://trusted.example@evil.example/", "https://example.org%2eevil.example/", "https://\uff45xample.org/",
]


@pytest.mark.browser
def test_every_accepted_address_has_the_host_in_the_browser_that_the_checks_saw(browser, tmp_path):
    """Chromium parses each address as a reader's click would. Wherever Python's URL parser and
    the browser disagree on the host, the address must be among those the checks refuse."""
    from urllib.parse import urlsplit

    from macros.textpolicy import url_problem

    with OfflinePage(browser) as offline:
        page_file = tmp_path / "blank.html"
        page_file.write_text("<!doctype html><title>addresses</title>", encoding="utf-8")
        offline.goto_file(page_file)
        hosts = offline.page.evaluate("urls => urls.map(u => new URL(u).hostname)", ADDRESSES)
    disagree = {url for url, host in zip(ADDRESSES, hosts) if (urlsplit(url).hostname or "").encode("idna").decode() != host}
    accepted = {url for url in ADDRESSES if url_problem(url) is None}
    assert disagree and accepted, (disagree, accepted)
    assert disagree & accepted == set(), disagree & accepted
    assert accepted == set(ADDRESSES[:5])
