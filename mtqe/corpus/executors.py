"""Executors: turn a lazy stream of items into a stream of outcomes, in completion order.

- ``Local``: in this process (``jobs=1``) or a process pool; each worker builds one Comparer at
  start and watches its parent, so a ``kill -9`` of the run never leaves orphans scoring on.
- ``Dask``: a Dask cluster at an address, or a local one (``scheduler="local"``).

Both keep a bounded number of items in flight (``IN_FLIGHT_PER_WORKER`` per worker), so memory
does not grow with the manifest. Both are context managers: entering one does everything that can
fail for the whole run (a scheduler that cannot be reached, Dask not installed), before the run
opens its results file.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from ..errors import ConfigError, MtqeError
from ..gate import Gate
from ..options import Options
from .item import Outcome, comparer_for, score
from .manifest import Item

IN_FLIGHT_PER_WORKER = 4
DASK_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
_HOST_PORT = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9._-]+)):(?P<port>\d{1,5})$")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def check_scheduler(address: str) -> None:
    """'local', or a Dask scheduler address ([tcp|tls|ws|wss|ucx]://HOST:PORT); else a ConfigError.

    Checked without importing Dask, and before anything is written: Dask's own parser fails late,
    with a traceback (``missing port number``)."""
    if address == "local":
        return
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    match = _HOST_PORT.match(rest)
    if scheme not in DASK_SCHEMES or not match or not 0 < int(match["port"]) < 65536:
        raise ConfigError(f"scheduler: {address!r} is not a Dask scheduler address; "
                          "give 'local' or tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786)")


class Local:
    """Items scored here (``jobs=1``) or by ``jobs`` worker processes."""

    def __init__(self, options: Options, gate: Gate | None, jobs: int):
        self.options, self.gate, self.jobs = options, gate, jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Local":
        if self.jobs > 1:
            import multiprocessing

            # forkserver: no fork of a parent that runs threads (progress bar), but cheaper than spawn.
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            ctx = multiprocessing.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(["mtqe.corpus.item", "mtqe.pipeline"])
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx, initializer=_init_worker,
                                             initargs=(self.options, os.getpid()))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        if self._pool is None:
            for item in items:
                yield score(item, self.options, self.gate)
            return
        window = self.jobs * IN_FLIGHT_PER_WORKER
        pending: set = set()
        for item in items:
            pending.add(self._pool.submit(score, item, self.options, self.gate))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from map(_result, done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from map(_result, done)


def _result(fut) -> Outcome:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return fut.result()
    except BrokenProcessPool:
        raise MtqeError("a worker process died (out of memory?); finished items are saved: rerun with --resume") from None


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
    try:
        comparer_for(options)  # warm up: the model loads before the first item arrives
    except MtqeError:
        pass  # raised again by the first item's score(), so the parent reports it, not a broken pool


class Dask:
    """Items scored on a Dask cluster: at ``scheduler`` (an address), or a local one (``"local"``)."""

    def __init__(self, options: Options, gate: Gate | None, jobs: int, scheduler: str):
        check_scheduler(scheduler)
        self.options, self.gate, self.jobs, self.scheduler = options, gate, jobs, scheduler
        self._client = self._cluster = None

    def __enter__(self) -> "Dask":
        try:
            import distributed
        except ImportError:
            raise ConfigError("scheduler: Dask is not installed; pip install 'mtqe[dask]'") from None
        try:
            if self.scheduler == "local":
                import logging

                self._cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                         dashboard_address=None, silence_logs=logging.ERROR)
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(self.scheduler)  # timeout: distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as e:
            self.__exit__()
            raise ConfigError(f"scheduler: cannot reach the Dask scheduler at {self.scheduler!r} ({e})") from None
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        import distributed

        client = self._client
        workers = len(client.scheduler_info().get("workers", {})) or self.jobs
        window = max(2, workers * IN_FLIGHT_PER_WORKER)
        source = iter(items)
        ac = distributed.as_completed()

        def submit_next() -> bool:
            item = next(source, None)
            if item is None:
                return False
            ac.add(client.submit(score, item, self.options, self.gate, pure=False))
            return True

        for _ in range(window):
            if not submit_next():
                break
        for fut in ac:
            outcome = fut.result()
            fut.release()
            yield outcome
            submit_next()


def executor(options: Options, gate: Gate | None, jobs: int, scheduler: str | None = None) -> Local | Dask:
    """The executor for a run (not yet entered); a bad scheduler address is a ConfigError here."""
    return Dask(options, gate, jobs, scheduler) if scheduler else Local(options, gate, jobs)
