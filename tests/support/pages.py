"""Built pages as a reader and a security review see them (elements, scripts, text), and the
record fields the pages do not show yet."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HIDDEN_TEXT = {"script", "style", "template", "head", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    """What a security review needs from one HTML page."""

    elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # "src:<path>" or "inline:<sha256>"
    structured_data: list[str] = field(default_factory=list)  # the text of each JSON-LD block (data, not code)
    title: str = ""
    text: str = ""  # visible text, entities decoded
    header_topic: str = ""
    ids: set[str] = field(default_factory=set)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self.script: list[str] | None = None
        self.script_is_data = False
        self.topic_depth: int | None = None
        self.topic: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.page.elements.append((tag, tuple(attrs)))
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        if tag == "script":
            if attributes.get("src"):
                self.page.scripts.append("src:" + attributes["src"])
            else:
                self.script = []
                self.script_is_data = attributes.get("type") == "application/ld+json"
        if attributes.get("data-md-component") == "header-topic":
            self.topic_depth = len(self.stack)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            if self.script_is_data:
                self.page.structured_data.append("".join(self.script))
            else:
                self.page.scripts.append("inline:" + hashlib.sha256("".join(self.script).encode()).hexdigest())
            self.script = None
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if self.topic_depth is not None and len(self.stack) <= self.topic_depth:
            self.topic_depth = None

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
        if "title" in self.stack:
            self.title.append(data)
        if self.topic_depth is not None:
            self.topic.append(data)
        if not HIDDEN_TEXT.intersection(self.stack):
            self.text.append(data)


def parse_page(source: str) -> Page:
    parser = _PageParser()
    parser.feed(source)
    parser.close()
    page = parser.page
    page.text = "".join(parser.text)
    page.title = norm("".join(parser.title))
    page.header_topic = norm("".join(parser.topic))
    return page


def norm(text: str) -> str:
    """Text as a reader sees it: runs of white space are one space."""
    return " ".join(text.split())


def html_pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


# Fields the record pages do not show today (kind: pattern). Keep in step with the renderer.
KNOWN_GAPS: dict[str, str] = {}
