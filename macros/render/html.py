"""Safe HTML building: data text is always escaped; only this module decides what is markup.

The output is later read by Python-Markdown (as raw HTML blocks) and by Jinja templates of the
theme. So besides HTML's own characters we also escape the ones Markdown and Jinja treat as
syntax: even if a fragment ever ended up in a Markdown or template context, data stays text.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from .theme import TABLE_CLASS, TABLE_SCROLL_CLASS

_TEXT_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "*": "&#42;", "_": "&#95;",
    "`": "&#96;", "\\": "&#92;", "|": "&#124;", "#": "&#35;", "%": "&#37;",
    # No raw line breaks: a blank line would end Markdown's raw HTML block early.
    "\n": "&#10;", "\r": "&#13;",
})
_ATTR_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;",
    "`": "&#96;", "%": "&#37;", "\n": "&#10;", "\r": "&#13;",
})



def translator(table: dict) -> Callable[[str], str]:
    """str.translate with `table`, run only on text that holds one of its characters: most text
    holds none, and finding that out is several times cheaper than translating."""
    special = re.compile("[" + re.escape("".join(map(chr, table))) + "]").search
    return lambda text: text.translate(table) if special(text) else text


_escape_text, _escape_attr = translator(_TEXT_ESCAPES), translator(_ATTR_ESCAPES)


class Html(str):
    """Markup that is already safe; everything else passed to the builders gets escaped."""

    def __add__(self, other):
        return Html(str.__add__(self, escape(other)))

    def __format__(self, spec):
        # An f-string would turn markup into plain text, which the next builder escapes again
        # (readers would see "&amp;#39;"). Pass Html to the builders as a separate argument.
        raise TypeError("Html inside an f-string would be escaped twice; pass it to el()/join() as its own argument")


def escape(value) -> Html:
    if isinstance(value, Html):
        return value
    return Html(_escape_text(str(value)))


def escape_attr(value) -> str:
    return _escape_attr(str(value))


def _escaped(parts: Iterable) -> list:
    return [part if isinstance(part, Html) else escape(part) for part in parts if part is not None and part != ""]


def join(parts: Iterable, sep: str = "") -> Html:
    return Html(escape(sep).join(_escaped(parts)))


def el(name: str, /, *content, **attrs) -> Html:
    """<name attrs>content</name>. Attribute names come from code; values are escaped.
    A trailing underscore allows Python keywords (class_); other underscores become hyphens."""
    inner = (" " if name in _CONTAINERS else "").join(_escaped(content))
    return Html(_opening(name, attrs) + ">" + inner + "</" + name + ">")


def void(name: str, /, **attrs) -> Html:
    """An element without content or end tag (<meta>, <link>), its attribute values escaped."""
    return Html(_opening(name, attrs) + ">")


def _opening(name: str, attrs: dict) -> str:
    opening = "<" + name
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = _ATTRIBUTE_NAMES.get(key) or _attribute_name(key)
        opening += " " + attr if value is True else " " + attr + '="' + escape_attr(value) + '"'
    return opening


# el() is called a hundred times a page: each keyword's attribute name is worked out once.
_ATTRIBUTE_NAMES: dict[str, str] = {}


def _attribute_name(key: str) -> str:
    _ATTRIBUTE_NAMES[key] = key.rstrip("_").replace("_", "-")
    return _ATTRIBUTE_NAMES[key]


# Children of these are separated by a space, which browsers ignore between blocks but which
# keeps words apart in text extracted without markup (the search index: "Said by Elif", not "Said byElif").
_CONTAINERS = frozenset({"article", "header", "footer", "section", "nav", "div", "dl", "ul", "ol", "table", "thead", "tbody", "tr", "details"})


def link(href: str, /, *content, **attrs) -> Html:
    return el("a", *content, href=href, **attrs)


def external_link(url: str, *content) -> Html:
    """A link to the web from data: the validator admits only http(s) URLs."""
    if not url.lower().startswith(("http://", "https://")):
        return join(content)
    return el("a", *content, href=url, rel="noopener noreferrer nofollow", class_="external")


def block(*content, **attrs) -> Html:
    """A top-level raw HTML block, on its own lines so Markdown leaves it alone."""
    return Html("\n" + str(el("div", *content, **attrs)) + "\n")


def table(head: Html, body_rows: list) -> Html:
    """A table styled like Material's own Markdown tables (which it only styles without a class)."""
    return el("div", el("div", el("table", head, el("tbody", *body_rows)), class_=TABLE_CLASS), class_=TABLE_SCROLL_CLASS)
