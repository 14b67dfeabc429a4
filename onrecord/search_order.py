"""Pagefind's index in the same bytes on every build: its filter files list their values in hash-map order.

Pagefind 1.5 writes pages, words and fragments in a stable order, but each filter file's values, and
the filters and meta fields named in the language's meta file, come out of a hash map seeded anew by
every run. This module rewrites those files with their entries sorted, names each after a hash of its
new bytes (as Pagefind names them: the browser finds every file through the meta file and
`pagefind-entry.json`, which are rewritten to match), and leaves every other file as Pagefind wrote it.

The files are gzipped CBOR after the signature `pagefind_dcd`; only the CBOR Pagefind writes (unsigned
integers, text and arrays, in shortest form) is read. A file that does not read back to the same bytes
is left as it is, so a Pagefind with another format still gives a working, if less settled, index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
Cbor = int | str | list["Cbor"]
_UINT, _TEXT, _ARRAY = 0, 3, 4


def settle(bundle: Path) -> None:
    """Sort the filter files and the meta files' lists under `bundle`, renaming them by their content."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        language["hash"] = _settle_language(bundle, language["hash"])
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _settle_language(bundle: Path, meta_hash: str) -> str:
    """One language's meta file and the filter files it names, sorted; the meta file's new hash.

    Every file is read and checked before one is written, so one it cannot read leaves them all as they were.
    """
    meta_file = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_file)
    if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[5], list) and _texts(meta[5])):
        return meta_hash
    fields: list[Cbor] = meta[5]
    pairs = _pairs(meta[3])
    if pairs is None:
        return meta_hash
    filters = {old: _read(bundle / "filter" / f"{old}.pf_filter") for _, old in pairs}
    if not all(_filter(data) for data in filters.values()):
        return meta_hash
    prefix = meta_hash.rsplit("_", 1)[0]
    renamed = {
        old: _write(bundle / "filter" / f"{old}.pf_filter", _sorted(data), f"{prefix}_", 7, ".pf_filter")
        for old, data in filters.items()
    }
    named: list[Cbor] = [[name, renamed[old]] for name, old in pairs]
    meta[3] = sorted(named, key=_key)
    meta[5] = sorted(fields, key=_key)
    return _write(meta_file, meta, f"pagefind.{prefix}_", 13, ".pf_meta").removeprefix("pagefind.")


def _pairs(value: Cbor | None) -> list[tuple[str, str]] | None:
    """[[filter name, file hash], ...]: how the meta file names each filter's file."""
    if not isinstance(value, list):
        return None
    pairs = [
        (pair[0], pair[1])
        for pair in value
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str)
    ]
    return pairs if len(pairs) == len(value) else None


def _filter(data: Cbor | None) -> bool:
    """[filter name, [[value, [page numbers]], ...]]: a filter file."""
    return isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)


def _sorted(data: Cbor | None) -> Cbor:
    assert isinstance(data, list) and isinstance(data[1], list)
    return [data[0], sorted(data[1], key=_key)]


def _key(item: Cbor) -> str:
    """Entries are [name or value, ...]: sorted by their first text."""
    return item[0] if isinstance(item, list) and item and isinstance(item[0], str) else ""


def _texts(value: Cbor) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _read(path: Path) -> Cbor | None:
    """The CBOR value in a Pagefind file, or None when it is not one this module can write back alike."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        return None
    body = raw[len(SIGNATURE) :]
    try:
        value, end = _decode(body, 0)
    except (ValueError, IndexError):
        return None
    return value if end == len(body) and _encode(value) == body else None


def _write(old: Path, value: Cbor, prefix: str, digits: int, suffix: str) -> str:
    """Write `value` beside `old` under a name made from its bytes, and remove `old`; returns that name."""
    raw = SIGNATURE + _encode(value)
    name = prefix + hashlib.sha256(raw).hexdigest()[:digits]
    old.unlink()
    old.with_name(name + suffix).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def _decode(data: bytes, at: int) -> tuple[Cbor, int]:
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError("indefinite lengths are not written by Pagefind")
    if major == _UINT:
        return number, at
    if major == _TEXT:
        return data[at : at + number].decode("utf-8"), at + number
    if major == _ARRAY:
        items: list[Cbor] = []
        for _ in range(number):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not written by Pagefind's filters")


def _encode(value: Cbor) -> bytes:
    if isinstance(value, int):
        return _head(_UINT, value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(_TEXT, len(text)) + text
    return _head(_ARRAY, len(value)) + b"".join(map(_encode, value))


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    size = next(size for size in (1, 2, 4, 8) if number < 1 << (8 * size))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + number.to_bytes(size, "big")
