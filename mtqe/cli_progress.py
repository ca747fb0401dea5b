"""The corpus command's progress bar: rich on stderr, items/s, errors, ETA; silent off a terminal.

The library reports progress through ``corpus.run``'s callbacks (``on_start``, ``on_outcome``); this
is the CLI's listener for them, so only the CLI draws on the terminal.
"""

from __future__ import annotations

import sys


class ProgressBar:
    """``start(total)`` and ``advance(outcome)`` as run callbacks; a context manager that stops the bar."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress = None
        self._task = None
        self._errors = 0

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

    def advance(self, outcome) -> None:
        """One finished item (a ``corpus.Outcome``); items resumed from an earlier run do not move the bar."""
        if self._progress is None or outcome.resumed:
            return
        self._errors += outcome.error is not None
        self._progress.advance(self._task)
        speed = self._progress.tasks[0].speed
        self._progress.update(self._task, rate=f"{speed:.1f}" if speed else "-", errors=self._errors)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
