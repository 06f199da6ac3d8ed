"""The sources as CSL-JSON (reference managers, pandoc) and BibTeX (LaTeX), sorted by id.

The tracker records who published a source, its title, date (as precise as known), address,
access date and language; it records no authors. The citation key of each entry is the source's
id, the same one records cite.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import Locale
from ..model import Dataset, Record
from .catalogue import BIBTEX, CSL_JSON
from .common import dumps, one_line, sorted_records, write_text
from .licence import DATA_LICENCE

CSL_TYPES = {
    "news-article": "article-newspaper", "official": "document", "transcript": "speech",
    "social-media": "post", "report": "report", "other": "document",
}
# biblatex's langid takes babel/polyglossia names, not ISO codes.
BABEL_NAMES = {"en": "english", "uk": "ukrainian", "ru": "russian", "fr": "french", "de": "german", "pl": "polish", "tr": "turkish"}
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# --- CSL-JSON ----------------------------------------------------------------------------------

def csl_item(t: Locale, source: Record) -> dict:
    item: dict = {"id": source.id, "type": CSL_TYPES.get(source["kind"], "document")}
    if source.get("title"):
        item["title"] = source["title"]
    if source.get("publisher"):
        # A newspaper's name is the "container" its articles appear in.
        item["container-title" if source["kind"] == "news-article" else "publisher"] = source["publisher"]
    if source.get("published"):
        item["issued"] = csl_date(source["published"], source.get("published_approximate", False))
    if source.get("accessed"):
        item["accessed"] = csl_date(source["accessed"])
    if source.get("url"):
        item["URL"] = source["url"]
    if source.get("language"):
        item["language"] = source["language"]
    if source["kind"] == "transcript":
        item["genre"] = t("citations.genre.transcript")
    notes = _notes(t, source)
    if notes:
        item["note"] = notes
    return item


def csl_date(value: str, approximate: bool = False) -> dict:
    date: dict = {"date-parts": [[int(p) for p in value.split("-")]]}
    if approximate:
        date["circa"] = True
    return date


def _notes(t: Locale, source: Record) -> str:
    notes = []
    if source.get("consulted") is False:
        notes.append(t("citations.not_consulted"))
    if source.get("published_approximate"):
        notes.append(t("citations.date_approximate"))
    return " ".join(notes)


def csl_json(dataset: Dataset, t: Locale) -> str:
    return dumps([csl_item(t, s) for s in sorted_records(dataset, "sources")])


# --- BibTeX -------------------------------------------------------------------------------------

_TEX = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})
_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "%": "%25"})


def tex(value: str) -> str:
    """Text for a BibTeX field: TeX's special characters escaped, on one line. UTF-8 stays as is
    (biber and bibtex8 read it; for classic bibtex use \\usepackage[utf8]{inputenc})."""
    return one_line(value).translate(_TEX)


def url(value: str) -> str:
    """A URL stays verbatim (biblatex and \\url read it so) except for braces, backslashes and
    spaces, which would end the field; they are percent-encoded. An existing %XX is kept."""
    out = []
    for i, char in enumerate(value):
        if char == "%" and len(value) >= i + 3 and all(c in "0123456789abcdefABCDEF" for c in value[i + 1:i + 3]):
            out.append(char)
        else:
            out.append(char.translate(_URL))
    return "".join(out)


def bibtex_entry(t: Locale, source: Record) -> str:
    fields: list[tuple[str, str]] = []
    if source.get("title"):
        fields.append(("title", "{" + tex(source["title"]) + "}"))  # double braces keep its capitals
    if source.get("publisher"):
        fields.append(("howpublished", tex(source["publisher"])))
    published = source.get("published")
    if published:
        parts = published.split("-")
        fields.append(("year", parts[0]))
        if len(parts) > 1:
            fields.append(("month", MONTH_MACROS[int(parts[1]) - 1]))
        fields.append(("date", published))
    if source.get("url"):
        fields.append(("url", url(source["url"])))
    if source.get("accessed"):
        fields.append(("urldate", source["accessed"]))
    if BABEL_NAMES.get((source.get("language") or "").lower()):
        fields.append(("langid", BABEL_NAMES[source["language"].lower()]))
    kind = t(f"citations.kind.{source['kind']}") if source["kind"] != "other" else ""  # "other" says nothing
    note = " ".join(x for x in (kind, _notes(t, source)) if x)
    if note:
        fields.append(("note", tex(note)))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{source.id},\n{body}\n}}\n"


def bibtex(dataset: Dataset, site_name: str = "Ukraine Peace Process Tracker", t: Locale | None = None) -> str:
    t = t or Locale()
    name = site_name.replace("@", "")
    header = "".join(f"% {line}\n" for line in t("citations.bibtex_header", site=name, spdx=DATA_LICENCE.spdx, url=DATA_LICENCE.url).split("\n"))
    return header + "\n" + "\n".join(bibtex_entry(t, s) for s in sorted_records(dataset, "sources"))


def write_citations(dataset: Dataset, out_dir: Path, *, site_name: str = "Ukraine Peace Process Tracker", t: Locale | None = None) -> None:
    t = t or Locale()
    write_text(Path(out_dir) / CSL_JSON, csl_json(dataset, t))
    write_text(Path(out_dir) / BIBTEX, bibtex(dataset, site_name, t))
