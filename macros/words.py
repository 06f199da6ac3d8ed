"""Counts in sentences: "1 record cites it", "2 records cite it". Every count a reader or a
contributor sees may be 1, so none is written with a bare plural or "(s)"."""
from __future__ import annotations

IRREGULAR = {"entry": "entries", "entity": "entities", "is": "are", "was": "were", "has": "have", "this": "these"}


def plural(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def count(n: int, word: str, many: str | None = None) -> str:
    """'1 record', '2 records', '0 records'; `many` for plurals the rule above does not know."""
    return f"{n} {word}" if n == 1 else f"{n} {many or plural(word)}"


def agree(n: int, singular: str, many: str) -> str:
    """The verb that goes with a count: agree(1, 'cites', 'cite') -> 'cites'."""
    return singular if n == 1 else many
