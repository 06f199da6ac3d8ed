"""`python -m macros diff BASE [--format text|markdown]`: what a data change does to the site.

Both sides are read by the validator's own loader: data/ as it was at the git revision BASE
(exported with `git archive` into a temporary folder) and data/ in the working tree. The report
lists the records added, changed (with the top-level fields that changed) and removed, by kind and
id, and the site pages they affect.

The pages are not described here but derived: both datasets are rendered through the functions a
build uses (every generated page, and every macro a hand-written page in docs/ calls), and a page
is affected when what the data puts on it differs. So a new page, overview or relation can never
be missed. When either side's data is not valid, it cannot be rendered, and no pages are listed.
Cost: each side is validated and rendered once, in memory (measured at 10,000 synthetic records:
2.6 s to validate and 7.5 s to render, CPU, per side).

Files that differ only in layout (the same values) are listed separately: they change no page.
If the working tree's data is not valid, the report says so first and lists every problem; the
comparison covers what could be read. Exit status: 0, or 1 when the working tree's data is not
valid, or 2 when BASE is not a revision git knows.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .history import read_history, reference_date
from .kinds import KINDS
from .load import VOCABULARY_FILE, check_dataset
from .model import Dataset, Record
from .pages import generated_pages, macro_functions, macro_pages
from .problems import Problems
from .render.common import SiteConfig
from .render.views import rendering_of
from .schema import VOCABULARY_LISTS
from .untrusted import markdown_text
from .words import count

DOCS = Path(__file__).resolve().parent.parent / "docs"


class GitError(Exception):
    """git could not give us the base revision."""


# --- the two sides ----------------------------------------------------------------------------------


@dataclass
class Side:
    """One version of data/: the dataset as the validator loaded it, and the files it came from."""

    dataset: Dataset
    problems: Problems
    data_dir: Path
    files: dict[tuple[str, str], Path]  # (kind, file name without .yml) -> path
    records: dict[tuple[str, str], Record]  # the same keys, for the files that could be read
    vocabulary: dict[str, dict]


def load_side(data_dir: Path, display_root: Path) -> Side:
    dataset, problems = check_dataset(data_dir, display_root=display_root)
    files = {}
    for kind in KINDS:
        folder = data_dir / kind
        if folder.is_dir():
            for path in sorted(folder.glob("*.yml")):
                if path.is_file() and not path.is_symlink():  # the validator refuses the others
                    files[(kind, path.stem)] = path
    records = {}
    for kind in KINDS:
        for record in dataset.all(kind):
            stem = Path(record.path).stem
            if (kind, stem) in files:
                records[(kind, stem)] = record
    return Side(dataset, problems, data_dir, files, records, dataset.vocabulary_terms)


def empty_side(folder: Path) -> Side:
    return Side(Dataset({kind: {} for kind in KINDS}), Problems(), folder, {}, {}, {})


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repository_root(start: Path) -> Path:
    return Path(os.fsdecode(_git(start, "rev-parse", "--show-toplevel").rstrip(b"\n")))  # any bytes a folder name holds


def resolve_revision(repo: Path, revision: str) -> str:
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"git does not know the revision {revision!r}; try HEAD, HEAD~1 or origin/main "
                       "(run `git fetch` first for a remote branch)") from None


def export_data(repo: Path, commit: str, data_path: str, target: Path) -> Path | None:
    """Write data/ as it was at commit into target; None if the commit has no such folder."""
    listed = _git(repo, "ls-tree", "-d", "--name-only", commit, "--", data_path).decode().strip()
    if not listed:
        return None
    archive = _git(repo, "archive", "--format=tar", commit, "--", data_path)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(target)
    return target / data_path


# --- comparing ----------------------------------------------------------------------------------------


@dataclass
class RecordChange:
    kind: str
    id: str
    change: str  # added, changed, removed
    title: str = ""
    fields: list[str] = field(default_factory=list)
    unreadable: bool = False  # the working-tree file could not be read (see the problems)


@dataclass
class TermChange:
    vocabulary: str
    term: str
    change: str


@dataclass
class DataDiff:
    base_label: str
    base_commit: str
    records: list[RecordChange]
    terms: list[TermChange]
    layout_only: list[str]  # files whose values are unchanged
    pages: dict[str, str]  # page -> "" or "new" / "removed"
    problems: list[str]  # in the working tree
    base_problems: int
    pages_known: bool = True  # False when a side's data is not valid and could not be rendered

    @property
    def valid(self) -> bool:
        return not self.problems

    def count(self, change: str) -> int:
        return sum(1 for r in self.records if r.change == change)


def changed_fields(kind: str, old: dict, new: dict) -> list[str]:
    names = [n for n in {**old, **new} if old.get(n, _MISSING) != new.get(n, _MISSING)]
    order = {spec.name: i for i, spec in enumerate(KINDS[kind].structure().fields)}
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))


_MISSING = object()


def rendered_pages(dataset: Dataset, docs_dir: Path = DOCS, site: SiteConfig | None = None) -> dict[str, int]:
    """Every page the data reaches → a hash of what the data puts on it, rendered by the build's
    own functions. Pages only differ between two datasets when these hashes do. Both sides are
    rendered as of one day (site.as_of), so what depends on the date compares like for like."""
    rendering = rendering_of(dataset, site)
    pages = {page.path: hash((page.as_markdown(), page.body)) for page in generated_pages(rendering)}
    functions = macro_functions()
    for page in macro_pages(docs_dir):
        pages[page.path] = hash(page.render(rendering, functions))
    return pages


def affected_pages(old: Side, new: Side, docs_dir: Path = DOCS, site: SiteConfig | None = None) -> dict[str, str] | None:
    """page → "", "new" or "removed", for every page whose content differs; None if a side is not valid."""
    if old.problems or new.problems:
        return None
    before, after = rendered_pages(old.dataset, docs_dir, site), rendered_pages(new.dataset, docs_dir, site)
    pages = {}
    for page in sorted(set(before) | set(after)):
        if page not in before:
            pages[page] = "new"
        elif page not in after:
            pages[page] = "removed"
        elif before[page] != after[page]:
            pages[page] = ""
    return pages


def compare(old: Side, new: Side, *, base_label: str, base_commit: str, site: SiteConfig | None = None) -> DataDiff:
    records: list[RecordChange] = []
    layout_only: list[str] = []
    for key in sorted(set(old.files) | set(new.files), key=lambda k: (KINDS.index(k[0]), k[1])):
        kind, record_id = key
        before, after = old.records.get(key), new.records.get(key)
        if key not in new.files:
            records.append(RecordChange(kind, record_id, "removed", before.title if before else ""))
        elif key not in old.files:
            records.append(RecordChange(kind, record_id, "added", after.title if after else "", unreadable=after is None))
        elif after is None or before is None:
            if after is None or old.files[key].read_bytes() != new.files[key].read_bytes():
                records.append(RecordChange(kind, record_id, "changed", (after or before).title if (after or before) else "",
                                            unreadable=after is None))
        else:
            old_values, new_values = before.data, after.data
            if old_values != new_values:
                records.append(RecordChange(kind, record_id, "changed", after.title, changed_fields(kind, old_values, new_values)))
            elif old.files[key].read_bytes() != new.files[key].read_bytes():
                layout_only.append(f"data/{kind}/{record_id}.yml")

    terms = _compare_vocabulary(old, new)
    old_vocabulary = old.data_dir / VOCABULARY_FILE
    new_vocabulary = new.data_dir / VOCABULARY_FILE
    if not terms and old_vocabulary.is_file() and new_vocabulary.is_file() \
            and old_vocabulary.read_bytes() != new_vocabulary.read_bytes():
        layout_only.append(f"data/{VOCABULARY_FILE}")

    pages = affected_pages(old, new, site=site) if records or terms else {}
    return DataDiff(
        base_label=base_label, base_commit=base_commit, records=records, terms=terms,
        layout_only=sorted(layout_only), pages=pages or {}, pages_known=pages is not None,
        problems=[str(p) for p in new.problems], base_problems=len(old.problems),
    )


def _compare_vocabulary(old: Side, new: Side) -> list[TermChange]:
    changes = []
    for name in VOCABULARY_LISTS:
        before = old.vocabulary.get(name, {})
        after = new.vocabulary.get(name, {})
        for term in after:
            if term not in before:
                changes.append(TermChange(name, term, "added"))
            elif before[term] != after[term]:
                changes.append(TermChange(name, term, "changed"))
        changes.extend(TermChange(name, term, "removed") for term in before if term not in after)
    return changes


# --- reports ------------------------------------------------------------------------------------------------

SIGNS = {"added": "+", "changed": "~", "removed": "-"}


def _summary(diff: DataDiff) -> str:
    parts = [f"{diff.count(c)} {c}" for c in ("added", "changed", "removed")]
    if diff.terms:
        parts.append(f"{count(len(diff.terms), 'vocabulary term')} changed")
    return ", ".join(parts)


def _base(diff: DataDiff) -> str:
    short = diff.base_commit[:12]
    return short if diff.base_label in (diff.base_commit, short) else f"{diff.base_label} ({short})"


def render_text(diff: DataDiff) -> str:
    out = []
    if not diff.valid:
        out.append(f"The data in the working tree is NOT valid ({count(len(diff.problems), 'problem')}); "
                   "the site cannot be built until they are fixed:")
        out.extend(f"  {p}" for p in diff.problems)
        out.append("")
    if not diff.records and not diff.terms:
        out.append(f"No record in data/ differs between {_base(diff)} and the working tree.")
    else:
        out.append(f"Data changes from {_base(diff)} to the working tree: {_summary(diff)}.")
    for change in ("added", "changed", "removed"):
        rows = [r for r in diff.records if r.change == change]
        if not rows:
            continue
        out.append("")
        out.append(f"{change.capitalize()}:")
        for r in rows:
            line = f"  {SIGNS[change]} {KINDS[r.kind].singular} {r.id}"
            if r.unreadable:
                line += " (could not be read: see the problems above)"
            elif r.fields:
                line += ": " + ", ".join(r.fields)
            out.append(line)
    if diff.terms:
        out.append("")
        out.append("Vocabulary:")
        out.extend(f"  {SIGNS[t.change]} {t.vocabulary} {t.term}" for t in diff.terms)
    if diff.layout_only:
        out.append("")
        out.append(f"Layout only, no value changed ({len(diff.layout_only)}):")
        out.extend(f"  {path}" for path in diff.layout_only)
    if not diff.pages_known:
        out.append("")
        out.append("Pages affected: not known until the data on both sides is valid.")
    if diff.pages:
        out.append("")
        out.append(f"Pages affected ({len(diff.pages)}):")
        out.extend(f"  {page}" + (f" ({note})" if note else "") for page, note in diff.pages.items())
    if diff.base_problems:
        out.append("")
        out.append(f"Note: data/ at {_base(diff)} has {count(diff.base_problems, 'problem')} of its own; "
                   "it was compared as far as it could be read.")
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    return "<code>" + markdown_text(text) + "</code>"


def render_markdown(diff: DataDiff) -> str:
    out = ["### What this change does to the data", ""]
    if not diff.valid:
        out.append(f"> [!WARNING]\n> The data in this change is **not valid** ({count(len(diff.problems), 'problem')}); "
                   "the site cannot be built until they are fixed:")
        out.append("")
        out.extend(f"- {markdown_text(p)}" for p in diff.problems)
        out.append("")
    if not diff.records and not diff.terms:
        out.append(f"No record in `data/` differs from {_code(_base(diff))}.")
    else:
        out.append(f"Compared with {_code(_base(diff))}: **{_summary(diff)}**.")
    if diff.records:
        out += ["", "| Change | Record | Fields |", "| --- | --- | --- |"]
        for r in diff.records:
            what = f"{KINDS[r.kind].singular} {_code(r.id)}" + (f": {markdown_text(r.title)}" if r.title and r.title != r.id else "")
            fields = "could not be read (see the problems above)" if r.unreadable else ", ".join(_code(f) for f in r.fields)
            out.append(f"| {r.change} | {what} | {fields} |")
    if diff.terms:
        out += ["", "**Vocabulary:** " + ", ".join(f"{t.change} {_code(t.vocabulary + ': ' + t.term)}" for t in diff.terms)]
    if diff.layout_only:
        shown = ", ".join(_code(p) for p in diff.layout_only[:10]) + (", …" if len(diff.layout_only) > 10 else "")
        out += ["", f"**Layout only**, no value changed ({len(diff.layout_only)}): {shown}"]
    if not diff.pages_known:
        out += ["", "**Pages affected:** not known until the data on both sides is valid."]
    if diff.pages:
        out += ["", f"**Pages affected ({len(diff.pages)}):** "
                + ", ".join(_code(page) + (f" ({note})" if note else "") for page, note in diff.pages.items())]
    if diff.base_problems:
        out += ["", f"_Note: `data/` at the base has {count(diff.base_problems, 'problem')} of its own; it was compared as far as it could be read._"]
    return "\n".join(out) + "\n"


# --- the command -----------------------------------------------------------------------------------------


def diff_against(revision: str, repo: Path, data_dir: Path | None = None) -> DataDiff:
    """Compare data/ at revision with data_dir (default: <repo>/data) in the working tree."""
    root = repository_root(repo)
    data_dir = (data_dir or root / "data").resolve()
    try:
        data_path = data_dir.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{data_dir} is not inside the git repository at {root}") from None
    commit = resolve_revision(root, revision)
    new = load_side(data_dir, root)
    with tempfile.TemporaryDirectory(prefix="tracker-diff-") as tmp:
        exported = export_data(root, commit, data_path, Path(tmp))
        old = load_side(exported, Path(tmp)) if exported else empty_side(Path(tmp) / data_path)
        # As a build of the working tree would see it: as of the last commit, with its history.
        site = SiteConfig(as_of=reference_date(data_dir), history=read_history(data_dir, data_dir.name + "/"))
        return compare(old, new, base_label=revision, base_commit=commit, site=site)


def run(args) -> int:
    try:
        diff = diff_against(args.base, args.repo or Path.cwd(), args.data)
    except GitError as err:
        print(f"diff: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(render_markdown(diff) if args.format == "markdown" else render_text(diff))
    return 0 if diff.valid else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "diff", help="records added, changed and removed since a git revision, and the pages affected",
        description="Compare data/ at the git revision BASE with the working tree, both read by the validator.",
    )
    parser.add_argument("base", metavar="BASE", nargs="?", default=None,
                        help="a git revision: HEAD, HEAD~1, origin/main, a commit id (default: where the branch left main)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown: for a pull request's summary page")
    parser.add_argument("--repo", type=Path, default=None, help="the git repository (default: the current folder)")
    parser.add_argument("--data", type=Path, default=None, help="the data folder in the working tree (default: <repo>/data)")
    parser.set_defaults(run=run)
