"""One canonical layout for the YAML files in data/ (`python -m macros format` in formatting.py applies it).

The layout, in full (CONTRIBUTING.md repeats it for contributors):

* The first line of a record is its editor modeline,
  `# yaml-language-server: $schema=../../schemas/<kind>.schema.json` (vocabulary.yml: `../schemas/`).
* Fields come in the order macros/schema.py declares them, at every depth; a field the schema does
  not know is kept, after the known ones, so that `make validate` can still point at it.
* Two spaces per level. List dashes are indented under their field, like the rest of the block:

      sources:
        - source: world-news-2026-01-03
          locator: paragraph 4

* Lists and blocks are always written one item per line (`[a, b]` becomes a list of `- ` lines);
  only empty ones stay `[]` and `{}`.
* Quotes only where YAML needs them. Text that YAML would read as something else (`no`, `1.10`,
  `2026-01-03`, `null` ...) keeps its quotes. Quotes are double quotes, or single quotes when the
  text itself contains a double quote or a backslash. Text with invisible or control characters
  is double-quoted with escapes, so a reviewer can see them.
* Long text: text with line breaks inside is a literal block (`|`); other text stays on its
  field's line when that line fits in 96 columns (LINE_LIMIT), and otherwise becomes a folded
  block (`>-`) wrapped at 96 columns (WRAP_AT), breaking only at single spaces; a block of one
  line too, if the text fits on a line of its own. So no line is longer than 96 characters, except
  one holding a single unbreakable word (a long URL) or ending in a comment. Line breaks at the end
  of a text set the block's chomping indicator (`-`, none, `+`).
* Values that are not text (numbers, true/false, dates, empty values) are written exactly as
  they were.
* Comments are kept: a comment on its own line stays above the field or list item that follows
  it (or at the end of the block it is indented into); a comment at the end of a line stays on
  that line, two spaces after the value. Blank lines are removed; the file ends with one newline
  and no line ends in spaces.

Safety: formatting only moves and re-quotes what is there. Every result is read back with the
validator's own YAML reader and compared with the original, value for value and comment for
comment; if anything differs the file is left untouched and the command says so.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.emitter
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from .fieldtypes import FieldType, child_type
from .kinds import KINDS
from .schema import vocabulary_type
from .yamlload import Mapping, Scalar, Sequence, read_yaml

VOCABULARY = "vocabulary"

INDENT = 2
WRAP_AT = 96  # folded text is wrapped so that no line is longer than this (unless one word is)
LINE_LIMIT = WRAP_AT  # a text stays on its field's line if the whole line fits in this many columns
COMMENT_GAP = "  "  # between a value and a comment at the end of its line

MODELINE = re.compile(r"^#\s*yaml-language-server\s*:")
_STR = "tag:yaml.org,2002:str"
_RESOLVE_11 = yaml.resolver.Resolver()  # what the validator (PyYAML, YAML 1.1) reads
_RESOLVE_12 = VersionedResolver(version=(1, 2))  # what editors (yaml-language-server, YAML 1.2) read
_ANALYSER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_FOLD_MARK = "\a"  # ruamel marks the line folds of a `>` block with BEL in the composed value


class FormatError(Exception):
    """The file cannot be formatted (it does not parse, or is not a block of fields)."""


def modeline(kind: str | None) -> str | None:
    """The editor modeline a data file of this kind starts with."""
    if kind in KINDS:
        return f"# yaml-language-server: $schema=../../schemas/{KINDS[kind].schema_file}"
    if kind == VOCABULARY:
        return "# yaml-language-server: $schema=../schemas/vocabulary.schema.json"
    return None


def kind_for_path(path: Path) -> str | None:
    """'actors' ... for data/<kind>/<id>.yml, 'vocabulary' for vocabulary.yml, else None."""
    path = Path(path)
    if path.name == "vocabulary.yml":
        return VOCABULARY
    if path.parent.name in KINDS:
        return path.parent.name
    return None


def _root_type(kind: str | None) -> FieldType | None:
    if kind in KINDS:
        return KINDS[kind].structure()  # key order only: the vocabulary's terms do not matter here
    if kind == VOCABULARY:
        return vocabulary_type()
    return None


# --- the document as items with comments -------------------------------------------------------


@dataclass(eq=False)
class _Item:
    """A field of a block or an item of a list: what a comment is attached to."""

    key: ScalarNode | None
    value: Node
    start: int  # index in the text of the key, or of the list item's dash
    column: int
    container: "_Container"
    before: list[str] = field(default_factory=list)
    eol: list[str] = field(default_factory=list)
    child: "_Container | None" = None


@dataclass(eq=False)
class _Container:
    node: Node
    parent: _Item | None
    items: list[_Item] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)

    @property
    def column(self) -> int:
        return self.items[0].column if self.items else 0

    def ancestors(self):
        container = self
        while container is not None:
            yield container
            container = container.parent.container if container.parent else None


@dataclass
class _Comment:
    index: int
    column: int
    text: str
    own_line: bool


def _comments(text: str, tokens) -> list[_Comment]:
    """Every comment: a '#' outside all tokens, at a line start or after white space."""
    covered = bytearray(len(text) + 1)
    for token in tokens:
        start, end = token.start_mark.index, token.end_mark.index
        if end <= start:
            continue
        if type(token).__name__ == "ScalarToken" and getattr(token, "style", None) in ("|", ">"):
            # The header line of a block scalar (`>-  # comment`) may end in a comment.
            header_end = start
            while header_end < end and text[header_end] in "|>+-0123456789":
                header_end += 1
            covered[start:header_end] = b"\1" * (header_end - start)
            newline = text.find("\n", header_end, end)
            if newline == -1:
                continue
            start = newline
        covered[start:end] = b"\1" * (end - start)
    found = []
    line_start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            line_start = i + 1
        elif ch == "#" and not covered[i] and (i == line_start or text[i - 1] in " \t"):
            end = text.find("\n", i)
            end = len(text) if end == -1 else end
            own_line = not text[line_start:i].strip()
            found.append(_Comment(i, i - line_start, text[i:end].rstrip(), own_line))
            i = end
            continue
        i += 1
    return found


def _dash_before(text: str, index: int) -> int:
    """The index of a block list item's '-' before its value (or the value's own index)."""
    i = index - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return i if i >= 0 and text[i] == "-" else index


def _build(node: Node, parent: _Item | None, text: str, items: list[_Item]) -> _Container:
    container = _Container(node, parent)
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise FormatError(f"line {key.start_mark.line + 1}: a field name must be plain text")
            item = _Item(key, value, key.start_mark.index, key.start_mark.column, container)
            container.items.append(item)
            items.append(item)
            if isinstance(value, (MappingNode, SequenceNode)):
                item.child = _build(value, item, text, items)
    elif isinstance(node, SequenceNode):
        for value in node.value:
            start = value.start_mark.index if node.flow_style else _dash_before(text, value.start_mark.index)
            column = start - (text.rfind("\n", 0, start) + 1)
            item = _Item(None, value, start, column, container)
            container.items.append(item)
            items.append(item)
            if isinstance(value, (MappingNode, SequenceNode)):
                item.child = _build(value, item, text, items)
    return container


def _attach(comments: list[_Comment], items: list[_Item], root: _Container, header: list[str]) -> None:
    """Give each comment to the field or list item it belongs to (see the module docstring)."""
    items = sorted(items, key=lambda it: it.start)
    starts = [it.start for it in items]
    for comment in comments:
        position = _bisect(starts, comment.index)
        previous = items[position - 1] if position > 0 else None
        following = items[position] if position < len(items) else None
        if not comment.own_line:
            (previous.eol if previous else header).append(comment.text)
        elif previous is None:
            header.append(comment.text)
        elif following is not None and comment.column <= following.column:
            following.before.append(comment.text)
        else:
            # Indented further than what follows: it belongs to the end of the deepest block it
            # is indented into.
            home = next((c for c in previous.container.ancestors() if c.column <= comment.column), root)
            if following is not None and home in set(following.container.ancestors()):
                following.before.append(comment.text)
            else:
                home.trailing.append(comment.text)


def _bisect(starts: list[int], index: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < index:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --- scalars ----------------------------------------------------------------------------------------


def _printable(ch: str) -> bool:
    """Characters written as they are; anything else is shown as an escape in double quotes."""
    if ch in "\t\r\n\x85\u2028\u2029\ufeff":
        return False
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return False
    return True


def _all_printable(text: str) -> bool:
    return all(_printable(ch) for ch in text)


def _resolves_to_text(text: str) -> bool:
    return (_RESOLVE_11.resolve(yaml.ScalarNode, text, (True, False)) == _STR
            and _RESOLVE_12.resolve(ScalarNode, text, (True, False)) == _STR)


def _plain_ok(text: str) -> bool:
    return (bool(text) and "\n" not in text and _all_printable(text) and _resolves_to_text(text)
            and _ANALYSER.analyze_scalar(text).allow_block_plain)


def _double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif not _printable(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _quoted(text: str) -> str:
    if ('"' in text or "\\" in text) and "\n" not in text and _all_printable(text):
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


def _inline_text(text: str) -> str:
    return text if _plain_ok(text) else _quoted(text)


def _break_points(text: str) -> list[int]:
    """Spaces where a folded block may break: single spaces between two visible characters."""
    return [i for i in range(1, len(text) - 1) if text[i] == " " and text[i - 1] != " " and text[i + 1] != " "]


def _wrap(text: str, width: int) -> list[str]:
    words, last = [], 0
    for i in _break_points(text):
        words.append(text[last:i])
        last = i + 1
    words.append(text[last:])
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _foldable(body: str) -> bool:
    return bool(body) and body == body.strip(" ") and "\n" not in body and _all_printable(body)


def _literal_ok(body: str) -> bool:
    lines = body.split("\n")
    first = next((ln for ln in lines if ln), "")
    return (bool(body.strip()) and _all_printable(body.replace("\n", ""))
            and not first.startswith(" ") and all(ln == ln.rstrip(" ") for ln in lines))


@dataclass
class _Rendered:
    inline: str | None = None  # the value on the field's own line
    header: str = ""  # or a block: `>-`, `|` ...
    lines: list[str] = field(default_factory=list)


def _render_text(text: str, first_column: int, content_indent: int) -> _Rendered:
    body = text.rstrip("\n")
    newlines = len(text) - len(body)
    chomp = {0: "-", 1: ""}.get(newlines, "+")
    kept = [""] * max(0, newlines - 1)
    if "\n" in body:
        if _literal_ok(body):
            return _Rendered(header="|" + chomp, lines=body.split("\n") + kept)
        return _Rendered(inline=_double_quoted(text))
    if newlines == 0:
        inline = _inline_text(text)
        if first_column + len(inline) <= LINE_LIMIT:
            return _Rendered(inline=inline)
    if _foldable(body):
        # A block of one line too, when that line fits: otherwise a text a little shorter than
        # WRAP_AT would stay on its field's line past the limit. One unbreakable word stays put.
        lines = _wrap(body, max(20, WRAP_AT - content_indent))
        if len(lines) > 1 or newlines or content_indent + len(lines[0]) <= WRAP_AT:
            return _Rendered(header=">" + chomp, lines=lines + kept)
    return _Rendered(inline=_inline_text(text) if newlines == 0 else _double_quoted(text))


def _render_scalar(node: ScalarNode, first_column: int, content_indent: int) -> _Rendered:
    value = node.value
    if node.style in (None, ""):
        if _RESOLVE_11.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
            return _Rendered(inline=value)  # a number, true/false, a date, an empty value: as written
    elif node.style == ">":
        value = value.replace(_FOLD_MARK, "")
    return _render_text(value, first_column, content_indent)


def _render_key(node: ScalarNode) -> str:
    if node.style in (None, ""):
        return node.value
    return node.value if _plain_ok(node.value) else _quoted(node.value)


# --- writing ------------------------------------------------------------------------------------------


def _child_type(ftype: FieldType | None, key: str | None) -> FieldType | None:
    return child_type(ftype, "[]" if key is None else key)


def _ordered(container: _Container, ftype: FieldType | None) -> list[_Item]:
    if ftype is None or not isinstance(container.node, MappingNode):
        return list(container.items)
    declared = {name: i for i, (name, _) in enumerate(ftype.children())}
    return sorted(container.items, key=lambda it: (declared.get(it.key.value, len(declared)), it.start))


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, indent: int, texts: list[str]) -> None:
        self.lines.extend(" " * indent + t for t in texts)

    def container(self, container: _Container, indent: int, ftype: FieldType | None, first_prefix: str | None = None) -> None:
        """Write a block's fields or a list's items. first_prefix replaces the indentation of
        the first line (a list item's `- `)."""
        start = len(self.lines)
        for item in _ordered(container, ftype):
            self.comment(indent, item.before)
            if item.key is not None:
                self.field(item, indent, _child_type(ftype, item.key.value))
            else:
                self.list_item(item, indent, _child_type(ftype, None))
        self.comment(indent, container.trailing)
        if first_prefix is not None and len(self.lines) > start:
            self.lines[start] = first_prefix + self.lines[start][indent:]

    def _line(self, text: str, eol: list[str]) -> None:
        self.lines.append(text + (COMMENT_GAP + eol[0] if eol else ""))

    def _value(self, lead: str, item: _Item, indent: int, ftype: FieldType | None, eol: list[str]) -> None:
        """`lead` is `key:` or `-`; the value follows it on the same line, or below it."""
        value = item.value
        if isinstance(value, ScalarNode):
            rendered = _render_scalar(value, len(lead) + 1, indent + INDENT)
            if rendered.inline is not None:
                self._line(lead + (" " + rendered.inline if rendered.inline else ""), eol)
            else:
                self._line(f"{lead} {rendered.header}", eol)
                self.lines.extend(" " * (indent + INDENT) + ln if ln else "" for ln in rendered.lines)
        elif not item.child.items:
            empty = "{}" if isinstance(value, MappingNode) else "[]"
            self._line(f"{lead} {empty}", eol)
            self.comment(indent + INDENT, item.child.trailing)
        else:
            self._line(lead, eol)
            self.container(item.child, indent + INDENT, ftype)

    def field(self, item: _Item, indent: int, ftype: FieldType | None) -> None:
        lead = " " * indent + _render_key(item.key) + ":"
        self._extra_eol(item, indent)
        self._value(lead, item, indent, ftype, item.eol)

    def list_item(self, item: _Item, indent: int, ftype: FieldType | None) -> None:
        value = item.value
        if isinstance(value, MappingNode) and item.child.items:
            # `- first: ...` with the block's other fields under `first`. Comments above the first
            # field go above the dash; a comment after the dash goes on the first line if free.
            first = _ordered(item.child, ftype)[0]
            above = first.before + first.eol[1:]
            first.before, first.eol = [], first.eol[:1]
            if item.eol and not first.eol:
                first.eol, item.eol = item.eol[:1], item.eol[1:]
            self.comment(indent, above + item.eol)
            self.container(item.child, indent + INDENT, ftype, first_prefix=" " * indent + "- ")
            return
        lead = " " * indent + "-"
        self._extra_eol(item, indent)
        self._value(lead, item, indent, ftype, item.eol)

    def _extra_eol(self, item: _Item, indent: int) -> None:
        # A value spread over lines with a comment after several of them: the first stays on the
        # line, the others go above it.
        if len(item.eol) > 1:
            self.comment(indent, item.eol[1:])
            item.eol = item.eol[:1]


def _compose(text: str) -> tuple[Node | None, list]:
    parser = YAML(typ="rt")
    try:
        tokens = list(parser.scan(text))
        node = parser.compose(text)
    except RuamelError as err:
        raise FormatError(f"the YAML cannot be read: {err}".splitlines()[0]) from None
    return node, tokens


def format_text(text: str, kind: str | None = None) -> str:
    """The canonical layout of one data file. kind: 'actors' ... 'vocabulary', or None."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # YAML line breaks, one way
    tree, errors = read_yaml(text)
    if errors:
        first = errors[0]
        raise FormatError(f"line {first.line}: {first.message} (run `make validate` for details)")
    node, tokens = _compose(text)
    if not isinstance(node, (MappingNode, SequenceNode)):
        raise FormatError("the file is not a block of fields")
    items: list[_Item] = []
    root = _build(node, None, text, items)
    header: list[str] = []
    _attach(_comments(text, tokens), items, root, header)
    line = modeline(kind)
    if line:
        header = [c for c in header if not MODELINE.match(c)]
        for item in items:
            item.before = [c for c in item.before if not MODELINE.match(c)]
        root.trailing = [c for c in root.trailing if not MODELINE.match(c)]
    writer = _Writer()
    if line:
        writer.lines.append(line)
    writer.comment(0, header)
    if root.items:
        writer.container(root, 0, _root_type(kind))
    else:
        writer.lines.append("{}" if isinstance(node, MappingNode) else "[]")
        writer.comment(0, root.trailing)
    result = "\n".join(writer.lines) + "\n"
    _verify(text, tree, result, kind)
    return result


# --- verification ----------------------------------------------------------------------------------


def loaded_values(tree) -> Any:
    """What the validator reads from a file: every value with how YAML types it, keys unordered."""
    if isinstance(tree, Scalar):
        return ("scalar", tree.tag, tree.text)
    if isinstance(tree, Mapping):
        return {key.text: loaded_values(value) for key, value in tree.items}
    if isinstance(tree, Sequence):
        return [loaded_values(v) for v in tree.items]
    return None


def comment_texts(text: str, kind: str | None = None) -> Counter:
    """The comments in a file (without the modeline when the layout adds it)."""
    _, tokens = _compose(text)
    texts = Counter(c.text for c in _comments(text, tokens))
    if modeline(kind):
        for t in [t for t in texts if MODELINE.match(t)]:
            del texts[t]
    return texts


def _verify(original: str, original_tree, result: str, kind: str | None) -> None:
    tree, errors = read_yaml(result)
    if errors or loaded_values(tree) != loaded_values(original_tree):
        raise FormatError("internal error: the canonical layout would change a value; the file was left as it is (please report this)")
    if comment_texts(result, kind) != comment_texts(original, kind):
        raise FormatError("internal error: the canonical layout would lose a comment; the file was left as it is (please report this)")
