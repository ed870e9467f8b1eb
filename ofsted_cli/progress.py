"""The progress bar `ofsted parse` shows on stderr while a batch runs."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class ProgressBar:
    """A rich progress bar on stderr, refreshed from this thread only.

    No auto-refresh thread: the batch starts worker processes by forking, which is only safe
    while this process runs a single thread. The batch calls :meth:`advance` several times a
    second even while nothing finishes, which keeps the clock and estimate moving.
    """

    MIN_REFRESH = 0.1

    def __init__(self, total: int, console: Console) -> None:
        self._clock = time.monotonic
        self._last = 0.0
        self._progress = Progress(
            TextColumn("Parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("elapsed,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=console,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("parse", total=total, rate="")
        self._started = time.monotonic()
        self._progress.start()

    def advance(self, n: int) -> None:
        """Count ``n`` more files done (0: just let time move) and redraw, at most 10 a second."""
        if n:
            self._progress.advance(self._task, n)
        now = self._clock()
        if now - self._last >= self.MIN_REFRESH:
            self._last = now
            done = self._progress.tasks[0].completed
            elapsed = now - self._started
            rate = f"{done / elapsed:.1f} files/s" if elapsed > 0 and done else ""
            self._progress.update(self._task, rate=rate)
            self._progress.refresh()

    def echo(self, text: str) -> None:
        """A line on stderr above the bar, so the two do not overwrite each other."""
        self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        self._progress.stop()
