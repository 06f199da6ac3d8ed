"""The page `make serve` shows while the data has problems: the same list `make validate` prints."""
from __future__ import annotations

from ..problems import Problems
from ..words import agree, count
from .html import Html, el


def problem_list(problems: Problems) -> Html:
    items = [el("li", el("code", str(p))) for p in problems]
    return Html("\n" + el(
        "article",
        el("h1", "The data has problems"),
        el("p", f"{count(len(problems), 'problem')} in data/ {agree(len(problems), 'keeps', 'keep')} the site from being built. "
                "Fix the files and save them: this page reloads, and the site comes back, as soon as the data is valid."),
        el("ul", *items, class_="tr-problems"),
        class_="tr-problem-list", role="alert",
    ) + "\n")
