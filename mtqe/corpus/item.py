"""One item: score it, gate it, and turn whatever happens into its result record.

The per-item error policy lives here and nowhere else:

- a fault of the item (missing file, empty or binary text, a manifest ``problem``, a recursion on
  pathological input, even a bug on one document) becomes ``{"id", "fingerprint", "error": {type,
  message}}`` and the run goes on;
- a fault that would repeat for every item (``FATAL_ERRORS``: a COMET model that cannot load, a bad
  option) is raised and stops the run.

Executors call ``score`` in whichever process runs the item; it keeps one ``Comparer`` per process
(a COMET model loads once per worker, not per item).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, InputError, ModelError, MtqeError
from ..gate import Gate
from ..gate import apply as apply_gate
from ..options import Options
from ..summary import digest, error_digest
from .fingerprint import fingerprint
from .manifest import Item

FATAL_ERRORS = (ModelError, ConfigError)


@dataclass(frozen=True)
class Outcome:
    """What one item came to: its record line, and what summaries and CI reports need of it.

    ``line`` is the JSON record without its newline ('' for an item resumed from an earlier run:
    it is in the file already). ``reasons`` are the gate's, for a gated report. ``seconds`` is the
    scoring time (None when resumed).
    """

    id: str
    line: str
    digest: dict[str, Any]
    reasons: tuple[str, ...] | None = None
    seconds: float | None = None
    resumed: bool = False

    @property
    def error(self) -> tuple[str, str] | None:
        """(type, message) of an item that could not be scored."""
        if "error" not in self.digest:
            return None
        return self.digest["error"], self.digest.get("message") or ""

    @property
    def passed(self) -> bool | None:
        """The gate's verdict; None when ungated or not scored."""
        return self.digest.get("passed")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "Outcome":
        """The outcome of a record read back from a results file (``--resume``)."""
        item_id = str(record["id"])
        if "error" in record:
            err = record["error"] or {}
            return cls(item_id, "", error_digest(err.get("type", "Error"), err.get("message", "")), resumed=True)
        report = record["report"]
        verdict = report.get("verdict")
        return cls(item_id, "", digest(report), tuple(verdict["reasons"]) if verdict else None, resumed=True)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def error_outcome(item_id: str, error: BaseException | tuple[str, str], stamp: dict[str, Any],
                  seconds: float | None = None) -> Outcome:
    etype, message = error if isinstance(error, tuple) else (type(error).__name__, str(error) or repr(error))
    line = _dumps({"id": item_id, "fingerprint": stamp, "error": {"type": etype, "message": message}})
    return Outcome(item_id, line, error_digest(etype, message), seconds=seconds)


def _document(comparer, item: Item, side: str):
    from ..document import from_text

    path, text = getattr(item, side), getattr(item, f"{side}_text")
    if path is not None:
        return comparer.load(path)
    try:
        return from_text(text, max_mb=comparer.options.max_mb, input_format=comparer.options.input_format)
    except InputError as e:
        raise InputError(f"{side}_text: {str(e).removeprefix('<text>: ')}") from None


def compare_item(comparer, item: Item, gate: Gate | None = None) -> Outcome:
    """Score one item (and gate it, when a gate is given). Item faults become an error outcome;
    run-wide faults (``FATAL_ERRORS``) are raised."""
    stamp = fingerprint(comparer.options, gate)
    start = time.perf_counter()
    try:
        if item.problem:
            raise InputError(item.problem)
        report = comparer.compare_documents(_document(comparer, item, "reference"), _document(comparer, item, "candidate"))
        if gate is not None:
            report = apply_gate(report, gate)
        d = report.to_dict()
        reasons = tuple(report.verdict.reasons) if report.verdict is not None else None
        return Outcome(item.id, _dumps({"id": item.id, "fingerprint": stamp, "report": d}), digest(d), reasons,
                       time.perf_counter() - start)
    except FATAL_ERRORS:
        raise
    except MtqeError as e:
        return error_outcome(item.id, e, stamp, time.perf_counter() - start)
    except RecursionError as e:  # pathological input; record it like any other item fault
        return error_outcome(item.id, e, stamp, time.perf_counter() - start)
    except Exception as e:  # a bug on one document must not cost the rest of a long run
        return error_outcome(item.id, (type(e).__name__, f"internal error: {e}"), stamp, time.perf_counter() - start)


# Per-process comparer: built by the pool initializer (local) or on first use (Dask workers).
_comparers: dict[Options, Any] = {}
_lock = threading.Lock()


def comparer_for(options: Options):
    with _lock:
        if options not in _comparers:
            from ..pipeline import Comparer

            _comparers.clear()  # one at a time: a COMET model is big
            _comparers[options] = Comparer(options)
        return _comparers[options]


def score(item: Item, options: Options, gate: Gate | None = None) -> Outcome:
    """Score ``item`` with this process's comparer (the function executors ship to workers)."""
    comparer = comparer_for(options)
    with _lock:  # a Dask worker may run several threads; one Comparer (one COMET model) serves them in turn
        return compare_item(comparer, item, gate)
