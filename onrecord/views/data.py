"""Open data: every published record as JSON and CSV in `data/`, with the JSON Schemas, a Frictionless Data
Package descriptor, and the downloads page that lists them.

The JSON gives each record's fields exactly as validated (`model_dump(mode="json")`: dates as their EDTF
text, amounts as decimal strings, never floats), with its id; the CSV tables (tables.py) flatten them for
spreadsheets. Records are sorted by id, so a record whose date changes keeps its place and two releases
compare line by line. Drafts are in no data file, not even in a preview.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol

from .. import kinds, schemas
from ..link import SiteGraph
from ..model import Filed, Strict
from ..translation import N_, _, n_
from ..validate import Record
from .common import Context
from .tables import (
    AMOUNT_COLUMNS,
    SOURCE_COLUMNS,
    Column,
    Row,
    Table,
    amount_rows,
    csv_bytes,
    csv_header,
    csv_rows,
    kind_table,
    published,
    record_cells,
    source_rows,
)
from .web import absolute

FOLDER = "data/"
KIND_DATA = "data-kind"
"""The memoised family of each kind's encoded records and rows, which every data file is joined from."""
RECORD_DATA = "data-record"
"""The memoised family of each record's share of its kind's (`_RecordData`)."""
PAGE = (FOLDER, N_("Open data"))
PACKAGE = "datapackage.json"
Json = Any  # the descriptor and the records are untyped JSON


@dataclass(frozen=True)
class _File:
    """A data file: its path inside data/, its bytes, and what the descriptor (in English, as the file names,
    columns and keys are) and the page (in the site's language) say of it."""

    path: str
    data: bytes
    format: str
    about: str
    table: Table | None = None
    shown: str = ""
    """What the downloads page says of it: `about` in the site's language."""


@dataclass(frozen=True, kw_only=True)
class DataFileView:
    """A file the downloads page lists."""

    url: str
    name: str
    format: str
    size: str
    about: str


@dataclass(frozen=True, kw_only=True)
class DataGroup:
    """Files listed together under one heading."""

    heading: str
    intro: str
    files: tuple[DataFileView, ...]


@dataclass(frozen=True, kw_only=True)
class DownloadsView:
    """The downloads page: the licence, who publishes, and every data file."""

    licence: str
    publisher: str
    groups: tuple[DataGroup, ...]


@dataclass(frozen=True)
class _KindData:
    """One kind's share of the data files, made once per change to its records: the rest is joined from these."""

    records: bytes
    """Its published records, sorted by id, as the JSON list every JSON file holds."""
    table: Table
    """Its table's columns (the rows are in `csv`)."""
    csv: bytes
    """Its table as the CSV file of the kind."""
    amounts: bytes
    """Its rows of amounts.csv, as CSV lines."""
    cited: bytes
    """Its rows of sources-cited.csv, as CSV lines."""


@dataclass(frozen=True)
class _RecordData:
    """One record's share of its kind's, made once per change to what it reads: a kind is joined from these."""

    text: str
    """The record as JSON text, with its id, as it reads inside the kind's list."""
    cells: Row
    amounts: bytes
    cited: bytes


def data_files(ctx: Context) -> list[tuple[str, bytes]]:
    """Every file of data/ as (path in the output, bytes): OUTPUTS writes them."""
    files = _files(ctx)
    every = [*files, _File(PACKAGE, package(ctx.graph, files), "json", "")]
    return [(FOLDER + file.path, file.data) for file in every]


def _files(ctx: Context) -> list[_File]:
    """Every data file but the descriptor, in the order the descriptor and the page list them (memoised:
    the downloads page shows their sizes)."""
    return ctx.memo("data-files", "", lambda: _made(ctx))


def _made(ctx: Context) -> list[_File]:
    site, names = ctx.graph.site, kinds.names()
    parts = {kind: _kind_data(ctx, kind) for kind in names}
    listed = ", ".join(f"{_text(kind)}: {parts[kind].records.decode()}" for kind in sorted(names))
    everything = f'{{"records": {{{listed}}}, "site": {_text(site.model_dump(mode="json"))}}}\n'
    about = N_("the site's settings and every published record, by kind")
    found = [_File("site.json", everything.encode(), "json", about, shown=_(about))]
    for kind in names:
        each = kinds.kind(kind).singular
        alone = (
            f'{{"kind": {_text(kind)}, "licence": {_text(site.licence)}, "records": {parts[kind].records.decode()}}}\n'
        )
        about = N_("every %(kind)s, with every field")
        found.append(
            _File(f"{kind}.json", alone.encode(), "json", about % {"kind": each}, shown=_(about, kind=_(each)))
        )
        about = N_("every %(kind)s, one a row")
        shown = _(about, kind=_(each))
        found.append(_File(f"{kind}.csv", parts[kind].csv, "csv", about % {"kind": each}, parts[kind].table, shown))
    amounts = csv_header(AMOUNT_COLUMNS) + b"".join(parts[kind].amounts for kind in names)
    about = N_("every amount of money on record, one a row, with the conversions sources reported")
    found.append(_File("amounts.csv", amounts, "csv", about, Table(AMOUNT_COLUMNS, ()), _(about)))
    cited = csv_header(SOURCE_COLUMNS) + b"".join(parts[kind].cited for kind in names)
    about = N_("every source each record cites, in any field or in its text, one a row")
    found.append(_File("sources-cited.csv", cited, "csv", about, Table(SOURCE_COLUMNS, ()), _(about)))
    for kind, model in kinds.models().items():
        if kind == "site":
            about, folder = N_("what site.yaml may hold, field by field"), {}
        else:
            about, folder = N_("what a file in %(folder)s may hold, field by field"), {"folder": f"{kind}/"}
        path = f"schemas/{schemas.file_name(kind)}"
        found.append(_File(path, _schema(kind, model), "json", about % folder, shown=_(about, **folder)))
    return found


def _kind_data(ctx: Context, kind: str) -> _KindData:
    return ctx.memo(KIND_DATA, kind, lambda: _kind_made(ctx, kind))


def _kind_made(ctx: Context, kind: str) -> _KindData:
    records = published(ctx.graph, kind)
    parts = [ctx.memo_of(RECORD_DATA, record, _record_made) for record in records]
    table = kind_table(kind, [(record.id, part.cells) for record, part in zip(records, parts, strict=True)])
    return _KindData(
        records=f"[{', '.join(part.text for part in parts)}]".encode(),
        table=Table(table.columns, (), table.key),
        csv=csv_bytes(table),
        amounts=b"".join(part.amounts for part in parts),
        cited=b"".join(part.cited for part in parts),
    )


def _record_made(ctx: Context, record: Record[Filed]) -> _RecordData:
    value = record.model.model_dump(mode="json")
    return _RecordData(
        text=_text({"id": record.id, **value}),
        cells=record_cells(record.kind, value),
        amounts=csv_rows(amount_rows(record)),
        cited=csv_rows(source_rows(ctx.graph, record)),
    )


def _text(value: Json) -> str:
    """A value as JSON text, compact and with sorted keys, exactly as it reads inside a larger document:
    so each kind's records are encoded once and the files that hold them are joined from that text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@functools.cache
def _schema(kind: str, model: type[Strict]) -> bytes:
    """A kind's JSON Schema, made once per model: it follows from the code, never from the content."""
    return schemas.text(kind).encode()


def _json(value: Json) -> bytes:
    """Compact, so the C encoder writes it (indenting would take the pure-Python one, ten times slower)."""
    return (_text(value) + "\n").encode()


def package(graph: SiteGraph, files: Iterable[_File]) -> bytes:
    """The Frictionless Data Package descriptor (version 1 of the specification) of the data files."""
    site = graph.site
    descriptor = {
        "profile": "data-package",
        "name": package_name(site.title),
        "title": site.title,
        "description": site.tagline,
        "homepage": absolute(site, ""),
        "licenses": [{"name": re.sub(r"\s+", "-", site.licence.strip()), "title": site.licence}],
        "contributors": [{"title": site.publisher, "role": "publisher"}],
        "resources": [_resource(file) for file in files],
    }
    return _json(descriptor)


def package_name(title: str) -> str:
    """The package's `name`: the site's title in lowercase ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "site"


def _resource(file: _File) -> Json:
    resource: Json = {
        "name": re.sub(r"[^a-z0-9]+", "-", file.path.lower()).strip("-"),
        "path": file.path,
        "description": file.about[:1].upper() + file.about[1:] + ".",
        "format": file.format,
        "mediatype": "text/csv" if file.format == "csv" else "application/json",
        "encoding": "utf-8",
        "bytes": len(file.data),
        "hash": "sha256:" + hashlib.sha256(file.data).hexdigest(),
    }
    if file.table is None:
        resource["type"] = "json"  # read as a whole document: never as a table, nor a JSON Schema as a Table Schema
    else:
        resource["profile"] = "tabular-data-resource"
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "header": True}
        resource["schema"] = _table_schema(file.table)
    return resource


def _table_schema(table: Table) -> Json:
    schema: Json = {"fields": [_field(column) for column in table.columns]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    return schema


def _field(column: Column) -> Json:
    field: Json = {"name": column.name, "type": column.type}
    if column.description:
        field["description"] = column.description
    return field


def downloads_view(ctx: Context) -> DownloadsView:
    """Every data file with its format and size, grouped as the page lists them."""
    graph = ctx.graph
    files = _files(ctx)
    listed = {file.path: file for file in files}
    descriptor = _File(
        PACKAGE, package(graph, files), "json", "", shown=_("what every file here holds, column by column")
    )
    whole = (listed["site.json"], descriptor)
    by_kind = tuple(listed[f"{kind}.{form}"] for kind in kinds.names() for form in ("csv", "json"))
    tables = (listed["amounts.csv"], listed["sources-cited.csv"])
    schemata = tuple(file for file in files if file.path.startswith("schemas/"))
    return DownloadsView(
        licence=graph.site.licence,
        publisher=graph.site.publisher,
        groups=(
            _group(ctx, _("The whole site"), _("Everything in one file, and the description of every file."), whole),
            _group(ctx, _("By kind"), _("A table and a JSON file for each kind of record."), by_kind),
            _group(ctx, _("Long tables"), _("Lists that are data in their own right, one item a row."), tables),
            _group(ctx, _("Schemas"), _("What each kind of record may hold, field by field."), schemata),
        ),
    )


def _group(ctx: Context, heading: str, intro: str, files: Iterable[_File]) -> DataGroup:
    return DataGroup(heading=heading, intro=intro, files=tuple(_file_view(file, ctx.locale) for file in files))


def _file_view(file: _File, where: Locale) -> DataFileView:
    return DataFileView(
        url=FOLDER + file.path,
        name=file.path.removeprefix("schemas/"),
        format=file.format.upper(),
        size=size_words(len(file.data), where),
        about=file.shown,
    )


def size_words(size: int, where: Locale) -> str:
    """A file's size as readers say it where they are: 512 bytes, 3.4 kB, 1.2 MB (in French 3,4 ko, 1,2 Mo)."""
    if size < 1000:
        return n_("%(count)s byte", "%(count)s bytes", size)
    point = get_decimal_symbol(where)
    if size < 1_000_000:
        return _("%(size)s kB", size=f"{size / 1000:.1f}".replace(".", point))
    return _("%(size)s MB", size=f"{size / 1_000_000:.1f}".replace(".", point))
