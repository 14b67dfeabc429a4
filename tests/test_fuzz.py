"""Property: whatever bytes any content file holds, a build either succeeds or reports content problems.

Never a traceback, a hang or unbounded memory; every problem has a `file:line:column` inside the content
folder, and the report prints nothing a terminal would act on. `make test` runs a short, repeatable
budget; `make fuzz` explores for much longer (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import io
import os
import re
import resource
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import FrameType

import yaml
from conftest import SITE_YAML, VALID_FILES, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord import pipeline, report
from onrecord.errors import ContentErrors

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

EXAMPLE_SECONDS = 60
"""A single example that runs this long is hung: a build of these tiny sites takes a fraction of a second."""
MEMORY_HEADROOM = 2 << 30
"""Address space an example may add to the test process before it fails with MemoryError."""
FUZZED = {
    **VALID_FILES,
    "sources/acme-letter.txt": "Dear lawmakers,\n\nAcme no longer offers general purpose face scanners.\n",
}
"""The small site, with a stored text its pledge's quote is checked against."""
FILES = {"site.yaml": SITE_YAML, **FUZZED}
PIECES = [
    ": ",
    "- ",
    "\n",
    "\n  ",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object:x ",
    "!tag ",
    '"',
    "'",
    "|\n",
    ">\n",
    "#",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.1\n",
    "~",
    "null",
    "yes",
    "+2020",
    "0x1F",
    "1e999999999",
    "1e-99999999",
    ".nan",
    "-5",
    "2020-13-45",
    "2020-06~",
    "20XX",
    "TODO",
    "9" * 40,
    "<script>",
    "</style>",
    "<style>",
    "<!--",
    "<a href=javascript:x>",
    "<abbr title='[@acme-letter]'>",
    "[@acme-letter]",
    "[@nobody]",
    "::fact acme-pledge",
    "::timeline tag=x",
    "::comparison ",
    "![i](x)",
    "](javascript:x)",
    "\\",
    "\x1b[2J",
    "\x07",
    "\x00",
    "\x85",
    "\u202e",
    "\ufeff",
    "\ue000",
    "é",
    "漢字",
    "x" * 300,
    "[" * 200,
    "<a " * 50,
    "    " * 60 + "- x",
    "draft: true\n",
    "tags: [" + "t" * 150 + "]\n",
]


def mutated(original: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """The file with each (where, how much to cut, what to put there) applied, positions wrapping round."""
    data = bytearray(original)
    for where, cut, insert in edits:
        at = where % (len(data) + 1)
        data[at : at + cut] = insert
    return bytes(data)


HOSTILE_VALUES = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=40),
    st.integers(),
    st.decimals(allow_nan=True, places=None),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(PIECES), max_size=4),
    st.dictionaries(
        st.sampled_from(["fact", "excerpt", "amount", "currency", "x"]), st.sampled_from(PIECES), max_size=3
    ),
    st.lists(st.text(alphabet="[]()<>!*_#`\\@:&;-\n ", max_size=30), max_size=3).map("".join),
)


class Dumper(yaml.SafeDumper):
    """Writes decimals as the plain numbers an author would type."""


Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def with_field(original: bytes, field: str, value: object) -> bytes:
    """A YAML file (or a story's front matter) with one field set to a value, written out as valid YAML;
    a file an earlier change already broke is left as it is."""
    try:
        text = original.decode("utf-8")
        head, body = text.split("---\n", 2)[1:] if text.startswith("---\n") else (text, None)
        data = yaml.safe_load(head) or {}
        data[field] = value
    except (yaml.YAMLError, UnicodeDecodeError, TypeError, ValueError):
        return original
    dumped = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)
    return (dumped if body is None else f"---\n{dumped}---\n{body}").encode("utf-8", "surrogatepass")


FIELDS = [
    "title",
    "date",
    "summary",
    "body",
    "quote",
    "sources",
    "tags",
    "by",
    "speakers",
    "left",
    "right",
    "excerpts",
    "value",
    "rationale",
    "highlight",
    "name",
    "type",
    "url",
    "published",
    "authors",
    "draft",
    "updates",
    "replies",
    "description",
    "member_of",
    "language",
    "base_url",
    "end",
    "actors",
]
edit = st.tuples(
    st.integers(0, 10_000),
    st.integers(0, 40),
    st.one_of(
        st.sampled_from(PIECES).map(str.encode),
        st.binary(max_size=12),
        st.text(max_size=12).map(lambda s: s.encode("utf-8", "surrogatepass")),
    ),
)
site_change = st.tuples(
    st.sampled_from(sorted(FILES)),
    st.one_of(
        st.lists(edit, min_size=1, max_size=8).map(lambda edits: ("edit", edits)),
        st.binary(max_size=300).map(lambda data: ("replace", data)),
        st.tuples(st.sampled_from(FIELDS), HOSTILE_VALUES).map(lambda pair: ("set", pair)),
    ),
)


def changed(original: bytes, how: str, what: object) -> bytes:
    if how == "edit":
        return mutated(original, what)  # type: ignore[arg-type]
    if how == "set":
        return with_field(original, *what)  # type: ignore[misc]
    return what  # type: ignore[return-value]


@contextmanager
def bounded() -> Iterator[None]:
    """Each example gets a memory ceiling above what the process uses now, and an alarm if it hangs."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    ceiling = used + MEMORY_HEADROOM if hard == resource.RLIM_INFINITY else min(hard, used + MEMORY_HEADROOM)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))

    def hung(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"an example ran for more than {EXAMPLE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(EXAMPLE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@given(st.lists(site_change, min_size=1, max_size=3))
@settings()
def test_any_bytes_in_any_content_file_build_or_give_located_problems(changes: list[tuple[str, tuple]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = write_site(Path(folder), FUZZED)
        for relative, (how, what) in changes:
            path = content / relative
            path.write_bytes(changed(path.read_bytes(), how, what))
        with bounded():
            try:
                pipeline.build(content, Path(folder) / "site")
            except ContentErrors as errors:
                assert errors.problems
                printed = io.StringIO()
                report.print_problems(errors.problems, printed, content)
                real = os.path.realpath(content)
                for problem in errors.problems:
                    assert os.path.realpath(problem.location.path).startswith(real), problem
                    assert problem.location.line >= 1 and problem.location.column >= 1, problem
                assert not UNPRINTABLE.search(printed.getvalue())
                assert not (Path(folder) / "site").exists()
                return
        assert (Path(folder) / "site" / "index.html").is_file()
