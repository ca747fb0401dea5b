"""Score a whole corpus: manifests, parallel workers, streaming JSONL results, resume, Dask.

Flow: the manifest is checked in one cheap streaming pass (a bad manifest is an error naming the
line, before any work starts), then read again lazily and fed to workers with a bounded number of
items in flight. Each worker process holds one ``Comparer`` (so a COMET model loads once per worker,
not per item) and returns the finished JSON line plus a small summary digest. Only the parent writes
the output, one flushed line per finished item, in completion order.

A bad *item* (missing file, empty or binary text, no reference...) never stops the run: it becomes
``{"id": ..., "error": {"type": ..., "message": ...}}``. Problems that would fail every item (a
COMET model that cannot load, a bad option) stop the run instead.

Resume: ids already in the output are skipped; a partial last line (a run killed mid-write) is cut
off before appending, so after any crash a resumed run ends with every id exactly once.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import ConfigError, InputError, ModelError, MtqeError
from .gate import Gate
from .gate import apply as apply_gate
from .options import Options
from .summary import Summary, digest, error_digest

SIDES = ("reference", "candidate")
DIR_SUFFIXES = {"reference": ".ref.txt", "candidate": ".cand.txt"}
IN_FLIGHT_PER_WORKER = 4
# Raised in a worker for every item alike: stop the run rather than record thousands of copies.
FATAL_ERRORS = (ModelError, ConfigError)


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


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# ---- manifests -----------------------------------------------------------------------------------

def _item(item_id: str, line: int | None, fields: dict[str, Any], base: Path) -> Item:
    given: dict[str, str | None] = {}
    problem = None
    for side in SIDES:
        path, text = fields.get(side), fields.get(f"{side}_text")
        path = None if path in (None, "") else path
        text = None if text is None else text
        for key, value in ((side, path), (f"{side}_text", text)):
            if value is not None and not isinstance(value, str):
                problem = problem or f"{key!r} must be a string, got {type(value).__name__}"
        if path is not None and text is not None:
            problem = problem or f"give {side!r} (a path) or {side + '_text'!r}, not both"
        elif path is None and text is None:
            problem = problem or f"no {side}: give {side!r} (a path relative to the manifest) or {side + '_text'!r}"
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


def _jsonl_items(path: Path) -> Iterator[Item]:
    seen: set[str] = set()
    base = path.resolve().parent
    try:
        fh = path.open(encoding="utf-8-sig")
    except OSError as e:
        raise ManifestError(f"{path}: cannot read manifest ({e.strerror})") from None
    with fh:
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
            yield _item(_check_id(obj.get("id"), where, seen), n, obj, base)


def _csv_items(path: Path) -> Iterator[Item]:
    seen: set[str] = set()
    base = path.resolve().parent
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise ManifestError(f"{path}: cannot read manifest ({e.strerror})") from None
    with fh:
        reader = csv.DictReader(fh)
        try:
            header = reader.fieldnames
        except (csv.Error, UnicodeDecodeError) as e:
            raise ManifestError(f"{path}:1: cannot read the CSV header ({e})") from None
        if not header or "id" not in [h.strip() for h in header]:
            raise ManifestError(f"{path}:1: CSV header has no 'id' column (columns: id, reference, candidate, "
                                "reference_text, candidate_text)")
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
    for stem in sorted(stems):
        fields = {side: f"{stem}{DIR_SUFFIXES[side]}" for side in stems[stem]}
        item = _item(stem, None, fields, path.resolve())
        if len(stems[stem]) < 2:
            missing = next(s for s in SIDES if s not in stems[stem])
            item = Item(stem, None, **{**_paths(item), "problem": f"{path / (stem + DIR_SUFFIXES[missing])}: no such file"})
        yield item


def _paths(item: Item) -> dict[str, str | None]:
    return {"reference": item.reference, "candidate": item.candidate}


def read_manifest(path: str | Path) -> Iterator[Item]:
    """Items of a JSONL or CSV manifest, or of a directory of NAME.ref.txt/NAME.cand.txt pairs, lazily.

    Raises ManifestError (naming the line) for an unreadable manifest, a bad JSON line, a missing
    or duplicate id. Item-level faults are carried in ``Item.problem`` instead.
    """
    p = Path(path)
    if p.is_dir():
        return _dir_items(p)
    if not p.exists():
        raise ManifestError(f"{p}: no such manifest")
    if p.suffix.lower() in (".csv", ".tsv"):
        return _csv_items(p)
    return _jsonl_items(p)


def check_manifest(path: str | Path, done: set[str] = frozenset()) -> tuple[int, int]:
    """Read the whole manifest once (memory: the ids only): (items, items whose id is in ``done``)."""
    total = skipped = 0
    for item in read_manifest(path):
        total += 1
        skipped += item.id in done
    return total, skipped


# ---- one item --------------------------------------------------------------------------------------

Result = tuple[str, str, dict[str, Any]]  # (id, JSON line without newline, summary digest)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def error_record(item_id: str, error: BaseException | tuple[str, str]) -> Result:
    etype, message = error if isinstance(error, tuple) else (type(error).__name__, str(error) or repr(error))
    return item_id, _dumps({"id": item_id, "error": {"type": etype, "message": message}}), error_digest(etype, message)


def _document(comparer, item: Item, side: str):
    from .document import from_text

    path, text = getattr(item, side), getattr(item, f"{side}_text")
    if path is not None:
        return comparer.load(path)
    try:
        return from_text(text, max_mb=comparer.options.max_mb, input_format=comparer.options.input_format)
    except InputError as e:
        raise InputError(f"{side}_text: {str(e).removeprefix('<text>: ')}") from None


def compare_item(comparer, item: Item, gate: Gate | None = None) -> Result:
    """Score one item (and gate it, when a gate is given); item faults become an error record, run-wide
    faults are raised."""
    try:
        if item.problem:
            raise InputError(item.problem)
        report = comparer.compare_documents(_document(comparer, item, "reference"), _document(comparer, item, "candidate"))
        if gate is not None:
            report = apply_gate(report, gate)
        d = report.to_dict()
        return item.id, _dumps({"id": item.id, "report": d}), digest(d)
    except FATAL_ERRORS:
        raise
    except MtqeError as e:
        return error_record(item.id, e)
    except RecursionError as e:  # pathological input; record it like any other item fault
        return error_record(item.id, e)
    except Exception as e:  # a bug on one document must not cost the rest of a long run
        return error_record(item.id, (type(e).__name__, f"internal error: {e}"))


# Per-process comparer: set by the pool initializer (local) or built on first use (Dask workers).
_comparers: dict[Options, Any] = {}
_lock = threading.Lock()


def _comparer(options: Options):
    with _lock:
        if options not in _comparers:
            from .pipeline import Comparer

            _comparers.clear()  # one at a time: a COMET model is big
            _comparers[options] = Comparer(options)
        return _comparers[options]


def _watch_parent(pid: int, every: float = 0.5) -> None:
    """Exit when the process that started the pool is gone (e.g. `kill -9`): never linger as an orphan."""
    while True:
        time.sleep(every)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # pid reused by another user's process: ours is gone
            os._exit(1)


def _init_worker(options: Options, parent: int | None = None) -> None:
    import logging
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="mtqe-parent-watch").start()
    logging.getLogger("mtqe").setLevel(logging.ERROR if not options.verbose else logging.INFO)
    _comparer(options)


def _work(item: Item, options: Options, gate: Gate | None = None) -> Result:
    comparer = _comparer(options)
    with _lock:  # a Dask worker may run several threads; one Comparer (one COMET model) serves them in turn
        return compare_item(comparer, item, gate)


# ---- executors -----------------------------------------------------------------------------------

def _local_results(items: Iterable[Item], options: Options, jobs: int, gate: Gate | None = None) -> Iterator[Result]:
    if jobs <= 1:
        comparer = _comparer(options)
        for item in items:
            yield compare_item(comparer, item, gate)
        return
    import multiprocessing

    # forkserver: no fork of a parent that runs threads (progress bar), but cheaper than spawn.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["mtqe.corpus", "mtqe.pipeline"])
    window = jobs * IN_FLIGHT_PER_WORKER
    ex = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(options, os.getpid()))
    try:
        pending: set = set()
        for item in items:
            pending.add(ex.submit(_work, item, options, gate))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield _result(fut)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield _result(fut)
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _result(fut) -> Result:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return fut.result()
    except BrokenProcessPool:
        raise MtqeError("a worker process died (out of memory?); finished items are saved: rerun with --resume") from None


def _dask_work(item: Item, options: Options, gate: Gate | None = None) -> Result:
    return _work(item, options, gate)


def _dask_results(
    items: Iterable[Item], options: Options, scheduler: str, jobs: int, gate: Gate | None = None
) -> Iterator[Result]:
    try:
        import distributed
    except ImportError:
        raise ConfigError("scheduler: Dask is not installed; pip install 'mtqe[dask]'") from None
    cluster = None
    try:
        if scheduler == "local":
            import logging

            cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                               dashboard_address=None, silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(scheduler)  # timeout: distributed.comm.timeouts.connect
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"scheduler: cannot reach the Dask scheduler at {scheduler!r} ({e})") from None
    try:
        workers = len(client.scheduler_info().get("workers", {})) or jobs
        window = max(2, workers * IN_FLIGHT_PER_WORKER)
        source = iter(items)
        ac = distributed.as_completed()

        def submit_next() -> bool:
            item = next(source, None)
            if item is None:
                return False
            ac.add(client.submit(_dask_work, item, options, gate, pure=False))
            return True

        for _ in range(window):
            if not submit_next():
                break
        for fut in ac:
            result = fut.result()
            fut.release()
            yield result
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---- output and resume -----------------------------------------------------------------------------

def load_done(output: Path, summary: Summary | None = None) -> set[str]:
    """Ids already in ``output``; cuts off a partial last line (a run killed mid-write) in place."""
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
                except (ValueError, KeyError, TypeError):
                    if fh.read(1):
                        raise InputError(f"{output}:{n}: not an mtqe result line; cannot resume into this file") from None
                    break  # the last line, cut short by a killed run: dropped below
                good_end = fh.tell()
                if item_id not in done:
                    done.add(item_id)
                    if summary is not None:
                        summary.add_line(record)
            fh.truncate(good_end)
    except OSError as e:
        raise InputError(f"{output}: cannot read results to resume ({e.strerror})") from None
    return done


@dataclass
class RunResult:
    items: int = 0        # items in the manifest
    skipped: int = 0      # already in the output (--resume)
    done: int = 0         # scored in this run
    errors: int = 0       # of those, recorded as errors
    seconds: float = 0.0
    summary: Summary = field(default_factory=Summary)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


def run(
    manifest: str | Path,
    output: str | Path | IO[str] | None = None,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    resume: bool = False,
    scheduler: str | None = None,
    gate: Gate | None = None,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[str, bool], None] | None = None,
) -> RunResult:
    """Score every item of ``manifest``, writing one JSON line per item to ``output`` (a path or a text
    stream; default stdout) as each finishes. With a ``gate``, every report carries its verdict.
    Returns counts and the corpus ``Summary``."""
    options = options or Options()
    jobs = jobs or default_jobs()
    result = RunResult()
    if resume and not isinstance(output, (str, Path)):
        raise ConfigError("resume: needs --output FILE (the results to resume)")
    done: set[str] = set()
    if resume:
        done = load_done(Path(output), result.summary)
    result.items, result.skipped = check_manifest(manifest, done)
    if isinstance(output, (str, Path)):
        out_path = Path(output)
        try:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            fh: IO[str] = out_path.open("a" if resume else "w", encoding="utf-8")
        except OSError as e:
            raise InputError(f"{out_path}: cannot write results ({e.strerror})") from None
        close = True
    else:
        fh, close = (output or sys.stdout), False
    todo = (item for item in read_manifest(manifest) if item.id not in done)
    if on_start:
        on_start(result.items - result.skipped)
    start = time.perf_counter()
    try:
        source = (_dask_results(todo, options, scheduler, jobs, gate) if scheduler
                  else _local_results(todo, options, jobs, gate))
        for item_id, line, dig in source:
            fh.write(line + "\n")
            fh.flush()
            failed = "error" in dig
            result.done += 1
            result.errors += failed
            result.summary.add(item_id, dig)
            if on_item:
                on_item(item_id, failed)
    finally:
        result.seconds = time.perf_counter() - start
        if close:
            fh.close()
    return result


# ---- terminal progress (used by the CLI) ------------------------------------------------------------

class ProgressBar:
    """A rich progress bar on stderr with items/s and ETA; does nothing when stderr is not a terminal."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress = None
        self._task = None

    def __enter__(self) -> "ProgressBar":
        return self

    def start(self, total: int) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} items/s"), TextColumn("errors {task.fields[errors]}"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("scoring", total=total, rate="-", errors=0)
        self._errors = 0

    def advance(self, item_id: str, failed: bool) -> None:
        if self._progress is None:
            return
        self._errors += failed
        self._progress.advance(self._task)
        speed = self._progress.tasks[0].speed
        self._progress.update(self._task, rate=f"{speed:.1f}" if speed else "-", errors=self._errors)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
