"""The build benchmark: cold and warm builds, check, the preview's edit latency, memory and page sizes.

A benchmark, not a test: it prints figures and never fails because a machine is slow. Every command
runs in a fresh process on a generated site (bench/generate.py), and each size is measured in one
sitting, so its figures are comparable with each other; no figure from another run is used.

- cold: a build into a new folder, with no drawings kept from an earlier build;
- warm: the same build again, unchanged, then again after one fact file changed;
- check: everything a build does but writing;
- preview: the median and the worst of EDITS saves of one fact, from the save to its page on disk,
  through the real server (bench/edit_latency.py);
- largest: the three largest pages of the cold build.

    make bench
    python bench/run.py [--sizes 1000 10000 100000] [--seed S] [--repeat R] [--edits E]
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
sys.path.insert(0, str(ROOT))

from bench import edit_latency  # noqa: E402

SITE = str(ROOT / "site.py")
SIZES = (1_000, 10_000)
EDITS = 10
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
    cold: Run
    unchanged: Run
    one_change: Run
    check: Run
    latency: edit_latency.Latency | None
    pages: int
    largest: tuple[tuple[int, str], ...]

    def runs(self) -> tuple[tuple[str, Run], ...]:
        return (
            ("cold build", self.cold),
            ("warm, unchanged", self.unchanged),
            ("warm, one change", self.one_change),
            ("check", self.check),
        )

    @property
    def search_seconds(self) -> float | None:
        """Of the cold build's time, what Pagefind took to index the site, as the build reports it."""
        found = SEARCH_LINE.search(self.cold.output)
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


def measure(files: int, seed: int, repeat: int, edits: int, scratch: Path) -> Result:
    """Generate a corpus (not timed), then time its builds and checks, keeping the fastest of each."""
    content = scratch / f"content-{files}"
    say(f"generating {files:,} files")
    subprocess.run(
        [sys.executable, "-m", "bench.generate", str(content), str(files), "--seed", str(seed)], cwd=ROOT, check=True
    )
    colds, unchanged, changed, checks = [], [], [], []
    largest: tuple[tuple[int, str], ...] = ()
    for attempt in range(1, repeat + 1):
        # A fresh folder each time, nothing deleted until the end: on ext4, creating files just after
        # deleting thousands nearby costs several times the system time, which would skew the repeats.
        out = scratch / f"round-{files}-{attempt}" / "site"
        out.parent.mkdir()
        build = (SITE, "build", "--content", str(content), "--out", str(out))
        say(f"building {files:,} files, cold ({attempt}/{repeat})")
        os.sync()
        colds.append(timed(*build))
        if attempt == 1:
            largest = _largest(out)
        say(f"building {files:,} files, warm ({attempt}/{repeat})")
        unchanged.append(timed(*build))
        _change_one_fact(content, attempt)
        changed.append(timed(*build))
        say(f"checking {files:,} files ({attempt}/{repeat})")
        checks.append(timed(SITE, "check", "--content", str(content)))
    latency = None
    if edits:
        say(f"timing {edits} saves in the preview of {files:,} files")
        latency = edit_latency.measure(content, edits)
    pages = sum(1 for _ in out.rglob("*.html")) if out.is_dir() else 0
    return Result(files, fastest(colds), fastest(unchanged), fastest(changed), fastest(checks), latency, pages, largest)


def say(doing: str) -> None:
    print(f"{doing} ...", file=sys.stderr, flush=True)


def _change_one_fact(content: Path, round_number: int) -> None:
    """Reword one pledge's summary, as an author's one edit between two builds."""
    fact = sorted((content / "pledges").glob("*.yaml"))[0]
    text = fact.read_text(encoding="utf-8")
    fact.write_text(re.sub(r"(?m)^summary: .*$", f"summary: Reworded in round {round_number}.", text, count=1))


def _largest(out: Path) -> tuple[tuple[int, str], ...]:
    if not out.is_dir():
        return ()
    sizes = sorted(((p.stat().st_size, p.relative_to(out).as_posix()) for p in out.rglob("*.html")), reverse=True)
    return tuple(sizes[:3])


def fastest(runs: list[Run]) -> Run:
    """Other work on the machine only ever slows a run down, so the fastest is the fairest figure."""
    failed = [run for run in runs if run.exit_code]
    return failed[0] if failed else min(runs, key=lambda run: run.seconds)


def header(load: tuple[float, float], repeat: int) -> str:
    """What the figures mean, and how busy the machine was: other work slows wall times, not CPU times."""
    return (
        f"On {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}; load average {load[0]:.1f} at the start, "
        f"{load[1]:.1f} at the end.\n"
        f"Each command is a fresh process, fastest of {repeat}. cpu s: its user + system time (above s when both "
        "cores work); peak MiB: its largest resident size.\nwarm: the build again, unchanged / after one fact "
        "changed. search s: of the cold build, Pagefind indexing the pages while the other files are made.\n"
        "No other generator is run here, so no ratio to one is printed."
    )


def table(results: list[Result]) -> str:
    """The figures as aligned plain-text tables: builds and checks, then pages and the preview."""
    rows = [("files", "command", "s", "cpu s", "peak MiB")]
    for r in results:
        for name, run in r.runs():
            shown = f"{run.seconds:.2f}" if run.exit_code == 0 else "failed"
            rows.append((f"{r.files:,}", name, shown, f"{run.cpu_seconds:.2f}", f"{run.peak_mib:.0f}"))
    second = [("files", "pages", "pages/s", "search s", "preview median ms", "worst ms")]
    for r in results:
        rate = f"{r.pages / r.cold.seconds:,.0f}" if r.cold.exit_code == 0 else "failed"
        search = "-" if r.search_seconds is None else f"{r.search_seconds:.2f}"
        median, worst = (f"{r.latency.median * 1000:.0f}", f"{r.latency.worst * 1000:.0f}") if r.latency else ("-", "-")
        second.append((f"{r.files:,}", f"{r.pages:,}", rate, search, median, worst))
    largest = "\n".join(
        f"Largest pages of {r.files:,} files: " + ", ".join(f"{path} {size / 1024:.0f} KB" for size, path in r.largest)
        for r in results
    )
    return _aligned(rows) + "\n\n" + _aligned(second) + "\n\n" + largest + "\n"


def _aligned(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def failures(results: list[Result]) -> str:
    """What a failed build or check printed, so a broken corpus or engine is not mistaken for a slow one."""
    return "\n".join(
        f"{name} of {r.files:,} files exited {run.exit_code}:\n{run.output[-3000:]}"
        for r in results
        for name, run in r.runs()
        if run.exit_code
    )


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    cli.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes in files")
    cli.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    cli.add_argument("--repeat", type=int, default=1, help="runs per size, fastest reported (default: 1)")
    cli.add_argument("--edits", type=int, default=EDITS, help=f"preview saves to time, 0 for none (default: {EDITS})")
    args = cli.parse_args(argv)
    started = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    try:
        results = [measure(files, args.seed, max(1, args.repeat), args.edits, scratch) for files in args.sizes]
    finally:
        shutil.rmtree(scratch)
    print(header((started, os.getloadavg()[0]), max(1, args.repeat)) + "\n\n" + table(results))
    problems = failures(results)
    if problems:
        print("\n" + problems, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
