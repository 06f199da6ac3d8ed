"""The data model as declarations: every record type, its fields, and the closed lists.

One declaration serves three purposes: the validator checks files against it, `schemas/`
publishes it as JSON Schema for editors, and `make new` scaffolds records from it.
"""
from __future__ import annotations

from .fieldtypes import (
    Boolean,
    Choice,
    Field,
    FieldType,
    FuzzyDate,
    ListOf,
    Number,
    OneOf,
    Ref,
    Retired,
    Slug,
    Struct,
    Text,
    Url,
    at_least_one_of,
    exactly_one_of,
    field_path,
)

# Closed lists whose meaning the code relies on (ordering, badges). Their wording for readers
# lives in the message catalogue (macros/i18n.py), so the methodology page and the code cannot disagree.
ACTOR_KINDS = ("person", "state", "organisation", "coalition")
ROLE_STATES = ("current", "former", "proposed")
EVENT_STATUSES = ("scheduled", "held", "postponed", "cancelled", "reported", "claimed")
EVENT_FORMATS = ("in-person", "virtual", "hybrid", "phone", "unknown")
PARTICIPATION_MODES = ("in-person", "remote", "unknown")
STATEMENT_KINDS = ("remark", "announcement", "claim", "denial")
COMMITMENT_AREAS = ("security", "economic", "humanitarian", "political")
COMMITMENT_STATUSES = ("proposed", "discussed", "pledged", "agreed", "in-force", "fulfilled", "withdrawn", "broken")
# Statuses after which a commitment no longer changes: the review queue does not chase them.
FINAL_COMMITMENT_STATUSES = ("fulfilled", "withdrawn", "broken")
# The order a status history may take: after each status, the statuses that may follow it (the
# same one again is a "still ..." entry). macros/time_rules.py checks every history against them.
# An event that took place (held) cannot be scheduled again; one reported or claimed to have
# taken place can only be confirmed or disputed.
EVENT_STATUS_TRANSITIONS = {
    "scheduled": EVENT_STATUSES,
    "postponed": EVENT_STATUSES,
    "cancelled": ("cancelled", "scheduled", "held", "reported", "claimed"),
    "held": ("held",),
    "reported": ("reported", "held", "claimed"),
    "claimed": ("claimed", "held", "reported"),
}
# A commitment moves forward along proposed → ... → fulfilled (a pledge may go back to talks); it
# can be withdrawn or broken at any point, and a withdrawn one put forward again.
COMMITMENT_STATUS_TRANSITIONS = {
    "proposed": COMMITMENT_STATUSES,
    "discussed": COMMITMENT_STATUSES,
    "pledged": ("pledged", "discussed", "agreed", "in-force", "fulfilled", "withdrawn", "broken"),
    "agreed": ("agreed", "in-force", "fulfilled", "withdrawn", "broken"),
    "in-force": ("in-force", "fulfilled", "withdrawn", "broken"),
    "fulfilled": ("fulfilled", "withdrawn", "broken"),
    "withdrawn": ("withdrawn", "proposed", "discussed"),
    "broken": ("broken",),
}
STATUS_TRANSITIONS = {"events": EVENT_STATUS_TRANSITIONS, "commitments": COMMITMENT_STATUS_TRANSITIONS}
# No date in a record lies further than this after the day the data is as of: a ten-year
# agreement is real, a date in 2206 is a typing mistake.
MAX_YEARS_AHEAD = 30
FIGURE_PRECISIONS = ("exact", "about", "more-than", "at-least", "up-to")
SOURCE_KINDS = ("news-article", "official", "transcript", "social-media", "report", "other")
# The codebook of coded positions: how a statement stands on a negotiation issue (data/vocabulary.yml
# lists the issues). Ordered from agreement to refusal; the methodology page prints their meanings
# (the catalogue's "meaning.stance.<stance>").
STANCES = ("supports", "stresses", "seeks", "conditional", "opposes", "rejects")

# States a reader is shown that no contributor writes: derived from the status history and the
# build's reference date (macros.model.event_state).
DERIVED_EVENT_STATES = ("date-passed",)

# The terms whose meaning the methodology page and CONTRIBUTING.md spell out, by what a reader
# calls the record. The words (label and meaning of each, and of each stance) are in the message
# catalogue, macros/locales/<language>/LC_MESSAGES/tracker.po: "status.<term>", "meaning.<kind>.<term>".
STATUS_MEANINGS = {"event": EVENT_STATUSES, "commitment": COMMITMENT_STATUSES, "statement": STATEMENT_KINDS}

# References whose meaning asks for a kind of actor: (record kind, field) → the actor kinds
# allowed. A person's country is a state, not a person; an affiliation is not a person.
ACTOR_KINDS_REFERRED = {
    ("actors", "country"): ("state",),
    ("events", "location.country"): ("state",),
    ("actors", "roles[].organisation"): ("state", "organisation", "coalition"),
    ("statements", "speaker_affiliation"): ("state", "organisation", "coalition"),
}

# Ids that cannot name a record: its page would replace one of the site's own pages
# (actors/index.html), or its file could not be checked out on Windows (con.yml, nul.yml ...).
RESERVED_PAGE_IDS = ("index",)
WINDOWS_RESERVED_IDS = ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)))


def _citation(ref_doc: str = "") -> FieldType:
    long = Struct(
        doc="A citation: the source that was read, and, when that source relies on another outlet, the chain it cites.",
        fields=(
            Field("source", Ref(target="sources"), required=True, doc="id of the source in data/sources/"),
            Field("via", ListOf(item=Ref(target="sources"), min_items=1), doc="'as cited by' chain: the outlets the source attributes this to, nearest first"),
            Field("locator", Text(single_line=True, max_length=200), doc="where in the source, e.g. 'paragraph 6'"),
            Field("note", Text(max_length=1000), doc="why this source supports the record, if not obvious"),
        ),
    )
    return OneOf(short=Ref(target="sources"), long=long, doc=ref_doc or "a source id, or a block with source and via")


def _sources(required: bool = True) -> Field:
    return Field(
        "sources", ListOf(item=_citation(), min_items=1 if required else 0), required=required,
        doc="where this comes from: at least one id from data/sources/",
    )


sources_field = _sources  # the citations every kind carries; public for kinds declared outside this file


def _date_fields(required: bool = True, name: str = "date") -> tuple[Field, ...]:
    return (
        Field(name, FuzzyDate(), required=required, doc="YYYY-MM-DD, or YYYY-MM / YYYY when the source is less precise"),
        Field(f"{name}_approximate", Boolean(), doc="true when the source gives the date only roughly"),
        Field(f"{name}_note", Text(max_length=1000), doc="how the date was worked out, e.g. 'on Thursday' in an article of 2026-01-02"),
    )


def _end_not_before_start(start: str, end: str, hint: str = "an end cannot come before its start"):
    def rule(values, node, field, chk):
        if start in values and end in values and date_before(values[end], values[start]):
            path = field_path(field, end)
            chk.report(chk.lines[path], path, f"{values[end]} is before {start} {values[start]}", hint)
    return rule


def latest_status(values: dict) -> dict:
    """The last entry of an event's or a commitment's status history: its current status, and since when."""
    return values["status_history"][-1]


def date_before(a: str, b: str) -> bool:
    """Whether fuzzy date a is surely before b, compared at the precision both share."""
    # "2026-01" is not before "2026-01-03": the month contains the day.
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _note_when_inferred(values, node, field, chk):
    if values.get("inferred") and not values.get("note"):
        path = field_path(field, "inferred")
        chk.report(chk.lines[path], path, "an inferred coding needs a note",
                   "say in note what the source does not state and why the coding follows")


def _one_position_per_issue(values, node, field, chk):
    seen: set[str] = set()
    for i, position in enumerate(values.get("positions", [])):
        if position.get("issue") in seen:
            item = chk.lines.item_path(field_path(field, "positions"), i)
            chk.report(chk.lines[item], f"{item}.issue", f"a second position on '{position['issue']}'", "code one position per issue and statement; merge the two")
        seen.add(position.get("issue"))


def status_history_field(statuses: tuple[str, ...], kind: str) -> Field:
    """A dated, sourced history of statuses, oldest first: the last entry is the current status."""
    change = Struct(
        doc="One status, from the date a source reports it.",
        fields=(
            Field("status", Choice(values=statuses), required=True),
            *_date_fields(),
            Field("note", Text(max_length=1000), doc="what changed and who said so"),
            _sources(),
        ),
    )
    return Field("status_history", ListOf(item=change, min_items=1), required=True,
                 doc="oldest first; the last entry is the current status" + (" (a meeting first scheduled, then held, has two entries)" if kind == "events" else ""))


def corrections_field() -> Field:
    """Dated notes of what was wrong in a record and what changed: shown on the record's page."""
    note = Struct(
        doc="A correction: the record said something wrong, and was changed.",
        fields=(
            Field("date", FuzzyDate(), required=True, doc="the day the record was corrected, YYYY-MM-DD"),
            Field("what_was_wrong", Text(max_length=1000), required=True, doc="what the record said before, in a sentence"),
            Field("what_changed", Text(max_length=1000), required=True, doc="what it says now, and why"),
            _sources(),
        ),
    )
    return Field("corrections", ListOf(item=note), doc="oldest first: every correction of this record, with the source that shows the right fact")


def _retired_status_hint(block) -> str:
    """The new shape, filled in with what the contributor wrote where possible."""
    from .yamlload import Mapping, Scalar

    texts = {key.text: child for key, child in block.items}

    def text(name: str, default: str) -> str:
        node = texts.get(name)
        return node.text if isinstance(node, Scalar) and node.text else default

    source = "source-id"
    sources = texts.get("sources")
    first = sources.items[0] if sources is not None and getattr(sources, "items", None) else None
    if isinstance(first, Scalar):
        source = first.text
    elif isinstance(first, Mapping):
        source = next((v.text for k, v in first.items if k.text == "source" and isinstance(v, Scalar)), source)
    return (f"replace status and status_as_of with status_history: [{{status: {text('status', 'held')}, "
            f"date: {text('status_as_of', text('date', 'YYYY-MM-DD'))}, sources: [{source}]}}]; one dated, sourced "
            "entry per status, oldest first: a meeting first scheduled, then held, has two")


# Fields events had before they kept a status history: a contributor who writes them is shown
# the new shape instead of "not a known field".
EVENT_RETIRED_FIELDS = (
    Retired("status", "status_history", "an event's status is now a dated history, not one value", _retired_status_hint),
    Retired("status_as_of", "status_history", "the date of a status now goes in its status_history entry",
            lambda block: "it becomes that entry's date: status_history: [{status: ..., date: ..., sources: [...]}]"),
)


def figure_type() -> Struct:
    return Struct(
        doc="A number the source gives, kept as a value so it can be compared and charted.",
        fields=(
            Field("label", Text(single_line=True, max_length=200), required=True, doc="what is counted, e.g. 'children evacuated with their parents'"),
            Field("value", Number(), required=True, doc="the number, digits only"),
            Field("unit", Text(single_line=True, max_length=40), required=True, doc="people, percent, USD, GBP, km2 ..."),
            Field("precision", Choice(values=FIGURE_PRECISIONS), doc="exact unless the source says 'about', 'more than' ..."),
            Field("period_start", FuzzyDate(), doc="start of the period the figure covers"),
            Field("period_end", FuzzyDate(), doc="end of the period the figure covers"),
            Field("note", Text(max_length=1000)),
        ),
        rules=(_end_not_before_start("period_start", "period_end"),),
    )


def _terms(vocabulary: dict[str, tuple[str, ...]]):
    """A Choice of one contributor-extensible list, its terms filled in from data/vocabulary.yml."""
    def vocab(name: str) -> Choice:
        return Choice(values=tuple(vocabulary.get(name, ())), vocabulary=name)
    return vocab


def actor_type(vocabulary: dict[str, tuple[str, ...]]) -> Struct:
    role = Struct(
        doc="A position a person holds, held, or is proposed for.",
        fields=(
            Field("title", Text(single_line=True, max_length=200), required=True, doc="e.g. 'Head of the Office of the President'"),
            Field("organisation", Ref(target="actors"), doc="id of the state or organisation"),
            Field("state", Choice(values=ROLE_STATES), required=True, doc="current, former or proposed (as of the source's date)"),
            *_date_fields(required=False, name="start"),
            *_date_fields(required=False, name="end"),
            Field("note", Text(max_length=1000)),
            _sources(),
        ),
        rules=(_end_not_before_start("start", "end"),),
    )
    member = Struct(
        doc="A member of a coalition.",
        fields=(
            Field("actor", Ref(target="actors"), required=True),
            Field("role", Text(single_line=True, max_length=200), doc="e.g. 'co-lead'"),
            _sources(),
        ),
    )
    return Struct(
        fields=(
            Field("id", Slug(), required=True, doc="the file name without .yml"),
            Field("kind", Choice(values=ACTOR_KINDS), required=True),
            Field("name", Text(single_line=True, max_length=200), required=True, doc="the name most English-language sources use"),
            Field("aliases", ListOf(item=Text(single_line=True, max_length=200)), doc="other spellings and transliterations, e.g. Zelenskyy"),
            Field("country", Ref(target="actors"), doc="id of the state a person or organisation belongs to"),
            Field("description", Text(max_length=2000), required=True),
            Field("roles", ListOf(item=role), doc="dated roles, each with its source"),
            Field("members", ListOf(item=member), doc="coalitions only: members the sources name"),
            Field("note", Text(max_length=1000), doc="where a fact comes from when no cited source gives it, e.g. spellings from the editors' knowledge"),
            _sources(),
            corrections_field(),
        ),
    )


def event_type(vocabulary: dict[str, tuple[str, ...]]) -> Struct:
    vocab = _terms(vocabulary)
    participant = Struct(
        fields=(
            Field("actor", Ref(target="actors"), required=True),
            Field("mode", Choice(values=PARTICIPATION_MODES), doc="in-person, remote or unknown"),
            Field("role", Text(single_line=True, max_length=200), doc="host, chair, ..."),
            Field("note", Text(max_length=1000)),
        ),
    )
    location = Struct(
        fields=(
            Field("place", Text(single_line=True, max_length=200), required=True, doc="city or venue, e.g. Kyiv"),
            Field("country", Ref(target="actors"), doc="id of the state"),
        ),
    )
    return Struct(
        fields=(
            Field("id", Slug(), required=True, doc="the file name without .yml; start with the date: 2026-01-03-..."),
            Field("kind", vocab("event_kinds"), required=True),
            Field("title", Text(single_line=True, max_length=200), required=True),
            *_date_fields(),
            Field("end_date", FuzzyDate(), doc="last day, for events over several days"),
            status_history_field(EVENT_STATUSES, "events"),
            Field("location", location),
            Field("format", Choice(values=EVENT_FORMATS)),
            Field("participants", ListOf(item=participant)),
            Field("topics", ListOf(item=vocab("topics"))),
            Field("summary", Text(max_length=4000), required=True, doc="what happened, in your own words"),
            Field("figures", ListOf(item=figure_type())),
            Field("related_events", ListOf(item=Ref(target="events"))),
            _sources(),
            corrections_field(),
        ),
        rules=(_end_not_before_start("date", "end_date"),),
        retired=EVENT_RETIRED_FIELDS,
    )


def statement_type(vocabulary: dict[str, tuple[str, ...]]) -> Struct:
    vocab = _terms(vocabulary)
    position = Struct(
        doc="A coded position: where the statement puts its speaker on one negotiation issue. It inherits the statement's speaker, date and sources.",
        fields=(
            Field("issue", vocab("issues"), required=True, doc="the negotiation issue, from the issues in data/vocabulary.yml"),
            Field("stance", Choice(values=STANCES), required=True, doc="how the speaker stands on it; the methodology page defines each stance"),
            Field("summary", Text(single_line=True, max_length=200), required=True, doc="the position in one line, in your own words"),
            Field("inferred", Boolean(), doc="true when the source does not state the issue or the stance and the coding is the editors' reading; say why in note"),
            Field("note", Text(max_length=1000), doc="why the text supports this coding, especially when it is inferred"),
        ),
        rules=(_note_when_inferred,),
    )
    return Struct(
        fields=(
            Field("id", Slug(), required=True),
            Field("kind", Choice(values=STATEMENT_KINDS), required=True),
            Field("speaker", Ref(target="actors"), doc="id of who said it"),
            Field("speaker_unnamed", Text(single_line=True, max_length=200), doc="instead of speaker, as the source describes them: 'a senior European official'"),
            Field("speaker_affiliation", Ref(target="actors"), doc="the state or organisation an unnamed speaker belongs to"),
            Field("addressees", ListOf(item=Ref(target="actors")), doc="who it was said to"),
            *_date_fields(),
            Field("setting", Text(single_line=True, max_length=200), doc="where it was said: 'New Year's address', 'interview with Kyiv Post'"),
            Field("event", Ref(target="events"), doc="the event at which it was said"),
            Field("about_events", ListOf(item=Ref(target="events")), doc="events the statement is about"),
            Field("about_commitments", ListOf(item=Ref(target="commitments"))),
            Field("quote", Text(max_length=4000), doc="the exact words, verbatim, as the source prints them"),
            Field("paraphrase", Text(max_length=4000), doc="what was said, in your own words, when there is no exact quote or it needs context"),
            Field("denies", ListOf(item=Ref(target="statements")), doc="denials only: the claims this answers"),
            Field("topics", ListOf(item=vocab("topics"))),
            Field("figures", ListOf(item=figure_type())),
            Field("positions", ListOf(item=position), doc="coded positions on negotiation issues, one per issue, only where the words support them"),
            _sources(),
            corrections_field(),
        ),
        rules=(
            _one_position_per_issue,
            exactly_one_of("speaker", "speaker_unnamed", hint="name the speaker's actor id, or describe an unnamed one"),
            at_least_one_of("quote", "paraphrase", hint="give the exact words as quote, or a paraphrase"),
        ),
    )


def commitment_type(vocabulary: dict[str, tuple[str, ...]]) -> Struct:
    vocab = _terms(vocabulary)
    amount = Struct(
        fields=(
            Field("value", Number(), required=True, doc="digits only: 800000000000"),
            Field("currency", Choice(values=("USD", "EUR", "GBP", "UAH", "CAD")), required=True),
            Field("precision", Choice(values=FIGURE_PRECISIONS)),
            Field("period", Text(single_line=True, max_length=200), doc="e.g. 'over the next decade'"),
            Field("period_years", Number(), doc="the period in years, when the source gives one"),
        ),
    )
    open_question = Struct(
        fields=(
            Field("question", Text(max_length=1000), required=True),
            _sources(),
        ),
    )
    return Struct(
        fields=(
            Field("id", Slug(), required=True),
            Field("title", Text(single_line=True, max_length=200), required=True),
            Field("area", Choice(values=COMMITMENT_AREAS), required=True),
            Field("mechanism", vocab("mechanisms"), required=True),
            Field("layer", Number(integer=True, minimum=1), doc="position in a layered guarantee design, 1 = first line"),
            Field("part_of", Ref(target="commitments"), doc="the package or design this is a part of"),
            Field("offered_by", ListOf(item=Ref(target="actors")), doc="who offers or would provide it"),
            Field("offered_to", ListOf(item=Ref(target="actors")), doc="who would receive it"),
            Field("domains", ListOf(item=vocab("domains")), doc="air, land, sea ..."),
            Field("amount", amount),
            Field("description", Text(max_length=4000), required=True),
            Field("conditions", ListOf(item=Text(max_length=1000))),
            Field("open_questions", ListOf(item=open_question)),
            status_history_field(COMMITMENT_STATUSES, "commitments"),
            Field("topics", ListOf(item=vocab("topics"))),
            Field("related_events", ListOf(item=Ref(target="events"))),
            _sources(),
            corrections_field(),
        ),
    )


def source_type(vocabulary: dict[str, tuple[str, ...]]) -> Struct:
    return Struct(
        fields=(
            Field("id", Slug(), required=True),
            Field("kind", Choice(values=SOURCE_KINDS), required=True),
            Field("publisher", Text(single_line=True, max_length=200), doc="leave out only when the copy does not say"),
            Field("title", Text(single_line=True, max_length=300), doc="headline; leave out when unknown"),
            *_date_fields(required=False, name="published"),
            Field("url", Url()),
            Field("accessed", FuzzyDate(), doc="when the tracker's editors read it"),
            Field("consulted", Boolean(), doc="false when known only because another source cites it"),
            Field("language", Text(single_line=True, max_length=20)),
            Field("notes", Text(max_length=2000)),
            corrections_field(),
        ),
        rules=(
            at_least_one_of("publisher", "title", hint="a source needs a publisher or a title"),
            _end_not_before_start("published", "accessed", hint="no one can read a source before it is published; check both dates"),
        ),
    )


VOCABULARY_LISTS = ("topics", "event_kinds", "mechanisms", "domains", "issues")
# Lists whose terms name terms of other lists, checked after loading (load.py).
ISSUE_LINKS = ("topics", "mechanisms")
# The gazetteer: not a closed list (a location's place is free text), but the other names of the
# places it mentions, so that a search for "Kiev" finds what happened in Kyiv.
GAZETTEER = "places"


def vocabulary_type() -> Struct:
    """data/vocabulary.yml: the lists contributors may extend by pull request."""
    label = Field("label", Text(single_line=True, max_length=100), required=True)
    description = Field("description", Text(max_length=1000), required=True)
    term = Struct(fields=(label, description))
    issue = Struct(
        doc="A negotiation issue: a question the parties take positions on. Its page is issues/<id>.html.",
        fields=(
            label,
            Field("question", Text(single_line=True, max_length=300), required=True, doc="the question the parties answer, neutrally worded"),
            description,
            *(Field(name, ListOf(item=Slug(), min_items=1), doc=f"{name} in this vocabulary whose events and commitments the issue page lists as related")
              for name in ISSUE_LINKS),
        ),
    )
    place = Struct(fields=(
        Field("label", Text(single_line=True, max_length=100), required=True, doc="the spelling the tracker uses, e.g. Kyiv"),
        Field("aliases", ListOf(item=Text(single_line=True, max_length=100)), doc="other spellings readers type: Kiev, Київ, Киев"),
        Field("note", Text(max_length=1000), doc="where the spellings come from"),
    ))
    terms = {name: issue if name == "issues" else term for name in VOCABULARY_LISTS}
    # Negotiation issues are optional: a vocabulary without them codes no positions.
    lists = tuple(Field(name, _TermMap(term=terms[name]), required=name != "issues") for name in VOCABULARY_LISTS)
    return Struct(fields=(*lists, Field(GAZETTEER, _TermMap(term=place), doc="places events happen in, with the names readers search for")))


class _TermMap(FieldType):
    """A mapping of term id → {label, description}."""

    def __init__(self, term: Struct):
        super().__init__()
        self.term = term

    def check(self, node, field, chk):
        from .yamlload import Mapping

        if not isinstance(node, Mapping):
            chk.report(node.line, field, "expected a block of terms", "term-id: {label: ..., description: ...}")
            return None
        terms = {}
        for key, child in node.items:
            path = f"{field}.{key.text}"
            if Slug().check(key, path, chk) is None:
                continue
            chk.lines[path] = key.line
            value = self.term.check(child, path, chk)
            if value is not None:
                terms[key.text] = value
        return terms

    def schema(self):
        return {"type": "object", "additionalProperties": self.term.schema()}

    def children(self):
        return (("*", self.term),)
