"""Time and provenance: the reference date of a build, record history from git, corrections,
and what is ahead versus what happened. Real git repositories in temporary folders, real builds."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from macros.history import _FORMAT as history_format
from macros.history import parse_log, read_history, reference_date
from macros.i18n import Locale
from tests.conftest import DATA, build_site
from tests.gitrepo import commit_all, git
from tests.gitrepo import write_data as write

pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"), pytest.mark.slow]

SOURCE = "id: example-news\nkind: news-article\npublisher: Example News\npublished: 2026-01-02\n"
ACTOR = "id: {id}\nkind: state\nname: {name}\ndescription: A state.\nsources:\n  - example-news\n"
SCHEDULED = (
    "id: 2026-01-09-paris-summit\nkind: summit\ntitle: Leaders to meet in Paris\ndate: 2026-01-09\n"
    "status_history:\n  - status: scheduled\n    date: 2026-01-02\n    sources:\n      - example-news\n"
    "participants:\n  - actor: france\nsummary: Leaders are due to meet.\nsources:\n  - example-news\n"
)
HELD = (
    "id: 2026-01-03-kyiv-meeting\nkind: meeting\ntitle: Advisers meet in Kyiv\ndate: 2026-01-03\n"
    "status_history:\n  - status: scheduled\n    date: 2026-01-01\n    sources:\n      - example-news\n"
    "  - status: held\n    date: 2026-01-03\n    sources:\n      - example-news\n"
    "participants:\n  - actor: ukraine\nsummary: Advisers met.\nsources:\n  - example-news\n"
)
COMMITMENT = (
    "id: air-shield\ntitle: An air shield over western Ukraine\narea: security\nmechanism: security-guarantee-package\n"
    "offered_by:\n  - france\ndescription: Fighter patrols.\nstatus_history:\n"
    "  - status: proposed\n    date: 2026-01-02\n    sources:\n      - example-news\n"
    "  - status: pledged\n    date: 2026-01-04\n    note: France promised the patrols.\n    sources:\n      - example-news\n"
    "sources:\n  - example-news\n"
)
CLAIM = (
    "id: 2026-01-03-france-claims-progress\nkind: claim\nspeaker: france\ndate: 2026-01-03\n"
    "paraphrase: France said the talks had made progress.\nsources:\n  - example-news\n"
)
UNREAD_SOURCE = "id: cited-only\nkind: news-article\npublisher: Distant Daily\nconsulted: false\n"
RUMOUR = (
    "id: 2026-01-04-ukraine-rumour\nkind: remark\nspeaker: ukraine\ndate: 2026-01-04\n"
    "paraphrase: Ukraine was said to expect a second meeting.\nsources:\n  - cited-only\n"
)
CORRECTION = (
    "corrections:\n  - date: 2026-01-06\n    what_was_wrong: The record said the advisers met in Lviv.\n"
    "    what_changed: They met in Kyiv, as the article says.\n    sources:\n      - example-news\n"
)



def small_dataset(root: Path) -> Path:
    write(root, "vocabulary.yml", (DATA / "vocabulary.yml").read_text(encoding="utf-8"))
    for kind in ("actors", "events", "statements", "commitments", "sources"):
        (root / "data" / kind).mkdir(parents=True, exist_ok=True)
    write(root, "sources/example-news.yml", SOURCE)
    write(root, "actors/france.yml", ACTOR.format(id="france", name="France"))
    write(root, "actors/ukraine.yml", ACTOR.format(id="ukraine", name="Ukraine"))
    write(root, "events/2026-01-09-paris-summit.yml", SCHEDULED)
    write(root, "events/2026-01-03-kyiv-meeting.yml", HELD)
    write(root, "commitments/air-shield.yml", COMMITMENT)
    write(root, "statements/2026-01-03-france-claims-progress.yml", CLAIM)
    write(root, "sources/cited-only.yml", UNREAD_SOURCE)
    write(root, "statements/2026-01-04-ukraine-rumour.yml", RUMOUR)
    return root / "data"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """Three commits: the data (5 January), a correction (6 January), a rename (1 February)."""
    root = tmp_path_factory.mktemp("repo")
    small_dataset(root)
    commit_all(root, "First records", "2026-01-05")
    write(root, "events/2026-01-03-kyiv-meeting.yml", HELD + CORRECTION)
    commit_all(root, "Correct the place of the Kyiv meeting", "2026-01-06")
    git(root, "mv", "data/actors/ukraine.yml", "data/actors/ukraine-tmp.yml")
    commit_all(root, "Rename for a while", "2026-01-20")
    git(root, "mv", "data/actors/ukraine-tmp.yml", "data/actors/ukraine.yml")
    commit_all(root, "Rename back", "2026-02-01")
    return root


# --- plain Python: the reference date and the history ---------------------------------------------

def test_the_reference_date_is_the_date_of_the_last_commit(repo):
    as_of = reference_date(repo / "data")
    assert (as_of.day, as_of.origin) == ("2026-02-01", "commit")
    assert as_of.commit == git(repo, "rev-parse", "HEAD").strip()


def test_source_date_epoch_overrides_the_commit_date(repo):
    as_of = reference_date(repo / "data", "1767744000")  # 2026-01-07
    assert (as_of.day, as_of.origin) == ("2026-01-07", "SOURCE_DATE_EPOCH")


def test_without_git_the_reference_date_is_the_build_day_and_says_so(tmp_path):
    data = small_dataset(tmp_path)
    as_of = reference_date(data, None, today=date(2026, 3, 4))
    assert (as_of.day, as_of.origin, as_of.commit) == ("2026-03-04", "clock", "")
    assert "no git history" in Locale()(f"as_of.origin.{as_of.origin}")


def test_one_pass_gives_every_record_its_changes_newest_first_renames_followed(repo):
    history = read_history(repo / "data", "data/")
    assert history.available
    kyiv = history.of("data/events/2026-01-03-kyiv-meeting.yml")
    assert [(c.day, c.action, c.subject) for c in kyiv] == [
        ("2026-01-06", "changed", "Correct the place of the Kyiv meeting"), ("2026-01-05", "added", "First records")]
    ukraine = history.of("data/actors/ukraine.yml")
    assert [c.subject for c in ukraine] == ["Rename back", "Rename for a while", "First records"]
    assert [c.day for c in history.of("data/sources/example-news.yml")] == ["2026-01-05"]


def test_the_log_parser_reads_removals_and_ignores_other_files():
    first, second = "a" * 40, "b" * 40
    log = (f"\0{first}\x001767916800\x002026-01-09 00:00:00 +0000\0Remove a duplicate\0\nD\0events/x.yml\0M\0README.md\0"
           f"\0{second}\x001767830400\x002026-01-08 00:00:00 +0000\0Add it\0\nA\0events/x.yml\0").encode()
    changes = parse_log(log, "data/")
    assert [(c.commit, c.day, c.action, c.path) for c in changes] == [
        (first, "2026-01-09", "removed", "data/events/x.yml"), (second, "2026-01-08", "added", "data/events/x.yml")]


def test_a_shallow_clone_or_a_plain_folder_has_no_history(repo, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True, capture_output=True, timeout=60)
    history = read_history(shallow / "data", "data/")
    assert not history.available and "shallow" in history.reason
    plain = tmp_path / "plain"
    shutil.copytree(repo / "data", plain / "data")
    assert not read_history(plain / "data", "data/").available



# --- merges: the same history as `git log -- .` in the data folder ----------------------------------

def merge_history(root: Path, folder: str) -> Path:
    """A history with every kind of merge, the data folder at root/folder ("" for the root itself).
    Most commits share a timestamp, so git's order among equals is tested too."""
    data = root / folder
    outside = root / ("notes" if folder else "data-notes")  # a file outside the data folder, or a non-record
    run = lambda *args, day="2026-01-05": git(root, *args, day=day)  # noqa: E731

    def commit(message: str, *records: str, day: str = "2026-01-05", text: str = "") -> None:
        for record in records:
            (data / record).parent.mkdir(parents=True, exist_ok=True)
            (data / record).write_text(text or f"id: {Path(record).stem}\n# {message}\n", encoding="utf-8")
        run("add", "-A")
        run("commit", "-q", "--allow-empty", "-m", message, day=day)

    def side(branch: str, message: str, *records: str, **options: str) -> None:
        run("checkout", "-q", "-b", branch, "main")
        commit(message, *records, **options)
        run("checkout", "-q", "main")

    run("init", "-q")
    outside.write_text("Not a record.\n", encoding="utf-8")
    commit("Base", "actors/a.yml", "actors/b.yml", day="2026-01-01")
    side("kept", "Kept side change", "events/kept.yml")
    commit("Main change", "actors/b.yml")
    run("merge", "-q", "--no-ff", "-m", "Merge kept", "kept")
    commit("Before the dropped branch", "actors/a.yml")
    side("dropped", "Dropped side change", "events/dropped.yml")
    for step in ("one", "two", "three"):  # a plain walk would reach the commit before them earlier
        commit(f"Main, step {step}", "actors/b.yml")
    run("merge", "-q", "-s", "ours", "-m", "Merge dropped, keeping ours", "dropped")
    side("theirs", "Their change", "events/theirs.yml", day="2026-01-09")  # dated after the merge
    commit("Change the merge overrides", "events/overridden.yml")
    run("merge", "-q", "-s", "ours", "--no-commit", "theirs")
    run("read-tree", "-u", "--reset", "theirs")  # the merge takes the side's tree: TREESAME to parent 2
    run("commit", "-q", "-m", "Merge theirs, taking theirs")
    side("twin", "Twin on the side", "events/twin.yml", text="id: twin\n")
    commit("Twin on main", "events/twin.yml", text="id: twin\n")  # the merge is TREESAME to both parents
    run("merge", "-q", "--no-ff", "-m", "Merge twin", "twin")
    side("one", "Octopus one", "statements/one.yml")
    side("two", "Octopus two, outside the data")
    side("three", "Octopus three", "statements/three.yml")
    run("merge", "-q", "-m", "Octopus", "one", "two", "three")
    run("checkout", "-q", "-b", "moves", "main")
    run("mv", str(data / "actors/a.yml"), str(data / "actors/a-renamed.yml"))
    commit("Rename on a side branch")
    run("checkout", "-q", "main")
    commit("Outside only, on main")
    run("merge", "-q", "--no-ff", "-m", "Merge moves", "moves")
    run("checkout", "-q", "--orphan", "unrelated")
    run("rm", "-rfq", ".")
    commit("An unrelated history", "events/orphan.yml", day="2025-12-01")
    run("checkout", "-q", "main")
    run("merge", "-q", "--allow-unrelated-histories", "-m", "Merge the unrelated history", "unrelated")
    if folder:
        (root / "drafts").mkdir()
        (root / "drafts/c.yml").write_text("id: c\n", encoding="utf-8")
        commit("A draft outside the data")
        run("mv", "drafts/c.yml", str(data / "actors/c.yml"))
        commit("Move the draft into the data")
    return data


def what_git_log_of_the_folder_says(data: Path) -> list:
    """The changes `git log -- .` shows in the data folder: git's own history simplification,
    merges with the files they change against every parent (their dense combined diff)."""
    log = subprocess.run(["git", "log", "-z", "-M", "--name-status", "--relative", "--diff-merges=dense-combined",
                          f"--format={history_format}", "--", "."], cwd=data, capture_output=True, check=True).stdout
    return parse_log(log, "data/", git(data, "rev-parse", "--show-prefix").strip())


@pytest.mark.parametrize("folder", ["data", "site/data", ""], ids=["data", "in-a-subfolder", "repository-root"])
def test_history_through_merges_is_what_git_log_of_the_data_folder_shows(tmp_path, folder):
    data = merge_history(tmp_path, folder)
    history = read_history(data, "data/")
    assert history.available and len(history.changes) >= 10
    assert history.changes == what_git_log_of_the_folder_says(data)
    subjects = {change.subject for change in history.changes}
    assert {"Kept side change", "Their change", "Twin on main", "Octopus one", "Octopus three", "An unrelated history"} <= subjects
    # Changes that a merge threw away are not part of the data's history.
    assert not subjects & {"Dropped side change", "Change the merge overrides", "Twin on the side"}
    renamed = history.of("data/actors/a-renamed.yml")
    assert [c.subject for c in renamed] == ["Rename on a side branch", "Before the dropped branch", "Base"] and not history.of("data/actors/a.yml")
    if folder:
        assert [(c.action, c.subject) for c in history.of("data/actors/c.yml")] == [("added", "Move the draft into the data")]

# --- real builds ------------------------------------------------------------------------------------

def section_text(page: Path, heading: str, next_heading: str) -> str:
    """The words between two headings of a hand-written page (by their anchors)."""
    html = page.read_text(encoding="utf-8")
    part = html[html.index(f'id="{heading}"'):html.index(f'id="{next_heading}"')]
    return re.sub(r" ([,.:;)])", r"\1", re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)))


def text_of(page: Path) -> str:
    """A page's words as a reader sees them (tags become spaces, none before punctuation)."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    return re.sub(r" ([,.:;)])", r"\1", text)


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("site-from-git")
    result = build_site(dest, repo / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def test_every_page_says_as_of_which_day_its_data_is(site, repo):
    head = git(repo, "rev-parse", "HEAD").strip()
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 10
    for page in pages:
        assert "This copy is as of 1 February 2026, the date of the last commit" in text_of(page), page
        assert f"/commit/{head}" in page.read_text(encoding="utf-8"), page


def test_a_scheduled_event_whose_date_passed_is_never_shown_as_upcoming(site):
    label = "date passed — outcome not yet recorded"
    for page in ("events/2026-01-09-paris-summit.html", "timeline.html", "actors/france.html", "index.html"):
        text = text_of(site / page)
        assert label in text, page
        assert not re.search(r"\bscheduled\s+Leaders to meet in Paris", text), page
    ahead = section_text(site / "index.html", "ahead", "latest-developments")
    assert "Leaders to meet in Paris" not in ahead and "Nothing recorded as scheduled after 1 February 2026" in ahead
    # The held meeting shows its whole history: announced, then held.
    kyiv = text_of(site / "events/2026-01-03-kyiv-meeting.html")
    assert re.search(r"Status history .*scheduled .*1 January 2026.* held .*3 January 2026", kyiv)


def test_latest_developments_include_commitment_status_changes_by_date(site):
    latest = section_text(site / "index.html", "latest-developments", "events-over-time")
    assert "An air shield over western Ukraine: proposed → pledged" in latest
    # Newest first: the pledge of 4 January before the meeting of 3 January.
    assert latest.index("proposed → pledged") < latest.index("Advisers meet in Kyiv")


def test_a_record_page_shows_its_history_with_links_to_the_commits(site, repo):
    page = site / "events/2026-01-03-kyiv-meeting.html"
    text = text_of(page)
    assert "First recorded 5 January 2026 · last changed 6 January 2026 · 2 changes" in text
    assert "Correct the place of the Kyiv meeting" in text
    correcting = git(repo, "log", "-1", "--format=%H", "--", "data/events/2026-01-03-kyiv-meeting.yml").strip()
    assert f'href="https://github.com/ukraine-peace-tracker/tracker/commit/{correcting}"' in page.read_text(encoding="utf-8")


def test_a_correction_is_shown_first_on_its_page_listed_in_changes_and_in_the_feed(site):
    html = (site / "events/2026-01-03-kyiv-meeting.html").read_text(encoding="utf-8")
    box = html.index("This record was corrected")
    assert box < html.index('class="tr-lead"') and "The record said the advisers met in Lviv." in html
    changes = text_of(site / "changes.html")
    assert changes.index("correction") < changes.index("Correct the place of the Kyiv meeting")
    assert "Rename back" in changes and "First records" in changes
    assert 'href="events/2026-01-03-kyiv-meeting.html#corrections"' in (site / "changes.html").read_text(encoding="utf-8")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "Correction: Advisers meet in Kyiv" in feed and "An air shield over western Ukraine: proposed → pledged" in feed
    assert "Advisers meet in Kyiv: scheduled → held" in feed


def test_a_build_without_git_history_succeeds_and_says_so(tmp_path):
    data = small_dataset(tmp_path / "zip")
    result = build_site(tmp_path / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    page = text_of(tmp_path / "site" / "events/2026-01-03-kyiv-meeting.html")
    assert "The history of this record is unavailable" in page
    assert "the day this copy was built: it has no git history" in page
    assert "history of changes is unavailable" in text_of(tmp_path / "site" / "changes.html")


def test_source_date_epoch_sets_the_as_of_date_of_a_build(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767916800")  # 2026-01-09: the summit is today, still ahead
    result = build_site(tmp_path / "site", repo / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "This copy is as of 9 January 2026, the date set for this build" in text_of(tmp_path / "site" / "index.html")
    ahead = section_text(tmp_path / "site" / "index.html", "ahead", "latest-developments")
    assert "scheduled Leaders to meet in Paris" in ahead


# --- the review queue -------------------------------------------------------------------------------

def test_the_review_queue_finds_what_needs_an_editor(tmp_path):
    from macros.load import load_dataset
    from macros.review import review_queue

    dataset = load_dataset(small_dataset(tmp_path))
    ids = lambda queue: {reason: [i.record.id for i in items] for reason, items in queue.items()}  # noqa: E731
    assert ids(review_queue(dataset, "2026-01-05")) == {
        "date-passed": [], "claim-unanswered": ["2026-01-03-france-claims-progress"], "status-stale": [],
        "unconsulted-only": ["2026-01-04-ukraine-rumour"]}
    later = review_queue(dataset, "2026-06-01")
    assert ids(later)["date-passed"] == ["2026-01-09-paris-summit"] and ids(later)["status-stale"] == ["air-shield"]
    assert later["status-stale"][0].detail == "pledged since 2026-01-04"


def test_make_review_lists_the_queue_with_lines_and_as_markdown_for_the_issue(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    data = small_dataset(tmp_path)
    run = lambda *args: subprocess.run([sys.executable, "-m", "macros", "review", "--data", str(data), *args],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    text = run("--as-of", "2026-06-01")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Review queue as of 2026-06-01: 4 item(s).")
    assert "data/events/2026-01-09-paris-summit.yml:6: was scheduled for 2026-01-09" in text.stdout
    markdown = run("--as-of", "2026-06-01", "--format", "markdown", "--site-url", "https://example.org/t/")
    assert "- [Leaders to meet in Paris](https://example.org/t/events/2026-01-09-paris-summit.html)" in markdown.stdout
    assert "### Claims with no response recorded (1)" in markdown.stdout
    assert run("--as-of", "June").returncode == 2


def test_review_html_lists_the_queue_as_of_the_build_and_invites_corrections(site):
    page = site / "review.html"
    html = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert "As of 1 February 2026, 3 items need an editor." in text
    assert 'href="events/2026-01-09-paris-summit.html"' in html and "Tell us, with a source" in text
    assert "/edit/main/data/statements/2026-01-03-france-claims-progress.yml" in html


# --- in the browser, from file:// ------------------------------------------------------------------

@pytest.fixture(scope="module")
def early_site(repo, tmp_path_factory) -> Path:
    """The repository built as of 5 January: the Paris summit of 9 January is still ahead."""
    dest = tmp_path_factory.mktemp("site-as-of-5-january")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", "1767571200")  # 2026-01-05
        result = build_site(dest, repo / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def _badge_text(browser, page: Path, clock: str) -> tuple[str, str]:
    from datetime import datetime

    from tests.browser import OfflinePage

    with OfflinePage(browser) as reader:
        reader.page.clock.set_fixed_time(datetime.fromisoformat(f"{clock}T09:00:00"))
        reader.goto_file(page)
        badge = reader.page.locator(".tr-record-header .tr-badge").first.inner_text()
        note = reader.page.locator(".tr-as-of").inner_text()
        assert reader.problems() == {}
    return badge, note


@pytest.mark.browser
def test_a_copy_read_later_marks_passed_dates_by_the_readers_clock(early_site, browser):
    page = early_site / "events/2026-01-09-paris-summit.html"
    badge, note = _badge_text(browser, page, "2026-01-07")
    assert badge.lower() == "scheduled" and "Your device's date is 2026-01-07." in note
    badge, note = _badge_text(browser, page, "2026-02-02")
    assert badge.lower() == "date passed — outcome not yet recorded"
    assert "This copy is as of 5 January 2026" in note and "Your device's date is 2026-02-02; scheduled dates before it are marked as passed." in note


@pytest.mark.browser
def test_the_correction_is_the_first_thing_a_reader_sees(site, browser):
    from tests.browser import OfflinePage

    with OfflinePage(browser) as reader:
        reader.goto_file(site / "events/2026-01-03-kyiv-meeting.html")
        box = reader.page.locator("#corrections")
        assert box.is_visible() and "The record said the advisers met in Lviv." in box.inner_text()
        lead = reader.page.locator(".tr-lead")
        assert box.bounding_box()["y"] < lead.bounding_box()["y"]
        reader.page.locator("#record-history").scroll_into_view_if_needed()
        assert "Correct the place of the Kyiv meeting" in reader.page.locator("#record-history").inner_text()
        reader.goto_file(site / "changes.html")
        reader.page.locator(".tr-change--correction a[href$='#corrections']").first.click()
        reader.page.wait_for_load_state()
        assert reader.page.url.endswith("events/2026-01-03-kyiv-meeting.html#corrections")
        assert reader.problems() == {}


@pytest.mark.browser
def test_the_real_site_shows_january_plans_as_passed_and_the_history_of_each_record(fixture_site, browser):
    """On the browser tests' snapshot of data/, built inside this repository (so with its history)."""
    from tests.browser import OfflinePage

    with OfflinePage(browser) as reader:
        reader.goto_file(fixture_site / "events/2026-01-06-paris-coalition-of-the-willing-meeting.html")
        assert reader.page.locator(".tr-record-header .tr-badge").inner_text().lower() == "date passed — outcome not yet recorded"
        history = reader.page.locator("#status-history li")
        assert history.count() == 2  # announced by Kyiv Post, still announced on 3 January
        assert "First recorded" in reader.page.locator("#record-history").inner_text()
        reader.goto_file(fixture_site / "events/2026-01-03-kyiv-security-advisers-meeting.html")
        statuses = reader.page.locator("#status-history .tr-badge").all_inner_texts()
        assert [s.lower() for s in statuses] == ["scheduled", "held"]
        reader.goto_file(fixture_site / "index.html")
        ahead = reader.page.locator(".tr-ahead li, .tr-ahead-none").all_inner_texts()
        assert not any("Paris" in item for item in ahead)
        latest = reader.page.locator(".tr-latest").inner_text()
        assert "date passed" in latest.lower() and "commitment" in latest
        reader.goto_file(fixture_site / "timeline.html")
        assert reader.page.locator("[id='2026-01-05-military-chiefs-meeting'] .tr-badge").first.inner_text().lower().startswith("date passed")
        assert reader.problems() == {}
