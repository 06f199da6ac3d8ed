"""What a contributor sees when a data file is wrong.

Every test starts from the same small, valid dataset (one source, one actor, one event, one
statement, one commitment, and a copy of the real data/vocabulary.yml), breaks exactly one
thing, and checks the file, the line and the words of the message the contributor is shown:

    data/statements/ukraine-reports-progress.yml:3: speaker: no actor has the id 'ukrain' (did you mean 'ukraine'?)

The dataset is written into a temporary folder, so these tests never depend on the real data/
that editors are changing at the same time. The line numbers used below are those of the
files in BASE_FILES, which are spelt out in full so a reader can count them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.load import check_dataset
from tests.support.validation import (
    ACTOR,
    BASE_FILES,
    COMMITMENT,
    EVENT,
    ROOT,
    SOURCE,
    STATEMENT,
    Dataset,
    assert_reported,
    find,
    in_file,
    listing,
    only_problem,
)


@pytest.fixture
def dataset(tmp_path) -> Dataset:
    return Dataset(tmp_path)


# --- the starting point ------------------------------------------------------------------------


def test_the_minimal_dataset_these_tests_start_from_is_valid(dataset):
    assert dataset.problems() == []


def test_every_problem_prints_as_path_line_field_message_and_hint(dataset):
    dataset.replace(STATEMENT, "speaker: ukraine", "speaker: ukrain")
    problem = only_problem(dataset.problems())
    assert str(problem) == (
        f"{STATEMENT}:3: speaker: no actor has the id 'ukrain' (did you mean 'ukraine'?)"
    )


# --- YAML that cannot be read --------------------------------------------------------------------


def test_a_colon_inside_an_unquoted_title_is_a_syntax_error_at_its_line_with_a_hint_to_quote(dataset):
    dataset.replace(EVENT, "title: National security advisers meet in Kyiv", "title: Kyiv talks: day two")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert_reported(problem, EVENT, 3, "", "YAML syntax error", "mapping values are not allowed")
    assert "quotes" in problem.hint


def test_a_tab_used_for_indentation_is_a_syntax_error_at_its_line(dataset):
    dataset.replace(EVENT, "  - security-guarantees\n", "\t- security-guarantees\n")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert_reported(problem, EVENT, 10, "", "YAML syntax error")


def test_a_tab_used_for_indentation_gets_the_hint_to_indent_with_spaces(dataset):
    dataset.replace(EVENT, "  - security-guarantees\n", "\t- security-guarantees\n")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert "spaces" in problem.hint, str(problem)


def test_a_field_written_twice_is_reported_at_the_second_one_naming_the_first_line(dataset):
    dataset.replace(EVENT, "date_note: The source gives the date.\n", "date_note: The source gives the date.\ndate_note: Twice.\n")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert_reported(problem, EVENT, 6, "", "'date_note' appears twice", "first on line 5")


def test_a_field_written_twice_inside_a_nested_block_is_reported_too(dataset):
    dataset.replace(EVENT, "    role: host\n", "    role: host\n    role: chair\n")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert_reported(problem, EVENT, 9, "", "'role' appears twice", "first on line 8")


def test_two_yaml_documents_in_one_file_are_reported_at_the_second_document(dataset):
    dataset.write(ACTOR, BASE_FILES[ACTOR] + "---\nid: russia\n")
    problem = only_problem(in_file(dataset.problems(), ACTOR))
    assert_reported(problem, ACTOR, 7, "", "more than one YAML document")
    assert "---" in problem.hint


def test_an_empty_file_is_reported_as_empty(dataset):
    dataset.write(ACTOR, "")
    problems = dataset.problems()
    find(problems, ACTOR, 1, "the file is empty")
    # The files citing the actor are not told to create it: the one real mistake is the empty file.
    assert {p.path for p in problems} == {ACTOR}


def test_a_file_holding_only_comments_is_reported_as_empty(dataset):
    dataset.write(SOURCE.replace("example-news-2026-01-03", "draft"), "# to do: fill in the source\n\n# later\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, "data/sources/draft.yml", 1, "", "the file is empty")


def test_a_file_saved_as_latin1_is_reported_as_not_utf8_at_the_line_of_the_first_bad_byte(dataset):
    raw = BASE_FILES[SOURCE].replace("publisher: Example News", "publisher: Süddeutsche Zeitung").encode("latin-1")
    dataset.write_bytes(SOURCE, raw)
    problems = dataset.problems()
    problem = find(problems, SOURCE, 3, "not UTF-8", "0xfc")
    assert "UTF-8" in problem.hint
    # Records citing the unreadable source are not sent to create it: the problem is in one file.
    assert {p.path for p in problems} == {SOURCE}, listing(problems)


def test_a_utf8_byte_order_mark_at_the_start_of_a_file_is_accepted(dataset):
    dataset.write_bytes(ACTOR, b"\xef\xbb\xbf" + BASE_FILES[ACTOR].encode("utf-8"))
    assert dataset.problems() == []


def test_a_control_character_pasted_into_a_text_is_reported_at_its_own_line_in_one_line(dataset):
    dataset.replace(STATEMENT, "made progress", "made\x0bprogress")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 6, "", "U+000B")
    assert "\n" not in str(problem)


@pytest.mark.parametrize("old, new", [
    ("date_note: The source gives the date.\n", "date_note: The source gives the date.\ndate_note: Twice.\n"),
    ("title: National security advisers meet in Kyiv", "title: Kyiv talks: day two"),
    ("title: National", "title: !!str National"),
    ("topics:\n", "topics: &t\n"),
], ids=["duplicate-key", "syntax-error", "tag", "anchor"])
def test_a_yaml_mistake_in_an_event_does_not_tell_citing_files_to_create_the_event(dataset, old, new):
    dataset.replace(EVENT, old, new)
    problems = dataset.problems()
    assert in_file(problems, EVENT), listing(problems)
    misleading = [p for p in problems if f"add {EVENT}" in p.hint]
    assert misleading == [], listing(misleading)


# --- YAML features data does not need ------------------------------------------------------------


def test_a_python_object_tag_is_rejected_and_never_executed(dataset, tmp_path):
    marker = tmp_path / "pwned"
    dataset.replace(ACTOR, "name: Ukraine", f'name: !!python/object/apply:os.system ["touch {marker}"]')
    problems = dataset.problems()
    find(problems, ACTOR, 3, "YAML tags", "!!python/object/apply:os.system", "not allowed")
    assert not marker.exists()


def test_a_local_tag_on_a_text_is_rejected(dataset):
    dataset.replace(ACTOR, "name: Ukraine", "name: !shout Ukraine")
    problem = only_problem(in_file(dataset.problems(), ACTOR))
    assert_reported(problem, ACTOR, 3, "", "YAML tags (!shout)", "not allowed")


def test_an_anchor_and_its_alias_are_rejected(dataset):
    dataset.replace(EVENT, "topics:\n  - security-guarantees\n", "topics: &t\n  - security-guarantees\nrelated_topics: *t\n")
    problems = dataset.problems()
    find(problems, EVENT, 9, "YAML anchors (&t) are not allowed")
    find(problems, EVENT, 11, "YAML aliases", "not allowed")
    assert len(in_file(problems, EVENT)) == 2, listing(problems)


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_file_is_rejected_without_expanding_its_aliases(dataset):
    # Expanded, this file would be 10**9 copies of "lol"; the validator must stop at the first alias.
    dataset.write("data/actors/laughs.yml", billion_laughs(9))
    problems = dataset.problems()
    find(problems, "data/actors/laughs.yml", 1, "YAML anchors (&lol0)")
    find(problems, "data/actors/laughs.yml", 2, "YAML aliases", "not allowed")
    assert {p.path for p in problems} == {"data/actors/laughs.yml"}


# --- fields: names, presence and types -----------------------------------------------------------


def test_a_misspelt_field_name_is_reported_at_its_line_with_a_did_you_mean(dataset):
    dataset.replace(EVENT, "title: National", "titel: National")
    problems = dataset.problems()
    problem = find(problems, EVENT, 3, "is not a known field")
    assert problem.field == "titel"
    assert problem.hint == "did you mean 'title'?"
    # ...and the title it was meant to be is, of course, missing.
    find(problems, EVENT, 1, "title: is missing")
    assert len(problems) == 2, listing(problems)


def test_a_misspelt_optional_field_is_reported_alone(dataset):
    dataset.replace(SOURCE, "language: en", "langauge: en")
    problem = only_problem(dataset.problems())
    assert_reported(problem, SOURCE, 7, "langauge", "is not a known field", "did you mean 'language'?")


def test_a_missing_required_field_is_reported_with_what_it_should_hold(dataset):
    dataset.replace(EVENT, "summary: Advisers discussed security guarantees.\n", "")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 1, "summary", "is missing", "in your own words")


def test_a_required_field_left_blank_is_reported_at_its_line(dataset):
    dataset.replace(EVENT, "summary: Advisers discussed security guarantees.", "summary:")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 11, "summary", "is empty", "required")


def test_a_missing_field_inside_a_list_item_is_reported_at_that_item(dataset):
    dataset.replace(COMMITMENT, "  - status: proposed\n    date: 2026-01-03\n", "  - date: 2026-01-03\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, COMMITMENT, 9, "status_history[0].status", "is missing")


def test_a_list_where_a_single_text_is_expected_is_reported(dataset):
    dataset.replace(EVENT, "title: National security advisers meet in Kyiv\n", "title:\n  - Advisers meet\n  - in Kyiv\n")
    problems = dataset.problems()
    problem = only_problem(problems)
    assert_reported(problem, EVENT, 4, "title", "expected text, found a list")


def test_a_single_text_where_a_list_is_expected_is_reported_with_the_list_form(dataset):
    dataset.replace(STATEMENT, "topics:\n  - diplomacy\n", "topics: diplomacy\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 7, "topics", "expected a list")
    assert "'- diplomacy'" in problem.hint


def test_a_block_of_fields_where_a_text_is_expected_is_reported(dataset):
    dataset.replace(ACTOR, "name: Ukraine\n", "name:\n  en: Ukraine\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 4, "name", "expected text, found a block of fields")


def test_a_file_that_is_a_list_instead_of_a_block_of_fields_is_reported(dataset):
    dataset.write(ACTOR, "- id: ukraine\n- kind: state\n")
    problems = dataset.problems()
    find(problems, ACTOR, 1, "expected a block of fields, found a list")


# --- YAML 1.1 surprises ---------------------------------------------------------------------------


def test_an_unquoted_no_as_a_name_is_read_as_false_and_must_be_quoted(dataset):
    dataset.replace(ACTOR, "name: Ukraine", "name: no")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 3, "name", "YAML reads 'no' as a true/false value, not as text")
    assert problem.hint == 'put it in quotes: "no"'


def test_a_clause_number_like_1_10_is_read_as_a_number_and_must_be_quoted(dataset):
    dataset.replace(STATEMENT, "locator: paragraph 4", "locator: 1.10")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 11, "sources[0].locator", "YAML reads '1.10' as a number")
    assert problem.hint == 'put it in quotes: "1.10"'


def test_a_time_like_12_30_is_read_as_a_number_and_must_be_quoted(dataset):
    # YAML 1.1 reads 12:30 as the base-60 number 750.
    dataset.replace(STATEMENT, "locator: paragraph 4", "locator: 12:30")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 11, "sources[0].locator", "YAML reads '12:30' as a number")
    assert problem.hint == 'put it in quotes: "12:30"'


@pytest.mark.parametrize("field, value", [
    ("name", '"no"'), ("name", "'no'"), ("locator", '"1.10"'), ("locator", '"12:30"'),
])
def test_the_same_surprising_values_in_quotes_are_accepted_as_text(dataset, field, value):
    if field == "name":
        dataset.replace(ACTOR, "name: Ukraine", f"name: {value}")
    else:
        dataset.replace(STATEMENT, "locator: paragraph 4", f"locator: {value}")
    assert dataset.problems() == []


@pytest.mark.parametrize("written", [
    "2026-01-03", '"2026-01-03"', "'2026-01-03'", "2026-01", '"2026-01"', "2026", '"2026"',
])
def test_dates_are_accepted_quoted_and_unquoted_and_as_precise_as_the_source(dataset, written):
    dataset.replace(EVENT, "date: 2026-01-03", f"date: {written}")
    assert dataset.problems() == []


def test_an_unquoted_yes_for_a_true_false_field_is_reported(dataset):
    dataset.replace(SOURCE, "language: en", "language: en\nconsulted: yes")
    problem = only_problem(dataset.problems())
    assert_reported(problem, SOURCE, 8, "consulted", "expected true or false, found 'yes'")


# --- dates ----------------------------------------------------------------------------------------


def test_february_the_thirtieth_is_not_a_real_calendar_date(dataset):
    dataset.replace(EVENT, "date: 2026-01-03", "date: 2026-02-30")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 4, "date", "2026-02-30 is not a real calendar date")


def test_a_date_written_the_european_way_is_reported_with_the_expected_format(dataset):
    dataset.replace(STATEMENT, "date: 2026-01-03", "date: 03.01.2026")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 4, "date", "'03.01.2026' is not a date", "YYYY-MM-DD")


def test_an_event_that_ends_before_it_starts_is_reported_at_its_end_date(dataset):
    dataset.replace(EVENT, "date: 2026-01-03\n", "date: 2026-01-03\nend_date: 2026-01-02\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 5, "end_date", "2026-01-02 is before date 2026-01-03")
    assert "end cannot come before its start" in problem.hint


def test_an_event_ending_in_the_month_it_starts_is_not_reported_as_ending_early(dataset):
    dataset.replace(EVENT, "date: 2026-01-03\n", "date: 2026-01-03\nend_date: 2026-01\n")
    assert dataset.problems() == []


def test_a_role_that_ends_before_it_starts_is_reported_at_the_roles_end(dataset):
    dataset.replace(ACTOR, "sources:\n", (
        "roles:\n"                                   # 5
        "  - title: Member of the Council\n"         # 6
        "    state: former\n"                        # 7
        "    start: 2024-05\n"                       # 8
        "    end: 2023\n"                            # 9
        "    sources:\n"                             # 10
        "      - example-news-2026-01-03\n"          # 11
        "sources:\n"
    ))
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 9, "roles[0].end", "2023 is before start 2024-05")


# --- where a value is written: lines kept beside the values ---------------------------------------

NESTED_ROLES = (
    "roles:\n"                                       # 5
    "  - title: Member of the Council\n"             # 6
    "    state: former\n"                            # 7
    "    sources:\n"                                 # 8
    "      - example-news-2026-01-03\n"              # 9
    "  - title: Adviser\n"                           # 10
    "    state: current\n"                           # 11
    "    sources:\n"                                 # 12
    "      - example-news-2026-01-03\n"              # 13
    "      - source: example-news-2026-01-03\n"      # 14
    "        locator: paragraph 2\n"                 # 15
    "sources:\n"                                     # 16
)


def _loaded(dataset, kind: str, record_id: str):
    loaded, problems = check_dataset(dataset.data, display_root=dataset.root)
    return loaded.get(kind, record_id), list(problems)


def test_a_list_item_inside_a_block_inside_a_list_has_its_own_line(dataset):
    dataset.replace(ACTOR, "sources:\n", NESTED_ROLES)
    actor, problems = _loaded(dataset, "actors", "ukraine")
    assert problems == []
    assert actor.line_of("roles[1]") == 10
    assert actor.line_of("roles[1].sources") == 12
    assert actor.line_of("roles[1].sources[0]") == 13
    assert actor.line_of("roles[1].sources[1]") == 14
    assert actor.line_of("roles[1].sources[1].locator") == 15
    assert actor.line_of("sources[0]") == 17
    # A field that is not written: the line of the nearest value around it.
    assert actor.line_of("roles[1].note") == 10
    assert actor.line_of("roles[1].sources[1].note") == 14
    assert actor.line_of("roles[0].sources[0].source") == 9  # a short citation is its block's one field
    assert actor.line_of("aliases") == actor.line == 1


def test_the_values_are_plain_data_with_the_lines_beside_them(dataset):
    dataset.replace(ACTOR, "sources:\n", NESTED_ROLES)
    actor, _ = _loaded(dataset, "actors", "ukraine")
    assert actor["roles"][1] == {
        "title": "Adviser", "state": "current",
        "sources": [{"source": "example-news-2026-01-03"}, {"source": "example-news-2026-01-03", "locator": "paragraph 2"}],
    }
    assert type(actor["roles"]) is list and type(actor["roles"][1]) is dict
    assert json.loads(json.dumps(actor.data)) == actor.data


def test_an_unknown_source_deep_in_a_nested_list_is_reported_at_its_own_line(dataset):
    dataset.replace(ACTOR, "sources:\n", NESTED_ROLES.replace("      - source: example-news-2026-01-03\n", "      - source: exmaple-news\n"))
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 14, "roles[1].sources[1].source", "no source has the id 'exmaple-news'")


def test_an_item_after_a_refused_item_keeps_its_position_and_line(dataset):
    dataset.replace(ACTOR, "sources:\n", NESTED_ROLES.replace(
        "  - title: Member of the Council\n    state: former\n", "  - Member of the Council\n  - title: Member\n    state: former\n"
    ).replace("      - source: example-news-2026-01-03\n", "      - Not An Id\n      - source: exmaple-news\n"))
    # roles[0] (line 6) and roles[2].sources[1] (line 15) are refused and left out of the values.
    problems = dataset.problems()
    find(problems, ACTOR, 6, "roles[0]", "expected a block of fields")
    find(problems, ACTOR, 15, "roles[2].sources[1]", "is not a valid id")
    unknown = find(problems, ACTOR, 16, "no source has the id 'exmaple-news'")
    assert unknown.field == "roles[2].sources[2].source"
    assert len(problems) == 3, listing(problems)
    actor, _ = _loaded(dataset, "actors", "ukraine")
    assert [r["title"] for r in actor["roles"]] == ["Member", "Adviser"]
    assert actor.lines.item_path("roles", 1) == "roles[2]"
    assert actor.lines.item_path("roles[2].sources", 1) == "roles[2].sources[2]"
    assert actor.line_of(actor.lines.item_path("roles[2].sources", 1)) == 16


def test_a_status_entry_after_a_refused_one_is_reported_at_its_own_position(dataset):
    dataset.replace(COMMITMENT, "sources:\n  - example-news-2026-01-03\n", (
        "  - agreed\n"                                # 13
        "  - status: agreed\n"                        # 14
        "    date: 2026-01-02\n"                      # 15
        "    sources:\n"                              # 16
        "      - example-news-2026-01-03\n"           # 17
        "sources:\n"
        "  - example-news-2026-01-03\n"
    ))
    problems = dataset.problems()
    find(problems, COMMITMENT, 13, "status_history[1]", "expected a block of fields")
    order = find(problems, COMMITMENT, 14, "before the previous entry's 2026-01-03")
    assert order.field == "status_history[2].date"
    assert len(problems) == 2, listing(problems)


def test_a_coalition_member_after_a_refused_one_is_reported_at_its_own_position(dataset):
    dataset.replace(ACTOR, "kind: state\n", "kind: coalition\n")
    dataset.replace(ACTOR, "sources:\n", (
        "members:\n"                                  # 5
        "  - ukraine-friends\n"                       # 6
        "  - actor: ukriane\n"                        # 7
        "sources:\n"
    ))
    problems = dataset.problems()
    find(problems, ACTOR, 6, "members[0]", "expected a block of fields")
    unknown = find(problems, ACTOR, 7, "no actor has the id 'ukriane'")
    assert unknown.field == "members[1].actor"


def test_a_repeated_item_is_refused_once_and_its_references_are_not_followed(dataset):
    dataset.replace(COMMITMENT, "offered_to:\n  - ukraine\n", "offered_to:\n  - moldvoa\n  - moldvoa\n")
    problems = dataset.problems()
    find(problems, COMMITMENT, 7, "offered_to[1]", "repeats an earlier item")
    find(problems, COMMITMENT, 6, "offered_to[0]", "no actor has the id 'moldvoa'")
    assert len(problems) == 2, listing(problems)


# --- references between records -------------------------------------------------------------------


def test_a_statement_citing_an_unknown_actor_is_reported_at_its_line_with_a_suggestion(dataset):
    dataset.replace(STATEMENT, "speaker: ukraine", "speaker: ukrain")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 3, "speaker", "no actor has the id 'ukrain'")
    assert problem.hint == "did you mean 'ukraine'?"


def test_an_unknown_id_with_nothing_close_suggests_adding_the_record(dataset):
    dataset.replace(STATEMENT, "event: 2026-01-03-kyiv-meeting", "event: geneva-round")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 5, "event", "no event has the id 'geneva-round'")
    assert "add data/events/geneva-round.yml" in problem.hint


def test_a_misspelt_source_in_a_short_citation_is_reported_at_the_list_item(dataset):
    dataset.replace(EVENT, "  - example-news-2026-01-03\n", "  - exmaple-news-2026-01-03\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 13, "sources[0]", "no source has the id 'exmaple-news-2026-01-03'")
    assert "did you mean 'example-news-2026-01-03'?" == problem.hint


def test_an_unknown_actor_in_a_participant_block_is_reported_at_its_actor_line(dataset):
    dataset.replace(EVENT, "  - actor: ukraine", "  - actor: ukriane")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 7, "participants[0].actor", "no actor has the id 'ukriane'", "did you mean 'ukraine'?")


def test_an_unknown_id_in_a_list_of_references_is_reported_at_the_items_own_line(dataset):
    dataset.replace(COMMITMENT, "offered_to:\n  - ukraine\n", "offered_to:\n  - ukraine\n  - moldvoa\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, COMMITMENT, 7, "offered_to[1]", "no actor has the id 'moldvoa'")


def test_an_unknown_id_after_an_invalid_one_is_reported_with_its_own_position_in_the_list(dataset):
    dataset.replace(COMMITMENT, "offered_to:\n  - ukraine\n", "offered_to:\n  - Bad_Id\n  - moldvoa\n")
    problems = dataset.problems()
    find(problems, COMMITMENT, 6, "offered_to[0]", "'Bad_Id' is not a valid id")
    unknown = next(p for p in problems if "moldvoa" in p.message)
    assert unknown.field == "offered_to[1]", str(unknown)


def test_the_same_topic_listed_twice_is_reported_at_the_repeat(dataset):
    dataset.replace(STATEMENT, "  - diplomacy\n", "  - diplomacy\n  - diplomacy\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 9, "topics[1]", "repeats an earlier item", "same as item 0")


def test_the_same_citation_written_short_and_long_is_reported_at_the_repeat(dataset):
    # Both forms are the same value, {source: ...}: the repeat is found whatever lines they are on.
    dataset.replace(EVENT, "  - example-news-2026-01-03\nstatus_history:", "  - example-news-2026-01-03\n  - source: example-news-2026-01-03\nstatus_history:")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 14, "sources[1]", "repeats an earlier item", "same as item 0")


def test_a_copied_file_whose_id_was_not_changed_is_reported_twice_in_the_copy(dataset):
    # A contributor copies ukraine.yml to start a new record and forgets to change the id.
    copy = "data/actors/volodymyr-zelensky.yml"
    dataset.write(copy, BASE_FILES[ACTOR])
    problems = dataset.problems()
    find(problems, copy, 1, "id:", "'ukraine' does not match the file name 'volodymyr-zelensky.yml'", "rename the file to ukraine.yml")
    duplicate = find(problems, copy, 1, "id:", f"'ukraine' is already used by {ACTOR}")
    assert "own id" in duplicate.hint
    assert len(problems) == 2, listing(problems)


def test_a_copied_file_that_sorts_first_is_still_the_one_blamed_for_the_duplicate_id(dataset):
    copy = "data/actors/russia.yml"
    dataset.write(copy, BASE_FILES[ACTOR])
    problems = dataset.problems()
    find(problems, copy, 1, "id:", "'ukraine' does not match the file name 'russia.yml'")
    assert in_file(problems, ACTOR) == [], listing(problems)
    find(problems, copy, 1, "id:", f"'ukraine' is already used by {ACTOR}")


def test_a_file_name_that_disagrees_with_its_id_is_reported_at_the_id_line(dataset):
    dataset.replace(SOURCE, "id: example-news-2026-01-03", "# copied from another source\nid: example-news-2026-01-04")
    problems = dataset.problems()
    find(problems, SOURCE, 2, "id:", "'example-news-2026-01-04' does not match the file name 'example-news-2026-01-03.yml'")
    # The citations still name the file's id, which is now nobody's: each is reported, nothing else.
    assert all(p.path == SOURCE or "did you mean 'example-news-2026-01-04'?" in p.hint for p in problems), listing(problems)


def test_an_id_with_capital_letters_is_not_a_valid_id(dataset):
    dataset.replace(COMMITMENT, "id: european-led-force", "id: European-Led-Force")
    problems = dataset.problems()
    find(problems, COMMITMENT, 1, "id:", "'European-Led-Force' is not a valid id", "lower-case")


# --- the controlled vocabulary --------------------------------------------------------------------


def test_a_topic_missing_from_the_vocabulary_is_reported_with_the_known_terms(dataset):
    dataset.replace(EVENT, "  - security-guarantees", "  - peace-guarantees")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 10, "topics[0]", "'peace-guarantees' is not a known term")
    assert "security-guarantees" in problem.hint and "ceasefire" in problem.hint


def test_an_event_kind_missing_from_the_vocabulary_is_reported(dataset):
    dataset.replace(EVENT, "kind: meeting", "kind: negotiation")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 2, "kind", "'negotiation' is not a known term", "meeting")


def test_a_new_topic_becomes_usable_once_it_is_added_to_the_vocabulary(dataset):
    dataset.replace(EVENT, "  - security-guarantees", "  - black-sea-shipping")
    assert "'black-sea-shipping' is not a known term" in only_problem(dataset.problems()).message
    dataset.replace("data/vocabulary.yml", "\ntopics:\n", (
        "\ntopics:\n"
        "  black-sea-shipping:\n"
        "    label: Black Sea shipping\n"
        "    description: Safe passage for merchant ships and attacks on ports.\n"
    ))
    assert dataset.problems() == []


# --- sources --------------------------------------------------------------------------------------


def test_a_record_with_no_sources_field_is_reported(dataset):
    dataset.replace(ACTOR, "sources:\n  - example-news-2026-01-03\n", "")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 1, "sources", "is missing", "data/sources/")


def test_a_record_with_an_empty_list_of_sources_is_reported(dataset):
    dataset.replace(ACTOR, "sources:\n  - example-news-2026-01-03\n", "sources: []\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 5, "sources", "needs at least 1 item")


def test_a_record_with_a_blank_sources_field_is_reported(dataset):
    dataset.replace(ACTOR, "sources:\n  - example-news-2026-01-03\n", "sources:\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 5, "sources", "is empty", "required")


def test_a_status_change_without_sources_is_reported_at_that_entry(dataset):
    dataset.replace(COMMITMENT, "    sources:\n      - example-news-2026-01-03\n", "")
    problem = only_problem(dataset.problems())
    assert_reported(problem, COMMITMENT, 9, "status_history[0].sources", "is missing")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    '"data:text/html,<script>alert(1)</script>"',
    "ftp://example.org/report.pdf",
    "JavaScript://example.org/%0Aalert(1)",
    "https://localhost/admin",
    "//example.org/no-scheme",
    "example.org/no-scheme",
])
def test_an_unsafe_or_incomplete_url_is_rejected(dataset, url):
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", f"url: {url}")
    problem = only_problem(dataset.problems())
    assert_reported(problem, SOURCE, 6, "url", "is not a safe web address", "http:// and https://")


@pytest.mark.parametrize("url", [
    "https://www.kyivpost.com/post/66000",
    "http://example.org/page?id=3#top",
    "HTTPS://EXAMPLE.ORG/",
])
def test_an_ordinary_web_address_is_accepted(dataset, url):
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", f"url: {url}")
    assert dataset.problems() == []


# --- invisible characters -------------------------------------------------------------------------


def test_a_right_to_left_override_hidden_in_a_name_is_rejected(dataset):
    dataset.replace(ACTOR, "name: Ukraine", "name: Ukr\u202eniaria")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 3, "name", "U+202E", "RIGHT-TO-LEFT OVERRIDE")


def test_a_zero_width_space_in_a_title_is_rejected(dataset):
    dataset.replace(EVENT, "title: National security", "title: National\u200b security")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 3, "title", "U+200B", "invisible")


def test_a_name_written_over_two_lines_gets_one_message_about_line_breaks(dataset):
    dataset.replace(ACTOR, "name: Ukraine", "name: |\n  Ukr\n  aine")
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 3, "name", "must fit on one line")


def test_an_escaped_control_character_in_a_quoted_text_is_rejected(dataset):
    dataset.replace(ACTOR, "name: Ukraine", 'name: "Ukraine\\a"')
    problem = only_problem(dataset.problems())
    assert_reported(problem, ACTOR, 3, "name", "U+0007", "control character")


# --- statements -----------------------------------------------------------------------------------

DENIAL = "data/statements/russia-denies-progress.yml"
DENIAL_TEXT = (
    "id: russia-denies-progress\n"                   # 1
    "kind: denial\n"                                 # 2
    "speaker_unnamed: a Kremlin spokesperson\n"      # 3
    "date: 2026-01-04\n"                             # 4
    "quote: There has been no progress.\n"           # 5
    "denies:\n"                                      # 6
    "  - ukraine-reports-progress\n"                 # 7
    "sources:\n"                                     # 8
    "  - example-news-2026-01-03\n"                  # 9
)


def test_a_denial_linked_to_the_claim_it_answers_is_valid(dataset):
    dataset.write(DENIAL, DENIAL_TEXT)
    assert dataset.problems() == []


def test_denies_on_a_statement_that_is_not_a_denial_is_reported(dataset):
    dataset.write(DENIAL, DENIAL_TEXT.replace("kind: denial", "kind: remark"))
    problem = only_problem(dataset.problems())
    assert_reported(problem, DENIAL, 6, "denies", "only a denial can deny a claim", "kind: denial")


def test_a_denial_of_a_statement_that_does_not_exist_is_reported_with_a_suggestion(dataset):
    dataset.write(DENIAL, DENIAL_TEXT.replace("  - ukraine-reports-progress", "  - ukraine-reported-progress"))
    problem = only_problem(dataset.problems())
    assert (problem.path, problem.field) == (DENIAL, "denies[0]")
    assert "no statement has the id 'ukraine-reported-progress'" in problem.message
    assert problem.hint == "did you mean 'ukraine-reports-progress'?"


def test_a_statement_with_both_a_named_and_an_unnamed_speaker_is_reported(dataset):
    dataset.replace(STATEMENT, "speaker: ukraine\n", "speaker: ukraine\nspeaker_unnamed: a senior Ukrainian official\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 4, "speaker_unnamed", "has both speaker and speaker_unnamed")


def test_a_statement_with_no_speaker_at_all_is_reported(dataset):
    dataset.replace(STATEMENT, "speaker: ukraine\n", "")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 1, "speaker", "needs one of speaker or speaker_unnamed")


def test_a_statement_with_neither_quote_nor_paraphrase_is_reported(dataset):
    dataset.replace(STATEMENT, "paraphrase: Ukraine said the talks had made progress on guarantees.\n", "")
    problem = only_problem(dataset.problems())
    assert_reported(problem, STATEMENT, 1, "quote", "needs quote or paraphrase")


# --- commitments ----------------------------------------------------------------------------------


def test_a_commitment_status_history_out_of_order_is_reported_at_the_misplaced_entry(dataset):
    dataset.replace(COMMITMENT, "sources:\n  - example-news-2026-01-03\n", (
        "  - status: agreed\n"                       # 13
        "    date: 2026-01-02\n"                     # 14
        "    sources:\n"                             # 15
        "      - example-news-2026-01-03\n"          # 16
        "sources:\n"
        "  - example-news-2026-01-03\n"
    ))
    problem = only_problem(dataset.problems())
    assert_reported(problem, COMMITMENT, 13, "status_history[1].date", "2026-01-02 is before the previous entry's 2026-01-03")
    assert "oldest first" in problem.hint


def test_a_commitment_with_no_status_history_is_reported(dataset):
    dataset.replace(COMMITMENT, "status_history:\n", "status_history: []\nold_history:\n")
    problems = dataset.problems()
    find(problems, COMMITMENT, 8, "status_history", "needs at least 1 item")


# --- where files live -----------------------------------------------------------------------------


def test_a_record_file_in_a_folder_that_is_not_a_kind_is_reported(dataset):
    dataset.move(ACTOR, "data/people/ukraine.yml")
    problems = dataset.problems()
    find(problems, "data/people/ukraine.yml", 1, "this file is not where records live", "data/<kind>/<id>.yml")


def test_a_record_file_in_a_subfolder_of_its_kind_is_reported(dataset):
    dataset.move(ACTOR, "data/actors/states/ukraine.yml")
    problems = dataset.problems()
    find(problems, "data/actors/states/ukraine.yml", 1, "this file is not where records live")


def test_a_record_file_directly_in_data_is_reported(dataset):
    dataset.write("data/russia.yml", "id: russia\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, "data/russia.yml", 1, "", "this file is not where records live")


def test_a_record_file_with_the_yaml_extension_is_reported_with_its_new_name(dataset):
    dataset.move(ACTOR, "data/actors/ukraine.yaml")
    problems = dataset.problems()
    problem = find(problems, "data/actors/ukraine.yaml", 1, "record files must end in .yml, not '.yaml'")
    assert problem.hint == "rename it to ukraine.yml"


# --- the command a contributor runs ---------------------------------------------------------------


def run_cli(data: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "validate", "--data", str(data), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )


def break_three_files(dataset: Dataset) -> None:
    dataset.replace(STATEMENT, "speaker: ukraine", "speaker: ukrain")
    dataset.replace(EVENT, "date: 2026-01-03", "date: 2026-02-30")
    dataset.replace(SOURCE, "url: https://example.org/2026/01/03/advisers-meet", "url: javascript:alert(1)")


def test_the_cli_prints_all_three_mistakes_in_three_files_and_exits_1(dataset):
    break_three_files(dataset)
    result = run_cli(dataset.data)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"{STATEMENT}:3: speaker: no actor has the id 'ukrain' (did you mean 'ukraine'?)" in lines
    assert any(line.startswith(f"{EVENT}:4: date: 2026-02-30 is not a real calendar date") for line in lines), result.stdout
    assert any(line.startswith(f"{SOURCE}:6: url: 'javascript:alert(1)' is not a safe web address") for line in lines), result.stdout
    assert len(lines) == 3, result.stdout
    assert "3 problems found" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_cli_in_github_format_prints_an_annotation_per_mistake(dataset):
    break_three_files(dataset)
    result = run_cli(dataset.data, "--format", "github")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    assert all(line.startswith("::error file=") for line in lines), result.stdout
    assert f"::error file={STATEMENT},line=3,title=speaker::no actor has the id 'ukrain' (did you mean 'ukraine'?)" in lines
    assert any(line.startswith(f"::error file={EVENT},line=4,title=date::") for line in lines), result.stdout
    assert any(line.startswith(f"::error file={SOURCE},line=6,title=url::") for line in lines), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_cli_accepts_a_valid_dataset_and_exits_0(dataset):
    result = run_cli(dataset.data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data/ is valid" in result.stdout
    assert "1 actor," in result.stdout and "1 statement," in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_cli_survives_every_kind_of_unreadable_file_at_once_without_a_traceback(dataset):
    dataset.write("data/actors/empty.yml", "")
    dataset.write("data/actors/laughs.yml", billion_laughs(9))
    dataset.write("data/actors/tagged.yml", "id: !!python/object/apply:os.system ['true']\n")
    dataset.write_bytes("data/actors/latin.yml", "id: latin\nname: Müller\n".encode("latin-1"))
    dataset.write("data/actors/broken.yml", "id: broken\nname: [unclosed\n")
    dataset.write("data/actors/list.yml", "- just\n- a list\n")
    dataset.write("data/actors/scalar.yml", "just some text\n")
    dataset.write("data/actors/nested-key.yml", "? [a, b]\n: value\n")
    dataset.write("data/actors/control.yml", "id: control\nname: a\x07b\n")
    dataset.write("data/notes.txt", "not a record\n")
    result = run_cli(dataset.data)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    for name in ("empty", "laughs", "tagged", "latin", "broken", "list", "scalar", "nested-key", "control"):
        assert f"data/actors/{name}.yml:" in result.stdout, f"{name}.yml not reported:\n{output}"
    assert "data/notes.txt:1:" in result.stdout


def test_the_cli_reports_a_missing_data_folder_without_a_traceback(tmp_path):
    result = run_cli(tmp_path / "no-such-folder")
    assert result.returncode == 1
    assert "the data folder does not exist" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# --- the old shape of an event's status -------------------------------------------------------------

OLD_STATUS = "status_history:\n  - status: held\n    date: 2026-01-04\n    sources:\n      - source: example-news-2026-01-03\n"


def test_the_old_status_fields_are_explained_with_the_new_shape_filled_in(dataset):
    dataset.replace(EVENT, OLD_STATUS, "status: held\nstatus_as_of: 2026-01-04\n")
    problems = in_file(dataset.problems(), EVENT)
    status = find(problems, EVENT, 14, "status:", "dated history")
    assert "status_history: [{status: held, date: 2026-01-04, sources: [example-news-2026-01-03]}]" in status.hint
    assert "scheduled, then held, has two" in status.hint
    find(problems, EVENT, 15, "status_as_of", "status_history entry")
    # No "status_history is missing" on top: the contributor has been told what to write.
    assert len(problems) == 2, listing(problems)
    assert all(":" in str(p) and "\n" not in str(p) for p in problems)


def test_the_old_status_alone_is_one_problem_and_nothing_reaches_the_site(dataset):
    dataset.replace(EVENT, OLD_STATUS, "status: scheduled\n")
    problem = only_problem(in_file(dataset.problems(), EVENT))
    assert_reported(problem, EVENT, 14, "status", "dated history", "status: scheduled, date: 2026-01-03")


def test_event_status_history_out_of_order_is_reported_at_the_misplaced_entry(dataset):
    dataset.replace(EVENT, OLD_STATUS, OLD_STATUS + "  - status: scheduled\n    date: 2026-01-02\n    sources:\n      - example-news-2026-01-03\n")
    problem = only_problem(dataset.problems())
    assert_reported(problem, EVENT, 19, "status_history[1].date", "2026-01-02 is before the previous entry's 2026-01-04", "oldest first")


def test_a_correction_needs_what_was_wrong_what_changed_and_a_source(dataset):
    dataset.write(ACTOR, BASE_FILES[ACTOR] + "corrections:\n  - date: 2026-01-05\n    what_changed: The name was fixed.\n")
    problems = in_file(dataset.problems(), ACTOR)
    find(problems, ACTOR, 8, "corrections[0].what_was_wrong", "is missing")
    find(problems, ACTOR, 8, "corrections[0].sources", "is missing")
    assert len(problems) == 2, listing(problems)
