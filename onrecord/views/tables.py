"""The site's records as CSV tables for spreadsheets: one row per record and kind, and long tables where a
list is the data itself (amounts of money, the sources each record cites).

A kind's columns follow its model's fields in declaration order, read from their types, so a new kind
gets its table without code here. A field becomes:

- a scalar (text, number, flag, date): one column, dates as their EDTF text;
- one part (a quote, a comparison's side): its own fields as columns, named `quote_text`, `left_fact`;
- a list of ids or tags: one cell, joined with "; " (an id cannot hold a semicolon);
- a list of text or of parts (covers, findings, excerpts, parties, updates): numbered columns,
  `covers_1`, `covers_2`, `excerpts_1_text`, as many as the longest list of the kind, at least one;
- sources: one cell of ids joined with "; ", an inline source as `Title <address>`;
- amounts: one cell of `role amount currency` entries joined with "; ".

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return, as
OWASP lists them) gets a leading apostrophe, which spreadsheets read as "this is text" and hide.
The JSON files keep every value exactly as validated.
"""

from __future__ import annotations

import csv
import functools
import io
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .. import kinds
from ..link import SiteGraph, references
from ..model import Fact, Filed, Money, Source
from ..translation import N_
from ..validate import Record
from ..values import ID_FORM

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV Injection)."""
JOIN = "; "
FieldType = Literal["string", "integer", "number", "boolean"]
"""Table Schema's name for what a column holds. EDTF dates are strings: `2020-06~` and `2019/2021` are
no ISO dates, and every date field may hold them."""
Json = typing.Any  # a value of model_dump(mode="json"): untyped JSON


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, its Table Schema type and what it holds."""

    name: str
    type: FieldType = "string"
    description: str = ""
    """What it holds, in English: marked for the catalogue, translated with `_()` where it is written out."""


@dataclass(frozen=True)
class Table:
    """A CSV file's columns and rows, every cell already text."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    key: tuple[str, ...] = ()
    """The columns that name a row once (Table Schema's primaryKey)."""


@dataclass(frozen=True)
class _Shape:
    """What a field holds, and so how its cells are written: see the module's list."""

    form: Literal["scalar", "ids", "texts", "part", "parts", "cites", "amounts"]
    holds: FieldType = "string"
    part: type[BaseModel] | None = None


Slot = tuple[tuple[int, ...], Column]
"""Where a column sorts among its kind's, and the column."""


@dataclass(frozen=True)
class Row:
    """A record's row of its kind's table: the slots its cells fill, shared by every record with the same
    fields and list lengths, and the cells' texts, in the same order."""

    slots: tuple[Slot, ...]
    texts: tuple[str, ...]


def record_cells(kind: str, value: Json) -> Row:
    """A record's row of its kind's table, from its fields as JSON."""
    cells = list(_fields(kinds.kind(kind).model, value, "", ()))
    return Row(_layout(tuple(_slot(key, name, holds) for key, name, holds, _ in cells)), tuple(c[3] for c in cells))


@functools.cache
def _slot(key: tuple[int, ...], name: str, holds: FieldType) -> Slot:
    return key, Column(name, holds)


@functools.cache
def _layout(slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """One tuple for every row of the same shape, so a large site keeps a few hundred, not one a record."""
    return slots


def kind_table(kind: str, rows: Sequence[tuple[str, Row]]) -> Table:
    """One row per record of `kind`, from its id and its `record_cells`, in the order given."""
    layouts = {row.slots: None for _, row in rows} or {record_cells(kind, None).slots: None}
    found = {key: column for slots in layouts for key, column in slots}
    keys = sorted(found)
    where = {key: index for index, key in enumerate(keys)}
    blank = ("",) * len(keys)
    lines = []
    for id_, row in rows:
        line = list(blank)
        for (key, _), text in zip(row.slots, row.texts, strict=True):
            line[where[key]] = text
        lines.append((id_, *line))
    return Table(columns=(Column("id"), *(found[key] for key in keys)), rows=tuple(lines), key=("id",))


def published(graph: SiteGraph, kind: str) -> list[Record[Filed]]:
    """The records of a kind every data file holds: never a draft (not even in a preview), by id."""
    return sorted((r for r in graph.kinds[kind] if not r.model.is_draft()), key=lambda record: record.id)


Cell = tuple[tuple[int, ...], str, FieldType, str]
"""A value in a row: where its column sorts, the column's name and type, and its text."""


def _fields(model: type[BaseModel], value: Json, prefix: str, key: tuple[int, ...]) -> Iterator[Cell]:
    for index, (name, shape) in enumerate(_shapes(model)):
        field_value = value.get(name) if isinstance(value, dict) else None
        yield from _cells(shape, field_value, prefix + name, (*key, index))


def _cells(shape: _Shape, value: Json, name: str, key: tuple[int, ...]) -> Iterator[Cell]:
    if shape.form == "part" and shape.part is not None:
        yield from _fields(shape.part, value, f"{name}_", key)
    elif shape.form in ("texts", "parts"):
        items = value or [None]
        for number, item in enumerate(items, start=1):
            inner = _Shape("part", part=shape.part) if shape.form == "parts" else _Shape("scalar")
            yield from _cells(inner, item, f"{name}_{number}", (*key, number))
    else:
        yield key, name, shape.holds, _text(shape, value)


def _text(shape: _Shape, value: Json) -> str:
    if shape.form == "ids":
        return JOIN.join(value or ())
    if shape.form == "cites":
        return JOIN.join(item if isinstance(item, str) else f"{item['title']} <{item['url']}>" for item in value or ())
    if shape.form == "amounts":
        return JOIN.join(f"{item['role']} {item['amount']} {item['currency']}" for item in value or ())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@functools.cache
def _shapes(model: type[BaseModel]) -> tuple[tuple[str, _Shape], ...]:
    """Each field of a model with what it holds, worked out once per model."""
    return tuple((name, _shape(info.annotation, tuple(info.metadata))) for name, info in model.model_fields.items())


def _shape(annotation: object, metadata: tuple[object, ...] = ()) -> _Shape:
    """What a field holds, read from its type: which of the forms above its column takes."""
    annotation, metadata = _bare(annotation, metadata)
    if get_origin(annotation) is list:
        item, item_metadata = _bare(get_args(annotation)[0], ())
        if _is_cite(item):
            return _Shape("cites")
        if item is Money:
            return _Shape("amounts")
        if _is_model(item):
            return _Shape("parts", part=typing.cast(type[BaseModel], item))
        return _Shape("ids" if _is_id(item_metadata) else "texts")
    if _is_model(annotation):
        return _Shape("part", part=typing.cast(type[BaseModel], annotation))
    return _Shape("scalar", _scalar_type(annotation))


def _bare(annotation: object, metadata: tuple[object, ...]) -> tuple[object, tuple[object, ...]]:
    """The type inside Annotated and Optional, with the metadata gathered on the way."""
    while True:
        if get_origin(annotation) is Annotated:
            args = get_args(annotation)
            annotation, metadata = args[0], (*metadata, *args[1:])
        elif get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation):
            rest = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007 (a runtime union)
        else:
            return annotation, metadata


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_cite(annotation: object) -> bool:
    """An id or an inline source: a list of sources."""
    options = [_bare(arg, ())[0] for arg in get_args(annotation)]
    return get_origin(annotation) in (Union, types.UnionType) and Source in options


def _is_id(metadata: Iterable[object]) -> bool:
    """Held to the form of ids and tags, which no semicolon can break."""
    for marker in metadata:
        if getattr(marker, "pattern", None) == ID_FORM or _is_id(getattr(marker, "metadata", ())):
            return True
    return False


def _scalar_type(annotation: object) -> FieldType:
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is Decimal:
        return "number"
    return "string"


AMOUNT_COLUMNS = (
    Column("record", description=N_("The id of the fact the amount belongs to.")),
    Column("kind", description=N_("The fact's kind.")),
    Column("role", description=N_("What the amount is: contract-value, penalty, settlement...")),
    Column("amount", "number", N_("The amount in full, exactly as the fact gives it.")),
    Column("currency", description=N_("ISO 4217 code.")),
    Column("reported_as", description=N_("Conversions as sources reported them, `amount currency`, joined by '; '.")),
    Column("source", description=N_("The source that gives the amount, when the fact names one.")),
)
"""The columns of the table of every amount of money on record, one a row (`amount_rows`)."""


def amount_rows(record: Record[Filed]) -> tuple[tuple[str, ...], ...]:
    """A record's rows of the amounts table: the exact value, its currency, and reported conversions."""
    if record.kind not in kinds.fact_names():
        return ()
    rows = []
    for money in typing.cast(Fact, record.model).amounts:
        reported = JOIN.join(f"{_plain(c.amount)} {c.currency}" for c in money.reported_as)
        rows.append(
            (record.id, record.kind, money.role, _plain(money.amount), money.currency, reported, money.source or "")
        )
    return tuple(rows)


def _plain(amount: Decimal) -> str:
    return format(amount, "f")


SOURCE_COLUMNS = (
    Column("record", description=N_("The id of the record that cites the source.")),
    Column("kind", description=N_("The record's kind.")),
    Column("field", description=N_("The field that cites it (sources, quote, body, status_history...).")),
    Column("source", description=N_("The source's id; empty for a source written inline in the record.")),
    Column("title", description=N_("The source's title.")),
    Column("url", description=N_("Where the source can be read.")),
)
"""The columns of the table of every source each published record cites, one a row (`source_rows`)."""


def source_rows(graph: SiteGraph, record: Record[Filed]) -> tuple[tuple[str, ...], ...]:
    """A record's rows of the sources table: each source it cites, in any field or by `[@id]`."""
    rows: dict[tuple[str, ...], None] = {}
    kind = record.kind
    found = [(str(ref.where[0]), ref.target) for ref in references(record) if _is_source(graph, ref.target)]
    for where, target in sorted(set(found)):
        source = typing.cast(Source, graph.get(target).model)
        rows[(record.id, kind, where, target, source.label(), source.url)] = None
    for where, inline in _inline_sources(record.model, ""):
        rows[(record.id, kind, where, "", inline.label(), inline.url)] = None
    return tuple(rows)


def _is_source(graph: SiteGraph, target: str) -> bool:
    found = graph.records.get(target)
    return found is not None and found.kind == "sources" and not found.model.is_draft()


def _inline_sources(value: object, where: str) -> Iterator[tuple[str, Source]]:
    """Sources written inside a record, each with the top-level field that holds it."""
    if isinstance(value, Source) and where:
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _inline_sources(getattr(value, name), where or name)
    elif isinstance(value, list):
        for item in value:
            yield from _inline_sources(item, where)


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV with a header row and `\\n` line ends; the csv module quotes commas,
    quotes and line breaks inside cells."""
    return csv_header(table.columns) + csv_rows(table.rows)


def csv_header(columns: Iterable[Column]) -> bytes:
    return csv_rows([tuple(column.name for column in columns)])


def csv_rows(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows as CSV lines, cells that would run as formulas made text, exactly as they are in a whole file:
    a table made in parts is joined so."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(map(_neutralised, rows))
    return out.getvalue().encode("utf-8")


def _neutralised(row: Sequence[str]) -> list[str]:
    return [neutralise(cell) for cell in row]


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made text by a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
