"""Counts in the contributor tools' English sentences: "1 problem", "2 files". Every count a
contributor sees may be 1, so none is written with a bare plural or "(s)".

The forms are the English catalogue's (messages "count.<word>", macros/i18n.py) and the form
for a number is CLDR's plural rule: no plural rule of English is written here. The validator
and the other tools speak to contributors in English (ARCHITECTURE.md, "Words").
"""
from __future__ import annotations

import functools

from .i18n import Locale


@functools.lru_cache(maxsize=1)
def _english() -> Locale:
    return Locale()


def count(n: int, word: str) -> str:
    """'1 record', '2 records', '0 records'."""
    return _english().plural(f"count.{word.replace(' ', '_')}", n)


def agree(n: int, singular: str, many: str) -> str:
    """The verb that goes with a count: agree(1, 'cites', 'cite') -> 'cites'."""
    return (singular, many)[_english().plural_form(n)]
