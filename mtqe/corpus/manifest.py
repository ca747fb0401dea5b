"""Manifests: a JSONL or CSV file of items, or a directory of NAME.ref.txt / NAME.cand.txt pairs.

Read lazily, twice: once up front to check the whole manifest (a bad manifest is an error naming
the line before any work starts, and the ids are counted for progress and resume), then again to
feed the workers. Two kinds of fault are kept apart:

- a *manifest* fault (unreadable file, bad JSON, missing or duplicate id, a column that cannot be
  meant, a CSV with no candidate column) would spoil every item or cannot be attributed to one: it
  raises ``ManifestError``;
- an *item* fault (a missing file, both a path and a text given, no candidate on one line) is
  carried in ``Item.problem`` and becomes that item's error record; the run goes on.

Columns other than the five known ones are allowed (ids of another system, notes) and ignored,
unless one looks like a misspelt known column (``candidat``, ``Reference``): that is an error.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

SIDES = ("reference", "candidate")
COLUMNS = ("id", "reference", "candidate", "reference_text", "candidate_text")
DIR_SUFFIXES = {"reference": ".ref.txt", "candidate": ".cand.txt"}
# difflib ratio above which an unknown column is taken for a misspelling ("cand_text" ~ 0.78).
MISSPELT = 0.75


class ManifestError(InputError):
    """A manifest that cannot be read or makes no sense; the message names the file and line."""


@dataclass(frozen=True)
class Item:
    """One document pair of a manifest. Paths are absolute; ``problem`` is an item-level fault."""

    id: str
    line: int | None = None
    reference: str | None = None
    candidate: str | None = None
    reference_text: str | None = None
    candidate_text: str | None = None
    problem: str | None = None


def _side_hint(side: str) -> str:
    return f"give {side!r} (a path relative to the manifest) or {side + '_text'!r}"


def _misspelt(names: Iterator[str] | list[str], where: str, what: str) -> None:
    """Raise for the first unknown name that reads as a known column (case or a letter or two off)."""
    for name in names:
        if name in COLUMNS:
            continue
        close = difflib.get_close_matches(name.lower(), COLUMNS, n=1, cutoff=MISSPELT)
        if close:
            raise ManifestError(f"{where}: unknown {what} {name!r} (did you mean {close[0]!r}?)")


def _item(item_id: str, line: int | None, fields: Mapping[str, Any], base: Path) -> Item:
    given: dict[str, str | None] = {}
    problem = None
    for side in SIDES:
        path, text = fields.get(side), fields.get(f"{side}_text")
        path = None if path in (None, "") else path
        for key, value in ((side, path), (f"{side}_text", text)):
            if value is not None and not isinstance(value, str):
                problem = problem or f"{key!r} must be a string, got {type(value).__name__}"
        if path is not None and text is not None:
            problem = problem or f"give {side!r} (a path) or {side + '_text'!r}, not both"
        elif path is None and text is None:
            problem = problem or f"no {side}: {_side_hint(side)}"
        given[side] = str(base / path) if isinstance(path, str) else None
        given[f"{side}_text"] = text if isinstance(text, str) else None
    return Item(item_id, line, problem=problem, **given)


def _check_id(raw: Any, where: str, seen: set[str]) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ManifestError(f"{where}: missing or bad 'id' (a non-empty string or integer is required)")
    item_id = str(raw).strip()
    if not item_id:
        raise ManifestError(f"{where}: empty 'id'")
    if item_id in seen:
        raise ManifestError(f"{where}: duplicate id {item_id!r}")
    seen.add(item_id)
    return item_id


def _open(path: Path, **kw):
    try:
        return path.open(encoding="utf-8-sig", **kw)
    except OSError as e:
        raise ManifestError(f"{path}: cannot read manifest ({e.strerror})") from None


def _jsonl_items(path: Path) -> Iterator[Item]:
    seen: set[str] = set()
    base = path.resolve().parent
    with _open(path) as fh:
        n = 0
        while True:
            n += 1
            try:
                raw = fh.readline()
            except UnicodeDecodeError:
                raise ManifestError(f"{path}:{n}: not valid UTF-8") from None
            if not raw:
                break
            if not raw.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                raise ManifestError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from None
            if not isinstance(obj, dict):
                raise ManifestError(f"{where}: expected a JSON object, got {type(obj).__name__}")
            _misspelt(list(obj), where, "key")
            unknown = [k for k in obj if k not in COLUMNS]
            for side in SIDES:
                # A line without a side but with a key we do not know meant that key as the side.
                if unknown and side not in obj and f"{side}_text" not in obj:
                    raise ManifestError(f"{where}: no {side} ({_side_hint(side)}); unknown key {unknown[0]!r}")
            yield _item(_check_id(obj.get("id"), where, seen), n, obj, base)


def _check_header(path: Path, header: list[str]) -> None:
    where = f"{path}:1"
    _misspelt(header, where, "column")
    if "id" not in header:
        raise ManifestError(f"{where}: CSV header has no 'id' column (columns: {', '.join(COLUMNS)})")
    for side in SIDES:
        if side not in header and f"{side}_text" not in header:
            raise ManifestError(f"{where}: CSV header has no {side} column ({_side_hint(side)}); "
                                f"found {', '.join(header)}")


def _csv_items(path: Path) -> Iterator[Item]:
    seen: set[str] = set()
    base = path.resolve().parent
    with _open(path, newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        try:
            header = reader.fieldnames
        except (csv.Error, UnicodeDecodeError) as e:
            raise ManifestError(f"{path}:1: cannot read the CSV header ({e})") from None
        _check_header(path, [h.strip() for h in header or ()])
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as e:
                raise ManifestError(f"{path}:{reader.line_num}: bad CSV ({e})") from None
            where = f"{path}:{start}"
            fields = {(k or "").strip(): v for k, v in row.items() if k is not None}
            if not any((v or "").strip() for v in fields.values()):
                start = reader.line_num + 1
                continue
            # In CSV an empty cell means "not given".
            fields = {k: (v if v != "" else None) for k, v in fields.items()}
            yield _item(_check_id(fields.get("id") or "", where, seen), start, fields, base)
            start = reader.line_num + 1


def _dir_items(path: Path) -> Iterator[Item]:
    try:
        names = sorted(e.name for e in os.scandir(path) if e.name.endswith(tuple(DIR_SUFFIXES.values())))
    except OSError as e:
        raise ManifestError(f"{path}: cannot list directory ({e.strerror})") from None
    stems: dict[str, set[str]] = {}
    for name in names:
        for side, suffix in DIR_SUFFIXES.items():
            if name.endswith(suffix):
                stems.setdefault(name[: -len(suffix)], set()).add(side)
    if not stems:
        raise ManifestError(f"{path}: no NAME.ref.txt / NAME.cand.txt pairs in this directory")
    root = path.resolve()
    for stem in sorted(stems):
        if len(stems[stem]) < 2:
            missing = next(s for s in SIDES if s not in stems[stem])
            present = next(iter(stems[stem]))
            yield Item(stem, None, **{present: str(root / f"{stem}{DIR_SUFFIXES[present]}")},
                       problem=f"{path / (stem + DIR_SUFFIXES[missing])}: no such file")
        else:
            yield _item(stem, None, {side: f"{stem}{DIR_SUFFIXES[side]}" for side in SIDES}, root)


def read_manifest(path: str | Path) -> Iterator[Item]:
    """Items of a JSONL or CSV manifest, or of a directory of NAME.ref.txt/NAME.cand.txt pairs, lazily.

    Raises ManifestError (naming the line) for an unreadable manifest, a bad JSON line, a missing
    or duplicate id, a misspelt column or a CSV without a candidate column. Item-level faults are
    carried in ``Item.problem`` instead.
    """
    p = Path(path)
    if p.is_dir():
        return _dir_items(p)
    if not p.exists():
        raise ManifestError(f"{p}: no such manifest")
    if p.suffix.lower() in (".csv", ".tsv"):
        return _csv_items(p)
    return _jsonl_items(p)


def check_manifest(path: str | Path, done: set[str] | frozenset[str] = frozenset()) -> tuple[int, int]:
    """Read the whole manifest once (memory: the ids only): (items, items whose id is in ``done``)."""
    total = skipped = 0
    for item in read_manifest(path):
        total += 1
        skipped += item.id in done
    return total, skipped
