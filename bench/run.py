"""Build-time benchmark: cold builds of generated sites, each in a fresh process, timed and measured.

A benchmark, not a test: it reports figures and never fails because a machine is slow.

    make bench
    python bench/run.py [--sizes 1000 10000] [--seed S] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = str(ROOT / "site.py")
SIZES = (1_000, 10_000)
REFERENCE = (("Hugo", 3.7), ("Eleventy", 13.0), ("MkDocs", 19.0))
TARGET = 2 * REFERENCE[0][1]
SEARCH_LINE = re.compile(r"\(search index (\d+\.\d+) s\)")


@dataclass(frozen=True)
class Run:
    """One finished command: wall and CPU time, its own peak resident memory, exit code and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    exit_code: int
    output: str


@dataclass(frozen=True)
class Result:
    """The figures for one corpus size."""

    files: int
    build: Run
    check: Run
    pages: int

    @property
    def search_seconds(self) -> float | None:
        """Of the build's time, what Pagefind took to index the site for search, as the build reports it."""
        found = SEARCH_LINE.search(self.build.output)
        return float(found.group(1)) if found else None


def timed(*args: str) -> Run:
    """Run `python ARGS` in a fresh process; wait4 gives that process's own peak memory, not an earlier one's."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        pid = os.posix_spawn(
            sys.executable,
            [sys.executable, *args],
            os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, log.fileno(), 1), (os.POSIX_SPAWN_DUP2, log.fileno(), 2)],
        )
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), output)


def measure(files: int, seed: int, repeat: int, scratch: Path) -> Result:
    """Generate a corpus (not timed), then time cold builds and checks of it, keeping the fastest of each."""
    content = scratch / f"content-{files}"
    print(f"generating {files:,} files ...", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.generate", str(content), str(files), "--seed", str(seed)], cwd=ROOT, check=True
    )
    builds, checks = [], []
    for attempt in range(1, repeat + 1):
        print(f"building {files:,} files ({attempt}/{repeat}) ...", file=sys.stderr, flush=True)
        # A fresh folder each time, nothing deleted until the end: on ext4, creating files just after
        # deleting thousands nearby costs several times the system time, which would skew the repeats.
        out = scratch / f"site-{files}-{attempt}"
        os.sync()
        builds.append(timed(SITE, "build", "--content", str(content), "--out", str(out)))
        checks.append(timed(SITE, "check", "--content", str(content)))
    pages = sum(1 for _ in out.rglob("*.html")) if out.is_dir() else 0
    return Result(files, fastest(builds), fastest(checks), pages)


def fastest(runs: list[Run]) -> Run:
    """Other work on the machine only ever slows a run down, so the fastest is the fairest figure."""
    failed = [run for run in runs if run.exit_code]
    return failed[0] if failed else min(runs, key=lambda run: run.seconds)


def header(load: float, repeat: int) -> str:
    """What the figures mean, and how busy the machine was: other work slows wall times, not CPU times."""
    return (
        f"Cold builds on {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, load average {load:.1f} at start.\n"
        f"Each run is a fresh process, fastest of {repeat}. cpu s: its user + system time (above build s when "
        "both cores work);\nsearch s: of build s, Pagefind indexing the pages; peak MiB: its largest resident size."
    )


def table(results: list[Result]) -> str:
    """The figures as an aligned plain-text table."""
    rows = [("files", "build s", "search s", "cpu s", "pages", "pages/s", "peak MiB", "check s", "check MiB")]
    for r in results:
        rate = f"{r.pages / r.build.seconds:,.0f}" if r.build.exit_code == 0 else "failed"
        rows.append(
            (
                f"{r.files:,}",
                f"{r.build.seconds:.2f}",
                "-" if r.search_seconds is None else f"{r.search_seconds:.2f}",
                f"{r.build.cpu_seconds:.2f}",
                f"{r.pages:,}",
                rate,
                f"{r.build.peak_mib:.0f}",
                f"{r.check.seconds:.2f}",
                f"{r.check.peak_mib:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=False)) for row in rows)


def context(results: list[Result]) -> str:
    """Where a 10,000-file build stands against other generators measured on the same kind of machine."""
    others = ", ".join(f"{name} about {seconds:g} s" for name, seconds in REFERENCE)
    lines = [
        f"For scale, on a 2-core machine an equivalent 10,000-page site builds in: {others}.",
        f"Target: a cold 10,000-file build within 2x Hugo ({TARGET:g} s), ahead of Eleventy and MkDocs.",
    ]
    for r in results:
        if r.files == 10_000 and r.build.exit_code == 0:
            verdict = "within" if r.build.seconds <= TARGET else "outside"
            lines.append(
                f"Here: {r.build.seconds:.2f} s, {r.build.seconds / REFERENCE[0][1]:.1f}x Hugo, {verdict} the target."
            )
    return "\n".join(lines)


def failures(results: list[Result]) -> str:
    """What a failed build or check printed, so a broken corpus or engine is not mistaken for a slow one."""
    return "\n".join(
        f"{name} of {r.files:,} files exited {run.exit_code}:\n{run.output[-3000:]}"
        for r in results
        for name, run in (("build", r.build), ("check", r.check))
        if run.exit_code
    )


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    cli.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes in files")
    cli.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    cli.add_argument("--repeat", type=int, default=1, help="runs per size, fastest reported (default: 1)")
    args = cli.parse_args(argv)
    load = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    try:
        results = [measure(files, args.seed, max(1, args.repeat), scratch) for files in args.sizes]
    finally:
        shutil.rmtree(scratch)
    print(header(load, max(1, args.repeat)) + "\n\n" + table(results) + "\n\n" + context(results))
    problems = failures(results)
    if problems:
        print("\n" + problems, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
