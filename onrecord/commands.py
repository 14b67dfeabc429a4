"""The command-line verbs as plain functions; site.py only parses arguments and maps errors to exit codes."""
from __future__ import annotations

import argparse
import sys

from . import pipeline


def build(args: argparse.Namespace) -> int:
    """Build the site into --out."""
    report = pipeline.build(args.content, args.out, drafts=args.drafts)
    print(f"Built {report.pages} pages and {report.assets} assets into {args.out}/ in {report.seconds:.2f} s")
    return 0


def check(args: argparse.Namespace) -> int:
    """Validate without writing."""
    graph = pipeline.check(args.content, drafts=args.drafts)
    print(f"{args.content}/ is valid: {len(graph.records)} files checked", file=sys.stdout)
    return 0

NEW_KINDS = ("entities", "sources", "pledges", "statements", "contracts", "rulings", "events", "comparisons", "stories")
