"""The results file: one JSON record per line, and reading it back to resume.

Record (one per item, in completion order; fields are added, never renamed)::

    {"id": "a1", "fingerprint": {...}, "report": {...}}              a scored item
    {"id": "a2", "fingerprint": {...}, "error": {"type", "message"}} an item that could not be scored

Resume: ids already in the file are skipped; a partial last line (a run killed mid-write) is cut
off before appending, so after any crash a resumed run ends with every id exactly once. The file is
only resumed if every line carries this run's fingerprint (see ``fingerprint``); otherwise nothing
is touched and the error names each difference.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..errors import ConfigError, InputError
from .fingerprint import differences
from .item import Outcome


def _mismatch(output: Path, n: int, then: Any, now: dict[str, Any]) -> ConfigError:
    if not isinstance(then, dict):
        return ConfigError(f"{output}:{n}: no options fingerprint (written by an older mtqe), so this run "
                           "cannot check it would score the rest alike; rerun without --resume")
    diff = "; ".join(differences(then, now)) or "a fingerprint this mtqe does not read"
    return ConfigError(f"{output}:{n}: cannot resume: the results were written with other options ({diff}); "
                       "rerun with those options, or without --resume to start over")


def load_done(output: Path, stamp: dict[str, Any], on_outcome: Callable[[Outcome], None] | None = None) -> set[str]:
    """Ids already in ``output``, each reported to ``on_outcome`` once, after checking that every
    line carries ``stamp``; then cuts off a partial last line in place."""
    done: set[str] = set()
    if not output.exists():
        return done
    try:
        with output.open("r+b") as fh:
            good_end, n = 0, 0
            for raw in iter(fh.readline, b""):
                n += 1
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("partial line")
                    record = json.loads(raw)
                    item_id = str(record["id"])
                    outcome = Outcome.from_record(record)
                except (ValueError, KeyError, TypeError, AttributeError):
                    if fh.read(1):
                        raise InputError(f"{output}:{n}: not an mtqe result line; cannot resume into this file") from None
                    break  # the last line, cut short by a killed run: dropped below
                if record.get("fingerprint") != stamp:
                    raise _mismatch(output, n, record.get("fingerprint"), stamp)
                good_end = fh.tell()
                if item_id not in done:
                    done.add(item_id)
                    if on_outcome is not None:
                        on_outcome(outcome)
            fh.truncate(good_end)  # only once every line has passed: a refused resume writes nothing
    except OSError as e:
        raise InputError(f"{output}: cannot read results to resume ({e.strerror})") from None
    return done


class ResultsWriter:
    """Writes records, one flushed line each, to a path (opened at the first record) or a stream.

    Opening late means a run that fails before its first record neither creates the file nor
    truncates an earlier one; ``close(finished=True)`` still leaves a (possibly empty) file behind
    for a run that had nothing to do. Whether the path can be written is checked up front.
    """

    def __init__(self, output: str | Path | IO[str] | None, append: bool = False):
        self._fh: IO[str] | None = None
        self._append = append
        if isinstance(output, (str, Path)):
            self.path: Path | None = Path(output)
            self._check()
        else:
            self.path, self._fh = None, output or sys.stdout

    def _check(self) -> None:
        p = self.path
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"{p}: cannot write results ({e.strerror})") from None
        if p.is_dir() or not os.access(p if p.exists() else p.parent, os.W_OK):
            raise InputError(f"{p}: cannot write results ({'a directory' if p.is_dir() else 'permission denied'})")

    def _open(self) -> IO[str]:
        try:
            self._fh = self.path.open("a" if self._append else "w", encoding="utf-8")
        except OSError as e:
            raise InputError(f"{self.path}: cannot write results ({e.strerror})") from None
        return self._fh

    def write(self, line: str) -> None:
        fh = self._fh or self._open()
        fh.write(line + "\n")
        fh.flush()

    def close(self, finished: bool = True) -> None:
        if self.path is None:
            return
        if self._fh is None and finished:
            self._open()
        if self._fh is not None:
            self._fh.close()
            self._fh = None
