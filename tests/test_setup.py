"""A newcomer's set-up: the README's two commands, and what `make` brings along by itself.

* tools/system-packages (run by `make test` and by the first `make` of all): nothing to do when
  the system has what is needed; otherwise it installs through apt-get when it can, or stops with
  one line that says what to run. The machine's own `id`, `sudo` and `apt-get` are replaced by
  small scripts on PATH for this, so that the test can see what would be run without running it;
  a real install on a bare system is tried by hand (see the closing notes of issue 16).
* `make lint` runs what the pull request's "Validate data" job runs;
* README.md and CONTRIBUTING.md give the same local address for `make serve`;
* `.ci/run` is the README's `make test` and nothing more.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser import CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "system-packages"


def fake_commands(folder: Path, **scripts: str) -> dict[str, str]:
    """Executables named after the keywords, and an environment whose PATH finds them first."""
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        path = folder / name.replace("_", "-")
        path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "TRACKER_CHROMIUM": str(folder / "no-chromium")}


def system_packages(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_nothing_is_installed_when_the_browser_is_there():
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is not installed on this machine")
    result = system_packages(dict(os.environ), "browser")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_without_root_or_sudo_it_stops_with_one_line_saying_what_to_run(tmp_path):
    env = fake_commands(tmp_path / "bin", id="echo 1000", sudo="exit 1", apt_get=f"echo ran >> {tmp_path}/apt.log")
    result = system_packages(env, "browser")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    # libatomic1 is named too on a system without it (Playwright's driver needs it).
    assert re.fullmatch(r"make: needs chromium( libatomic1)?: run `sudo apt-get install chromium( libatomic1)?`, then make again", lines[0])
    assert not (tmp_path / "apt.log").exists(), "nothing may be installed without asking"


def test_as_root_or_with_password_less_sudo_it_installs_through_apt(tmp_path):
    log = tmp_path / "apt.log"
    for who, extra in (("root", {"id": "echo 0"}), ("sudo", {"id": "echo 1000", "sudo": f'echo "sudo $*" >> {log}; shift; [ "$1" = true ] || exec "$@"'})):
        log.write_text("", encoding="utf-8")
        env = fake_commands(tmp_path / who, apt_get=f'echo "apt-get $*" >> {log}', **extra)
        result = system_packages(env, "browser")
        assert result.returncode == 0, result.stderr
        calls = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("apt-get")]
        assert calls[0] == "apt-get update -qq"
        assert re.fullmatch(r"apt-get install -y -qq chromium( shellcheck)?( libatomic1)?", calls[1]), calls
        if who == "sudo":
            assert "sudo -n apt-get update -qq" in log.read_text(encoding="utf-8")


def test_the_cards_font_is_named_when_missing_and_left_alone_when_there(tmp_path):
    env = {**fake_commands(tmp_path / "bin", id="echo 1000", sudo="exit 1", apt_get=f"echo ran >> {tmp_path}/apt.log"),
           "TRACKER_CARD_FONTS": str(tmp_path / "no-fonts")}
    result = system_packages(env, "fonts")
    assert (result.returncode, result.stderr) == (1, "make: needs fonts-dejavu-core: run `sudo apt-get install fonts-dejavu-core`, then make again\n")
    assert not (tmp_path / "apt.log").exists()
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "DejaVuSans-Bold.ttf").write_bytes(b"")
    result = system_packages({**env, "TRACKER_CARD_FONTS": str(tmp_path / "fonts")}, "fonts")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.slow
def test_a_build_without_the_font_stops_with_one_line(tmp_path):
    from tests.conftest import FIXTURE_DATA, build_site

    result = build_site(tmp_path / "site", FIXTURE_DATA, {"TRACKER_CARD_FONTS": str(tmp_path / "no-fonts")})
    assert result.returncode != 0
    assert "card images need the font" in result.stderr and "fonts-dejavu-core" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_python_without_venv_gets_the_debian_package_named(tmp_path):
    python = tmp_path / "python3"
    python.write_text(f"#!/bin/sh\ncase \"$2\" in 'import ensurepip'*) exit 1;; esac\nexec {shutil.which('python3')} \"$@\"\n", encoding="utf-8")
    python.chmod(0o755)
    env = fake_commands(tmp_path / "bin", id="echo 1000")
    result = system_packages(env, "venv", str(python))
    assert result.returncode == 1
    assert re.fullmatch(r"make: needs python3\.\d+-venv: run `sudo apt-get install python3\.\d+-venv`, then make again\n", result.stderr)
    assert system_packages(dict(os.environ), "venv", shutil.which("python3")).returncode == 0


def test_make_test_checks_the_browser_before_anything_else():
    result = subprocess.run(["make", "--no-print-directory", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "MAKEFLAGS": ""}, timeout=60)
    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    assert commands[0] == "tools/system-packages browser", commands
    assert commands[-1].endswith("-m pytest")


def test_ci_runs_the_readme_test_command_and_nothing_else():
    commands = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands[-1] == "exec make test"
    assert all(line.startswith(("set ", "cd ")) for line in commands[:-1]), commands


def test_readme_has_two_set_up_commands_and_sends_nobody_elsewhere():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.S).group(1)
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make serve", "make test"]
    assert "apt-get install" not in quick_start and ".ci/run" not in quick_start


# --- make lint = the pull request's data checks ----------------------------------------------------


def pull_request_data_checks() -> list[str]:
    """The commands of the "Validate data" job after the set-up, as a contributor runs them."""
    job = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))["jobs"]["validate"]
    commands = []
    for step in job["steps"]:
        if "run" not in step or step.get("name", "").startswith("Install"):
            continue
        for line in step["run"].splitlines():
            line = re.sub(r"^\s*(if\s+!\s*)?", "", line).split(";")[0]
            if line.startswith((".venv/bin/python -m ", "make ")):
                commands.append(" ".join(line.replace("--format github", "").split()))
    return commands


def make_lint_commands() -> str:
    result = subprocess.run(["make", "--no-print-directory", "-n", "lint"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "MAKEFLAGS": ""}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_lint_runs_every_check_of_the_pull_requests_validate_job():
    checks = pull_request_data_checks()
    assert len(checks) >= 3, checks
    lint = " ".join(make_lint_commands().split())
    for check in checks:
        if check.startswith("make "):  # make format-check: its own recipe
            check = make_recipe(check.split()[1])
        assert " ".join(check.split()) in lint, f"the pull request runs `{check}`; make lint does not"


def make_recipe(target: str) -> str:
    result = subprocess.run(["make", "--no-print-directory", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "MAKEFLAGS": ""}, timeout=60)
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_make_lint_reports_every_failing_check_at_once(tmp_path):
    """A CRLF file passes validation but fails yamllint and the layout check: lint names both."""
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("make lint runs from .venv, which `make` creates")
    clone = tmp_path / "clone"
    for folder in ("macros", "data", "schemas", "tools"):
        shutil.copytree(ROOT / folder, clone / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "requirements.txt", ".yamllint.yml"):
        shutil.copyfile(ROOT / name, clone / name)
    (clone / "tools" / "system-packages").chmod(0o755)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    event = next((clone / "data" / "events").glob("*.yml"))
    event.write_bytes(event.read_bytes().replace(b"\n", b"\r\n"))
    result = subprocess.run(["make", "--no-print-directory", "lint"], cwd=clone, capture_output=True, text=True,
                            env={**os.environ, "MAKEFLAGS": ""}, timeout=300)
    assert result.returncode == 2, "make's own exit status for a failed recipe"
    assert "make lint: failed: format-check yamllint" in result.stderr
    assert "warning: the file has Windows line endings (CRLF)" in result.stderr


# --- one address for make serve ------------------------------------------------------------------------


def serve_address() -> str:
    """What `make serve` prints: MkDocs' dev address and the path of site_url."""
    config = yaml.safe_load(re.sub(r"!!python/\S+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    host = config.get("dev_addr", "127.0.0.1:8000")
    return f"http://{host}{urlsplit(config.get('site_url') or '/').path}"


def test_readme_and_contributing_give_the_address_make_serve_prints():
    address = serve_address()
    for name in ("README.md", "CONTRIBUTING.md"):
        found = set(re.findall(r"http://(?:127\.0\.0\.1|localhost)[^\s),`>]*", (ROOT / name).read_text(encoding="utf-8")))
        assert found == {address}, f"{name} gives {found}; make serve prints {address}"


def test_the_set_up_scripts_pass_shellcheck():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (Debian package `shellcheck`)")
    result = subprocess.run([shellcheck, "--severity=style", str(SCRIPT), str(ROOT / ".ci" / "run")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
