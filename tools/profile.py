"""Where the time of one build goes, by phase.

    python -m tools.profile 10000                    # synthetic data of that size, phase table
    python -m tools.profile 10000 --pyinstrument FILE  # also a pyinstrument call tree (pip install pyinstrument)
    python -m tools.profile --data DIR               # an existing data folder instead
    python -m tools.profile 10000 --floor            # the benchmark's floor site (tools.floor) instead of ours

Runs `mkdocs build --strict` of the project's mkdocs.yml in this process, with light timers
wrapped around the functions each phase runs through. Each phase counts its own time only
(time spent in another timed phase it calls is counted there), so the rows add up to the build.
Times are CPU seconds of this process (wall time on a busy machine also counts other processes'
turns). The timers add a little overhead (a few per cent); for exact totals use tools.bench.
"""
from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Phases:
    """Exclusive timers: a phase's own time, without the timed phases it calls."""

    def __init__(self, clock=time.process_time):
        self.clock = clock
        self.own: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list] = []

    def wrap(self, name: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            start = self.clock()
            self._stack.append([name, 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                spent = self.clock() - start
                _, inner = self._stack.pop()
                self.own[name] += spent - inner
                self.calls[name] += 1
                if self._stack:
                    self._stack[-1][1] += spent
        return timed

    def patch(self, owner, attribute: str, name: str) -> None:
        setattr(owner, attribute, self.wrap(name, getattr(owner, attribute)))


def instrument(phases: Phases) -> None:
    """Wrap the functions a build runs through; call before the config is loaded."""
    import jinja2
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.structure import files, pages
    from mkdocs_macros.plugin import MacrosPlugin

    import macros.model
    import macros.pages
    import macros.site
    from macros.render.views import VIEWS

    phases.patch(macros.site, "load_dataset", "ours: load + validate data")
    phases.patch(macros.model.Dataset, "_index", "ours: relation index")
    for kind in VIEWS:
        phases.patch(VIEWS[kind], "page", "ours: render record pages (HTML)")
    phases.patch(macros.pages.GeneratedPage, "as_markdown", "ours: page front matter")
    try:
        import macros.export

        phases.patch(macros.export, "export_for_build", "ours: open-data export")
    except (ImportError, AttributeError):
        pass

    # Every macro that define_env registers, whatever it is called (the list changes).
    register = MacrosPlugin.macro

    def timed_register(plugin, value, name=""):
        label = name or getattr(value, "__name__", "?")
        return register(plugin, phases.wrap(f"ours: macro {label}()", value) if callable(value) else value, name)

    MacrosPlugin.macro = timed_register
    phases.patch(pages.Page, "read_source", "mkdocs: read sources")
    phases.patch(pages.Page, "render", "mkdocs: Markdown → HTML")
    phases.patch(pages.Page, "validate_anchor_links", "mkdocs: anchor validation")
    phases.patch(build, "get_context", "mkdocs: page context (nav)")
    phases.patch(build, "get_files", "mkdocs: find files")
    phases.patch(build, "get_navigation", "mkdocs: navigation")
    phases.patch(files.Files, "copy_static_files", "mkdocs: copy theme assets")
    phases.patch(utils, "clean_directory", "mkdocs: clean site dir")
    phases.patch(utils, "write_file", "mkdocs: write HTML files")
    phases.patch(jinja2.Template, "render", "theme: Jinja templates")


def wrap_plugin_events(phases: Phases, config) -> None:
    """Time every plugin and hook event handler, named after its plugin."""
    names = {id(plugin): key for key, plugin in config.plugins.items()}
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            owner = getattr(method, "__self__", None)
            label = names.get(id(owner)) or getattr(method, "__module__", "?")
            if label == "hooks" or label.endswith("hooks.py") or "hooks" in label:
                label = "hooks.py"
            methods[i] = phases.wrap(f"plugin {label}: {event}", method)


def profile_build(data_dir: Path, site_dir: Path, pyinstrument_out: Path | None = None,
                  config_file: Path = ROOT / "mkdocs.yml") -> tuple[Phases, float]:
    from mkdocs.commands import build
    from mkdocs.config import load_config

    os.environ["TRACKER_DATA_DIR"] = str(data_dir)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    phases = Phases()
    instrument(phases)
    profiler = None
    if pyinstrument_out:
        from pyinstrument import (
            Profiler,  # a maintainer's tool, deliberately not in requirements.txt
        )

        profiler = Profiler(interval=0.002)
    start = time.process_time()
    if profiler:
        profiler.start()
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=config_file == ROOT / "mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    wrap_plugin_events(phases, config)
    try:
        build.build(config)
    finally:
        config.plugins.on_shutdown()
    total = time.process_time() - start
    if profiler:
        profiler.stop()
        pyinstrument_out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return phases, total


def table(phases: Phases, total: float) -> str:
    rows = sorted(phases.own.items(), key=lambda kv: -kv[1])
    accounted = sum(phases.own.values())
    lines = ["| phase | own CPU s | share | calls |", "| --- | ---: | ---: | ---: |"]
    for name, spent in rows:
        if spent >= 0.005:
            lines.append(f"| {name} | {spent:.2f} | {spent / total:.0%} | {phases.calls[name]:,} |")
    lines.append(f"| other (mkdocs core, plugin loading, untimed) | {total - accounted:.2f} | {(total - accounted) / total:.0%} | |")
    lines.append(f"| **total** | **{total:.2f}** | 100% | |")
    groups: dict[str, float] = defaultdict(float)
    for name, spent in rows:
        groups[name.split(":")[0]] += spent
    lines += ["", "By owner: " + ", ".join(f"{g} {s:.1f} s ({s / total:.0%})" for g, s in sorted(groups.items(), key=lambda kv: -kv[1]))]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10000, help="synthetic records (default %(default)s)")
    parser.add_argument("--data", type=Path, help="profile a build of this data folder instead of synthetic data")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--floor", action="store_true", help="profile the floor site of the same records (tools.floor)")
    parser.add_argument("--lean", action="store_true", help="profile the lean floor site of the same records (tools.floor)")
    parser.add_argument("--pyinstrument", type=Path, metavar="FILE", help="also record a pyinstrument call tree into FILE")
    args = parser.parse_args(argv)
    if args.pyinstrument:
        try:
            import pyinstrument  # noqa: F401
        except ImportError:
            parser.error("--pyinstrument needs pyinstrument: .venv/bin/pip install pyinstrument==5.1.3")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="tracker-profile-") as tmp:
        from tools import floor, synth

        data = args.data
        if data is None:
            data = Path(tmp) / "data"
            records = synth.write_dataset(args.n, data, args.seed)
        elif args.floor or args.lean:
            parser.error("--floor and --lean work on synthetic data only")
        config_file = ROOT / "mkdocs.yml"
        if args.floor:
            config_file = floor.write_floor_site(records, Path(tmp) / "floor")
        elif args.lean:
            config_file = floor.write_lean_floor_site(records, Path(tmp) / "lean")
        cwd = Path.cwd()
        os.chdir(config_file.parent)
        try:
            phases, total = profile_build(data.resolve(), Path(tmp) / "site", args.pyinstrument, config_file)
        finally:
            os.chdir(cwd)
    print(table(phases, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
