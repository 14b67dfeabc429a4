"""How long the preview takes to bring its output up to date after an author saves one fact.

Measured on a copy of the example content and on a generated corpus of 10,000 files: one full build
first, then the same fact edited again and again. For each edit it prints the whole rebuild (reading
the changed file, linking, computing again the views whose reads changed, rendering and writing) as
the clock on the wall saw it and, within it, the re-render of the pages that show the fact. In the
preview, noticing the save adds up to one polling interval (0.2 s, or four times as long as a look
over the files takes) and 0.1 s of settling.

    python bench/edit_latency.py [--edits 5] [--files 10000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from onrecord.incremental import Builder  # noqa: E402
from onrecord.inputs import RACY_NS  # noqa: E402


def measure(content: Path, edits: int) -> None:
    """Build `content` once, then edit one fact `edits` times and print each rebuild's timings.

    Templates and assets are copied first, so edits made to the project meanwhile do not count.
    """
    site = content.parent
    shutil.copytree(ROOT / "templates", site / "templates")
    shutil.copytree(ROOT / "assets", site / "assets")
    builder = Builder(content, site / "out", site / "templates", site / "assets")
    first = builder.rebuild()
    if first.problems:
        raise SystemExit(f"{content} is not valid: {first.problems[0]}")
    print(f"  first build: {first.rendered} pages in {first.seconds:.2f} s")
    time.sleep(RACY_NS / 1e9)
    fact = _fact_file(content)
    totals, renders = [], []
    for edit in range(1, edits + 1):
        data = yaml.safe_load(fact.read_text(encoding="utf-8"))
        fact.write_text(
            yaml.safe_dump({**data, "summary": f"Edited {edit} times."}, allow_unicode=True), encoding="utf-8"
        )
        started = time.perf_counter()
        result = builder.rebuild()
        totals.append(time.perf_counter() - started)
        if result.problems:
            raise SystemExit(f"the edit broke {fact}: {result.problems[0]}")
        renders.append(result.render_seconds)
        print(
            f"  edit {edit}: rebuilt in {totals[-1] * 1000:.0f} ms ({builder.views.computed} views computed "
            f"again), of which re-rendering {result.rendered} pages and writing {len(result.touched)} files "
            f"took {result.render_seconds * 1000:.0f} ms"
        )
    print(
        f"  median: rebuilt in {statistics.median(totals) * 1000:.0f} ms, "
        f"re-render of the fact's pages {statistics.median(renders) * 1000:.0f} ms"
    )


def _fact_file(content: Path) -> Path:
    """A pledge: it shows on its own page and on the pages of whoever made it."""
    return sorted((content / "pledges").glob("*.yaml"))[0]


def main(argv: list[str] | None = None) -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--edits", type=int, default=5, help="edits to time on each site (default: 5)")
    cli.add_argument("--files", type=int, default=10_000, help="size of the generated corpus (default: 10000)")
    args = cli.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        example = Path(scratch, "example", "content")
        shutil.copytree(ROOT / "content", example)
        print(f"Example content ({sum(1 for p in example.rglob('*') if p.is_file())} files):")
        measure(example, args.edits)
        corpus = Path(scratch, "corpus", "content")
        started = time.perf_counter()
        generate(corpus, args.files)
        print(f"Generated corpus ({args.files} files, written in {time.perf_counter() - started:.1f} s):")
        measure(corpus, args.edits)


if __name__ == "__main__":
    main()
