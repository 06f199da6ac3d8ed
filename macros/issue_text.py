"""Text from an issue, made safe for where it goes: a terminal or CI log, and GitHub Markdown.

Issue text is untrusted: it may carry terminal escape sequences, lines that a CI log reads as
workflow commands (`::set-output ...`), HTML, Markdown links and @-mentions. (The integrator may
merge these two functions with the hostile-input branch's own.)
"""
from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORKFLOW_COMMAND = re.compile(r"^(\s*)::", re.M)


def _visible(ch: str) -> str:
    if ch in "\n\t":
        return ch
    if _CONTROL.fullmatch(ch) or unicodedata.category(ch) in ("Cf", "Cs", "Co", "Zl", "Zp"):
        return f"\\u{ord(ch):04x}"
    return ch


def log_safe(text: str) -> str:
    """Text a terminal or a CI log prints as it is: controls and invisible characters as \\uXXXX,
    and no line that starts a GitHub workflow command."""
    shown = "".join(_visible(ch) for ch in text)
    return _WORKFLOW_COMMAND.sub(lambda m: m.group(1) + "\\:\\:", shown)


def markdown_block(text: str) -> str:
    """Text shown verbatim in GitHub Markdown: a fenced code block, whose fence no line of the text
    can close. Inside it no HTML, link, image or @-mention is rendered."""
    text = log_safe(text)
    longest = max((len(run) for run in re.findall(r"`+|~+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
