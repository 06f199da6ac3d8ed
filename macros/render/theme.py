"""Everything the pages know about the theme, Material for MkDocs, and nothing else does.

Class names Material styles, the attribute its search index honours, the front matter its
templates read, and what its templates decide on a page (ThemeFrames: the theme's frame rendered
once for many generated pages). A different theme or generator changes this module, not the
renderers. No MkDocs import: pages and templates arrive from hooks.py.
"""
from __future__ import annotations

import copy
import json
import posixpath
import re

# Material styles tables and buttons by these classes (its Markdown tables get them on their own).
TABLE_SCROLL_CLASS = "md-typeset__scrollwrap"
TABLE_CLASS = "md-typeset__table"
BUTTON_CLASS = "md-button"


def unsearched(value: str | bool | None = True) -> dict:
    """Attributes that keep an element out of Material's search index (None: leave it in).
    Material's search parser matches excluded elements by tag name only: exclude a tag that
    never nests inside itself there (a <section>, a <footer>, a <figure>)."""
    return {"data_search_exclude": value}


# The script Material's offline plugin (and Zensical's) adds for search workers on pages opened
# from disk: it comes from a CDN; docs/assets/javascripts/file-worker.js does its job offline.
CDN_WORKER_SHIM = "iframe-worker"


def without_cdn_shims(polyfills: list) -> list:
    """The theme's polyfills (extra.polyfills) without the offline plugin's CDN shim."""
    return [p for p in polyfills if CDN_WORKER_SHIM not in (p.get("path", "") if isinstance(p, dict) else p)]


# The page attribute (front matter key) that holds a page's structured data, finished HTML for
# its <head>: hooks.py sets it, or the front matter of `python -m macros pages` carries it, and
# overrides/main.html prints it.
STRUCTURED_DATA_META = "structured_data"
# The page attribute that holds what a page says when it is shared (render/share.py): Open Graph
# and Twitter card tags and its feed's link, finished HTML for its <head>; its description is the
# theme's own `description`.
SHARE_META = "share_head"


def front_matter(title: str, *, searchable: bool, tags: list[str] | None = None) -> dict:
    """What a generated page tells the theme: its title (already escaped), no table of contents,
    whether the search index takes it, and the tags its index entry carries (other names of the
    record: Material's search ranks them with the title and shows them under the result)."""
    # Tags hidden: they are for search (Zensical, unlike Material, would show them on the page).
    front: dict = {"title": title, "hide": ["toc", "tags"]}
    if not searchable:
        front["search"] = {"exclude": True}
    if tags:
        front["tags"] = tags
    return front


# --- the theme's frame, rendered once for many pages ---------------------------------------------
#
# Material's templates cost more per page than our rendering of it, yet for generated pages (never
# in the nav) everything they produce but a few values is the same for every page of a folder:
# header, nav, palette toggle, footer, scripts. So the frame is rendered once per kind of page,
# with markers where a page's own values go, and each page is that frame with its values put in.
# The first page of each kind is rendered both ways and must match byte for byte, else that kind
# of page keeps the normal render; tests/test_build_shortcuts.py compares whole sites both ways.

# The template of a page finished by ThemeFrames (overrides/), and the variable that holds the page.
PRERENDERED_TEMPLATE = "tracker-prerendered.html"
PRERENDERED_PAGE = "tracker_prerendered_page"

# What a page puts into its frame: the values Material's templates print as they are.
_META_SLOTS = ("title", "description", STRUCTURED_DATA_META, SHARE_META)
_SLOT = "\x1etracker-slot:{}\x1e"
_SLOT_PATTERN = re.compile("\x1etracker-slot:([a-z_]+)\x1e")
# Page text Material's templates test for (content.html prints a title unless the page has one).
_CONTENT_TESTS = ("<h1",)


class _Slot(str):
    """The marker printed where a page's value goes; a test on its text (`"<h1" in page.content`)
    answers as the page's own value would."""

    def __new__(cls, name: str, value: str):
        slot = super().__new__(cls, _SLOT.format(name))
        slot.value = value
        return slot

    def __contains__(self, text) -> bool:
        return text in self.value


def _slot_values(page) -> dict[str, str]:
    values = {name: str(page.meta[name]) for name in _META_SLOTS if page.meta.get(name)}
    values["content"], values["canonical_url"] = page.content, page.canonical_url
    return values


def frame_key(page) -> tuple | None:
    """Everything about a page that Material's templates decide on, besides the values they print:
    pages with one key share one frame. None for a page in the nav (the nav marks it)."""
    if page.previous_page is not None or page.next_page is not None or page.parent is not None or page.is_homepage:
        return None
    meta = {key: value for key, value in page.meta.items() if key not in _META_SLOTS and key != "tags"}  # tags: only the search index reads them
    return (posixpath.dirname(page.url), json.dumps(meta, sort_keys=True, default=repr), tuple(bool(page.meta.get(name)) for name in _META_SLOTS),
            tuple(test in page.content for test in _CONTENT_TESTS), bool(page.toc), page.edit_url, page.canonical_url is not None)


def _marked(page):
    """A copy of the page whose own values are markers."""
    marked = copy.copy(page)
    values = _slot_values(page)
    marked.meta = {**page.meta, **{name: _Slot(name, values[name]) for name in _META_SLOTS if name in values}}
    marked.content = _Slot("content", page.content)
    if page.canonical_url is not None:
        marked.canonical_url = _Slot("canonical_url", page.canonical_url)
    return marked


class Frame:
    """A rendered page with markers: its literal text, and between the pieces the slots' names."""

    def __init__(self, marked_html: str):
        self.pieces = _SLOT_PATTERN.split(marked_html)  # text, slot, text, slot, ..., text

    def fill(self, values: dict[str, str]) -> str:
        return "".join(values[piece] if i % 2 else piece for i, piece in enumerate(self.pieces))


class ThemeFrames:
    """Renders pages through the theme's templates, each kind of page once (see above)."""

    _UNSOUND = object()  # this kind of page renders differently from its frame: always the templates

    def __init__(self):
        self._frames: dict[tuple, object] = {}
        self.filled = 0  # pages filled into a frame
        self.rendered = 0  # pages rendered by the templates

    def render(self, template, context: dict, page) -> str:
        """The page as `template.render(context)` gives it (context["page"] is page)."""
        key = frame_key(page)
        frame = self._frames.get(key) if key is not None else self._UNSOUND
        if frame is not None and frame is not self._UNSOUND:
            self.filled += 1
            return frame.fill(_slot_values(page))
        self.rendered += 1
        html = template.render(context)
        if frame is None:  # the first page of its kind: does its frame give the same page?
            frame = Frame(template.render({**context, "page": _marked(page)}))
            self._frames[key] = frame if frame.fill(_slot_values(page)) == html else self._UNSOUND
        return html

    def describe(self) -> str:
        unsound = sum(frame is self._UNSOUND for frame in self._frames.values())
        return (f"{self.filled} pages filled into {len(self._frames) - unsound} theme frames, {self.rendered} rendered by the templates"
                + (f" ({unsound} kinds of page whose frame did not match)" if unsound else ""))
