"""The licences, declared once: every export, the data package, the pages' structured data and
the "Open data" page name them from here. LICENSE (code) and data/LICENSE (data and texts) are
the legal texts' notices in the repository; a test keeps them and CITATION.cff in step with this.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX identifier, as CITATION.cff and Data Packages write it
    title: str
    url: str  # the licence's canonical address (its deed; the legal code is linked from there)

    def as_package_licence(self) -> dict:
        """A Data Package `licenses` entry."""
        return {"name": self.spdx, "path": self.url, "title": self.title}


DATA_LICENCE = Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/")
CODE_LICENCE = Licence("MIT", "MIT License", "https://opensource.org/license/mit")

# Said wherever the licence is, because CC BY covers the tracker's own words, not a speaker's.
QUOTES_NOTE = ("Quotations remain the words of the people quoted, as printed by the cited publishers; "
               "the records' summaries, paraphrases and structure are the tracker's own.")


def licence_statement(site_name: str) -> str:
    """One sentence for a file's metadata (feeds, calendars, comments)."""
    return (f"Data and texts of the {site_name} are licensed under {DATA_LICENCE.title} "
            f"({DATA_LICENCE.spdx}, {DATA_LICENCE.url}): reuse them freely, crediting the {site_name} contributors. "
            + QUOTES_NOTE)


def licence_json() -> dict:
    """The `license` member of the JSON API's index and the whole-dataset file."""
    return {"id": DATA_LICENCE.spdx, "title": DATA_LICENCE.title, "url": DATA_LICENCE.url, "note": QUOTES_NOTE}
