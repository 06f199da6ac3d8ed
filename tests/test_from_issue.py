"""Contributing without YAML or git: the issue forms and `python -m macros from-issue`.

* The committed forms in .github/ISSUE_TEMPLATE/ are what the model generates (they drift when a
  field or a vocabulary term changes, and this fails); their dropdowns hold the model's closed
  lists, their required marks the model's, their help the model's words; every form asks for the
  source.
* Each form, filled in and written out exactly as GitHub submits it (the body is made here from
  the committed form and sample values), becomes a valid record file in the canonical layout; a
  broken one gives a list of problems in the form's own words.
* Hostile bodies: markup, terminal escape sequences, workflow commands, huge fields, a path in an
  id, forged and duplicate sections, unknown forms.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.fieldtypes import Boolean, Choice, FuzzyDate, Number, Ref, Slug, Text, Url
from macros.formatting import format_text
from macros.forms import FORMS_DIR, FormField, all_forms, write_forms
from macros.from_issue import credit
from macros.kinds import KINDS
from macros.load import check_dataset, load_vocabulary
from macros.schema import SOURCE_KINDS, STATEMENT_KINDS
from macros.untrusted import markdown_verbatim, printable_line

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
VOCABULARY = load_vocabulary(DATA)
FORMS = {form.name: form for form in all_forms(VOCABULARY)}


def committed(name: str) -> dict:
    return yaml.safe_load((FORMS_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def elements(name: str) -> dict[str, dict]:
    return {item["id"]: item for item in committed(name)["body"] if "id" in item}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "repo" / "data"
    shutil.copytree(DATA, target)
    return target


# --- the forms follow the model ----------------------------------------------------------------


def test_the_committed_forms_are_what_the_model_generates():
    stale = write_forms(FORMS_DIR, DATA, check=True)
    assert not stale, f"run `make schemas` (python -m macros forms): out of date: {stale}"


def test_a_new_vocabulary_term_makes_the_forms_stale(data_copy, tmp_path):
    target = tmp_path / "forms"
    write_forms(target, data_copy)
    assert write_forms(target, data_copy, check=True) == []
    vocabulary = data_copy / "vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace(
        "topics:\n", "topics:\n  sanctions:\n    label: Sanctions\n    description: Sanctions and their relief.\n", 1), encoding="utf-8")
    stale = write_forms(target, data_copy, check=True)
    assert {"new-event.yml", "new-statement.yml", "new-commitment.yml"} <= set(stale)
    write_forms(target, data_copy)
    assert "sanctions" in {o for item in yaml.safe_load((target / "new-event.yml").read_text())["body"]
                           if item.get("id") == "topics" for o in item["attributes"]["options"]}


def test_there_is_a_form_for_each_kind_and_for_a_correction():
    names = {path.stem for path in FORMS_DIR.glob("*.yml")} - {"config"}
    assert names == {f"new-{KINDS[kind].singular}" for kind in KINDS} | {"correction"}


def test_dropdowns_hold_the_closed_lists_of_the_model():
    statement = elements("new-statement")
    assert statement["kind"]["type"] == "dropdown" and statement["kind"]["attributes"]["options"] == list(STATEMENT_KINDS)
    assert statement["topics"]["attributes"]["options"] == list(VOCABULARY["topics"])
    assert statement["topics"]["attributes"]["multiple"] is True
    event = elements("new-event")
    assert event["kind"]["attributes"]["options"] == list(VOCABULARY["event_kinds"])
    assert event["status-history-status"]["type"] == "dropdown"
    assert elements("new-commitment")["mechanism"]["attributes"]["options"] == list(VOCABULARY["mechanisms"])


def test_required_marks_and_help_text_come_from_the_model():
    for kind in KINDS:
        struct = KINDS[kind].type(VOCABULARY)
        items = elements(f"new-{KINDS[kind].singular}")
        for spec in struct.fields:
            item = items.get(spec.name.replace("_", "-"))
            if item is None:
                continue
            assert item["validations"]["required"] == (spec.required or (kind == "sources" and spec.name == "url")), (kind, spec.name)
            if spec.doc:
                assert spec.doc[1:].rstrip(".") in item["attributes"]["description"], (kind, spec.name)
    statement = elements("new-statement")
    assert "Give this or 'Speaker unnamed', not both" in statement["speaker"]["attributes"]["description"]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_asks_for_the_source_address_publisher_and_date(name):
    items = elements(name)
    assert items["source-url" if name != "new-source" else "url"]["validations"]["required"] is True
    prefix = "source-" if name != "new-source" else ""
    assert {f"{prefix}publisher", f"{prefix}published", f"{prefix}kind"} <= set(items)
    assert items[f"{prefix}kind"]["attributes"]["options"] == list(SOURCE_KINDS)


# --- a body as GitHub writes it ---------------------------------------------------------------------


def github_body(name: str, values: dict[str, object], checked: bool = True) -> str:
    """The issue body GitHub makes from the committed form: `### label`, a blank line, the answer."""
    parts = []
    for item in committed(name)["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        if item["type"] == "checkboxes":
            answer = "\n".join(f"- [{'X' if checked else ' '}] {option['label']}" for option in attributes["options"])
        else:
            value = values.get(item["id"])
            answer = ", ".join(value) if isinstance(value, list) and item["type"] == "dropdown" else (
                "\n".join(value) if isinstance(value, list) else value)
        parts.append(f"### {attributes['label']}\n\n{answer or '_No response_'}")
    return "\n\n".join(parts)


def sample(question: FormField, ids: dict[str, list[str]]):
    ftype = question.ftype
    if isinstance(ftype, Choice):
        return list(ftype.values[:2]) if question.many else ftype.values[0]
    if isinstance(ftype, Boolean):
        return "no"
    if isinstance(ftype, Ref):
        return [ids[ftype.target][0]] if question.many else ids[ftype.target][0]
    if isinstance(ftype, FuzzyDate):
        return "2026-01-09"
    if isinstance(ftype, Number):
        return "3"
    if isinstance(ftype, Url):
        return "https://example.org/news/2026/01/09/talks"
    if isinstance(ftype, (Text, Slug)):
        return ["First item", "Second item"] if question.many else "Example answer"
    raise AssertionError(question)


def filled_values(name: str) -> dict[str, object]:
    """The required answers, the first of each 'one of' group, and the whole source section."""
    dataset, _ = check_dataset(DATA)
    ids = {kind: sorted(r.id for r in dataset.all(kind)) for kind in KINDS}
    form = FORMS[name]
    values = {}
    for question in form.fields:
        grouped_first = "Give this or" in question.description and question.path in ("speaker", "quote", "publisher")
        if question.required or question.path.startswith("source.") or grouped_first or question.options and question.many:
            values[question.id] = sample(question, ids)
    if name == "correction":
        values["record"] = "https://tracker.example/statements/" + ids["statements"][0] + ".html"
    values.update({"source-publisher": "Example Post", "source-title": "Talks continue", "source-published": "2026-01-09"})
    return values


def from_issue(body: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    body_file = data_dir.parent / "body.md"
    body_file.write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "macros", "from-issue", str(body_file), "--data", str(data_dir), *args],
                          cwd=data_dir.parent, env=env, capture_output=True, text=True, timeout=120)


def written(result: subprocess.CompletedProcess) -> list[str]:
    return [line.removeprefix("Wrote ") for line in result.stdout.splitlines() if line.startswith("Wrote ")]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_filled_in_form_becomes_a_valid_record_in_the_canonical_layout(name, data_copy):
    result = from_issue(github_body(name, filled_values(name)), data_copy, "--number", "7", "--today", "2026-02-01")
    assert result.returncode == 0, result.stdout + result.stderr
    files = written(result)
    assert files and all(f.startswith("data/") for f in files)
    _, problems = check_dataset(data_copy)
    assert not problems, [str(p) for p in problems]
    for relative in files:
        path = data_copy.parent / relative
        kind = path.parent.name
        text = path.read_text(encoding="utf-8")
        assert format_text(text, kind) == text, f"{relative} is not in the canonical layout"
    if name != "new-source":
        assert any("/sources/" in f for f in files), "the form's source becomes a source record"
    if name == "correction":
        record = data_copy.parent / files[-1]
        assert "corrections:" in record.read_text(encoding="utf-8")
        assert "what_changed: Example answer" in record.read_text(encoding="utf-8")


def test_a_known_source_address_is_cited_not_recorded_twice(data_copy):
    first = from_issue(github_body("new-source", {**filled_values("new-source"), "url": "https://example.org/a/"}), data_copy)
    [source] = written(first)
    values = {**filled_values("new-actor"), "source-url": "https://example.org/a"}
    result = from_issue(github_body("new-actor", values), data_copy)
    assert result.returncode == 0, result.stdout
    [actor] = written(result)
    assert f"  - {Path(source).stem}\n" in (data_copy.parent / actor).read_text(encoding="utf-8")


def test_a_broken_form_gives_problems_in_the_forms_words(data_copy):
    values = {**filled_values("new-statement"), "speaker": "no-such-person", "date": "9 January", "quote": None,
              "source-url": "javascript:alert(1)"}
    result = from_issue(github_body("new-statement", values), data_copy)
    assert result.returncode == 1
    out = result.stdout
    assert "What to fix in the form:" in out
    assert "- Speaker: no actor has the id 'no-such-person'" in out
    assert "- Date: '9 January' is not a date" in out
    assert "- Source — web address: " in out
    assert "'Quote' or 'Paraphrase'" in out or "quote or paraphrase" in out
    assert "data/" not in out.split("What to fix in the form:")[1], "no file names in what a contributor reads"
    assert ".yml:" not in out


# --- hostile bodies ----------------------------------------------------------------------------------


def test_markup_stays_text_and_never_reaches_the_pull_request_as_markdown(data_copy, tmp_path):
    values = {**filled_values("new-event"), "summary": "<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) @everyone",
              "editor-notes": "```\n@maintainers <script>alert(1)</script>\n```"}
    out = tmp_path / "handover"
    result = from_issue(github_body("new-event", values), data_copy, "--out", str(out), "--number", "5",
                        "--author", "octo-cat", "--author-id", "42")
    assert result.returncode == 0, result.stdout
    body = (out / "pull-request.md").read_text(encoding="utf-8")
    fence = next(line for line in body.splitlines() if line.startswith("```"))
    assert len(fence.removesuffix("text")) >= 4, "the fence is longer than any run of backticks inside"
    before, inside = body.split(fence, 1)
    assert "<script>" not in before and "@maintainers" in inside.split(fence.removesuffix("text"), 1)[0]
    assert "reported by @octo-cat" in body and "Closes #5" in body
    message = (out / "commit-message.txt").read_text(encoding="utf-8")
    assert message.endswith("\n\nCo-authored-by: octo-cat <42+octo-cat@users.noreply.github.com>\n")
    assert (out / "files.txt").read_text(encoding="utf-8").splitlines() == written(result)


def test_a_login_github_would_not_give_is_not_credited():
    assert credit("octo-cat", "42")[0] == "@octo-cat"
    for login in ("evil\nCo-authored-by: x <x@x>", "a b", "-x", "x" * 40, "@x", ""):
        assert credit(login, "1") == ("", "")


def test_terminal_escapes_and_workflow_commands_are_neutralised(data_copy):
    values = {**filled_values("new-event"), "title": "Talks \x1b]0;owned\x07\x1b[31mred\u202e",
              "summary": "line\n::set-output name=x::y\n::error::forged"}
    result = from_issue(github_body("new-event", values), data_copy)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert not any(line.lstrip().startswith("::") for line in result.stdout.splitlines())
    assert "- Title: contains the invisible or control character" in result.stdout
    assert printable_line("\x1b[2J::x\n::add-mask::y") == "\\x1b[2J::x\\n::add-mask::y"  # one problem, one line


def test_a_huge_field_gets_a_short_message_and_a_huge_body_is_refused(data_copy):
    values = {**filled_values("new-event"), "summary": "A" * 60000}
    result = from_issue(github_body("new-event", values), data_copy)
    assert result.returncode == 1 and len(result.stdout) < 2000
    assert "- Summary: is 60000 characters long; the limit is 4000" in result.stdout
    result = from_issue("### Title\n\n" + "A" * 300_000, data_copy)
    assert result.returncode == 2 and "longer than" in result.stdout and len(result.stdout) < 500


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_a_path_in_an_id_goes_nowhere(data_copy):
    before = tree(data_copy.parent.parent)
    values = {**filled_values("correction"), "record": "../../x"}
    result = from_issue(github_body("correction", values), data_copy)
    assert result.returncode == 2 and "Record: '../../x' is not the address or the id of a record" in result.stdout
    values = {**filled_values("new-statement"), "speaker": "../../etc/passwd"}
    result = from_issue(github_body("new-statement", values), data_copy)
    assert "- Speaker: '../../etc/passwd' is not a valid id" in result.stdout
    new = tree(data_copy.parent.parent) - before - {"repo/body.md"}
    assert new and all(p.startswith("repo/data/statements/") or p.startswith("repo/data/sources/") for p in new), new


@pytest.mark.parametrize("forged", ["### Title", "### Source — web address"])
def test_a_forged_or_repeated_section_makes_the_body_unreadable(data_copy, forged):
    values = {**filled_values("new-event"), "summary": f"Real summary\n\n{forged}\n\nhttps://evil.example/"}
    before = tree(data_copy)
    result = from_issue(github_body("new-event", values), data_copy)
    assert result.returncode == 2
    assert f"the heading '{forged}' appears twice" in result.stdout
    assert tree(data_copy) == before, "nothing is written"


def test_a_form_without_the_source_address_writes_nothing(data_copy):
    values = {**filled_values("new-event"), "source-url": None}
    result = from_issue(github_body("new-event", values), data_copy)
    assert result.returncode == 2 and "- Source — web address: is missing" in result.stdout
    assert not written(result)


def test_an_unknown_form_or_kind_is_refused(data_copy):
    result = from_issue("### Kind of record\n\nSpaceship\n\n### Source\n\nhttps://example.org/", data_copy)
    assert result.returncode == 2 and "not written with one of the tracker's forms" in result.stdout
    result = from_issue(github_body("new-event", filled_values("new-event")), data_copy, "--form", "new-spaceship")
    assert result.returncode == 2 and "there is no form called 'new-spaceship'" in result.stdout
    values = {**filled_values("new-event"), "kind": "spaceship-launch"}
    result = from_issue(github_body("new-event", values), data_copy)
    assert "- Kind: 'spaceship-launch' is not a known term" in result.stdout and "vocabulary.yml" not in result.stdout


def test_a_markdown_block_cannot_be_closed_from_inside():
    block = markdown_verbatim("a\n````\n<b>x</b>\n~~~~~")
    fence = block.split("\n", 1)[0].removesuffix("text")
    assert len(fence) == 6 and block.endswith("\n" + fence)
    assert block.count(fence) == 2


def test_contributing_starts_with_the_forms_then_the_web_editor_then_git():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## 1. Fill in a form (no YAML, no git)", "## 2. In GitHub's web editor", "## 3. With git on your computer"]
    first = text.split("## 2.", 1)[0]
    first = " ".join(first.split())
    assert "to-pull-request" in first and "issues/new/choose" in first
    for form in FORMS.values():
        assert f"*{form.title}*" in first, f"CONTRIBUTING.md names every form: {form.title}"
