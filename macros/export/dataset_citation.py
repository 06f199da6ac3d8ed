"""How to cite the dataset, derived from CITATION.cff at the root of the repository.

CITATION.cff is the one declaration (GitHub's "Cite this repository" reads it too); the "Open
data" page's suggested citation and the Dataset's structured data are computed from it here and
add what the file cannot know: the version of the data the site was built from.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..i18n import Locale
from ..render.html import Html, block, el
from .citations import tex
from .citations import url as tex_url

CITATION_FILE = "CITATION.cff"
# At the root of the repository, beside macros/ (as mkdocs.yml and data/ are).
CITATION_PATH = Path(__file__).resolve().parents[2] / CITATION_FILE


@dataclass(frozen=True)
class DatasetCitation:
    title: str
    authors: tuple[str, ...]
    url: str
    repository: str
    licence: str
    abstract: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def author_text(self) -> str:
        return ", ".join(self.authors)


def read_citation(path: Path) -> DatasetCitation:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    authors = tuple(_author_name(a) for a in data.get("authors", []))
    return DatasetCitation(
        title=data["title"], authors=authors, url=data.get("url", ""), repository=data.get("repository-code", ""),
        licence=data.get("license", ""), abstract=" ".join(str(data.get("abstract", "")).split()),
        keywords=tuple(data.get("keywords", [])),
    )


def _author_name(author: dict) -> str:
    """A CFF author: an entity's name, or a person's given and family names."""
    if author.get("name"):
        return author["name"]
    return " ".join(str(author[k]) for k in ("given-names", "name-particle", "family-names") if author.get(k))


def citation_text(t: Locale, cite: DatasetCitation, version: str) -> str:
    return t("dataset.citation", authors=cite.author_text, title=cite.title, version=version, address=cite.url or cite.repository, licence=cite.licence)


def citation_bibtex(t: Locale, cite: DatasetCitation, key: str, version: str) -> str:
    fields = [
        ("title", "{" + tex(cite.title) + "}"),
        # Double braces: the authors are a group, not a person BibTeX should split into names.
        ("author", " and ".join("{" + tex(a) + "}" for a in cite.authors)),
        ("howpublished", t("dataset.bibtex.howpublished")),
        ("version", tex(version)),
        ("url", tex_url(cite.url or cite.repository)),
        ("note", tex(t("dataset.bibtex.licence", licence=cite.licence))),
        ("urldate", t("dataset.bibtex.urldate")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def citation_block(t: Locale, cite: DatasetCitation, key: str, version: str) -> Html:
    """The "Open data" page's suggested citation: a sentence and the same as BibTeX."""
    return block(
        el("p", el("strong", t("dataset.lead")), citation_text(t, cite, version), class_="tr-cite"),
        el("p", t("dataset.in_bibtex")),
        el("pre", el("code", citation_bibtex(t, cite, key, version), class_="language-bibtex")),
        class_="tr-dataset-citation",
    )
