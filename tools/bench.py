"""Build benchmark: our site against two plain MkDocs + Material floors, at several sizes.

    python -m tools.bench                       # 1,000, 5,000 and 10,000 records (about 5 minutes; 10 with --repeat 2)
    python -m tools.bench --sizes 1000,5000     # quicker
    python -m tools.bench --without-zensical    # only the MkDocs builds
    make bench

For each size: a synthetic dataset (tools.synth), then, each in a fresh subprocess,
`python -m macros validate` on it, our build (`mkdocs build --strict` of the project's mkdocs.yml
with TRACKER_DATA_DIR pointing at it) and two floor builds (tools.floor): the floor, the same
records as plain Markdown pages in a minimal Material site carrying what our record pages carry,
and the lean floor, whose pages hold only each record's own words. When Zensical is installed
(.venv/zensical, `make bench` installs it), the same site built on Zensical too
(`python -m macros zensical`: our Python writes the pages and the open data, Zensical themes them;
its peak memory is that of the larger of the two processes). The synthetic data has the
proportions of data/ (tools.synth computes them; the report prints them). Wall time, peak memory, output size, the largest
HTML page and the search index are printed as a table and written to BENCHMARKS.md (between the
markers, so hand-written notes in that file are kept).

Peak memory is the maximum resident set size of the build process, read with
getrusage(RUSAGE_CHILDREN) in a small wrapper process that runs only that build, so one build's
peak cannot leak into another's figure.

Times: MkDocs builds on one core, so on an idle machine a build's CPU time (user + sys) equals
its wall time. On a shared machine wall time also counts the time other processes took the
core; CPU time barely does. The ratios and targets therefore use CPU time, and wall time is
shown beside it together with the load average. `--repeat R` runs every build R times and
reports the median run of each. Even CPU time drifts on a shared machine (the same build varies
by a half over minutes), so our build and the lean floor run back to back, in turns first, and
the lean-floor target is checked on the median of those pairs' ratios. Each repeat also times
creating small files on the benchmark's disk, whose cost the builds' system time follows (ours
writes twice the files of a floor: the pages and the per-record API files).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from macros.render.search_index import search_bytes
from macros.zensical_site import FILE_SEARCH_INDEX, ZENSICAL
from tools import floor, synth, synth_history

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "BENCHMARKS.md"
START, END = "<!-- bench:start (written by python -m tools.bench; edits here are overwritten) -->", "<!-- bench:end -->"
DEFAULT_SIZES = (1000, 5000, 10000)
MB = 1024 * 1024

# Targets at the largest size.
TARGET_BUILD_VS_LEAN = 1.3
TARGET_BUILD_VS_FLOOR = 1.0
TARGET_GROWTH = 11.0  # time(10k) / time(1k): 10x the records, at most 11x the time
TARGET_PEAK_MB = 500
TARGET_PAGE_BYTES = 1 * MB
TARGET_VALIDATE_S = 2.0
TARGET_SEARCH_BYTES = 10 * MB  # the index on disk, every piece (a query loads only a few of them)
TARGET_CARDS_SHARE = 0.20  # the card images: at most this share of our build's CPU time
TARGET_CARDS_BYTES = 100 * MB  # and at most this much of the site

# What the build does with git: one pass over the log, every record's changes (macros/history.py).
READ_HISTORY = ("import sys; from pathlib import Path; from macros.history import read_history; "
                "h = read_history(Path(sys.argv[1]), 'data/'); assert h.available, h.reason; print(len(h.changes), 'changes')")

# What the build's card images (macros/export/cards.py) and feeds to follow (follow_feeds.py) cost:
# both steps of the build, timed alone in a process that first loads the data as the build does.
CARDS_COST = ("import json, sys, time; from pathlib import Path; from macros.load import load_dataset; "
              "from macros.export.cards import write_cards; from macros.export.follow_feeds import write_follow_feeds; "
              "from macros.i18n import Locale; words = Locale(); data = load_dataset(Path(sys.argv[1])); out = Path(sys.argv[2]); "
              "t = time.process_time(); cards = write_cards(data, out, words); card_s = time.process_time() - t; "
              "t = time.process_time(); feeds = write_follow_feeds(data, out, site_name='Tracker', site_url='https://example.org/', t=words); "
              "feed_s = time.process_time() - t; print(json.dumps({'cards': cards, 'card_s': card_s, 'feeds': feeds, 'feed_s': feed_s}))")

# Runs one command and reports its wall time and the peak RSS of what it waited for.
_MEASURE = r"""
import json, resource, subprocess, sys, time
cmd, log, cwd = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(log, "w") as out:
    t = time.perf_counter()
    rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
    wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kb": ru.ru_maxrss, "cpu": ru.ru_utime + ru.ru_stime, "system": ru.ru_stime}))
"""


@dataclass
class Run:
    wall: float
    peak_mb: float
    cpu: float  # user + system
    log: str
    system: float = 0.0  # of cpu: the kernel's share (creating and writing files, mostly)


@dataclass
class SiteStats:
    total_bytes: int = 0
    files: int = 0
    html_pages: int = 0
    largest_page: str = ""
    largest_bytes: int = 0
    search_bytes: int = 0
    median_record_bytes: int = 0
    largest_record_page: str = ""
    largest_record_bytes: int = 0
    over_limit: list = field(default_factory=list)  # [path, bytes] of HTML pages over TARGET_PAGE_BYTES, largest first
    card_bytes: int = 0  # assets/cards/: the card images link previews show
    card_files: int = 0
    follow_feed_bytes: int = 0  # feeds/: an Atom feed per actor and per negotiation issue


@dataclass
class Result:
    size: int
    ours: Run
    floor: Run
    lean: Run
    validate: Run
    ours_site: SiteStats
    floor_site: SiteStats
    lean_site: SiteStats
    counts: dict = field(default_factory=dict)
    commits: int = 0
    history: Run | None = None  # one `git log` over data/, as the build does it
    history_changes: int = 0
    # ours / lean floor of each repeat, the two built one right after the other
    paired: list[float] = field(default_factory=list)
    file_us: list[float] = field(default_factory=list)  # CPU µs to create one small file, at each repeat
    cards: dict = field(default_factory=dict)  # CARDS_COST's figures, median run: cards, card_s, feeds, feed_s
    zensical: Run | None = None  # the same site built on Zensical (python -m macros zensical)
    zensical_site: SiteStats | None = None


def measured(cmd: list[str], log: Path, env: dict | None = None, cwd: Path = ROOT, timeout: float = 3600) -> Run:
    wrapper = [sys.executable, "-c", _MEASURE, json.dumps([str(c) for c in cmd]), str(log), str(cwd)]
    # Its own process group, so that an interrupted benchmark stops the build too.
    proc = subprocess.Popen(wrapper, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except BaseException:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"measuring {cmd} failed:\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {result['rc']}; log: {log}\n" + log.read_text()[-3000:])
    return Run(wall=result["wall"], peak_mb=result["maxrss_kb"] / 1024, cpu=result["cpu"], log=str(log), system=result["system"])


def file_creation_us(folder: Path, files: int = 2000) -> float:
    """CPU microseconds (mostly the kernel's) to create and write one small file in `folder`: on
    a shared disk it varies tenfold over hours, and a build writes thousands of files."""
    probe = folder / "file-probe"
    probe.mkdir(parents=True, exist_ok=True)
    start = os.times()
    for n in range(files):
        (probe / f"{n}.json").write_bytes(b"{}" * 500)
    end = os.times()
    shutil.rmtree(probe)
    return (end.user + end.system - start.user - start.system) / files * 1e6


def site_stats(site: Path) -> SiteStats:
    stats = SiteStats()
    record_sizes = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        stats.total_bytes += size
        stats.files += 1
        rel_path = path.relative_to(site).as_posix()
        if rel_path.startswith("assets/cards/"):
            stats.card_bytes += size
            stats.card_files += 1
        elif rel_path.startswith("feeds/"):
            stats.follow_feed_bytes += size
        if path.suffix == ".html":
            stats.html_pages += 1
            rel = path.relative_to(site).as_posix()
            if size > stats.largest_bytes:
                stats.largest_page, stats.largest_bytes = rel, size
            if size > TARGET_PAGE_BYTES:
                stats.over_limit.append([rel, size])
            if rel.split("/")[0] in synth.KINDS and not rel.endswith("/index.html"):
                record_sizes.append(size)
                if size > stats.largest_record_bytes:
                    stats.largest_record_page, stats.largest_record_bytes = rel, size
    # Zensical's index for pages opened from disk is one script, loaded whole.
    stats.search_bytes = search_bytes(site) + ((site / FILE_SEARCH_INDEX).stat().st_size if (site / FILE_SEARCH_INDEX).is_file() else 0)
    stats.over_limit.sort(key=lambda item: -item[1])
    record_sizes.sort()
    stats.median_record_bytes = record_sizes[len(record_sizes) // 2] if record_sizes else 0
    return stats


def build_env(data_dir: Path | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("TRACKER_DATA_DIR", None)
    if data_dir is not None:
        env["TRACKER_DATA_DIR"] = str(data_dir)
    return env


def median_run(runs: list[Run]) -> Run:
    """The run with the median CPU time (of an even number, the faster middle one)."""
    return sorted(runs, key=lambda r: r.cpu)[(len(runs) - 1) // 2]


def bench_size(size: int, work: Path, seed: int, keep: bool, repeat: int = 1, zensical: bool = False) -> Result:
    here = work / f"n{size}"
    if here.exists():
        shutil.rmtree(here)
    here.mkdir(parents=True)
    data = here / "data"
    print(f"[{size:,}] generating data ...", flush=True)
    records = synth.write_dataset(size, data, seed)
    floor_config = floor.write_floor_site(records, here / "floor")
    lean_config = floor.write_lean_floor_site(records, here / "lean")
    # As many commits as records: record pages show their history, read in one pass over git log.
    commits = synth_history.write_history(here, size, seed)
    print(f"[{size:,}] {commits:,} synthetic commits", flush=True)

    ours_site, floor_site, lean_site = here / "site-ours", here / "site-floor", here / "site-lean"
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    builds = {  # name: (command, environment, working folder, site folder)
        "ours": ([*mkdocs, "--strict", "--config-file", ROOT / "mkdocs.yml", "--site-dir", ours_site], build_env(data), ROOT, ours_site),
        "lean floor": ([*mkdocs, "--config-file", lean_config, "--site-dir", lean_site], build_env(), lean_config.parent, lean_site),
        "floor": ([*mkdocs, "--config-file", floor_config, "--site-dir", floor_site], build_env(), floor_config.parent, floor_site),
    }
    zensical_site = here / "site-zensical"
    if zensical:
        builds["zensical"] = ([sys.executable, "-m", "macros", "zensical", zensical_site, "--data", data], build_env(), ROOT, zensical_site)
    validates, histories, file_us = [], [], []
    runs: dict[str, list[Run]] = {name: [] for name in builds}
    for attempt in range(1, repeat + 1):
        tag = f"[{size:,}]" + (f" run {attempt}/{repeat}" if repeat > 1 else "")
        file_us.append(file_creation_us(here))
        validates.append(measured([sys.executable, "-m", "macros", "validate", "--data", data], here / "validate.log", build_env()))
        histories.append(measured([sys.executable, "-c", READ_HISTORY, data], here / "history.log", build_env()))
        print(f"{tag} a small file costs {file_us[-1]:.0f} µs CPU to create; validate {validates[-1].cpu:.2f} s CPU", flush=True)
        # Ours and the lean floor one right after the other, in turns first: the machine's speed
        # drifts (the same build varies by a half over minutes), and their ratio is the target.
        order = ["ours", "lean floor"] if attempt % 2 else ["lean floor", "ours"]
        for name in [*order, *(name for name in builds if name not in order)]:
            cmd, env, cwd, site = builds[name]
            # Each build starts from no site, as in CI: removing the last one's thousands of files
            # is not the build's work (and on a disk the kernel's share of it comes later).
            shutil.rmtree(site, ignore_errors=True)
            runs[name].append(measured(cmd, here / f"{name.replace(' ', '-')}.log", env, cwd=cwd))
            run = runs[name][-1]
            print(f"{tag}   {name}: {run.cpu:.1f} s CPU ({run.system:.1f} s of it system), {run.wall:.1f} s wall, {run.peak_mb:.0f} MB", flush=True)
    cards = []
    for _ in range(repeat):
        shutil.rmtree(here / "cards-out", ignore_errors=True)
        run = measured([sys.executable, "-c", CARDS_COST, data, here / "cards-out"], here / "cards.log", build_env())
        cards.append(json.loads(Path(run.log).read_text().strip().splitlines()[-1]))
    cards.sort(key=lambda c: c["card_s"])
    print(f"[{size:,}] {cards[0]['cards']:,} cards drawn in {cards[(len(cards) - 1) // 2]['card_s']:.2f} s CPU", flush=True)
    shutil.rmtree(here / "cards-out", ignore_errors=True)
    paired = [o.cpu / lean.cpu for o, lean in zip(runs["ours"], runs["lean floor"])]
    result = Result(size, median_run(runs["ours"]), median_run(runs["floor"]), median_run(runs["lean floor"]), median_run(validates),
                    site_stats(ours_site), site_stats(floor_site), site_stats(lean_site), {k: len(v) for k, v in records.items()},
                    commits, median_run(histories), int(Path(histories[-1].log).read_text().split()[0]), paired, file_us,
                    cards[(len(cards) - 1) // 2])
    if zensical:
        result.zensical, result.zensical_site = median_run(runs["zensical"]), site_stats(zensical_site)
    if not keep:
        for site in (ours_site, floor_site, lean_site, zensical_site):
            shutil.rmtree(site, ignore_errors=True)
    return result


# --- report --------------------------------------------------------------------------------------

def _mb(n: int) -> str:
    return f"{n / MB:.2f} MB" if n >= 100 * 1024 else f"{n / 1024:.0f} kB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def paired_ratio(result: Result) -> float:
    """Ours against the lean floor: the median of the repeats' own ratios (each pair built back
    to back), which a drift of the machine's speed between repeats does not move."""
    return statistics.median(result.paired) if result.paired else result.ours.cpu / result.lean.cpu


def report(results: list[Result], command: str, load: str = "", repeat: int = 1) -> str:
    lines = [
        f"Command: `{command}`  ",
        f"Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}  ",
        f"Machine: {machine()}  ",
        f"Load average (1 min) at start and end: {load}.  " if load else "",
        f"Synthetic data with the proportions of data/ ({synth.calibration_table(synth.CALIBRATION)}).  ",
        f"Times are CPU seconds of the build process{f', median of {repeat} runs' if repeat > 1 else ''}, wall seconds in brackets.",
        "",
        "| records | build | time s | ours/floor | ours/lean | peak MB | output | HTML pages | median record page | largest HTML page | search index | validate s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for r in results:
        o, f, lean = r.ours_site, r.floor_site, r.lean_site
        lines.append(f"| {r.size:,} | ours | {r.ours.cpu:.1f} ({r.ours.wall:.1f}) | {_ratio(r.ours.cpu, r.floor.cpu)} | {_ratio(r.ours.cpu, r.lean.cpu)} | "
                     f"{r.ours.peak_mb:.0f} | {_mb(o.total_bytes)} | {o.html_pages:,} | {_mb(o.median_record_bytes)} | "
                     f"`{o.largest_page}` {_mb(o.largest_bytes)} | {_mb(o.search_bytes)} | {r.validate.cpu:.2f} ({r.validate.wall:.2f}) |")
        if r.zensical is not None:
            z = r.zensical_site
            lines.append(f"| {r.size:,} | ours on Zensical | {r.zensical.cpu:.1f} ({r.zensical.wall:.1f}) | {_ratio(r.zensical.cpu, r.floor.cpu)} | "
                         f"{_ratio(r.zensical.cpu, r.lean.cpu)} | {r.zensical.peak_mb:.0f} | {_mb(z.total_bytes)} | {z.html_pages:,} | "
                         f"{_mb(z.median_record_bytes)} | `{z.largest_page}` {_mb(z.largest_bytes)} | {_mb(z.search_bytes)} | |")
        for label, run, stats in (("floor", r.floor, f), ("lean floor", r.lean, lean)):
            lines.append(f"| {r.size:,} | {label} | {run.cpu:.1f} ({run.wall:.1f}) | | | {run.peak_mb:.0f} | {_mb(stats.total_bytes)} | {stats.html_pages:,} | "
                         f"{_mb(stats.median_record_bytes)} | `{stats.largest_page}` {_mb(stats.largest_bytes)} | {_mb(stats.search_bytes)} | |")
    lines += ["", "Ours against the lean floor, repeat by repeat (the two built back to back, in turns first), and what creating "
              "one small file cost the same disk at the start of each repeat:", "",
              "| records | ours / lean floor | median | one small file, CPU µs |", "| ---: | --- | ---: | --- |"]
    for r in results:
        lines.append(f"| {r.size:,} | {', '.join(f'{x:.2f}×' for x in r.paired)} | {paired_ratio(r):.2f}× | {', '.join(f'{us:.0f}' for us in r.file_us)} |")
    if len(results) > 1:
        small, large = results[0], results[-1]
        label = f"{large.size // 1000}k/{small.size // 1000}k" if small.size % 1000 == 0 and large.size % 1000 == 0 else f"{large.size}/{small.size}"
        lines += [
            "",
            f"Growth from {small.size:,} to {large.size:,} records ({large.size / small.size:g}× the records):",
            "",
            f"| {label} | ours | floor | lean floor |",
            "| --- | ---: | ---: | ---: |",
            f"| build time | {_ratio(large.ours.cpu, small.ours.cpu)} | {_ratio(large.floor.cpu, small.floor.cpu)} | {_ratio(large.lean.cpu, small.lean.cpu)} |",
            f"| peak memory | {_ratio(large.ours.peak_mb, small.ours.peak_mb)} | {_ratio(large.floor.peak_mb, small.floor.peak_mb)} | {_ratio(large.lean.peak_mb, small.lean.peak_mb)} |",
            f"| output size | {_ratio(large.ours_site.total_bytes, small.ours_site.total_bytes)} | {_ratio(large.floor_site.total_bytes, small.floor_site.total_bytes)} | {_ratio(large.lean_site.total_bytes, small.lean_site.total_bytes)} |",
            f"| largest page | {_ratio(large.ours_site.largest_bytes, small.ours_site.largest_bytes)} | {_ratio(large.floor_site.largest_bytes, small.floor_site.largest_bytes)} | {_ratio(large.lean_site.largest_bytes, small.lean_site.largest_bytes)} |",
            f"| search index | {_ratio(large.ours_site.search_bytes, small.ours_site.search_bytes)} | {_ratio(large.floor_site.search_bytes, small.floor_site.search_bytes)} | {_ratio(large.lean_site.search_bytes, small.lean_site.search_bytes)} |",
            f"| validate | {_ratio(large.validate.cpu, small.validate.cpu)} | | |",
        ]
        if large.zensical is not None and small.zensical is not None:
            lines += ["", f"On Zensical, from {small.size:,} to {large.size:,} records: build time {_ratio(large.zensical.cpu, small.zensical.cpu)}, "
                      f"peak memory {_ratio(large.zensical.peak_mb, small.zensical.peak_mb)}, largest page "
                      f"{_ratio(large.zensical_site.largest_bytes, small.zensical_site.largest_bytes)}."]
    lines += ["", "Record history from git (one `git log --name-status` over data/, as the build reads it; part of the build times above):", "",
              "| records | commits | changes to record files | read in s | share of our build |", "| ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        if r.history is not None:
            lines.append(f"| {r.size:,} | {r.commits:,} | {r.history_changes:,} | {r.history.cpu:.2f} ({r.history.wall:.2f}) | {r.history.wall / r.ours.wall:.0%} |")
    lines += ["", "Card images (`assets/cards/`, macros/export/cards.py) and the feeds to follow (`feeds/`, one per actor and "
              "per negotiation issue, follow_feeds.py): each step timed alone after loading the data (part of the build times above):", "",
              "| records | cards | drawn in s CPU | added to the rest of our build | cards on disk | feeds | written in s CPU | added to the rest of our build | feeds on disk |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        if r.cards:
            lines.append(f"| {r.size:,} | {r.cards['cards']:,} | {r.cards['card_s']:.2f} | {r.cards['card_s'] / (r.ours.cpu - r.cards['card_s']):.0%} | {_mb(r.ours_site.card_bytes)} | "
                         f"{r.cards['feeds']:,} | {r.cards['feed_s']:.2f} | {r.cards['feed_s'] / (r.ours.cpu - r.cards['feed_s']):.0%} | {_mb(r.ours_site.follow_feed_bytes)} |")
    lines += ["", *targets(results)]
    return "\n".join(lines) + "\n"


def targets(results: list[Result]) -> list[str]:
    large = results[-1]
    rows = [f"Targets, checked at {large.size:,} records" + ("" if large.size >= 10000 else " (the targets are set for 10,000)") + ":", "",
            "| target | measured | |", "| --- | --- | --- |"]

    def row(name: str, measured: str, ok: bool) -> None:
        rows.append(f"| {name} | {measured} | {'met' if ok else '**missed**'} |")

    ratio = paired_ratio(large)
    row(f"build ≤ {TARGET_BUILD_VS_LEAN}× lean floor", f"{ratio:.2f}× (median of the back-to-back ratios; the medians' ratio is "
        f"{large.ours.cpu / large.lean.cpu:.2f}×)", ratio <= TARGET_BUILD_VS_LEAN)
    row(f"build ≤ {TARGET_BUILD_VS_FLOOR}× floor", f"{large.ours.cpu / large.floor.cpu:.2f}×", large.ours.cpu <= TARGET_BUILD_VS_FLOOR * large.floor.cpu)
    if len(results) > 1:
        small = results[0]
        growth = large.ours.cpu / small.ours.cpu
        allowed = TARGET_GROWTH * (large.size / small.size) / 10
        row(f"time grows ≤ {allowed:g}× for {large.size / small.size:g}× the records", f"{growth:.2f}×", growth <= allowed)
    row(f"peak memory ≤ {TARGET_PEAK_MB} MB", f"{large.ours.peak_mb:.0f} MB", large.ours.peak_mb <= TARGET_PEAK_MB)
    over = large.ours_site.over_limit
    row("no HTML page over 1 MB", (f"{len(over)} over: " + ", ".join(f"`{p}` {_mb(b)}" for p, b in over[:5]) if over else
                                    f"largest `{large.ours_site.largest_page}` {_mb(large.ours_site.largest_bytes)}")
        + f"; largest record page `{large.ours_site.largest_record_page}` {_mb(large.ours_site.largest_record_bytes)}", not over)
    row(f"validate ≤ {TARGET_VALIDATE_S:g} s", f"{large.validate.cpu:.2f} s CPU ({large.validate.wall:.2f} s wall)", large.validate.cpu <= TARGET_VALIDATE_S)
    row("search index ≤ 10 MB (offline search from file://)", _mb(large.ours_site.search_bytes), large.ours_site.search_bytes <= TARGET_SEARCH_BYTES)
    if large.cards:
        share = large.cards["card_s"] / (large.ours.cpu - large.cards["card_s"])
        row(f"card images add ≤ {TARGET_CARDS_SHARE:.0%} to the build's CPU time", f"{share:.1%} ({large.cards['card_s']:.2f} s "
            f"to {large.ours.cpu - large.cards['card_s']:.1f} s)",
            share <= TARGET_CARDS_SHARE)
        row(f"card images ≤ {TARGET_CARDS_BYTES // MB} MB of the site", f"{_mb(large.ours_site.card_bytes)} in {large.ours_site.card_files:,} files",
            large.ours_site.card_bytes <= TARGET_CARDS_BYTES)
    return rows


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem = f", {mem_kb / MB:.0f} GB memory"
    except (OSError, StopIteration):
        mem = ""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown"))
    return f"nproc {cores}{f' ({cpu})' if cpu else ''}{mem}; Python {platform.python_version()} on {platform.system()} {platform.release()}; {versions}"


def write_report(text: str, path: Path = REPORT) -> None:
    block = f"{START}\n{text}{END}"
    if path.exists():
        current = path.read_text(encoding="utf-8")
        if START in current and END in current:
            head, rest = current.split(START, 1)
            tail = rest.split(END, 1)[1]
            path.write_text(head + block + tail, encoding="utf-8")
            return
    path.write_text("# Benchmarks\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated record counts (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="run every build R times and report the median (default 1)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the data, logs and sites there")
    parser.add_argument("--no-write", action="store_true", help="print the table only; leave BENCHMARKS.md alone")
    parser.add_argument("--without-zensical", action="store_true", help="leave out the build on Zensical (included when .venv/zensical has it)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the raw results as JSON")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes comma-separated numbers, e.g. 1000,5000")
    if not sizes or sizes[0] < synth.MIN_RECORDS:
        parser.error(f"sizes must be at least {synth.MIN_RECORDS}")
    command = "python -m tools.bench" + ("" if argv is None and len(sys.argv) == 1 else " " + " ".join(argv if argv is not None else sys.argv[1:]))

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up (finally below) when stopped
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    try:
        zensical = ZENSICAL.is_file() and not args.without_zensical
        results = [bench_size(size, work, args.seed, keep=bool(args.keep), repeat=max(1, args.repeat), zensical=zensical) for size in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, command, load=f"{load_start:.2f} → {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", repeat=args.repeat)
    print()
    print(text)
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    if not args.no_write:
        write_report(text)
        print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
