"""`python -m macros from-issue BODY_FILE`: a submitted issue form becomes a record file.

GitHub writes a submitted form as Markdown: for each question `### Label`, a blank line, the answer
(`_No response_` when empty; a dropdown's choices joined by ", "; checkboxes as `- [X] label`).
This reads it back through the form's own questions (macros/forms.py), writes the record (and the
record of its source, unless one with that address exists) in the canonical layout, checks them
with the validator, and says what to fix in the form's words: the label of the question, never a
file name, a line number or a field path. A correction is added to the `corrections` of the
record it names.

The body is untrusted. It is read with a size limit; a heading of the form written twice (in an
answer, say) makes the whole body unreadable rather than letting one answer overwrite another;
ids are made from the answers by `slugify` and the record named by a correction must be an
existing record's id, so no answer chooses where a file goes; every text that is printed is made
safe for a terminal and a CI log (untrusted.printable_line: one problem, one line), and every text
that goes into Markdown is escaped (untrusted.markdown_text) or, the reporter's notes of several
lines, a code block (untrusted.markdown_verbatim).
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ruamel.yaml import YAML

from .fieldtypes import FUZZY_DATE, NUMBER, SLUG, Boolean, FuzzyDate, ListOf, Number, OneOf, Ref, Struct, shown_value
from .formatting import FormatError, format_text
from .forms import CHECKS_LABEL, CORRECTION, EDITOR_NOTES, NO, YES, Form, FormField, all_forms
from .kinds import KINDS
from .load import check_dataset, load_vocabulary
from .scaffold import ScaffoldError, check_id, slugify
from .untrusted import markdown_text, markdown_verbatim, printable_line

ROOT = Path(__file__).resolve().parent.parent
# GitHub keeps at most 65,536 characters of an issue body; anything much longer is not a form.
MAX_BODY_BYTES = 4 * 65536
NO_RESPONSE = "_No response_"
HEADING = re.compile(r"### (.+?)[ \t]*")
CHECKBOX = re.compile(r"- \[([ xX])\] (.+)")
ID_LENGTH = 60
# A GitHub login: letters, digits and single hyphens, at most 39 characters.
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
# Answers an id is made of, in order, when they are given: a record's, and a source's.
ID_PARTS = ("date", "speaker", "speaker_unnamed", "name", "title")
SOURCE_ID_PARTS = ("publisher", "published", "title")


class Unreadable(Exception):
    """The body is not a form the tracker can read: nothing is written."""


@dataclass
class Submission:
    form: Form
    answers: dict[str, object]  # question path → text, list of texts, or True/False
    checked: set[str] = field(default_factory=set)


# --- reading the body -------------------------------------------------------------------------------


def read_body(path: Path) -> str:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise Unreadable(f"the issue is longer than {MAX_BODY_BYTES} bytes, which no form of the tracker gives")
    return raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def choose_form(text: str, forms: list[Form], name: str | None = None) -> Form:
    """The form the body was written with: named, or the one whose every heading is in the body."""
    if name:
        chosen = next((f for f in forms if f.name == name), None)
        if chosen is None:
            raise Unreadable(f"there is no form called {name!r}; the forms are: {', '.join(f.name for f in forms)}")
        return chosen
    headings = {m.group(1) for line in text.split("\n") if (m := HEADING.fullmatch(line))}
    complete = [f for f in forms if set(f.labels()) <= headings]
    if not complete:
        raise Unreadable("the issue was not written with one of the tracker's forms (its questions are missing); "
                         "open a new issue with the form for the kind of record, or for a correction")
    return max(complete, key=lambda f: len(f.labels()))


def sections(text: str, form: Form) -> dict[str, str]:
    """Label → the answer as written. A label heading twice makes the body unreadable."""
    labels = set(form.labels())
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        match = HEADING.fullmatch(line)
        if match and match.group(1) in labels:
            label = match.group(1)
            if label in found:
                raise Unreadable(f"the heading '### {label}' appears twice: an answer may not contain a line that "
                                 "starts with '### ' followed by the name of a question; edit the issue and remove it")
            current = found[label] = []
        elif current is not None:
            current.append(line)
    missing = [label for label in form.labels() if label not in found]
    if missing:
        raise Unreadable("the answers to these questions are missing: " + ", ".join(repr(m) for m in missing))
    return {label: "\n".join(lines).strip() for label, lines in found.items()}


def _record_id_of(text: str) -> str:
    """An id as written, or the id at the end of a page's address (…/statements/<id>.html)."""
    text = text.strip()
    match = re.fullmatch(r"https?://\S*/(?:" + "|".join(KINDS) + r")/([^/?#\s]+?)(?:\.html|\.yml|/)?(?:[?#]\S*)?", text)
    return match.group(1) if match else text.removesuffix(".yml")


def _answer(question: FormField, text: str):
    if text == NO_RESPONSE or not text:
        return None
    if question.many:
        items = re.split(r", " if question.options else r"\n", text)
        items = [re.sub(r"^[-*•]\s+", "", item.strip()) for item in items]
        return [_one(question, item) for item in items if item]
    return _one(question, text)


def _one(question: FormField, text: str):
    ftype = question.ftype
    if isinstance(ftype, Boolean) and text in (YES, NO):
        return text == YES
    if isinstance(ftype, Ref):
        return _record_id_of(text)
    if isinstance(ftype, Number) and NUMBER.fullmatch(text.replace(",", "")) and any(c.isdigit() for c in text):
        number = text.replace(",", "").replace("_", "")
        try:
            return int(number)
        except ValueError:
            try:
                return float(number)
            except ValueError:
                return text
    if isinstance(ftype, FuzzyDate) and FUZZY_DATE.fullmatch(text):
        return _date_value(text)
    return text


def _date_value(text: str):
    """A date as YAML writes it unquoted, as the records in data/ do."""
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return int(text) if len(text) == 4 else text


def parse(text: str, forms: list[Form], name: str | None = None) -> Submission:
    form = choose_form(text, forms, name)
    written = sections(text, form)
    answers = {}
    for question in form.fields:
        value = _answer(question, written[question.label])
        if value not in (None, []):
            answers[question.path] = value
    checked = set()
    for line in written.get(CHECKS_LABEL, "").split("\n"):
        match = CHECKBOX.fullmatch(line.strip())
        if match and match.group(1) in "xX":
            checked.add(match.group(2))
    return Submission(form, answers, checked)


# --- making the records -------------------------------------------------------------------------


def _put(record: dict, path: str, value) -> None:
    """Set a value at a question's path: 'location.place', 'status_history[0].date', 'participants[].actor'."""
    head, _, rest = path.partition(".")
    if head.endswith("[0]"):
        items = record.setdefault(head[:-3], [{}])
        _put(items[0], rest, value)
    elif head.endswith("[]"):
        record[head[:-2]] = [{rest: item} for item in value]
    elif rest:
        _put(record.setdefault(head, {}), rest, value)
    else:
        record[head] = value


def _cite(record: dict, struct: Struct, citation) -> None:
    """Give every block that needs sources the form's source (the record, a status, a member ...)."""
    for spec in struct.fields:
        value = record.get(spec.name)
        inner = spec.type.long if isinstance(spec.type, OneOf) else spec.type
        if spec.name == "sources":
            record.setdefault("sources", [citation])
        elif isinstance(inner, Struct) and isinstance(value, dict):
            _cite(value, inner, citation)
        elif isinstance(inner, ListOf) and isinstance(inner.item, Struct) and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _cite(item, inner.item, citation)


def new_id(values: dict, taken: set[str], fallback: str, parts: tuple[str, ...] = ID_PARTS) -> str:
    """An id made of the answers (only letters, digits and hyphens: no answer chooses a path),
    not yet taken in its folder."""
    words = " ".join(str(values[p]) for p in parts if values.get(p) not in (None, "") and not isinstance(values[p], list))
    base = slugify(words)
    if len(base) > ID_LENGTH:
        base = base[:ID_LENGTH + 1].rsplit("-", 1)[0]
    base = base or fallback
    try:
        check_id(base, "")
    except ScaffoldError:
        base = f"{base}-{fallback}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _ids(data_dir: Path, kind: str) -> set[str]:
    folder = data_dir / kind
    return {p.stem for p in folder.iterdir()} if folder.is_dir() else set()


def _yaml_text(values: dict) -> str:
    out = io.StringIO()
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.dump(values, out)
    return out.getvalue()


@dataclass
class Outcome:
    """What a submission became: files written (relative to the data folder's parent) and problems."""

    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    kind: str = ""
    record_id: str = ""
    notes: str = ""
    field: str = ""  # a correction: the part of the record the reporter names


def source_record(sub: Submission, data_dir: Path, dataset, fallback: str) -> tuple[str, dict | None]:
    """The id of the form's source, and its new record (None when a source with that address exists)."""
    values = {path.removeprefix("source."): v for path, v in sub.answers.items() if path.startswith("source.")}
    url = str(values.get("url", "")).strip()
    for existing in dataset.all("sources"):
        if url and existing.get("url", "").rstrip("/") == url.rstrip("/"):
            return existing.id, None
    record_id = new_id(values, _ids(data_dir, "sources"), fallback, SOURCE_ID_PARTS)
    return record_id, {"id": record_id, **values}


def build(sub: Submission, data_dir: Path, *, number: str = "", today: str = "") -> Outcome:
    """Write the submission's records into data_dir; say what is wrong with them in the form's words."""
    dataset, _ = check_dataset(data_dir)
    fallback = f"issue-{number}" if number.isdigit() else "from-issue"
    outcome = Outcome(notes=str(sub.answers.get(EDITOR_NOTES, "")), field=str(sub.answers.get("field", "")))
    address = next((q for q in sub.form.fields if q.path in ("url", "source.url")), None)
    if address is not None and address.path not in sub.answers:
        outcome.problems.append(f"{address.label}: is missing (every record needs the address of a published source)")
        return outcome
    texts: dict[Path, tuple[str, str]] = {}  # path → (text, kind)
    citation: object = None
    if sub.form.kind != "sources":
        source_id, source = source_record(sub, data_dir, dataset, fallback)
        locator = sub.answers.get("citation.locator")
        citation = {"source": source_id, "locator": locator} if locator else source_id
        if source is not None:
            texts[data_dir / "sources" / f"{source_id}.yml"] = (_yaml_text(source), "sources")
    if sub.form.kind == CORRECTION:
        path = _correction(sub, data_dir, outcome)
        if path is None:
            return outcome
        texts[path] = (_correction_text(path, sub, citation, today), outcome.kind)
    else:
        kind = sub.form.kind
        record: dict = {}
        for path, value in sub.answers.items():
            if not path.startswith(("source.", "citation.")) and path != EDITOR_NOTES:
                _put(record, path, value)
        record_id = new_id(record, _ids(data_dir, kind), fallback, SOURCE_ID_PARTS if kind == "sources" else ID_PARTS)
        record = {"id": record_id, **record}
        if citation is not None:
            _cite(record, KINDS[kind].structure(), citation)
        outcome.kind, outcome.record_id = kind, record_id
        texts[data_dir / kind / f"{record_id}.yml"] = (_yaml_text(record), kind)
    return _write_and_check(texts, sub, data_dir, outcome)


def _correction(sub: Submission, data_dir: Path, outcome: Outcome) -> Path | None:
    """The file of the record a correction names, if it is one."""
    record_id = _record_id_of(str(sub.answers.get("record", "")))
    if not SLUG.fullmatch(record_id) or len(record_id) > 100:
        outcome.problems.append(f"Record: {printable_line(shown_value(record_id))} is not the address or the id of a record "
                                "(an id is the end of a record page's address, e.g. emmanuel-macron)")
        return None
    found = [kind for kind in KINDS if (data_dir / kind / f"{record_id}.yml").is_file()]
    if not found:
        outcome.problems.append(f"Record: the tracker has no record with the id '{record_id}' (copy the address of the record's page)")
        return None
    outcome.kind, outcome.record_id = found[0], record_id
    return data_dir / found[0] / f"{record_id}.yml"


def _correction_text(path: Path, sub: Submission, citation, today: str) -> str:
    yaml = YAML(typ="rt")
    record = yaml.load(path.read_text(encoding="utf-8"))
    note = {"date": _date_value(today), **{name: sub.answers[name] for name in ("what_was_wrong", "what_changed") if name in sub.answers},
            "sources": [citation]}
    record.setdefault("corrections", []).append(note)
    out = io.StringIO()
    yaml.width = 4096
    yaml.dump(record, out)
    return out.getvalue()


def _write_and_check(texts: dict[Path, tuple[str, str]], sub: Submission, data_dir: Path, outcome: Outcome) -> Outcome:
    for path, (text, kind) in texts.items():
        try:
            text = format_text(text, kind)
        except FormatError as err:
            outcome.problems.append(f"The answers could not be written as a record: {printable_line(str(err))}")
            return outcome
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outcome.files.append(path.relative_to(data_dir.parent).as_posix())
    _, problems = check_dataset(data_dir, display_root=data_dir.parent)
    source_files = {f for f in outcome.files if f.split("/")[-2] == "sources" and sub.form.kind != "sources"}
    for problem in problems:
        if problem.path in outcome.files:
            outcome.problems.append(explain(problem, sub.form, in_source=problem.path in source_files))
    return outcome


# --- problems in the form's words --------------------------------------------------------------------


def _pattern(path: str) -> str:
    return re.sub(r"\[\d*\]", "[]", path)


def _labels(form: Form, in_source: bool) -> dict[str, str]:
    labels = {}
    for question in form.fields:
        path = question.path
        if in_source != path.startswith("source."):
            continue
        path = path.removeprefix("source.")
        if form.kind == CORRECTION and path in ("what_was_wrong", "what_changed"):
            path = f"corrections[].{path}"
        labels[_pattern(path)] = question.label
    if not in_source:
        source = next((q.label for q in form.fields if q.path == "source.url"), "")
        labels.update({"sources": source, "sources[]": source})
    return labels


def explain(problem, form: Form, *, in_source: bool = False) -> str:
    """A validator's problem as a contributor filling in the form can act on it."""
    labels = _labels(form, in_source)
    path = _pattern(problem.field)
    label = ""
    while path:
        if path in labels:
            label = labels[path]
            break
        tail = max(path.rfind("."), path.rfind("["))
        if path.endswith("sources[]") or path.endswith("sources"):
            label = labels.get("sources", "")
            break
        path = path[:tail] if tail > 0 else ""
    label = label or ("The source" if in_source else "The record")
    names = {_pattern(q.path).rsplit(".", 1)[-1]: q.label for q in form.fields}
    # Names with an underscore are never prose; any name is one inside "needs a or b", "has both a and b".
    words = {name: label for name, label in names.items() if "_" in name}
    message = re.sub(r"^(needs (?:one of )?|has both )(.*)$", lambda m: m.group(1) + _plain_words(m.group(2), names), problem.message)
    message, hint = _plain_words(message, words), _plain_words(problem.hint, words)
    return printable_line(f"{label}: {message}" + (f" ({hint})" if hint else ""))


def _plain_words(text: str, words: dict[str, str]) -> str:
    text = re.sub(r"add data/(\w+)/\S+\.yml or fix the id",
                  lambda m: f"check the id: it is the end of the {KINDS[m.group(1)].singular}'s page address; "
                            f"a new {KINDS[m.group(1)].singular} needs its own form first" if m.group(1) in KINDS else "check the id", text)
    text = re.sub(r"\s*\(or add it to data/vocabulary\.yml under \w+\)", "", text)
    text = re.sub(r"\s*\(data/[^)\s]*\.yml\)", "", text)
    if words:
        pattern = r"(?<!')\b(" + "|".join(re.escape(n) for n in sorted(words, key=len, reverse=True)) + r")\b(?!')"
        text = re.sub(pattern, lambda m: f"'{words[m.group(1)]}'", text)
    return text


# --- the hand-over to the workflow ------------------------------------------------------------------


def credit(login: str, user_id: str) -> tuple[str, str]:
    """(a mention for the pull request's body, a Co-authored-by trailer); empty for a login GitHub
    would not give, so that nothing else can be smuggled into either."""
    if not LOGIN.fullmatch(login or ""):
        return "", ""
    email = f"{user_id}+{login}@users.noreply.github.com" if (user_id or "").isdigit() else f"{login}@users.noreply.github.com"
    return f"@{login}", f"Co-authored-by: {login} <{email}>"


def hand_over(out: Path, root: Path, outcome: Outcome, sub: Submission | None, *, number: str, login: str, user_id: str) -> None:
    """The files the workflow's writing job needs, none of which it has to interpret: the records,
    their paths, the pull request's title and body, the commit message, and the problems."""
    out.mkdir(parents=True, exist_ok=True)
    issue = f"#{number}" if number.isdigit() else "the issue"
    for relative in outcome.files:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((root / relative).read_bytes())
    (out / "files.txt").write_text("".join(f"{f}\n" for f in outcome.files), encoding="utf-8")
    if outcome.problems:
        (out / "problems.md").write_text(problems_markdown(outcome.problems), encoding="utf-8")
    if not outcome.files:
        return
    mention, trailer = credit(login, user_id)
    what = "Correction of" if sub and sub.form.kind == CORRECTION else "New"
    singular = KINDS[outcome.kind].singular if outcome.kind in KINDS else "record"
    title = f"{what} {singular} {outcome.record_id} (from {issue})"
    (out / "title.txt").write_text(title + "\n", encoding="utf-8")
    (out / "commit-message.txt").write_text(f"{title}\n" + (f"\n{trailer}\n" if trailer else ""), encoding="utf-8")
    body = [f"Made from {issue}" + (f", reported by {mention}" if mention else "") + ", by `python -m macros from-issue`.", "",
            "Files:", *(f"- `{f}`" for f in outcome.files), ""]
    if sub and sub.form.kind == CORRECTION:
        body += ["This adds the correction note only: change the record itself to match it before merging."]
        body += ["The part of the record the reporter names:", "", markdown_text(outcome.field)] if outcome.field else []
        body += [""]
    if outcome.problems:
        body += ["The validator found problems (also commented on the issue):", "", markdown_list(outcome.problems), ""]
    if outcome.notes:
        body += ["The reporter's notes for the editor:", "", markdown_verbatim(outcome.notes), ""]
    body += ["- [ ] The source says what the record says", "- [ ] The wording is neutral and in the tracker's own words (a quote verbatim)",
             "", f"Closes {issue}" if number.isdigit() else ""]
    (out / "pull-request.md").write_text("\n".join(body).rstrip() + "\n", encoding="utf-8")


def problems_markdown(problems: list[str]) -> str:
    return ("Thank you. The tracker could not turn every answer into a valid record yet. Edit the issue to fix "
            "these answers; a maintainer then sets the label again:\n\n" + markdown_list(problems) + "\n")


def markdown_list(problems: list[str]) -> str:
    return "\n".join(f"- {markdown_text(p)}" for p in problems)


def run(args) -> int:
    data_dir = Path(os.path.abspath(args.data))
    forms = all_forms(load_vocabulary(data_dir))
    number, today = str(args.number or ""), args.today or datetime.now(timezone.utc).date().isoformat()
    try:
        sub = parse(read_body(args.body), forms, args.form)
    except (Unreadable, OSError) as err:
        message = err.strerror if isinstance(err, OSError) else str(err)
        outcome = Outcome(problems=[printable_line(f"The issue cannot be read: {message}")])
        sub = None
    else:
        outcome = build(sub, data_dir, number=number, today=today)
    if args.out:
        hand_over(args.out, data_dir.parent, outcome, sub, number=number, login=args.author or "", user_id=args.author_id or "")
    for path in outcome.files:
        print(f"Wrote {path}")
    if outcome.problems:
        print("What to fix in the form:")
        for problem in outcome.problems:
            print(f"- {problem}")
        return 1 if outcome.files else 2
    print("The record is valid.")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "from-issue", help="turn a submitted issue form into a record file",
        description="Read the body of an issue written with one of the tracker's forms, write the record it describes "
                    "(or add the correction to the record it names) in the canonical layout, and list what to fix.")
    parser.add_argument("body", type=Path, metavar="BODY_FILE", help="the issue's body, as GitHub gives it")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--form", help="the form's name (new-statement, correction ...); found from the body when left out")
    parser.add_argument("--number", help="the issue's number, for ids, the pull request and its title")
    parser.add_argument("--author", help="the reporter's GitHub login, credited in the pull request")
    parser.add_argument("--author-id", help="the reporter's GitHub user id, for the Co-authored-by trailer")
    parser.add_argument("--today", help="the date of a correction, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--out", type=Path, help="also write the hand-over folder for the workflow here")
    parser.set_defaults(run=run)
