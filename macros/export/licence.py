"""The licences, declared once: every export, the data package, the pages' structured data and
the "Open data" page name them from here. LICENSE (code) and data/LICENSE (data and texts) are
the legal texts' notices in the repository; a test keeps them and CITATION.cff in step with this.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Locale


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX identifier, as CITATION.cff and Data Packages write it
    title: str  # the licence's own name, which names it in every language
    url: str  # the licence's canonical address (its deed; the legal code is linked from there)

    def as_package_licence(self) -> dict:
        """A Data Package `licenses` entry."""
        return {"name": self.spdx, "path": self.url, "title": self.title}


DATA_LICENCE = Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = Licence("MIT", "MIT License", "https://opensource.org/license/mit")

def quotes_note(t: Locale) -> str:
    """Said wherever the licence is, because CC BY covers the tracker's own words, not a speaker's."""
    return t("licence.quotes")


def licence_statement(t: Locale, site_name: str) -> str:
    """One sentence for a file's metadata (feeds, calendars, comments)."""
    return t("licence.statement", site=site_name, licence=DATA_LICENCE.title, spdx=DATA_LICENCE.spdx, url=DATA_LICENCE.url) + quotes_note(t)


def licence_json(t: Locale) -> dict:
    """The `license` member of the JSON API's index and the whole-dataset file."""
    return {"id": DATA_LICENCE.spdx, "title": DATA_LICENCE.title, "url": DATA_LICENCE.url, "note": quotes_note(t)}
