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

from .. import kinds, schemas
from ..link import SiteGraph
from ..model import Strict
from .tables import Column, Table, amounts_table, csv_bytes, kind_table, published, sources_table
from .web import absolute

FOLDER = "data/"
PAGE = (FOLDER, "Open data")
PACKAGE = "datapackage.json"
Json = Any  # the descriptor and the records are untyped JSON


@dataclass(frozen=True)
class _File:
    """A data file: its path inside data/, its bytes, and what the descriptor and the page say of it."""

    path: str
    data: bytes
    format: str
    about: str
    table: Table | None = None


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


def data_files(graph: SiteGraph) -> list[tuple[str, bytes]]:
    """Every file of data/ as (path in the output, bytes): OUTPUTS writes them."""
    files = _files(graph)
    every = [*files, _File(PACKAGE, package(graph, files), "json", "")]
    return [(FOLDER + file.path, file.data) for file in every]


def _files(graph: SiteGraph) -> list[_File]:
    """Every data file but the descriptor, in the order the descriptor and the page list them."""
    names = kinds.names()
    records = {kind: [(r.id, r.model.model_dump(mode="json")) for r in published(graph, kind)] for kind in names}
    listed = {kind: [{"id": id_, **value} for id_, value in pairs] for kind, pairs in records.items()}
    everything = _json({"site": graph.site.model_dump(mode="json"), "records": listed})
    found = [_File("site.json", everything, "json", "the site's settings and every published record, by kind")]
    for kind in names:
        each = kinds.kind(kind).singular
        alone = {"kind": kind, "licence": graph.site.licence, "records": listed[kind]}
        found.append(_File(f"{kind}.json", _json(alone), "json", f"every {each}, with every field"))
        table = kind_table(kind, records[kind])
        found.append(_File(f"{kind}.csv", csv_bytes(table), "csv", f"every {each}, one a row", table))
    amounts, cited = amounts_table(graph), sources_table(graph)
    about = "every amount of money on record, one a row, with the conversions sources reported"
    found.append(_File("amounts.csv", csv_bytes(amounts), "csv", about, amounts))
    about = "every source each record cites, in any field or in its text, one a row"
    found.append(_File("sources-cited.csv", csv_bytes(cited), "csv", about, cited))
    for kind, model in kinds.models().items():
        about = f"what {'site.yaml' if kind == 'site' else f'a file in {kind}/'} may hold, field by field"
        found.append(_File(f"schemas/{schemas.file_name(kind)}", _schema(kind, model), "json", about))
    return found


@functools.cache
def _schema(kind: str, model: type[Strict]) -> bytes:
    """A kind's JSON Schema, made once per model: it follows from the code, never from the content."""
    return schemas.text(kind).encode()


def _json(value: Json) -> bytes:
    """Compact, so the C encoder writes it (indenting would take the pure-Python one, ten times slower)."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False) + "\n").encode()


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


def downloads_view(graph: SiteGraph) -> DownloadsView:
    """Every data file with its format and size, grouped as the page lists them."""
    files = _files(graph)
    listed = {file.path: file for file in files}
    descriptor = _File(PACKAGE, package(graph, files), "json", "what every file here holds, column by column")
    whole = (listed["site.json"], descriptor)
    by_kind = tuple(listed[f"{kind}.{form}"] for kind in kinds.names() for form in ("csv", "json"))
    tables = (listed["amounts.csv"], listed["sources-cited.csv"])
    schemata = tuple(file for file in files if file.path.startswith("schemas/"))
    return DownloadsView(
        licence=graph.site.licence,
        publisher=graph.site.publisher,
        groups=(
            _group("The whole site", "Everything in one file, and the description of every file.", whole),
            _group("By kind", "A table and a JSON file for each kind of record.", by_kind),
            _group("Long tables", "Lists that are data in their own right, one item a row.", tables),
            _group("Schemas", "What each kind of record may hold, field by field.", schemata),
        ),
    )


def _group(heading: str, intro: str, files: Iterable[_File]) -> DataGroup:
    return DataGroup(heading=heading, intro=intro, files=tuple(map(_file_view, files)))


def _file_view(file: _File) -> DataFileView:
    return DataFileView(
        url=FOLDER + file.path,
        name=file.path.removeprefix("schemas/"),
        format=file.format.upper(),
        size=size_words(len(file.data)),
        about=file.about,
    )


def size_words(size: int) -> str:
    """A file's size as readers say it: 512 bytes, 3.4 kB, 1.2 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
