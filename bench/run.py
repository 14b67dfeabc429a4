"""The build benchmark: cold and warm builds, check, the preview's edit latency, memory and page sizes.

A benchmark, not a test: it prints figures and never fails because a machine is slow. Every command
runs in a fresh process on a generated site (bench/generate.py), and each size is measured in one
sitting, so its figures are comparable with each other; no figure from another run is used.

- cold: a build into a new folder, with no drawings kept from an earlier build;
- warm: the same build again, unchanged, then again after one fact file changed;
- check: everything a build does but writing;
- preview: the median and the worst of EDITS saves of one fact, from the save to its page on disk,
  through the real server (bench/edit_latency.py);
- largest: the three largest pages of the cold build;
- peers (with --peers): a cold build of the same corpus by Hugo, Eleventy and MkDocs, each exported
  to its own idiom (bench/peers.py), in the same rounds as ours, so "x ours" and "ours / Hugo" compare
  runs made minutes apart on the same machine, never figures from elsewhere.

    make bench
    make bench-peers
    python bench/run.py [--sizes 1000 10000 100000] [--seed S] [--repeat R] [--edits E] [--peers]
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

from bench import edit_latency, peers  # noqa: E402

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
class PeerResult:
    """Another generator's cold build of the same corpus, fastest of the same rounds as ours, and its pages."""

    name: str
    cold: Run
    pages: int


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
    peers: tuple[PeerResult, ...]

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


def timed(*argv: str) -> Run:
    """Run ARGV (a program's path, then its arguments) in a fresh process; wait4 gives that process's own
    peak memory, not an earlier one's."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        pid = os.posix_spawn(
            argv[0],
            list(argv),
            os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, log.fileno(), 1), (os.POSIX_SPAWN_DUP2, log.fileno(), 2)],
        )
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), output)


def measure(files: int, seed: int, repeat: int, edits: int, scratch: Path, others: list[peers.Peer]) -> Result:
    """Generate a corpus (not timed), then time its builds and checks, keeping the fastest of each; each
    round ends with a cold build by every other generator, exported (not timed) from the same corpus."""
    content = scratch / f"content-{files}"
    say(f"generating {files:,} files")
    subprocess.run(
        [sys.executable, "-m", "bench.generate", str(content), str(files), "--seed", str(seed)], cwd=ROOT, check=True
    )
    sites: list[tuple[peers.Peer, Path]] = []
    if others:
        say(f"exporting {files:,} files for " + ", ".join(peer.name for peer in others))
        sites = peers.export(content, others, scratch / f"peers-{files}")
    colds, unchanged, changed, checks = [], [], [], []
    peer_colds: dict[str, list[Run]] = {peer.name: [] for peer in others}
    largest: tuple[tuple[int, str], ...] = ()
    for attempt in range(1, repeat + 1):
        # A fresh folder each time, nothing deleted until the end: on ext4, creating files just after
        # deleting thousands nearby costs several times the system time, which would skew the repeats.
        out = scratch / f"round-{files}-{attempt}" / "site"
        out.parent.mkdir()
        build = (sys.executable, SITE, "build", "--content", str(content), "--out", str(out))
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
        checks.append(timed(sys.executable, SITE, "check", "--content", str(content)))
        for peer, site in sites:
            say(f"building {files:,} files with {peer.name}, cold ({attempt}/{repeat})")
            os.sync()
            peer_colds[peer.name].append(timed(*peer.argv(site, out.parent / peer.folder)))
    latency = None
    if edits:
        say(f"timing {edits} saves in the preview of {files:,} files")
        latency = edit_latency.measure(content, edits)
    others_done = tuple(
        PeerResult(peer.name, fastest(peer_colds[peer.name]), _pages(out.parent / peer.folder)) for peer, _ in sites
    )
    cold, warm, one = fastest(colds), fastest(unchanged), fastest(changed)
    return Result(files, cold, warm, one, fastest(checks), latency, _pages(out), largest, others_done)


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0


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


def header(load: tuple[float, float], repeat: int, compared: str) -> str:
    """What the figures mean, and how busy the machine was: other work slows wall times, not CPU times."""
    return (
        f"On {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}; load average {load[0]:.1f} at the start, "
        f"{load[1]:.1f} at the end.\n"
        f"Each command is a fresh process, fastest of {repeat}. cpu s: its user + system time (above s when both "
        "cores work); peak MiB: its largest resident size.\nwarm: the build again, unchanged / after one fact "
        "changed. search s: of the cold build, Pagefind indexing the pages while the other files are made.\n" + compared
    )


def compared(asked: bool, ran: list[peers.Peer], missing: list[str]) -> str:
    """Which other generators ran on the same corpus, and why any did not, for the header's last line."""
    if not asked:
        return (
            "No other generator is run here, so no ratio to one is printed. "
            "--peers runs Hugo, Eleventy and MkDocs on the same data."
        )
    absent = f"\nNot installed, so not run: {', '.join(missing)} (sh bench/peers.sh installs them)." if missing else ""
    if not ran:
        return "No other generator is run here, so no ratio to one is printed." + absent
    return (
        f"{', '.join(peer.name for peer in ran)}: a cold build each of the same corpus, into a new folder, in the "
        "same rounds as ours.\nx ours: its s over our cold build's; ours / Hugo: our cold build's s over Hugo's. "
        "Ours also writes feeds, tag,\nsource and data pages and share cards, which the peers' sites lack, "
        "and a search index, which\nonly Hugo + Pagefind's has." + absent
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
    third = _peer_table(results)
    return _aligned(rows) + "\n\n" + _aligned(second) + "\n\n" + largest + "\n" + (f"\n{third}\n" if third else "")


def _peer_table(results: list[Result]) -> str:
    """Our cold build beside each other generator's, with the ratios; empty when no other generator ran."""
    if not any(r.peers for r in results):
        return ""
    rows: list[tuple[str, ...]] = [("files", "generator", "s", "cpu s", "peak MiB", "pages", "x ours", "ours / Hugo")]
    for r in results:
        hugo = next((peer.cold for peer in r.peers if peer.name == "Hugo"), None)
        rows.append((f"{r.files:,}", "ours", *_figures(r.cold), f"{r.pages:,}", "-", _ratio(r.cold, hugo)))
        for peer in r.peers:
            rows.append(
                (f"{r.files:,}", peer.name, *_figures(peer.cold), f"{peer.pages:,}", _ratio(peer.cold, r.cold), "-")
            )
    return _aligned(rows)


def _figures(run: Run) -> tuple[str, str, str]:
    shown = f"{run.seconds:.2f}" if run.exit_code == 0 else "failed"
    return shown, f"{run.cpu_seconds:.2f}", f"{run.peak_mib:.0f}"


def _ratio(run: Run, other: Run | None) -> str:
    """Run's wall time over the other's, when both ran and neither failed."""
    if other is None or run.exit_code or other.exit_code:
        return "-"
    return f"{run.seconds / other.seconds:.2f}"


def _aligned(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def failures(results: list[Result]) -> str:
    """What a failed build or check printed, so a broken corpus or engine is not mistaken for a slow one."""
    runs = [(name, r, run) for r in results for name, run in r.runs()]
    runs += [(f"{peer.name} cold build", r, peer.cold) for r in results for peer in r.peers]
    return "\n".join(
        f"{name} of {r.files:,} files exited {run.exit_code}:\n{run.output[-3000:]}"
        for name, r, run in runs
        if run.exit_code
    )


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    cli.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes in files")
    cli.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    cli.add_argument("--repeat", type=int, default=1, help="runs per size, fastest reported (default: 1)")
    cli.add_argument("--edits", type=int, default=EDITS, help=f"preview saves to time, 0 for none (default: {EDITS})")
    cli.add_argument(
        "--peers",
        action="store_true",
        help="also time Hugo, Eleventy and MkDocs on the same corpus (sh bench/peers.sh)",
    )
    args = cli.parse_args(argv)
    others, missing = peers.find() if args.peers else ([], [])
    repeat = max(1, args.repeat)
    started = os.getloadavg()[0]
    scratch = Path(tempfile.mkdtemp(prefix="onrecord-bench-"))
    try:
        results = [measure(files, args.seed, repeat, args.edits, scratch, others) for files in args.sizes]
    finally:
        shutil.rmtree(scratch)
    note = compared(args.peers, others, missing)
    print(header((started, os.getloadavg()[0]), repeat, note) + "\n\n" + table(results))
    problems = failures(results)
    if problems:
        print("\n" + problems, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
