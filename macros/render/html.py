"""Safe HTML building: data text is always escaped; only this module decides what is markup.

The output is later read by Python-Markdown (as raw HTML blocks) and by Jinja templates of the
theme. So besides HTML's own characters we also escape the ones Markdown and Jinja treat as
syntax: even if a fragment ever ended up in a Markdown or template context, data stays text.
"""
from __future__ import annotations

from typing import Iterable

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
    return Html(str(value).translate(_TEXT_ESCAPES))


def escape_attr(value) -> str:
    return str(value).translate(_ATTR_ESCAPES)


def join(parts: Iterable, sep: str = "") -> Html:
    return Html(escape(sep).join(escape(p) for p in parts if p is not None and p != ""))


def el(name: str, /, *content, **attrs) -> Html:
    """<name attrs>content</name>. Attribute names come from code; values are escaped.
    A trailing underscore allows Python keywords (class_); other underscores become hyphens."""
    rendered = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        rendered.append(f" {attr}" if value is True else f' {attr}="{escape_attr(value)}"')
    separator = " " if name in _CONTAINERS else ""
    return Html("<" + name + "".join(rendered) + ">" + str(join(content, separator)) + "</" + name + ">")


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
