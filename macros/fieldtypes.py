"""Field types: each checks one YAML node, converts it to a plain value, and describes itself
as JSON Schema (draft-07, the version yaml-language-server validates fully).

A type never raises: it reports to a `Checker` and returns None when the value is unusable. What
text and web addresses may hold is macros/textpolicy.py's policy; a type also describes itself as a
Table Schema field (datapackage.json).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterator

from .textpolicy import MAX_URL_LENGTH, forbidden_characters, url_problem, visible
from .words import count
from .yamlload import Mapping, Node, Scalar, Sequence

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# ASCII digits only: Python's \d also matches other scripts' digits, which no date parser expects.
# Four-digit years: every date consumer (iCalendar, feeds, charts) can rely on 1000-9999.
MIN_YEAR = 1000
FUZZY_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# The same as Table Schema patterns, which match the whole cell.
TABLE_ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"
TABLE_DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
NUMBER = re.compile(r"^[+-]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?$")
_NULL = "tag:yaml.org,2002:null"
# Longest value a message repeats: a 5 MB value must not come back as a 5 MB message.
SHOWN_VALUE = 60


def shown_value(text: str, limit: int = SHOWN_VALUE) -> str:
    """A value quoted for a message, cut to a readable length: 'AAAA…' (5000 characters)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"


class Lines(dict):
    """Where the values of one checked file are written, kept beside the values (which stay plain
    dicts, lists and scalars): the path as written ('roles[1].sources[0]'; '' is the whole file)
    → its line. A field's line is its name's; a list item's is the line of its dash."""

    __slots__ = ("kept",)

    def __init__(self) -> None:
        super().__init__()
        # A list that lost items to errors: the positions as written of the items it kept, so that
        # an item after a refused one keeps its own path and line. Empty for a valid file.
        self.kept: dict[str, list[int]] = {}

    def line_of(self, path: str) -> int:
        """The line of a value, or of the nearest enclosing one that is written ('roles[1].title'
        of a missing title: the line of roles[1])."""
        while path not in self:
            if not path:
                return 1
            path = path[:max(path.rfind("."), path.rfind("["), 0)]
        return self[path]

    def item_path(self, path: str, i: int) -> str:
        """The path as written of the i-th item a checked list kept: 'members[2]' when an earlier
        member was refused."""
        kept = self.kept.get(path)
        return f"{path}[{i if kept is None else kept[i]}]"


def field_path(block: str, name: str) -> str:
    """The path of a field inside a block: 'roles[1]' + 'title' → 'roles[1].title'."""
    return f"{block}.{name}" if block else name


class Checker:
    """What a type needs while checking a file: where to report, and what it finds on the way:
    where each value is written (`lines`) and every reference to another record (`refs`:
    target kind, id, path as written, line), resolved once every file is read."""

    def __init__(self, report: Callable[[int, str, str, str], None]):
        self.report = report  # (line, field, message, hint)
        self.lines = Lines()
        self.refs: list[tuple[str, str, str, int]] = []

    def check_file(self, ftype: "FieldType", tree: Node) -> Any:
        """The checked value of a whole file (its root, path '')."""
        self.lines[""] = tree.line
        return ftype.check(tree, "", self)


@dataclass
class FieldType:
    doc: str = ""

    def check(self, node: Node, field: str, chk: Checker) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def example(self) -> Any:
        return ""

    def table_schema(self) -> dict:
        """How a CSV column of this type is described in a Table Schema (the data package's
        datapackage.json). Lists and blocks are flattened into one cell of text."""
        return {"type": "string"}

    def children(self) -> tuple[tuple[str, "FieldType"], ...]:
        """The types inside this one: (field name, type), ("[]", item) for a list; none for a leaf."""
        return ()

    def parts(self, value: Any) -> Iterator[tuple[str, "FieldType", Any]]:
        """The values inside a checked value: (path step, type, value)."""
        return iter(())

    def form(self, value: Any) -> tuple["FieldType", Any]:
        """The type that describes this value, and the value as that type holds it (see OneOf)."""
        return self, value

    def accepts(self, doc: str = "", *, brief: bool = False) -> str:
        """What a value of this type looks like, in words for a contributor (`make new` writes them
        beside each field), leaving out what the field's doc already says. brief: the short form
        for the end of a line inside a block."""
        return ""


def walk_types(ftype: FieldType, path: str = "") -> Iterator[tuple[str, FieldType]]:
    """Every type inside a record type, depth first, with its path pattern: 'roles[].sources[].note'."""
    yield path, ftype
    for step, sub in ftype.children():
        yield from walk_types(sub, _step(path, step))


def walk_values(ftype: FieldType, value: Any, path: str = "", *,
                holding: type | None = None) -> Iterator[tuple[str, FieldType, Any]]:
    """Every value inside a checked value, depth first: (its path in the value, e.g.
    'roles[1].sources[0]', its type, the value). The one place that knows how values nest.
    holding: skip the parts whose type cannot hold a type of this class (it runs per record)."""
    # A stack, not recursion: nested generators cost a frame per level for every value.
    stack = [(ftype, value, path)]
    while stack:
        ftype, value, path = stack.pop()
        ftype, value = ftype.form(value)
        yield path, ftype, value
        parts = [(sub, sub_value, _step(path, step))
                 for step, sub, sub_value in ftype.parts(value) if holding is None or _holds(sub, holding)]
        stack.extend(reversed(parts))


def _holds(ftype: FieldType, cls: type) -> bool:
    # Kept on the type itself: asked for every part of every record.
    known = ftype.__dict__.setdefault("_holds", {})
    if cls not in known:
        known[cls] = any(isinstance(t, cls) for _, t in walk_types(ftype)) or (isinstance(ftype, OneOf) and isinstance(ftype.short, cls))
    return known[cls]


def child_type(ftype: FieldType | None, step: str) -> FieldType | None:
    """The type of a field ('name') or list item ('[]') inside ftype, if it has one."""
    for name, sub in ftype.children() if ftype is not None else ():
        if name in (step, "*"):
            return sub
    return None


def _step(path: str, step: str) -> str:
    if step.startswith("["):
        return path + step
    return f"{path}.{step}" if path else step


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a block of fields"
    if isinstance(node, Sequence):
        return "a list"
    return node.yaml_kind if not node.quoted else "text"


def _scalar_text(node: Node, field: str, chk: Checker, expected: str) -> str | None:
    if not isinstance(node, Scalar):
        chk.report(node.line, field, f"expected {expected}, found {_describe(node)}", "")
        return None
    return node.text


@dataclass
class Text(FieldType):
    """Free text. `single_line` for names and titles, which become page titles and links."""

    single_line: bool = False
    max_length: int = 4000

    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "text")
        if text is None:
            return None
        if not node.quoted and node.tag != "tag:yaml.org,2002:str":
            chk.report(node.line, field, f"YAML reads {shown_value(text)} as {node.yaml_kind}, not as text", f'put it in quotes: "{text}"' if len(text) <= SHOWN_VALUE else "put it in quotes")
            return None
        return self.check_text(text, node.line, field, chk)

    def check_text(self, text: str, line: int, field: str, chk: Checker) -> str | None:
        ok = True
        if not text.strip():
            chk.report(line, field, "is empty", "write the text or remove the field")
            return None
        if len(text) > self.max_length:
            chk.report(line, field, f"is {len(text)} characters long; the limit is {self.max_length}", "shorten it or split the record")
            ok = False
        if self.single_line and ("\n" in text.strip()):
            chk.report(line, field, "must fit on one line", "remove the line breaks")
            ok = False
        bad = forbidden_characters(text, allow_newlines=True, allow_joiners=True)
        if not bad and not visible(text):
            chk.report(line, field, "has no visible character", "write the text with letters a reader can see")
            return None
        if bad:
            chk.report(line, field, f"contains the invisible or control character {bad}", "retype the text without it; copy-paste often brings these along")
            ok = False
        return text.strip() if ok else None

    def schema(self):
        s = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.single_line:
            s["pattern"] = "^[^\\n]*$"
        return _with_doc(s, self.doc)

    def example(self):
        return "..."

    def accepts(self, doc="", *, brief=False):
        if brief:
            return ""
        return f"One line, at most {self.max_length} characters." if self.single_line else f"Text, at most {self.max_length} characters."


@dataclass
class Slug(FieldType):
    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "an id")
        if text is None:
            return None
        # fullmatch, not match: '$' also matches before a final line break ("andrii-yermak\n").
        if not SLUG.fullmatch(text) or len(text) > 100:
            chk.report(node.line, field, f"{shown_value(text)} is not a valid id", "use lower-case letters, digits and single hyphens, e.g. 'andrii-yermak'")
            return None
        return text

    def schema(self):
        return _with_doc({"type": "string", "pattern": SLUG.pattern, "maxLength": 100}, self.doc)

    def table_schema(self):
        return {"type": "string", "constraints": {"pattern": TABLE_ID_PATTERN}}

    def accepts(self, doc="", *, brief=False):
        return "" if brief else "Lower-case letters, digits and hyphens."


@dataclass
class Ref(Slug):
    """A reference to another record by id; resolved after every file is read."""

    target: str = ""

    def check(self, node, field, chk):
        value = super().check(node, field, chk)
        if value is not None:
            chk.refs.append((self.target, value, field, node.line))
        return value

    def schema(self):
        return _with_doc({"type": "string", "pattern": SLUG.pattern}, self.doc or f"id of a record in data/{self.target}/")

    def accepts(self, doc="", *, brief=False):
        if _mentions(doc, f"data/{self.target}"):
            return ""
        return f"an id in data/{self.target}/" if brief else f"An id from data/{self.target}/."


@dataclass
class Choice(FieldType):
    """One term of a closed list. `vocabulary` names a list in data/vocabulary.yml."""

    values: tuple[str, ...] = ()
    vocabulary: str = ""

    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "one of the listed terms")
        if text is None:
            return None
        if self.values and text not in self.values:
            where = f" (or add it to data/vocabulary.yml under {self.vocabulary})" if self.vocabulary else ""
            suggestion = did_you_mean(text, self.values)
            hint = f"{suggestion} Known terms: " if suggestion else "use one of: "
            chk.report(node.line, field, f"{shown_value(text)} is not a known term", hint + ", ".join(self.values) + where)
            return None
        return text

    def schema(self):
        s: dict = {"type": "string"}
        if self.values:
            s["enum"] = list(self.values)
        return _with_doc(s, self.doc)

    def example(self):
        return self.values[0] if self.values else "..."

    def table_schema(self):
        return {"type": "string", "constraints": {"enum": list(self.values)}} if self.values else {"type": "string"}

    def accepts(self, doc="", *, brief=False):
        values = ", ".join(self.values) or "(no terms yet)"
        if brief:
            return "one of: " + values
        if self.vocabulary:
            return f"One of the {self.vocabulary.replace('_', ' ')} listed in data/vocabulary.yml: {values}."
        return f"One of: {values}."


@dataclass
class FuzzyDate(FieldType):
    """A date as precise as the source allows: 2026-01-03, 2026-01 or 2026."""

    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "a date")
        if text is None:
            return None
        match = FUZZY_DATE.fullmatch(text.strip())
        if not match:
            chk.report(node.line, field, f"{shown_value(text)} is not a date", "write YYYY-MM-DD, or YYYY-MM / YYYY when the source is less precise")
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        if year < MIN_YEAR:
            chk.report(node.line, field, f"{text.strip()} is before the year {MIN_YEAR}", "check the year; dates are written with four digits, YYYY-MM-DD")
            return None
        try:
            # Not "month or 1": a month or day of 00 must fail here too.
            date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            chk.report(node.line, field, f"{text} is not a real calendar date", "check the month and the day")
            return None
        return text.strip()

    def schema(self):
        # A bare year (2025) is a number to YAML; both spellings are accepted.
        return _with_doc({"anyOf": [{"type": "string", "pattern": FUZZY_DATE.pattern}, {"type": "integer", "minimum": MIN_YEAR, "maximum": 9999}]}, self.doc)

    def example(self):
        return "2026-01-03"

    def table_schema(self):
        # Dates are as precise as the source: a day, a month or a year. Table Schema's `date`
        # would take only days, so the column is text of that pattern.
        return {"type": "string", "format": "default", "constraints": {"pattern": TABLE_DATE_PATTERN}}

    def accepts(self, doc="", *, brief=False):
        if _mentions(doc, "YYYY"):
            return ""
        return "YYYY-MM-DD, YYYY-MM or YYYY" if brief else "A date: YYYY-MM-DD, or YYYY-MM / YYYY when the source is less precise."


@dataclass
class Boolean(FieldType):
    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "true or false")
        if text is None:
            return None
        if node.quoted or text not in ("true", "false"):
            chk.report(node.line, field, f"expected true or false, found {shown_value(text)}", "write true or false without quotes")
            return None
        return text == "true"

    def schema(self):
        return _with_doc({"type": "boolean"}, self.doc)

    def example(self):
        return False

    def table_schema(self):
        return {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}

    def accepts(self, doc="", *, brief=False):
        return "true or false" if brief else "Write true or false."


# Beyond 2^53 a number loses digits in a float, in JSON readers and in spreadsheets; nothing the
# tracker counts comes near it (the largest amount in data/ is 8 × 10^11).
MAX_EXACT = 2**53


@dataclass
class Number(FieldType):
    integer: bool = False
    minimum: float | None = 0

    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "a number")
        if text is None:
            return None
        kind = "a whole number" if self.integer else "a number"
        exact = _exact_number(text, self.integer)
        if exact is None:
            chk.report(node.line, field, f"expected {kind}, found {shown_value(text)}", "digits only, no units or thousands separators: 800000000000")
            return None
        if node.quoted:
            chk.report(node.line, field, "a number must not be in quotes", f"write {text} without quotes" if len(text) <= SHOWN_VALUE else "write it without quotes")
            return None
        if exact.adjusted() > 15 or abs(exact) > MAX_EXACT:  # adjusted() first: 1e999999999 is never expanded
            chk.report(node.line, field, f"{shown_value(text)} is larger than {MAX_EXACT} (2^53), beyond which numbers lose digits", "give it in a larger unit, e.g. billions, and say so in the label")
            return None
        value = int(exact) if exact == exact.to_integral_value() else float(exact)
        if isinstance(value, float) and Decimal(repr(value)) != exact:
            chk.report(node.line, field, f"{shown_value(text)} has more digits than can be kept exactly", "round it to 15 significant digits")
            return None
        if self.minimum is not None and value < self.minimum:
            chk.report(node.line, field, f"must be at least {self.minimum:g}", "")
            return None
        return value

    def schema(self):
        s: dict = {"type": "integer" if self.integer else "number", "minimum": -MAX_EXACT, "maximum": MAX_EXACT}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        return _with_doc(s, self.doc)

    def example(self):
        return 0

    def table_schema(self):
        return {"type": "integer" if self.integer else "number"}

    def accepts(self, doc="", *, brief=False):
        if brief or _mentions(doc, "digits"):
            return "" if _mentions(doc, "digits") else "digits only"
        what = "A whole number" if self.integer else "A number, digits only (no units, no separators)"
        return what + (f", at least {self.minimum:g}." if self.minimum else ".")


def _exact_number(text: str, integer: bool) -> Decimal | None:
    """The number as written, exactly (a float would already have rounded it), or None."""
    if not NUMBER.fullmatch(text) or not any(c.isdigit() for c in text) or (integer and any(c in text for c in ".eE")):
        return None
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None


@dataclass
class Url(FieldType):
    def check(self, node, field, chk):
        text = _scalar_text(node, field, chk, "a web address")
        if text is None:
            return None
        text = text.strip()
        problem = url_problem(text)
        if problem:
            message, hint = problem
            chk.report(node.line, field, f"{shown_value(text)} {message}", hint)
            return None
        return text

    def schema(self):
        return _with_doc({"type": "string", "pattern": "^https?://", "maxLength": MAX_URL_LENGTH}, self.doc)

    def example(self):
        return "https://"

    def table_schema(self):
        return {"type": "string", "format": "uri"}

    def accepts(self, doc="", *, brief=False):
        return "https://..." if brief else "A web address starting with https:// (or http://)."


@dataclass
class ListOf(FieldType):
    item: FieldType = None  # type: ignore[assignment]
    min_items: int = 0
    # A bound for every list, so that one file cannot grow a page or the search index without
    # limit; far above what any real record needs (the longest list in data/ has 7 items).
    max_items: int = 200
    unique: bool = True

    def check(self, node, field, chk):
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and self.min_items <= 1:
                chk.report(node.line, field, "expected a list", f"write it as a list item on its own line: '- {node.text}'")
            else:
                chk.report(node.line, field, f"expected a list, found {_describe(node)}", "each item on its own line, starting with '- '")
            return None
        if len(node.items) < self.min_items:
            chk.report(node.line, field, f"needs at least {count(self.min_items, 'item')}", "")
        if len(node.items) > self.max_items:
            first_over = node.items[self.max_items]
            chk.report(first_over.line, field, f"has {len(node.items)} items; the limit is {self.max_items}", "keep the items the sources support, or split the record")
            return None
        values = []
        kept = None  # the positions as written of the items kept, once an item is refused
        lines, refs = chk.lines, chk.refs
        seen: dict = {}
        for i, child in enumerate(node.items):
            path = f"{field}[{i}]"
            lines[path] = child.line
            first_ref = len(refs)
            value = self.item.check(child, path, chk)
            if value is not None and self.unique:
                key = value if type(value) is str else repr(value)  # a list's items are all of one type
                if key in seen:
                    chk.report(child.line, path, "repeats an earlier item", f"same as item {seen[key]}; remove one")
                    del refs[first_ref:]  # a refused item's references are not checked
                    value = None
                else:
                    seen[key] = i
            if value is None:
                kept = list(range(i)) if kept is None else kept
                continue
            values.append(value)
            if kept is not None:
                kept.append(i)
        if kept is not None:
            lines.kept[field] = kept
        return values

    def schema(self):
        s = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        s["maxItems"] = self.max_items
        return _with_doc(s, self.doc)

    def example(self):
        return [self.item.example()]

    def children(self):
        return (("[]", self.item),)

    def parts(self, value):
        if not isinstance(value, list):
            return
        for i, item in enumerate(value):
            yield f"[{i}]", self.item, item

    def accepts(self, doc="", *, brief=False):
        item = self.item.long if isinstance(self.item, OneOf) else self.item
        if brief:
            each = item.accepts(doc, brief=True)
            return f"a list; each item {each}" if each else ""
        if isinstance(item, Struct):
            return "A list: each item starts with a dash (-) and has the fields shown below."
        each = item.accepts(doc)
        return "A list: one item per line, each starting with a dash (-)." + (f" Each item: {each[0].lower()}{each[1:]}" if each else "")


@dataclass
class Field:
    name: str
    type: FieldType
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Retired:
    """A field an earlier version of the model had. A contributor who writes it is told what
    replaces it (`hint` gets the block as written, to show the new shape with their values)."""

    name: str
    replacement: str
    message: str
    hint: Callable[[Mapping], str]


@dataclass(frozen=True)
class FieldGroup:
    """A rule over a group of a block's optional fields, declared so that it checks the data, shapes
    a new record (`make new`) and describes itself as JSON Schema from this one declaration.
    exclusive: exactly one of the fields (JSON Schema oneOf); otherwise at least one (anyOf)."""

    names: tuple[str, ...]
    exclusive: bool
    hint: str = ""

    def __call__(self, values, node, field, chk) -> None:
        # A field that is written counts, even if its value was refused (that has its own message).
        present = [n for n in self.names if n in values or field_path(field, n) in chk.lines]
        if not present:
            chk.report(node.line, field or self.names[0], ("needs one of " if self.exclusive else "needs ") + " or ".join(self.names), self.hint)
        elif self.exclusive and len(present) > 1:
            chk.report(chk.lines[field_path(field, present[-1])], field or present[-1], "has both " + " and ".join(present), self.hint)

    def schema(self) -> dict:
        return {"oneOf" if self.exclusive else "anyOf": [{"required": [name]} for name in self.names]}


def exactly_one_of(*names: str, hint: str = "") -> FieldGroup:
    return FieldGroup(names, exclusive=True, hint=hint)


def at_least_one_of(*names: str, hint: str = "") -> FieldGroup:
    return FieldGroup(names, exclusive=False, hint=hint)


@dataclass
class Struct(FieldType):
    """A block of named fields. Unknown names are reported: a typo must not silently vanish."""

    fields: tuple[Field, ...] = ()
    # Rules across fields of one block: FieldGroups, or functions such as "an end date after the
    # start", called as fn(values, node, field, chk); chk.lines has the lines of the fields.
    rules: tuple[Callable, ...] = ()
    retired: tuple[Retired, ...] = ()

    def check(self, node, field, chk):
        if not isinstance(node, Mapping):
            chk.report(node.line, field, f"expected a block of fields, found {_describe(node)}", "write 'name: value' lines indented under it")
            return None
        known = self._by_name()
        values: dict[str, Any] = {}
        lines = chk.lines
        empty: set[str] = set()
        replaced: set[str] = set()  # required fields whose old form was written: no "is missing" too
        for key, child in node.items:
            name = key.text
            spec = known.get(name)
            if spec is None:
                self._unknown(key, node, field, chk, replaced)
                continue
            path = f"{field}.{name}" if field else name
            if isinstance(child, Scalar) and child.tag == _NULL and not child.quoted:
                empty.add(name)  # written but left blank: counts as absent for the rules below
                if spec.required:
                    chk.report(key.line, path, "is empty", "fill it in; it is required")
                continue
            lines[path] = key.line
            value = spec.type.check(child, path, chk)
            if value is not None:
                values[name] = value
        for spec in self._required():
            path = f"{field}.{spec.name}" if field else spec.name
            if path not in lines and spec.name not in empty and spec.name not in replaced:
                chk.report(node.line, path, "is missing", spec.doc or "this field is required")
        for rule in self.rules:  # rules see only the fields that passed their own checks
            rule(values, node, field, chk)
        return values

    def _unknown(self, key: Scalar, node: Mapping, field: str, chk: Checker, replaced: set[str]) -> None:
        """A name the block does not have: a field of an earlier model, or a typo."""
        name = key.text if len(key.text) <= 100 else key.text[:100] + "…"
        path = f"{field}.{name}" if field else name
        old = next((r for r in self.retired if r.name == key.text), None)
        if old is not None:
            chk.report(key.line, path, old.message, old.hint(node))
            replaced.add(old.replacement)
        else:
            known = self._by_name()
            chk.report(key.line, path, "is not a known field", did_you_mean(key.text, known) or "known fields: " + ", ".join(known))

    def _by_name(self) -> dict[str, Field]:
        # Built once per type, not once per checked block: validation runs this for every record.
        if getattr(self, "_fields_by_name", None) is None:
            self._fields_by_name = {f.name: f for f in self.fields}
        return self._fields_by_name

    def _required(self) -> tuple[Field, ...]:
        if getattr(self, "_required_fields", None) is None:
            self._required_fields = tuple(f for f in self.fields if f.required)
        return self._required_fields

    def schema(self):
        props = {f.name: _with_doc(f.type.schema(), f.doc) for f in self.fields}
        s = {"type": "object", "additionalProperties": False, "properties": props}
        required = [f.name for f in self.fields if f.required]
        if required:
            s["required"] = required
        groups = [rule.schema() for rule in self.groups()]
        if len(groups) == 1:
            s.update(groups[0])
        elif groups:
            s["allOf"] = groups
        return _with_doc(s, self.doc)

    def groups(self) -> list[FieldGroup]:
        return [rule for rule in self.rules if isinstance(rule, FieldGroup)]

    def example(self):
        return {f.name: f.type.example() for f in self.fields}

    def children(self):
        return tuple((f.name, f.type) for f in self.fields)

    def parts(self, value):
        if not isinstance(value, dict):
            return
        for spec in self.fields:
            if spec.name in value:
                yield spec.name, spec.type, value[spec.name]

    def accepts(self, doc="", *, brief=False):
        return "" if brief else "A block with the fields shown below."


@dataclass
class OneOf(FieldType):
    """A shorthand and a long form of the same thing (a source id, or a block citing it)."""

    short: FieldType = None  # type: ignore[assignment]
    long: Struct = None  # type: ignore[assignment]

    def check(self, node, field, chk):
        if isinstance(node, Scalar):
            # Kept as the long form's block; its one field is written where the shorthand is.
            value = self.short.check(node, field, chk)
            return None if value is None else {self.long.fields[0].name: value}
        return self.long.check(node, field, chk)

    def schema(self):
        return _with_doc({"oneOf": [self.short.schema(), self.long.schema()]}, self.doc)

    def example(self):
        return self.short.example()

    def children(self):
        return self.long.children()  # the short form is the long form's first field

    def form(self, value):
        return (self.long, value) if isinstance(value, dict) else (self.short, value)

    def accepts(self, doc="", *, brief=False):
        return self.long.accepts(doc, brief=brief)


def _mentions(doc: str, *words: str) -> bool:
    lowered = doc.lower()
    return any(w.lower() in lowered for w in words)


def did_you_mean(word: str, known) -> str:
    """A suggestion for a mistyped name or id, or ''."""
    if len(word) > 200:  # no name or id is that long; comparing would only cost time
        return ""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _with_doc(schema: dict, doc: str) -> dict:
    if doc and "description" not in schema:
        schema = {**schema, "description": doc}
    return schema
