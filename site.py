"""On the Record: build, check and preview an explainer site from fact files.

    python site.py build [--content DIR] [--out DIR] [--drafts]
    python site.py check [--content DIR] [--drafts] [--report]
    python site.py serve [--content DIR] [--host HOST] [--port PORT] [--open]
    python site.py new KIND ID [--content DIR]
    python site.py new site [--content DIR]
    python site.py schemas [--out DIR]

Exit status: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

try:
    from onrecord import commands, kinds
    from onrecord.errors import ContentErrors, EnvironmentFailure, UsageError
    from onrecord.report import print_problems, printable
except ModuleNotFoundError as missing:
    if (missing.name or "").partition(".")[0] == "onrecord":
        raise
    print(
        f"site.py: {sys.executable} does not have {missing.name}, which site.py needs. Run 'make check', "
        "'make build' or 'make serve' (they set up .venv/ with everything), or, once make has, run: "
        f".venv/bin/python site.py {shlex.join(sys.argv[1:]) or 'check'}",
        file=sys.stderr,
    )
    sys.exit(2)


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="site.py", description=__doc__.splitlines()[0])
    verbs = cli.add_subparsers(dest="verb", required=True, metavar="COMMAND")
    build = verbs.add_parser("build", help="validate the content and write the site")
    _content(build)
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    build.add_argument("--drafts", action="store_true", help="include facts and stories marked draft")
    check = verbs.add_parser("check", help="validate the content without writing anything")
    _content(check)
    check.add_argument("--drafts", action="store_true", help="check as if drafts were published")
    check.add_argument(
        "--report",
        action="store_true",
        help="then sum up the evidence: facts by verification, quotes checked, sources archived",
    )
    serve = verbs.add_parser("serve", help="preview with live reload while you edit")
    _content(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    new = verbs.add_parser("new", help="write a skeleton fact file, or the site.yaml of a new site")
    new.add_argument("kind", help="what to create: " + ", ".join(kinds.names()) + ", or site (site.yaml)")
    new.add_argument("id", nargs="?", help="the new file's id: lowercase letters, digits and hyphens (none for site)")
    _content(new)
    schemas = verbs.add_parser("schemas", help="write the JSON Schemas editors validate fact files with")
    schemas.add_argument("--out", type=Path, default=Path("schemas"), help="output folder (default: schemas)")
    return cli


def _content(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a terminal that cannot show a character gets an escape
    args = parser().parse_args(argv)
    try:
        return commands.VERBS[args.verb](args)
    except ContentErrors as errors:
        print_problems(errors.problems, sys.stderr, getattr(args, "content", None))
        return 1
    except (UsageError, EnvironmentFailure) as error:
        print(f"site.py: {printable(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("site.py: stopped; nothing was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
