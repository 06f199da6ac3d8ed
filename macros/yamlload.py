"""Strict YAML reading: plain values with line numbers, and no YAML feature data does not need.

PyYAML's own loaders silently keep the last of two duplicate keys and expand aliases (a
"billion laughs" file would exhaust memory). We build the tree from parser events instead, so
every value keeps its line, duplicate keys and anchors are reported, and nothing is expanded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union

import yaml
from yaml.resolver import Resolver

_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_RESOLVER = Resolver()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date or time",
}
_STR = "tag:yaml.org,2002:str"
# The model nests at most six levels (a commitment's status change's citation's 'via' list).
# Parsing stops past this depth: the parser's cost grows with the square of the nesting, so a
# file of nested brackets would otherwise keep validation busy for minutes.
MAX_DEPTH = 20


@dataclass(slots=True)
class Scalar:
    """A scalar as written: its text, how YAML would type it, and where it is."""

    text: str
    tag: str
    quoted: bool
    line: int

    @property
    def yaml_kind(self) -> str:
        """What YAML 1.1 reads an unquoted value as ("a number" for 1.10, "a true/false value" for no)."""
        return _PLAIN_TAGS.get(self.tag, "text")


@dataclass(slots=True)
class Mapping:
    line: int
    items: list[tuple[Scalar, "Node"]] = field(default_factory=list)
    keys: dict[str, Scalar] = field(default_factory=dict, repr=False)

    def get(self, key: str):
        for k, v in self.items:
            if k.text == key:
                return v
        return None

    def add(self, key: Scalar, value: "Node") -> Scalar | None:
        """Add a field; if the name is taken, keep the first and return its key (for the message)."""
        first = self.keys.get(key.text)
        if first is None:
            self.keys[key.text] = key
            self.items.append((key, value))
        return first


@dataclass(slots=True)
class Sequence:
    line: int
    items: list["Node"] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]


@dataclass
class YamlError:
    line: int
    message: str
    hint: str = ""


def read_yaml(text: str) -> tuple[Node | None, list[YamlError]]:
    """Parse one YAML document into nodes with lines; return (tree, errors)."""
    tree = _Tree()
    try:
        _build(_Parser(text), tree)
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        return None, tree.errors + [YamlError(line, f"contains the control character U+{err.character:04X}, which YAML does not allow", "retype the text around it; copy-paste from word processors often brings these along")]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = err.problem or "the YAML syntax is broken"
        return None, tree.errors + [YamlError(line, f"YAML syntax error: {problem}", _syntax_hint(problem, text, mark))]
    except yaml.YAMLError as err:
        first_line = str(err).splitlines()[0] if str(err) else "unreadable"
        return None, tree.errors + [YamlError(1, f"YAML error: {first_line}")]
    if tree.fatal:
        return None, tree.errors
    if tree.documents == 0:  # nothing but blank lines and comments
        return None, [YamlError(1, "the file is empty", "a record needs at least an id")]
    if tree.documents > 1:
        tree.errors.append(YamlError(tree.second_document_line, "the file holds more than one YAML document", "one record per file; remove the '---' line"))
    return tree.root, tree.errors


def _syntax_hint(problem: str, text: str = "", mark=None) -> str:
    if "tab" in problem or _tab_near(text, mark):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be put in quotes"
    if "could not find expected ':'" in problem:
        return "check the indentation and that every field has 'name: value'"
    return "check indentation, quotes and colons around this line"


def _tab_near(text: str, mark) -> bool:
    """Whether the line where the parser stopped has a tab in its indentation or at the mark."""
    if mark is None:
        return False
    lines = text.splitlines()
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indentation or line[mark.column: mark.column + 1] == "\t"


@lru_cache(maxsize=65536)
def _resolve_plain(value: str) -> str:
    """How YAML 1.1 types an unquoted value (ids, kinds and dates repeat across files)."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


class _Tree:
    """What reading found: the first document's root node, problems, and how many documents."""

    def __init__(self) -> None:
        self.root: Node | None = None
        self.errors: list[YamlError] = []
        self.documents = 0
        self.second_document_line = 1
        self.fatal = False


def _build(parser, tree: _Tree) -> None:
    """Turn the parser's events into Scalar/Mapping/Sequence nodes. One loop with local names,
    dispatching on the exact event class, most frequent first: it runs once per value of every
    file, and validation of 10,000 records has a budget of two seconds."""
    errors = tree.errors
    stack: list[list] = []  # [container, pending key] of every open block and list
    get_event = parser.get_event
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    while True:
        event = get_event()
        cls = type(event)
        if cls is scalar_event or cls is mapping_start or cls is sequence_start:
            line = event.start_mark.line + 1
            if event.anchor is not None:
                errors.append(YamlError(line, f"YAML anchors (&{event.anchor}) are not allowed in data", "write the value out in full"))
            if event.tag is not None and event.tag != "!":
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                errors.append(YamlError(line, f"YAML tags ({tag}) are not allowed in data", "remove the tag; quote the value if it is text"))
            if tree.documents > 1:
                continue
            if cls is scalar_event:
                quoted = bool(event.style)
                node = Scalar(event.value, _STR if quoted else _resolve_plain(event.value), quoted, line)
            else:
                node = Mapping(line) if cls is mapping_start else Sequence(line)
            if not stack:
                tree.root = node
            else:
                frame = stack[-1]
                container = frame[0]
                if type(container) is Sequence:
                    container.items.append(node)
                elif frame[1] is None:
                    if type(node) is not Scalar:
                        errors.append(YamlError(line, "a field name must be plain text"))
                        frame[1] = Scalar("?", _STR, False, line)
                    else:
                        frame[1] = node
                else:
                    key = frame[1]
                    frame[1] = None
                    first = container.add(key, node)
                    if first is not None:
                        errors.append(YamlError(key.line, f"'{key.text}' appears twice in the same block (first on line {first.line})", "YAML would silently keep only the last one; merge them"))
            if cls is not scalar_event:
                stack.append([node, None])
                if len(stack) > MAX_DEPTH:
                    errors.append(YamlError(line, f"blocks and lists are nested more than {MAX_DEPTH} levels deep here", "no record needs more than six levels; check the brackets and the indentation"))
                    tree.fatal = True
                    return
        elif cls is mapping_end or cls is sequence_end:
            if tree.documents <= 1:
                stack.pop()
        elif cls is yaml.DocumentStartEvent:
            tree.documents += 1
            if tree.documents == 2:
                tree.second_document_line = event.start_mark.line + 1
        elif cls is yaml.AliasEvent:
            errors.append(YamlError(event.start_mark.line + 1, "YAML aliases (*name) are not allowed in data", "write the value out in full"))
            tree.fatal = True
            return
        elif cls is yaml.StreamEndEvent or event is None:
            return
