"""The minimal valid dataset that validation tests break one mistake at a time, and how they
read the problems it gives."""
from __future__ import annotations

import shutil
from pathlib import Path

from macros.kinds import KINDS
from macros.load import check_dataset

ROOT = Path(__file__).resolve().parents[2]
REAL_VOCABULARY = ROOT / "data" / "vocabulary.yml"
SOURCE = "data/sources/example-news-2026-01-03.yml"
ACTOR = "data/actors/ukraine.yml"
EVENT = "data/events/2026-01-03-kyiv-meeting.yml"
STATEMENT = "data/statements/ukraine-reports-progress.yml"
COMMITMENT = "data/commitments/european-led-force.yml"
BASE_FILES = {
    SOURCE: (
        "id: example-news-2026-01-03\n"                          # 1
        "kind: news-article\n"                                   # 2
        "publisher: Example News\n"                              # 3
        "title: Advisers meet in Kyiv\n"                         # 4
        "published: 2026-01-03\n"                                # 5
        "url: https://example.org/2026/01/03/advisers-meet\n"   # 6
        "language: en\n"                                         # 7
    ),
    ACTOR: (
        "id: ukraine\n"                                          # 1
        "kind: state\n"                                          # 2
        "name: Ukraine\n"                                        # 3
        "description: The state defending itself against a full-scale invasion.\n"  # 4
        "sources:\n"                                             # 5
        "  - example-news-2026-01-03\n"                          # 6
    ),
    EVENT: (
        "id: 2026-01-03-kyiv-meeting\n"                          # 1
        "kind: meeting\n"                                        # 2
        "title: National security advisers meet in Kyiv\n"       # 3
        "date: 2026-01-03\n"                                     # 4
        "date_note: The source gives the date.\n"                # 5
        "participants:\n"                                        # 6
        "  - actor: ukraine\n"                                   # 7
        "    role: host\n"                                       # 8
        "topics:\n"                                              # 9
        "  - security-guarantees\n"                              # 10
        "summary: Advisers discussed security guarantees.\n"     # 11
        "sources:\n"                                             # 12
        "  - example-news-2026-01-03\n"                          # 13
        "status_history:\n"                                      # 14
        "  - status: held\n"                                     # 15
        "    date: 2026-01-04\n"                                 # 16
        "    sources:\n"                                         # 17
        "      - source: example-news-2026-01-03\n"              # 18
    ),
    STATEMENT: (
        "id: ukraine-reports-progress\n"                         # 1
        "kind: claim\n"                                          # 2
        "speaker: ukraine\n"                                     # 3
        "date: 2026-01-03\n"                                     # 4
        "event: 2026-01-03-kyiv-meeting\n"                       # 5
        "paraphrase: Ukraine said the talks had made progress on guarantees.\n"  # 6
        "topics:\n"                                              # 7
        "  - diplomacy\n"                                        # 8
        "sources:\n"                                             # 9
        "  - source: example-news-2026-01-03\n"                  # 10
        "    locator: paragraph 4\n"                             # 11
    ),
    COMMITMENT: (
        "id: european-led-force\n"                               # 1
        "title: A European-led force in Ukraine after a ceasefire\n"  # 2
        "area: security\n"                                       # 3
        "mechanism: european-led-force\n"                        # 4
        "offered_to:\n"                                          # 5
        "  - ukraine\n"                                          # 6
        "description: Troops from European states deployed after a ceasefire.\n"  # 7
        "status_history:\n"                                      # 8
        "  - status: proposed\n"                                 # 9
        "    date: 2026-01-03\n"                                 # 10
        "    sources:\n"                                         # 11
        "      - example-news-2026-01-03\n"                      # 12
        "sources:\n"                                             # 13
        "  - example-news-2026-01-03\n"                          # 14
    ),
}


class Dataset:
    """A throw-away copy of the minimal valid dataset that a test may break."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        for kind in KINDS:
            (self.data / kind).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_VOCABULARY, self.data / "vocabulary.yml")
        for path, text in BASE_FILES.items():
            self.write(path, text)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def write_bytes(self, relative: str, raw: bytes) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)

    def replace(self, relative: str, old: str, new: str) -> None:
        """Edit one file: `old` must occur exactly once, so a test breaks exactly what it says."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write(relative, text.replace(old, new))

    def move(self, relative: str, new_relative: str) -> None:
        target = self.path(new_relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.path(relative).rename(target)

    def problems(self) -> list:
        _, problems = check_dataset(self.data, display_root=self.root)
        return list(problems)


def listing(problems) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


def only_problem(problems):
    """The one problem a single mistake should produce."""
    assert len(problems) == 1, f"expected exactly one problem, got:\n{listing(problems)}"
    return problems[0]


def in_file(problems, path: str) -> list:
    """The problems reported in one file (a file YAML cannot read also upsets the files citing it)."""
    return [p for p in problems if p.path == path]


def find(problems, path: str, line: int, *words: str):
    """The problem reported at path:line whose printed form contains every word."""
    for problem in problems:
        if problem.path == path and problem.line == line and all(w in str(problem) for w in words):
            return problem
    raise AssertionError(f"no problem at {path}:{line} mentioning {words!r}; got:\n{listing(problems)}")


def assert_reported(problem, path: str, line: int, field: str, *words: str) -> None:
    assert (problem.path, problem.line, problem.field) == (path, line, field), str(problem)
    for word in words:
        assert word in str(problem), f"{word!r} not in: {problem}"
