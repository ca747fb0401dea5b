"""The run loop: check everything that can fail for the whole run, then stream outcomes to the file.

Order matters, so that a run that cannot succeed writes nothing: the scheduler address, the
results to resume (their fingerprint), the whole manifest, the executor (a Dask scheduler must
answer); the results file is opened at the first finished item, so a run that fails before scoring
anything (a COMET model that will not load) leaves an earlier file as it was. Only the parent
writes it, one flushed line per finished item, in completion order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import ConfigError
from ..gate import Gate
from ..options import Options
from ..summary import Summary
from .executors import default_jobs, executor
from .fingerprint import fingerprint
from .item import Outcome
from .manifest import check_manifest, read_manifest
from .results import ResultsWriter, load_done


def check_report_paths(summary: str | Path | None = None, junit: str | Path | None = None) -> None:
    """Refuse, before any work, a summary or JUnit path that could not be written at the end."""
    if summary is not None:
        from ..render import summary_format

        summary_format(summary)  # the formats with a corpus summary, by extension (mtqe.render's registry)
    for what, path in (("summary", summary), ("junit", junit)):
        if path is None:
            continue
        p = Path(path)
        if p.is_dir():
            raise ConfigError(f"{what}: {p} is a directory")
        if not p.parent.is_dir():
            raise ConfigError(f"{what}: {p.parent}: no such directory")


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
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunResult:
    """Score every item of ``manifest``, writing one JSON line per item to ``output`` (a path or a text
    stream; default stdout) as each finishes. With a ``gate``, every report carries its verdict.

    Progress is reported through callbacks: ``on_start(items to score)`` once the manifest is
    checked, ``on_outcome(outcome)`` for every item (first those resumed from ``output``, marked
    ``resumed``, then each one scored). Returns counts and the corpus ``Summary``."""
    options = options or Options()
    jobs = jobs or default_jobs()
    result = RunResult()
    if resume and not isinstance(output, (str, Path)):
        raise ConfigError("resume: needs --output FILE (the results to resume)")
    ex = executor(options, gate, jobs, scheduler)
    stamp = fingerprint(options, gate)

    def record(outcome: Outcome) -> None:
        result.summary.add(outcome.id, outcome.digest)
        if on_outcome is not None:
            on_outcome(outcome)

    done = load_done(Path(output), stamp, record) if resume else set()
    result.items, result.skipped = check_manifest(manifest, done)
    with ex:
        sink = ResultsWriter(output, append=resume)
        todo = (item for item in read_manifest(manifest) if item.id not in done)
        if on_start:
            on_start(result.items - result.skipped)
        start = time.perf_counter()
        finished = False
        try:
            for outcome in ex.map(todo):
                sink.write(outcome.line)
                result.done += 1
                result.errors += outcome.error is not None
                record(outcome)
            finished = True
        finally:
            result.seconds = time.perf_counter() - start
            sink.close(finished)
    return result
