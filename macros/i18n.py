"""The words a reader sees, in one language: messages, dates, numbers and plural forms.

Messages come from one gettext catalogue per language, `macros/locales/<language>/LC_MESSAGES/
tracker.po`, read with Babel when a build starts and kept in memory (no compiled .mo file is
committed or written: reading a few hundred messages takes milliseconds). A message id is a dotted
key ("record.sources"), never the English text, so that correcting the English does not orphan a
translation; the English catalogue holds the English words like any other language. Messages name
their placeholders (`{count}`, `{date}`); a message with a number has gettext plural forms, picked
by the language's CLDR plural rule as Babel gives it. Month names and date patterns, and the way
numbers are written, are CLDR's (Babel); the catalogue chooses the date patterns.

Plain Python: rendering gets a `Locale` on its Context (`ctx.t`), the open-data writers from
SiteConfig. A second language is a second catalogue and a second Locale, not new code.
"""
from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

from babel import Locale as CldrLocale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal

LOCALES = Path(__file__).with_name("locales")
DOMAIN = "tracker"
ENGLISH = "en"


class MissingMessage(KeyError):
    """The code asked for a message the catalogue does not have (tests/test_catalogue.py finds
    these before a build does)."""


def catalogue_path(language: str, directory: Path = LOCALES) -> Path:
    return Path(directory) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str, directory: Path = LOCALES):
    """The language's catalogue as Babel reads it (a babel.messages.Catalog)."""
    with catalogue_path(language, directory).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


class Locale:
    """One language's words. Call it with a message id and the placeholders' values:
    `t("home.nothing_scheduled", date=...)`; `t.plural("count.records", n)` for a count."""

    def __init__(self, language: str = ENGLISH, directory: Path = LOCALES):
        catalogue = read_catalogue(language, directory)
        self.language = language
        self.cldr = CldrLocale.parse(language)
        self.messages: dict[str, str | tuple[str, ...]] = {}
        for message in catalogue:
            if not message.id:
                continue  # the header
            key = message.id[0] if message.pluralizable else message.id
            self.messages[key] = tuple(message.string) if message.pluralizable else message.string
        # The gettext plural expression Babel derives from CLDR for the language, unless the
        # catalogue's header overrides it.
        self.plural_form = gettext.c2py(catalogue.plural_expr)
        self._dates: dict[tuple[str | None, bool], str] = {}
        self._numbers: dict[int | float, str] = {}

    def _message(self, key: str):
        try:
            return self.messages[key]
        except KeyError:
            raise MissingMessage(f"{catalogue_path(self.language)}: no message {key!r}") from None

    def __call__(self, key: str, /, **values) -> str:
        text = self._message(key)
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        """The message, or `default` where the catalogue has none: the words of a kind come from the
        catalogue, and a kind declared at run time (tests/test_kinds.py) has its declared name."""
        text = self.messages.get(key)
        return default if text is None else text

    def plural(self, key: str, n: int, /, **values) -> str:
        """The form of message `key` for the number n, with n written as `{n}`."""
        forms = self._message(key)
        # gettext's plural rules are for whole numbers; a fraction ("1.5 years") takes the last form.
        form = self.plural_form(n) if float(n).is_integer() else len(forms) - 1
        return forms[int(form)].format(n=self.number(n), **values)

    def number(self, value: int | float) -> str:
        made = self._numbers.get(value)
        if made is None:
            made = self._numbers[value] = format_decimal(value, locale=self.cldr, decimal_quantization=False)
        return made

    def large_number(self, value: int | float) -> str:
        """A sum of money or a count in the billions, as words say it: "2.5 billion"."""
        return format_compact_decimal(value, format_type="long", locale=self.cldr, fraction_digits=3)

    def date(self, value: str | None, approximate: bool = False) -> str:
        """'2026-01-06' → '6 January 2026'; '2026-01' → 'January 2026'; '2026'; an approximate
        date says so. Made once per date and language: a build writes the same dates many times."""
        key = (value, approximate)
        made = self._dates.get(key)
        if made is None:
            made = self._dates[key] = self._date(value, approximate)
        return made

    def _date(self, value: str | None, approximate: bool) -> str:
        if not value:
            return self("date.unknown")
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            text = format_date(date(*parts), self("date.pattern.day"), locale=self.cldr)
        elif len(parts) == 2:
            text = format_date(date(parts[0], parts[1], 1), self("date.pattern.month"), locale=self.cldr)
        else:
            text = format_date(date(parts[0], 1, 1), self("date.pattern.year"), locale=self.cldr)
        return self("date.approximate", date=text) if approximate else text

    def month_name(self, month: int, pattern_key: str = "date.pattern.month_short") -> str:
        """A month by itself, as a chart's axis names it ("Jan")."""
        return format_date(date(2000, month, 1), self(pattern_key), locale=self.cldr)
