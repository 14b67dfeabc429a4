"""The command-line verbs as plain functions; site.py only parses arguments and maps errors to exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import evidence, pipeline, scaffold
from . import schemas as json_schemas
from . import serve as preview
from .report import print_warnings, printable_lines


def build(args: argparse.Namespace) -> int:
    """Build the site into --out."""
    report = pipeline.build(args.content, args.out, drafts=args.drafts, waiting=lambda: _waiting(args.out))
    print_warnings(list(report.warnings), sys.stderr, args.content)
    search = f"search index {report.search_seconds:.2f} s" if report.search_seconds else "search index unchanged"
    print(
        f"Built {report.pages} pages ({report.reused} unchanged since the last build) and {report.assets} assets "
        f"into {args.out}/ in {report.seconds:.2f} s ({search})"
    )
    return 0


def _waiting(out: Path) -> None:
    """Builds into one folder take turns there, whichever of its outputs each writes."""
    where = out.resolve().parent
    print(f"Another build is writing into {where}/; waiting for it to finish.", file=sys.stderr, flush=True)


def check(args: argparse.Namespace) -> int:
    """Validate without writing."""
    graph = pipeline.check(args.content, drafts=args.drafts)
    print_warnings(list(graph.warnings), sys.stderr, args.content)
    print(f"{args.content}/ is valid: {len(graph.records)} files checked", file=sys.stdout)
    if args.report:
        print(printable_lines("\n".join(["", "Evidence:", *evidence.summary(graph.evidence)])))
    return 0


def schemas(args: argparse.Namespace) -> int:
    """Write a JSON Schema per kind into --out, for editors to check files as authors type."""
    written = json_schemas.write_all(args.out)
    print(f"Wrote {len(written)} JSON Schemas into {args.out}/")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Preview the site with drafts, rebuilt and reloaded in the browser on every save, until Ctrl-C."""
    preview.serve(args.content, args.host, args.port, args.open)
    return 0


def new(args: argparse.Namespace) -> int:
    """Write a skeleton file for a new id (or a new site's site.yaml) and print its path, for the author to open."""
    print(scaffold.create(args.content, args.kind, args.id))
    return 0


VERBS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": build,
    "check": check,
    "schemas": schemas,
    "serve": serve,
    "new": new,
}
