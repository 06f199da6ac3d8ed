"""Everything the pages know about the theme, Material for MkDocs, and nothing else does.

Class names Material styles, the attribute its search index honours, and the front matter its
templates read. A different theme or generator changes this module, not the renderers.
"""
from __future__ import annotations

# Material styles tables and buttons by these classes (its Markdown tables get them on their own).
TABLE_SCROLL_CLASS = "md-typeset__scrollwrap"
TABLE_CLASS = "md-typeset__table"
BUTTON_CLASS = "md-button"


def unsearched(value: str | bool | None = True) -> dict:
    """Attributes that keep an element out of Material's search index (None: leave it in).
    Material's search parser matches excluded elements by tag name only: exclude a tag that
    never nests inside itself there (a <section>, a <footer>, a <figure>)."""
    return {"data_search_exclude": value}


# The page attribute (front matter key) that holds a page's structured data, finished HTML for
# its <head>: hooks.py sets it, or the front matter of `python -m macros pages` carries it, and
# overrides/main.html prints it.
STRUCTURED_DATA_META = "structured_data"


def front_matter(title: str, *, searchable: bool) -> dict:
    """What a generated page tells the theme: its title (already escaped), no table of contents,
    and whether the search index takes it."""
    front: dict = {"title": title, "hide": ["toc"]}
    if not searchable:
        front["search"] = {"exclude": True}
    return front
