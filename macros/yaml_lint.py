"""`python -m macros yamllint [--format github] PATH...`: yamllint's checks, reported safely.

yamllint's own reports quote the contributor's file (a duplicated key, a value) and name it as
it is called; its `github` format writes them into workflow commands unescaped, so a key or a
file name can end the command and start another (annotations on other files, masking the log).
Here yamllint's linter runs with the project's settings (.yamllint.yml) and each problem is
printed as `path:line:column: level: message (rule)`, or with `--format github` as an annotation
whose every part is escaped (`problems.workflow_command`). Exit status 1 when a problem is an
error, as yamllint's.
"""
from __future__ import annotations

from pathlib import Path

from .problems import shown_path, workflow_command
from .untrusted import print_command, printable_line

ROOT = Path(__file__).resolve().parent.parent


def lint(paths: list[Path], config_file: Path) -> list[tuple[str, object]]:
    """(shown path, yamllint problem) for every problem in the YAML files under paths."""
    from yaml import YAMLError
    from yamllint import linter
    from yamllint.cli import find_files_recursively
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(config_file))
    found = []
    for name in find_files_recursively([str(p) for p in paths], config):
        try:
            with open(name, newline="", encoding="utf-8", errors="replace") as file:
                found.extend((shown_path(Path(name)), problem) for problem in linter.run(file, config, name))
        except (OSError, YAMLError) as err:  # yamllint's reader stops at a control character, for one
            problem = linter.LintProblem(getattr(getattr(err, "problem_mark", None), "line", 0) + 1, 1,
                                         f"yamllint cannot read the file: {getattr(err, 'problem', None) or err}")
            problem.level = "error"
            found.append((shown_path(Path(name)), problem))
    return found


def run(args) -> int:
    problems = lint(args.paths, args.config_file)
    for path, problem in problems:
        message = f"{problem.desc} ({problem.rule})" if problem.rule else problem.desc
        if args.format == "github":
            print_command(workflow_command(problem.level, path, problem.line, f"yamllint {problem.rule or ''}".strip(), message))
        else:
            print(printable_line(f"{path}:{problem.line}:{problem.column}: {problem.level}: {message}"))  # a quoted key may break lines
    return 1 if any(problem.level == "error" for _, problem in problems) else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("yamllint", help="yamllint's checks with the project's settings, printed safely",
                                   description="Run yamllint on the YAML files under PATH; print each problem escaped.")
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    parser.add_argument("--config-file", type=Path, default=ROOT / ".yamllint.yml")
    parser.set_defaults(run=run)
